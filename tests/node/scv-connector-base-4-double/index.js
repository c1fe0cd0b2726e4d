// TEST DOUBLE of @salesforce/scv-connector-base 4.x (see README.md): the contract, not the product.
/* eslint-disable max-classes-per-file */

function enumOf(keys, values) {
    return Object.freeze(Object.fromEntries(keys.map((key, i) => [key, values ? values[i] : key])));
}

export const Constants = Object.freeze({
    SHARED_EVENT_TYPE: enumOf(['LOGIN_RESULT', 'LOGOUT_RESULT', 'MESSAGE', 'SET_AGENT_STATUS', 'GET_AGENT_STATUS',
        'STATE_CHANGE', 'STORAGE_ACCESS_RESULT', 'GET_CONTACTS_RESULT', 'AFTER_CONVERSATION_WORK_STARTED',
        'AFTER_CONVERSATION_WORK_ENDED']),
    VOICE_EVENT_TYPE: enumOf(['CALL_STARTED', 'QUEUED_CALL_STARTED', 'CALL_CONNECTED', 'HANGUP', 'MUTE_TOGGLE',
        'HOLD_TOGGLE', 'RECORDING_TOGGLE', 'PARTICIPANTS_SWAPPED', 'PARTICIPANTS_CONFERENCED', 'PARTICIPANT_ADDED',
        'PARTICIPANT_CONNECTED', 'PARTICIPANT_REMOVED', 'AFTER_CALL_WORK_STARTED', 'WRAP_UP_ENDED', 'AGENT_ERROR',
        'SOFTPHONE_ERROR', 'UPDATE_AUDIO_STATS', 'CALL_BARGED_IN', 'SUPERVISOR_BARGED_IN', 'SUPERVISOR_CALL_STARTED',
        'SUPERVISOR_CALL_CONNECTED', 'SUPERVISOR_HANGUP', 'SHOW_TRANSFER_VIEW', 'AUDIO_STATS', 'CALL_UPDATED']),
    SHARED_ERROR_TYPE: enumOf(['GENERIC_ERROR', 'INVALID_AGENT_STATUS']),
    VOICE_ERROR_TYPE: enumOf(['INVALID_PARTICIPANT', 'INVALID_DESTINATION', 'CAN_NOT_UPDATE_PHONE_NUMBER', 'INVALID_PARAMS']),
    AGENT_STATUS: enumOf(['ONLINE', 'OFFLINE', 'ACW'], ['Online', 'Offline', 'AfterCallWork']),
    PARTICIPANT_TYPE: enumOf(['AGENT', 'INITIAL_CALLER', 'THIRD_PARTY', 'SUPERVISOR'],
        ['Agent', 'Initial_Caller', 'Third_Party', 'Supervisor']),
    CALL_TYPE: enumOf(['INBOUND', 'OUTBOUND', 'CALLBACK', 'ADD_PARTICIPANT', 'TRANSFER', 'INTERNAL_CALL',
        'DIALED_CALLBACK', 'CONSULT'], ['Inbound', 'Outbound', 'Callback', 'AddParticipant', 'Transfer',
        'InternalCall', 'DialedCallback', 'Consult']),
    CALL_SUBTYPE: enumOf(['PSTN', 'WEB_RTC'], ['PSTN', 'WebRTC']),
    DIALER_TYPE: enumOf(['OUTBOUND_PREVIEW', 'NONE'], ['OutboundPreview', 'None']),
    CONTACT_TYPE: enumOf(['PHONEBOOK', 'QUEUE', 'PHONENUMBER', 'AGENT', 'FLOW'],
        ['PhoneBook', 'Queue', 'PhoneNumber', 'Agent', 'Flow']),
    CONTACT_LIST_TYPE: enumOf(['TRANSFER', 'CONFERENCE', 'ALL'], ['Transfer', 'Conference', 'All']),
    CALL_STATE: enumOf(['RINGING', 'CONNECTED', 'TRANSFERRING', 'TRANSFERRED', 'ENDED'],
        ['ringing', 'connected', 'transferring', 'transferred', 'ended']),
    HANGUP_REASON: enumOf(['PHONE_CALL_ERROR', 'PHONE_CALL_ENDED'], ['error', 'ended']),
    PHONE_TYPE: enumOf(['DESK_PHONE', 'SOFT_PHONE']),
    AGENT_AVAILABILITY: enumOf(['AVAILABLE', 'BUSY', 'OFFLINE']),
    REMOVE_PARTICIPANT_VARIANT: enumOf(['ALWAYS', 'NEVER', 'ALWAYS_EXCEPT_ON_HOLD']),
    LOG_LEVEL: enumOf(['ERROR', 'INFO']),
    CONTACTS_FILTER_TYPES: enumOf(['AGENT', 'QUEUE', 'CONTACT', 'DIRECTORY', 'FLOW', 'AVAILABLE']),
    WORK_EVENT: enumOf(['ASSIGNED', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'CLOSED', 'PAUSED', 'UNPAUSED']),
    HANGUP_STATUS: enumOf(['MISSED_AGENT', 'DECLINED', 'FAILED_CONNECT_AGENT', 'FAILED_CONNECT_CUSTOMER',
        'CALLBACK_MISSED_OR_REJECTED'], ['MissedCallAgent', 'DeclinedByAgent', 'FailedConnectAgent',
        'FailedConnectCustomer', 'CallbackMissedOrRejected'])
});

export const Validator = {
    validateClassObject(object, cls) {
        if (!(object instanceof cls)) {
            throw new Error(`Invalid argument. Expecting a ${cls.name} but got ${object && object.constructor ? object.constructor.name : typeof object}`);
        }
    },
    validateEnum(value, values) {
        if (!values.includes(value)) throw new Error(`Invalid argument. Expecting a value from ${JSON.stringify(values)} but got ${value}`);
    },
    validateString(value) {
        if (typeof value !== 'string') throw new Error(`Invalid argument. Expecting a string but got ${typeof value}`);
    },
    validateBoolean(value) {
        if (typeof value !== 'boolean') throw new Error(`Invalid argument. Expecting a boolean but got ${typeof value}`);
    }
};

export class CustomError extends Error {
    constructor({ labelName, namespace, message }) {
        super(message);
        this.labelName = labelName;
        this.namespace = namespace;
    }
}
export class Phone { constructor({ type, number }) { Validator.validateEnum(type, Object.values(Constants.PHONE_TYPE)); this.type = type; this.number = number; } }
export class InitResult {
    constructor({ showLogin = false, loginFrameHeight = 350, isSilentLogin = false, showStorageAccess = false }) {
        Object.assign(this, { showLogin, loginFrameHeight, isSilentLogin, showStorageAccess });
    }
}
export class GenericResult { constructor({ success }) { this.success = success; } }
export class LogoutResult { constructor({ success, loginFrameHeight = 350 }) { Object.assign(this, { success, loginFrameHeight }); } }
export class SetAgentStateResult { constructor({ success, isStatusSyncNeeded = true }) { Object.assign(this, { success, isStatusSyncNeeded }); } }
export class SetAgentConfigResult { constructor({ success, isSystemEvent = false }) { Object.assign(this, { success, isSystemEvent }); } }
export class CallInfo {
    constructor({ callStateTimestamp = null, isOnHold, isMuted = false, isRecordingPaused = false, initialCallId, queueId = null,
        queueName = null, queueTimestamp = null, isSoftphoneCall = true, additionalFields, isMultiParty, isHIDCall,
        endCallDisabled, renderContactId, removeParticipantVariant = Constants.REMOVE_PARTICIPANT_VARIANT.ALWAYS, ...rest }) {
        Object.assign(this, { callStateTimestamp, isOnHold, isMuted, isRecordingPaused, initialCallId, queueId, queueName,
            queueTimestamp, isSoftphoneCall, additionalFields, isMultiParty, isHIDCall, endCallDisabled, renderContactId,
            removeParticipantVariant }, rest);
    }
}
export class Contact {
    constructor({ phoneNumber, id, type, name, prefix, extension, endpointARN, queue, availability, recordId, description,
        queueWaitTime, listType } = {}) {
        if (type) Validator.validateEnum(type, Object.values(Constants.CONTACT_TYPE));
        Object.assign(this, { phoneNumber, id, type, name, prefix, extension, endpointARN, queue, availability, recordId,
            description, queueWaitTime, listType });
    }
}
export class PhoneCallAttributes {
    constructor({ voiceCallId, participantType, dialerType = Constants.DIALER_TYPE.NONE, parentId, isOnHold,
        hasSupervisorBargedIn = false, isAutoMergeOn, isConsultCall }) {
        if (participantType) Validator.validateEnum(participantType, Object.values(Constants.PARTICIPANT_TYPE));
        Object.assign(this, { voiceCallId, participantType, dialerType, parentId, isOnHold, hasSupervisorBargedIn,
            isAutoMergeOn, isConsultCall });
    }
}
export class PhoneCall {
    constructor({ callId, callType, callSubtype, contact, state, callAttributes, phoneNumber, callInfo, reason,
        closeCallOnError, agentStatus, agentARN, fromContact, toContact, connectionId }) {
        if (callId) { Validator.validateString(callId); this.callId = callId; }
        if (callType) { Validator.validateEnum(callType, Object.values(Constants.CALL_TYPE)); this.callType = callType; }
        if (callSubtype) { Validator.validateEnum(callSubtype, Object.values(Constants.CALL_SUBTYPE)); this.callSubtype = callSubtype; }
        if (phoneNumber) { Validator.validateString(phoneNumber); this.phoneNumber = phoneNumber; }
        if (callInfo) { Validator.validateClassObject(callInfo, CallInfo); this.callInfo = callInfo; }
        if (contact) { Validator.validateClassObject(contact, Contact); this.contact = contact; }
        Object.assign(this, { state, callAttributes, reason, closeCallOnError, agentStatus, agentARN, fromContact, toContact,
            connectionId });
    }
}
export class CallResult { constructor({ call }) { if (call !== undefined) Validator.validateClassObject(call, PhoneCall); this.call = call; } }
export class HangupResult {
    constructor({ calls }) {
        const list = calls instanceof Array ? calls : [calls];
        list.forEach((call) => Validator.validateClassObject(call, PhoneCall));
        this.calls = list;
    }
}
export class HoldToggleResult {
    constructor({ isThirdPartyOnHold, isCustomerOnHold, calls, isCallMerged }) {
        if (calls) Object.values(calls).forEach((call) => Validator.validateClassObject(call, PhoneCall));
        Object.assign(this, { isThirdPartyOnHold, isCustomerOnHold, calls, isCallMerged });
    }
}
export class MuteToggleResult { constructor({ isMuted, call, isGlobal }) { Object.assign(this, { isMuted, call, isGlobal }); } }
export class ActiveCallsResult {
    constructor({ activeCalls = [] }) {
        activeCalls.forEach((call) => Validator.validateClassObject(call, PhoneCall));
        this.activeCalls = activeCalls;
    }
}
export class ContactsResult { constructor({ contacts = [], contactTypes = [] }) { contacts.forEach((c) => Validator.validateClassObject(c, Contact)); Object.assign(this, { contacts, contactTypes }); } }
export class PhoneContactsResult extends ContactsResult {}
export class ParticipantResult {
    constructor({ initialCallHasEnded, callInfo, callAttributes, phoneNumber, callId, contact, connectionId }) {
        Validator.validateClassObject(callInfo, CallInfo);
        Object.assign(this, { initialCallHasEnded, callInfo, callAttributes, phoneNumber, callId, contact, connectionId });
    }
}
export class RecordingToggleResult {
    constructor({ isRecordingPaused, contactId = null, initialContactId = null, instanceId = null, region = null }) {
        Object.assign(this, { isRecordingPaused, contactId, initialContactId, instanceId, region });
    }
}
export class AgentConfigResult {
    constructor({ phones = [Constants.PHONE_TYPE.SOFT_PHONE], selectedPhone = new Phone({ type: Constants.PHONE_TYPE.SOFT_PHONE }),
        speakerDeviceId, microphoneDeviceId }) {
        Object.assign(this, { phones, selectedPhone, speakerDeviceId, microphoneDeviceId });
    }
}
export class AgentConfig { constructor({ selectedPhone, speakerDeviceId, microphoneDeviceId, hidDeviceInfo }) { Object.assign(this, { selectedPhone, speakerDeviceId, microphoneDeviceId, hidDeviceInfo }); } }
export class SignedRecordingUrlResult {
    constructor({ success, url, duration, callId }) {
        if (success) Validator.validateString(url);
        Object.assign(this, { success, url, duration, callId });
    }
}
export class SharedCapabilitiesResult {
    constructor({ debugEnabled = true, hasContactSearch = false, hasAgentAvailability = false, hasQueueWaitTime = false,
        hasTransferToOmniFlow = false, hasPendingStatusChange = false, hasSFDCPendingState = false, hasAutoAcceptEnabled = false }) {
        Object.assign(this, { debugEnabled, hasContactSearch, hasAgentAvailability, hasQueueWaitTime, hasTransferToOmniFlow,
            hasPendingStatusChange, hasSFDCPendingState, hasAutoAcceptEnabled });
    }
}
export class VoiceCapabilitiesResult {
    constructor({ hasMute = true, hasRecord = true, hasMerge = true, hasSwap = true, hasBlindTransfer = false,
        hasSignedRecordingUrl = false, supportsMos = false, hasSupervisorListenIn = false, hasSupervisorBargeIn = false,
        hasPhoneBook = false, canConsult = false, isDialPadDisabled = false, isHidSupported = false, isPhoneBookDisabled = false }) {
        Object.assign(this, { hasMute, hasRecord, hasMerge, hasSwap, hasBlindTransfer, hasSignedRecordingUrl, supportsMos,
            hasSupervisorListenIn, hasSupervisorBargeIn, hasPhoneBook, canConsult, isDialPadDisabled, isHidSupported,
            isPhoneBookDisabled });
    }
}
export class AgentStatusInfo { constructor({ statusId, statusApiName, statusName }) { Validator.validateString(statusId); Object.assign(this, { statusId, statusApiName, statusName }); } }
export class AgentVendorStatusInfo { constructor({ statusId, statusType, statusName }) { Object.assign(this, { statusId, statusType, statusName }); } }
export class StateChangeResult { constructor({ newVendorStateInfo, oldVendorStateInfo }) { Object.assign(this, { newVendorStateInfo, oldVendorStateInfo }); } }
export class AudioDevicesResult { constructor({ audioDevices = [] }) { this.audioDevices = audioDevices; } }
export class DialOptions { constructor({ isCallback = false, isConsultCall = false } = {}) { Object.assign(this, { isCallback, isConsultCall }); } }
export class ContactsFilter { constructor({ contains, limit = 50, offset = 0, types = [] } = {}) { Object.assign(this, { contains, limit, offset, types }); } }
export class AgentWork { constructor({ workItemId, workId, workEvent }) { Object.assign(this, { workItemId, workId, workEvent }); } }
export class ACWInfo { constructor({ agentWorkId, workItemId }) { if (!agentWorkId && !workItemId) throw new Error('ACWInfo needs agentWorkId or workItemId'); Object.assign(this, { agentWorkId, workItemId }); } }
export class ShowStorageAccessResult { constructor({ success, showLogin, loginFrameHeight }) { Object.assign(this, { success, showLogin, loginFrameHeight }); } }
export class HidDevice { constructor({ productId, vendorId }) { Object.assign(this, { productId, vendorId }); } }

function notImplemented(name) { return () => { throw new Error(`Not implemented: ${name}`); }; }

export class TelephonyConnector {}
['getActiveCalls', 'acceptCall', 'declineCall', 'endCall', 'mute', 'unmute', 'hold', 'resume', 'dial', 'sendDigits',
    'getPhoneContacts', 'swap', 'conference', 'addParticipant', 'pauseRecording', 'resumeRecording', 'getAgentConfig',
    'setAgentConfig', 'getVoiceCapabilities', 'wrapUpCall', 'getSignedRecordingUrl', 'superviseCall',
    'supervisorDisconnect', 'supervisorBargeIn', 'getAudioDevices'].forEach((name) => {
    TelephonyConnector.prototype[name] = notImplemented(`TelephonyConnector.${name}`);
});
export class VendorConnector {}
['init', 'getTelephonyConnector', 'onAgentWorkEvent', 'setAgentStatus', 'getAgentStatus', 'logout', 'handleMessage',
    'getContacts', 'getAudioDevices', 'getSharedCapabilities'].forEach((name) => {
    VendorConnector.prototype[name] = notImplemented(`VendorConnector.${name}`);
});
VendorConnector.prototype.downloadLogs = function downloadLogs() {};
VendorConnector.prototype.logMessageToVendor = function logMessageToVendor() {};

let vendorConnector;
let telephonyConnector;
let channelPort;
const SALESFORCE_ORIGIN = /^https:\/\/[\w-.]+(\.lightning\.force\.com|\.vf\.force\.com|\.salesforce\.com|\.my\.salesforce-sites\.com)$/;

function post(type, payload) { channelPort.postMessage({ type, payload }); }
function dispatchEvent(eventType, payload) { post('TELEPHONY_EVENT_DISPATCHED', { telephonyEventType: eventType, telephonyEventPayload: payload }); }
function dispatchError(errorType, error, eventType) {
    dispatchEvent('ERROR', { message: errorType, additionalInfo: String(error && error.message || error), eventType });
}
export function log(...args) { return args; }
export function publishLog({ eventType, payload, isError }) { post('LOG', { eventType, payload, isError }); }
export function publishError({ eventType, error }) { dispatchError('GENERIC_ERROR', error, eventType); }

const PAYLOAD_CLASS = {
    LOGIN_RESULT: GenericResult, LOGOUT_RESULT: LogoutResult, CALL_STARTED: CallResult, QUEUED_CALL_STARTED: CallResult,
    CALL_CONNECTED: CallResult, CALL_UPDATED: CallResult, HANGUP: HangupResult, PARTICIPANT_ADDED: ParticipantResult,
    PARTICIPANT_CONNECTED: ParticipantResult, PARTICIPANT_REMOVED: CallResult, MUTE_TOGGLE: MuteToggleResult,
    HOLD_TOGGLE: HoldToggleResult, RECORDING_TOGGLE: RecordingToggleResult, SET_AGENT_STATUS: AgentStatusInfo
};
export async function publishEvent({ eventType, payload }) {
    const cls = PAYLOAD_CLASS[eventType];
    try {
        if (cls) Validator.validateClassObject(payload, cls);
    } catch (error) {
        dispatchError('INVALID_PAYLOAD', error, eventType);
        return;
    }
    dispatchEvent(eventType, payload instanceof CallResult ? payload.call : payload instanceof HangupResult ? payload.calls : payload);
    if (eventType === 'LOGIN_RESULT' && payload.success) await setConnectorReady();
}

async function setConnectorReady() {
    const agentConfig = await telephonyConnector.getAgentConfig();
    Validator.validateClassObject(agentConfig, AgentConfigResult);
    const shared = await vendorConnector.getSharedCapabilities();
    Validator.validateClassObject(shared, SharedCapabilitiesResult);
    const voice = await telephonyConnector.getVoiceCapabilities();
    Validator.validateClassObject(voice, VoiceCapabilitiesResult);
    const active = await telephonyConnector.getActiveCalls();
    Validator.validateClassObject(active, ActiveCallsResult);
    post('CONNECTOR_READY', { agentConfig: { PHONES: agentConfig.phones, SELECTED_PHONE: agentConfig.selectedPhone },
        capabilities: { ...shared, ...voice }, callInProgress: active.activeCalls.length ? active.activeCalls[0] : null });
}

async function handle(step, fn) {
    try { await fn(); } catch (error) { dispatchError(`CAN_NOT_${step}`, error, step); }
}

async function channelMessageHandler(message) {
    const data = message.data;
    switch (data.type) {
        case 'ACCEPT_CALL': return handle('ACCEPT_THE_CALL', async () => {
            const result = await telephonyConnector.acceptCall(data.call);
            Validator.validateClassObject(result, CallResult);
            dispatchEvent(result.call.callType === Constants.CALL_TYPE.CALLBACK ? 'CALL_STARTED' : 'CALL_CONNECTED', result.call);
        });
        case 'DECLINE_CALL': return handle('DECLINE_THE_CALL', async () => {
            const result = await telephonyConnector.declineCall(data.call);
            Validator.validateClassObject(result, CallResult);
            dispatchEvent('HANGUP', result.call);
        });
        case 'END_CALL': return handle('END_THE_CALL', async () => {
            const result = await telephonyConnector.endCall(data.call, data.agentStatus);
            Validator.validateClassObject(result, HangupResult);
            const active = await telephonyConnector.getActiveCalls();
            Validator.validateClassObject(active, ActiveCallsResult);
            dispatchEvent(active.activeCalls.length === 0 ? 'HANGUP' : 'PARTICIPANT_REMOVED',
                active.activeCalls.length === 0 ? result.calls : result.calls[0]);
        });
        case 'MUTE': case 'UNMUTE': return handle(`${data.type}_CALL`, async () => {
            const result = await (data.type === 'MUTE' ? telephonyConnector.mute(data.call) : telephonyConnector.unmute(data.call));
            Validator.validateClassObject(result, MuteToggleResult);
            dispatchEvent('MUTE_TOGGLE', result);
        });
        case 'HOLD': case 'RESUME': return handle(`${data.type}_CALL`, async () => {
            const result = await (data.type === 'HOLD' ? telephonyConnector.hold(data.call) : telephonyConnector.resume(data.call));
            Validator.validateClassObject(result, HoldToggleResult);
            dispatchEvent('HOLD_TOGGLE', result);
        });
        case 'DIAL': {
            try {
                const result = await telephonyConnector.dial(new Contact(data.contact), new DialOptions(data.dialOptions || {}));
                Validator.validateClassObject(result, CallResult);
                dispatchEvent('CALL_STARTED', result.call);
            } catch (error) {
                dispatchEvent('CALL_FAILED');
                dispatchError('CAN_NOT_START_THE_CALL', error, 'DIAL');
            }
            return undefined;
        }
        case 'SEND_DIGITS': return handle('SEND_DIGITS', () => telephonyConnector.sendDigits(data.digits));
        case 'SET_AGENT_STATUS': return handle('SET_AGENT_STATUS', async () => {
            const result = await vendorConnector.setAgentStatus(data.agentStatus, data.statusInfo, data.enqueueNextState);
            dispatchEvent('SET_AGENT_STATUS_RESULT', { success: Boolean(result && result.success) });
        });
        case 'AGENT_WORK_EVENT': return handle('AGENT_WORK_EVENT', () => vendorConnector.onAgentWorkEvent(new AgentWork(data.agentWork || {})));
        case 'MESSAGE': return handle('MESSAGE', () => vendorConnector.handleMessage(data.message));
        case 'LOGOUT': return handle('LOG_OUT', async () => {
            const result = await vendorConnector.logout();
            Validator.validateClassObject(result, LogoutResult);
            dispatchEvent('LOGOUT_RESULT', result);
        });
        default: return undefined;
    }
}

async function windowMessageHandler(message) {
    if (!message.data || message.data.type !== 'SETUP_CONNECTOR') return;
    const origin = new URL(message.origin);
    if (!SALESFORCE_ORIGIN.test(`${origin.protocol}//${origin.hostname}`)) return;
    channelPort = message.ports[0];
    channelPort.onmessage = channelMessageHandler;
    window.removeEventListener('message', windowMessageHandler);
    try {
        const result = await vendorConnector.init(message.data.connectorConfig);
        Validator.validateClassObject(result, InitResult);
        telephonyConnector = await vendorConnector.getTelephonyConnector();
        Validator.validateClassObject(telephonyConnector, TelephonyConnector);
        if (result.showLogin) {
            dispatchEvent('SHOW_LOGIN', { loginFrameHeight: result.loginFrameHeight });
        } else {
            await setConnectorReady();
        }
    } catch (error) {
        dispatchError('CAN_NOT_LOG_IN', error, 'SETUP_CONNECTOR');
    }
}

export function initializeConnector(connector) {
    Validator.validateClassObject(connector, VendorConnector);
    vendorConnector = connector;
    window.addEventListener('message', windowMessageHandler);
}
