"""Widget and phone SDKs with an event API: an object the vendor's script creates
(``await Nimbus.mountWidget(el)``, ``new CallDeck.Client(...)``) with ``on('<event>', fn)`` and call
methods (``dial``, ``answer``, ``hangup``, ``setMuted``...)."""

from __future__ import annotations

from ..legacy import BUILTINS, find_declaration, parent_of, unwrap
from . import Boot, Hook, Publish, Recogniser, Surface, register
from ._js import (Fn, arguments, call_sites, calls, compact, enclosing_function, kept_statements, method, of_kinds,
                  own_nodes, receiver, resolve_function, root_name, string_value)
from ._shapes import (ID_FIELDS, NUMBER_FIELDS, CallObjects, action_from_call, call_key, detail_reads, functions_in,
                      method_for, pick)
from .amazon_connect import element_ids
from .postmessage import kind_of

GLOBAL_HOSTS = {"window", "globalThis", "self"}


@register
class WidgetSdk(Recogniser):
    """A vendor widget or phone SDK with an event API: the adapter creates the vendor object from a global
    the vendor's script defines (``const widget = await window.Nimbus.mountWidget(el, ...)``,
    ``new CallDeck.Client(...)``), listens with ``widget.on('call.ringing', fn)`` and acts with methods named
    for the action (``widget.dial``, ``answer``, ``hangup``, ``reject``, ``mute`` / ``setMuted(id, true)``,
    ``hold`` / ``setHeld(id, true)``...).

    Events are told by their names (ringing / incoming -> CALL_STARTED with the caller number and call id
    the handler read; answered / connected -> CALL_CONNECTED; ended / hangup -> HANGUP). When the object is
    created inside code that does not move to the connector, init() creates it the same way.
    """

    id = "widget-sdk-events"
    name = "vendor widget SDK"
    generic = True

    def recognise(self, files: list) -> Surface | None:
        objects = self._vendor_objects(files)
        if not objects:
            return None
        registrations = []
        for file in files:
            for region in file.regions:
                for call in calls(region.tree.root_node, region.tree.language):
                    if method(file, call) not in ("on", "addListener", "addEventListener", "subscribe"):
                        continue
                    recv = receiver(call)
                    args = arguments(call)
                    name = compact(file, recv) if recv is not None else ""
                    if name in objects and len(args) >= 2 and string_value(file, args[0]) is not None:
                        registrations.append((file, call, name, string_value(file, args[0]), args[1]))
        events = [r for r in registrations if kind_of(r[3])]
        if not events:
            return None
        surface = Surface(self, score=len(events))
        surface.globals |= {_global_of(file, node) for file, node, _, _ in objects.values()} - {None}
        call_objects = CallObjects()
        handlers = []
        for name, (file, node, statement, declare) in objects.items():
            setup = _setup_function(files, file, node, [e[4] for e in events])
            surface.boots.append(Boot(file, node, name, statement, declare=declare and setup is None, setup=setup,
                                      setup_calls=call_sites(files, setup) if setup is not None else []))
            surface.page_ids |= element_ids(file, node)
        read = []  # per event: (its registration, handler, param, fields the handler read)
        for file, call, name, event, arg in events:
            fn = resolve_function(files, file, arg)
            param = fn.params[0] if fn is not None and fn.params and fn.params[0] != "{...}" else "call"
            read.append(((file, call, name, event, arg), fn, param, detail_reads(files, fn, param) if fn else []))
        # the legacy code's own key for a call (a function of the call a handler hands the call to), if it has one:
        # every event is identified by it, as in the callback widgets (widget_callback)
        field_name = next((found[0] for found in (pick(reads, ID_FIELDS) for *_, reads in read) if found), None)
        key = call_key(files, [(fn, param) for _, fn, param, _ in read if fn is not None and fn.params and
                               fn.params[0] != "{...}"], field_name) if field_name and "." not in field_name else None
        for (file, call, name, event, arg), fn, param, reads in read:
            kind = kind_of(event)
            number = pick(reads, NUMBER_FIELDS)
            call_id = pick(reads, ID_FIELDS)
            if fn is not None:
                call_objects.add_param(files, fn, 0)
                handlers.append(fn.node)
            identity = f"{key[0]}({param})" if key else f"{param}.{call_id[0]}" if call_id else None
            publish = Publish(kind, f"{name}.on('{event}')", call_id=identity,
                              number=f"{param}.{number[0]}" if number and kind == "incoming" else None,
                              vendor_call=param, source=fn.where() if fn is not None else file.where(call),
                              id_from=f"legacy code (its own key for a call, {key[0]}() at {key[1]})" if key
                              else "legacy code")
            keeps = [(fn.file, s) for s in kept_statements(fn.file, fn.node, {param})] if fn is not None else []
            surface.hooks.append(Hook(f"{name}.on('{event}')", f"{name}.on('{event}', {{fn}})", [param], file=file,
                                      node=call, arg=arg, handler=fn, keeps=keeps, publishes=[publish]))
        for fn in functions_in(files):
            for node in own_nodes(fn.node):
                if node.type != "call_expression":
                    continue
                recv = receiver(node)
                if recv is None or compact(fn.file, recv) not in objects:
                    continue
                what = method(fn.file, node)
                if what == "dial":
                    surface.add_dial(fn.file, node, f"{compact(fn.file, recv)}.dial(...)")
                    continue
                target = method_for(what)
                if target is None or any(h == fn.node for h in handlers):
                    continue
                args = arguments(node)
                flag = next((fn.file.text(a).strip() for a in args if fn.file.text(a).strip() in ("true", "false")),
                            None)
                if flag == "false":
                    target = {"mute": "unmute", "hold": "resume"}.get(target, target)
                if target in surface.actions:
                    continue
                action = action_from_call(files, fn.file, node, target, f"{compact(fn.file, recv)}.{what}()",
                                          call_objects)
                if action is not None:
                    surface.actions[target] = action
        objects_named = " / ".join(f"{name} (made by {_made_by(file, node)})" for name, (file, node, _, _) in sorted(objects.items()))
        for name in ("acceptCall", "declineCall", "endCall", "mute", "unmute", "hold", "resume"):
            if name not in surface.actions:
                shown = {"unmute": "mute", "resume": "hold"}.get(name)
                hint = (f" (the legacy code did {shown} with {surface.actions[shown].api}; the other side is not in "
                        "it)") if shown in surface.actions else ""
                surface.todos[name] = (f"the legacy code did not {DOES[name]}: call the method for it on "
                                       f"{objects_named} (see the vendor SDK's documentation){hint}.")
        return surface

    def _vendor_objects(self, files) -> dict[str, tuple]:
        """name -> (file, creating expression, statement, declared locally) for objects the adapter made
        from a page global the vendor script defines."""
        out = {}
        for file in files:
            for region in file.regions:
                for node in of_kinds(region.tree.root_node, region.tree.language,
                                     ("variable_declarator", "assignment_expression")):
                    # (the value first: most assignments assign no call, and a million of them are read here)
                    value = node.child_by_field_name("value") if node.type == "variable_declarator" else \
                        node.child_by_field_name("right")
                    if value is None:
                        continue
                    inner = unwrap(value)
                    if inner.type == "await_expression":
                        inner = unwrap(inner.named_children[0]) if inner.named_children else None
                    if inner is None or inner.type not in ("call_expression", "new_expression"):
                        continue
                    target = node.child_by_field_name("name") if node.type == "variable_declarator" else \
                        node.child_by_field_name("left")
                    if target is None or target.type not in ("identifier", "member_expression"):
                        continue
                    function = inner.child_by_field_name("function") if inner.type == "call_expression" else \
                        inner.child_by_field_name("constructor")
                    if function is None or function.type != "member_expression":
                        continue
                    root = root_name(file, function)
                    path = compact(file, function).split(".")
                    if root in GLOBAL_HOSTS and len(path) >= 3:
                        root = path[1]
                    elif root in GLOBAL_HOSTS:
                        continue
                    if root is None or root in BUILTINS or root in ("sforce", "connect", "Twilio", "document",
                                                                    "$", "jQuery", "JSON", "Promise", "console"):
                        continue
                    if not root[:1].isupper():
                        continue
                    declared = find_declaration(file.data, root, function)
                    if declared is not None:
                        continue  # the adapter's own object, not a vendor global
                    name = compact(file, target)
                    statement = node
                    while parent_of(statement) is not None and parent_of(statement).type not in ("statement_block",
                                                                                          "program"):
                        statement = parent_of(statement)
                    local = node.type == "variable_declarator" and enclosing_function(node) is not None
                    out[name] = (file, value, statement, local)
        return out


DOES = {"acceptCall": "answer a call", "declineCall": "decline a call", "endCall": "hang up",
        "mute": "mute", "unmute": "unmute", "hold": "hold", "resume": "resume a held call"}


def _global_of(file, node) -> str | None:
    """The page global a vendor object was made from (``window.Telvio.createAgent(...)`` -> 'Telvio')."""
    inner = unwrap(node)
    if inner is not None and inner.type == "await_expression" and inner.named_children:
        inner = unwrap(inner.named_children[0])
    if inner is None or inner.type not in ("call_expression", "new_expression"):
        return None
    function = inner.child_by_field_name("function" if inner.type == "call_expression" else "constructor")
    path = compact(file, function).split(".") if function is not None else []
    if path and path[0] in GLOBAL_HOSTS:
        path = path[1:]
    return path[0] if path else None


def _made_by(file, node) -> str:
    """What created a vendor object, as written (``new Telvio.Agent``, ``Nimbus.mountWidget``)."""
    inner = unwrap(node)
    if inner is not None and inner.type == "await_expression" and inner.named_children:
        inner = unwrap(inner.named_children[0])
    if inner is not None and inner.type == "new_expression":
        return "new " + compact(file, inner.child_by_field_name("constructor"))
    if inner is not None and inner.type == "call_expression":
        return compact(file, inner.child_by_field_name("function")) + "(...)"
    return compact(file, node)


def _setup_function(files, file, node, handler_args) -> Fn | None:
    """The legacy function that creates the vendor object and listens to it, when the connector can call it
    as it is: a named function without parameters whose own code makes no Open CTI call (the handlers it
    registers are replaced by the connector's listeners)."""
    fn = enclosing_function(node)
    if fn is None:
        return None
    setup = Fn(file, fn)
    if not setup.name or setup.params or fn.type == "arrow_function" and parent_of(fn).type != "variable_declarator":
        return None
    inside = [(a.start_byte, a.end_byte) for a in handler_args]
    for use in file.uses:
        if fn.start_byte <= use.start_byte < fn.end_byte and \
                not any(start <= use.start_byte < end for start, end in inside):
            return None
    return setup
