// The settings callback reads the vendor's items with the flat '/section/item' keys, then signals readiness.
var vendorServer;
var vendorTenant;

sforce.opencti.getCallCenterSettings({
    callback: function (response) {
        if (!response.success) { return; }
        vendorServer = response.returnValue['/VendorSettings/serverUrl'];
        vendorTenant = response.returnValue['/VendorSettings/tenant'];
        sforce.opencti.notifyInitializationComplete();
    }
});
