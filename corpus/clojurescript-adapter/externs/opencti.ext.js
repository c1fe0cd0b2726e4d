/*
 * ctimod corpus: clojurescript-adapter/externs/opencti.ext.js - Closure Compiler externs for Lightning Open CTI used by the Ostara ClojureScript softphone
 * Patterns: closure-externs
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */

/**
 * @fileoverview Externs for sforce.opencti (Lightning Open CTI, API 45.0) so that
 * :optimizations :advanced keeps the member names. Declarations only: nothing
 * here is ever executed, and no function is called.
 * @externs
 */

/** @const */
var sforce = {};

/** @const */
sforce.opencti = {};

/**
 * @typedef {{success: boolean, returnValue: *, errors: Array<{code: string, description: string}>}}
 */
sforce.opencti.Response;

/** @enum {string} */
sforce.opencti.SCREENPOP_TYPE = {
    SOBJECT: 'sobject',
    URL: 'url',
    OBJECTHOME: 'objecthome',
    LIST: 'list',
    SEARCH: 'search',
    NEW_RECORD_MODAL: 'newRecord',
    FLOW: 'flow'
};

/** @enum {string} */
sforce.opencti.CALL_TYPE = {
    INBOUND: 'inbound',
    OUTBOUND: 'outbound',
    INTERNAL: 'internal'
};

/** @param {Object} params */
sforce.opencti.screenPop = function (params) {};

/** @param {Object} params */
sforce.opencti.searchAndScreenPop = function (params) {};

/** @param {Object} params */
sforce.opencti.saveLog = function (params) {};

/** @param {Object} params */
sforce.opencti.runApex = function (params) {};

/** @param {Object=} params */
sforce.opencti.refreshView = function (params) {};

/** @param {Object=} params */
sforce.opencti.enableClickToDial = function (params) {};

/** @param {Object=} params */
sforce.opencti.disableClickToDial = function (params) {};

/** @param {{listener: function(Object)}} params */
sforce.opencti.onClickToDial = function (params) {};

/** @param {{listener: function(Object)}} params */
sforce.opencti.onNavigationChange = function (params) {};

/** @param {{callback: function(!sforce.opencti.Response)}} params */
sforce.opencti.getAppViewInfo = function (params) {};

/** @param {{callback: function(!sforce.opencti.Response)}} params */
sforce.opencti.getCallCenterSettings = function (params) {};

/** @param {{callback: function(!sforce.opencti.Response)}} params */
sforce.opencti.getSoftphoneLayout = function (params) {};

/** @param {{callback: function(!sforce.opencti.Response)}} params */
sforce.opencti.isSoftphonePanelVisible = function (params) {};

/** @param {{visible: boolean, callback: (function(!sforce.opencti.Response)|undefined)}} params */
sforce.opencti.setSoftphonePanelVisibility = function (params) {};

/** @param {{heightPX: number, callback: (function(!sforce.opencti.Response)|undefined)}} params */
sforce.opencti.setSoftphonePanelHeight = function (params) {};

/** @param {{widthPX: number, callback: (function(!sforce.opencti.Response)|undefined)}} params */
sforce.opencti.setSoftphonePanelWidth = function (params) {};

/** @param {{label: string, callback: (function(!sforce.opencti.Response)|undefined)}} params */
sforce.opencti.setSoftphonePanelLabel = function (params) {};

/** @param {Object=} params */
sforce.opencti.notifyInitializationComplete = function (params) {};
