"""Console Integration Toolkit CTI methods: sforce.console.cti.*."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import expr, handler_text, js_comment, respond

EVENTS = {"onCallBegin": "callstarted", "onCallEnd": "callended"}
MANUAL = {
    "fireOnCallBegin": "Voice raises call events itself (the connector publishes CALL_STARTED)",
    "fireOnCallEnd": "Voice raises call events itself (the connector publishes HANGUP)",
    "onCallLogSaved": "the Classic console interaction log does not exist in Voice",
    "fireOnCallLogSaved": "the Classic console interaction log does not exist in Voice",
    "setCallAttachedData": "Voice has no attached-data store: put the data on VoiceCall custom fields or in "
                           "PhoneCall.callAttributes from the connector",
    "getCallAttachedData": "Voice has no attached-data store: read VoiceCall custom fields instead",
    "setCallObjectIds": "call identity is the VoiceCall record (VendorCallKey / the toolkit's detail.callId)",
    "getCallObjectIds": "call identity is the VoiceCall record (VendorCallKey / the toolkit's detail.callId)",
}


@register
class ConsoleCti(Codemod):
    """Console CTI calls map to toolkit events, the LMS bridge, or are removed with a reason.

    What it converts
        ``sforce.console.cti.*`` (Console Integration Toolkit, often mixed into Classic adapters):
        ``onCallBegin``, ``onCallEnd``, ``sendCTIMessage``, ``onSendCTIMessage`` and the attached-data,
        call-object and call-log methods.

    Becomes
        ``onCallBegin`` / ``onCallEnd`` handlers run on the toolkit's ``callstarted`` / ``callended``
        events in the LWC (they get ``{id: callId}``); ``sendCTIMessage`` publishes on the Voice
        message bridge channel and ``onSendCTIMessage`` handlers subscribe to it (the bridge component
        forwards to the connector's ``handleMessage``). Attached data, call object ids, fire* and call
        log methods are removed with the reason (their callbacks get a failure response).

    Safety
        review for events and messages (started vs connected semantics differ); manual for the rest.

    References
        Console Integration Toolkit CTI methods; Voice LWC toolkit events; LMS bridge.
    """

    id = "console-cti"
    members = tuple(f"sforce.console.cti.{m}" for m in (
        "onCallBegin", "onCallEnd", "fireOnCallBegin", "fireOnCallEnd", "onCallLogSaved", "fireOnCallLogSaved",
        "setCallAttachedData", "getCallAttachedData", "setCallObjectIds", "getCallObjectIds", "sendCTIMessage",
        "onSendCTIMessage"))

    def convert(self, site: CallSite, plan) -> Conversion:
        name = site.use.api.rsplit(".", 1)[1]
        conversion = Conversion(use=site.use, codemod=self.id, safety=site.use.disposition, summary="")
        if name in EVENTS:
            handler = site.positional(0)
            event = EVENTS[name]
            conversion.trigger = "connected"

            def lwc(renderer, home):
                plan.bundle.lwc_helpers.add("ctimodToolkitHandlers")
                if handler is None:
                    return "void 0"
                return f"this.ctimodOnToolkitEvent('{event}', {handler_text(renderer, home, site, handler)})"

            conversion.summary = f"handler runs on the toolkit's {event} event"
            conversion.todo = ("Console call events fired for the interaction log; the toolkit's events fire per "
                               "Voice call (callstarted = ringing/dialing, callconnected = answered).")
        elif name in ("sendCTIMessage", "onSendCTIMessage"):
            channel = "CtimodVoiceBridge__c"
            argument = site.positional(0)
            callback = site.positional(1)
            conversion.trigger = "connected" if name == "onSendCTIMessage" else None

            def lwc(renderer, home):
                local = plan.bundle.channel(channel)
                plan.bundle.channel_fields.setdefault(channel, set()).add("message")
                value = expr(renderer, home, site, argument) if argument is not None else "undefined"
                if name == "sendCTIMessage":
                    call = f"Promise.resolve(publish(this.messageContext, {local}, {{ message: {value} }}))"
                    return respond(plan, renderer, home, site, call, callback, classic=True, value="() => true")
                return (f"subscribe(this.messageContext, {local}, (payload) => ({value})(payload.message), "
                        "{ scope: APPLICATION_SCOPE })")

            conversion.summary = "Lightning Message Service on the Voice bridge channel"
            conversion.todo = ("Set ConversationVendorInfo.bridgeComponent to an LMS bridge that forwards this "
                               "channel to the connector's handleMessage(); CtimodVoiceBridge__c is generated.")
        else:
            conversion.safety = "manual"
            conversion.reason = conversion.todo = MANUAL[name]
            conversion.summary = "removed: no Voice equivalent"
            callback = next((a for a in reversed(site.args)
                             if a.type in ("function_expression", "function", "arrow_function", "identifier")), None)

            def lwc(renderer, home):
                comment = f"/* TODO(ctimod): removed {site.use.api}: {js_comment(MANUAL[name])} */"
                if callback is None or name.startswith("on"):
                    return f"void 0 {comment}"
                helper = plan.bundle.helper("ctimodUnsupported", home)
                return respond(plan, renderer, home, site, f"{helper}('{name}') {comment}", callback, classic=True)

        conversion.lwc = lwc
        conversion.connector = lambda renderer, home: (
            f"void 0 /* TODO(ctimod): {js_comment(site.use.api)} belongs to the Lightning console side; it runs in the Voice "
            "LWC */")
        return conversion
