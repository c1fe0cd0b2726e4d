"""RingCentral Embeddable (the RingCentral phone in an iframe, driven over window.postMessage)."""

from __future__ import annotations

import re

from . import Recogniser, Surface, register
from ._message import command_actions, frame_targets, message_handlers, message_hook, posted_commands

EVENTS = {"rc-call-ring-notify": "incoming", "rc-call-start-notify": "connected", "rc-call-end-notify": "ended"}
ACTIONS = {"answer": "acceptCall", "reject": "declineCall", "hangup": "endCall", "mute": "mute", "unmute": "unmute",
           "hold": "hold", "unhold": "resume"}
TODOS = {
    "acceptCall": "answer",
    "declineCall": "reject",
    "endCall": "hangup",
    "mute": "mute",
    "unmute": "unmute",
    "hold": "hold",
    "resume": "unhold",
}
MARKERS = re.compile(r"rc-adapter-|rc-call-|ringcentral-embeddable|ringcentral-web-widget|ringcentral\.github\.io")


@register
class RingCentralEmbeddable(Recogniser):
    """RingCentral Embeddable: the widget in an iframe, click-to-dial posted as
    ``{type: 'rc-adapter-new-call', phoneNumber, toCall: true}``, call control as
    ``{type: 'rc-adapter-control-call', callAction: 'answer' | 'reject' | 'hangup' | 'mute' | 'unmute' |
    'hold' | 'unhold', callId}``, and the web phone's call events arriving as window messages
    ``rc-call-ring-notify`` / ``rc-call-start-notify`` / ``rc-call-end-notify`` with ``event.data.call``.

    The ring publishes CALL_STARTED with ``call.from`` and ``call.id`` (where the legacy code read
    other fields, those; where its listener keys its calls by a field, ``open[call.telephonySessionId]``, that
    field is the call id of every moment); the start publishes CALL_CONNECTED; the end publishes HANGUP.
    """

    id = "ringcentral-embeddable"
    name = "RingCentral Embeddable"
    native = ("RingCentral maintains its own Salesforce integrations (the RingCentral for Salesforce app and "
              "its Salesforce Voice partner-telephony integration): call control, call logging and screen pops come "
              "from RingCentral instead of your page.")

    def recognise(self, files: list) -> Surface | None:
        score = sum(len(MARKERS.findall(f.source.decode("utf-8", "replace"))) for f in files)
        if score == 0:
            return None
        surface = Surface(self, score=score)
        for file, call, arg, fn in message_handlers(files):
            hook = message_hook(files, file, call, arg, fn, EVENTS.get, "window message (RingCentral Embeddable)",
                                fallback=_documented)
            if hook is not None:
                surface.hooks.append(hook)
        commands = posted_commands(files)
        for file, site, literal, key, arg in commands:
            if literal == "rc-adapter-new-call":
                surface.add_dial(file, site, "postMessage({type: 'rc-adapter-new-call', ...})")
        control = [c for c in commands if c[3] == "callAction" and c[2] in ACTIONS]
        command_actions(files, control, lambda literal: f"postMessage({{type: 'rc-adapter-control-call', "
                                                       f"callAction: '{literal}'}})", surface)
        surface.page_ids |= frame_targets(files)
        # The control message takes the web phone call's id; the connector's callId is another field where the
        # legacy code keys its calls by one (telephonySessionId) or read another as the call's id (sessionId).
        hook, other = next(((h, p.call_id) for h in surface.hooks for p in h.publishes
                            if p.call_id and not p.call_id.endswith(".id")), (None, None))
        if other is not None:
            field = other.rsplit(".", 1)[1]
            why = ("the field the legacy code keys its calls by" if hook.key == field else
                   "the field the legacy listener read as the call's id")
            which = (f"the id of the web phone call event ({other.rsplit('.', 1)[0]}.id), not call.callId here, "
                     f"which is {field}, {why}")
        else:
            which = "the id of the web phone call event, call.callId here"
        for name, action in TODOS.items():
            if name not in surface.actions:
                surface.todos[name] = (f"post {{type: 'rc-adapter-control-call', callAction: '{action}', callId}} "
                                       f"to the RingCentral Embeddable iframe (callId: {which}).")
        return surface


def _documented(value: str, call_base: str) -> tuple[str | None, str | None]:
    """RingCentral Embeddable's web phone call events carry the call as event.data.call: id, from, to."""
    base = call_base if call_base.endswith(".call") else f"{call_base.split('.')[0]}.data.call"
    return f"{base}.id", f"{base}.from"
