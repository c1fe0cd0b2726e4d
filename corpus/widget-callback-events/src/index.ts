/*
 * ctimod corpus: widget-callback-events/src/index.ts - TypeScript Lightning adapter around a vendor phone widget whose script renders the phone and hands the adapter its event API in a callback (Tessera: renderWidget(el, ({ onCallEvent, onCallEndedEvent, ..., fireMakeCallEvent }) => ...)), in the style of PBX widget adapters
 * Patterns: typescript, es-module, widget-callback-api, vendor-event-handlers, deferred-searchandscreenpop, savelog-task, calltype-constants, screenpop-constants
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * The widget draws the whole phone (dial pad, answer and hang-up buttons); this file only connects it
 * to Open CTI. The widget calls us back once with its API: functions to listen to its events and
 * functions to tell it things (dial a number, show the matching records, report a saved log).
 */

declare const sforce: any;

interface TesseraCall {
  id: string;
  roomId: string;
  partyNumber: string;
  partyName?: string;
  incoming: boolean;
  startedAt: number;
  durationMs(): number;
}

interface TesseraLog {
  call: TesseraCall;
  recordId?: string;
  fields: { subject: string; notes?: string };
}

interface TesseraApi {
  onCallEvent(handler: (call: TesseraCall) => void): void;
  onCallUpdatedEvent(handler: (call: TesseraCall) => void): void;
  onCallEndedEvent(handler: (call: TesseraCall) => void): void;
  onLoggedInEvent(handler: () => void): void;
  onLoggedOutEvent(handler: () => void): void;
  onLogEvent(handler: (log: TesseraLog) => void): void;
  fireMakeCallEvent(number: string): void;
  fireCallInfoEvent(call: TesseraCall, records: Array<{ id: string; label: string }>): void;
  fireLogSavedEvent(log: TesseraLog): void;
}

declare global {
  interface Window {
    Tessera: { renderWidget(element: HTMLElement, ready: (api: TesseraApi) => void): void };
  }
}

const TAG = 'tessera-salesforce';
const ringing = new Map<string, TesseraCall>();

// Our own key for a call: the widget numbers calls per room.
const keyOf = (call: TesseraCall) => `${call.roomId}/${call.id}`;

function openCti(): Promise<void> {
  return new Promise((resolve) => {
    const tag = document.createElement('script');
    tag.src = `${new URL(document.referrer).origin}/support/api/60.0/lightning/opencti_min.js`;
    tag.onload = () => resolve();
    document.head.appendChild(tag);
  });
}

openCti().then(() => {
  window.Tessera.renderWidget(document.getElementById('tessera-phone') as HTMLElement, ({
    onCallEvent,
    onCallUpdatedEvent,
    onCallEndedEvent,
    onLoggedInEvent,
    onLoggedOutEvent,
    onLogEvent,
    fireMakeCallEvent,
    fireCallInfoEvent,
    fireLogSavedEvent,
  }) => {
    sforce.opencti.onClickToDial({
      listener: (payload: any) => fireMakeCallEvent(String(payload.number)),
    });

    onLoggedInEvent(() => sforce.opencti.enableClickToDial({ callback: () => undefined }));
    onLoggedOutEvent(() => {
      ringing.clear();
      sforce.opencti.disableClickToDial({ callback: () => undefined });
    });

    const lookUp = (call: TesseraCall) => {
      sforce.opencti.searchAndScreenPop({
        searchParams: call.partyNumber,
        deferred: true,
        callType: call.incoming ? sforce.opencti.CALL_TYPE.INBOUND : sforce.opencti.CALL_TYPE.OUTBOUND,
        defaultFieldValues: { Phone: call.partyNumber },
        callback: (response: any) => {
          if (!response.success) return;
          const { SCREEN_POP_DATA, ...found } = response.returnValue;
          fireCallInfoEvent(call, Object.keys(found).map((id) => ({ id, label: found[id].Name })));
          sforce.opencti.screenPop(SCREEN_POP_DATA);
        },
      });
    };

    onCallEvent((call: TesseraCall) => {
      if (ringing.has(keyOf(call))) return;
      ringing.set(keyOf(call), call);
      sforce.opencti.setSoftphonePanelVisibility({ visible: true });
      lookUp(call);
    });

    onCallUpdatedEvent((call: TesseraCall) => {
      ringing.set(keyOf(call), call);
    });

    onCallEndedEvent((call: TesseraCall) => {
      ringing.delete(keyOf(call));
    });

    onLogEvent((log: TesseraLog) => {
      sforce.opencti.saveLog({
        value: {
          entityApiName: 'Task',
          Subject: log.fields.subject,
          Description: log.fields.notes || '',
          CallType: log.call.incoming ? 'Inbound' : 'Outbound',
          CallDurationInSeconds: Math.round(log.call.durationMs() / 1000),
          Phone: log.call.partyNumber,
          WhoId: log.recordId,
          Status: 'Completed',
        },
        callback: (response: any) => {
          if (response.success) {
            fireLogSavedEvent(log);
            sforce.opencti.refreshView();
          } else {
            console.error(TAG, 'saveLog failed', response.errors);
          }
        },
      });
    });
  });
});
