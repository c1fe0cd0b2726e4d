// Members the API never had: a wrong case and an invented event.
function start() {
    sforce.opencti.searchAndscreenPop({ searchParams: '5551234', callType: 'inbound' });
    sforce.opencti.onReady({ listener: function () { console.log('ready'); } });
}
