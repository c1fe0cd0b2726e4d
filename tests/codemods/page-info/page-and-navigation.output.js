// line 5: sforce.opencti.getAppViewInfo — review
// becomes: @wire(CurrentPageReference) (ctimodAppViewInfo())
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: readPage() (nothing calls it yet)
// todo: url, recordName, accountId/contactId and personAccount are not in a page reference (they are undefined); read them with getRecord if the logic needs them. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespond(Promise.resolve(this.ctimodAppViewInfo(false)), (response) => {
            if (response.success) { currentRecordId = response.returnValue.recordId; }
        })

// line 13: sforce.opencti.onNavigationChange — review
// becomes: listener called from @wire(CurrentPageReference)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: watchNavigation() (nothing calls it yet)
// todo: The listener runs when the page reference changes (the toolkit has no navigation events); it gets recordId and objectType only (url and recordName are undefined). Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this.ctimodOnNavigation((payload) => { console.log('now on', payload.recordId); }, false)

// line 19: sforce.interaction.getPageInfo — review
// becomes: @wire(CurrentPageReference) (ctimodAppViewInfo())
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: readClassicPage() (nothing calls it yet)
// todo: url, objectName, displayName, accountId/contactId and personAccount are not in a page reference (the JSON string holds objectId and object only); read them with getRecord if the logic needs them. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespondClassic(Promise.resolve(this.ctimodAppViewInfo(true)), (response) => {
        var info = JSON.parse(response.result);
        console.log(info.objectId);
    }, (info) => JSON.stringify(info))

// line 23: sforce.interaction.isInConsole — review
// becomes: @wire(IsConsoleNavigation)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: readClassicPage() (nothing calls it yet)
// todo: Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespondClassic(Promise.resolve(Boolean(this.isConsoleNavigation)), (response) => {
        console.log('console?', response.result);
    })
