/*
 * ctimod corpus: classic-query-strings/adapter.js - Classic Open CTI adapter for a Callsmith ACD agent client, query-string runApex/saveLog
 * Patterns: plain-js, classic-positional, classic-query-string, classic-json-parse, savelog-task, runapex-apex-class
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */

/* global sforce, Callsmith */

var CallsmithAdapter = (function () {
    'use strict';

    var APEX_CLASS = 'LookupService';
    var SETTINGS_PREFIX = '/callsmithServer/';

    var settings = {
        serverUrl: null,
        agentGroup: null,
        height: 380,
        width: 240,
        wrapUpSeconds: 30,
        dispositions: ['Resolved', 'Follow-up', 'Wrong number', 'Voicemail']
    };

    var agentClient = null;
    var activeCall = null;
    var wrapUpTimer = null;

    // -----------------------------------------------------------------
    // helpers
    // -----------------------------------------------------------------
    function log(msg, data) {
        if (window.console && console.log) {
            console.log('[callsmith-cti] ' + msg, data === undefined ? '' : data);
        }
    }

    function byId(id) {
        return document.getElementById(id);
    }

    function setStatus(text) {
        byId('cs-status').textContent = text;
    }

    function normalise(number) {
        return (number || '').replace(/[^0-9+]/g, '');
    }

    function parseJsonResult(response, what) {
        if (response.error) {
            log(what + ' failed: ' + response.error);
            return null;
        }
        if (!response.result) {
            return null;
        }
        try {
            return JSON.parse(response.result);
        } catch (e) {
            log(what + ' returned invalid JSON', response.result);
            return null;
        }
    }

    // Builds 'Field=value&Field2=value2' with every value URL-encoded
    function toQueryString(fields) {
        var parts = [];
        for (var key in fields) {
            if (fields.hasOwnProperty(key) && fields[key] !== null && fields[key] !== undefined && fields[key] !== '') {
                parts.push(key + '=' + encodeURIComponent(fields[key]));
            }
        }
        return parts.join('&');
    }

    function firstMatch(matches, preferredObject) {
        var fallback = null;
        for (var id in matches) {
            if (!matches.hasOwnProperty(id)) {
                continue;
            }
            var rec = matches[id];
            if (!preferredObject || rec.object === preferredObject) {
                return { id: id, object: rec.object, name: rec.Name || rec.displayName };
            }
            if (!fallback) {
                fallback = { id: id, object: rec.object, name: rec.Name || rec.displayName };
            }
        }
        return fallback;
    }

    // -----------------------------------------------------------------
    // call center settings and softphone size
    // -----------------------------------------------------------------
    function loadSettings(done) {
        sforce.interaction.cti.getCallCenterSettings(function (response) {
            var cc = parseJsonResult(response, 'getCallCenterSettings');
            if (cc) {
                settings.serverUrl = cc[SETTINGS_PREFIX + 'serverUrl'] || settings.serverUrl;
                settings.agentGroup = cc[SETTINGS_PREFIX + 'agentGroup'] || null;
                settings.wrapUpSeconds = parseInt(cc[SETTINGS_PREFIX + 'wrapUpSeconds'], 10) || settings.wrapUpSeconds;
                settings.height = parseInt(cc['/reqGeneralInfo/reqSoftphoneHeight'], 10) || settings.height;
                settings.width = parseInt(cc['/reqGeneralInfo/reqSoftphoneWidth'], 10) || settings.width;
                if (cc[SETTINGS_PREFIX + 'dispositions']) {
                    settings.dispositions = cc[SETTINGS_PREFIX + 'dispositions'].split(';');
                }
            }
            done();
        });
    }

    function resizeSoftphone(expanded) {
        var height = expanded ? settings.height + 140 : settings.height;
        sforce.interaction.cti.setSoftphoneHeight(height, function (response) {
            if (response.error) {
                log('setSoftphoneHeight(' + height + ') failed', response.error);
            }
        });
        sforce.interaction.cti.setSoftphoneWidth(settings.width, function (response) {
            if (response.error) {
                log('setSoftphoneWidth(' + settings.width + ') failed', response.error);
            }
        });
    }

    // -----------------------------------------------------------------
    // inbound: search by ANI, fall back to the Apex fuzzy lookup
    // -----------------------------------------------------------------
    function popInbound(call) {
        var ani = normalise(call.ani);
        sforce.interaction.searchAndScreenPop(ani, 'CallType=inbound', 'inbound', function (response) {
            var matches = parseJsonResult(response, 'searchAndScreenPop');
            var match = matches ? firstMatch(matches, 'Contact') : null;
            if (match) {
                call.whoId = match.object === 'Contact' || match.object === 'Lead' ? match.id : null;
                call.whatId = match.object === 'Account' ? match.id : null;
                showCaller(match.name, match.object);
                loadOpenCases(call);
                return;
            }
            // The softphone layout search only matches exact formatting, so ask Apex
            sforce.interaction.runApex(APEX_CLASS, 'findContactsByPhone',
                'phone=' + encodeURIComponent(ani) + '&maxResults=5',
                function (apexResponse) {
                    var contacts = parseJsonResult(apexResponse, 'runApex findContactsByPhone') || [];
                    renderCandidates(call, contacts);
                });
        });
    }

    function loadOpenCases(call) {
        if (!call.whoId) {
            return;
        }
        sforce.interaction.runApex(APEX_CLASS, 'getOpenCaseSummary',
            'contactId=' + call.whoId + '&statusFilter=' + encodeURIComponent('New,Working,Escalated'),
            function (response) {
                if (response.error) {
                    log('getOpenCaseSummary failed', response.error);
                    return;
                }
                var summary = JSON.parse(response.result);
                byId('cs-cases').textContent = summary.count + ' open case(s)' +
                    (summary.latestNumber ? ', latest ' + summary.latestNumber : '');
                call.whatId = call.whatId || summary.latestId || null;
            });
    }

    function renderCandidates(call, contacts) {
        var list = byId('cs-candidates');
        list.innerHTML = '';
        if (!contacts.length) {
            showCaller('Unknown caller ' + call.ani, null);
            return;
        }
        contacts.forEach(function (c) {
            var li = document.createElement('li');
            li.textContent = c.name + (c.accountName ? ' (' + c.accountName + ')' : '');
            li.onclick = function () {
                call.whoId = c.id;
                call.whatId = c.accountId || null;
                list.innerHTML = '';
                showCaller(c.name, 'Contact');
                loadOpenCases(call);
            };
            list.appendChild(li);
        });
        resizeSoftphone(true);
    }

    function showCaller(name, object) {
        byId('cs-caller').textContent = name + (object ? ' [' + object + ']' : '');
    }

    // -----------------------------------------------------------------
    // outbound: click-to-dial and manual dial
    // -----------------------------------------------------------------
    function dial(number, whoId, whatId) {
        var digits = normalise(number);
        if (!digits) {
            return;
        }
        if (activeCall) {
            setStatus('Finish the current call first');
            return;
        }
        activeCall = { id: null, ani: digits, direction: 'Outbound', whoId: whoId || null, whatId: whatId || null };
        agentClient.makeCall({ destination: digits, group: settings.agentGroup });
        setStatus('Dialling ' + digits);
        if (!activeCall.whoId) {
            // Manual dial: find who we are calling without navigating away from the page
            sforce.interaction.searchAndGetScreenPopUrl(digits, '', 'outbound', function (response) {
                var data = parseJsonResult(response, 'searchAndGetScreenPopUrl');
                if (!data || !activeCall) {
                    return;
                }
                var match = firstMatch(data.matches || data, null);
                if (match && match.id && match.id.length >= 15) {
                    activeCall.whoId = match.object === 'Contact' || match.object === 'Lead' ? match.id : null;
                    activeCall.whatId = activeCall.whatId || (match.object === 'Account' ? match.id : null);
                    showCaller(match.name, match.object);
                }
            });
        }
    }

    function registerClickToDial() {
        sforce.interaction.cti.onClickToDial(function (response) {
            var payload = parseJsonResult(response, 'onClickToDial');
            if (!payload) {
                return;
            }
            var who = payload.object === 'Contact' || payload.object === 'Lead' ? payload.objectId : null;
            var what = who ? null : payload.objectId;
            showCaller(payload.objectName || payload.number, payload.object);
            dial(payload.number, who, what);
        });
        sforce.interaction.cti.enableClickToDial(function (response) {
            if (response.error) {
                log('enableClickToDial failed', response.error);
            }
        });
    }

    // -----------------------------------------------------------------
    // call logging
    // -----------------------------------------------------------------
    function saveCallLog(call, disposition, notes) {
        var durationSec = call.connectedAt ? Math.round((call.endedAt - call.connectedAt) / 1000) : 0;
        var subject = (call.direction === 'Inbound' ? 'Inbound call from ' : 'Call to ') + call.ani;
        var extra = toQueryString({
            CallDisposition: disposition,
            Description: subject + (notes ? '\n' + notes : ''),
            Status: 'Completed',
            Priority: 'Normal',
            ActivityDate: new Date().toISOString().substring(0, 10)
        });
        sforce.interaction.saveLog('Task',
            'Subject=Call&WhoId=' + (call.whoId || '') + '&WhatId=' + (call.whatId || '') +
            '&CallType=' + call.direction + '&CallDurationInSeconds=' + durationSec +
            '&CallObject=' + encodeURIComponent(call.id) + '&' + extra,
            function (response) {
                if (response.error) {
                    log('saveLog failed', response.error);
                    setStatus('Call log could not be saved');
                    return;
                }
                setStatus('Call logged');
                sforce.interaction.refreshRelatedList('Activity', function (refreshResponse) {
                    if (refreshResponse.error) {
                        log('refreshRelatedList(Activity) failed', refreshResponse.error);
                    }
                });
            });
    }

    function startWrapUp(call) {
        var select = byId('cs-disposition');
        select.innerHTML = '';
        settings.dispositions.forEach(function (d) {
            var opt = document.createElement('option');
            opt.value = d;
            opt.textContent = d;
            select.appendChild(opt);
        });
        byId('cs-wrapup').style.display = 'block';
        resizeSoftphone(true);
        var finish = function () {
            clearTimeout(wrapUpTimer);
            wrapUpTimer = null;
            byId('cs-wrapup').style.display = 'none';
            saveCallLog(call, select.value, byId('cs-notes').value);
            byId('cs-notes').value = '';
            agentClient.setState('Ready');
            resizeSoftphone(false);
        };
        byId('cs-save').onclick = finish;
        wrapUpTimer = setTimeout(finish, settings.wrapUpSeconds * 1000);
    }

    // -----------------------------------------------------------------
    // Callsmith agent client events
    // -----------------------------------------------------------------
    function bindAgentClient() {
        agentClient = new Callsmith.AgentClient({ server: settings.serverUrl, reconnect: true });

        agentClient.on('CallDelivered', function (evt) {
            activeCall = { id: evt.callId, ani: evt.ani, dnis: evt.dnis, direction: 'Inbound', whoId: null, whatId: null };
            setStatus('Ringing: ' + evt.ani);
            byId('cs-answer').disabled = false;
            popInbound(activeCall);
        });

        agentClient.on('CallEstablished', function (evt) {
            if (!activeCall) {
                return;
            }
            activeCall.id = activeCall.id || evt.callId;
            activeCall.connectedAt = Date.now();
            setStatus('Connected');
            byId('cs-answer').disabled = true;
            byId('cs-hangup').disabled = false;
            byId('cs-hold').disabled = false;
        });

        agentClient.on('CallCleared', function (evt) {
            if (!activeCall) {
                return;
            }
            var call = activeCall;
            activeCall = null;
            call.endedAt = Date.now();
            call.id = call.id || evt.callId;
            setStatus('Wrap-up');
            byId('cs-hangup').disabled = true;
            byId('cs-hold').disabled = true;
            byId('cs-answer').disabled = true;
            startWrapUp(call);
        });

        agentClient.on('Disconnected', function () {
            setStatus('Lost connection to Callsmith server, retrying');
        });

        agentClient.connect().then(function () {
            setStatus('Ready');
            agentClient.setState('Ready');
        }, function (err) {
            setStatus('Login failed: ' + (err && err.reason ? err.reason : 'unknown error'));
        });
    }

    function bindButtons() {
        byId('cs-answer').onclick = function () {
            agentClient.answer(activeCall && activeCall.id);
        };
        byId('cs-hangup').onclick = function () {
            agentClient.release(activeCall && activeCall.id);
        };
        byId('cs-hold').onclick = function () {
            if (!activeCall) {
                return;
            }
            if (activeCall.held) {
                agentClient.retrieve(activeCall.id);
            } else {
                agentClient.hold(activeCall.id);
            }
            activeCall.held = !activeCall.held;
            this.textContent = activeCall.held ? 'Retrieve' : 'Hold';
        };
        byId('cs-dial').onclick = function () {
            dial(byId('cs-number').value, null, null);
        };
    }

    return {
        start: function () {
            bindButtons();
            loadSettings(function () {
                resizeSoftphone(false);
                bindAgentClient();
                registerClickToDial();
            });
        }
    };
})();

window.addEventListener('load', CallsmithAdapter.start);
