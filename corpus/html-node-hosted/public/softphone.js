/*
 * ctimod corpus: html-node-hosted/public/softphone.js - WebRTC SIP softphone (SIP.js-style UserAgent) for Lightning Open CTI, served by a small Node host
 * Patterns: plain-js, full-softphone
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Loaded by index.html after opencti_min.js and /vendor/sip.js (window.SIP).
 * Exposes window.sipPhone for the page's inline click-to-dial glue.
 */
(function (window, document) {
  'use strict';

  var SIP = window.SIP;

  var cfg = {
    wsServer: null,
    sipDomain: null,
    tokenUrl: '/api/token',
    outboundPrefix: '',
    logLevel: 'warn'
  };

  var ua = null;            // SIP.UserAgent
  var registerer = null;    // SIP.Registerer
  var session = null;       // current Inviter / Invitation
  var callInfo = null;      // bookkeeping for the current call
  var onHold = false;
  var muted = false;
  var registeredHandlers = [];
  var remoteAudio = document.getElementById('remote-audio');

  var el = {
    status: document.getElementById('status'),
    peer: document.getElementById('peer'),
    login: document.getElementById('login-form'),
    extension: document.getElementById('extension'),
    pin: document.getElementById('pin'),
    callPanel: document.getElementById('call-panel'),
    answer: document.getElementById('btn-answer'),
    reject: document.getElementById('btn-reject'),
    hangup: document.getElementById('btn-hangup'),
    hold: document.getElementById('btn-hold'),
    mute: document.getElementById('btn-mute'),
    keypad: document.getElementById('keypad'),
    dialInput: document.getElementById('dial-input'),
    dialBtn: document.getElementById('btn-dial'),
    notes: document.getElementById('notes')
  };

  function log() {
    if (cfg.logLevel === 'debug' && window.console) {
      console.log.apply(console, ['[sip-softphone]'].concat([].slice.call(arguments)));
    }
  }

  function setStatus(text) {
    el.status.textContent = text;
    el.status.setAttribute('data-state', text.toLowerCase().replace(/\s+/g, '-'));
  }

  function setButtons(stage) {
    // stage: idle | ringing | dialing | active
    el.answer.hidden = stage !== 'ringing';
    el.reject.hidden = stage !== 'ringing';
    el.hangup.hidden = stage !== 'active' && stage !== 'dialing';
    el.hold.disabled = stage !== 'active';
    el.mute.disabled = stage !== 'active';
    el.keypad.hidden = stage !== 'active';
    el.dialBtn.disabled = stage !== 'idle';
    el.callPanel.hidden = stage === 'idle';
  }

  function openctiError(response) {
    return (response.errors || []).map(function (e) { return e.description; }).join(', ');
  }

  // ---------------------------------------------------------------------------
  // Settings and credentials
  // ---------------------------------------------------------------------------
  function loadSettings(done) {
    sforce.opencti.getCallCenterSettings({
      callback: function (response) {
        if (!response.success) {
          setStatus('Call center settings unavailable');
          console.error('getCallCenterSettings: ' + openctiError(response));
          return;
        }
        var s = response.returnValue;
        cfg.wsServer = s['/sipSettings/wsServer'];
        cfg.sipDomain = s['/sipSettings/sipDomain'];
        cfg.outboundPrefix = s['/reqDialingOptions/reqOutsidePrefix'] || '';
        cfg.logLevel = s['/sipSettings/logLevel'] || 'warn';
        done();
      }
    });
  }

  // body: { extension, pin } at sign-in, { refreshToken } when renewing
  function fetchCredentials(body, done) {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', cfg.tokenUrl, true);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.onload = function () {
      if (xhr.status !== 200) {
        done(new Error(xhr.status === 401 ? 'Wrong extension or PIN' : 'Token service error ' + xhr.status));
        return;
      }
      done(null, JSON.parse(xhr.responseText));
    };
    xhr.onerror = function () { done(new Error('Token service unreachable')); };
    xhr.send(JSON.stringify(body));
  }

  // ---------------------------------------------------------------------------
  // SIP user agent
  // ---------------------------------------------------------------------------
  function register(creds) {
    ua = new SIP.UserAgent({
      uri: SIP.UserAgent.makeURI('sip:' + creds.extension + '@' + cfg.sipDomain),
      authorizationUsername: creds.username,
      authorizationPassword: creds.password,
      displayName: creds.displayName,
      transportOptions: { server: cfg.wsServer },
      logLevel: cfg.logLevel,
      delegate: { onInvite: onIncomingInvite }
    });

    ua.start().then(function () {
      registerer = new SIP.Registerer(ua, { expires: 300 });
      registerer.stateChange.addListener(function (state) {
        if (state === SIP.RegistererState.Registered) {
          setStatus('Ready');
          el.login.hidden = true;
          registeredHandlers.forEach(function (fn) { fn(); });
        } else if (state === SIP.RegistererState.Unregistered) {
          setStatus('Not registered');
        }
      });
      return registerer.register();
    }).catch(function (err) {
      setStatus('Registration failed');
      console.error(err);
    });

    // credentials are short-lived; re-register before they expire
    window.setTimeout(function () {
      fetchCredentials({ refreshToken: creds.refreshToken }, function (err, fresh) {
        if (err) {
          setStatus('Session expired - sign in again');
          el.login.hidden = false;
          return;
        }
        registerer.unregister().then(function () {
          return ua.stop();
        }).then(function () {
          register(fresh);
        });
      });
    }, Math.max(60, creds.ttl - 120) * 1000);
  }

  function wireSession(s) {
    session = s;
    s.stateChange.addListener(function (state) {
      log('session state', state);
      switch (state) {
        case SIP.SessionState.Established:
          callInfo.answeredAt = Date.now();
          attachMedia(s);
          setStatus('Connected');
          setButtons('active');
          break;
        case SIP.SessionState.Terminated:
          endOfCall();
          break;
        default:
          break;
      }
    });
  }

  function attachMedia(s) {
    var pc = s.sessionDescriptionHandler.peerConnection;
    var stream = new MediaStream();
    pc.getReceivers().forEach(function (r) {
      if (r.track) { stream.addTrack(r.track); }
    });
    remoteAudio.srcObject = stream;
    remoteAudio.play();
  }

  function numberFromUri(uri) {
    return uri && uri.user ? uri.user : 'anonymous';
  }

  function onIncomingInvite(invitation) {
    if (session) {
      invitation.reject({ statusCode: 486 }); // busy here
      return;
    }
    var from = numberFromUri(invitation.remoteIdentity.uri);
    callInfo = {
      direction: 'Inbound',
      number: from,
      callId: invitation.request.callId,
      queue: invitation.request.getHeader('X-Queue') || '',
      startedAt: Date.now(),
      answeredAt: null,
      whoId: null,
      whatId: null
    };
    wireSession(invitation);
    el.peer.textContent = from;
    setStatus('Incoming call');
    setButtons('ringing');

    sforce.opencti.searchAndScreenPop({
      searchParams: from,
      queryParams: 'queue=' + encodeURIComponent(callInfo.queue),
      callType: sforce.opencti.CALL_TYPE.INBOUND,
      deferred: false,
      callback: function (response) {
        if (!response.success) {
          console.warn('searchAndScreenPop: ' + openctiError(response));
          return;
        }
        var ids = Object.keys(response.returnValue || {});
        if (ids.length === 1) {
          var rec = response.returnValue[ids[0]];
          if (rec.RecordType === 'Contact' || rec.RecordType === 'Lead') {
            callInfo.whoId = ids[0];
          } else {
            callInfo.whatId = ids[0];
          }
        }
      }
    });
  }

  function answer() {
    if (!session || !session.accept) { return; }
    session.accept({
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } }
    });
  }

  function reject() {
    if (session && session.reject) { session.reject({ statusCode: 603 }); }
  }

  function call(number, recordId) {
    if (!ua || !registerer || registerer.state !== SIP.RegistererState.Registered) {
      setStatus('Not registered - cannot dial');
      return;
    }
    if (session) { return; }
    var digits = String(number).replace(/[^\d+]/g, '');
    if (digits.charAt(0) !== '+' && digits.length > 6) {
      digits = cfg.outboundPrefix + digits;
    }
    var target = SIP.UserAgent.makeURI('sip:' + digits + '@' + cfg.sipDomain);
    if (!target) {
      setStatus('Invalid number');
      return;
    }
    callInfo = {
      direction: 'Outbound',
      number: number,
      callId: null,
      startedAt: Date.now(),
      answeredAt: null,
      whoId: null,
      whatId: null
    };
    if (recordId) {
      if (/^(003|00Q)/.test(recordId)) { callInfo.whoId = recordId; } else { callInfo.whatId = recordId; }
    }
    var inviter = new SIP.Inviter(ua, target, {
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } }
    });
    callInfo.callId = inviter.request.callId;
    wireSession(inviter);
    el.peer.textContent = number;
    setStatus('Dialing');
    setButtons('dialing');
    inviter.invite().catch(function (err) {
      console.error('invite failed', err);
      endOfCall();
    });
  }

  function hangup() {
    if (!session) { return; }
    switch (session.state) {
      case SIP.SessionState.Initial:
      case SIP.SessionState.Establishing:
        if (session.cancel) { session.cancel(); } else { session.reject(); }
        break;
      case SIP.SessionState.Established:
        session.bye();
        break;
      default:
        break;
    }
  }

  // Hold is a re-INVITE with the SDP direction set to sendonly.
  function toggleHold() {
    if (!session || session.state !== SIP.SessionState.Established) { return; }
    var wanted = !onHold;
    session.invite({
      sessionDescriptionHandlerModifiers: wanted ? [SIP.Web.holdModifier] : []
    }).then(function () {
      onHold = wanted;
      el.hold.textContent = onHold ? 'Resume' : 'Hold';
      setStatus(onHold ? 'On hold' : 'Connected');
    }).catch(function (err) {
      console.error('hold re-INVITE failed', err);
    });
  }

  function toggleMute() {
    if (!session || !session.sessionDescriptionHandler) { return; }
    muted = !muted;
    session.sessionDescriptionHandler.peerConnection.getSenders().forEach(function (sender) {
      if (sender.track) { sender.track.enabled = !muted; }
    });
    el.mute.textContent = muted ? 'Unmute' : 'Mute';
  }

  function sendDtmf(tone) {
    if (!session || session.state !== SIP.SessionState.Established) { return; }
    session.info({
      requestOptions: {
        body: {
          contentDisposition: 'render',
          contentType: 'application/dtmf-relay',
          content: 'Signal=' + tone + '\r\nDuration=160'
        }
      }
    });
  }

  function endOfCall() {
    if (!callInfo) { return; }
    var finished = callInfo;
    session = null;
    callInfo = null;
    onHold = false;
    muted = false;
    el.hold.textContent = 'Hold';
    el.mute.textContent = 'Mute';
    remoteAudio.srcObject = null;
    setButtons('idle');
    setStatus('Ready');
    writeCallLog(finished);
  }

  // ---------------------------------------------------------------------------
  // Salesforce side
  // ---------------------------------------------------------------------------
  function writeCallLog(info) {
    var talkSeconds = info.answeredAt ? Math.round((Date.now() - info.answeredAt) / 1000) : 0;
    var task = {
      entityApiName: 'Task',
      Subject: (info.answeredAt ? '' : 'Missed: ') + info.direction + ' call ' + info.number,
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: info.direction,
      CallObject: info.callId,
      CallDurationInSeconds: talkSeconds,
      Description: el.notes.value
    };
    if (info.whoId) { task.WhoId = info.whoId; }
    if (info.whatId) { task.WhatId = info.whatId; }

    sforce.opencti.saveLog({
      value: task,
      callback: function (response) {
        if (!response.success) {
          console.error('saveLog: ' + openctiError(response));
          return;
        }
        el.notes.value = '';
        sforce.opencti.refreshView({
          callback: function () { log('view refreshed'); }
        });
      }
    });
  }

  function openRecord(recordId) {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
      params: { recordId: recordId }
    });
  }

  // ---------------------------------------------------------------------------
  // UI wiring
  // ---------------------------------------------------------------------------
  function bind() {
    el.login.addEventListener('submit', function (evt) {
      evt.preventDefault();
      setStatus('Signing in');
      fetchCredentials({ extension: el.extension.value, pin: el.pin.value }, function (err, creds) {
        el.pin.value = '';
        if (err) {
          setStatus(err.message);
          return;
        }
        register(creds);
      });
    });
    el.answer.addEventListener('click', answer);
    el.reject.addEventListener('click', reject);
    el.hangup.addEventListener('click', hangup);
    el.hold.addEventListener('click', toggleHold);
    el.mute.addEventListener('click', toggleMute);
    el.dialBtn.addEventListener('click', function () {
      call(el.dialInput.value, null);
    });
    el.keypad.addEventListener('click', function (evt) {
      var tone = evt.target.getAttribute('data-tone');
      if (tone) { sendDtmf(tone); }
    });
    el.peer.addEventListener('click', function () {
      var id = callInfo && (callInfo.whoId || callInfo.whatId);
      if (id) { openRecord(id); }
    });
    window.addEventListener('beforeunload', function () {
      if (registerer) { registerer.unregister(); }
      if (ua) { ua.stop(); }
    });
  }

  setButtons('idle');
  bind();
  loadSettings(function () {
    setStatus('Signed out');
    sforce.opencti.notifyInitializationComplete();
  });

  window.sipPhone = {
    call: call,
    hangup: hangup,
    isRegistered: function () {
      return !!registerer && registerer.state === SIP.RegistererState.Registered;
    },
    onRegistered: function (fn) { registeredHandlers.push(fn); }
  };
})(window, document);
