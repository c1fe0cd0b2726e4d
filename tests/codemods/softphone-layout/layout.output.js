// line 3: sforce.opencti.getSoftphoneLayout — manual
// becomes: kept as a failing response with a TODO
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: loadLayout() (nothing calls it yet) (throws until the component has popRules)
// todo: softphone layouts do not exist in Voice: decide the call-related fields and screen-pop rules the layout held in the LWC (or the Omni-Channel flow) and remove the code that read them. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: softphone layouts do not exist in Voice: decide the call-related fields and screen-pop rules the layout held in the LWC (or the Omni-Channel flow) and remove the code that read them
ctimodRespond(ctimodUnsupported('getSoftphoneLayout') /* TODO(ctimod): softphone layouts do not exist in Voice: decide the call-related fields and screen-pop rules the layout held in the LWC (or the Omni-Channel flow) and remove the code that read them */, (response) => {
            if (!response.success) { console.warn('no layout'); return; }
            popRules = response.returnValue.Inbound.screenPopSettings;
        })

// line 12: sforce.interaction.cti.getSoftphoneLayout — manual
// becomes: kept as a failing response with a TODO
// lands in: force-app/main/default/lwc/acmeAdapter/acmeAdapter.js: loadClassicLayout() (nothing calls it yet)
// todo: softphone layouts do not exist in Voice: decide the call-related fields and screen-pop rules the layout held in the LWC (or the Omni-Channel flow) and remove the code that read them. Nothing in the component calls the method it landed in yet, so this call does not run: call the method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.
// reason: softphone layouts do not exist in Voice: decide the call-related fields and screen-pop rules the layout held in the LWC (or the Omni-Channel flow) and remove the code that read them
ctimodRespondClassic(ctimodUnsupported('getSoftphoneLayout') /* TODO(ctimod): softphone layouts do not exist in Voice: decide the call-related fields and screen-pop rules the layout held in the LWC (or the Omni-Channel flow) and remove the code that read them */, (response) => { console.log(response.result); })
