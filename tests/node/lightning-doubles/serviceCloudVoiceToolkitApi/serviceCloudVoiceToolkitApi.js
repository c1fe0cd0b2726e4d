// TEST DOUBLE of <lightning-service-cloud-voice-toolkit-api> (see ../README.md). Salesforce Voice
// delivers call events from this element; here the runner does: fidelity.toolkits[i].deliver(name,
// detail) dispatches a CustomEvent of that name with that detail from the element, as Voice does
// (shared/reference/opencti-scv-api.md §4.2). The documented methods (§4.3) record a `toolkit`
// action (telephony is the connector's, issue 13) and resolve.
import { LightningElement, api } from 'lwc';

const fidelity = globalThis.__fidelity;

export default class ServiceCloudVoiceToolkitApi extends LightningElement {
    connectedCallback() {
        fidelity.toolkits.push(this);
    }

    disconnectedCallback() {
        const at = fidelity.toolkits.indexOf(this);
        if (at >= 0) fidelity.toolkits.splice(at, 1);
    }

    deliver(name, detail) {
        this.dispatchEvent(new CustomEvent(name, { detail }));
    }

    action(method, args) {
        fidelity.effect({ effect: 'toolkit', method, args }, `lightning/serviceCloudVoiceToolkitApi ${method}`);
        return Promise.resolve({ success: true });
    }

    @api acceptCall() { return this.action('acceptCall', []); }

    @api declineCall() { return this.action('declineCall', []); }

    @api endCall(participantType) { return this.action('endCall', participantType === undefined ? [] : [participantType]); }

    @api mute() { return this.action('mute', []); }

    @api unmute() { return this.action('unmute', []); }

    @api hold(participantType) { return this.action('hold', [participantType]); }

    @api resume(participantType) { return this.action('resume', [participantType]); }

    @api pauseRecording() { return this.action('pauseRecording', []); }

    @api resumeRecording() { return this.action('resumeRecording', []); }

    @api startPreviewCall(phoneNumber) { return this.action('startPreviewCall', [phoneNumber]); }

    @api merge() { return this.action('merge', []); }

    @api swap() { return this.action('swap', []); }

    @api addParticipant(contactType, contactValue, isBlindTransfer) {
        return this.action('addParticipant', [contactType, contactValue, isBlindTransfer]);
    }

    @api sendDigits(digits) { return this.action('sendDigits', [digits]); }

    @api updateNextBestActions(recordId, params) { return this.action('updateNextBestActions', [recordId, params]); }
}
