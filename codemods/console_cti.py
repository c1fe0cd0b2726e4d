"""Console Integration Toolkit CTI methods: sforce.console.cti.*."""

from __future__ import annotations

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, Unsupported, register

from ._shared import handler_text, helper, js_comment, respond

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
    runs_in = LWC
    members = tuple(f"sforce.console.cti.{m}" for m in (
        "onCallBegin", "onCallEnd", "fireOnCallBegin", "fireOnCallEnd", "onCallLogSaved", "fireOnCallLogSaved",
        "setCallAttachedData", "getCallAttachedData", "setCallObjectIds", "getCallObjectIds", "sendCTIMessage",
        "onSendCTIMessage"))

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        name = site.name
        conversion = self.conversion(site)
        conversion.connector = Unsupported(f"{site.use.api} belongs to the Lightning console side; it runs in the "
                                           "Voice LWC")
        if name in EVENTS:
            handler = site.positional(0)
            event = EVENTS[name]
            conversion.trigger = "connected"

            def lwc(r: RenderContext) -> str:
                r.member("ctimodToolkitHandlers")
                for each in ("callstarted", "callended"):
                    r.on_event(each, f"this.ctimodRunToolkitListeners('{each}', detail);")
                if handler is None:
                    return "void 0"
                return f"this.ctimodOnToolkitEvent('{event}', {handler_text(r, handler)})"

            conversion.summary = f"handler runs on the toolkit's {event} event"
            conversion.todo = ("Console call events fired for the interaction log; the toolkit's events fire per "
                               "Voice call (callstarted = ringing/dialing, callconnected = answered).")
        elif name in ("sendCTIMessage", "onSendCTIMessage"):
            channel = "CtimodVoiceBridge__c"
            argument = site.positional(0)
            callback = site.positional(1)
            conversion.trigger = "connected" if name == "onSendCTIMessage" else None

            def lwc(r: RenderContext) -> str:
                local = r.channel(channel, ("message",))
                value = r.expr(argument) if argument is not None else "undefined"
                if name == "sendCTIMessage":
                    call = f"Promise.resolve(publish(this.messageContext, {local}, {{ message: {value} }}))"
                    return respond(r, call, callback, classic=True, value="() => true")
                return (f"subscribe(this.messageContext, {local}, (payload) => ({value})(payload.message), "
                        "{ scope: APPLICATION_SCOPE })")

            conversion.summary = "Lightning Message Service on the Voice bridge channel"
            conversion.todo = ("Set ConversationVendorInfo.bridgeComponent to an LMS bridge that forwards this "
                               "channel to the connector's handleMessage(); CtimodVoiceBridge__c is generated.")
        else:
            conversion.safety = Disposition.MANUAL
            conversion.reason = conversion.todo = MANUAL[name]
            conversion.summary = "removed: no Voice equivalent"
            callback = next((a for a in reversed(site.args)
                             if a.type in ("function_expression", "function", "arrow_function", "identifier")), None)
            if callback is None or name.startswith("on"):
                lwc = Unsupported(f"removed {site.use.api}: {MANUAL[name]}")
            else:
                def lwc(r: RenderContext) -> str:
                    comment = f"/* TODO(ctimod): removed {site.use.api}: {js_comment(MANUAL[name])} */"
                    return respond(r, f"{helper(r, 'ctimodUnsupported')}('{name}') {comment}", callback, classic=True)

        conversion.lwc = lwc
        return conversion
