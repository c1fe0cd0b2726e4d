/*
 * ctimod corpus: screenpop-every-type/screenpops.js - Lightning Open CTI adapter whose IVR routing rules pop every SCREENPOP_TYPE (constants and string literals), deferred and flow-enabled searchAndScreenPop
 * Patterns: plain-js, screenpop-constants, screenpop-literals, calltype-constants
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * The contact-centre IVR collects an intent and some digits before the call reaches the agent.
 * Each offered call carries that data (call.ivr); the rules below decide what Salesforce shows.
 */
/* global sforce, AcmeCx */
(function () {
  'use strict';

  var KNOWLEDGE_PAGE = '/apex/IvrKnowledgeAssist';
  var OUTAGE_LIST_VIEW_ID = '00B5e00000Kq3xYEAR';
  var CALLBACK_QUEUE_LIST_VIEW_ID = '00B5e00000Kq3yaEAB';
  var VERIFY_FLOW = 'Verify_Caller_Identity';
  var CANCEL_FLOW = 'Cancel_Subscription_Guided';

  var phone = null;
  var settings = { fallbackPopType: 'search', vipReview: true, deferredQueues: [] };
  var recentPops = [];
  var calls = {};

  function log(msg, detail) {
    if (window.console) {
      window.console.log('[screenpop-rules] ' + msg, detail === undefined ? '' : detail);
    }
  }

  function checkResponse(what) {
    return function (response) {
      if (!response || !response.success) {
        log(what + ' failed', response && response.errors);
      }
    };
  }

  function remember(kind, ref) {
    recentPops.unshift({ kind: kind, ref: ref, at: new Date().toISOString() });
    recentPops.length = Math.min(recentPops.length, 20);
    renderHistory();
  }

  // ---------------------------------------------------------------------------
  // Pops driven by the IVR intent (constants)
  // ---------------------------------------------------------------------------

  function popExistingCase(ivr) {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
      params: { recordId: ivr.caseId },
      callback: checkResponse('case pop')
    });
    remember('sobject', ivr.caseId);
  }

  function popKnowledgeAssist(call) {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.URL,
      params: { url: KNOWLEDGE_PAGE + '?topic=' + encodeURIComponent(call.ivr.topic || '') + '&callId=' + encodeURIComponent(call.id) },
      callback: checkResponse('knowledge pop')
    });
    remember('url', KNOWLEDGE_PAGE);
  }

  function popSalesHome() {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.OBJECTHOME,
      params: { scope: 'Opportunity' },
      callback: checkResponse('opportunity home pop')
    });
    remember('objecthome', 'Opportunity');
  }

  function popOutageList() {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.LIST,
      params: { listViewId: OUTAGE_LIST_VIEW_ID, scope: 'Case' },
      callback: checkResponse('outage list pop')
    });
    remember('list', OUTAGE_LIST_VIEW_ID);
  }

  function popTopResults(term) {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.SEARCH,
      params: { searchString: term },
      callback: checkResponse('search pop')
    });
    remember('search', term);
  }

  function popNewCase(call) {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL,
      params: {
        entityName: 'Case',
        defaultFieldValues: {
          Origin: 'Phone',
          Subject: 'Phone: ' + (call.ivr.topic || 'general enquiry'),
          SuppliedPhone: call.ani,
          Priority: call.ivr.priority === 'high' ? 'High' : 'Medium'
        }
      },
      callback: checkResponse('new case pop')
    });
    remember('newRecord', 'Case');
  }

  function popVerifyFlow(call) {
    sforce.opencti.screenPop({
      type: sforce.opencti.SCREENPOP_TYPE.FLOW,
      params: {
        flowDevName: VERIFY_FLOW,
        flowArgs: [
          { name: 'CallerPhone', type: 'String', value: call.ani },
          { name: 'AccountNumber', type: 'String', value: call.ivr.accountNumber || '' },
          { name: 'PinVerified', type: 'Boolean', value: !!call.ivr.pinVerified }
        ]
      },
      callback: checkResponse('verify flow pop')
    });
    remember('flow', VERIFY_FLOW);
  }

  // ---------------------------------------------------------------------------
  // Pops written with string literals (agent actions from the history panel and
  // a few special IVR branches added later by another team)
  // ---------------------------------------------------------------------------

  function reopenRecord(recordId) {
    sforce.opencti.screenPop({ type: 'sobject', params: { recordId: recordId } });
  }

  function popBillingConsole(call) {
    sforce.opencti.screenPop({
      type: 'url',
      params: { url: '/lightning/n/Billing_Console?c__account=' + encodeURIComponent(call.ivr.accountNumber || '') }
    });
    remember('url', 'Billing_Console');
  }

  function popCaseHome() {
    sforce.opencti.screenPop({ type: 'objecthome', params: { scope: 'Case' } });
    remember('objecthome', 'Case');
  }

  function popCallbackQueue() {
    sforce.opencti.screenPop({
      type: 'list',
      params: { listViewId: CALLBACK_QUEUE_LIST_VIEW_ID, scope: 'Task' }
    });
    remember('list', CALLBACK_QUEUE_LIST_VIEW_ID);
  }

  function popOrderSearch(orderNumber) {
    sforce.opencti.screenPop({
      type: 'search',
      params: { searchString: 'ORD-' + orderNumber },
      callback: checkResponse('order search pop')
    });
    remember('search', orderNumber);
  }

  function popNewLead(call) {
    sforce.opencti.screenPop({
      type: 'newRecord',
      params: {
        entityName: 'Lead',
        defaultFieldValues: { Phone: call.ani, LeadSource: 'Inbound Call', Company: call.ivr.companyName || '[not provided]' }
      }
    });
    remember('newRecord', 'Lead');
  }

  function popCancellationFlow(call) {
    sforce.opencti.screenPop({
      type: 'flow',
      params: {
        flowDevName: CANCEL_FLOW,
        flowArgs: [
          { name: 'SubscriptionNumber', type: 'String', value: call.ivr.subscriptionNumber },
          { name: 'RetentionOfferEligible', type: 'Boolean', value: call.ivr.tenureMonths > 12 }
        ]
      }
    });
    remember('flow', CANCEL_FLOW);
  }

  // ---------------------------------------------------------------------------
  // Fallback pop configured by the admin (type decided at runtime)
  // ---------------------------------------------------------------------------

  function fallbackParams(popType, call) {
    switch (popType) {
      case 'search':
        return { searchString: call.ani };
      case 'newRecord':
        return { entityName: 'Contact', defaultFieldValues: { Phone: call.ani } };
      case 'objecthome':
        return { scope: 'Contact' };
      case 'url':
        return { url: KNOWLEDGE_PAGE + '?callId=' + encodeURIComponent(call.id) };
      default:
        return null;
    }
  }

  function popFallback(call) {
    var popType = settings.fallbackPopType;
    var params = fallbackParams(popType, call);
    if (!params) {
      log('fallback pop type not supported: ' + popType);
      return;
    }
    sforce.opencti.screenPop({ type: popType, params: params, callback: checkResponse('fallback pop') });
    remember(popType, call.ani);
  }

  // ---------------------------------------------------------------------------
  // Search based pops
  // ---------------------------------------------------------------------------

  function searchCaller(call) {
    sforce.opencti.searchAndScreenPop({
      searchParams: call.ani,
      queryParams: 'ivrIntent=' + encodeURIComponent(call.ivr.intent || 'none') + '&language=' + encodeURIComponent(call.ivr.language || 'en'),
      params: {
        FLOW: {
          flowArgs: [
            { name: 'CallerPhone', type: 'String', value: call.ani },
            { name: 'IvrIntent', type: 'String', value: call.ivr.intent || '' }
          ]
        }
      },
      defaultFieldValues: {
        Phone: call.ani,
        LeadSource: 'Inbound Call',
        Description: 'IVR intent: ' + (call.ivr.intent || 'none')
      },
      callType: sforce.opencti.CALL_TYPE.INBOUND,
      callback: function (response) {
        if (!response.success) {
          log('searchAndScreenPop failed', response.errors);
          popFallback(call);
          return;
        }
        call.matches = Object.keys(response.returnValue || {});
        remember('layout', call.ani);
      }
    });
  }

  // VIP and monitored queues: look the caller up first, decide, then pop what Salesforce prepared.
  function reviewThenPop(call) {
    sforce.opencti.searchAndScreenPop({
      searchParams: call.ani,
      queryParams: 'queue=' + encodeURIComponent(call.queue),
      callType: sforce.opencti.CALL_TYPE.INBOUND,
      deferred: true,
      callback: function (response) {
        if (!response.success) {
          popFallback(call);
          return;
        }
        var result = response.returnValue || {};
        var popData = result.SCREEN_POP_DATA;
        var ids = Object.keys(result).filter(function (k) { return k !== 'SCREEN_POP_DATA'; });
        call.matches = ids;
        var flagged = ids.some(function (id) {
          return result[id].RecordType === 'Account' && /VIP|Strategic/.test(result[id].Name || '');
        });
        if (flagged) {
          phone.setPriority(call.id, 'vip');
        }
        if (popData && ids.length <= 1) {
          sforce.opencti.screenPop(popData);
          remember('deferred', call.ani);
        } else {
          popTopResults(call.ani);
        }
      }
    });
  }

  function lookUpColleague(call) {
    sforce.opencti.searchAndScreenPop({
      searchParams: call.fromAgentName || call.ani,
      callType: sforce.opencti.CALL_TYPE.INTERNAL,
      callback: checkResponse('internal lookup')
    });
  }

  // ---------------------------------------------------------------------------
  // Rule table
  // ---------------------------------------------------------------------------

  var rules = [
    { name: 'existing case', when: function (c) { return c.ivr.intent === 'case_status' && c.ivr.caseId; }, run: popExistingCase },
    { name: 'unverified caller', when: function (c) { return c.ivr.requiresVerification && !c.ivr.pinVerified; }, run: popVerifyFlow },
    { name: 'cancellation', when: function (c) { return c.ivr.intent === 'cancel' && c.ivr.subscriptionNumber; }, run: popCancellationFlow },
    { name: 'order status', when: function (c) { return c.ivr.intent === 'order_status' && c.ivr.orderNumber; }, run: function (c) { popOrderSearch(c.ivr.orderNumber); } },
    { name: 'billing', when: function (c) { return c.ivr.intent === 'billing'; }, run: popBillingConsole },
    { name: 'outage', when: function (c) { return c.ivr.intent === 'outage'; }, run: popOutageList },
    { name: 'callback queue', when: function (c) { return c.queue === 'Callbacks'; }, run: popCallbackQueue },
    { name: 'new sale', when: function (c) { return c.ivr.intent === 'sales' && c.ivr.existingCustomer; }, run: popSalesHome },
    { name: 'new prospect', when: function (c) { return c.ivr.intent === 'sales'; }, run: popNewLead },
    { name: 'new issue', when: function (c) { return c.ivr.intent === 'new_issue'; }, run: popNewCase },
    { name: 'how-to', when: function (c) { return c.ivr.intent === 'how_to'; }, run: popKnowledgeAssist },
    { name: 'supervisor', when: function (c) { return c.queue === 'Escalations'; }, run: popCaseHome },
    { name: 'monitored queue', when: function (c) { return settings.vipReview && settings.deferredQueues.indexOf(c.queue) !== -1; }, run: reviewThenPop }
  ];

  function route(call) {
    if (call.internal) {
      lookUpColleague(call);
      return;
    }
    for (var i = 0; i < rules.length; i++) {
      if (rules[i].when(call)) {
        log('rule "' + rules[i].name + '" matched call ' + call.id);
        rules[i].run(call);
        return;
      }
    }
    searchCaller(call);
  }

  // ---------------------------------------------------------------------------
  // History panel
  // ---------------------------------------------------------------------------

  function renderHistory() {
    var list = document.getElementById('pop-history');
    if (!list) {
      return;
    }
    list.innerHTML = '';
    recentPops.forEach(function (p) {
      var li = document.createElement('li');
      li.textContent = p.at.slice(11, 19) + '  ' + p.kind + '  ' + p.ref;
      if (p.kind === 'sobject') {
        li.className = 'clickable';
        li.addEventListener('click', function () { reopenRecord(p.ref); });
      }
      list.appendChild(li);
    });
  }

  // ---------------------------------------------------------------------------
  // Vendor phone wiring
  // ---------------------------------------------------------------------------

  function onOffered(evt) {
    var call = {
      id: evt.callId,
      ani: evt.from,
      queue: evt.queueName,
      internal: evt.kind === 'internal',
      fromAgentName: evt.fromAgent,
      ivr: evt.ivrData || {},
      matches: []
    };
    calls[call.id] = call;
    document.getElementById('caller').textContent = call.ani + (call.queue ? ' via ' + call.queue : '');
    route(call);
  }

  function boot() {
    var cfg = window.ACME_CX_CONFIG || {};
    settings.fallbackPopType = cfg.fallbackPopType || settings.fallbackPopType;
    settings.vipReview = cfg.vipReview !== false;
    settings.deferredQueues = cfg.deferredQueues || ['VIP', 'Key Accounts'];

    phone = new AcmeCx.Phone({ tenant: cfg.tenant, region: cfg.region || 'eu-west' });
    phone.on('offered', onOffered);
    phone.on('ended', function (evt) { delete calls[evt.callId]; });
    phone.on('error', function (err) { log('phone error', err); });

    document.getElementById('btn-answer').addEventListener('click', function () {
      var ids = Object.keys(calls);
      if (ids.length) {
        phone.answer(ids[ids.length - 1]);
      }
    });
    document.getElementById('btn-hangup').addEventListener('click', function () {
      Object.keys(calls).forEach(function (id) { phone.hangup(id); });
    });
    document.getElementById('btn-pop-case-home').addEventListener('click', popCaseHome);
    phone.connect();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot);
  } else {
    boot();
  }
})();
