// Runs a LEGACY adapter's click-to-dial listener the way Open CTI would, with the same recording
// vendor stubs as connector-harness.cjs, so a test can compare the vendor calls the legacy code
// made with those the converted connector makes.
//
// A fake `sforce` stands in for Open CTI (Lightning and Classic): it answers getCallCenterSettings
// with the given flat settings, calls every other callback with success, and captures the function
// registered with onClickToDial. The legacy scripts are evaluated in a jsdom window, then
// DOMContentLoaded and load fire, then the captured listener is called with a click-to-dial payload.
// After load and after the listener, the harness waits until the legacy page's short timers (<= 50 ms:
// deferred set-up, the listener's deferred vendor call) have run, not for a fixed time, so a loaded machine
// cannot move a vendor call out of the dial.
//
// Usage: node legacy-dial.cjs TOOLCHAIN_DIR OPTIONS_JSON
//   options: scripts[] (files), inline[] (script texts from pages), boot (what the legacy page ran
//   to start the adapter), html (the page's markup, scripts not run by jsdom), stubs[] (vendor
//   globals), number, config (flat call center settings)
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [toolchainDir, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));
const { recorder } = require(path.resolve(__dirname, '../../src/ctimod/nodejs/recorder.cjs'));

function fakeSforce(window, config, captured) {
    const respondLightning = (arg) => {
        if (arg && typeof arg.callback === 'function') arg.callback({ success: true, returnValue: null, errors: null });
    };
    const lightning = new Proxy({
        SCREENPOP_TYPE: { SOBJECT: 'sobject', URL: 'url', OBJECTHOME: 'objecthome', LIST: 'list', SEARCH: 'search',
            NEW_RECORD_MODAL: 'newRecord', FLOW: 'flow' },
        CALL_TYPE: { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' },
        onClickToDial: (arg) => { captured.listener = arg && (arg.listener || arg.callback); captured.family = 'lightning'; },
        getCallCenterSettings: (arg) => arg.callback({ success: true, returnValue: config, errors: null }),
        hvs: { onWorkStart() {}, completeWork: respondLightning }
    }, { get: (target, name) => (name in target ? target[name] : respondLightning) });
    const respondClassic = (...args) => {
        const callback = args.reverse().find((a) => typeof a === 'function');
        if (callback) callback({ result: null }); // (Classic: `error` undefined on success)
    };
    const cti = new Proxy({
        onClickToDial: (listener) => { captured.listener = listener; captured.family = 'classic'; },
        getCallCenterSettings: (callback) => callback({ result: JSON.stringify(config) })
    }, { get: (target, name) => (name in target ? target[name] : respondClassic) });
    const interaction = new Proxy({ cti, entityFeed: new Proxy({}, { get: () => respondClassic }) },
        { get: (target, name) => (name in target ? target[name] : respondClassic) });
    return { opencti: lightning, interaction, console: { cti: new Proxy({}, { get: () => respondClassic }) } };
}

async function main() {
    const { JSDOM, VirtualConsole } = requireTool('jsdom');
    const errors = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('jsdomError', (error) => errors.push(String(error && error.message || error)));
    const dom = new JSDOM(options.html || '<!DOCTYPE html><html><body></body></html>', {
        url: 'https://vendor.example.com/softphone/index.html', runScripts: 'outside-only', pretendToBeVisual: true,
        virtualConsole
    });
    const window = dom.window;
    const pending = new Set();
    const realSetTimeout = window.setTimeout.bind(window);
    const realClearTimeout = window.clearTimeout.bind(window);
    window.setTimeout = (fn, ms, ...args) => {
        if (!(Number(ms) <= 50)) return realSetTimeout(fn, ms, ...args); // a time-out, not deferred work
        const id = realSetTimeout((...a) => {
            pending.delete(id);
            return typeof fn === 'function' ? fn(...a) : window.eval(String(fn));
        }, ms, ...args);
        pending.add(id);
        return id;
    };
    window.clearTimeout = (id) => {
        pending.delete(id);
        realClearTimeout(id);
    };
    // Two quiet looks in a row, the second after a timer turn; capped (10 s) for a page that never goes idle.
    const settle = async () => {
        const cap = Date.now() + 10000;
        for (let quiet = 0; quiet < 2 && Date.now() <= cap;) {
            quiet = pending.size ? 0 : quiet + 1;
            await new Promise((resolve) => (pending.size || quiet === 2 ? setTimeout(resolve, 1) : setImmediate(resolve)));
            if (pending.size) quiet = 0;
        }
        if (pending.size) errors.push('the page never went idle (short timers kept being scheduled)');
    };
    const calls = [];
    const captured = {};
    for (const name of options.stubs || []) window[name] = recorder(name, calls);
    window.postMessage = recorder('window.postMessage', calls);
    window.sforce = fakeSforce(window, options.config || {}, captured);
    const sources = (options.scripts || []).map((file) => [path.basename(file), fs.readFileSync(file, 'utf8')])
        .concat((options.inline || []).map((text, i) => [`inline script ${i + 1}`, text]));
    if (options.boot) sources.push(['boot', options.boot]);
    for (const [name, source] of sources) {
        try {
            window.eval(source);
        } catch (error) {
            errors.push(`${name}: ${error && error.message}`);
        }
    }
    window.document.dispatchEvent(new window.Event('DOMContentLoaded', { bubbles: true }));
    window.dispatchEvent(new window.Event('load'));
    await settle();
    const before = calls.length;
    const number = options.number || '+15551234567';
    if (captured.listener) {
        const payload = captured.family === 'classic'
            ? { result: JSON.stringify({ number, objectId: '003000000000001', objectName: 'Ada Lovelace', object: 'Contact' }) }
            : { number, recordId: '003000000000001', recordName: 'Ada Lovelace', objectType: 'Contact' };
        try {
            await captured.listener(payload);
        } catch (error) {
            errors.push(`listener: ${error && error.message}`);
        }
        await settle();
    }
    process.stdout.write(JSON.stringify({ registered: Boolean(captured.listener), family: captured.family || null,
        vendorCallsOnDial: calls.slice(before), errors }) + '\n');
    setTimeout(() => process.exit(0), 10);
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
