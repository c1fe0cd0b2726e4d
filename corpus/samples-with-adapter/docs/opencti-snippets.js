/*
 * ctimod corpus: samples-with-adapter/docs/opencti-snippets.js - a snippets file shipped next to the adapter: every Lightning Open CTI member called once, options in a reused variable
 * Patterns: plain-js, samples-file, options-in-variables, screenpop-constants, calltype-constants
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Paste a block into the browser console of the softphone page to try a member. Nothing in the
 * adapter loads this file; it documents the API for the team.
 */

/* global sforce */

function show(result) {
    console.log(result.success ? result.returnValue : result.errors);
}

var opts;

// -- settings --------------------------------------------------------------
opts = { callback: show };
sforce.opencti.getCallCenterSettings(opts);

// -- layout ----------------------------------------------------------------
opts = { callback: show };
sforce.opencti.getSoftphoneLayout(opts);

// -- click-to-dial ---------------------------------------------------------
opts = { callback: show };
sforce.opencti.enableClickToDial(opts);

opts = { callback: show };
sforce.opencti.disableClickToDial(opts);

opts = { listener: function (payload) { console.log('dial', payload.number, payload.recordId); } };
sforce.opencti.onClickToDial(opts);

// -- where the agent is ----------------------------------------------------
opts = { callback: show };
sforce.opencti.getAppViewInfo(opts);

opts = { listener: function (payload) { console.log('now on', payload.url, payload.recordId); } };
sforce.opencti.onNavigationChange(opts);

// -- records -----------------------------------------------------------------
opts = {
    type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
    params: { recordId: '003000000000001AAA' },
    callback: show
};
sforce.opencti.screenPop(opts);

opts = {
    searchParams: '+15551234567',
    queryParams: 'source=snippets',
    callType: sforce.opencti.CALL_TYPE.INBOUND,
    deferred: true,
    callback: function (result) {
        show(result);
        if (result.success && result.returnValue.SCREEN_POP_DATA) {
            sforce.opencti.screenPop(result.returnValue.SCREEN_POP_DATA);
        }
    }
};
sforce.opencti.searchAndScreenPop(opts);

opts = {
    value: { entityApiName: 'Task', Subject: 'Snippet call', CallType: 'Inbound', Status: 'Completed' },
    callback: show
};
sforce.opencti.saveLog(opts);

opts = { callback: show };
sforce.opencti.refreshView(opts);

opts = {
    apexClass: 'SnippetDemo',
    methodName: 'echo',
    methodParams: 'text=hello',
    callback: show
};
sforce.opencti.runApex(opts);

// -- the panel ---------------------------------------------------------------
opts = { visible: true, callback: show };
sforce.opencti.setSoftphonePanelVisibility(opts);

opts = { callback: show };
sforce.opencti.isSoftphonePanelVisible(opts);

opts = { heightPX: 420, callback: show };
sforce.opencti.setSoftphonePanelHeight(opts);

opts = { widthPX: 320, callback: show };
sforce.opencti.setSoftphonePanelWidth(opts);

opts = { label: 'Snippets', callback: show };
sforce.opencti.setSoftphonePanelLabel(opts);

opts = { label: 'Phone', callback: show };
sforce.opencti.setSoftphoneItemLabel(opts);

opts = { key: 'call', callback: show };
sforce.opencti.setSoftphonePanelIcon(opts);

opts = { key: 'end_call', callback: show };
sforce.opencti.setSoftphoneItemIcon(opts);

// -- start-up ----------------------------------------------------------------
sforce.opencti.notifyInitializationComplete();
