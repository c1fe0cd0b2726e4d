// TEST DOUBLE of Salesforce Open CTI for the legacy side of the behavioural fidelity test.
//
// It is NOT Salesforce's opencti_min.js / interaction.js. It implements the documented members of
// Lightning `sforce.opencti` and Classic `sforce.interaction` (+ `.cti`, `.entityFeed`), records
// every call that changes something in Salesforce as an EFFECT, and answers callbacks with the
// documented response shapes (shared/reference/opencti-scv-api.md §1.3 and §2.2):
//   Lightning: callback({ success: true, returnValue, errors: null })
//     screenPop -> null; searchAndScreenPop -> { <Id>: {Id, Name, RecordType}, ... [SCREEN_POP_DATA] };
//     saveLog -> { recordId }; runApex -> { runApex: '<string>' }; getCallCenterSettings -> flat
//     settings; getAppViewInfo -> { url, recordId, recordName, objectType }; isSoftphonePanelVisible
//     -> { visible }; everything else -> null.
//   Classic: callback({ result }) with JSON strings where Salesforce sends them (`error` is undefined on
//     success: "If the API call was successful, this variable is undefined", the Open CTI guide's Classic pages)
//     (getCallCenterSettings, getPageInfo, searchAndScreenPop, onClickToDial, onFocus);
//     saveLog -> result and id = the record id; runApex -> the string; isInConsole -> boolean.
// Undocumented members are absent, so calling them throws as it would in Salesforce.
//
// Effect records (what the converted LWC must reproduce; `source` says which legacy call made it
// and is not part of the comparison):
//   { effect: 'navigate', pageReference }              <- screenPop (and the pop a non-deferred
//                                                          inbound searchAndScreenPop does itself
//                                                          when exactly one record matches)
//   { effect: 'navigate', pageReference: null, unsupported: { type, params } }  <- SEARCH and FLOW pops
//   { effect: 'search', searchParams, callType, queryParams?, deferred?, defaultFieldValues?, params? }
//   { effect: 'record', operation: 'create'|'update', apiName, fields }   <- saveLog
//   { effect: 'apex', class, method, params }          <- runApex (methodParams parsed)
//   { effect: 'utilityBar', action: 'open'|'minimize'|'updatePanel', target?, height?, width?,
//     label?, icon? }                                  <- panel members, Classic setVisible & co.
//   { effect: 'refresh' }                              <- refreshView, refreshPage, refreshRelatedList
//   { effect: 'clickToDial', enabled }                 <- enable/disableClickToDial (Voice owns it)
//   { effect: 'initialized' }                          <- notifyInitializationComplete
// Reads (settings, page info, layout, visibility) go to ctx.reads; listener registrations to
// ctx.listeners.
'use strict';

const SCREENPOP_TYPE = { SOBJECT: 'sobject', URL: 'url', OBJECTHOME: 'objecthome', LIST: 'list', SEARCH: 'search',
    NEW_RECORD_MODAL: 'newRecord', FLOW: 'flow' };
const CALL_TYPE = { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' };
// Classic members whose boolean result says whether the call worked (reference §2.2, §2.3).
const CLASSIC_WORKED = ['screenPop', 'setVisible', 'refreshPage', 'refreshRelatedList', 'saveLog', 'enableClickToDial',
    'disableClickToDial', 'setSoftphoneHeight', 'setSoftphoneWidth', 'refreshObject'];

// The Voice page reference a screen pop corresponds to (lightning/navigation). null: no page
// reference exists for that pop in Voice (SEARCH, FLOW, unknown types).
function pageReferenceFor(type, params) {
    const p = params || {};
    switch (String(type)) {
    case SCREENPOP_TYPE.SOBJECT:
        return { type: 'standard__recordPage', attributes: { recordId: p.recordId, actionName: 'view' } };
    case SCREENPOP_TYPE.URL:
        return urlPageReference(p.url);
    case SCREENPOP_TYPE.OBJECTHOME:
        return { type: 'standard__objectPage', attributes: { objectApiName: p.scope, actionName: 'home' } };
    case SCREENPOP_TYPE.LIST:
        return { type: 'standard__objectPage', attributes: { objectApiName: p.scope, actionName: 'list' },
            state: { filterName: p.listViewId } };
    case SCREENPOP_TYPE.NEW_RECORD_MODAL:
        return { type: 'standard__objectPage', attributes: { objectApiName: p.entityName, actionName: 'new' },
            state: { defaultFieldValues: p.defaultFieldValues || {} } };
    default:
        return null;
    }
}

// Classic screenPop(url) and Lightning URL pops: a record URL ('/003...') is a record page.
function urlPageReference(url) {
    const match = /^\/?([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})(?:[/?#].*)?$/.exec(String(url || ''));
    if (match) {
        return { type: 'standard__recordPage', attributes: { recordId: match[1], actionName: 'view' } };
    }
    return { type: 'standard__webPage', attributes: { url } };
}

function parseQuery(query) {
    const out = {};
    String(query || '').split('&').forEach((pair) => {
        if (!pair) return;
        const at = pair.indexOf('=');
        const key = at < 0 ? pair : pair.slice(0, at);
        const value = at < 0 ? '' : pair.slice(at + 1);
        try {
            out[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, ' '));
        } catch (error) {
            out[key] = value;
        }
    });
    return out;
}

// Classic saveLog's query string names fields in any case ('whoId=...&Activitydate=...'): Salesforce writes the
// field whose API name it is, so the record gets WhoId and ActivityDate. The standard fields of Task and Event
// (and Id) by their lower case; a name that is none of these is kept as written.
const ACTIVITY_FIELDS = new Map(['Id', 'Subject', 'Status', 'Priority', 'ActivityDate', 'Description', 'WhoId', 'WhatId',
    'OwnerId', 'RecordTypeId', 'Type', 'TaskSubtype', 'CallType', 'CallDurationInSeconds', 'CallDisposition',
    'CallObject', 'IsReminderSet', 'ReminderDateTime', 'CompletedDateTime', 'StartDateTime', 'EndDateTime',
    'DurationInMinutes', 'ActivityDateTime', 'Location', 'IsAllDayEvent', 'ShowAs', 'EventSubtype', 'IsPrivate']
    .map((name) => [name.toLowerCase(), name]));

function activityFieldNames(object, fields) {
    const activity = /^(task|event)$/i.test(String(object));
    const out = {};
    for (const [key, value] of Object.entries(fields)) {
        const name = key.toLowerCase() === 'id' ? 'Id' : (activity && ACTIVITY_FIELDS.get(key.toLowerCase())) || key;
        out[name in fields && name !== key ? key : name] = value;
    }
    return out;
}

function withoutUndefined(object) {
    const out = {};
    for (const [key, value] of Object.entries(object)) {
        if (value !== undefined) out[key] = value;
    }
    return out;
}

function recordEffect(value, apiName) {
    const fields = Object.assign({}, value || {});
    const entity = apiName !== undefined ? apiName : fields.entityApiName;
    delete fields.entityApiName;
    const idKey = Object.keys(fields).find((key) => key.toLowerCase() === 'id');
    const update = Boolean(idKey && fields[idKey]);
    return { effect: 'record', operation: update ? 'update' : 'create', apiName: entity === undefined ? null : entity,
        fields };
}

// The scenario decides what Salesforce answers: search matches, Apex results, page info.
function makeSalesforce(ctx, world) {
    let recordCount = 0;
    const nextRecordId = () => `00TDBL${String(++recordCount).padStart(12, '0')}`;
    const later = (fn) => ctx.later(fn);

    function matchesFor(searchParams) {
        const table = world.search || {};
        const key = Object.keys(table).find((k) => String(searchParams || '').replace(/[^0-9a-zA-Z]/g, '')
            .endsWith(k.replace(/[^0-9a-zA-Z]/g, '')));
        return key ? table[key] : (table['*'] || {});
    }

    function screenPopData(matches, searchParams, defaultFieldValues) {
        if (world.screenPopData) return world.screenPopData;
        const ids = Object.keys(matches);
        if (ids.length === 1) return { type: SCREENPOP_TYPE.SOBJECT, params: { recordId: ids[0] } };
        if (ids.length === 0) {
            return { type: SCREENPOP_TYPE.NEW_RECORD_MODAL,
                params: { entityName: 'Contact', defaultFieldValues: defaultFieldValues || {} } };
        }
        return { type: SCREENPOP_TYPE.SEARCH, params: { searchString: searchParams } };
    }

    function search(source, searchParams, queryParams, callType, deferred, defaultFieldValues, params) {
        ctx.effect(withoutUndefined({ effect: 'search', searchParams, callType: callType || undefined,
            queryParams: queryParams || undefined, deferred: deferred || undefined, defaultFieldValues, params }), source);
        const matches = matchesFor(searchParams);
        const ids = Object.keys(matches);
        const inbound = !callType || String(callType).toLowerCase() === 'inbound';
        if (!deferred && inbound && ids.length === 1) {
            ctx.effect({ effect: 'navigate', pageReference: pageReferenceFor(SCREENPOP_TYPE.SOBJECT, { recordId: ids[0] }) },
                Object.assign({ by: 'single-match pop of searchAndScreenPop' }, source));
        }
        return matches;
    }

    function apex(source, apexClass, methodName, methodParams) {
        ctx.effect({ effect: 'apex', class: apexClass, method: methodName, params: parseQuery(methodParams) }, source);
        const results = world.apex || {};
        let value = results[`${apexClass}.${methodName}`];
        if (value && typeof value === 'object' && Array.isArray(value.$sequence)) {
            // one answer per call, the last one repeating
            const sequence = value.$sequence;
            value = sequence.length > 1 ? sequence.shift() : sequence[0];
        }
        return value === undefined ? '' : (typeof value === 'string' ? value : JSON.stringify(value));
    }

    function pageInfo() {
        return Object.assign({ url: 'https://example.lightning.force.com/lightning/page/home', recordId: undefined,
            recordName: undefined, objectType: undefined }, world.page || {});
    }

    // ------------------------------------------------------------------ Lightning
    const ok = (arg, returnValue) => {
        if (arg && typeof arg.callback === 'function') {
            later(() => arg.callback({ success: true, returnValue: returnValue === undefined ? null : returnValue,
                errors: null }));
        }
    };
    const src = (api, args) => ({ api: `sforce.opencti.${api}`, family: 'lightning', args });
    const opencti = {
        SCREENPOP_TYPE,
        CALL_TYPE,
        screenPop(arg) {
            const a = arg || {};
            const pageReference = pageReferenceFor(a.type, a.params);
            // SEARCH, FLOW: no page reference in Voice; keep what was asked for the comparison.
            ctx.effect(pageReference ? { effect: 'navigate', pageReference }
                : { effect: 'navigate', pageReference: null, unsupported: { type: a.type, params: a.params } },
            src('screenPop', [a]));
            ok(a, null);
        },
        searchAndScreenPop(arg) {
            const a = arg || {};
            const matches = search(src('searchAndScreenPop', [a]), a.searchParams, a.queryParams, a.callType,
                a.deferred, a.defaultFieldValues, a.params);
            const returnValue = Object.assign({}, matches);
            if (a.deferred) returnValue.SCREEN_POP_DATA = screenPopData(matches, a.searchParams, a.defaultFieldValues);
            ok(a, returnValue);
        },
        saveLog(arg) {
            const a = arg || {};
            const effect = recordEffect(a.value);
            ctx.effect(effect, src('saveLog', [a]));
            const idKey = Object.keys(effect.fields).find((key) => key.toLowerCase() === 'id');
            ok(a, { recordId: effect.operation === 'update' ? effect.fields[idKey] : nextRecordId() });
        },
        runApex(arg) {
            const a = arg || {};
            ok(a, { runApex: apex(src('runApex', [a]), a.apexClass, a.methodName, a.methodParams) });
        },
        refreshView(arg) {
            ctx.effect({ effect: 'refresh' }, src('refreshView', [arg]));
            ok(arg, null);
        },
        setSoftphonePanelVisibility(arg) {
            const a = arg || {};
            world.panelVisible = Boolean(a.visible);
            ctx.effect({ effect: 'utilityBar', action: a.visible ? 'open' : 'minimize' },
                src('setSoftphonePanelVisibility', [a]));
            ok(a, null);
        },
        isSoftphonePanelVisible(arg) {
            ctx.read('sforce.opencti.isSoftphonePanelVisible');
            ok(arg, { visible: world.panelVisible !== false });
        },
        setSoftphonePanelHeight(arg) {
            ctx.effect({ effect: 'utilityBar', action: 'updatePanel', height: (arg || {}).heightPX },
                src('setSoftphonePanelHeight', [arg]));
            ok(arg, null);
        },
        setSoftphonePanelWidth(arg) {
            ctx.effect({ effect: 'utilityBar', action: 'updatePanel', width: (arg || {}).widthPX },
                src('setSoftphonePanelWidth', [arg]));
            ok(arg, null);
        },
        setSoftphonePanelLabel(arg) {
            ctx.effect({ effect: 'utilityBar', action: 'updatePanel', target: 'panel', label: (arg || {}).label },
                src('setSoftphonePanelLabel', [arg]));
            ok(arg, null);
        },
        setSoftphoneItemLabel(arg) {
            ctx.effect({ effect: 'utilityBar', action: 'updatePanel', target: 'item', label: (arg || {}).label },
                src('setSoftphoneItemLabel', [arg]));
            ok(arg, null);
        },
        setSoftphonePanelIcon(arg) {
            ctx.effect({ effect: 'utilityBar', action: 'updatePanel', target: 'panel', icon: (arg || {}).key },
                src('setSoftphonePanelIcon', [arg]));
            ok(arg, null);
        },
        setSoftphoneItemIcon(arg) {
            ctx.effect({ effect: 'utilityBar', action: 'updatePanel', target: 'item', icon: (arg || {}).key },
                src('setSoftphoneItemIcon', [arg]));
            ok(arg, null);
        },
        enableClickToDial(arg) {
            ctx.effect({ effect: 'clickToDial', enabled: true }, src('enableClickToDial', []));
            ok(arg, null);
        },
        disableClickToDial(arg) {
            ctx.effect({ effect: 'clickToDial', enabled: false }, src('disableClickToDial', []));
            ok(arg, null);
        },
        onClickToDial(arg) {
            ctx.listen('clickToDial', 'lightning', (arg || {}).listener);
        },
        onNavigationChange(arg) {
            ctx.listen('navigation', 'lightning', (arg || {}).listener);
        },
        getAppViewInfo(arg) {
            ctx.read('sforce.opencti.getAppViewInfo');
            ok(arg, pageInfo());
        },
        getCallCenterSettings(arg) {
            ctx.read('sforce.opencti.getCallCenterSettings');
            ok(arg, Object.assign({}, world.settings || {}));
        },
        getSoftphoneLayout(arg) {
            ctx.read('sforce.opencti.getSoftphoneLayout');
            ok(arg, world.layout || {});
        },
        notifyInitializationComplete(arg) {
            ctx.effect({ effect: 'initialized' }, src('notifyInitializationComplete', []));
            ok(arg, null);
        },
        subscribe(arg) {
            ctx.listen('lms', 'lightning', (arg || {}).listener);
            ok(arg, { subscription: { channelName: (arg || {}).channelName } });
        },
        publish(arg) {
            ctx.effect({ effect: 'publish', channelName: (arg || {}).channelName, message: (arg || {}).message },
                src('publish', [arg]));
            ok(arg, null);
        },
        unsubscribe(arg) {
            ok(arg, null);
        },
        hvs: {
            onWorkStart(arg) {
                ctx.listen('hvsWorkStart', 'lightning', (arg || {}).listener);
            },
            completeWork(arg) {
                ctx.effect({ effect: 'completeWork', workId: (arg || {}).workId, attributes: (arg || {}).attributes },
                    src('hvs.completeWork', [arg]));
                ok(arg, null);
            }
        }
    };

    // ------------------------------------------------------------------ Classic
    const done = (callback, result, extra) => {
        if (typeof callback === 'function') {
            later(() => callback(Object.assign({ result }, extra || {})));
        }
    };
    const csrc = (api, args) => ({ api: `sforce.interaction.${api}`, family: 'classic', args });
    const classicPageInfo = () => {
        const info = pageInfo();
        return JSON.stringify({ url: info.url, objectId: info.recordId || '', objectName: info.recordName || '',
            object: info.objectType || '', displayName: info.recordName || '' });
    };
    const interaction = {
        screenPop(url, force, callback) {
            ctx.effect({ effect: 'navigate', pageReference: urlPageReference(url) }, csrc('screenPop', [url, force]));
            done(typeof force === 'function' ? force : callback, true);
        },
        searchAndScreenPop(searchParams, queryParams, callType, callback) {
            const matches = search(csrc('searchAndScreenPop', [searchParams, queryParams, callType]), searchParams,
                queryParams, callType, false, undefined);
            done(callback, JSON.stringify(matches));
        },
        searchAndGetScreenPopUrl(searchParams, queryParams, callType, callback) {
            ctx.read('sforce.interaction.searchAndGetScreenPopUrl');
            done(callback, JSON.stringify(matchesFor(searchParams)));
        },
        saveLog(object, saveParams, callback) {
            const fields = activityFieldNames(object, parseQuery(saveParams));
            const effect = recordEffect(fields, object);
            ctx.effect(effect, csrc('saveLog', [object, saveParams]));
            const idKey = Object.keys(effect.fields).find((key) => key.toLowerCase() === 'id');
            const id = effect.operation === 'update' ? effect.fields[idKey] : nextRecordId();
            done(callback, id, { id });
        },
        runApex(apexClass, methodName, methodParams, callback) {
            done(callback, apex(csrc('runApex', [apexClass, methodName, methodParams]), apexClass, methodName,
                methodParams));
        },
        getPageInfo(callback) {
            ctx.read('sforce.interaction.getPageInfo');
            done(callback, classicPageInfo());
        },
        isInConsole(callback) {
            ctx.read('sforce.interaction.isInConsole');
            done(callback, Boolean(world.inConsole));
        },
        isVisible(callback) {
            ctx.read('sforce.interaction.isVisible');
            done(callback, world.panelVisible !== false);
        },
        setVisible(value, callback) {
            world.panelVisible = Boolean(value);
            ctx.effect({ effect: 'utilityBar', action: value ? 'open' : 'minimize' }, csrc('setVisible', [value]));
            done(callback, true);
        },
        onFocus(listener) {
            ctx.listen('navigation', 'classic', listener);
        },
        refreshPage(callback) {
            ctx.effect({ effect: 'refresh' }, csrc('refreshPage', []));
            done(callback, true);
        },
        refreshRelatedList(listName, callback) {
            ctx.effect({ effect: 'refresh' }, csrc('refreshRelatedList', [listName]));
            done(callback, true);
        },
        cti: {
            getCallCenterSettings(callback) {
                ctx.read('sforce.interaction.cti.getCallCenterSettings');
                done(callback, JSON.stringify(world.settings || {}));
            },
            getSoftphoneLayout(callback) {
                ctx.read('sforce.interaction.cti.getSoftphoneLayout');
                done(callback, JSON.stringify(world.layout || {}));
            },
            enableClickToDial(callback) {
                ctx.effect({ effect: 'clickToDial', enabled: true }, csrc('cti.enableClickToDial', []));
                done(callback, true);
            },
            disableClickToDial(callback) {
                ctx.effect({ effect: 'clickToDial', enabled: false }, csrc('cti.disableClickToDial', []));
                done(callback, true);
            },
            onClickToDial(listener) {
                ctx.listen('clickToDial', 'classic', listener);
            },
            setSoftphoneHeight(height, callback) {
                ctx.effect({ effect: 'utilityBar', action: 'updatePanel', height }, csrc('cti.setSoftphoneHeight', [height]));
                done(callback, true);
            },
            setSoftphoneWidth(width, callback) {
                ctx.effect({ effect: 'utilityBar', action: 'updatePanel', width }, csrc('cti.setSoftphoneWidth', [width]));
                done(callback, true);
            },
            getDirectoryNumbers(isGlobal, callCenterName, callback, resultSetPage, resultSetPageSize) {
                ctx.read('sforce.interaction.cti.getDirectoryNumbers');
                done([isGlobal, callCenterName, callback].find((a) => typeof a === 'function'), JSON.stringify([]));
            },
            notifyInitializationComplete() {
                ctx.effect({ effect: 'initialized' }, csrc('cti.notifyInitializationComplete', []));
            }
        },
        entityFeed: {
            refreshObject(objectId, refreshFields, refreshRelatedLists, refreshFeed, callback) {
                ctx.effect({ effect: 'refresh' }, csrc('entityFeed.refreshObject', [objectId]));
                done(callback, true);
            },
            onObjectUpdate(callback) {
                ctx.listen('objectUpdate', 'classic', callback);
            },
            reloadFrame() {
                ctx.effect({ effect: 'refresh' }, csrc('entityFeed.reloadFrame', []));
            }
        }
    };

    // ------------------------------------------------------------------ Service Cloud console (Classic)
    const console_ = {
        isInConsole() {
            ctx.read('sforce.console.isInConsole');
            return true;
        },
        getFocusedPrimaryTabId(callback) {
            done(callback, undefined, { id: 'scc-pt-0', success: true });
        },
        getEnclosingPrimaryTabId(callback) {
            done(callback, undefined, { id: 'scc-pt-0', success: true });
        },
        openPrimaryTab(id, url, active, tabLabel, callback) {
            ctx.effect({ effect: 'navigate', pageReference: urlPageReference(url) },
                { api: 'sforce.console.openPrimaryTab', family: 'console', args: [id, url] });
            done(callback, undefined, { id: 'scc-pt-1', success: true });
        },
        openSubtab(primaryTabId, url, active, tabLabel, id, callback) {
            ctx.effect({ effect: 'navigate', pageReference: urlPageReference(url) },
                { api: 'sforce.console.openSubtab', family: 'console', args: [primaryTabId, url] });
            done(callback, undefined, { id: 'scc-st-1', success: true });
        },
        refreshPrimaryTabById(id, active, callback) {
            ctx.effect({ effect: 'refresh' }, { api: 'sforce.console.refreshPrimaryTabById', family: 'console', args: [id] });
            done(callback, undefined, { success: true });
        },
        onFocusedSubtab(listener) {
            ctx.listen('consoleFocus', 'console', listener);
        },
        addEventListener(type, listener) {
            ctx.listen(`console:${type}`, 'console', listener);
        },
        removeEventListener() {},
        ConsoleEvent: { CLOSE_TAB: 'CLOSE_TAB', PRESENCE: { STATUS_CHANGED: 'STATUS_CHANGED', LOGOUT: 'LOGOUT',
            WORK_ACCEPTED: 'WORK_ACCEPTED' } }
    };

    // world.fail: { '<Classic member>': 'message' } - that member fails the way Classic Open CTI answered a failure,
    // { result, error: message }, with no effect: result false for a member whose result says whether the call
    // worked (reference §2.2/§2.3: screenPop, setVisible, refreshPage...), else null (no value came back).
    for (const [member, message] of Object.entries(world.fail || {})) {
        const owner = member.startsWith('cti.') ? interaction.cti : interaction;
        const name = member.replace(/^cti\./, '');
        owner[name] = (...args) => {
            const callback = args.filter((arg) => typeof arg === 'function').pop();
            if (callback) later(() => callback({ result: CLASSIC_WORKED.includes(name) ? false : null, error: message }));
        };
    }

    const sforce = {};
    const families = world.families || ['lightning'];
    if (families.includes('lightning')) sforce.opencti = opencti;
    if (families.includes('classic')) sforce.interaction = interaction;
    if (families.includes('console')) sforce.console = console_;
    return sforce;
}

module.exports = { makeSalesforce, pageReferenceFor, urlPageReference, parseQuery, SCREENPOP_TYPE, CALL_TYPE };
