// The REAL Amazon Connect Streams SDK (npm amazon-connect-streams) loaded into the page, with its
// network stubbed: the CCP iframe that connect.core.initCCP creates is played by this file. It speaks
// the Streams conduit protocol over window.postMessage (acknowledge, agent::update snapshots,
// api_request / api_response), so the SDK's own code turns the snapshots into connect.agent /
// connect.contact callbacks and contact events, and every API request the SDK sends to the CCP
// (createOutboundContact, acceptContact, ...) is recorded as a vendor effect.
'use strict';

const CCP_ORIGIN = 'https://ctimod-test.my.connect.aws';

function install(window, ctx, options, requireTool) {
    const fs = require('fs');
    window.eval(fs.readFileSync(requireTool.resolve('amazon-connect-streams'), 'utf8'));
    const connect = window.connect;
    let frame = null;
    let contacts = [];
    let state = { name: 'Offline', type: 'offline' };
    let seq = 0;
    const now = () => new window.Date();

    const send = (event, data) => {
        if (!frame) return;
        const message = new window.MessageEvent('message', { data: { event, data }, origin: CCP_ORIGIN,
            source: frame.contentWindow });
        window.dispatchEvent(message);
    };
    const routingProfile = {
        name: 'Basic Routing Profile', routingProfileARN: 'arn:aws:connect:us-east-1:123456789012:instance/'
            + '11111111-2222-3333-4444-555555555555/routing-profile/basic',
        defaultOutboundQueue: { queueARN: 'arn:aws:connect:us-east-1:123456789012:instance/'
            + '11111111-2222-3333-4444-555555555555/queue/outbound', name: 'Outbound' },
        queues: [], channelConcurrencyMap: { VOICE: 1 }
    };
    const agentData = () => ({
        snapshot: { state: Object.assign({ timestamp: now() }, state), nextState: null, agentAvailabilityState: state,
            // a copy per update: the SDK tells what changed by comparing this snapshot with the last one
            contacts: contacts.map((c) => structuredClone(c.data)), snapshotTimestamp: now() },
        configuration: { name: 'Agent One', username: 'agent1', softphoneEnabled: true, permissions: ['outboundCall'],
            dialableCountries: ['us'], agentStates: [{ name: 'Available', type: 'routable' }], routingProfile,
            extension: '', agentPreferences: {} }
    });
    const update = () => send(connect.AgentEvents.UPDATE, agentData());
    const connection = (contactId, type, phoneNumber, initial, status) => ({
        connectionId: `${contactId}-${type}`, type, initial, endpoint: { type: 'telephone_number', phoneNumber,
            name: phoneNumber }, state: { type: status, timestamp: now() }, softphoneMediaInfo: {}
    });
    const contact = (step, inbound) => {
        const contactId = step.contactId || `contact-${++seq}`;
        const number = step.from || step.to;
        return {
            id: contactId,
            data: {
                contactId, initialContactId: contactId, type: 'voice', state: { type: 'connecting', timestamp: now() },
                initiationMethod: inbound ? 'INBOUND' : 'OUTBOUND', queue: { name: 'BasicQueue', queueARN: 'arn:q' },
                attributes: {}, contactFeatures: {},
                connections: [connection(contactId, 'agent', null, false, 'connecting'),
                    connection(contactId, inbound ? 'inbound' : 'outbound', number, true, 'connecting')]
            }
        };
    };
    const setState = (item, status) => {
        item.data.state = { type: status, timestamp: now() };
        item.data.connections.forEach((c) => {
            c.state = { type: status === 'ended' ? 'disconnected' : status, timestamp: now() };
        });
    };

    // The CCP frame: created by initCCP (the connector's init runs the legacy startup code). What the
    // SDK posts to it is the network: requests are recorded, answered, and acted on like the CCP would.
    const observer = new window.MutationObserver(() => {
        const found = [...window.document.querySelectorAll('iframe')].find((f) => /ccp/i.test(f.getAttribute('src') || ''));
        if (found && found !== frame) {
            frame = found;
            const target = frame.contentWindow;
            target.postMessage = (message) => upstream(message);
            window.setTimeout(() => send(connect.EventType.ACKNOWLEDGE, { id: 'ctimod-test-port' }), 0);
        }
    });
    observer.observe(window.document, { childList: true, subtree: true });
    const answers = {
        createOutboundContact(params) {
            ctx.vendor('connect.Agent.connect', [params.endpoint]);
            const item = contact({ to: params.endpoint.phoneNumber }, false);
            contacts.push(item);
            window.setTimeout(update, 0);
            return {};
        },
        acceptContact(params) {
            ctx.vendor('connect.Contact.accept', []);
            const item = contacts.find((c) => c.id === params.contactId);
            if (item) {
                setState(item, 'connected');
                window.setTimeout(update, 0);
            }
            return {};
        },
        rejectContact() {
            ctx.vendor('connect.Contact.reject', []);
            return {};
        },
        destroyConnection(params) {
            ctx.vendor('connect.Connection.destroy', [params.connectionId]);
            return {};
        },
        holdConnection(params) {
            ctx.vendor('connect.Connection.hold', [params.connectionId]);
            return {};
        },
        resumeConnection(params) {
            ctx.vendor('connect.Connection.resume', [params.connectionId]);
            return {};
        }
    };
    function upstream(message) {
        if (!message || !message.event) return;
        if (message.event === connect.EventType.API_REQUEST) {
            const request = message.data;
            const handler = answers[request.method];
            const data = handler ? handler(request.params || {}) : {};
            window.setTimeout(() => send(connect.EventType.API_RESPONSE, { requestId: request.requestId, data, err: null }), 0);
        } else if (message.event === connect.EventType.CONFIGURE || message.event === connect.EventType.SYNCHRONIZE) {
            ctx.registration(`ccp ${message.event}`, []);
        }
    }

    return {
        ownsFrames: true, // the CCP frame is this file's: what the SDK posts to it is recorded here
        agentReady() {
            state = { name: 'Available', type: 'routable' };
            update();
        },
        incoming(step) {
            const item = contact(step, step.inbound !== false);
            contacts.push(item);
            update();
        },
        connected() {
            // The agent accepts in the CCP: the CCP's own Streams sends the accepted broadcast, then the
            // next snapshot has the contact connected.
            const item = contacts[contacts.length - 1];
            const accepted = connect.ContactEvents.ACCEPTED;
            send(accepted, { contactId: item.id });
            send(connect.core.getContactEventName(accepted, item.id), { contactId: item.id });
            setState(item, 'connected');
            update();
        },
        ended() {
            const item = contacts[contacts.length - 1];
            setState(item, 'ended');
            update();
            contacts = contacts.filter((c) => c !== item);
            window.setTimeout(update, 0);
        }
    };
}

module.exports = { install };
