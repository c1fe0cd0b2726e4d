// Classic click-to-dial: the payload arrives as a JSON string in response.result.
sforce.interaction.cti.enableClickToDial();
sforce.interaction.cti.onClickToDial(function (response) {
    var data = JSON.parse(response.result);
    VendorPhone.dial(data.number, data.objectId);
});
sforce.interaction.cti.getDirectoryNumbers(true, null, function (response) {
    console.log('directory', response.result);
});
