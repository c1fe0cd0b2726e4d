"""How a moved LWC method is called when the toolkit reports a call: the arguments it gets are built
from the event's documented ``detail`` only where the method reads something the detail holds.

The legacy adapter ran these functions from its vendor's events (a Twilio connection, a postMessage
event, a contact object). The toolkit's events carry ``{callId, callType, participant}``
(``callended``: ``callId``). A parameter is given a value only when every use of it is a read the
detail answers: a name that says what it holds (``ani``, ``callId``) gets that field, an object whose
fields are read (``call.from``, ``call.callSid``) gets an object with exactly those fields, an unused
parameter gets ``undefined``. Anything else (``conn.parameters.From``, ``event.data.type``, passing
the object on) leaves the method unwired, with the reason: never a guessed argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..legacy import enclosing_function, function_name, parameter_reads, parent_of, pattern_names, text

# Words in an event registration that name the moment of a call it reports, matched at the start of a
# word of the registration (camelCase, snake_case and kebab-case split; a leading "on" dropped), so
# `renderWidget` or `sendDigits` do not read as "end".
EVENT_WORDS = [
    ("callended", re.compile(r"\b(?:call ?)?(end|hang|disconnect|wrap|complete|finish|bye|drop|terminat)")),
    ("callconnected", re.compile(r"\b(?:call ?)?(connect|answer|accept|establish|talk)")),
    ("callstarted", re.compile(r"\b(ring|incoming|inbound|offer|alert|invite|arriv|new ?call|call ?start)")),
]
LOAD_EVENTS = re.compile(r"^(load|DOMContentLoaded|ready|deviceready)$")

# The fields each toolkit event's detail documents (opencti-scv-api.md §4.2).
DETAIL_FIELDS = {"callstarted": ("callId", "callType", "participant"),
                 "callconnected": ("callId", "callType", "participant"),
                 "callended": ("callId",), "connected": ()}
# Legacy names for what a detail field holds.
NAMES = [
    ("participant", re.compile(r"^(ani|phone|phonenumber|number|from|caller|callerid|callernumber|callerphone|"
                               r"remotenumber|participant|customernumber|customerphone)$", re.I)),
    ("callId", re.compile(r"^(callid|callsid|vendorcallid|callkey|calluuid|id|sid|uuid)$", re.I)),
    ("callType", re.compile(r"^(calltype|direction)$", re.I)),
]


@dataclass
class Binding:
    """The call of a moved method from a toolkit event: its arguments, or why it has none."""

    event: str
    arguments: list[str] | None  # JavaScript expressions over `detail`; None: not called
    unwired: str = ""  # why it is not called (when arguments is None)


def _registration(file, fn):
    """Where the legacy code hands ``fn`` to someone else to call (a vendor event, a page event): the
    call it is an argument of, or the property it is stored in (``phone.onincoming = fn``)."""
    holder = parent_of(fn)
    while holder is not None and holder.type == "parenthesized_expression":
        holder = parent_of(holder)
    contexts = []
    if holder is not None and holder.type == "arguments":
        contexts.append(parent_of(holder))
    elif holder is not None and holder.type in ("assignment_expression", "pair"):
        contexts.append(holder)
    name = function_name(file.data, fn) if fn.type != "expression_statement" else None
    if name and re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        size = len(name.encode())
        for start in file.occurrences(name):
            if file.data[start - 1:start] == b".":
                continue
            node = file.node(start, start + size)
            if node is None or node.type != "identifier" or fn.start_byte <= node.start_byte < fn.end_byte:
                continue
            parent = parent_of(node)
            if parent is not None and parent.type == "arguments":
                contexts.append(parent_of(parent))
            elif parent is not None and parent.type == "assignment_expression" and \
                    parent.child_by_field_name("right") == node:
                contexts.append(parent)
    return [c for c in contexts if c is not None]


def _words(file, context) -> str:
    """The text of a registration that can name an event: callee and string arguments, or the property."""
    if context.type == "call_expression":
        callee = context.child_by_field_name("function")
        arguments = context.child_by_field_name("arguments")
        strings = [text(file.data, a)[1:-1] for a in (arguments.named_children if arguments else [])
                   if a.type == "string"]
        callee_text = text(file.data, callee) if callee is not None else ""
        return " ".join([callee_text.rsplit(".", 1)[-1]] + strings)
    target = context.child_by_field_name("left") or context.child_by_field_name("key")
    return text(file.data, target).rsplit(".", 1)[-1] if target is not None else ""


def event_words(words: str) -> str:
    """The words of a registration, lower case and space separated: `onCallEnded` -> "call ended"."""
    tokens = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", words)
    tokens = [t.lower() for t in tokens]
    return " ".join(t[2:] if t.startswith("on") and len(t) > 4 else t for t in tokens if t != "on")


def _at_load(file, fn) -> bool:
    """Did the legacy page run ``fn`` when it loaded (a call at the top level, in a load/ready handler,
    or in a top-level immediately invoked function)?"""
    name = function_name(file.data, fn) if fn.type != "expression_statement" else None
    if not name or not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
        return False
    size = len(name.encode())
    called = re.compile(rb"\s*\(")
    for start in file.occurrences(name):
        if file.data[start - 1:start] == b"." or not called.match(file.data, start + size):
            continue
        node = file.node(start, start + size)
        if node is None or node.type != "identifier" or parent_of(node) is None or parent_of(node).type != "call_expression":
            continue
        outer = enclosing_function(node)
        while outer is not None:
            holder = parent_of(outer)
            while holder is not None and holder.type == "parenthesized_expression":
                holder = parent_of(holder)
            if holder is not None and holder.type == "call_expression" and holder.child_by_field_name("function") \
                    in (outer, parent_of(outer)):
                outer = enclosing_function(holder)  # an IIFE runs where it stands
                continue
            if holder is not None and holder.type == "arguments" and \
                    any(LOAD_EVENTS.match(w) for w in _words(file, parent_of(holder)).split()):
                outer = enclosing_function(holder)
                continue
            break
        if outer is None:
            return True
    return False


def trigger_for(moved) -> str | None:
    """The moment the legacy adapter ran a moved function, from evidence in the legacy code: it was
    registered for a vendor or page event whose name says incoming / connected / ended, or (for code
    that registers Open CTI listeners) the page ran it when it loaded. A name alone is no evidence."""
    file, fn = moved.file, moved.node
    for context in _registration(file, fn):
        words = event_words(_words(file, context))
        for event, pattern in EVENT_WORDS:
            if pattern.search(words):
                return event
    if any(c.trigger == "connected" for c in moved.conversions) and _at_load(file, fn):
        return "connected"
    return None


def _field_for(name: str, event: str) -> str | None:
    for field, pattern in NAMES:
        if pattern.match(name) and field in DETAIL_FIELDS[event]:
            return field
    return None


def bind(moved, event: str) -> Binding:
    """How ``moved`` (an LWC method) is called from ``event``."""
    fn = moved.node
    if fn.type == "expression_statement":
        return Binding(event, [])
    params = fn.child_by_field_name("parameters")
    single = fn.child_by_field_name("parameter")
    items = [single] if single is not None else [p for p in (params.named_children if params else [])
                                                 if p.type != "comment"]
    arguments: list[str] = []
    gives = "the toolkit gives nothing" if not DETAIL_FIELDS[event] else \
        f"the toolkit's {event} event gives {{{', '.join(DETAIL_FIELDS[event])}}}"
    for item in items:
        names = pattern_names(moved.file.data, item)
        target = item if item.type == "identifier" else item.child_by_field_name("pattern")
        if len(names) != 1 or target is None or target.type != "identifier":
            return Binding(event, None, f"its parameter {moved.file.text(item)!r} is a pattern; {gives}")
        name = names[0]
        fields, other = parameter_reads(moved.file.data, fn, name, moved.file.language_at(fn.start_byte))
        direct = _field_for(name, event)
        if direct is not None:
            arguments.append(f"detail.{direct}")
        elif other and not fields:
            return Binding(event, None, f"it takes `{name}`, which the event does not give; {gives}")
        elif other:
            return Binding(event, None, f"it uses `{name}` as a whole object (passes it on or writes to it), not "
                                        f"only fields the event gives; {gives}")
        elif not fields:
            arguments.append("undefined")
        else:
            mapped = {f: _field_for(f, event) for f in sorted(fields)}
            unknown = [f for f, target_field in mapped.items() if target_field is None]
            if unknown:
                return Binding(event, None, f"it reads {', '.join(f'{name}.{f}' for f in unknown)}; {gives}")
            arguments.append("{ " + ", ".join(f"{f}: detail.{t}" for f, t in mapped.items()) + " }")
    return Binding(event, arguments)
