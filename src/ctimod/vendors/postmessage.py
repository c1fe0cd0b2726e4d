"""A generic postMessage / iframe bridge: a vendor phone in an iframe, commands posted to it, its call
events arriving as window messages."""

from __future__ import annotations

import re

from . import Recogniser, Surface, register
from ._message import command_actions, frame_targets, message_handlers, message_hook, posted_commands

INCOMING = re.compile(r"(incoming|ring|offer|alert|new[._-]?call|inbound|invite|deliver|arriv|present)", re.I)
CONNECTED = re.compile(r"(answer|connect|establish|accept|talk|start|pick)", re.I)
ENDED = re.compile(r"(end|hang|disconnect|terminat|clear|bye|releas|finish|drop|complete)", re.I)
CALLISH = re.compile(r"call|ring|phone|voice|conversation|session|interaction", re.I)


def kind_of(value: str) -> str | None:
    if not CALLISH.search(value) and "." not in value and ":" not in value:
        return None
    if ENDED.search(value):
        return "ended"
    if INCOMING.search(value):
        return "incoming"
    if CONNECTED.search(value):
        return "connected"
    return None


@register
class PostMessageBridge(Recogniser):
    """A generic postMessage bridge: the vendor's phone in an iframe, commands posted to it as objects
    with a command field (``{cmd: 'answer'}``, ``{action: 'hangup'}``, ``{type: 'mute'}``), and a window
    'message' listener that dispatches on the vendor's event name (``event.data.event === 'call.incoming'``).

    Events are told by their names: ring / incoming / offer -> CALL_STARTED (caller number and call id
    read where the legacy handler read them: ``ani``, ``from``, ``callerId``...; ``callId``, ``id``...),
    answered / connected -> CALL_CONNECTED, ended / hangup -> HANGUP. Commands are told by their
    literal (answer, reject, hangup, mute, unmute, hold, unhold / resume).
    """

    id = "postmessage-bridge"
    name = "postMessage bridge"
    generic = True

    def recognise(self, files: list) -> Surface | None:
        handlers = message_handlers(files)
        commands = posted_commands(files)
        if not handlers and not commands:
            return None
        surface = Surface(self, score=len(handlers) + len(commands))
        for file, call, arg, fn in handlers:
            hook = message_hook(files, file, call, arg, fn, kind_of, "window message (vendor frame)")
            if hook is not None:
                surface.hooks.append(hook)
        for file, site, literal, key, arg in commands:
            if literal.lower() in ("dial", "call", "makecall", "make_call", "new-call", "click-to-dial"):
                surface.add_dial(file, site, f"postMessage({{{key}: '{literal}'}})")
        command_actions(files, commands, lambda literal: f"postMessage({{..., command '{literal}'}}) to the vendor frame",
                        surface)
        if not surface.hooks and not surface.actions:
            return None
        surface.page_ids |= frame_targets(files)
        for name in ("acceptCall", "declineCall", "endCall", "mute", "unmute", "hold", "resume"):
            if name not in surface.actions:
                surface.todos[name] = ("the legacy bridge posted no command for this: post the vendor frame's "
                                       "command for it (see its postMessage API).")
        return surface
