// line 3: sforce.opencti.screenPop (SOBJECT) — review
// becomes: NavigationMixin standard__recordPage (SOBJECT)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: onIncomingCall() (nothing calls it yet)
// todo: Check the pop: in Voice the VoiceCall record opens by itself when a call is accepted; link the customer with VoiceCall.RelatedRecordId if that is the goal. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
ctimodRespond(this[NavigationMixin.Navigate]({ type: 'standard__recordPage', attributes: { recordId: call.contactId, actionName: 'view' } }), (response) => {
            // the adapter only logs failures
            if (!response.success) { console.warn('pop failed', response.errors); }
        })

// line 11: sforce.opencti.screenPop (URL) — review
// becomes: NavigationMixin standard__webPage (URL)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: onIncomingCall() (nothing calls it yet)
// todo: Check the pop: in Voice the VoiceCall record opens by itself when a call is accepted; link the customer with VoiceCall.RelatedRecordId if that is the goal. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this[NavigationMixin.Navigate]({ type: 'standard__webPage', attributes: { url: '/apex/CallNotes?ani=' + call.ani } })

// line 12: sforce.opencti.screenPop (OBJECTHOME) — review
// becomes: NavigationMixin standard__objectPage (OBJECTHOME)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: onIncomingCall() (nothing calls it yet)
// todo: Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this[NavigationMixin.Navigate]({ type: 'standard__objectPage', attributes: { objectApiName: 'Case', actionName: 'home' } })

// line 13: sforce.opencti.screenPop (LIST) — review
// becomes: NavigationMixin standard__objectPage (LIST)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: onIncomingCall() (nothing calls it yet)
// todo: Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this[NavigationMixin.Navigate]({ type: 'standard__objectPage', attributes: { objectApiName: 'Case', actionName: 'list' }, state: { filterName: call.queueView } })

// line 14: sforce.opencti.screenPop (NEW_RECORD_MODAL) — review
// becomes: NavigationMixin standard__objectPage (NEW_RECORD_MODAL)
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: onIncomingCall() (nothing calls it yet)
// todo: Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
this[NavigationMixin.Navigate]({ type: 'standard__objectPage', attributes: { objectApiName: 'Case', actionName: 'new' }, state: { defaultFieldValues: encodeDefaultFieldValues({ Subject: 'Call from ' + call.ani, Origin: 'Phone' }) } })
