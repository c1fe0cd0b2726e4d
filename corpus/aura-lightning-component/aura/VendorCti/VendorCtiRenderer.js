/*
 * ctimod corpus: aura-lightning-component/aura/VendorCti/VendorCtiRenderer.js - Aura utility-bar softphone for the Helix Voice SDK: renderer with keyboard shortcuts (no Open CTI here)
 * Patterns: aura-controller
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
({
    afterRender: function (component, helper) {
        this.superAfterRender();
        var onKey = $A.getCallback(function (event) {
            if (!component.isValid() || !event.altKey) {
                return;
            }
            var state = component.get('v.callState');
            if (event.key === 'a' && state === 'ringing') {
                helper.answer(component);
            } else if (event.key === 'h' && (state === 'connected' || state === 'dialing' || state === 'ringing')) {
                helper.hangup(component);
            } else if (event.key === 'm' && state === 'connected') {
                helper.toggleMute(component);
            }
        });
        component._helixKeyHandler = onKey;
        document.addEventListener('keydown', onKey);
    },

    rerender: function (component, helper) {
        this.superRerender();
        var input = component.find('dialInput');
        if (input && component.get('v.callState') === 'idle' && !component.get('v.dialNumber')) {
            input.focus();
        }
    },

    unrender: function (component, helper) {
        if (component._helixKeyHandler) {
            document.removeEventListener('keydown', component._helixKeyHandler);
            component._helixKeyHandler = null;
        }
        helper.disconnect(component);
        this.superUnrender();
    }
})
