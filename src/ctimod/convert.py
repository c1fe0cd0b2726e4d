"""The convert pipeline: plan -> render -> verify -> (write) -> report.

:func:`convert` builds everything in memory; :func:`bundle_files` adds the reports
(MIGRATION.md, migration.json, report.html); the CLI writes them with :mod:`ctimod.write`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .generate import Generated, GeneratedFile, generate
from .plan import ConvertOptions, Plan, make_plan
from .verify import Check, reparse


@dataclass
class ConvertResult:
    plan: Plan
    generated: Generated
    checks: list[Check] = field(default_factory=list)
    diffs: list = field(default_factory=list)  # (Conversion, SideBySide) for every flagged conversion
    dropped_files: list[str] = field(default_factory=list)  # generated files that failed to parse

    @property
    def conversions(self):
        return self.plan.conversions

    @property
    def failed(self) -> list:
        return [c for c in self.plan.conversions if c.status == "failed"]


def flagged(conversion) -> bool:
    return conversion.safety != "auto" or conversion.status == "failed"


def convert(paths: list[str], options: ConvertOptions) -> ConvertResult:
    from .codemod import CONNECTOR, LWC
    from .report.sidebyside import build

    plan = make_plan(paths, options)
    generated = generate(plan)
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
    for conversion in plan.conversions:
        home = conversion.home if conversion.home in (LWC, CONNECTOR) else None
        if home is not None:
            producer = conversion.lwc if home == LWC else conversion.connector
            try:
                conversion.generated = producer(plan.renderer, home) if producer else ""
            except Exception as exc:  # already reported by the renderer as a failed conversion
                conversion.generated = f"(failed: {exc})"
        else:
            conversion.generated = ""
        if flagged(conversion):
            result.diffs.append((conversion, build(conversion, plan, plan.renderer)))
    return result


def bundle_files(result: ConvertResult) -> list[GeneratedFile]:
    from .report import html, migration

    files = list(result.generated.files)
    files.append(GeneratedFile("MIGRATION.md", migration.markdown(result), "md"))
    files.append(GeneratedFile("migration.json", migration.json_text(result), "json"))
    files.append(GeneratedFile("report.html", html.convert_report(result), "html"))
    return files


__all__ = ["ConvertOptions", "ConvertResult", "convert", "bundle_files", "flagged"]
