/*
 * ctimod corpus: ts-bridge-class/src/bridge/salesforce-bridge.ts - TypeScript bridge class between a contact-center desktop (event bus) and Lightning Open CTI; everything it needs lives on `this`
 * Patterns: typescript, es-module, class-wrapper, ts-bridge-class, vendor-event-handlers, runapex-apex-class, savelog-task, screenpop-constants, calltype-constants
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * The desktop (home.component.ts) owns the telephony client and talks to this bridge only through
 * the event bus: 'interaction' (a call changed state), 'save-activity', 'set-height'. The bridge
 * answers with 'click-to-dial' and 'search-results'. Handlers are arrow-function fields so that
 * Open CTI and the bus can call them without losing `this`.
 */

declare const sforce: any;

export interface EventBus {
  on(topic: string, handler: (payload: any) => void): void;
  emit(topic: string, payload?: unknown): void;
}

export interface Logger {
  debug(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

export interface Interaction {
  id: string;
  state: 'alerting' | 'connected' | 'disconnected';
  direction: 'inbound' | 'outbound';
  ani: string;
  attributes: Record<string, string>;
}

export interface Activity {
  interactionId: string;
  subject: string;
  notes: string;
  durationSeconds: number;
  whoId?: string;
  whatId?: string;
}

export class SalesforceBridge {
  private settings: Record<string, string> = {};
  private clickToDialEnabled = false;
  private readonly seen = new Set<string>();
  private readonly lookupClass: string;

  constructor(private readonly events: EventBus, private readonly logger: Logger, lookupClass = 'DesktopCrmLookup') {
    this.lookupClass = lookupClass;
  }

  start(): void {
    this.logger.debug('bridge: start');
    sforce.opencti.getCallCenterSettings({ callback: this.onSettings });
    this.events.on('interaction', this.onInteraction);
    this.events.on('save-activity', this.onSaveActivity);
    this.events.on('set-height', this.onSetHeight);
    this.events.on('agent-ready', (ready: boolean) => this.setClickToDial(ready));
  }

  private onSettings = (response: any): void => {
    if (!response.success) {
      this.logger.error('bridge: no call center settings', response.errors);
      return;
    }
    this.settings = response.returnValue;
    sforce.opencti.onClickToDial({ listener: this.onClickToDial });
    this.events.emit('settings', this.settings);
  };

  private onClickToDial = (payload: any): void => {
    this.logger.debug('bridge: click to dial', payload);
    this.events.emit('click-to-dial', { number: payload.number, recordId: payload.recordId, objectType: payload.objectType });
  };

  setClickToDial(enabled: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (response: any) => {
        if (response.success) {
          this.clickToDialEnabled = enabled;
          resolve();
        } else {
          this.logger.error('bridge: click to dial toggle failed', response.errors);
          reject(response.errors);
        }
      };
      if (enabled) {
        sforce.opencti.enableClickToDial({ callback: done });
      } else {
        sforce.opencti.disableClickToDial({ callback: done });
      }
    });
  }

  private onInteraction = (interaction: Interaction): void => {
    if (interaction.state !== 'alerting' || this.seen.has(interaction.id)) {
      return;
    }
    this.seen.add(interaction.id);
    const recordId = interaction.attributes[this.settings['/reqDesktop/reqRecordAttribute'] || 'crmRecordId'];
    if (recordId) {
      this.popRecord(recordId);
      return;
    }
    this.lookUp(interaction);
  };

  private popRecord(recordId: string): void {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
      params: { recordId },
      callback: (response: any) => this.logger.debug('bridge: pop', response.success),
    });
  }

  private lookUp(interaction: Interaction): void {
    const request = {
      apexClass: this.lookupClass,
      methodName: 'byPhone',
      methodParams: `phone=${encodeURIComponent(interaction.ani)}&direction=${interaction.direction}`,
      callback: (response: any) => {
        const records = response.success ? JSON.parse(response.returnValue.runApex) : [];
        this.events.emit('search-results', { interactionId: interaction.id, records });
        if (records.length === 1) {
          this.popRecord(records[0].Id);
        } else {
          sforce.opencti.searchAndScreenPop({
            searchParams: interaction.ani,
            callType: interaction.direction === 'inbound' ? sforce.opencti.CALL_TYPE.INBOUND : sforce.opencti.CALL_TYPE.OUTBOUND,
            deferred: false,
            callback: () => undefined,
          });
        }
      },
    };
    sforce.opencti.runApex(request);
  }

  private onSaveActivity = (activity: Activity): void => {
    sforce.opencti.saveLog({
      value: {
        entityApiName: 'Task',
        Subject: activity.subject,
        Description: activity.notes,
        CallDurationInSeconds: activity.durationSeconds,
        CallObject: activity.interactionId,
        WhoId: activity.whoId,
        WhatId: activity.whatId,
        Status: 'Completed',
      },
      callback: (response: any) => {
        this.events.emit('activity-saved', { interactionId: activity.interactionId, ok: response.success });
      },
    });
  };

  private onSetHeight = (height: number): void => {
    sforce.opencti.setSoftphonePanelHeight({ heightPX: Math.min(height, 700) });
  };
}
