"""The HTML assessment report: one self-contained page people want to read.

Styles and script are inline (no network fetch), the page works from disk and reads fine without
JavaScript (filters then simply leave everything visible). Used by ``ctimod report`` (many
adapters) and by ``ctimod convert`` (its report.html, one adapter plus what was generated).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from .. import __version__
from ..assess import EFFORT_FORMULA, ComplianceItem, Effort, compliance, effort
from ..catalog import DISPOSITION_LABELS, Disposition, lookup
from .sidebyside import to_html
from .summary import percent

SAFETIES = ["auto", "review", "manual", "drop", "invalid"]


@dataclass
class AdapterView:
    name: str
    files: list  # FileReport
    conversions: list  # Conversion
    diffs: list  # (Conversion, SideBySide)
    effort: Effort
    compliance: list[ComplianceItem]
    free_names: list = field(default_factory=list)
    contact_center: dict = field(default_factory=dict)
    generated_files: list[str] = field(default_factory=list)


def _asset(name: str) -> str:
    return resources.files("ctimod.lwc_templates").joinpath(f"report/{name}").read_text(encoding="utf-8")


def adapter_view(name: str, files: list, result) -> AdapterView:
    """Everything the report shows about one adapter, from its scan and its conversion plan."""
    plan, generated = result.plan, result.generated
    counts = Counter(c.safety for c in plan.conversions)
    moved = sum(u.node.end_point[0] - u.node.start_point[0] + 1 for u in plan.units)
    free = len({(f.home, f.name) for f in generated.free_names})
    carried = len(generated.contact_center.get("carried", []))
    sources = {f.display: f.source.decode("utf-8", "replace") for f in plan.files.values()}
    for path, definition, data in plan.call_centers:
        sources[path] = data.decode("utf-8", "replace")
    checklist = compliance(sources, plan.conversions, [(p, d) for p, d, _ in plan.call_centers])
    return AdapterView(name, files, plan.conversions, result.diffs, effort(counts, moved, free, carried), checklist,
                       generated.free_names, generated.contact_center, sorted(f.path for f in generated.files))


def _use_row(use) -> dict:
    member = lookup(use.api)
    return {"file": use.file, "line": use.line, "api": use.api, "kind": use.kind, "family": use.family,
            "variant": use.variant if use.variant and use.variant != "dynamic" else None,
            "safety": use.disposition, "label": DISPOSITION_LABELS[Disposition(use.disposition)],
            "replacement": member.replacement if member else use.replacement, "via": use.via,
            "receiver": use.receiver, "problems": [p.message for p in use.problems]}


def render(title: str, subtitle: str, scan_files: list, adapters: list[AdapterView], diagnostics: list,
           convert_mode: bool = False) -> str:
    from ..generate import environment

    calls = [u for f in scan_files for u in f.uses if u.kind == "call"]
    by_safety = Counter(u.disposition for u in calls)
    families = sorted({u.family for u in calls})
    apis: dict[str, Counter] = {}
    for use in calls:
        apis.setdefault(use.api, Counter())[use.disposition] += 1
    top = max((sum(c.values()) for c in apis.values()), default=1)
    chart = [{"api": api, "total": sum(c.values()),
              "parts": [{"safety": s, "count": c[s], "width": round(100 * c[s] / top, 2)} for s in SAFETIES if c[s]]}
             for api, c in sorted(apis.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))]
    files = []
    for report in scan_files:
        if report.status == "no-open-cti" and not report.diagnostics:
            continue
        files.append({"path": report.path, "status": report.status, "language": report.language,
                      "calls": sum(1 for u in report.uses if u.kind == "call"),
                      "uses": [_use_row(u) for u in report.uses if u.kind in ("call", "reference")],
                      "diagnostics": [f"{d.severity} {d.code}: {d.message}" for d in report.diagnostics],
                      "loads": [f"{s.url} ({s.family}, API {s.api_version})" for s in report.script_loads]})
    diff_index = 0
    adapter_rows = []
    diffs = []
    for view in adapters:
        counts = Counter(c.safety for c in view.conversions)
        adapter_rows.append({"name": view.name, "files": len(view.files), "calls": len(view.conversions),
                             "counts": {s: counts.get(s, 0) for s in SAFETIES}, "effort": view.effort,
                             "compliance": view.compliance})
        for conversion, diff in sorted(view.diffs, key=lambda cd: (cd[0].use.file, cd[0].use.line, cd[0].use.column)):
            member = lookup(conversion.use.api)
            diffs.append({"adapter": view.name, "title": diff.title, "table": to_html(diff, diff_index),
                          "reason": diff.reason or conversion.reason, "why": diff.why, "safety": conversion.safety,
                          "family": conversion.use.family, "status": conversion.status,
                          "replacement": member.replacement if member else conversion.use.replacement})
            diff_index += 1
    unanalysed = sum(f.unanalysed_mentions for f in scan_files)
    cards = [("files scanned", len(scan_files)), ("adapters", len(adapters)), ("Open CTI calls", len(calls)),
             ("convert automatically", percent(by_safety["auto"] / len(calls)) if calls else "n/a"),
             ("need review", by_safety["review"]), ("manual (no Voice equivalent)", by_safety["manual"]),
             ("invalid", by_safety["invalid"])]
    if unanalysed:
        cards.append(("mentions not analysed", unanalysed))
    convert_extra = None
    if convert_mode and adapters:
        view = adapters[0]
        seen, free = set(), []
        for item in view.free_names:
            key = (item.home, item.name, item.line)
            if key not in seen:
                seen.add(key)
                free.append(item)
        convert_extra = {"free_names": free, "contact_center": view.contact_center, "files": view.generated_files}
    return environment().get_template("report/assessment.html.j2").render(
        version=__version__, title=title, subtitle=subtitle, cards=cards, safeties=SAFETIES, families=families,
        chart=chart, adapters=adapter_rows, formula=EFFORT_FORMULA, files=files, diffs=diffs,
        diagnostics=diagnostics, convert=convert_extra, css=_asset("base.css"), script=_asset("filters.js"))


def convert_report(result) -> str:
    """report.html of a migration bundle."""
    plan = result.plan
    view = adapter_view(plan.adapter, plan.reports, result)
    diagnostics = [f"{path}: {d.severity} {d.code}: {d.message}" for path, d in plan.diagnostics]
    return render(f"Migration of {plan.adapter} to Salesforce Voice",
                  "Open CTI is retired on February 28, 2028. Every use below, what it became, and what is left.",
                  plan.reports, [view], diagnostics, convert_mode=True)
