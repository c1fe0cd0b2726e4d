// Pops Voice has no page reference for, and a pop whose type is only known at run time.
function searchCaller(ani) {
    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.SEARCH, params: { searchString: ani } });
}

function startFlow(callId) {
    sforce.opencti.screenPop({ type: 'flow', params: { flowDevName: 'Wrap_Up', flowArgs: [{ name: 'callId', type: 'String', value: callId }] } });
}

function popFromVendor(message) {
    sforce.opencti.screenPop({ type: message.popType, params: message.popParams });
}
