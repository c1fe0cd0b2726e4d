/*
 * ctimod corpus: react-tsx-softphone/src/Softphone.tsx - React function-component softphone (hooks, typed props) driving a VendorPhone WebRTC SDK and Lightning Open CTI
 * Patterns: tsx-react, optional-chaining, alias-getter-function, window-sforce
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */

import React, { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import CallHistory from './CallHistory';
import { ClickToDialPayload, OpenCtiResponse, describeOpenCtiError, useOpenCti, useOpenCtiReady } from './useOpenCti';

// ------------------------------------------------------------------ vendor SDK (global)

type Direction = 'inbound' | 'outbound';

interface VendorCall {
  id: string;
  from: string;
  to: string;
  direction: Direction;
  /** Record the vendor's own CRM lookup resolved for this number, if any. */
  crmRecordId?: string;
  queue?: string;
}

type VendorEventMap = {
  incoming: VendorCall;
  accepted: VendorCall;
  ended: VendorCall & { reason: 'completed' | 'missed' | 'rejected' | 'failed' };
  error: { code: string; message: string };
};

interface VendorPhoneApi {
  ready(): Promise<{ agentId: string }>;
  dial(number: string, meta?: Record<string, string>): Promise<VendorCall>;
  answer(callId: string): void;
  hangup(callId: string): void;
  mute(callId: string, on: boolean): void;
  hold(callId: string, on: boolean): Promise<void>;
  sendDtmf(callId: string, digits: string): void;
  on<K extends keyof VendorEventMap>(event: K, handler: (payload: VendorEventMap[K]) => void): () => void;
}

declare const VendorPhone: VendorPhoneApi;

// ------------------------------------------------------------------ state

export interface HistoryEntry {
  id: string;
  number: string;
  direction: Direction;
  startedAt: number;
  durationSec: number;
  outcome: string;
  recordId?: string;
  taskId?: string;
}

type Status = 'idle' | 'ringing' | 'dialing' | 'connected' | 'held';

interface CallState {
  status: Status;
  call: VendorCall | null;
  muted: boolean;
  startedAt: number;
  answeredAt: number | null;
  recordId?: string;
}

type Action =
  | { type: 'ringing'; call: VendorCall }
  | { type: 'dialing'; call: VendorCall; recordId?: string }
  | { type: 'accepted' }
  | { type: 'muted'; muted: boolean }
  | { type: 'held'; held: boolean }
  | { type: 'reset' };

const initialState: CallState = { status: 'idle', call: null, muted: false, startedAt: 0, answeredAt: null };

function reducer(state: CallState, action: Action): CallState {
  switch (action.type) {
    case 'ringing':
      return { ...initialState, status: 'ringing', call: action.call, startedAt: Date.now(), recordId: action.call.crmRecordId };
    case 'dialing':
      return { ...initialState, status: 'dialing', call: action.call, startedAt: Date.now(), recordId: action.recordId };
    case 'accepted':
      return { ...state, status: 'connected', answeredAt: Date.now() };
    case 'muted':
      return { ...state, muted: action.muted };
    case 'held':
      return { ...state, status: action.held ? 'held' : 'connected' };
    case 'reset':
      return initialState;
    default:
      return state;
  }
}

function formatSeconds(total: number): string {
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${s < 10 ? '0' : ''}${s}`;
}

// ------------------------------------------------------------------ components

interface CallControlsProps {
  state: CallState;
  onError: (message: string) => void;
}

const CallControls: React.FC<CallControlsProps> = ({ state, onError }) => {
  const { call, status, muted } = state;
  if (!call) {
    return null;
  }
  const live = status === 'connected' || status === 'held';
  return (
    <div className="sp-controls">
      {status === 'ringing' && (
        <button type="button" className="sp-btn sp-btn--answer" onClick={() => VendorPhone.answer(call.id)}>
          Answer
        </button>
      )}
      <button type="button" className="sp-btn sp-btn--hangup" onClick={() => VendorPhone.hangup(call.id)}>
        {status === 'ringing' ? 'Decline' : 'Hang up'}
      </button>
      <button type="button" className="sp-btn" disabled={!live} onClick={() => VendorPhone.mute(call.id, !muted)}>
        {muted ? 'Unmute' : 'Mute'}
      </button>
      <button
        type="button"
        className="sp-btn"
        disabled={!live}
        onClick={() => {
          VendorPhone.hold(call.id, status !== 'held').catch((e: Error) => onError(`Hold failed: ${e.message}`));
        }}
      >
        {status === 'held' ? 'Resume' : 'Hold'}
      </button>
    </div>
  );
};

interface DialPadProps {
  disabled: boolean;
  onDial: (number: string) => void;
}

const DialPad: React.FC<DialPadProps> = ({ disabled, onDial }) => {
  const [value, setValue] = useState('');
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (value.replace(/\D/g, '').length >= 3) {
      onDial(value);
      setValue('');
    }
  };
  return (
    <form className="sp-dialpad" onSubmit={submit}>
      <input
        type="tel"
        value={value}
        placeholder="Number to call"
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValue(e.target.value)}
        disabled={disabled}
      />
      <button type="submit" className="sp-btn sp-btn--dial" disabled={disabled || !value}>
        Call
      </button>
    </form>
  );
};

export interface SoftphoneProps {
  agentName: string;
  /** Task record type for call logs; omit to use the default. */
  taskRecordTypeId?: string;
  maxHistory?: number;
  onCallLogged?: (entry: HistoryEntry) => void;
}

const Softphone: React.FC<SoftphoneProps> = ({ agentName, taskRecordTypeId, maxHistory = 20, onCallLogged }) => {
  const openCti = useOpenCti();
  const { ready: ctiReady, timedOut } = useOpenCtiReady();
  const [state, dispatch] = useReducer(reducer, initialState);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const stateRef = useRef<CallState>(state);
  stateRef.current = state;

  const showNotice = useCallback((message: string) => {
    setNotice(message);
    window.setTimeout(() => setNotice(null), 6000);
  }, []);

  // Screen pop for a ringing call: the exact record when the vendor resolved one,
  // otherwise a Salesforce search on the caller's number.
  const popForCall = useCallback(
    (call: VendorCall) => {
      if (call.crmRecordId) {
        openCti()?.screenPop({
          type: openCti()?.SCREENPOP_TYPE.SOBJECT,
          params: { recordId: call.crmRecordId },
          callback: (res: OpenCtiResponse) => {
            if (!res.success) showNotice(`Screen pop failed: ${describeOpenCtiError(res)}`);
          },
        });
        return;
      }
      openCti()?.screenPop({
        type: openCti()?.SCREENPOP_TYPE.SEARCH,
        params: { searchString: call.from },
      });
    },
    [openCti, showNotice],
  );

  const logCall = useCallback(
    (ended: VendorEventMap['ended'], snapshot: CallState) => {
      const durationSec = snapshot.answeredAt ? Math.round((Date.now() - snapshot.answeredAt) / 1000) : 0;
      const number = ended.direction === 'inbound' ? ended.from : ended.to;
      const entry: HistoryEntry = {
        id: ended.id,
        number,
        direction: ended.direction,
        startedAt: snapshot.startedAt || Date.now(),
        durationSec,
        outcome: ended.reason,
        recordId: snapshot.recordId,
      };
      const value: Record<string, string | number> = {
        entityApiName: 'Task',
        Subject: `${ended.direction === 'inbound' ? 'Inbound' : 'Outbound'} call ${number}`,
        Status: 'Completed',
        TaskSubtype: 'Call',
        CallType: ended.direction === 'inbound' ? 'Inbound' : 'Outbound',
        CallObject: ended.id,
        CallDurationInSeconds: durationSec,
        CallDisposition: ended.reason,
      };
      if (taskRecordTypeId) value.RecordTypeId = taskRecordTypeId;
      if (snapshot.recordId) value[snapshot.recordId.startsWith('003') || snapshot.recordId.startsWith('00Q') ? 'WhoId' : 'WhatId'] = snapshot.recordId;

      openCti()?.saveLog({
        value,
        callback: (res: OpenCtiResponse<{ recordId?: string } | string>) => {
          if (!res.success) {
            showNotice(`Call not logged: ${describeOpenCtiError(res)}`);
          } else {
            const rv = res.returnValue;
            entry.taskId = typeof rv === 'string' ? rv : rv?.recordId;
          }
          setHistory((prev) => [entry, ...prev].slice(0, maxHistory));
          onCallLogged?.(entry);
        },
      });
    },
    [openCti, showNotice, taskRecordTypeId, maxHistory, onCallLogged],
  );

  const dial = useCallback(
    (number: string, recordId?: string) => {
      if (stateRef.current.call) {
        showNotice('Finish the current call before dialing');
        return;
      }
      VendorPhone.dial(number, recordId ? { sfRecordId: recordId } : {})
        .then((call) => dispatch({ type: 'dialing', call, recordId }))
        .catch((e: Error) => showNotice(`Dial failed: ${e.message}`));
    },
    [showNotice],
  );

  // Click-to-dial from Salesforce phone fields.
  useEffect(() => {
    if (!ctiReady) {
      return;
    }
    const listener = (payload: ClickToDialPayload) => {
      dial(payload.number, payload.recordId);
    };
    window.sforce?.opencti?.onClickToDial({ listener });
    // Open CTI has no way to remove a click-to-dial listener; the adapter lives as long as the page.
  }, [ctiReady, dial]);

  // Vendor telephony events.
  useEffect(() => {
    const offs = [
      VendorPhone.on('incoming', (call) => {
        dispatch({ type: 'ringing', call });
        popForCall(call);
      }),
      VendorPhone.on('accepted', () => dispatch({ type: 'accepted' })),
      VendorPhone.on('ended', (ended) => {
        const snapshot = stateRef.current;
        dispatch({ type: 'reset' });
        logCall(ended, snapshot);
      }),
      VendorPhone.on('error', (err) => showNotice(err.message)),
    ];
    VendorPhone.ready()
      .then(({ agentId: id }) => setAgentId(id))
      .catch((e: Error) => showNotice(`Telephony login failed: ${e.message}`));
    return () => offs.forEach((off) => off());
  }, [popForCall, logCall, showNotice]);

  // Talk timer.
  useEffect(() => {
    if (!state.answeredAt) {
      setElapsed(0);
      return undefined;
    }
    const t = window.setInterval(() => setElapsed(Math.round((Date.now() - (state.answeredAt ?? Date.now())) / 1000)), 1000);
    return () => window.clearInterval(t);
  }, [state.answeredAt]);

  const party = state.call ? (state.call.direction === 'inbound' ? state.call.from : state.call.to) : '';

  return (
    <div className={`softphone softphone--${state.status}`}>
      <header className="sp-header">
        <span className="sp-agent">{agentName}</span>
        <span className={`sp-presence ${agentId ? 'is-online' : 'is-offline'}`}>{agentId ? 'Online' : 'Connecting…'}</span>
      </header>
      {timedOut && !ctiReady && <div className="sp-warning">Open CTI not found: is this page running inside Salesforce?</div>}
      {notice && (
        <div className="sp-notice" role="alert">
          {notice}
        </div>
      )}
      {state.call ? (
        <section className="sp-call">
          <div className="sp-party">{party}</div>
          <div className="sp-status">
            {state.status}
            {state.answeredAt ? ` · ${formatSeconds(elapsed)}` : ''}
          </div>
          <CallControls state={state} onError={showNotice} />
        </section>
      ) : (
        <DialPad disabled={!agentId} onDial={(n) => dial(n)} />
      )}
      <CallHistory entries={history} onClear={() => setHistory([])} />
    </div>
  );
};

export default Softphone;
