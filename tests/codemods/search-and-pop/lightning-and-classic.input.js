// searchAndScreenPop by caller number, Lightning and Classic, with the CALL_TYPE constant.
function onRinging(call) {
    sforce.opencti.searchAndScreenPop({
        searchParams: call.ani,
        queryParams: 'ani=' + call.ani,
        callType: sforce.opencti.CALL_TYPE.INBOUND,
        deferred: false,
        callback: function (response) {
            if (response.success) { lastMatches = response.returnValue; }
        }
    });
}

function onRingingClassic(ani) {
    sforce.interaction.searchAndScreenPop(ani, 'ani=' + ani, 'inbound', function (response) {
        var matches = JSON.parse(response.result);
        console.log('matches', Object.keys(matches).length);
    });
}
