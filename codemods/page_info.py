"""Page context: getAppViewInfo / onNavigationChange (Lightning), getPageInfo / onFocus / isInConsole (Classic)."""

from __future__ import annotations

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, Removed, Unsupported, register
from ctimod.legacy import find_declaration, is_function, parameter_reads, pattern_keys, pattern_names, unwrap

from ._shared import handler_text, respond


# Classic getPageInfo / onFocus answered a JSON string {url, objectId, objectName, object, displayName[, accountId |
# contactId, personAccount]}; a page reference gives objectId and object (ctimodAppViewInfo(true)).
CLASSIC_PAGE_TODO = ("url, objectName, displayName, accountId/contactId and personAccount are not in a page reference "
                     "(the JSON string holds objectId and object only); read them with getRecord if the logic needs "
                     "them.")


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
    # What a page reference gives a Lightning navigation listener (ctimodAppViewInfo).
    GIVEN = frozenset({"recordId", "objectType"})
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
            conversion.todo = (CLASSIC_PAGE_TODO if classic else
                               "url, recordName, accountId/contactId and personAccount are not in a page reference "
                               "(they are undefined); read them with getRecord if the logic needs them.")
        else:
            listener = site.handler("listener", "callback")
            conversion.trigger = "connected"
            missing = unavailable_reads(site)
            if listener is None:
                lwc = Removed("no listener to register")
            elif missing:
                lwc = Unsupported(unavailable_reason(missing))
                conversion.lwc, conversion.safety, conversion.status = lwc, Disposition.MANUAL, "not-converted"
                conversion.summary = "not converted: the listener reads " + ", ".join(missing)
                conversion.todo = lwc.reason[0].upper() + lwc.reason[1:] + "."
                conversion.connector = Unsupported(lwc.reason)
                return conversion
            else:
                def lwc(r: RenderContext) -> str:
                    r.lwc_import("lightning/navigation", "CurrentPageReference")
                    r.member("ctimodAppViewInfo")
                    r.member("ctimodNavigation")
                    return f"this.ctimodOnNavigation({handler_text(r, listener)}, {str(classic).lower()})"

            conversion.summary = "listener called from @wire(CurrentPageReference)"
            conversion.todo = ("The listener runs when the page reference changes (the toolkit has no navigation "
                               "events); " + ("its JSON string holds objectId and object only (url, objectName, "
                                              "displayName, accountId/contactId and personAccount are absent)."
                                              if classic else
                                              "it gets recordId and objectType only (url and recordName are "
                                              "undefined)."))
        conversion.lwc = lwc
        conversion.connector = Unsupported(f"the connector has no page context; {site.use.api} now runs in the Voice "
                                           "LWC")
        return conversion


def unavailable_reason(missing: list[str]) -> str:
    """Why a Lightning navigation listener reading ``missing`` payload fields is not registered (scan says it too)."""
    return ("the listener reads " + ", ".join(f"`{f}`" for f in missing) + " of the navigation payload, which a "
            "page reference does not give (it has recordId and objectType only): not registered; rewrite it over "
            "@wire(CurrentPageReference) or getRecord")


def unavailable_reads(site: CallSite) -> list[str]:
    """The payload fields a Lightning onNavigationChange listener reads that a page reference cannot give (what
    makes convert leave it unregistered, manual); [] for a listener it registers."""
    listener = site.handler("listener", "callback")
    return [] if site.classic or listener is None else _unavailable_reads(site, listener, PageInfo.GIVEN)


def _unavailable_reads(site: CallSite, listener, given) -> list[str]:
    """Payload fields a Lightning listener reads that the page reference cannot give, in name order."""
    fn = unwrap(listener)
    if fn is not None and fn.type == "identifier":
        declaration = find_declaration(site.file.data, site.file.text(fn), fn)
        fn = None
        if declaration is not None and declaration.kind == "function":
            fn = declaration.declarator
        elif declaration is not None and declaration.kind in ("var", "let", "const"):
            fn = unwrap(declaration.declarator.child_by_field_name("value"))
    if fn is None or not is_function(fn):
        return []
    params = fn.child_by_field_name("parameters")
    first = fn.child_by_field_name("parameter") or (params.named_children[0] if params and params.named_children
                                                    else None)
    if first is not None and first.type == "required_parameter":
        first = first.child_by_field_name("pattern")
    keys = pattern_keys(site.file.data, first)
    if keys is not None:  # function ({ url, recordId }) { ... }
        return sorted(keys - given)
    names = pattern_names(site.file.data, first) if first is not None else []
    if first is None or first.type != "identifier" or len(names) != 1:
        return []
    fields, _ = parameter_reads(site.file.data, fn, names[0], site.file.language_at(fn.start_byte))
    return sorted(fields - given)
