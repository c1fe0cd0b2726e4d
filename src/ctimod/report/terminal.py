"""The terminal view: rich tables for people (the default format)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..catalog import LEFT_OUT_WORDS
from ..escape import terminal_text
from ..inventory import ScanResult
from .summary import left_out, percent, summarize

STYLES = {"auto": "green", "review": "yellow", "manual": "red", "drop": "cyan", "invalid": "magenta"}
STATUS_STYLES = {"analysed": "green", "partial": "yellow", "unsupported": "yellow", "unreadable": "red",
                 "failed": "red", "skipped": "dim", "no-open-cti": "dim"}


def fitted(console: Console, table: Table, rows: list[list]) -> list:
    """``[table]`` when it fits the console without splitting a path or an API name, else one line per row.

    Columns holding paths and API names are ``no_wrap``; prose columns wrap at spaces. When even
    that is wider than the console (a narrow terminal), each row becomes one line printed with soft
    wrapping: the terminal wraps it, nothing is cut, and a path stays one selectable word.
    """
    if Measurement.get(console, console.options.update_width(1_000_000), table).minimum <= console.width:
        return [table]
    lines: list = [Text(str(table.title), style="italic")] if table.title else []
    for row in rows:
        line = Text()
        for cell in row:
            part = cell if isinstance(cell, Text) else Text(str(cell))
            if part.plain:
                if line:
                    line.append("  ")
                line.append_text(part)
        lines.append(line)
    return lines + [Text("")]


def print_all(console: Console, parts: list) -> None:
    """Print renderables; plain lines soft-wrapped (never cut, never split by rich)."""
    for part in parts:
        console.print(part, soft_wrap=isinstance(part, Text))


def _dispositions(counts: dict[str, int], left: dict[str, int] | None = None) -> Text:
    """'1 auto 1 review', then the calls left out, counted apart ('2 left out (dead code)')."""
    text = Text()
    for name, count in counts.items():
        if count:
            if text:
                text.append(" ")
            text.append(f"{count} {name}", style=STYLES.get(name, ""))
    for kind, count in (left or {}).items():
        text.append(f"{' ' if text else ''}{count} left out ({LEFT_OUT_WORDS.get(kind, kind)})", style="dim")
    return text


def _files_table(result: ScanResult) -> Table:
    table = Table(title="Files", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("File", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Calls", justify="right", no_wrap=True)
    table.add_column("Dispositions")
    rows = []
    for report in result.files:
        if report.status == "no-open-cti" and not report.diagnostics:
            continue
        calls = report.calls
        # (counted as the totals count them: a call left out, in a branch that never ran, apart from its drop)
        counts = {k: sum(1 for u in calls if u.disposition == k and left_out(u) is None) for k in STYLES}
        out: dict[str, int] = {}
        for use in calls:
            kind = left_out(use)
            if kind is not None:
                out[kind] = out.get(kind, 0) + 1
        dispositions = _dispositions(counts, out)
        status = Text(report.status, style=STATUS_STYLES.get(report.status, ""))
        recovered = sum(1 for u in calls if u.status == "recovered")
        note = f" ({recovered} recovered from code that does not parse)" if recovered else ""
        table.add_row(Text(report.path), status, f"{len(calls)}{note}", dispositions)
        rows.append([Text(report.path), status, Text(f"{len(calls)} call(s){note}"), dispositions])
    return table, rows


def _notes(result: ScanResult) -> list[Text]:
    lines = []
    for report in result.files:
        for load in report.script_loads:
            lines.append(Text(terminal_text(f"{report.path}:{load.line}  loads {load.url} ({load.family}, "
                                            f"API {load.api_version})"), style="dim"))
        if report.call_center:
            cc = report.call_center
            lines.append(Text(terminal_text(
                f"{report.path}  call center {cc.internal_name or '?'} ({cc.format}): compatibility mode "
                f"{cc.compatibility_mode or 'not set'}, adapter URL {cc.adapter_url or 'none'}, "
                f"{len(cc.items)} setting(s)"), style="dim"))
        for diag in report.diagnostics:
            where = f":{diag.line}" if diag.line else ""
            style = {"error": "red", "warning": "yellow"}.get(diag.severity, "dim")
            lines.append(Text(terminal_text(f"{report.path}{where}  {diag.severity} {diag.code}: {diag.message}"),
                              style=style))
    return lines


def _api_table(result: ScanResult) -> Table:
    summary = summarize(result)
    table = Table(title="Open CTI members used", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("API", no_wrap=True)
    table.add_column("Uses", justify="right", no_wrap=True)
    table.add_column("Disposition")
    table.add_column("Voice replacement")
    rows = []
    for api in summary.apis:
        table.add_row(Text(api.api), str(api.count), _dispositions(api.dispositions, api.left_out),
                      Text(api.replacement))
        rows.append([Text(api.api), Text(f"{api.count} use(s)"), _dispositions(api.dispositions, api.left_out),
                     Text("→ " + api.replacement)])
    return table, rows


def _totals(result: ScanResult) -> Text:
    s = summarize(result)
    text = Text()
    text.append(f"{s.files} file(s) scanned, {s.files_with_uses} with Open CTI, {s.calls} call(s). ")
    text.append("Readiness: ", style="bold")
    text.append("at most ")
    text.append(percent(s.readiness), style="bold green" if (s.readiness or 0) >= 0.5 else "bold yellow")
    text.append(" of calls convert automatically (ctimod convert decides each auto/review call from the whole "
                "adapter and may rate it lower). ")
    for name, count in s.by_disposition.items():
        if count:
            text.append(f"{name} {count}  ", style=STYLES[name])
    for kind, count in s.left_out.items():  # (counted apart from drop, as convert counts them)
        text.append(f"left out ({LEFT_OUT_WORDS.get(kind, kind)}) {count}  ", style="dim")
    if s.unanalysed_mentions:
        text.append(f"\n{s.unanalysed_mentions} mention(s) of the API lie in code that could not be analysed.",
                    style="yellow")
    return text


def render(result: ScanResult, console: Console) -> None:
    parts = fitted(console, *_files_table(result))
    if result.uses:
        parts.extend(fitted(console, *_api_table(result)))
    notes = _notes(result)
    if notes:
        parts.append(Text("Notes", style="italic"))
        parts.extend(notes)
        parts.append(Text(""))
    parts.append(_totals(result))
    for diag in result.diagnostics:
        parts.append(Text(terminal_text(f"{diag.severity}: {diag.message}"),
                          style="red" if diag.severity == "error" else "yellow"))
    print_all(console, parts)
