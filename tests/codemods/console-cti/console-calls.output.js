// line 3: sforce.console.cti.onCallBegin — review
// becomes: handler runs on the toolkit's callstarted event
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: registerConsoleHandlers() (nothing calls it yet)
// todo: Console call events fired for the interaction log; the toolkit's events fire per Voice call (callstarted = ringing/dialing, callconnected = answered). Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this.ctimodOnToolkitEvent('callstarted', (result) => { console.log('call began', result.id); })

// line 4: sforce.console.cti.onCallEnd — review
// becomes: handler runs on the toolkit's callended event
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: registerConsoleHandlers() (nothing calls it yet)
// todo: Console call events fired for the interaction log; the toolkit's events fire per Voice call (callstarted = ringing/dialing, callconnected = answered). Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this.ctimodOnToolkitEvent('callended', (result) => { console.log('call ended', result.id); })

// line 5: sforce.console.cti.onSendCTIMessage — review
// becomes: Lightning Message Service on the Voice bridge channel
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: registerConsoleHandlers() (nothing calls it yet)
// todo: Set ConversationVendorInfo.bridgeComponent to an LMS bridge that forwards this channel to the connector's handleMessage(); CtimodVoiceBridge__c is generated. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
subscribe(this.messageContext, CTIMODVOICEBRIDGE_CHANNEL, (payload) => ((message) => { console.log('from console', message); })(payload.message), { scope: APPLICATION_SCOPE })

// line 9: sforce.console.cti.sendCTIMessage — review
// becomes: Lightning Message Service on the Voice bridge channel
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: tellConsole() (nothing calls it yet)
// todo: Set ConversationVendorInfo.bridgeComponent to an LMS bridge that forwards this channel to the connector's handleMessage(); CtimodVoiceBridge__c is generated. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespondClassic(Promise.resolve(publish(this.messageContext, CTIMODVOICEBRIDGE_CHANNEL, { message: text })), (result) => { console.log(result.success); }, () => true)

// line 10: sforce.console.cti.setCallAttachedData — manual
// becomes: removed: no Voice equivalent
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: tellConsole() (nothing calls it yet)
// todo: Voice has no attached-data store: put the data on VoiceCall custom fields or in PhoneCall.callAttributes from the connector. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: Voice has no attached-data store: put the data on VoiceCall custom fields or in PhoneCall.callAttributes from the connector
ctimodRespondClassic(ctimodUnsupported('setCallAttachedData') /* TODO(ctimod): removed sforce.console.cti.setCallAttachedData: Voice has no attached-data store: put the data on VoiceCall custom fields or in PhoneCall.callAttributes from the connector */, (result) => { console.log(result.success); })
