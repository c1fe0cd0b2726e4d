"""The JSON inventory (``--format json``), described by ``schemas/scan-inventory.schema.json``.

Deterministic: keys in a fixed order, files sorted by path, uses by position, no timestamps and
no absolute paths that were not given on the command line.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from .. import __version__
from ..inventory import SCHEMA_VERSION, ApiUse, FileReport, ScanResult
from .summary import summarize

SCHEMA_ID = f"https://github.com/ctimod/ctimod/schemas/scan-inventory-{SCHEMA_VERSION}.json"

_USE_FIELDS = ("file", "line", "column", "end_line", "end_column", "api", "family", "kind", "via", "receiver",
               "family_basis", "variant", "shape", "options", "disposition", "replacement", "codemod", "rationale",
               "problems", "snippet")


def use_dict(use: ApiUse) -> dict:
    data = asdict(use)
    for problem in data["problems"]:
        fix = problem.pop("fix")
        if fix is not None:
            problem["fix"] = {k: fix[k] for k in ("line", "column", "end_line", "end_column", "text")}
    return {key: data[key] for key in _USE_FIELDS}


def file_dict(report: FileReport) -> dict:
    return {
        "path": report.path,
        "language": report.language,
        "status": report.status,
        "size": report.size,
        "encoding": report.encoding,
        "uses": [use_dict(u) for u in report.uses],
        "diagnostics": [asdict(d) for d in report.diagnostics],
        "error_ranges": [asdict(s) for s in report.error_ranges],
        "unanalysed_mentions": report.unanalysed_mentions,
        "script_loads": [asdict(s) for s in report.script_loads],
        "call_center": asdict(report.call_center) if report.call_center else None,
    }


def document(result: ScanResult, files: bool = True) -> dict:
    summary = summarize(result)
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ctimod", "version": __version__},
        "roots": result.roots,
        "summary": {
            "files": summary.files,
            "files_with_uses": summary.files_with_uses,
            "calls": summary.calls,
            "constants": summary.constants,
            "references": summary.references,
            "by_disposition": summary.by_disposition,
            "by_family": summary.by_family,
            "by_status": summary.by_status,
            "readiness": None if summary.readiness is None else round(summary.readiness, 4),
            "unanalysed_mentions": summary.unanalysed_mentions,
            "problems": summary.problems,
        },
        "apis": [asdict(a) for a in summary.apis],
        "files": [file_dict(f) for f in result.files] if files else [],
        "diagnostics": [asdict(d) for d in result.diagnostics],
    }


def render(result: ScanResult) -> str:
    import io

    buffer = io.StringIO()
    write(result, buffer)
    return buffer.getvalue()


def write(result: ScanResult, handle) -> None:
    """Stream the document: one file entry at a time (the same bytes as json.dumps of the whole)."""
    head = json.dumps(document(result, files=False), indent=2, ensure_ascii=False)
    before, after = head.split('"files": []', 1)
    handle.write(before + '"files": [')
    first = True
    for report in result.files:
        entry = json.dumps(file_dict(report), indent=2, ensure_ascii=False).replace("\n", "\n    ")
        handle.write(("\n    " if first else ",\n    ") + entry)
        first = False
    handle.write(("\n  ]" if not first else "]") + after + "\n")
