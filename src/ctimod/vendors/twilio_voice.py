"""Twilio Voice JavaScript SDK 2.x (``new Twilio.Device(token)``, ``device.on('incoming')``, ``Call``)."""

from __future__ import annotations

from ..legacy import parent_of
from . import Boot, Hook, Other, Publish, Recogniser, Surface, other_side, register
from ._connector import legacy_try
from ._js import (arguments, calls, compact, is_function, kept_statements, method, of_kinds, own_nodes, receiver,
                  resolve_function, root_name, string_value)
from ._shapes import CallObjects, action_from_call, detail_reads, functions_in, inside, network_actions

CALL_EVENTS = {"accept": "connected", "disconnect": "ended", "cancel": "ended", "reject": "ended"}
# Device events that are no call moment (the device's registration with Twilio, its token, its errors)
DEVICE_EVENTS = ("registered", "unregistered", "registering", "error", "tokenWillExpire", "destroyed")
ACTIONS = {"accept": "acceptCall", "reject": "declineCall", "ignore": "declineCall", "disconnect": "endCall"}
TODOS = {
    "acceptCall": "answer with the Twilio Voice SDK: ctimodVendorCall(call).accept() (the Twilio Call of this call).",
    "declineCall": "decline with the Twilio Voice SDK: ctimodVendorCall(call).reject() (the Twilio Call: the "
                   "caller is hung up on, on every device the call rang), or ctimodVendorCall(call).ignore() (stops "
                   "ringing here only).",
    "endCall": "hang up with the Twilio Voice SDK: ctimodVendorCall(call).disconnect().",
    "mute": "mute with the Twilio Voice SDK: ctimodVendorCall(call).mute(true).",
    "unmute": "unmute with the Twilio Voice SDK: ctimodVendorCall(call).mute(false).",
    "hold": "the Twilio Voice SDK has no hold: ask your server to put the call into a conference on hold (its "
            "CallSid is ctimodVendorCall(call).parameters.CallSid).",
    "resume": "the Twilio Voice SDK has no hold: ask your server to take the call off hold (its CallSid is "
              "ctimodVendorCall(call).parameters.CallSid).",
}
GLOBAL_ROOTS = {"Twilio", "window", "globalThis", "self"}


@register
class TwilioVoice(Recogniser):
    """Twilio Voice JavaScript SDK 2.x: a device created with ``new Twilio.Device(token, options)``,
    ``device.on('incoming', fn)`` with a ``Call``, ``call.on('accept' | 'disconnect' | 'cancel' | 'reject')``,
    calls placed with ``device.connect({params})``, and ``call.accept()``, ``reject()``, ``disconnect()``,
    ``mute(bool)``.

    ``incoming`` publishes CALL_STARTED with ``call.parameters.From`` and ``call.parameters.CallSid``;
    the call's ``accept`` publishes CALL_CONNECTED; ``disconnect``, ``cancel`` and ``reject`` publish
    HANGUP. Hold has no SDK call: adapters do it on their own server, and that request is reused.
    """

    id = "twilio-voice-sdk-2x"
    name = "Twilio Voice JavaScript SDK 2.x"
    native = ("Twilio's own Salesforce routes (Twilio Flex with its Salesforce integration, or a Twilio-built "
              "Salesforce Voice partner connector where one is offered for your edition) move call control out of "
              "your code: Twilio maintains it, and your TwiML applications and server stay.")

    def recognise(self, files: list) -> Surface | None:
        devices: dict[str, tuple] = {}  # holder text -> (file, new_expression)
        for file in files:
            for region in file.regions:
                for node in of_kinds(region.tree.root_node, region.tree.language, ["new_expression"]):
                    constructor = node.child_by_field_name("constructor")
                    if constructor is not None and compact(file, constructor) in ("Twilio.Device", "Device"):
                        target = _assigned_to(file, node)
                        if target:
                            devices[target] = (file, node)
        if not devices:
            return None
        surface = Surface(self, score=len(devices) * 3, globals={"Twilio"})
        objects = CallObjects()
        handlers = []
        for target, (file, node) in devices.items():
            surface.boots.append(Boot(file, node, target, _statement(node), replicate=False, note=(
                f"the legacy adapter created the Twilio Device ({target} = new Twilio.Device(token, ...), "
                f"{file.where(node)}) in code that does not run in the connector: get an access token and create "
                "it here, or dial() and the events have no device.")))
        registrations = []
        for file in files:
            for region in file.regions:
                for call in calls(region.tree.root_node, region.tree.language):
                    if method(file, call) not in ("on", "addListener", "once"):
                        dev = compact(file, receiver(call)) if receiver(call) is not None else ""
                        if dev in devices and method(file, call) == "connect":
                            entry = surface.add_dial(file, call, f"{dev}.connect(...)")
                            if _awaited(call):
                                surface.dial_waits[entry] = (
                                    f"dial() waits for {dev}.connect(...) ({file.where(call)}) as the legacy code did, "
                                    "and the Twilio Voice SDK 2.x can leave that promise pending (while it cannot open "
                                    "its signalling connection it keeps retrying): Salesforce shows the call as "
                                    "dialling until dial() settles. Decide how long an agent should wait and fail "
                                    "dial() then (ctimod adds no timeout the legacy code did not have).")
                            objects.add_holder_from(file, call)
                        continue
                    args = arguments(call)
                    if len(args) < 2 or string_value(file, args[0]) is None:
                        continue
                    registrations.append((file, call, compact(file, receiver(call)), string_value(file, args[0]),
                                          args[1]))
        for file, call, dev, event, arg in registrations:
            fn = resolve_function(files, file, arg) if event in DEVICE_EVENTS and dev in devices else None
            if fn is not None:
                surface.others.append(Other(f"{dev}.on('{event}')", file, call, fn))
        for file, call, dev, event, arg in registrations:
            if event == "incoming" and dev in devices:
                fn = resolve_function(files, file, arg)
                if fn is not None:
                    objects.add_param(files, fn, 0)
                    handlers.append(fn.node)
        nested = []
        for file, call, recv, event, arg in registrations:
            if event in CALL_EVENTS and objects.denotes(file, receiver(call)):
                fn = resolve_function(files, file, arg)
                nested.append(self._call_hook(file, call, recv, event, arg, fn))
                if fn is not None:
                    handlers.append(fn.node)
        for file, call, dev, event, arg in registrations:
            if event != "incoming" or dev not in devices:
                continue
            fn = resolve_function(files, file, arg)
            param = fn.params[0] if fn is not None and fn.params and fn.params[0] != "{...}" else "call"
            reads = {path for path, _, _ in detail_reads(files, fn, param)} if fn is not None else set()
            publish = Publish("incoming", f"{dev}.on('incoming')", call_id=f"{param}.parameters.CallSid",
                              number=f"{param}.parameters.From", vendor_call=param,
                              source=fn.where() if fn is not None else file.where(call),
                              id_from="legacy code" if "parameters.From" in reads else "Twilio Voice SDK documentation")
            keeps = [(fn.file, s) for s in kept_statements(fn.file, fn.node, {param})] if fn is not None else []
            inner, bindings = [], []
            for hook in nested:
                if hook.file is not None and fn is not None and _passed_from(files, fn, hook):
                    inner.append(_bound(hook))
                    recv = hook.template.split(".on(", 1)[0]
                    if recv != param and (recv, param) not in bindings:
                        bindings.append((recv, param))
            root = root_name(file, receiver(call))
            reachable = root in GLOBAL_ROOTS
            surface.hooks.append(Hook(f"{dev}.on('incoming')", f"{dev}.on('incoming', {{fn}})", [param], file=file,
                                      node=call, arg=arg, handler=fn, keeps=keeps, publishes=[publish],
                                      nested=inner, bindings=bindings, reachable=reachable, unreachable_why=(
                                          f"the legacy code registers it on {dev}, which the connector has only once "
                                          f"the code creating the device runs ({devices[dev][0].where(devices[dev][1])})"
                                      ) if not reachable else ""))
        # call-level registrations outside the incoming handler (the outbound call's, in dial()) still
        # publish where their legacy code runs in the connector (in-place edits)
        surface.extra_hooks += nested
        for fn in functions_in(files):
            for node in own_nodes(fn.node):
                if node.type == "call_expression":
                    self._action(files, fn.file, node, objects, surface, handlers, devices)
        for name, action in network_actions(files, objects, "the legacy adapter's server").items():
            surface.actions.setdefault(name, action)
        for name, todo in TODOS.items():
            if name not in surface.actions:
                surface.todos[name] = todo + other_side(surface, name)
        return surface

    def _call_hook(self, file, call, recv, event, arg, fn) -> Hook:
        kind = CALL_EVENTS[event]
        params = [p for p in (fn.params if fn is not None else []) if p != "{...}"]
        publish = Publish(kind, f"call.on('{event}')", call_id=f"{recv}.parameters.CallSid", vendor_call=recv,
                          source=fn.where() if fn is not None else file.where(call),
                          id_from="Twilio Voice SDK documentation")
        keeps = [(fn.file, s) for s in kept_statements(fn.file, fn.node, set(params) | {recv})] if fn is not None else []
        return Hook(f"call.on('{event}')", f"{recv}.on('{event}', {{fn}})", params, file=file, node=call, arg=arg,
                    handler=fn, keeps=keeps, publishes=[publish])

    def _action(self, files, file, call, objects, surface, handlers, devices) -> None:
        name = method(file, call)
        args = arguments(call)
        recv = receiver(call)
        if recv is None or any(is_function(a) for a in args):
            return
        if name == "disconnectAll" and compact(file, recv) in devices:
            target = "endCall"
        elif name in ACTIONS and objects.denotes(file, recv):
            target = ACTIONS[name]
        elif name == "mute" and objects.denotes(file, recv):
            target = "mute"
        else:
            return
        if inside(call, handlers):
            return
        sides, subs = [target], {}
        if name == "mute" and args:
            literal = file.text(args[0]).strip()
            sides = ["unmute"] if literal == "false" else ["mute"] if literal == "true" else ["mute", "unmute"]
        for side in sides:
            if side in surface.actions:
                continue
            if name == "mute" and args and len(sides) == 2:
                subs = {(args[0].start_byte, args[0].end_byte): "true" if side == "mute" else "false"}
            action = action_from_call(files, file, call, side, f"Twilio Call.{name}()" if target != "endCall" or
                                      name != "disconnectAll" else "Twilio Device.disconnectAll()", objects, subs)
            if action is not None:
                surface.actions[side] = action


def _assigned_to(file, node) -> str | None:
    parent = parent_of(node)
    while parent is not None and parent.type in ("parenthesized_expression", "await_expression"):
        node, parent = parent, parent_of(parent)
    if parent is None:
        return None
    if parent.type == "assignment_expression":
        return compact(file, parent.child_by_field_name("left"))
    if parent.type == "variable_declarator":
        name = parent.child_by_field_name("name")
        return file.text(name) if name is not None and name.type == "identifier" else None
    return None


def _statement(node):
    while parent_of(node) is not None and parent_of(node).type not in ("statement_block", "program"):
        node = parent_of(node)
    return node


def _passed_from(files, fn, hook) -> bool:
    """Is the call-level registration made by the incoming handler (or a function it passes the call to)?"""
    from ._js import enclosing_functions

    owners = {f for f in enclosing_functions(hook.node)}
    if fn.node in owners:
        return True
    for node in own_nodes(fn.node):
        if node.type == "call_expression":
            target = resolve_function(files, fn.file, node.child_by_field_name("function"))
            if target is not None and target.node in owners:
                return True
    return False


def _bound(hook: Hook) -> Hook:
    """The call-level hook as the connector's incoming listener registers it (not an in-place edit)."""
    from dataclasses import replace

    return replace(hook, node=None, arg=None,
                   guard=legacy_try(hook.file, hook.node) if hook.node is not None else None)


def _awaited(node) -> bool:
    """Whether a call's value is awaited where it is made (``await device.connect(...)``)."""
    parent = parent_of(node)
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent_of(parent)
    return parent is not None and parent.type == "await_expression"
