"""Accepted findings: a baseline file so CI fails only on new Open CTI uses.

``ctimod scan . --write-baseline .ctimod-baseline.json`` records every finding that ``--fail-on``
could count; with ``--baseline`` (or ``baseline = ...`` in the settings) those findings no longer
make the scan fail, new ones still do. A finding is identified by its file (relative to the
baseline file's folder), its API member and the text of its source line, never by its line number:
adding lines above an accepted call does not make it new. Identical findings are counted, so a
second copy of an accepted call on another line is new. Its disposition is recorded but does not
identify it: a ctimod upgrade that rates an accepted call differently does not make it new (the scan
says how many accepted findings changed disposition). Files written before that are read the same way.
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
    """(file, API member, disposition, source line text): what the baseline file records."""
    path = os.path.relpath(os.path.abspath(use.file), base).replace(os.sep, "/")
    return (path, use.api, use.disposition, " ".join((use.snippet or "").split()))


class Accepted:
    """A baseline's findings: how many of each (file, API member, line text), and their dispositions."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.dispositions: dict[tuple, set] = {}


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


def load(path: str) -> Accepted:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(f"baseline {path} does not exist; create it with --write-baseline {path}") from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path} is not a ctimod baseline (written by --write-baseline)")
    accepted = Accepted()
    for item in data["findings"]:
        try:
            key = (item["file"], item["api"], item["line"])
            accepted.counts[key] += int(item.get("count", 1))
            accepted.dispositions.setdefault(key, set()).add(item["disposition"])
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: malformed finding {item!r}") from None
    return accepted


def new_findings(uses, path: str, accepted: Accepted) -> tuple[list, list]:
    """The counted uses the baseline does not account for, in scan order; and the accepted ones whose
    disposition is none the baseline recorded for them (rated otherwise since it was written)."""
    base = _base(path)
    left = Counter(accepted.counts)
    new, changed = [], []
    for use in uses:
        if not counted(use):
            continue
        file, api, disposition, line = _key(use, base)
        key = (file, api, line)
        if left[key] > 0:
            left[key] -= 1
            if disposition not in accepted.dispositions[key]:
                changed.append(use)
        else:
            new.append(use)
    return new, changed
