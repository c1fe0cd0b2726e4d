/*
 * ctimod corpus: widget-sdk-events/src/main.ts - TypeScript Lightning adapter around a vendor phone widget SDK with an event API (Nimbus: mountWidget, widget.on('call.ringing' | 'call.answered' | 'call.ended' | 'log.submitted'), widget.dial/answer/hangup)
 * Patterns: typescript, es-module, widget-sdk-events, vendor-event-handlers, deferred-searchandscreenpop, options-in-variables, savelog-task, calltype-constants, screenpop-constants
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * The widget renders the whole phone; this file connects it to Open CTI. A ringing call is
 * searched with deferred: true; the match list goes back to the widget and the pop (the
 * SCREEN_POP_DATA Salesforce returned) waits until the agent answers. The wrap-up form in the
 * widget produces the call log.
 */

declare const sforce: any;

interface NimbusCall {
  id: string;
  remoteNumber: string;
  direction: 'in' | 'out';
  startedAt?: number;
  durationMs(): number;
}

interface NimbusLog {
  call: NimbusCall;
  subject: string;
  notes: string;
  outcome: string;
  recordId?: string;
}

interface NimbusWidget {
  on(event: string, handler: (payload: any) => void): void;
  dial(number: string, context?: Record<string, string>): void;
  answer(callId: string): void;
  hangup(callId: string): void;
  setMuted(callId: string, muted: boolean): void;
  setHeld(callId: string, held: boolean): void;
  showMatches(callId: string, matches: Array<{ id: string; name: string; type: string }>): void;
  setContext(context: { recordId?: string; objectType?: string }): void;
  notify(kind: 'info' | 'error', text: string): void;
}

declare global {
  interface Window {
    Nimbus: { mountWidget(element: HTMLElement, options: { theme: string }): Promise<NimbusWidget> };
  }
}

const pendingPops = new Map<string, unknown>();
const answered = new Set<string>();

function loadOpenCti(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${new URL(document.referrer).origin}/support/api/59.0/lightning/opencti_min.js`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('Open CTI did not load'));
    document.head.appendChild(script);
  });
}

function searchCaller(widget: NimbusWidget, call: NimbusCall): void {
  const search = {
    searchParams: call.remoteNumber,
    callType: call.direction === 'in' ? sforce.opencti.CALL_TYPE.INBOUND : sforce.opencti.CALL_TYPE.OUTBOUND,
    deferred: true,
    defaultFieldValues: { Phone: call.remoteNumber },
    callback: (response: any) => {
      if (!response.success) {
        widget.notify('error', 'Salesforce search failed');
        return;
      }
      const { SCREEN_POP_DATA, ...matches } = response.returnValue;
      pendingPops.set(call.id, SCREEN_POP_DATA);
      widget.showMatches(call.id, Object.keys(matches).map((id) => ({
        id,
        name: matches[id].Name,
        type: matches[id].RecordType,
      })));
      if (answered.has(call.id)) {
        popWhenAnswered(call);
      }
    },
  };
  sforce.opencti.searchAndScreenPop(search);
}

function popWhenAnswered(call: NimbusCall): void {
  const pop = pendingPops.get(call.id);
  if (pop) {
    pendingPops.delete(call.id);
    sforce.opencti.screenPop(pop);
  }
}

function saveCallLog(widget: NimbusWidget, log: NimbusLog): void {
  const value: Record<string, unknown> = {
    entityApiName: 'Task',
    Subject: log.subject,
    Description: log.notes,
    CallDisposition: log.outcome,
    CallType: log.call.direction === 'in' ? 'Inbound' : 'Outbound',
    CallDurationInSeconds: Math.round(log.call.durationMs() / 1000),
    CallObject: log.call.id,
    Status: 'Completed',
  };
  if (log.recordId) {
    value.WhoId = log.recordId;
  }
  sforce.opencti.saveLog({
    value,
    callback: (response: any) => {
      if (response.success) {
        widget.notify('info', 'Call logged');
        sforce.opencti.refreshView();
      } else {
        widget.notify('error', 'The call could not be logged');
      }
    },
  });
}

async function main(): Promise<void> {
  await loadOpenCti();
  const widget = await window.Nimbus.mountWidget(document.getElementById('nimbus-root') as HTMLElement, { theme: 'salesforce' });

  sforce.opencti.onClickToDial({
    listener: (payload: any) => {
      widget.dial(String(payload.number), { recordId: payload.recordId });
      sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    },
  });

  sforce.opencti.onNavigationChange({
    listener: (payload: any) => widget.setContext({ recordId: payload.recordId, objectType: payload.objectType }),
  });

  widget.on('session.login', () => sforce.opencti.enableClickToDial({ callback: () => undefined }));
  widget.on('session.logout', () => sforce.opencti.disableClickToDial({ callback: () => undefined }));

  widget.on('call.ringing', (call: NimbusCall) => {
    sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    searchCaller(widget, call);
  });

  widget.on('call.answered', (call: NimbusCall) => {
    answered.add(call.id);
    popWhenAnswered(call);
  });

  widget.on('call.ended', (call: NimbusCall) => {
    answered.delete(call.id);
    pendingPops.delete(call.id);
  });

  widget.on('log.submitted', (log: NimbusLog) => saveCallLog(widget, log));

  widget.on('contact.open', (contact: { id: string }) => {
    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: { recordId: contact.id } });
  });

  document.addEventListener('keydown', (event) => {
    const active = [...answered][0];
    if (!active || !event.ctrlKey) {
      return;
    }
    if (event.key === 'Enter') widget.answer(active);
    if (event.key === 'Backspace') widget.hangup(active);
    if (event.key === 'm') widget.setMuted(active, true);
    if (event.key === 'h') widget.setHeld(active, true);
  });

  sforce.opencti.notifyInitializationComplete();
}

main().catch((error) => console.error('nimbus-salesforce', error));
