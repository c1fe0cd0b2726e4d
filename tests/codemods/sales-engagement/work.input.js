// Sales Engagement work items: a listener and a completion with a callback.
sforce.opencti.hvs.onWorkStart({
    listener: function (payload) { VendorPhone.dial(payload.attributes.phone); }
});

function finishStep(workId) {
    sforce.opencti.hvs.completeWork({
        workId: workId,
        attributes: { disposition: 'Connected' },
        callback: function (response) { console.log('completed', response.success); }
    });
}
