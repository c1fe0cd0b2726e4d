// Classic saveLog: the fields arrive as a query string, literal or built at run time.
function logInbound(contactId, notes) {
    sforce.interaction.saveLog('Task', 'Subject=Inbound%20call&WhoId=' + contactId + '&Description=' + encodeURIComponent(notes), function (response) {
        if (response.error) { console.error(response.error); }
    });
}

function logAnything(objectName, query) {
    sforce.interaction.saveLog(objectName, query);
}
