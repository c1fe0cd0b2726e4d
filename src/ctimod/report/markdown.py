"""The Markdown inventory (``--format markdown``): for pull requests, wikis and tickets."""

from __future__ import annotations

from ..catalog import DISPOSITION_LABELS, LEFT_OUT_WORDS, Disposition
from ..escape import terminal_text
from ..inventory import ScanResult
from .summary import percent, summarize


def _cell(text: object) -> str:
    """Escape a value for a Markdown table cell."""
    value = "" if text is None else terminal_text(text)  # no control characters (ESC ...) from any value
    value = value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")
    for ch in "<>*_`[]":
        value = value.replace(ch, "\\" + ch)
    return value


def _code(text: str) -> str:
    text = terminal_text(text).replace("\n", " ")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def render(result: ScanResult) -> str:
    s = summarize(result)
    out = ["# Open CTI inventory", ""]
    out.append("Open CTI is retired on **February 28, 2028**; every use below must move to Salesforce Voice.")
    out.append("")
    out.append("| Files scanned | Files with Open CTI | Calls | Readiness (at most, converted automatically) | "
               "Needs review | Manual | Removed | Invalid |")
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
    d = s.by_disposition
    out.append(f"| {s.files} | {s.files_with_uses} | {s.calls} | {percent(s.readiness)} | {d['review']} | "
               f"{d['manual']} | {d['drop']} | {d['invalid']} |")
    out.append("")
    out.append("> `auto` and `review` are the most `ctimod convert` gives a call: it decides each one from the whole "
               "adapter and may rate it lower (code landing where nothing calls it, a moved listener reading names "
               "Voice lacks, a connector call whose callback cannot run) or leave it alone (a superseded copy, a "
               "samples file). `manual`, `drop` and `invalid` are exact.")
    out.append("")
    if s.left_out:
        out.append(f"> Left out ({sum(s.left_out.values())} call(s), removed for another reason than Voice owning them, "
                   "counted apart from Removed): " + ", ".join(f"{count} {kind.replace('-', ' ')}"
                                                             for kind, count in s.left_out.items())
                   + " (in a branch that never ran: `ctimod convert` removes it).")
        out.append("")
    if s.unanalysed_mentions:
        out.append(f"> **{s.unanalysed_mentions}** mention(s) of the API lie in code ctimod could not analyse "
                   "(see the diagnostics below).")
        out.append("")
    if s.apis:
        out.append("## Uses per API member")
        out.append("")
        out.append("| API | Family | Uses | Disposition | Voice replacement |")
        out.append("|---|---|---:|---|---|")
        for api in s.apis:
            disp = ", ".join([f"{k} {v}" for k, v in api.dispositions.items()] +
                             [f"left out ({LEFT_OUT_WORDS.get(k, k)}) {v}" for k, v in api.left_out.items()])
            out.append(f"| {_code(api.api)} | {api.family} | {api.count} | {disp} | {_cell(api.replacement)} |")
        out.append("")
    out.append("## Files")
    out.append("")
    for report in result.files:
        if not report.uses and not report.diagnostics and not report.script_loads and not report.call_center:
            continue
        out.append(f"### {_cell(report.path)}")
        out.append("")
        out.append(f"- language: {report.language}; status: **{report.status}**")
        for load in report.script_loads:
            out.append(f"- loads {_code(load.url)} ({load.family}, API {load.api_version}) at line {load.line}")
        for diag in report.diagnostics:
            where = f" (line {diag.line})" if diag.line else ""
            out.append(f"- {diag.severity}: {diag.code}{where}: {_cell(diag.message)}")
        if report.call_center:
            cc = report.call_center
            out.append(f"- call center ({cc.format}): {_cell(cc.internal_name)}; compatibility mode "
                       f"{_cell(cc.compatibility_mode or 'not set')}; adapter URL {_cell(cc.adapter_url or 'none')}")
            out.append("")
            out.append("| Section | Item | Value |")
            out.append("|---|---|---|")
            for item in cc.items:
                out.append(f"| {_cell(item.section)} | {_cell(item.name)} | {_cell(item.value)} |")
        if report.uses:
            out.append("")
            out.append("| Line | API | Via | Disposition | Voice replacement | Problems |")
            out.append("|---:|---|---|---|---|---|")
            for use in report.uses:
                variant = f" ({use.variant})" if use.variant and use.variant != "dynamic" else ""
                via = "literal" if use.via == "literal" else f"{use.via} {_code(use.receiver)}" if use.receiver else use.via
                problems = "; ".join(p.message for p in use.problems)
                label = DISPOSITION_LABELS[Disposition(use.disposition)]
                if use.status == "recovered":
                    label += " (recovered from code that does not parse)"
                out.append(f"| {use.line}:{use.column} | {_code(use.api)}{variant} | {via} | {label} | "
                           f"{_cell(use.replacement)} | {_cell(problems)} |")
        out.append("")
    for diag in result.diagnostics:
        out.append(f"- {diag.severity}: {_cell(diag.message)}")
    return "\n".join(out).rstrip() + "\n"
