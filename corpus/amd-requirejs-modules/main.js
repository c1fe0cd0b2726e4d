/*
 * ctimod corpus: amd-requirejs-modules/main.js - Kestrel Contact softphone for Lightning, split into RequireJS modules; this is the data-main entry with the loader config
 * Patterns: amd-requirejs, alias-variable
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 */
/* global requirejs, require */
requirejs.config({
  baseUrl: '/resource/KestrelSoftphone',
  paths: {
    jquery: 'lib/jquery-3.6.4.min',
    // Open CTI is served by Salesforce next to the Visualforce page that hosts the softphone.
    sforce: '/support/api/44.0/lightning/opencti_min'
  },
  shim: {
    sforce: { exports: 'sforce' }
  },
  waitSeconds: 30
});

requirejs.onError = function (err) {
  var box = document.getElementById('kestrel-fatal');
  var modules = (err.requireModules || []).join(', ');
  if (box) {
    box.textContent = 'Softphone failed to load (' + err.requireType + (modules ? ': ' + modules : '') + ')';
    box.style.display = 'block';
  }
  if (window.console) {
    window.console.error('[kestrel] require error', err);
  }
};

require(['sforce', 'modules/bootstrap'], function (sfdc, bootstrap) {
  'use strict';

  // The call center definition carries the Kestrel section (server, tenant, queue);
  // read it once here and hand it to the modules.
  sfdc.opencti.getCallCenterSettings({
    callback: function (response) {
      if (!response.success) {
        var reason = response.errors && response.errors.length ? response.errors[0].description : 'unknown';
        document.getElementById('kestrel-fatal').textContent = 'Call center settings unavailable: ' + reason;
        return;
      }
      var raw = response.returnValue;
      bootstrap.start({
        serverUrl: raw['/KestrelServer/url'],
        tenant: raw['/KestrelServer/tenant'],
        defaultQueue: raw['/KestrelServer/defaultQueue'] || 'support',
        outsidePrefix: raw['/reqDialingOptions/reqOutsidePrefix'] || '',
        debug: raw['/KestrelServer/debug'] === 'true'
      });
    }
  });
});
