// line 2: sforce.interaction.cti.enableClickToDial — drop
// becomes: removed: Voice owns click-to-dial
// lands in: not moved
// todo: Check any logic that depended on when click-to-dial was enabled.
// reason: the Omni-Channel softphone owns click-to-dial in Voice
(nothing generated)

// line 3: sforce.interaction.cti.onClickToDial — review
// becomes: listener moved into the connector's dial(contact)
// lands in: connector/src/connector.js: dial()
// todo: Use your vendor's call id as PhoneCall.callId so later ACCEPT/HOLD/END messages from Salesforce reach the same call. dial() runs the legacy listener, which uses VendorPhone: names the connector does not have (each throws until you provide it); load the vendor SDK in connector/index.html or import it.
void 0 /* ctimod: click-to-dial now arrives as the connector's dial(contact); this listener's body moved there */

// line 7: sforce.interaction.cti.getDirectoryNumbers — review
// becomes: replaced by the connector's getPhoneContacts(filter)
// lands in: not moved
// todo: the phone book now comes from the vendor: implement the connector's getPhoneContacts(filter) (PhoneContactsResult) with the directory this call read
(nothing generated)

// connector dial() from classic-listener.js:3
async dial(contact, dialOptions) {
        void dialOptions; // TODO(ctimod): dialOptions.isCallback / isConsultCall for callbacks and consult calls
        // ctimod: the legacy listener, run with Salesforce's Contact (number -> contact.phoneNumber).
        const ctimodListener = async () => {
            // eslint-disable-next-line no-unused-vars -- TODO(ctimod): `data` is assigned and never used here; remove it once nothing depends on it
            var data = contact;
            // TODO(ctimod): `VendorPhone` was a global of the legacy page (a vendor SDK?): load it in connector/index.html or import it here
            VendorPhone.dial(contact.phoneNumber, contact.recordId);
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
