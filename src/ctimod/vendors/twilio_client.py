"""Twilio Client 1.x (twilio.js 1.x: the ``Twilio.Device`` singleton and ``Twilio.Connection``)."""

from __future__ import annotations

from ..legacy import parent_of
from . import Boot, Hook, Other, Publish, Recogniser, Surface, other_side, register
from ._js import arguments, callee, calls, is_function, kept_statements, method, receiver, resolve_function
from ._shapes import (CallObjects, action_from_call, detail_reads, functions_in, hold_auto_answer, inside,
                      network_actions)

EVENTS = {"incoming": "incoming", "connect": "connected", "disconnect": "ended", "cancel": "ended"}
OTHER_EVENTS = ("ready", "offline", "error", "presence")  # Twilio.Device events that are no call moment
ACTIONS = {"accept": "acceptCall", "reject": "declineCall", "ignore": "declineCall", "disconnect": "endCall",
           "mute": "mute", "unmute": "unmute"}
TODOS = {
    "acceptCall": "answer with Twilio Client 1.x: ctimodVendorCall(call).accept() (the Twilio.Connection of the call).",
    "declineCall": "decline with Twilio Client 1.x: ctimodVendorCall(call).reject() (the Twilio.Connection: the "
                   "caller is hung up on, on every device the call rang), or ctimodVendorCall(call).ignore() (stops "
                   "ringing here only).",
    "endCall": "hang up with Twilio Client 1.x: ctimodVendorCall(call).disconnect() (or Twilio.Device.disconnectAll()).",
    "mute": "mute with Twilio Client 1.x: ctimodVendorCall(call).mute(true).",
    "unmute": "unmute with Twilio Client 1.x: ctimodVendorCall(call).mute(false).",
    "hold": "Twilio Client has no hold: ask your server to park the call (e.g. update it to <Enqueue> or a "
            "conference) by its CallSid, ctimodVendorCall(call).parameters.CallSid.",
    "resume": "Twilio Client has no hold: ask your server to bring the parked call back (its CallSid is "
              "ctimodVendorCall(call).parameters.CallSid).",
}


@register
class TwilioClient(Recogniser):
    """Twilio Client 1.x: ``Twilio.Device.setup(token)``, handlers registered with
    ``Twilio.Device.incoming(fn)`` / ``.connect(fn)`` / ``.disconnect(fn)`` / ``.cancel(fn)``, calls placed
    with ``Twilio.Device.connect(params)``, and ``Twilio.Connection`` objects (``conn.accept()``,
    ``reject()``, ``mute()`` / ``unmute()``, ``disconnect()``, ``Twilio.Device.disconnectAll()``).

    Incoming calls publish CALL_STARTED with ``conn.parameters.From`` and ``conn.parameters.CallSid``;
    ``connect`` publishes CALL_CONNECTED; ``disconnect`` and ``cancel`` publish HANGUP. Hold has no
    Twilio Client API: adapters park the call on their own server, and that request is reused.
    """

    id = "twilio-client-1x"
    name = "Twilio Client 1.x"
    native = ("Twilio's own Salesforce routes (Twilio Flex with its Salesforce integration, or a Twilio-built "
              "Salesforce Voice partner connector where one is offered for your edition) move call control out of "
              "your code. Twilio Client 1.x is past its end of life: whichever route you take, the device code "
              "moves to the Twilio Voice JavaScript SDK 2.x.")

    def recognise(self, files: list) -> Surface | None:
        device_calls = []
        for file in files:
            for region in file.regions:
                for call in calls(region.tree.root_node, region.tree.language):
                    name = callee(file, call)
                    if name.startswith("Twilio.Device.") and name.count(".") == 2:
                        device_calls.append((file, call, name.rsplit(".", 1)[1]))
                    elif name == "Twilio.Device":
                        return None
        if any("newTwilio.Device" in file.text(r.tree.root_node).replace(" ", "") for file in files
               for r in file.regions):
            return None  # Voice SDK 2.x
        if not device_calls:
            return None
        surface = Surface(self, score=len(device_calls), globals={"Twilio"})
        objects = CallObjects(extra={"Twilio.Device.activeConnection()"})
        handlers = []
        for file, call, what in device_calls:
            args = arguments(call)
            if what in EVENTS and args and is_function_arg(files, file, args[0]):
                fn = resolve_function(files, file, args[0])
                param = (fn.params[0] if fn is not None and fn.params and fn.params[0] != "{...}" else "conn")
                if fn is not None:
                    objects.add_param(files, fn, 0)
                    handlers.append(fn.node)
                surface.hooks.append(self._hook(files, file, call, args[0], fn, what, param))
            elif what in OTHER_EVENTS and args and resolve_function(files, file, args[0]) is not None:
                surface.others.append(Other(f"Twilio.Device {what}", file, call, resolve_function(files, file, args[0])))
            elif what == "connect":
                surface.add_dial(file, call, "Twilio.Device.connect(...)")
                objects.add_holder_from(file, call)
            elif what == "setup":
                surface.boots.append(Boot(file, call, "", _statement(call), note=(
                    f"the legacy adapter set the device up with Twilio.Device.setup(token, ...) ({file.where(call)}), "
                    "in code that does not run in the connector: fetch a capability token and call "
                    "Twilio.Device.setup here, or dial() and the events have no device."), replicate=False))
        for fn in functions_in(files):
            for node in (n for n in _own_calls(fn)):
                self._action(files, fn.file, node, objects, surface, handlers)
        for name, action in network_actions(files, objects, "the legacy adapter's server").items():
            surface.actions.setdefault(name, action)
        for name, todo in TODOS.items():
            if name not in surface.actions:
                surface.todos[name] = todo + other_side(surface, name)
        if "resume" in surface.todos:
            surface.todos["resume"] += hold_auto_answer(files, surface)
        return surface

    def _hook(self, files, file, call, arg, fn, what, param) -> Hook:
        kind = EVENTS[what]
        reads = detail_reads(files, fn, param) if fn is not None else []
        read = {path for path, _, _ in reads}
        publish = Publish(kind, f"Twilio.Device {what}", call_id=f"{param}.parameters.CallSid",
                          number=f"{param}.parameters.From" if kind == "incoming" else None, vendor_call=param,
                          source=fn.where() if fn is not None else file.where(call),
                          id_from="legacy code" if "parameters.From" in read else "Twilio Client documentation")
        keeps = [(fn.file, s) for s in kept_statements(fn.file, fn.node, {param})] if fn is not None else []
        return Hook(f"Twilio.Device {what}", f"Twilio.Device.{what}({{fn}})", [param], file=file, node=call, arg=arg,
                    handler=fn, keeps=keeps, publishes=[publish])

    def _action(self, files, file, call, objects, surface, handlers) -> None:
        name = method(file, call)
        args = arguments(call)
        if callee(file, call) == "Twilio.Device.disconnectAll":
            target = "endCall"
        elif name in ACTIONS and not any(is_function_arg(files, file, a) for a in args) and \
                objects.denotes(file, receiver(call)):
            target = ACTIONS[name]
        else:
            return
        if inside(call, handlers):
            return  # what a vendor event handler did on its own (reject when busy), not a control
        sides = [target]
        subs = {}
        if name == "mute" and args:
            literal = file.text(args[0]).strip()
            if literal == "false":
                sides = ["unmute"]
            elif literal != "true":
                sides = ["mute", "unmute"]
        for side in sides:
            if side in surface.actions:
                continue
            if name == "mute" and args and len(sides) == 2:
                subs = {(args[0].start_byte, args[0].end_byte): "true" if side == "mute" else "false"}
            api = "Twilio.Device.disconnectAll()" if target == "endCall" and name == "disconnectAll" else \
                f"Twilio.Connection.{name}()"
            action = action_from_call(files, file, call, side, api, objects, subs)
            if action is not None:
                surface.actions[side] = action


def is_function_arg(files, file, node) -> bool:
    if is_function(node):
        return True
    return resolve_function(files, file, node) is not None


def _own_calls(fn):
    from ._js import own_nodes

    for node in own_nodes(fn.node):
        if node.type == "call_expression":
            yield node


def _statement(node):
    while parent_of(node) is not None and parent_of(node).type not in ("statement_block", "program"):
        node = parent_of(node)
    return node
