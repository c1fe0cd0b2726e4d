"""Stage 5, classify: attach to each use its disposition, Voice replacement and codemod id.

All of it comes from :mod:`ctimod.catalog`, the table the codemods register against; this module
only decides *which* catalog entry applies (a screenPop's disposition depends on its type).
"""

from __future__ import annotations

from .catalog import INVALID_MEMBER, Disposition, lookup
from .inventory import ApiUse


def classify(use: ApiUse) -> ApiUse:
    member = lookup(use.api)
    if member is None:
        use.disposition = Disposition.INVALID.value
        use.replacement = INVALID_MEMBER.replacement
        use.codemod = INVALID_MEMBER.codemod
        use.rationale = INVALID_MEMBER.rationale
        return use
    entry = member
    if use.kind == "call" and member.api == "sforce.opencti.screenPop" and use.variant:
        variant = lookup(f"sforce.opencti.SCREENPOP_TYPE.{use.variant}")
        if variant is not None:
            entry = variant
    use.disposition = entry.disposition.value
    use.replacement = entry.replacement
    use.codemod = member.codemod
    use.rationale = entry.rationale
    if use.kind == "call" and member.api == "sforce.opencti.screenPop" and use.variant == "dynamic":
        use.rationale = "The screen pop type is computed at run time; each possible type maps differently."
    return use


def classify_all(uses: list[ApiUse]) -> list[ApiUse]:
    return [classify(u) for u in uses]
