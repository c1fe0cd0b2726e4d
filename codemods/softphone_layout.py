"""Softphone layouts: getSoftphoneLayout (Lightning) and cti.getSoftphoneLayout (Classic)."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import js_comment, respond

REASON = ("softphone layouts do not exist in Voice: decide the call-related fields and screen-pop rules the "
          "layout held in the LWC (or the Omni-Channel flow) and remove the code that read them")


@register
class SoftphoneLayout(Codemod):
    """getSoftphoneLayout has no Voice equivalent; the call is kept as a failing response.

    What it converts
        ``sforce.opencti.getSoftphoneLayout({callback})`` and Classic
        ``sforce.interaction.cti.getSoftphoneLayout(callback)``.

    Becomes
        A call of ``ctimodUnsupported('getSoftphoneLayout')``: the callback still runs, with
        ``{success: false, errors: [...]}``, so the legacy error path is taken instead of a crash, and a
        TODO names what must be redesigned.

    Safety
        manual: the layout's screenPopSettings (NoMatch / SingleMatch / MultipleMatches) and
        callRelatedFields must be re-decided for Voice.

    References
        Open CTI getSoftphoneLayout; Voice has no softphone layouts.
    """

    id = "softphone-layout"
    members = ("sforce.opencti.getSoftphoneLayout", "sforce.interaction.cti.getSoftphoneLayout")

    def convert(self, site: CallSite, plan) -> Conversion:
        classic = site.use.family == "classic"
        callback = site.handler("callback")
        conversion = Conversion(use=site.use, codemod=self.id, safety="manual", reason=REASON, todo=REASON,
                                summary="kept as a failing response with a TODO")

        def produce(renderer, home):
            helper = plan.bundle.helper("ctimodUnsupported", home)
            call = f"{helper}('getSoftphoneLayout') /* TODO(ctimod): {js_comment(REASON)} */"
            return respond(plan, renderer, home, site, call, callback, classic=classic)

        conversion.lwc = conversion.connector = produce
        return conversion
