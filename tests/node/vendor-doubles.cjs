// TEST DOUBLES of vendor telephony surfaces for the legacy side of the behavioural fidelity test.
//
// None of these is the vendor's SDK. Each implements the part of the documented surface legacy
// adapters use, RECORDS every action the adapter asks the vendor for (dial, accept, hang up,
// mute, hold, setup) as a `vendor` effect, and FIRES the vendor's events the way the real
// vendor does when a scenario step says so (a call rings, is answered, ends). Actions that make
// the real vendor emit an event do the same here (Twilio `conn.accept()` -> `connect` handlers;
// `Twilio.Device.disconnectAll()` -> `disconnect` handlers; Voice SDK `call.disconnect()` ->
// the call's `disconnect` event; Streams `contact.accept()` -> onAccepted / onConnected).
//
// Presets:
//   twilio-client-1x   window.Twilio.Device singleton (setup, ready/offline/error/incoming/connect/
//                      disconnect/cancel registrations, connect(params), disconnectAll) and
//                      Twilio.Connection objects (parameters, accept, reject, mute, unmute, disconnect)
//   twilio-voice-sdk-2x window.Twilio.Device class (on, register, connect({params}) -> Promise<Call>)
//                      and Call objects (parameters, on, accept, reject, disconnect, mute, isMuted)
//   amazon-connect-streams window.connect (core.initCCP, agent, contact, getLog, Endpoint/Address,
//                      enums), an Agent (getContacts, connect, mute, getPermissions, ...) and
//                      Contact / Connection objects
//   scripted           any global as a recording proxy (generic SDKs: CallDeck, Orbis, Nimbus ...):
//                      calls are recorded, functions passed to a method are captured as handlers
//                      under '<path>' or '<path>:<first string argument>' ('client.on:ringing'), and
//                      a scenario step fires them with JSON arguments.
'use strict';

function plain(value, depth = 0, window = null) {
    if (depth > 5) return '…';
    if (value === null || value === undefined) return value;
    if (typeof value === 'function') return value.__doublePath ? `[double ${value.__doublePath}]` : '[function]';
    if (typeof value !== 'object') return value;
    if (value.__doublePath) return `[double ${value.__doublePath}]`;
    if (window && window.Node && value instanceof window.Node) {
        return value.id ? `[element #${value.id}]` : `[element ${value.nodeName ? value.nodeName.toLowerCase() : '?'}]`;
    }
    if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1, window));
    if (value instanceof Map) return plain(Object.fromEntries(value), depth + 1, window);
    const out = {};
    for (const key of Object.keys(value).sort()) {
        const v = value[key];
        if (v !== undefined) out[key] = plain(v, depth + 1, window);
    }
    return out;
}

// ------------------------------------------------------------------------- scripted proxies

// A value from the scenario: JSON, with {"$fn": v} for a function returning v,
// {"$double": "name"} for a scripted double of that name and {"$promise": v} for a resolved Promise.
function materialize(spec, ctx) {
    if (Array.isArray(spec)) return spec.map((s) => materialize(s, ctx));
    if (spec && typeof spec === 'object') {
        if (Object.prototype.hasOwnProperty.call(spec, '$fn')) {
            const value = materialize(spec.$fn, ctx);
            return () => value;
        }
        if (Object.prototype.hasOwnProperty.call(spec, '$double')) return scripted(spec.$double, ctx);
        if (Object.prototype.hasOwnProperty.call(spec, '$promise')) return Promise.resolve(materialize(spec.$promise, ctx));
        const out = {};
        for (const [key, value] of Object.entries(spec)) out[key] = materialize(value, ctx);
        return out;
    }
    return spec;
}

function scripted(pathName, ctx) {
    ctx.doubles = ctx.doubles || new Map();
    if (ctx.doubles.has(pathName)) return ctx.doubles.get(pathName);
    const spec = ctx.scripted || {};
    const children = new Map();
    const assigned = new Map();
    const target = function double() {};
    const proxy = new Proxy(target, {
        get(_, property) {
            if (property === '__doublePath') return pathName;
            if (property === 'then') return undefined;
            if (typeof property === 'symbol') {
                return property === Symbol.toPrimitive ? () => `[double ${pathName}]` : undefined;
            }
            if (property === 'toJSON') return () => `[double ${pathName}]`;
            if (assigned.has(property)) return assigned.get(property);
            const full = `${pathName}.${property}`;
            if (spec.props && Object.prototype.hasOwnProperty.call(spec.props, full)) return materialize(spec.props[full], ctx);
            if (!children.has(property)) children.set(property, scripted(full, ctx));
            return children.get(property);
        },
        set(_, property, value) {
            assigned.set(property, value);
            return true;
        },
        apply(_, thisArg, args) {
            // on('event', fn) / onX(fn) register handlers; anything else (dial({...}, callback)
            // included) is an action the adapter asked the vendor for. Functions passed either way
            // are captured so a step can fire them.
            const functions = args.filter((a) => typeof a === 'function');
            const key = typeof args[0] === 'string' ? `${pathName}:${args[0]}` : pathName;
            functions.forEach((fn) => ctx.handler(key, fn));
            const registration = functions.length > 0
                && args.every((a, i) => typeof a === 'function' || (i === 0 && typeof a === 'string'));
            if (registration) {
                ctx.registration(pathName, args);
            } else if (!(spec.quiet || []).some((q) => pathName === q || pathName.startsWith(`${q}.`))) {
                ctx.vendor(pathName, args);
            }
            if (spec.returns && Object.prototype.hasOwnProperty.call(spec.returns, pathName)) {
                return materialize(spec.returns[pathName], ctx);
            }
            return scripted(`${pathName}()`, ctx);
        },
        construct(_, args) {
            ctx.vendor(`new ${pathName}`, args);
            const count = (ctx.instances[pathName] = (ctx.instances[pathName] || 0) + 1);
            const name = (spec.instances && spec.instances[pathName]) || `${pathName}#${count}`;
            return scripted(name, ctx);
        }
    });
    ctx.doubles.set(pathName, proxy);
    return proxy;
}

// ------------------------------------------------------------------------- Twilio Client 1.x

function twilioClient1x(window, ctx) {
    const handlers = {};
    let active = null;
    let outbound = 0;
    const emit = (event, ...args) => (handlers[event] || []).slice().forEach((fn) => ctx.call(fn, args, `Twilio.Device ${event}`));
    const register = (event) => function (fn) {
        if (typeof fn === 'function') {
            (handlers[event] = handlers[event] || []).push(fn);
            ctx.registration(`Twilio.Device.${event}`, [fn]);
        }
        return Device;
    };

    function connection(parameters) {
        const own = {};
        const conn = {
            parameters: Object.assign({}, parameters),
            accept(fn) {
                if (typeof fn === 'function') {
                    (own.accept = own.accept || []).push(fn);
                    return;
                }
                ctx.vendor('Twilio.Connection.accept', []);
                active = conn;
                ctx.later(() => {
                    (own.accept || []).forEach((h) => ctx.call(h, [conn], 'Connection accept'));
                    emit('connect', conn);
                });
            },
            reject() {
                ctx.vendor('Twilio.Connection.reject', []);
                if (active === conn) active = null;
            },
            ignore() {
                ctx.vendor('Twilio.Connection.ignore', []);
            },
            mute(value) {
                ctx.vendor('Twilio.Connection.mute', value === undefined ? [] : [value]);
            },
            unmute() {
                ctx.vendor('Twilio.Connection.unmute', []);
            },
            isMuted() {
                return false;
            },
            sendDigits(digits) {
                ctx.vendor('Twilio.Connection.sendDigits', [digits]);
            },
            disconnect(fn) {
                if (typeof fn === 'function') {
                    (own.disconnect = own.disconnect || []).push(fn);
                    return;
                }
                ctx.vendor('Twilio.Connection.disconnect', []);
                end(conn);
            },
            status() {
                return active === conn ? 'open' : 'pending';
            }
        };
        conn.__own = own;
        return conn;
    }

    function end(conn) {
        if (!conn) return;
        if (active === conn) active = null;
        ctx.later(() => {
            (conn.__own.disconnect || []).forEach((h) => ctx.call(h, [conn], 'Connection disconnect'));
            emit('disconnect', conn);
        });
    }

    const Device = {
        setup(token, options) {
            ctx.vendor('Twilio.Device.setup', ['<token>', options]);
        },
        ready: register('ready'),
        offline: register('offline'),
        error: register('error'),
        incoming: register('incoming'),
        cancel: register('cancel'),
        presence: register('presence'),
        disconnect: register('disconnect'),
        connect(arg) {
            if (typeof arg === 'function') return register('connect')(arg);
            ctx.vendor('Twilio.Device.connect', [arg]);
            active = connection(Object.assign({ CallSid: `CA-outbound-${++outbound}` }, arg || {}));
            return active;
        },
        disconnectAll() {
            ctx.vendor('Twilio.Device.disconnectAll', []);
            end(active);
        },
        activeConnection() {
            return active;
        },
        status() {
            return 'ready';
        },
        destroy() {
            ctx.vendor('Twilio.Device.destroy', []);
        }
    };
    window.Twilio = { Device };
    return {
        ready() {
            emit('ready', Device);
        },
        offline() {
            emit('offline', Device);
        },
        incoming(step) {
            active = connection({ From: step.from, To: step.to || 'client:agent', CallSid: step.callId });
            emit('incoming', active);
        },
        answered() {
            emit('connect', active);
        },
        remoteHangup() {
            end(active);
        },
        cancel() {
            const conn = active;
            active = null;
            emit('cancel', conn);
        }
    };
}

// ------------------------------------------------------------------------- Twilio Voice SDK 2.x

function twilioVoiceSdk2x(window, ctx) {
    const devices = [];
    let outbound = 0;

    class Emitter {
        constructor(name) {
            this.__name = name;
            this.__handlers = {};
        }

        on(event, fn) {
            // a call's __refused: the events whose registration throws (step.refused of the incoming step)
            if ((this.__refused || []).includes(event)) throw new Error(`${this.__name}.on('${event}') failed`);
            (this.__handlers[event] = this.__handlers[event] || []).push(fn);
            ctx.registration(`${this.__name}.on`, [event, fn]);
            return this;
        }

        addListener(event, fn) {
            return this.on(event, fn);
        }

        once(event, fn) {
            const wrapper = (...args) => {
                this.removeListener(event, wrapper);
                fn(...args);
            };
            return this.on(event, wrapper);
        }

        off(event, fn) {
            return this.removeListener(event, fn);
        }

        removeListener(event, fn) {
            this.__handlers[event] = (this.__handlers[event] || []).filter((h) => h !== fn);
            return this;
        }

        removeAllListeners(event) {
            if (event) delete this.__handlers[event];
            else this.__handlers = {};
            return this;
        }

        emit(event, ...args) {
            (this.__handlers[event] || []).slice().forEach((fn) => ctx.call(fn, args, `${this.__name} ${event}`));
        }
    }

    class Call extends Emitter {
        constructor(parameters, direction) {
            super('Twilio.Call');
            this.parameters = Object.assign({}, parameters);
            this.customParameters = new Map();
            this.direction = direction;
            this.__muted = false;
            this.__status = direction === 'INCOMING' ? 'pending' : 'connecting';
        }

        accept(options) {
            ctx.vendor('Twilio.Call.accept', options === undefined ? [] : [options]);
            this.__status = 'open';
            ctx.later(() => this.emit('accept', this));
        }

        reject() {
            ctx.vendor('Twilio.Call.reject', []);
            this.__status = 'closed';
            ctx.later(() => this.emit('reject'));
        }

        ignore() {
            ctx.vendor('Twilio.Call.ignore', []);
        }

        disconnect() {
            ctx.vendor('Twilio.Call.disconnect', []);
            this.__end();
        }

        mute(shouldMute = true) {
            ctx.vendor('Twilio.Call.mute', [shouldMute]);
            this.__muted = Boolean(shouldMute);
            ctx.later(() => this.emit('mute', this.__muted, this));
        }

        isMuted() {
            return this.__muted;
        }

        sendDigits(digits) {
            ctx.vendor('Twilio.Call.sendDigits', [digits]);
        }

        status() {
            return this.__status;
        }

        __end() {
            if (this.__status === 'closed') return;
            this.__status = 'closed';
            ctx.later(() => this.emit('disconnect', this));
        }
    }

    class Device extends Emitter {
        constructor(token, options) {
            super('Twilio.Device');
            ctx.vendor('new Twilio.Device', ['<token>', options]);
            this.calls = [];
            this.state = 'unregistered';
            devices.push(this);
        }

        register() {
            ctx.vendor('Twilio.Device.register', []);
            this.state = 'registering';
            ctx.later(() => {
                this.state = 'registered';
                this.emit('registered');
            });
            return Promise.resolve();
        }

        unregister() {
            ctx.vendor('Twilio.Device.unregister', []);
            ctx.later(() => {
                this.state = 'unregistered';
                this.emit('unregistered');
            });
            return Promise.resolve();
        }

        connect(options) {
            ctx.vendor('Twilio.Device.connect', [options]);
            const params = (options && options.params) || {};
            const call = new Call(Object.assign({ CallSid: `CA-outbound-${++outbound}` }, params), 'OUTGOING');
            this.calls.push(call);
            return Promise.resolve(call);
        }

        updateToken() {
            ctx.vendor('Twilio.Device.updateToken', ['<token>']);
        }

        disconnectAll() {
            ctx.vendor('Twilio.Device.disconnectAll', []);
            this.calls.forEach((call) => call.__end());
        }

        destroy() {
            ctx.vendor('Twilio.Device.destroy', []);
        }
    }
    Device.EventName = { Error: 'error', Incoming: 'incoming', Destroyed: 'destroyed', Unregistered: 'unregistered',
        Registering: 'registering', Registered: 'registered', TokenWillExpire: 'tokenWillExpire' };
    Device.State = { Destroyed: 'destroyed', Unregistered: 'unregistered', Registering: 'registering',
        Registered: 'registered' };
    window.Twilio = { Device, Call };
    const device = () => devices[devices.length - 1];
    const current = () => {
        const d = device();
        return d && d.calls.filter((c) => c.__status !== 'closed').slice(-1)[0];
    };
    return {
        incoming(step) {
            const d = device();
            const call = new Call({ From: step.from, To: step.to || 'client:agent', CallSid: step.callId }, 'INCOMING');
            call.__refused = step.refused || [];
            d.calls.push(call);
            d.emit('incoming', call);
        },
        answered() {
            const call = current();
            call.__status = 'open';
            call.emit('accept', call);
        },
        remoteHangup() {
            current().__end();
        },
        cancel() {
            const call = current();
            call.__status = 'closed';
            call.emit('cancel');
        }
    };
}

// ------------------------------------------------------------------------- Amazon Connect Streams

function amazonConnectStreams(window, ctx) {
    const agentHandlers = [];
    const contactHandlers = [];
    const contacts = [];
    let agentReady = false;
    const log = {};
    ['info', 'warn', 'error', 'debug', 'trace', 'log'].forEach((level) => {
        log[level] = () => ({ withException: () => log, withObject: () => log, sendInternalLogToServer: () => log });
    });

    function connection(type, phoneNumber, contact) {
        const endpoint = { type: 'phone_number', phoneNumber, name: phoneNumber };
        return {
            getType: () => type,
            getEndpoint: () => endpoint,
            getAddress: () => endpoint,
            getConnectionId: () => `${contact.id}-${type}`,
            getContactId: () => contact.id,
            isActive: () => true,
            hold(callbacks) {
                ctx.vendor('connect.Connection.hold', [type]);
                if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
            },
            resume(callbacks) {
                ctx.vendor('connect.Connection.resume', [type]);
                if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
            },
            destroy(callbacks) {
                ctx.vendor('connect.Connection.destroy', [type]);
                if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
                ctx.later(() => endContact(contact));
            },
            muteParticipant() {
                ctx.vendor('connect.Connection.muteParticipant', [type]);
            }
        };
    }

    function makeContact(step, inbound) {
        const id = step.contactId || `contact-${contacts.length + 1}`;
        const handlers = {};
        const attributes = {};
        for (const [name, value] of Object.entries(step.attributes || {})) attributes[name] = { name, value };
        const contact = { id, handlers, ended: false };
        const customer = connection(inbound ? 'inbound' : 'outbound', step.from || step.to, contact);
        const agentConnection = connection('agent', 'agent', contact);
        const subscribe = (event) => (fn) => {
            // step.refused: the contact events whose registration throws (a Streams build that fails one of them)
            if ((step.refused || []).includes(event)) throw new Error(`connect.Contact.${event} failed`);
            (handlers[event] = handlers[event] || []).push(fn);
            ctx.registration(`connect.Contact.${event}`, [fn]);
        };
        Object.assign(contact, {
            getContactId: () => id,
            getOriginalContactId: () => id,
            getType: () => 'voice',
            isInbound: () => inbound,
            isConnected: () => !contact.ended,
            isSoftphoneCall: () => true,
            getInitialConnection: () => customer,
            getActiveInitialConnection: () => customer,
            getConnections: () => [agentConnection, customer],
            getAgentConnection: () => agentConnection,
            getThirdPartyConnections: () => [],
            getAttributes: () => attributes,
            getQueue: () => ({ name: step.queue || 'BasicQueue', queueARN: 'arn:aws:connect:queue/basic' }),
            getStatus: () => ({ type: contact.ended ? 'ended' : 'connected' }),
            accept(callbacks) {
                ctx.vendor('connect.Contact.accept', []);
                if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
                ctx.later(() => fire(contact, 'onAccepted'));
                ctx.later(() => fire(contact, 'onConnected'));
            },
            reject(callbacks) {
                ctx.vendor('connect.Contact.reject', []);
                if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
            },
            destroy() {
                ctx.vendor('connect.Contact.destroy', []);
            },
            clear(callbacks) {
                ctx.vendor('connect.Contact.clear', []);
                if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
            },
            complete(callbacks) {
                ctx.vendor('connect.Contact.complete', []);
                if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
            },
            addConnection(endpoint, callbacks) {
                ctx.vendor('connect.Contact.addConnection', [endpoint]);
                if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
            }
        });
        ['onRefresh', 'onIncoming', 'onPending', 'onConnecting', 'onAccepted', 'onMissed', 'onEnded', 'onDestroy',
            'onACW', 'onConnected', 'onError'].forEach((event) => {
            contact[event] = subscribe(event);
        });
        return contact;
    }

    function fire(contact, event) {
        (contact.handlers[event] || []).slice().forEach((fn) => ctx.call(fn, [contact], `contact ${event}`));
    }

    function endContact(contact) {
        if (contact.ended) return;
        contact.ended = true;
        fire(contact, 'onEnded');
        const at = contacts.indexOf(contact);
        if (at >= 0) contacts.splice(at, 1);
    }

    const agentStates = [{ name: 'Available', type: 'routable' }, { name: 'Offline', type: 'offline' }];
    const agent = {
        getContacts: (type) => contacts.filter((c) => !type || type === 'voice'),
        connect(endpoint, callbacks) {
            ctx.vendor('connect.Agent.connect', [endpoint]);
            if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
        },
        getPermissions: () => ['outboundCall'],
        getConfiguration: () => ({ username: 'agent1', name: 'Agent One', softphoneEnabled: true }),
        getName: () => 'Agent One',
        getState: () => agentStates[0],
        getAgentStates: () => agentStates,
        getRoutingProfile: () => ({ name: 'Basic Routing Profile' }),
        setState(state, callbacks) {
            ctx.vendor('connect.Agent.setState', [state && state.name]);
            if (callbacks && callbacks.success) ctx.later(() => callbacks.success());
        },
        mute() {
            ctx.vendor('connect.Agent.mute', []);
        },
        unmute() {
            ctx.vendor('connect.Agent.unmute', []);
        },
        getEndpoints(queueARNs, callbacks) {
            if (callbacks && callbacks.success) ctx.later(() => callbacks.success({ endpoints: [], addresses: [] }));
        },
        getAllQueueARNs: () => []
    };
    ['onRefresh', 'onStateChange', 'onRoutable', 'onNotRoutable', 'onOffline', 'onError', 'onSoftphoneError',
        'onAfterCallWork', 'onMuteToggle', 'onLocalMediaStreamCreated', 'onContactPending'].forEach((event) => {
        agent[event] = (fn) => ctx.registration(`connect.Agent.${event}`, [fn]);
    });

    const byPhoneNumber = (phoneNumber, name) => ({ type: 'phone_number', phoneNumber, name: name || phoneNumber });
    window.connect = {
        core: {
            initCCP(container, config) {
                ctx.vendor('connect.core.initCCP', [container, config]);
            },
            terminate() {
                ctx.vendor('connect.core.terminate', []);
            },
            getEventBus: () => ({ subscribe: () => ({ unsubscribe() {} }) }),
            onViewContact: () => undefined
        },
        agent(fn) {
            agentHandlers.push(fn);
            ctx.registration('connect.agent', [fn]);
            if (agentReady) ctx.later(() => ctx.call(fn, [agent], 'connect.agent'));
        },
        contact(fn) {
            contactHandlers.push(fn);
            ctx.registration('connect.contact', [fn]);
        },
        getLog: () => log,
        Endpoint: { byPhoneNumber },
        Address: { byPhoneNumber },
        ContactType: { VOICE: 'voice', QUEUE_CALLBACK: 'queue_callback', CHAT: 'chat', TASK: 'task' },
        ConnectionType: { AGENT: 'agent', INBOUND: 'inbound', OUTBOUND: 'outbound', MONITORING: 'monitoring' },
        AgentStateType: { INIT: 'init', ROUTABLE: 'routable', NOT_ROUTABLE: 'not_routable', OFFLINE: 'offline' },
        ContactStateType: { INIT: 'init', INCOMING: 'incoming', PENDING: 'pending', CONNECTING: 'connecting',
            CONNECTED: 'connected', MISSED: 'missed', ERROR: 'error', ENDED: 'ended' },
        EndpointType: { PHONE_NUMBER: 'phone_number', AGENT: 'agent', QUEUE: 'queue' }
    };
    return {
        agentReady() {
            agentReady = true;
            agentHandlers.slice().forEach((fn) => ctx.call(fn, [agent], 'connect.agent'));
        },
        incoming(step) {
            const contact = makeContact(step, step.inbound !== false);
            contacts.push(contact);
            contactHandlers.slice().forEach((fn) => ctx.call(fn, [contact], 'connect.contact'));
            fire(contact, 'onConnecting');
        },
        connected() {
            const contact = contacts[contacts.length - 1];
            fire(contact, 'onAccepted');
            fire(contact, 'onConnected');
        },
        ended() {
            endContact(contacts[contacts.length - 1]);
        }
    };
}

const PRESETS = {
    'twilio-client-1x': twilioClient1x,
    'twilio-voice-sdk-2x': twilioVoiceSdk2x,
    'amazon-connect-streams': amazonConnectStreams
};

module.exports = { PRESETS, scripted, materialize, plain };
