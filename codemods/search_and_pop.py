"""Search and pop: sforce.opencti.searchAndScreenPop, Classic searchAndScreenPop / searchAndGetScreenPopUrl."""

from __future__ import annotations

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, register

from ._shared import unsupported, js_string, option_or_positional, respond

SEARCH_CLASS = "CtimodSoftphoneSearch"
TODO = ("Softphone-layout search rules are not used by Voice. ctimod generated an Apex SOSL phone search "
        "(CtimodSoftphoneSearch.search over Contact, Account and Lead phone fields) that pops the single match, "
        "like a softphone layout with 'SingleMatch: PopToEntity'; check the objects searched, what happens on "
        "no or multiple matches, and consider matching at routing time in the Omni-Channel flow instead.")


@register
class SearchAndPop(Codemod):
    """searchAndScreenPop becomes an Apex phone search plus a NavigationMixin pop.

    What it converts
        ``sforce.opencti.searchAndScreenPop({searchParams, queryParams, callType, deferred, callback})``,
        Classic ``sforce.interaction.searchAndScreenPop(searchParams, queryParams, callType, callback)``
        and ``searchAndGetScreenPopUrl(...)``; the ``CALL_TYPE`` constants.

    Becomes
        ``this.ctimodSearchAndPop(searchParams, callType, options)`` in the LWC: an imperative call
        of the generated ``@AuraEnabled`` Apex method ``CtimodSoftphoneSearch.search`` (SOSL over phone
        fields), returning matches in Open CTI's shape ``{<recordId>: {Id, Name, object}}`` and
        navigating to the single match of an inbound call unless ``deferred`` (or the Url variant) is
        used; with ``deferred`` the result also holds ``SCREEN_POP_DATA`` (a record pop of the single
        match, a search pop otherwise) for a later ``screenPop(SCREEN_POP_DATA)``. ``queryParams``,
        flow ``params`` and ``defaultFieldValues`` are not used and the TODO says so. Callbacks are still called with the Open CTI response shape. CALL_TYPE constants become
        the strings 'inbound', 'outbound', 'internal'. The Apex class ``CtimodSoftphoneSearch`` is
        written into the bundle.

    Safety
        manual: Voice has no softphone layouts, so the search and pop rules must be re-decided; the
        mechanical part (search, pop, callback) is generated and compiles.

    References
        Open CTI searchAndScreenPop; LWC imperative Apex; NavigationMixin.
    """

    id = "search-and-pop"
    members = ("sforce.opencti.searchAndScreenPop", "sforce.interaction.searchAndScreenPop",
               "sforce.interaction.searchAndGetScreenPopUrl", "sforce.opencti.CALL_TYPE.INBOUND",
               "sforce.opencti.CALL_TYPE.OUTBOUND", "sforce.opencti.CALL_TYPE.INTERNAL")
    runs_in = LWC
    compliance = ("screen-pops",)

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        url_only = site.use.api.endswith("searchAndGetScreenPopUrl")
        search = option_or_positional(site, "searchParams", 0)
        call_type = option_or_positional(site, "callType", 2)
        deferred = site.option("deferred")
        callback = site.positional(3) if site.classic else site.option("callback")
        search_import = context.apex_import(SEARCH_CLASS, "search")
        conversion = self.conversion(site, f"Apex SOSL phone search ({SEARCH_CLASS}.search) + NavigationMixin pop",
                                     safety=Disposition.MANUAL, trigger="callstarted", todo=TODO)
        unused = [key for key in ("queryParams", "params", "defaultFieldValues") if site.option(key) is not None]
        if site.classic and site.positional(1) is not None:
            unused.append("queryParams")
        if deferred is not None and deferred.type != "false":
            # What the generated code does with an unknown caller: Open CTI's SCREEN_POP_DATA came from the
            # org's softphone layout (its NoMatch / MultipleMatches pop), which no converted code can know.
            conversion.todo += (" With `deferred`, SCREEN_POP_DATA is a record pop of the single match; with no match "
                                "or several it is a search pop ({type: 'search', params: {searchString}}), not the "
                                "pop the org's softphone layout chose for them (a new-record pop, say). A converted "
                                "screenPop() given that search pop opens nothing: it logs 'ctimod TODO: screen pop "
                                "type search has no page reference in Salesforce Voice: nothing popped', answers its "
                                "callback with Open CTI's failure response ({success: false, errors}) and the "
                                "statements after it run (the search's own callback runs too, with the matches "
                                "and SCREEN_POP_DATA). Decide what the "
                                "softphone does for an unknown or ambiguous caller (a new-record pop with the "
                                "number, say).")
        if unused:
            conversion.todo += (f" Not used by the generated search: {', '.join(unused)} (the query string Open CTI "
                                "appended to the pop URL, the flow arguments and the defaults of a new record the "
                                "softphone layout would open); carry them into the pop by hand if they matter.")

        def lwc(r: RenderContext) -> str:
            r.navigation()
            r.apex_class(SEARCH_CLASS, "apex/search.cls.j2")
            r.default_import(search_import, f"@salesforce/apex/{SEARCH_CLASS}.search")
            r.member("ctimodSearchAndPop", search_import=search_import)
            search_text = r.expr(search) if search is not None else "''"
            type_text = r.expr(call_type) if call_type is not None else js_string("inbound")
            options = []
            if deferred is not None:
                options.append(f"deferred: {r.expr(deferred)}")
            if url_only:
                options.append("urlOnly: true")
            call = f"this.ctimodSearchAndPop({search_text}, {type_text}, {{ {', '.join(options)} }})"
            if site.classic:
                return respond(r, call, callback, classic=True, value="(matches) => JSON.stringify(matches)")
            return respond(r, call, callback)

        conversion.lwc = lwc
        conversion.connector = unsupported("the connector cannot search or pop records; the Voice LWC searches on "
                                           "the toolkit's callstarted event", callback, classic=site.classic)
        return conversion
