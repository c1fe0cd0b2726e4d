// A navigation listener that reads what a page reference cannot give (url, recordName): it is not
// registered (it would always see undefined); one that reads only recordId is.
var lastUrl = null;

function onNavigated(payload) {
    if (payload.url === lastUrl) { return; }
    lastUrl = payload.url;
    console.log('now on', payload.recordName);
}

function watchNavigation() {
    sforce.opencti.onNavigationChange({ listener: onNavigated });
    sforce.opencti.onNavigationChange({ listener: function (info) { console.log(info.recordId); } });
}
