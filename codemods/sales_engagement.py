"""Sales Engagement (High Velocity Sales): sforce.opencti.hvs.onWorkStart / hvs.completeWork."""

from __future__ import annotations

from ctimod.catalog import Disposition
from ctimod.codemod import CallSite, Codemod, Conversion, ConvertContext, RenderContext, Unsupported, register

from ._shared import helper, js_comment, respond

REASON = ("Sales Engagement cadence work items have no documented Voice connector hook: dial cadence steps "
          "through the connector's dial() (Salesforce sends DIAL when the rep clicks the number) and complete "
          "the step from a Flow or the Sales Engagement UI")


@register
class SalesEngagement(Codemod):
    """Sales Engagement work hooks have no Voice equivalent; they are removed with a TODO.

    What it converts
        ``sforce.opencti.hvs.onWorkStart({listener})`` and
        ``sforce.opencti.hvs.completeWork({workId, attributes, callback})``.

    Becomes
        ``onWorkStart`` registrations are removed (the listener's code stays in the report so its
        dialling logic can be moved to ``dial()``); ``completeWork`` becomes
        ``ctimodUnsupported('hvs.completeWork')`` so its callback takes the failure path.

    Safety
        manual.

    References
        Open CTI Sales Engagement methods (API 46.0+).
    """

    id = "sales-engagement"
    members = ("sforce.opencti.hvs.onWorkStart", "sforce.opencti.hvs.completeWork")

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        callback = site.option("callback")
        conversion = self.conversion(site, "removed: no Voice hook for Sales Engagement work",
                                     safety=Disposition.MANUAL, reason=REASON, todo=REASON)
        if site.name == "onWorkStart" or callback is None:
            conversion.lwc = conversion.connector = Unsupported(REASON)
            return conversion

        def produce(r: RenderContext) -> str:
            call = f"{helper(r, 'ctimodUnsupported')}('hvs.{site.name}') /* TODO(ctimod): {js_comment(REASON)} */"
            return respond(r, call, callback)

        conversion.lwc = conversion.connector = produce
        return conversion
