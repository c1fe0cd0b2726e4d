// Reading the softphone layout (no Voice equivalent), Lightning and Classic.
function loadLayout() {
    sforce.opencti.getSoftphoneLayout({
        callback: function (response) {
            if (!response.success) { console.warn('no layout'); return; }
            popRules = response.returnValue.Inbound.screenPopSettings;
        }
    });
}

function loadClassicLayout() {
    sforce.interaction.cti.getSoftphoneLayout(function (response) { console.log(response.result); });
}
