// line 3: sforce.opencti.notifyInitializationComplete — auto
// becomes: init() resolves with an InitResult here
// lands in: connector/src/connector.js: onVendorLoggedIn (carried)
ctimodInitialized()

// line 6: sforce.opencti.getCallCenterSettings — review
// becomes: callback moved into the connector's init(config)
// lands in: connector/src/connector.js: init()
// todo: init() runs the legacy settings callback, which uses VendorPhone: names the connector does not have (each throws until you provide it; init() fails when the settings code reached one).
ctimodRespond(Promise.resolve(ctimodConnectorConfig), function (response) {
        VendorPhone.login(response.returnValue['/VendorSettings/serverUrl'], onVendorLoggedIn);
    })

// connector init() from ready-after-login.js:7
async init(connectorConfig) {
        ctimodConnectorConfig = connectorConfig || {};
        const ctimodStandIns = ctimodMissing.errors.length;
        // ctimod: the legacy code signalled readiness with notifyInitializationComplete();
        // init() resolves then (ctimodInitialized), or after CTIMOD_INIT_TIMEOUT_MS.
        const ready = new Promise((resolve) => {
            ctimodReadyResolve = resolve;
            setTimeout(() => ctimodInitialized(), CTIMOD_INIT_TIMEOUT_MS);
        });
        // ctimod: the getCallCenterSettings callback, moved from ready-after-login.js:7. The contact
        // center settings arrive with the same flat keys ('/reqGeneralInfo/reqInternalName', ...).
        const settingsCallback1 = function (response) {
            // TODO(ctimod): `VendorPhone` was a global of the legacy page (a vendor SDK?): load it in connector/index.html or import it here
            VendorPhone.login(response.returnValue['/VendorSettings/serverUrl'], onVendorLoggedIn);
        };
        try {
            settingsCallback1.call(this, { success: true, returnValue: ctimodConnectorConfig, errors: null });
        } catch (error) {
            // Open CTI swallowed errors thrown by callbacks, and the legacy softphone stopped there: the
            // connector must not report a log-in whose start-up failed (Salesforce shows CAN_NOT_LOG_IN).
            console.error("ctimod: the legacy getCallCenterSettings callback (ready-after-login.js:7) failed in the connector", error);
            throw error;
        }
        // A stand-in reached by the settings code, or by a callback it scheduled, fails init():
        // the legacy page had the real thing.
        await new Promise((ctimodSettle) => setTimeout(ctimodSettle, 0));
        if (ctimodMissing.errors.length > ctimodStandIns) {
            throw ctimodMissing.errors[ctimodStandIns];
        }
        return ready;
    }
