"""Page context: getAppViewInfo / onNavigationChange (Lightning), getPageInfo / onFocus / isInConsole (Classic)."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import js_comment, respond


@register
class PageInfo(Codemod):
    """Page context comes from CurrentPageReference and the workspace API in the LWC.

    What it converts
        ``sforce.opencti.getAppViewInfo({callback})``, ``onNavigationChange({listener})`` and Classic
        ``getPageInfo(callback)``, ``onFocus(listener)``, ``isInConsole(callback)``.

    Becomes
        ``@wire(CurrentPageReference)`` in the LWC: ``getAppViewInfo`` answers from the current page
        reference (``{url, recordId, objectType}``; Classic gets the same as a JSON string with
        ``objectId``/``object``); ``onNavigationChange`` / ``onFocus`` listeners are called whenever the
        page reference changes. ``isInConsole`` answers from ``@wire(IsConsoleNavigation)``
        (``lightning/platformWorkspaceApi``). The connector has no page context: there these calls
        are removed with a TODO.

    Safety
        review for page info and navigation (recordName, accountId/contactId are not available
        from a page reference); auto for isInConsole.

    References
        lightning/navigation CurrentPageReference; lightning/platformWorkspaceApi IsConsoleNavigation.
    """

    id = "page-info"
    members = ("sforce.opencti.getAppViewInfo", "sforce.opencti.onNavigationChange", "sforce.interaction.getPageInfo",
               "sforce.interaction.onFocus", "sforce.interaction.isInConsole")

    def convert(self, site: CallSite, plan) -> Conversion:
        name = site.use.api.rsplit(".", 1)[1]
        classic = site.use.family == "classic"
        bundle = plan.bundle
        conversion = Conversion(use=site.use, codemod=self.id, safety=site.use.disposition, summary="")
        if name == "isInConsole":
            callback = site.positional(0)

            def lwc(renderer, home):
                bundle.lwc_import("lightning/platformWorkspaceApi", "IsConsoleNavigation")
                bundle.lwc_wires["isConsoleNavigation"] = "@wire(IsConsoleNavigation) isConsoleNavigation;"
                return respond(plan, renderer, home, site, "Promise.resolve(Boolean(this.isConsoleNavigation))",
                               callback, classic=True)

            conversion.summary = "@wire(IsConsoleNavigation)"
        elif name in ("getAppViewInfo", "getPageInfo"):
            callback = site.handler("callback")

            def lwc(renderer, home):
                bundle.lwc_import("lightning/navigation", "CurrentPageReference")
                bundle.lwc_helpers.add("ctimodAppViewInfo")
                if classic:
                    return respond(plan, renderer, home, site, "Promise.resolve(this.ctimodAppViewInfo(true))",
                                   callback, classic=True, value="(info) => JSON.stringify(info)")
                return respond(plan, renderer, home, site, "Promise.resolve(this.ctimodAppViewInfo(false))", callback)

            conversion.summary = "@wire(CurrentPageReference) (ctimodAppViewInfo())"
            conversion.todo = ("recordName, accountId/contactId and personAccount are not in a page reference; "
                               "read them with getRecord if the logic needs them.")
        else:
            listener = site.handler("listener", "callback")
            conversion.trigger = "connected"

            def lwc(renderer, home):
                bundle.lwc_import("lightning/navigation", "CurrentPageReference")
                bundle.lwc_helpers.add("ctimodAppViewInfo")
                bundle.lwc_helpers.add("ctimodNavigation")
                if listener is None:
                    return "void 0 /* ctimod: no listener to register */"
                from ._shared import handler_text

                return f"this.ctimodOnNavigation({handler_text(renderer, home, site, listener)}, {str(classic).lower()})"

            conversion.summary = "listener called from @wire(CurrentPageReference)"
            conversion.todo = ("The listener runs when the page reference changes (the toolkit has no navigation "
                               "events); it gets {url, recordId, objectType} only.")
        conversion.lwc = lwc
        conversion.connector = lambda renderer, home: (
            f"void 0 /* TODO(ctimod): the connector has no page context; {js_comment(site.use.api)} now runs in the Voice LWC */")
        return conversion
