/*
 * ctimod corpus: aura-lightning-component/aura/VendorCti/VendorCtiHelper.js - Aura utility-bar softphone for the Helix Voice SDK: helper holding the phone and every sforce.opencti call
 * Patterns: aura-helper
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
({
    APEX_CLASS: 'HelixCtiService',

    // Aura shares one helper between component instances: keep per-instance state keyed by global id.
    sessions: {},

    session: function (component) {
        var key = component.getGlobalId();
        if (!this.sessions[key]) {
            this.sessions[key] = { phone: null, call: null, direction: null, recordId: null, startedAt: 0, timer: null };
        }
        return this.sessions[key];
    },

    showError: function (component, message) {
        console.error('[HelixCti]', message);
        component.set('v.errorMessage', message);
    },

    initialize: function (component) {
        var self = this;
        if (!window.sforce || !window.HelixVoice) {
            self.showError(component, 'Open CTI or the Helix Voice SDK did not load.');
            return;
        }
        sforce.opencti.runApex({
            apexClass: self.APEX_CLASS,
            methodName: 'getAgentProfile',
            methodParams: 'includeDispositions=true',
            callback: $A.getCallback(function (response) {
                if (!response.success) {
                    self.showError(component, 'Agent profile could not be loaded: ' + response.errors[0].description);
                    return;
                }
                var profile = JSON.parse(response.returnValue.runApex);
                component.set('v.agentName', profile.agentName);
                component.set('v.dispositionOptions', profile.dispositions.map(function (d) {
                    return { label: d.label, value: d.code };
                }));
                self.connectPhone(component, profile);
            })
        });
    },

    connectPhone: function (component, profile) {
        var self = this;
        var state = self.session(component);
        var phone = new window.HelixVoice.Phone({
            tenant: profile.tenant,
            region: profile.region,
            agentId: profile.agentId,
            token: profile.token
        });
        phone.on('ready', $A.getCallback(function () {
            component.set('v.callState', 'idle');
            self.registerClickToDial(component);
            sforce.opencti.notifyInitializationComplete({
                callback: function (response) {
                    if (!response.success) {
                        console.warn('[HelixCti] notifyInitializationComplete failed', response.errors);
                    }
                }
            });
        }));
        phone.on('incoming', $A.getCallback(function (call) {
            self.onIncoming(component, call);
        }));
        phone.on('connected', $A.getCallback(function (call) {
            self.onConnected(component, call);
        }));
        phone.on('ended', $A.getCallback(function (call) {
            self.onEnded(component, call);
        }));
        phone.on('error', $A.getCallback(function (err) {
            self.showError(component, err.message);
        }));
        state.phone = phone;
        phone.login();
    },

    registerClickToDial: function (component) {
        var self = this;
        sforce.opencti.onClickToDial({
            listener: $A.getCallback(function (payload) {
                self.dial(component, payload.number, payload.recordId);
            })
        });
        sforce.opencti.enableClickToDial({});
    },

    dial: function (component, number, recordId) {
        var state = this.session(component);
        if (!state.phone || state.call) {
            this.showError(component, 'The phone is busy.');
            return;
        }
        sforce.opencti.setSoftphonePanelVisibility({ visible: true });
        state.direction = 'outbound';
        state.recordId = recordId || null;
        state.call = state.phone.dial(String(number).replace(/[^\d+]/g, ''));
        component.set('v.remoteNumber', number);
        component.set('v.callState', 'dialing');
    },

    onIncoming: function (component, call) {
        var state = this.session(component);
        if (state.call) {
            state.phone.reject(call.id);
            return;
        }
        state.call = call;
        state.direction = 'inbound';
        state.recordId = call.context && call.context.crmRecordId ? call.context.crmRecordId : null;
        component.set('v.remoteNumber', call.from);
        component.set('v.callState', 'ringing');

        sforce.opencti.setSoftphonePanelVisibility({ visible: true });
        if (state.recordId) {
            sforce.opencti.screenPop({
                type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
                params: { recordId: state.recordId }
            });
        } else {
            sforce.opencti.screenPop({
                type: 'search',
                params: { searchString: call.from }
            });
        }
    },

    answer: function (component) {
        var state = this.session(component);
        if (state.call) {
            state.phone.answer(state.call.id);
        }
    },

    hangup: function (component) {
        var state = this.session(component);
        if (state.call) {
            state.phone.hangup(state.call.id);
        }
    },

    toggleMute: function (component) {
        var state = this.session(component);
        var muted = !component.get('v.muted');
        state.phone.mute(state.call.id, muted);
        component.set('v.muted', muted);
    },

    toggleHold: function (component) {
        var state = this.session(component);
        var held = !component.get('v.held');
        if (held) {
            state.phone.hold(state.call.id);
        } else {
            state.phone.resume(state.call.id);
        }
        component.set('v.held', held);
    },

    onConnected: function (component, call) {
        var state = this.session(component);
        state.call = call;
        state.startedAt = Date.now();
        component.set('v.callState', 'connected');
        state.timer = window.setInterval($A.getCallback(function () {
            if (!component.isValid()) {
                return;
            }
            var seconds = Math.floor((Date.now() - state.startedAt) / 1000);
            component.set('v.durationLabel', Math.floor(seconds / 60) + ':' + ('0' + (seconds % 60)).slice(-2));
        }), 1000);
    },

    onEnded: function (component, call) {
        var state = this.session(component);
        window.clearInterval(state.timer);
        state.timer = null;
        state.endedCall = {
            id: call.id,
            number: component.get('v.remoteNumber'),
            seconds: state.startedAt ? Math.round((Date.now() - state.startedAt) / 1000) : 0
        };
        state.call = null;
        state.startedAt = 0;
        component.set('v.muted', false);
        component.set('v.held', false);
        component.set('v.callState', 'wrapup');
    },

    saveCallLog: function (component, disposition, notes) {
        var self = this;
        var state = self.session(component);
        var ended = state.endedCall || {};
        var value = {
            entityApiName: 'Task',
            Subject: (state.direction === 'inbound' ? 'Inbound call ' : 'Outbound call ') + ended.number,
            Status: 'Completed',
            TaskSubtype: 'Call',
            CallType: state.direction === 'inbound' ? 'Inbound' : 'Outbound',
            CallObject: ended.id,
            CallDurationInSeconds: ended.seconds,
            CallDisposition: disposition,
            Description: notes
        };
        var recordId = state.recordId || component.get('v.recordId');
        if (recordId) {
            value[/^00[3Q]/.test(recordId) ? 'WhoId' : 'WhatId'] = recordId;
        }
        sforce.opencti.saveLog({
            value: value,
            callback: $A.getCallback(function (response) {
                if (!response.success) {
                    self.showError(component, 'Call log not saved: ' + response.errors[0].description);
                    return;
                }
                sforce.opencti.refreshView({});
                state.endedCall = null;
                state.recordId = null;
                component.set('v.notes', '');
                component.set('v.disposition', null);
                component.set('v.durationLabel', '0:00');
                component.set('v.callState', 'idle');
            })
        });
    },

    disconnect: function (component) {
        var key = component.getGlobalId();
        var state = this.sessions[key];
        if (!state) {
            return;
        }
        window.clearInterval(state.timer);
        if (state.phone) {
            state.phone.logout();
        }
        delete this.sessions[key];
    }
})
