// line 5: sforce.opencti.subscribe — review
// becomes: lightning/messageService subscribe on SoftphoneEvents__c
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: connectChannel() (nothing calls it yet)
// todo: Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespond(Promise.resolve({ subscription: subscribe(this.messageContext, SOFTPHONEEVENTS_CHANNEL, (message) => { console.log('message', message.state); }, { scope: APPLICATION_SCOPE }) }), (response) => { subscription = response.returnValue.subscription; })

// line 13: sforce.opencti.publish — review
// becomes: lightning/messageService publish on SoftphoneEvents__c
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: announce() (nothing calls it yet)
// todo: Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
Promise.resolve(publish(this.messageContext, SOFTPHONEEVENTS_CHANNEL, { callId: callId, state: 'ringing' }))

// line 17: sforce.opencti.unsubscribe — review
// becomes: lightning/messageService unsubscribe
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: disconnectChannel() (nothing calls it yet)
// todo: Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
Promise.resolve(unsubscribe(subscription))

// line 21: sforce.opencti.publish — manual
// becomes: kept as a TODO
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: publishTo() (nothing calls it yet)
// todo: the channel name is computed at run time; LWC imports message channels by name at build time: import each possible channel from @salesforce/messageChannel/<Name>__c. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: the channel name is computed at run time; LWC imports message channels by name at build time: import each possible channel from @salesforce/messageChannel/<Name>__c
ctimodUnsupported('publish') /* TODO(ctimod): the channel name is computed at run time; LWC imports message channels by name at build time: import each possible channel from @salesforce/messageChannel/<Name>__c. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it. */
