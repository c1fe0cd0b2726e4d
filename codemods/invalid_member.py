"""Calls of members that Open CTI does not have."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import js_comment


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

    def convert(self, site: CallSite, plan) -> Conversion:
        hint = site.use.problems[0].message if site.use.problems else f"{site.use.api} is not an Open CTI member"
        conversion = Conversion(use=site.use, codemod=self.id, safety="invalid", reason=hint,
                                todo=f"{hint}. Decide what the legacy code meant and write it for Voice.",
                                summary="neutralised: not an Open CTI member")
        comment = f"void 0 /* TODO(ctimod): {js_comment(hint)}; the call never worked and was removed */"
        conversion.lwc = conversion.connector = lambda renderer, home: comment
        return conversion
