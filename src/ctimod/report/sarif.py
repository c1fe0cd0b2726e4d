"""SARIF 2.1.0 (``--format sarif``), loadable by GitHub code scanning.

One rule per codemod (what a use becomes), one per problem code (how a call is wrong) and one per
file diagnostic (what could not be read). Levels: auto/drop -> note, review -> warning,
manual/invalid -> error.
"""

from __future__ import annotations

import hashlib
import json

from .. import __version__
from ..catalog import DISPOSITION_LABELS, Disposition
from ..codemod import registered
from ..inventory import ScanResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/ctimod/ctimod"
LEVELS = {"auto": "note", "drop": "note", "review": "warning", "manual": "error", "invalid": "error"}
DIAGNOSTIC_LEVELS = {"error": "error", "warning": "warning", "info": "note"}

PROBLEM_RULES = {
    "invalid-member": "Call of a member that Open CTI does not have",
    "wrong-option-name": "Option name that the Open CTI method does not read",
    "unknown-option": "Unknown option passed to an Open CTI method",
    "missing-option": "Required option missing from an Open CTI call",
    "positional-to-lightning": "Classic-style positional arguments passed to a Lightning method",
    "object-to-classic": "Lightning-style options object passed to a Classic method",
    "unknown-constant": "Non-existent Open CTI enum key",
    "unknown-enum-value": "String that is not a value of the Open CTI enum",
}


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _uri(path: str) -> str:
    """A file's path as a SARIF URI reference: the file name's bytes percent-encoded (spaces, '#', '%', a byte
    that is not UTF-8, a control character), so code scanning finds the very file."""
    import os
    from urllib.parse import quote

    from ..escape import undisplay_path

    return quote(os.fsencode(undisplay_path(path)), safe="/")


def _location(path: str, line: int | None, column: int | None = None, end_line: int | None = None,
              end_column: int | None = None) -> dict:
    region: dict = {"startLine": max(line or 1, 1)}
    if column:
        region["startColumn"] = column
    if end_line:
        region["endLine"] = end_line
    if end_column:
        region["endColumn"] = end_column
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}, "region": region}}


def document(result: ScanResult) -> dict:
    rules: list[dict] = []
    rule_index: dict[str, int] = {}

    def rule(rule_id: str, name: str, description: str, level: str) -> int:
        if rule_id not in rule_index:
            rule_index[rule_id] = len(rules)
            rules.append({"id": rule_id, "name": name, "shortDescription": {"text": description},
                          "defaultConfiguration": {"level": level},
                          "helpUri": f"{INFORMATION_URI}#codemod-{rule_id.split('/')[-1]}"})
        return rule_index[rule_id]

    for codemod in registered():
        rule(f"ctimod/{codemod.id}", codemod.id.title().replace("-", ""),
             f"Open CTI use handled by the {codemod.id} codemod", "warning")

    results = []
    for report in result.files:
        for use in report.uses:
            if use.kind == "constant" and use.disposition != Disposition.INVALID.value:
                continue  # constants travel with their call
            rule_id = f"ctimod/{use.codemod}"
            variant = f" ({use.variant})" if use.variant and use.variant != "dynamic" else ""
            text = (f"{use.api}{variant}: {DISPOSITION_LABELS[Disposition(use.disposition)]}. "
                    f"Voice replacement: {use.replacement}.")
            if use.via == "alias":
                text += f" Reached through `{use.receiver}`."
            if use.status == "recovered":
                text += " Recovered from code that does not parse: fix the syntax error to convert it."
            results.append({
                "ruleId": rule_id,
                "ruleIndex": rule(rule_id, use.codemod, use.codemod, "warning"),
                "level": LEVELS[use.disposition],
                "message": {"text": text},
                "locations": [_location(use.file, use.line, use.column, use.end_line, use.end_column)],
                "partialFingerprints": {"ctimodUse/v1": _fingerprint(use.file, use.api, use.kind, use.snippet)},
                "properties": {"api": use.api, "family": use.family, "disposition": use.disposition,
                               "replacement": use.replacement, "via": use.via, "status": use.status},
            })
            for problem in use.problems:
                rid = f"ctimod/problem/{problem.code}"
                fixes = []
                if problem.fix is not None:
                    f = problem.fix
                    fixes = [{"description": {"text": f"Replace with `{f.text}`"},
                              "artifactChanges": [{"artifactLocation": {"uri": _uri(use.file), "uriBaseId": "%SRCROOT%"},
                                                   "replacements": [{"deletedRegion": {
                                                       "startLine": f.line, "startColumn": f.column,
                                                       "endLine": f.end_line, "endColumn": f.end_column},
                                                       "insertedContent": {"text": f.text}}]}]}]
                results.append({
                    "ruleId": rid,
                    "ruleIndex": rule(rid, problem.code, PROBLEM_RULES.get(problem.code, problem.code), "error"),
                    "level": "error" if problem.code in ("invalid-member", "wrong-option-name",
                                                         "positional-to-lightning", "unknown-constant") else "warning",
                    "message": {"text": problem.message},
                    "locations": [_location(use.file, use.line, use.column, use.end_line, use.end_column)],
                    "partialFingerprints": {"ctimodProblem/v1": _fingerprint(use.file, problem.code, use.snippet)},
                    **({"fixes": fixes} if fixes else {}),
                })
        for diag in report.diagnostics:
            rid = f"ctimod/file/{diag.code}"
            results.append({
                "ruleId": rid,
                "ruleIndex": rule(rid, diag.code, f"File diagnostic: {diag.code}", DIAGNOSTIC_LEVELS[diag.severity]),
                "level": DIAGNOSTIC_LEVELS[diag.severity],
                "message": {"text": diag.message},
                "locations": [_location(report.path, diag.line, diag.column)],
                "partialFingerprints": {"ctimodFile/v1": _fingerprint(report.path, diag.code, diag.message)},
            })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ctimod", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(result: ScanResult) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
