// Panel calls of both families: visibility, size, label, and "is it visible?".
function showSoftphone() {
    sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    sforce.opencti.setSoftphonePanelHeight({ heightPX: 480 });
    sforce.opencti.setSoftphonePanelLabel({ label: 'On call' });
    sforce.opencti.isSoftphonePanelVisible({
        callback: function (response) {
            if (response.success && !response.returnValue.visible) { console.log('hidden'); }
        }
    });
}

function showClassic() {
    sforce.interaction.setVisible(true, function (response) { console.log(response.result); });
    sforce.interaction.cti.setSoftphoneHeight(400);
}
