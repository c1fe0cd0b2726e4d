"""Page context: getAppViewInfo / onNavigationChange (Lightning), getPageInfo / onFocus / isInConsole (Classic)."""

from __future__ import annotations

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, Removed, Unsupported, register
from ctimod.legacy import find_declaration, is_function, parameter_reads, parent_of, pattern_keys, pattern_names, unwrap

from ._shared import handler_text, respond, unsupported


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
        from a page reference); manual, not converted, for a Lightning ``getAppViewInfo`` callback or
        ``onNavigationChange`` listener that reads what a page reference does not give (``url``,
        ``recordName``, ``accountId``...): the callback is not called with those fields undefined (a listener is
        not registered; a callback gets Open CTI's failure response if it checks for one, else a TODO stands in
        for it); auto for isInConsole.

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
            missing = unavailable_reads(site)
            if missing:  # its callback would run on undefined url / recordName: not converted (as a listener)
                reason = unavailable_reason(missing, "callback")
                conversion.lwc = unsupported(reason, callback)
                conversion.safety, conversion.status = Disposition.MANUAL, "not-converted"
                conversion.summary = "not converted: the callback reads " + ", ".join(missing)
                conversion.todo = reason[0].upper() + reason[1:] + "."
                conversion.connector = Unsupported(reason)
                return conversion

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


def unavailable_reason(missing: list[str], handler: str = "listener") -> str:
    """Why a Lightning navigation listener (or getAppViewInfo ``callback``) reading ``missing`` payload fields is
    not registered (not converted); scan says it too."""
    if handler == "callback":
        return ("the callback reads " + ", ".join(f"`{f}`" for f in missing) + " of getAppViewInfo's returnValue, "
                "which a page reference does not give (it has recordId and objectType only): not converted; rewrite "
                "it over @wire(CurrentPageReference) or getRecord")
    return ("the listener reads " + ", ".join(f"`{f}`" for f in missing) + " of the navigation payload, which a "
            "page reference does not give (it has recordId and objectType only): not registered; rewrite it over "
            "@wire(CurrentPageReference) or getRecord")


def unavailable_reads(site: CallSite) -> list[str]:
    """The payload fields a Lightning onNavigationChange listener (or getAppViewInfo callback, in its
    ``returnValue``) reads that a page reference cannot give (what makes convert leave it unregistered or
    unconverted, manual); [] for one it converts."""
    if site.classic:
        return []
    if site.name == "getAppViewInfo":
        callback = site.handler("callback")
        return [] if callback is None else _unavailable_result_reads(site, callback, PageInfo.GIVEN)
    listener = site.handler("listener", "callback")
    return [] if listener is None else _unavailable_reads(site, listener, PageInfo.GIVEN)


def _function(site: CallSite, handler):
    """The function a handler expression is (inline, or a function / const declared by that name), or None."""
    fn = unwrap(handler)
    if fn is not None and fn.type == "identifier":
        declaration = find_declaration(site.file.data, site.file.text(fn), fn)
        fn = None
        if declaration is not None and declaration.kind == "function":
            fn = declaration.declarator
        elif declaration is not None and declaration.kind in ("var", "let", "const"):
            fn = unwrap(declaration.declarator.child_by_field_name("value"))
    return fn if fn is not None and is_function(fn) else None


def _first_param(fn):
    params = fn.child_by_field_name("parameters")
    first = fn.child_by_field_name("parameter") or (params.named_children[0] if params and params.named_children
                                                    else None)
    if first is not None and first.type == "required_parameter":
        first = first.child_by_field_name("pattern")
    return first


# Expressions a result passes through unchanged on its way to a variable (`r.success ? r.returnValue : null`).
PASS_THROUGH = ("parenthesized_expression", "ternary_expression", "binary_expression")


def _unavailable_result_reads(site: CallSite, callback, given) -> list[str]:
    """Fields of getAppViewInfo's ``returnValue`` a Lightning callback reads that the page reference cannot give,
    in name order: ``response.returnValue.url``, and ``info.url`` after ``var info = response.returnValue`` (also
    through ``response.success ? response.returnValue : null``) or ``const { url } = response.returnValue``."""
    fn = _function(site, callback)
    first = _first_param(fn) if fn is not None else None
    if first is None or first.type != "identifier":
        return []
    data, name = site.file.data, site.file.text(first)
    fields: set[str] = set()
    aliases = []  # declarators whose variable holds the returnValue
    for node in _walk(fn.child_by_field_name("body")):
        if node.type != "member_expression" or site.file.text(node.child_by_field_name("object")) != name:
            continue
        prop = node.child_by_field_name("property")
        if prop is None or site.file.text(prop) != "returnValue":
            continue
        declaration = find_declaration(data, name, node.child_by_field_name("object"))
        if declaration is None or declaration.kind != "param" or declaration.node != fn:
            continue
        outer, parent = node, parent_of(node)
        if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == node:
            field = parent.child_by_field_name("property")
            if field is not None and field.type == "property_identifier":
                fields.add(site.file.text(field))
            continue
        while parent is not None and parent.type in PASS_THROUGH and parent.child_by_field_name("condition") != outer \
                and (parent.child_by_field_name("left") != outer or _default(site, parent)):
            outer, parent = parent, parent_of(parent)
        if parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("value") == outer:
            target = parent.child_by_field_name("name")
            keys = pattern_keys(data, target)
            if keys is not None:
                fields |= keys
            elif target is not None and target.type == "identifier":
                aliases.append(parent)
    for declarator in aliases:
        alias = site.file.text(declarator.child_by_field_name("name"))
        for node in _walk(fn.child_by_field_name("body")):
            if node.type != "identifier" or site.file.text(node) != alias:
                continue
            declaration = find_declaration(data, alias, node)
            parent = parent_of(node)
            if declaration is None or declaration.declarator != declarator or parent is None or \
                    parent.type != "member_expression" or parent.child_by_field_name("object") != node:
                continue
            field = parent.child_by_field_name("property")
            if field is not None and field.type == "property_identifier":
                fields.add(site.file.text(field))
    return sorted(fields - given)


def _default(site: CallSite, binary) -> bool:
    """Whether a binary expression passes its left operand on (``response.returnValue || {}``, ``?? {}``)."""
    operator = binary.child_by_field_name("operator")
    return operator is not None and site.file.text(operator) in ("||", "??")


def _walk(node):
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _unavailable_reads(site: CallSite, listener, given) -> list[str]:
    """Payload fields a Lightning listener reads that the page reference cannot give, in name order."""
    fn = _function(site, listener)
    if fn is None:
        return []
    first = _first_param(fn)
    keys = pattern_keys(site.file.data, first)
    if keys is not None:  # function ({ url, recordId }) { ... }
        return sorted(keys - given)
    names = pattern_names(site.file.data, first) if first is not None else []
    if first is None or first.type != "identifier" or len(names) != 1:
        return []
    fields, _ = parameter_reads(site.file.data, fn, names[0], site.file.language_at(fn.start_byte))
    return sorted(fields - given)
