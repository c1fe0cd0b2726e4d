"""Calls of members that Open CTI does not have."""

from __future__ import annotations

from ctimod.catalog import Disposition
from ctimod.codemod import CallSite, Codemod, Conversion, ConvertContext, Unsupported, register


@register
class InvalidMember(Codemod):
    """Calls of non-existent members are reported and neutralised, never guessed at.

    What it converts
        Calls such as ``sforce.opencti.onReady(...)``, ``sforce.opencti.onSoftphoneOpen(...)`` or
        ``sforce.opencti.searchAndscreenPop(...)`` (wrong case): members the API never had, so the
        legacy code never worked as written.

    Becomes
        ``void 0`` with a comment naming the member and the documented member it most likely
        meant. ctimod does not convert the call as if it were the suggestion: that would change
        behaviour the legacy adapter never had.

    Safety
        invalid: fix or delete the legacy call's intent by hand.

    References
        The Open CTI method lists (Lightning and Classic).
    """

    id = "invalid-member"
    members = ()

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        hint = site.use.problems[0].message if site.use.problems else f"{site.use.api} is not an Open CTI member"
        conversion = self.conversion(site, "neutralised: not an Open CTI member", safety=Disposition.INVALID,
                                     reason=hint, todo=f"{hint}. Decide what the legacy code meant and write it for Voice.")
        conversion.lwc = conversion.connector = Unsupported(f"{hint}; the call never worked and was removed")
        return conversion
