"""Lightning Message Service: sforce.opencti.subscribe / publish / unsubscribe."""

from __future__ import annotations

import re

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import expr, js_comment, literal_string, object_pairs, respond

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

    Safety
        auto when the channel name is a literal; manual when it is computed at run time.

    References
        Open CTI LMS methods; lightning/messageService; LightningMessageChannel metadata.
    """

    id = "lms"
    members = ("sforce.opencti.subscribe", "sforce.opencti.publish", "sforce.opencti.unsubscribe")

    def convert(self, site: CallSite, plan) -> Conversion:
        name = site.use.api.rsplit(".", 1)[1]
        callback = site.option("callback")
        conversion = Conversion(use=site.use, codemod=self.id, safety=site.use.disposition, summary="")
        if name == "unsubscribe":
            subscription = site.option("subscription")

            def lwc(renderer, home):
                plan.bundle.lwc_import("lightning/messageService", "unsubscribe")
                value = expr(renderer, home, site, subscription) if subscription is not None else "undefined"
                return respond(plan, renderer, home, site, f"Promise.resolve(unsubscribe({value}))", callback,
                               value="() => null")

            conversion.summary = "lightning/messageService unsubscribe"
        else:
            channel_node = site.option("channelName")
            channel = literal_string(site, channel_node) if channel_node is not None else None
            if channel is None or not CHANNEL.fullmatch(channel):
                conversion.safety = "manual"
                conversion.reason = conversion.todo = (
                    "the channel name is computed at run time; LWC imports message channels by name at build "
                    "time: import each possible channel from @salesforce/messageChannel/<Name>__c")

                def manual(renderer, home):
                    helper = plan.bundle.helper("ctimodUnsupported", home)
                    return respond(plan, renderer, home, site,
                                   f"{helper}('{name}') /* TODO(ctimod): {js_comment(conversion.todo)} */", callback)

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

            def lwc(renderer, home):
                local = plan.bundle.channel(channel)
                plan.bundle.channel_fields.setdefault(channel, set()).update(fields)
                if name == "subscribe":
                    listener = site.option("listener")
                    listener_text = expr(renderer, home, site, listener) if listener is not None else "() => {}"
                    from ._shared import handler_text

                    if listener is not None:
                        listener_text = handler_text(renderer, home, site, listener)
                    call = (f"Promise.resolve({{ subscription: subscribe(this.messageContext, {local}, "
                            f"{listener_text}, {{ scope: APPLICATION_SCOPE }}) }})")
                    return respond(plan, renderer, home, site, call, callback)
                value = expr(renderer, home, site, message) if message is not None else "{}"
                call = f"Promise.resolve(publish(this.messageContext, {local}, {value}))"
                return respond(plan, renderer, home, site, call, callback, value="() => null")

            conversion.summary = f"lightning/messageService {name} on {channel}"
            if name == "subscribe":
                conversion.trigger = "connected"
        conversion.lwc = lwc
        conversion.connector = lambda renderer, home: (
            "void 0 /* TODO(ctimod): the connector reaches Lightning components through the LMS bridge "
            "(publishEvent MESSAGE / handleMessage); the Voice LWC now publishes and subscribes */")
        return conversion
