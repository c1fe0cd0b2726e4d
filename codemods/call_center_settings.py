"""Call center settings: getCallCenterSettings (Lightning) and cti.getCallCenterSettings (Classic)."""

from __future__ import annotations

from ctimod.codemod import (CallSite, Codemod, ConnectorContext, ConnectorParts, Conversion, ConvertContext,
                            RenderContext, Removed, register)
from ctimod.escape import js_comment, js_string
from ctimod.legacy import (enclosing_function, find_declaration, function_name, is_async, nodes_of_kinds, parent_of,
                           reindent)

from ._shared import respond

READINESS = "initialization"  # the codemod whose calls (notifyInitializationComplete) init() waits for


@register
class CallCenterSettings(Codemod):
    """The settings callback moves into the connector's ``init(config)``.

    What it converts
        ``sforce.opencti.getCallCenterSettings({callback})`` and Classic
        ``sforce.interaction.cti.getCallCenterSettings(callback)``.

    Becomes
        The callback (inline, or a named function followed to its declaration) moves into
        ``init(connectorConfig)`` of the generated connector and runs there with
        ``{success: true, returnValue: connectorConfig}`` (Classic: ``{result: JSON.stringify(...)}``),
        so its parsing code is unchanged: the contact center settings reach ``init`` with the same
        flattened keys ('/reqGeneralInfo/reqInternalName', '/<section>/<item>'). When the moved code
        signals readiness (notifyInitializationComplete), ``init()`` resolves then, or after a timeout.
        Where the call is carried into the connector by other moved code it answers from the same
        config. In the LWC it is removed (the settings belong to the connector).

    Safety
        auto. Items that only Open CTI had (reqAdapterUrl, reqUseApi, softphone sizes) are no longer in
        the config: the contact center conversion lists them. review when the callback settles a jQuery
        Deferred or a native Promise (its executor's resolve/reject) that legacy code outside it continues
        from (a caller's .done/.then, the rest of an async function awaiting it): init() runs the callback
        alone, so that continuation does not run, and init() carries a TODO naming it.

    References
        Open CTI getCallCenterSettings; scv-connector-base init(config); contact center definition.
    """

    id = "call-center-settings"
    members = ("sforce.opencti.getCallCenterSettings", "sforce.interaction.cti.getCallCenterSettings")

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        callback = site.handler("callback")
        conversion = self.conversion(site, "callback moved into the connector's init(config)", handler_slot="init")
        conversion.lwc = Removed("call center settings now reach the connector's init(config); this callback "
                                 "moved there")
        if callback is None:
            conversion.connector = Removed("settings arrive in init(config)")
            return conversion

        def connector(r: RenderContext) -> str:
            value = "(config) => JSON.stringify(config)" if site.classic else None
            return respond(r, "Promise.resolve(ctimodConnectorConfig)", callback, classic=site.classic, value=value)

        conversion.connector = connector
        return conversion

    def connector_parts(self, context: ConnectorContext) -> ConnectorParts:
        """The body of init(connectorConfig)."""
        out = ConnectorParts()
        lines = ["        ctimodConnectorConfig = connectorConfig || {};"]
        # init() fails when the settings code reaches a stand-in for a vendor SDK or legacy state (the
        # connector cannot work without it); a parameter of the code around it (`done`, `resolve`: how
        # the legacy page continued its boot, which the connector wires on its own) is reported only.
        preambles = [_preamble_lines(context, moved, index) for index, moved in enumerate(context.moved, 1)]
        strict = [name for moved in context.moved for name in context.uses_missing(context.render(moved, moved.node))
                  if name not in context.continuations]
        strict += [name for lines in preambles for name in context.uses_missing("\n".join(lines))
                   if name not in context.continuations]
        if strict:
            lines.append("        const ctimodStandIns = ctimodMissing.errors.length;")
        if not context.moved:
            lines += ["        // TODO(ctimod): the legacy adapter did not read call center settings; read your vendor's",
                      "        // settings from connectorConfig ('/<section>/<item>' keys) here.",
                      "        return new InitResult({});"]
            out.parts["init"] = "\n".join(lines)
            return out
        if context.landed(READINESS):
            lines += ["        // ctimod: the legacy code signalled readiness with notifyInitializationComplete();",
                      "        // init() resolves then (ctimodInitialized), or after CTIMOD_INIT_TIMEOUT_MS.",
                      "        const ready = new Promise((resolve) => {",
                      "            ctimodReadyResolve = resolve;",
                      "            setTimeout(() => ctimodInitialized(), CTIMOD_INIT_TIMEOUT_MS);",
                      "        });"]
        settle_names = []  # a Promise executor's resolve/reject the settings callback calls: reported as unrun
        for index, moved in enumerate(context.moved, 1):
            classic = moved.conversions[0].use.family == "classic"
            node = moved.node
            if node.type == "method_definition":
                params = context.render(moved, node.child_by_field_name("parameters"))
                fn = "function " + params + " " + context.render(moved, node.child_by_field_name("body"))
                shown = (node.child_by_field_name("body"), f"const settingsCallback{index} = function {params} ")
            else:
                fn = context.render(moved, node)
                shown = (node, f"const settingsCallback{index} = ")
            if context.head is not None:  # (what the side-by-side shows before the code it holds)
                context.head(moved, *shown)
            shim = ("{ result: JSON.stringify(ctimodConnectorConfig) }" if classic
                    else "{ success: true, returnValue: ctimodConnectorConfig, errors: null }")
            lines.append(f"        // ctimod: the getCallCenterSettings callback, moved from {js_comment(moved.legacy)}. "
                         "The contact")
            lines.append("        // center settings arrive with the same flat keys ('/reqGeneralInfo/reqInternalName', ...).")
            lines.append(f"        const settingsCallback{index} = " + reindent(fn, "        ") + ";")
            lines += preambles[index - 1]
            unrun, covered = _unrun_continuation(context, moved) or (None, [])
            settle_names += covered
            if unrun:
                wrapped = _wrap("TODO(ctimod): " + js_comment(unrun))
                lines += ["        // " + wrapped[0]] + ["        //   " + line for line in wrapped[1:]]
                out.cautions += [(c, unrun) for c in moved.conversions]
            lines.append("        try {")
            lines.append(f"            settingsCallback{index}.call(this, {shim});")
            lines.append("        } catch (error) {")
            lines.append("            // Open CTI swallowed errors thrown by callbacks, and the legacy softphone stopped there: the")
            lines.append("            // connector must not report a log-in whose start-up failed (Salesforce shows CAN_NOT_LOG_IN).")
            lines.append("            console.error(" + js_string(f"ctimod: the legacy getCallCenterSettings callback ({moved.legacy}) "
                                                           "failed in the connector") + ", error);")
            lines.append("            throw error;")
            lines.append("        }")
        if strict:
            lines += ["        // A stand-in reached by the settings code, or by a callback it scheduled, fails init():",
                      "        // the legacy page had the real thing.",
                      "        await new Promise((ctimodSettle) => setTimeout(ctimodSettle, 0));",
                      "        if (ctimodMissing.errors.length > ctimodStandIns) {",
                      "            throw ctimodMissing.errors[ctimodStandIns];",
                      "        }"]
        lines.append("        return " + ("ready;" if context.landed(READINESS) else "new InitResult({});"))
        body = "\n".join(lines)
        if context.parse_error("async function probe(connectorConfig) {\n" + body + "\n}\n") is not None:
            reason = (f"the legacy getCallCenterSettings callback ({context.moved[0].legacy}) has syntax errors, so "
                      "ctimod could not move it into init(); fix the legacy code and convert again, or port it by hand")
            out.failures += [(c, reason) for moved in context.moved for c in moved.conversions]
            out.failures += [(c, reason) for moved in context.moved for c in (context.within(moved) if context.within
                                                                              else ())]
            for moved in context.moved if context.head is not None else ():
                context.head(moved, moved.node, None)  # (init() holds none of it: side-by-sides say so)
            body = ("        ctimodConnectorConfig = connectorConfig || {};\n"
                    f"        // TODO(ctimod): {js_comment(reason)}.\n        return new InitResult({{}});")
        out.parts["init"] = body
        missing = [name for name in context.uses_missing(body) if name not in settle_names]
        if missing:
            # A continuation (a parameter of the code around the callback) is not checked after init()'s body,
            # but a call of its stand-in while the callback runs throws through init() all the same.
            effect = ("init() fails when the settings code reached one" if strict else
                      "init() fails where the settings callback calls one as it runs, and a later call throws "
                      "outside init(); they continued the legacy page's start-up, which the connector does on its "
                      "own: port what they did that the connector needs")
            runs = ("the legacy settings callback and the start-up statements before it, which use"
                    if any(preambles) else "the legacy settings callback, which uses")
            out.cautions += [(c, f"init() runs {runs} {', '.join(missing)}: names "
                                 f"the connector does not have (each throws until you provide it; {effect}).")
                             for moved in context.moved for c in moved.conversions]
        # One caution per row: the report keeps the first a row gets, so the unrun continuation and the
        # names init() lacks are said together.
        merged: dict[int, tuple] = {}
        for conversion, why in out.cautions:
            merged.setdefault(id(conversion), (conversion, []))[1].append(why)
        out.cautions = [(conversion, " ".join(whys)) for conversion, whys in merged.values()]
        return out


# ---------------------------------------------------------------------------------------- start-up code
def _preamble_lines(context: ConnectorContext, moved, index: int) -> list[str]:
    """init()'s copy of the legacy start-up code that ran before the settings call, in a function so that
    its early ``return`` (the legacy start-up giving up) fails init() instead of returning from it; each
    statement in its own try, so one that needs the legacy page (a button this page lacks) does not keep
    the next (a vendor event registration) from running."""
    preamble = moved.preamble
    if preamble is None or context.render_range is None:
        return []
    where = preamble.where
    skipped = ["        // ctimod: not run here: the legacy start-up's wiring of its page's own controls (click and",
               "        // submit handlers), which Salesforce's softphone replaces in Voice:"] if preamble.skipped else []
    skipped += [f"        //   `{js_comment(code)}` ({js_comment(line)})" for code, line in preamble.skipped]
    if not preamble.statements:
        return skipped
    flag = f"ctimodStartedUp{index}"
    lines = skipped + [f"        // ctimod: the legacy start-up ({js_comment(where)}) ran these statements before it read the call",
             "        // center settings (the callback may rely on what they set up). Where it gave up (return), init()",
             "        // fails as the legacy softphone stopped; a statement that throws here (it needed an element of",
             "        // the legacy page that this page lacks) is logged and the next one runs. TODO(ctimod): keep only",
             "        // what the connector needs (the legacy softphone's own buttons are Salesforce's in Voice).",
             f"        let {flag} = false;",
             "        (function () {"]
    for start, end, line in preamble.statements:
        code = context.render_range(preamble.file, start, end)
        lines += ["            try {",
                  "                " + reindent(code.strip(), "                "),
                  "            } catch (error) {",
                  "                console.error(" + js_string(f"ctimod: the legacy start-up code ({line}) failed in the "
                                                             "connector") + ", error);",
                  "            }"]
    lines += [f"            {flag} = true;",
              "        }).call(undefined);",
              f"        if (!{flag}) {{",
              "            throw new Error(" + js_string(f"ctimod: the legacy start-up ({where}) stopped before it read the "
                                                      "call center settings (see the console)") + ");",
              "        }"]
    return lines


# ---------------------------------------------------------------------------------------- continuations
SETTLE = ("resolve", "reject", "resolveWith", "rejectWith")
PROMISE_CHAINS = ("then", "catch", "finally")


def _wrap(text: str, width: int = 96) -> list[str]:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + ([line] if line else [])


def _within(inner, outer) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _callers(context: ConnectorContext, file, owner: str | None) -> list[str] | None:
    """``owner() at file:line`` for each call of the function named ``owner`` in its file (``owner(...)`` or
    ``obj.owner(...)``); None when one of them runs in the connector (what it chains may run there too)."""
    callers, api_calls = [], None
    for offset in file.occurrences(owner) if owner else ():
        node = file.node(offset, offset + len(owner.encode("utf-8")))
        holder = parent_of(node) if node is not None else None
        if holder is not None and holder.type == "member_expression" and \
                holder.child_by_field_name("property") == node:
            if api_calls is None:
                api_calls = {use.start_byte for use in file.uses}
            if holder.start_byte in api_calls:
                continue  # the Open CTI call of that name (this.api.getCallCenterSettings), not the wrapper
            node, holder = holder, parent_of(holder)
        if holder is None or holder.type != "call_expression" or holder.child_by_field_name("function") != node:
            continue
        if context.lands(file, holder):
            return None
        callers.append(f"{owner}() at {file.where(holder)}")
    return callers


def _unwrapped_parent(node):
    """(the node as its holder sees it, the holder), through parentheses."""
    holder = parent_of(node)
    while holder is not None and holder.type == "parenthesized_expression":
        node, holder = holder, parent_of(holder)
    return node, holder


def _promise_of(file, executor):
    """The ``new Promise(executor)`` expression whose executor is ``executor``, else None."""
    arguments = parent_of(executor)
    if arguments is None or arguments.type != "arguments" or not arguments.named_children or \
            arguments.named_children[0] != executor:
        return None
    made = parent_of(arguments)
    constructor = made.child_by_field_name("constructor") if made is not None and made.type == "new_expression" \
        else None
    return made if constructor is not None and file.text(constructor) == "Promise" else None


def _promise_flow(file, promise):
    """Where the legacy code took a ``new Promise(...)``: (the function around it, whether that function
    returns it, the awaits of it in that function, the ``.then``/``.catch``/``.finally`` calls on it)."""
    fn = enclosing_function(promise)
    returned, awaits, chains = False, [], []

    def took(node, holder):
        nonlocal returned
        if holder is None:
            return
        if holder.type == "await_expression":
            _, up = _unwrapped_parent(holder)
            if enclosing_function(holder) == fn and fn is not None:
                if up is not None and up.type == "return_statement":
                    returned = True
                else:
                    awaits.append(holder)
        elif holder.type == "return_statement" and enclosing_function(holder) == fn and fn is not None:
            returned = True
        elif holder.type == "arrow_function" and holder == fn and holder.child_by_field_name("body") == node:
            returned = True
        elif holder.type == "member_expression" and holder.child_by_field_name("object") == node:
            prop = holder.child_by_field_name("property")
            call = parent_of(holder)
            if prop is not None and file.text(prop) in PROMISE_CHAINS and call is not None and \
                    call.type == "call_expression" and call.child_by_field_name("function") == holder:
                chains.append(call)

    node, holder = _unwrapped_parent(promise)
    if holder is not None and holder.type == "variable_declarator" and holder.child_by_field_name("value") == node:
        target = holder.child_by_field_name("name")
        if target is not None and target.type == "identifier":
            name = file.text(target)
            for offset in file.occurrences(name):
                ref = file.node(offset, offset + len(name.encode("utf-8")))
                if ref is None or ref.type != "identifier" or ref == target:
                    continue
                declared = find_declaration(file.source, name, ref)
                if declared is not None and declared.declarator == holder:
                    took(*_unwrapped_parent(ref))
    else:
        took(node, holder)
    return fn, returned, awaits, chains


def _unrun_continuation(context: ConnectorContext, moved) -> tuple[str, list[str]] | None:
    """What the report says when the settings callback settles a promise that legacy code outside it
    continues from, where init() runs the callback alone (and the names that say so: the settle functions
    that are parameters of a Promise executor, which the generic 'continuation' caution must not claim).

    A jQuery deferred that the function around the call created (``var dfd = $.Deferred();
    getCallCenterSettings({callback: r => dfd.resolve(...)}); return dfd.promise();``): what the callers
    chained on the promise (``sfGetSettings().done(apply the settings)``) never runs. A native Promise whose
    executor holds the call (``return new Promise((resolve, reject) => getCallCenterSettings({callback: r =>
    resolve(...)}))``, its ``const p = new Promise(...); return p;`` and ``await new Promise(...)`` forms, and
    ``.then`` chained on it directly): what its callers, the rest of the async function awaiting it, or the
    ``.then`` do with the settings never runs. Nothing is said when a caller (or the awaiting or chaining
    code) itself runs in the connector."""
    file, callback = moved.file, moved.node
    site = moved.conversions[0].site if moved.conversions else None
    if site is None or context.lands is None:
        return None
    wrapper = enclosing_function(site.node)
    deferred = wrapper is not None and not _within(wrapper, callback)
    settled, executors = [], {}
    for call in nodes_of_kinds(callback, file.language_at(callback.start_byte), ("call_expression",)):
        callee = call.child_by_field_name("function")
        if callee is not None and callee.type == "identifier":
            name = file.text(callee)
            declared = find_declaration(file.source, name, call)
            executor = declared.node if declared is not None and declared.kind == "param" else None
            if executor is not None and _within(callback, executor) and not _within(executor, callback) and \
                    _promise_of(file, executor) is not None:
                names = executors.setdefault(executor, [])
                if name not in names:
                    names.append(name)
            continue
        if not deferred or callee is None or callee.type != "member_expression":
            continue
        target, member = callee.child_by_field_name("object"), callee.child_by_field_name("property")
        if target is None or member is None or target.type != "identifier" or file.text(member) not in SETTLE:
            continue
        name = file.text(target)
        declared = find_declaration(file.source, name, call)
        if declared is None or declared.kind == "param" or not _within(declared.node, wrapper) or \
                _within(declared.node, callback):
            continue
        if name not in settled:
            settled.append(name)
    if settled:
        owner = function_name(file.source, wrapper)
        callers = _callers(context, file, owner)
        if callers is None:
            return None
        names = ", ".join(f"`{n}`" for n in settled)
        made = f"{owner}() ({file.where(wrapper)})" if owner else f"the function around it ({file.where(wrapper)})"
        chained = (f"what its callers chain on the promise it returns ({', '.join(callers)})" if callers else
                   "what its callers chain on the promise it returns")
        return (f"The settings callback settles {names}, which {made} created for its callers; {chained} does not "
                "run in the connector (init() runs this callback alone), so what that continuation did with the "
                "settings (applying them) does not happen: the settings are not applied. Port it into init() after "
                "this callback."), []
    if not executors:
        return None
    # The executor nearest the callback: the promise the callback settles first.
    executor = max(executors, key=lambda node: node.start_byte)
    names = executors[executor]
    promise = _promise_of(file, executor)
    fn, returned, awaits, chains = _promise_flow(file, promise)
    if any(context.lands(file, node) for node in awaits + chains):
        return None
    owner = function_name(file.source, fn) if fn is not None else None
    named = f"{owner}() ({file.where(fn)})" if owner else (f"the function around it ({file.where(fn)})" if fn
                                                              is not None else None)
    lost = [f"the .{file.text(call.child_by_field_name('function').child_by_field_name('property'))}() "
            f"chained on it at {file.where(call)}" for call in chains]
    if awaits and named:
        lost.append(f"the rest of {owner + '()' if owner else 'that function'} after its await at "
                    f"{_and([file.where(a) for a in awaits])}")
    if fn is not None and (returned or (awaits and is_async(fn))):
        callers = _callers(context, file, owner)
        if callers is None:
            return None
        lost.append(("what its callers do once that promise settles" if returned else
                     "what its callers do once it finishes") + (f" ({', '.join(callers)})" if callers else ""))
    subject = (f"the promise {named} returns to its callers" if returned and named else
               f"the promise {named} awaits" if awaits and named else "a promise")
    missing = set(context.uses_missing(context.render(moved, callback)))
    stand_ins = [n for n in names if n in missing]
    quoted = _and([f"`{n}`" for n in names])
    text = (f"The settings callback settles {subject} (through {quoted}, given to its executor at "
            f"{file.where(promise)}); {_and(lost) if lost else 'what the legacy code did once it settled'} "
            f"{'do' if len(lost) > 1 else 'does'} not run in the connector (init() runs this callback alone), so "
            "what that continuation did with the settings (applying them) does not happen: the settings are not "
            "applied. Port it into init() after this callback.")
    if stand_ins:
        text += (f" In the connector {_and([f'`{n}`' for n in stand_ins])} "
                 f"{'are stand-ins that throw' if len(stand_ins) > 1 else 'is a stand-in that throws'} when called "
                 f"(init() fails where the callback calls {'one' if len(stand_ins) > 1 else 'it'} while it runs): "
                 "replace those calls with what you port.")
    return text, stand_ins
