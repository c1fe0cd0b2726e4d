"""Search and pop: sforce.opencti.searchAndScreenPop, Classic searchAndScreenPop / searchAndGetScreenPopUrl."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import expr, js_string, option_or_positional, respond

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
        used. Callbacks are still called with the Open CTI response shape. CALL_TYPE constants become
        the strings 'inbound', 'outbound', 'internal'.

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

    def convert(self, site: CallSite, plan) -> Conversion:
        bundle = plan.bundle
        classic = site.use.family == "classic"
        url_only = site.use.api.endswith("searchAndGetScreenPopUrl")
        search = option_or_positional(site, "searchParams", 0)
        call_type = option_or_positional(site, "callType", 2)
        deferred = site.option("deferred")
        callback = site.positional(3) if classic else site.option("callback")
        conversion = Conversion(use=site.use, codemod=self.id, safety="manual", trigger="callstarted",
                                summary=f"Apex SOSL phone search ({SEARCH_CLASS}.search) + NavigationMixin pop",
                                todo=TODO)

        def lwc(renderer, home):
            bundle.navigation = True
            bundle.lwc_helpers.add("ctimodSearchAndPop")
            bundle.apex_method(SEARCH_CLASS, "search")
            search_text = expr(renderer, home, site, search) if search is not None else "''"
            type_text = expr(renderer, home, site, call_type) if call_type is not None else js_string("inbound")
            options = []
            if deferred is not None:
                options.append(f"deferred: {expr(renderer, home, site, deferred)}")
            if url_only:
                options.append("urlOnly: true")
            call = f"this.ctimodSearchAndPop({search_text}, {type_text}, {{ {', '.join(options)} }})"
            if classic:
                return respond(plan, renderer, home, site, call, callback, classic=True,
                               value="(matches) => JSON.stringify(matches)")
            return respond(plan, renderer, home, site, call, callback)

        conversion.lwc = lwc
        conversion.connector = lambda renderer, home: (
            "void 0 /* TODO(ctimod): the connector cannot search or pop records; the Voice LWC searches on the "
            "toolkit's callstarted event */")
        return conversion
