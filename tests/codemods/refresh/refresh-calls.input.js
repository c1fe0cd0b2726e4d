// Refreshing the page after a log, Lightning and Classic, and a Classic Case Feed call.
function afterLog() {
    sforce.opencti.refreshView({ callback: function (response) { console.log('refreshed', response.success); } });
}

function afterLogClassic() {
    sforce.interaction.refreshPage(function (response) { console.log(response.result); });
    sforce.interaction.refreshRelatedList('Activities', function (response) { console.log(response.result); });
    sforce.interaction.entityFeed.reloadFrame();
}
