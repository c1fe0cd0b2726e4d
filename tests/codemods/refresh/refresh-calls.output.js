// line 3: sforce.opencti.refreshView — review
// becomes: lightning/uiRecordApi notifyRecordUpdateAvailable
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: afterLog() (nothing calls it yet)
// todo: notifyRecordUpdateAvailable needs record ids: ctimod passes the current page's record; add the ids of records this code changed.
ctimodRespond(notifyRecordUpdateAvailable(this.ctimodVisibleRecordIds()), (response) => { console.log('refreshed', response.success); }, () => null)

// line 7: sforce.interaction.refreshPage — review
// becomes: lightning/uiRecordApi notifyRecordUpdateAvailable
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: afterLogClassic() (nothing calls it yet)
// todo: notifyRecordUpdateAvailable needs record ids: ctimod passes the current page's record; add the ids of records this code changed.
ctimodRespondClassic(notifyRecordUpdateAvailable(this.ctimodVisibleRecordIds()), (response) => { console.log(response.result); }, () => true)

// line 8: sforce.interaction.refreshRelatedList — review
// becomes: lightning/uiRecordApi notifyRecordUpdateAvailable
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: afterLogClassic() (nothing calls it yet)
// todo: notifyRecordUpdateAvailable needs record ids: ctimod passes the current page's record; add the ids of records this code changed.
ctimodRespondClassic(notifyRecordUpdateAvailable(this.ctimodVisibleRecordIds()), (response) => { console.log(response.result); }, () => true)

// line 9: sforce.interaction.entityFeed.reloadFrame — manual
// becomes: removed: Case Feed is Classic-only
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: afterLogClassic() (nothing calls it yet)
// todo: Case Feed publishers (entityFeed) exist only in Salesforce Classic; rebuild the publisher as a Lightning quick action or LWC and refresh records with notifyRecordUpdateAvailable
void 0 /* TODO(ctimod): removed sforce.interaction.entityFeed.reloadFrame: Case Feed publishers (entityFeed) exist only in Salesforce Classic; rebuild the publisher as a Lightning quick action or LWC and refresh records with notifyRecordUpdateAvailable */
