/*
 * ctimod corpus: amd-requirejs-modules/modules/vendor-phone.js - Kestrel Contact softphone: AMD wrapper around the Kestrel agent WebSocket protocol (no Open CTI here)
 * Patterns: amd-requirejs
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global define */
define(['jquery'], function ($) {
  'use strict';

  var socket = null;
  var agent = null;
  var seq = 0;
  var pending = {};
  var calls = {};
  var listeners = {};
  var reconnectDelay = 1000;
  var options = {};

  function emit(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (listeners[name]) {
      listeners[name].fire.apply(listeners[name], args);
    }
  }

  function send(command, payload) {
    var deferred = $.Deferred();
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return deferred.reject(new Error('Kestrel server not connected')).promise();
    }
    seq += 1;
    pending[seq] = deferred;
    socket.send(JSON.stringify($.extend({ cmd: command, seq: seq, agent: agent }, payload)));
    return deferred.promise();
  }

  function onFrame(frame) {
    var msg;
    try {
      msg = JSON.parse(frame.data);
    } catch (e) {
      return;
    }
    if (msg.seq && pending[msg.seq]) {
      if (msg.ok) {
        pending[msg.seq].resolve(msg.data);
      } else {
        pending[msg.seq].reject(new Error(msg.reason || 'rejected'));
      }
      delete pending[msg.seq];
      return;
    }
    switch (msg.event) {
      case 'call.offered':
        calls[msg.call.id] = msg.call;
        emit('ringing', msg.call);
        break;
      case 'call.originated':
        calls[msg.call.id] = msg.call;
        emit('dialing', msg.call);
        break;
      case 'call.established':
        calls[msg.call.id] = $.extend(calls[msg.call.id] || {}, msg.call, { connectedAt: Date.now() });
        emit('connected', calls[msg.call.id]);
        break;
      case 'call.released':
        var ended = $.extend(calls[msg.call.id] || {}, msg.call, { endedAt: Date.now() });
        delete calls[msg.call.id];
        emit('ended', ended);
        break;
      case 'agent.state':
        emit('agentState', msg.state);
        break;
      case 'agent.loggedOut':
        emit('loggedOut', msg.reason);
        break;
      default:
        emit('unknown', msg);
    }
  }

  function open() {
    socket = new WebSocket(options.serverUrl + '/agent?tenant=' + encodeURIComponent(options.tenant));
    socket.onopen = function () {
      reconnectDelay = 1000;
      send('login', { queue: options.defaultQueue }).then(function (data) {
        emit('loggedIn', data);
      }, function (err) {
        emit('error', err);
      });
    };
    socket.onmessage = onFrame;
    socket.onclose = function () {
      emit('disconnected');
      setTimeout(open, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, 30000);
    };
    socket.onerror = function () {
      emit('error', new Error('Kestrel socket error'));
    };
  }

  var VendorPhone = {
    connect: function (config, agentId) {
      options = config;
      agent = agentId;
      open();
    },
    on: function (name, fn) {
      if (!listeners[name]) {
        listeners[name] = $.Callbacks();
      }
      listeners[name].add(fn);
      return VendorPhone;
    },
    dial: function (number, attachedData) {
      var digits = String(number).replace(/[^\d+*#]/g, '');
      if (digits.charAt(0) !== '+' && options.outsidePrefix) {
        digits = options.outsidePrefix + digits;
      }
      return send('dial', { destination: digits, data: attachedData || {} });
    },
    answer: function (callId) {
      return send('answer', { call: callId });
    },
    hangup: function (callId) {
      return send('release', { call: callId });
    },
    hold: function (callId) {
      return send('hold', { call: callId });
    },
    retrieve: function (callId) {
      return send('retrieve', { call: callId });
    },
    mute: function (callId, on) {
      return send(on ? 'mute' : 'unmute', { call: callId });
    },
    transfer: function (callId, destination) {
      return send('blindTransfer', { call: callId, destination: destination });
    },
    setReady: function (ready, reasonCode) {
      return send('agentState', { state: ready ? 'READY' : 'NOT_READY', reason: reasonCode || null });
    },
    getCall: function (callId) {
      return calls[callId] || null;
    }
  };

  return VendorPhone;
});
