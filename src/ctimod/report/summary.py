"""Figures every report format shows, computed once from a ScanResult."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..catalog import NEVER_RAN_LABEL, Disposition, lookup
from ..inventory import ScanResult

DISPOSITIONS = [d.value for d in Disposition]


@dataclass
class ApiCount:
    api: str
    family: str
    count: int
    dispositions: dict[str, int]
    replacement: str
    codemod: str
    left_out: dict[str, int] = field(default_factory=dict)  # calls counted apart from dispositions (as Summary's)


@dataclass
class Summary:
    files: int
    files_with_uses: int
    calls: int
    constants: int
    references: int
    by_disposition: dict[str, int]
    by_family: dict[str, int]
    by_status: dict[str, int]
    readiness: float | None
    unanalysed_mentions: int
    apis: list[ApiCount] = field(default_factory=list)
    problems: int = 0
    # Calls counted apart from by_disposition, as convert counts them (migration.json summary.left_out): in a
    # branch that never ran (dead code), which convert removes for that reason, not because Voice owns it.
    left_out: dict[str, int] = field(default_factory=dict)


def left_out(use) -> str | None:
    """The kind of call convert leaves out that scan can tell from the file alone (``dead-code``), or None."""
    return "dead-code" if use.disposition == "drop" and use.replacement == NEVER_RAN_LABEL else None


def tally(uses) -> tuple:
    """What :func:`summarize` takes from one file's uses, so that the uses need not travel: (uses,
    problems, calls by disposition, calls by family, constants, references, per member in order of
    first use: [family, count, {disposition: count}, replacement, codemod], calls left out by kind)."""
    by_disp: dict[str, int] = {}
    left: dict[str, int] = {}
    by_family: dict[str, int] = {}
    per_api: dict[str, list] = {}
    problems = constants = references = 0
    for use in uses:
        if use.problems:
            problems += len(use.problems)
        kind = use.kind
        out = None
        if kind == "call":
            out = left_out(use)
            if out is None:
                by_disp[use.disposition] = by_disp.get(use.disposition, 0) + 1
            else:
                left[out] = left.get(out, 0) + 1
            by_family[use.family] = by_family.get(use.family, 0) + 1
        elif kind == "constant":
            constants += 1
        else:
            references += 1
        entry = per_api.get(use.api)
        if entry is None:
            entry = per_api[use.api] = [use.family, 0, {}, use.replacement, use.codemod, {}]
        entry[1] += 1
        counted, key = (entry[2], use.disposition) if out is None else (entry[5], out)
        counted[key] = counted.get(key, 0) + 1
    return len(uses), problems, by_disp, by_family, constants, references, per_api, left


def summarize(result: ScanResult) -> Summary:
    """One pass over the reports (they may be streamed from disk): counters only."""
    by_disp: Counter = Counter()
    left: Counter = Counter()
    by_family: Counter = Counter()
    by_status: Counter = Counter()
    per_api: dict[str, dict] = {}
    files = files_with_uses = calls = constants = references = unanalysed = problems = 0
    for report in result.files:
        files += 1
        by_status[report.status] += 1
        unanalysed += report.unanalysed_mentions
        if report.tally is not None:  # (counted where the file was analysed)
            count, its_problems, its_disp, its_family, its_constants, its_references, its_apis, its_left = report.tally
            files_with_uses += bool(count)
            problems += its_problems
            calls += sum(its_disp.values()) + sum(its_left.values())
            by_disp.update(its_disp)
            left.update(its_left)
            by_family.update(its_family)
            constants += its_constants
            references += its_references
            for api, (family, n, dispositions, replacement, codemod, its_out) in its_apis.items():
                entry = per_api.get(api)
                if entry is None:
                    entry = per_api[api] = {"family": family, "count": 0, "dispositions": Counter(),
                                            "replacement": replacement, "codemod": codemod, "left_out": Counter()}
                entry["count"] += n
                entry["dispositions"].update(dispositions)
                entry["left_out"].update(its_out)
            continue
        if report.uses:
            files_with_uses += 1
        for use in report.uses:
            problems += len(use.problems)
            out = None
            if use.kind == "call":
                calls += 1
                out = left_out(use)
                if out is None:
                    by_disp[use.disposition] += 1
                else:
                    left[out] += 1
                by_family[use.family] += 1
            elif use.kind == "constant":
                constants += 1
            else:
                references += 1
            entry = per_api.get(use.api)
            if entry is None:  # (not setdefault: that would build a Counter for every use)
                entry = per_api[use.api] = {"family": use.family, "count": 0, "dispositions": Counter(),
                                            "replacement": use.replacement, "codemod": use.codemod,
                                            "left_out": Counter()}
            entry["count"] += 1
            if out is None:
                entry["dispositions"][use.disposition] += 1
            else:  # (counted apart, as the totals count it)
                entry["left_out"][out] += 1
    apis = []
    for api, entry in per_api.items():
        member = lookup(api)
        apis.append(ApiCount(api=api, family=entry["family"], count=entry["count"],
                             dispositions=dict(sorted(entry["dispositions"].items())),
                             replacement=member.replacement if member else entry["replacement"],
                             codemod=entry["codemod"], left_out=dict(sorted(entry["left_out"].items()))))
    apis.sort(key=lambda a: (-a.count, a.api))
    return Summary(
        files=files, files_with_uses=files_with_uses, calls=calls, constants=constants, references=references,
        by_disposition={d: by_disp.get(d, 0) for d in DISPOSITIONS},
        by_family=dict(sorted(by_family.items())), by_status=dict(sorted(by_status.items())),
        readiness=(by_disp.get("auto", 0) / calls) if calls else None,
        unanalysed_mentions=unanalysed, apis=apis, problems=problems, left_out=dict(sorted(left.items())))


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"
