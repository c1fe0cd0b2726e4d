// line 12: sforce.opencti.onNavigationChange — manual
// becomes: not converted: the listener reads recordName, url
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: watchNavigation() (nothing calls it yet)
// todo: The listener reads `recordName`, `url` of the navigation payload, which a page reference does not give (it has recordId and objectType only): not registered; rewrite it over @wire(CurrentPageReference) or getRecord.
void 0 /* TODO(ctimod): the listener reads `recordName`, `url` of the navigation payload, which a page reference does not give (it has recordId and objectType only): not registered; rewrite it over @wire(CurrentPageReference) or getRecord */

// line 13: sforce.opencti.onNavigationChange — review
// becomes: listener called from @wire(CurrentPageReference)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: watchNavigation() (nothing calls it yet)
// todo: The listener runs when the page reference changes (the toolkit has no navigation events); it gets recordId and objectType only (url and recordName are undefined). Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this.ctimodOnNavigation((info) => { console.log(info.recordId); }, false)
