// A Lightning click-to-dial listener that dials through the vendor SDK and can decline.
var agentAvailable = true;

function dialFromSalesforce(payload) {
    // only dial when the agent is free
    if (!agentAvailable) {
        return;
    }
    VendorPhone.dial(payload.number, { recordId: payload.recordId, label: payload.recordName, kind: payload.objectType });
}

function startSoftphone() {
    sforce.opencti.enableClickToDial({ callback: function (response) { console.log('click-to-dial on', response.success); } });
    sforce.opencti.onClickToDial({ listener: dialFromSalesforce });
}
