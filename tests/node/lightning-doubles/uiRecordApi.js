// TEST DOUBLE of lightning/uiRecordApi (see README.md). createRecord({apiName, fields}) and
// updateRecord({fields: {Id, ...}}) record a `record` effect and resolve a record {id, apiName,
// fields}; notifyRecordUpdateAvailable(recordIds) and the deprecated getRecordNotifyChange record a
// `refresh`. A call without the documented argument shape rejects, as Lightning Data Service does.
const fidelity = globalThis.__fidelity;

function invalid(message) {
    const error = new Error(message);
    error.body = { message };
    return Promise.reject(error);
}

export function createRecord(recordInput) {
    if (!recordInput || typeof recordInput.apiName !== 'string' || !recordInput.apiName
        || !recordInput.fields || typeof recordInput.fields !== 'object') {
        fidelity.effect({ effect: 'record', operation: 'create', apiName: recordInput && recordInput.apiName === undefined
            ? null : recordInput && recordInput.apiName, fields: (recordInput && recordInput.fields) || {} },
        'lightning/uiRecordApi createRecord', { rejected: true });
        return invalid('createRecord needs {apiName, fields}');
    }
    fidelity.effect({ effect: 'record', operation: 'create', apiName: recordInput.apiName, fields: recordInput.fields },
        'lightning/uiRecordApi createRecord');
    const id = fidelity.nextRecordId();
    return Promise.resolve({ id, apiName: recordInput.apiName, fields: {} });
}

export function updateRecord(recordInput) {
    const fields = recordInput && recordInput.fields;
    const idKey = fields && Object.keys(fields).find((key) => key.toLowerCase() === 'id');
    fidelity.effect({ effect: 'record', operation: 'update', apiName: null, fields: fields || {} },
        'lightning/uiRecordApi updateRecord', idKey && fields[idKey] ? undefined : { rejected: true });
    if (!idKey || !fields[idKey]) return invalid('updateRecord needs fields.Id');
    return Promise.resolve({ id: fields[idKey], apiName: null, fields: {} });
}

export function deleteRecord(recordId) {
    fidelity.effect({ effect: 'record', operation: 'delete', recordId }, 'lightning/uiRecordApi deleteRecord');
    return Promise.resolve();
}

export function notifyRecordUpdateAvailable(recordIds) {
    fidelity.effect({ effect: 'refresh' }, 'lightning/uiRecordApi notifyRecordUpdateAvailable', { recordIds });
    return Promise.resolve();
}

export function getRecordNotifyChange(recordIds) {
    fidelity.effect({ effect: 'refresh' }, 'lightning/uiRecordApi getRecordNotifyChange', { recordIds });
}

export function getFieldValue(record, field) {
    const name = typeof field === 'string' ? field.split('.').slice(1).join('.') : field && field.fieldApiName;
    const entry = record && record.fields && record.fields[name];
    return entry ? entry.value : undefined;
}

export function getFieldDisplayValue(record, field) {
    return getFieldValue(record, field);
}

class RecordWire {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {}

    disconnect() {}

    update(config) {
        fidelity.read('lightning/uiRecordApi getRecord');
        this.dataCallback({ data: undefined, error: { body: { message: `no record ${config && config.recordId} in the test` } } });
    }
}

export { RecordWire as getRecord, RecordWire as getRecords, RecordWire as getRecordCreateDefaults };
