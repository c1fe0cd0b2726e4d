/*
 * ctimod corpus: lms-and-sales-engagement/adapter.js - Lightning Open CTI adapter that relays call events to LWCs over Lightning Message Service and dials Sales Engagement (HVS) work items
 * Patterns: lms, sales-engagement, plain-js
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Acme Voice Connect for Sales Engagement, adapter build 3.4.2
 *
 * Loaded by softphone.html after /support/api/48.0/lightning/opencti_min.js and the
 * Acme WebRTC SDK (acme-voice-sdk.min.js, exposes window.AcmeVoice).
 *
 * Message channels:
 *   SoftphoneEvents__c    org-local channel; our "Call Companion" LWC on the record page
 *                         listens here for call state and sends "wrapup" messages back.
 *   acme_CallControl__c   channel shipped in the acme managed package; the package's
 *                         utility-bar LWC sends hold/mute/hangup commands on it.
 */
(function (window, document) {
  'use strict';

  var ORG_CHANNEL = 'SoftphoneEvents__c';
  var PACKAGED_CHANNEL = 'acme_CallControl__c';
  var ADAPTER_VERSION = '3.4.2';
  var DEFAULT_DISPOSITION = 'Connected';

  var state = {
    phone: null,
    call: null,
    callStartedAt: null,
    direction: null,
    relatedRecordId: null,
    hvsWork: null,          // { workId, to, startedAt } while a Sales Engagement step is running
    queuedWork: null,       // HVS work that arrived while another call was up
    pendingNotes: null,
    subscriptions: {},      // channelName -> subscription object returned by sforce.opencti.subscribe
    settings: {},
    loggedIn: false
  };

  // ---------------------------------------------------------------------------
  // Logging
  // ---------------------------------------------------------------------------
  var logBox = document.getElementById('acme-log');

  function log(level, msg, data) {
    var line = '[' + new Date().toISOString() + '] [acme-lms ' + ADAPTER_VERSION + '] ' +
      level.toUpperCase() + ' ' + msg;
    if (window.console && console[level]) {
      console[level](line, data !== undefined ? data : '');
    }
    if (logBox) {
      var row = document.createElement('div');
      row.className = 'log-' + level;
      row.textContent = line;
      logBox.insertBefore(row, logBox.firstChild);
      while (logBox.childNodes.length > 200) {
        logBox.removeChild(logBox.lastChild);
      }
    }
  }

  function errorText(response) {
    if (!response || !response.errors || !response.errors.length) {
      return 'unknown error';
    }
    return response.errors.map(function (e) {
      return e.code + ': ' + e.description;
    }).join('; ');
  }

  // ---------------------------------------------------------------------------
  // UI
  // ---------------------------------------------------------------------------
  var ui = {
    status: document.getElementById('acme-status'),
    number: document.getElementById('acme-number'),
    timer: document.getElementById('acme-timer'),
    answer: document.getElementById('btn-answer'),
    hangup: document.getElementById('btn-hangup'),
    hold: document.getElementById('btn-hold'),
    mute: document.getElementById('btn-mute'),
    dial: document.getElementById('btn-dial'),
    logout: document.getElementById('btn-logout'),
    disposition: document.getElementById('sel-disposition'),
    hvsBanner: document.getElementById('hvs-banner')
  };
  var timerHandle = null;

  function setStatus(text) {
    if (ui.status) { ui.status.textContent = text; }
  }

  function showControls(inCall) {
    [ui.hangup, ui.hold, ui.mute].forEach(function (b) {
      if (b) { b.disabled = !inCall; }
    });
    if (ui.dial) { ui.dial.disabled = inCall; }
  }

  function startTimer() {
    stopTimer();
    timerHandle = window.setInterval(function () {
      if (!state.callStartedAt || !ui.timer) { return; }
      var secs = Math.floor((Date.now() - state.callStartedAt) / 1000);
      var mm = ('0' + Math.floor(secs / 60)).slice(-2);
      var ss = ('0' + (secs % 60)).slice(-2);
      ui.timer.textContent = mm + ':' + ss;
    }, 1000);
  }

  function stopTimer() {
    if (timerHandle) {
      window.clearInterval(timerHandle);
      timerHandle = null;
    }
  }

  // ---------------------------------------------------------------------------
  // Lightning Message Service
  // ---------------------------------------------------------------------------
  function publishCallEvent(eventName, extra) {
    var message = {
      source: 'acme-softphone',
      event: eventName,
      callId: state.call ? state.call.id : null,
      direction: state.direction,
      number: state.call ? state.call.remoteNumber : null,
      recordId: state.relatedRecordId,
      workId: state.hvsWork ? state.hvsWork.workId : null,
      sentAt: Date.now()
    };
    if (extra) {
      Object.keys(extra).forEach(function (k) { message[k] = extra[k]; });
    }
    sforce.opencti.publish({
      channelName: ORG_CHANNEL,
      message: message,
      callback: function (response) {
        if (!response.success) {
          log('warn', 'publish ' + eventName + ' failed: ' + errorText(response));
        }
      }
    });
  }

  // Messages from the Call Companion LWC (org channel).
  function onCompanionMessage(message) {
    if (!message || message.source === 'acme-softphone') {
      return; // our own echo
    }
    log('info', 'companion message ' + message.event, message);
    switch (message.event) {
      case 'wrapup':
        if (ui.disposition && message.disposition) {
          ui.disposition.value = message.disposition;
        }
        if (message.notes) {
          state.pendingNotes = message.notes;
        }
        break;
      case 'relatedRecordChanged':
        state.relatedRecordId = message.recordId;
        break;
      case 'openRecord':
        sforce.opencti.screenPop({
          type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
          params: { recordId: message.recordId },
          callback: function (response) {
            if (!response.success) {
              log('warn', 'screenPop ' + message.recordId + ' failed: ' + errorText(response));
            }
          }
        });
        break;
      default:
        log('debug', 'ignored companion event ' + message.event);
    }
  }

  // Commands from the packaged utility LWC (acme_CallControl__c).
  function onCallControlMessage(message) {
    if (!message || !message.command) { return; }
    log('info', 'call control command ' + message.command);
    switch (message.command) {
      case 'hangup': hangup(); break;
      case 'hold': toggleHold(true); break;
      case 'resume': toggleHold(false); break;
      case 'mute': toggleMute(true); break;
      case 'unmute': toggleMute(false); break;
      case 'dial': dial(message.number, 'outbound'); break;
      default: log('warn', 'unknown command ' + message.command);
    }
  }

  function subscribeChannel(channelName, handler) {
    sforce.opencti.subscribe({
      channelName: channelName,
      listener: handler,
      callback: function (response) {
        if (response.success) {
          state.subscriptions[channelName] = response.returnValue.subscription;
          log('info', 'subscribed to ' + channelName);
        } else {
          log('error', 'subscribe ' + channelName + ' failed: ' + errorText(response));
        }
      }
    });
  }

  function unsubscribeAll(done) {
    var names = Object.keys(state.subscriptions);
    var pending = names.length;
    if (!pending) { done(); return; }
    names.forEach(function (name) {
      sforce.opencti.unsubscribe({
        subscription: state.subscriptions[name],
        callback: function (response) {
          if (!response.success) {
            log('warn', 'unsubscribe ' + name + ' failed: ' + errorText(response));
          }
          delete state.subscriptions[name];
          pending -= 1;
          if (pending === 0) { done(); }
        }
      });
    });
  }

  // ---------------------------------------------------------------------------
  // Vendor phone (Acme WebRTC SDK)
  // ---------------------------------------------------------------------------
  function settingValue(key, fallback) {
    var v = state.settings['/AcmeVoice/' + key];
    return v !== undefined && v !== '' ? v : fallback;
  }

  function startPhone() {
    state.phone = new window.AcmeVoice.Phone({
      server: settingValue('wssServer', 'wss://voice.acme-telecom.example/ws'),
      tenant: settingValue('tenantId', ''),
      ringtone: settingValue('ringtoneUrl', null),
      logLevel: settingValue('sdkLogLevel', 'warn')
    });

    state.phone.on('registered', function () {
      state.loggedIn = true;
      setStatus('Available');
      publishCallEvent('agentReady');
    });
    state.phone.on('unregistered', function () {
      state.loggedIn = false;
      setStatus('Offline');
    });
    state.phone.on('incoming', onIncomingCall);
    state.phone.on('error', function (err) {
      log('error', 'phone error ' + err.code + ' ' + err.message);
      setStatus('Phone error');
    });

    state.phone.register({ token: settingValue('authToken', '') });
  }

  function attachCallHandlers(call) {
    call.on('accepted', function () {
      state.callStartedAt = Date.now();
      startTimer();
      setStatus('On call');
      showControls(true);
      publishCallEvent('callConnected');
    });
    call.on('ended', function (info) {
      onCallEnded(info);
    });
    call.on('failed', function (info) {
      log('warn', 'call failed: ' + (info && info.reason));
      onCallEnded({ reason: 'failed', sipCode: info && info.sipCode });
    });
  }

  function onIncomingCall(call) {
    state.call = call;
    state.direction = 'inbound';
    state.relatedRecordId = null;
    attachCallHandlers(call);
    if (ui.number) { ui.number.textContent = call.remoteNumber; }
    setStatus('Ringing');
    if (ui.answer) { ui.answer.disabled = false; }

    sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    publishCallEvent('callRinging');

    sforce.opencti.searchAndScreenPop({
      searchParams: call.remoteNumber,
      queryParams: 'acmeCallId=' + encodeURIComponent(call.id),
      callType: sforce.opencti.CALL_TYPE.INBOUND,
      deferred: false,
      callback: function (response) {
        if (!response.success) {
          log('warn', 'searchAndScreenPop failed: ' + errorText(response));
          return;
        }
        var ids = Object.keys(response.returnValue || {});
        if (ids.length === 1) {
          state.relatedRecordId = ids[0];
          publishCallEvent('callerIdentified', { matches: 1 });
        } else {
          publishCallEvent('callerIdentified', { matches: ids.length });
        }
      }
    });
  }

  function answer() {
    if (!state.call) { return; }
    state.call.accept({ audio: true });
    if (ui.answer) { ui.answer.disabled = true; }
  }

  function dial(number, reason) {
    if (!number) { return; }
    if (!state.loggedIn) {
      log('warn', 'cannot dial ' + number + ': phone not registered');
      return;
    }
    var cleaned = String(number).replace(/[^\d+*#]/g, '');
    state.direction = 'outbound';
    state.call = state.phone.dial(cleaned, {
      callerId: settingValue('outboundCallerId', undefined),
      metadata: { reason: reason, workId: state.hvsWork ? state.hvsWork.workId : null }
    });
    attachCallHandlers(state.call);
    if (ui.number) { ui.number.textContent = cleaned; }
    setStatus('Dialing');
    showControls(true);
    publishCallEvent('callDialing', { reason: reason });
  }

  function hangup() {
    if (state.call) { state.call.hangup(); }
  }

  function toggleHold(on) {
    if (!state.call) { return; }
    state.call.hold(on);
    setStatus(on ? 'On hold' : 'On call');
    publishCallEvent(on ? 'callHeld' : 'callResumed');
  }

  function toggleMute(on) {
    if (!state.call) { return; }
    state.call.mute(on);
    if (ui.mute) { ui.mute.classList.toggle('active', on); }
    publishCallEvent(on ? 'callMuted' : 'callUnmuted');
  }

  function onCallEnded(info) {
    stopTimer();
    showControls(false);
    var endedCall = state.call;
    var durationSec = state.callStartedAt ? Math.round((Date.now() - state.callStartedAt) / 1000) : 0;
    var connected = !!state.callStartedAt;
    publishCallEvent('callEnded', { durationSec: durationSec, reason: info && info.reason });

    logCall(endedCall, durationSec, function (taskId) {
      if (state.hvsWork) {
        finishWork(taskId, connected);
      } else if (state.queuedWork) {
        var next = state.queuedWork;
        state.queuedWork = null;
        onWorkStart(next);
      }
    });

    state.call = null;
    state.callStartedAt = null;
    setStatus(state.loggedIn ? 'Available' : 'Offline');
  }

  // ---------------------------------------------------------------------------
  // Call logging
  // ---------------------------------------------------------------------------
  function logCall(call, durationSec, onSaved) {
    if (!call) { onSaved(null); return; }
    var disposition = ui.disposition ? ui.disposition.value : DEFAULT_DISPOSITION;
    var task = {
      entityApiName: 'Task',
      Subject: (state.direction === 'inbound' ? 'Inbound call from ' : 'Call to ') + call.remoteNumber,
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: state.direction === 'inbound' ? 'Inbound' : 'Outbound',
      CallDurationInSeconds: durationSec,
      CallDisposition: disposition,
      CallObject: call.id,
      Description: state.pendingNotes || ''
    };
    if (state.relatedRecordId) {
      if (/^00Q|^003/.test(state.relatedRecordId)) {
        task.WhoId = state.relatedRecordId;
      } else {
        task.WhatId = state.relatedRecordId;
      }
    }
    sforce.opencti.saveLog({
      value: task,
      callback: function (response) {
        state.pendingNotes = null;
        if (!response.success) {
          log('error', 'saveLog failed: ' + errorText(response));
          onSaved(null);
          return;
        }
        var taskId = response.returnValue && (response.returnValue.recordId || response.returnValue);
        log('info', 'call logged as task ' + taskId);
        publishCallEvent('callLogged', { taskId: taskId });
        sforce.opencti.refreshView();
        onSaved(taskId);
      }
    });
  }

  // ---------------------------------------------------------------------------
  // Sales Engagement (High Velocity Sales) work
  // ---------------------------------------------------------------------------
  function onWorkStart(work) {
    log('info', 'HVS work started ' + work.workId, work);
    if (state.call || state.hvsWork) {
      log('warn', 'HVS work ' + work.workId + ' arrived while busy; queued until hang-up');
      state.queuedWork = work;
      return;
    }
    state.hvsWork = {
      workId: work.workId,
      to: work.attributes && work.attributes.to,
      startedAt: Date.now()
    };
    if (ui.hvsBanner) {
      ui.hvsBanner.textContent = 'Cadence call: ' + state.hvsWork.to;
      ui.hvsBanner.hidden = false;
    }
    publishCallEvent('hvsWorkStarted', { to: state.hvsWork.to });
    dial(state.hvsWork.to, 'sales-engagement');
  }

  function finishWork(taskId, wasConnected) {
    var work = state.hvsWork;
    var disposition = ui.disposition ? ui.disposition.value : DEFAULT_DISPOSITION;
    sforce.opencti.hvs.completeWork({
      workId: work.workId,
      attributes: {
        disposition: disposition,
        taskId: taskId,
        wasConnected: wasConnected
      },
      callback: function (response) {
        if (response.success) {
          log('info', 'HVS work ' + work.workId + ' completed');
        } else {
          log('error', 'completeWork failed: ' + errorText(response));
        }
        state.hvsWork = null;
        if (ui.hvsBanner) { ui.hvsBanner.hidden = true; }
        publishCallEvent('hvsWorkCompleted', { taskId: taskId });
        if (state.queuedWork) {
          var next = state.queuedWork;
          state.queuedWork = null;
          onWorkStart(next);
        }
      }
    });
  }

  // ---------------------------------------------------------------------------
  // Startup / shutdown
  // ---------------------------------------------------------------------------
  function logout() {
    setStatus('Signing out');
    publishCallEvent('agentOffline');
    unsubscribeAll(function () {
      if (state.phone) {
        state.phone.unregister();
      }
      state.loggedIn = false;
      setStatus('Offline');
    });
  }

  function wireButtons() {
    if (ui.answer) { ui.answer.addEventListener('click', answer); }
    if (ui.hangup) { ui.hangup.addEventListener('click', hangup); }
    if (ui.hold) {
      ui.hold.addEventListener('click', function () {
        toggleHold(!(state.call && state.call.isOnHold));
      });
    }
    if (ui.mute) {
      ui.mute.addEventListener('click', function () {
        toggleMute(!(state.call && state.call.isMuted));
      });
    }
    if (ui.dial) {
      ui.dial.addEventListener('click', function () {
        var input = document.getElementById('acme-dialpad-input');
        dial(input && input.value, 'manual');
      });
    }
    if (ui.logout) { ui.logout.addEventListener('click', logout); }
    window.addEventListener('beforeunload', function () {
      if (state.phone) { state.phone.unregister(); }
    });
  }

  function init() {
    showControls(false);
    wireButtons();

    sforce.opencti.getCallCenterSettings({
      callback: function (response) {
        if (!response.success) {
          log('error', 'getCallCenterSettings failed: ' + errorText(response));
          setStatus('Configuration error');
          return;
        }
        state.settings = response.returnValue || {};
        startPhone();

        subscribeChannel(ORG_CHANNEL, onCompanionMessage);
        subscribeChannel(PACKAGED_CHANNEL, onCallControlMessage);

        sforce.opencti.hvs.onWorkStart({ listener: onWorkStart });

        sforce.opencti.onClickToDial({
          listener: function (payload) {
            state.relatedRecordId = payload.recordId || null;
            dial(payload.number, 'click-to-dial');
          }
        });
        sforce.opencti.enableClickToDial({
          callback: function (response) {
            if (!response.success) {
              log('warn', 'enableClickToDial failed: ' + errorText(response));
            }
          }
        });

        sforce.opencti.notifyInitializationComplete();
        log('info', 'adapter initialised');
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})(window, document);
