/*
 * ctimod corpus: lightning-postmessage-bridge/softphone.js - thin Lightning Open CTI bridge that relays window.postMessage events between a hosted vendor softphone iframe and Salesforce
 * Patterns: plain-js, postmessage-bridge, window-sforce, script-loader, screenpop-constants, calltype-constants
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * The real softphone (login, audio, queues) runs inside the vendor iframe served from
 * VENDOR_ORIGIN. This file only translates between the vendor's message protocol and
 * Lightning Open CTI:
 *
 *   vendor iframe  --postMessage-->  bridge  --sforce.opencti-->  Salesforce
 *   vendor iframe  <--postMessage--  bridge  <--listeners-------  Salesforce
 *
 * Vendor -> bridge message types: vendor.ready, agent.state, call.ringing, call.connected,
 * call.ended, screen.popUrl, log.
 * Bridge -> vendor actions: configure, dial, matches, logSaved, error.
 */
(function () {
  'use strict';

  var OPENCTI_API_VERSION = '45.0';
  var SETTINGS_PREFIX = '/VendorSettings/';
  var PROTOCOL_VERSION = 2;
  var DEFAULT_VENDOR_ORIGIN = 'https://app.vendorcloud.example';
  var READY_TIMEOUT_MS = 15000;

  var state = {
    frame: null,
    vendorOrigin: DEFAULT_VENDOR_ORIGIN,
    vendorReady: false,
    outbox: [],
    settings: {},
    bridgeConfig: {},
    calls: {},
    agentState: 'Offline',
    clickToDialEnabled: false,
    debug: false,
    readyTimer: null
  };

  // ---------------------------------------------------------------------------
  // Logging
  // ---------------------------------------------------------------------------

  function log(level, message, detail) {
    if (level === 'debug' && !state.debug) {
      return;
    }
    var line = '[VendorBridge] ' + message;
    var sink = (window.console && window.console[level === 'debug' ? 'log' : level]) || function () {};
    if (detail !== undefined) {
      sink.call(window.console, line, detail);
    } else {
      sink.call(window.console, line);
    }
  }

  function describeErrors(response) {
    if (!response || !response.errors) {
      return 'unknown error';
    }
    return response.errors.map(function (e) {
      return (e.code || 'ERROR') + ': ' + (e.description || '');
    }).join('; ');
  }

  // ---------------------------------------------------------------------------
  // Loading Open CTI when the page is opened from a Salesforce domain we did not
  // hard-code in index.html (sandboxes, My Domain renames). Salesforce appends
  // ?sfdcIframeOrigin=https://<domain> to the adapter URL.
  // ---------------------------------------------------------------------------

  function getQueryParam(name) {
    var pattern = new RegExp('[?&]' + name + '=([^&#]*)');
    var match = pattern.exec(window.location.search);
    return match ? decodeURIComponent(match[1].replace(/\+/g, ' ')) : null;
  }

  function ensureOpenCti(done) {
    if (window.sforce && window.sforce.opencti) {
      done(null);
      return;
    }
    var origin = getQueryParam('sfdcIframeOrigin');
    if (!origin || !/^https:\/\/[\w.-]+$/.test(origin)) {
      done(new Error('Open CTI is not loaded and sfdcIframeOrigin is missing or invalid'));
      return;
    }
    var script = document.createElement('script');
    script.src = origin + '/support/api/' + OPENCTI_API_VERSION + '/lightning/opencti_min.js';
    script.async = false;
    script.onload = function () {
      if (window.sforce && window.sforce.opencti) {
        log('info', 'Open CTI loaded from ' + origin);
        done(null);
      } else {
        done(new Error('opencti_min.js loaded but sforce.opencti is undefined'));
      }
    };
    script.onerror = function () {
      done(new Error('Could not load ' + script.src));
    };
    document.head.appendChild(script);
  }

  // ---------------------------------------------------------------------------
  // Vendor iframe side
  // ---------------------------------------------------------------------------

  function sendToVendor(action, payload) {
    var message = { source: 'sfdc-bridge', version: PROTOCOL_VERSION, action: action, payload: payload || {} };
    if (!state.vendorReady || !state.frame || !state.frame.contentWindow) {
      log('debug', 'queueing ' + action + ' until vendor is ready');
      state.outbox.push(message);
      return;
    }
    state.frame.contentWindow.postMessage(message, state.vendorOrigin);
  }

  function flushOutbox() {
    var queued = state.outbox.splice(0, state.outbox.length);
    queued.forEach(function (message) {
      state.frame.contentWindow.postMessage(message, state.vendorOrigin);
    });
  }

  function onWindowMessage(event) {
    if (event.origin !== state.vendorOrigin) {
      return;
    }
    if (!state.frame || event.source !== state.frame.contentWindow) {
      return;
    }
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') {
      log('warn', 'ignoring malformed vendor message', data);
      return;
    }
    log('debug', '<- vendor ' + data.type, data);
    var handler = vendorHandlers[data.type];
    if (!handler) {
      log('warn', 'no handler for vendor message ' + data.type);
      return;
    }
    try {
      handler(data.payload || {});
    } catch (err) {
      log('error', 'handler for ' + data.type + ' failed', err);
      sendToVendor('error', { type: data.type, message: String(err && err.message || err) });
    }
  }

  // ---------------------------------------------------------------------------
  // Salesforce side
  // ---------------------------------------------------------------------------

  function parseBridgeConfig(raw) {
    if (!raw) {
      return {};
    }
    try {
      return JSON.parse(raw);
    } catch (err) {
      log('warn', 'VendorSettings/bridgeConfig is not valid JSON, using defaults', raw);
      return {};
    }
  }

  function loadCallCenterSettings(done) {
    window.sforce.opencti.getCallCenterSettings({
      callback: function (response) {
        if (!response.success) {
          log('error', 'getCallCenterSettings failed: ' + describeErrors(response));
          done(new Error('settings unavailable'));
          return;
        }
        var all = response.returnValue || {};
        var vendor = {};
        Object.keys(all).forEach(function (key) {
          if (key.indexOf(SETTINGS_PREFIX) === 0 && key.slice(SETTINGS_PREFIX.length).indexOf('/') === -1) {
            vendor[key.slice(SETTINGS_PREFIX.length)] = all[key];
          }
        });
        state.settings = {
          internalName: all['/reqGeneralInfo/reqInternalName'],
          serverUrl: vendor.serverUrl || DEFAULT_VENDOR_ORIGIN,
          tenantId: vendor.tenantId || '',
          outsidePrefix: all['/reqDialingOptions/reqOutsidePrefix'] || '',
          longDistPrefix: all['/reqDialingOptions/reqLongDistPrefix'] || '',
          internationalPrefix: all['/reqDialingOptions/reqInternationalPrefix'] || ''
        };
        state.bridgeConfig = parseBridgeConfig(vendor.bridgeConfig);
        state.debug = state.debug || state.bridgeConfig.debug === true;
        log('info', 'call center ' + state.settings.internalName + ' -> tenant ' + state.settings.tenantId);
        done(null);
      }
    });
  }

  function handleClickToDial(payload) {
    if (state.agentState !== 'Available') {
      log('warn', 'click-to-dial ignored, agent is ' + state.agentState);
      return;
    }
    var number = normaliseNumber(payload.number);
    state.frame.contentWindow.postMessage({
      source: 'sfdc-bridge',
      version: PROTOCOL_VERSION,
      action: 'dial',
      number: number,
      payload: {
        recordId: payload.recordId,
        recordName: payload.recordName,
        objectType: payload.objectType
      }
    }, state.vendorOrigin);
  }

  function normaliseNumber(raw) {
    var digits = String(raw || '').replace(/[^\d+]/g, '');
    if (digits.charAt(0) === '+') {
      return digits;
    }
    if (state.settings.outsidePrefix && state.bridgeConfig.prependOutsidePrefix) {
      return state.settings.outsidePrefix + digits;
    }
    return digits;
  }

  function setClickToDial(enabled) {
    if (enabled === state.clickToDialEnabled) {
      return;
    }
    var done = function (response) {
      if (response.success) {
        state.clickToDialEnabled = enabled;
      } else {
        log('error', 'toggling click-to-dial failed: ' + describeErrors(response));
      }
    };
    if (enabled) {
      window.sforce.opencti.enableClickToDial({ callback: done });
    } else {
      window.sforce.opencti.disableClickToDial({ callback: done });
    }
  }

  // ---------------------------------------------------------------------------
  // Vendor message handlers
  // ---------------------------------------------------------------------------

  var vendorHandlers = {
    'vendor.ready': function () {
      clearTimeout(state.readyTimer);
      state.vendorReady = true;
      sendToVendor('configure', {
        serverUrl: state.settings.serverUrl,
        tenantId: state.settings.tenantId,
        options: state.bridgeConfig
      });
      flushOutbox();
      window.sforce.opencti.notifyInitializationComplete();
      log('info', 'vendor softphone ready');
    },

    'agent.state': function (payload) {
      state.agentState = payload.state || 'Offline';
      setClickToDial(state.agentState === 'Available');
    },

    'call.ringing': function (payload) {
      state.calls[payload.callId] = {
        ani: payload.ani,
        dnis: payload.dnis,
        queue: payload.queue,
        startedAt: Date.now(),
        recordId: null
      };
      window.sforce.opencti.searchAndScreenPop({
        searchParams: payload.ani,
        queryParams: 'vendorCallId=' + encodeURIComponent(payload.callId) + '&queue=' + encodeURIComponent(payload.queue || ''),
        callType: window.sforce.opencti.CALL_TYPE.INBOUND,
        deferred: false,
        callback: function (response) {
          if (!response.success) {
            log('error', 'searchAndScreenPop failed: ' + describeErrors(response));
            return;
          }
          var records = response.returnValue || {};
          var ids = Object.keys(records);
          if (ids.length === 1 && state.calls[payload.callId]) {
            state.calls[payload.callId].recordId = ids[0];
          }
          sendToVendor('matches', {
            callId: payload.callId,
            records: ids.map(function (id) {
              return { id: id, name: records[id].Name, object: records[id].RecordType || records[id].object };
            })
          });
        }
      });
    },

    'call.connected': function (payload) {
      var call = state.calls[payload.callId];
      if (!call) {
        return;
      }
      call.connectedAt = Date.now();
      if (payload.recordId) {
        call.recordId = payload.recordId;
        window.sforce.opencti.screenPop({
          type: window.sforce.opencti.SCREENPOP_TYPE.SOBJECT,
          params: { recordId: payload.recordId }
        });
      }
    },

    'screen.popUrl': function (payload) {
      if (!payload.url || payload.url.charAt(0) !== '/') {
        log('warn', 'refusing to pop absolute or empty URL', payload.url);
        return;
      }
      window.sforce.opencti.screenPop({
        type: window.sforce.opencti.SCREENPOP_TYPE.URL,
        params: { url: payload.url },
        callback: function (response) {
          if (!response.success) {
            log('error', 'URL pop failed: ' + describeErrors(response));
          }
        }
      });
    },

    'call.ended': function (payload) {
      var call = state.calls[payload.callId] || {};
      delete state.calls[payload.callId];
      if (state.bridgeConfig.logCalls === false) {
        return;
      }
      var duration = payload.durationSeconds != null
        ? payload.durationSeconds
        : Math.round((Date.now() - (call.connectedAt || call.startedAt || Date.now())) / 1000);
      var task = {
        entityApiName: 'Task',
        Subject: (payload.direction === 'outbound' ? 'Outbound call to ' : 'Inbound call from ') + (payload.remoteNumber || call.ani || 'unknown'),
        Status: 'Completed',
        Priority: 'Normal',
        TaskSubtype: 'Call',
        CallType: payload.direction === 'outbound' ? 'Outbound' : 'Inbound',
        CallDurationInSeconds: duration,
        CallDisposition: payload.disposition || '',
        CallObject: payload.callId,
        Description: payload.notes || ''
      };
      var whoOrWhat = payload.recordId || call.recordId;
      if (whoOrWhat) {
        task[/^00Q|^003/.test(whoOrWhat) ? 'WhoId' : 'WhatId'] = whoOrWhat;
      }
      window.sforce.opencti.saveLog({
        value: task,
        callback: function (response) {
          if (!response.success) {
            log('error', 'saveLog failed: ' + describeErrors(response));
            sendToVendor('logSaved', { callId: payload.callId, ok: false });
            return;
          }
          var taskId = response.returnValue && (response.returnValue.recordId || response.returnValue);
          sendToVendor('logSaved', { callId: payload.callId, ok: true, taskId: taskId });
          window.sforce.opencti.refreshView();
        }
      });
    },

    'log': function (payload) {
      log(payload.level || 'info', 'vendor: ' + payload.message);
    }
  };

  // ---------------------------------------------------------------------------
  // Boot
  // ---------------------------------------------------------------------------

  function start(options) {
    options = options || {};
    state.frame = options.frame;
    state.vendorOrigin = options.vendorOrigin || DEFAULT_VENDOR_ORIGIN;
    state.debug = !!options.debug;
    if (!state.frame) {
      throw new Error('VendorBridge.start needs the vendor iframe element');
    }
    window.addEventListener('message', onWindowMessage, false);

    ensureOpenCti(function (err) {
      if (err) {
        log('error', err.message);
        if (options.onError) {
          options.onError(err);
        }
        return;
      }
      loadCallCenterSettings(function (settingsErr) {
        if (settingsErr) {
          state.settings = { serverUrl: state.vendorOrigin, tenantId: getQueryParam('tenant') || '' };
        }
        if (state.settings.serverUrl && state.settings.serverUrl.indexOf(state.vendorOrigin) !== 0) {
          log('info', 'vendor origin overridden by call center: ' + state.settings.serverUrl);
          state.vendorOrigin = state.settings.serverUrl.replace(/\/+$/, '');
        }
        var src = state.vendorOrigin + '/agent/softphone?tenant=' + encodeURIComponent(state.settings.tenantId) +
          '&embed=salesforce-lightning&v=' + PROTOCOL_VERSION;
        if (state.frame.getAttribute('src') !== src) {
          state.frame.setAttribute('src', src);
        }
        window.sforce.opencti.onClickToDial({ listener: handleClickToDial });
        state.readyTimer = setTimeout(function () {
          log('warn', 'vendor softphone did not report ready within ' + READY_TIMEOUT_MS + ' ms; standby URL may take over');
        }, READY_TIMEOUT_MS);
      });
    });
  }

  window.VendorBridge = {
    start: start,
    ensureOpenCti: ensureOpenCti,
    _state: state
  };
})();
