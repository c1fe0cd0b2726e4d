// line 13: sforce.opencti.enableClickToDial — drop
// becomes: removed: Voice owns click-to-dial
// lands in: not moved
// todo: Check any logic that depended on when click-to-dial was enabled.
// reason: the Omni-Channel softphone owns click-to-dial in Voice
(nothing generated)

// line 14: sforce.opencti.onClickToDial — review
// becomes: listener moved into the connector's dial(contact)
// lands in: connector/src/connector.js: dial()
// todo: Use your vendor's call id as PhoneCall.callId so later ACCEPT/HOLD/END messages from Salesforce reach the same call. dial() runs the legacy listener, which uses VendorPhone: names the connector does not have (each throws until you provide it); load the vendor SDK in connector/index.html or import it.
void 0 /* ctimod: click-to-dial now arrives as the connector's dial(contact); this listener's body moved there */

// connector dial() from lightning-listener.js:4
async dial(contact, dialOptions) {
        void dialOptions; // TODO(ctimod): dialOptions.isCallback / isConsultCall for callbacks and consult calls
        // ctimod: the legacy listener, run with Salesforce's Contact (number -> contact.phoneNumber).
        // TODO(ctimod): click-to-dial payload.objectType has no Contact field: undefined here, as Salesforce sends no such value; set ctimodPayloadObjectType from your own data if the logic needs it.
        const ctimodPayloadObjectType = undefined;
        const ctimodListener = async () => {
            // only dial when the agent is free
            if (!agentAvailable) {
                return CTIMOD_NOT_DIALLED;
            }
            // TODO(ctimod): `VendorPhone` was a global of the legacy page (a vendor SDK?): load it in connector/index.html or import it here
            VendorPhone.dial(contact.phoneNumber, { recordId: contact.recordId, label: contact.name, kind: ctimodPayloadObjectType /* TODO(ctimod): click-to-dial payload.objectType has no Contact field */ });
        };
        const ctimodStandIns = ctimodMissing.errors.length;
        const outcome = await ctimodListener();
        // A stand-in reached by the listener, or by a callback it scheduled, fails the dial.
        await new Promise((ctimodSettle) => setTimeout(ctimodSettle, 0));
        if (ctimodMissing.errors.length > ctimodStandIns) {
            throw ctimodMissing.errors[ctimodStandIns];
        }
        if (outcome === CTIMOD_NOT_DIALLED) {
            throw ctimodNotDialled('The legacy click-to-dial logic did not dial this number');
        }
        return ctimodOutboundCall(contact);
    }
