/*
 * ctimod corpus: typescript-adapter/src/OpenCtiAdapter.ts - TypeScript class wrapping Lightning Open CTI for a NimbusVoice softphone; every call goes through the field `this.api = sforce.opencti`
 * Patterns: typescript, class-wrapper, alias-this-member, promise-wrapper
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */

/// <reference path="./sforce.d.ts" />

export enum CallDirection {
  Inbound = 'inbound',
  Outbound = 'outbound',
  Internal = 'internal',
}

export enum AdapterState {
  Idle,
  Initializing,
  Ready,
  Failed,
}

export enum CallOutcome {
  Completed = 'Completed',
  Missed = 'Missed',
  Rejected = 'Rejected',
  Failed = 'Failed',
}

export interface VendorCall {
  id: string;
  from: string;
  to: string;
  direction: CallDirection;
  startedAt: Date;
  answeredAt?: Date;
  endedAt?: Date;
  queue?: string;
  outcome?: CallOutcome;
  /** Salesforce record the vendor already knows about (IVR lookup, previous call). */
  crmRecordId?: string;
}

export type VendorEvent = 'incoming' | 'connected' | 'ended';

/** The subset of the NimbusVoice agent SDK this adapter uses. */
export interface VendorPhoneClient {
  dial(number: string, options?: { recordId?: string; objectType?: string }): Promise<VendorCall>;
  answer(callId: string): void;
  hangup(callId: string): void;
  hold(callId: string, on: boolean): Promise<void>;
  mute(callId: string, on: boolean): void;
  on(event: VendorEvent, handler: (call: VendorCall) => void): void;
}

export interface AdapterOptions {
  apexClass: string;
  lookupMethod: string;
  logCalls: boolean;
  wrapUpPage?: string;
  dialPrefix?: string;
}

export interface CallerLookup {
  recordId: string | null;
  objectType?: string;
  name?: string;
}

export interface AdapterEvents {
  state: AdapterState;
  matched: { call: VendorCall; matches: OpenCti.SearchMatch[] };
  logged: { call: VendorCall; taskId: string | null };
  error: Error;
}

type Handler<T> = (payload: T) => void;

class OpenCtiError extends Error {
  public readonly code: string;

  constructor(operation: string, errors: OpenCti.ApiError[] | null) {
    const first = errors && errors.length ? errors[0] : undefined;
    super(`${operation} failed: ${first ? first.description : 'unknown error'}`);
    this.name = 'OpenCtiError';
    this.code = first ? first.code : 'GENERIC_ERROR';
  }
}

const WHO_ID_PREFIXES: ReadonlyArray<string> = ['003', '00Q'];

export class OpenCtiAdapter {
  private readonly api = sforce.opencti;
  private state: AdapterState = AdapterState.Idle;
  private settings: OpenCti.CallCenterSettings | null = null;
  private clickToDialEnabled = false;
  private readonly calls = new Map<string, VendorCall>();
  private readonly recordByCall = new Map<string, string>();
  private readonly handlers: { [K in keyof AdapterEvents]?: Array<Handler<AdapterEvents[K]>> } = {};

  constructor(private readonly phone: VendorPhoneClient, private readonly options: AdapterOptions) {}

  // ---------------------------------------------------------------- events

  public on<K extends keyof AdapterEvents>(event: K, handler: Handler<AdapterEvents[K]>): void {
    const list = (this.handlers[event] ?? []) as Array<Handler<AdapterEvents[K]>>;
    list.push(handler);
    (this.handlers as Record<string, unknown>)[event] = list;
  }

  private emit<K extends keyof AdapterEvents>(event: K, payload: AdapterEvents[K]): void {
    const list = this.handlers[event] as Array<Handler<AdapterEvents[K]>> | undefined;
    list?.forEach((h) => {
      try {
        h(payload);
      } catch (e) {
        console.error(`[nimbus-cti] ${event} handler threw`, e);
      }
    });
  }

  private setState(next: AdapterState): void {
    this.state = next;
    this.emit('state', next);
  }

  public getState(): AdapterState {
    return this.state;
  }

  // ---------------------------------------------------------------- lifecycle

  public async initialize(): Promise<void> {
    if (this.state === AdapterState.Initializing || this.state === AdapterState.Ready) {
      return;
    }
    this.setState(AdapterState.Initializing);
    try {
      this.settings = await this.getCallCenterSettings();
      this.registerClickToDial();
      this.bindPhone();
      await this.setClickToDial(true);
      this.setState(AdapterState.Ready);
    } catch (e) {
      this.setState(AdapterState.Failed);
      this.emit('error', e as Error);
      throw e;
    }
  }

  public setting(name: string, fallback = ''): string {
    const value = this.settings ? this.settings[name] : undefined;
    return value !== undefined ? value : fallback;
  }

  public get callCenterName(): string {
    return this.settings!['/reqGeneralInfo/reqInternalName'];
  }

  // ---------------------------------------------------------------- Open CTI wrappers

  private unwrap<T>(operation: string, response: OpenCti.Response<T>): T {
    if (!response.success) {
      throw new OpenCtiError(operation, response.errors);
    }
    return response.returnValue as T;
  }

  public getCallCenterSettings(): Promise<OpenCti.CallCenterSettings> {
    return new Promise<OpenCti.CallCenterSettings>((resolve, reject) => {
      this.api.getCallCenterSettings({
        callback: (response: OpenCti.Response<OpenCti.CallCenterSettings>) => {
          try {
            resolve(this.unwrap('getCallCenterSettings', response));
          } catch (e) {
            reject(e);
          }
        },
      });
    });
  }

  public setClickToDial(enabled: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const callback = (response: OpenCti.Response<null>): void => {
        if (response.success) {
          this.clickToDialEnabled = enabled;
          resolve();
        } else {
          reject(new OpenCtiError(enabled ? 'enableClickToDial' : 'disableClickToDial', response.errors));
        }
      };
      if (enabled) {
        this.api.enableClickToDial({ callback });
      } else {
        this.api.disableClickToDial({ callback });
      }
    });
  }

  public popRecord(recordId: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.api.screenPop({
        type: this.api.SCREENPOP_TYPE.SOBJECT,
        params: { recordId },
        callback: (response: OpenCti.Response<null>) =>
          response.success ? resolve() : reject(new OpenCtiError('screenPop', response.errors)),
      });
    });
  }

  public popUrl(url: string): void {
    this.api.screenPop({
      type: this.api.SCREENPOP_TYPE.URL,
      params: { url },
    });
  }

  private callTypeFor(direction: CallDirection): string {
    switch (direction) {
      case CallDirection.Outbound:
        return this.api.CALL_TYPE.OUTBOUND;
      case CallDirection.Internal:
        return this.api.CALL_TYPE.INTERNAL;
      default:
        return this.api.CALL_TYPE.INBOUND;
    }
  }

  public searchAndPop(call: VendorCall): Promise<OpenCti.SearchMatch[]> {
    const number = call.direction === CallDirection.Inbound ? call.from : call.to;
    return new Promise<OpenCti.SearchMatch[]>((resolve, reject) => {
      this.api.searchAndScreenPop({
        searchParams: number,
        queryParams: `callId=${encodeURIComponent(call.id)}&queue=${encodeURIComponent(call.queue ?? '')}`,
        callType: this.callTypeFor(call.direction),
        deferred: false,
        callback: (response: OpenCti.Response<OpenCti.SearchResult>) => {
          if (!response.success) {
            reject(new OpenCtiError('searchAndScreenPop', response.errors));
            return;
          }
          const result = (response.returnValue ?? {}) as OpenCti.SearchResult;
          const matches = Object.keys(result).map((id) => ({ ...result[id], Id: id }));
          resolve(matches);
        },
      });
    });
  }

  public runApex<T>(methodName: string, params: Record<string, string>): Promise<T | null> {
    const methodParams = Object.keys(params)
      .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`)
      .join('&');
    return new Promise<T | null>((resolve, reject) => {
      this.api.runApex({
        apexClass: this.options.apexClass,
        methodName,
        methodParams,
        callback: (response: OpenCti.Response<OpenCti.RunApexResult>) => {
          if (!response.success) {
            reject(new OpenCtiError(`runApex ${this.options.apexClass}.${methodName}`, response.errors));
            return;
          }
          const raw = response.returnValue!.runApex;
          try {
            resolve(raw ? (JSON.parse(raw) as T) : null);
          } catch (e) {
            reject(new Error(`Apex ${methodName} returned invalid JSON`));
          }
        },
      });
    });
  }

  public saveTask(fields: Record<string, string | number | boolean>): Promise<string | null> {
    return new Promise<string | null>((resolve, reject) => {
      this.api.saveLog({
        value: { entityApiName: 'Task', ...fields },
        callback: (response: OpenCti.Response<OpenCti.SaveLogResult | string>) => {
          if (!response.success) {
            reject(new OpenCtiError('saveLog', response.errors));
            return;
          }
          const rv = response.returnValue;
          resolve(typeof rv === 'string' ? rv : rv?.recordId ?? null);
        },
      });
    });
  }

  // ---------------------------------------------------------------- click-to-dial

  private registerClickToDial(): void {
    this.api.onClickToDial({
      listener: (payload: OpenCti.ClickToDialPayload) => {
        void this.handleClickToDial(payload);
      },
    });
  }

  private async handleClickToDial(payload: OpenCti.ClickToDialPayload): Promise<void> {
    if (!this.clickToDialEnabled) {
      return;
    }
    if (this.activeCall()) {
      this.emit('error', new Error('Finish the current call before dialing'));
      return;
    }
    const number = this.withPrefix(payload.number);
    try {
      const call = await this.phone.dial(number, { recordId: payload.recordId, objectType: payload.objectType });
      this.calls.set(call.id, call);
      if (payload.recordId) {
        this.recordByCall.set(call.id, payload.recordId);
      }
    } catch (e) {
      this.emit('error', e as Error);
    }
  }

  private withPrefix(raw: string): string {
    const digits = raw.replace(/[^\d+]/g, '');
    if (!this.options.dialPrefix || digits.startsWith('+') || digits.length <= 5) {
      return digits;
    }
    return this.options.dialPrefix + digits;
  }

  // ---------------------------------------------------------------- vendor events

  private bindPhone(): void {
    this.phone.on('incoming', (call) => {
      this.calls.set(call.id, call);
      void this.onIncoming(call);
    });
    this.phone.on('connected', (call) => {
      const known = this.calls.get(call.id);
      if (known) {
        known.answeredAt = call.answeredAt ?? new Date();
      }
    });
    this.phone.on('ended', (call) => {
      void this.onEnded(call);
    });
  }

  private async onIncoming(call: VendorCall): Promise<void> {
    try {
      if (call.crmRecordId) {
        this.recordByCall.set(call.id, call.crmRecordId);
        await this.popRecord(call.crmRecordId);
        return;
      }
      const matches = await this.searchAndPop(call);
      this.emit('matched', { call, matches });
      if (matches.length === 1) {
        this.recordByCall.set(call.id, matches[0].Id);
        return;
      }
      if (matches.length === 0) {
        // Softphone layout search found nothing: ask Apex for alternate numbers/assets.
        const found = await this.runApex<CallerLookup>(this.options.lookupMethod, { phone: call.from });
        if (found && found.recordId) {
          this.recordByCall.set(call.id, found.recordId);
          await this.popRecord(found.recordId);
        }
      }
    } catch (e) {
      this.emit('error', e as Error);
    }
  }

  private async onEnded(call: VendorCall): Promise<void> {
    const known = this.calls.get(call.id) ?? call;
    known.endedAt = call.endedAt ?? new Date();
    known.outcome = call.outcome ?? (known.answeredAt ? CallOutcome.Completed : CallOutcome.Missed);
    this.calls.delete(call.id);
    if (!this.options.logCalls) {
      return;
    }
    try {
      const taskId = await this.saveTask(this.taskFields(known));
      this.emit('logged', { call: known, taskId });
      if (taskId && this.options.wrapUpPage) {
        this.popUrl(`${this.options.wrapUpPage}?taskId=${taskId}&callId=${encodeURIComponent(known.id)}`);
      }
    } catch (e) {
      this.emit('error', e as Error);
    } finally {
      this.recordByCall.delete(call.id);
    }
  }

  private taskFields(call: VendorCall): Record<string, string | number> {
    const talkSeconds = call.answeredAt ? Math.round((call.endedAt!.getTime() - call.answeredAt.getTime()) / 1000) : 0;
    const other = call.direction === CallDirection.Inbound ? call.from : call.to;
    const fields: Record<string, string | number> = {
      Subject: `${call.direction === CallDirection.Inbound ? 'Inbound' : 'Outbound'} call ${other}`,
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: call.direction === CallDirection.Inbound ? 'Inbound' : 'Outbound',
      CallObject: call.id,
      CallDurationInSeconds: talkSeconds,
      CallDisposition: call.outcome ?? CallOutcome.Completed,
      ActivityDate: call.startedAt.toISOString().slice(0, 10),
    };
    const recordId = this.recordByCall.get(call.id);
    if (recordId) {
      const isWho = WHO_ID_PREFIXES.some((p) => recordId.startsWith(p));
      fields[isWho ? 'WhoId' : 'WhatId'] = recordId;
    }
    return fields;
  }

  // ---------------------------------------------------------------- agent controls

  public activeCall(): VendorCall | undefined {
    for (const call of this.calls.values()) {
      if (!call.endedAt) {
        return call;
      }
    }
    return undefined;
  }

  public answer(): void {
    const call = this.activeCall();
    if (call) {
      this.phone.answer(call.id);
    }
  }

  public hangup(): void {
    const call = this.activeCall();
    if (call) {
      this.phone.hangup(call.id);
    }
  }

  public async hold(on: boolean): Promise<void> {
    const call = this.activeCall();
    if (call) {
      await this.phone.hold(call.id, on);
    }
  }

  public mute(on: boolean): void {
    const call = this.activeCall();
    if (call) {
      this.phone.mute(call.id, on);
    }
  }

  public async dial(number: string): Promise<void> {
    const call = await this.phone.dial(this.withPrefix(number));
    this.calls.set(call.id, call);
  }

  public async shutdown(): Promise<void> {
    if (this.clickToDialEnabled) {
      await this.setClickToDial(false);
    }
    this.calls.clear();
    this.recordByCall.clear();
    this.setState(AdapterState.Idle);
  }
}
