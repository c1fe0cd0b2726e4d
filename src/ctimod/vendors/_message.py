"""postMessage surfaces (RingCentral Embeddable, generic iframe bridges): the window 'message' handler
and its dispatch on the message type, and the commands posted to the vendor's frame.

Not a recogniser (the leading underscore keeps it out of the registry).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..legacy import FUNCTION_TYPES, find_declaration, parent_of, unwrap
from . import Hook, Publish
from ._js import (Fn, arguments, callee, calls, compact, kept_statements, method, params, pure, receiver,
                  resolve_function, string_value, walk)
from ._shapes import ID_FIELDS, NUMBER_FIELDS, action_from_call, detail_reads, dispatch_branches, method_for, pick

DISCRIMINATORS = ("type", "cmd", "command", "action", "callAction", "event", "method", "name", "op")


def message_handlers(files) -> list[tuple[object, object, object, Fn]]:
    """(file, registration call, handler argument, handler) of window 'message' listeners."""
    out = []
    for file in files:
        for region in file.regions:
            for call in calls(region.tree.root_node, region.tree.language):
                args = arguments(call)
                if method(file, call) == "addEventListener" and len(args) >= 2 and \
                        string_value(file, args[0]) == "message":
                    fn = resolve_function(files, file, args[1])
                    if fn is not None:
                        out.append((file, call, args[1], fn))
    return out


def message_hook(files, file, call, arg, fn: Fn, kind_of: Callable[[str], str | None], label: str,
                 fallback: Callable[[str, str], tuple[str | None, str | None]] | None = None) -> Hook | None:
    """The connector's 'message' listener for a legacy handler: its guards and the aliases its dispatch
    reads, then per call branch the state the branch keeps and what it publishes."""
    param = fn.params[0] if fn.params and fn.params[0] != "{...}" else "event"
    declarations, branches = dispatch_branches(fn.file, fn.node)
    key = _key_field(fn, param)
    publishes = []
    for branch in branches:
        kind = kind_of(branch.value)
        if kind is None:
            continue
        publishes.append(_publish(files, fn, param, branch, kind, fallback, key))
    if not publishes:
        return None
    keeps = [(fn.file, s) for s in kept_statements(fn.file, fn.node, {param})]
    used = " ".join(p.condition or "" for p in publishes) + " " + " ".join(
        f"{p.call_id} {p.number}" for p in publishes)
    for declaration in declarations:
        if declaration in [s for _, s in keeps]:
            continue
        names = [fn.file.text(d.child_by_field_name("name")) for d in declaration.named_children
                 if d.type == "variable_declarator" and d.child_by_field_name("name") is not None]
        values = [d.child_by_field_name("value") for d in declaration.named_children if d.type == "variable_declarator"]
        if any(re.search(r"(?<![\w$.])" + re.escape(n) + r"(?![\w$])", used) for n in names) and \
                all(v is not None and pure(fn.file, v, {param}, fn.node) for v in values):
            keeps.append((fn.file, declaration))
    keeps.sort(key=lambda k: k[1].start_byte)
    return Hook(label, "window.addEventListener('message', {fn})", [param], file=file, node=call, arg=arg,
                handler=fn, keeps=keeps, publishes=publishes, key=key)


def _key_field(fn: Fn, param: str) -> str | None:
    """The field of the event's call the legacy handler keys its calls by: the last name of a read of the event
    (or of a name the handler declared from it) used as a key, ``open[data.call.telephonySessionId] = ...``,
    ``calls.get(e.data.call.uuid)``, ``Object.assign(open, {[data.call.id]: ...})``; the first in source order."""
    visible = _visible(fn, param)
    named = _named_reads(fn, visible)
    for node in walk(fn.node):
        if node.type == "identifier" and fn.file.text(node) in named:
            text = named[fn.file.text(node)]  # `const session = data.call.telephonySessionId; open[session]`
        elif node.type != "member_expression":
            continue
        else:
            text = compact(fn.file, node)
        if not re.fullmatch(r"[\w$.]+", text) or text.split(".")[0] not in visible or "." not in text:
            continue
        parent = parent_of(node)
        keyed = parent is not None and parent.type == "subscript_expression" and \
            parent.child_by_field_name("index") == node
        if not keyed and parent is not None and parent.type == "arguments" and parent.named_children[:1] == [node]:
            call = parent_of(parent)
            function = call.child_by_field_name("function") if call is not None else None
            prop = function.child_by_field_name("property") if function is not None and \
                function.type == "member_expression" else None
            keyed = prop is not None and fn.file.text(prop) in ("get", "set", "has", "delete")
        if not keyed and parent is not None and parent.type == "computed_property_name":
            keyed = _keyed_property(fn, parent)
        field = text.split(".")[-1]
        if keyed and field.lower() not in ("type", "event") and field not in DISCRIMINATORS:
            return field
    return None


def _keyed_property(fn: Fn, computed) -> bool:
    """Is this computed property name (``[data.call.id]``) a key of the calls: one a destructuring reads
    (``var {[id]: call, ...rest} = calls``), or one an object literal adds to them, ``Object.assign(calls,
    {[id]: ...})``, ``calls = {...calls, [id]: ...}``?"""
    pair = parent_of(computed)
    holder = parent_of(pair) if pair is not None and pair.child_by_field_name("key") == computed else None
    if holder is None or holder.type not in ("object", "object_pattern"):
        return False
    if holder.type == "object_pattern" or any(c.type == "spread_element" for c in holder.named_children):
        return True
    arguments = parent_of(holder)
    call = parent_of(arguments) if arguments is not None and arguments.type == "arguments" else None
    function = call.child_by_field_name("function") if call is not None else None
    return function is not None and compact(fn.file, function) == "Object.assign" and \
        arguments.named_children[:1] != [holder]


def _named_reads(fn: Fn, visible: set[str]) -> dict[str, str]:
    """The names the handler declares at its top, each from a read of the event (``const session =
    data.call.telephonySessionId``): name -> the read, written as the legacy code wrote it."""
    out = {}
    body = fn.node.child_by_field_name("body")
    for statement in body.named_children if body is not None and body.type == "statement_block" else ():
        if statement.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for declarator in statement.named_children:
            if declarator.type != "variable_declarator":
                continue
            name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
            if name is None or name.type != "identifier" or value is None or value.type != "member_expression":
                continue
            text = compact(fn.file, value)
            if re.fullmatch(r"[\w$.]+", text) and text.split(".")[0] in visible and "." in text:
                out[fn.file.text(name)] = text
    return out


def _publish(files, fn: Fn, param: str, branch, kind: str, fallback, key: str | None = None) -> Publish:
    """What one branch publishes: its sub-handler's parameter bound to the argument it was given, the
    state it keeps, the call id and number read where the legacy code read them."""
    bindings, keeps, reads = [], [], []
    for statement in branch.statements:
        expression = unwrap(statement.named_children[0]) if statement.type == "expression_statement" and \
            statement.named_children else None
        if expression is not None and expression.type == "await_expression" and expression.named_children:
            expression = unwrap(expression.named_children[0])  # `await onRing(data.call)`: the sub-handler's call
        if expression is not None and expression.type == "call_expression":
            target = resolve_function(files, fn.file, expression.child_by_field_name("function"))
            args = arguments(expression)
            if target is not None and target.node.type in FUNCTION_TYPES | {"function_declaration"}:
                for index, name in enumerate(target.params):
                    if index < len(args) and name != "{...}" and re.fullmatch(r"[\w$.\[\]'\"]+", compact(fn.file, args[index])) \
                            and compact(fn.file, args[index]).split(".")[0] in _visible(fn, param):
                        value = compact(fn.file, args[index])
                        if value != name:
                            bindings.append((name, value))
                        keeps += [(target.file, s) for s in kept_statements(target.file, target.node, {name})]
                        reads += [(path, name) for path, _, _ in detail_reads(files, target, name)]
                continue
        keeps += [(fn.file, s) for s in _kept_inline(fn, statement, param)]
    for path, _, _ in detail_reads(files, fn, param, depth=0):
        reads.append((path, param))
    inline_reads = []
    for statement in branch.statements:
        for node in walk(statement):
            if node.type == "member_expression":
                text = compact(fn.file, node)
                base = text.split(".")[0]
                if base in _visible(fn, param) and re.fullmatch(r"[\w$.]+", text) and "." in text:
                    inline_reads.append((text[len(base) + 1:], base))
    reads = inline_reads + reads
    number = _pick(reads, NUMBER_FIELDS)
    # the call id: the field the legacy handler keys its calls by, where it has one; else an id-like field it reads
    call_id = _pick(reads, re.compile(re.escape(key) + "$")) if key else None
    call_id = call_id or _pick(reads, ID_FIELDS)
    id_from = "legacy code"
    if fallback is not None and (number is None or call_id is None):
        fallback_id, fallback_number = fallback(branch.value, _call_base(reads) or f"{param}.data")
        if call_id is None and fallback_id and key:  # a branch that does not read the key: the same field
            call_id = f"{fallback_id.rsplit('.', 1)[0]}.{key}"
        elif call_id is None and fallback_id:
            call_id, id_from = fallback_id, "vendor documentation"
        if number is None and fallback_number and kind == "incoming":
            number, id_from = fallback_number, "vendor documentation"
    return Publish(kind, branch.value, call_id=call_id, number=number if kind == "incoming" else None,
                   vendor_call=None, condition=branch.condition, bindings=bindings, keeps=keeps,
                   source=fn.file.where(branch.node), id_from=id_from)


def _visible(fn: Fn, param: str) -> set[str]:
    names = {param}
    body = fn.node.child_by_field_name("body")
    if body is not None and body.type == "statement_block":
        for statement in body.named_children:
            if statement.type in ("lexical_declaration", "variable_declaration"):
                for declarator in statement.named_children:
                    name = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" else None
                    if name is not None and name.type == "identifier":
                        names.add(fn.file.text(name))
    return names


def _pick(reads, pattern) -> str | None:
    for path, base in reads:
        if pattern.match(path.split(".")[-1]) and not path.split(".")[-1].lower() in ("type", "event"):
            return f"{base}.{path}"
    return None


def _call_base(reads) -> str | None:
    for path, base in reads:
        parts = path.split(".")
        if len(parts) >= 2:
            return f"{base}.{'.'.join(parts[:-1])}"
    return None


def _kept_inline(fn: Fn, statement, param: str) -> list:
    """State updates written straight into a dispatch branch (``current.id = event.data.call.id``)."""
    expression = unwrap(statement.named_children[0]) if statement.type == "expression_statement" and \
        statement.named_children else None
    if expression is None or expression.type != "assignment_expression":
        return []
    left = expression.child_by_field_name("left")
    right = expression.child_by_field_name("right")
    root = left
    while root is not None and root.type == "member_expression":
        root = root.child_by_field_name("object")
    if root is None or root.type != "identifier":
        return []
    declaration = find_declaration(fn.file.data, fn.file.text(root), root)
    if declaration is not None and fn.node.start_byte <= declaration.node.start_byte <= fn.node.end_byte:
        return []
    return [statement] if pure(fn.file, right, _visible(fn, param), fn.node) else []


# ------------------------------------------------------------------------------------- commands
def posted_commands(files, key_filter: Callable[[str, dict], bool] | None = None):
    """Commands posted to a frame: (method, file, outermost call to render, the literal, api text), for
    each ``x.postMessage(<object>)`` whose discriminator (type/cmd/action/callAction...) is a literal or
    a parameter of the wrappers around it (followed to the calls that pass literals)."""
    from ._shapes import outermost_sources

    out = []
    for file in files:
        for region in file.regions:
            for call in calls(region.tree.root_node, region.tree.language):
                if method(file, call) != "postMessage" and callee(file, call) != "postMessage":
                    continue
                args = arguments(call)
                if not args:
                    continue
                for obj_file, obj, outer in _objects(files, file, args[0], call):
                    fields = _fields(obj_file, obj)
                    if key_filter is not None and not key_filter(obj_file.text(obj), fields):
                        continue
                    for key in DISCRIMINATORS:
                        if key not in fields:
                            continue
                        value = fields[key]
                        literal = string_value(obj_file, value)
                        if literal is not None:
                            out.append((obj_file, outer, literal, key, None))
                            continue
                        value = unwrap(value)
                        if value.type == "identifier":
                            declaration = find_declaration(obj_file.data, obj_file.text(value), value)
                            if declaration is not None and declaration.kind == "param":
                                wrapper = Fn(obj_file, declaration.node)
                                index = params(obj_file, declaration.node).index(obj_file.text(value))
                                for src_file, src, site in outermost_sources(files, wrapper, index):
                                    for literal, arg in _literals(src_file, src):
                                        out.append((src_file, site, literal, key, arg))
    return out


def _objects(files, file, node, call):
    """The object literal(s) a postMessage argument is: written in place, a local built from one, or a
    wrapper's parameter (followed to the calls passing object literals)."""
    from ._shapes import outermost_sources

    node = unwrap(node)
    if node.type == "object":
        yield file, node, call
        return
    if node.type == "identifier":
        declaration = find_declaration(file.data, file.text(node), node)
        if declaration is None:
            return
        if declaration.kind in ("var", "let", "const"):
            value = unwrap(declaration.declarator.child_by_field_name("value"))
            if value is not None and value.type == "object":
                # the message is built in the function around the postMessage: a wrapper like command(cmd)
                yield file, value, call
            return
        if declaration.kind == "param":
            wrapper = Fn(file, declaration.node)
            index = params(file, declaration.node).index(file.text(node))
            for src_file, src, site in outermost_sources(files, wrapper, index):
                if unwrap(src).type == "object":
                    yield src_file, unwrap(src), site


def _fields(file, obj) -> dict:
    out = {}
    for child in obj.named_children:
        if child.type == "pair":
            key = child.child_by_field_name("key")
            out[file.text(key).strip("'\"")] = child.child_by_field_name("value")
    return out


def _literals(file, node):
    """String literals an argument can be: 'answer', or both sides of ``x ? 'mute' : 'unmute'``."""
    node = unwrap(node)
    literal = string_value(file, node)
    if literal is not None:
        yield literal, node
    elif node.type == "ternary_expression":
        for side in ("consequence", "alternative"):
            inner = node.child_by_field_name(side)
            value = string_value(file, inner)
            if value is not None:
                yield value, inner


def command_actions(files, commands, api: Callable[[str], str], surface, objects=None) -> None:
    """Connector methods from posted commands: the outermost call with the command's literal (a toggle
    such as ``muted = !muted; command('mute', {on: muted})`` does both sides)."""
    toggles = []
    seen = set()
    for file, site, literal, key, arg in commands:
        name = method_for(literal)
        if name is None or (file.display, site.start_byte, literal) in seen:
            continue
        seen.add((file.display, site.start_byte, literal))
        subs = {}
        if arg is not None and parent_of(arg) is not None and parent_of(arg).type == "ternary_expression":
            # `control(x ? 'mute' : 'unmute')`: the connector passes the method's side
            subs[(parent_of(arg).start_byte, parent_of(arg).end_byte)] = file.text(arg)
        if name in surface.actions:
            continue
        action = action_from_call(files, file, site, name, api(literal), objects, subs)
        if action is not None:
            surface.actions[name] = action
            if action.state and not subs:
                toggles.append((file, site, literal, name, subs))
    for file, site, literal, name, subs in toggles:
        other = {"mute": "unmute", "hold": "resume"}.get(name)
        if other and other not in surface.actions:
            toggled = action_from_call(files, file, site, other, api(literal), objects, subs)
            if toggled is not None:
                surface.actions[other] = toggled


def frame_targets(files) -> set[str]:
    """Ids of the iframes the legacy code posts to (document.getElementById('x').contentWindow)."""
    out = set()
    for file in files:
        for region in file.regions:
            for call in calls(region.tree.root_node, region.tree.language):
                if method(file, call) in ("getElementById", "querySelector") and parent_of(call) is not None and \
                        parent_of(call).type == "member_expression" and \
                        file.text(parent_of(call).child_by_field_name("property")) == "contentWindow":
                    args = arguments(call)
                    value = string_value(file, args[0]) if args else None
                    if value:
                        out.add(value.lstrip("#"))
    return {v for v in out if re.fullmatch(r"[\w-]+", v)}


__all__ = ["message_handlers", "message_hook", "posted_commands", "command_actions", "frame_targets",
           "receiver", "pick"]
