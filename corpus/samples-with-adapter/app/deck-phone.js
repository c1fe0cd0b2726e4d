/*
 * ctimod corpus: samples-with-adapter/app/deck-phone.js - the real adapter: a small Lightning softphone around the CallDeck client SDK (event emitter)
 * Patterns: plain-js, vendor-event-handlers, widget-sdk-events, savelog-task, calltype-constants
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */

/* global sforce, CallDeck */

(function () {
    'use strict';

    var client = null;
    var current = null;

    function ui(id) {
        return document.getElementById(id);
    }

    function onRinging(call) {
        current = { id: call.id, from: call.from, answeredAt: null };
        ui('caller').textContent = call.from;
        sforce.opencti.setSoftphonePanelVisibility({ visible: true });
        sforce.opencti.searchAndScreenPop({
            searchParams: call.from,
            callType: sforce.opencti.CALL_TYPE.INBOUND,
            deferred: false,
            callback: function () {}
        });
    }

    function onAnswered(call) {
        if (current && current.id === call.id) {
            current.answeredAt = Date.now();
        }
    }

    function onHungUp(call) {
        if (!current || current.id !== call.id) {
            return;
        }
        var seconds = current.answeredAt ? Math.round((Date.now() - current.answeredAt) / 1000) : 0;
        sforce.opencti.saveLog({
            value: {
                entityApiName: 'Task',
                Subject: 'Call from ' + current.from,
                CallType: 'Inbound',
                CallDurationInSeconds: seconds,
                CallObject: call.id,
                Status: 'Completed'
            },
            callback: function () {}
        });
        current = null;
        ui('caller').textContent = '';
    }

    function start(settings) {
        client = new CallDeck.Client({
            server: settings['/reqCallDeck/reqServer'],
            agent: settings['/reqCallDeck/reqAgent']
        });
        client.on('ringing', onRinging);
        client.on('answered', onAnswered);
        client.on('hungup', onHungUp);
        client.on('ready', function () {
            sforce.opencti.enableClickToDial({ callback: function () {} });
        });
        client.connect();

        ui('answer').onclick = function () { client.answer(current.id); };
        ui('hangup').onclick = function () { client.hangup(current.id); };
        ui('mute').onclick = function () { client.mute(current.id, true); };
        ui('hold').onclick = function () { client.hold(current.id); };
    }

    sforce.opencti.onClickToDial({
        listener: function (payload) {
            client.call(payload.number);
        }
    });

    sforce.opencti.getCallCenterSettings({
        callback: function (response) {
            if (response.success) {
                start(response.returnValue);
            }
        }
    });
})();
