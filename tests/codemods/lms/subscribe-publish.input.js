// Lightning Message Service through Open CTI: subscribe, publish, unsubscribe, and a computed channel.
var subscription = null;

function connectChannel() {
    sforce.opencti.subscribe({
        channelName: 'SoftphoneEvents__c',
        listener: function (message) { console.log('message', message.state); },
        callback: function (response) { subscription = response.returnValue.subscription; }
    });
}

function announce(callId) {
    sforce.opencti.publish({ channelName: 'SoftphoneEvents__c', message: { callId: callId, state: 'ringing' } });
}

function disconnectChannel() {
    sforce.opencti.unsubscribe({ subscription: subscription });
}

function publishTo(channel, payload) {
    sforce.opencti.publish({ channelName: channel, message: payload });
}
