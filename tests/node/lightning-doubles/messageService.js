// TEST DOUBLE of lightning/messageService (see README.md). publish records a `publish` effect with the
// channel's name and the message; subscribers of the same channel in this page receive it.
const fidelity = globalThis.__fidelity;
const subscriptions = [];

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

export class MessageContext {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {
        this.dataCallback({ messageContext: 'test-double' });
    }

    disconnect() {}

    update() {}
}

export function createMessageContext() {
    return { messageContext: 'test-double' };
}

export function releaseMessageContext() {}

function channelName(channel) {
    return channel && (channel.channelName || channel.fullName) || String(channel);
}

export function publish(messageContext, channel, message) {
    fidelity.effect({ effect: 'publish', channelName: channelName(channel), message }, 'lightning/messageService publish');
    subscriptions.filter((s) => s.channel === channelName(channel)).forEach((s) => s.listener(message));
}

export function subscribe(messageContext, channel, listener, options) {
    const subscription = { channel: channelName(channel), listener, options };
    subscriptions.push(subscription);
    return subscription;
}

export function unsubscribe(subscription) {
    const at = subscriptions.indexOf(subscription);
    if (at >= 0) subscriptions.splice(at, 1);
}
