/*
 * ctimod corpus: ts-bridge-class/src/home/home.component.ts - the desktop side: owns the telephony client (Orbis SDK) and drives the Salesforce bridge through the event bus
 * Patterns: typescript, es-module, class-wrapper, ts-bridge-class, widget-sdk-events
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 * No Open CTI here: the bridge is the only file that talks to Salesforce.
 */

import { EventBus, Interaction, Logger, SalesforceBridge } from '../bridge/salesforce-bridge';

declare const Orbis: any;

class SimpleBus implements EventBus {
  private readonly handlers = new Map<string, Array<(payload: any) => void>>();

  on(topic: string, handler: (payload: any) => void): void {
    const list = this.handlers.get(topic) || [];
    list.push(handler);
    this.handlers.set(topic, list);
  }

  emit(topic: string, payload?: unknown): void {
    (this.handlers.get(topic) || []).forEach((handler) => handler(payload));
  }
}

const consoleLogger: Logger = {
  debug: (message, data) => console.debug(message, data ?? ''),
  error: (message, data) => console.error(message, data ?? ''),
};

export class HomeComponent {
  private readonly bus = new SimpleBus();
  private readonly bridge = new SalesforceBridge(this.bus, consoleLogger);
  private readonly phone = Orbis.createClient({ autoRegister: true });
  private readonly startedAt = new Map<string, number>();

  init(): void {
    this.bus.on('click-to-dial', (request: { number: string }) => this.phone.dial(request.number));
    this.bus.on('settings', (settings: Record<string, string>) => this.bus.emit('set-height', Number(settings['/reqGeneralInfo/reqSoftphoneHeight'] || 480)));
    this.phone.on('registered', () => this.bus.emit('agent-ready', true));
    this.phone.on('unregistered', () => this.bus.emit('agent-ready', false));
    this.phone.on('call', (call: any) => this.onCall(call));
    this.bridge.start();
  }

  private onCall(call: any): void {
    const interaction: Interaction = {
      id: call.uuid,
      state: call.state,
      direction: call.inbound ? 'inbound' : 'outbound',
      ani: call.remote,
      attributes: call.data || {},
    };
    if (call.state === 'connected') {
      this.startedAt.set(call.uuid, Date.now());
    }
    if (call.state === 'disconnected') {
      const started = this.startedAt.get(call.uuid) || Date.now();
      this.bus.emit('save-activity', {
        interactionId: call.uuid,
        subject: `${interaction.direction} call ${call.remote}`,
        notes: call.notes || '',
        durationSeconds: Math.round((Date.now() - started) / 1000),
      });
    }
    this.bus.emit('interaction', interaction);
  }

  answer(uuid: string): void {
    this.phone.answer(uuid);
  }

  hangUp(uuid: string): void {
    this.phone.hangup(uuid);
  }

  toggleMute(uuid: string, muted: boolean): void {
    this.phone.mute(uuid, muted);
  }

  hold(uuid: string, held: boolean): void {
    this.phone[held ? 'hold' : 'unhold'](uuid);
  }
}

new HomeComponent().init();
