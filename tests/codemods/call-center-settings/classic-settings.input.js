// Classic: the settings arrive as a JSON string.
sforce.interaction.cti.getCallCenterSettings(function (response) {
    var settings = JSON.parse(response.result);
    window.vendorServer = settings['/VendorSettings/serverUrl'];
});
