/*
 * ctimod corpus: promise-and-deferred-wrappers/opencti-promises.js - Voxline SIP softphone for Lightning whose Open CTI calls sit behind Promise and jQuery Deferred wrappers, driven by async/await flows
 * Patterns: promise-wrapper, jquery-deferred, named-callback, wrapper-methods
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global sforce, jQuery, VoxlineSip */
(function ($) {
  'use strict';

  var LOG = '[voxline]';
  var APEX_CLASS = 'VoxlineLookupService';

  // ---------------------------------------------------------------------------
  // Promise wrappers
  // ---------------------------------------------------------------------------

  function runApexAsync(methodName, methodParams) {
    return new Promise((resolve, reject) => sforce.opencti.runApex({
      apexClass: APEX_CLASS,
      methodName: methodName,
      methodParams: methodParams,
      callback: r => r.success ? resolve(r.returnValue) : reject(r.errors)
    }));
  }

  const callCenterSettings = () => new Promise((resolve, reject) => {
    sforce.opencti.getCallCenterSettings({
      callback: (r) => (r.success ? resolve(r.returnValue) : reject(r.errors))
    });
  });

  function searchAndPopAsync(number, callType, queryParams) {
    return new Promise(function (resolve, reject) {
      sforce.opencti.searchAndScreenPop({
        searchParams: number,
        queryParams: queryParams || '',
        callType: callType,
        deferred: false,
        callback: function (r) {
          if (r.success) {
            resolve(r.returnValue || {});
          } else {
            reject(r.errors);
          }
        }
      });
    });
  }

  function screenPopAsync(type, params) {
    return new Promise((resolve, reject) => {
      sforce.opencti.screenPop({
        type: type,
        params: params,
        callback: (r) => (r.success ? resolve() : reject(r.errors))
      });
    });
  }

  function saveLogAsync(value) {
    return new Promise((resolve, reject) => {
      sforce.opencti.saveLog({
        value: value,
        callback: (r) => (r.success ? resolve(r.returnValue) : reject(r.errors))
      });
    });
  }

  // ---------------------------------------------------------------------------
  // jQuery Deferred wrappers (older part of the code base, kept as they were)
  // ---------------------------------------------------------------------------

  function getAppViewInfoDeferred() {
    var d = $.Deferred();
    sforce.opencti.getAppViewInfo({ callback: d.resolve });
    return d.promise();
  }

  function isPanelVisibleDeferred() {
    var d = $.Deferred();
    sforce.opencti.isSoftphonePanelVisible({
      callback: function (r) {
        if (r.success) {
          d.resolve(r.returnValue.visible);
        } else {
          d.reject(r.errors);
        }
      }
    });
    return d.promise();
  }

  function refreshViewDeferred() {
    var d = $.Deferred();
    sforce.opencti.refreshView({ callback: d.resolve });
    return d.promise();
  }

  function describeErrors(errors) {
    if (!errors || !errors.length) {
      return 'unknown error';
    }
    return errors.map((e) => (e.code ? e.code + ': ' : '') + e.description).join('; ');
  }

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------

  const state = {
    ua: null,
    session: null,
    direction: null,
    remote: null,
    whoId: null,
    whatId: null,
    startedAt: 0,
    muted: false,
    held: false,
    settings: {}
  };

  // Tracks the record the agent is looking at, so calls dialled by hand can be
  // logged against it.
  class AgentContextTracker {
    constructor() {
      this.recordId = null;
      this.objectType = null;
      this.recordName = null;
    }

    start() {
      sforce.opencti.onNavigationChange({ listener: this.handleNav.bind(this) });
      return getAppViewInfoDeferred().then((response) => {
        if (response && response.success) {
          this.handleNav(response.returnValue);
        }
      });
    }

    handleNav(payload) {
      if (!payload) {
        return;
      }
      this.recordId = payload.recordId || null;
      this.objectType = payload.objectType || null;
      this.recordName = payload.recordName || null;
      $('#vx-context').text(this.recordName ? 'On: ' + this.recordName : '');
    }

    isPerson() {
      return this.objectType === 'Contact' || this.objectType === 'Lead';
    }
  }

  const tracker = new AgentContextTracker();

  // ---------------------------------------------------------------------------
  // Named callbacks
  // ---------------------------------------------------------------------------

  function onSaveLogDone(response) {
    if (response.success) {
      console.info(LOG, 'quick note saved', response.returnValue);
      $('#vx-quick-note').val('');
      refreshViewDeferred();
    } else {
      showError('Note not saved: ' + describeErrors(response.errors));
    }
  }

  function onClickToDialRequest(payload) {
    dialNumber(payload.number, payload.recordId, payload.objectType).catch((err) => showError(err.message));
  }

  function onClickToDialEnabled(response) {
    $('#vx-c2d').toggleClass('on', Boolean(response.success));
  }

  // ---------------------------------------------------------------------------
  // Flows
  // ---------------------------------------------------------------------------

  async function handleInboundCall(session) {
    const ani = session.remoteIdentity.uri.user;
    Object.assign(state, { session: session, direction: 'inbound', remote: ani, whoId: null, whatId: null });
    setStatus('Ringing: ' + ani);

    const visible = await isPanelVisibleDeferred();
    if (!visible) {
      sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    }

    let matches = {};
    try {
      matches = await searchAndPopAsync(ani, sforce.opencti.CALL_TYPE.INBOUND, 'sipCallId=' + encodeURIComponent(session.id));
    } catch (errors) {
      console.warn(LOG, 'search failed', describeErrors(errors));
    }
    const ids = Object.keys(matches);
    if (ids.length === 1) {
      rememberRecord(ids[0]);
      return;
    }
    if (ids.length > 1) {
      return; // the softphone layout shows the search results
    }

    // Nothing matched the number: try the account's alternate numbers in Apex.
    try {
      const result = await runApexAsync('accountIdByPhone', 'phone=' + encodeURIComponent(ani));
      const accountId = result && result.runApex;
      if (accountId) {
        state.whatId = accountId;
        await screenPopAsync(sforce.opencti.SCREENPOP_TYPE.SOBJECT, { recordId: accountId });
      } else {
        await screenPopAsync(sforce.opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL, {
          entityName: 'Contact',
          defaultFieldValues: { Phone: ani }
        });
      }
    } catch (errors) {
      showError('Lookup failed: ' + describeErrors(errors));
    }
  }

  async function dialNumber(number, recordId, objectType) {
    if (!state.ua || state.session) {
      throw new Error('Phone is busy or offline');
    }
    const target = String(number).replace(/[^\d+]/g, '');
    Object.assign(state, { direction: 'outbound', remote: target, whoId: null, whatId: null });
    if (recordId) {
      if (objectType === 'Contact' || objectType === 'Lead') {
        state.whoId = recordId;
      } else {
        state.whatId = recordId;
      }
    } else {
      const matches = await searchAndPopAsync(target, sforce.opencti.CALL_TYPE.OUTBOUND);
      const ids = Object.keys(matches);
      if (ids.length === 1) {
        rememberRecord(ids[0]);
      }
    }
    const session = state.ua.call('sip:' + target + '@' + state.settings['/VoxlineSip/domain'], {
      mediaConstraints: { audio: true, video: false },
      extraHeaders: ['X-SF-Record: ' + (recordId || '')]
    });
    attachSession(session);
    setStatus('Dialing ' + target);
  }

  async function completeCall(durationSeconds, disposition, notes) {
    const useContext = !state.whoId && !state.whatId && tracker.recordId;
    const value = {
      entityApiName: 'Task',
      Subject: (state.direction === 'inbound' ? 'Call from ' : 'Call to ') + state.remote,
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: state.direction === 'inbound' ? 'Inbound' : 'Outbound',
      CallDurationInSeconds: durationSeconds,
      CallDisposition: disposition,
      Description: notes,
      WhoId: state.whoId || (useContext && tracker.isPerson() ? tracker.recordId : undefined),
      WhatId: state.whatId || (useContext && !tracker.isPerson() ? tracker.recordId : undefined)
    };
    const saved = await saveLogAsync(value);
    await refreshViewDeferred();
    return saved;
  }

  function rememberRecord(id) {
    if (id.indexOf('003') === 0 || id.indexOf('00Q') === 0) {
      state.whoId = id;
    } else {
      state.whatId = id;
    }
  }

  function attachSession(session) {
    state.session = session;
    session.on('accepted', () => {
      state.startedAt = Date.now();
      setStatus('Connected: ' + state.remote);
      setButtons(true);
    });
    session.on('failed', (cause) => {
      showError('Call failed: ' + cause);
      resetCall();
    });
    session.on('terminated', () => {
      setButtons(false);
      const seconds = state.startedAt ? Math.round((Date.now() - state.startedAt) / 1000) : 0;
      $('#vx-wrapup').data('duration', seconds).show();
      setStatus('Wrap-up');
      state.session = null;
    });
  }

  function resetCall() {
    Object.assign(state, { session: null, direction: null, remote: null, whoId: null, whatId: null, startedAt: 0, muted: false, held: false });
    setButtons(false);
    setStatus('Available');
  }

  async function init() {
    let settings;
    try {
      settings = await callCenterSettings();
    } catch (errors) {
      showError('Call center settings: ' + describeErrors(errors));
      return;
    }
    state.settings = settings;
    const ua = new VoxlineSip.UserAgent({
      uri: 'sip:' + $('body').data('sip-user') + '@' + settings['/VoxlineSip/domain'],
      wsServers: [settings['/VoxlineSip/wssUrl']],
      authorizationUser: $('body').data('sip-user'),
      password: $('body').data('sip-token'),
      register: true
    });
    ua.on('registered', () => setStatus('Available'));
    ua.on('unregistered', () => setStatus('Offline'));
    ua.on('invite', (session) => {
      if (state.session) {
        session.reject({ statusCode: 486 });
        return;
      }
      attachSession(session);
      handleInboundCall(session).catch((err) => showError(String(err)));
    });
    state.ua = ua;

    sforce.opencti.onClickToDial({ listener: onClickToDialRequest });
    sforce.opencti.enableClickToDial({ callback: onClickToDialEnabled });
    await tracker.start();
  }

  // ---------------------------------------------------------------------------
  // UI
  // ---------------------------------------------------------------------------

  function setStatus(text) {
    $('#vx-status').text(text);
  }

  function showError(text) {
    console.error(LOG, text);
    $('#vx-error').text(text).show().delay(7000).fadeOut();
  }

  function setButtons(onCall) {
    $('#vx-hangup, #vx-hold, #vx-mute').prop('disabled', !onCall);
    $('#vx-dial').prop('disabled', onCall);
  }

  function wireUi() {
    $('#vx-answer').on('click', () => state.session && state.session.accept({ media: { audio: true } }));
    $('#vx-hangup').on('click', () => state.session && state.session.terminate());
    $('#vx-hold').on('click', function () {
      if (!state.session) {
        return;
      }
      state.held = !state.held;
      if (state.held) {
        state.session.hold();
      } else {
        state.session.unhold();
      }
      $(this).text(state.held ? 'Resume' : 'Hold');
    });
    $('#vx-mute').on('click', function () {
      if (!state.session) {
        return;
      }
      state.muted = !state.muted;
      if (state.muted) {
        state.session.mute();
      } else {
        state.session.unmute();
      }
      $(this).text(state.muted ? 'Unmute' : 'Mute');
    });
    $('#vx-dial-form').on('submit', (event) => {
      event.preventDefault();
      dialNumber($('#vx-number').val(), null, null).catch((err) => showError(err.message));
    });
    $('#vx-wrapup-form').on('submit', async (event) => {
      event.preventDefault();
      const $form = $('#vx-wrapup');
      try {
        await completeCall($form.data('duration'), $('#vx-disposition').val(), $('#vx-notes').val());
        $form.hide();
        $('#vx-notes').val('');
        resetCall();
      } catch (errors) {
        showError('Call log not saved: ' + describeErrors(errors));
      }
    });
    $('#vx-quick-note-save').on('click', () => {
      if (!tracker.recordId) {
        showError('Open a record first');
        return;
      }
      const value = {
        entityApiName: 'Task',
        Subject: 'Phone note',
        Status: 'Completed',
        Description: $('#vx-quick-note').val()
      };
      value[tracker.isPerson() ? 'WhoId' : 'WhatId'] = tracker.recordId;
      sforce.opencti.saveLog({ value: value, callback: onSaveLogDone });
    });
  }

  $(function () {
    wireUi();
    setButtons(false);
    setStatus('Starting...');
    init();
  });
})(jQuery);
