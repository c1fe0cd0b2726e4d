// line 3: sforce.interaction.saveLog — review
// becomes: createRecord / updateRecord with the query string parsed into fields
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: logInbound() (nothing calls it yet)
// todo: Check the fields: Voice keeps call data on the VoiceCall record (Lightning Data Service may update its custom fields and CallResolution, RelatedRecordId, Description); move Task-based call logging there if that is what your reports read. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespondClassic(ctimodSaveRecord("Task", { Subject: "Inbound call", WhoId: contactId, Description: notes }), (response) => {
        if (response.error) { console.error(response.error); }
    }, () => true, (record) => ({ id: record.id }), false)

// line 9: sforce.interaction.saveLog — review
// becomes: createRecord / updateRecord via ctimodParseQuery()
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: logAnything() (nothing calls it yet)
// todo: Check the fields: Voice keeps call data on the VoiceCall record (Lightning Data Service may update its custom fields and CallResolution, RelatedRecordId, Description); move Task-based call logging there if that is what your reports read. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodSaveRecord(objectName, ctimodParseQuery(query))
