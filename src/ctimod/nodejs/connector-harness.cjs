// Runs a generated connector the way Salesforce does: loads connector/src/index.js (bundled with
// esbuild) in a DOM (jsdom) together with @salesforce/scv-connector-base, sends the SETUP_CONNECTOR
// handshake as a window message from a Salesforce origin carrying a MessagePort, then drives the
// connector through that port with the real message protocol (DIAL, ACCEPT_CALL, MUTE, ...).
//
// The only things stubbed are the vendor globals named in options.stubs (a Twilio device, a phone
// SDK, a postMessage target): each is a recorder that logs what the connector asked it to do.
//
// Usage: node connector-harness.cjs TOOLCHAIN_DIR CONNECTOR_DIR OPTIONS_JSON
// Prints one JSON object: {ready, initResult, events, vendorCalls, warnings, errors}.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { MessageChannel } = require('worker_threads');

const [toolchainDir, connectorDir, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson || '{}');
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));
const SALESFORCE_ORIGIN = 'https://acme.lightning.force.com';
const STEP_TIMEOUT_MS = options.stepTimeoutMs || 4000;

function basePackageMain() {
    if (options.base) {
        const pkg = JSON.parse(fs.readFileSync(path.join(options.base, 'package.json'), 'utf8'));
        return path.resolve(options.base, pkg.main || 'index.js');
    }
    return requireTool.resolve('@salesforce/scv-connector-base');
}

function bundle() {
    const esbuild = requireTool('esbuild');
    const entry = path.join(connectorDir, 'src', 'index.js');
    const result = esbuild.buildSync({
        entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser',
        alias: { '@salesforce/scv-connector-base': basePackageMain() }, logLevel: 'silent', target: 'es2020'
    });
    let code = result.outputFiles[0].text;
    // Test-speed knob only: the generated connector waits up to 10 s for the legacy readiness signal.
    code = code.replace(/CTIMOD_INIT_TIMEOUT_MS = 1e4|CTIMOD_INIT_TIMEOUT_MS = 10000/, 'CTIMOD_INIT_TIMEOUT_MS = 300');
    return code;
}

const { plain, recorder } = require('./recorder.cjs');

async function main() {
    const { JSDOM, VirtualConsole } = requireTool('jsdom');
    const warnings = [];
    const errors = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('warn', (...args) => warnings.push(args.map(String).join(' ')));
    virtualConsole.on('error', (...args) => warnings.push(args.map(String).join(' ')));
    virtualConsole.on('jsdomError', (error) => errors.push(String(error && error.message || error)));
    // Legacy code run by the connector may throw from a callback (a stand-in for a missing name does):
    // that is an error of the connector, recorded like the others, not a crash of the harness.
    process.on('uncaughtException', (error) => errors.push(`uncaught: ${error && error.message || error}`));
    process.on('unhandledRejection', (error) => errors.push(`unhandled rejection: ${error && error.message || error}`));
    const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', {
        url: 'https://vendor.example.com/connector/index.html', runScripts: 'outside-only', pretendToBeVisual: true,
        virtualConsole
    });
    const window = dom.window;
    const vendorCalls = [];
    for (const name of options.stubs || []) {
        window[name] = recorder(name, vendorCalls);
    }
    window.postMessage = recorder('window.postMessage', vendorCalls);
    window.addEventListener('error', (event) => errors.push(String(event.message)));
    try {
        window.eval(bundle());
    } catch (error) {
        errors.push(`loading the connector failed: ${error && error.message}`);
        process.stdout.write(JSON.stringify({ ready: false, events: [], vendorCalls, warnings, errors }) + '\n');
        return;
    }
    const channel = new MessageChannel();
    const events = [];
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
    let currentStep = 'SETUP_CONNECTOR';
    const waitFor = (match) => new Promise((resolve) => {
        const timer = setTimeout(() => { waiting = null; resolve(null); }, STEP_TIMEOUT_MS);
        waiting = { match, resolve: (entry) => { clearTimeout(timer); resolve(entry); } };
    });

    const ready = waitFor((e) => e.type === 'CONNECTOR_READY' || e.telephonyEventType === 'SHOW_LOGIN' ||
        e.telephonyEventType === 'ERROR');
    const setup = new window.Event('message');
    Object.defineProperty(setup, 'data', { value: { type: 'SETUP_CONNECTOR', connectorConfig: options.config || {} } });
    Object.defineProperty(setup, 'origin', { value: SALESFORCE_ORIGIN });
    Object.defineProperty(setup, 'ports', { value: [channel.port2] });
    window.dispatchEvent(setup);
    const readyEntry = await ready;

    const call = { callId: 'ctimod-test-inbound-1', callType: 'Inbound', phoneNumber: '+15557654321' };
    const flow = {
        DIAL: [{ type: 'DIAL', contact: { phoneNumber: options.dial || '+15551234567', recordId: '003000000000001', name: 'Ada Lovelace' } },
            (e) => ['CALL_STARTED', 'CALL_FAILED'].includes(e.telephonyEventType)],
        ACCEPT_CALL: [{ type: 'ACCEPT_CALL', call }, (e) => ['CALL_CONNECTED', 'CALL_STARTED', 'ERROR', 'INFO'].includes(e.telephonyEventType) || e.type === 'INFO'],
        MUTE: [{ type: 'MUTE', call }, (e) => ['MUTE_TOGGLE', 'ERROR'].includes(e.telephonyEventType)],
        UNMUTE: [{ type: 'UNMUTE', call }, (e) => ['MUTE_TOGGLE', 'ERROR'].includes(e.telephonyEventType)],
        HOLD: [{ type: 'HOLD', call }, (e) => ['HOLD_TOGGLE', 'ERROR'].includes(e.telephonyEventType)],
        RESUME: [{ type: 'RESUME', call }, (e) => ['HOLD_TOGGLE', 'ERROR'].includes(e.telephonyEventType)],
        END_CALL: [{ type: 'END_CALL', call, agentStatus: 'Online' }, (e) => ['HANGUP', 'PARTICIPANT_REMOVED', 'ERROR'].includes(e.telephonyEventType)]
    };
    const results = {};
    if (readyEntry) {
        for (const step of options.flow || Object.keys(flow)) {
            currentStep = step;
            const [message, match] = flow[step];
            const outcome = waitFor(match);
            const dialCallsBefore = vendorCalls.length;
            channel.port1.postMessage(message);
            const entry = await outcome;
            results[step] = entry ? entry.telephonyEventType || entry.type : null;
            // Let what the step still dispatches (an ERROR after CALL_FAILED) arrive before the next one.
            await new Promise((resolve) => setTimeout(resolve, 30));
            if (step === 'DIAL') results.vendorCallsOnDial = vendorCalls.slice(dialCallsBefore);
        }
    }
    channel.port1.close();
    process.stdout.write(JSON.stringify({ ready: Boolean(readyEntry && readyEntry.type === 'CONNECTOR_READY'),
        readyEvent: readyEntry, results, events, vendorCalls, warnings, errors }) + '\n');
    setTimeout(() => process.exit(0), 10);
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
