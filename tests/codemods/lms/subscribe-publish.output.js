// line 5: sforce.opencti.subscribe — auto
// becomes: lightning/messageService subscribe on SoftphoneEvents__c
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: connectChannel() (nothing calls it yet) (throws until the component has subscription)
ctimodRespond(Promise.resolve({ subscription: subscribe(this.messageContext, SOFTPHONEEVENTS_CHANNEL, (message) => { console.log('message', message.state); }, { scope: APPLICATION_SCOPE }) }), (response) => { subscription = response.returnValue.subscription; })

// line 13: sforce.opencti.publish — auto
// becomes: lightning/messageService publish on SoftphoneEvents__c
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: announce() (nothing calls it yet)
Promise.resolve(publish(this.messageContext, SOFTPHONEEVENTS_CHANNEL, { callId: callId, state: 'ringing' }))

// line 17: sforce.opencti.unsubscribe — auto
// becomes: lightning/messageService unsubscribe
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: disconnectChannel() (nothing calls it yet) (throws until the component has subscription)
Promise.resolve(unsubscribe(subscription))

// line 21: sforce.opencti.publish — manual
// becomes: kept as a TODO
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: publishTo() (nothing calls it yet)
// todo: the channel name is computed at run time; LWC imports message channels by name at build time: import each possible channel from @salesforce/messageChannel/<Name>__c
ctimodUnsupported('publish') /* TODO(ctimod): the channel name is computed at run time; LWC imports message channels by name at build time: import each possible channel from @salesforce/messageChannel/<Name>__c */
