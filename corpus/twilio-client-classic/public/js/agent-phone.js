/*
 * ctimod corpus: twilio-client-classic/public/js/agent-phone.js - Classic Open CTI agent phone for a small ACD built on Twilio Client 1.x (the Twilio.Device singleton)
 * Patterns: plain-js, classic-positional, classic-json-parse, classic-query-string, savelog-task, twilio-device, twilio-client-1x, vendor-event-handlers
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * The Twilio Client 1.x script (twilio.min.js 1.4) exposes one global device, Twilio.Device:
 * handlers are registered by calling Twilio.Device.incoming(fn), .connect(fn), .disconnect(fn),
 * and a call is placed by calling Twilio.Device.connect(params) with an object. The ACD server
 * (same origin) hands out capability tokens and parks calls on hold.
 */

/* global sforce, Twilio */

var AgentPhone = {
    settings: {},
    clientName: null,
    call: null,          // the Twilio.Connection of the call in progress
    direction: null,     // 'Inbound' or 'Outbound'
    callerNumber: null,
    startedAt: null,
    matchedWhoId: null
};

function byId(id) {
    return document.getElementById(id);
}

function showState(text) {
    byId('state').textContent = text;
}

function setButtons(visible) {
    ['answer', 'reject', 'hangup', 'mute', 'unmute', 'hold', 'resume'].forEach(function (name) {
        byId(name).style.display = visible.indexOf(name) >= 0 ? '' : 'none';
    });
}

// Salesforce formats numbers for people: '(415) 555-0100' -> '+14155550100'
function toE164(number) {
    var digits = String(number || '').replace(/[^0-9]/g, '');
    if (digits.length === 10) {
        digits = '1' + digits;
    }
    return '+' + digits;
}

// Twilio sends +1XXXXXXXXXX; Salesforce search works best on the national number.
function nationalNumber(e164) {
    return String(e164 || '').replace(/^\+1/, '');
}

function post(url, body, done) {
    var request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Content-Type', 'application/json');
    request.onload = function () {
        if (done) {
            done(request.status, request.responseText);
        }
    };
    request.send(JSON.stringify(body));
}

// ------------------------------------------------------------------ start-up

function onCallCenterSettings(response) {
    if (!response.result) {
        showState('No call center settings: ' + response.error);
        return;
    }
    AgentPhone.settings = JSON.parse(response.result);
    sforce.interaction.runApex('AcdAgentDirectory', 'clientNameFor', 'userId=' + AgentPhone.settings['/reqGeneralInfo/reqInternalName'], onClientName);
}

function onClientName(response) {
    AgentPhone.clientName = response.result;
    var tokenUrl = AgentPhone.settings['/reqTwilio/reqTokenUrl'] || '/token';
    var request = new XMLHttpRequest();
    request.open('GET', tokenUrl + '?client=' + encodeURIComponent(AgentPhone.clientName));
    request.onload = function () {
        Twilio.Device.setup(request.responseText, { debug: false, closeProtection: true });
    };
    request.send();
}

// ------------------------------------------------------------------ Salesforce -> phone

function dialFromSalesforce(response) {
    var payload = JSON.parse(response.result);
    sforce.interaction.setVisible(true);
    AgentPhone.direction = 'Outbound';
    AgentPhone.callerNumber = toE164(payload.number);
    AgentPhone.matchedWhoId = payload.objectId;
    Twilio.Device.connect({ To: AgentPhone.callerNumber, CallerId: AgentPhone.settings['/reqTwilio/reqCallerId'] });
    showState('Dialling ' + payload.number);
}

function onSearchDone(response) {
    if (!response.result) {
        return;
    }
    var matches = JSON.parse(response.result);
    var ids = Object.keys(matches);
    AgentPhone.matchedWhoId = ids.length === 1 ? ids[0] : null;
}

// ------------------------------------------------------------------ Twilio device events

function onDeviceReady(device) {
    sforce.interaction.cti.enableClickToDial();
    sforce.interaction.cti.onClickToDial(dialFromSalesforce);
    setButtons([]);
    showState('Ready as ' + AgentPhone.clientName);
}

function onDeviceOffline(device) {
    sforce.interaction.cti.disableClickToDial();
    showState('Offline');
}

function onDeviceIncoming(conn) {
    var ani = conn.parameters.From;
    var callSid = conn.parameters.CallSid;
    AgentPhone.call = conn;
    AgentPhone.direction = 'Inbound';
    AgentPhone.callerNumber = ani;
    sforce.interaction.setVisible(true);
    sforce.interaction.searchAndScreenPop(nationalNumber(ani), 'ANI=' + encodeURIComponent(ani) + '&CallSid=' + callSid, 'inbound', onSearchDone);
    setButtons(['answer', 'reject']);
    showState('Call from ' + ani);
}

function onDeviceConnect(conn) {
    AgentPhone.call = conn;
    AgentPhone.startedAt = Date.now();
    setButtons(AgentPhone.direction === 'Inbound' ? ['hangup', 'mute', 'hold'] : ['hangup', 'mute']);
    showState('On call with ' + AgentPhone.callerNumber);
}

function onDeviceDisconnect(conn) {
    var seconds = AgentPhone.startedAt ? Math.round((Date.now() - AgentPhone.startedAt) / 1000) : 0;
    var sid = conn.parameters.CallSid;
    setButtons([]);
    showState('Call ended');
    sforce.interaction.getPageInfo(function (response) {
        var page = response.result ? JSON.parse(response.result) : {};
        saveCallLog(sid, seconds, AgentPhone.matchedWhoId || page.objectId);
    });
    AgentPhone.call = null;
    AgentPhone.startedAt = null;
}

function onDeviceCancel(conn) {
    setButtons([]);
    showState('Missed call from ' + conn.parameters.From);
    AgentPhone.call = null;
}

function saveCallLog(callSid, seconds, whoId) {
    var fields = 'Subject=' + encodeURIComponent(AgentPhone.direction + ' call ' + AgentPhone.callerNumber) +
        '&Status=Completed' +
        '&CallType=' + AgentPhone.direction +
        '&CallDurationInSeconds=' + seconds +
        '&CallObject=' + callSid;
    if (whoId) {
        fields += '&WhoId=' + whoId;
    }
    sforce.interaction.saveLog('Task', fields, function (response) {
        if (response.result) {
            sforce.interaction.refreshPage();
        } else {
            showState('Could not log the call: ' + response.error);
        }
    });
}

// ------------------------------------------------------------------ agent buttons

function wireButtons() {
    byId('answer').addEventListener('click', function () {
        AgentPhone.call.accept();
    });
    byId('reject').addEventListener('click', function () {
        AgentPhone.call.reject();
        setButtons([]);
    });
    byId('hangup').addEventListener('click', function () {
        Twilio.Device.disconnectAll();
    });
    byId('mute').addEventListener('click', function () {
        AgentPhone.call.mute();
        setButtons(['hangup', 'unmute', 'hold']);
    });
    byId('unmute').addEventListener('click', function () {
        AgentPhone.call.unmute();
        setButtons(['hangup', 'mute', 'hold']);
    });
    byId('hold').addEventListener('click', function () {
        post('/calls/' + AgentPhone.call.parameters.CallSid + '/hold', { client: AgentPhone.clientName });
        setButtons(['resume']);
    });
    byId('resume').addEventListener('click', function () {
        post('/calls/' + AgentPhone.call.parameters.CallSid + '/resume', { client: AgentPhone.clientName });
        setButtons(['hangup', 'mute', 'hold']);
    });
}

window.addEventListener('load', function () {
    wireButtons();
    Twilio.Device.ready(onDeviceReady);
    Twilio.Device.offline(onDeviceOffline);
    Twilio.Device.incoming(onDeviceIncoming);
    Twilio.Device.connect(onDeviceConnect);
    Twilio.Device.disconnect(onDeviceDisconnect);
    Twilio.Device.cancel(onDeviceCancel);
    Twilio.Device.error(function (error) {
        showState('Phone error: ' + error.message);
    });
    sforce.interaction.cti.getCallCenterSettings(onCallCenterSettings);
});
