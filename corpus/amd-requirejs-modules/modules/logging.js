/*
 * ctimod corpus: amd-requirejs-modules/modules/logging.js - Kestrel Contact softphone: call logging module; the AMD parameter salesforce is aliased to cti
 * Patterns: amd-requirejs, alias-variable
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global define */
define(['sforce'], function (salesforce) {
  'use strict';

  var cti = salesforce.opencti;
  var dispositions = [];

  function loadDispositions(queue, done) {
    cti.runApex({
      apexClass: 'KestrelDispositionService',
      methodName: 'listDispositions',
      methodParams: 'queue=' + encodeURIComponent(queue),
      callback: function (response) {
        if (!response.success) {
          done(new Error('Could not load dispositions'), []);
          return;
        }
        try {
          dispositions = JSON.parse(response.returnValue.runApex);
        } catch (e) {
          dispositions = [];
        }
        done(null, dispositions);
      }
    });
  }

  function currentRecord(done) {
    cti.getAppViewInfo({
      callback: function (response) {
        var info = response.success ? response.returnValue : null;
        done(info && info.recordId ? { id: info.recordId, type: info.objectType } : null);
      }
    });
  }

  function buildTask(call, disposition, notes, fallbackRecord) {
    var recordId = call.recordId || (fallbackRecord ? fallbackRecord.id : null);
    var isPerson = recordId && (recordId.indexOf('003') === 0 || recordId.indexOf('00Q') === 0);
    var task = {
      entityApiName: 'Task',
      Subject: (call.direction === 'inbound' ? 'Inbound' : 'Outbound') + ' call ' + call.remote,
      Status: 'Completed',
      TaskSubtype: 'Call',
      CallType: call.direction === 'inbound' ? 'Inbound' : 'Outbound',
      CallObject: call.id,
      CallDurationInSeconds: call.durationSeconds,
      CallDisposition: disposition,
      Description: notes,
      ActivityDate: new Date().toISOString().slice(0, 10)
    };
    if (recordId) {
      task[isPerson ? 'WhoId' : 'WhatId'] = recordId;
    }
    return task;
  }

  function saveCallLog(call, disposition, notes, done) {
    var write = function (fallbackRecord) {
      cti.saveLog({
        value: buildTask(call, disposition, notes, fallbackRecord),
        callback: function (response) {
          if (response.success) {
            cti.refreshView({});
            done(null, response.returnValue);
          } else {
            done(new Error(response.errors && response.errors[0] ? response.errors[0].description : 'saveLog failed'));
          }
        }
      });
    };
    if (call.recordId) {
      write(null);
    } else {
      currentRecord(write);
    }
  }

  return {
    loadDispositions: loadDispositions,
    saveCallLog: saveCallLog,
    dispositions: function () {
      return dispositions.slice();
    }
  };
});
