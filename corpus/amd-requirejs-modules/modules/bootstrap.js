/*
 * ctimod corpus: amd-requirejs-modules/modules/bootstrap.js - Kestrel Contact softphone: start-up module that wires the vendor phone to the call modules; click-to-dial kept in an IIFE taking sforce as a parameter
 * Patterns: amd-requirejs, iife-parameter
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global define, jQuery */
define(['jquery', './vendor-phone', './telephony', './logging'], function ($, VendorPhone, telephony, logging) {
  'use strict';

  var config = null;
  var lastCall = null;

  function debug() {
    if (config && config.debug && window.console) {
      window.console.log.apply(window.console, ['[kestrel]'].concat(Array.prototype.slice.call(arguments)));
    }
  }

  function registerClickToDial() {
    // Carried over unchanged from the pre-RequireJS adapter, where it ran as a page
    // script: it still takes sforce and jQuery from the page globals.
    (function (s, $) {
      s.opencti.onClickToDial({
        listener: function (payload) {
          $('#kestrel-number').val(payload.number);
          telephony.rememberTarget(payload);
          VendorPhone.dial(payload.number, { sfRecordId: payload.recordId, sfObject: payload.objectType });
        }
      });
      s.opencti.enableClickToDial({
        callback: function (response) {
          $('#kestrel-c2d').toggleClass('is-on', Boolean(response && response.success));
        }
      });
      VendorPhone.on('loggedOut', function () {
        s.opencti.disableClickToDial({
          callback: function () {
            $('#kestrel-c2d').removeClass('is-on');
          }
        });
      });
    })(window.sforce, jQuery);
  }

  function fillDispositions(list) {
    var $select = $('#kestrel-disposition').empty();
    $.each(list, function (i, item) {
      $('<option/>').val(item.value).text(item.label).appendTo($select);
    });
  }

  function wireWrapUp() {
    $('#kestrel-wrapup-form').on('submit', function (event) {
      event.preventDefault();
      if (!lastCall) {
        return;
      }
      var $button = $(this).find('button[type=submit]').prop('disabled', true);
      logging.saveCallLog(lastCall, $('#kestrel-disposition').val(), $('#kestrel-notes').val(), function (err) {
        $button.prop('disabled', false);
        if (err) {
          $('#kestrel-error').text(err.message).show();
          return;
        }
        lastCall = null;
        $('#kestrel-notes').val('');
        $('#kestrel-wrapup').hide();
        VendorPhone.setReady(true);
        telephony.label('Ready');
      });
    });
  }

  function wireVendorEvents() {
    VendorPhone
      .on('loggedIn', function (data) {
        debug('logged in', data);
        telephony.label('Ready');
        VendorPhone.setReady(true);
      })
      .on('ringing', telephony.onRinging)
      .on('dialing', telephony.onDialing)
      .on('connected', telephony.onConnected)
      .on('ended', function (call) {
        var finished = telephony.onEnded(call);
        if (finished) {
          lastCall = finished;
          $('#kestrel-wrapup').show();
        }
      })
      .on('disconnected', function () {
        telephony.label('Reconnecting');
      })
      .on('error', function (err) {
        $('#kestrel-error').text(err.message).show();
      });
  }

  return {
    start: function (settings) {
      config = settings;
      telephony.wireButtons();
      wireVendorEvents();
      wireWrapUp();
      registerClickToDial();
      logging.loadDispositions(config.defaultQueue, function (err, list) {
        if (err) {
          debug(err.message);
        }
        fillDispositions(list);
      });
      var agentId = $('body').data('agent-id');
      VendorPhone.connect(config, agentId);
    }
  };
});
