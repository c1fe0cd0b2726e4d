// line 3: sforce.opencti.setSoftphonePanelVisibility — review
// becomes: lightning/platformUtilityBarApi on the LWC's own utility item
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: showSoftphone() (nothing calls it yet)
// todo: These calls now act on the generated component's utility-bar panel; the Omni-Channel softphone itself cannot be controlled. Keep them only if the component is a visible utility item. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: the Omni-Channel softphone is Salesforce-owned in Voice: partners cannot show, size, label or give it an icon
open(this.utilityId)

// line 4: sforce.opencti.setSoftphonePanelHeight — review
// becomes: lightning/platformUtilityBarApi on the LWC's own utility item
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: showSoftphone() (nothing calls it yet)
// todo: These calls now act on the generated component's utility-bar panel; the Omni-Channel softphone itself cannot be controlled. Keep them only if the component is a visible utility item. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: the Omni-Channel softphone is Salesforce-owned in Voice: partners cannot show, size, label or give it an icon
updatePanel(this.utilityId, { height: 480 })

// line 5: sforce.opencti.setSoftphonePanelLabel — review
// becomes: lightning/platformUtilityBarApi on the LWC's own utility item
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: showSoftphone() (nothing calls it yet)
// todo: These calls now act on the generated component's utility-bar panel; the Omni-Channel softphone itself cannot be controlled. Keep them only if the component is a visible utility item. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: the Omni-Channel softphone is Salesforce-owned in Voice: partners cannot show, size, label or give it an icon
updatePanel(this.utilityId, { label: 'On call' })

// line 6: sforce.opencti.isSoftphonePanelVisible — review
// becomes: lightning/platformUtilityBarApi on the LWC's own utility item
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: showSoftphone() (nothing calls it yet)
// todo: These calls now act on the generated component's utility-bar panel; the Omni-Channel softphone itself cannot be controlled. Keep them only if the component is a visible utility item. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: the Omni-Channel softphone is Salesforce-owned in Voice: partners cannot show, size, label or give it an icon
ctimodRespond(getInfo(this.utilityId), (response) => {
            if (response.success && !response.returnValue.visible) { console.log('hidden'); }
        }, (info) => ({ visible: Boolean(info && info.utilityVisible) }))

// line 14: sforce.interaction.setVisible — review
// becomes: lightning/platformUtilityBarApi on the LWC's own utility item
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: showClassic() (nothing calls it yet)
// todo: These calls now act on the generated component's utility-bar panel; the Omni-Channel softphone itself cannot be controlled. Keep them only if the component is a visible utility item. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: the Omni-Channel softphone is Salesforce-owned in Voice: partners cannot show, size, label or give it an icon
ctimodRespondClassic(open(this.utilityId), (response) => { console.log(response.result); }, () => true, undefined, false)

// line 15: sforce.interaction.cti.setSoftphoneHeight — review
// becomes: lightning/platformUtilityBarApi on the LWC's own utility item
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: showClassic() (nothing calls it yet)
// todo: These calls now act on the generated component's utility-bar panel; the Omni-Channel softphone itself cannot be controlled. Keep them only if the component is a visible utility item. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: the Omni-Channel softphone is Salesforce-owned in Voice: partners cannot show, size, label or give it an icon
updatePanel(this.utilityId, { height: 400 })
