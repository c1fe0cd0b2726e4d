// Page context: the current record, navigation changes, Classic page info and console detection.
var currentRecordId = null;

function readPage() {
    sforce.opencti.getAppViewInfo({
        callback: function (response) {
            if (response.success) { currentRecordId = response.returnValue.recordId; }
        }
    });
}

function watchNavigation() {
    sforce.opencti.onNavigationChange({
        listener: function (payload) { console.log('now on', payload.recordId); }
    });
}

function readClassicPage() {
    sforce.interaction.getPageInfo(function (response) {
        var info = JSON.parse(response.result);
        console.log(info.objectId);
    });
    sforce.interaction.isInConsole(function (response) {
        console.log('console?', response.result);
    });
}
