// line 2: sforce.interaction.cti.getCallCenterSettings — auto
// becomes: callback moved into the connector's init(config)
// lands in: connector/src/connector.js: init()
ctimodRespondClassic(Promise.resolve(ctimodConnectorConfig), function (response) {
    var settings = JSON.parse(response.result);
    window.vendorServer = settings['/VendorSettings/serverUrl'];
}, (config) => JSON.stringify(config))

// connector init() from classic-settings.js:2
async init(connectorConfig) {
        ctimodConnectorConfig = connectorConfig || {};
        // ctimod: the getCallCenterSettings callback, moved from classic-settings.js:2. The contact
        // center settings arrive with the same flat keys ('/reqGeneralInfo/reqInternalName', ...).
        const settingsCallback1 = function (response) {
            var settings = JSON.parse(response.result);
            window.vendorServer = settings['/VendorSettings/serverUrl'];
        };
        try {
            settingsCallback1.call(this, { result: JSON.stringify(ctimodConnectorConfig) });
        } catch (error) {
            // Open CTI swallowed errors thrown by callbacks, and the legacy softphone stopped there: the
            // connector must not report a log-in whose start-up failed (Salesforce shows CAN_NOT_LOG_IN).
            console.error("ctimod: the legacy getCallCenterSettings callback (classic-settings.js:2) failed in the connector", error);
            throw error;
        }
        return new InitResult({});
    }
