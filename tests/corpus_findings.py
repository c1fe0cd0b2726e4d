"""What ``ctimod verify`` finds in the bundles ctimod converts from the corpus today.

Each entry is a check that fails on an adapter's bundle (for connector API 3 and 4 alike) and why
(the connector runs in its own page, connector/index.html, as Salesforce loads it):
defects of ``convert`` (issues 11 and 13), reported to the convert owners. The tests compare the
failing checks with this table both ways, so a fix makes its test fail until the entry is removed,
and a new failure makes it fail until it is fixed (or, if it is a new finding, listed here with
its reason).
"""

# A connector method the legacy adapter has no code for is an explicit TODO(ctimod) that throws
# "<method>() is not implemented yet": verify reports its step as `todo` (not converted; exit 0, and
# exit 1 with --strict), neither a pass nor a failure. TODOS lists them per adapter, compared both ways.
NO_DIAL = "the legacy adapter registers no click-to-dial listener: dial() is a TODO that throws 'not implemented yet'"


def stand_in(names: str) -> str:
    return f"runs through ctimodMissing stand-ins ({names}) (#11 items 3-4)"


FINDINGS: dict[str, dict[str, str]] = {}  # none today: every failing check is a declared TODO (FLAGGED, TODOS)

# Steps verify reports as `skipped`, besides wired vendor methods: the legacy click-to-dial logic waits for state
# only the vendor's event handlers set (render/dial_guards.py says which), and the flow's vendor is a recorder
# that sends no events. Compared both ways.
SKIPPED: dict[str, dict[str, str]] = {
    "lms-and-sales-engagement": {
        "connector-DIAL": "dial() runs the legacy dial(), whose guard waits for state.loggedIn, which the vendor's "
                          "'registered' event sets",
    },
}

TODOS: dict[str, dict[str, str]] = {
    "aura-lightning-component": {"connector-DIAL": NO_DIAL},
    "classic-casefeed-publisher": {"connector-DIAL": NO_DIAL},
    "clojurescript-adapter": {"connector-DIAL": NO_DIAL},
    "panel-and-navigation": {"connector-DIAL": NO_DIAL},
    "react-tsx-softphone": {"connector-DIAL": NO_DIAL},
    "screenpop-every-type": {"connector-DIAL": NO_DIAL},
    "ts-bridge-class": {"connector-DIAL": NO_DIAL},
}


# Code Analyzer (Recommended rules, PMD + ESLint engines) on the bundles tests/test_verify.py runs it
# on: files with severity 1-2 violations in code ctimod wrote. (Carried legacy code is rewritten or carries
# a scoped disable with a TODO the report lists: render/lint.py, tests/test_carried_lint.py.)
CODE_ANALYZER_FINDINGS: dict[str, dict[str, str]] = {  # none left: unused imports and constant conditions fixed
    "twilio-lightning-softphone": {},
    "runapex-heavy-lookup": {},
}

# Checks verify reports as `todo` because the code fails only through what migration.json lists: ctimodMissing
# stand-ins for names it lists (each with a TODO(ctimod) at its uses; a value computed at load from one), and
# errors the code raises on purpose for a TODO it lists (`ctimod TODO: the vendor is not set up: ...`): init()
# that fails so, and then the steps of the call flow that fail on that connector (or that reach them
# themselves). The migration flagged these (not converted: exit 0, --strict fails); compared both ways.
FLAGGED: dict[str, dict[str, str]] = {
    "amazon-connect-ccp": {
        "connector-DIAL": "dial() waits for the callback the legacy listener hands connect.agent(), whose if/else "
                          "decides between dialling and adding a party; the check's Streams stand-in never runs it, so "
                          "dial() fails with its TODO that it cannot tell whether the call was placed (before: "
                          "CALL_STARTED for a call nobody placed)",
    },
    "amazon-connect-variants": {
        "connector-handshake": stand_in("ctx.CallTools: the adapter's own ccp_calltools static resource set it on "
                                        "the page's global object, and the connector does not load that code"),
        "connector-DIAL": "the moved click-to-dial logic decides not to dial: the CCP init() did not start",
    },
    "amd-requirejs-modules": {
        "connector-handshake": stand_in("bootstrap, an AMD module parameter"),
        "connector-DIAL": stand_in("telephony, an AMD module parameter"),
    },
    "dual-family-class-wrapper": {
        "connector-handshake": stand_in("this.settle, a method of the legacy class around init's callback"),
        "connector-DIAL": stand_in("handler, a parameter of apiOnClickToDial()"),
    },
    "outbound-preview-dialer": {"connector-DIAL": stand_in("this.manualDial, a method of the legacy object the "
                                                           "moved listener (an arrow function) belonged to")},
    "promise-and-deferred-wrappers": {"connector-handshake": stand_in("resolve, a parameter of a Promise executor")},
    "static-resource-bridge": {
        "connector-handshake": "init() fails with the ctimod TODO for bridge.options, listed among the names the "
                               "connector lacks: with the contact center's serverUrl, buildFrame() reads it, and "
                               "start(options), the page's boot call that set it, does not move",
        "connector-DIAL": "runs on a connector whose init() is a TODO (sendToVendor() queues the message for a frame "
                          "that is never built)",
    },
    "twilio-lightning-softphone": {
        "connector-DIAL": "the legacy listener declines (presence is not Available: only the device set-up sets it, "
                          "after a token from runApex), and dial() says the connector had reached runApex, which it "
                          "cannot do and migration.json flags",
    },
    "typescript-adapter": {
        "connector-handshake": stand_in("this.unwrap, a method of the legacy class; reject, a parameter of a Promise "
                                        "executor"),
        "connector-DIAL": stand_in("this.handleClickToDial, a method of the legacy class"),
    },
    "twilio-client-classic": {
        "connector-handshake": "init() fails naming the vendor set-up TODO migration.json lists (#13): the legacy code "
                               "called Twilio.Device.setup(token) with a token it fetched after an Apex call (runApex), "
                               "in code that does not move to the connector; tests/test_vendors.py runs the connector "
                               "with that TODO done",
    },
    "vue-production-build": {
        "connector-DIAL": stand_in("t: `var t=this` of the Vue component's registerClickToDial() method, which the "
                                   "moved listener reads (t.call, t.startCall); carried to module level it was "
                                   "undefined"),
    },
    "webpack-bundle": {
        "connector-handshake": stand_in("_config__WEBPACK_IMPORTED_MODULE_0__, computed at load from the listed "
                                        "__webpack_require__, a parameter of the webpack module wrapper"),
        "connector-DIAL": stand_in("store, a parameter of registerClickToDial()"),
    },
    "getter-function-optional-chaining": {
        "connector-DIAL": "dial() fails with a ctimod TODO listed at the click-to-dial row: placeCall()'s guard waits "
                          "for session.client, which only startRelay() set, in start-up code around loadSettings() "
                          "that does not move (its getCallCenterSettings call is flagged manual)",
    },
    "jquery-legacy-lightning": {
        "connector-DIAL": "dial() fails with a ctimod TODO listed at the click-to-dial row: dialNumber()'s guard waits "
                          "for voxSession, which the legacy sign-in form's doLogin() set; it does not move (the "
                          "connector's page is hidden)",
    },
    "lightning-postmessage-bridge": {
        "connector-handshake": "init() fails with the ctimod TODO for state.frame, listed among the names the connector "
                               "lacks: the continuation of loadCallCenterSettings() that init() runs reads it, and "
                               "start(options), the page's boot call that set it, does not move",
        "connector-DIAL": "runs on a connector whose init() is a TODO",
    },
    "widget-callback-events": {
        "connector-DIAL": stand_in("fireMakeCallEvent: the widget hands its API to init()'s renderWidget callback; "
                                   "verify's recorder for window.Tessera records the call and never calls back "
                                   "(tests/test_vendors.py runs it with a widget that calls back)"),
    },
}
