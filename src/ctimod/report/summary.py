"""Figures every report format shows, computed once from a ScanResult."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..catalog import Disposition, lookup
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


def summarize(result: ScanResult) -> Summary:
    calls = result.calls
    by_disp = Counter(u.disposition for u in calls)
    by_family = Counter(u.family for u in calls)
    by_status = Counter(f.status for f in result.files)
    per_api: dict[str, list] = {}
    for use in result.uses:
        per_api.setdefault(use.api, []).append(use)
    apis = []
    for api, uses in per_api.items():
        member = lookup(api)
        apis.append(ApiCount(
            api=api, family=uses[0].family, count=len(uses),
            dispositions=dict(sorted(Counter(u.disposition for u in uses).items())),
            replacement=member.replacement if member else uses[0].replacement,
            codemod=uses[0].codemod))
    apis.sort(key=lambda a: (-a.count, a.api))
    return Summary(
        files=len(result.files),
        files_with_uses=sum(1 for f in result.files if f.uses),
        calls=len(calls),
        constants=sum(1 for u in result.uses if u.kind == "constant"),
        references=sum(1 for u in result.uses if u.kind == "reference"),
        by_disposition={d: by_disp.get(d, 0) for d in DISPOSITIONS},
        by_family=dict(sorted(by_family.items())),
        by_status=dict(sorted(by_status.items())),
        readiness=result.readiness,
        unanalysed_mentions=sum(f.unanalysed_mentions for f in result.files),
        apis=apis,
        problems=sum(len(u.problems) for u in result.uses),
    )


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"
