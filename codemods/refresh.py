"""Refreshing views: refreshView (Lightning), refreshPage / refreshRelatedList / entityFeed.* (Classic)."""

from __future__ import annotations

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, Unsupported, register

from ._shared import unsupported, js_comment, respond

FEED_REASON = ("Case Feed publishers (entityFeed) exist only in Salesforce Classic; rebuild the publisher as a "
               "Lightning quick action or LWC and refresh records with notifyRecordUpdateAvailable")


@register
class Refresh(Codemod):
    """Refreshes become notifyRecordUpdateAvailable for the records on screen.

    What it converts
        ``sforce.opencti.refreshView({callback})``, Classic ``refreshPage(callback)``,
        ``refreshRelatedList(listName, callback)`` and the Case Feed calls ``entityFeed.onObjectUpdate``,
        ``entityFeed.refreshObject``, ``entityFeed.reloadFrame``.

    Becomes
        ``notifyRecordUpdateAvailable(this.ctimodVisibleRecordIds())`` from
        ``lightning/uiRecordApi`` in the LWC, where the ids are the record of the current page
        reference (and ``@api recordId`` on a record page). A callback still gets its response.
        Case Feed calls are removed with a TODO (manual).

    Safety
        review: name the records the logic changed (for example the Task just logged) if they are
        not the page's record. manual for entityFeed.

    References
        lightning/uiRecordApi notifyRecordUpdateAvailable.
    """

    id = "refresh"
    members = ("sforce.opencti.refreshView", "sforce.interaction.refreshPage", "sforce.interaction.refreshRelatedList",
               "sforce.interaction.entityFeed.onObjectUpdate", "sforce.interaction.entityFeed.refreshObject",
               "sforce.interaction.entityFeed.reloadFrame")
    runs_in = LWC

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        name = site.name
        classic = site.classic
        conversion = self.conversion(site, trigger="callended")
        if site.use.api.startswith("sforce.interaction.entityFeed."):
            conversion.safety = Disposition.MANUAL
            conversion.reason = conversion.todo = FEED_REASON
            conversion.summary = "removed: Case Feed is Classic-only"
            callback = site.positional({"onObjectUpdate": 0, "refreshObject": 4}.get(name, 99))
            if callback is None or name == "onObjectUpdate":
                conversion.lwc = conversion.connector = Unsupported(f"removed {site.use.api}: {FEED_REASON}")
                return conversion

            def removed(r: RenderContext) -> str:
                comment = f"/* TODO(ctimod): removed {site.use.api}: {js_comment(FEED_REASON)} */"
                return respond(r, f"Promise.resolve(false) {comment}", callback, classic=True, fails=False)

            conversion.lwc = conversion.connector = removed
            return conversion
        callback = site.handler("callback") if not classic else site.positional(1 if name == "refreshRelatedList" else 0)

        def lwc(r: RenderContext) -> str:
            r.lwc_import("lightning/uiRecordApi", "notifyRecordUpdateAvailable")
            r.lwc_import("lightning/navigation", "CurrentPageReference")
            r.member("ctimodAppViewInfo")
            r.member("ctimodVisibleRecordIds")
            call = "notifyRecordUpdateAvailable(this.ctimodVisibleRecordIds())"
            return respond(r, call, callback, classic=classic, value="() => true" if classic else "() => null")

        conversion.summary = "lightning/uiRecordApi notifyRecordUpdateAvailable"
        conversion.todo = ("notifyRecordUpdateAvailable needs record ids: ctimod passes the current page's record; "
                           "add the ids of records this code changed.")
        conversion.lwc = lwc
        conversion.connector = unsupported("the connector cannot refresh views; the Voice LWC refreshes on callended",
                                           callback, classic=classic)
        return conversion
