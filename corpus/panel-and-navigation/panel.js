/*
 * ctimod corpus: panel-and-navigation/panel.js - Lightning Open CTI SIP softphone that drives its own utility panel (size, icons, labels, visibility) and tracks navigation to attach the viewed record to the call log
 * Patterns: plain-js, alias-logical-and, alias-variable, window-sforce
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global BrightlineSip */
(function () {
  'use strict';

  var opencti = window.sforce && window.sforce.opencti;
  if (!opencti) {
    window.console.error('[panel] Open CTI (lightning/opencti_min.js) is not loaded; softphone disabled');
    return;
  }
  const api = window.sforce.opencti;

  var SIZES = {
    compact: { height: 260, width: 280 },
    ringing: { height: 360, width: 320 },
    oncall: { height: 560, width: 360 }
  };
  var ICONS = {
    idle: 'call',
    ringing: 'incoming_call',
    outbound: 'outbound_call',
    oncall: 'call',
    muted: 'muted',
    held: 'pause',
    missed: 'missed_call'
  };
  var ATTACHABLE_OBJECTS = ['Account', 'Contact', 'Lead', 'Case', 'Opportunity'];

  var ua = null;
  var session = null;
  var call = null;
  var timerHandle = null;
  var panelMode = null;
  var layout = { popsOpenWithin: 'ExistingWindow', noMatch: null, relatedFields: ['ANI'] };
  var currentView = null;
  var el = {};

  function log(msg, detail) {
    window.console.log('[panel] ' + msg, detail === undefined ? '' : detail);
  }

  function warnOnFailure(what) {
    return function (response) {
      if (!response.success) {
        log(what + ' failed', response.errors);
      }
    };
  }

  // ---------------------------------------------------------------------------
  // Panel management
  // ---------------------------------------------------------------------------

  function setPanelMode(mode) {
    if (mode === panelMode) {
      return;
    }
    panelMode = mode;
    var size = SIZES[mode] || SIZES.compact;
    opencti.setSoftphonePanelHeight({ heightPX: size.height, callback: warnOnFailure('setSoftphonePanelHeight') });
    api.setSoftphonePanelWidth({ widthPX: size.width, callback: warnOnFailure('setSoftphonePanelWidth') });
    document.body.className = 'mode-' + mode;
  }

  function setIcons(iconKey) {
    opencti.setSoftphonePanelIcon({ key: iconKey });
    api.setSoftphoneItemIcon({ key: iconKey, callback: warnOnFailure('setSoftphoneItemIcon') });
  }

  function setPanelLabel(text) {
    api.setSoftphonePanelLabel({ label: text, callback: warnOnFailure('setSoftphonePanelLabel') });
  }

  // The utility bar item shows a running timer while a call is up, even when the panel is minimised.
  function setItemLabel(text) {
    opencti.setSoftphoneItemLabel({ label: text });
  }

  function bringPanelForward() {
    opencti.isSoftphonePanelVisible({
      callback: function (response) {
        if (!response.success) {
          return;
        }
        if (!response.returnValue.visible) {
          api.setSoftphonePanelVisibility({ visible: true, callback: warnOnFailure('setSoftphonePanelVisibility') });
        }
      }
    });
  }

  function minimisePanel() {
    opencti.setSoftphonePanelVisibility({ visible: false });
  }

  function startTimer() {
    stopTimer();
    timerHandle = window.setInterval(function () {
      if (!call || !call.answeredAt) {
        return;
      }
      var secs = Math.floor((Date.now() - call.answeredAt) / 1000);
      var label = (call.onHold ? 'On hold ' : 'Phone ') + pad(Math.floor(secs / 60)) + ':' + pad(secs % 60);
      setItemLabel(label);
      el.timer.textContent = label;
    }, 1000);
  }

  function stopTimer() {
    if (timerHandle) {
      window.clearInterval(timerHandle);
      timerHandle = null;
    }
  }

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function resetPanel() {
    stopTimer();
    setPanelMode('compact');
    setIcons(ICONS.idle);
    setPanelLabel('Phone');
    setItemLabel('Phone');
  }

  // ---------------------------------------------------------------------------
  // Softphone layout and navigation tracking
  // ---------------------------------------------------------------------------

  function loadLayout() {
    api.getSoftphoneLayout({
      callback: function (response) {
        if (!response.success || !response.returnValue) {
          log('getSoftphoneLayout failed; using defaults', response.errors);
          return;
        }
        var inbound = response.returnValue.Inbound || {};
        var pops = inbound.screenPopSettings || {};
        layout.popsOpenWithin = pops.screenPopsOpenWithin || 'ExistingWindow';
        layout.noMatch = pops.NoMatch ? pops.NoMatch.screenPopType : null;
        layout.singleMatch = pops.SingleMatch ? pops.SingleMatch.screenPopType : null;
        layout.relatedFields = inbound.callRelatedFields || ['ANI'];
        el.layoutHint.textContent = layout.popsOpenWithin === 'NewWindow'
          ? 'Caller records open in a new window.'
          : '';
        log('softphone layout loaded', layout);
      }
    });
  }

  function rememberView(info) {
    if (!info || !info.recordId) {
      return;
    }
    currentView = {
      recordId: info.recordId,
      recordName: info.recordName,
      objectType: info.objectType,
      contactId: info.contactId || null,
      accountId: info.accountId || null,
      personAccount: !!info.personAccount
    };
    el.viewing.textContent = info.objectType + ': ' + (info.recordName || info.recordId);
    if (call && ATTACHABLE_OBJECTS.indexOf(info.objectType) !== -1) {
      call.related[info.recordId] = { name: info.recordName, objectType: info.objectType, seenAt: Date.now() };
      renderAttachOptions();
    }
  }

  function watchNavigation() {
    opencti.getAppViewInfo({
      callback: function (response) {
        if (response.success) {
          rememberView(response.returnValue);
        }
      }
    });
    api.onNavigationChange({
      listener: function (payload) {
        rememberView(payload);
      }
    });
  }

  function renderAttachOptions() {
    el.attach.innerHTML = '';
    Object.keys(call.related).forEach(function (id) {
      var r = call.related[id];
      var opt = document.createElement('option');
      opt.value = id;
      opt.textContent = r.objectType + ': ' + (r.name || id);
      opt.selected = id === call.attachTo;
      el.attach.appendChild(opt);
    });
  }

  // ---------------------------------------------------------------------------
  // Calls (vendor SIP user agent)
  // ---------------------------------------------------------------------------

  function newCall(direction, remote) {
    call = {
      direction: direction,
      remote: remote,
      startedAt: Date.now(),
      answeredAt: null,
      muted: false,
      onHold: false,
      related: {},
      attachTo: null
    };
    if (currentView && ATTACHABLE_OBJECTS.indexOf(currentView.objectType) !== -1) {
      call.related[currentView.recordId] = { name: currentView.recordName, objectType: currentView.objectType, seenAt: Date.now() };
      call.attachTo = currentView.recordId;
    }
    renderAttachOptions();
  }

  function onInvite(incoming) {
    if (session) {
      incoming.reject({ statusCode: 486 });
      return;
    }
    session = incoming;
    newCall('inbound', incoming.remoteIdentity.displayName || incoming.remoteIdentity.uri.user);
    el.remote.textContent = call.remote;
    bindSession(incoming);

    setPanelMode('ringing');
    setIcons(ICONS.ringing);
    setPanelLabel('Incoming: ' + call.remote);
    setItemLabel('Ringing…');
    bringPanelForward();
  }

  function bindSession(s) {
    s.on('accepted', function () {
      call.answeredAt = Date.now();
      setPanelMode('oncall');
      setIcons(ICONS.oncall);
      setPanelLabel('On call: ' + call.remote);
      startTimer();
    });
    s.on('failed', function (cause) {
      if (call && !call.answeredAt && call.direction === 'inbound') {
        setIcons(ICONS.missed);
        setPanelLabel('Missed: ' + call.remote);
        setItemLabel('Missed call');
      }
      endCall(cause || 'failed');
    });
    s.on('terminated', function () {
      endCall('ended');
    });
  }

  function answer() {
    if (session && !call.answeredAt) {
      session.answer({ media: { audio: true, video: false } });
    }
  }

  function hangup() {
    if (session) {
      session.terminate();
    }
  }

  function toggleMute() {
    if (!session || !call.answeredAt) {
      return;
    }
    if (call.muted) {
      session.unmute({ audio: true });
    } else {
      session.mute({ audio: true });
    }
    call.muted = !call.muted;
    setIcons(call.muted ? ICONS.muted : ICONS.oncall);
    el.mute.textContent = call.muted ? 'Unmute' : 'Mute';
  }

  function toggleHold() {
    if (!session || !call.answeredAt) {
      return;
    }
    if (call.onHold) {
      session.unhold();
    } else {
      session.hold();
    }
    call.onHold = !call.onHold;
    setIcons(call.onHold ? ICONS.held : ICONS.oncall);
    el.hold.textContent = call.onHold ? 'Resume' : 'Hold';
  }

  function dial(number) {
    var digits = String(number || '').replace(/[^\d+*#]/g, '');
    if (!digits || session) {
      return;
    }
    newCall('outbound', digits);
    session = ua.call('sip:' + digits + '@' + ua.configuration.domain, { media: { audio: true, video: false } });
    bindSession(session);
    setPanelMode('oncall');
    setIcons(ICONS.outbound);
    setPanelLabel('Calling ' + digits);
  }

  function endCall(reason) {
    if (!call) {
      return;
    }
    var finished = call;
    finished.endedAt = Date.now();
    finished.reason = reason;
    finished.attachTo = el.attach.value || finished.attachTo;
    session = null;
    call = null;
    stopTimer();
    logCall(finished);
    window.setTimeout(resetPanel, 4000);
  }

  function logCall(c) {
    var seconds = c.answeredAt ? Math.round((c.endedAt - c.answeredAt) / 1000) : 0;
    var value = {
      entityApiName: 'Task',
      Subject: (c.direction === 'inbound' ? 'Call from ' : 'Call to ') + c.remote,
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: c.direction === 'inbound' ? 'Inbound' : 'Outbound',
      CallDurationInSeconds: seconds,
      CallDisposition: c.answeredAt ? 'Connected' : (c.direction === 'inbound' ? 'Missed' : 'No answer'),
      Description: el.notes.value
    };
    var target = c.attachTo && c.related[c.attachTo];
    if (target) {
      if (target.objectType === 'Contact' || target.objectType === 'Lead') {
        value.WhoId = c.attachTo;
      } else {
        value.WhatId = c.attachTo;
      }
    }
    api.saveLog({
      value: value,
      callback: function (response) {
        if (response.success) {
          el.notes.value = '';
        } else {
          log('call log not saved', response.errors);
        }
      }
    });
  }

  // ---------------------------------------------------------------------------
  // Boot
  // ---------------------------------------------------------------------------

  function boot() {
    ['remote', 'timer', 'viewing', 'attach', 'notes', 'mute', 'hold', 'layoutHint', 'number'].forEach(function (id) {
      el[id] = document.getElementById(id);
    });
    document.getElementById('answer').addEventListener('click', answer);
    document.getElementById('hangup').addEventListener('click', hangup);
    document.getElementById('minimise').addEventListener('click', minimisePanel);
    el.mute.addEventListener('click', toggleMute);
    el.hold.addEventListener('click', toggleHold);
    document.getElementById('dial').addEventListener('click', function () { dial(el.number.value); });
    el.attach.addEventListener('change', function () {
      if (call) {
        call.attachTo = el.attach.value;
      }
    });

    var sipCfg = window.BRIGHTLINE_SIP_CONFIG || {};
    ua = new BrightlineSip.UserAgent({
      uri: sipCfg.uri,
      wsServers: sipCfg.wsServers,
      authorizationUser: sipCfg.user,
      password: sipCfg.password,
      domain: sipCfg.domain,
      register: true
    });
    ua.on('invite', onInvite);
    ua.on('registered', function () { setPanelLabel('Phone'); });
    ua.on('registrationFailed', function () {
      setPanelLabel('Phone (offline)');
      setIcons(ICONS.missed);
    });

    resetPanel();
    loadLayout();
    watchNavigation();
    ua.start();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot);
  } else {
    boot();
  }
})();
