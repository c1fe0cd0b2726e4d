"""Softphone layouts: getSoftphoneLayout (Lightning) and cti.getSoftphoneLayout (Classic)."""

from __future__ import annotations

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, register

from ._shared import helper, js_comment, respond

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
    runs_in = LWC
    members = ("sforce.opencti.getSoftphoneLayout", "sforce.interaction.cti.getSoftphoneLayout")

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        callback = site.handler("callback")
        conversion = self.conversion(site, "kept as a failing response with a TODO", safety=Disposition.MANUAL,
                                     reason=REASON, todo=REASON)

        def produce(r: RenderContext) -> str:
            call = f"{helper(r, 'ctimodUnsupported')}('getSoftphoneLayout') /* TODO(ctimod): {js_comment(REASON)} */"
            return respond(r, call, callback, classic=site.classic)

        conversion.lwc = conversion.connector = produce
        return conversion
