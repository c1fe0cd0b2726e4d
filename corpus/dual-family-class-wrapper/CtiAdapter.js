/*
 * ctimod corpus: dual-family-class-wrapper/CtiAdapter.js - Callisto Cloud PBX softphone adapter: one ES2015 class that serves Salesforce Classic and Lightning through a single sfApi alias
 * Patterns: class-wrapper, dual-family-alias, alias-this-member, wrapper-methods, classic-positional, window-sforce
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global CallistoPhone */
'use strict';

const CALLISTO_LOG_TAG = '[Callisto CTI]';

const DEFAULT_OPTIONS = {
  apexClass: 'CallistoCtiService',
  taskRecordTypeId: null,
  autoAnswer: false,
  panelLabelIdle: 'Callisto: Ready',
  panelLabelOnCall: 'Callisto: On call',
  settingsSection: 'CallistoSettings',
  debug: false
};

const CALL_STATE = Object.freeze({
  OFFLINE: 'offline',
  IDLE: 'idle',
  RINGING: 'ringing',
  DIALING: 'dialing',
  CONNECTED: 'connected',
  HELD: 'held',
  WRAP_UP: 'wrap-up'
});

// Classic new-record URLs need the key prefix of the object.
const KEY_PREFIX = { Contact: '003', Lead: '00Q', Case: '500', Account: '001' };

function toQueryString(fields) {
  return Object.keys(fields)
    .filter((key) => fields[key] !== undefined && fields[key] !== null && fields[key] !== '')
    .map((key) => encodeURIComponent(key) + '=' + encodeURIComponent(fields[key]))
    .join('&');
}

function parseClassicResult(response) {
  if (!response || response.error) {
    return { ok: false, error: response ? String(response.error) : 'no response', value: null };
  }
  let value = response.result;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (e) {
      // runApex returns whatever string the Apex method produced; keep it as it is
    }
  }
  return { ok: true, error: null, value: value };
}

function parseLightningResult(response) {
  if (!response) {
    return { ok: false, error: 'no response', value: null };
  }
  if (response.success) {
    return { ok: true, error: null, value: response.returnValue };
  }
  const errors = response.errors || [];
  return {
    ok: false,
    error: errors.map((e) => e.code + ': ' + e.description).join('; ') || 'unknown error',
    value: null
  };
}

function formatDuration(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m + ':' + (s < 10 ? '0' : '') + s;
}

function detectLightningMode() {
  const query = new URLSearchParams(window.location.search);
  if (query.get('mode') === 'Lightning' || query.has('sfdcIframeOrigin')) {
    return true;
  }
  return Boolean(window.sforce && window.sforce.opencti);
}

class CtiAdapter {
  constructor(options = {}) {
    this.options = Object.assign({}, DEFAULT_OPTIONS, options);
    this.isLightning = typeof options.isLightning === 'boolean' ? options.isLightning : detectLightningMode();
    // One alias for both families: the call shape decides which API is meant.
    this.sfApi = this.isLightning ? window.sforce.opencti : window.sforce.interaction;
    // Enums and Lightning-only features (panel label, init notification) always come from opencti.
    this.api = window.sforce.opencti;
    this.phone = null;
    this.currentCall = null;
    this.state = CALL_STATE.OFFLINE;
    this.settings = {};
    this.pageContext = null;
    this.muted = false;
    this.timer = null;
    this.ui = {};
  }

  log(...args) {
    if (this.options.debug) {
      console.log(CALLISTO_LOG_TAG, ...args);
    }
  }

  warn(...args) {
    console.warn(CALLISTO_LOG_TAG, ...args);
  }

  settle(result, done) {
    if (!result.ok) {
      this.warn('Salesforce call failed:', result.error);
    }
    if (typeof done === 'function') {
      done(result.ok ? null : new Error(result.error), result.value);
    }
  }

  // ---------------------------------------------------------------------------
  // Salesforce wrappers: every Open CTI call of the adapter goes through these.
  // ---------------------------------------------------------------------------

  apiGetCallCenterSettings(done) {
    if (this.isLightning) {
      this.sfApi.getCallCenterSettings({
        callback: (response) => this.settle(parseLightningResult(response), done)
      });
    } else {
      this.sfApi.cti.getCallCenterSettings((response) => this.settle(parseClassicResult(response), done));
    }
  }

  apiScreenPop(target, done) {
    if (this.isLightning) {
      const popRecord = Boolean(target.recordId);
      this.sfApi.screenPop({
        type: popRecord ? this.api.SCREENPOP_TYPE.SOBJECT : this.api.SCREENPOP_TYPE.URL,
        params: popRecord ? { recordId: target.recordId } : { url: target.url },
        callback: (response) => this.settle(parseLightningResult(response), done)
      });
    } else {
      const url = target.recordId ? '/' + target.recordId : target.url;
      this.sfApi.screenPop(url, true, (response) => this.settle(parseClassicResult(response), done));
    }
  }

  apiNewRecordPop(entityName, defaults, done) {
    if (this.isLightning) {
      this.sfApi.screenPop({
        type: this.api.SCREENPOP_TYPE.NEW_RECORD_MODAL,
        params: { entityName: entityName, defaultFieldValues: defaults },
        callback: (response) => this.settle(parseLightningResult(response), done)
      });
    } else {
      const prefix = KEY_PREFIX[entityName] || KEY_PREFIX.Contact;
      const url = '/' + prefix + '/e?' + toQueryString(defaults);
      this.sfApi.screenPop(url, true, (response) => this.settle(parseClassicResult(response), done));
    }
  }

  apiSearchAndScreenPop(ani, direction, done) {
    const queryParams = 'ani=' + encodeURIComponent(ani) + '&vendor=callisto';
    if (this.isLightning) {
      const callType = direction === 'outbound' ? this.api.CALL_TYPE.OUTBOUND : this.api.CALL_TYPE.INBOUND;
      this.sfApi.searchAndScreenPop({
        searchParams: ani,
        queryParams: queryParams,
        callType: callType,
        deferred: false,
        callback: (response) => this.settle(parseLightningResult(response), done)
      });
    } else {
      this.sfApi.searchAndScreenPop(ani, queryParams, direction, (response) =>
        this.settle(parseClassicResult(response), done)
      );
    }
  }

  apiSaveLog(fields, done) {
    if (this.isLightning) {
      const value = Object.assign({ entityApiName: 'Task' }, fields);
      this.sfApi.saveLog({
        value: value,
        callback: (response) => this.settle(parseLightningResult(response), done)
      });
    } else {
      this.sfApi.saveLog('Task', toQueryString(fields), (response) => this.settle(parseClassicResult(response), done));
    }
  }

  apiRunApex(methodName, params, done) {
    const apexClass = this.options.apexClass;
    if (this.isLightning) {
      this.sfApi.runApex({
        apexClass: apexClass,
        methodName: methodName,
        methodParams: toQueryString(params),
        callback: (response) => {
          const result = parseLightningResult(response);
          if (result.ok && result.value) {
            result.value = result.value.runApex;
          }
          this.settle(result, done);
        }
      });
    } else {
      this.sfApi.runApex(apexClass, methodName, toQueryString(params), (response) =>
        this.settle(parseClassicResult(response), done)
      );
    }
  }

  apiOnClickToDial(handler) {
    if (this.isLightning) {
      this.sfApi.onClickToDial({
        listener: (payload) => handler({
          number: payload.number,
          recordId: payload.recordId,
          recordName: payload.recordName,
          objectType: payload.objectType
        })
      });
    } else {
      this.sfApi.cti.onClickToDial((response) => {
        const result = parseClassicResult(response);
        if (!result.ok || !result.value) {
          this.warn('Unreadable click-to-dial payload', response);
          return;
        }
        handler({
          number: result.value.number,
          recordId: result.value.objectId,
          recordName: result.value.objectName,
          objectType: result.value.object
        });
      });
    }
  }

  apiEnableClickToDial(done) {
    if (this.isLightning) {
      this.sfApi.enableClickToDial({
        callback: (response) => this.settle(parseLightningResult(response), done)
      });
    } else {
      this.sfApi.cti.enableClickToDial((response) => this.settle(parseClassicResult(response), done));
    }
  }

  apiDisableClickToDial(done) {
    if (this.isLightning) {
      this.sfApi.disableClickToDial({
        callback: (response) => this.settle(parseLightningResult(response), done)
      });
    } else {
      this.sfApi.cti.disableClickToDial((response) => this.settle(parseClassicResult(response), done));
    }
  }

  apiSetPanelVisible(visible, done) {
    if (this.isLightning) {
      this.api.setSoftphonePanelVisibility({
        visible: visible,
        callback: (response) => this.settle(parseLightningResult(response), done)
      });
    } else {
      this.sfApi.setVisible(visible, (response) => this.settle(parseClassicResult(response), done));
    }
  }

  apiRefresh(done) {
    if (this.isLightning) {
      this.api.refreshView({
        callback: (response) => this.settle(parseLightningResult(response), done)
      });
    } else {
      this.sfApi.refreshPage((response) => this.settle(parseClassicResult(response), done));
    }
  }

  apiSetPanelLabel(label) {
    if (this.ui.header) {
      this.ui.header.textContent = label;
    }
    // Classic has no utility-bar label; the header above is all there is.
    if (this.isLightning && this.api) {
      this.api.setSoftphonePanelLabel({ label: label });
    }
  }

  apiTrackNavigation() {
    if (this.isLightning) {
      this.api.onNavigationChange({
        listener: (info) => {
          this.pageContext = { recordId: info.recordId, objectType: info.objectType, name: info.recordName };
          this.log('navigated to', this.pageContext);
        }
      });
    } else {
      this.sfApi.onFocus((response) => {
        const result = parseClassicResult(response);
        if (result.ok && result.value) {
          this.pageContext = { recordId: result.value.objectId, objectType: result.value.object, name: result.value.objectName };
        }
      });
    }
  }

  apiNotifyReady() {
    if (this.isLightning) {
      this.api.notifyInitializationComplete({
        callback: (response) => this.settle(parseLightningResult(response))
      });
    } else {
      this.sfApi.cti.notifyInitializationComplete();
    }
  }

  // ---------------------------------------------------------------------------
  // Softphone logic
  // ---------------------------------------------------------------------------

  start() {
    this.bindUi();
    this.setState(CALL_STATE.OFFLINE);
    this.apiGetCallCenterSettings((err, settings) => {
      if (err) {
        this.showError('Could not read the call center definition: ' + err.message);
        return;
      }
      this.settings = settings || {};
      const section = '/' + this.options.settingsSection + '/';
      const serverUrl = this.settings[section + 'serverUrl'];
      const tenantId = this.settings[section + 'tenantId'];
      if (!serverUrl || !tenantId) {
        this.showError('Callisto serverUrl / tenantId missing in the call center definition');
        return;
      }
      this.connectPhone(serverUrl, tenantId);
    });
  }

  connectPhone(serverUrl, tenantId) {
    this.phone = new CallistoPhone.Agent({
      server: serverUrl,
      tenant: tenantId,
      autoReconnect: true,
      audio: { echoCancellation: true }
    });
    this.phone.on('registered', () => this.onRegistered());
    this.phone.on('unregistered', () => this.onUnregistered());
    this.phone.on('incoming', (call) => this.onIncomingCall(call));
    this.phone.on('accepted', (call) => this.onCallConnected(call));
    this.phone.on('ended', (call, cause) => this.onCallEnded(call, cause));
    this.phone.on('error', (error) => this.showError(error.message || String(error)));
    this.phone.register();
  }

  onRegistered() {
    this.setState(CALL_STATE.IDLE);
    this.apiOnClickToDial((target) => this.dial(target));
    this.apiEnableClickToDial();
    this.apiTrackNavigation();
    this.apiSetPanelLabel(this.options.panelLabelIdle);
    this.apiNotifyReady();
  }

  onUnregistered() {
    this.setState(CALL_STATE.OFFLINE);
    this.apiDisableClickToDial();
    this.apiSetPanelLabel('Callisto: Offline');
  }

  normalizeNumber(raw) {
    const digits = String(raw || '').replace(/[^\d+]/g, '');
    const outsidePrefix = this.settings['/reqDialingOptions/reqOutsidePrefix'] || '';
    return digits.charAt(0) === '+' ? digits : outsidePrefix + digits;
  }

  dial(target) {
    if (this.state !== CALL_STATE.IDLE) {
      this.warn('Ignoring dial request while', this.state);
      return;
    }
    const number = this.normalizeNumber(target.number);
    if (!number) {
      this.showError('No number to dial');
      return;
    }
    this.apiSetPanelVisible(true);
    this.currentCall = {
      direction: 'outbound',
      number: number,
      whoId: target.objectType === 'Contact' || target.objectType === 'Lead' ? target.recordId : null,
      whatId: target.objectType && target.objectType !== 'Contact' && target.objectType !== 'Lead' ? target.recordId : null,
      connectedAt: null,
      vendorCall: null
    };
    this.currentCall.vendorCall = this.phone.dial(number, {
      callerId: this.settings['/' + this.options.settingsSection + '/callerId'],
      tags: { sfRecordId: target.recordId || '' }
    });
    this.setState(CALL_STATE.DIALING);
  }

  onIncomingCall(call) {
    if (this.currentCall) {
      this.phone.reject(call.id, 'busy');
      return;
    }
    this.currentCall = {
      direction: 'inbound',
      number: call.from,
      whoId: null,
      whatId: null,
      connectedAt: null,
      vendorCall: call
    };
    this.setState(CALL_STATE.RINGING);
    this.apiSetPanelVisible(true);
    this.apiSearchAndScreenPop(call.from, 'inbound', (err, matches) => {
      if (err) {
        return;
      }
      this.applySearchResult(matches || {}, call);
    });
    if (this.options.autoAnswer) {
      this.answer();
    }
  }

  applySearchResult(matches, call) {
    const ids = Object.keys(matches);
    if (ids.length === 1) {
      const id = ids[0];
      if (id.indexOf('003') === 0 || id.indexOf('00Q') === 0) {
        this.currentCall.whoId = id;
      } else {
        this.currentCall.whatId = id;
      }
      return;
    }
    const caseNumber = call.attributes && call.attributes.caseNumber;
    if (ids.length === 0 && caseNumber) {
      // The IVR collected a case number: let Apex find it and pop the case.
      this.apiRunApex('findCaseIdByNumber', { caseNumber: caseNumber }, (err, caseId) => {
        if (!err && caseId) {
          this.currentCall.whatId = caseId;
          this.apiScreenPop({ recordId: caseId });
        }
      });
    } else if (ids.length === 0) {
      this.apiNewRecordPop('Contact', { Phone: call.from });
    }
  }

  answer() {
    if (!this.currentCall || this.state !== CALL_STATE.RINGING) {
      return;
    }
    this.phone.answer(this.currentCall.vendorCall.id);
  }

  hangup() {
    if (!this.currentCall || !this.currentCall.vendorCall) {
      return;
    }
    this.phone.hangup(this.currentCall.vendorCall.id);
  }

  toggleHold() {
    if (!this.currentCall) {
      return;
    }
    const hold = this.state !== CALL_STATE.HELD;
    this.phone.hold(this.currentCall.vendorCall.id, hold);
    this.setState(hold ? CALL_STATE.HELD : CALL_STATE.CONNECTED);
  }

  toggleMute() {
    if (!this.currentCall) {
      return;
    }
    this.muted = !this.muted;
    this.phone.mute(this.currentCall.vendorCall.id, this.muted);
    this.ui.mute.textContent = this.muted ? 'Unmute' : 'Mute';
  }

  onCallConnected(call) {
    if (!this.currentCall) {
      return;
    }
    this.currentCall.vendorCall = call;
    this.currentCall.connectedAt = Date.now();
    this.setState(CALL_STATE.CONNECTED);
    this.apiSetPanelLabel(this.options.panelLabelOnCall);
    this.timer = setInterval(() => {
      const seconds = Math.round((Date.now() - this.currentCall.connectedAt) / 1000);
      this.ui.timer.textContent = formatDuration(seconds);
    }, 1000);
  }

  onCallEnded(call, cause) {
    clearInterval(this.timer);
    this.timer = null;
    if (!this.currentCall) {
      return;
    }
    this.currentCall.endedAt = Date.now();
    this.currentCall.cause = cause;
    this.muted = false;
    this.setState(CALL_STATE.WRAP_UP);
  }

  submitWrapUp() {
    const call = this.currentCall;
    if (!call) {
      return;
    }
    const seconds = call.connectedAt ? Math.round((call.endedAt - call.connectedAt) / 1000) : 0;
    const fields = {
      Subject: (call.direction === 'inbound' ? 'Inbound call from ' : 'Outbound call to ') + call.number,
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: call.direction === 'inbound' ? 'Inbound' : 'Outbound',
      CallDurationInSeconds: seconds,
      CallDisposition: this.ui.disposition.value,
      CallObject: call.vendorCall ? call.vendorCall.id : '',
      Description: this.ui.notes.value,
      ActivityDate: new Date().toISOString().slice(0, 10),
      WhoId: call.whoId || (this.pageContext && this.pageContext.objectType === 'Contact' ? this.pageContext.recordId : null),
      WhatId: call.whatId,
      RecordTypeId: this.options.taskRecordTypeId
    };
    this.ui.saveLog.disabled = true;
    this.apiSaveLog(fields, (err) => {
      this.ui.saveLog.disabled = false;
      if (err) {
        this.showError('Call log was not saved: ' + err.message);
        return;
      }
      this.apiRefresh();
      this.currentCall = null;
      this.ui.notes.value = '';
      this.apiSetPanelLabel(this.options.panelLabelIdle);
      this.setState(CALL_STATE.IDLE);
    });
  }

  // ---------------------------------------------------------------------------
  // UI
  // ---------------------------------------------------------------------------

  bindUi() {
    const byId = (id) => document.getElementById(id);
    this.ui = {
      header: byId('callisto-header'),
      status: byId('callisto-status'),
      timer: byId('callisto-timer'),
      error: byId('callisto-error'),
      dialInput: byId('callisto-dial-input'),
      dialButton: byId('callisto-dial'),
      answer: byId('callisto-answer'),
      hangup: byId('callisto-hangup'),
      hold: byId('callisto-hold'),
      mute: byId('callisto-mute'),
      wrapUp: byId('callisto-wrapup'),
      disposition: byId('callisto-disposition'),
      notes: byId('callisto-notes'),
      saveLog: byId('callisto-save-log')
    };
    this.ui.dialButton.addEventListener('click', () => this.dial({ number: this.ui.dialInput.value }));
    this.ui.answer.addEventListener('click', () => this.answer());
    this.ui.hangup.addEventListener('click', () => this.hangup());
    this.ui.hold.addEventListener('click', () => this.toggleHold());
    this.ui.mute.addEventListener('click', () => this.toggleMute());
    this.ui.saveLog.addEventListener('click', () => this.submitWrapUp());
  }

  setState(state) {
    this.state = state;
    this.log('state ->', state);
    this.ui.status.textContent = state;
    this.ui.answer.hidden = state !== CALL_STATE.RINGING;
    this.ui.hangup.hidden = [CALL_STATE.RINGING, CALL_STATE.DIALING, CALL_STATE.CONNECTED, CALL_STATE.HELD].indexOf(state) < 0;
    this.ui.hold.hidden = state !== CALL_STATE.CONNECTED && state !== CALL_STATE.HELD;
    this.ui.hold.textContent = state === CALL_STATE.HELD ? 'Resume' : 'Hold';
    this.ui.mute.hidden = this.ui.hold.hidden;
    this.ui.wrapUp.hidden = state !== CALL_STATE.WRAP_UP;
    this.ui.dialButton.disabled = state !== CALL_STATE.IDLE;
    if (state === CALL_STATE.IDLE) {
      this.ui.timer.textContent = '';
    }
  }

  showError(message) {
    this.warn(message);
    if (this.ui.error) {
      this.ui.error.textContent = message;
      this.ui.error.hidden = false;
      setTimeout(() => {
        this.ui.error.hidden = true;
      }, 8000);
    }
  }
}

window.CallistoCtiAdapter = CtiAdapter;

document.addEventListener('DOMContentLoaded', () => {
  const adapter = new CtiAdapter(window.CALLISTO_CTI_OPTIONS || {});
  window.callistoCti = adapter;
  adapter.start();
});
