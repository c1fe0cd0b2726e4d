/*
 * ctimod corpus: iframe-bridge-dual-family/js/bridge.js - generic postMessage bridge between a hosted vendor phone (iframe) and Open CTI, one file for Classic and Lightning chosen by feature detection
 * Patterns: plain-js, window-sforce, postmessage-bridge, feature-detection-guards, guarded-dual-calls, vendor-event-handlers, deferred-searchandscreenpop, classic-positional, classic-json-parse, calltype-constants
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Vendor -> bridge (event.data.event): 'agent.ready', 'call.incoming' {callId, ani, dnis},
 *   'call.answered' {callId}, 'call.ended' {callId, durationSec, disposition}.
 * Bridge -> vendor (cmd): 'dial' {number}, 'answer', 'hangup', 'mute' {on}, 'hold' {on}.
 * Lightning searches when the call rings (deferred) and pops when the agent answers; Classic
 * searches and pops when the agent answers.
 */
(function (window, document) {
    'use strict';

    var VENDOR_ORIGIN = 'https://phone.cloudline.example';
    var lightning = !!(window.sforce && window.sforce.opencti);
    var pendingPops = {};
    var calls = {};

    function vendorFrame() {
        return document.getElementById('cloudline-phone');
    }

    function command(cmd, data) {
        var message = { source: 'sfdc-bridge', cmd: cmd };
        Object.keys(data || {}).forEach(function (key) {
            message[key] = data[key];
        });
        vendorFrame().contentWindow.postMessage(message, VENDOR_ORIGIN);
    }

    // ------------------------------------------------------------ Salesforce -> vendor

    function dialFromLightning(payload) {
        command('dial', { number: payload.number, recordId: payload.recordId });
    }

    function dialFromClassic(response) {
        var payload = JSON.parse(response.result);
        command('dial', { number: payload.number, recordId: payload.objectId });
    }

    function enableDialling() {
        if (lightning) {
            sforce.opencti.enableClickToDial({ callback: function () {} });
            sforce.opencti.onClickToDial({ listener: dialFromLightning });
        } else if (window.sforce && sforce.interaction) {
            sforce.interaction.cti.enableClickToDial();
            sforce.interaction.cti.onClickToDial(dialFromClassic);
        }
    }

    // ------------------------------------------------------------ vendor -> Salesforce

    function onIncoming(data) {
        calls[data.callId] = { ani: data.ani, startedAt: null };
        if (lightning) {
            sforce.opencti.setSoftphonePanelVisibility({ visible: true });
            sforce.opencti.searchAndScreenPop({
                searchParams: data.ani,
                queryParams: 'dnis=' + encodeURIComponent(data.dnis),
                callType: sforce.opencti.CALL_TYPE.INBOUND,
                deferred: true,
                callback: function (response) {
                    if (response.success && response.returnValue.SCREEN_POP_DATA) {
                        pendingPops[data.callId] = response.returnValue.SCREEN_POP_DATA;
                    }
                }
            });
        } else {
            sforce.interaction.setVisible(true);
        }
    }

    function onAnswered(data) {
        var call = calls[data.callId] || {};
        call.startedAt = Date.now();
        if (lightning) {
            if (pendingPops[data.callId]) {
                sforce.opencti.screenPop(pendingPops[data.callId]);
                delete pendingPops[data.callId];
            }
        } else {
            sforce.interaction.searchAndScreenPop(call.ani, 'dnis=', 'inbound');
        }
    }

    function onEnded(data) {
        var call = calls[data.callId] || {};
        var subject = 'Call ' + (call.ani || '') + ' (' + (data.disposition || 'no disposition') + ')';
        if (lightning) {
            sforce.opencti.saveLog({
                value: {
                    entityApiName: 'Task',
                    Subject: subject,
                    CallType: 'Inbound',
                    CallDurationInSeconds: data.durationSec,
                    CallDisposition: data.disposition,
                    CallObject: data.callId,
                    Status: 'Completed'
                },
                callback: function (response) {
                    if (response.success) {
                        sforce.opencti.refreshView();
                    }
                }
            });
        } else {
            sforce.interaction.saveLog('Task', 'Subject=' + encodeURIComponent(subject) +
                '&CallType=Inbound&CallDurationInSeconds=' + data.durationSec +
                '&CallDisposition=' + encodeURIComponent(data.disposition || '') + '&CallObject=' + data.callId,
                function () {
                    sforce.interaction.refreshPage();
                });
        }
        delete calls[data.callId];
        delete pendingPops[data.callId];
    }

    function onVendorMessage(event) {
        if (event.origin !== VENDOR_ORIGIN || !event.data || !event.data.event) {
            return;
        }
        var data = event.data;
        if (data.event === 'agent.ready') {
            enableDialling();
        } else if (data.event === 'call.incoming') {
            onIncoming(data);
        } else if (data.event === 'call.answered') {
            onAnswered(data);
        } else if (data.event === 'call.ended') {
            onEnded(data);
        }
    }

    // ------------------------------------------------------------ keyboard shortcuts

    var muted = false;
    var held = false;
    document.addEventListener('keydown', function (event) {
        if (!event.altKey) {
            return;
        }
        if (event.key === 'a') {
            command('answer');
        } else if (event.key === 'h') {
            command('hangup');
        } else if (event.key === 'm') {
            muted = !muted;
            command('mute', { on: muted });
        } else if (event.key === 'p') {
            held = !held;
            command('hold', { on: held });
        }
    });

    window.addEventListener('message', onVendorMessage, false);
})(window, document);
