/*
 * ctimod corpus: twilio-lightning-softphone/twilio-softphone.js - full Lightning Open CTI softphone built on a Twilio Voice JS SDK Device (answer, hangup, hold, mute, transfer, presence)
 * Patterns: plain-js, full-softphone, twilio-device, named-callback, calltype-literals, savelog-task
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Loaded by the adapter page after opencti_min.js and twilio.min.js (Voice JS SDK 2.x).
 * Settings come from the call center's "TwilioSettings" section; the access token is minted
 * by the TwilioCapabilityToken Apex web service so no Twilio secret reaches the browser.
 */
/* global Twilio, sforce */
var AcmeTwilioSoftphone = (function () {
  'use strict';

  var STORAGE_KEY = 'acmeVoice.softphone.v3';
  var MAX_RECENT_CALLS = 10;
  var PRESENCE = { AVAILABLE: 'Available', BUSY: 'Busy', WRAP_UP: 'WrapUp', OFFLINE: 'Offline' };
  var DISPOSITIONS = ['Resolved', 'Follow-up required', 'Transferred', 'Left voicemail', 'No answer', 'Wrong number'];

  var config = {
    accountSid: null,
    region: 'us1',
    edge: 'ashburn',
    callerId: null,
    backendUrl: null,
    tokenApexClass: 'TwilioCapabilityToken',
    lookupApexClass: 'CallerLookupService',
    identity: null
  };

  var device = null;
  var activeCall = null;
  var callContext = null;
  var presence = PRESENCE.OFFLINE;
  var clickToDialOn = false;
  var ui = {};
  var stored = restore();

  // ---------------------------------------------------------------------------
  // Persistence and logging
  // ---------------------------------------------------------------------------

  function restore() {
    try {
      var raw = window.localStorage.getItem(STORAGE_KEY);
      var parsed = raw ? JSON.parse(raw) : {};
      return {
        presence: parsed.presence || PRESENCE.AVAILABLE,
        recentCalls: Array.isArray(parsed.recentCalls) ? parsed.recentCalls : [],
        lastDisposition: parsed.lastDisposition || DISPOSITIONS[0],
        agentKey: parsed.agentKey || null
      };
    } catch (e) {
      return { presence: PRESENCE.AVAILABLE, recentCalls: [], lastDisposition: DISPOSITIONS[0] };
    }
  }

  function persist() {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    } catch (e) {
      log('warn', 'localStorage unavailable', e);
    }
  }

  function log(level, message, detail) {
    var fn = window.console && window.console[level] ? window.console[level] : function () {};
    fn.call(window.console, '[AcmeTwilio] ' + message, detail === undefined ? '' : detail);
  }

  function errorText(response) {
    return (response && response.errors || []).map(function (e) { return e.description || e.code; }).join(', ') || 'unknown error';
  }

  // ---------------------------------------------------------------------------
  // Backend for operations the Device cannot do on its own (hold and transfer run
  // through the conference that our TwiML app puts every call into).
  // ---------------------------------------------------------------------------

  var voiceApi = {
    post: function (path, body) {
      return fetch(config.backendUrl + path, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'X-Twilio-Account': config.accountSid },
        body: JSON.stringify(body)
      }).then(function (res) {
        if (!res.ok) {
          throw new Error(path + ' returned HTTP ' + res.status);
        }
        return res.json();
      });
    },
    hold: function (callSid, onHold) {
      return voiceApi.post('/calls/hold', { callSid: callSid, hold: onHold, identity: config.identity });
    },
    transfer: function (callSid, target, warm) {
      return voiceApi.post('/calls/transfer', { callSid: callSid, to: target, warm: !!warm, identity: config.identity });
    },
    presence: function (status) {
      return voiceApi.post('/workers/presence', { identity: config.identity, status: status });
    }
  };

  // ---------------------------------------------------------------------------
  // UI
  // ---------------------------------------------------------------------------

  function renderUi() {
    var root = document.getElementById('softphone-root') || document.body;
    root.innerHTML =
      '<div class="sp-header"><span id="sp-status">Starting…</span>' +
      '<select id="sp-presence"><option>' + PRESENCE.AVAILABLE + '</option><option>' + PRESENCE.OFFLINE + '</option></select>' +
      '<button id="sp-hide" title="Minimise">_</button></div>' +
      '<div id="sp-caller" class="sp-caller"></div>' +
      '<div class="sp-controls">' +
      '<button id="sp-answer" disabled>Answer</button><button id="sp-reject" disabled>Reject</button>' +
      '<button id="sp-hangup" disabled>Hang up</button><button id="sp-mute" disabled>Mute</button>' +
      '<button id="sp-hold" disabled>Hold</button><button id="sp-transfer" disabled>Transfer</button></div>' +
      '<div class="sp-dial"><input id="sp-number" type="tel" placeholder="+1 555 0100"><button id="sp-call">Call</button></div>' +
      '<div id="sp-keypad" class="sp-keypad"></div>' +
      '<form id="sp-wrapup" hidden><select id="sp-disposition"></select>' +
      '<textarea id="sp-notes" rows="3" placeholder="Call notes"></textarea><button type="submit">Save call</button></form>' +
      '<ul id="sp-recent" class="sp-recent"></ul>';

    ['status', 'presence', 'hide', 'caller', 'answer', 'reject', 'hangup', 'mute', 'hold', 'transfer',
      'number', 'call', 'keypad', 'wrapup', 'disposition', 'notes', 'recent'].forEach(function (id) {
      ui[id] = document.getElementById('sp-' + id);
    });

    DISPOSITIONS.forEach(function (d) {
      var opt = document.createElement('option');
      opt.textContent = d;
      opt.selected = d === stored.lastDisposition;
      ui.disposition.appendChild(opt);
    });
    '123456789*0#'.split('').forEach(function (digit) {
      var key = document.createElement('button');
      key.textContent = digit;
      key.addEventListener('click', function () { sendDigit(digit); });
      ui.keypad.appendChild(key);
    });

    ui.presence.value = stored.presence === PRESENCE.OFFLINE ? PRESENCE.OFFLINE : PRESENCE.AVAILABLE;
    ui.presence.addEventListener('change', function () { setPresence(ui.presence.value); });
    ui.hide.addEventListener('click', hidePanel);
    ui.answer.addEventListener('click', answer);
    ui.reject.addEventListener('click', reject);
    ui.hangup.addEventListener('click', hangup);
    ui.mute.addEventListener('click', toggleMute);
    ui.hold.addEventListener('click', toggleHold);
    ui.transfer.addEventListener('click', transfer);
    ui.call.addEventListener('click', function () { dial(ui.number.value, null); });
    ui.wrapup.addEventListener('submit', function (evt) {
      evt.preventDefault();
      completeWrapUp(ui.disposition.value, ui.notes.value);
    });
    renderRecentCalls();
  }

  function setStatus(text) {
    ui.status.textContent = text;
  }

  function setButtons(map) {
    Object.keys(map).forEach(function (name) {
      ui[name].disabled = !map[name];
    });
  }

  function renderRecentCalls() {
    ui.recent.innerHTML = '';
    stored.recentCalls.forEach(function (c) {
      var li = document.createElement('li');
      li.textContent = (c.direction === 'outbound' ? '↗ ' : '↙ ') + c.number + ' · ' + c.duration + 's · ' + c.disposition;
      li.addEventListener('click', function () { ui.number.value = c.number; });
      ui.recent.appendChild(li);
    });
  }

  function updatePanelLabel(text) {
    sforce.opencti.setSoftphonePanelLabel({
      label: text,
      callback: function (response) {
        if (!response.success) {
          log('warn', 'setSoftphonePanelLabel failed: ' + errorText(response));
        }
      }
    });
  }

  function revealPanel() {
    sforce.opencti.isSoftphonePanelVisible({
      callback: function (response) {
        if (response.success && !response.returnValue.visible) {
          sforce.opencti.setSoftphonePanelVisibility({ visible: true });
        }
      }
    });
  }

  function hidePanel() {
    sforce.opencti.setSoftphonePanelVisibility({
      visible: false,
      callback: function (response) {
        if (!response.success) {
          log('warn', 'could not hide softphone: ' + errorText(response));
        }
      }
    });
  }

  // ---------------------------------------------------------------------------
  // Salesforce bootstrap
  // ---------------------------------------------------------------------------

  function onSettingsLoaded(response) {
    if (!response.success) {
      setStatus('Call center settings unavailable');
      log('error', 'getCallCenterSettings: ' + errorText(response));
      return;
    }
    var s = response.returnValue;
    config.accountSid = s['/TwilioSettings/accountSid'];
    config.region = s['/TwilioSettings/region'] || config.region;
    config.edge = s['/TwilioSettings/edge'] || config.edge;
    config.callerId = s['/TwilioSettings/callerId'];
    config.backendUrl = (s['/TwilioSettings/backendUrl'] || '').replace(/\/+$/, '');
    config.tokenApexClass = s['/TwilioSettings/tokenApexClass'] || config.tokenApexClass;
    config.identity = 'sfdc_' + (s['/reqGeneralInfo/reqInternalName'] || 'agent') + '_' + (stored.agentKey || newAgentKey());
    if (!config.accountSid || !config.backendUrl) {
      setStatus('Twilio account is not configured');
      return;
    }
    fetchToken(function (token) {
      setupDevice(token);
    });
  }

  function newAgentKey() {
    stored.agentKey = Math.random().toString(36).slice(2, 10);
    persist();
    return stored.agentKey;
  }

  function fetchToken(onToken) {
    sforce.opencti.runApex({
      apexClass: config.tokenApexClass,
      methodName: 'getToken',
      methodParams: 'identity=' + encodeURIComponent(config.identity) + '&region=' + encodeURIComponent(config.region),
      callback: function (response) {
        if (!response.success || !response.returnValue || !response.returnValue.runApex) {
          setStatus('Could not get a Twilio token');
          log('error', 'runApex ' + config.tokenApexClass + '.getToken: ' + errorText(response));
          return;
        }
        onToken(response.returnValue.runApex);
      }
    });
  }

  function setupDevice(token) {
    device = new Twilio.Device(token, {
      edge: config.edge,
      codecPreferences: ['opus', 'pcmu'],
      closeProtection: 'A call is in progress. Leave the page?',
      allowIncomingWhileBusy: false,
      logLevel: 1
    });

    device.on('registered', function () {
      setStatus('Ready');
      syncClickToDial();
    });
    device.on('unregistered', function () {
      setStatus('Offline');
      syncClickToDial();
    });
    device.on('error', function (twilioError) {
      log('error', 'Twilio.Device error ' + twilioError.code, twilioError.message);
      setStatus('Phone error ' + twilioError.code);
    });
    device.on('tokenWillExpire', function () {
      fetchToken(function (fresh) { device.updateToken(fresh); });
    });
    device.on('incoming', onIncomingCall);

    sforce.opencti.onClickToDial({ listener: handleClickToDial });

    setPresence(stored.presence === PRESENCE.OFFLINE ? PRESENCE.OFFLINE : PRESENCE.AVAILABLE);
    sforce.opencti.notifyInitializationComplete({
      callback: function (response) {
        if (!response.success) {
          log('warn', 'notifyInitializationComplete: ' + errorText(response));
        }
      }
    });
  }

  function syncClickToDial() {
    var want = !!device && device.state === 'registered' && presence === PRESENCE.AVAILABLE;
    if (want === clickToDialOn) {
      return;
    }
    clickToDialOn = want;
    if (want) {
      sforce.opencti.enableClickToDial({ callback: function (r) { if (!r.success) { clickToDialOn = false; } } });
    } else {
      sforce.opencti.disableClickToDial({ callback: function (r) { if (!r.success) { clickToDialOn = true; } } });
    }
  }

  // ---------------------------------------------------------------------------
  // Presence
  // ---------------------------------------------------------------------------

  function setPresence(next) {
    var previous = presence;
    presence = next;
    if (next === PRESENCE.AVAILABLE || next === PRESENCE.OFFLINE) {
      stored.presence = next;
      persist();
    }
    if (next === PRESENCE.OFFLINE && device && device.state === 'registered') {
      device.unregister();
    } else if (next !== PRESENCE.OFFLINE && device && device.state === 'unregistered') {
      device.register();
    }
    if (previous !== next && config.backendUrl) {
      voiceApi.presence(next).catch(function (e) { log('warn', 'presence sync failed', e.message); });
    }
    updatePanelLabel(next === PRESENCE.AVAILABLE ? 'Phone' : 'Phone (' + next + ')');
    syncClickToDial();
  }

  // ---------------------------------------------------------------------------
  // Inbound
  // ---------------------------------------------------------------------------

  function onIncomingCall(call) {
    if (activeCall || presence !== PRESENCE.AVAILABLE) {
      call.reject();
      return;
    }
    activeCall = call;
    callContext = newContext('inbound', call.parameters.From, call.parameters.CallSid);
    callContext.accountNumber = call.customParameters && call.customParameters.get('accountNumber');

    ui.caller.textContent = 'Incoming call from ' + callContext.number;
    setButtons({ answer: true, reject: true, hangup: false, mute: false, hold: false, transfer: false });
    setStatus('Ringing');
    revealPanel();
    updatePanelLabel('Incoming: ' + callContext.number);
    popCaller(callContext);

    call.on('cancel', function () { finishCall('Missed'); });
    call.on('reject', function () { finishCall('Rejected'); });
    call.on('disconnect', function () { onCallEnded(); });
  }

  function popCaller(ctx) {
    sforce.opencti.searchAndScreenPop({
      searchParams: ctx.number,
      queryParams: 'CallSid=' + encodeURIComponent(ctx.sid),
      callType: 'inbound',
      callback: function (response) {
        if (!response.success) {
          log('error', 'searchAndScreenPop: ' + errorText(response));
          return;
        }
        var ids = Object.keys(response.returnValue || {});
        ctx.matches = ids;
        if (ids.length === 1) {
          ctx.recordId = ids[0];
          ctx.recordName = response.returnValue[ids[0]].Name;
          ui.caller.textContent = 'Incoming call from ' + ctx.recordName + ' (' + ctx.number + ')';
        } else if (ids.length === 0 && ctx.accountNumber) {
          lookupByAccountNumber(ctx);
        }
      }
    });
  }

  function lookupByAccountNumber(ctx) {
    sforce.opencti.runApex({
      apexClass: config.lookupApexClass,
      methodName: 'findByAccountNumber',
      methodParams: 'accountNumber=' + encodeURIComponent(ctx.accountNumber),
      callback: function (response) {
        if (!response.success) {
          log('warn', 'account lookup failed: ' + errorText(response));
          return;
        }
        var found = JSON.parse(response.returnValue.runApex || '{}');
        if (found.accountId) {
          ctx.recordId = found.accountId;
          ctx.recordName = found.name;
          ui.caller.textContent = 'Incoming call from ' + found.name + ' (acct ' + ctx.accountNumber + ')';
        }
      }
    });
  }

  function answer() {
    if (!activeCall) {
      return;
    }
    activeCall.accept();
    callContext.answeredAt = Date.now();
    setPresence(PRESENCE.BUSY);
    setStatus('On call');
    setButtons({ answer: false, reject: false, hangup: true, mute: true, hold: true, transfer: true });
  }

  function reject() {
    if (activeCall) {
      activeCall.reject();
    }
  }

  // ---------------------------------------------------------------------------
  // Outbound / click-to-dial
  // ---------------------------------------------------------------------------

  function handleClickToDial(payload) {
    if (activeCall) {
      setStatus('Finish the current call first');
      return;
    }
    if (presence !== PRESENCE.AVAILABLE) {
      setStatus('Set yourself Available to dial');
      return;
    }
    revealPanel();
    ui.number.value = payload.number;
    dial(payload.number, { recordId: payload.recordId, recordName: payload.recordName, objectType: payload.objectType });
  }

  function dial(rawNumber, record) {
    var number = String(rawNumber || '').replace(/[^\d+*#]/g, '');
    if (!number || !device) {
      return;
    }
    callContext = newContext('outbound', number, null);
    if (record) {
      callContext.recordId = record.recordId;
      callContext.recordName = record.recordName;
    }
    setStatus('Dialling ' + number);
    setPresence(PRESENCE.BUSY);
    device.connect({ params: { To: number, CallerId: config.callerId || '', SfdcRecordId: callContext.recordId || '' } })
      .then(function (call) {
        activeCall = call;
        call.on('accept', function () {
          callContext.sid = call.parameters.CallSid;
          callContext.answeredAt = Date.now();
          setStatus('On call');
          updatePanelLabel('On call: ' + (callContext.recordName || number));
        });
        call.on('disconnect', function () { onCallEnded(); });
        call.on('error', function (e) { log('error', 'outbound call error', e.message); });
        setButtons({ answer: false, reject: false, hangup: true, mute: true, hold: true, transfer: true });
      })
      .catch(function (err) {
        log('error', 'device.connect failed', err.message);
        setStatus('Call failed');
        callContext = null;
        setPresence(PRESENCE.AVAILABLE);
      });
  }

  // ---------------------------------------------------------------------------
  // In-call controls
  // ---------------------------------------------------------------------------

  function hangup() {
    if (activeCall) {
      activeCall.disconnect();
    }
  }

  function toggleMute() {
    if (!activeCall) {
      return;
    }
    var muted = !activeCall.isMuted();
    activeCall.mute(muted);
    ui.mute.textContent = muted ? 'Unmute' : 'Mute';
  }

  function toggleHold() {
    if (!activeCall || !callContext.sid) {
      return;
    }
    var next = !callContext.onHold;
    ui.hold.disabled = true;
    voiceApi.hold(callContext.sid, next).then(function () {
      callContext.onHold = next;
      ui.hold.textContent = next ? 'Resume' : 'Hold';
      setStatus(next ? 'On hold' : 'On call');
    }).catch(function (e) {
      setStatus('Hold failed: ' + e.message);
    }).then(function () {
      ui.hold.disabled = false;
    });
  }

  function transfer() {
    if (!activeCall || !callContext.sid) {
      return;
    }
    var target = window.prompt('Transfer to (number or agent name):');
    if (!target) {
      return;
    }
    var warm = window.confirm('Warm transfer (talk to the recipient first)?');
    voiceApi.transfer(callContext.sid, target, warm).then(function () {
      callContext.transferredTo = target;
      setStatus(warm ? 'Consulting ' + target : 'Transferred to ' + target);
    }).catch(function (e) {
      setStatus('Transfer failed: ' + e.message);
    });
  }

  function sendDigit(digit) {
    if (activeCall) {
      activeCall.sendDigits(digit);
    } else {
      ui.number.value += digit;
    }
  }

  // ---------------------------------------------------------------------------
  // Wrap-up and call logging
  // ---------------------------------------------------------------------------

  function newContext(direction, number, sid) {
    return { direction: direction, number: number, sid: sid, startedAt: Date.now(), answeredAt: null,
      recordId: null, recordName: null, matches: [], onHold: false, transferredTo: null };
  }

  function onCallEnded() {
    activeCall = null;
    setButtons({ answer: false, reject: false, hangup: false, mute: false, hold: false, transfer: false });
    if (!callContext) {
      return;
    }
    callContext.endedAt = Date.now();
    setPresence(PRESENCE.WRAP_UP);
    setStatus('Wrap-up');
    ui.wrapup.hidden = false;
    if (callContext.transferredTo) {
      ui.disposition.value = 'Transferred';
    }
  }

  function finishCall(disposition) {
    activeCall = null;
    if (callContext) {
      callContext.endedAt = Date.now();
      completeWrapUp(disposition, '');
    }
  }

  function completeWrapUp(disposition, notes) {
    var ctx = callContext;
    callContext = null;
    ui.wrapup.hidden = true;
    ui.notes.value = '';
    ui.caller.textContent = '';
    if (!ctx) {
      return;
    }
    var duration = ctx.answeredAt ? Math.round((ctx.endedAt - ctx.answeredAt) / 1000) : 0;
    stored.lastDisposition = disposition;
    stored.recentCalls.unshift({ number: ctx.number, direction: ctx.direction, duration: duration, disposition: disposition });
    stored.recentCalls = stored.recentCalls.slice(0, MAX_RECENT_CALLS);
    persist();
    renderRecentCalls();

    var task = {
      entityApiName: 'Task',
      Subject: (ctx.direction === 'inbound' ? 'Inbound call from ' : 'Outbound call to ') + ctx.number,
      Status: 'Completed',
      TaskSubtype: 'Call',
      ActivityDate: new Date(ctx.startedAt).toISOString().slice(0, 10),
      CallType: ctx.direction === 'inbound' ? 'Inbound' : 'Outbound',
      CallDurationInSeconds: duration,
      CallDisposition: disposition,
      CallObject: ctx.sid || '',
      Description: notes
    };
    if (ctx.recordId) {
      task[ctx.recordId.indexOf('003') === 0 || ctx.recordId.indexOf('00Q') === 0 ? 'WhoId' : 'WhatId'] = ctx.recordId;
    }
    sforce.opencti.saveLog({
      value: task,
      callback: function (response) {
        if (!response.success) {
          setStatus('Call log not saved: ' + errorText(response));
          return;
        }
        sforce.opencti.refreshView();
        setStatus('Call logged');
      }
    });
    setPresence(PRESENCE.AVAILABLE);
  }

  // ---------------------------------------------------------------------------
  // Start
  // ---------------------------------------------------------------------------

  function init() {
    renderUi();
    if (typeof Twilio === 'undefined' || !Twilio.Device) {
      setStatus('Twilio Voice SDK failed to load');
      return;
    }
    sforce.opencti.getCallCenterSettings({ callback: onSettingsLoaded });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }

  return {
    dial: dial,
    hangup: hangup,
    setPresence: setPresence,
    getState: function () { return { presence: presence, call: callContext }; }
  };
})();
