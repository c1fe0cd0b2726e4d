// Every SCREENPOP_TYPE a Lightning adapter pops, from one incoming-call handler.
function onIncomingCall(call) {
    sforce.opencti.screenPop({
        type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
        params: { recordId: call.contactId },
        callback: function (response) {
            // the adapter only logs failures
            if (!response.success) { console.warn('pop failed', response.errors); }
        }
    });
    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.URL, params: { url: '/apex/CallNotes?ani=' + call.ani } });
    sforce.opencti.screenPop({ type: 'objecthome', params: { scope: 'Case' } });
    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.LIST, params: { listViewId: call.queueView, scope: 'Case' } });
    sforce.opencti.screenPop({
        type: sforce.opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL,
        params: { entityName: 'Case', defaultFieldValues: { Subject: 'Call from ' + call.ani, Origin: 'Phone' } }
    });
}
