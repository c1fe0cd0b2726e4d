"""Page context: getAppViewInfo / onNavigationChange (Lightning), getPageInfo / onFocus / isInConsole (Classic)."""

from __future__ import annotations

from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, Removed, Unsupported, register

from ._shared import handler_text, respond


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
    runs_in = LWC

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        name = site.name
        classic = site.classic
        conversion = self.conversion(site)
        if name == "isInConsole":
            callback = site.positional(0)

            def lwc(r: RenderContext) -> str:
                r.lwc_import("lightning/platformWorkspaceApi", "IsConsoleNavigation")
                r.wire("isConsoleNavigation", "@wire(IsConsoleNavigation) isConsoleNavigation;")
                return respond(r, "Promise.resolve(Boolean(this.isConsoleNavigation))", callback, classic=True)

            conversion.summary = "@wire(IsConsoleNavigation)"
        elif name in ("getAppViewInfo", "getPageInfo"):
            callback = site.handler("callback")

            def lwc(r: RenderContext) -> str:
                r.lwc_import("lightning/navigation", "CurrentPageReference")
                r.member("ctimodAppViewInfo")
                if classic:
                    return respond(r, "Promise.resolve(this.ctimodAppViewInfo(true))", callback, classic=True,
                                   value="(info) => JSON.stringify(info)")
                return respond(r, "Promise.resolve(this.ctimodAppViewInfo(false))", callback)

            conversion.summary = "@wire(CurrentPageReference) (ctimodAppViewInfo())"
            conversion.todo = ("url, recordName, accountId/contactId and personAccount are not in a page reference "
                               "(they are undefined); read them with getRecord if the logic needs them.")
        else:
            listener = site.handler("listener", "callback")
            conversion.trigger = "connected"
            if listener is None:
                lwc = Removed("no listener to register")
            else:
                def lwc(r: RenderContext) -> str:
                    r.lwc_import("lightning/navigation", "CurrentPageReference")
                    r.member("ctimodAppViewInfo")
                    r.member("ctimodNavigation")
                    return f"this.ctimodOnNavigation({handler_text(r, listener)}, {str(classic).lower()})"

            conversion.summary = "listener called from @wire(CurrentPageReference)"
            conversion.todo = ("The listener runs when the page reference changes (the toolkit has no navigation "
                               "events); it gets recordId and objectType only (url and recordName are undefined).")
        conversion.lwc = lwc
        conversion.connector = Unsupported(f"the connector has no page context; {site.use.api} now runs in the Voice "
                                           "LWC")
        return conversion
