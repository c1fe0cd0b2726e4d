// line 3: sforce.opencti.refreshView — review
// becomes: lightning/uiRecordApi notifyRecordUpdateAvailable
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: afterLog() (nothing calls it yet)
// todo: notifyRecordUpdateAvailable needs record ids: ctimod passes the current page's record; add the ids of records this code changed. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespond(notifyRecordUpdateAvailable(this.ctimodVisibleRecordIds()), (response) => { console.log('refreshed', response.success); }, () => null)

// line 7: sforce.interaction.refreshPage — review
// becomes: lightning/uiRecordApi notifyRecordUpdateAvailable
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: afterLogClassic() (nothing calls it yet)
// todo: notifyRecordUpdateAvailable needs record ids: ctimod passes the current page's record; add the ids of records this code changed. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespondClassic(notifyRecordUpdateAvailable(this.ctimodVisibleRecordIds()), (response) => { console.log(response.result); }, () => true, undefined, false)

// line 8: sforce.interaction.refreshRelatedList — review
// becomes: lightning/uiRecordApi notifyRecordUpdateAvailable
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: afterLogClassic() (nothing calls it yet)
// todo: notifyRecordUpdateAvailable needs record ids: ctimod passes the current page's record; add the ids of records this code changed. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespondClassic(notifyRecordUpdateAvailable(this.ctimodVisibleRecordIds()), (response) => { console.log(response.result); }, () => true, undefined, false)

// line 9: sforce.interaction.entityFeed.reloadFrame — manual
// becomes: removed: Case Feed is Classic-only
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: afterLogClassic() (nothing calls it yet)
// todo: Case Feed publishers (entityFeed) exist only in Salesforce Classic; rebuild the publisher as a Lightning quick action or LWC and refresh records with notifyRecordUpdateAvailable
void 0 /* TODO(ctimod): removed sforce.interaction.entityFeed.reloadFrame: Case Feed publishers (entityFeed) exist only in Salesforce Classic; rebuild the publisher as a Lightning quick action or LWC and refresh records with notifyRecordUpdateAvailable */
