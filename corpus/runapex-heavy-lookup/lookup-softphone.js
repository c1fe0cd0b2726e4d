/*
 * ctimod corpus: runapex-heavy-lookup/lookup-softphone.js - Lightning Open CTI adapter that does its caller lookup, case list, entitlement check and callback scheduling through runApex
 * Patterns: plain-js, runapex-apex-class, savelog-task
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Telvio Contact Centre - Salesforce Lightning softphone, customer-care build.
 * The search-based pop of the softphone layout was not enough for this customer
 * (phone numbers are stored in 4 formats across Account, Contact and Asset), so all
 * lookups go through the SoftphoneLookup and CallbackService Apex classes.
 * Requires: opencti_min.js (API 45.0+), telvio-agent-sdk.js (window.Telvio).
 */
var TelvioLookupSoftphone = (function () {
  'use strict';

  var LOOKUP_CLASS = 'SoftphoneLookup';
  var CALLBACK_CLASS = 'CallbackService';
  var MAX_CASES = 5;

  var current = null;      // the call on screen
  var agent = null;        // Telvio agent session
  var settings = {};
  var $ = function (id) { return document.getElementById(id); };

  function debug() {
    if (settings['/TelvioSettings/debug'] === 'true' && window.console) {
      console.log.apply(console, ['[telvio-lookup]'].concat([].slice.call(arguments)));
    }
  }

  function fail(where, response) {
    var msg = (response && response.errors && response.errors.length)
      ? response.errors[0].code + ' ' + response.errors[0].description
      : 'no response';
    console.error('[telvio-lookup] ' + where + ' failed: ' + msg);
    showBanner(where + ' failed', 'error');
  }

  // runApex hands back whatever string the webService method returned; ours always return JSON.
  function apexJson(response) {
    if (!response || !response.success || !response.returnValue) {
      return null;
    }
    try {
      return JSON.parse(response.returnValue.runApex);
    } catch (e) {
      console.error('[telvio-lookup] Apex returned non-JSON payload', response.returnValue.runApex);
      return null;
    }
  }

  // ---------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------
  function showBanner(text, kind) {
    var el = $('telvio-banner');
    if (!el) { return; }
    el.textContent = text;
    el.className = 'banner banner-' + (kind || 'info');
    el.hidden = !text;
  }

  function renderCaller(customer) {
    $('caller-name').textContent = customer ? customer.name : 'Unknown caller';
    $('caller-tier').textContent = customer && customer.tier ? customer.tier : '';
    $('caller-number').textContent = current ? current.ani : '';
  }

  function renderCases(cases) {
    var list = $('case-list');
    list.innerHTML = '';
    if (!cases || !cases.length) {
      list.innerHTML = '<li class="empty">No open cases</li>';
      return;
    }
    cases.forEach(function (c) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#';
      a.textContent = c.caseNumber + ' - ' + c.subject + ' (' + c.status + ')';
      a.addEventListener('click', function (evt) {
        evt.preventDefault();
        popRecord(c.id);
        current.caseId = c.id;
      });
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function renderEntitlement(ent) {
    var el = $('entitlement');
    if (!ent) {
      el.textContent = 'Entitlement unknown';
      el.className = 'ent ent-unknown';
      return;
    }
    el.textContent = ent.entitled
      ? ent.name + ' - respond within ' + ent.slaMinutes + ' min'
      : 'No active entitlement (' + (ent.reason || 'expired') + ')';
    el.className = 'ent ' + (ent.entitled ? 'ent-ok' : 'ent-none');
  }

  function renderCallbacks(items) {
    var tbody = $('callback-rows');
    tbody.innerHTML = '';
    (items || []).forEach(function (cb) {
      var tr = document.createElement('tr');
      tr.innerHTML = '<td></td><td></td><td><button type="button">Call now</button></td>';
      tr.children[0].textContent = cb.name || cb.phone;
      tr.children[1].textContent = new Date(cb.dueAt).toLocaleString();
      tr.querySelector('button').addEventListener('click', function () {
        dial(cb.phone, cb.contactId);
      });
      tbody.appendChild(tr);
    });
    $('callback-count').textContent = String((items || []).length);
  }

  // ---------------------------------------------------------------------------
  // Lookups (Apex)
  // ---------------------------------------------------------------------------
  function lookupCaller(ani) {
    sforce.opencti.runApex({
      apexClass: LOOKUP_CLASS,
      methodName: 'findCustomerByPhone',
      methodParams: 'phone=' + encodeURIComponent(ani),
      callback: function (response) {
        if (!response.success) {
          fail('findCustomerByPhone', response);
          popNewContact(ani);
          return;
        }
        var result = apexJson(response);
        if (!current || current.ani !== ani) {
          return; // call already gone
        }
        if (!result || !result.matches || result.matches.length === 0) {
          renderCaller(null);
          popNewContact(ani);
          checkDefaultEntitlement();
          return;
        }
        if (result.matches.length > 1) {
          renderCaller({ name: result.matches.length + ' possible matches' });
          sforce.opencti.screenPop({
            type: sforce.opencti.SCREENPOP_TYPE.SEARCH,
            params: { searchString: ani }
          });
          checkDefaultEntitlement();
          return;
        }
        var customer = result.matches[0];
        current.accountId = customer.accountId;
        current.contactId = customer.contactId;
        renderCaller(customer);
        popRecord(customer.contactId || customer.accountId);
        loadOpenCases(customer.accountId);
        checkEntitlement(customer.accountId);
      }
    });
  }

  function loadOpenCases(accountId) {
    sforce.opencti.runApex({
      apexClass: LOOKUP_CLASS,
      methodName: 'getOpenCases',
      methodParams: 'accountId=' + accountId + '&maxRows=' + MAX_CASES,
      callback: function (response) {
        if (!response.success) {
          fail('getOpenCases', response);
          return;
        }
        var cases = apexJson(response) || [];
        debug('open cases', cases);
        renderCases(cases);
        if (cases.length === 1 && current) {
          current.caseId = cases[0].id;
        }
      }
    });
  }

  function checkEntitlement(accountId) {
    sforce.opencti.runApex({
      apexClass: LOOKUP_CLASS,
      methodName: 'checkEntitlement',
      methodParams: 'accountId=' + accountId + '&channel=Phone',
      callback: function (response) {
        if (!response.success) {
          fail('checkEntitlement', response);
          renderEntitlement(null);
          return;
        }
        var ent = apexJson(response);
        renderEntitlement(ent);
        if (current) { current.entitlement = ent; }
        if (ent && !ent.entitled) {
          showBanner('Caller has no active support entitlement - offer a paid incident', 'warn');
        }
      }
    });
  }

  // Unknown callers get the public "Standard Phone Support" SLA.
  function checkDefaultEntitlement() {
    sforce.opencti.runApex({
      apexClass: LOOKUP_CLASS,
      methodName: 'checkEntitlement',
      methodParams: 'accountId=DEFAULT&channel=Phone',
      callback: function (response) {
        var ent = apexJson(response);
        renderEntitlement(ent);
        if (current) { current.entitlement = ent; }
      }
    });
  }

  function scheduleCallback() {
    if (!current) { return; }
    var when = $('callback-when').value;          // datetime-local input
    var reason = $('callback-reason').value || 'Customer requested callback';
    if (!when) {
      showBanner('Pick a callback time first', 'warn');
      return;
    }
    var params = [
      'phone=' + encodeURIComponent(current.ani),
      'contactId=' + (current.contactId || ''),
      'whenIso=' + encodeURIComponent(new Date(when).toISOString()),
      'reason=' + encodeURIComponent(reason)
    ].join('&');

    sforce.opencti.runApex({
      apexClass: CALLBACK_CLASS,
      methodName: 'scheduleCallback',
      methodParams: params,
      callback: function (response) {
        var result = apexJson(response);
        if (!result || !result.id) {
          fail('scheduleCallback', response);
          return;
        }
        showBanner('Callback booked for ' + new Date(when).toLocaleString(), 'info');
        if (current) { current.callbackId = result.id; }
        refreshCallbacks();
      }
    });
  }

  function refreshCallbacks() {
    sforce.opencti.runApex({
      apexClass: CALLBACK_CLASS,
      methodName: 'getPendingCallbacks',
      methodParams: '',
      callback: function (response) {
        if (!response.success) {
          fail('getPendingCallbacks', response);
          return;
        }
        renderCallbacks(apexJson(response));
      }
    });
  }

  // The first Apex call of a session pays the class-load cost (1-2 s in this org);
  // pay it at login instead of while the customer is ringing.
  function warmUpApex() {
    sforce.opencti.runApex({
      apexClass: 'SoftphoneLookup',
      methodName: 'findCustomerByPhone',
      methodParams: 'phone=0',
      callback: function (response) {
        debug('apex warm-up', response.success);
      }
    });
  }

  // ---------------------------------------------------------------------------
  // Screen pops
  // ---------------------------------------------------------------------------
  function popRecord(recordId) {
    if (!recordId) { return; }
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
      params: { recordId: recordId },
      callback: function (response) {
        if (!response.success) { fail('screenPop', response); }
      }
    });
  }

  function popNewContact(ani) {
    sforce.opencti.screenPop({
      type: 'newRecord',
      params: {
        entityName: 'Contact',
        defaultFieldValues: { Phone: ani, LeadSource: 'Phone Inquiry' }
      },
      callback: function (response) {
        if (!response.success) { fail('screenPop newRecord', response); }
      }
    });
  }

  // ---------------------------------------------------------------------------
  // Call handling (Telvio SDK)
  // ---------------------------------------------------------------------------
  function onRinging(evt) {
    current = {
      callId: evt.callId,
      ani: evt.from,
      direction: 'Inbound',
      queue: evt.queueName,
      startedAt: null
    };
    renderCaller(null);
    renderCases([]);
    renderEntitlement(null);
    showBanner('Incoming call on ' + (evt.queueName || 'main line'), 'info');
    $('btn-answer').disabled = false;
    sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    lookupCaller(evt.from);
  }

  function onConnected(evt) {
    if (current && current.callId === evt.callId) {
      current.startedAt = Date.now();
      $('btn-answer').disabled = true;
      $('btn-hangup').disabled = false;
      showBanner('', 'info');
    }
  }

  function onDisconnected(evt) {
    if (!current || current.callId !== evt.callId) { return; }
    $('btn-hangup').disabled = true;
    $('btn-answer').disabled = true;
    saveCallLog(current, evt.reason);
    current = null;
  }

  function saveCallLog(call, reason) {
    var seconds = call.startedAt ? Math.round((Date.now() - call.startedAt) / 1000) : 0;
    var notes = $('call-notes').value;
    var description = [
      'Queue: ' + (call.queue || 'n/a'),
      'End reason: ' + (reason || 'normal'),
      'Entitlement: ' + (call.entitlement ? call.entitlement.name || 'none' : 'unknown'),
      call.callbackId ? 'Callback booked: ' + call.callbackId : '',
      notes
    ].filter(Boolean).join('\n');

    var value = {
      entityApiName: 'Task',
      Subject: call.direction + ' call ' + call.ani,
      TaskSubtype: 'Call',
      CallType: call.direction,
      CallObject: call.callId,
      CallDurationInSeconds: seconds,
      Status: 'Completed',
      Description: description
    };
    if (call.contactId) { value.WhoId = call.contactId; }
    if (call.caseId) {
      value.WhatId = call.caseId;
    } else if (call.accountId) {
      value.WhatId = call.accountId;
    }

    sforce.opencti.saveLog({
      value: value,
      callback: function (response) {
        if (!response.success) {
          fail('saveLog', response);
          return;
        }
        $('call-notes').value = '';
        sforce.opencti.refreshView();
      }
    });
  }

  function dial(number, contactId) {
    if (!agent || !number) { return; }
    current = {
      callId: null,
      ani: number,
      direction: 'Outbound',
      contactId: contactId || null,
      startedAt: null
    };
    agent.dial({ to: number, tag: contactId || '' }, function (err, callId) {
      if (err) {
        showBanner('Dial failed: ' + err.message, 'error');
        current = null;
        return;
      }
      current.callId = callId;
      $('btn-hangup').disabled = false;
    });
  }

  function lookupDialed(number) {
    sforce.opencti.runApex({
      apexClass: LOOKUP_CLASS,
      methodName: 'findCustomerByPhone',
      methodParams: 'phone=' + encodeURIComponent(number),
      callback: function (response) {
        var result = apexJson(response);
        if (current && result && result.matches && result.matches.length === 1) {
          current.accountId = result.matches[0].accountId;
          current.contactId = current.contactId || result.matches[0].contactId;
          renderCaller(result.matches[0]);
        }
      }
    });
  }

  // ---------------------------------------------------------------------------
  // Start-up
  // ---------------------------------------------------------------------------
  function bindUi() {
    $('btn-answer').addEventListener('click', function () {
      if (agent && current) { agent.answer(current.callId); }
    });
    $('btn-hangup').addEventListener('click', function () {
      if (agent && current && current.callId) { agent.hangup(current.callId); }
    });
    $('btn-callback').addEventListener('click', scheduleCallback);
    $('btn-refresh-callbacks').addEventListener('click', refreshCallbacks);
  }

  function connectAgent() {
    agent = window.Telvio.createAgent({
      url: settings['/TelvioSettings/gatewayUrl'],
      station: settings['/TelvioSettings/stationId'],
      autoAnswer: settings['/TelvioSettings/autoAnswer'] === 'true'
    });
    agent.on('call.ringing', onRinging);
    agent.on('call.connected', onConnected);
    agent.on('call.disconnected', onDisconnected);
    agent.on('session.ready', function () {
      showBanner('Connected to Telvio', 'info');
      warmUpApex();
      refreshCallbacks();
    });
    agent.on('session.lost', function () {
      showBanner('Lost connection to Telvio - retrying', 'error');
    });
    agent.login();
  }

  function start() {
    bindUi();
    sforce.opencti.getCallCenterSettings({
      callback: function (response) {
        if (!response.success) {
          fail('getCallCenterSettings', response);
          return;
        }
        settings = response.returnValue;
        connectAgent();
      }
    });
    sforce.opencti.onClickToDial({
      listener: function (payload) {
        dial(payload.number, payload.objectType === 'Contact' ? payload.recordId : null);
        if (payload.objectType !== 'Contact') {
          lookupDialed(payload.number);
        }
      }
    });
    sforce.opencti.enableClickToDial();
  }

  return { start: start };
})();

window.addEventListener('load', TelvioLookupSoftphone.start);
