/*
 * ctimod corpus: commented-out-legacy/softphone.js - Lightning Open CTI adapter for the Helio dialer, with its old Classic code left behind in comments
 * Patterns: commented-out-calls, plain-js, screenpop-constants, screenpop-literals, savelog-task
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */

/*
 * Helio softphone for Salesforce
 *
 * History
 *   2016  first version on Classic Open CTI (interaction.js, API 32.0)
 *   2019  moved to Lightning Open CTI (opencti_min.js, API 45.0)
 *   2021  caller lookup moved into the Helio backend; searchAndScreenPop dropped
 *
 * The Classic code is kept below in comments "until every org is on Lightning".
 * Nothing in a comment is executed.
 */

(function () {
    'use strict';

    var HELIO_API = 'https://api.heliodialer.example.com/v3';
    var LOG_PREFIX = '[helio]';
    var TASK_RECORD_TYPE = null; // filled from call center settings when present

    var current = {
        call: null,
        answeredAt: 0,
        matches: [],
        recordId: null
    };

    function log(message, detail) {
        if (window.console) {
            console.log(LOG_PREFIX + ' ' + message, detail === undefined ? '' : detail);
        }
    }

    function show(text) {
        var el = document.getElementById('helio-status');
        if (el) {
            el.textContent = text;
        }
    }

    // ------------------------------------------------------------------
    // Classic (interaction.js) initialisation - replaced in 2019
    // ------------------------------------------------------------------
    // sforce.interaction.cti.enableClickToDial(function (response) {
    //     log('click to dial enabled', response.result);
    // });
    //
    // sforce.interaction.cti.onClickToDial(function (response) {
    //     var data = JSON.parse(response.result);
    //     HelioClient.dial(data.number, { objectId: data.objectId });
    // });
    //
    // sforce.interaction.cti.getCallCenterSettings(function (response) {
    //     var settings = JSON.parse(response.result);
    //     TASK_RECORD_TYPE = settings['/HelioSettings/taskRecordType'];
    // });
    //
    // sforce.interaction.cti.setSoftphoneHeight(400);
    // sforce.interaction.setVisible(true);

    /*
    function classicInbound(call) {
        sforce.interaction.searchAndScreenPop(call.ani, 'dnis=' + call.dnis, 'inbound', function (response) {
            if (response.error) {
                log('search failed', response.error);
                return;
            }
            var matches = JSON.parse(response.result);
            current.matches = Object.keys(matches);
            if (current.matches.length === 0) {
                sforce.interaction.screenPop('/00Q/e?lea8=' + encodeURIComponent(call.ani), true);
            }
        });
    }

    function classicWrapUp(call, seconds) {
        var params = 'Subject=' + encodeURIComponent('Call ' + call.ani) +
            '&CallType=Inbound&Status=Completed&CallDurationInSeconds=' + seconds;
        if (current.recordId) {
            params += '&WhoId=' + current.recordId;
        }
        sforce.interaction.saveLog('Task', params, function (response) {
            if (response.result) {
                sforce.interaction.refreshPage();
                sforce.interaction.refreshRelatedList('Activity');
            }
        });
    }

    sforce.interaction.onFocus(function (response) {
        var page = JSON.parse(response.result);
        current.recordId = page.objectId;
    });

    sforce.interaction.runApex('HelioLookup', 'findByPhone', 'phone=' + ani, function (response) {
        current.matches = JSON.parse(response.result);
    });
    */

    /**
     * Opens the record that the Helio backend matched for the caller.
     *
     * @param {string} recordId  Salesforce Id returned by Helio's CRM lookup
     * @example
     *   // what this does, in Open CTI terms:
     *   sforce.opencti.screenPop({
     *       type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
     *       params: { recordId: '0035g00000AbCdE' }
     *   });
     * @example
     *   // the Classic version it replaced:
     *   sforce.interaction.screenPop('/0035g00000AbCdE', true);
     */
    function popMatchedRecord(recordId) {
        current.recordId = recordId;
        sforce.opencti.screenPop({
            type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
            params: { recordId: recordId },
            callback: function (response) {
                if (!response.success) {
                    log('screenPop failed', response.errors);
                }
            }
        });
    }

    /**
     * Pops global search when Helio found zero or several matches.
     *
     * @param {string} ani  caller number as delivered by Helio
     * @example
     *   sforce.opencti.screenPop({ type: 'search', params: { searchString: '4155550100' } });
     */
    function popSearch(ani) {
        var digits = String(ani).replace(/\D/g, '');
        if (digits.length < 3) {
            log('number too short for a search pop: sforce.opencti.screenPop( skipped', ani);
            return;
        }
        log('no unique match, calling sforce.opencti.screenPop( with type search for', digits);
        sforce.opencti.screenPop({
            type: 'search',
            params: { searchString: digits },
            callback: function (response) {
                if (!response.success) {
                    log('search pop failed', response.errors);
                }
            }
        });
        // sforce.opencti.searchAndScreenPop({ searchParams: digits, callType: sforce.opencti.CALL_TYPE.INBOUND });
    }

    function onIncoming(call) {
        current.call = call;
        current.answeredAt = 0;
        current.matches = call.crmMatches || [];
        show('Incoming ' + call.ani);
        document.getElementById('helio-answer').disabled = false;

        if (current.matches.length === 1) {
            popMatchedRecord(current.matches[0].id);
        } else {
            popSearch(call.ani);
        }
        // classicInbound(call);
    }

    function onAnswered(call) {
        current.answeredAt = Date.now();
        show('On call with ' + call.ani);
    }

    function onEnded(call) {
        var seconds = current.answeredAt ? Math.round((Date.now() - current.answeredAt) / 1000) : 0;
        show('Call ended');
        document.getElementById('helio-answer').disabled = true;
        writeTask(call, seconds);
        // classicWrapUp(call, seconds);
        current.call = null;
    }

    /**
     * Saves the call as a completed Task and refreshes the page.
     * Error text deliberately names the API for the support team's log search.
     */
    function writeTask(call, seconds) {
        var task = {
            entityApiName: 'Task',
            Subject: 'Call ' + (call.direction === 'out' ? 'to ' : 'from ') + call.ani,
            CallType: call.direction === 'out' ? 'Outbound' : 'Inbound',
            CallDurationInSeconds: seconds,
            CallObject: call.uuid,
            Status: 'Completed'
        };
        if (current.recordId) {
            task.WhoId = current.recordId;
        }
        if (TASK_RECORD_TYPE) {
            task.RecordTypeId = TASK_RECORD_TYPE;
        }
        /* sforce.opencti.saveLog({ value: task }); -- old version without a callback */
        sforce.opencti.saveLog({
            value: task,
            callback: function (response) {
                if (!response.success) {
                    log('sforce.opencti.saveLog() failed: ' + JSON.stringify(response.errors));
                    show('Task not saved');
                    return;
                }
                // sforce.opencti.refreshView({});  (moved below so the timeline updates too)
                refreshAfterSave();
            }
        });
    }

    function refreshAfterSave() {
        sforce.opencti.refreshView({
            callback: function (response) {
                log('refreshView', response.success);
            }
        });
        // sforce.interaction.refreshPage();
        // sforce.interaction.entityFeed.reloadFrame();
    }

    function wireButtons() {
        document.getElementById('helio-answer').onclick = function () {
            if (current.call) {
                HelioClient.answer(current.call.uuid);
            }
        };
        document.getElementById('helio-hangup').onclick = function () {
            if (current.call) {
                HelioClient.hangup(current.call.uuid);
            }
        };
        document.getElementById('helio-hold').onclick = function () {
            if (current.call) {
                current.call.held = !current.call.held;
                HelioClient.setHold(current.call.uuid, current.call.held);
            }
        };
        document.getElementById('helio-mute').onclick = function () {
            if (current.call) {
                current.call.muted = !current.call.muted;
                HelioClient.setMute(current.call.muted);
            }
        };
    }

    function start() {
        HelioClient.connect({ api: HELIO_API, token: window.HELIO_AGENT_TOKEN });
        HelioClient.on('incoming', onIncoming);
        HelioClient.on('answered', onAnswered);
        HelioClient.on('ended', onEnded);
        HelioClient.on('error', function (err) {
            log('Helio error', err);
            show('Telephony error: ' + (err && err.message));
        });
        wireButtons();

        // enableClickToDial is called from softphone.html once the agent is logged in.
        sforce.opencti.onClickToDial({
            listener: function (payload) {
                log('click-to-dial', payload.number);
                current.recordId = payload.recordId || null;
                HelioClient.dial(payload.number, { recordId: payload.recordId });
            }
        });
        /* sforce.opencti.onNavigationChange({ listener: function (page) { current.recordId = page.recordId; } }); */
        show('Ready');
    }

    window.HelioSoftphone = { start: start };
})();
