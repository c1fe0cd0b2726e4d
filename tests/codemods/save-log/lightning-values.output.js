// line 3: sforce.opencti.saveLog — review
// becomes: lightning/uiRecordApi createRecord
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: logCall() (nothing calls it yet)
// todo: Check the fields: Voice keeps call data on the VoiceCall record (Lightning Data Service may update its custom fields and CallResolution, RelatedRecordId, Description); move Task-based call logging there if that is what your reports read. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespond(createRecord({ apiName: 'Task', fields: { Subject: 'Call ' + call.ani, WhoId: call.contactId, CallDurationInSeconds: seconds } }).then((record) => ({ recordId: record.id })), (response) => {
            if (response.success) { call.taskId = response.returnValue.recordId; }
        })

// line 12: sforce.opencti.saveLog — review
// becomes: lightning/uiRecordApi updateRecord
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: closeTask() (nothing calls it yet)
// todo: Check the fields: Voice keeps call data on the VoiceCall record (Lightning Data Service may update its custom fields and CallResolution, RelatedRecordId, Description); move Task-based call logging there if that is what your reports read. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
updateRecord({ fields: { Id: taskId, Status: 'Completed' } }).then((record) => ({ recordId: record.id }))

// line 16: sforce.opencti.saveLog — review
// becomes: createRecord / updateRecord chosen at run time by ctimodSaveLog()
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: logPrepared() (nothing calls it yet)
// todo: Check the fields: Voice keeps call data on the VoiceCall record (Lightning Data Service may update its custom fields and CallResolution, RelatedRecordId, Description); move Task-based call logging there if that is what your reports read. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodSaveLog(task)
