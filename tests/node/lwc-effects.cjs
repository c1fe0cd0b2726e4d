// The CONVERTED side of the behavioural fidelity test (issue 11): runs the Voice LWC `ctimod convert`
// wrote for a corpus adapter, for real, and records every effect it has on Salesforce in the record
// format of the legacy side (legacy-effects.cjs / opencti-double.cjs), per scenario phase.
//
// Usage: node lwc-effects.cjs TOOLCHAIN_DIR BUNDLE_DIR ADAPTER_DIR [SCENARIO_FILE]
//        node lwc-effects.cjs TOOLCHAIN_DIR --jobs JOBS_FILE   (JOBS_FILE: [{name, bundle, adapter, scenario?}])
// Prints one JSON line: { effects, reads, warnings, errors, unresolved, component } (with --jobs:
// { results: {name: that} }). A job that cannot run has { fatal } instead.
//
// What is real: the component's .js and .html are compiled by @lwc/compiler, bundled by esbuild and
// mounted in jsdom by the LWC engine (@lwc/engine-dom). What is a double: every `lightning/*` module
// (tests/node/lightning-doubles/, labelled, following the documented APIs) and every
// `@salesforce/apex/<Class>.<method>` import (generated below):
//   CtimodSoftphoneSearch.search({searchParams, callType})  records { effect: 'search', searchParams,
//       callType } and answers from the scenario's `search` table in the shape the generated Apex
//       class returns ({Id: {Id, Name, object}}), the single-match pop being the component's own job;
//   <Class>.<method>(params)  records { effect: 'apex', class, method, params }. When the bundle holds
//       force-app/main/default/classes/<Class>.cls whose @AuraEnabled <method> only delegates to another
//       class (`return Legacy.m(a, b);`, the wrapper ctimod writes for runApex), the effect names the
//       class and method that runs in the end, with the values the wrapper passes on (String
//       parameters receive text); it answers from the scenario's `apex` values ("Class.method").
//   An import whose class is not in the bundle is listed in `unresolved` (it would not deploy) and
//   still answered, so the rest of the scenario can be compared.
//
// The scenario (corpus/<adapter>/scenario.json, see legacy-effects.cjs) is driven as Salesforce Voice
// would drive the component: the component is mounted (phase `boot`), then for every step, in the
// step's phase, the Voice toolkit events that step corresponds to are dispatched from the
// <lightning-service-cloud-voice-toolkit-api> element:
//   step.voice            explicit: {event, ...detail} or a list of them (the vendor's own step shapes
//                         differ per adapter, so a scenario says which Voice event its step is);
//   vendor incoming       callstarted {callId: callId|contactId, callType: 'inbound', participant: from};
//   vendor answered/accept/connected          callconnected {callId, callType, participant};
//   vendor remoteHangup/cancel/ended/hangup/disconnect   callended {callId};
//   clickToDial           callstarted {callId: 'outbound-<n>', callType: 'outbound', participant: number}
//                         (Salesforce hands the number to the connector's dial(); the component
//                         hears of the call from the toolkit);
//   navigate              the CurrentPageReference wire emits the new page;
//   advance               the virtual clock moves on (timers > 50 ms and intervals fire);
//   anything else (clicks in the legacy softphone, postMessage from its iframe): nothing reaches the
//   component unless the step says so with `voice`.
// Errors thrown by listeners, unhandled rejections and engine errors are recorded in `errors`;
// console warnings (the stand-ins ctimod writes for missing names) in `warnings`.
//
// Effect records: { phase, effect, ... , source: {api, at: ['method (file:line)', ...], ...} } with
// `at` the frames of the generated component file that led to the call (source-mapped through the
// compiler and the bundler; `source` is not compared).
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const { SourceMap, frames } = require('./source-positions.cjs');
const { urlPageReference } = require('./opencti-double.cjs');

const DOUBLES = path.join(__dirname, 'lightning-doubles');
const BUNDLE_URL = 'ctimod-fidelity-bundle.js';
const START = Date.UTC(2026, 0, 5, 15, 0, 0);
const SEARCH_CLASS = 'CtimodSoftphoneSearch';

const args = process.argv.slice(2);
const toolchainDir = args[0];
const requireTool = createRequire(path.join(path.resolve(toolchainDir), 'package.json'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let onRejection = null;
process.on('unhandledRejection', (reason) => {
    if (onRejection) onRejection(reason);
});

function exists(file) {
    try {
        return fs.statSync(file).isFile();
    } catch (error) {
        return false;
    }
}

// A JSON copy of what the component handed to Salesforce. Functions (the stand-ins ctimod writes for
// missing names are callable proxies) become '[function]' without being touched, so recording a
// value never runs the component's code; DOM nodes become '[element ...]'.
function snapshot(value, window, depth = 0) {
    if (depth > 8) return '…';
    if (value === null || value === undefined) return value;
    if (typeof value === 'function') return '[function]';
    if (typeof value === 'symbol') return String(value);
    if (typeof value !== 'object') return value;
    if (window && value instanceof window.Node) return `[element ${value.nodeName.toLowerCase()}]`;
    if (value instanceof window.Date || value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (Array.isArray(value)) return value.map((v) => snapshot(v, window, depth + 1));
    const out = {};
    for (const key of Object.keys(value).sort()) {
        const v = value[key];
        if (v !== undefined) out[key] = snapshot(v, window, depth + 1);
    }
    return out;
}

function kebab(name) {
    return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

// ------------------------------------------------------------------------------- Apex wrappers

// The @AuraEnabled methods of a generated class that only delegate: {method: {params: [{type, name}],
// target: {class, method}, args: [names]}}.
function delegations(clsFile) {
    const out = {};
    if (!exists(clsFile)) return out;
    const text = fs.readFileSync(clsFile, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const method = /@AuraEnabled[^\n]*\s+(?:public|global)\s+static\s+[\w<>, .]+?\s+(\w+)\s*\(([^)]*)\)\s*\{\s*return\s+([\w.]+)\.(\w+)\s*\(([^)]*)\)\s*;\s*\}/g;
    let match;
    while ((match = method.exec(text))) {
        const params = match[2].split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
            const parts = p.split(/\s+/);
            return { type: parts.slice(0, -1).join(' '), name: parts[parts.length - 1] };
        });
        out[match[1]] = { params, target: { class: match[3], method: match[4] },
            args: match[5].split(',').map((a) => a.trim()).filter(Boolean) };
    }
    return out;
}

// ------------------------------------------------------------------------------- build

async function build(bundleDir, esbuild, compiler) {
    const lwcRoot = path.join(bundleDir, 'force-app', 'main', 'default', 'lwc');
    const names = fs.existsSync(lwcRoot) ? fs.readdirSync(lwcRoot).filter((n) => exists(path.join(lwcRoot, n, `${n}.js`))).sort() : [];
    if (names.length !== 1) throw new Error(`expected one generated component under ${lwcRoot}, found ${names.length}`);
    const name = names[0];
    const engine = path.join(path.dirname(requireTool.resolve('@lwc/engine-dom/package.json')), 'dist', 'index.js');
    const componentOf = (file) => {
        const dir = path.dirname(file);
        const base = path.basename(dir);
        if (path.dirname(dir) === lwcRoot) return { namespace: 'c', name: base };
        if (path.dirname(dir) === DOUBLES) return { namespace: 'lightning', name: base };
        return null;
    };
    const plugin = {
        name: 'lwc-fidelity',
        setup(b) {
            b.onResolve({ filter: /^lwc$/ }, () => ({ path: engine }));
            b.onResolve({ filter: /^c\// }, (a) => {
                const n = a.path.slice(2);
                const file = path.join(lwcRoot, n, `${n}.js`);
                return exists(file) ? { path: file } : { errors: [{ text: `no component c/${n} in the bundle` }] };
            });
            b.onResolve({ filter: /^lightning\// }, (a) => {
                const n = a.path.slice('lightning/'.length);
                for (const file of [path.join(DOUBLES, n, `${n}.js`), path.join(DOUBLES, `${n}.js`)]) {
                    if (exists(file)) return { path: file };
                }
                return { errors: [{ text: `${a.path} has no test double in tests/node/lightning-doubles` }] };
            });
            b.onResolve({ filter: /^@salesforce\/apex\// }, (a) => ({ path: a.path, namespace: 'apex' }));
            b.onLoad({ filter: /.*/, namespace: 'apex' }, (a) => {
                const [cls, method] = a.path.slice('@salesforce/apex/'.length).split('.');
                return { loader: 'js', contents: `export default function apexDouble(params) {
    return globalThis.__fidelity.apex(${JSON.stringify(cls)}, ${JSON.stringify(method || '')}, params);
}` };
            });
            b.onResolve({ filter: /^@salesforce\/messageChannel\// }, (a) => ({ path: a.path, namespace: 'channel' }));
            b.onLoad({ filter: /.*/, namespace: 'channel' }, (a) => ({ loader: 'js',
                contents: `export default { channelName: ${JSON.stringify(a.path.split('/').pop())} };` }));
            b.onResolve({ filter: /^@salesforce\// }, (a) => ({ errors: [{ text: `${a.path} has no test double` }] }));
            // The stylesheets a template imports implicitly may not exist (the bundle ships none).
            b.onResolve({ filter: /\.css(\?.*)?$/ }, (a) => {
                const file = path.resolve(a.resolveDir, a.path.split('?')[0]);
                return exists(file) ? { path: file } : { path: a.path, namespace: 'empty' };
            });
            b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default undefined;', loader: 'js' }));
            b.onLoad({ filter: /\.(js|html|css)$/ }, (a) => {
                const component = componentOf(a.path);
                if (!component) return undefined;
                const source = fs.readFileSync(a.path, 'utf8');
                let out;
                try {
                    out = compiler.transformSync(source, path.basename(a.path), Object.assign({ outputConfig: { sourcemap: true } },
                        component));
                } catch (error) {
                    return { errors: [{ text: `@lwc/compiler: ${String(error.message || error).split('\n')[0]}`,
                        location: error.location ? { file: a.path, line: error.location.line, column: error.location.column || 0 } : null }] };
                }
                let contents = out.code;
                if (out.map) {
                    const map = Object.assign({}, out.map, { sources: [path.basename(a.path)], sourcesContent: [source] });
                    contents += `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
                }
                return { contents, loader: 'js' };
            });
        }
    };
    const entry = `import { createElement } from 'lwc';
import Component from 'c/${name}';
globalThis.__fidelityMount = () => createElement('c-${kebab(name)}', { is: Component });
`;
    const result = await esbuild.build({
        stdin: { contents: entry, resolveDir: bundleDir, sourcefile: 'fidelity-entry.js', loader: 'js' },
        bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', sourcemap: 'external',
        outfile: path.join(bundleDir, BUNDLE_URL), define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent', plugins: [plugin]
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
    const map = result.outputFiles.find((f) => f.path.endsWith('.map')).text;
    return { name, code, map: new SourceMap(map, bundleDir), file: path.join(lwcRoot, name, `${name}.js`), bundleDir };
}

// Method and function names of the generated file by line: where a frame of it was.
function enclosingNames(file) {
    const starts = [];
    fs.readFileSync(file, 'utf8').split('\n').forEach((text, index) => {
        const method = /^ {4}(?:async\s+|get\s+|set\s+|static\s+)?([A-Za-z_$][\w$]*)\s*(?:\(.*\)\s*\{|=\s*(?:async\s*)?\(?[^=]*\)?\s*=>)/.exec(text);
        const fn = /^(?:export\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/.exec(text);
        const end = /^(?:\}|export default class|class )/.test(text);
        if (method && !/^(if|for|while|switch|catch|return)$/.test(method[1])) starts.push([index + 1, method[1]]);
        else if (fn) starts.push([index + 1, fn[1]]);
        else if (end) starts.push([index + 1, null]);
    });
    return (line) => {
        let found = null;
        for (const [at, n] of starts) {
            if (at <= line) found = n;
            else break;
        }
        return found;
    };
}

// ------------------------------------------------------------------------------- one run

async function runJob(job, tools) {
    const { JSDOM, VirtualConsole } = tools.jsdom;
    const adapterDir = path.resolve(job.adapter);
    const scenario = JSON.parse(fs.readFileSync(path.resolve(job.scenario || path.join(adapterDir, 'scenario.json')), 'utf8'));
    const built = await build(path.resolve(job.bundle), tools.esbuild, tools.compiler);
    const nameAt = enclosingNames(built.file);
    const relativeFile = path.relative(built.bundleDir, built.file).split(path.sep).join('/');

    const effects = [];
    const reads = [];
    const warnings = [];
    const errors = [];
    const unresolved = [];
    let phase = 'boot';
    const record = (list, what) => list.push(Object.assign({ phase }, what));
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('jsdomError', (error) => record(errors, { error: `uncaught: ${error && (error.detail && error.detail.message
        || error.message) || error}` }));
    virtualConsole.on('error', (...a) => record(errors, { error: `console.error: ${a.map(String).join(' ').slice(0, 300)}` }));
    virtualConsole.on('warn', (...a) => record(warnings, { warning: a.map(String).join(' ').slice(0, 300) }));
    onRejection = (reason) => record(errors, { error: `unhandled rejection: ${reason && reason.message || reason}` });

    const dom = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>', {
        url: 'https://example.lightning.force.com/lightning/page/home', runScripts: 'outside-only', pretendToBeVisual: true,
        virtualConsole
    });
    const window = dom.window;

    // ------------------------------------------------------------ timers, clock, randomness (as legacy-effects.cjs)
    let now = START;
    const pending = new Set();
    const virtualTimers = [];
    let virtualId = 1000000;
    const realSetTimeout = window.setTimeout.bind(window);
    const realClearTimeout = window.clearTimeout.bind(window);
    const invoke = (fn, a) => (typeof fn === 'function' ? fn(...a) : window.eval(String(fn)));
    window.setTimeout = (fn, ms, ...a) => {
        if (Number(ms) > 50) {
            const id = ++virtualId;
            virtualTimers.push({ id, at: now + Number(ms), fn, args: a, every: 0 });
            return id;
        }
        const id = realSetTimeout(() => {
            pending.delete(id);
            invoke(fn, a);
        }, ms);
        pending.add(id);
        return id;
    };
    window.setInterval = (fn, ms, ...a) => {
        const id = ++virtualId;
        virtualTimers.push({ id, at: now + Math.max(Number(ms) || 0, 10), fn, args: a, every: Math.max(Number(ms) || 0, 10) });
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
        record(errors, { error: 'the component never went idle (short timers kept being scheduled)' });
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
                record(errors, { error: `timer: ${error && error.message || error}` });
            }
            await settle(1);
        }
        now = target;
    };
    let seed = 42;
    window.Math.random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
    };
    const RealDate = window.Date;
    class VirtualDate extends RealDate {
        constructor(...a) {
            if (a.length === 0) super(now);
            else super(...a);
        }

        static now() {
            return now;
        }
    }
    window.Date = VirtualDate;
    for (const [key, value] of Object.entries(scenario.local_storage || {})) {
        window.localStorage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value));
    }

    // ------------------------------------------------------------ where a call came from
    const origin = () => {
        const at = [];
        for (const frame of frames(new Error().stack)) {
            if (!frame.file.endsWith(BUNDLE_URL)) continue;
            const original = built.map.lookup(frame.line, frame.column - 1);
            if (!original || path.resolve(original.source) !== path.resolve(built.file)) continue;
            const where = `${relativeFile}:${original.line}`;
            const named = nameAt(original.line);
            const text = named ? `${named} (${where})` : where;
            if (at[at.length - 1] !== text) at.push(text);
        }
        return at;
    };

    // ------------------------------------------------------------ the recording context the doubles use
    const pageReferenceFor = (info) => (info && info.recordId
        ? { type: 'standard__recordPage', attributes: { recordId: info.recordId, objectApiName: info.objectType, actionName: 'view' } }
        : { type: 'standard__namedPage', attributes: { pageName: 'home' } });
    let page = pageReferenceFor(scenario.page_info);
    const pageWatchers = new Set();
    let recordCount = 0;
    const decodeDefaults = (value) => {
        if (typeof value !== 'string') return value;
        const out = {};
        value.split(',').forEach((pair) => {
            if (!pair) return;
            const at = pair.indexOf('=');
            out[decodeURIComponent(at < 0 ? pair : pair.slice(0, at))] = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1));
        });
        return out;
    };
    const matchesFor = (searchParams) => {
        const table = scenario.search || {};
        const key = Object.keys(table).find((k) => String(searchParams || '').replace(/[^0-9a-zA-Z]/g, '')
            .endsWith(k.replace(/[^0-9a-zA-Z]/g, '')));
        return key ? table[key] : (table['*'] || {});
    };
    const apexAnswer = (name) => {
        let value = (scenario.apex || {})[name];
        if (value && typeof value === 'object' && Array.isArray(value.$sequence)) {
            const sequence = value.$sequence;
            value = sequence.length > 1 ? sequence.shift() : sequence[0];
        }
        return value === undefined ? '' : (typeof value === 'string' ? value : JSON.stringify(value));
    };
    const classesDir = path.join(built.bundleDir, 'force-app', 'main', 'default', 'classes');
    const fidelity = {
        toolkits: [],
        utilityId: scenario.utility === false ? null : 'utility-ctimod-1', // false: not a utility item
        panel: { visible: scenario.panel_visible !== false, label: 'Phone' },
        effect(what, api, extra) {
            effects.push(Object.assign({ phase }, snapshot(what, window),
                { source: Object.assign({ api, at: origin() }, extra ? snapshot(extra, window) : {}) }));
        },
        read(api) {
            record(reads, { api });
        },
        navigate(reference, api, extra) {
            let pageReference = reference;
            if (reference && typeof reference === 'object') {
                pageReference = snapshot(reference, window);
                if (pageReference.state && pageReference.state.defaultFieldValues !== undefined) {
                    pageReference.state = Object.assign({}, pageReference.state,
                        { defaultFieldValues: decodeDefaults(pageReference.state.defaultFieldValues) });
                }
            }
            fidelity.effect({ effect: 'navigate', pageReference }, api, extra);
        },
        urlFor(reference) {
            const r = reference || {};
            const a = r.attributes || {};
            if (r.type === 'standard__recordPage') return `/lightning/r/${a.objectApiName || 'sObject'}/${a.recordId}/${a.actionName || 'view'}`;
            if (r.type === 'standard__objectPage') return `/lightning/o/${a.objectApiName}/${a.actionName || 'home'}`;
            if (r.type === 'standard__webPage') return a.url;
            return '/lightning/page/home';
        },
        pageReferenceForUrl(url) {
            return urlPageReference(url);
        },
        watchPage(fn) {
            pageWatchers.add(fn);
            fn(page);
            return () => pageWatchers.delete(fn);
        },
        nextRecordId() {
            recordCount += 1;
            return `00TDBL${String(recordCount).padStart(12, '0')}`;
        },
        apex(cls, method, params) {
            const p = snapshot(params === undefined ? {} : params, window);
            const clsFile = path.join(classesDir, `${cls}.cls`);
            if (!exists(clsFile)) unresolved.push(`@salesforce/apex/${cls}.${method}`);
            if (cls === SEARCH_CLASS && method === 'search') {
                const searchParams = p && p.searchParams;
                const callType = p && p.callType;
                const search = { effect: 'search', searchParams };
                if (callType !== undefined && callType !== null) search.callType = callType;
                fidelity.effect(search, `@salesforce/apex/${cls}.${method}`, { params: p });
                const matches = {};
                for (const [id, match] of Object.entries(matchesFor(searchParams))) {
                    matches[id] = { Id: match.Id || id, Name: match.Name, object: match.RecordType || match.object };
                }
                return Promise.resolve(matches);
            }
            const wrapper = delegations(clsFile)[method];
            let target = { class: cls, method };
            let passed = p && typeof p === 'object' ? p : {};
            let via;
            if (wrapper) {
                const values = {};
                wrapper.params.forEach((param) => {
                    const value = passed[param.name];
                    if (value !== undefined && value !== null) {
                        values[param.name] = /^String$/i.test(param.type) && typeof value !== 'string' ? String(value) : value;
                    }
                });
                if (wrapper.args.every((a) => wrapper.params.some((param) => param.name === a))) {
                    via = `${cls}.${method}`;
                    target = wrapper.target;
                    passed = values;
                }
            }
            fidelity.effect({ effect: 'apex', class: target.class, method: target.method, params: passed },
                `@salesforce/apex/${cls}.${method}`, via ? { via } : undefined);
            return Promise.resolve(apexAnswer(`${target.class}.${target.method}`));
        }
    };
    window.__fidelity = fidelity;

    // ------------------------------------------------------------ mount
    window.eval(`${built.code}\n//# sourceURL=${BUNDLE_URL}`);
    let element;
    try {
        element = window.__fidelityMount();
        window.document.body.appendChild(element);
    } catch (error) {
        record(errors, { error: `mount: ${error && error.message || error}` });
    }
    await settle(20);
    if (!fidelity.toolkits.length) record(errors, { error: 'the component renders no lightning-service-cloud-voice-toolkit-api' });

    // ------------------------------------------------------------ the scenario, as Voice delivers it
    let call = null;
    let outbound = 0;
    const deliver = (event, detail) => {
        const toolkits = fidelity.toolkits.slice();
        if (!toolkits.length) return;
        for (const toolkit of toolkits) {
            try {
                toolkit.deliver(event, detail);
            } catch (error) {
                record(errors, { error: `${event} listener: ${error && error.message || error}` });
            }
        }
    };
    const voiceEvents = (step) => {
        if (step.voice) return (Array.isArray(step.voice) ? step.voice : [step.voice]);
        if (step.do === 'vendor') {
            if (step.event === 'incoming') {
                return [{ event: 'callstarted', callId: step.callId || step.contactId, callType: 'inbound', participant: step.from }];
            }
            if (['answered', 'accept', 'accepted', 'connected'].includes(step.event)) return [{ event: 'callconnected' }];
            if (['remoteHangup', 'cancel', 'ended', 'hangup', 'disconnect'].includes(step.event)) return [{ event: 'callended' }];
        }
        if (step.do === 'clickToDial') {
            outbound += 1;
            return [{ event: 'callstarted', callId: `outbound-${outbound}`, callType: 'outbound', participant: step.number }];
        }
        return [];
    };
    for (const step of scenario.steps || []) {
        phase = step.phase || step.do;
        for (const spec of voiceEvents(step)) {
            const { event, ...given } = spec;
            let detail;
            if (event === 'callstarted') {
                call = { callId: given.callId, callType: given.callType || 'inbound', participant: given.participant };
                detail = Object.assign({}, call, given);
            } else if (event === 'callconnected') {
                detail = Object.assign({}, call || {}, given);
            } else if (event === 'callended') {
                detail = Object.assign({ callId: call && call.callId }, given);
                call = null;
            } else {
                detail = Object.assign({ callId: call && call.callId }, given);
            }
            deliver(event, detail);
            await settle(2);
        }
        if (step.do === 'navigate') {
            page = pageReferenceFor({ recordId: step.recordId, objectType: step.objectType });
            for (const fn of [...pageWatchers]) {
                try {
                    fn(page);
                } catch (error) {
                    record(errors, { error: `page reference wire: ${error && error.message || error}` });
                }
            }
        } else if (step.do === 'advance') {
            await advance(Math.round((step.seconds || 0) * 1000));
        }
        await settle(step.wait_ms);
    }
    onRejection = null;
    window.close();
    return { component: built.name, effects, reads, warnings, errors, unresolved: [...new Set(unresolved)] };
}

async function main() {
    const tools = { jsdom: requireTool('jsdom'), esbuild: requireTool('esbuild'), compiler: requireTool('@lwc/compiler') };
    const jobs = args[1] === '--jobs' ? JSON.parse(fs.readFileSync(args[2], 'utf8'))
        : [{ name: null, bundle: args[1], adapter: args[2], scenario: args[3] }];
    const results = {};
    for (const job of jobs) {
        try {
            results[job.name] = await runJob(job, tools);
        } catch (error) {
            onRejection = null;
            const text = error && error.errors && error.errors.length
                ? error.errors.map((e) => `${e.text}${e.location ? ` (${e.location.file}:${e.location.line})` : ''}`).join('; ')
                : String(error && error.stack || error);
            results[job.name] = { fatal: text };
        }
    }
    const out = args[1] === '--jobs' ? { results } : results[null];
    process.stdout.write(JSON.stringify(out) + '\n');
    setTimeout(() => process.exit(0), 10);
}

main().catch((error) => {
    process.stdout.write(JSON.stringify({ fatal: String(error && error.stack || error) }) + '\n');
    process.exit(2);
});
