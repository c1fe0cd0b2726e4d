"""Legacy code that changed the agent's state in the vendor (or kept it in step with Omni-Channel presence).

Salesforce calls the connector's ``setAgentStatus`` when the agent's Omni-Channel presence changes, and takes
its success as the vendor being in that state. Where the legacy adapter changed the vendor agent's state, a
``setAgentStatus`` that returns success without doing so would claim a sync that no longer happens: the
connector's method fails with a TODO naming the legacy code found here instead (ctimod does not wire it: the
Omni-Channel status must be mapped to the vendor's states, which the legacy code did its own way).

What counts, by the API it calls (read from the code, not guessed from a function's name):

- Amazon Connect Streams: ``agent.setState(...)`` / ``agent.setStatus(...)`` on the agent a
  ``connect.agent(fn)`` callback receives;
- Twilio TaskRouter: a worker ``update(...)`` whose arguments name the activity (``ActivitySid``);
  Twilio Flex: ``Actions.invokeAction('SetActivity', ...)``;
- the Console Integration Toolkit's Omni-Channel presence sync: a listener on
  ``sforce.console.ConsoleEvent.PRESENCE.STATUS_CHANGED`` or ``PRESENCE.LOGOUT`` (the legacy adapter mirrored
  Omni-Channel presence into the vendor there, the job of setAgentStatus);
- the legacy status UI telling the adapter's own server: a click or change listener of an element named
  for the agent's status (``$('#agent-status > button.ready').click(...)``, ``statusSelect.onchange = ...``)
  whose handler makes a request that is not a plain read (``$.post``, ``fetch`` with a method, an
  XMLHttpRequest), itself or through a legacy function it calls (``SP.functions.ready()`` posting
  ``/track``). A GET (``$.get``, ``fetch(url)``, ``$.ajax`` without a type) is taken as reading the status.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from ..legacy import unwrap
from ._js import (arguments, assignments, callee, calls, compact, method, own_nodes, receiver, resolve_function,
                  string_value, walk)

PRESENCE_EVENTS = ("sforce.console.ConsoleEvent.PRESENCE.STATUS_CHANGED", "sforce.console.ConsoleEvent.PRESENCE.LOGOUT")
_ACTIVITY = re.compile(r"\bactivity_?sid\b", re.I)


@dataclass(frozen=True)
class StatusChange:
    """One place the legacy code changed (or synced) the agent's state."""

    where: str  # file:line
    api: str  # what it called ('Amazon Connect Streams agent.setState()')
    server: bool = False  # a request to the legacy adapter's own server (not a vendor SDK)


def status_changes(files) -> list[StatusChange]:
    """Every place of ``files`` (the adapter's legacy files) that changed the vendor agent's state, in file and
    source order."""
    out: list[StatusChange] = []
    for file in files:
        for region in file.regions:
            for call in calls(region.tree.root_node, region.tree.language):
                name = callee(file, call)
                args = arguments(call)
                if name == "connect.agent" and args:
                    out += _agent_states(files, file, args[0])
                elif name == "sforce.console.addEventListener" and args and compact(file, args[0]) in PRESENCE_EVENTS:
                    event = compact(file, args[0]).rsplit(".", 1)[1]
                    out.append(StatusChange(file.where(call), f"an Omni-Channel presence listener "
                                                              f"(sforce.console PRESENCE.{event})"))
                elif method(file, call) == "update" and args and any(_ACTIVITY.search(file.text(a)) for a in args):
                    out.append(StatusChange(file.where(call), f"a Twilio TaskRouter worker activity update "
                                                              f"({compact(file, call.child_by_field_name('function'))}(...))"))
                elif method(file, call) == "invokeAction" and args and string_value(file, args[0]) == "SetActivity":
                    out.append(StatusChange(file.where(call), "Twilio Flex Actions.invokeAction('SetActivity')"))
    out += _status_requests(files)
    return list(dict.fromkeys(out))


# Words an element of the status UI is named with (split from '#agent-status > button.notReady').
_STATUS_WORDS = {"status", "presence", "availability", "ready", "available", "unavailable", "away", "offline",
                 "online"}
_UI_EVENTS = ("click", "change")


def _status_requests(files) -> list[StatusChange]:
    """Requests the legacy status UI's listeners made to the adapter's own server (see the module's doc)."""
    from ._shapes import request_call

    out = []
    for file, registration, element, event, handler in _status_listeners(files):
        fn = resolve_function(files, file, handler)
        if fn is None:
            continue
        for node in own_nodes(fn.node):
            if node.type != "call_expression":
                continue
            found = request_call(files, fn.file, node, 3)
            if found is None or _reads(found[1], found[2]):
                continue
            what, request_file, request = found
            out.append(StatusChange(file.where(registration), (
                f"a request to the adapter's server ({what}, {request_file.where(request)}) from the {event} "
                f"listener of the status control {element}"), server=True))
            break
    return out


def _status_listeners(files):
    """(file, registration, element text, event, handler node) of the click / change listeners of elements
    named for the agent's status."""
    for file in files:
        for region in file.regions:
            root, language = region.tree.root_node, region.tree.language
            for call in calls(root, language):
                name, args = method(file, call), arguments(call)
                event = handler = None
                if name == "addEventListener" and len(args) >= 2 and string_value(file, args[0]) in _UI_EVENTS:
                    event, handler = string_value(file, args[0]), args[1]
                elif name in _UI_EVENTS and args:
                    event, handler = name, args[-1]
                elif name in ("on", "bind") and len(args) >= 2 and string_value(file, args[0]) in _UI_EVENTS:
                    event, handler = string_value(file, args[0]), args[-1]
                element = receiver(call)
                if handler is None or element is None:
                    continue
                # a delegated listener names its element in a selector argument: .on('click', 'button.ready', fn)
                named = [_text(file, element), *(string_value(file, a) or "" for a in args[1:-1])]
                if _names_status(" ".join(named)):
                    yield file, call, _shown(" ".join(n for n in named if n)), event, handler
            for assignment in assignments(root, language):
                left, right = assignment.child_by_field_name("left"), unwrap(assignment.child_by_field_name("right"))
                prop = left.child_by_field_name("property") if left is not None and left.type == "member_expression" \
                    else None
                if prop is None or right is None or file.text(prop) not in ("onclick", "onchange"):
                    continue
                element = _text(file, left.child_by_field_name("object"))
                if _names_status(element):
                    yield file, assignment, _shown(element), file.text(prop)[2:], right


def _text(file, node) -> str:
    return " ".join(file.text(node).split())  # as written (compact() would join a selector's 'a b' into 'ab')


def _names_status(text: str) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", text)}
    return bool(words & _STATUS_WORDS)


def _shown(text: str) -> str:
    return "`" + (text if len(text) <= 80 else text[:77] + "...") + "`"


_READS = re.compile(r"^(\$|jQuery)\.(get|getJSON)$|^axios\.(get|head)$")


def _reads(file, request) -> bool:
    """Is the request a plain read (GET): ``$.get``, ``axios.get``, ``fetch(url)`` or ``fetch`` / ``$.ajax`` /
    ``axios`` with a GET (or no) method? An XMLHttpRequest, or options ctimod cannot read, count as a write."""
    if request.type != "call_expression":
        return False
    name, args = callee(file, request), arguments(request)
    if _READS.match(name):
        return True
    if name == "fetch":
        if len(args) < 2:
            return True
        options = unwrap(args[1])
    elif name in ("$.ajax", "jQuery.ajax", "axios"):
        options = next((unwrap(a) for a in args if unwrap(a) is not None and unwrap(a).type == "object"), None)
    else:
        return False
    if options is None or options.type != "object":
        return False
    for pair in options.named_children:
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        if key is not None and file.text(key).strip("'\"") in ("method", "type"):
            value = string_value(file, pair.child_by_field_name("value"))
            return value is not None and value.upper() in ("GET", "HEAD")
        if pair.type == "spread_element" or (pair.type == "shorthand_property_identifier" and
                                             file.text(pair) in ("method", "type")):
            return False  # a method ctimod cannot read
    return True  # no method: fetch, $.ajax and axios make a GET


# id(plan) -> (a weak reference to the plan, its files, their changes): the connector is rendered several times
# per convert, and MIGRATION.md asks again after convert has let its trees go (legacy.forget_trees): asked again
# then, every call of every file was looked up anew (a whole-tree query: 2.5 s of a 4 MB file). The answer holds
# only text, so it is kept for as long as the plan lives, and keeps neither the plan nor its trees alive.
_PLANS: dict = {}


def for_plan(plan) -> list[StatusChange]:
    """:func:`status_changes` of the plan's legacy files (those not excluded as copies or samples), read once."""
    excluded = getattr(plan, "excluded", None) or {}
    files = [f for display, f in sorted(plan.files.items()) if display not in excluded]
    key = [id(f) for f in files]
    known = _PLANS.get(id(plan))
    if known is not None and known[0]() is plan and known[1] == key:
        return known[2]
    changes = status_changes(files)
    for gone in [k for k, (ref, _, _) in _PLANS.items() if ref() is None]:
        del _PLANS[gone]
    _PLANS[id(plan)] = (weakref.ref(plan), key, changes)
    return changes


def _agent_states(files, file, handler) -> list[StatusChange]:
    """``agent.setState(...)`` in a connect.agent callback, on the agent it receives."""
    fn = resolve_function(files, file, handler)
    if fn is None or not fn.params or fn.params[0] == "{...}":
        return []
    agent = fn.params[0]
    out = []
    for node in walk(fn.node):
        if node.type == "call_expression" and method(fn.file, node) in ("setState", "setStatus"):
            recv = receiver(node)
            if recv is not None and compact(fn.file, recv) == agent:
                out.append(StatusChange(fn.file.where(node), f"Amazon Connect Streams {agent}.{method(fn.file, node)}()"))
    return out


def todo_text(changes: list[StatusChange]) -> str:
    """setAgentStatus's TODO: the legacy code it replaces, and why it fails until someone writes it."""
    where = "; ".join(f"{c.api} at {c.where}" for c in changes)
    vendor = "the vendor or on its own server" if any(c.server for c in changes) else "the vendor"
    return (f"the legacy adapter changed the agent's state in {vendor} ({where}): set the vendor agent's state "
            "for the Omni-Channel status (statusInfo.statusApiName) as it did. ctimod did not wire it (the mapping "
            "of Omni-Channel statuses to vendor states is the legacy code's own), so setAgentStatus() fails instead "
            "of telling Salesforce the vendor followed.")
