"""The HTML assessment report: one self-contained page people want to read.

Styles and script are inline (no network fetch), the page works from disk and reads fine without
JavaScript (filters then simply leave everything visible). Used by ``ctimod report`` (many
adapters) and by ``ctimod convert`` (its report.html, one adapter plus what was generated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from markupsafe import Markup, escape

from .. import __version__
from ..assess import COUNTS, EFFORT_FORMULA, LEFT_OUT, SAFETIES, ComplianceItem, Effort, Tally, compliance, measure, total_effort
from ..catalog import NEVER_RAN_LABEL, disposition_label, lookup, safety_word
from ..vendors import summary as vendor_summary
from .migration import EVENT_NAMES, LINT_ACTIONS, byot_route, lint_rows, vendor_intro
from .summary import percent

CARD_LABELS = {"auto": "convert automatically", "review": "need review", "manual": "manual (no Voice equivalent)",
               "drop": "removed (Voice owns it)", LEFT_OUT: "left out (not Voice's: %s)",
               "invalid": "invalid (not Open CTI)"}
# The left-out card names the kinds it counts (Conversion.left_out).
LEFT_OUT_KINDS = {"dead-code": "dead code", "feature-check": "feature-check branches", "samples": "samples",
                  "variant": "superseded copies"}


@dataclass
class AdapterView:
    name: str
    files: list  # FileReport
    conversions: list  # Conversion
    diffs: list  # (Conversion, SideBySide)
    effort: Effort
    compliance: list[ComplianceItem]
    free_names: list = field(default_factory=list)
    lint: list = field(default_factory=list)  # migration.lint_rows
    contact_center: dict = field(default_factory=dict)
    generated_files: list[str] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    paths: dict = field(default_factory=dict)  # a converted file's path (relative to the adapter) -> as scanned
    left_out_uses: list = field(default_factory=list)  # (a use that is not a call, left out as, summary, reason)

    def key(self, use) -> tuple:
        """A conversion's use, keyed like the scanned use it converts."""
        return (self.paths.get(use.file, use.file), use.line, use.column, use.api)


def _asset(name: str) -> str:
    return resources.files("ctimod.lwc_templates").joinpath(f"report/{name}").read_text(encoding="utf-8")


def adapter_view(name: str, files: list, result) -> AdapterView:
    """Everything the report shows about one adapter, from its scan and its conversion plan."""
    plan, generated = result.plan, result.generated
    numbers, estimate = measure(result, files)
    sources = {f.display: f.source.decode("utf-8", "replace") for f in plan.files.values()}
    for path, definition, data in plan.call_centers:
        sources[path] = data.decode("utf-8", "replace")
    checklist = compliance(sources, result.conversions, [(p, d) for p, d, _ in plan.call_centers])
    scanned = {f.path for f in files}
    paths = {path: shown for path, shown in plan.scan_paths.items() if path not in scanned}
    return AdapterView(name, files, result.conversions, result.diffs, estimate, checklist,
                       generated.free_names, lint_rows(generated), generated.contact_center,
                       sorted(f.path for f in generated.files), numbers, paths, list(plan.left_out_uses.values()))


_CODE = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"\*\*([^*\n]+)\*\*")


def inline(text) -> Markup:
    """Text that may carry inline Markdown (`code`, **bold**): escaped, then those two rendered."""
    escaped = str(escape("" if text is None else text))
    escaped = _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped)
    return Markup(_STRONG.sub(lambda m: f"<strong>{m.group(1)}</strong>", escaped))


@dataclass
class DeadUse:
    """What a row of a use in a branch that never ran (or that convert removed) shows, without a conversion of its
    own."""

    left_out: str
    reason: str
    summary: str
    safety: str = "drop"
    status: str = "converted"


def _key(use) -> tuple:
    return (use.file, use.line, use.column, use.api)


def _replacement(use, conversion, convert_mode: bool) -> str:
    """A use's "Voice replacement" cell: in scan mode the catalog's replacement for the member; in convert mode what
    the conversion made of this call, the text MIGRATION.md's "Became" column shows (Conversion.summary), so a
    removed or not-converted call names nothing convert did not generate ("—" where convert planned nothing)."""
    if convert_mode:
        return conversion.summary if conversion is not None else "—"
    member = lookup(use.api)
    return member.replacement if member else use.replacement


def _use_row(use, conversion, anchor: str | None, convert_mode: bool = False) -> dict:
    safety = conversion.safety if conversion is not None else use.disposition
    left_out = conversion.left_out if conversion is not None else ""
    if conversion is None and use.disposition == "drop" and use.replacement == NEVER_RAN_LABEL:
        # (a use scan found in a branch that never ran, as convert's row of the call beside it says)
        return {**_use_row(use, DeadUse("dead-code", use.rationale, NEVER_RAN_LABEL), anchor, convert_mode),
                "replacement": NEVER_RAN_LABEL}
    return {"file": use.file, "line": use.line, "api": use.api, "kind": use.kind, "family": use.family,
            "variant": use.variant if use.variant and use.variant != "dynamic" else None,
            "safety": safety, "label": disposition_label(safety, left_out), "word": safety_word(safety, left_out),
            "left_out": left_out and conversion.reason,
            "failed": conversion is not None and conversion.status == "failed",
            "not_converted": conversion is not None and conversion.status == "not-converted",
            "unwired": conversion is not None and conversion.status == "unwired",
            "replacement": _replacement(use, conversion, convert_mode), "via": use.via,
            "receiver": use.receiver, "problems": [p.message for p in use.problems], "diff": anchor,
            "missed": conversion is None and use.kind == "call"}


def diff_table(diff) -> Markup:
    """The side-by-side as an HTML table: legacy lines numbered as in their file, changed rows marked."""
    rows = []
    number = diff.first_line
    for left, right, tag in diff.rows:
        shown = ""
        if left is not None:
            shown = str(number)
            number += 1
        rows.append(f'<tr class="{tag}"><td class="ln">{shown}</td><td class="code">{escape(left or "")}</td>'
                    f'<td class="code">{escape(right or "")}</td></tr>')
    head = (f'<thead><tr><th colspan="2">legacy <code>{escape(diff.legacy_label)}</code></th>'
            f'<th>generated <code>{escape(diff.generated_label)}</code></th></tr></thead>')
    return Markup(f'<div class="scroll"><table class="diff">{head}<tbody>{"".join(rows)}</tbody></table></div>')


def render(title: str, subtitle: str, scan_files: list, adapters: list[AdapterView], diagnostics: list,
           convert_mode: bool = False, vendor: dict | None = None, vendor_dials: bool = False) -> str:
    from ..render.templates import environment

    total = Tally()
    for view in adapters:
        total.add(view.tally)
    conversion_of = {view.key(c.use): c for view in adapters for c in view.conversions}
    # A member read convert removed with a branch (a feature check's) is left out as the calls beside it are.
    for view in adapters:
        for use, left_out, summary, reason in view.left_out_uses:
            if not (use.disposition == "drop" and use.replacement == NEVER_RAN_LABEL):  # (scan said so: see _use_row)
                conversion_of.setdefault(view.key(use), DeadUse(left_out, reason, summary))

    # Diffs, grouped by adapter, each with an anchor the use rows link to.
    diff_groups, anchor_of = [], {}
    index = 0
    for view in adapters:
        group = {"adapter": view.name, "diffs": []}
        for conversion, diff in sorted(view.diffs, key=lambda cd: _key(cd[0].use)):
            index += 1
            anchor = f"diff-{index}"
            anchor_of[view.key(conversion.use)] = anchor
            group["diffs"].append({
                "id": anchor, "title": diff.title, "where": f"{conversion.use.file}:{conversion.use.line}",
                "api": conversion.use.api, "table": diff_table(diff), "reason": diff.reason or conversion.reason,
                "why": diff.why, "safety": conversion.safety, "family": conversion.use.family,
                "word": safety_word(conversion.safety, conversion.left_out),
                "label": disposition_label(conversion.safety, conversion.left_out),
                "left_out": conversion.left_out and conversion.reason,
                "failed": conversion.status == "failed", "not_converted": conversion.status == "not-converted",
                "unwired": conversion.status == "unwired",
                "replacement": _replacement(conversion.use, conversion, convert_mode)})
        if group["diffs"]:
            diff_groups.append(group)

    files = []
    for report in scan_files:
        if report.status == "no-open-cti" and not report.diagnostics:
            continue
        uses = [u for u in report.uses if u.kind in ("call", "reference")]
        files.append({"path": report.path, "status": report.status, "language": report.language,
                      "calls": sum(1 for u in uses if u.kind == "call"),
                      "unanalysed": report.unanalysed_mentions,
                      "uses": [_use_row(u, conversion_of.get(_key(u)), anchor_of.get(_key(u)), convert_mode)
                               for u in uses],
                      "diagnostics": [f"{d.severity} {d.code}: {d.message}" for d in report.diagnostics],
                      "loads": [f"{s.url} ({s.family}, API {s.api_version})" for s in report.script_loads]})

    top = max((sum(c.values()) for c in total.by_api.values()), default=1)
    chart = [{"api": api, "total": sum(c.values()),
              "parts": [{"safety": s, "count": c[s], "width": round(100 * c[s] / top, 2)} for s in COUNTS if c[s]]}
             for api, c in sorted(total.by_api.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))]
    families = sorted({c.use.family for view in adapters for c in view.conversions}
                      | {u["family"] for f in files for u in f["uses"]})

    overall = total_effort([v.effort for v in adapters])
    unknown = sum(1 for v in adapters if not v.effort.known)
    cards = [{"key": "effort", "value": overall.text() if adapters else "n/a",
              "label": "total effort" + (f" ({unknown} adapter(s) unknown)" if unknown else ""),
              "wide": True},
             {"key": "adapters", "value": len(adapters), "label": "adapters"},
             {"key": "files", "value": len(files), "label": "files with Open CTI"},
             {"key": "calls", "value": total.calls, "label": "Open CTI calls"}]
    columns = total.columns()
    for column in COUNTS:
        if column == LEFT_OUT and not columns[column]:
            continue  # a card only when some calls were left out
        share = f" · {percent(columns[column] / total.calls)}" if total.calls else ""
        label = CARD_LABELS[column] if column != LEFT_OUT else \
            CARD_LABELS[column] % ", ".join(f"{n} {LEFT_OUT_KINDS[kind]}" for kind, n in sorted(total.left_out.items()))
        cards.append({"key": column, "value": columns[column], "label": label + share, "safety": column})
    if total.failed:
        cards.append({"key": "failed", "value": total.failed, "label": "conversions failed"})
    if total.unanalysed:
        cards.append({"key": "unanalysed", "value": total.unanalysed, "label": "mentions not analysed"})
    missed = sum(1 for f in files for u in f["uses"] if u["missed"])
    if missed:  # honest about a gap between the two pipelines rather than folding these into a disposition
        cards.append({"key": "missed", "value": missed, "label": "calls scan found that convert did not plan"})

    adapter_rows = [{"name": v.name, "files": len(v.files), "calls": v.tally.calls, "counts": v.tally.columns(),
                     "failed": v.tally.failed, "unanalysed": v.tally.unanalysed, "effort": v.effort,
                     "compliance": v.compliance} for v in adapters]

    convert_extra = None
    if convert_mode and adapters:
        view = adapters[0]
        seen, free = set(), []
        for item in view.free_names:
            key = (item.home, item.name, item.line)
            if key not in seen:
                seen.add(key)
                free.append(item)
        convert_extra = {"free_names": free, "lint": view.lint, "lint_actions": LINT_ACTIONS,
                         "contact_center": view.contact_center, "files": view.generated_files,
                         "vendor": vendor, "event_names": EVENT_NAMES,
                         "byot_route": byot_route(vendor, vendor_dials) if vendor else None,
                         "vendor_intro": vendor_intro(vendor, "the legacy adapter's own") if vendor else None}
    env = environment()
    env.filters.setdefault("md", inline)
    return env.get_template("report/assessment.html.j2").render(
        version=__version__, title=title, subtitle=subtitle, cards=cards, safeties=SAFETIES, columns=COUNTS, families=families,
        chart=chart, adapters=adapter_rows, formula=EFFORT_FORMULA, files=files, diff_groups=diff_groups,
        diff_count=index, total=total, diagnostics=diagnostics, convert=convert_extra,
        replacement_label="Became" if convert_mode else "Voice replacement", css=_asset("base.css"),
        script=_asset("filters.js"))


def convert_report(result) -> str:
    """report.html of a migration bundle."""
    plan = result.plan
    view = adapter_view(plan.adapter, plan.reports, result)
    diagnostics = [f"{path}: {d.severity} {d.code}: {d.message}" for path, d in plan.diagnostics]
    return render(f"Migration of {plan.adapter} to Salesforce Voice",
                  "Open CTI is retired on February 28, 2028. Every use below, what it became, and what is left.",
                  plan.reports, [view], diagnostics, convert_mode=True, vendor=vendor_summary(plan, result.generated),
                  vendor_dials=bool(plan.moved_to("connector", "dial")))
