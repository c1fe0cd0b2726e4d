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
  Omni-Channel presence into the vendor there, the job of setAgentStatus).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from ._js import arguments, callee, calls, compact, method, receiver, resolve_function, string_value, walk

PRESENCE_EVENTS = ("sforce.console.ConsoleEvent.PRESENCE.STATUS_CHANGED", "sforce.console.ConsoleEvent.PRESENCE.LOGOUT")
_ACTIVITY = re.compile(r"\bactivity_?sid\b", re.I)


@dataclass(frozen=True)
class StatusChange:
    """One place the legacy code changed (or synced) the agent's state."""

    where: str  # file:line
    api: str  # what it called ('Amazon Connect Streams agent.setState()')


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
    return list(dict.fromkeys(out))


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
    return (f"the legacy adapter changed the agent's state in the vendor ({where}): set the vendor agent's state "
            "for the Omni-Channel status (statusInfo.statusApiName) as it did. ctimod did not wire it (the mapping "
            "of Omni-Channel statuses to vendor states is the legacy code's own), so setAgentStatus() fails instead "
            "of telling Salesforce the vendor followed.")
