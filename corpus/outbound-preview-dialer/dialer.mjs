/*
 * ctimod corpus: outbound-preview-dialer/dialer.mjs - ES-module outbound preview dialer (campaign queue, dispositions, agent state) on Lightning Open CTI, Five9-style vendor REST/WebSocket client
 * Patterns: es-module, destructuring, calltype-constants, calltype-literals, full-softphone, savelog-task
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */

// Open CTI members used by the dialer, taken once when the module is evaluated.
// The adapter page loads opencti_min.js with a classic <script> before this module.
const { screenPop, saveLog, searchAndScreenPop, onClickToDial } = window.sforce.opencti;

export const AGENT_STATE = Object.freeze({
  LOGGED_OUT: 'LOGGED_OUT',
  NOT_READY: 'NOT_READY',
  READY: 'READY',
  PREVIEW: 'PREVIEW',
  ON_CALL: 'ON_CALL',
  WRAP_UP: 'WRAP_UP'
});

export const DISPOSITIONS = Object.freeze([
  { id: 'CONNECTED_SALE', label: 'Connected - interested', final: true },
  { id: 'CONNECTED_NO_SALE', label: 'Connected - not interested', final: true },
  { id: 'CALLBACK', label: 'Callback scheduled', final: false },
  { id: 'NO_ANSWER', label: 'No answer', final: false },
  { id: 'VOICEMAIL', label: 'Left voicemail', final: false },
  { id: 'BAD_NUMBER', label: 'Invalid number', final: true },
  { id: 'DNC', label: 'Do not call', final: true }
]);

const NOT_READY_REASONS = ['Break', 'Lunch', 'Training', 'Meeting'];
const RECONNECT_DELAYS_MS = [1000, 2000, 5000, 10000, 30000];

function log(...args) {
  console.log('[preview-dialer]', ...args);
}

function describeErrors(response) {
  return (response?.errors ?? []).map((e) => `${e.code}: ${e.description}`).join('; ') || 'unknown error';
}

function recordIdFrom(returnValue) {
  if (!returnValue) return null;
  return typeof returnValue === 'string' ? returnValue : returnValue.recordId ?? null;
}

/**
 * Thin client for the dialer vendor's agent API: REST for commands, one WebSocket for events.
 */
export class DialerClient extends EventTarget {
  constructor({ baseUrl, domainId, agentUser }) {
    super();
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.domainId = domainId;
    this.agentUser = agentUser;
    this.session = null;
    this.socket = null;
    this.reconnectAttempt = 0;
  }

  async request(method, path, body) {
    const res = await fetch(`${this.baseUrl}/agent/v2/domains/${this.domainId}${path}`, {
      method,
      credentials: 'include',
      headers: {
        'Content-Type': 'application/json',
        ...(this.session ? { Authorization: `Bearer ${this.session.token}` } : {})
      },
      body: body ? JSON.stringify(body) : undefined
    });
    if (!res.ok) {
      const text = await res.text();
      throw new Error(`${method} ${path} -> ${res.status} ${text}`);
    }
    return res.status === 204 ? null : res.json();
  }

  async login(station) {
    this.session = await this.request('POST', '/sessions', { user: this.agentUser, stationId: station, stationType: 'SOFTPHONE' });
    this.openEvents();
    return this.session;
  }

  openEvents() {
    const url = `${this.baseUrl.replace(/^http/, 'ws')}/agent/v2/events?session=${encodeURIComponent(this.session.id)}`;
    this.socket = new WebSocket(url);
    this.socket.addEventListener('open', () => {
      this.reconnectAttempt = 0;
    });
    this.socket.addEventListener('message', (msg) => {
      let event;
      try {
        event = JSON.parse(msg.data);
      } catch (e) {
        log('bad event frame', msg.data);
        return;
      }
      this.dispatchEvent(new CustomEvent(event.type, { detail: event.data }));
    });
    this.socket.addEventListener('close', () => {
      if (!this.session) return;
      const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt++, RECONNECT_DELAYS_MS.length - 1)];
      setTimeout(() => this.openEvents(), delay);
    });
  }

  setState(state, reasonCode) {
    return this.request('PUT', `/sessions/${this.session.id}/state`, { state, reasonCode: reasonCode ?? null });
  }

  getCampaignQueue(campaignId) {
    return this.request('GET', `/campaigns/${campaignId}/preview-queue?limit=25`);
  }

  dialPreview(previewId, number) {
    return this.request('POST', `/previews/${previewId}/dial`, { number });
  }

  skipPreview(previewId, reason) {
    return this.request('POST', `/previews/${previewId}/skip`, { reason });
  }

  dial(number, context) {
    return this.request('POST', '/calls', { number, campaignId: context?.campaignId ?? null, crmRecordId: context?.recordId ?? null });
  }

  hangup(callId) {
    return this.request('DELETE', `/calls/${callId}`);
  }

  hold(callId, onHold) {
    return this.request('PUT', `/calls/${callId}/hold`, { hold: onHold });
  }

  mute(callId, muted) {
    return this.request('PUT', `/calls/${callId}/mute`, { mute: muted });
  }

  setDisposition(callId, dispositionId, notes, callbackAt) {
    return this.request('POST', `/calls/${callId}/disposition`, { dispositionId, notes, callbackAt: callbackAt ?? null });
  }

  async logout() {
    const s = this.session;
    this.session = null;
    this.socket?.close();
    if (s) await this.request('DELETE', `/sessions/${s.id}`);
  }
}

/**
 * Preview dialing workflow: the vendor offers a record, the agent reviews it (screen pop), then
 * dials or skips. When the call ends the agent picks a disposition; the Task created at connect
 * is updated with the outcome.
 */
export class PreviewDialer extends EventTarget {
  constructor(client, { autoDialSeconds = 0 } = {}) {
    super();
    this.client = client;
    this.autoDialSeconds = autoDialSeconds;
    this.state = AGENT_STATE.LOGGED_OUT;
    this.preview = null;
    this.call = null;
    this.autoDialTimer = null;
  }

  async start(station) {
    await this.client.login(station);
    this.client.addEventListener('previewOffered', (e) => this.onPreviewOffered(e.detail));
    this.client.addEventListener('callConnected', (e) => this.onCallConnected(e.detail));
    this.client.addEventListener('callEnded', (e) => this.onCallEnded(e.detail));
    this.client.addEventListener('stateChanged', (e) => this.setLocalState(e.detail.state));

    onClickToDial({
      listener: (payload) => {
        this.manualDial(payload.number, { recordId: payload.recordId, recordName: payload.recordName });
      }
    });
    await this.goReady();
  }

  setLocalState(next) {
    if (this.state === next) return;
    const previous = this.state;
    this.state = next;
    this.dispatchEvent(new CustomEvent('statechange', { detail: { previous, state: next } }));
  }

  async goReady() {
    await this.client.setState(AGENT_STATE.READY);
    this.setLocalState(AGENT_STATE.READY);
  }

  async goNotReady(reason) {
    if (!NOT_READY_REASONS.includes(reason)) throw new Error(`Unknown not-ready reason ${reason}`);
    await this.client.setState(AGENT_STATE.NOT_READY, reason);
    this.setLocalState(AGENT_STATE.NOT_READY);
  }

  onPreviewOffered(preview) {
    this.preview = preview;
    this.setLocalState(AGENT_STATE.PREVIEW);
    this.dispatchEvent(new CustomEvent('preview', { detail: preview }));

    if (preview.crmRecordId) {
      screenPop({
        type: window.sforce.opencti.SCREENPOP_TYPE.SOBJECT,
        params: { recordId: preview.crmRecordId }
      });
    } else {
      searchAndScreenPop({
        searchParams: preview.number,
        queryParams: `campaign=${encodeURIComponent(preview.campaignName)}&previewId=${preview.id}`,
        callType: window.sforce.opencti.CALL_TYPE.OUTBOUND,
        callback: (response) => {
          if (!response.success) {
            log('search failed', describeErrors(response));
            return;
          }
          const ids = Object.keys(response.returnValue ?? {});
          if (ids.length === 1 && this.preview?.id === preview.id) {
            this.preview.crmRecordId = ids[0];
          }
        }
      });
    }

    if (this.autoDialSeconds > 0) {
      this.autoDialTimer = setTimeout(() => this.dialPreview(), this.autoDialSeconds * 1000);
    }
  }

  async dialPreview() {
    clearTimeout(this.autoDialTimer);
    if (!this.preview) return;
    await this.client.dialPreview(this.preview.id, this.preview.number);
  }

  async skipPreview(reason = 'Agent skipped') {
    clearTimeout(this.autoDialTimer);
    if (!this.preview) return;
    const skipped = this.preview;
    this.preview = null;
    await this.client.skipPreview(skipped.id, reason);
    this.dispatchEvent(new CustomEvent('skipped', { detail: skipped }));
    await this.goReady();
  }

  async manualDial(rawNumber, record = {}) {
    if (this.call) {
      log('click-to-dial ignored during a call');
      return;
    }
    const number = String(rawNumber ?? '').replace(/[^\d+]/g, '');
    if (!number) return;
    if (!record.recordId) {
      searchAndScreenPop({
        searchParams: number,
        callType: 'outbound',
        deferred: false,
        callback: (response) => {
          if (response.success) {
            const ids = Object.keys(response.returnValue ?? {});
            if (ids.length === 1 && this.call && !this.call.recordId) this.call.recordId = ids[0];
          }
        }
      });
    }
    this.preview = null;
    await this.client.dial(number, { recordId: record.recordId });
  }

  onCallConnected(detail) {
    this.call = {
      id: detail.callId,
      number: detail.number,
      campaignId: detail.campaignId ?? this.preview?.campaignId ?? null,
      campaignName: detail.campaignName ?? this.preview?.campaignName ?? '',
      recordId: detail.crmRecordId ?? this.preview?.crmRecordId ?? null,
      connectedAt: Date.now(),
      endedAt: null,
      taskId: null,
      muted: false,
      onHold: false
    };
    this.setLocalState(AGENT_STATE.ON_CALL);

    const value = {
      entityApiName: 'Task',
      Subject: `Outbound call ${this.call.campaignName ? `(${this.call.campaignName}) ` : ''}to ${this.call.number}`,
      Status: 'In Progress',
      TaskSubtype: 'Call',
      CallType: 'Outbound',
      CallObject: this.call.id,
      ActivityDate: new Date().toISOString().slice(0, 10)
    };
    if (this.call.recordId) {
      value[/^00Q|^003/.test(this.call.recordId) ? 'WhoId' : 'WhatId'] = this.call.recordId;
    }
    const callRef = this.call;
    saveLog({
      value,
      callback: (response) => {
        if (!response.success) {
          log('could not create call Task', describeErrors(response));
          return;
        }
        callRef.taskId = recordIdFrom(response.returnValue);
      }
    });
  }

  hangup() {
    return this.call ? this.client.hangup(this.call.id) : Promise.resolve();
  }

  async toggleHold() {
    if (!this.call) return;
    await this.client.hold(this.call.id, !this.call.onHold);
    this.call.onHold = !this.call.onHold;
  }

  async toggleMute() {
    if (!this.call) return;
    await this.client.mute(this.call.id, !this.call.muted);
    this.call.muted = !this.call.muted;
  }

  onCallEnded(detail) {
    if (!this.call || this.call.id !== detail.callId) return;
    this.call.endedAt = Date.now();
    this.call.talkSeconds = detail.talkSeconds ?? Math.round((this.call.endedAt - this.call.connectedAt) / 1000);
    this.setLocalState(AGENT_STATE.WRAP_UP);
    this.dispatchEvent(new CustomEvent('wrapup', { detail: { ...this.call } }));
  }

  async dispose(dispositionId, notes = '', callbackAt = null) {
    const call = this.call;
    if (!call) throw new Error('No call to disposition');
    const disposition = DISPOSITIONS.find((d) => d.id === dispositionId);
    if (!disposition) throw new Error(`Unknown disposition ${dispositionId}`);

    await this.client.setDisposition(call.id, dispositionId, notes, callbackAt);

    if (call.taskId) {
      saveLog({
        value: {
          Id: call.taskId,
          Status: 'Completed',
          CallDisposition: disposition.label,
          CallDurationInSeconds: call.talkSeconds,
          Description: notes,
          ...(callbackAt ? { ReminderDateTime: callbackAt, IsReminderSet: true } : {})
        },
        callback: (response) => {
          if (!response.success) {
            log('could not update call Task', describeErrors(response));
          }
          this.dispatchEvent(new CustomEvent('logsaved', { detail: { call, ok: response.success } }));
        }
      });
    } else {
      this.dispatchEvent(new CustomEvent('logsaved', { detail: { call, ok: false } }));
    }

    this.call = null;
    this.preview = null;
    await this.goReady();
  }

  async stop() {
    clearTimeout(this.autoDialTimer);
    await this.client.logout();
    this.setLocalState(AGENT_STATE.LOGGED_OUT);
  }
}

export { NOT_READY_REASONS };
