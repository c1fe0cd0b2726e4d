/*
 * ctimod corpus: broken-syntax-adapter/adapter.js - Lightning Open CTI adapter for a Corvox hosted PBX, deliberately left with syntax errors
 * Patterns: broken-syntax, pdf-pasted-comment, plain-js, full-softphone, screenpop-constants, calltype-constants, savelog-task
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Known defects kept on purpose (this is what the file looked like in the customer's org):
 *   - popRecord(): object literal passed to screenPop is missing a comma
 *   - a line pasted from the integration guide PDF sits between two functions as code
 *   - the bootstrap block at the end never closes its outer brace
 */

var CORVOX_CONFIG = {
    apiBase: 'https://api.corvox-pbx.example.net/v2',
    wsUrl: 'wss://rt.corvox-pbx.example.net/agent',
    ringTimeoutMs: 30000,
    logPrefix: '[corvox-cti]',
    taskSubjectPrefix: 'Call '
};

var state = {
    agentId: null,
    extension: null,
    currentCall: null,
    muted: false,
    onHold: false,
    callStartedAt: null,
    settings: {},
    panelVisible: true
};

function log() {
    var args = Array.prototype.slice.call(arguments);
    args.unshift(CORVOX_CONFIG.logPrefix);
    if (window.console && console.log) {
        console.log.apply(console, args);
    }
}

function logError(where, err) {
    var text = err && err.description ? err.description : String(err);
    if (window.console && console.error) {
        console.error(CORVOX_CONFIG.logPrefix, where, text);
    }
    setStatus('Error: ' + text);
}

function $(id) {
    return document.getElementById(id);
}

function setStatus(text) {
    var el = $('cvx-status');
    if (el) {
        el.textContent = text;
    }
}

function formatDuration(ms) {
    var total = Math.round(ms / 1000);
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    return minutes + ':' + (seconds < 10 ? '0' : '') + seconds;
}

function normaliseNumber(raw) {
    var digits = String(raw || '').replace(/[^0-9+]/g, '');
    if (digits.indexOf('+') !== 0 && digits.length === 10) {
        digits = '+1' + digits;
    }
    return digits;
}

/* ---------------------------------------------------------------------------
 * Vendor wiring: CorvoxPhone is the vendor's browser SDK (corvox-webphone.js)
 * ------------------------------------------------------------------------- */

function wirePhone() {
    CorvoxPhone.on('registered', function (info) {
        state.agentId = info.agentId;
        state.extension = info.extension;
        setStatus('Ready - ext ' + info.extension);
    });

    CorvoxPhone.on('incoming', function (call) {
        state.currentCall = call;
        state.callStartedAt = null;
        log('incoming call', call.id, call.from);
        $('cvx-caller').textContent = call.from;
        $('cvx-answer').disabled = false;
        if (call.attachedRecordId) {
            // IVR already identified the caller
            popRecord(call.attachedRecordId);
        } else {
            onInboundCall(call);
        }
    });

    CorvoxPhone.on('connected', function (call) {
        state.callStartedAt = Date.now();
        setStatus('Connected ' + call.from);
    });

    CorvoxPhone.on('ended', function (call) {
        var duration = state.callStartedAt ? Date.now() - state.callStartedAt : 0;
        setStatus('Call ended (' + formatDuration(duration) + ')');
        saveCallLog(call, duration);
        state.currentCall = null;
        state.muted = false;
        state.onHold = false;
    });

    CorvoxPhone.on('error', function (err) {
        logError('CorvoxPhone', err);
    });

    $('cvx-answer').onclick = function () {
        if (state.currentCall) {
            CorvoxPhone.answer(state.currentCall.id);
        }
    };
    $('cvx-hangup').onclick = function () {
        if (state.currentCall) {
            CorvoxPhone.hangup(state.currentCall.id);
        }
    };
    $('cvx-hold').onclick = function () {
        if (!state.currentCall) {
            return;
        }
        state.onHold = !state.onHold;
        CorvoxPhone.hold(state.currentCall.id, state.onHold);
    };
    $('cvx-mute').onclick = function () {
        state.muted = !state.muted;
        CorvoxPhone.mute(state.muted);
        $('cvx-mute').textContent = state.muted ? 'Unmute' : 'Mute';
    };
}

/* ---------------------------------------------------------------------------
 * Open CTI initialisation
 * ------------------------------------------------------------------------- */

function initSoftphone() {
    sforce.opencti.getCallCenterSettings({
        callback: function (response) {
            if (!response.success) {
                logError('getCallCenterSettings', response.errors && response.errors[0]);
                return;
            }
            state.settings = response.returnValue;
            var tenant = state.settings['/CorvoxSettings/tenantId'];
            CorvoxPhone.init({ tenant: tenant, apiBase: CORVOX_CONFIG.apiBase, wsUrl: CORVOX_CONFIG.wsUrl });
            wirePhone();
        }
    });

    sforce.opencti.setSoftphonePanelHeight({ heightPX: 420 });

    sforce.opencti.enableClickToDial({
        callback: function (response) {
            log('click to dial enabled', response.success);
        }
    });

    sforce.opencti.onClickToDial({
        listener: function (payload) {
            var number = normaliseNumber(payload.number);
            log('click to dial', number, payload.recordId);
            state.panelVisible = true;
            CorvoxPhone.dial(number, { recordId: payload.recordId, objectType: payload.objectType });
        }
    });
}

function onInboundCall(call) {
    sforce.opencti.searchAndScreenPop({
        searchParams: call.from,
        queryParams: 'ani=' + encodeURIComponent(call.from) + '&queue=' + encodeURIComponent(call.queue || ''),
        callType: sforce.opencti.CALL_TYPE.INBOUND,
        deferred: false,
        callback: function (response) {
            if (!response.success) {
                logError('searchAndScreenPop', response.errors && response.errors[0]);
                return;
            }
            var ids = Object.keys(response.returnValue || {});
            if (ids.length === 1) {
                call.whoId = ids[0];
            } else if (ids.length === 0) {
                popNewContact(call.from);
            }
        }
    });
}

function popRecord(recordId) {
    sforce.opencti.screenPop({
        type: sforce.opencti.SCREENPOP_TYPE.SOBJECT
        params: { recordId: recordId },
        callback: function (response) {
            if (!response.success) {
                logError('screenPop', response.errors && response.errors[0]);
            }
        }
    });
}

function popNewContact(number) {
    sforce.opencti.screenPop({
        type: sforce.opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL,
        params: {
            entityName: 'Contact',
            defaultFieldValues: { Phone: number, LeadSource: 'Phone Inquiry' }
        },
        callback: function (response) {
            if (!response.success) {
                logError('screenPop(newRecord)', response.errors && response.errors[0]);
            }
        }
    });
}

// Wrap-up: persist the finished call as a Task
“Step 3: call saveLog” - see page 12

function saveCallLog(call, durationMs) {
    var seconds = Math.round(durationMs / 1000);
    var value = {
        entityApiName: 'Task',
        Subject: CORVOX_CONFIG.taskSubjectPrefix + (call.direction === 'outbound' ? 'to ' : 'from ') + call.from,
        CallType: call.direction === 'outbound' ? 'Outbound' : 'Inbound',
        CallDurationInSeconds: seconds,
        CallObject: call.id,
        Status: 'Completed',
        ActivityDate: new Date().toISOString().slice(0, 10)
    };
    if (call.whoId) {
        value.WhoId = call.whoId;
    }
    sforce.opencti.saveLog({
        value: value,
        callback: function (response) {
            if (!response.success) {
                logError('saveLog', response.errors && response.errors[0]);
                return;
            }
            sforce.opencti.refreshView({
                callback: function () {
                    log('view refreshed after saveLog');
                }
            });
        }
    });
}

function showPanel(visible) {
    state.panelVisible = visible;
    sforce.opencti.setSoftphonePanelVisibility({
        visible: visible,
        callback: function (response) {
            if (!response.success) {
                logError('setSoftphonePanelVisibility', response.errors && response.errors[0]);
            }
        }
    });
}

function onAgentLogout() {
    if (state.currentCall) {
        CorvoxPhone.hangup(state.currentCall.id);
    }
    CorvoxPhone.unregister();
    showPanel(false);
}

/* ---------------------------------------------------------------------------
 * Bootstrap
 * ------------------------------------------------------------------------- */

window.addEventListener('load', function () {
    if (typeof CorvoxPhone === 'undefined') {
        setStatus('Corvox SDK failed to load');
        return;
    }
    initSoftphone();
    $('cvx-logout').onclick = onAgentLogout;

    sforce.opencti.isSoftphonePanelVisible({
        callback: function (response) {
            if (response.success && !response.returnValue.visible) {
                showPanel(true);
            }
        }
    });

    sforce.opencti.notifyInitializationComplete({
        callback: function (response) {
            if (!response.success) {
                logError('notifyInitializationComplete', response.errors && response.errors[0]);
            }
        }
    });
