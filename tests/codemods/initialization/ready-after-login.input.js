// Readiness signalled after the vendor login, outside the settings callback.
function onVendorLoggedIn() {
    sforce.opencti.notifyInitializationComplete();
}

sforce.opencti.getCallCenterSettings({
    callback: function (response) {
        VendorPhone.login(response.returnValue['/VendorSettings/serverUrl'], onVendorLoggedIn);
    }
});
