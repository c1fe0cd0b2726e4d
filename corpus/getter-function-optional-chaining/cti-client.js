/*
 * ctimod corpus: getter-function-optional-chaining/cti-client.js - Relay Voice WebRTC softphone client that reaches Open CTI only through getter functions and optional chaining
 * Patterns: alias-getter-function, optional-chaining, window-sforce, plain-js
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global RelayVoice */
'use strict';

// Salesforce may load the softphone before the Open CTI script has finished, so the
// API is never cached: every use looks it up again through these getters.
const getSforce = () => window.sforce;
const getOpenCti = () => getSforce()?.opencti;

function interactionApi() {
  return window.sforce && window.sforce.interaction;
}

const isLightning = () => Boolean(getOpenCti());

const RELAY_CONFIG = {
  tokenUrl: '/relay/token',
  edge: 'frankfurt',
  apexClass: 'RelayCallerLookup',
  logPrefix: '[relay-cti]'
};

const session = {
  client: null,
  pendingCall: null,
  activeCall: null,
  direction: null,
  remoteNumber: null,
  whoId: null,
  whatId: null,
  startedAt: 0,
  muted: false,
  held: false,
  settings: {}
};

const log = (...args) => console.log(RELAY_CONFIG.logPrefix, ...args);
const logError = (...args) => console.error(RELAY_CONFIG.logPrefix, ...args);

function lightningResult(response) {
  if (response?.success) {
    return response.returnValue;
  }
  const message = response?.errors?.map((e) => e.description).join('; ') ?? 'no response';
  throw new Error(message);
}

function classicResult(response) {
  if (!response || response.error) {
    throw new Error(response?.error ?? 'no response');
  }
  try {
    return JSON.parse(response.result);
  } catch (e) {
    return response.result;
  }
}

function handle(parse, onValue) {
  return (response) => {
    try {
      const value = parse(response);
      onValue?.(value);
    } catch (err) {
      logError(err.message);
      showBanner(err.message, 'error');
    }
  };
}

// --- Salesforce side ------------------------------------------------------

function loadSettings(onLoaded) {
  if (isLightning()) {
    getOpenCti()?.getCallCenterSettings({ callback: handle(lightningResult, onLoaded) });
  } else {
    interactionApi().cti.getCallCenterSettings(handle(classicResult, onLoaded));
  }
}

function popRecord(recordId) {
  if (isLightning()) {
    getOpenCti()?.screenPop({
      type: 'sobject',
      params: { recordId: recordId },
      callback: handle(lightningResult)
    });
  } else {
    interactionApi().screenPop('/' + recordId, true, handle(classicResult));
  }
}

function popUrl(url) {
  if (isLightning()) {
    getOpenCti()?.screenPop({
      type: getOpenCti().SCREENPOP_TYPE.URL,
      params: { url: url },
      callback: handle(lightningResult)
    });
  } else {
    interactionApi()?.screenPop(url, true, handle(classicResult));
  }
}

function popSearch(term) {
  // Lightning only: Classic has no search pop, the softphone layout does it there.
  getSforce()?.opencti?.screenPop({
    type: getSforce().opencti.SCREENPOP_TYPE.SEARCH,
    params: { searchString: term }
  });
}

function searchInboundCaller(ani, onMatches) {
  if (isLightning()) {
    getOpenCti()?.searchAndScreenPop({
      searchParams: ani,
      queryParams: 'relayCallId=' + encodeURIComponent(session.pendingCall?.id ?? ''),
      callType: 'inbound',
      callback: handle(lightningResult, onMatches)
    });
  } else {
    interactionApi()?.searchAndScreenPop(ani, '', 'inbound', handle(classicResult, onMatches));
  }
}

function searchOutboundTarget(number, onMatches) {
  // Outbound searches do not pop; they only find the record to log the call against.
  if (isLightning()) {
    getOpenCti()?.searchAndScreenPop({
      searchParams: number,
      callType: getOpenCti()?.CALL_TYPE?.OUTBOUND,
      callback: handle(lightningResult, onMatches)
    });
  } else {
    interactionApi().searchAndScreenPop(number, '', 'outbound', handle(classicResult, onMatches));
  }
}

function lookupByPin(pin, onFound) {
  const params = 'pin=' + encodeURIComponent(pin);
  if (isLightning()) {
    getOpenCti()?.runApex?.({
      apexClass: RELAY_CONFIG.apexClass,
      methodName: 'lookupAccountByPin',
      methodParams: params,
      callback: handle(lightningResult, (value) => onFound(value?.runApex))
    });
  } else {
    interactionApi().runApex(RELAY_CONFIG.apexClass, 'lookupAccountByPin', params, handle(classicResult, onFound));
  }
}

function saveCallLog(fields, onSaved) {
  if (isLightning()) {
    getOpenCti()?.saveLog?.({
      value: { entityApiName: 'Task', ...fields },
      callback: handle(lightningResult, onSaved)
    });
  } else {
    const query = Object.entries(fields)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    interactionApi().saveLog('Task', query, handle(classicResult, onSaved));
  }
}

function refreshRecordView() {
  if (isLightning()) {
    window?.sforce?.opencti?.refreshView();
  } else {
    getSforce()?.interaction?.refreshPage(handle(classicResult));
  }
}

function showSoftphone() {
  if (isLightning()) {
    getOpenCti()?.setSoftphonePanelVisibility({ visible: true });
  } else {
    interactionApi()?.setVisible(true, handle(classicResult));
  }
}

function whenSoftphoneHidden(onHidden) {
  if (isLightning()) {
    getOpenCti()?.isSoftphonePanelVisible({
      callback: handle(lightningResult, (value) => !value?.visible && onHidden())
    });
  } else {
    interactionApi().isVisible(handle(classicResult, (visible) => !visible && onHidden()));
  }
}

function currentRecord(onRecord) {
  if (isLightning()) {
    window.sforce?.opencti?.getAppViewInfo({
      callback: handle(lightningResult, (info) => onRecord({ id: info?.recordId, type: info?.objectType }))
    });
  } else {
    window.sforce?.interaction?.getPageInfo(handle(classicResult, (info) => onRecord({ id: info?.objectId, type: info?.object })));
  }
}

function registerClickToDial() {
  if (isLightning()) {
    getOpenCti()?.onClickToDial({
      listener: (payload) => placeCall(payload.number, payload.recordId, payload.objectType)
    });
    getOpenCti()?.enableClickToDial({ callback: handle(lightningResult, () => log('click-to-dial on')) });
  } else {
    interactionApi().cti.onClickToDial(handle(classicResult, (payload) =>
      placeCall(payload.number, payload.objectId, payload.object)
    ));
    interactionApi()?.cti?.enableClickToDial(handle(classicResult, () => log('click-to-dial on')));
  }
}

// --- Relay Voice side -----------------------------------------------------

async function fetchRelayToken() {
  const res = await fetch(RELAY_CONFIG.tokenUrl, { credentials: 'include' });
  if (!res.ok) {
    throw new Error('token endpoint answered ' + res.status);
  }
  const body = await res.json();
  return body.token;
}

async function startRelay() {
  let token;
  try {
    token = await fetchRelayToken();
  } catch (err) {
    showBanner('Cannot sign in to Relay Voice: ' + err.message, 'error');
    return;
  }
  const client = RelayVoice.createClient({
    token: token,
    edge: session.settings['/RelayVoice/edge'] || RELAY_CONFIG.edge,
    codecs: ['opus', 'pcmu']
  });
  client.on('ready', () => {
    setStatus('Available');
    registerClickToDial();
  });
  client.on('incoming', onIncoming);
  client.on('tokenWillExpire', async () => client.updateToken(await fetchRelayToken()));
  client.on('error', (err) => showBanner(err.message, 'error'));
  session.client = client;
  client.register();
}

function onIncoming(call) {
  if (session.activeCall) {
    call.reject();
    return;
  }
  session.pendingCall = call;
  session.direction = 'inbound';
  session.remoteNumber = call.parameters.From;
  setStatus('Ringing: ' + session.remoteNumber);
  whenSoftphoneHidden(showSoftphone);

  const pin = call.parameters.IvrPin;
  if (pin) {
    lookupByPin(pin, (accountId) => {
      if (accountId) {
        session.whatId = accountId;
        popRecord(accountId);
      } else {
        searchInboundCaller(session.remoteNumber, rememberMatch);
      }
    });
  } else if (call.parameters.KnowledgeQuery) {
    popSearch(call.parameters.KnowledgeQuery);
  } else {
    searchInboundCaller(session.remoteNumber, rememberMatch);
  }

  call.on('cancel', () => resetSession('Missed call'));
  call.on('accept', () => onConnected(call));
  call.on('disconnect', () => onDisconnected(call));
}

function rememberMatch(matches) {
  const ids = Object.keys(matches || {});
  if (ids.length === 1) {
    const id = ids[0];
    if (id.startsWith('003') || id.startsWith('00Q')) {
      session.whoId = id;
    } else {
      session.whatId = id;
    }
  }
}

function placeCall(number, recordId, objectType) {
  if (!session.client || session.activeCall || session.pendingCall) {
    showBanner('Finish the current call first', 'warning');
    return;
  }
  const to = String(number).replace(/[^\d+*#]/g, '');
  session.direction = 'outbound';
  session.remoteNumber = to;
  if (objectType === 'Contact' || objectType === 'Lead') {
    session.whoId = recordId;
  } else if (recordId) {
    session.whatId = recordId;
  } else {
    searchOutboundTarget(to, rememberMatch);
  }
  showSoftphone();
  const call = session.client.connect({ params: { To: to, CallerId: session.settings['/RelayVoice/callerId'] } });
  session.activeCall = call;
  setStatus('Dialing ' + to);
  call.on('accept', () => onConnected(call));
  call.on('disconnect', () => onDisconnected(call));
  call.on('error', (err) => showBanner(err.message, 'error'));
}

function onConnected(call) {
  session.activeCall = call;
  session.pendingCall = null;
  session.startedAt = Date.now();
  setStatus('On call with ' + session.remoteNumber);
  toggleButtons(true);
}

function onDisconnected(call) {
  const seconds = session.startedAt ? Math.round((Date.now() - session.startedAt) / 1000) : 0;
  toggleButtons(false);
  setStatus('Wrap-up');
  const finish = (fallback) => {
    saveCallLog({
      Subject: `${session.direction === 'inbound' ? 'Inbound' : 'Outbound'} call ${session.remoteNumber}`,
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: session.direction === 'inbound' ? 'Inbound' : 'Outbound',
      CallDurationInSeconds: seconds,
      CallObject: call.parameters?.CallSid ?? '',
      Description: document.getElementById('relay-notes')?.value ?? '',
      WhoId: session.whoId ?? (fallback?.type === 'Contact' ? fallback.id : null),
      WhatId: session.whatId ?? (fallback && fallback.type !== 'Contact' ? fallback.id : null)
    }, () => {
      refreshRecordView();
      resetSession('Available');
    });
  };
  if (session.whoId || session.whatId) {
    finish(null);
  } else {
    currentRecord(finish);
  }
}

function resetSession(status) {
  Object.assign(session, {
    pendingCall: null,
    activeCall: null,
    direction: null,
    remoteNumber: null,
    whoId: null,
    whatId: null,
    startedAt: 0,
    muted: false,
    held: false
  });
  const notes = document.getElementById('relay-notes');
  if (notes) {
    notes.value = '';
  }
  setStatus(status);
}

// --- UI -----------------------------------------------------------------------

function setStatus(text) {
  const el = document.getElementById('relay-status');
  if (el) {
    el.textContent = text;
  }
}

function showBanner(text, level) {
  const el = document.getElementById('relay-banner');
  if (!el) {
    return;
  }
  el.textContent = text;
  el.className = 'banner banner-' + level;
  el.hidden = false;
  setTimeout(() => {
    el.hidden = true;
  }, 6000);
}

function toggleButtons(onCall) {
  for (const id of ['relay-hangup', 'relay-hold', 'relay-mute']) {
    const button = document.getElementById(id);
    if (button) {
      button.disabled = !onCall;
    }
  }
}

function wireUi() {
  document.getElementById('relay-answer')?.addEventListener('click', () => session.pendingCall?.accept());
  document.getElementById('relay-decline')?.addEventListener('click', () => session.pendingCall?.reject());
  document.getElementById('relay-hangup')?.addEventListener('click', () => session.activeCall?.disconnect());
  document.getElementById('relay-hold')?.addEventListener('click', (event) => {
    session.held = !session.held;
    session.activeCall?.hold(session.held);
    event.currentTarget.textContent = session.held ? 'Resume' : 'Hold';
  });
  document.getElementById('relay-mute')?.addEventListener('click', (event) => {
    session.muted = !session.muted;
    session.activeCall?.mute(session.muted);
    event.currentTarget.textContent = session.muted ? 'Unmute' : 'Mute';
  });
  document.getElementById('relay-dial-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    placeCall(document.getElementById('relay-number').value, null, null);
  });
}

document.addEventListener('DOMContentLoaded', () => {
  wireUi();
  toggleButtons(false);
  setStatus('Connecting...');
  loadSettings((settings) => {
    session.settings = settings || {};
    startRelay();
  });
});
