/*
 * ctimod corpus: invalid-members-and-options/adapter.js - Lightning adapter for Tessaro Connect written from memory of the Open CTI docs (wrong member names, wrong option names, wrong argument shapes)
 * Patterns: invalid-member, wrong-option-name, positional-to-lightning, plain-js, full-softphone, screenpop-constants, screenpop-literals, calltype-constants, savelog-task
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */

/*
 * Tessaro Connect softphone - Salesforce Lightning integration
 * Loaded after /support/api/47.0/lightning/opencti_min.js and tessaro-agent.js.
 */

var TessaroCti = (function () {
    'use strict';

    var SETTINGS = {
        gateway: 'https://gw.tessaro-connect.example.io',
        region: 'eu-west',
        screenPopOnAnswer: true,
        wrapUpSeconds: 45
    };

    var agent = {
        ready: false,
        status: 'Offline',
        currentPage: null
    };

    var call = null;
    var wrapUpTimer = null;

    function debug(msg, data) {
        if (window.localStorage && localStorage.getItem('tessaro.debug') === '1') {
            console.log('[tessaro] ' + msg, data || '');
        }
    }

    function ui(id) {
        return document.getElementById(id);
    }

    function setStatusText(text) {
        ui('tc-status').textContent = text;
    }

    function errorText(response) {
        if (response && response.errors && response.errors.length) {
            return response.errors[0].description;
        }
        return 'unknown error';
    }

    /* ------------------------------------------------------------------
     * Salesforce side
     * ------------------------------------------------------------------ */

    function registerSalesforceHandlers() {
        // "onReady" does not exist in Open CTI - the author expected a ready event
        sforce.opencti.onReady({
            callback: function () {
                debug('opencti ready');
                agent.ready = true;
            }
        });

        // no such event either; the panel cannot be observed this way
        sforce.opencti.onSoftphoneOpen({
            listener: function () {
                debug('softphone panel opened');
                ui('tc-number').focus();
            }
        });

        sforce.opencti.enableClickToDial({
            callback: function (response) {
                if (!response.success) {
                    setStatusText('Click-to-dial: ' + errorText(response));
                }
            }
        });

        // listener registration written with "callback" instead of "listener"
        sforce.opencti.onClickToDial({
            callback: handleClickToDial
        });

        sforce.opencti.onNavigationChange({
            callback: function (page) {
                agent.currentPage = page;
                debug('navigated to', page && page.recordId);
            }
        });

        // Classic-style positional callback handed to a Lightning method
        sforce.opencti.getAppViewInfo(function (r) {
            if (r && r.success) {
                agent.currentPage = r.returnValue;
            }
        });
    }

    function handleClickToDial(payload) {
        if (!payload || !payload.number) {
            return;
        }
        if (call) {
            setStatusText('Finish the current call first');
            return;
        }
        debug('dialing', payload.number);
        TessaroAgent.placeCall({
            destination: payload.number,
            context: { recordId: payload.recordId, objectType: payload.objectType }
        });
    }

    function lookUpCaller(ani) {
        // wrong case: the real method is searchAndScreenPop
        sforce.opencti.searchAndscreenPop({
            searchParams: ani,
            searchType: sforce.opencti.SEARCH_PARAMS.PHONE,
            callType: sforce.opencti.CALL_TYPE.INBOUND,
            callback: function (response) {
                if (!response.success) {
                    setStatusText('Lookup failed: ' + errorText(response));
                    return;
                }
                var ids = Object.keys(response.returnValue || {});
                if (ids.length === 1) {
                    popRecord(ids[0]);
                } else if (ids.length === 0) {
                    popNewLead(ani);
                }
            }
        });
    }

    function popRecord(recordId) {
        call.whoId = recordId;
        sforce.opencti.screenPop({
            type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
            params: { recordId: recordId },
            callback: function (response) {
                if (!response.success) {
                    setStatusText('Screen pop failed: ' + errorText(response));
                }
            }
        });
    }

    function popRelatedCase(caseId) {
        // SCREENPOP_TYPE has no RECORD key; the value is undefined at run time
        sforce.opencti.screenPop({
            type: sforce.opencti.SCREENPOP_TYPE.RECORD,
            params: { recordId: caseId }
        });
    }

    function popNewLead(ani) {
        sforce.opencti.screenPop({
            type: 'newRecord',
            params: {
                entityName: 'Lead',
                defaultFieldValues: { Phone: ani, LeadSource: 'Inbound Call', Company: 'Unknown' }
            }
        });
    }

    function popAccountsFallback() {
        // the Classic method called with a Lightning-style object argument
        sforce.interaction.screenPop({ url: '/001' });
    }

    function logCall(finished) {
        var value = {
            entityApiName: 'Task',
            Subject: 'Tessaro call ' + finished.remoteNumber,
            CallType: finished.direction === 'outbound' ? 'Outbound' : 'Inbound',
            CallDurationInSeconds: finished.talkSeconds,
            CallDisposition: finished.disposition || '',
            CallObject: finished.id,
            Status: 'Completed'
        };
        if (finished.whoId) {
            value.WhoId = finished.whoId;
        }
        if (finished.caseId) {
            value.WhatId = finished.caseId;
        }
        sforce.opencti.saveLog({
            value: value,
            callback: function (response) {
                if (!response.success) {
                    setStatusText('Call not logged: ' + errorText(response));
                }
            }
        });
    }

    /* ------------------------------------------------------------------
     * Tessaro side
     * ------------------------------------------------------------------ */

    function registerTessaroHandlers() {
        TessaroAgent.on('status', function (status) {
            agent.status = status;
            setStatusText(status);
        });

        TessaroAgent.on('offer', function (offer) {
            call = {
                id: offer.interactionId,
                remoteNumber: offer.ani,
                direction: 'inbound',
                caseId: offer.attributes && offer.attributes.caseId,
                answeredAt: 0
            };
            ui('tc-caller').textContent = offer.ani;
            ui('tc-accept').disabled = false;
            if (!SETTINGS.screenPopOnAnswer) {
                lookUpCaller(offer.ani);
            }
        });

        TessaroAgent.on('connected', function () {
            if (!call) {
                return;
            }
            call.answeredAt = Date.now();
            if (SETTINGS.screenPopOnAnswer) {
                lookUpCaller(call.remoteNumber);
            }
            if (call.caseId) {
                popRelatedCase(call.caseId);
            }
        });

        TessaroAgent.on('outboundStarted', function (info) {
            call = { id: info.interactionId, remoteNumber: info.destination, direction: 'outbound', answeredAt: Date.now() };
            if (info.context && info.context.recordId) {
                call.whoId = info.context.recordId;
            }
        });

        TessaroAgent.on('disconnected', function (info) {
            if (!call) {
                return;
            }
            call.talkSeconds = call.answeredAt ? Math.round((Date.now() - call.answeredAt) / 1000) : 0;
            call.disposition = info.reason;
            logCall(call);
            call = null;
            ui('tc-accept').disabled = true;
            startWrapUp();
        });
    }

    function startWrapUp() {
        clearTimeout(wrapUpTimer);
        TessaroAgent.setStatus('WrapUp');
        wrapUpTimer = setTimeout(function () {
            TessaroAgent.setStatus('Available');
        }, SETTINGS.wrapUpSeconds * 1000);
    }

    function wireControls() {
        ui('tc-accept').onclick = function () {
            if (call) {
                TessaroAgent.accept(call.id);
            }
        };
        ui('tc-end').onclick = function () {
            if (call) {
                TessaroAgent.release(call.id);
            }
        };
        ui('tc-hold').onclick = function () {
            if (call) {
                call.held = !call.held;
                TessaroAgent[call.held ? 'hold' : 'retrieve'](call.id);
            }
        };
        ui('tc-mute').onclick = function () {
            if (call) {
                call.muted = !call.muted;
                TessaroAgent.mute(call.id, call.muted);
            }
        };
        ui('tc-accounts').onclick = popAccountsFallback;
        ui('tc-dial').onclick = function () {
            handleClickToDial({ number: ui('tc-number').value });
        };
    }

    function start() {
        TessaroAgent.init({ gateway: SETTINGS.gateway, region: SETTINGS.region });
        registerTessaroHandlers();
        registerSalesforceHandlers();
        wireControls();
    }

    return { start: start };
})();

document.addEventListener('DOMContentLoaded', TessaroCti.start);
