/*
 * ctimod corpus: twilio-voice-sdk2/src/voice-phone.js - Lightning Open CTI softphone on the Twilio Voice JavaScript SDK 2.x (new Twilio.Device, device.on('incoming'), call.accept/disconnect/mute)
 * Patterns: plain-js, twilio-device, twilio-voice-sdk-2x, vendor-event-handlers, options-in-variables, savelog-task, runapex-apex-class, screenpop-constants
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Every Open CTI call here gets its options from a variable, the way real adapters build them:
 * an object literal in a local (lookup, req, args), a property of an object (popTargets.newContact),
 * a parameter whose callers pass literals (showPanel), and one the code computes (popFor(match)).
 */

/* global sforce, Twilio */

const phone = {
    device: null,
    call: null,          // the Twilio Call in progress
    direction: null,
    remoteNumber: null,
    acceptedAt: null,
    whoId: null,
    settings: {}
};

const $ = (id) => document.getElementById(id);

function status(text) {
    $('status').textContent = text;
}

function showPanel(args) {
    sforce.opencti.setSoftphonePanelVisibility(args);
}

// ------------------------------------------------------------------ settings and token

function start() {
    sforce.opencti.getCallCenterSettings({
        callback: (response) => {
            if (!response.success) {
                status('No call center settings');
                return;
            }
            phone.settings = response.returnValue;
            fetchToken().then(registerDevice);
        }
    });
}

function fetchToken() {
    const url = phone.settings['/reqTwilioVoice/reqTokenUrl'];
    return fetch(url, { credentials: 'include' }).then((r) => r.json()).then((body) => body.token);
}

async function registerDevice(token) {
    phone.device = new Twilio.Device(token, { codecPreferences: ['opus', 'pcmu'], closeProtection: true });
    phone.device.on('registered', () => {
        sforce.opencti.enableClickToDial({ callback: () => status('Ready') });
    });
    phone.device.on('unregistered', () => {
        sforce.opencti.disableClickToDial({ callback: () => status('Offline') });
    });
    phone.device.on('incoming', onIncoming);
    phone.device.on('tokenWillExpire', () => fetchToken().then((t) => phone.device.updateToken(t)));
    phone.device.on('error', (error) => status('Twilio error ' + error.code));
    await phone.device.register();
}

// ------------------------------------------------------------------ inbound

function onIncoming(call) {
    phone.call = call;
    phone.direction = 'Inbound';
    phone.remoteNumber = call.parameters.From;
    showPanel({ visible: true });
    wireCall(call);
    lookUpCaller(call.parameters.From, call.parameters.CallSid);
    status('Incoming call from ' + call.parameters.From);
}

function lookUpCaller(from, callSid) {
    const lookup = {
        apexClass: 'VoiceCallerLookup',
        methodName: 'findByPhone',
        methodParams: 'phone=' + encodeURIComponent(from) + '&callSid=' + callSid,
        callback: onLookup
    };
    sforce.opencti.runApex(lookup);
}

const popTargets = {
    newContact: null
};

function popFor(match) {
    return {
        type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
        params: { recordId: match.Id }
    };
}

function onLookup(result) {
    if (!result.success) {
        status('Lookup failed');
        return;
    }
    const matches = JSON.parse(result.returnValue.runApex || '[]');
    if (matches.length === 1) {
        phone.whoId = matches[0].Id;
        sforce.opencti.screenPop(popFor(matches[0]));
    } else if (matches.length === 0) {
        popTargets.newContact = {
            type: sforce.opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL,
            params: { entityName: 'Contact', defaultFieldValues: { Phone: phone.remoteNumber } }
        };
        sforce.opencti.screenPop(popTargets.newContact);
    } else {
        const args = {
            type: sforce.opencti.SCREENPOP_TYPE.SEARCH,
            params: { searchString: phone.remoteNumber }
        };
        sforce.opencti.screenPop(args);
    }
}

// ------------------------------------------------------------------ call state

function wireCall(call) {
    call.on('accept', () => {
        phone.acceptedAt = Date.now();
        status('Connected to ' + phone.remoteNumber);
        showButtons(['hangup', 'mute', 'hold']);
    });
    call.on('disconnect', () => onEnded(call));
    call.on('cancel', () => {
        status('Missed call from ' + phone.remoteNumber);
        phone.call = null;
        showButtons([]);
    });
    call.on('mute', (isMuted) => {
        $('mute').textContent = isMuted ? 'Unmute' : 'Mute';
    });
    showButtons(phone.direction === 'Inbound' ? ['answer', 'decline'] : ['hangup']);
}

function onEnded(call) {
    const seconds = phone.acceptedAt ? Math.round((Date.now() - phone.acceptedAt) / 1000) : 0;
    const req = {
        value: {
            entityApiName: 'Task',
            Subject: phone.direction + ' call ' + phone.remoteNumber,
            Status: 'Completed',
            CallType: phone.direction,
            CallDurationInSeconds: seconds,
            CallObject: call.parameters.CallSid,
            WhoId: phone.whoId
        },
        callback: (response) => {
            if (response.success) {
                sforce.opencti.refreshView();
            }
        }
    };
    sforce.opencti.saveLog(req);
    phone.call = null;
    phone.acceptedAt = null;
    showButtons([]);
    status('Ready');
}

// ------------------------------------------------------------------ outbound

sforce.opencti.onClickToDial({
    listener: async (payload) => {
        showPanel({ visible: true });
        phone.direction = 'Outbound';
        phone.remoteNumber = payload.number;
        phone.whoId = payload.recordId;
        const call = await phone.device.connect({ params: { To: payload.number, RecordId: payload.recordId } });
        phone.call = call;
        wireCall(call);
        status('Calling ' + payload.recordName);
    }
});

// ------------------------------------------------------------------ buttons

function showButtons(names) {
    ['answer', 'decline', 'hangup', 'mute', 'hold', 'resume'].forEach((name) => {
        $(name).hidden = names.indexOf(name) < 0;
    });
}

function holdRequest(action) {
    const sid = phone.call.parameters.CallSid;
    return fetch(phone.settings['/reqTwilioVoice/reqHoldUrl'] + '?callSid=' + sid + '&action=' + action, { method: 'POST' });
}

document.addEventListener('DOMContentLoaded', () => {
    $('answer').addEventListener('click', () => phone.call.accept());
    $('decline').addEventListener('click', () => phone.call.reject());
    $('hangup').addEventListener('click', () => phone.call.disconnect());
    $('mute').addEventListener('click', () => phone.call.mute(!phone.call.isMuted()));
    $('hold').addEventListener('click', () => holdRequest('hold').then(() => showButtons(['resume'])));
    $('resume').addEventListener('click', () => holdRequest('resume').then(() => showButtons(['hangup', 'mute', 'hold'])));
    start();
});
