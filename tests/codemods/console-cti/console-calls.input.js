// Console Integration Toolkit CTI calls mixed into a Classic adapter.
function registerConsoleHandlers() {
    sforce.console.cti.onCallBegin(function (result) { console.log('call began', result.id); });
    sforce.console.cti.onCallEnd(function (result) { console.log('call ended', result.id); });
    sforce.console.cti.onSendCTIMessage(function (message) { console.log('from console', message); });
}

function tellConsole(text) {
    sforce.console.cti.sendCTIMessage(text, function (result) { console.log(result.success); });
    sforce.console.cti.setCallAttachedData('CALL-1', '{"ani":"123"}', 'json', function (result) { console.log(result.success); });
}
