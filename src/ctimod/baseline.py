"""Accepted findings: a baseline file so CI fails only on new Open CTI uses.

``ctimod scan . --write-baseline .ctimod-baseline.json`` records every finding that ``--fail-on``
could count; with ``--baseline`` (or ``baseline = ...`` in the settings) those findings no longer
make the scan fail, new ones still do. A finding is identified by its file (relative to the
baseline file's folder), its API member, its disposition and the text of its source line, never
by its line number: adding lines above an accepted call does not make it new. Identical findings
are counted, so a second copy of an accepted call on another line is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter

FORMAT = "ctimod-baseline-1"


class BaselineError(Exception):
    """The baseline file is missing or not a ctimod baseline (a usage error)."""


def counted(use) -> bool:
    """Whether a use is a finding --fail-on may count (calls and references; every invalid use)."""
    return use.kind in ("call", "reference") or use.disposition == "invalid"


def _key(use, base: str) -> tuple[str, str, str, str]:
    path = os.path.relpath(os.path.abspath(use.file), base).replace(os.sep, "/")
    return (path, use.api, use.disposition, " ".join((use.snippet or "").split()))


def _base(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def write(path: str, uses, writer) -> int:
    """Record ``uses`` (the counted ones) in ``path`` with ``writer(path, text)``; returns how many."""
    base = _base(path)
    keys = sorted(_key(u, base) for u in uses if counted(u))
    findings = [{"file": f, "api": a, "disposition": d, "line": t, "count": n}
                for (f, a, d, t), n in sorted(Counter(keys).items())]
    writer(path, json.dumps({"format": FORMAT, "findings": findings}, indent=2, ensure_ascii=False) + "\n")
    return len(keys)


def load(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} does not exist; create it with --write-baseline {path}") from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path} is not a ctimod baseline (written by --write-baseline)")
    accepted: Counter = Counter()
    for item in data["findings"]:
        try:
            accepted[(item["file"], item["api"], item["disposition"], item["line"])] += int(item.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: malformed finding {item!r}") from None
    return accepted


def new_findings(uses, path: str, accepted: Counter) -> list:
    """The counted uses the baseline does not account for, in scan order."""
    base = _base(path)
    left = Counter(accepted)
    new = []
    for use in uses:
        if not counted(use):
            continue
        key = _key(use, base)
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(use)
    return new
