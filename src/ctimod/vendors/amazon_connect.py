"""Amazon Connect Streams (``connect.core.initCCP``, ``connect.agent``, ``connect.contact``)."""

from __future__ import annotations

import re

from ..legacy import find_declaration, parent_of, unwrap
from . import Boot, Hook, Other, Publish, Recogniser, Surface, register
from ._connector import legacy_try
from ._js import (arguments, callee, calls, compact, kept_statements, method, own_nodes, receiver, resolve_function,
                  string_value, walk)
from ._shapes import CallObjects, action_from_call, functions_in, inside

CONTACT_EVENTS = {"onIncoming": "incoming", "onConnecting": "incoming", "onPending": "incoming",
                  "onAccepted": "connected", "onConnected": "connected", "onEnded": "ended", "onMissed": "ended",
                  "onDestroy": "ended"}
TODOS = {
    "acceptCall": "answer with Amazon Connect Streams: ctimodVendorCall(call).accept() (the connect.Contact of "
                  "this call; the legacy adapter left answering to the CCP).",
    "declineCall": "decline with Amazon Connect Streams: ctimodVendorCall(call).reject().",
    "endCall": "hang up with Amazon Connect Streams: ctimodVendorCall(call).getAgentConnection().destroy().",
    "mute": "mute with Amazon Connect Streams: connect.agent((agent) => agent.mute()).",
    "unmute": "unmute with Amazon Connect Streams: connect.agent((agent) => agent.unmute()).",
    "hold": "hold with Amazon Connect Streams: ctimodVendorCall(call).getInitialConnection().hold().",
    "resume": "resume with Amazon Connect Streams: ctimodVendorCall(call).getInitialConnection().resume().",
}
# connect.Agent events: the agent's state and softphone, no call moment Salesforce hears of (reported, see Other)
AGENT_EVENTS = ("onRefresh", "onStateChange", "onRoutable", "onNotRoutable", "onOffline", "onError",
                "onSoftphoneError", "onAfterCallWork", "onMuteToggle")
ACTIONS = {"accept": "acceptCall", "reject": "declineCall", "destroy": "endCall", "hold": "hold",
           "resume": "resume"}


@register
class AmazonConnect(Recogniser):
    """Amazon Connect Streams: the CCP started with ``connect.core.initCCP(container, {ccpUrl, ...})``,
    ``connect.agent(fn)`` and ``connect.contact(fn)`` with ``contact.onConnecting`` / ``onIncoming`` /
    ``onAccepted`` / ``onConnected`` / ``onEnded``, calls placed with ``agent.connect(endpoint)`` or
    ``contact.addConnection(endpoint)``.

    An inbound contact's connecting (or incoming) publishes CALL_STARTED with
    ``contact.getContactId()`` and ``contact.getInitialConnection().getEndpoint().phoneNumber``;
    accepted / connected publishes CALL_CONNECTED; ended (and missed) publishes HANGUP. Call control
    the legacy code left to the CCP stays a TODO naming the Streams call.
    """

    id = "amazon-connect-streams"
    name = "Amazon Connect Streams"
    native = ("Salesforce Voice with Amazon Connect is Salesforce's own integration (its contact center's "
              "reqVendorInfoApiName is c__AMAZON_CONNECT): Salesforce provides the softphone, Omni-Channel routing, "
              "call recording and transcription, and there is no connector to host. The CCP customisations of the "
              "legacy adapter (screen-pop rules, contact attributes, call Tasks) are rebuilt there with flows and the "
              "Voice toolkit, and the Amazon Connect instance is set up for Salesforce Voice.")

    def recognise(self, files: list) -> Surface | None:
        found = []
        for file in files:
            for region in file.regions:
                for call in calls(region.tree.root_node, region.tree.language):
                    name = callee(file, call)
                    if name in ("connect.core.initCCP", "connect.contact", "connect.agent"):
                        found.append((file, call, name))
        if not found:
            return None
        surface = Surface(self, score=len(found), globals={"connect"})
        objects = CallObjects()
        handlers = []
        for file, call, name in found:
            args = arguments(call)
            if name == "connect.core.initCCP":
                surface.boots.append(Boot(file, call, "", _statement(call), replicate=False, note=(
                    f"the legacy adapter started the CCP with connect.core.initCCP(...) ({file.where(call)}) in "
                    "code that does not run in the connector: start it here (its container element is in "
                    "connector/index.html).")))
                if args:
                    surface.page_ids |= element_ids(file, args[0])
                continue
            if name == "connect.agent":
                fn = resolve_function(files, file, args[0]) if args else None
                if fn is not None:
                    handlers.append(fn.node)
                    surface.others += _agent_events(files, fn)
                continue
            fn = resolve_function(files, file, args[0]) if args else None
            if fn is None:
                continue
            param = fn.params[0] if fn.params and fn.params[0] != "{...}" else "contact"
            objects.add_param(files, fn, 0)
            handlers.append(fn.node)
            nested = []
            for inner in _contact_registrations(files, fn, objects):
                nested.append(inner)
                if inner.handler is not None:
                    handlers.append(inner.handler.node)
            hook = Hook("connect.contact", "connect.contact({fn})", [param], file=file, node=call, arg=args[0],
                        handler=fn, keeps=[(fn.file, s) for s in kept_statements(fn.file, fn.node, {param})],
                        nested=[_renamed(n, param) for n in nested])
            surface.hooks.append(hook)
        for fn in functions_in(files):
            for node in own_nodes(fn.node):
                if node.type != "call_expression":
                    continue
                what = method(fn.file, node)
                if what in ("connect", "addConnection") and \
                        re.search(r"\b(Endpoint|Address)\b", _args_text(fn.file, node) + _local_values(fn.file, node)):
                    entry = surface.add_dial(fn.file, node, _as_written(fn.file, node))
                    if what == "connect" and not _observes_failure(fn.file, node):
                        surface.dial_waits[entry] = _unobserved(fn.file, node)
                elif what in ACTIONS and not inside(node, handlers) and \
                        any(objects.denotes(fn.file, n) for n in walk(receiver(node)) if receiver(node) is not None):
                    action = action_from_call(files, fn.file, node, ACTIONS[what], f"connect.Contact {what}()",
                                              objects)
                    if action is not None:
                        surface.actions.setdefault(ACTIONS[what], action)
        for name, todo in TODOS.items():
            if name not in surface.actions:
                surface.todos[name] = todo
        return surface


def _contact_registrations(files, fn, objects) -> list[Hook]:
    """contact.onX(handler) made by the connect.contact handler (or the functions it hands the contact to)."""
    out = []
    seen = set()
    pending = [fn]
    while pending:
        current = pending.pop(0)
        if current.node in seen:
            continue
        seen.add(current.node)
        for node in walk(current.node):
            if node.type != "call_expression":
                continue
            what = method(current.file, node)
            recv = receiver(node)
            if what in CONTACT_EVENTS and recv is not None and objects.denotes(current.file, recv):
                args = arguments(node)
                handler = resolve_function(files, current.file, args[0]) if args else None
                kind = CONTACT_EVENTS[what]
                c = compact(current.file, recv)
                publish = Publish(kind, f"contact.{what}", call_id=f"{c}.getContactId()",
                                  number=f"{c}.getInitialConnection().getEndpoint().phoneNumber"
                                  if kind == "incoming" else None, vendor_call=c,
                                  condition=f"{c}.isInbound()" if kind == "incoming" else None,
                                  source=handler.where() if handler is not None else current.file.where(node),
                                  id_from="Amazon Connect Streams documentation")
                params = [p for p in (handler.params if handler is not None else []) if p != "{...}"]
                keeps = [(handler.file, s) for s in kept_statements(handler.file, handler.node, set(params) | {c})] \
                    if handler is not None else []
                out.append(Hook(f"contact.{what}", f"{c}.{what}({{fn}})", params, file=current.file, node=node,
                                arg=args[0] if args else None, handler=handler, keeps=keeps, publishes=[publish]))
            elif recv is not None and parent_of(node) is not None:
                for index, arg in enumerate(arguments(node)):
                    if objects.denotes(current.file, arg):
                        target = resolve_function(files, current.file, node.child_by_field_name("function"))
                        if target is not None and target.node not in seen:
                            pending.append(target)
    return out


def _as_written(file, call) -> str:
    """A vendor call as the legacy code made it, for the reports: its callee and arguments (one longer than 30
    characters shown as ``{...}`` or ``...``), e.g. ``agent.connect(endpoint, {})``."""
    shown = []
    for arg in arguments(call):
        text = " ".join(file.text(arg).split())
        shown.append(text if len(text) <= 30 else "{...}" if arg.type == "object" else "...")
    return f"{callee(file, call)}({', '.join(shown)})"


def _renamed(hook: Hook, param: str) -> Hook:
    """A contact-level registration as the connector's connect.contact listener makes it: on its parameter."""
    from dataclasses import replace

    recv = hook.template.split(".on", 1)[0]
    guard = legacy_try(hook.file, hook.node) if hook.node is not None else None
    if recv == param or not re.fullmatch(r"[\w$]+", recv):
        return replace(hook, node=None, arg=None, guard=guard)
    return replace(hook, node=None, arg=None, guard=guard, bindings=[(recv, param)] + list(hook.bindings))


def element_ids(file, node) -> set[str]:
    """Ids of the page elements an expression looks up (getElementById('x'), querySelector('#x')), also
    through a local variable initialised with one."""
    out = set()
    node = unwrap(node)
    if node is None:
        return out
    if node.type == "identifier":
        declaration = find_declaration(file.data, file.text(node), node)
        if declaration is not None and declaration.kind in ("var", "let", "const"):
            value = declaration.declarator.child_by_field_name("value")
            if value is not None:
                return element_ids(file, value)
        return out
    for current in walk(node):
        if current.type == "call_expression" and method(file, current) in ("getElementById", "querySelector"):
            args = arguments(current)
            value = string_value(file, args[0]) if args else None
            if value:
                out.add(value.lstrip("#") if method(file, current) == "getElementById" or
                        re.fullmatch(r"#[\w-]+", value) else value)
    return {v for v in out if re.fullmatch(r"[\w-]+", v)}


def _observes_failure(file, call) -> bool:
    """Does ``agent.connect(endpoint, options)`` learn whether the contact was made: options that hold a
    ``failure`` callback, or that ctimod cannot read (a variable, a spread)? Streams reports the outcome only to
    those callbacks (agent.connect returns nothing)."""
    args = arguments(call)
    options = unwrap(args[1]) if len(args) > 1 else None
    if options is None:
        return False
    if options.type != "object":
        return True
    for pair in options.named_children:
        if pair.type == "spread_element":
            return True
        key = pair.child_by_field_name("key") if pair.type in ("pair", "method_definition") else \
            (pair if pair.type == "shorthand_property_identifier" else None)
        if pair.type == "method_definition":
            key = pair.child_by_field_name("name")
        if key is not None and file.text(key).strip("'\"") == "failure":
            return True
    return False


def _unobserved(file, call) -> str:
    """dial()'s TODO for an agent.connect(...) whose outcome the legacy code did not observe."""
    args = arguments(call)
    given = f"options {compact(file, args[1])}" if len(args) > 1 else "no options"
    return (f"dial() reports the call placed once {compact(file, call.child_by_field_name('function'))}(...) "
            f"({file.where(call)}) returns, as the legacy code went on, but Amazon Connect Streams tells whether the "
            f"outbound contact was made only to the success / failure callbacks of its options, and the legacy code "
            f"passed {given}: a connect Amazon Connect refuses (a number it cannot dial, an agent not allowed to "
            "call) leaves Salesforce showing a call that never started. Pass { success, failure } and fail dial() "
            "from failure (ctimod adds no callback the legacy code did not have).")


def _args_text(file, call) -> str:
    return " ".join(file.text(a) for a in arguments(call))


def _local_values(file, call) -> str:
    out = []
    for arg in arguments(call):
        arg = unwrap(arg)
        if arg.type == "identifier":
            declaration = find_declaration(file.data, file.text(arg), arg)
            if declaration is not None and declaration.kind in ("var", "let", "const"):
                out.append(file.text(declaration.declarator))
    return " ".join(out)


def _statement(node):
    while parent_of(node) is not None and parent_of(node).type not in ("statement_block", "program"):
        node = parent_of(node)
    return node


def _agent_events(files, fn) -> list[Other]:
    """``agent.onRoutable(fn)`` and the other connect.Agent events registered in a connect.agent callback on the
    agent it receives."""
    if not fn.params or fn.params[0] == "{...}":
        return []
    out = []
    for node in walk(fn.node):
        if node.type != "call_expression" or method(fn.file, node) not in AGENT_EVENTS:
            continue
        recv, args = receiver(node), arguments(node)
        handler = resolve_function(files, fn.file, args[0]) if args else None
        if recv is not None and compact(fn.file, recv) == fn.params[0] and handler is not None:
            out.append(Other(f"agent.{method(fn.file, node)}", fn.file, node, handler))
    return out
