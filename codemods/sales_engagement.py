"""Sales Engagement (High Velocity Sales): sforce.opencti.hvs.onWorkStart / hvs.completeWork."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import js_comment, respond

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

    def convert(self, site: CallSite, plan) -> Conversion:
        name = site.use.api.rsplit(".", 1)[1]
        callback = site.option("callback")
        conversion = Conversion(use=site.use, codemod=self.id, safety="manual", reason=REASON, todo=REASON,
                                summary="removed: no Voice hook for Sales Engagement work")

        def produce(renderer, home):
            comment = f"/* TODO(ctimod): {js_comment(REASON)} */"
            if name == "onWorkStart" or callback is None:
                return f"void 0 {comment}"
            helper = plan.bundle.helper("ctimodUnsupported", home)
            return respond(plan, renderer, home, site, f"{helper}('hvs.{name}') {comment}", callback)

        conversion.lwc = conversion.connector = produce
        return conversion
