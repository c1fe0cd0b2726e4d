"""dial() on an assembled connector: when the moved click-to-dial listener hands the number to a
function of the legacy adapter, that function's guard clauses (``if (!session.client) { ...; return; }``)
are where the legacy code chose not to dial. Their bare ``return`` becomes ``return CTIMOD_NOT_DIALLED``
so dial() fails (CALL_FAILED) instead of resolving CALL_STARTED for a call nobody placed; and a guard
that waits for state nothing in the connector ever sets (``session.client`` was set by legacy start-up
code that did not move) makes dial() fail with a ``ctimod TODO`` that names it, listed in the report.

Runs after the module is assembled (like the marks), since what the connector sets depends on
everything that was carried into it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..escape import js_comment, js_string
from ..legacy import text
from ..parse import parse_text
from ..plan.startup import UI_EVENTS
from .unset_state import FALSY, FUNCTIONS, PATH, locals_of, never_assigned, walk, why_unset

NOT_DIALLED_THROW = "throw ctimodNotDialled('The legacy click-to-dial logic did not dial this number');"


@dataclass
class DialGuards:
    module: str
    never_set: str | None = None  # why dial() can never dial, when it cannot
    vendor_state: str | None = None  # state a guard waits for that only the vendor's event handlers set


def mark_dial_guards(module: str, sources=()) -> DialGuards:
    return _mark_dial_guards(module, sources)


def _mark_dial_guards(module: str, sources=()) -> DialGuards:
    data = module.encode("utf-8")
    tree = parse_text(data)
    root = tree.root_node
    out = DialGuards(module)
    listener = _listener(data, root)
    if listener is None:
        return out
    body = listener.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return out
    statements = [s for s in body.named_children if s.type != "comment"]
    if not statements:
        return out
    tail = statements[-1]
    call = tail.named_children[0] if tail.type in ("expression_statement", "return_statement") and \
        tail.named_children else None
    if call is not None and call.type == "await_expression":
        call = call.named_children[0] if call.named_children else None
    if call is None or call.type != "call_expression" or call.child_by_field_name("function").type != "identifier":
        return out
    name = text(data, call.child_by_field_name("function"))
    functions = {text(data, n.child_by_field_name("name")): n for n in root.named_children
                 if n.type == "function_declaration" and n.child_by_field_name("name") is not None}
    fn = functions.get(name)
    if fn is None or not _value_unused_elsewhere(data, root, name, call):
        return out
    guards = _guard_clauses(data, fn)
    if not guards:
        return out
    edits: list[tuple[int, int, str]] = []
    if tail.type == "expression_statement":
        edits.append((tail.start_byte, tail.start_byte, "return "))
    for guard, returns in guards:
        for ret in returns:
            edits.append((ret.start_byte, ret.end_byte, "return CTIMOD_NOT_DIALLED;"))
    never = None
    for guard, _returns in guards:
        why = _never_set(data, root, fn, guard.child_by_field_name("condition"), sources)
        if why:
            never = (guard, why)
            break
    waits = [w for guard, _ in guards for w in [_vendor_state(data, root, fn, guard.child_by_field_name("condition"))]
             if w]
    if never is None and waits:
        out.vendor_state = waits[0]
        start = data.find(NOT_DIALLED_THROW.encode(), listener.end_byte)
        if start >= 0:
            message = (f"The legacy click-to-dial logic did not dial this number: {name}() waits for {waits[0]}, "
                       "which the vendor's events set")
            edits.append((start, start + len(NOT_DIALLED_THROW), f"throw new Error({js_string(message)});"))
    if never is not None:
        guard, why = never
        out.never_set = (f"{name}() returns at its guard `{_one_line(text(data, guard.child_by_field_name('condition')))}`"
                         f" without dialling: {why}, so that guard always returns. Set it where the connector "
                         "starts (init()) or rewrite dial() with your vendor SDK")
        start = data.find(NOT_DIALLED_THROW.encode(), listener.end_byte)
        if start >= 0:
            message = "ctimod TODO: dial() cannot dial: " + out.never_set
            edits.append((start, start + len(NOT_DIALLED_THROW), f"throw ctimodNotDialled({js_string(message)});"))
        indent = re.match(rb"[ \t]*", data[data.rfind(b"\n", 0, guard.start_byte) + 1:]).group(0).decode()
        line_start = data.rfind(b"\n", 0, guard.start_byte) + 1
        edits.append((line_start, line_start,
                      f"{indent}// TODO(ctimod): dial() cannot dial: {js_comment(why)} (see dial()).\n"))
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        data = data[:start] + new.encode("utf-8") + data[end:]
    out.module = data.decode("utf-8")
    return out


def _one_line(value: str) -> str:
    value = " ".join(value.split())
    if value.startswith("(") and value.endswith(")"):
        value = value[1:-1]
    return value if len(value) <= 80 else value[:77] + "..."


def _listener(data: bytes, root):
    """The ``const ctimodListener = async () => {...}`` in the connector's dial() method."""
    for node in walk(root):
        if node.type == "method_definition" and text(data, node.child_by_field_name("name")) == "dial":
            for inner in walk(node):
                if inner.type == "variable_declarator" and \
                        text(data, inner.child_by_field_name("name")) == "ctimodListener":
                    value = inner.child_by_field_name("value")
                    return value if value is not None and value.type == "arrow_function" else None
    return None


def _value_unused_elsewhere(data: bytes, root, name: str, tail_call) -> bool:
    """Every other use of ``name`` calls it and throws the value away (a statement, or the body of a
    callback arrow), so returning a marker from its guards changes nothing for them."""
    for node in walk(root):
        if node.type != "identifier" or text(data, node) != name:
            continue
        parent = node.parent
        if parent is None:
            return False
        if parent.type == "function_declaration" and parent.child_by_field_name("name") == node:
            continue
        if parent.type != "call_expression" or parent.child_by_field_name("function") != node:
            return False
        if parent == tail_call:
            continue
        holder = parent.parent
        if holder is None:
            return False
        if holder.type == "expression_statement":
            continue
        if holder.type == "arrow_function" and holder.child_by_field_name("body") == parent and \
                holder.parent is not None and holder.parent.type == "arguments":
            continue
        return False
    return True


def _guard_clauses(data: bytes, fn) -> list:
    """The ``if (...) { ...; return; }`` clauses a function starts with (no else; the block holds only
    expression statements before its bare return)."""
    body = fn.child_by_field_name("body")
    out = []
    for statement in (s for s in body.named_children if s.type != "comment"):
        if statement.type != "if_statement" or statement.child_by_field_name("alternative") is not None:
            break
        consequence = statement.child_by_field_name("consequence")
        inner = [s for s in consequence.named_children if s.type != "comment"] \
            if consequence.type == "statement_block" else [consequence]
        if not inner or inner[-1].type != "return_statement" or \
                [c for c in inner[-1].named_children if c.type != "comment"] or \
                any(s.type != "expression_statement" for s in inner[:-1]):
            break
        out.append((statement, [inner[-1]]))
    return out


def _or_terms(data: bytes, condition) -> list:
    """The ``||`` terms of a guard's condition (one term when it has none)."""
    node = condition.named_children[0] if condition.type == "parenthesized_expression" else condition
    if node.type == "binary_expression" and text(data, node.child_by_field_name("operator")) == "||":
        return _or_terms(data, node.child_by_field_name("left")) + _or_terms(data, node.child_by_field_name("right"))
    return [node]


def _negated_state(data: bytes, fn, condition) -> list[str]:
    """``P`` of each ``!P`` among the guard's ``||`` terms where P (``x`` or ``x.y``) is module state:
    not a parameter or local of the function."""
    out = []
    for term in _or_terms(data, condition) if condition is not None else []:
        if term.type != "unary_expression" or text(data, term.child_by_field_name("operator")) != "!":
            continue
        path = text(data, term.child_by_field_name("argument"))
        if PATH.fullmatch(path) and path.split(".")[0] not in locals_of(data, fn):
            out.append(path)
    return out


def _never_set(data: bytes, root, fn, condition, sources) -> str | None:
    """A ``!P`` term whose P no code of the module assigns, so the term is always true. Conservative: any
    write or any escape of P's object and P counts as set (unset_state.never_assigned)."""
    return next((why_unset(path, sources) for path in _negated_state(data, fn, condition)
                 if never_assigned(data, root, path)), None)


VENDOR_REGISTER = {"on", "once", "addListener", "addEventListener", "bind"}


def _vendor_state(data: bytes, root, fn, condition) -> str | None:
    """For ``!P`` among the guard's ``||`` terms: P (``a.b``) is set to a value only inside handlers
    registered for events that are not the page's own UI events (``phone.on('registered', ...)``):
    the guard passes once the vendor reports it, which no flow without the vendor can show."""
    for path in (p for p in _negated_state(data, fn, condition) if "." in p):
        setters = [n for n in walk(root) if n.type == "assignment_expression"
                   and text(data, n.child_by_field_name("left")) == path
                   and text(data, n.child_by_field_name("right")) not in FALSY]
        if setters and all(_in_vendor_handler(data, n) for n in setters):
            return f"`{path}`"
    return None


def _in_vendor_handler(data: bytes, node) -> bool:
    """Is ``node`` inside a function passed to ``x.on('event', fn)`` (or addEventListener...) for an
    event that is not one of the page's UI events?"""
    current = node.parent
    while current is not None:
        if current.type in FUNCTIONS:
            holder = current.parent
            call = holder.parent if holder is not None and holder.type == "arguments" else None
            if call is None or call.type != "call_expression":
                return False
            function = call.child_by_field_name("function")
            values = [a for a in holder.named_children if a.type != "comment"]
            if function is None or function.type != "member_expression" or \
                    text(data, function.child_by_field_name("property")) not in VENDOR_REGISTER or len(values) < 2 or \
                    values[0].type != "string":
                return False
            return text(data, values[0])[1:-1] not in UI_EVENTS
        current = current.parent
    return False
