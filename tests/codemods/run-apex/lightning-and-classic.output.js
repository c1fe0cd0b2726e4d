// line 3: sforce.opencti.runApex — review
// becomes: imperative Apex CustomerLookupVoice.byPhone (@AuraEnabled, delegates to CustomerLookup.byPhone)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: lookupCustomer() (nothing calls it yet) (throws until the component has showCustomer)
// todo: Deploy CustomerLookupVoice.cls; check that its parameter types match what CustomerLookup.byPhone expects (runApex sent every value as a string) and the class's sharing. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespond(byPhone({ phone: phone, limit: "5" }), (response) => {
            if (response.success) { showCustomer(JSON.parse(response.returnValue.runApex)); }
        }, (value) => ({ runApex: value }))

// line 14: sforce.interaction.runApex — review
// becomes: imperative Apex AccountScoringVoice.score (@AuraEnabled, delegates to AccountScoring.score)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: scoreAccount() (nothing calls it yet)
// todo: Deploy AccountScoringVoice.cls; check that its parameter types match what AccountScoring.score expects (runApex sent every value as a string) and the class's sharing. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespondClassic(score({ accountId: accountId }), (response) => {
        console.log('score', response.result);
    })

// line 20: sforce.opencti.runApex — manual
// becomes: kept as a TODO
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: callConfigured() (nothing calls it yet)
// todo: Import the @AuraEnabled method this call needs with "import m from '@salesforce/apex/Class.method'" and call it. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: the Apex class or method name is computed at run time; LWC can only import Apex methods by a name known at build time
ctimodUnsupported('runApex') /* TODO(ctimod): Import the @AuraEnabled method this call needs with "import m from '@salesforce/apex/Class.method'" and call it. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it. */
