"""Attribute paths from the global ``sforce``: what a path denotes, and how values extend.

A value the finder tracks is a *set* of paths (``("sforce", "opencti")``...), so one alias can
hold either family. A path starting with ``FN`` is held by a function that *returns* the rest.
"""

from __future__ import annotations

from functools import lru_cache

from .. import catalog
from ..catalog import ENUMS, NAMESPACES, Family

ROOT = ("sforce",)
FN = "<fn>"  # first element of a path held by a function that *returns* the rest of the path
_PREFIXES = {ns[:i] for ns in NAMESPACES for i in range(1, len(ns))}

Path = tuple


@lru_cache(maxsize=4096)
def path_kind(path: Path) -> str:
    """What an attribute path from the global ``sforce`` denotes."""
    if path in NAMESPACES:
        return "namespace"
    if path in _PREFIXES:
        return "prefix"
    if len(path) >= 3 and path[:-1] in NAMESPACES:
        if catalog.lookup(".".join(path)):
            return "member"
        if path[:-1] == ("sforce", "opencti") and path[-1] in ENUMS:
            return "enum"
        return "unknown-member"
    if len(path) == 4 and path[:2] == ("sforce", "opencti") and path[2] in ENUMS:
        return "constant" if catalog.lookup(".".join(path)) else "unknown-constant"
    if len(path) >= 4 and path[-1] in ("call", "apply") and path_kind(path[:-1]) in ("member", "unknown-member"):
        return "member-call"
    return "dead"


@lru_cache(maxsize=4096)
def family_of(path: Path) -> Family | None:
    for cut in range(len(path), 1, -1):
        family = NAMESPACES.get(tuple(path[:cut]))
        if family is not None:
            return family
    return None


@lru_cache(maxsize=4096)
def extend(values: frozenset, name: str) -> frozenset:
    """The paths ``values.name`` reaches (dead ends dropped)."""
    out = set()
    for path in values:
        if path and path[0] == FN:
            continue
        new = path + (name,)
        if path_kind(new) != "dead":
            out.add(new)
    return frozenset(out)


@lru_cache(maxsize=4096)
def mixed(paths: frozenset) -> bool:
    """Whether the paths hold more than one family."""
    families = {family_of(p) for p in paths if p and p[0] != FN}
    families.discard(None)
    # The bare root or a prefix may become either family later: not mixed yet.
    return len(families) > 1


def shape(args) -> str:
    """How a call passes its arguments: one options ``object``, ``positional``, or ``none``."""
    if args is None:
        return "positional"
    if not args:
        return "none"
    if len(args) == 1 and args[0].type == "object":
        return "object"
    return "positional"


def choose(candidates, call_shape: str):
    """Pick the member a call means when an alias could be either family."""
    if len(candidates) == 1:
        return candidates[0], "namespace"
    valid = [c for c in candidates if c[1] == "member"]
    pool = valid or candidates
    if len(pool) == 1:
        return pool[0], "member-name"
    want = {Family.LIGHTNING} if call_shape == "object" else {Family.CLASSIC, Family.CONSOLE}
    if call_shape == "none":
        want = {Family.CLASSIC, Family.CONSOLE}
    preferred = [c for c in pool if family_of(c[0]) in want]
    chosen = sorted(preferred or pool, key=lambda c: c[0])[0]
    return chosen, "call-shape"


@lru_cache(maxsize=4096)
def bindable(values: frozenset) -> frozenset:
    """The paths worth binding to a name: an enum constant held by a variable leads to no use (the
    constant is reported where it is written), so following it would only cost time."""
    return frozenset(p for p in values if path_kind(p[1:] if p and p[0] == FN else p)
                     not in ("constant", "unknown-constant"))
