"""A recognised vendor surface, written into the connector: the methods whose legacy vendor code the
connector runs, the listeners that publish the vendor's call moments to Salesforce, what init() starts,
and the facts the reports show.

Connector parts written here (the connector template places them; nothing vendor-specific is outside
this package and the templates):

- ``method.<name>``: the statements a connector method runs where its template had a TODO;
- ``module``: the module-level runtime (vendor events -> publishEvent, vendor call objects by call id);
- ``init.after``: what init() does once the legacy settings code ran (boot the vendor object, register
  the listeners whose legacy registration does not run in the connector);
- ``init.todos``: TODO comments at the top of init() (vendor events the connector does not listen to);
- ``init.result``: what init() returns instead of the legacy settings code's result (a rejection naming a
  vendor set-up the connector cannot make);
- ``imports``: base-library names the parts use.
"""

from __future__ import annotations

import re

from ..codemod import CONNECTOR, ConnectorParts
from ..escape import js_comment, js_string
from ..legacy import FUNCTION_TYPES, line_indent, parent_of, reindent
from ..splice import Edit
from . import KINDS, METHODS, VENDOR_CALL, Action, Hook, Publish, Surface
from ._js import Branch

EVENT_TYPES = {3: "Constants.EVENT_TYPE", 4: "Constants.VOICE_EVENT_TYPE"}
EVENT_NAMES = {"incoming": "CALL_STARTED", "connected": "CALL_CONNECTED", "ended": "HANGUP"}
# The connector method parameter that names Salesforce's call (None: the method has none in that API).
CALL_PARAM = {"acceptCall": "call", "declineCall": "call", "endCall": "call", "hold": "call", "resume": "call"}
DOES = {"acceptCall": "answers", "declineCall": "declines", "endCall": "hangs up", "mute": "mutes",
        "unmute": "unmutes", "hold": "holds", "resume": "resumes"}


class Writer:
    """Legacy text for the connector: ranges rendered with the plan's edits, some sub-ranges replaced."""

    def __init__(self, render_range, api: int):
        self._render = render_range  # (file, start, end) -> text
        self.api = api

    def node(self, file, node, subs: dict | None = None, vendor_call: str = "ctimodVendorCall()") -> str:
        return self.range(file, node.start_byte, node.end_byte, subs, vendor_call)

    def range(self, file, start: int, end: int, subs: dict | None = None, vendor_call: str = "") -> str:
        out, cursor = [], start
        for (s, e), replacement in sorted((subs or {}).items()):
            if s < cursor or s < start or e > end:
                continue
            out.append(self._render(file, cursor, s))
            out.append(vendor_call if replacement is VENDOR_CALL else replacement)
            cursor = e
        out.append(self._render(file, cursor, end))
        return "".join(out)


def _indent(text: str, indent: str) -> str:
    first, *rest = text.split("\n") if "\n" in text else (text,)
    if not rest:
        return indent + text
    return indent + reindent(text, indent)


def _kept(w: Writer, keeps: list, indent: str, label: str) -> list[str]:
    """The legacy statements a listener keeps: declarations and guards as they are, the state updates in
    a try block (a state update that fails, e.g. on a name the connector lacks, must not stop the
    listener from telling Salesforce about the call)."""
    plain, updates = [], []
    for file, statement in keeps:
        if statement.type in ("lexical_declaration", "variable_declaration", "if_statement"):
            if updates:
                plain.append(("try", updates))
                updates = []
            plain.append(("plain", (file, statement)))
        else:
            updates.append((file, statement))
    if updates:
        plain.append(("try", updates))
    lines = []
    for kind, item in plain:
        if kind == "plain":
            lines.append(_carried(w, item[0], item[1], indent))
            continue
        lines.append(f"{indent}try {{")
        lines += [_carried_run(w, run, indent + "    ") for run in _runs(item)]
        lines += [f"{indent}}} catch (error) {{",
                  f"{indent}    // TODO(ctimod): the call state the legacy handler kept could not be updated here.",
                  f"{indent}    console.error({js_string('ctimod: the legacy state update of ' + label + ' failed')}, error);",
                  f"{indent}}}"]
    return lines


def _carried(w: Writer, file, node, indent: str) -> str:
    """A legacy statement the connector runs as the legacy code did, under the marker that says where it came from:
    the lint pass (render.lint) and `ctimod verify` read it as carried legacy code, as they read moved code."""
    return f"{indent}// ctimod: carried from {js_comment(file.where(node))}\n" + _statement(w, file, node, indent)


def _runs(statements: list) -> list[list]:
    """``(file, statement)`` pairs in runs of statements that follow one another in the legacy code too (nothing
    but comments between them)."""
    runs: list[list] = []
    for file, statement in statements:
        if runs and runs[-1][-1][0] is file and _next_statement(runs[-1][-1][1]) == statement:
            runs[-1].append((file, statement))
        else:
            runs.append([(file, statement)])
    return runs


def _next_statement(node):
    sibling = getattr(node, "next_named_sibling", None)
    while sibling is not None and sibling.type == "comment":
        sibling = sibling.next_named_sibling
    return sibling


def _carried_run(w: Writer, run: list, indent: str) -> str:
    """Legacy statements that follow one another, as the only code of the block they open up to the next marker:
    one marker for the run, naming the legacy lines it spans (``FILE:124-126``); the lint pass and `ctimod verify`
    read every statement after it, up to the next marker or the end of the block, as carried."""
    if len(run) == 1:
        return _carried(w, run[0][0], run[0][1], indent)
    file, first, last = run[0][0], run[0][1], run[-1][1]
    where = f"{file.display}:{file.line(first.start_byte)}-{file.line(last.end_byte)}"
    return f"{indent}// ctimod: carried from {js_comment(where)}\n" + "\n".join(
        _statement(w, file, statement, indent) for file, statement in run)


def _statement(w: Writer, file, node, indent: str) -> str:
    if isinstance(node, Branch):
        return _branch(w, file, node, indent)
    text = w.node(file, node).rstrip()
    if not text.endswith((";", "}")):
        text += ";"
    return _indent(text, indent)


def _branch(w: Writer, file, branch: Branch, indent: str) -> str:
    """The legacy ``if``, its test as written, with only the state updates of each branch."""
    lines = [f"{indent}if {w.node(file, branch.condition).strip()} {{"]
    lines += [_statement(w, file, statement, indent + "    ") for statement in branch.consequence]
    if branch.alternative:
        lines.append(f"{indent}}} else {{")
        lines += [_statement(w, file, statement, indent + "    ") for statement in branch.alternative]
    lines.append(f"{indent}}}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- listeners
def publish_call(p: Publish) -> str:
    fields = []
    if p.call_id:
        fields.append(f"callId: {p.call_id}")
    if p.number:
        fields.append(f"phoneNumber: {p.number}")
    if p.vendor_call:
        fields.append(f"vendorCall: {p.vendor_call}")
    return f"ctimodVendorEvent({js_string(p.kind)}, {{ {', '.join(fields)} }});"


def publish_text(p: Publish, w: Writer, indent: str) -> str:
    inner = indent + ("    " if p.condition else "")
    lines = [f"{inner}// ctimod: {js_comment(p.vendor_event)} ({js_comment(p.source)}) -> {EVENT_NAMES[p.kind]}"]
    if p.kind == "incoming" and not p.number:
        lines.append(f"{inner}// TODO(ctimod): the legacy code read no caller number here; pass phoneNumber.")
    if not p.call_id:
        lines.append(f"{inner}// TODO(ctimod): pass the vendor's call id (callId) so later actions match the call.")
    lines += [f"{inner}const {name} = {value};" for name, value in p.bindings]
    lines += _kept(w, p.keeps, inner, p.vendor_event)
    lines.append(inner + publish_call(p))
    if p.condition:
        return f"{indent}if ({p.condition}) {{\n" + "\n".join(lines) + f"\n{indent}}}"
    return "\n".join(lines)


def listener_text(hook: Hook, w: Writer, indent: str) -> str:
    """The connector's listener for a vendor registration: the legacy handler's state updates, the
    call-level registrations, what it publishes."""
    inner = indent + "    "
    lines = []
    if hook.handler is not None:
        named = f"{hook.handler.name} " if hook.handler.name else ""
        lines.append(f"{inner}// ctimod: replaces the legacy handler {js_comment(named)}({js_comment(hook.handler.where())}); "
                     "its UI logic belongs to the Voice component.")
    lines += [f"{inner}const {name} = {value};" for name, value in hook.bindings]
    lines += _kept(w, hook.keeps, inner, hook.label)
    for file, statement in hook.requests:
        lines += [f"{inner}// ctimod: the legacy handler's request to its server ({js_comment(file.where(statement))}), "
                  "made here as the handler made it.",
                  f"{inner}try {{", _carried(w, file, statement, inner + "    "), f"{inner}}} catch (error) {{",
                  f"{inner}    // TODO(ctimod): the legacy handler's request failed here (is its library on the connector page?).",
                  f"{inner}    console.error({js_string('ctimod: the legacy request of ' + hook.label + ' failed')}, error);",
                  f"{inner}}}"]
    for group in _same_try(hook.nested):
        lines += _guarded(group, w, inner) if group[0].guard else \
            [inner + registration_text(nested, w, inner) + ";" for nested in group]
    lines += [publish_text(p, w, inner) for p in hook.publishes]
    params = ", ".join(hook.params)
    return f"({params}) => {{\n" + "\n".join(lines) + f"\n{indent}}}"


def legacy_try(file, node) -> tuple | None:
    """``(file, try statement)`` whose block holds ``node`` within its function, when the try has a catch: a failure
    of ``node`` there did not stop the code after the try (None: no such try)."""
    child, current = node, parent_of(node)
    while current is not None and current.type not in FUNCTION_TYPES:
        if current.type == "try_statement" and current.child_by_field_name("handler") is not None and \
                current.child_by_field_name("body") == child:
            return file, current
        child, current = current, parent_of(current)
    return None


def _same_try(hooks: list) -> list[list]:
    """``hooks`` in runs that follow one another: the hooks the legacy code registered in one try block, one run."""
    runs: list[list] = []
    for hook in hooks:
        last = runs[-1][-1] if runs else None
        if last is not None and hook.guard and last.guard and hook.guard[0] is last.guard[0] and \
                hook.guard[1] == last.guard[1]:
            runs[-1].append(hook)
        else:
            runs.append([hook])
    return runs


def _guarded(hooks: list, w: Writer, indent: str) -> list[str]:
    """Call-level registrations the legacy code made in one try block, in the same try: one that throws (a vendor
    build without that event) stops those after it in the block but not the registrations after the try, as in the
    legacy code. The catch block is the legacy one, carried."""
    file, statement = hooks[0].guard
    handler = statement.child_by_field_name("handler")
    param = handler.child_by_field_name("parameter")
    body = handler.child_by_field_name("body")
    caught = [(file, s) for s in (body.named_children if body is not None else []) if s.type != "comment"]
    inner = indent + "    "
    lines = [f"{indent}// ctimod: the legacy code made {'this registration' if len(hooks) == 1 else 'these registrations'} "
             f"in a try block ({js_comment(file.where(statement))}): a failure does not stop the registrations after it.",
             f"{indent}try {{"]
    lines += [inner + registration_text(hook, w, inner) + ";" for hook in hooks]
    lines.append(f"{indent}}} catch ({w.node(file, param)}) {{" if param is not None else f"{indent}}} catch {{")
    lines += [_carried_run(w, run, inner) for run in _runs(caught)]
    lines.append(f"{indent}}}")
    return lines


def registration_text(hook: Hook, w: Writer, indent: str) -> str:
    return hook.template.replace("{fn}", listener_text(hook, w, indent))


def hook_edits(surface: Surface) -> list[tuple[object, Edit]]:
    out = []
    for hook in surface.all_hooks():
        if hook.node is None or hook.arg is None:
            continue

        def produce(renderer, home, needs, hook=hook):
            w = Writer(lambda f, s, e: renderer.render(f, s, e, home, needs), 0)
            return listener_text(hook, w, line_indent(hook.file.source, hook.node.start_byte))

        out.append((hook.file, Edit(hook.arg.start_byte, hook.arg.end_byte, produce, homes=(CONNECTOR,),
                                    why="vendor-listener")))
    return out


# ------------------------------------------------------------------------------------- methods
def method_code(surface: Surface, name: str, w: Writer) -> str | None:
    action = surface.actions.get(name)
    if action is None:
        return None  # the connector's method fails with its TODO (connector_parts: 'method.<name>.todo')
    param = CALL_PARAM.get(name) or ("call" if w.api == 4 and name in ("mute", "unmute") else None)
    vendor_call = f"ctimodVendorCall({param or ''})"
    lines = [f"        // ctimod: the legacy adapter {DOES[name]} with its own code ({js_comment(action.where)}): "
             f"{js_comment(action.api)}."]
    if action.note:
        lines.append(f"        // {js_comment(action.note)}")
    lines += [f"        {statement};" for statement in action.state]
    declared = {w.node(file, d.child_by_field_name("name")) for file, statement in action.prelude
                for d in statement.named_children if d.type == "variable_declarator"}
    if param in declared and VENDOR_CALL in action.subs.values():
        # the legacy code names a local like the method's parameter: take the vendor call first
        lines.append(f"        const ctimodVendor = {vendor_call};")
        vendor_call = "ctimodVendor"
    ending = name == "endCall"
    if ending:
        # A vendor that reports the hang-up while its hang-up call runs would publish HANGUP before
        # endCall() returns the HangupResult the base library publishes: one HANGUP per call.
        lines += ["        const ctimodEndingId = call && call.callId ? String(call.callId) : null;",
                  "        ctimodEnding.add(ctimodEndingId);"]
    # In a block of its own: the legacy locals cannot clash with the method's names.
    lines.append("        try {" if ending else "        {")
    for file, statement in action.prelude:
        lines.append(_indent(w.node(file, statement, action.subs, vendor_call).rstrip(), "            "))
    expression = w.node(action.file, action.node, action.subs, vendor_call)
    lines.append(_indent(f"await {expression};", "            "))
    lines += ["        } finally {", "            ctimodEnding.delete(ctimodEndingId);", "        }"] if ending else ["        }"]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- runtime
def runtime(surface: Surface, api: int) -> str:
    events = EVENT_TYPES[api]
    return f"""// ---------------------------------------------------------------------------------------------
// {js_comment(surface.name)}: what the vendor reports about a call, published to Salesforce.
// ---------------------------------------------------------------------------------------------
const ctimodVendorCalls = new Map(); // Salesforce callId -> the vendor's call object the legacy code acted on
const ctimodVendorIds = new Map(); // the vendor's call id -> Salesforce callId
const ctimodEnding = new Set(); // Salesforce callIds whose endCall() is running the vendor's hang-up

function ctimodVendorPhoneCall(kind, vendorId) {{
    if (vendorId !== null && ctimodVendorIds.has(vendorId)) {{
        return ctimodCalls.get(ctimodVendorIds.get(vendorId)) || null;
    }}
    if (vendorId !== null && ctimodCalls.has(vendorId)) {{
        return ctimodCalls.get(vendorId);
    }}
    if (kind === 'incoming') {{
        return null;
    }}
    // A call dial() started learns the vendor's call id from the first vendor event about it.
    const named = new Set(ctimodVendorIds.values());
    const outbound = [...ctimodCalls.values()].reverse()
        .find((call) => call.callType === Constants.CALL_TYPE.OUTBOUND && !named.has(call.callId));
    if (outbound && vendorId !== null) {{
        ctimodVendorIds.set(vendorId, outbound.callId);
    }}
    return outbound || null;
}}

// kind: 'incoming' (CALL_STARTED), 'connected' (CALL_CONNECTED) or 'ended' (HANGUP).
function ctimodVendorEvent(kind, details) {{
    const vendorId = details.callId === undefined || details.callId === null || details.callId === ''
        ? null : String(details.callId);
    let phoneCall = ctimodVendorPhoneCall(kind, vendorId);
    let published;
    if (kind === 'incoming') {{
        if (phoneCall) {{
            return; // Salesforce knows this call already
        }}
        phoneCall = ctimodCall({{ callId: vendorId, phoneNumber: details.phoneNumber,
            callType: Constants.CALL_TYPE.INBOUND }});
        phoneCall.state = Constants.CALL_STATE.RINGING;
        if (vendorId !== null) {{
            ctimodVendorIds.set(vendorId, phoneCall.callId);
        }}
        if (details.vendorCall !== undefined) {{
            ctimodVendorCalls.set(phoneCall.callId, details.vendorCall);
        }}
        published = publishEvent({{ eventType: {events}.CALL_STARTED, payload: new CallResult({{ call: phoneCall }}) }});
    }} else if (!phoneCall) {{
        return; // a call Salesforce does not know (it ended already)
    }} else if (kind === 'connected') {{
        if (details.vendorCall !== undefined) {{
            ctimodVendorCalls.set(phoneCall.callId, details.vendorCall);
        }}
        if (phoneCall.state === Constants.CALL_STATE.CONNECTED) {{
            return; // acceptCall() reported it
        }}
        phoneCall.state = Constants.CALL_STATE.CONNECTED;
        published = publishEvent({{ eventType: {events}.CALL_CONNECTED, payload: new CallResult({{ call: phoneCall }}) }});
    }} else if (ctimodEnding.has(phoneCall.callId)) {{
        ctimodVendorCalls.delete(phoneCall.callId);
        return; // endCall() reports it: the vendor reported the hang-up endCall() asked for
    }} else {{
        ctimodCalls.delete(phoneCall.callId);
        ctimodVendorCalls.delete(phoneCall.callId);
        phoneCall.state = Constants.CALL_STATE.ENDED;
        published = publishEvent({{ eventType: {events}.HANGUP, payload: new HangupResult({{ calls: [phoneCall] }}) }});
    }}
    Promise.resolve(published).catch((error) => console.error('ctimod: publishing a vendor event failed', error));
}}

// The vendor's call object for a call Salesforce names (the latest one when it names none).
// (Exported for the code you write: the TODOs of the call actions name it.)
export function ctimodVendorCall(call) {{
    const callId = call && call.callId ? String(call.callId) : null;
    const vendorCall = callId !== null ? ctimodVendorCalls.get(callId) : [...ctimodVendorCalls.values()].pop();
    if (vendorCall === undefined) {{
        throw new Error(`ctimod: the vendor reported no call ${{callId || ''}} this connector could act on`);
    }}
    return vendorCall;
}}"""


# ------------------------------------------------------------------------------------- parts
def connector_parts(surface: Surface, context) -> ConnectorParts:
    out = ConnectorParts()
    w = Writer(context.render_range, context.api)
    for name in METHODS:
        code = method_code(surface, name, w)
        if code:
            out.parts[f"method.{name}"] = code
        elif surface.todos.get(name):
            # the method fails with this TODO (naming the vendor API) until someone writes the call
            out.parts[f"method.{name}.todo"] = surface.todos[name]
    waits = [why for entry, why in sorted(surface.dial_waits.items())
             if entry in surface.dial_sites and context.lands(*surface.dial_sites[entry])]
    if waits:  # a vendor promise the legacy click-to-dial awaited may stay pending: dial() says so, and its row
        out.parts["dial.waits"] = "\n".join(f"        // TODO(ctimod): {js_comment(why)}" for why in waits)
        out.cautions += [(conversion, " ".join(waits)) for conversion in context.landed("click-to-dial")
                         if conversion.handler_slot == "dial" and not conversion.superseded]
    todos = [f"        // TODO(ctimod): {js_comment(other_event_text(row))}."
             for row in other_events(surface, context.lands) if not row["carried"]]
    if todos:  # (comments at the top of init(): they change nothing it runs)
        out.parts["init.todos"] = "\n".join(todos)
    if not any(surface.published().values()) and not surface.actions:
        return out
    out.parts["imports"] = "publishEvent"
    declared = [boot.target for boot in surface.boots if boot.declare and not context.lands(boot.file, boot.statement)]
    module = runtime(surface, context.api)
    if any(boot.callback is not None and boot.replicate for boot in surface.boots):
        module = (f"// ctimod: the {js_comment(surface.name)}'s API, as it handed it to init()'s callback (null until then).\n"
                  f"let {API_HOLDER} = null;\n\n") + module
    if declared:
        module = "".join(f"// ctimod: the {js_comment(surface.name)} object, created by init() as the legacy code did\n"
                         f"let {name};\n" for name in declared) + "\n" + module
    out.parts["module"] = module
    after = []
    setup_todos: list[str] = []
    hooks = registrations(surface, context.lands)
    for boot in surface.boots:
        if boot.callback is not None and boot.replicate and not context.lands(boot.file, boot.statement):
            after += _callback_boot(surface, boot, [h for h, how in hooks if how == "init" and h.boot is boot],
                                    w, context)
            continue
        if boot.setup is not None:
            if any(context.lands(file, call) for file, call in boot.setup_calls):
                continue  # the legacy code that calls it runs in the connector
            after.append(f"        // ctimod: the legacy code set the {js_comment(surface.name)} up in "
                         f"{js_comment(boot.setup.name)}() ({js_comment(boot.setup.where())}), called from code "
                         "that does not run in the connector.")
            after += ["        try {", f"            await {boot.setup.name}();", "        } catch (error) {",
                      "            // TODO(ctimod): the vendor could not be set up; calls will not reach Salesforce.",
                      f"            console.error({js_string('ctimod: ' + boot.setup.name + '() failed')}, error);",
                      "        }"]
            continue
        if context.lands(boot.file, boot.statement):
            continue
        if not boot.replicate:
            # A set-up the connector cannot make: init() fails naming it (the base reports CAN_NOT_LOG_IN) once
            # the legacy settings code ran, instead of an agent who looks logged in while no call can reach
            # the vendor.
            after.append(f"        // TODO(ctimod): {js_comment(boot.note)}")
            after.append("        //   Until it is done, init() fails with this TODO (Salesforce shows that the agent "
                         "cannot log in).")
            setup_todos.append(boot.note)
            continue
        after.append(f"        // ctimod: the legacy code created the {js_comment(surface.name)} object this way "
                     f"({js_comment(boot.where)}).")
        created = w.node(boot.file, boot.node)
        after += ["        try {", _indent(f"{boot.target} = {created};" if boot.target else f"{created};",
                                          "            "),
                  "        } catch (error) {",
                  *_start_failed(surface),
                  "        }"]
    for hook, how in hooks:
        if hook.boot is not None and hook.boot.callback is not None and how == "init":
            continue  # registered in the callback the vendor hands its API to (above)
        if how in ("in-place", "duplicate"):
            continue  # the legacy registration runs in the connector and publishes there, or one like it does
        if how == "unreachable":
            after.append(f"        // TODO(ctimod): listen to {js_comment(hook.label)} here: "
                         f"{js_comment(hook.unreachable_why)}")
            continue
        where = f" (legacy registration: {js_comment(hook.where)})" if hook.where else ""
        after.append(f"        // ctimod: {js_comment(hook.label)}{where}.")
        after.append("        try {")
        after.append("            " + registration_text(hook, w, "            ") + ";")
        after.append("        } catch (error) {")
        after.append("            // TODO(ctimod): the vendor is not ready to report calls; they will not reach Salesforce.")
        after.append(f"            console.error({js_string('ctimod: could not listen to ' + hook.label)}, error);")
        after.append("        }")
    for note in surface.notes:
        after.append(f"        // TODO(ctimod): {js_comment(note)}")
    if after and context.missing:
        # The vendor set-up reaching a stand-in (its SDK not on the connector's page) fails init(): the
        # agent would look ready while no call could ever reach Salesforce.
        after = (["        const ctimodVendorStandIns = ctimodMissing.errors.length;"] + after +
                 ["        if (ctimodMissing.errors.length > ctimodVendorStandIns) {",
                  "            throw ctimodMissing.errors[ctimodVendorStandIns];", "        }"])
    if after:
        out.parts["init.after"] = "\n".join(after)
    if setup_todos:
        message = "ctimod TODO: the vendor is not set up: " + " ".join(setup_todos)
        out.parts["init.result"] = (f"ctimodInit.then(() => {{\n            const error = new Error({js_string(message)});\n"
                                    "            console.error(error.message);\n            return Promise.reject(error);\n"
                                    "        })")
    out.notes += header_notes(surface)
    return out


API_HOLDER = "ctimodWidgetApi"


def _callback_boot(surface: Surface, boot, hooks: list[Hook], w: Writer, context) -> list[str]:
    """init()'s part for a vendor that hands its API to a callback: the legacy call made again with the
    connector's callback, which keeps the API, gives the names the connector's code uses from it (stand-ins
    until then) their value, and registers the listeners."""
    indent = "                "
    body = [f"{indent}{API_HOLDER} = ctimodApi;"]
    bound = sorted(local for local in boot.bound if local in context.missing and js_identifier(local))
    if bound:
        body.append(f"{indent}// ctimod: what the connector's code uses of the API (a stand-in until the widget handed it).")
        body += [f"{indent}{local} = ctimodApi.{boot.bound[local]};" for local in bound
                 if js_identifier(boot.bound[local])]
    for hook in hooks:
        where = f" (legacy registration: {js_comment(hook.where)})" if hook.where else ""
        body += [f"{indent}// ctimod: {js_comment(hook.label)}{where}.", f"{indent}try {{",
                 f"{indent}    " + registration_text(hook, w, indent + "    ") + ";",
                 f"{indent}}} catch (error) {{",
                 f"{indent}    // TODO(ctimod): the widget did not accept the listener; its calls will not reach Salesforce.",
                 f"{indent}    console.error({js_string('ctimod: could not listen to ' + hook.label)}, error);",
                 f"{indent}}}"]
    callback = "(ctimodApi) => {\n" + "\n".join(body) + "\n            }"
    start, end = boot.node.start_byte, boot.node.end_byte
    created = w.range(boot.file, start, end, {(boot.callback.start_byte, boot.callback.end_byte): callback})
    return [f"        // ctimod: the legacy code rendered the {js_comment(surface.name)} this way ({js_comment(boot.where)}); "
            f"{js_comment(boot.note)}.",
            "        try {", f"            {created.strip()};", "        } catch (error) {",
            *_start_failed(surface),
            "        }"]


def _start_failed(surface: Surface) -> list[str]:
    """The catch of the vendor's start in init(): the legacy code stopped there too, and without the vendor no
    call reaches Salesforce, so init() fails (the base reports CAN_NOT_LOG_IN) instead of an agent who looks
    logged in."""
    message = f"ctimod: could not start {surface.name} (is its script in connector/index.html?)"
    return ["            // TODO(ctimod): the vendor could not be started (is its script in connector/index.html?): init() fails.",
            f"            console.error({js_string('ctimod: could not start ' + surface.name)}, error);",
            f"            throw new Error({js_string(message + ': ')} + (error && error.message));"]


def registrations(surface: Surface, lands) -> list[tuple[Hook, str]]:
    """How each vendor event registration reaches the connector: 'in-place' (the legacy registration runs
    in the connector and publishes there), 'init' (init() registers it), 'duplicate' (registrations of the
    same vendor event that run already publish everything it would, e.g. a copy of the adapter),
    'unreachable' (init() cannot reach the object it listens to)."""
    out = []
    covered: dict[str, set] = {}
    for hook in surface.hooks:
        if hook.node is not None and lands(hook.file, hook.node):
            covered.setdefault(hook.label, set()).update(_kinds(hook))
    for hook in surface.hooks:
        if hook.node is not None and lands(hook.file, hook.node):
            out.append((hook, "in-place"))
        elif _kinds(hook) <= covered.get(hook.label, set()):
            out.append((hook, "duplicate"))
        elif not hook.reachable:
            out.append((hook, "unreachable"))
        else:
            covered.setdefault(hook.label, set()).update(_kinds(hook))
            out.append((hook, "init"))
    return out


def other_events(surface: Surface, lands) -> list[dict]:
    """The vendor events the legacy code listened to that are no call moment (:class:`.Other`): where each was
    registered and handled, whether that registration runs in the connector (``lands``: file, node -> bool), and
    the requests its handler made to the adapter's server (itself, or through a legacy function up to 3 calls
    deep). Identical registrations (a copy of the adapter) are listed once."""
    from ._js import own_nodes
    from ._shapes import request_call

    out, seen = [], set()
    for other in surface.others:
        fn = other.handler
        requests = []
        if fn is not None:
            for node in own_nodes(fn.node):
                found = request_call(surface.files, fn.file, node, 3) if node.type == "call_expression" else None
                if found is not None:
                    requests.append(f"{found[0]} at {found[1].where(found[2])}")
        row = {"vendor_event": other.label, "registered": other.where, "handler": fn.where() if fn else None,
               "carried": bool(lands(other.file, other.node)), "requests": list(dict.fromkeys(requests))}
        key = (row["vendor_event"], row["carried"], tuple(row["requests"]))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def other_event_text(row: dict) -> str:
    """What MIGRATION.md and init()'s TODO say of one :func:`other_events` row that the connector does not carry."""
    handler = f"; handler {row['handler']}" if row["handler"] and row["handler"] != row["registered"] else ""
    did = ("; it made requests to the adapter's server: " + "; ".join(row["requests"])) if row["requests"] else ""
    return (f"the legacy code listened to {row['vendor_event']} ({row['registered']}{handler}), a vendor event "
            "Salesforce has no event for, in code that does not run in the connector: the connector does not listen "
            f"to it and its handler is not carried{did}. Do here what the connector needs of it")


def _kinds(hook: Hook) -> set[str]:
    return {p.kind for p in hook.publishes} | {k for nested in hook.nested for k in _kinds(nested)}


def header_notes(surface: Surface) -> list[str]:
    wired = [f"{name} ({surface.actions[name].where})" for name in METHODS if name in surface.actions]
    events = [f"{kind} -> {', '.join(p.vendor_event for p in publishes)}"
              for kind, publishes in surface.published().items() if publishes]
    notes = [f"{surface.name}: the connector runs the legacy adapter's own vendor code for "
             f"{', '.join(wired) if wired else 'no call control (the legacy code did not show any)'}; vendor events "
             f"it publishes: {'; '.join(events) if events else 'none found in the legacy code'}"
             f"{' (MIGRATION.md, Vendor telephony: where each is registered, and whether the connector reaches it)' if events else ''}."]
    return notes


# ------------------------------------------------------------------------------------- reports
def blocked_by(files, file, node, names, depth: int = 0, seen=None):
    """Where the code that leads to ``node`` first uses one of ``names`` (names the connector has only as
    a stand-in that throws, e.g. a parameter of legacy code that does not move): (name, 'file:line') when
    every legacy path to ``node`` uses one before it (so in the connector the code throws there and never
    reaches ``node``), else None. Paths are followed up through statement blocks and, from a named
    function, through its legacy call sites; a callback (a function passed as an argument) ends the walk."""
    from ._js import FUNCTION_TYPES, Fn, call_sites

    if not names:
        return None
    seen = set() if seen is None else seen
    current = node
    while parent_of(current) is not None:
        parent = parent_of(current)
        if parent.type in ("statement_block", "program", "switch_body"):
            for sibling in parent.named_children:
                if sibling.start_byte >= current.start_byte:
                    break
                hit = _uses(file, sibling, names)
                if hit is not None:
                    return file.text(hit), file.where(hit)
        if parent.type in FUNCTION_TYPES:
            holder = parent_of(parent)
            while holder is not None and holder.type == "parenthesized_expression":
                holder = parent_of(holder)
            if holder is not None and holder.type == "arguments" or depth >= 4 or parent in seen:
                return None
            seen.add(parent)
            sites = call_sites(files, Fn(file, parent))
            if not sites:
                return None
            found = None
            for site_file, call in sites:
                hit = blocked_by(files, site_file, call, names, depth + 1, seen)
                if hit is None:
                    return None  # a path that reaches it
                found = found or hit
            return found
        current = parent
    return None


def _uses(file, statement, names):
    """The first identifier of ``names`` that ``statement`` reads when it runs (not in nested functions,
    which run later, and not in declarations of functions)."""
    from ._js import FUNCTION_TYPES

    if statement.type in FUNCTION_TYPES or statement.type in ("function_declaration", "class_declaration"):
        return None
    stack = [statement]
    while stack:
        current = stack.pop()
        if current.type == "identifier" and file.text(current) in names:
            return current
        stack.extend(c for c in reversed(current.children) if c.type not in FUNCTION_TYPES)
    return None


def summary(plan, stand_ins=frozenset()) -> dict | None:
    """The vendor facts MIGRATION.md, report.html and migration.json show: the connector methods wired
    to legacy vendor code (and the TODOs), the vendor events published and how they are registered,
    the vendor calls click-to-dial makes, and the vendor's own Voice route. ``stand_ins``: the names the
    connector has only as stand-ins that throw (a registration only reached through code that uses one
    is reported as not reached)."""
    from ..render.common import lands
    from ._status import for_plan as status_changes, todo_text as status_todo

    surface: Surface | None = getattr(plan, "vendor", None)
    if surface is None:
        return None
    methods = {}
    for name in METHODS:
        action = surface.actions.get(name)
        if action is not None:
            methods[name] = {"status": "wired", "legacy": action.where,
                             "calls": "; ".join([*action.state, action.api])}
        else:
            methods[name] = {"status": "todo", "legacy": None, "calls": surface.todos.get(name, "")}
    changes = status_changes(plan)
    if changes:  # the legacy code changed the agent's state in the vendor: setAgentStatus fails with its TODO
        methods["setAgentStatus"] = {"status": "todo", "legacy": "; ".join(c.where for c in changes),
                                     "calls": status_todo(changes)}
    events: dict[str, list] = {kind: [] for kind in KINDS}
    seen = set()

    def visit(hook: Hook, how: str) -> None:
        for publish in hook.publishes:
            key = (publish.kind, publish.vendor_event, publish.source)
            if key in seen:
                continue
            seen.add(key)
            events[publish.kind].append({"vendor_event": publish.vendor_event, "legacy": publish.source,
                                         "registered": how, "call_id": publish.call_id, "number": publish.number,
                                         "from": publish.id_from})
        for nested in hook.nested:
            visit(nested, how)

    def in_place(hook: Hook) -> str:
        hit = blocked_by(surface.files, hook.file, hook.node, set(stand_ins))
        if hit is not None:
            return (f"not reached: the legacy code registered it ({hook.where}) after code that uses `{hit[0]}` "
                    f"({hit[1]}), which the connector has only as a stand-in that throws (see its TODO)")
        return f"where the legacy code registered it ({hook.where}), in code the connector carries"

    for hook, how in registrations(surface, lambda file, node: lands(plan, CONNECTOR, file, node)):
        if how == "in-place":
            visit(hook, in_place(hook))
        elif how == "init":
            visit(hook, "by init()")
        elif how == "unreachable":
            visit(hook, "not registered: " + hook.unreachable_why)
    for hook in surface.extra_hooks:
        if hook.node is not None and lands(plan, CONNECTOR, hook.file, hook.node):
            visit(hook, in_place(hook))
    setup = []
    for boot in surface.boots:
        if lands(plan, CONNECTOR, boot.file, boot.statement):
            hit = blocked_by(surface.files, boot.file, boot.node, set(stand_ins))
            setup.append({"status": "carried", "legacy": boot.where,
                          "note": "the legacy set-up is in code the connector carries" + (
                              f", but not reached: legacy code first uses `{hit[0]}` ({hit[1]}), which the connector "
                              "has only as a stand-in that throws (see its TODO)" if hit is not None else
                              ", and runs when that code runs")})
        elif not boot.replicate:
            setup.append({"status": "todo", "legacy": boot.where, "note": boot.note})
        elif boot.setup is not None and any(lands(plan, CONNECTOR, file, call) for file, call in boot.setup_calls):
            setup.append({"status": "carried", "legacy": boot.where,
                          "note": f"the legacy code that calls {boot.setup.name}() runs in the connector"})
        elif boot.setup is not None:
            setup.append({"status": "init", "legacy": boot.where,
                          "note": f"init() calls the legacy {boot.setup.name}() ({boot.setup.where()}), which makes it"})
        else:
            setup.append({"status": "init", "legacy": boot.where, "note": "init() makes it as the legacy code did" +
                          (f" ({boot.note})" if boot.note else "")})
    return {"id": surface.recogniser.id, "vendor": surface.name, "native": surface.recogniser.native,
            "methods": methods, "events": events, "setup": setup,
            "dial": sorted(set(reached_by_dial(plan, surface))),
            **({"other_events": others} if (others := other_events(surface, lambda f, n: lands(plan, CONNECTOR, f, n)))
               else {}),
            **({"dial_flagged": flagged} if (flagged := sorted(set(reached_by_dial(plan, surface, skipped=True))))
               else {})}


def reached_by_dial(plan, surface: Surface, skipped: bool = False) -> list[str]:
    """The vendor calls of ``surface.dial`` the connector's dial() reaches: in the click-to-dial code moved into
    it or in the legacy functions that code calls (a vendor call elsewhere in the adapter, such as a redial
    button of the legacy page, is not dial()'s), not in a branch flagged as not converted, where dial() fails
    before it (``skipped``: those instead). Entries without a known site are kept."""
    from ._js import resolve_function, walk

    moved = plan.moved_to(CONNECTOR, "dial")
    flagged = [(m.file, start, end) for m in moved for start, end in
               (m.slot_plan.skipped if getattr(m, "slot_plan", None) is not None else [])]
    ranges, pending, seen = [], [(m.file, m.node) for m in moved], set()
    while pending:
        file, node = pending.pop()
        key = (file.display, node.start_byte, node.end_byte)
        if key in seen or len(seen) > 200:
            continue
        seen.add(key)
        ranges.append((file, node))
        for call in (n for n in walk(node) if n.type == "call_expression"):
            target = resolve_function(surface.files, file, call.child_by_field_name("function"))
            if target is not None:
                pending.append((target.file, target.node))
    out = []
    for entry in surface.dial:
        site = surface.dial_sites.get(entry)
        if site is None or any(file is site[0] and node.start_byte <= site[1].start_byte and
                               site[1].end_byte <= node.end_byte for file, node in ranges):
            inside = site is not None and any(file is site[0] and start <= site[1].start_byte and
                                              site[1].end_byte <= end for file, start, end in flagged)
            if inside == skipped:
                out.append(entry)
    return out


def js_identifier(value: str) -> bool:
    return re.fullmatch(r"[A-Za-z_$][\w$]*", value) is not None


__all__ = ["connector_parts", "hook_edits", "summary", "runtime", "listener_text", "Writer", "Action"]
