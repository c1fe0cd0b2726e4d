/*
 * ctimod corpus: outbound-preview-dialer/campaign.mjs - campaign queue panel for the ES-module outbound preview dialer on Lightning Open CTI
 * Patterns: es-module, full-softphone
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global sforce */
import { AGENT_STATE, DISPOSITIONS, NOT_READY_REASONS, DialerClient, PreviewDialer } from './dialer.mjs';

const STORAGE_KEY = 'previewDialer.campaignPanel';
const QUEUE_REFRESH_MS = 30000;

const el = (id) => document.getElementById(id);

function loadPrefs() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY)) ?? {};
  } catch {
    return {};
  }
}

function savePrefs(prefs) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(prefs));
}

function readConfig() {
  const meta = document.querySelector('meta[name="preview-dialer-config"]');
  const cfg = meta ? JSON.parse(meta.content) : {};
  const params = new URLSearchParams(location.search);
  return {
    baseUrl: params.get('dialerUrl') ?? cfg.baseUrl,
    domainId: params.get('domain') ?? cfg.domainId,
    agentUser: params.get('agent') ?? cfg.agentUser,
    station: params.get('station') ?? cfg.station ?? 'webrtc',
    autoDialSeconds: Number(params.get('autoDial') ?? cfg.autoDialSeconds ?? 0)
  };
}

class CampaignPanel {
  constructor(dialer, client) {
    this.dialer = dialer;
    this.client = client;
    this.prefs = loadPrefs();
    this.queue = [];
    this.refreshTimer = null;
  }

  mount() {
    el('campaign-select').value = this.prefs.campaignId ?? '';
    el('campaign-select').addEventListener('change', (e) => {
      this.prefs.campaignId = e.target.value;
      savePrefs(this.prefs);
      this.refreshQueue();
    });
    el('btn-dial').addEventListener('click', () => this.dialer.dialPreview());
    el('btn-skip').addEventListener('click', () => this.dialer.skipPreview(el('skip-reason').value || undefined));
    el('btn-hangup').addEventListener('click', () => this.dialer.hangup());
    el('btn-hold').addEventListener('click', () => this.dialer.toggleHold());
    el('btn-mute').addEventListener('click', () => this.dialer.toggleMute());
    el('agent-state').addEventListener('change', (e) => this.changeAgentState(e.target.value));

    const dispoSelect = el('disposition');
    for (const d of DISPOSITIONS) {
      dispoSelect.add(new Option(d.label, d.id));
    }
    for (const r of NOT_READY_REASONS) {
      el('agent-state').add(new Option(`Not ready - ${r}`, `NOT_READY:${r}`));
    }
    el('wrapup-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const callbackAt = el('callback-at').value ? new Date(el('callback-at').value).toISOString() : null;
      this.dialer.dispose(dispoSelect.value, el('notes').value, callbackAt).catch((err) => this.showError(err));
    });

    this.dialer.addEventListener('statechange', (e) => this.renderState(e.detail.state));
    this.dialer.addEventListener('preview', (e) => this.renderPreview(e.detail));
    this.dialer.addEventListener('skipped', () => this.refreshQueue());
    this.dialer.addEventListener('wrapup', (e) => this.renderWrapUp(e.detail));
    this.dialer.addEventListener('logsaved', (e) => this.onLogSaved(e.detail));

    el('queue').addEventListener('click', (e) => {
      const item = e.target.closest('[data-record-id]');
      if (item) this.openRecord(item.dataset.recordId);
    });

    this.refreshTimer = setInterval(() => this.refreshQueue(), QUEUE_REFRESH_MS);
  }

  async changeAgentState(value) {
    try {
      if (value === AGENT_STATE.READY) {
        await this.dialer.goReady();
      } else if (value.startsWith('NOT_READY:')) {
        await this.dialer.goNotReady(value.slice('NOT_READY:'.length));
      }
    } catch (err) {
      this.showError(err);
    }
  }

  async refreshQueue() {
    if (!this.prefs.campaignId) {
      this.queue = [];
      this.renderQueue();
      return;
    }
    try {
      this.queue = await this.client.getCampaignQueue(this.prefs.campaignId);
    } catch (err) {
      this.showError(err);
      return;
    }
    this.renderQueue();
  }

  renderQueue() {
    const list = el('queue');
    list.replaceChildren(
      ...this.queue.map((p) => {
        const li = document.createElement('li');
        li.textContent = `${p.contactName ?? p.number} · attempt ${p.attempts + 1}`;
        if (p.crmRecordId) li.dataset.recordId = p.crmRecordId;
        return li;
      })
    );
    el('queue-count').textContent = String(this.queue.length);
  }

  openRecord(recordId) {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
      params: { recordId },
      callback: (response) => {
        if (!response.success) this.showError(new Error('Could not open record'));
      }
    });
  }

  renderState(state) {
    el('agent-state-label').textContent = state.replace('_', ' ').toLowerCase();
    el('preview-card').hidden = state !== AGENT_STATE.PREVIEW;
    el('call-controls').hidden = state !== AGENT_STATE.ON_CALL;
    el('wrapup-form').hidden = state !== AGENT_STATE.WRAP_UP;
  }

  renderPreview(preview) {
    el('preview-name').textContent = preview.contactName ?? 'Unknown contact';
    el('preview-number').textContent = preview.number;
    el('preview-campaign').textContent = preview.campaignName;
    el('preview-attempts').textContent = String(preview.attempts);
  }

  renderWrapUp(call) {
    el('wrapup-summary').textContent = `${call.number} · ${call.talkSeconds}s`;
    el('notes').value = '';
    el('callback-at').value = '';
  }

  onLogSaved({ call, ok }) {
    if (!ok) {
      this.showError(new Error(`Call ${call.id} was dispositioned but the Salesforce Task was not updated`));
      return;
    }
    // Task list, activity timeline and campaign member status all change after a disposition.
    sforce.opencti.refreshView({
      callback: (response) => {
        if (!response.success) console.warn('[campaign] refreshView failed');
      }
    });
    this.refreshQueue();
  }

  showError(err) {
    const box = el('error');
    box.textContent = err.message;
    box.hidden = false;
    setTimeout(() => {
      box.hidden = true;
    }, 8000);
  }
}

async function main() {
  const config = readConfig();
  if (!config.baseUrl || !config.domainId || !config.agentUser) {
    el('error').textContent = 'Dialer is not configured (dialerUrl, domain, agent).';
    el('error').hidden = false;
    return;
  }
  const client = new DialerClient(config);
  const dialer = new PreviewDialer(client, { autoDialSeconds: config.autoDialSeconds });
  const panel = new CampaignPanel(dialer, client);
  panel.mount();
  try {
    await dialer.start(config.station);
    await panel.refreshQueue();
  } catch (err) {
    panel.showError(err);
  }
  window.addEventListener('beforeunload', () => {
    dialer.stop();
  });
}

main();
