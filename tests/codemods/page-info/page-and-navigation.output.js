// line 5: sforce.opencti.getAppViewInfo — review
// becomes: @wire(CurrentPageReference) (ctimodAppViewInfo())
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: readPage()
// todo: recordName, accountId/contactId and personAccount are not in a page reference; read them with getRecord if the logic needs them.
ctimodRespond(Promise.resolve(this.ctimodAppViewInfo(false)), (response) => {
            if (response.success) { currentRecordId = response.returnValue.recordId; }
        })

// line 13: sforce.opencti.onNavigationChange — review
// becomes: listener called from @wire(CurrentPageReference)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: watchNavigation()
// todo: The listener runs when the page reference changes (the toolkit has no navigation events); it gets {url, recordId, objectType} only.
this.ctimodOnNavigation((payload) => { console.log('now on', payload.recordId); }, false)

// line 19: sforce.interaction.getPageInfo — review
// becomes: @wire(CurrentPageReference) (ctimodAppViewInfo())
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: readClassicPage()
// todo: recordName, accountId/contactId and personAccount are not in a page reference; read them with getRecord if the logic needs them.
ctimodRespondClassic(Promise.resolve(this.ctimodAppViewInfo(true)), (response) => {
        var info = JSON.parse(response.result);
        console.log(info.objectId);
    }, (info) => JSON.stringify(info))

// line 23: sforce.interaction.isInConsole — auto
// becomes: @wire(IsConsoleNavigation)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: readClassicPage()
ctimodRespondClassic(Promise.resolve(Boolean(this.isConsoleNavigation)), (response) => {
        console.log('console?', response.result);
    })
