// line 3: sforce.opencti.searchAndScreenPop — manual
// becomes: Apex SOSL phone search (CtimodSoftphoneSearch.search) + NavigationMixin pop
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: onRinging() (nothing calls it yet) (throws until the component has lastMatches)
// todo: Softphone-layout search rules are not used by Voice. ctimod generated an Apex SOSL phone search (CtimodSoftphoneSearch.search over Contact, Account and Lead phone fields) that pops the single match, like a softphone layout with 'SingleMatch: PopToEntity'; check the objects searched, what happens on no or multiple matches, and consider matching at routing time in the Omni-Channel flow instead. Not used by the generated search: queryParams (the query string Open CTI appended to the pop URL, the flow arguments and the defaults of a new record the softphone layout would open); carry them into the pop by hand if they matter. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespond(this.ctimodSearchAndPop(call.ani, 'inbound' /* was sforce.opencti.CALL_TYPE.INBOUND */, { deferred: false }), (response) => {
            if (response.success) { lastMatches = response.returnValue; }
        })

// line 15: sforce.interaction.searchAndScreenPop — manual
// becomes: Apex SOSL phone search (CtimodSoftphoneSearch.search) + NavigationMixin pop
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: onRingingClassic() (nothing calls it yet)
// todo: Softphone-layout search rules are not used by Voice. ctimod generated an Apex SOSL phone search (CtimodSoftphoneSearch.search over Contact, Account and Lead phone fields) that pops the single match, like a softphone layout with 'SingleMatch: PopToEntity'; check the objects searched, what happens on no or multiple matches, and consider matching at routing time in the Omni-Channel flow instead. Not used by the generated search: queryParams (the query string Open CTI appended to the pop URL, the flow arguments and the defaults of a new record the softphone layout would open); carry them into the pop by hand if they matter. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespondClassic(this.ctimodSearchAndPop(ani, 'inbound', {  }), (response) => {
        var matches = JSON.parse(response.result);
        console.log('matches', Object.keys(matches).length);
    }, (matches) => JSON.stringify(matches))
