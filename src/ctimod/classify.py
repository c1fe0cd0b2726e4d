"""Stage 5, classify: attach to each use its disposition, Voice replacement and codemod id.

All of it comes from :mod:`ctimod.catalog`, the table the codemods register against; this module
only decides *which* catalog entry applies (a screenPop's disposition depends on its type).
"""

from __future__ import annotations

from .catalog import INVALID_MEMBER, Disposition, lookup
from .inventory import ApiUse


def _entry(api: str, kind: str, variant: str | None) -> tuple[str, str, str, str]:
    """(disposition, replacement, codemod, rationale) of a use: the catalog's row for it."""
    member = lookup(api)
    if member is None:
        return (Disposition.INVALID.value, INVALID_MEMBER.replacement, INVALID_MEMBER.codemod,
                INVALID_MEMBER.rationale)
    entry = member
    if kind == "call" and member.api == "sforce.opencti.screenPop" and variant:
        found = lookup(f"sforce.opencti.SCREENPOP_TYPE.{variant}")
        if found is not None:
            entry = found
    rationale = entry.rationale
    if kind == "call" and member.api == "sforce.opencti.screenPop" and variant == "dynamic":
        rationale = "The screen pop type is computed at run time; each possible type maps differently."
    return entry.disposition.value, entry.replacement, member.codemod, rationale


# (api, kind, variant) -> the row: a file of thousands of uses names a few dozen members.
_ENTRIES: dict[tuple, tuple[str, str, str, str]] = {}


def classify(use: ApiUse) -> ApiUse:
    key = (use.api, use.kind, use.variant)
    row = _ENTRIES.get(key)
    if row is None:
        row = _ENTRIES[key] = _entry(*key)
    use.disposition, use.replacement, use.codemod, use.rationale = row
    return use


def classify_all(uses: list[ApiUse]) -> list[ApiUse]:
    for use in uses:
        classify(use)
    return uses
