"""Call center settings: getCallCenterSettings (Lightning) and cti.getCallCenterSettings (Classic)."""

from __future__ import annotations

from ctimod.codemod import (CallSite, Codemod, ConnectorContext, ConnectorParts, Conversion, ConvertContext,
                            RenderContext, Removed, register)
from ctimod.escape import js_comment, js_string
from ctimod.legacy import reindent

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
        the config: the contact center conversion lists them.

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
        for index, moved in enumerate(context.moved, 1):
            classic = moved.conversions[0].use.family == "classic"
            node = moved.node
            if node.type == "method_definition":
                fn = ("function " + context.render(moved, node.child_by_field_name("parameters")) + " "
                      + context.render(moved, node.child_by_field_name("body")))
            else:
                fn = context.render(moved, node)
            shim = ("{ result: JSON.stringify(ctimodConnectorConfig), error: null }" if classic
                    else "{ success: true, returnValue: ctimodConnectorConfig, errors: null }")
            lines.append(f"        // ctimod: the getCallCenterSettings callback, moved from {js_comment(moved.legacy)}. "
                         "The contact")
            lines.append("        // center settings arrive with the same flat keys ('/reqGeneralInfo/reqInternalName', ...).")
            lines.append(f"        const settingsCallback{index} = " + reindent(fn, "        ") + ";")
            lines += preambles[index - 1]
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
            body = ("        ctimodConnectorConfig = connectorConfig || {};\n"
                    f"        // TODO(ctimod): {js_comment(reason)}.\n        return new InitResult({{}});")
        out.parts["init"] = body
        missing = context.uses_missing(body)
        if missing:
            effect = ("init() fails when the settings code reached one" if strict else
                      "init() still resolves: they continued the legacy page's start-up, which the connector does on "
                      "its own; check nothing else depended on them")
            runs = ("the legacy settings callback and the start-up statements before it, which use"
                    if any(preambles) else "the legacy settings callback, which uses")
            out.cautions += [(c, f"init() runs {runs} {', '.join(missing)}: names "
                                 f"the connector does not have (each throws until you provide it; {effect}).")
                             for moved in context.moved for c in moved.conversions]
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
