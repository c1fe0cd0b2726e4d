// The LEGACY side of the behavioural fidelity test (issue 11): runs a corpus adapter's legacy
// scripts in jsdom against TEST DOUBLES of Open CTI (opencti-double.cjs) and of its vendor's
// telephony (vendor-doubles.cjs), drives the scenario in <adapter>/scenario.json by firing the
// vendor's events the way the vendor would, and prints every effect the legacy code had on
// Salesforce and on the vendor, tagged with the scenario phase that caused it.
//
// Usage: node legacy-effects.cjs TOOLCHAIN_DIR ADAPTER_DIR [SCENARIO_FILE]
// Prints one JSON line: { effects, reads, listeners, registrations, errors, consoleErrors }.
//
// scenario.json (all keys optional unless said otherwise):
//   page        markup of the adapter page (HTML, Visualforce); becomes the jsdom document
//   html        markup for adapters that ship no page (the elements their script expects)
//   scripts     what runs, in order: "page" (every script of the page in document order: inline
//               scripts, and `src` / <apex:includeScript> that name a file of the adapter or a
//               {!$Resource.x} under staticresources/), "page:inline" (inline scripts only) or a
//               file of the adapter (.js as a classic script; .ts/.tsx/.mjs or files with ES
//               module syntax are bundled with esbuild; bare imports become scripted doubles)
//   replace     {text: replacement} applied to every loaded source (Visualforce merge fields)
//   prelude     JavaScript run before the scripts (globals the host page defined first)
//   boot        JavaScript run after the scripts, before DOMContentLoaded (what a host page ran)
//   families    Open CTI families the page loads: ["lightning"], ["classic"], ["classic","console"]
//   settings    flat call center settings getCallCenterSettings returns
//   search      {number-suffix | "*": {<Id>: {Id, Name, RecordType}}} searchAndScreenPop matches
//   screenPopData  SCREEN_POP_DATA of a deferred search (default: derived from the matches)
//   apex        {"Class.method": result} runApex results (strings are returned as they are;
//               {"$sequence": [r1, r2]} answers successive calls in turn)
//   page_info   {url, recordId, recordName, objectType} getAppViewInfo / getPageInfo
//   in_console  Classic isInConsole result
//   panel_visible  whether the softphone panel starts visible (default true)
//   local_storage  {key: value} stored before the scripts run (Math.random is seeded, Date is virtual)
//   http        {"METHOD /path": {status, body}} answers of the XMLHttpRequest/fetch double
//   vendor      {preset: twilio-client-1x | twilio-voice-sdk-2x | amazon-connect-streams,
//                globals: [names of scripted doubles], returns/props/instances/quiet: scripted specs}
//   steps       [{do, phase?, ...}] with do one of:
//                 vendor      {event, ...} a preset's event (incoming {from, callId}, answered,
//                             remoteHangup, cancel, ready, agentReady, connected, ended ...)
//                 fire        {handler, args} call the handlers a scripted double captured
//                 message     {origin, data, source?} a window 'message' event (postMessage vendors;
//                             source: a CSS selector of the iframe it comes from)
//                 clickToDial {number, recordId, recordName, objectType} Salesforce click-to-dial
//                 navigate    {url, recordId, recordName, objectType} the agent moves in Salesforce
//                 click       {selector} / fill {selector, value} / key {key, altKey, ctrlKey}: the
//                             agent uses the softphone
//                 advance     {seconds} the clock moves on (timers > 50 ms and intervals fire)
//                 eval        {code}
//               and optionally voice: the Salesforce Voice call event(s) the step is for the converted
//               component (lwc-effects.cjs; the legacy side ignores it)
//   expected_legacy_effects  what the test asserts (see tests/test_legacy_effects.py)
//
// Effect records: see opencti-double.cjs; vendor actions are { effect: 'vendor', path, args },
// HTTP requests { effect: 'vendor', path: 'http', args: [method, url, body] }. Every record has
// `phase` and a `source` (which legacy call made it; not compared); effects on Salesforce carry
// `source.at`, the position of that call in the adapter ("file:line" relative to the adapter, read
// from the stack, through esbuild's source map for bundled files and offset to the page's line for
// inline scripts): the fidelity test finds the conversion responsible for the effect by it.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { makeSalesforce } = require('./opencti-double.cjs');
const { PRESETS, scripted, materialize, plain } = require('./vendor-doubles.cjs');
const { SourceMap, frames } = require('./source-positions.cjs');

const [toolchainDir, adapterDirArg, scenarioArg] = process.argv.slice(2);
const adapterDir = path.resolve(adapterDirArg);
const scenarioPath = path.resolve(scenarioArg || path.join(adapterDir, 'scenario.json'));
const scenario = JSON.parse(fs.readFileSync(scenarioPath, 'utf8'));
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));
const START = Date.UTC(2026, 0, 5, 15, 0, 0);
const SETTLE_MS = scenario.settle_ms || 20;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readSource(file) {
    let text = fs.readFileSync(file, 'utf8');
    for (const [from, to] of Object.entries(scenario.replace || {})) text = text.split(from).join(to);
    return text;
}

function localFile(reference, baseDir) {
    if (!reference) return null;
    const resource = /^\{!\s*\$Resource\.([\w]+)\s*\}$/.exec(reference.trim());
    if (resource) {
        const found = walk(adapterDir).find((f) => path.basename(f) === `${resource[1]}.resource`
            || path.basename(f) === `${resource[1]}.js`);
        return found || null;
    }
    if (/^(https?:)?\/\//.test(reference) || reference.startsWith('/support/')) return null;
    const clean = reference.split(/[?#]/)[0];
    for (const candidate of [path.resolve(baseDir, clean), path.resolve(adapterDir, clean.replace(/^\//, ''))]) {
        if (candidate.startsWith(adapterDir) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    return null;
}

function walk(dir) {
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...walk(full));
        else out.push(full);
    }
    return out.sort();
}

async function compile(file, esbuild) {
    const text = readSource(file);
    const moduleSyntax = /^\s*(import\s[^(]|export\s)/m.test(text);
    if (/\.(js|resource|cjs)$/.test(file) && !moduleSyntax) return { code: text };
    const result = await esbuild.build({
        stdin: { contents: text, resolveDir: path.dirname(file), sourcefile: path.basename(file),
            loader: /\.tsx$/.test(file) ? 'tsx' : /\.ts$/.test(file) ? 'ts' : 'js' },
        bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'silent',
        sourcemap: 'external', outfile: path.join(path.dirname(file), 'legacy-bundle.js'),
        plugins: [{
            name: 'legacy-globals',
            setup(build) {
                build.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, namespace: 'legacy-global' }));
                build.onLoad({ filter: /.*/, namespace: 'legacy-global' }, (args) => ({
                    contents: `module.exports = window.__legacyModule(${JSON.stringify(args.path)});`, loader: 'js'
                }));
                build.onLoad({ filter: /\.(ts|tsx)$/ }, (args) => ({ contents: readSource(args.path),
                    loader: args.path.endsWith('x') ? 'tsx' : 'ts' }));
            }
        }]
    });
    const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
    return { code: result.outputFiles.find((f) => f.path.endsWith('.js')).text,
        map: map ? new SourceMap(map.text, path.dirname(file)) : null };
}

async function main() {
    const { JSDOM, VirtualConsole } = requireTool('jsdom');
    const esbuild = requireTool('esbuild');
    const errors = [];
    const consoleErrors = [];
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('jsdomError', (error) => errors.push(`uncaught: ${error && (error.detail && error.detail.message
        || error.message) || error}`));
    virtualConsole.on('error', (...args) => consoleErrors.push(args.map(String).join(' ').slice(0, 300)));
    process.on('unhandledRejection', (reason) => errors.push(`unhandled rejection: ${reason && reason.message || reason}`));

    const pageFile = scenario.page ? path.join(adapterDir, scenario.page) : null;
    const markup = pageFile ? readSource(pageFile)
        : scenario.html || '<!DOCTYPE html><html><head></head><body></body></html>';
    const domOptions = {
        url: scenario.url || 'https://softphone.example.com/adapter/index.html',
        referrer: scenario.referrer || 'https://example.lightning.force.com/lightning/page/home',
        runScripts: 'outside-only', pretendToBeVisual: true, virtualConsole
    };

    // What runs, compiled before the page exists: the scripts then run synchronously right after
    // the document is parsed, before jsdom fires DOMContentLoaded and load (as a browser would).
    const planDom = new JSDOM(markup, { url: domOptions.url, includeNodeLocations: true });
    const planDocument = planDom.window.document;
    const pageScripts = (inlineOnly) => {
        const out = [];
        const nodes = planDocument.querySelectorAll('script, apex\\:includescript');
        nodes.forEach((node, index) => {
            if (node.nodeName === 'SCRIPT') {
                const src = node.getAttribute('src');
                if (src) {
                    const file = inlineOnly ? null : localFile(src, path.dirname(pageFile));
                    if (file) out.push({ file });
                } else if (node.textContent.trim()) {
                    const location = planDom.nodeLocation(node);
                    const start = location && location.startTag
                        ? { line: location.startTag.endLine, column: location.startTag.endCol - 1 } : null;
                    out.push({ name: `${scenario.page} inline script ${index + 1}`, code: node.textContent,
                        at: { file: pageFile, start } });
                }
            } else if (!inlineOnly) {
                const file = localFile(node.getAttribute('value'), path.dirname(pageFile));
                if (file) out.push({ file });
            }
        });
        return out;
    };
    const order = scenario.scripts || (pageFile ? ['page'] : walk(adapterDir).filter((f) => f.endsWith('.js'))
        .map((f) => path.relative(adapterDir, f)));
    const planned = [];
    for (const entry of order) {
        const items = entry === 'page' ? pageScripts(false) : entry === 'page:inline' ? pageScripts(true)
            : [{ file: path.join(adapterDir, entry) }];
        for (const item of items) {
            if (item.file) {
                const name = path.relative(adapterDir, item.file);
                try {
                    const compiled = await compile(item.file, esbuild);
                    planned.push({ name, code: compiled.code, at: { file: item.file, map: compiled.map } });
                } catch (error) {
                    errors.push(`${name}: ${error && error.message}`);
                }
            } else {
                planned.push(item);
            }
        }
    }

    const dom = new JSDOM(markup, domOptions);
    const window = dom.window;
    const loaded = new Promise((resolve) => window.addEventListener('load', resolve));

    // ---------------------------------------------------------------- timers
    // Short timeouts (<= 50 ms: callbacks of the doubles, deferred work of the adapter) run in real
    // time and are waited for after every step, so a phase collects everything its step caused.
    // Longer timeouts and every interval run on the virtual clock: only an `advance` step fires
    // them, in order, so a scenario is deterministic however fast the machine is.
    let now = START;
    const pending = new Set();
    const virtualTimers = [];
    let virtualId = 1000000;
    const realSetTimeout = window.setTimeout.bind(window);
    const realClearTimeout = window.clearTimeout.bind(window);
    const invoke = (fn, args) => (typeof fn === 'function' ? fn(...args) : window.eval(String(fn)));
    window.setTimeout = (fn, ms, ...args) => {
        if (Number(ms) > 50) {
            const id = ++virtualId;
            virtualTimers.push({ id, at: now + Number(ms), fn, args, every: 0 });
            return id;
        }
        const id = realSetTimeout(() => {
            pending.delete(id);
            invoke(fn, args);
        }, ms);
        pending.add(id);
        return id;
    };
    window.setInterval = (fn, ms, ...args) => {
        const every = Math.max(Number(ms) || 0, 10);
        const id = ++virtualId;
        virtualTimers.push({ id, at: now + every, fn, args, every });
        return id;
    };
    window.clearTimeout = (id) => {
        const at = virtualTimers.findIndex((t) => t.id === id);
        if (at >= 0) virtualTimers.splice(at, 1);
        pending.delete(id);
        realClearTimeout(id);
    };
    window.clearInterval = window.clearTimeout;
    const settle = async (minimum) => {
        await sleep(minimum || 5);
        for (let round = 0; round < 400; round += 1) {
            if (pending.size === 0) {
                await sleep(3);
                if (pending.size === 0) return;
            }
            await sleep(5);
        }
        errors.push('the page never went idle (short timers kept being scheduled)');
    };
    const advance = async (ms) => {
        const target = now + ms;
        for (let fired = 0; fired < 10000; fired += 1) {
            virtualTimers.sort((a, b) => a.at - b.at || a.id - b.id);
            const next = virtualTimers[0];
            if (!next || next.at > target) break;
            now = next.at;
            if (next.every) next.at += next.every;
            else virtualTimers.shift();
            try {
                invoke(next.fn, next.args);
            } catch (error) {
                errors.push(`timer: ${error && error.message || error}`);
            }
            await settle(1);
        }
        now = target;
    };

    // ---------------------------------------------------------------- storage and randomness
    for (const [key, value] of Object.entries(scenario.local_storage || {})) {
        window.localStorage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    let seed = 42;
    window.Math.random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
    };

    // ---------------------------------------------------------------- clock
    const RealDate = window.Date;
    class VirtualDate extends RealDate {
        constructor(...args) {
            if (args.length === 0) super(now);
            else super(...args);
        }

        static now() {
            return now;
        }
    }
    window.Date = VirtualDate;

    // ---------------------------------------------------------------- where a call came from
    // The first frame of a legacy script on the stack: {at: 'file:line'} relative to the adapter.
    const sources = [];
    const callSite = () => {
        for (const frame of frames(new Error().stack)) {
            const match = /ctimod-legacy-source-(\d+)\.js$/.exec(frame.file);
            if (!match) continue;
            const source = sources[Number(match[1])];
            let file = source.file;
            let line = frame.line;
            if (source.map) {
                const original = source.map.lookup(frame.line, frame.column - 1);
                if (!original) continue;
                file = original.source;
                line = original.line;
            } else if (source.start) {
                line = source.start.line + frame.line - 1;
            }
            return { at: `${path.relative(adapterDir, file).split(path.sep).join('/')}:${line}` };
        }
        return {};
    };

    // ---------------------------------------------------------------- recording context
    const effects = [];
    const reads = [];
    const listeners = { clickToDial: [], navigation: [] };
    const registrations = [];
    const handlers = {};
    let phase = 'boot';
    const ctx = {
        scripted: scenario.vendor || {},
        instances: {},
        effect(record, source) {
            effects.push(Object.assign({ phase }, record, { source: Object.assign(plain(source, 0, window), callSite()) }));
        },
        vendor(pathName, args) {
            effects.push({ phase, effect: 'vendor', path: pathName, args: plain(args, 0, window) });
        },
        registration(pathName, args) {
            registrations.push({ phase, path: pathName, args: plain(args, 0, window) });
        },
        read(api) {
            reads.push({ phase, api });
        },
        listen(kind, family, fn) {
            if (typeof fn !== 'function') {
                errors.push(`${kind} listener registered without a function`);
                return;
            }
            (listeners[kind] = listeners[kind] || []).push({ family, fn });
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
                }
                return result;
            } catch (error) {
                errors.push(`${what}: ${error && error.message || error}`);
                return undefined;
            }
        }
    };

    // ---------------------------------------------------------------- doubles
    const world = {
        families: scenario.families || ['lightning'],
        settings: scenario.settings || {},
        search: scenario.search || {},
        screenPopData: scenario.screenPopData,
        apex: scenario.apex || {},
        page: scenario.page_info || {},
        inConsole: scenario.in_console,
        panelVisible: scenario.panel_visible,
        layout: scenario.layout,
        fail: scenario.fail
    };
    window.sforce = makeSalesforce(ctx, world);
    const vendorSpec = scenario.vendor || {};
    const preset = vendorSpec.preset ? PRESETS[vendorSpec.preset](window, ctx) : null;
    if (vendorSpec.preset && !preset) throw new Error(`unknown vendor preset ${vendorSpec.preset}`);
    for (const name of vendorSpec.globals || []) window[name] = scripted(name, ctx);
    window.__legacyModule = (name) => scripted(name, ctx);

    // HTTP and sockets never leave the test: requests are recorded and answered from scenario.http.
    const answer = (method, url) => {
        const table = scenario.http || {};
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
            this.__headers = {};
        }

        open(method, url) {
            this.__method = String(method).toUpperCase();
            this.__url = url;
            this.readyState = 1;
        }

        setRequestHeader(name, value) {
            this.__headers[name] = value;
        }

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
    window.WebSocket = class {
        constructor(url) {
            ctx.vendor('new WebSocket', [url]);
            this.readyState = 0;
        }

        send(data) {
            ctx.vendor('WebSocket.send', [data]);
        }

        close() {}

        addEventListener() {}
    };

    // postMessage into an iframe is a vendor action: every frame's window (also the new one a
    // frame gets when the adapter sets its src) records it.
    const patchedFrames = new WeakSet();
    const frameName = (frame) => {
        if (frame.id) return `iframe#${frame.id}`;
        return `iframe[${[...window.document.querySelectorAll('iframe')].indexOf(frame)}]`;
    };
    const contentWindow = Object.getOwnPropertyDescriptor(window.HTMLIFrameElement.prototype, 'contentWindow');
    Object.defineProperty(window.HTMLIFrameElement.prototype, 'contentWindow', {
        configurable: true,
        get() {
            const target = contentWindow.get.call(this);
            if (target && !patchedFrames.has(target)) {
                patchedFrames.add(target);
                const frame = this;
                target.postMessage = (...args) => ctx.vendor(`${frameName(frame)}.postMessage`, args);
            }
            return target;
        }
    });

    // Scripts the adapter adds at run time (Open CTI from the referrer, vendor SDKs): "loaded".
    // A frame whose src the adapter sets "loads" (its load event fires), as the vendor's page would.
    const observer = new window.MutationObserver((mutations) => {
        for (const mutation of mutations) {
            if (mutation.type === 'attributes' && mutation.target.nodeName === 'IFRAME') {
                const frame = mutation.target;
                window.setTimeout(() => frame.dispatchEvent(new window.Event('load')), 0);
                continue;
            }
            for (const node of mutation.addedNodes) {
                if (node.nodeName === 'SCRIPT' && node.src) {
                    ctx.registration('script', [node.src]);
                    window.setTimeout(() => node.dispatchEvent(new window.Event('load')), 0);
                }
            }
        }
    });
    observer.observe(window.document, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });

    // ---------------------------------------------------------------- legacy scripts
    const run = (name, code, at) => {
        try {
            if (at) {
                sources.push(at);
                window.eval(`${code}\n//# sourceURL=ctimod-legacy-source-${sources.length - 1}.js`);
                return;
            }
            window.eval(code);
        } catch (error) {
            errors.push(`${name}: ${error && error.message}`);
        }
    };
    if (scenario.prelude) run('prelude', scenario.prelude);
    for (const item of planned) run(item.name, item.code, item.at);
    if (scenario.boot) run('boot', scenario.boot);
    await loaded;
    await settle(SETTLE_MS);

    // ---------------------------------------------------------------- scenario
    const page = world.page;
    for (const [index, step] of (scenario.steps || []).entries()) {
        phase = step.phase || step.do;
        switch (step.do) {
        case 'vendor': {
            if (!preset || typeof preset[step.event] !== 'function') {
                errors.push(`step ${index + 1}: the vendor double has no event ${step.event}`);
                break;
            }
            ctx.call(() => preset[step.event](step), [], `vendor ${step.event}`);
            break;
        }
        case 'fire': {
            const fns = handlers[step.handler] || [];
            if (!fns.length) errors.push(`step ${index + 1}: no handler was registered as ${step.handler}`);
            fns.slice().forEach((fn) => ctx.call(fn, materialize(step.args || [], ctx), step.handler));
            break;
        }
        case 'message': {
            const frame = step.source ? window.document.querySelector(step.source) : null;
            const event = new window.MessageEvent('message', { data: step.data, origin: step.origin || window.location.origin,
                source: frame ? frame.contentWindow : window });
            ctx.call(() => window.dispatchEvent(event), [], 'message');
            break;
        }
        case 'clickToDial': {
            if (!listeners.clickToDial.length) errors.push(`step ${index + 1}: no click-to-dial listener is registered`);
            for (const { family, fn } of listeners.clickToDial.slice()) {
                const payload = family === 'classic'
                    ? { result: JSON.stringify({ number: step.number, objectId: step.recordId, objectName: step.recordName,
                        object: step.objectType, displayName: step.recordName }) }
                    : { number: step.number, recordId: step.recordId, recordName: step.recordName, objectType: step.objectType };
                ctx.call(fn, [payload], 'click-to-dial listener');
            }
            break;
        }
        case 'navigate': {
            Object.assign(page, { url: step.url, recordId: step.recordId, recordName: step.recordName,
                objectType: step.objectType });
            for (const { family, fn } of (listeners.navigation || []).slice()) {
                const payload = family === 'classic'
                    ? { result: JSON.stringify({ url: step.url, objectId: step.recordId, objectName: step.recordName,
                        object: step.objectType }) }
                    : { url: step.url, recordId: step.recordId, recordName: step.recordName, objectType: step.objectType };
                ctx.call(fn, [payload], 'navigation listener');
            }
            break;
        }
        case 'click': {
            const element = window.document.querySelector(step.selector);
            if (!element) errors.push(`step ${index + 1}: no element ${step.selector}`);
            else ctx.call(() => element.click(), [], `click ${step.selector}`);
            break;
        }
        case 'fill': {
            const element = window.document.querySelector(step.selector);
            if (!element) {
                errors.push(`step ${index + 1}: no element ${step.selector}`);
                break;
            }
            element.value = step.value;
            element.dispatchEvent(new window.Event('input', { bubbles: true }));
            element.dispatchEvent(new window.Event('change', { bubbles: true }));
            break;
        }
        case 'key': {
            const event = new window.KeyboardEvent('keydown', { key: step.key, altKey: Boolean(step.altKey),
                ctrlKey: Boolean(step.ctrlKey), shiftKey: Boolean(step.shiftKey), bubbles: true });
            ctx.call(() => window.document.dispatchEvent(event), [], `key ${step.key}`);
            break;
        }
        case 'advance':
            await advance(Math.round((step.seconds || 0) * 1000));
            break;
        case 'eval':
            run(`step ${index + 1}`, step.code);
            break;
        default:
            errors.push(`step ${index + 1}: unknown step ${step.do}`);
        }
        await settle(step.wait_ms);
    }

    process.stdout.write(JSON.stringify({
        effects, reads, registrations,
        listeners: Object.fromEntries(Object.entries(listeners).map(([k, v]) => [k, v.map((l) => l.family)])),
        errors, consoleErrors
    }) + '\n');
    setTimeout(() => process.exit(0), 10);
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
