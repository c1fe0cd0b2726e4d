/*
 * ctimod corpus: aura-lightning-component/aura/VendorCti/VendorCtiController.js - Aura utility-bar softphone for the Helix Voice SDK: controller actions, all work delegated to the helper
 * Patterns: aura-controller
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
({
    onScriptsLoaded: function (component, event, helper) {
        helper.initialize(component);
    },

    handleDial: function (component, event, helper) {
        var number = component.get('v.dialNumber');
        if (!number) {
            return;
        }
        helper.dial(component, number, component.get('v.recordId'));
    },

    handleAnswer: function (component, event, helper) {
        helper.answer(component);
    },

    handleHangup: function (component, event, helper) {
        helper.hangup(component);
    },

    handleMute: function (component, event, helper) {
        helper.toggleMute(component);
    },

    handleHold: function (component, event, helper) {
        helper.toggleHold(component);
    },

    handleSaveLog: function (component, event, helper) {
        var disposition = component.get('v.disposition');
        if (!disposition) {
            component.set('v.errorMessage', 'Pick a disposition before saving.');
            return;
        }
        component.set('v.errorMessage', null);
        helper.saveCallLog(component, disposition, component.get('v.notes'));
    },

    onDestroy: function (component, event, helper) {
        helper.disconnect(component);
    }
})
