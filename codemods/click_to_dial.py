"""Click-to-dial: onClickToDial (Lightning and Classic), enable/disableClickToDial, getDirectoryNumbers."""

from __future__ import annotations

import re

from ctimod.catalog import Disposition
from ctimod.codemod import (CONNECTOR, CallSite, Codemod, ConnectorContext, ConnectorParts, Conversion,
                            ConvertContext, Edit, RenderContext, Removed, SlotPlan, Unsupported, register)
from ctimod.legacy import FUNCTION_TYPES, find_declaration, function_name, legacy_params, parent_of, reindent

from ._shared import helper, js_comment, js_string, respond

DIAL_TODO = ("Use your vendor's call id as PhoneCall.callId so later ACCEPT/HOLD/END messages from Salesforce "
             "reach the same call.")
# dial()'s first statements when the legacy listener decides in a callback it passes to a vendor call.
DEFERRED_PRELUDE = [
    "// ctimod: the legacy listener places the call in a callback, whose `if` decides whether it dials: the",
    "// callback dialled when that test passed and the callback then ended without an error (one its catch",
    "// caught, or one it threw or rejected with, means the vendor call failed). The first decision made",
    "// tells dial() whether the call was placed.",
    "let ctimodDialDecide;",
    "const ctimodDialDecision = new Promise((ctimodDecided) => { ctimodDialDecide = ctimodDecided; });",
    "let ctimodDialPassed = false;",
    "const ctimodDialGuard = (test) => { ctimodDialPassed = Boolean(test); return test; };",
    "const ctimodDialStep = (ctimodCallback) => function (...ctimodArgs) {",
    "    let ctimodResult;",
    "    try {",
    "        ctimodResult = ctimodCallback.apply(this, ctimodArgs);",
    "    } catch (ctimodError) {",
    "        ctimodDialDecide(false);",
    "        throw ctimodError;",
    "    }",
    "    Promise.resolve(ctimodResult).then(() => ctimodDialDecide(ctimodDialPassed),",
    "        () => ctimodDialDecide(false));",
    "    return ctimodResult;",
    "};"]
# ... when the `else` of that `if` is the branch that dials (the other one adds a party, not converted).
DEFERRED_ELSE = ("// (here the `else` dials: the callback dialled when that test failed)\n"
                 "const ctimodDialGuardElse = (test) => { ctimodDialPassed = !test; return test; };")
# Calls that only log (`console.log(...)`, `connect.getLog().info(...)`, `logger.debug(...)`): on the
# object named last before the method.
LOG_METHODS = {"log", "info", "debug", "warn", "error", "trace"}
LOGGERS = {"console", "log", "logger", "_log", "_logger", "getlog()", "getlogger()"}
# Click-to-dial payload fields (Lightning and Classic) and the Contact field Salesforce sends instead.
PAYLOAD_FIELDS = {"number": "phoneNumber", "recordId": "recordId", "recordName": "name", "objectId": "recordId",
                  "objectName": "name", "displayName": "name"}
# Vendor methods that add a party to the call in progress (Amazon Connect Streams' Contact.addConnection, an
# addParticipant): a legacy listener reaching one did not place a new call, so dial() must not report one.
ADD_PARTY_METHODS = {"addConnection", "addParticipant"}
# dial()'s first statements when the legacy listener adds a party to the call in progress somewhere.
ADD_PARTY_PRELUDE = [
    "// ctimod: where the legacy listener added the number to the call in progress instead of placing a new",
    "// call (not converted: see the TODO there), dial() fails with that reason instead of reporting a call.",
    "let ctimodDialRefused = null;",
    "const ctimodDialNotConverted = (reason) => { ctimodDialRefused = new Error(reason); throw ctimodDialRefused; };"]


@register
class ClickToDial(Codemod):
    """Click-to-dial listeners become the connector's ``dial(contact)``; enable/disable are dropped.

    What it converts
        ``sforce.opencti.onClickToDial({listener})``, Classic
        ``sforce.interaction.cti.onClickToDial(listener)``, ``enableClickToDial`` /
        ``disableClickToDial`` (both families) and Classic ``cti.getDirectoryNumbers``.

    Becomes
        The listener body (inline, or a named function followed to its declaration) moves into
        ``dial(contact)`` of the generated connector (``TelephonyConnector`` for connector API 4,
        ``VendorConnector`` for 3). Payload fields are renamed: ``payload.number`` ->
        ``contact.phoneNumber``, ``payload.recordId`` / Classic ``objectId`` -> ``contact.recordId``,
        ``recordName`` / ``objectName`` / ``displayName`` -> ``contact.name``; the Classic
        ``JSON.parse(response.result)`` is unwrapped to ``contact``. A bare ``return`` in the listener
        (the legacy code chose not to dial) makes ``dial`` fail, so Salesforce shows CALL_FAILED, and so
        does a listener that is one ``if`` without ``else`` whose test fails. When that ``if`` is in a
        callback the listener passes to a vendor call (``connect.agent(function (agent) { try { ...;
        if (ok) {...} } catch (e) {...} })``), ``dial`` waits for the callback to decide (up to
        ``CTIMOD_INIT_TIMEOUT_MS``): it fails when the test fails or the callback fails (its catch caught
        an error, before the ``if`` or from the vendor call inside it, or the error left the callback), and
        fails with a ``ctimod TODO`` when the callback has not run by then. The same holds for an ``if``
        with an ``else`` whose one branch dials and whose other adds the number to the call in progress (that
        branch is flagged: dial() fails with the reason there), also when Open CTI calls or logging follow
        it. Otherwise ``dial`` resolves
        with a ``CallResult`` for an outbound ``PhoneCall``.
        ``enableClickToDial`` / ``disableClickToDial`` are removed (their callbacks still run with
        success). ``getDirectoryNumbers`` is removed with a pointer to ``getPhoneContacts``.

    Safety
        auto for the listener; drop for enable/disable (the Omni-Channel softphone owns
        click-to-dial); review for getDirectoryNumbers.

    References
        Open CTI onClickToDial; scv-connector-base dial(contact) / Contact.
    """

    id = "click-to-dial"
    members = ("sforce.opencti.onClickToDial", "sforce.interaction.cti.onClickToDial",
               "sforce.opencti.enableClickToDial", "sforce.opencti.disableClickToDial",
               "sforce.interaction.cti.enableClickToDial", "sforce.interaction.cti.disableClickToDial",
               "sforce.interaction.cti.getDirectoryNumbers")

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        if site.name == "onClickToDial":
            conversion = self.conversion(site, "listener moved into the connector's dial(contact)", todo=DIAL_TODO,
                                         handler_slot="dial")
            conversion.lwc = conversion.connector = Removed(
                "click-to-dial now arrives as the connector's dial(contact); this listener's body moved there")
            return conversion
        if site.name in ("enableClickToDial", "disableClickToDial"):
            callback = site.handler("callback")
            reason = "the Omni-Channel softphone owns click-to-dial in Voice"
            conversion = self.conversion(site, "removed: Voice owns click-to-dial", safety=Disposition.DROP,
                                         reason=reason,
                                         todo="Check any logic that depended on when click-to-dial was enabled.")
            if callback is None:
                conversion.lwc = conversion.connector = Removed(f"removed {site.use.api}: {reason}")
                return conversion

            def produce(r: RenderContext) -> str:
                comment = f"/* ctimod: removed {js_comment(site.use.api)}: {reason} */"
                return respond(r, f"Promise.resolve(true) {comment}", callback, classic=site.classic,
                               value="() => true" if site.classic else "() => null", fails=False)

            conversion.lwc = conversion.connector = produce
            return conversion
        # getDirectoryNumbers
        callback = site.positional(2)
        reason = ("the phone book now comes from the vendor: implement the connector's getPhoneContacts(filter) "
                  "(PhoneContactsResult) with the directory this call read")
        conversion = self.conversion(site, "replaced by the connector's getPhoneContacts(filter)",
                                     safety=Disposition.REVIEW, reason=reason, todo=reason)
        if callback is None:
            conversion.lwc = conversion.connector = Unsupported(reason)
            return conversion

        def produce_directory(r: RenderContext) -> str:
            return respond(r, f"{helper(r, 'ctimodUnsupported')}('getDirectoryNumbers') /* TODO(ctimod): {reason} */",
                           callback, classic=True)

        conversion.lwc = conversion.connector = produce_directory
        return conversion

    # ------------------------------------------------------------------------------ dial(contact)
    def plan_slot(self, moved, context: ConvertContext) -> SlotPlan:
        """Inside dial(): payload fields renamed to Contact fields, a bare return means 'did not dial'."""
        fn, file = moved.node, moved.file
        plan = SlotPlan()
        params = legacy_params(file.data, fn)
        if params and params[0] != "{...}":
            plan.prelude = _rename_payload(plan.edits, file, fn, params[0],
                                       classic=moved.conversions[0].use.family == "classic")
        for node in _same_function(fn):
            if node.type == "return_statement" and not [c for c in node.named_children if c.type != "comment"]:
                plan.edits.append(Edit(node.start_byte, node.end_byte, "return CTIMOD_NOT_DIALLED;",
                                       homes=(CONNECTOR,), why="dial-declined", slot=True))
        adds = _adds_party(file, fn)
        for statement, call in adds:
            # dial() fails at this statement: the rest of its block does not run in the connector
            block = parent_of(statement)
            plan.skipped.append((statement.start_byte, block.end_byte if block is not None and
                                 block.type == "statement_block" else statement.end_byte))
            line = file.source.rfind(b"\n", 0, statement.start_byte) + 1
            indent = file.source[line:statement.start_byte]
            indent = indent.decode() if indent.strip() == b"" else " "
            reason = _add_party_reason(file, call)
            plan.edits.append(Edit(statement.start_byte, statement.start_byte,
                                   f"// TODO(ctimod): {js_comment(reason)}\n{indent}"
                                   f"ctimodDialNotConverted({js_string('ctimod TODO: ' + reason)});\n{indent}",
                                   homes=(CONNECTOR,), why="dial-declined", slot=True))
        if adds:
            plan.prelude = "\n".join(([plan.prelude] if plan.prelude else []) + ADD_PARTY_PRELUDE)
        deferred = _callback_guard(file, fn)
        if deferred is not None:
            # `connect.agent(function (agent) { try { ...; if (ok) { agent.connect(...); } } catch (e) {...} })`:
            # the `if` decides inside a callback that may run after the listener returned. Its test is
            # recorded (ctimodDialGuard); the callback, wrapped (ctimodDialStep), decides when it ends: it
            # dialled if the test passed, not if it threw or rejected; an error its catch caught (before the
            # `if`, or from the vendor call inside it) means it did not dial. dial() waits for that decision
            # (connector_parts).
            _call, callback, guard, handler = deferred
            plan.edits.append(Edit(callback.start_byte, callback.start_byte, "ctimodDialStep(", homes=(CONNECTOR,),
                                   why="dial-declined", slot=True))
            plan.edits.append(Edit(callback.end_byte, callback.end_byte, ")", homes=(CONNECTOR,),
                                   why="dial-declined", slot=True))
            condition = guard.child_by_field_name("condition")
            inner = condition.named_children[0] if condition.type == "parenthesized_expression" and \
                condition.named_children else condition

            # (an `if` whose `else` dials, the other branch adding a party: the test failing is what dials)
            wrapper = "ctimodDialGuardElse" if _dialling_branch(file, guard) == "alternative" else "ctimodDialGuard"

            def produce_test(r, home, needs, inner=inner, file=file, wrapper=wrapper) -> str:
                return f"({wrapper}(" + r.render(file, inner.start_byte, inner.end_byte, home, needs) + "))"

            plan.edits.append(Edit(condition.start_byte, condition.end_byte, produce_test, homes=(CONNECTOR,),
                                   why="dial-declined", slot=True))
            if handler is not None:
                body = handler.child_by_field_name("body")
                first = next((c for c in body.named_children), None)
                line = file.source.rfind(b"\n", 0, first.start_byte) + 1 if first is not None else -1
                indent = file.source[line:first.start_byte] if first is not None and line > body.start_byte else b""
                decide = "ctimodDialDecide(false); // ctimod: it failed, so it did not dial"
                plan.edits.append(Edit(body.start_byte + 1, body.start_byte + 1,
                                       f"\n{indent.decode()}{decide}" if indent.strip() == b"" and indent
                                       else f" {decide}\n", homes=(CONNECTOR,), why="dial-declined", slot=True))
            lines = [plan.prelude] if plan.prelude else []
            plan.prelude = "\n".join(lines + DEFERRED_PRELUDE + (
                [DEFERRED_ELSE] if wrapper == "ctimodDialGuardElse" else []))
        followed: list = []
        if _places_no_call(file, fn, followed):
            # `lastNumber = payload.number; console.log(...)`: the listener only kept the number. Open CTI's
            # softphone placed the call elsewhere (the adapter's own call button); Salesforce takes dial()'s
            # success as the call being placed, so dial() fails with the TODO instead of reporting a phantom call.
            helpers = ", ".join(f"{function_name(file.data, f) or 'a function'}() at {file.where(f)}" for f in followed)
            reason = _NO_CALL.format(where=moved.legacy, helpers=(
                f"; so do the legacy functions it calls: {helpers}" if helpers else ""))
            plan.no_call = reason
            for conversion in moved.conversions:
                conversion.safety = Disposition.MANUAL
                conversion.reason = reason
                conversion.todo = f"{reason} {conversion.todo or ''}".strip()
        guard = _sole_guard(fn) if deferred is None else None
        if guard is not None:
            # `if (ready) { phone.dial(n); }` is all the listener does: when the test fails it did nothing,
            # so it did not dial (dial() fails instead of reporting a call nobody placed).
            # (`if (ready) phone.dial(n)` ends without `;`: the statement is ended before its `else`)
            ended = file.source[guard.end_byte - 1:guard.end_byte] in (b";", b"}")
            plan.edits.append(Edit(guard.end_byte, guard.end_byte,
                                   ("" if ended else ";") + " else { return CTIMOD_NOT_DIALLED; }",
                                   homes=(CONNECTOR,), why="dial-declined", slot=True))
        return plan

    def connector_parts(self, context: ConnectorContext) -> ConnectorParts:
        out = ConnectorParts()
        for conversion in context.conversions:
            if conversion.site is not None and conversion.site.name == "getDirectoryNumbers":
                out.notes.append(f"getPhoneContacts: the legacy adapter read its phone book with getDirectoryNumbers "
                                 f"({conversion.use.file}:{conversion.use.line}); return those entries as Contact "
                                 "objects.")
        moved = context.moved
        chosen = next((m for m in moved if m.conversions[0].use.family == "lightning"), None) or \
            (moved[0] if moved else None)
        if chosen is None:
            out.parts["dial"] = (
                "        // TODO(ctimod): the legacy adapter registered no click-to-dial listener; start an outbound "
                "call\n        // with your vendor SDK here, then resolve with ctimodOutboundCall(contact).\n"
                "        void contact;\n        throw new Error('dial() is not implemented yet');")
            return out
        body_node = chosen.node.child_by_field_name("body")
        body = context.render(chosen, body_node)
        if body_node.type != "statement_block":
            body = "{\n    return " + body + ";\n}"
        lines = ["        // ctimod: the legacy listener, run with Salesforce's Contact (number -> contact.phoneNumber)."]
        if chosen.slot_plan.prelude:
            lines += ["        " + line for line in chosen.slot_plan.prelude.split("\n")]
        lines.append("        const ctimodListener = async () => " + reindent(body, "        ") + ";")
        if body_node.type == "statement_block" and context.head is not None:
            context.head(chosen, body_node, "const ctimodListener = async () => ")
        if context.missing:
            lines += ["        const ctimodStandIns = ctimodMissing.errors.length;",
                      "        const outcome = await ctimodListener();",
                      "        // A stand-in reached by the listener, or by a callback it scheduled, fails the dial.",
                      "        await new Promise((ctimodSettle) => setTimeout(ctimodSettle, 0));",
                      "        if (ctimodMissing.errors.length > ctimodStandIns) {",
                      "            throw ctimodMissing.errors[ctimodStandIns];",
                      "        }"]
        else:
            lines.append("        const outcome = await ctimodListener();")
        deferred = _callback_guard(chosen.file, chosen.node)
        if deferred is not None:
            vendor = _one_line(chosen.file.text(deferred[0].child_by_field_name("function")))
            wait = [f"        // The legacy listener decides in the callback it passed to {js_comment(vendor)}(), which may run after",
                    "        // the listener returned: wait for that decision (up to CTIMOD_INIT_TIMEOUT_MS).",
                    "        let ctimodDialWait;",
                    "        const ctimodDialled = await Promise.race([ctimodDialDecision, new Promise((ctimodTimeUp) => {",
                    "            ctimodDialWait = setTimeout(ctimodTimeUp, CTIMOD_INIT_TIMEOUT_MS);",
                    "        })]);",
                    "        clearTimeout(ctimodDialWait);"]
            at = lines.index("        const outcome = await ctimodListener();") + 1
            lines[at:at] = wait
        adds = _adds_party(chosen.file, chosen.node)
        if adds:
            lines += ["        if (ctimodDialRefused) {",
                      "            throw ctimodDialRefused;",
                      "        }"]
        lines += ["        if (outcome === CTIMOD_NOT_DIALLED) {",
                  "            throw ctimodNotDialled('The legacy click-to-dial logic did not dial this number');",
                  "        }"]
        if deferred is not None:
            lines += ["        if (ctimodDialled === undefined) {",
                      f"            throw new Error({js_string('ctimod TODO: ' + _unknown_dial(vendor))});",
                      "        }",
                      "        if (!ctimodDialled) {",
                      "            throw ctimodNotDialled('The legacy click-to-dial logic did not dial this number');",
                      "        }"]
        if chosen.slot_plan.no_call:
            lines += [f"        // TODO(ctimod): {js_comment(chosen.slot_plan.no_call)}",
                      f"        throw new Error({js_string('ctimod TODO: ' + chosen.slot_plan.no_call)});"]
        else:
            lines += ["        return ctimodOutboundCall(contact);"]
        for other in context.conversions:
            if other.handler_slot == "dial" and other.home != CONNECTOR and not other.superseded and \
                    other.safety != Disposition.DROP:  # (a Classic twin of the Lightning listener is dropped)
                lines.insert(0, f"        // TODO(ctimod): another click-to-dial listener ({js_comment(other.use.file)}:"
                                f"{other.use.line}) was not moved; merge its logic here if it differs.")
        dial = "\n".join(lines)
        if context.parse_error("async function probe(contact) {\n" + dial + "\n}\n") is not None:
            reason = (f"the legacy click-to-dial listener ({chosen.legacy}) has syntax errors, so ctimod could not "
                      "move it into dial(); fix the legacy code and convert again, or port it by hand")
            out.failures += [(conversion, reason) for conversion in chosen.conversions]
            # (the calls inside the listener moved with it: dial() holds none of them either)
            out.failures += [(conversion, reason) for conversion in (context.within(chosen) if context.within else ())]
            if context.head is not None:
                context.head(chosen, chosen.node, None)  # (dial() holds none of it: side-by-sides say so)
            dial = (f"        // TODO(ctimod): {js_comment(reason)}.\n"
                    "        void contact;\n        throw new Error('dial() could not be migrated');")
        out.parts["dial"] = dial
        out.parts["dial.origin"] = chosen.legacy
        used = context.uses_missing(dial)
        missing = [n for n in used if n not in context.provided]
        loaded = [n for n in used if n in context.provided]
        said = []
        if missing:
            # what to do depends on what each name was: a parameter of the legacy code around the listener (an
            # Aura `cmp`, an AMD factory's module) is passed in, not loaded
            params = [n for n in missing if n in context.continuations]
            members = [n for n in missing if n.startswith("this.") and n not in params]
            others = [n for n in missing if n not in params and n not in members]
            advice = [*(["load the vendor SDK in connector/index.html or import it" +
                         (f" ({', '.join(others)})" if len(others) < len(missing) else "")] if others else []),
                      *([f"give the connector those members ({', '.join(members)})" if len(members) < len(missing)
                         else "give the connector those members or pass the values in"] if members else []),
                      *([f"pass in what {'they' if len(params) > 1 else 'it'} held"
                         f"{' (' + ', '.join(params) + ')' if len(params) < len(missing) else ''}: "
                         f"{'parameters' if len(params) > 1 else 'a parameter'} of the legacy code around the "
                         "listener (see the TODO at each use: what gives it its value)"] if params else [])]
            said.append(f"dial() runs the legacy listener, which uses {', '.join(missing)}: names the "
                        f"connector does not have (each throws until you provide it); {'; '.join(advice)}.")
        if loaded:  # the page loads what defines them: nothing to load, only to check
            said.append(f"dial() uses {', '.join(loaded)} from the vendor script(s) connector/index.html loads as the "
                        f"legacy page did ({', '.join(context.page_scripts)}); its stand-in throws only if they did "
                        "not define it.")
        branch = _dialling_branch(chosen.file, deferred[2]) if deferred is not None else None
        if deferred is not None and branch is not None:
            said.append(f"dial() places the call in the callback the legacy listener passed to {vendor}(), whose "
                        f"`if ({_test_text(chosen.file, deferred[2])})` decides: dial() waits for that callback and "
                        f"resolves CALL_STARTED once the test {'passed' if branch == 'consequence' else 'failed'} "
                        "(the branch that dials) and the callback ended without an error; it fails (CALL_FAILED) "
                        "when the callback took the other branch, which adds the number to the call in progress "
                        "(not converted, below), or the callback fails (an error its catch caught, before the `if` or "
                        "from the vendor call inside it, or one that left the callback). When the callback has not "
                        f"run within CTIMOD_INIT_TIMEOUT_MS (10 s) dial() fails with this TODO: {_unknown_dial(vendor)}.")
        elif deferred is not None:
            said.append(f"dial() places the call in the callback the legacy listener passed to {vendor}(), whose "
                        f"`if ({_test_text(chosen.file, deferred[2])})` decides: "
                        "it resolves CALL_STARTED once that test passed and the callback ended without an error, and "
                        "fails (CALL_FAILED) when the test fails or the callback fails (an error its catch caught, "
                        "before the `if` or from the vendor call inside it, or one that left the callback). When the "
                        "callback has not run within CTIMOD_INIT_TIMEOUT_MS "
                        f"(10 s) dial() fails with this TODO: {_unknown_dial(vendor)}.")
        if adds:
            said.append("Not converted: " + " ".join(
                f"{chosen.file.where(call)}: {_add_party_reason(chosen.file, call)}."
                for _statement, call in adds) + " dial() fails with this reason when the legacy logic reaches it, "
                "instead of reporting an outbound call nobody placed.")
        if said:
            out.cautions += [(c, " ".join(said)) for c in chosen.conversions]
        return out


_NO_CALL = ("the legacy click-to-dial listener ({where}) places no call: it calls no vendor, server or function "
            "that could place one (it only keeps or logs the number{helpers}), so the legacy softphone placed the call elsewhere (its own "
            "call button, say). Salesforce takes dial()'s success as the call being placed: start the outbound call "
            "with your vendor here and resolve with ctimodOutboundCall(contact); until then dial() fails instead of "
            "reporting a call nobody placed.")
# Calls a listener may make without placing a call: element look-ups (what it does with the element is judged
# on its own: `.click()` is not one of these).
_LOOKUPS = {"getElementById", "querySelector", "querySelectorAll", "getElementsByClassName", "getElementsByTagName"}


def _places_no_call(file, fn, followed: list | None = None, depth: int = 3) -> bool:
    """Does the listener, callbacks included, make no call that could place one: only assignments (not of a
    location, an ``href`` or a ``src``: a ``tel:`` link dials), logging, Open CTI calls (which do not dial),
    read-only built-ins and methods (vendors._js.PURE_CALLS / PURE_METHODS), element look-ups, and calls of
    legacy functions of the same file that do only these (up to ``depth`` calls deep; their names are added to
    ``followed``)?"""
    from ctimod.vendors._js import PURE_CALLS, PURE_METHODS, callee, method

    followed = [] if followed is None else followed
    stack = [fn]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type == "call_expression":
            name = callee(file, node)
            function = node.child_by_field_name("function")
            if function is not None and function.type == "identifier" and depth > 0:
                helper_fn = _own_function(file, function)
                if helper_fn is not None and (helper_fn in followed or
                                              _places_no_call(file, helper_fn, followed, depth - 1)):
                    if helper_fn not in followed:
                        followed.append(helper_fn)
                    continue
            logs = function is not None and function.type == "member_expression" and \
                file.text(function.child_by_field_name("property")) in LOG_METHODS and \
                re.sub(r"\s+", "", file.text(function.child_by_field_name("object"))).rsplit(".", 1)[-1].lower() \
                in LOGGERS
            if not (logs or name.startswith("sforce.") or name in PURE_CALLS or
                    method(file, node) in PURE_METHODS | _LOOKUPS):
                return False
        elif node.type == "new_expression":
            constructor = node.child_by_field_name("constructor")
            if constructor is None or file.text(constructor) not in ("Date", "Map", "Set", "RegExp"):
                return False
        elif node.type in ("assignment_expression", "augmented_assignment_expression"):
            left = node.child_by_field_name("left")
            target = left.child_by_field_name("property") if left is not None and left.type == "member_expression" \
                else left
            if target is None or file.text(target) in ("location", "href", "src"):
                return False
    return True


def _own_function(file, identifier):
    """The function a called name denotes in the legacy file: a function declaration, or a variable given a
    function expression where it is declared (and never given anything else), or None."""
    declaration = find_declaration(file.data, file.text(identifier), identifier)
    if declaration is None:
        return None
    if declaration.kind == "function":
        return declaration.node
    if declaration.kind in ("var", "let", "const"):
        value = declaration.declarator.child_by_field_name("value")
        name = file.text(identifier)
        assigned = [m.start() for m in re.finditer(
            rb"(?<![\w$.])" + re.escape(name.encode()) + rb"\s*(?:[-+*/%&|^]|&&|\|\||\?\?)?=(?![=>])", file.data)]
        if value is not None and value.type in ("function_expression", "arrow_function", "function") and \
                (declaration.kind == "const" or assigned == [declaration.declarator.start_byte]):
            return value
    return None


def _same_function(fn):
    """Nodes of a function's own body (not inside nested functions or classes)."""
    stack = list(fn.children)
    while stack:
        node = stack.pop()
        yield node
        if node.type in FUNCTION_TYPES or node.type == "class_body":
            continue
        stack.extend(node.children)


def _references(file, fn, name: str, declarator) -> list:
    out = []
    pattern = re.compile(rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])")
    for match in pattern.finditer(file.data, fn.start_byte, fn.end_byte):
        node = file.node(match.start(), match.end())
        if node is None or node.type != "identifier":
            continue
        declaration = find_declaration(file.data, name, node)
        if declaration is not None and declaration.declarator == declarator and node != declarator and \
                parent_of(node) is not None and parent_of(node).type not in ("formal_parameters", "required_parameter") and \
                parent_of(node).child_by_field_name("name") != node:
            out.append(node)
    return out


def _rename_payload(edits: list, file, fn, param: str, classic: bool = False) -> str | None:
    """Payload field reads become Contact field reads; returns a prelude when the payload is used whole."""
    declaration = find_declaration(file.data, param, fn.child_by_field_name("body") or fn)
    if declaration is None:
        return None
    pending = [(param, declaration.declarator)]
    bare = False
    missing: dict[str, str] = {}  # payload field without a Contact field -> the const that stands for it
    done = set()
    while pending:
        name, declarator = pending.pop()
        if (name, declarator.start_byte) in done:
            continue
        done.add((name, declarator.start_byte))
        for ref in _references(file, fn, name, declarator):
            parent = parent_of(ref)
            if parent is not None and parent.type == "member_expression" and \
                    parent.child_by_field_name("object") == ref:
                prop = file.text(parent.child_by_field_name("property"))
                call = parent_of(parent_of(parent)) if parent_of(parent) is not None else None
                if prop == "result" and call is not None and call.type == "call_expression" and \
                        file.text(call.child_by_field_name("function")) == "JSON.parse":
                    holder = parent_of(call)
                    if holder is not None and holder.type == "member_expression" and \
                            holder.child_by_field_name("object") == call and \
                            file.text(holder.child_by_field_name("property")) in PAYLOAD_FIELDS:
                        # `JSON.parse(response.result).number`: a field read straight off the parsed payload
                        field_name = PAYLOAD_FIELDS[file.text(holder.child_by_field_name("property"))]
                        edits.append(Edit(holder.start_byte, holder.end_byte, f"contact.{field_name}",
                                          homes=(CONNECTOR,), why="payload-field", slot=True))
                        continue
                    edits.append(Edit(call.start_byte, call.end_byte, "contact", homes=(CONNECTOR,),
                                      why="classic-payload", slot=True))
                    if holder is not None and holder.type == "variable_declarator":
                        target = holder.child_by_field_name("name")
                        if target is not None and target.type == "identifier":
                            pending.append((file.text(target), holder))
                    continue
                if prop in PAYLOAD_FIELDS:
                    edits.append(Edit(parent.start_byte, parent.end_byte, f"contact.{PAYLOAD_FIELDS[prop]}",
                                      homes=(CONNECTOR,), why="payload-field", slot=True))
                else:
                    # A named const (declared by the prelude, undefined like the field), not a literal
                    # `undefined`: `if (payload.error)` must not become a constant condition.
                    local = _missing_field(prop)
                    missing.setdefault(prop, local)
                    edits.append(Edit(parent.start_byte, parent.end_byte,
                                      f"{local} /* TODO(ctimod): click-to-dial payload.{js_comment(prop)} has no "
                                      "Contact field */", homes=(CONNECTOR,), why="payload-field", slot=True))
            elif name == param:
                bare = True
    lines = [f"// TODO(ctimod): click-to-dial payload.{js_comment(prop)} has no Contact field: undefined here, as "
             f"Salesforce sends no such value; set {local} from your own data if the logic needs it.\n"
             f"const {local} = undefined;" for prop, local in sorted(missing.items())]
    if bare and classic:
        # The Classic listener got Open CTI's response: its result is the payload as a JSON string.
        lines.append("// TODO(ctimod): the Classic click-to-dial payload's `object` (the record's object type, "
                     "such as Contact) has no Contact field: it is missing here; add it from your own data if the "
                     "logic needs it.")
        lines.append(f"const {param} = {{ result: JSON.stringify({{ number: contact.phoneNumber, "
                     "objectId: contact.recordId, objectName: contact.name, displayName: contact.name }) };")
    elif bare:
        lines.append(f"const {param} = {{ number: contact.phoneNumber, recordId: contact.recordId, "
                     "recordName: contact.name };")
    return "\n".join(lines) or None


def _sole_guard(fn):
    """The listener's `if` without `else` when it is all the listener does (after declarations only)."""
    body = fn.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return None
    statements = [c for c in body.named_children if c.type != "comment"]
    if not statements or statements[-1].type != "if_statement" or \
            statements[-1].child_by_field_name("alternative") is not None:
        return None
    if any(s.type not in ("variable_declaration", "lexical_declaration") for s in statements[:-1]):
        return None
    return statements[-1]


def _missing_field(prop: str) -> str:
    """The connector's name for a payload field Salesforce's Contact does not carry."""
    words = re.sub(r"[^A-Za-z0-9]+", " ", prop).split()
    return "ctimodPayload" + "".join(w[:1].upper() + w[1:] for w in words) if words else "ctimodPayloadField"


def _logs_only(file, statement) -> bool:
    """A statement that only logs: ``console.log(...)``, ``connect.getLog().info(...)``, ``logger.warn(...)``."""
    call = statement.named_children[0] if statement.type == "expression_statement" and statement.named_children \
        else None
    function = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    if function is None or function.type != "member_expression" or \
            file.text(function.child_by_field_name("property")) not in LOG_METHODS:
        return False
    holder = re.sub(r"\s+", "", file.text(function.child_by_field_name("object")))
    return holder.rsplit(".", 1)[-1].lower() in LOGGERS


def _decides_last(file, statements, kind: str):
    """The last statement when it is a ``kind`` and every one before it declares or logs only."""
    if not statements or statements[-1].type != kind:
        return None
    if any(s.type not in ("variable_declaration", "lexical_declaration") and not _logs_only(file, s)
           for s in statements[:-1]):
        return None
    return statements[-1]


def _callback_guard(file, fn):
    """Amazon Connect's dial: the listener (after declarations and logging) makes one call (awaited or not) whose
    last argument is a callback, and that callback (inside a ``try``, or not) ends with an ``if`` without ``else`` after
    declarations and logging only: ``connect.agent(function (agent) { try { ...; if (ok) {...} } catch (e)
    {...} })``. Returns (the call, the callback, the if, the catch clause or None)."""
    body = fn.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return None
    last = _decides_last(file, [c for c in body.named_children if c.type != "comment"], "expression_statement")
    call = last.named_children[0] if last is not None and last.named_children else None
    if call is not None and call.type == "await_expression" and call.named_children:
        call = call.named_children[0]  # `await connect.agent(function (agent) {...})`
    if call is None or call.type != "call_expression" or file.text(call.child_by_field_name("function")) \
            .startswith("sforce."):
        return None
    arguments = call.child_by_field_name("arguments")
    values = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    callback = values[-1] if values else None
    inner = callback.child_by_field_name("body") if callback is not None and callback.type in (
        "function_expression", "function", "arrow_function") else None
    if inner is None or inner.type != "statement_block":
        return None
    statements = [c for c in inner.named_children if c.type != "comment"]
    handler = None
    if len(statements) == 1 and statements[0].type == "try_statement" and \
            statements[0].child_by_field_name("finalizer") is None:
        handler = statements[0].child_by_field_name("handler")
        block = statements[0].child_by_field_name("body")
        if handler is None or handler.child_by_field_name("body") is None:
            return None
        statements = [c for c in block.named_children if c.type != "comment"]
    guard = _decides_last(file, statements, "if_statement")
    if guard is None:
        # an `if` whose `else` adds a party may be followed by Open CTI calls and logging (`if (none) {
        # agent.connect(...); } else { contact.addConnection(...); } sforce.opencti.setSoftphonePanelVisibility(...)`)
        guard = _decides_last(file, _before_open_cti(file, statements), "if_statement")
        if guard is not None and guard.child_by_field_name("alternative") is None:
            return None
    if guard is None or (guard.child_by_field_name("alternative") is not None and _dialling_branch(file, guard) is None):
        return None
    return call, callback, guard, handler


def _before_open_cti(file, statements) -> list:
    """``statements`` without the Open CTI calls and logging at their end."""
    out = list(statements)
    while out and (_logs_only(file, out[-1]) or (out[-1].type == "expression_statement" and out[-1].named_children
                                                 and out[-1].named_children[0].type == "call_expression" and
                                                 file.text(out[-1].named_children[0].child_by_field_name("function"))
                                                 .startswith("sforce."))):
        out.pop()
    return out


def _dialling_branch(file, guard) -> str | None:
    """For an ``if`` with an ``else`` whose one branch adds the number to the call in progress (not converted:
    dial() fails there) and whose other branch acts: 'consequence' or 'alternative', the branch that dials.
    None when both or neither add a party, or when the branch that dials is an ``else if`` (one of its paths
    may do nothing)."""
    alternative = guard.child_by_field_name("alternative")
    if alternative is None:
        return None
    consequence = guard.child_by_field_name("consequence")
    other = next((c for c in alternative.named_children if c.type != "comment"), None)
    adds = (bool(_adds_party(file, consequence)), bool(other is not None and _adds_party(file, other)))
    if adds == (False, True):
        return "consequence"
    if adds == (True, False) and other is not None and other.type != "if_statement":
        return "alternative"
    return None


def _adds_party(file, fn) -> list:
    """(statement, call) for each call in the listener (its callbacks too) to a vendor method that adds a party to
    the call in progress (ADD_PARTY_METHODS), where the call, or the call awaited, is a statement of its own."""
    out = []
    stack = [fn]
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.children))
        if node.type != "call_expression":
            continue
        function = node.child_by_field_name("function")
        if function is None or function.type != "member_expression" or \
                file.text(function.child_by_field_name("property")) not in ADD_PARTY_METHODS:
            continue
        statement = parent_of(node)
        if statement is not None and statement.type == "await_expression":
            statement = parent_of(statement)  # `await session.addParticipant(...)`
        if statement is not None and statement.type == "expression_statement":
            out.append((statement, node))
    return out


def _add_party_reason(file, call) -> str:
    """Why a listener's add-party call is not converted, and where it belongs in Voice."""
    return (f"here the legacy click-to-dial logic did not place a new call: it added the number to the call in "
            f"progress ({_one_line(file.text(call))}), which dial() cannot report as an outbound call; Voice adds a "
            "party through the connector's addParticipant(contact, call, isBlindTransfer), and a consult call "
            "reaches dial() with dialOptions.isConsultCall: port this branch there")


def _one_line(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 80 else value[:77] + "..."


def _test_text(file, guard) -> str:
    """An ``if``'s test on one line, without its parentheses."""
    condition = guard.child_by_field_name("condition")
    if condition.type == "parenthesized_expression" and condition.named_children:
        condition = condition.named_children[0]
    return _one_line(file.text(condition))


def _unknown_dial(vendor: str) -> str:
    """Why dial() fails when the vendor has not run the callback that decides whether to dial."""
    return (f"dial() cannot tell whether the call was placed: the legacy click-to-dial logic decides in the callback "
            f"it passed to {vendor}(), which had not run when dial() stopped waiting (it may still run and dial)")
