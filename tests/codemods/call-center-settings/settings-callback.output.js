// line 5: sforce.opencti.getCallCenterSettings — auto
// becomes: callback moved into the connector's init(config)
// lands in: connector/src/connector.js: init()
ctimodRespond(Promise.resolve(ctimodConnectorConfig), function (response) {
        if (!response.success) { return; }
        vendorServer = response.returnValue['/VendorSettings/serverUrl'];
        vendorTenant = response.returnValue['/VendorSettings/tenant'];
        ctimodInitialized();
    })

// line 10: sforce.opencti.notifyInitializationComplete — auto
// becomes: init() resolves with an InitResult here
// lands in: connector/src/connector.js: init()
ctimodInitialized()

// connector init() from settings-callback.js:6
async init(connectorConfig) {
        ctimodConnectorConfig = connectorConfig || {};
        // ctimod: the legacy code signalled readiness with notifyInitializationComplete();
        // init() resolves then (ctimodInitialized), or after CTIMOD_INIT_TIMEOUT_MS.
        const ready = new Promise((resolve) => {
            ctimodReadyResolve = resolve;
            setTimeout(() => ctimodInitialized(), CTIMOD_INIT_TIMEOUT_MS);
        });
        // ctimod: the getCallCenterSettings callback, moved from settings-callback.js:6. The contact
        // center settings arrive with the same flat keys ('/reqGeneralInfo/reqInternalName', ...).
        const settingsCallback1 = function (response) {
            if (!response.success) { return; }
            vendorServer = response.returnValue['/VendorSettings/serverUrl'];
            vendorTenant = response.returnValue['/VendorSettings/tenant'];
            ctimodInitialized();
        };
        try {
            settingsCallback1.call(this, { success: true, returnValue: ctimodConnectorConfig, errors: null });
        } catch (error) {
            // Open CTI swallowed errors thrown by callbacks, and the legacy softphone stopped there: the
            // connector must not report a log-in whose start-up failed (Salesforce shows CAN_NOT_LOG_IN).
            console.error("ctimod: the legacy getCallCenterSettings callback (settings-callback.js:6) failed in the connector", error);
            throw error;
        }
        return ready;
    }
