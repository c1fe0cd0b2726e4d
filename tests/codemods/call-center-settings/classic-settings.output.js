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
            settingsCallback1.call(this, { result: JSON.stringify(ctimodConnectorConfig), error: null });
        } catch (error) {
            // Open CTI swallowed errors thrown by callbacks; so does init() for the legacy code's own
            // errors. TODO(ctimod): the legacy settings code failed here; see the console.
            console.error('ctimod: the legacy getCallCenterSettings callback failed', error);
        }
        return new InitResult({});
    }
