"""Lightning Message Service: sforce.opencti.subscribe / publish / unsubscribe."""

from __future__ import annotations

import re

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, register

from ._shared import handler_text, helper, js_comment, literal_string, object_pairs, respond, unsupported

CHANNEL = re.compile(r"[A-Za-z][A-Za-z0-9_]*__c")


@register
class Lms(Codemod):
    """LMS calls become lightning/messageService in the LWC, with the message channel metadata.

    What it converts
        ``sforce.opencti.subscribe({channelName, listener, callback})``,
        ``publish({channelName, message, callback})`` and ``unsubscribe({subscription, callback})``.

    Becomes
        ``subscribe(this.messageContext, CHANNEL, listener, { scope: APPLICATION_SCOPE })``,
        ``publish(this.messageContext, CHANNEL, message)`` and ``unsubscribe(subscription)`` from
        ``lightning/messageService`` with ``@wire(MessageContext)``; the channel is imported from
        ``@salesforce/messageChannel/<Name>__c`` and its ``LightningMessageChannel`` metadata is
        written (fields from the literal messages published). Callbacks keep their response shape
        (``returnValue.subscription`` for subscribe).

        In the connector (code carried there) the calls cannot run: a TODO in their place, and a
        callback passed is called with Open CTI's failure response (``{success: false, errors}``
        naming the TODO), so the legacy code's failure handling and what it continues with run.

    Safety
        auto when the channel name is a literal; manual when it is computed at run time; review when
        a copy carried into the connector answers its callback with that failure.

    References
        Open CTI LMS methods; lightning/messageService; LightningMessageChannel metadata.
    """

    id = "lms"
    members = ("sforce.opencti.subscribe", "sforce.opencti.publish", "sforce.opencti.unsubscribe")
    runs_in = LWC

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        name = site.name
        callback = site.option("callback")
        conversion = self.conversion(site)
        conversion.connector = unsupported(
            "the connector reaches Lightning components through the LMS bridge (publishEvent MESSAGE / "
            "handleMessage); the Voice LWC now publishes and subscribes", callback)
        if name == "unsubscribe":
            subscription = site.option("subscription")

            def unsubscribe(r: RenderContext) -> str:
                r.lwc_import("lightning/messageService", "unsubscribe")
                value = r.expr(subscription) if subscription is not None else "undefined"
                return respond(r, f"Promise.resolve(unsubscribe({value}))", callback, value="() => null")

            conversion.summary = "lightning/messageService unsubscribe"
            conversion.lwc = unsubscribe
            return conversion
        channel_node = site.option("channelName")
        channel = literal_string(site, channel_node) if channel_node is not None else None
        if channel is None or not CHANNEL.fullmatch(channel):
            conversion.safety = Disposition.MANUAL
            conversion.reason = conversion.todo = (
                "the channel name is computed at run time; LWC imports message channels by name at build "
                "time: import each possible channel from @salesforce/messageChannel/<Name>__c")

            def manual(r: RenderContext) -> str:
                return respond(r, f"{helper(r, 'ctimodUnsupported')}('{name}') /* TODO(ctimod): "
                                  f"{js_comment(conversion.todo)} */", callback)

            conversion.lwc = conversion.connector = manual
            conversion.summary = "kept as a TODO"
            return conversion
        fields = []
        message = site.option("message")
        pairs = object_pairs(site, message) if message is not None else None
        if pairs:
            fields = [k for k, _ in pairs]
        if "__" in channel[:-3]:
            conversion.todo = (f"{channel} belongs to a managed package: it is imported, not written as "
                               "metadata.")
        else:
            conversion.todo = (f"If '{channel.split('_')[0]}' is a managed-package namespace, import "
                               f"@salesforce/messageChannel/{channel.split('_')[0]}__"
                               f"{channel.split('_', 1)[1] if '_' in channel else channel} instead."
                               if re.match(r"[a-z]+_[A-Z]", channel) else None)

        def lwc(r: RenderContext) -> str:
            local = r.channel(channel, fields)
            if name == "subscribe":
                listener = site.option("listener")
                listener_text = handler_text(r, listener) if listener is not None else "() => {}"
                call = (f"Promise.resolve({{ subscription: subscribe(this.messageContext, {local}, "
                        f"{listener_text}, {{ scope: APPLICATION_SCOPE }}) }})")
                return respond(r, call, callback)
            value = r.expr(message) if message is not None else "{}"
            call = f"Promise.resolve(publish(this.messageContext, {local}, {value}))"
            return respond(r, call, callback, value="() => null")

        conversion.summary = f"lightning/messageService {name} on {channel}"
        if name == "subscribe":
            conversion.trigger = "connected"
        conversion.lwc = lwc
        return conversion
