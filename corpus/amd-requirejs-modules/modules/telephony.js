/*
 * ctimod corpus: amd-requirejs-modules/modules/telephony.js - Kestrel Contact softphone: call handling module; Open CTI arrives as the AMD parameter sf
 * Patterns: amd-requirejs, alias-variable
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global define */
define(['jquery', 'sforce', './vendor-phone'], function ($, sf, VendorPhone) {
  'use strict';

  // Alias of the enum object, used for every pop below.
  var POP = sf.opencti.SCREENPOP_TYPE;

  var current = null;
  var dialTarget = null;
  var muted = false;
  var held = false;
  var timer = null;

  function label(text) {
    sf.opencti.setSoftphonePanelLabel({ label: 'Kestrel \u2013 ' + text });
    $('#kestrel-state').text(text);
  }

  function render() {
    var ringing = current && current.phase === 'ringing';
    var live = current && (current.phase === 'connected' || current.phase === 'dialing');
    $('#kestrel-answer').prop('hidden', !ringing);
    $('#kestrel-hangup').prop('hidden', !(ringing || live));
    $('#kestrel-hold, #kestrel-mute, #kestrel-transfer').prop('hidden', !(current && current.phase === 'connected'));
    $('#kestrel-hold').text(held ? 'Retrieve' : 'Hold');
    $('#kestrel-mute').text(muted ? 'Unmute' : 'Mute');
    $('#kestrel-dial').prop('disabled', Boolean(current));
    $('#kestrel-caller').text(current ? current.remote : '');
  }

  function popForInboundCall(call) {
    var data = call.data || {};
    if (data.sfRecordId) {
      sf.opencti.screenPop({
        type: POP.SOBJECT,
        params: { recordId: data.sfRecordId }
      });
    } else if (data.ivrFlow) {
      sf.opencti.screenPop({
        type: POP.FLOW,
        params: {
          flowDevName: data.ivrFlow,
          flowArgs: [
            { name: 'CallerNumber', type: 'String', value: call.ani },
            { name: 'IvrPath', type: 'String', value: data.ivrPath || '' }
          ]
        }
      });
    } else {
      sf.opencti.searchAndScreenPop({
        searchParams: call.ani,
        queryParams: 'kestrelCallId=' + encodeURIComponent(call.id) + '&queue=' + encodeURIComponent(call.queue || ''),
        callType: sf.opencti.CALL_TYPE.INBOUND,
        defaultFieldValues: { Phone: call.ani },
        callback: function (response) {
          if (response.success) {
            var ids = Object.keys(response.returnValue || {});
            if (ids.length === 1) {
              current.recordId = ids[0];
            }
          }
        }
      });
    }
  }

  function onRinging(call) {
    current = { id: call.id, direction: 'inbound', remote: call.ani, phase: 'ringing', recordId: null, queue: call.queue };
    sf.opencti.setSoftphonePanelVisibility({ visible: true });
    popForInboundCall(call);
    label('Incoming call');
    render();
  }

  function onDialing(call) {
    current = {
      id: call.id,
      direction: 'outbound',
      remote: call.destination,
      phase: 'dialing',
      recordId: dialTarget ? dialTarget.recordId : null,
      queue: null
    };
    dialTarget = null;
    label('Dialing');
    render();
  }

  function onConnected(call) {
    if (!current || current.id !== call.id) {
      return;
    }
    current.phase = 'connected';
    current.connectedAt = call.connectedAt;
    label('On call');
    timer = window.setInterval(function () {
      var s = Math.floor((Date.now() - current.connectedAt) / 1000);
      $('#kestrel-timer').text(Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2));
    }, 1000);
    render();
  }

  function onEnded(call) {
    window.clearInterval(timer);
    timer = null;
    if (!current || current.id !== call.id) {
      return null;
    }
    var finished = $.extend({}, current, {
      durationSeconds: current.connectedAt ? Math.round((call.endedAt - current.connectedAt) / 1000) : 0,
      cause: call.cause
    });
    current = null;
    muted = false;
    held = false;
    $('#kestrel-timer').text('');
    label('Wrap-up');
    render();
    return finished;
  }

  function rememberTarget(payload) {
    dialTarget = { recordId: payload.recordId, objectType: payload.objectType, number: payload.number };
  }

  function wireButtons() {
    $('#kestrel-answer').on('click', function () {
      if (current) {
        VendorPhone.answer(current.id);
      }
    });
    $('#kestrel-hangup').on('click', function () {
      if (current) {
        VendorPhone.hangup(current.id);
      }
    });
    $('#kestrel-hold').on('click', function () {
      if (!current) {
        return;
      }
      (held ? VendorPhone.retrieve(current.id) : VendorPhone.hold(current.id)).then(function () {
        held = !held;
        render();
      });
    });
    $('#kestrel-mute').on('click', function () {
      if (!current) {
        return;
      }
      VendorPhone.mute(current.id, !muted).then(function () {
        muted = !muted;
        render();
      });
    });
    $('#kestrel-transfer').on('click', function () {
      var destination = $.trim($('#kestrel-transfer-to').val());
      if (current && destination) {
        VendorPhone.transfer(current.id, destination);
      }
    });
    $('#kestrel-dial-form').on('submit', function (event) {
      event.preventDefault();
      var number = $.trim($('#kestrel-number').val());
      if (number && !current) {
        VendorPhone.dial(number, {});
      }
    });
  }

  return {
    wireButtons: wireButtons,
    onRinging: onRinging,
    onDialing: onDialing,
    onConnected: onConnected,
    onEnded: onEnded,
    rememberTarget: rememberTarget,
    label: label
  };
});
