// The CONNECTOR side of the vendor comparison (issue 13): runs a generated connector the way
// Salesforce does (jsdom, connector/index.html as the page, the real @salesforce/scv-connector-base,
// the SETUP_CONNECTOR handshake and Salesforce's messages over the MessagePort) with its vendor
// played by the LABELLED TEST DOUBLES of tests/node/vendor-doubles.cjs (the same the legacy side
// uses), or by the real vendor SDK from npm with its network stubbed (options.real). A scenario
// drives it from both sides: the vendor's events (a call rings, is answered, ends; a window message
// from the vendor frame) and Salesforce's (DIAL, ACCEPT_CALL, MUTE, HOLD, RESUME, END_CALL ...).
//
// Usage: node vendor-connector.cjs TOOLCHAIN_DIR CONNECTOR_DIR OPTIONS_JSON
// options: {base, settings, vendor: scenario.vendor, http, steps: [...], real?: {sdk, ...}}
// steps: {do: 'vendor', event, ...} | {do: 'fire', handler, args} | {do: 'message', origin, data, source}
//        | {do: 'salesforce', type, phase, contact?} (the call is the one Salesforce last heard of)
//        | {do: 'eval', code} | {do: 'wait', ms}
// Prints one JSON line: {ready, effects, events, errors, warnings, unsettled} where effects are the vendor
// actions ({phase, path, args}, HTTP as path 'http') and events the telephony events the connector
// published or the base dispatched ({phase, type, payload}); unsettled names the phases whose work was
// still in flight when the wait for it gave up (SETTLE_CAP_MS), which no run should have.
//
// After each step the harness waits until the work the step started has run out, not for a fixed time:
// no short timer (<= 50 ms: the doubles' callbacks, the fake network's answers, deferred connector work)
// or animation frame pending, no promise a handler returned unsettled, no message between Salesforce and
// the base in flight, and the base's handler of every Salesforce message settled (it answers once the
// connector's method settles, which may wait for a vendor callback). A loaded machine makes that wait
// longer, never shorter than the work, so a phase collects everything its step caused.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { MessageChannel } = require('worker_threads');
const { PRESETS, scripted, materialize, plain } = require('./vendor-doubles.cjs');

const [toolchainDir, connectorDir, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson || '{}');
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));
const SALESFORCE_ORIGIN = 'https://acme.lightning.force.com';
// A generous cap on the wait for a step's work (see above): reached only when something never settles.
const SETTLE_CAP_MS = 10000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const turn = () => new Promise((resolve) => setImmediate(resolve));

function basePackageMain() {
    if (options.base) {
        const pkg = JSON.parse(fs.readFileSync(path.join(options.base, 'package.json'), 'utf8'));
        return path.resolve(options.base, pkg.main || 'index.js');
    }
    return requireTool.resolve('@salesforce/scv-connector-base');
}

function bundle() {
    const esbuild = requireTool('esbuild');
    const result = esbuild.buildSync({
        entryPoints: [path.join(connectorDir, 'src', 'index.js')], bundle: true, write: false, format: 'iife',
        platform: 'browser', alias: { '@salesforce/scv-connector-base': basePackageMain() }, logLevel: 'silent',
        target: 'es2020'
    });
    // Test-speed knob only: the generated connector waits up to 10 s for the legacy readiness signal.
    return result.outputFiles[0].text.replace(/CTIMOD_INIT_TIMEOUT_MS = 1e4|CTIMOD_INIT_TIMEOUT_MS = 10000/,
        'CTIMOD_INIT_TIMEOUT_MS = 300');
}

async function main() {
    const { JSDOM, VirtualConsole } = requireTool('jsdom');
    const errors = [];
    const warnings = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('jsdomError', (error) => errors.push(`uncaught: ${error && (error.detail && error.detail.message
        || error.message) || error}`));
    virtualConsole.on('error', (...args) => warnings.push(args.map(String).join(' ').slice(0, 300)));
    virtualConsole.on('warn', (...args) => warnings.push(args.map(String).join(' ').slice(0, 300)));
    process.on('unhandledRejection', (reason) => errors.push(`unhandled rejection: ${reason && reason.message || reason}`));

    // The connector's page as ctimod wrote it (vendor containers and iframes included); its scripts are
    // not fetched: the vendor double (or the real SDK) stands in for the vendor's script tags.
    const page = fs.readFileSync(path.join(connectorDir, 'index.html'), 'utf8');
    const dom = new JSDOM(page, {
        url: 'https://vendor.example.com/connector/index.html', runScripts: 'outside-only', pretendToBeVisual: true,
        virtualConsole
    });
    const window = dom.window;

    // ---------------------------------------------------------------- work in flight (what a step waits for)
    const work = { timers: new Set(), frames: new Set(), promises: 0, toBase: 0, fromBase: 0, handling: 0 };
    const busy = () => work.timers.size + work.frames.size + work.promises + work.toBase + work.fromBase
        + work.handling > 0;
    const realSetTimeout = window.setTimeout.bind(window);
    const realClearTimeout = window.clearTimeout.bind(window);
    window.setTimeout = (fn, ms, ...args) => {
        if (!(Number(ms) <= 50)) return realSetTimeout(fn, ms, ...args); // a time-out, not deferred work
        const id = realSetTimeout((...a) => {
            work.timers.delete(id);
            return typeof fn === 'function' ? fn(...a) : window.eval(String(fn));
        }, ms, ...args);
        work.timers.add(id);
        return id;
    };
    window.clearTimeout = (id) => {
        work.timers.delete(id);
        realClearTimeout(id);
    };
    if (typeof window.requestAnimationFrame === 'function') {
        const realFrame = window.requestAnimationFrame.bind(window);
        const realCancelFrame = window.cancelAnimationFrame.bind(window);
        window.requestAnimationFrame = (fn) => {
            const id = realFrame((time) => {
                work.frames.delete(id);
                fn(time);
            });
            work.frames.add(id);
            return id;
        };
        window.cancelAnimationFrame = (id) => {
            work.frames.delete(id);
            realCancelFrame(id);
        };
    }
    const track = (promise) => {
        work.promises += 1;
        const done = () => {
            work.promises -= 1;
        };
        promise.then(done, done);
    };
    // A window 'message' listener may be async (the base's SETUP_CONNECTOR handler awaits init(); a
    // connector's bridge listener awaits its sub-handlers): the promise it returns is work in flight.
    const tracked = new WeakMap();
    const addListener = window.addEventListener.bind(window);
    const removeListener = window.removeEventListener.bind(window);
    window.addEventListener = (type, listener, ...rest) => {
        if (type !== 'message' || typeof listener !== 'function') return addListener(type, listener, ...rest);
        if (!tracked.has(listener)) {
            tracked.set(listener, function trackedListener(...args) {
                const result = listener.apply(this, args);
                if (result && typeof result.then === 'function') track(result);
                return result;
            });
        }
        return addListener(type, tracked.get(listener), ...rest);
    };
    window.removeEventListener = (type, listener, ...rest) => removeListener(type,
        (type === 'message' && tracked.get(listener)) || listener, ...rest);

    let phase = 'boot';
    const unhandled = []; // vendor events the connector does not listen to (UI-only events of the legacy page)
    const effects = [];
    const registrations = [];
    const handlers = {};
    const ctx = {
        scripted: options.vendor || {},
        instances: {},
        vendor(pathName, args) {
            effects.push({ phase, path: pathName, args: plain(args, 0, window) });
        },
        registration(pathName, args) {
            registrations.push({ phase, path: pathName, args: plain(args, 0, window) });
        },
        handler(key, fn) {
            (handlers[key] = handlers[key] || []).push(fn);
        },
        later(fn) {
            window.setTimeout(() => ctx.call(fn, [], 'callback'), 0);
        },
        call(fn, args, what) {
            try {
                const result = fn(...args);
                if (result && typeof result.then === 'function' && !result.__doublePath) {
                    result.then(undefined, (error) => errors.push(`${what}: ${error && error.message || error}`));
                    track(result);
                }
                return result;
            } catch (error) {
                errors.push(`${what}: ${error && error.message || error}`);
                return undefined;
            }
        }
    };

    // ---------------------------------------------------------------- the vendor
    const vendorSpec = options.vendor || {};
    let preset = null;
    if (options.real) {
        const real = require(`./real-vendors/${options.real.sdk}.cjs`);
        preset = await real.install(window, ctx, options.real, requireTool);
    } else {
        preset = vendorSpec.preset ? PRESETS[vendorSpec.preset](window, ctx) : null;
        for (const name of vendorSpec.globals || []) window[name] = scripted(name, ctx);
    }

    // HTTP never leaves the test: requests are recorded and answered from options.http.
    const answer = (method, url) => {
        const table = options.http || {};
        const target = String(url).replace(/^https?:\/\/[^/]+/, '');
        const key = Object.keys(table).find((k) => {
            const [m, p] = k.split(' ');
            return m === method && target.startsWith(p);
        });
        return key ? table[key] : (table['*'] || { status: 200, body: '' });
    };
    const bodyText = (body) => (typeof body === 'string' ? body : JSON.stringify(body));
    class FakeXHR {
        constructor() {
            this.readyState = 0;
            this.status = 0;
            this.responseText = '';
            this.__listeners = {};
        }

        open(method, url) {
            this.__method = String(method).toUpperCase();
            this.__url = url;
        }

        setRequestHeader() {}

        addEventListener(type, fn) {
            (this.__listeners[type] = this.__listeners[type] || []).push(fn);
        }

        getResponseHeader() {
            return null;
        }

        send(body) {
            ctx.vendor('http', body === undefined || body === null ? [this.__method, this.__url]
                : [this.__method, this.__url, body]);
            const reply = answer(this.__method, this.__url);
            ctx.later(() => {
                this.readyState = 4;
                this.status = reply.status || 200;
                this.responseText = bodyText(reply.body === undefined ? '' : reply.body);
                this.response = this.responseText;
                if (this.onreadystatechange) this.onreadystatechange();
                if (this.onload) this.onload();
                (this.__listeners.load || []).forEach((fn) => fn());
            });
        }

        abort() {}
    }
    if (!options.real || !options.real.keepNetwork) {
        window.XMLHttpRequest = FakeXHR;
        window.fetch = (url, init) => {
            const method = String((init && init.method) || 'GET').toUpperCase();
            ctx.vendor('http', init && init.body !== undefined ? [method, String(url), init.body] : [method, String(url)]);
            const reply = answer(method, url);
            const text = bodyText(reply.body === undefined ? '' : reply.body);
            return new Promise((resolve) => window.setTimeout(() => resolve({
                ok: (reply.status || 200) < 400, status: reply.status || 200,
                text: () => Promise.resolve(text), json: () => Promise.resolve(JSON.parse(text || 'null'))
            }), 0));
        };
    }

    // postMessage into an iframe is a vendor action.
    const patchedFrames = new WeakSet();
    const frameName = (frame) => (frame.id ? `iframe#${frame.id}`
        : `iframe[${[...window.document.querySelectorAll('iframe')].indexOf(frame)}]`);
    const contentWindow = Object.getOwnPropertyDescriptor(window.HTMLIFrameElement.prototype, 'contentWindow');
    Object.defineProperty(window.HTMLIFrameElement.prototype, 'contentWindow', {
        configurable: true,
        get() {
            const target = contentWindow.get.call(this);
            if (target && !patchedFrames.has(target) && !(preset && preset.ownsFrames)) {
                patchedFrames.add(target);
                const frame = this;
                target.postMessage = (...args) => ctx.vendor(`${frameName(frame)}.postMessage`, args);
            }
            return target;
        }
    });

    // ---------------------------------------------------------------- the connector
    try {
        window.eval(bundle());
    } catch (error) {
        errors.push(`loading the connector failed: ${error && error.message}`);
        process.stdout.write(JSON.stringify({ ready: false, effects, events: [], errors, warnings }) + '\n');
        return;
    }
    const channel = new MessageChannel();
    // Salesforce's side is port1, the base's port2: count the messages in flight each way, and the base's
    // handling of each Salesforce message (its handler is async: it answers once the connector settles).
    const toBase = channel.port1.postMessage.bind(channel.port1);
    channel.port1.postMessage = (message) => {
        work.toBase += 1;
        toBase(message);
    };
    const fromBase = channel.port2.postMessage.bind(channel.port2);
    channel.port2.postMessage = (message) => {
        work.fromBase += 1;
        fromBase(message);
    };
    let onmessage = null;
    for (let proto = channel.port2; proto && !onmessage; proto = Object.getPrototypeOf(proto)) {
        onmessage = Object.getOwnPropertyDescriptor(proto, 'onmessage');
    }
    Object.defineProperty(channel.port2, 'onmessage', {
        configurable: true,
        get: () => onmessage.get.call(channel.port2),
        set: (handler) => onmessage.set.call(channel.port2, typeof handler !== 'function' ? handler : (...args) => {
            work.toBase -= 1;
            work.handling += 1;
            let result;
            try {
                result = handler(...args);
            } finally {
                Promise.resolve(result).then(() => { work.handling -= 1; }, () => { work.handling -= 1; });
            }
            return result;
        })
    });
    const events = [];
    let lastCall = null;
    channel.port1.on('message', (data) => {
        work.fromBase -= 1;
        if (data.type === 'LOG') return;
        const entry = { phase, type: data.type };
        if (data.type === 'TELEPHONY_EVENT_DISPATCHED') {
            entry.type = data.payload.telephonyEventType;
            entry.payload = plain(data.payload.telephonyEventPayload);
            const call = data.payload.telephonyEventPayload;
            if (entry.type === 'CALL_STARTED' && call && call.callId) lastCall = call;
        } else {
            entry.payload = plain(data.payload);
        }
        events.push(entry);
    });
    // Wait for the step's work to run out (see the top of the file): two quiet looks in a row, the second
    // after a timer turn, so work the page scheduled outside the counted kinds (jsdom's own zero-delay
    // timers) has run too. `minimum` is a scenario's own wait_ms, waited first.
    const unsettled = [];
    const settle = async (minimum) => {
        if (minimum) await sleep(minimum);
        const cap = Date.now() + SETTLE_CAP_MS;
        for (let quiet = 0; quiet < 2;) {
            if (Date.now() > cap) {
                unsettled.push(phase);
                return;
            }
            if (busy()) {
                quiet = 0;
                await sleep(1);
            } else {
                quiet += 1;
                await (quiet === 1 ? turn() : sleep(1));
                if (busy()) quiet = 0;
            }
        }
    };

    const setup = new window.Event('message');
    Object.defineProperty(setup, 'data', { value: { type: 'SETUP_CONNECTOR', connectorConfig: options.settings || {} } });
    Object.defineProperty(setup, 'origin', { value: SALESFORCE_ORIGIN });
    Object.defineProperty(setup, 'ports', { value: [channel.port2] });
    window.dispatchEvent(setup);
    // The base answers SETUP_CONNECTOR (CONNECTOR_READY, SHOW_LOGIN, or the ERROR of an agent who cannot log
    // in) once init() settles; its handler's promise is work in flight, so settling waits for the answer.
    await settle(options.bootMs);
    const ready = events.some((e) => e.type === 'CONNECTOR_READY');

    for (const [index, step] of (options.steps || []).entries()) {
        phase = step.phase || step.do;
        switch (step.do) {
        case 'vendor':
            if (!preset || typeof preset[step.event] !== 'function') {
                errors.push(`step ${index + 1}: the vendor has no event ${step.event}`);
                break;
            }
            ctx.call(() => preset[step.event](step), [], `vendor ${step.event}`);
            break;
        case 'fire': {
            const fns = handlers[step.handler] || [];
            if (!fns.length) unhandled.push(step.handler);
            fns.slice().forEach((fn) => ctx.call(fn, materialize(step.args || [], ctx), step.handler));
            break;
        }
        case 'message': {
            const frame = step.source ? window.document.querySelector(step.source) : null;
            if (step.source && !frame) errors.push(`step ${index + 1}: the connector page has no ${step.source}`);
            const event = new window.MessageEvent('message', { data: step.data, origin: step.origin || window.location.origin,
                source: frame ? frame.contentWindow : window });
            ctx.call(() => window.dispatchEvent(event), [], 'message');
            break;
        }
        case 'salesforce': {
            const call = lastCall ? { callId: lastCall.callId, callType: lastCall.callType, phoneNumber: lastCall.phoneNumber }
                : { callId: 'ctimod-test-call', callType: 'Inbound' };
            const message = { type: step.type, call };
            if (step.type === 'DIAL') {
                delete message.call;
                message.contact = step.contact;
            }
            if (step.type === 'END_CALL') message.agentStatus = 'Online';
            // The base's answer (CALL_STARTED or CALL_FAILED for a DIAL, once dial() settles, which may wait
            // for a vendor callback) is waited for below: its handler of the message is work in flight.
            channel.port1.postMessage(message);
            break;
        }
        case 'eval':
            try {
                window.eval(step.code);
            } catch (error) {
                errors.push(`step ${index + 1}: ${error && error.message}`);
            }
            break;
        case 'wait':
            // A fixed wait, for a scenario that asserts nothing more happens in the time it names.
            await sleep(step.ms || 0);
            break;
        default:
            errors.push(`step ${index + 1}: unknown step ${step.do}`);
        }
        await settle(step.wait_ms);
    }
    channel.port1.close();
    process.stdout.write(JSON.stringify({ ready, effects, events, registrations, unhandled, errors, warnings,
        unsettled }) + '\n');
    setTimeout(() => process.exit(0), 10);
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
