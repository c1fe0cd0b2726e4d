/*
 * ctimod corpus: jquery-legacy-lightning/js/softphone-jquery.js - 2017-era jQuery softphone for Lightning Open CTI talking to the VoxRoute agent server over $.ajax
 * Patterns: plain-js, jquery-deferred, full-softphone
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * VoxRoute Agent Desktop for Salesforce Lightning - v2.3.1 (2017-09)
 * Depends on: jQuery 1.12+, /support/api/40.0/lightning/opencti_min.js
 * Page: softphone.html (login form, presence dropdown, call panel, history list)
 */

/* ---------------------------------------------------------------------------
 * Globals (other scripts on the page read these)
 * ------------------------------------------------------------------------- */
var VOX_HISTORY_KEY = 'voxroute.callHistory';
var VOX_HISTORY_MAX = 25;
var voxConfig = {
  serverUrl: '',
  tenant: '',
  pollTimeoutSec: 25,
  outsidePrefix: '',
  longDistPrefix: '',
  internationalPrefix: ''
};
var voxSession = null;      // { token, agentId, name } after login
var voxCall = null;         // current call
var voxNavContext = null;   // record the agent is looking at (onNavigationChange)
var voxPolling = false;

function voxLog(msg, obj) {
  if (window.console && window.console.log) {
    if (obj !== undefined) {
      console.log('[VoxRoute] ' + msg, obj);
    } else {
      console.log('[VoxRoute] ' + msg);
    }
  }
}

function formatPhone(number) {
  var d = String(number || '').replace(/\D/g, '');
  if (d.length === 11 && d.charAt(0) === '1') { d = d.substr(1); }
  if (d.length === 10) {
    return '(' + d.substr(0, 3) + ') ' + d.substr(3, 3) + '-' + d.substr(6);
  }
  return number;
}

function toDialString(number) {
  var d = String(number || '').replace(/[^\d+]/g, '');
  if (d.charAt(0) === '+') {
    return voxConfig.internationalPrefix + d.substr(1);
  }
  if (d.length === 10) {
    return voxConfig.outsidePrefix + voxConfig.longDistPrefix + d;
  }
  if (d.length > 5) {
    return voxConfig.outsidePrefix + d;
  }
  return d; // internal extension
}

function formatDuration(sec) {
  var m = Math.floor(sec / 60);
  var s = sec % 60;
  return m + ':' + (s < 10 ? '0' : '') + s;
}

function sfErrors(response) {
  if (!response || !response.errors) { return 'unknown error'; }
  return $.map(response.errors, function (e) { return e.description; }).join(', ');
}

/* ---------------------------------------------------------------------------
 * Call history (localStorage)
 * ------------------------------------------------------------------------- */
function getCallHistory() {
  try {
    return JSON.parse(window.localStorage.getItem(VOX_HISTORY_KEY)) || [];
  } catch (e) {
    return [];
  }
}

function addCallHistory(entry) {
  var list = getCallHistory();
  list.unshift(entry);
  if (list.length > VOX_HISTORY_MAX) { list = list.slice(0, VOX_HISTORY_MAX); }
  try {
    window.localStorage.setItem(VOX_HISTORY_KEY, JSON.stringify(list));
  } catch (e) {
    voxLog('could not store call history', e);
  }
  renderCallHistory();
}

function renderCallHistory() {
  var $list = $('#history-list').empty();
  var list = getCallHistory();
  if (!list.length) {
    $list.append('<li class="empty">No recent calls</li>');
    return;
  }
  $.each(list, function (i, h) {
    var $li = $('<li class="history-item"/>').addClass(h.direction);
    $('<span class="h-number"/>').text(h.name || formatPhone(h.number)).appendTo($li);
    $('<span class="h-time"/>').text(new Date(h.at).toLocaleTimeString()).appendTo($li);
    $('<span class="h-dur"/>').text(formatDuration(h.duration || 0)).appendTo($li);
    $('<a href="#" class="h-redial" title="Call back">&#9742;</a>').data('number', h.number).appendTo($li);
    if (h.recordId) {
      $('<a href="#" class="h-open" title="Open record">&#8599;</a>').data('recordId', h.recordId).appendTo($li);
    }
    $list.append($li);
  });
}

/* ---------------------------------------------------------------------------
 * VoxRoute agent server client
 * ------------------------------------------------------------------------- */
var VoxAgent = {
  request: function (method, path, data) {
    return $.ajax({
      url: voxConfig.serverUrl + path,
      type: method,
      contentType: 'application/json',
      dataType: 'json',
      data: data ? JSON.stringify(data) : undefined,
      headers: voxSession ? { 'X-Vox-Token': voxSession.token, 'X-Vox-Tenant': voxConfig.tenant } : {},
      timeout: 15000
    });
  },
  login: function (agentId, password, station) {
    return this.request('POST', '/api/agent/login', { agentId: agentId, password: password, station: station });
  },
  logout: function () {
    return this.request('POST', '/api/agent/logout');
  },
  setState: function (state, reason) {
    return this.request('PUT', '/api/agent/state', { state: state, reasonCode: reason || null });
  },
  dial: function (number) {
    return this.request('POST', '/api/calls', { to: toDialString(number) });
  },
  answer: function (callId) {
    return this.request('POST', '/api/calls/' + callId + '/answer');
  },
  hangup: function (callId) {
    return this.request('POST', '/api/calls/' + callId + '/hangup');
  },
  hold: function (callId, on) {
    return this.request('POST', '/api/calls/' + callId + (on ? '/hold' : '/retrieve'));
  },
  mute: function (callId, on) {
    return this.request('POST', '/api/calls/' + callId + '/mute', { mute: on });
  },
  transfer: function (callId, target) {
    return this.request('POST', '/api/calls/' + callId + '/transfer', { to: toDialString(target), blind: true });
  },
  events: function (since) {
    return $.ajax({
      url: voxConfig.serverUrl + '/api/agent/events',
      type: 'GET',
      dataType: 'json',
      data: { since: since || 0, wait: voxConfig.pollTimeoutSec },
      headers: { 'X-Vox-Token': voxSession.token, 'X-Vox-Tenant': voxConfig.tenant },
      timeout: (voxConfig.pollTimeoutSec + 10) * 1000
    });
  }
};

/* ---------------------------------------------------------------------------
 * Open CTI wrappers returning jQuery promises
 * ------------------------------------------------------------------------- */
function sfGetSettings() {
  var dfd = $.Deferred();
  sforce.opencti.getCallCenterSettings({
    callback: function (response) {
      if (response.success) {
        dfd.resolve(response.returnValue);
      } else {
        dfd.reject(sfErrors(response));
      }
    }
  });
  return dfd.promise();
}

function sfSearchAndPop(number, direction) {
  var dfd = $.Deferred();
  sforce.opencti.searchAndScreenPop({
    searchParams: number,
    queryParams: 'voxCallId=' + (voxCall ? voxCall.id : ''),
    callType: direction === 'outbound' ? sforce.opencti.CALL_TYPE.OUTBOUND : sforce.opencti.CALL_TYPE.INBOUND,
    callback: function (response) {
      if (response.success) {
        dfd.resolve(response.returnValue || {});
      } else {
        dfd.reject(sfErrors(response));
      }
    }
  });
  return dfd.promise();
}

function sfSaveLog(fields) {
  var dfd = $.Deferred();
  sforce.opencti.saveLog({
    value: fields,
    callback: function (response) {
      if (response.success) {
        dfd.resolve(response.returnValue);
      } else {
        dfd.reject(sfErrors(response));
      }
    }
  });
  return dfd.promise();
}

function sfIsPanelVisible() {
  var dfd = $.Deferred();
  sforce.opencti.isSoftphonePanelVisible({
    callback: function (response) {
      dfd.resolve(response.success && response.returnValue && response.returnValue.visible);
    }
  });
  return dfd.promise();
}

function sfShowPanel() {
  sfIsPanelVisible().done(function (visible) {
    if (!visible) {
      sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    }
  });
}

function sfClickToDial(on) {
  var handler = function (response) {
    if (!response.success) { voxLog('click-to-dial toggle failed: ' + sfErrors(response)); }
  };
  if (on) {
    sforce.opencti.enableClickToDial({ callback: handler });
  } else {
    sforce.opencti.disableClickToDial({ callback: handler });
  }
}

/* ---------------------------------------------------------------------------
 * Call handling
 * ------------------------------------------------------------------------- */
var voxTimer = null;

function showCallPanel(call) {
  $('#call-number').text(formatPhone(call.number));
  $('#call-name').text(call.recordName || '');
  $('#call-direction').text(call.direction === 'inbound' ? 'Incoming' : 'Outgoing');
  $('#btn-answer').toggle(call.direction === 'inbound' && call.state === 'ringing');
  $('#btn-hangup, #btn-hold, #btn-mute, #btn-transfer').prop('disabled', call.state === 'ringing');
  $('#call-panel').show();
  $('#idle-panel').hide();
}

function hideCallPanel() {
  $('#call-panel').hide();
  $('#idle-panel').show();
  $('#call-timer').text('');
  $('#btn-hold').removeClass('active').text('Hold');
  $('#btn-mute').removeClass('active').text('Mute');
  clearInterval(voxTimer);
}

function onCallRinging(evt) {
  voxCall = {
    id: evt.callId,
    number: evt.direction === 'inbound' ? evt.ani : evt.dnis,
    direction: evt.direction,
    state: 'ringing',
    queue: evt.queue,
    recordId: voxCall && voxCall.recordId,
    recordName: voxCall && voxCall.recordName,
    startedAt: new Date().getTime(),
    connectedAt: null
  };
  showCallPanel(voxCall);

  if (evt.direction === 'inbound') {
    sfShowPanel();
    sfSearchAndPop(voxCall.number, 'inbound').done(function (matches) {
      var ids = $.map(matches, function (rec, id) { return id; });
      if (ids.length === 1 && voxCall) {
        voxCall.recordId = ids[0];
        voxCall.recordName = matches[ids[0]].Name;
        $('#call-name').text(voxCall.recordName);
      }
    }).fail(function (err) {
      voxLog('search failed: ' + err);
    });
  }
}

function onCallConnected(evt) {
  if (!voxCall || voxCall.id !== evt.callId) { return; }
  voxCall.state = 'connected';
  voxCall.connectedAt = new Date().getTime();
  showCallPanel(voxCall);
  clearInterval(voxTimer);
  voxTimer = setInterval(function () {
    if (voxCall && voxCall.connectedAt) {
      $('#call-timer').text(formatDuration(Math.round((new Date().getTime() - voxCall.connectedAt) / 1000)));
    }
  }, 1000);
}

function onCallEnded(evt) {
  if (!voxCall || voxCall.id !== evt.callId) { return; }
  var call = voxCall;
  var duration = call.connectedAt ? Math.round((new Date().getTime() - call.connectedAt) / 1000) : 0;
  voxCall = null;
  hideCallPanel();

  addCallHistory({
    number: call.number,
    name: call.recordName,
    recordId: call.recordId,
    direction: call.direction,
    duration: duration,
    at: new Date().getTime()
  });

  var fields = {
    entityApiName: 'Task',
    Subject: (call.direction === 'inbound' ? 'Inbound' : 'Outbound') + ' call ' + formatPhone(call.number),
    Status: 'Completed',
    Priority: 'Normal',
    TaskSubtype: 'Call',
    CallType: call.direction === 'inbound' ? 'Inbound' : 'Outbound',
    CallObject: call.id,
    CallDurationInSeconds: duration,
    CallDisposition: $('#disposition').val() || (call.connectedAt ? 'Answered' : 'No answer'),
    Description: $.trim($('#call-notes').val())
  };
  if (call.recordId) {
    if (call.recordId.indexOf('003') === 0 || call.recordId.indexOf('00Q') === 0) {
      fields.WhoId = call.recordId;
    } else {
      fields.WhatId = call.recordId;
    }
  }

  sfSaveLog(fields).done(function () {
    $('#call-notes').val('');
    $('#disposition').val('');
    sforce.opencti.refreshView();
  }).fail(function (err) {
    alert('The call could not be logged in Salesforce: ' + err);
  });
}

function handleVoxEvent(evt) {
  voxLog('event ' + evt.type, evt);
  switch (evt.type) {
    case 'CALL_RINGING':
    case 'CALL_DIALING':
      onCallRinging(evt);
      break;
    case 'CALL_CONNECTED':
      onCallConnected(evt);
      break;
    case 'CALL_ENDED':
      onCallEnded(evt);
      break;
    case 'AGENT_STATE':
      $('#presence').val(evt.state);
      sfClickToDial(evt.state === 'AVAILABLE');
      break;
    case 'SESSION_EXPIRED':
      doLogout(true);
      break;
    default:
      break;
  }
}

function pollEvents(since) {
  if (!voxSession) { voxPolling = false; return; }
  voxPolling = true;
  VoxAgent.events(since).done(function (data) {
    $.each(data.events || [], function (i, evt) { handleVoxEvent(evt); });
    pollEvents(data.cursor);
  }).fail(function (xhr, status) {
    if (xhr.status === 401) {
      doLogout(true);
      return;
    }
    voxLog('event poll failed (' + status + '), retrying in 3s');
    setTimeout(function () { pollEvents(since); }, 3000);
  });
}

/* ---------------------------------------------------------------------------
 * Login / presence
 * ------------------------------------------------------------------------- */
function doLogin(agentId, password, station) {
  $('#login-error').hide();
  $('#login-submit').prop('disabled', true);
  VoxAgent.login(agentId, password, station).done(function (data) {
    voxSession = { token: data.token, agentId: agentId, name: data.displayName };
    try {
      window.sessionStorage.setItem('voxroute.station', station);
    } catch (e) { /* private mode */ }
    $('#agent-name').text(data.displayName);
    $('#login-panel').hide();
    $('#agent-panel').show();
    renderCallHistory();
    if (!voxPolling) { pollEvents(0); }
    VoxAgent.setState('AVAILABLE').done(function () {
      $('#presence').val('AVAILABLE');
      sfClickToDial(true);
    });
  }).fail(function (xhr) {
    var msg = xhr.status === 401 ? 'Invalid agent ID or password' : 'VoxRoute server unavailable';
    $('#login-error').text(msg).show();
  }).always(function () {
    $('#login-submit').prop('disabled', false);
  });
}

function doLogout(expired) {
  sfClickToDial(false);
  var finish = function () {
    voxSession = null;
    $('#agent-panel').hide();
    $('#login-panel').show();
    if (expired) {
      $('#login-error').text('Your session expired, please sign in again').show();
    }
  };
  if (expired || !voxSession) {
    finish();
  } else {
    VoxAgent.logout().always(finish);
  }
}

function dialNumber(number) {
  if (!voxSession) {
    alert('Sign in to VoxRoute before dialing');
    return;
  }
  if (voxCall) {
    alert('Finish the current call first');
    return;
  }
  // relate the outbound call to the record the agent is on, if any
  voxCall = {
    id: null,
    number: number,
    direction: 'outbound',
    state: 'dialing',
    recordId: voxNavContext ? voxNavContext.recordId : null,
    recordName: voxNavContext ? voxNavContext.recordName : null
  };
  VoxAgent.dial(number).done(function (data) {
    if (voxCall && !voxCall.id) { voxCall.id = data.callId; }
  }).fail(function () {
    voxCall = null;
    alert('Could not place the call to ' + number);
  });
}

/* ---------------------------------------------------------------------------
 * Start-up
 * ------------------------------------------------------------------------- */
$(document).ready(function () {
  $('#agent-panel, #call-panel').hide();

  sfGetSettings().done(function (settings) {
    voxConfig.serverUrl = settings['/VoxRouteSettings/serverUrl'] || voxConfig.serverUrl;
    voxConfig.tenant = settings['/VoxRouteSettings/tenant'] || '';
    voxConfig.pollTimeoutSec = parseInt(settings['/VoxRouteSettings/pollTimeout'], 10) || 25;
    voxConfig.outsidePrefix = settings['/reqDialingOptions/reqOutsidePrefix'] || '';
    voxConfig.longDistPrefix = settings['/reqDialingOptions/reqLongDistPrefix'] || '';
    voxConfig.internationalPrefix = settings['/reqDialingOptions/reqInternationalPrefix'] || '';
    voxLog('settings loaded', voxConfig);
    sforce.opencti.notifyInitializationComplete();
  }).fail(function (err) {
    $('#login-error').text('Call center settings could not be loaded: ' + err).show();
  });

  sforce.opencti.onClickToDial({
    listener: function (payload) {
      voxNavContext = { recordId: payload.recordId, recordName: payload.recordName };
      dialNumber(payload.number);
    }
  });

  sforce.opencti.onNavigationChange({
    listener: function (payload) {
      voxNavContext = payload.recordId ? payload : null;
      $('#nav-context').text(payload.recordName ? 'Calls will be logged to ' + payload.recordName : '');
    }
  });

  $('#station').val(window.sessionStorage ? window.sessionStorage.getItem('voxroute.station') || '' : '');

  $('#login-form').on('submit', function (e) {
    e.preventDefault();
    doLogin($.trim($('#agent-id').val()), $('#password').val(), $.trim($('#station').val()));
    $('#password').val('');
  });

  $('#logout-link').on('click', function (e) {
    e.preventDefault();
    doLogout(false);
  });

  $('#presence').on('change', function () {
    var state = $(this).val();
    var reason = $(this).find(':selected').data('reason');
    VoxAgent.setState(state, reason).done(function () {
      sfClickToDial(state === 'AVAILABLE');
    }).fail(function () {
      alert('Could not change your status');
    });
  });

  $('#dial-form').on('submit', function (e) {
    e.preventDefault();
    dialNumber($.trim($('#dial-number').val()));
  });

  $('#btn-answer').on('click', function () {
    if (voxCall) { VoxAgent.answer(voxCall.id); }
  });
  $('#btn-hangup').on('click', function () {
    if (voxCall && voxCall.id) { VoxAgent.hangup(voxCall.id); }
  });
  $('#btn-hold').on('click', function () {
    var $b = $(this);
    var on = !$b.hasClass('active');
    if (!voxCall) { return; }
    VoxAgent.hold(voxCall.id, on).done(function () {
      $b.toggleClass('active', on).text(on ? 'Resume' : 'Hold');
    });
  });
  $('#btn-mute').on('click', function () {
    var $b = $(this);
    var on = !$b.hasClass('active');
    if (!voxCall) { return; }
    VoxAgent.mute(voxCall.id, on).done(function () {
      $b.toggleClass('active', on).text(on ? 'Unmute' : 'Mute');
    });
  });
  $('#btn-transfer').on('click', function () {
    var target = prompt('Transfer to (number or extension):');
    if (target && voxCall) { VoxAgent.transfer(voxCall.id, target); }
  });
  $('#call-name').on('click', function () {
    if (voxCall && voxCall.recordId) {
      sforce.opencti.screenPop({
        type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
        params: { recordId: voxCall.recordId }
      });
    }
  });

  $('#history-list').on('click', '.h-redial', function (e) {
    e.preventDefault();
    dialNumber($(this).data('number'));
  }).on('click', '.h-open', function (e) {
    e.preventDefault();
    sforce.opencti.screenPop({
      type: 'sobject',
      params: { recordId: $(this).data('recordId') }
    });
  });

  $(window).on('beforeunload', function () {
    if (voxSession) { VoxAgent.setState('OFFLINE'); }
  });
});
