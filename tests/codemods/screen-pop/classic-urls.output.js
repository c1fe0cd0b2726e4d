// line 3: sforce.interaction.screenPop — review
// becomes: NavigationMixin standard__recordPage
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: popContact() (nothing calls it yet)
// todo: Check the pop target: Classic URLs were relative to Salesforce Classic; the 'force' argument has no meaning in Lightning. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespondClassic(this[NavigationMixin.Navigate]({ type: 'standard__recordPage', attributes: { recordId: contactId, actionName: 'view' } }), (response) => {
        if (response.error) { alert('pop failed: ' + response.error); }
    }, () => true, undefined, false)

// line 9: sforce.interaction.screenPop — review
// becomes: NavigationMixin standard__recordPage
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: popFixed() (nothing calls it yet)
// todo: Check the pop target: Classic URLs were relative to Salesforce Classic; the 'force' argument has no meaning in Lightning. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this[NavigationMixin.Navigate]({ type: 'standard__recordPage', attributes: { recordId: "003000000000001AAA", actionName: 'view' } })

// line 13: sforce.interaction.screenPop — review
// becomes: NavigationMixin page reference from the URL
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: popSearch() (nothing calls it yet)
// todo: Check the pop target: Classic URLs were relative to Salesforce Classic; the 'force' argument has no meaning in Lightning. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this[NavigationMixin.Navigate](ctimodUrlPageReference('/_ui/search/ui/UnifiedSearchResults?str=' + encodeURIComponent(ani)))
