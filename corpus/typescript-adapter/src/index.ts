/*
 * ctimod corpus: typescript-adapter/src/index.ts - entry point wiring the NimbusVoice SDK, the OpenCtiAdapter class and the softphone buttons
 * Patterns: typescript, class-wrapper
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Compiled with tsc + rollup into /resource/nimbus_cti/index.js and loaded by the
 * NimbusSoftphone Visualforce page after /support/api/52.0/lightning/opencti_min.js.
 */

import {
  AdapterOptions,
  AdapterState,
  CallDirection,
  OpenCtiAdapter,
  VendorCall,
  VendorPhoneClient,
} from './OpenCtiAdapter';

interface NimbusClientOptions {
  tenant: string;
  region: 'us' | 'eu' | 'apac';
  token: () => Promise<string>;
  ringtoneUrl?: string;
}

interface NimbusSdk {
  version: string;
  createClient(options: NimbusClientOptions): VendorPhoneClient;
}

declare global {
  interface Window {
    NimbusVoice?: NimbusSdk;
    NIMBUS_CTI_CONFIG?: Partial<AdapterOptions> & { tenant?: string; region?: NimbusClientOptions['region'] };
  }
}

const STATE_LABELS: Record<AdapterState, string> = {
  [AdapterState.Idle]: 'Offline',
  [AdapterState.Initializing]: 'Connecting…',
  [AdapterState.Ready]: 'Ready',
  [AdapterState.Failed]: 'Unavailable',
};

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

async function fetchAgentToken(): Promise<string> {
  const res = await fetch('/apex/NimbusTokenService', { credentials: 'same-origin' });
  if (!res.ok) {
    throw new Error(`token service returned ${res.status}`);
  }
  const body = (await res.json()) as { token: string };
  return body.token;
}

function createPhone(config: NonNullable<Window['NIMBUS_CTI_CONFIG']>): VendorPhoneClient {
  const sdk = window.NimbusVoice;
  if (!sdk) {
    throw new Error('NimbusVoice SDK is not loaded');
  }
  return sdk.createClient({
    tenant: config.tenant ?? 'default',
    region: config.region ?? 'us',
    token: fetchAgentToken,
    ringtoneUrl: '/resource/nimbus_cti/ring.ogg',
  });
}

function showStatus(text: string, level: 'info' | 'warn' | 'error' = 'info'): void {
  const el = $<HTMLDivElement>('nimbus-status');
  el.textContent = text;
  el.className = `status status-${level}`;
}

function renderCall(call: VendorCall | undefined): void {
  const party = $<HTMLSpanElement>('nimbus-party');
  party.textContent = call ? (call.direction === CallDirection.Inbound ? call.from : call.to) : '';
  ($<HTMLButtonElement>('nimbus-answer')).disabled = !call || !!call.answeredAt;
  ($<HTMLButtonElement>('nimbus-hangup')).disabled = !call;
  ($<HTMLButtonElement>('nimbus-hold')).disabled = !call || !call.answeredAt;
  ($<HTMLButtonElement>('nimbus-mute')).disabled = !call || !call.answeredAt;
}

function wireButtons(adapter: OpenCtiAdapter): void {
  let held = false;
  let muted = false;
  $<HTMLButtonElement>('nimbus-answer').addEventListener('click', () => adapter.answer());
  $<HTMLButtonElement>('nimbus-hangup').addEventListener('click', () => {
    adapter.hangup();
    held = muted = false;
  });
  $<HTMLButtonElement>('nimbus-hold').addEventListener('click', async (ev) => {
    held = !held;
    (ev.currentTarget as HTMLButtonElement).textContent = held ? 'Resume' : 'Hold';
    try {
      await adapter.hold(held);
    } catch (e) {
      held = !held;
      showStatus(`Hold failed: ${(e as Error).message}`, 'error');
    }
  });
  $<HTMLButtonElement>('nimbus-mute').addEventListener('click', (ev) => {
    muted = !muted;
    adapter.mute(muted);
    (ev.currentTarget as HTMLButtonElement).textContent = muted ? 'Unmute' : 'Mute';
  });
  $<HTMLFormElement>('nimbus-dialer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = $<HTMLInputElement>('nimbus-number');
    const number = input.value.trim();
    if (number.length < 3) {
      showStatus('Enter a number to dial', 'warn');
      return;
    }
    adapter.dial(number).then(
      () => {
        input.value = '';
      },
      (e: Error) => showStatus(`Dial failed: ${e.message}`, 'error'),
    );
  });
}

async function main(): Promise<void> {
  const config = window.NIMBUS_CTI_CONFIG ?? {};
  const options: AdapterOptions = {
    apexClass: config.apexClass ?? 'NimbusCtiController',
    lookupMethod: config.lookupMethod ?? 'findCaller',
    logCalls: config.logCalls ?? true,
    wrapUpPage: config.wrapUpPage,
    dialPrefix: config.dialPrefix,
  };

  let phone: VendorPhoneClient;
  try {
    phone = createPhone(config);
  } catch (e) {
    showStatus((e as Error).message, 'error');
    return;
  }

  const adapter = new OpenCtiAdapter(phone, options);
  adapter.on('state', (state) => showStatus(STATE_LABELS[state], state === AdapterState.Failed ? 'error' : 'info'));
  adapter.on('error', (err) => showStatus(err.message, 'error'));
  adapter.on('matched', ({ matches }) => {
    if (matches.length > 1) {
      showStatus(`${matches.length} matching records, pick one in the search results`, 'warn');
    }
  });
  adapter.on('logged', ({ taskId }) => showStatus(taskId ? 'Call logged' : 'Call logged (no Id returned)'));

  phone.on('incoming', (call) => renderCall(call));
  phone.on('connected', () => renderCall(adapter.activeCall()));
  phone.on('ended', () => renderCall(undefined));

  wireButtons(adapter);
  renderCall(undefined);

  await adapter.initialize();
  console.info(`[nimbus-cti] ready for call center ${adapter.callCenterName}`);

  window.addEventListener('beforeunload', () => {
    void adapter.shutdown();
  });
}

main().catch((e: unknown) => {
  console.error('[nimbus-cti] startup failed', e);
  showStatus('Softphone failed to start', 'error');
});
