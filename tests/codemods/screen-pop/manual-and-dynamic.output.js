// line 3: sforce.opencti.screenPop (SEARCH) — manual
// becomes: kept as a TODO: no page reference for SEARCH pops
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: searchCaller() (nothing calls it yet)
// todo: No page reference exists for global search results: show the matches for params.searchString in this component (for example a lightning-datatable) or navigate to one record. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: No page reference exists for global search results: show the matches for params.searchString in this component (for example a lightning-datatable) or navigate to one record.
ctimodUnsupported("screenPop SEARCH", ani) /* TODO(ctimod): No page reference exists for global search results: show the matches for searchString in this component (for example a lightning-datatable) or navigate to one record. */

// line 7: sforce.opencti.screenPop (FLOW) — manual
// becomes: kept as a TODO: no page reference for FLOW pops
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: startFlow() (nothing calls it yet)
// todo: No page reference launches a screen flow: embed <lightning-flow> with flowApiName params.flowDevName and its flowArgs as inputVariables in this component or a modal, or start an Omni-Channel flow. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: No page reference launches a screen flow: embed <lightning-flow> with flowApiName params.flowDevName and its flowArgs as inputVariables in this component or a modal, or start an Omni-Channel flow.
ctimodUnsupported("screenPop FLOW", 'Wrap_Up') /* TODO(ctimod): No page reference launches a screen flow: embed <lightning-flow> with flowApiName flowDevName and its flowArgs as inputVariables in this component or a modal, or start an Omni-Channel flow. */

// line 11: sforce.opencti.screenPop — review
// becomes: NavigationMixin page reference chosen at run time by ctimodPageReference()
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: popFromVendor() (nothing calls it yet)
// todo: The pop type is computed at run time; ctimodPageReference() maps SOBJECT, URL, OBJECTHOME, LIST and NEW_RECORD_MODAL. Any other type (SEARCH and FLOW have no page reference in Salesforce Voice) pops nothing: ctimodScreenPop() logs 'ctimod TODO: screen pop type <type> has no page reference in Salesforce Voice: nothing popped' and does not throw, so the statements after the call run, as with Open CTI; the converted call has no callback to answer, so nothing tells the code the pop failed (with Open CTI a SEARCH pop opened the search page). Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodScreenPop((reference) => this[NavigationMixin.Navigate](reference), message.popType, message.popParams).catch(() => undefined)
