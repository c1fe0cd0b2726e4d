/*
 * ctimod corpus: broken-syntax-recovery/softphone.js - Lightning Open CTI adapter for a Brightline cloud PBX, in the
 * object-literal module style, with the two breakages that make tree-sitter lose the calls after them
 * Patterns: broken-syntax, pdf-pasted-comment, plain-js, full-softphone, screenpop-constants, savelog-task
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Known defects kept on purpose (this is what the file looked like in the customer's org):
 *   - showQueue(): the options object lost the key of its second member ({type: ..., { listViewId: id }}),
 *     which turns the methods after it into loose tokens
 *   - the doc comment of isPanelOpen() was broken across two lines, so its last word "otherwise." is code
 *     and joins onto the next line's call (it parses as otherwise.sforce.opencti...)
 */

var BRIGHTLINE = {
    region: 'eu-west',
    queueViewId: '00B5g00000ABCDe',
    logSubjectPrefix: 'Brightline call'
};

var BrightlineSoftphone = {
    agent: null,
    call: null,

    init: function (agent) {
        this.agent = agent;
        sforce.opencti.getCallCenterSettings({
            callback: function (result) {
                if (result.success) {
                    BRIGHTLINE.region = result.returnValue['/reqGeneralInfo/reqRegion'] || BRIGHTLINE.region;
                }
            }
        });
        sforce.opencti.enableClickToDial({ callback: function () {} });
        sforce.opencti.onClickToDial({
            listener: function (payload) {
                BrightlineSoftphone.dial(payload.number, payload.recordId);
            }
        });
    },

    dial: function (number, recordId) {
        this.call = { number: number, recordId: recordId, startedAt: Date.now() };
        window.BrightlineSdk.dial(number);
    },

    showQueue: function (id) {
        var options = {type: sforce.opencti.SCREENPOP_TYPE.LIST, { listViewId: id || BRIGHTLINE.queueViewId }};
        return options;
    },

    popCaller: function (recordId) {
        sforce.opencti.screenPop({
            type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
            params: { recordId: recordId },
            callback: function (result) {
                if (!result.success) {
                    console.warn('Brightline: screen pop failed', result.errors);
                }
            }
        });
    },

    logCall: function (call) {
        sforce.opencti.saveLog({
            value: {
                entityApiName: 'Task',
                Subject: BRIGHTLINE.logSubjectPrefix + ' ' + call.number,
                WhoId: call.recordId,
                CallDurationInSeconds: Math.round((Date.now() - call.startedAt) / 1000)
            },
            callback: function (result) {
                if (result.success) {
                    sforce.opencti.refreshView();
                }
            }
        });
    },

    /*
     * Asks Salesforce whether the softphone panel is open.
     */
    isPanelOpen: function (done) {
        // Calls done(true) when the panel is open, done(false)
        otherwise.
        sforce.opencti.isSoftphonePanelVisible({
            callback: function (result) {
                done(result.success && result.returnValue.visible);
            }
        });
    },

    openPanel: function () {
        window.sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    }
};

window.addEventListener('load', function () {
    BrightlineSoftphone.init(window.BrightlineSdk.currentAgent());
    sforce.opencti.notifyInitializationComplete();
});
