"""MIGRATION.md and migration.json: every Open CTI use, what it became and where, and what is left.

migration.json is described by ``schemas/migration-1.3.schema.json``.
"""

from __future__ import annotations

import json

from .. import __version__
from ..assess import redact
from ..catalog import STATUS_WORDS, disposition_label
from ..vendors import summary as vendor_summary
from .markdown import _cell, _code
from .sidebyside import to_markdown

SCHEMA_VERSION = "1.3"
SAFETIES = ["auto", "review", "manual", "drop", "invalid"]
LEFT_OUT_COUNTS = {"dead-code": "in a branch the legacy code never ran", "samples": "in a samples file",
                   "variant": "in a superseded copy", "feature-check": "in a feature check's branch that does not run in Voice"}


def conversion_dict(conversion) -> dict:
    use = conversion.use
    left_out = conversion.left_out if conversion.safety == "drop" else ""
    return {
        "file": use.file, "line": use.line, "column": use.column, "api": use.api, "family": use.family,
        "variant": use.variant, "codemod": conversion.codemod, "safety": conversion.safety,
        **({"left_out": left_out} if left_out else {}),
        "status": conversion.status, "home": conversion.home, "location": conversion.location,
        "summary": conversion.summary, "todo": conversion.todo, "reason": conversion.reason or None,
        "legacy": redact(use.snippet), "generated": redact(conversion.generated),
    }


def lint_rows(generated) -> list[dict]:
    """Carried legacy code against the lint rules (render.lint), and moved code a Lightning platform rule
    forbids (render.marks): each rewrite, each scoped disable with its TODO, each finding left listed."""
    rows = [{"file": n.file, "line": n.line, "rule": n.rule, "action": n.action, "note": n.note, "legacy": n.origin}
            for n in getattr(generated, "lint_notes", [])]
    rows += [{"file": f.file, "line": f.line, "rule": f.rule, "action": f.action, "note": f.note, "legacy": None}
             for f in getattr(generated, "platform_flags", [])]
    return sorted(rows, key=lambda r: (r["file"], r["line"], r["rule"]))


def _note_cell(text: str) -> str:
    """A table cell whose `code` spans stay code."""
    parts = str(text).split("`")
    if len(parts) % 2 == 0:
        return _cell(text)
    return "".join(_cell(part) if index % 2 == 0 else "`" + part.replace("|", "\\|").replace("\n", " ") + "`"
                   for index, part in enumerate(parts))


LINT_ACTIONS = {"rewritten": "rewritten, same meaning", "todo": "scoped `eslint-disable-next-line` + TODO(ctimod)",
                "listed": "listed only (not marked)", "todo-comment": "TODO(ctimod) above the line (no lint rule)"}


def document(result) -> dict:
    from ..assess import measure

    plan, generated = result.plan, result.generated
    numbers, effort = measure(result)  # the same numbers report.html shows
    return {
        "$schema": f"https://github.com/ctimod/ctimod/schemas/migration-{SCHEMA_VERSION}.json",
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ctimod", "version": __version__},
        "adapter": plan.adapter,
        "inputs": sorted(plan.files) + sorted(r.path for r in plan.reports if r.path not in plan.files),
        "options": {"lwc_name": plan.lwc_name, "connector_api": plan.options.connector_api,
                    "utility_bar": plan.options.utility_bar},
        "summary": {
            "calls": numbers.calls,
            "by_safety": {s: numbers.by_safety.get(s, 0) for s in SAFETIES},
            **({"left_out": dict(sorted(numbers.left_out.items()))} if numbers.left_out else {}),
            "failed": numbers.failed,
            "unanalysed_mentions": numbers.unanalysed,
            "effort": {"low_days": effort.low, "high_days": effort.high, "estimate_days": effort.estimate,
                       "known": effort.known, "text": effort.text()},
            "moved_functions": len(plan.moved),
            "free_names": len({(f.home, f.name) for f in generated.free_names}),
            "lint_todos": sum(1 for r in lint_rows(generated) if r["action"] != "rewritten"),
            "files": len(generated.files),
        },
        "conversions": [conversion_dict(c) for c in sorted(result.conversions, key=_order)],
        "moved": [{"name": m.name, "home": m.where, "legacy": m.legacy, "trigger": m.trigger,
                   "calls": [c.use.api for c in m.conversions]}
                  for m in sorted(plan.moved, key=lambda m: (m.where, m.legacy))],
        "carried": generated.carried,
        "free_names": [{"home": f.home, "name": f.name, "file": f.file, "line": f.line,
                        "declared_at": f.declared_at, "note": f.note} for f in generated.free_names],
        "lint": lint_rows(generated),
        "contact_center": generated.contact_center,
        "excluded": [{"file": e.file, "kind": e.kind, "why": e.why, "kept": e.kept}
                     for _, e in sorted(plan.excluded.items())],
        "vendor": vendor_summary(plan, generated),
        "files": [{"path": f.path, "kind": f.kind} for f in sorted(generated.files, key=lambda f: f.path)],
        "checks": [{"path": c.path, "check": c.check, "ok": c.ok, "message": c.message, "line": c.line}
                   for c in result.checks],
        "dropped_files": result.dropped_files,
        "diagnostics": [{"file": path, "severity": d.severity, "code": d.code, "message": d.message}
                        for path, d in plan.diagnostics] +
                       [{"file": r.path, "severity": d.severity, "code": d.code, "message": d.message}
                        for r in plan.reports for d in r.diagnostics],
    }


EVENT_NAMES = {"incoming": "CALL_STARTED", "connected": "CALL_CONNECTED", "ended": "HANGUP"}
BYOT_ROUTE = ("The generated BYOT connector runs the legacy adapter's own vendor code: you keep your vendor account, "
              "its configuration and your customisations, and you host and maintain the connector. What ctimod could "
              "not wire is a `TODO(ctimod)`; the server side (VoiceCall records through the Telephony Integration "
              "REST API) is yours to build; and Salesforce keeps the connector frame hidden, so a vendor UI the legacy "
              "page showed (a sign-in, a widget) needs `InitResult({showLogin: true})` to be seen.")
# The same route where the connector runs none of the vendor's code (no call control, no event, no dial shows it).
BYOT_ROUTE_EMPTY = BYOT_ROUTE.replace(
    "runs the legacy adapter's own vendor code: you keep",
    "runs none of the vendor's code, as the legacy adapter showed none of it (you write its call control, events "
    "and dialling where the `TODO(ctimod)`s say): you keep")


def _wired(vendor: dict) -> bool:
    return any(method["status"] == "wired" for method in vendor["methods"].values())


def byot_route(vendor: dict, dials: bool) -> str:
    """The generated connector as a route, beside the vendor's own: what it runs of the legacy vendor code.
    ``dials``: the connector's dial() runs a legacy click-to-dial listener (which may call the vendor in ways its
    recogniser does not list)."""
    runs = dials or bool(vendor["dial"]) or any(vendor["events"].values()) or _wired(vendor)
    return BYOT_ROUTE if runs else BYOT_ROUTE_EMPTY


UNREACHED = (" Registrations marked *not reached* are in code the connector carries but never runs as it stands "
             "(a name it lacks throws first): those events reach Salesforce only once that TODO is done.")


def _unreached(vendor: dict) -> bool:
    return any(row["registered"].startswith("not reached") for rows in vendor["events"].values() for row in rows)


def vendor_intro(vendor: dict, own: str = "the adapter's own") -> str:
    """What the connector runs of the vendor, as MIGRATION.md and report.html open their vendor section: no claim of
    vendor code or event registrations the connector does not have (the AMC DaVinci bridge has neither)."""
    if _wired(vendor):
        control = f"The connector's call control runs {own} vendor code where the legacy code shows it"
    else:
        control = ("None of the connector's call control runs vendor code: the legacy code shows none, so each "
                   "method below fails with its TODO")
    if any(vendor["events"].values()):
        return (control + ", and the vendor's call events publish to Salesforce from the registrations below, once "
                "the code that makes them runs.")
    return (control + "; and the legacy code listened to none of the vendor's call events, so the connector "
            "publishes none: Salesforce hears of a call the vendor rings, connects or ends only once you publish it.")


def vendor_section(vendor: dict | None, dials: bool) -> list[str]:
    """MIGRATION.md: the vendor telephony recognised, what the connector runs of it, and the vendor's own route
    (``dials``: dial() runs a legacy click-to-dial listener)."""
    if not vendor:
        return []
    out = ["", "## Vendor telephony", "",
           f"ctimod recognised **{_cell(vendor['vendor'])}** in the legacy code. " + vendor_intro(vendor)
           + (UNREACHED if _unreached(vendor) else ""), "",
           *[f"**Vendor set-up** ({_cell(s['legacy'])}): " + ("TODO: " if s["status"] == "todo" else "") + _cell(s["note"].rstrip("."))
             + ("; until then init() fails with this TODO (Salesforce shows that the agent cannot log in) and no call "
                "reaches the vendor." if s["status"] == "todo"
                else ".") + "\n" for s in vendor.get("setup", [])],
           "| Connector method | Runs | Legacy code |", "|---|---|---|"]
    for name, method in vendor["methods"].items():
        if method["status"] == "wired":
            out.append(f"| `{name}` | {_cell(method['calls'])} | {_cell(method['legacy'])} |")
        else:
            out.append(f"| `{name}` | TODO: {_cell(method['calls'])} | "
                       f"{_cell(method['legacy']) if method['legacy'] else 'not in the legacy code'} |")
    out += ["", "| Salesforce event | Vendor event | Legacy handler | Registered | Call id | Caller number |",
            "|---|---|---|---|---|---|"]
    for kind, rows in vendor["events"].items():
        for row in rows:
            out.append(f"| {EVENT_NAMES[kind]} | {_code(row['vendor_event'])} | {_cell(row['legacy'])} | "
                       f"{_cell(row['registered'])} | {_code(row['call_id']) if row['call_id'] else 'TODO'} | "
                       f"{_code(row['number']) if row['number'] else ('TODO' if kind == 'incoming' else '—')} |")
        if not rows:
            out.append(f"| {EVENT_NAMES[kind]} | — | the legacy code did not listen to it | — | — | — |")
    if vendor.get("other_events"):
        from ..vendors._connector import other_event_text

        out += ["", "Other vendor events the legacy code listened to (Salesforce has no event for them):", ""]
        for row in vendor["other_events"]:
            if row["carried"]:
                out.append(f"- {_code(row['vendor_event'])} ({_cell(row['registered'])}): registered where the legacy "
                           "code registered it, in code the connector carries.")
            else:
                out.append(f"- {_code(row['vendor_event'])}: TODO: {_cell(other_event_text(row))}.")
    if vendor["dial"]:
        out += ["", "`dial(contact)` runs the legacy click-to-dial code, which calls the vendor at: "
                + "; ".join(_cell(d) for d in vendor["dial"]) + "."]
    if vendor.get("dial_flagged"):
        out += ["", "`dial(contact)` does not run the branch of the legacy click-to-dial code that adds the number "
                "to the call in progress (flagged, not converted: dial() fails there, see the click-to-dial row), "
                "which calls the vendor at: " + "; ".join(_cell(d) for d in vendor["dial_flagged"]) + "."]
    if vendor.get("native"):
        out += ["", f"### {_cell(vendor['vendor'])}: the vendor's own Voice route", "",
                f"- **Vendor route:** {_cell(vendor['native'])}",
                f"- **Generated connector:** {byot_route(vendor, dials)}"]
    return out


def _status_sentence(plan, vendor: dict | None) -> str:
    """Where no vendor section lists setAgentStatus: that it fails with its TODO, when the legacy code changed
    the agent's state in the vendor (the vendor section's row says so otherwise)."""
    from ..vendors._status import for_plan, todo_text

    changes = for_plan(plan) if not vendor else []
    return f" `setAgentStatus()` fails with its TODO: {_cell(todo_text(changes))}" if changes else ""


def _order(conversion):
    return (conversion.use.file, conversion.use.line, conversion.use.column, conversion.use.api)


def json_text(result) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"


def markdown(result, hosting: dict | None = None) -> str:
    """MIGRATION.md; ``hosting`` (names from :mod:`ctimod.project`) when the connector is hosted in the org."""
    plan, generated = result.plan, result.generated
    doc = document(result)
    s = doc["summary"]
    left_out = s.get("left_out", {})
    out = [f"# Migration of {_cell(plan.adapter)} to Salesforce Voice", "",
           f"Generated by ctimod {__version__}. Open CTI is retired on **February 28, 2028**. This bundle holds a "
           "Voice Lightning Web Component, a BYOT partner-telephony connector and the metadata they need. "
           "Search the code for `TODO(ctimod)`: every place that needs a person is marked.", "",
           "## Summary", "",
           "| Open CTI calls | Auto | Review | Manual | Removed (Voice owns it) | Left out | Invalid | Failed | "
           "Moved functions | TODO names |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
           f"| {s['calls']} | {s['by_safety']['auto']} | {s['by_safety']['review']} | {s['by_safety']['manual']} | "
           f"{s['by_safety']['drop']} | {sum(left_out.values())} | {s['by_safety']['invalid']} | {s['failed']} | "
           f"{s['moved_functions']} | {s['free_names']} |", ""]
    if left_out:  # removed, but not because Voice owns the behaviour: the rows say why
        parts = ", ".join(f"{n} {LEFT_OUT_COUNTS[kind]}" for kind, n in left_out.items())
        count = sum(left_out.values())
        out += [f"Left out ({count} call{'' if count == 1 else 's'}, removed for another reason than Voice owning "
                f"{'it' if count == 1 else 'them'}): {parts} (their rows below say so).", ""]
    out += [f"Effort: **{s['effort']['text']}** (the heuristic is printed in report.html)"
            + (f"; {s['unanalysed_mentions']} mention(s) of the API lie in code ctimod could not analyse, so the "
               "effort is unknown" if s["unanalysed_mentions"] else "") + ".", ""]
    out += ["## What was generated", ""]
    methods = plan.moved_to("lwc")
    out.append(f"- `force-app/main/default/lwc/{plan.lwc_name}/` — the Voice LWC "
               f"(`lightning__ServiceCloudVoiceToolkitApi`); {len(methods)} legacy function(s) moved in: "
               + (", ".join(f"`{m.name}()` from {_cell(m.legacy)}" for m in methods) or "none") + ".")
    dial = plan.moved_to("connector", "dial")
    init = plan.moved_to("connector", "init")
    out.append(f"- `connector/` — the BYOT connector on `@salesforce/scv-connector-base` (connector API "
               f"{plan.options.connector_api}.x): `dial(contact)` "
               + (f"from the click-to-dial listener at {_cell(dial[0].legacy)}" if dial else "is a TODO")
               + "; `init(config)` " + (f"runs the settings callback from {_cell(init[0].legacy)}" if init
                                         else "is a TODO") + "."
               + _status_sentence(plan, doc["vendor"]))
    for f in sorted(generated.files, key=lambda f: f.path):
        if f.path.startswith("force-app/main/default/classes/") and f.path.endswith(".cls"):
            out.append(f"- `{f.path}` — `@AuraEnabled` Apex the LWC calls (it replaces runApex and searchAndScreenPop).")
        elif "messageChannels" in f.path:
            out.append(f"- `{f.path}` — Lightning Message Service channel.")
        elif f.path.startswith("contact-center/"):
            out.append(f"- `{f.path}` — the partner-telephony contact center definition to import.")
    if result.dropped_files:
        out.append(f"- Not written because they did not parse: {', '.join(result.dropped_files)}.")
    if hosting:
        first = [f"1. Build the connector into its static resource and deploy everything: `npm run deploy` "
                 f"(`npm run build:connector`, then `sf project deploy start`: the component, the Visualforce page "
                 f"`{hosting['page']}`, the static resource `{hosting['resource']}` and ConversationVendorInfo "
                 f"`{hosting['vendor']}`, whose `connectorUrl` is `/apex/{hosting['page']}`). Add the component to "
                 "the utility bar or the Voice Extension page.",
                 "2. Review ConversationVendorInfo's `clientAuthMode` and capabilities (its file has a TODO)."]
    else:
        first = ["1. Deploy `force-app` (`sf project deploy start`) and add the component to the utility bar or the "
                 "Voice Extension page.",
                 "2. Build and host the connector (`npm run build:connector`, then serve `connector/index.html` and "
                 "`connector/dist/connector.js` over HTTPS); create the ConversationVendorInfo record whose "
                 "`connectorUrl` points at it (or convert with `--connector-hosting static-resource`)."]
    out += vendor_section(doc["vendor"], bool(dial))
    out += ["", "## Next steps", "", *first,
            "3. Import the contact center definition; check `reqVendorInfoApiName` and fill in "
            "`reqTelephonyIntegrationCertificate`.",
            "4. Resolve every `TODO(ctimod)` — the tables below list each one with the legacy code it came from.",
            ""]
    if plan.excluded:
        out += ["## Files not converted", ""]
        out += [f"- {_cell(path)}: {_cell(reason.why)}." for path, reason in sorted(plan.excluded.items())]
        out.append("")
    out += ["## Every Open CTI use", "",
            "| Legacy | API | Safety | Became | Where |", "|---|---|---|---|---|"]
    for c in doc["conversions"]:
        variant = f" ({c['variant']})" if c["variant"] and c["variant"] != "dynamic" else ""
        safety = disposition_label(c["safety"], c.get("left_out", "")) + (
            f" — **{STATUS_WORDS[c['status']]}**" if c["status"] in STATUS_WORDS else "")
        out.append(f"| {_cell(c['file'])}:{c['line']} | {_code(c['api'])}{variant} | {safety} | "
                   f"{_cell(c['summary'])} | {_cell(c['location'] or 'not moved')} |")
    out += ["", "## Flagged conversions, side by side", ""]
    if not result.diffs:
        out.append("None: every call converted automatically.")
    for index, (conversion, diff) in enumerate(sorted(result.diffs, key=lambda cd: _order(cd[0])), 1):
        out += [f"### {index}. {_cell(conversion.use.api)} at {_cell(conversion.use.file)}:{conversion.use.line}", "",
                to_markdown(diff), ""]
    out += ["## Names the moved code uses that its new home does not define", ""]
    if generated.free_names:
        out += ["Each has a `TODO(ctimod)` above the statement that uses it and a `ctimodMissing` stand-in that "
                "throws when it is used, naming the name and where it came from; a Visualforce merge field "
                "(`{!…}`) is the literal text, with a TODO.", "", "| Name | Home | Used at | Legacy | Note |", "|---|---|---|---|---|"]
        seen = set()
        for f in generated.free_names:
            key = (f.home, f.name, f.line)
            if key in seen:
                continue
            seen.add(key)
            out.append(f"| `{_cell(f.name)}` | {f.home} | {_cell(f.file)}:{f.line} | {_cell(f.declared_at or '—')} | "
                       f"{_cell(f.note)} |")
    else:
        out.append("None.")
    out += ["", "## Carried legacy code and the lint rules", "",
            "Code Analyzer's Recommended rules (severity 1-2) and the LWC ESLint rules `ctimod verify` runs, on the "
            "code carried from the legacy adapter: rewritten where the rewrite provably keeps the meaning, otherwise "
            "marked in place with a scoped `// eslint-disable-next-line RULE -- TODO(ctimod): ...` (never a "
            "file-wide disable).", ""]
    if doc["lint"]:
        out += ["| Where | Rule | What ctimod did | Note | Legacy |", "|---|---|---|---|---|"]
        out += [f"| {_cell(r['file'])}:{r['line']} | `{_cell(r['rule'])}` | {LINT_ACTIONS[r['action']]} | "
                f"{_note_cell(r['note'])} | {_cell(r['legacy'] or '—')} |" for r in doc["lint"]]
    else:
        out.append("None.")
    cc = generated.contact_center
    out += ["", "## Contact center", "",
            f"Converted from {_cell(cc.get('source') or 'no call center file (defaults used)')} into "
            f"`contact-center/{_cell(cc.get('internal_name'))}.xml`.", ""]
    for other in cc.get("also", []):
        out += [f"Also converted: {_cell(other['source'])} into `contact-center/{_cell(other['internal_name'])}.xml`"
                " (each call center file of the adapter becomes a contact center; keep the ones you need).", ""]
    for other in cc.get("superseded", []):
        out += [f"Not converted: {_cell(other['source'])}, {_cell(other['why'])}.", ""]
    if cc.get("secrets"):
        out += ["Credentials found in the call center file were **not** copied into the contact center (the "
                "items are left empty): set them in the org, or better in a Named Credential:", ""]
        out += [f"- {_cell(i['section'])}/{_cell(i['name'])} = {_cell(i['value'])}" for i in cc["secrets"]]
        out.append("")
    if cc.get("retired"):
        out += ["Open CTI-only items, retired (Voice keeps the connector URL on ConversationVendorInfo):", "",
                "| Section | Item | Value |", "|---|---|---|"]
        out += [f"| {_cell(i['section'])} | {_cell(i['name'])} | {_cell(i['value'])} |" for i in cc["retired"]]
        out.append("")
    if cc.get("carried"):
        out += ["Carried into vendor sections (they reach `init(config)` with the same keys):", "",
                "| Section | Item | Value |", "|---|---|---|"]
        out += [f"| {_cell(i['section'])} | {_cell(i['name'])} | {_cell(i['value'])} |" for i in cc["carried"]]
        out.append("")
    if cc.get("duplicates"):
        out += ["Named more than once in one section: only the last of each is carried (a definition with duplicate "
                "items may not import); these earlier ones were **not** carried, check which value your org uses:", "",
                "| Section | Item | Value |", "|---|---|---|"]
        out += [f"| {_cell(i['section'])} | {_cell(i['name'])} | {_cell(i['value'])} |" for i in cc["duplicates"]]
        out.append("")
    if doc["diagnostics"]:
        out += ["## Files ctimod could not fully read", ""]
        out += [f"- {_cell(d['file'])}: {d['severity']} {d['code']}: {_cell(d['message'])}" for d in doc["diagnostics"]]
    return "\n".join(out).rstrip() + "\n"
