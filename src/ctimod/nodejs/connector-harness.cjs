// Runs a generated connector the way Salesforce does: loads connector/src/index.js (bundled with
// esbuild) in its page (connector/index.html, without its script tags) in a DOM (jsdom) together
// with @salesforce/scv-connector-base, sends the SETUP_CONNECTOR handshake as a window message from a Salesforce origin carrying a MessagePort, then drives the
// connector through that port with the real message protocol (DIAL, ACCEPT_CALL, MUTE, ...).
//
// The only things stubbed are the vendor globals named in options.stubs (a Twilio device, a phone
// SDK: what the connector page must load) and the ways out of the page (window.postMessage, fetch,
// XMLHttpRequest, WebSocket, sendBeacon, a frame's postMessage): each is a recorder that logs what
// the connector asked for, so a step shows whether it reached the vendor at all.
//
// Stand-ins: generated code replaces names it could not bring along with ctimodMissing(name,
// origin), which warns "ctimod: NAME (ORIGIN) is not available after the migration" (or throws)
// when used. Every such use is recorded against the step it happened in.
//
// Usage: node connector-harness.cjs TOOLCHAIN_DIR CONNECTOR_DIR OPTIONS_JSON
//   options: base (a scv-connector-base package folder; default the toolchain's), stubs[], flow[],
//   config (connectorConfig of SETUP_CONNECTOR), dial (the number), stepTimeoutMs
// Prints one JSON object: {ready, readyEvent, results, steps, events, vendorCalls, standIns, warnings, errors,
// failures}. failures: what the connector base reported as a connector method's rejection (init() failing
// CAN_NOT_LOG_IN, dial() CALL_FAILED...), per step, with the error's message as the connector raised it.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { MessageChannel } = require('worker_threads');

const [toolchainDir, connectorArg, optionsJson] = process.argv.slice(2);
const connectorDir = path.resolve(connectorArg);
const options = JSON.parse(optionsJson || '{}');
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));
const SALESFORCE_ORIGIN = 'https://acme.lightning.force.com';
const STEP_TIMEOUT_MS = options.stepTimeoutMs || 4000;
const STAND_IN = /ctimod: (\S+) \((.*?)\) is not available/;
// How the connector base (3.x and 4.x) reports a connector method that rejected: console.error(this, error).
const DISPATCHED = /^SCV dispatched error (\S+) for eventType (\S+)/;

function basePackageMain() {
    if (options.base) {
        const base = path.resolve(options.base);
        const pkg = JSON.parse(fs.readFileSync(path.join(base, 'package.json'), 'utf8'));
        return path.resolve(base, pkg.main || 'index.js');
    }
    return requireTool.resolve('@salesforce/scv-connector-base');
}

function basePackageVersion() {
    const main = basePackageMain();
    let dir = path.dirname(main);
    while (dir !== path.dirname(dir)) {
        const file = path.join(dir, 'package.json');
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
            if (pkg.name === '@salesforce/scv-connector-base') return pkg.version;
        }
        dir = path.dirname(dir);
    }
    return null;
}

function bundle() {
    const esbuild = requireTool('esbuild');
    const entry = path.join(connectorDir, 'src', 'index.js');
    const result = esbuild.buildSync({
        entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', absWorkingDir: connectorDir,
        alias: { '@salesforce/scv-connector-base': basePackageMain() }, logLevel: 'silent', target: 'es2020'
    });
    let code = result.outputFiles[0].text;
    // Test-speed knob only: the generated connector waits up to 10 s for the legacy readiness signal.
    code = code.replace(/CTIMOD_INIT_TIMEOUT_MS = 1e4|CTIMOD_INIT_TIMEOUT_MS = 10000/, 'CTIMOD_INIT_TIMEOUT_MS = 300');
    return code;
}

const { plain, recorder } = require('./recorder.cjs');

// The ways a connector page can reach its vendor, each replaced by a recorder.
function recordExits(window, calls) {
    window.postMessage = recorder('window.postMessage', calls);
    window.fetch = recorder('fetch', calls);
    if (window.navigator) {
        Object.defineProperty(window.navigator, 'sendBeacon', { value: recorder('navigator.sendBeacon', calls) });
    }
    window.WebSocket = recorder('WebSocket', calls);
    window.EventSource = recorder('EventSource', calls);
    const xhr = window.XMLHttpRequest.prototype;
    xhr.open = function open(method, url) { this.__ctimodRequest = { method, url: String(url) }; };
    xhr.send = function send(body) {
        calls.push({ path: 'XMLHttpRequest.send', args: plain([this.__ctimodRequest || {}, body]) });
    };
    const frameWindow = Object.getOwnPropertyDescriptor(window.HTMLIFrameElement.prototype, 'contentWindow');
    Object.defineProperty(window.HTMLIFrameElement.prototype, 'contentWindow', {
        configurable: true,
        get() {
            const inner = frameWindow.get.call(this);
            if (inner && !inner.__ctimodRecorded) {
                inner.__ctimodRecorded = true;
                inner.postMessage = recorder('frame.postMessage', calls);
            }
            return inner;
        }
    });
}

async function main() {
    const { JSDOM, VirtualConsole } = requireTool('jsdom');
    let currentStep = 'load';
    const warnings = [];
    const errors = [];
    const standIns = [];
    const noteStandIn = (text) => {
        const match = STAND_IN.exec(text);
        if (match) standIns.push({ step: currentStep, name: match[1], origin: match[2] });
        return Boolean(match);
    };
    const noteError = (text) => {
        noteStandIn(text);
        errors.push({ step: currentStep, message: text });
    };
    const virtualConsole = new VirtualConsole();
    // What the page logs as a warning or an error, per step. A logged exception (code that caught
    // a TypeError and carried on) is still an exception: it counts as an error of its step.
    const failures = [];
    const logged = (...args) => {
        const dispatched = typeof args[0] === 'string' ? DISPATCHED.exec(args[0]) : null;
        if (dispatched) {
            const error = args[1];
            failures.push({ step: currentStep, errorType: dispatched[1], eventType: dispatched[2],
                message: String(error && typeof error === 'object' && 'message' in error ? error.message : error) });
        }
        const text = args.map((a) => (a instanceof Error || (a && a.stack && a.message) ? `${a.name}: ${a.message}` : String(a)))
            .join(' ');
        if (noteStandIn(text)) return;
        if (/\b(TypeError|ReferenceError|SyntaxError|RangeError)\b/.test(text)) errors.push({ step: currentStep, message: text });
        else warnings.push({ step: currentStep, message: text });
    };
    virtualConsole.on('warn', logged);
    virtualConsole.on('error', logged);
    virtualConsole.on('jsdomError', (error) => {
        const text = String(error && error.message || error);
        // A browser API jsdom lacks (window.alert, navigation): the page would have it, so not an error.
        if (text.startsWith('Not implemented')) warnings.push({ step: currentStep, message: text });
        else noteError(text);
    });
    // Legacy code run by the connector may throw from a callback (a stand-in for a missing name does):
    // that is an error of the connector, recorded like the others, not a crash of the harness.
    process.on('uncaughtException', (error) => noteError(`uncaught: ${error && error.message || error}`));
    process.on('unhandledRejection', (reason) => noteError(`unhandled rejection: ${reason && reason.message || reason}`));
    // The connector's own page (connector/index.html: the elements and frames its code looks up), with
    // its scripts left out: the connector bundle is evaluated below, the vendor SDKs are recorders.
    const page = path.join(connectorDir, 'index.html');
    const html = fs.existsSync(page)
        ? fs.readFileSync(page, 'utf8').replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
        : '<!DOCTYPE html><html><body></body></html>';
    const dom = new JSDOM(html, {
        url: 'https://vendor.example.com/connector/index.html', runScripts: 'outside-only', pretendToBeVisual: true,
        virtualConsole
    });
    const window = dom.window;
    const vendorCalls = [];
    const stubbed = [];
    for (const name of options.stubs || []) {
        if (name in window) continue; // a browser API, not a vendor global
        window[name] = recorder(name, vendorCalls);
        stubbed.push(name);
    }
    recordExits(window, vendorCalls);
    window.addEventListener('error', (event) => noteError(String(event.message || (event.error && event.error.message))));
    const output = { base: basePackageVersion(), stubbed, ready: false, results: {}, steps: {}, events: [], vendorCalls,
        standIns, warnings, errors, failures };
    try {
        window.eval(bundle());
    } catch (error) {
        noteError(`loading the connector failed: ${error && error.message}`);
        process.stdout.write(JSON.stringify(output) + '\n');
        return;
    }
    const channel = new MessageChannel();
    const events = output.events;
    let waiting = null;
    channel.port1.on('message', (data) => {
        const entry = { type: data.type };
        if (data.type === 'TELEPHONY_EVENT_DISPATCHED') {
            entry.telephonyEventType = data.payload.telephonyEventType;
            entry.payload = plain(data.payload.telephonyEventPayload);
        } else if (data.type !== 'LOG') {
            entry.payload = plain(data.payload);
        } else {
            return;
        }
        entry.step = currentStep;
        events.push(entry);
        if (waiting && waiting.match(entry)) {
            const resolve = waiting.resolve;
            waiting = null;
            resolve(entry);
        }
    });
    const waitFor = (match) => new Promise((resolve) => {
        const timer = setTimeout(() => { waiting = null; resolve(null); }, STEP_TIMEOUT_MS);
        waiting = { match, resolve: (entry) => { clearTimeout(timer); resolve(entry); } };
    });

    currentStep = 'SETUP_CONNECTOR';
    const ready = waitFor((e) => e.type === 'CONNECTOR_READY' || e.telephonyEventType === 'SHOW_LOGIN' ||
        e.telephonyEventType === 'ERROR');
    const setup = new window.Event('message');
    Object.defineProperty(setup, 'data', { value: { type: 'SETUP_CONNECTOR', connectorConfig: options.config || {} } });
    Object.defineProperty(setup, 'origin', { value: SALESFORCE_ORIGIN });
    Object.defineProperty(setup, 'ports', { value: [channel.port2] });
    const callsBeforeSetup = vendorCalls.length;
    window.dispatchEvent(setup);
    const readyEntry = await ready;
    await new Promise((resolve) => setTimeout(resolve, 30));
    output.readyEvent = readyEntry;
    output.ready = Boolean(readyEntry && readyEntry.type === 'CONNECTOR_READY');
    output.steps.SETUP_CONNECTOR = { result: readyEntry ? readyEntry.telephonyEventType || readyEntry.type : null,
        vendorCalls: vendorCalls.slice(callsBeforeSetup) };

    const call = { callId: 'ctimod-test-inbound-1', callType: 'Inbound', phoneNumber: '+15557654321' };
    const flow = {
        DIAL: [{ type: 'DIAL', contact: { phoneNumber: options.dial || '+15551234567', recordId: '003000000000001', name: 'Ada Lovelace' } },
            (e) => ['CALL_STARTED', 'CALL_FAILED', 'ERROR'].includes(e.telephonyEventType)],
        ACCEPT_CALL: [{ type: 'ACCEPT_CALL', call }, (e) => ['CALL_CONNECTED', 'CALL_STARTED', 'ERROR', 'INFO'].includes(e.telephonyEventType) || e.type === 'INFO'],
        MUTE: [{ type: 'MUTE', call }, (e) => ['MUTE_TOGGLE', 'ERROR'].includes(e.telephonyEventType)],
        UNMUTE: [{ type: 'UNMUTE', call }, (e) => ['MUTE_TOGGLE', 'ERROR'].includes(e.telephonyEventType)],
        HOLD: [{ type: 'HOLD', call }, (e) => ['HOLD_TOGGLE', 'ERROR'].includes(e.telephonyEventType)],
        RESUME: [{ type: 'RESUME', call }, (e) => ['HOLD_TOGGLE', 'ERROR'].includes(e.telephonyEventType)],
        END_CALL: [{ type: 'END_CALL', call, agentStatus: 'Online' }, (e) => ['HANGUP', 'PARTICIPANT_REMOVED', 'ERROR'].includes(e.telephonyEventType)]
    };
    if (readyEntry) {
        for (const step of options.flow || Object.keys(flow)) {
            currentStep = step;
            const [message, match] = flow[step];
            const outcome = waitFor(match);
            const before = vendorCalls.length;
            channel.port1.postMessage(message);
            const entry = await outcome;
            // Let what the step still dispatches (an ERROR after CALL_FAILED) arrive before the next one.
            await new Promise((resolve) => setTimeout(resolve, 30));
            const result = entry ? entry.telephonyEventType || entry.type : null;
            output.results[step] = result;
            output.steps[step] = { result, vendorCalls: vendorCalls.slice(before) };
            if (step === 'DIAL') output.results.vendorCallsOnDial = vendorCalls.slice(before);
        }
    }
    channel.port1.close();
    // exit once the whole line is out (process.exit() cuts a pipe's pending output)
    process.stdout.write(JSON.stringify(output) + '\n', () => process.exit(0));
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
