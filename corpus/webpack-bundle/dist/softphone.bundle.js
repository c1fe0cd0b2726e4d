/*
 * ctimod corpus: webpack-bundle/dist/softphone.bundle.js - webpack 4 bundle (runtime + 17 modules) of an OrbitVoice WebRTC softphone for Lightning Open CTI
 * Patterns: webpack-bundle, alias-variable, window-sforce
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Build: webpack 4.46 (mode "none", output.pathinfo true) from orbit-softphone 3.8.1.
 * The Open CTI calls live in modules 9-13 and 15, each of which takes a module-level
 * alias of window.sforce.opencti. The telephony itself goes through the OrbitVoice SDK
 * (window.OrbitVoice.Device, module 7).
 */
/******/ (function(modules) { // webpackBootstrap
/******/ 	// The module cache
/******/ 	var installedModules = {};
/******/
/******/ 	// The require function
/******/ 	function __webpack_require__(moduleId) {
/******/
/******/ 		// Check if module is in cache
/******/ 		if(installedModules[moduleId]) {
/******/ 			return installedModules[moduleId].exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = installedModules[moduleId] = {
/******/ 			i: moduleId,
/******/ 			l: false,
/******/ 			exports: {}
/******/ 		};
/******/
/******/ 		// Execute the module function
/******/ 		modules[moduleId].call(module.exports, module, module.exports, __webpack_require__);
/******/
/******/ 		// Flag the module as loaded
/******/ 		module.l = true;
/******/
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/
/******/
/******/ 	// expose the modules object (__webpack_modules__)
/******/ 	__webpack_require__.m = modules;
/******/
/******/ 	// expose the module cache
/******/ 	__webpack_require__.c = installedModules;
/******/
/******/ 	// define getter function for harmony exports
/******/ 	__webpack_require__.d = function(exports, name, getter) {
/******/ 		if(!__webpack_require__.o(exports, name)) {
/******/ 			Object.defineProperty(exports, name, { enumerable: true, get: getter });
/******/ 		}
/******/ 	};
/******/
/******/ 	// define __esModule on exports
/******/ 	__webpack_require__.r = function(exports) {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 8|1: behave like require
/******/ 	__webpack_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = __webpack_require__(value);
/******/ 		if(mode & 8) return value;
/******/ 		if((mode & 4) && typeof value === 'object' && value && value.__esModule) return value;
/******/ 		var ns = Object.create(null);
/******/ 		__webpack_require__.r(ns);
/******/ 		Object.defineProperty(ns, 'default', { enumerable: true, value: value });
/******/ 		if(mode & 2 && typeof value != 'string') for(var key in value) __webpack_require__.d(ns, key, function(key) { return value[key]; }.bind(null, key));
/******/ 		return ns;
/******/ 	};
/******/
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__webpack_require__.n = function(module) {
/******/ 		var getter = module && module.__esModule ?
/******/ 			function getDefault() { return module['default']; } :
/******/ 			function getModuleExports() { return module; };
/******/ 		__webpack_require__.d(getter, 'a', getter);
/******/ 		return getter;
/******/ 	};
/******/
/******/ 	// Object.prototype.hasOwnProperty.call
/******/ 	__webpack_require__.o = function(object, property) { return Object.prototype.hasOwnProperty.call(object, property); };
/******/
/******/ 	// __webpack_public_path__
/******/ 	__webpack_require__.p = "/resource/orbit_softphone/dist/";
/******/
/******/
/******/ 	// Load entry module and return exports
/******/ 	return __webpack_require__(__webpack_require__.s = 0);
/******/ })
/************************************************************************/
/******/ ([
/* 0 */
/*!**********************!*\
  !*** ./src/index.js ***!
  \***********************/
/*! no exports provided */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _app__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(15);
/* harmony import */ var _config__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5);
/* harmony import */ var _util_logger__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6);



function boot() {
  if (!window.sforce || !window.sforce.opencti) {
    document.body.innerHTML = '<p class="orbit-fatal">Open CTI (opencti_min.js) is not loaded. Check the call center adapter URL.</p>';
    return;
  }
  var app = Object(_app__WEBPACK_IMPORTED_MODULE_0__["start"])(window.ORBIT_SOFTPHONE_CONFIG || {});
  // Support hook: OrbitSoftphone.dumpLog() in the browser console.
  window.OrbitSoftphone = {
    version: _config__WEBPACK_IMPORTED_MODULE_1__["BUILD"].version,
    store: app.store,
    dumpLog: function () {
      return Object(_util_logger__WEBPACK_IMPORTED_MODULE_2__["getHistory"])();
    }
  };
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', boot);
} else {
  boot();
}

/***/ }),
/* 1 */
/*!******************************************!*\
  !*** ./node_modules/tiny-relay/index.js ***!
  \*******************************************/
/*! no static exports found */
/***/ (function(module, exports) {

"use strict";

/**
 * tiny-relay 1.4.2 - a small event emitter with wildcard and once() support.
 */

var slice = Array.prototype.slice;

function Relay() {
  if (!(this instanceof Relay)) {
    return new Relay();
  }
  this._handlers = Object.create(null);
  this._maxListeners = 20;
}

Relay.prototype.setMaxListeners = function setMaxListeners(n) {
  if (typeof n !== 'number' || n < 0) {
    throw new TypeError('setMaxListeners expects a non-negative number');
  }
  this._maxListeners = n;
  return this;
};

Relay.prototype.on = function on(type, fn, ctx) {
  if (typeof fn !== 'function') {
    throw new TypeError('listener must be a function');
  }
  var list = this._handlers[type] || (this._handlers[type] = []);
  list.push({ fn: fn, ctx: ctx, once: false });
  if (this._maxListeners && list.length > this._maxListeners && !list.warned) {
    list.warned = true;
    if (typeof console !== 'undefined' && console.warn) {
      console.warn('tiny-relay: possible leak, ' + list.length + ' listeners for "' + type + '"');
    }
  }
  return this;
};

Relay.prototype.addListener = Relay.prototype.on;

Relay.prototype.once = function once(type, fn, ctx) {
  this.on(type, fn, ctx);
  var list = this._handlers[type];
  list[list.length - 1].once = true;
  return this;
};

Relay.prototype.off = function off(type, fn) {
  if (!type) {
    this._handlers = Object.create(null);
    return this;
  }
  var list = this._handlers[type];
  if (!list) {
    return this;
  }
  if (!fn) {
    delete this._handlers[type];
    return this;
  }
  for (var i = list.length - 1; i >= 0; i--) {
    if (list[i].fn === fn) {
      list.splice(i, 1);
    }
  }
  if (!list.length) {
    delete this._handlers[type];
  }
  return this;
};

Relay.prototype.removeListener = Relay.prototype.off;

Relay.prototype.emit = function emit(type) {
  var args = slice.call(arguments, 1);
  var list = this._handlers[type];
  var star = this._handlers['*'];
  var fired = false;
  var i, entry;

  if (list) {
    list = list.slice();
    for (i = 0; i < list.length; i++) {
      entry = list[i];
      if (entry.once) {
        this.off(type, entry.fn);
      }
      entry.fn.apply(entry.ctx || this, args);
      fired = true;
    }
  }
  if (star && type !== '*') {
    star = star.slice();
    for (i = 0; i < star.length; i++) {
      star[i].fn.apply(star[i].ctx || this, [type].concat(args));
      fired = true;
    }
  }
  return fired;
};

Relay.prototype.listenerCount = function listenerCount(type) {
  var list = this._handlers[type];
  return list ? list.length : 0;
};

Relay.mixin = function mixin(target) {
  var keys = ['on', 'once', 'off', 'emit', 'addListener', 'removeListener', 'listenerCount'];
  Relay.call(target);
  for (var i = 0; i < keys.length; i++) {
    target[keys[i]] = Relay.prototype[keys[i]];
  }
  return target;
};

module.exports = Relay;
module.exports.Relay = Relay;
module.exports.default = Relay;

/***/ }),
/* 2 */
/*!************************************************!*\
  !*** ./node_modules/petite-fetch/lib/index.js ***!
  \*************************************************/
/*! no static exports found */
/***/ (function(module, exports) {

"use strict";

/**
 * petite-fetch 0.9.0 - fetch() with base URL, JSON bodies, timeouts and retries.
 */

Object.defineProperty(exports, "__esModule", { value: true });
exports.create = create;
exports.HttpError = HttpError;

function HttpError(status, statusText, body, url) {
  this.name = 'HttpError';
  this.status = status;
  this.statusText = statusText;
  this.body = body;
  this.url = url;
  this.message = 'HTTP ' + status + ' ' + (statusText || '') + ' (' + url + ')';
  if (Error.captureStackTrace) {
    Error.captureStackTrace(this, HttpError);
  }
}
HttpError.prototype = Object.create(Error.prototype);
HttpError.prototype.constructor = HttpError;

function TimeoutError(url, ms) {
  this.name = 'TimeoutError';
  this.url = url;
  this.message = 'Request to ' + url + ' timed out after ' + ms + 'ms';
}
TimeoutError.prototype = Object.create(Error.prototype);

function joinUrl(base, path) {
  if (!base || /^https?:\/\//i.test(path)) {
    return path;
  }
  return base.replace(/\/+$/, '') + '/' + String(path).replace(/^\/+/, '');
}

function toQuery(params) {
  if (!params) {
    return '';
  }
  var parts = [];
  Object.keys(params).forEach(function (key) {
    var value = params[key];
    if (value === undefined || value === null) {
      return;
    }
    parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(value)));
  });
  return parts.length ? '?' + parts.join('&') : '';
}

function delay(ms) {
  return new Promise(function (resolve) {
    setTimeout(resolve, ms);
  });
}

function withTimeout(promise, ms, url) {
  if (!ms) {
    return promise;
  }
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () {
      reject(new TimeoutError(url, ms));
    }, ms);
    promise.then(function (value) {
      clearTimeout(timer);
      resolve(value);
    }, function (err) {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function parseBody(response) {
  var type = response.headers.get('content-type') || '';
  if (response.status === 204) {
    return Promise.resolve(null);
  }
  if (type.indexOf('application/json') !== -1) {
    return response.json();
  }
  return response.text();
}

function create(options) {
  var opts = Object.assign({ baseUrl: '', timeout: 10000, retries: 0, headers: {} }, options || {});
  var beforeHooks = [];

  function request(method, path, body, extra) {
    var cfg = Object.assign({}, opts, extra || {});
    var url = joinUrl(cfg.baseUrl, path) + toQuery(cfg.query);
    var headers = Object.assign({ Accept: 'application/json' }, opts.headers, cfg.headers || {});
    var init = { method: method, headers: headers, credentials: cfg.credentials || 'same-origin' };
    if (body !== undefined && body !== null) {
      if (typeof body === 'string' || body instanceof FormData) {
        init.body = body;
      } else {
        init.body = JSON.stringify(body);
        headers['Content-Type'] = 'application/json';
      }
    }
    beforeHooks.forEach(function (hook) {
      hook(init, url);
    });

    var attempt = 0;
    function run() {
      attempt++;
      return withTimeout(fetch(url, init), cfg.timeout, url).then(function (response) {
        return parseBody(response).then(function (data) {
          if (!response.ok) {
            throw new HttpError(response.status, response.statusText, data, url);
          }
          return data;
        });
      }).catch(function (err) {
        var retriable = err.name === 'TimeoutError' || err.name === 'TypeError' || (err.status >= 500 && err.status !== 501);
        if (retriable && attempt <= cfg.retries) {
          return delay(250 * Math.pow(2, attempt - 1)).then(run);
        }
        throw err;
      });
    }
    return run();
  }

  return {
    get: function (path, extra) { return request('GET', path, null, extra); },
    del: function (path, extra) { return request('DELETE', path, null, extra); },
    post: function (path, body, extra) { return request('POST', path, body, extra); },
    put: function (path, body, extra) { return request('PUT', path, body, extra); },
    patch: function (path, body, extra) { return request('PATCH', path, body, extra); },
    before: function (hook) { beforeHooks.push(hook); return this; },
    setHeader: function (name, value) { opts.headers[name] = value; return this; }
  };
}

/***/ }),
/* 3 */
/*!******************************************************!*\
  !*** ./node_modules/clockface/dist/clockface.cjs.js ***!
  \*******************************************************/
/*! no static exports found */
/***/ (function(module, exports) {

"use strict";

/**
 * clockface 2.1.0 - tiny date formatting helpers (no locale data).
 */

var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function pad(value, width) {
  var s = String(Math.abs(value));
  while (s.length < (width || 2)) {
    s = '0' + s;
  }
  return (value < 0 ? '-' : '') + s;
}

function toDate(input) {
  if (input instanceof Date) {
    return new Date(input.getTime());
  }
  if (typeof input === 'number') {
    return new Date(input);
  }
  if (typeof input === 'string') {
    var parsed = Date.parse(input);
    if (!isNaN(parsed)) {
      return new Date(parsed);
    }
  }
  return new Date(NaN);
}

var TOKENS = {
  YYYY: function (d) { return String(d.getFullYear()); },
  YY: function (d) { return String(d.getFullYear()).slice(-2); },
  MMM: function (d) { return MONTHS[d.getMonth()]; },
  MM: function (d) { return pad(d.getMonth() + 1); },
  DD: function (d) { return pad(d.getDate()); },
  ddd: function (d) { return DAYS[d.getDay()]; },
  HH: function (d) { return pad(d.getHours()); },
  hh: function (d) { var h = d.getHours() % 12; return pad(h === 0 ? 12 : h); },
  mm: function (d) { return pad(d.getMinutes()); },
  ss: function (d) { return pad(d.getSeconds()); },
  A: function (d) { return d.getHours() < 12 ? 'AM' : 'PM'; },
  Z: function (d) {
    var offset = -d.getTimezoneOffset();
    var sign = offset >= 0 ? '+' : '-';
    var n = Math.abs(offset);
    return sign + pad(Math.floor(n / 60)) + ':' + pad(n % 60);
  }
};

var TOKEN_RE = /YYYY|YY|MMM|MM|DD|ddd|HH|hh|mm|ss|A|Z|\[[^\]]*\]/g;

function format(input, pattern) {
  var d = toDate(input);
  if (isNaN(d.getTime())) {
    return '';
  }
  return String(pattern || 'YYYY-MM-DD HH:mm:ss').replace(TOKEN_RE, function (token) {
    if (token.charAt(0) === '[') {
      return token.slice(1, -1);
    }
    return TOKENS[token](d);
  });
}

function isoDate(input) {
  var d = toDate(input);
  return pad(d.getUTCFullYear(), 4) + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
}

function duration(ms, opts) {
  var total = Math.max(0, Math.round((ms || 0) / 1000));
  var hours = Math.floor(total / 3600);
  var minutes = Math.floor((total % 3600) / 60);
  var seconds = total % 60;
  if (opts && opts.verbose) {
    var parts = [];
    if (hours) { parts.push(hours + 'h'); }
    if (minutes || hours) { parts.push(minutes + 'm'); }
    parts.push(seconds + 's');
    return parts.join(' ');
  }
  return (hours ? hours + ':' + pad(minutes) : String(minutes)) + ':' + pad(seconds);
}

function relative(input, now) {
  var diff = Math.round(((now || Date.now()) - toDate(input).getTime()) / 1000);
  if (diff < 45) { return 'just now'; }
  if (diff < 90) { return 'a minute ago'; }
  if (diff < 3600) { return Math.round(diff / 60) + ' minutes ago'; }
  if (diff < 5400) { return 'an hour ago'; }
  if (diff < 86400) { return Math.round(diff / 3600) + ' hours ago'; }
  return format(input, 'MMM DD');
}

exports.format = format;
exports.isoDate = isoDate;
exports.duration = duration;
exports.relative = relative;
exports.pad = pad;

/***/ }),
/* 4 */
/*!*****************************************!*\
  !*** ./node_modules/nanostate/index.js ***!
  \******************************************/
/*! no static exports found */
/***/ (function(module, exports) {

"use strict";

/**
 * nanostate 3.0.1 - a minimal Redux-shaped store with combineReducers and middleware.
 */

var INIT = '@@nanostate/INIT';

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  var proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function createStore(reducer, preloadedState, enhancer) {
  if (typeof preloadedState === 'function' && enhancer === undefined) {
    enhancer = preloadedState;
    preloadedState = undefined;
  }
  if (typeof enhancer === 'function') {
    return enhancer(createStore)(reducer, preloadedState);
  }

  var state = preloadedState;
  var listeners = [];
  var dispatching = false;

  function getState() {
    if (dispatching) {
      throw new Error('nanostate: getState() called while reducing');
    }
    return state;
  }

  function subscribe(listener) {
    var active = true;
    listeners.push(listener);
    return function unsubscribe() {
      if (!active) {
        return;
      }
      active = false;
      var index = listeners.indexOf(listener);
      if (index !== -1) {
        listeners.splice(index, 1);
      }
    };
  }

  function dispatch(action) {
    if (!isPlainObject(action)) {
      throw new Error('nanostate: actions must be plain objects');
    }
    if (typeof action.type === 'undefined') {
      throw new Error('nanostate: action is missing a type');
    }
    if (dispatching) {
      throw new Error('nanostate: reducers may not dispatch');
    }
    try {
      dispatching = true;
      state = reducer(state, action);
    } finally {
      dispatching = false;
    }
    var current = listeners.slice();
    for (var i = 0; i < current.length; i++) {
      current[i]();
    }
    return action;
  }

  dispatch({ type: INIT });

  return { getState: getState, subscribe: subscribe, dispatch: dispatch };
}

function combineReducers(reducers) {
  var keys = Object.keys(reducers);
  return function combination(state, action) {
    var prev = state || {};
    var next = {};
    var changed = false;
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      next[key] = reducers[key](prev[key], action);
      changed = changed || next[key] !== prev[key];
    }
    return changed || keys.length !== Object.keys(prev).length ? next : prev;
  };
}

function compose() {
  var fns = Array.prototype.slice.call(arguments);
  if (!fns.length) {
    return function (arg) { return arg; };
  }
  return fns.reduce(function (a, b) {
    return function () {
      return a(b.apply(undefined, arguments));
    };
  });
}

function applyMiddleware() {
  var middlewares = Array.prototype.slice.call(arguments);
  return function (next) {
    return function (reducer, preloadedState) {
      var store = next(reducer, preloadedState);
      var dispatch = function () {
        throw new Error('nanostate: dispatching while constructing middleware');
      };
      var api = {
        getState: store.getState,
        dispatch: function (action) { return dispatch(action); }
      };
      var chain = middlewares.map(function (mw) { return mw(api); });
      dispatch = compose.apply(undefined, chain)(store.dispatch);
      return Object.assign({}, store, { dispatch: dispatch });
    };
  };
}

exports.createStore = createStore;
exports.combineReducers = combineReducers;
exports.applyMiddleware = applyMiddleware;
exports.compose = compose;

/***/ }),
/* 5 */
/*!***********************!*\
  !*** ./src/config.js ***!
  \************************/
/*! exports provided: DEFAULTS, CALL_STATE, AGENT_STATE, SETTINGS_KEYS, PANEL_SIZES, BUILD */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "DEFAULTS", function() { return DEFAULTS; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "CALL_STATE", function() { return CALL_STATE; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "AGENT_STATE", function() { return AGENT_STATE; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "SETTINGS_KEYS", function() { return SETTINGS_KEYS; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "PANEL_SIZES", function() { return PANEL_SIZES; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "BUILD", function() { return BUILD; });
// Default configuration; every value can be overridden from the call center definition
// (section "orbitSettings") or from window.ORBIT_SOFTPHONE_CONFIG set by the hosting page.
var DEFAULTS = {
  apiBaseUrl: 'https://api.orbitvoice.example/v3',
  tokenPath: '/agents/me/token',
  region: 'us-east',
  logLevel: 'info',
  wrapUpSeconds: 45,
  autoAnswer: false,
  popNewContactWhenNoMatch: true,
  taskRecordTypeId: null,
  dispositions: ['Resolved', 'Callback requested', 'Voicemail', 'Wrong number', 'Escalated']
};

var CALL_STATE = {
  IDLE: 'idle',
  RINGING: 'ringing',
  DIALING: 'dialing',
  CONNECTED: 'connected',
  HELD: 'held',
  WRAP_UP: 'wrapup'
};

var AGENT_STATE = {
  OFFLINE: 'offline',
  AVAILABLE: 'available',
  BUSY: 'busy',
  BREAK: 'break',
  AFTER_CALL: 'acw'
};

// Keys of the flattened object returned by getCallCenterSettings
var SETTINGS_KEYS = {
  internalName: '/reqGeneralInfo/reqInternalName',
  displayName: '/reqGeneralInfo/reqDisplayName',
  softphoneHeight: '/reqGeneralInfo/reqSoftphoneHeight',
  softphoneWidth: '/reqGeneralInfo/reqSoftphoneWidth',
  outsidePrefix: '/reqDialingOptions/reqOutsidePrefix',
  longDistPrefix: '/reqDialingOptions/reqLongDistPrefix',
  internationalPrefix: '/reqDialingOptions/reqInternationalPrefix',
  apiBaseUrl: '/orbitSettings/apiBaseUrl',
  region: '/orbitSettings/region',
  wrapUpSeconds: '/orbitSettings/wrapUpSeconds',
  autoAnswer: '/orbitSettings/autoAnswer',
  logLevel: '/orbitSettings/logLevel',
  taskRecordTypeId: '/orbitSettings/taskRecordTypeId'
};

var PANEL_SIZES = {
  compact: { height: 320, width: 240 },
  normal: { height: 520, width: 300 },
  expanded: { height: 680, width: 420 }
};

var BUILD = {
  version: '3.8.1',
  commit: '9b41c0e',
  date: '2021-11-04'
};

/***/ }),
/* 6 */
/*!****************************!*\
  !*** ./src/util/logger.js ***!
  \*****************************/
/*! exports provided: createLogger, setLevel, getHistory */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "createLogger", function() { return createLogger; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "setLevel", function() { return setLevel; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "getHistory", function() { return getHistory; });
/* harmony import */ var clockface__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3);
/* harmony import */ var clockface__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(clockface__WEBPACK_IMPORTED_MODULE_0__);

var LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };
var currentLevel = LEVELS.info;
var history = [];
var MAX_HISTORY = 500;

function setLevel(level) {
  if (LEVELS[level]) {
    currentLevel = LEVELS[level];
  }
}

function getHistory() {
  return history.slice();
}

function write(scope, level, args) {
  var stamp = Object(clockface__WEBPACK_IMPORTED_MODULE_0__["format"])(Date.now(), 'HH:mm:ss');
  var parts = Array.prototype.slice.call(args);
  var text = parts.map(function (p) {
    if (p instanceof Error) {
      return p.name + ': ' + p.message;
    }
    if (p && typeof p === 'object') {
      try {
        return JSON.stringify(p);
      } catch (e) {
        return String(p);
      }
    }
    return String(p);
  }).join(' ');
  history.push({ t: stamp, level: level, scope: scope, text: text });
  if (history.length > MAX_HISTORY) {
    history.shift();
  }
  if (LEVELS[level] < currentLevel || typeof console === 'undefined') {
    return;
  }
  var sink = console[level] || console.log;
  sink.call(console, '[orbit-softphone ' + stamp + '] [' + scope + ']', text);
}

function createLogger(scope) {
  return {
    debug: function () { write(scope, 'debug', arguments); },
    info: function () { write(scope, 'info', arguments); },
    warn: function () { write(scope, 'warn', arguments); },
    error: function () { write(scope, 'error', arguments); }
  };
}

/***/ }),
/* 7 */
/*!**************************************!*\
  !*** ./src/telephony/orbitClient.js ***!
  \***************************************/
/*! exports provided: OrbitClient */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "OrbitClient", function() { return OrbitClient; });
/* harmony import */ var tiny_relay__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1);
/* harmony import */ var tiny_relay__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(tiny_relay__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var petite_fetch__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2);
/* harmony import */ var petite_fetch__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(petite_fetch__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_logger__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6);
/* harmony import */ var _config__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5);
/* harmony import */ var _util_phone__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(16);





var log = Object(_util_logger__WEBPACK_IMPORTED_MODULE_2__["createLogger"])('telephony');

/**
 * Wraps the OrbitVoice browser SDK (window.OrbitVoice, loaded by the hosting page from the
 * vendor CDN) and the OrbitVoice agent REST API. Emits:
 *   ready, offline, presence, incoming, dialing, connected, held, resumed, muted, ended, error
 */
function OrbitClient(options) {
  tiny_relay__WEBPACK_IMPORTED_MODULE_0___default.a.call(this);
  this.options = Object.assign({}, _config__WEBPACK_IMPORTED_MODULE_3__["DEFAULTS"], options || {});
  this.http = Object(petite_fetch__WEBPACK_IMPORTED_MODULE_1__["create"])({
    baseUrl: this.options.apiBaseUrl,
    timeout: 8000,
    retries: 2,
    credentials: 'include'
  });
  this.device = null;
  this.connection = null;
  this.call = null;
  this.tokenTimer = null;
  this.agentId = null;
}

OrbitClient.prototype = Object.create(tiny_relay__WEBPACK_IMPORTED_MODULE_0___default.a.prototype);
OrbitClient.prototype.constructor = OrbitClient;

OrbitClient.prototype.isSdkLoaded = function () {
  return typeof window.OrbitVoice !== 'undefined' && typeof window.OrbitVoice.Device === 'function';
};

OrbitClient.prototype.fetchToken = function () {
  return this.http.post(this.options.tokenPath, { region: this.options.region, client: 'salesforce-opencti' });
};

OrbitClient.prototype.login = function () {
  var self = this;
  if (!this.isSdkLoaded()) {
    return Promise.reject(new Error('OrbitVoice SDK is not loaded'));
  }
  return this.fetchToken().then(function (res) {
    self.agentId = res.agentId;
    self.http.setHeader('Authorization', 'Bearer ' + res.apiToken);
    self.device = new window.OrbitVoice.Device(res.token, {
      region: self.options.region,
      codecPreferences: ['opus', 'pcmu'],
      closeProtection: true,
      allowIncomingWhileBusy: false
    });
    self._bindDevice();
    self._scheduleTokenRefresh(res.expiresIn || 3600);
    return self.device.register();
  }).then(function () {
    log.info('registered agent', self.agentId);
    return self.agentId;
  });
};

OrbitClient.prototype._scheduleTokenRefresh = function (seconds) {
  var self = this;
  clearTimeout(this.tokenTimer);
  this.tokenTimer = setTimeout(function () {
    self.fetchToken().then(function (res) {
      self.device.updateToken(res.token);
      self.http.setHeader('Authorization', 'Bearer ' + res.apiToken);
      self._scheduleTokenRefresh(res.expiresIn || 3600);
      log.debug('token refreshed');
    }).catch(function (err) {
      log.error('token refresh failed', err);
      self.emit('error', { code: 'token', message: 'Session expired, please log in again' });
    });
  }, Math.max(60, seconds - 120) * 1000);
};

OrbitClient.prototype._bindDevice = function () {
  var self = this;
  this.device.on('registered', function () {
    self.emit('ready', { agentId: self.agentId });
  });
  this.device.on('unregistered', function () {
    self.emit('offline', {});
  });
  this.device.on('error', function (err) {
    log.error('device error', err.code, err.message);
    self.emit('error', { code: err.code, message: err.message });
  });
  this.device.on('incoming', function (connection) {
    if (self.connection) {
      log.warn('rejecting second incoming call while busy');
      connection.reject();
      return;
    }
    var params = connection.parameters || {};
    self._attach(connection, {
      callSid: params.CallSid,
      direction: 'inbound',
      from: Object(_util_phone__WEBPACK_IMPORTED_MODULE_4__["normalize"])(params.From),
      to: params.To,
      queue: params.Queue || '',
      attributes: connection.customParameters || {}
    });
    self.emit('incoming', self.call);
    if (self.options.autoAnswer) {
      setTimeout(function () { self.answer(); }, 500);
    }
  });
};

OrbitClient.prototype._attach = function (connection, call) {
  var self = this;
  this.connection = connection;
  this.call = Object.assign({ startedAt: Date.now(), answeredAt: null, endedAt: null, muted: false, held: false }, call);
  connection.on('accept', function () {
    if (!self.call) {
      return;
    }
    self.call.answeredAt = Date.now();
    if (!self.call.callSid) {
      self.call.callSid = connection.parameters && connection.parameters.CallSid;
    }
    self.emit('connected', self.call);
  });
  connection.on('disconnect', function () {
    self._finish('completed');
  });
  connection.on('cancel', function () {
    self._finish('missed');
  });
  connection.on('reject', function () {
    self._finish('rejected');
  });
  connection.on('error', function (err) {
    log.error('connection error', err);
    self._finish('failed');
  });
};

OrbitClient.prototype._finish = function (reason) {
  if (!this.call) {
    return;
  }
  var call = this.call;
  call.endedAt = Date.now();
  call.endReason = reason;
  this.call = null;
  this.connection = null;
  this.emit('ended', call);
};

OrbitClient.prototype.dial = function (number, context) {
  if (!this.device) {
    return Promise.reject(new Error('Not logged in to OrbitVoice'));
  }
  if (this.connection) {
    return Promise.reject(new Error('A call is already in progress'));
  }
  var to = Object(_util_phone__WEBPACK_IMPORTED_MODULE_4__["normalize"])(number);
  var ctx = context || {};
  log.info('dialing', to);
  var connection = this.device.connect({
    params: {
      To: to,
      SfRecordId: ctx.recordId || '',
      SfObjectType: ctx.objectType || ''
    }
  });
  this._attach(connection, {
    callSid: null,
    direction: 'outbound',
    from: null,
    to: to,
    queue: '',
    attributes: { sfRecordId: ctx.recordId || null }
  });
  this.emit('dialing', this.call);
  return Promise.resolve(this.call);
};

OrbitClient.prototype.answer = function () {
  if (this.connection && this.call && !this.call.answeredAt) {
    this.connection.accept();
  }
};

OrbitClient.prototype.hangup = function () {
  if (!this.connection) {
    return;
  }
  if (this.call && this.call.direction === 'inbound' && !this.call.answeredAt) {
    this.connection.reject();
  } else {
    this.connection.disconnect();
  }
};

OrbitClient.prototype.mute = function (flag) {
  if (!this.connection) {
    return;
  }
  this.connection.mute(!!flag);
  this.call.muted = !!flag;
  this.emit('muted', this.call);
};

OrbitClient.prototype.hold = function (flag) {
  var self = this;
  if (!this.call || !this.call.callSid) {
    return Promise.resolve();
  }
  var path = '/calls/' + encodeURIComponent(this.call.callSid) + (flag ? '/hold' : '/unhold');
  return this.http.post(path, {}).then(function () {
    if (self.call) {
      self.call.held = !!flag;
      self.emit(flag ? 'held' : 'resumed', self.call);
    }
  });
};

OrbitClient.prototype.sendDigits = function (digits) {
  if (this.connection && /^[0-9*#]+$/.test(digits)) {
    this.connection.sendDigits(digits);
  }
};

OrbitClient.prototype.transfer = function (target) {
  if (!this.call || !this.call.callSid) {
    return Promise.reject(new Error('No active call to transfer'));
  }
  return this.http.post('/calls/' + encodeURIComponent(this.call.callSid) + '/transfer', {
    to: Object(_util_phone__WEBPACK_IMPORTED_MODULE_4__["normalize"])(target),
    type: 'blind'
  });
};

OrbitClient.prototype.setPresence = function (state) {
  var self = this;
  return this.http.put('/agents/me/presence', { state: state }).then(function (res) {
    self.emit('presence', { state: res && res.state || state });
  });
};

OrbitClient.prototype.lookupCaller = function (number) {
  // The OrbitVoice backend keeps a Salesforce connection of its own and resolves the ANI
  // against Contacts, Leads and Person Accounts.
  return this.http.get('/crm/salesforce/lookup', { query: { phone: number } }).then(function (res) {
    return (res && res.matches) || [];
  });
};

OrbitClient.prototype.destroy = function () {
  clearTimeout(this.tokenTimer);
  if (this.device) {
    this.device.destroy();
  }
  this.device = null;
  this.connection = null;
  this.off();
};

/***/ }),
/* 8 */
/*!*************************************!*\
  !*** ./src/store/softphoneStore.js ***!
  \**************************************/
/*! exports provided: ACTIONS, createSoftphoneStore, actions */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "ACTIONS", function() { return ACTIONS; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "createSoftphoneStore", function() { return createSoftphoneStore; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "actions", function() { return actions; });
/* harmony import */ var nanostate__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4);
/* harmony import */ var nanostate__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(nanostate__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5);
/* harmony import */ var _util_logger__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6);



var log = Object(_util_logger__WEBPACK_IMPORTED_MODULE_2__["createLogger"])('store');

var ACTIONS = {
  SETTINGS_LOADED: 'settings/loaded',
  AGENT_READY: 'agent/ready',
  AGENT_PRESENCE: 'agent/presence',
  AGENT_OFFLINE: 'agent/offline',
  CALL_RINGING: 'call/ringing',
  CALL_DIALING: 'call/dialing',
  CALL_CONNECTED: 'call/connected',
  CALL_HELD: 'call/held',
  CALL_RESUMED: 'call/resumed',
  CALL_MUTED: 'call/muted',
  CALL_MATCHED: 'call/matched',
  CALL_ENDED: 'call/ended',
  WRAPUP_UPDATED: 'wrapup/updated',
  WRAPUP_DONE: 'wrapup/done',
  TASK_SAVED: 'task/saved',
  UI_NOTICE: 'ui/notice',
  UI_SIZE: 'ui/size'
};

var initialAgent = { id: null, state: _config__WEBPACK_IMPORTED_MODULE_1__["AGENT_STATE"].OFFLINE, since: null };
var initialCall = { state: _config__WEBPACK_IMPORTED_MODULE_1__["CALL_STATE"].IDLE, current: null };
var initialWrapUp = { active: false, call: null, taskId: null, disposition: '', notes: '', deadline: null };
var initialUi = { notice: null, size: 'normal' };

function settings(state, action) {
  if (state === undefined) { state = Object.assign({}, _config__WEBPACK_IMPORTED_MODULE_1__["DEFAULTS"]); }
  if (action.type === ACTIONS.SETTINGS_LOADED) {
    return Object.assign({}, state, action.settings);
  }
  return state;
}

function agent(state, action) {
  if (state === undefined) { state = initialAgent; }
  switch (action.type) {
    case ACTIONS.AGENT_READY:
      return { id: action.agentId, state: _config__WEBPACK_IMPORTED_MODULE_1__["AGENT_STATE"].AVAILABLE, since: Date.now() };
    case ACTIONS.AGENT_PRESENCE:
      return Object.assign({}, state, { state: action.state, since: Date.now() });
    case ACTIONS.AGENT_OFFLINE:
      return Object.assign({}, state, { state: _config__WEBPACK_IMPORTED_MODULE_1__["AGENT_STATE"].OFFLINE, since: Date.now() });
    case ACTIONS.CALL_ENDED:
      return Object.assign({}, state, { state: _config__WEBPACK_IMPORTED_MODULE_1__["AGENT_STATE"].AFTER_CALL, since: Date.now() });
    case ACTIONS.WRAPUP_DONE:
      return Object.assign({}, state, { state: _config__WEBPACK_IMPORTED_MODULE_1__["AGENT_STATE"].AVAILABLE, since: Date.now() });
    default:
      return state;
  }
}

function call(state, action) {
  if (state === undefined) { state = initialCall; }
  var CALL_STATE = _config__WEBPACK_IMPORTED_MODULE_1__["CALL_STATE"];
  switch (action.type) {
    case ACTIONS.CALL_RINGING:
      return { state: CALL_STATE.RINGING, current: Object.assign({ matches: [] }, action.call) };
    case ACTIONS.CALL_DIALING:
      return { state: CALL_STATE.DIALING, current: Object.assign({ matches: [] }, action.call) };
    case ACTIONS.CALL_CONNECTED:
      return { state: CALL_STATE.CONNECTED, current: Object.assign({}, state.current, action.call) };
    case ACTIONS.CALL_HELD:
      return { state: CALL_STATE.HELD, current: Object.assign({}, state.current, { held: true }) };
    case ACTIONS.CALL_RESUMED:
      return { state: CALL_STATE.CONNECTED, current: Object.assign({}, state.current, { held: false }) };
    case ACTIONS.CALL_MUTED:
      return Object.assign({}, state, { current: Object.assign({}, state.current, { muted: action.muted }) });
    case ACTIONS.CALL_MATCHED:
      return Object.assign({}, state, { current: Object.assign({}, state.current, { matches: action.matches, recordId: action.recordId }) });
    case ACTIONS.CALL_ENDED:
      return initialCall;
    default:
      return state;
  }
}

function wrapUp(state, action) {
  if (state === undefined) { state = initialWrapUp; }
  switch (action.type) {
    case ACTIONS.CALL_ENDED:
      return { active: true, call: action.call, taskId: null, disposition: '', notes: '', deadline: action.deadline };
    case ACTIONS.TASK_SAVED:
      return Object.assign({}, state, { taskId: action.taskId });
    case ACTIONS.WRAPUP_UPDATED:
      return Object.assign({}, state, action.fields);
    case ACTIONS.WRAPUP_DONE:
      return initialWrapUp;
    default:
      return state;
  }
}

function ui(state, action) {
  if (state === undefined) { state = initialUi; }
  switch (action.type) {
    case ACTIONS.UI_NOTICE:
      return Object.assign({}, state, { notice: action.notice });
    case ACTIONS.UI_SIZE:
      return Object.assign({}, state, { size: action.size });
    default:
      return state;
  }
}

var loggerMiddleware = function loggerMiddleware(api) {
  return function (next) {
    return function (action) {
      log.debug('dispatch', action.type);
      return next(action);
    };
  };
};

function createSoftphoneStore() {
  var reducer = Object(nanostate__WEBPACK_IMPORTED_MODULE_0__["combineReducers"])({
    settings: settings,
    agent: agent,
    call: call,
    wrapUp: wrapUp,
    ui: ui
  });
  return Object(nanostate__WEBPACK_IMPORTED_MODULE_0__["createStore"])(reducer, Object(nanostate__WEBPACK_IMPORTED_MODULE_0__["applyMiddleware"])(loggerMiddleware));
}

var actions = {
  settingsLoaded: function (s) { return { type: ACTIONS.SETTINGS_LOADED, settings: s }; },
  agentReady: function (agentId) { return { type: ACTIONS.AGENT_READY, agentId: agentId }; },
  agentPresence: function (state) { return { type: ACTIONS.AGENT_PRESENCE, state: state }; },
  agentOffline: function () { return { type: ACTIONS.AGENT_OFFLINE }; },
  ringing: function (c) { return { type: ACTIONS.CALL_RINGING, call: c }; },
  dialing: function (c) { return { type: ACTIONS.CALL_DIALING, call: c }; },
  connected: function (c) { return { type: ACTIONS.CALL_CONNECTED, call: c }; },
  held: function () { return { type: ACTIONS.CALL_HELD }; },
  resumed: function () { return { type: ACTIONS.CALL_RESUMED }; },
  muted: function (flag) { return { type: ACTIONS.CALL_MUTED, muted: flag }; },
  matched: function (matches, recordId) { return { type: ACTIONS.CALL_MATCHED, matches: matches, recordId: recordId }; },
  ended: function (c, deadline) { return { type: ACTIONS.CALL_ENDED, call: c, deadline: deadline }; },
  wrapUpUpdated: function (fields) { return { type: ACTIONS.WRAPUP_UPDATED, fields: fields }; },
  wrapUpDone: function () { return { type: ACTIONS.WRAPUP_DONE }; },
  taskSaved: function (taskId) { return { type: ACTIONS.TASK_SAVED, taskId: taskId }; },
  notice: function (text, level) { return { type: ACTIONS.UI_NOTICE, notice: text ? { text: text, level: level || 'info', at: Date.now() } : null }; },
  size: function (size) { return { type: ACTIONS.UI_SIZE, size: size }; }
};

/***/ }),
/* 9 */
/*!************************************!*\
  !*** ./src/salesforce/settings.js ***!
  \*************************************/
/*! exports provided: loadCallCenterSettings, parseSettings */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "loadCallCenterSettings", function() { return loadCallCenterSettings; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "parseSettings", function() { return parseSettings; });
/* harmony import */ var _config__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5);
/* harmony import */ var _util_logger__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6);


var n = window.sforce.opencti;
var log = Object(_util_logger__WEBPACK_IMPORTED_MODULE_1__["createLogger"])('settings');

function toBool(value) {
  return value === true || value === 'true' || value === '1' || value === 'yes';
}

function toInt(value, fallback) {
  var parsed = parseInt(value, 10);
  return isNaN(parsed) ? fallback : parsed;
}

function describeErrors(response) {
  var errors = (response && (response.errors || response.error)) || [];
  if (!errors.length) {
    return 'unknown error';
  }
  return errors.map(function (e) {
    return e.code + ' ' + e.description;
  }).join('; ');
}

// Turns the flat "/section/item" map from getCallCenterSettings into the softphone config.
function parseSettings(raw) {
  var KEYS = _config__WEBPACK_IMPORTED_MODULE_0__["SETTINGS_KEYS"];
  var DEFAULTS = _config__WEBPACK_IMPORTED_MODULE_0__["DEFAULTS"];
  var s = raw || {};
  var result = {
    internalName: s[KEYS.internalName] || null,
    displayName: s[KEYS.displayName] || 'OrbitVoice',
    panelHeight: toInt(s[KEYS.softphoneHeight], 520),
    panelWidth: toInt(s[KEYS.softphoneWidth], 300),
    prefixes: {
      outsidePrefix: s[KEYS.outsidePrefix] || '',
      longDistPrefix: s[KEYS.longDistPrefix] || '',
      internationalPrefix: s[KEYS.internationalPrefix] || ''
    },
    apiBaseUrl: s[KEYS.apiBaseUrl] || DEFAULTS.apiBaseUrl,
    region: s[KEYS.region] || DEFAULTS.region,
    wrapUpSeconds: toInt(s[KEYS.wrapUpSeconds], DEFAULTS.wrapUpSeconds),
    autoAnswer: s[KEYS.autoAnswer] !== undefined ? toBool(s[KEYS.autoAnswer]) : DEFAULTS.autoAnswer,
    logLevel: s[KEYS.logLevel] || DEFAULTS.logLevel,
    taskRecordTypeId: s[KEYS.taskRecordTypeId] || null
  };
  // Dispositions may be configured as a JSON array in a custom item.
  if (s['/orbitSettings/dispositions']) {
    try {
      var list = JSON.parse(s['/orbitSettings/dispositions']);
      if (Array.isArray(list) && list.length) {
        result.dispositions = list;
      }
    } catch (e) {
      log.warn('ignoring malformed dispositions setting', e);
    }
  }
  return result;
}

function loadCallCenterSettings(done) {
  var started = Date.now();
  n.getCallCenterSettings({
    callback: function (response) {
      if (!response.success) {
        log.error('getCallCenterSettings failed:', describeErrors(response));
        done(new Error('Could not read the call center definition'), null);
        return;
      }
      var parsed = parseSettings(response.returnValue);
      log.info('call center', parsed.internalName, 'loaded in', Date.now() - started, 'ms');
      done(null, parsed);
    }
  });
}

/***/ }),
/* 10 */
/*!*********************************!*\
  !*** ./src/salesforce/panel.js ***!
  \**********************************/
/*! exports provided: resizePanel, sizeFor */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "resizePanel", function() { return resizePanel; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "sizeFor", function() { return sizeFor; });
/* harmony import */ var _config__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5);
/* harmony import */ var _util_logger__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6);


var n = window.sforce.opencti;
var log = Object(_util_logger__WEBPACK_IMPORTED_MODULE_1__["createLogger"])('panel');

var MIN_HEIGHT = 240;
var MAX_HEIGHT = 2560;
var MIN_WIDTH = 200;
var MAX_WIDTH = 1920;

var lastSize = { height: 0, width: 0 };

function clamp(value, min, max) {
  return Math.min(max, Math.max(min, Math.round(value)));
}

function sizeFor(name, settings) {
  if (name === 'normal' && settings && settings.panelHeight) {
    return { height: settings.panelHeight, width: settings.panelWidth };
  }
  return _config__WEBPACK_IMPORTED_MODULE_0__["PANEL_SIZES"][name] || _config__WEBPACK_IMPORTED_MODULE_0__["PANEL_SIZES"].normal;
}

function resizePanel(size, done) {
  var height = clamp(size.height, MIN_HEIGHT, MAX_HEIGHT);
  var width = clamp(size.width, MIN_WIDTH, MAX_WIDTH);
  var pending = 0;
  var failed = null;

  function finish(what) {
    return function (response) {
      if (!response.success) {
        failed = failed || what;
        log.warn('could not set panel ' + what, response.errors);
      }
      pending--;
      if (pending === 0 && typeof done === 'function') {
        done(failed ? new Error('panel ' + failed + ' not applied') : null);
      }
    };
  }

  if (height !== lastSize.height) {
    pending++;
    lastSize.height = height;
    n.setSoftphonePanelHeight({ heightPX: height, callback: finish('height') });
  }
  if (width !== lastSize.width) {
    pending++;
    lastSize.width = width;
    n.setSoftphonePanelWidth({ widthPX: width, callback: finish('width') });
  }
  if (pending === 0 && typeof done === 'function') {
    done(null);
  }
}

/***/ }),
/* 11 */
/*!*************************************!*\
  !*** ./src/salesforce/screenPop.js ***!
  \**************************************/
/*! exports provided: popRecord, popUrl, popSearch, popNewContact, popForCaller */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "popRecord", function() { return popRecord; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "popUrl", function() { return popUrl; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "popSearch", function() { return popSearch; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "popNewContact", function() { return popNewContact; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "popForCaller", function() { return popForCaller; });
/* harmony import */ var _util_logger__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6);
/* harmony import */ var _util_phone__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16);


var n = window.sforce.opencti;
var log = Object(_util_logger__WEBPACK_IMPORTED_MODULE_0__["createLogger"])('screenpop');

function report(what) {
  return function (response) {
    if (response && response.success) {
      log.debug('screen pop ok:', what);
    } else {
      log.warn('screen pop failed:', what, response && response.errors);
    }
  };
}

function popRecord(recordId) {
  if (!recordId) {
    return;
  }
  n.screenPop({
    type: n.SCREENPOP_TYPE.SOBJECT,
    params: { recordId: recordId },
    callback: report('record ' + recordId)
  });
}

function popUrl(url) {
  n.screenPop({
    type: n.SCREENPOP_TYPE.URL,
    params: { url: url },
    callback: report('url ' + url)
  });
}

function popSearch(term) {
  var searchString = String(term || '');
  if (searchString.length < 3) {
    log.debug('search term too short for a search pop:', searchString);
    return;
  }
  n.screenPop({
    type: n.SCREENPOP_TYPE.SEARCH,
    params: { searchString: searchString },
    callback: report('search ' + searchString)
  });
}

function popNewContact(phone, extra) {
  var defaults = Object.assign({ Phone: Object(_util_phone__WEBPACK_IMPORTED_MODULE_1__["display"])(phone), LeadSource: 'Phone Inquiry' }, extra || {});
  n.screenPop({
    type: n.SCREENPOP_TYPE.NEW_RECORD_MODAL,
    params: { entityName: 'Contact', defaultFieldValues: defaults },
    callback: report('new contact for ' + phone)
  });
}

// Decides what to pop for an incoming or outgoing call from the vendor's CRM lookup.
// matches: [{ id, type, name }]
function popForCaller(call, matches, settings) {
  var attrs = call.attributes || {};
  if (attrs.sfRecordId) {
    popRecord(attrs.sfRecordId);
    return attrs.sfRecordId;
  }
  if (attrs.popUrl) {
    popUrl(attrs.popUrl);
    return null;
  }
  if (matches.length === 1) {
    popRecord(matches[0].id);
    return matches[0].id;
  }
  if (matches.length > 1) {
    popSearch(call.direction === 'inbound' ? call.from : call.to);
    return null;
  }
  if (call.direction === 'inbound' && settings && settings.popNewContactWhenNoMatch) {
    popNewContact(call.from);
  }
  return null;
}

/***/ }),
/* 12 */
/*!***********************************!*\
  !*** ./src/salesforce/callLog.js ***!
  \************************************/
/*! exports provided: createCallTask, updateDisposition, buildTaskFields */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "createCallTask", function() { return createCallTask; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "updateDisposition", function() { return updateDisposition; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "buildTaskFields", function() { return buildTaskFields; });
/* harmony import */ var clockface__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3);
/* harmony import */ var clockface__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(clockface__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_logger__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6);
/* harmony import */ var _util_phone__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(16);



var n = window.sforce.opencti;
var log = Object(_util_logger__WEBPACK_IMPORTED_MODULE_1__["createLogger"])('calllog');

var WHO_PREFIXES = ['003', '00Q'];

function isWhoId(id) {
  return !!id && WHO_PREFIXES.indexOf(String(id).substring(0, 3)) !== -1;
}

function firstError(response) {
  var errors = response && response.errors;
  return errors && errors.length ? errors[0].description : 'unknown error';
}

function refresh() {
  n.refreshView({
    callback: function (response) {
      if (!response.success) {
        log.debug('refreshView failed', response.errors);
      }
    }
  });
}

function buildTaskFields(call, settings) {
  var talkMs = call.answeredAt ? (call.endedAt || Date.now()) - call.answeredAt : 0;
  var other = call.direction === 'inbound' ? call.from : call.to;
  var fields = {
    entityApiName: 'Task',
    Subject: (call.direction === 'inbound' ? 'Inbound' : 'Outbound') + ' call ' + Object(_util_phone__WEBPACK_IMPORTED_MODULE_2__["display"])(other),
    Status: 'Completed',
    Priority: 'Normal',
    TaskSubtype: 'Call',
    Type: 'Call',
    CallType: call.direction === 'inbound' ? 'Inbound' : 'Outbound',
    CallObject: call.callSid || '',
    CallDurationInSeconds: Math.round(talkMs / 1000),
    ActivityDate: Object(clockface__WEBPACK_IMPORTED_MODULE_0__["isoDate"])(call.startedAt),
    Description: 'Started ' + Object(clockface__WEBPACK_IMPORTED_MODULE_0__["format"])(call.startedAt, 'YYYY-MM-DD HH:mm:ss Z') +
      ', talk time ' + Object(clockface__WEBPACK_IMPORTED_MODULE_0__["duration"])(talkMs, { verbose: true }) +
      (call.queue ? ', queue ' + call.queue : '') +
      (call.endReason && call.endReason !== 'completed' ? ', ' + call.endReason : '')
  };
  if (settings && settings.taskRecordTypeId) {
    fields.RecordTypeId = settings.taskRecordTypeId;
  }
  if (call.recordId) {
    if (isWhoId(call.recordId)) {
      fields.WhoId = call.recordId;
    } else {
      fields.WhatId = call.recordId;
    }
  }
  return fields;
}

// Creates the Task right after hangup so that the activity exists even if the agent
// never completes wrap-up. done(err, taskId)
function createCallTask(call, settings, done) {
  var value = buildTaskFields(call, settings);
  n.saveLog({
    value: value,
    callback: function (response) {
      if (!response.success) {
        log.error('saveLog (create) failed:', firstError(response));
        done(new Error(firstError(response)), null);
        return;
      }
      var rv = response.returnValue;
      var taskId = rv && typeof rv === 'object' ? (rv.recordId || rv.Id) : rv;
      log.info('task created', taskId);
      refresh();
      done(null, taskId);
    }
  });
}

// Writes the agent's disposition and notes onto the Task created at hangup.
function updateDisposition(taskId, disposition, notes, done) {
  if (!taskId) {
    done(new Error('No task to update'));
    return;
  }
  var value = { Id: taskId, CallDisposition: disposition || '' };
  if (notes) {
    value.Description = String(notes).slice(0, 32000);
  }
  n.saveLog({
    value: value,
    callback: function (response) {
      if (!response.success) {
        log.error('saveLog (update) failed:', firstError(response));
        done(new Error(firstError(response)));
        return;
      }
      refresh();
      done(null);
    }
  });
}

/***/ }),
/* 13 */
/*!***************************************!*\
  !*** ./src/salesforce/clickToDial.js ***!
  \****************************************/
/*! exports provided: registerClickToDial */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "registerClickToDial", function() { return registerClickToDial; });
/* harmony import */ var _util_logger__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6);
/* harmony import */ var _util_phone__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16);
/* harmony import */ var _store_softphoneStore__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8);



var n = window.sforce.opencti;
var log = Object(_util_logger__WEBPACK_IMPORTED_MODULE_0__["createLogger"])('click-to-dial');

// Click-to-dial must be enabled on the call center (Lightning) for these events to arrive.
function registerClickToDial(telephony, store) {
  function handleClickToDial(payload) {
    var state = store.getState();
    if (state.call.current) {
      store.dispatch(_store_softphoneStore__WEBPACK_IMPORTED_MODULE_2__["actions"].notice('Finish the current call before dialing', 'warn'));
      return;
    }
    if (!Object(_util_phone__WEBPACK_IMPORTED_MODULE_1__["isDialable"])(payload.number)) {
      store.dispatch(_store_softphoneStore__WEBPACK_IMPORTED_MODULE_2__["actions"].notice('Cannot dial "' + payload.number + '"', 'error'));
      return;
    }
    var number = Object(_util_phone__WEBPACK_IMPORTED_MODULE_1__["applyPrefixes"])(payload.number, state.settings.prefixes);
    log.info('click-to-dial', number, payload.objectType, payload.recordId);
    telephony.dial(number, {
      recordId: payload.recordId,
      objectType: payload.objectType,
      recordName: payload.recordName
    }).catch(function (err) {
      log.error('dial failed', err);
      store.dispatch(_store_softphoneStore__WEBPACK_IMPORTED_MODULE_2__["actions"].notice('Dial failed: ' + err.message, 'error'));
    });
  }

  n.onClickToDial({ listener: handleClickToDial });
}

/***/ }),
/* 14 */
/*!************************!*\
  !*** ./src/ui/view.js ***!
  \*************************/
/*! exports provided: mountView */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "mountView", function() { return mountView; });
/* harmony import */ var clockface__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3);
/* harmony import */ var clockface__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(clockface__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5);
/* harmony import */ var _util_phone__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(16);
/* harmony import */ var _store_softphoneStore__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8);




var TEMPLATE = [
  '<div class="orbit-softphone">',
  '  <header class="orbit-header">',
  '    <span class="orbit-brand">OrbitVoice</span>',
  '    <select class="orbit-presence" data-ref="presence">',
  '      <option value="available">Available</option>',
  '      <option value="busy">Busy</option>',
  '      <option value="break">On break</option>',
  '      <option value="offline">Offline</option>',
  '    </select>',
  '    <button type="button" class="orbit-size" data-action="size" title="Resize">&#8597;</button>',
  '  </header>',
  '  <div class="orbit-notice" data-ref="notice" hidden></div>',
  '  <section class="orbit-call" data-ref="call">',
  '    <div class="orbit-call-state" data-ref="callState">No active call</div>',
  '    <div class="orbit-call-party" data-ref="party"></div>',
  '    <div class="orbit-call-timer" data-ref="timer"></div>',
  '    <div class="orbit-buttons">',
  '      <button type="button" data-action="answer" class="btn-answer">Answer</button>',
  '      <button type="button" data-action="hangup" class="btn-hangup">Hang up</button>',
  '      <button type="button" data-action="hold" class="btn-hold">Hold</button>',
  '      <button type="button" data-action="mute" class="btn-mute">Mute</button>',
  '    </div>',
  '  </section>',
  '  <section class="orbit-dialer" data-ref="dialer">',
  '    <input type="tel" data-ref="number" placeholder="Number or extension" autocomplete="off">',
  '    <div class="orbit-keypad" data-ref="keypad"></div>',
  '    <button type="button" data-action="dial" class="btn-dial">Call</button>',
  '    <button type="button" data-action="transfer" class="btn-transfer">Transfer</button>',
  '  </section>',
  '  <section class="orbit-wrapup" data-ref="wrapup" hidden>',
  '    <label>Disposition <select data-ref="disposition"></select></label>',
  '    <label>Notes <textarea data-ref="notes" rows="3"></textarea></label>',
  '    <div class="orbit-wrapup-timer" data-ref="wrapupTimer"></div>',
  '    <button type="button" data-action="finishWrapUp" class="btn-primary">Done</button>',
  '  </section>',
  '  <footer class="orbit-footer" data-ref="footer"></footer>',
  '</div>'
].join('\n');

var KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

function escapeHtml(text) {
  return String(text == null ? '' : text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function collectRefs(root) {
  var refs = {};
  var nodes = root.querySelectorAll('[data-ref]');
  for (var i = 0; i < nodes.length; i++) {
    refs[nodes[i].getAttribute('data-ref')] = nodes[i];
  }
  return refs;
}

function setDisabled(root, action, disabled) {
  var btn = root.querySelector('[data-action="' + action + '"]');
  if (btn) {
    btn.disabled = !!disabled;
  }
}

// handlers: { answer, hangup, hold, mute, dial, transfer, digit, presence, size, finishWrapUp, wrapUpChanged }
function mountView(container, store, handlers) {
  container.innerHTML = TEMPLATE;
  var root = container.firstChild;
  var refs = collectRefs(root);
  var timer = null;

  refs.keypad.innerHTML = KEYS.map(function (k) {
    return '<button type="button" class="orbit-key" data-digit="' + escapeHtml(k) + '">' + escapeHtml(k) + '</button>';
  }).join('');

  root.addEventListener('click', function (event) {
    var target = event.target;
    var digit = target.getAttribute('data-digit');
    if (digit) {
      var state = store.getState();
      if (state.call.current && state.call.current.answeredAt) {
        handlers.digit(digit);
      } else {
        refs.number.value += digit;
      }
      return;
    }
    var action = target.getAttribute('data-action');
    if (!action || target.disabled) {
      return;
    }
    event.preventDefault();
    switch (action) {
      case 'dial':
        handlers.dial(refs.number.value);
        break;
      case 'transfer':
        handlers.transfer(refs.number.value);
        break;
      case 'finishWrapUp':
        handlers.finishWrapUp({ disposition: refs.disposition.value, notes: refs.notes.value });
        break;
      default:
        if (typeof handlers[action] === 'function') {
          handlers[action]();
        }
    }
  });

  refs.number.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      event.preventDefault();
      handlers.dial(refs.number.value);
    }
  });

  refs.presence.addEventListener('change', function () {
    handlers.presence(refs.presence.value);
  });

  refs.disposition.addEventListener('change', function () {
    handlers.wrapUpChanged({ disposition: refs.disposition.value });
  });

  refs.notes.addEventListener('input', function () {
    handlers.wrapUpChanged({ notes: refs.notes.value });
  });

  function renderDispositions(list) {
    if (refs.disposition.getAttribute('data-count') === String(list.length)) {
      return;
    }
    refs.disposition.innerHTML = '<option value="">-- select --</option>' + list.map(function (d) {
      return '<option value="' + escapeHtml(d) + '">' + escapeHtml(d) + '</option>';
    }).join('');
    refs.disposition.setAttribute('data-count', String(list.length));
  }

  function renderNotice(notice) {
    if (!notice) {
      refs.notice.hidden = true;
      return;
    }
    refs.notice.hidden = false;
    refs.notice.className = 'orbit-notice orbit-notice-' + notice.level;
    refs.notice.textContent = notice.text;
  }

  function renderCall(callState) {
    var CALL_STATE = _config__WEBPACK_IMPORTED_MODULE_1__["CALL_STATE"];
    var current = callState.current;
    var labels = {};
    labels[CALL_STATE.IDLE] = 'No active call';
    labels[CALL_STATE.RINGING] = 'Incoming call';
    labels[CALL_STATE.DIALING] = 'Calling\u2026';
    labels[CALL_STATE.CONNECTED] = 'Connected';
    labels[CALL_STATE.HELD] = 'On hold';
    refs.callState.textContent = labels[callState.state] || callState.state;
    if (current) {
      var other = current.direction === 'inbound' ? current.from : current.to;
      var name = current.matches && current.matches.length === 1 ? current.matches[0].name + ' \u00b7 ' : '';
      refs.party.textContent = name + Object(_util_phone__WEBPACK_IMPORTED_MODULE_2__["display"])(other);
    } else {
      refs.party.textContent = '';
    }
    setDisabled(root, 'answer', callState.state !== CALL_STATE.RINGING);
    setDisabled(root, 'hangup', !current);
    setDisabled(root, 'hold', callState.state !== CALL_STATE.CONNECTED && callState.state !== CALL_STATE.HELD);
    setDisabled(root, 'mute', callState.state !== CALL_STATE.CONNECTED && callState.state !== CALL_STATE.HELD);
    setDisabled(root, 'dial', !!current);
    setDisabled(root, 'transfer', callState.state !== CALL_STATE.CONNECTED);
    root.querySelector('[data-action="hold"]').textContent = callState.state === CALL_STATE.HELD ? 'Resume' : 'Hold';
    root.querySelector('[data-action="mute"]').textContent = current && current.muted ? 'Unmute' : 'Mute';
  }

  function renderTimers() {
    var state = store.getState();
    var current = state.call.current;
    refs.timer.textContent = current && current.answeredAt ? Object(clockface__WEBPACK_IMPORTED_MODULE_0__["duration"])(Date.now() - current.answeredAt) : '';
    if (state.wrapUp.active && state.wrapUp.deadline) {
      var left = Math.max(0, state.wrapUp.deadline - Date.now());
      refs.wrapupTimer.textContent = 'Wrap-up ends in ' + Object(clockface__WEBPACK_IMPORTED_MODULE_0__["duration"])(left);
    } else {
      refs.wrapupTimer.textContent = '';
    }
  }

  function render() {
    var state = store.getState();
    renderNotice(state.ui.notice);
    renderCall(state.call);
    renderDispositions(state.settings.dispositions || []);
    refs.wrapup.hidden = !state.wrapUp.active;
    refs.dialer.hidden = state.wrapUp.active;
    if (refs.presence.value !== state.agent.state && state.agent.state !== _config__WEBPACK_IMPORTED_MODULE_1__["AGENT_STATE"].AFTER_CALL) {
      refs.presence.value = state.agent.state;
    }
    refs.presence.disabled = !state.agent.id;
    refs.footer.textContent = state.agent.id
      ? 'Agent ' + state.agent.id + ' \u00b7 ' + state.agent.state + (state.agent.since ? ' since ' + Object(clockface__WEBPACK_IMPORTED_MODULE_0__["format"])(state.agent.since, 'HH:mm') : '')
      : 'Not connected';
    root.setAttribute('data-size', state.ui.size);
    renderTimers();
  }

  var unsubscribe = store.subscribe(render);
  timer = setInterval(renderTimers, 1000);
  render();

  return {
    resetWrapUp: function () {
      refs.disposition.value = '';
      refs.notes.value = '';
    },
    clearNumber: function () {
      refs.number.value = '';
    },
    destroy: function () {
      clearInterval(timer);
      unsubscribe();
      container.innerHTML = '';
    }
  };
}

/***/ }),
/* 15 */
/*!********************!*\
  !*** ./src/app.js ***!
  \*********************/
/*! exports provided: start */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "start", function() { return start; });
/* harmony import */ var _config__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5);
/* harmony import */ var _util_logger__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6);
/* harmony import */ var _store_softphoneStore__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8);
/* harmony import */ var _telephony_orbitClient__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7);
/* harmony import */ var _salesforce_settings__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9);
/* harmony import */ var _salesforce_panel__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(10);
/* harmony import */ var _salesforce_screenPop__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(11);
/* harmony import */ var _salesforce_callLog__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(12);
/* harmony import */ var _salesforce_clickToDial__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(13);
/* harmony import */ var _ui_view__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(14);
/* harmony import */ var _util_phone__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(16);











var opencti = window.sforce.opencti;
var log = Object(_util_logger__WEBPACK_IMPORTED_MODULE_1__["createLogger"])('app');
var actions = _store_softphoneStore__WEBPACK_IMPORTED_MODULE_2__["actions"];
var SIZE_ORDER = ['compact', 'normal', 'expanded'];

function start(pageConfig) {
  var store = Object(_store_softphoneStore__WEBPACK_IMPORTED_MODULE_2__["createSoftphoneStore"])();
  var telephony = null;
  var view = null;
  var wrapTimer = null;
  var noticeTimer = null;
  var initialized = false;

  function notice(text, level) {
    store.dispatch(actions.notice(text, level));
    clearTimeout(noticeTimer);
    if (text) {
      noticeTimer = setTimeout(function () {
        store.dispatch(actions.notice(null));
      }, level === 'error' ? 10000 : 5000);
    }
  }

  function signalReady() {
    if (initialized) {
      return;
    }
    initialized = true;
    // Tells Salesforce the adapter is up, so it does not switch to reqStandbyUrl.
    opencti.notifyInitializationComplete({
      callback: function (response) {
        if (!response.success) {
          log.warn('notifyInitializationComplete failed', response.errors);
        }
      }
    });
  }

  function handleIncoming(call) {
    store.dispatch(actions.ringing(call));
    telephony.lookupCaller(call.from).then(function (matches) {
      var settings = store.getState().settings;
      var recordId = Object(_salesforce_screenPop__WEBPACK_IMPORTED_MODULE_6__["popForCaller"])(call, matches, settings);
      call.recordId = recordId;
      store.dispatch(actions.matched(matches, recordId));
    }).catch(function (err) {
      log.warn('caller lookup failed, falling back to a search pop', err);
      Object(_salesforce_screenPop__WEBPACK_IMPORTED_MODULE_6__["popSearch"])(call.from);
    });
  }

  function handleDialing(call) {
    store.dispatch(actions.dialing(call));
    if (view) {
      view.clearNumber();
    }
    call.recordId = call.attributes && call.attributes.sfRecordId;
    if (!call.recordId) {
      telephony.lookupCaller(call.to).then(function (matches) {
        if (matches.length === 1) {
          call.recordId = matches[0].id;
        }
        store.dispatch(actions.matched(matches, call.recordId || null));
      }).catch(function () {
        store.dispatch(actions.matched([], null));
      });
    }
  }

  function handleEnded(call) {
    var current = store.getState().call.current;
    if (current && current.recordId && !call.recordId) {
      call.recordId = current.recordId;
    }
    var settings = store.getState().settings;
    var deadline = Date.now() + settings.wrapUpSeconds * 1000;
    store.dispatch(actions.ended(call, deadline));
    Object(_salesforce_callLog__WEBPACK_IMPORTED_MODULE_7__["createCallTask"])(call, settings, function (err, taskId) {
      if (err) {
        notice('The call could not be logged: ' + err.message, 'error');
        return;
      }
      store.dispatch(actions.taskSaved(taskId));
    });
    telephony.setPresence(_config__WEBPACK_IMPORTED_MODULE_0__["AGENT_STATE"].AFTER_CALL).catch(function () {});
    clearTimeout(wrapTimer);
    wrapTimer = setTimeout(function () {
      var wrap = store.getState().wrapUp;
      finishWrapUp({ disposition: wrap.disposition, notes: wrap.notes }, true);
    }, settings.wrapUpSeconds * 1000);
  }

  function finishWrapUp(values, timedOut) {
    var wrap = store.getState().wrapUp;
    if (!wrap.active) {
      return;
    }
    clearTimeout(wrapTimer);
    var complete = function () {
      store.dispatch(actions.wrapUpDone());
      if (view) {
        view.resetWrapUp();
      }
      telephony.setPresence(_config__WEBPACK_IMPORTED_MODULE_0__["AGENT_STATE"].AVAILABLE).catch(function (err) {
        log.warn('could not restore presence', err);
      });
    };
    if (!wrap.taskId || (!values.disposition && !values.notes)) {
      complete();
      return;
    }
    Object(_salesforce_callLog__WEBPACK_IMPORTED_MODULE_7__["updateDisposition"])(wrap.taskId, values.disposition, values.notes, function (err) {
      if (err) {
        notice('Disposition not saved: ' + err.message, 'error');
        if (!timedOut) {
          return;
        }
      }
      complete();
    });
  }

  function bindTelephony() {
    telephony.on('ready', function (e) {
      store.dispatch(actions.agentReady(e.agentId));
    });
    telephony.on('offline', function () {
      store.dispatch(actions.agentOffline());
      notice('Disconnected from OrbitVoice', 'warn');
    });
    telephony.on('presence', function (e) {
      store.dispatch(actions.agentPresence(e.state));
    });
    telephony.on('incoming', handleIncoming);
    telephony.on('dialing', handleDialing);
    telephony.on('connected', function (call) {
      store.dispatch(actions.connected({ answeredAt: call.answeredAt, callSid: call.callSid }));
    });
    telephony.on('held', function () {
      store.dispatch(actions.held());
    });
    telephony.on('resumed', function () {
      store.dispatch(actions.resumed());
    });
    telephony.on('muted', function (call) {
      store.dispatch(actions.muted(call.muted));
    });
    telephony.on('ended', handleEnded);
    telephony.on('error', function (e) {
      notice(e.message || 'Telephony error', 'error');
    });
  }

  var handlers = {
    answer: function () {
      telephony.answer();
    },
    hangup: function () {
      telephony.hangup();
    },
    hold: function () {
      var current = store.getState().call.current;
      telephony.hold(!(current && current.held)).catch(function (err) {
        notice('Hold failed: ' + err.message, 'error');
      });
    },
    mute: function () {
      var current = store.getState().call.current;
      telephony.mute(!(current && current.muted));
    },
    dial: function (raw) {
      var settings = store.getState().settings;
      if (!Object(_util_phone__WEBPACK_IMPORTED_MODULE_10__["isDialable"])(raw)) {
        notice('Enter a number to dial', 'warn');
        return;
      }
      telephony.dial(Object(_util_phone__WEBPACK_IMPORTED_MODULE_10__["applyPrefixes"])(raw, settings.prefixes), {}).catch(function (err) {
        notice('Dial failed: ' + err.message, 'error');
      });
    },
    transfer: function (raw) {
      telephony.transfer(raw).then(function () {
        notice('Call transferred', 'info');
      }, function (err) {
        notice('Transfer failed: ' + err.message, 'error');
      });
    },
    digit: function (d) {
      telephony.sendDigits(d);
    },
    presence: function (state) {
      telephony.setPresence(state).catch(function (err) {
        notice('Could not change status: ' + err.message, 'error');
      });
    },
    size: function () {
      var current = store.getState().ui.size;
      var next = SIZE_ORDER[(SIZE_ORDER.indexOf(current) + 1) % SIZE_ORDER.length];
      store.dispatch(actions.size(next));
      Object(_salesforce_panel__WEBPACK_IMPORTED_MODULE_5__["resizePanel"])(Object(_salesforce_panel__WEBPACK_IMPORTED_MODULE_5__["sizeFor"])(next, store.getState().settings));
    },
    wrapUpChanged: function (fields) {
      store.dispatch(actions.wrapUpUpdated(fields));
    },
    finishWrapUp: function (values) {
      finishWrapUp(values, false);
    }
  };

  Object(_salesforce_settings__WEBPACK_IMPORTED_MODULE_4__["loadCallCenterSettings"])(function (err, settings) {
    var merged = Object.assign({}, _config__WEBPACK_IMPORTED_MODULE_0__["DEFAULTS"], settings || {}, pageConfig || {});
    Object(_util_logger__WEBPACK_IMPORTED_MODULE_1__["setLevel"])(merged.logLevel);
    store.dispatch(actions.settingsLoaded(merged));
    if (err) {
      notice('Using default settings: ' + err.message, 'warn');
    }
    Object(_salesforce_panel__WEBPACK_IMPORTED_MODULE_5__["resizePanel"])(Object(_salesforce_panel__WEBPACK_IMPORTED_MODULE_5__["sizeFor"])('normal', merged), function (resizeErr) {
      if (resizeErr) {
        log.warn(resizeErr.message);
      }
    });

    telephony = new _telephony_orbitClient__WEBPACK_IMPORTED_MODULE_3__["OrbitClient"](merged);
    bindTelephony();
    view = Object(_ui_view__WEBPACK_IMPORTED_MODULE_9__["mountView"])(document.getElementById('orbit-root') || document.body, store, handlers);
    Object(_salesforce_clickToDial__WEBPACK_IMPORTED_MODULE_8__["registerClickToDial"])(telephony, store);

    telephony.login().then(function () {
      signalReady();
    }, function (loginErr) {
      log.error('OrbitVoice login failed', loginErr);
      notice('Could not sign in to OrbitVoice: ' + loginErr.message, 'error');
      // No notifyInitializationComplete here: Salesforce falls back to the standby URL.
    });
  });

  window.addEventListener('beforeunload', function () {
    if (telephony) {
      telephony.destroy();
    }
  });

  return {
    store: store,
    getTelephony: function () { return telephony; },
    finishWrapUp: finishWrapUp
  };
}

/***/ }),
/* 16 */
/*!***************************!*\
  !*** ./src/util/phone.js ***!
  \****************************/
/*! exports provided: normalize, display, applyPrefixes, isDialable */
/***/ (function(module, __webpack_exports__, __webpack_require__) {

"use strict";
__webpack_require__.r(__webpack_exports__);
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "normalize", function() { return normalize; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "display", function() { return display; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "applyPrefixes", function() { return applyPrefixes; });
/* harmony export (binding) */ __webpack_require__.d(__webpack_exports__, "isDialable", function() { return isDialable; });
function normalize(raw) {
  var s = String(raw || '').trim();
  if (/^(sip|client):/i.test(s)) {
    return s;
  }
  var plus = s.charAt(0) === '+';
  var digits = s.replace(/[^0-9]/g, '');
  if (plus) {
    return '+' + digits;
  }
  if (digits.length === 10) {
    return '+1' + digits;
  }
  if (digits.length === 11 && digits.charAt(0) === '1') {
    return '+' + digits;
  }
  return digits;
}

function display(e164) {
  var s = String(e164 || '');
  var m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(s);
  if (m) {
    return '(' + m[1] + ') ' + m[2] + '-' + m[3];
  }
  return s;
}

// Applies the dialing prefixes from the call center's reqDialingOptions section for
// numbers that are not already in E.164 form (PBX-style trunks).
function applyPrefixes(number, prefixes) {
  var p = prefixes || {};
  var s = String(number || '');
  if (!s || s.charAt(0) === '+' || /^(sip|client):/i.test(s)) {
    return s;
  }
  if (s.length <= 5) {
    return s;
  }
  if (s.length > 11 && p.internationalPrefix) {
    return (p.outsidePrefix || '') + p.internationalPrefix + s;
  }
  if (s.length === 11 && p.longDistPrefix) {
    return (p.outsidePrefix || '') + s;
  }
  return (p.outsidePrefix || '') + s;
}

function isDialable(number) {
  var s = normalize(number);
  return /^(sip|client):/i.test(s) || s.replace(/\D/g, '').length >= 3;
}

/***/ })
/******/ ]);
//# sourceMappingURL=softphone.bundle.js.map
