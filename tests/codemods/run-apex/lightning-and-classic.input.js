// runApex with a literal query string, Classic with a parameter, and a class chosen at run time.
function lookupCustomer(phone) {
    sforce.opencti.runApex({
        apexClass: 'CustomerLookup',
        methodName: 'byPhone',
        methodParams: 'phone=' + encodeURIComponent(phone) + '&limit=5',
        callback: function (response) {
            if (response.success) { showCustomer(JSON.parse(response.returnValue.runApex)); }
        }
    });
}

function scoreAccount(accountId) {
    sforce.interaction.runApex('AccountScoring', 'score', 'accountId=' + accountId, function (response) {
        console.log('score', response.result);
    });
}

function callConfigured(settings) {
    sforce.opencti.runApex({ apexClass: settings.apexClass, methodName: 'ping', methodParams: '' });
}
