"""The convert pipeline: analyse -> plan -> carry -> render -> verify -> (write) -> report.

:func:`convert` builds everything in memory; :func:`bundle_files` adds the reports
(MIGRATION.md, migration.json, report.html); the CLI writes them with :mod:`ctimod.write`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import analyse_adapter
from .catalog import Disposition
from .codemod import ANSWERED, CONNECTOR, LWC, Conversion, Needs, Removed, Unsupported, then
from .plan import ConvertOptions, Plan, carry, make_plan
from .render import Generated, GeneratedFile, build_module, generate, new_renderer
from .verify import Check, reparse


@dataclass
class Outcome:
    """One Open CTI call after the conversion: the plan's decision, what rendering it gave, and what
    the report may claim of it (never more than the code does)."""

    conversion: Conversion
    status: str  # converted | failed | not-converted | unwired
    safety: Disposition
    summary: str
    todo: str | None
    generated: str  # the text generated in the call's place ('' when it was not moved)

    @property
    def use(self):
        return self.conversion.use

    @property
    def codemod(self) -> str:
        return self.conversion.codemod

    @property
    def reason(self) -> str:
        return self.conversion.reason

    @property
    def home(self) -> str:
        return self.conversion.home

    @property
    def left_out(self) -> str:
        return self.conversion.left_out

    @property
    def location(self) -> str:
        return self.conversion.location

    @property
    def site(self):
        return self.conversion.site


@dataclass
class ConvertResult:
    plan: Plan
    generated: Generated
    conversions: list[Outcome] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    diffs: list = field(default_factory=list)  # (Outcome, SideBySide) for every flagged conversion
    dropped_files: list[str] = field(default_factory=list)  # generated files that failed to parse

    @property
    def failed(self) -> list[Outcome]:
        return [c for c in self.conversions if c.status == "failed"]

    @property
    def vendor_failed(self) -> list[tuple[str, str, str]]:
        """(where, part, reason) of the legacy vendor code that could not be converted (it has syntax errors):
        failed conversions too, though no Open CTI call is among them."""
        return list(self.plan.vendor.failures) if self.plan.vendor is not None else []

    @property
    def recognisers_failed(self) -> list[str]:
        """The messages of the vendor recognisers that failed on the adapter (a ctimod bug): that vendor's code
        was not wired into the connector, a failed part of the conversion too."""
        return [d.message for _, d in self.plan.diagnostics if d.code == "vendor-recogniser-failed"]

    @property
    def any_failed(self) -> bool:
        """Whether part of the adapter was not converted (convert exits 1)."""
        return bool(self.failed or self.dropped_files or self.vendor_failed or self.recognisers_failed)


def flagged(conversion) -> bool:
    return conversion.safety != "auto" or conversion.status != "converted"


class TooManyCalls(Exception):
    """The adapter holds more Open CTI calls than one conversion plans (``ConvertOptions.max_calls``)."""


def convert(paths: list[str], options: ConvertOptions) -> ConvertResult:
    """Plan, render and check the conversion of one adapter. Raises :class:`TooManyCalls` past the call limit."""
    from .legacy import forget_trees

    try:
        return _convert(paths, options)
    finally:
        forget_trees()  # the parents remembered for this run (legacy.parent_of) keep its trees alive


def _convert(paths: list[str], options: ConvertOptions) -> ConvertResult:
    from .report.sidebyside import build

    source = analyse_adapter(paths, options.max_file_size)
    calls = {r.path: sum(1 for u in r.uses if u.kind == "call") for r in source.reports}
    if sum(calls.values()) > options.max_calls:
        most = sorted(((n, path) for path, n in calls.items() if n), reverse=True)[:3]
        raise TooManyCalls(f"{sum(calls.values()):,} Open CTI calls, over the limit of {options.max_calls:,} that one "
                           "conversion plans (" + ", ".join(f"{path}: {n:,}" for n, path in most)
                           + "); convert the adapter's files in parts, or raise the limit (ctimod convert --max-calls N)")
    plan = make_plan(paths, source, options)
    renderer = new_renderer(plan)
    carry(plan, lambda home: build_module(plan, renderer, home))
    generated = generate(plan, renderer)
    result = ConvertResult(plan, generated)
    kept = []
    for file in generated.files:
        check = reparse(file.path, file.kind, file.content)
        result.checks.append(check)
        if check.ok:
            kept.append(file)
        else:
            result.dropped_files.append(file.path)
    generated.files = kept
    spans = {key: list(ranges) for key, ranges in renderer.spans.items()}  # what the bundle holds, before diffs
    for conversion in plan.conversions:
        outcome = _outcome(conversion, generated.failures.get(id(conversion)),
                           _generated_text(plan, renderer, conversion), generated.cautions.get(id(conversion)),
                           generated.unanswered.get(id(conversion)))
        result.conversions.append(outcome)
        if flagged(outcome):
            result.diffs.append((outcome, build(outcome, renderer, spans)))
    return result


# A row whose call was left unconverted: its summary says why ("not converted: part of a samples file",
# "...: it landed in the connector, where ...", a listener reading fields Voice does not give), or it landed
# where it cannot run with a callback that is then never called.
NOT_CONVERTED = "not-converted"


def _outcome(conversion: Conversion, failure: str | None, text: str, caution: str | None = None,
             unanswered_copy: str | None = None) -> Outcome:
    """What the report says of a call: where it landed, its replacement there is what counts; a copy of it
    elsewhere (``unanswered_copy``: its home) that is only a TODO never calling the callback it was given
    makes the row not converted too (the caution says which copy and why)."""
    status = "failed" if failure or conversion.status == "failed" else conversion.status
    safety, summary, todo = conversion.safety, conversion.summary, failure or conversion.todo
    home = conversion.home
    replacement = conversion.replacement(home) if home in (LWC, CONNECTOR) else None
    in_its_slot = conversion.handler_slot is not None and home == CONNECTOR
    other = conversion.replacement(CONNECTOR if home == LWC else LWC) if home in (LWC, CONNECTOR) else None
    if not callable(other):
        replacement = None  # removed or unsupported wherever it lands: the codemod's own words stand
    if isinstance(replacement, Unsupported) and not in_its_slot:
        if safety in (Disposition.AUTO, Disposition.REVIEW):
            safety = Disposition.MANUAL
        summary = f"not converted: it landed in the {home}, where {replacement.reason}"
        status = "failed" if status == "failed" else NOT_CONVERTED
        todo = todo if todo and replacement.reason in todo else replacement.reason
        if replacement.produce is not None:
            todo = f"{todo} In its place {ANSWERED}."
        elif replacement.unanswered:  # a TODO stands in for the call and for the callback it was given
            todo = f"{todo.rstrip('.')}. In its place only a TODO: {replacement.unanswered}."
    elif isinstance(replacement, Removed) and not in_its_slot:
        safety = Disposition.DROP if safety in (Disposition.AUTO, Disposition.REVIEW) else safety
        summary = f"removed: it landed in the {home}, where {replacement.note}"
        todo = todo or f"It landed in the {home}, where {replacement.note}; check nothing depended on it."
    if unanswered_copy and status in ("converted", "unwired"):
        status = NOT_CONVERTED
        summary = f"{summary}; not converted in its copy in the {unanswered_copy}, whose callback is never called"
    if caution:
        safety = Disposition.REVIEW if safety == Disposition.AUTO else safety
        todo = then(todo, caution)
    return Outcome(conversion, status, safety, summary, todo, text)


def _generated_text(plan: Plan, renderer, conversion: Conversion) -> str:
    """What the call became in its home: the text the bundle holds (produced once, when rendered)."""
    if conversion.home not in (LWC, CONNECTOR):
        return ""
    edit = plan.call_edits[id(conversion)]
    text = renderer.produced(edit, conversion.home)
    if text is None:  # its home's code did not render it (e.g. the moved code failed): produce it now
        text = renderer.produce(edit, conversion.home, Needs())
    return text


def bundle_files(result: ConvertResult) -> list[GeneratedFile]:
    from .report import html, migration

    files = list(result.generated.files)
    files.append(GeneratedFile("MIGRATION.md", migration.markdown(result), "md"))
    files.append(GeneratedFile("migration.json", migration.json_text(result), "json"))
    files.append(GeneratedFile("report.html", html.convert_report(result), "html"))
    return files


__all__ = ["ConvertOptions", "ConvertResult", "Outcome", "convert", "bundle_files", "flagged"]
