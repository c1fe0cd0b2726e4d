"""The Open CTI catalog: every documented member, what it becomes in Voice, and how safely.

This table is the single source of truth shared by the scanner (which classifies each use) and
the codemods (each declares the members listed here that it converts; ``Member.codemod`` reads
those declarations, so the mapping exists once). It is derived
from the mapping table in ``shared/reference/opencti-scv-api.md`` §7 (sources [S6], [S25]-[S30]);
the "Kind" column there maps to dispositions as A -> auto, P -> review, M -> manual,
"M -> drop" -> drop.

Nothing here imports a parser: ``ctimod --help`` and ``ctimod explain`` stay light.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum


class Disposition(str, Enum):
    """What happens to an Open CTI use in the migration, from safest to least safe."""

    AUTO = "auto"  # converted automatically
    REVIEW = "review"  # converted, a human must check the result
    MANUAL = "manual"  # no Voice equivalent: a human must redesign it
    DROP = "drop"  # removed because Voice (Salesforce) owns the behaviour
    INVALID = "invalid"  # not an Open CTI member at all: the legacy code is wrong

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


# What scan can vouch for. A use's disposition comes from the catalog (and the call's own text); for `auto` and
# `review` it is the most `ctimod convert` gives that call: convert decides per call from the whole adapter (where
# the code lands and whether anything calls it, which names a moved listener reads, whether a connector call's
# callback can run, a superseded copy or a samples file it leaves alone) and may rate it lower. `drop`, `manual`
# and `invalid` are what convert gives whatever the rest of the adapter is. The JSON inventory says which
# (schema 1.2: "certainty"), and the readiness figure is a ceiling.
EXACT = "exact"
AT_MOST = "at-most"
_EXACT_DISPOSITIONS = frozenset({"drop", "manual", "invalid"})


def certainty(disposition: str) -> str:
    """``exact`` when convert gives the call this disposition whatever the adapter, ``at-most`` when it is a ceiling."""
    return EXACT if disposition in _EXACT_DISPOSITIONS else AT_MOST


# What a converted call's status adds to its safety where reports show it (converted: nothing).
STATUS_WORDS = {"failed": "failed", "not-converted": "not converted", "unwired": "unwired"}
DISPOSITION_LABELS = {
    Disposition.AUTO: "converted automatically",
    Disposition.REVIEW: "converted, needs review",
    Disposition.MANUAL: "no Voice equivalent (manual)",
    Disposition.DROP: "removed: Voice owns it",
    Disposition.INVALID: "invalid: not an Open CTI member",
}
# The label of a DROP row removed for another reason than Voice owning the behaviour (Conversion.left_out): a
# call in a branch the legacy code never ran (an `if` on a constant), in a samples file, in a copy of the adapter
# (or an earlier version of a page) that another copy supersedes, in the branch of a feature check ctimod
# evaluated that does not run in Voice (the other API family's, or one the check rules out). LEFT_OUT_WORDS: the same, in the terminal plan
# and report.html's badge.
NEVER_RAN_LABEL = "removed: the legacy code never ran it (dead code)"
LEFT_OUT_LABELS = {"dead-code": NEVER_RAN_LABEL,
                   "samples": "left out: a samples file, which the adapter never runs",
                   "variant": "left out: a superseded copy (another copy of it is converted)",
                   "feature-check": "removed with the branch of a feature check that does not run in Voice"}
LEFT_OUT_WORDS = {"dead-code": "dead code", "samples": "samples", "variant": "superseded",
                  "feature-check": "feature check"}


def disposition_label(safety, left_out: str = "") -> str:
    """How reports name a converted call's safety (``left_out``: Conversion.left_out, for a removed call)."""
    return LEFT_OUT_LABELS[left_out] if left_out and Disposition(safety) == Disposition.DROP else \
        DISPOSITION_LABELS[Disposition(safety)]


def safety_word(safety, left_out: str = "") -> str:
    """The safety in one word or two (terminal plan, report.html's badge)."""
    return LEFT_OUT_WORDS[left_out] if left_out and Disposition(safety) == Disposition.DROP else Disposition(safety).value


class Family(str, Enum):
    LIGHTNING = "lightning"  # sforce.opencti.*
    CLASSIC = "classic"  # sforce.interaction.* (+ .cti, .entityFeed)
    CONSOLE = "console"  # sforce.console.cti.* (Console Integration Toolkit)

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


# Namespaces (as attribute paths from the global ``sforce``) and the family they belong to.
NAMESPACES: dict[tuple[str, ...], Family] = {
    ("sforce", "opencti"): Family.LIGHTNING,
    ("sforce", "opencti", "hvs"): Family.LIGHTNING,
    ("sforce", "interaction"): Family.CLASSIC,
    ("sforce", "interaction", "cti"): Family.CLASSIC,
    ("sforce", "interaction", "entityFeed"): Family.CLASSIC,
    ("sforce", "console", "cti"): Family.CONSOLE,
}

@dataclass(frozen=True)
class Member:
    """One documented Open CTI member (method, event registration or enum key)."""

    api: str  # canonical dotted name, e.g. "sforce.opencti.screenPop"
    family: Family
    kind: str  # "method" | "listener" | "constant"
    disposition: Disposition
    replacement: str  # the Voice / platform replacement, named
    rationale: str
    # Lightning: keys of the single argument object.
    options: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    # Classic / console: positional parameter names.
    params: tuple[str, ...] = ()
    equivalent: str | None = None  # the other family's counterpart (parity table, [S27])
    since: str | None = None
    aliases: tuple[str, ...] = field(default=())  # extra canonical names that mean this member

    @property
    def namespace(self) -> tuple[str, ...]:
        return tuple(self.api.split(".")[:-1])

    @property
    def name(self) -> str:
        return self.api.rsplit(".", 1)[1]

    @property
    def codemod(self) -> str:
        """The id of the codemod that converts this member (codemods declare the members they handle)."""
        from .codemod import codemod_id_for

        return codemod_id_for(self.api)


A, P, M, D = Disposition.AUTO, Disposition.REVIEW, Disposition.MANUAL, Disposition.DROP
L, C, K = Family.LIGHTNING, Family.CLASSIC, Family.CONSOLE

_UTILITY = (
    "lightning/platformUtilityBarApi {fn} on the generated utility item; the Omni-Channel "
    "softphone itself is Salesforce-owned"
)
_PANEL_WHY = (
    "Partners cannot size, label or show the Omni-Channel softphone; a custom utility-bar LWC "
    "can control its own panel with platformUtilityBarApi."
)


def _m(api, family, kind, disp, repl, why, **kw) -> Member:
    return Member(api, family, kind, disp, repl, why, **kw)


MEMBERS: tuple[Member, ...] = (
    # ---------------------------------------------------------------- Lightning [S6]
    _m("sforce.opencti.screenPop", L, "method", P,
       "NavigationMixin page reference (standard__recordPage / standard__webPage / standard__objectPage)",
       "Navigation is only possible from an LWC on the page; the connector iframe cannot navigate.",
       options=("type", "params", "defaultFieldValues", "callback"), required=("type",),
       equivalent="sforce.interaction.screenPop", since="38.0"),
    _m("sforce.opencti.searchAndScreenPop", L, "method", M,
       "imperative Apex search (SOQL/SOSL) + NavigationMixin, or a lookup in the Omni-Channel flow",
       "Softphone-layout search and pop rules do not exist in Voice.",
       options=("searchParams", "queryParams", "params", "defaultFieldValues", "callType", "deferred", "callback"),
       equivalent="sforce.interaction.searchAndScreenPop", since="38.0"),
    _m("sforce.opencti.saveLog", L, "method", P,
       "lightning/uiRecordApi createRecord / updateRecord (prefer VoiceCall fields)",
       "Same CRUD semantics; Task-based call logging usually moves to VoiceCall fields.",
       options=("value", "callback"), required=("value",), equivalent="sforce.interaction.saveLog", since="38.0"),
    _m("sforce.opencti.runApex", L, "method", P,
       "imperative @salesforce/apex import of an @AuraEnabled method",
       "Apex must change from webService to @AuraEnabled; the result is the value, not returnValue.runApex.",
       options=("apexClass", "methodName", "methodParams", "callback"), required=("apexClass", "methodName"),
       equivalent="sforce.interaction.runApex", since="38.0"),
    _m("sforce.opencti.enableClickToDial", L, "method", D,
       "none: the Omni-Channel softphone drives click-to-dial", "Click-to-dial is always on in Voice; delete the call, check logic that depended on its timing.",
       options=("callback",), equivalent="sforce.interaction.cti.enableClickToDial", since="38.0"),
    _m("sforce.opencti.disableClickToDial", L, "method", D,
       "none: the Omni-Channel softphone drives click-to-dial", "Click-to-dial is always on in Voice; delete the call, check logic that depended on its timing.",
       options=("callback",), equivalent="sforce.interaction.cti.disableClickToDial", since="38.0"),
    _m("sforce.opencti.onClickToDial", L, "listener", A,
       "TelephonyConnector.dial(contact, dialOptions) (connector API 4) / VendorConnector.dial(contact) (3)",
       "Same trigger; payload fields rename (number -> contact.phoneNumber).",
       options=("listener",), required=("listener",), equivalent="sforce.interaction.cti.onClickToDial", since="38.0"),
    _m("sforce.opencti.getAppViewInfo", L, "method", P,
       "@wire(CurrentPageReference) / @api recordId, or lightning/platformWorkspaceApi getFocusedTabInfo",
       "The connector has no page context; only an LWC on the page knows it.",
       options=("callback",), required=("callback",), equivalent="sforce.interaction.getPageInfo", since="38.0"),
    _m("sforce.opencti.onNavigationChange", L, "listener", P,
       "@wire(CurrentPageReference) in the LWC (the toolkit has no navigation events)",
       "Must live in an LWC (utility item or Voice Extension).",
       options=("listener",), required=("listener",), equivalent="sforce.interaction.onFocus", since="38.0"),
    _m("sforce.opencti.refreshView", L, "method", P,
       "lightning/uiRecordApi notifyRecordUpdateAvailable(recordIds)", "Only an LWC can refresh record views, and it must name the records.",
       options=("callback",), equivalent="sforce.interaction.refreshPage", since="38.0"),
    _m("sforce.opencti.getCallCenterSettings", L, "method", A,
       "connector init(connectorConfig): the same flattened keys", "Contact center settings reach init() in the same '/section/item' key format.",
       options=("callback",), required=("callback",), equivalent="sforce.interaction.cti.getCallCenterSettings",
       since="38.0"),
    _m("sforce.opencti.getSoftphoneLayout", L, "method", M,
       "none: softphone layouts are not used by Voice", "Screen-pop and search settings of softphone layouts have no Voice counterpart.",
       options=("callback",), required=("callback",), equivalent="sforce.interaction.cti.getSoftphoneLayout",
       since="38.0"),
    _m("sforce.opencti.isSoftphonePanelVisible", L, "method", P, _UTILITY.format(fn="getInfo"),
       _PANEL_WHY, options=("callback",), required=("callback",),
       equivalent="sforce.interaction.isVisible", since="38.0"),
    _m("sforce.opencti.setSoftphonePanelVisibility", L, "method", P, _UTILITY.format(fn="open / minimize"),
       _PANEL_WHY, options=("visible", "callback"), required=("visible",),
       equivalent="sforce.interaction.setVisible", since="38.0"),
    _m("sforce.opencti.setSoftphonePanelHeight", L, "method", P, _UTILITY.format(fn="updatePanel({height})"),
       _PANEL_WHY, options=("heightPX", "callback"), required=("heightPX",),
       equivalent="sforce.interaction.cti.setSoftphoneHeight", since="38.0"),
    _m("sforce.opencti.setSoftphonePanelWidth", L, "method", P, _UTILITY.format(fn="updatePanel({width})"),
       _PANEL_WHY, options=("widthPX", "callback"), required=("widthPX",),
       equivalent="sforce.interaction.cti.setSoftphoneWidth", since="38.0"),
    _m("sforce.opencti.setSoftphonePanelLabel", L, "method", P, _UTILITY.format(fn="updatePanel({label})"),
       _PANEL_WHY, options=("label", "callback"), required=("label",), since="38.0"),
    _m("sforce.opencti.setSoftphonePanelIcon", L, "method", P, _UTILITY.format(fn="updatePanel({icon})"),
       _PANEL_WHY, options=("key", "callback"), required=("key",), since="38.0"),
    _m("sforce.opencti.setSoftphoneItemLabel", L, "method", P, _UTILITY.format(fn="updatePanel({label})"),
       _PANEL_WHY, options=("label", "callback"), required=("label",), since="38.0"),
    _m("sforce.opencti.setSoftphoneItemIcon", L, "method", P, _UTILITY.format(fn="updatePanel({icon})"),
       _PANEL_WHY, options=("key", "callback"), required=("key",), since="38.0"),
    _m("sforce.opencti.notifyInitializationComplete", L, "method", A,
       "resolve the connector's init() with an InitResult", "Readiness is implicit in the connector protocol; the standby URL concept is gone.",
       options=("callback",), equivalent="sforce.interaction.cti.notifyInitializationComplete"),
    _m("sforce.opencti.subscribe", L, "method", A,
       "lightning/messageService subscribe(messageContext, channel, listener)", "Channel names carry over (Name__c); the LWC gets a MessageContext wire.",
       options=("channelName", "listener", "callback"), required=("channelName", "listener"), since="47.0"),
    _m("sforce.opencti.publish", L, "method", A,
       "lightning/messageService publish(messageContext, channel, message)", "Channel names carry over (Name__c).",
       options=("channelName", "message", "callback"), required=("channelName", "message"), since="47.0"),
    _m("sforce.opencti.unsubscribe", L, "method", A,
       "lightning/messageService unsubscribe(subscription)", "Same subscription object semantics.",
       options=("subscription", "callback"), required=("subscription",), since="47.0"),
    _m("sforce.opencti.hvs.onWorkStart", L, "listener", M,
       "none found: Sales Engagement cadences have no Voice connector hook", "No documented Voice hook for Sales Engagement work items.",
       options=("listener",), required=("listener",), since="46.0"),
    _m("sforce.opencti.hvs.completeWork", L, "method", M,
       "none found: Sales Engagement cadences have no Voice connector hook", "No documented Voice hook for Sales Engagement work items.",
       options=("workId", "attributes", "callback"), required=("workId",), since="46.0"),
    # ---------------------------------------------------------------- Lightning enums [S6]
    _m("sforce.opencti.SCREENPOP_TYPE.SOBJECT", L, "constant", P,
       "NavigationMixin standard__recordPage {recordId, actionName:'view'}", "In BYOT the VoiceCall work item opens by itself; link the customer through VoiceCall.RelatedRecordId."),
    _m("sforce.opencti.SCREENPOP_TYPE.URL", L, "constant", P,
       "NavigationMixin standard__webPage {url} (Salesforce-relative URLs become typed page references)",
       "Relative Salesforce URLs should become typed page references."),
    _m("sforce.opencti.SCREENPOP_TYPE.OBJECTHOME", L, "constant", A,
       "NavigationMixin standard__objectPage {objectApiName: scope, actionName:'home'}", "Direct field mapping."),
    _m("sforce.opencti.SCREENPOP_TYPE.LIST", L, "constant", A,
       "NavigationMixin standard__objectPage {actionName:'list'} with state.filterName", "Direct field mapping."),
    _m("sforce.opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL", L, "constant", A,
       "NavigationMixin standard__objectPage {actionName:'new'} with encodeDefaultFieldValues", "lightning/pageReferenceUtils exists for exactly this; recordTypeId and line-item objects are unsupported."),
    _m("sforce.opencti.SCREENPOP_TYPE.SEARCH", L, "constant", M,
       "none confirmed: no page reference for global search results", "No documented LWC page reference for global search results."),
    _m("sforce.opencti.SCREENPOP_TYPE.FLOW", L, "constant", M,
       "lightning-flow in an LWC, or an Omni-Channel flow server-side", "No confirmed page reference for screen flows; flow arguments need redesign."),
    _m("sforce.opencti.CALL_TYPE.INBOUND", L, "constant", A,
       "connector Constants.CALL_TYPE.INBOUND ('Inbound'); toolkit detail.callType 'inbound'", "Value casing differs between connector and toolkit."),
    _m("sforce.opencti.CALL_TYPE.OUTBOUND", L, "constant", A,
       "connector Constants.CALL_TYPE.OUTBOUND ('Outbound'); toolkit detail.callType 'outbound'", "Value casing differs between connector and toolkit."),
    _m("sforce.opencti.CALL_TYPE.INTERNAL", L, "constant", A,
       "connector Constants.CALL_TYPE.INTERNAL_CALL ('InternalCall')", "Value casing differs between connector and toolkit."),
    # ---------------------------------------------------------------- Classic [S25][S26][S28]
    _m("sforce.interaction.screenPop", C, "method", P,
       "NavigationMixin: '/001...' URLs -> standard__recordPage, others -> standard__webPage", "URL-string based; `force` has no meaning in Lightning.", params=("url", "force", "callback"),
       equivalent="sforce.opencti.screenPop"),
    _m("sforce.interaction.searchAndScreenPop", C, "method", M,
       "imperative Apex search (SOQL/SOSL) + NavigationMixin, or a lookup in the Omni-Channel flow",
       "Softphone-layout search and pop rules do not exist in Voice.",
       params=("searchParams", "queryParams", "callType", "callback"), equivalent="sforce.opencti.searchAndScreenPop"),
    _m("sforce.interaction.searchAndGetScreenPopUrl", C, "method", M,
       "imperative Apex search (SOQL/SOSL) + NavigationMixin GenerateUrl", "Softphone-layout search does not exist in Voice.",
       params=("searchParams", "queryParams", "callType", "callback"), equivalent="sforce.opencti.searchAndScreenPop"),
    _m("sforce.interaction.saveLog", C, "method", P,
       "lightning/uiRecordApi createRecord / updateRecord (query string parsed into fields)", "Query string -> fields object; `Id` means update; prefer VoiceCall fields.",
       params=("object", "saveParams", "callback"), equivalent="sforce.opencti.saveLog"),
    _m("sforce.interaction.runApex", C, "method", P,
       "imperative @salesforce/apex import of an @AuraEnabled method", "Apex must change from webService to @AuraEnabled; query-string parameters become an object.",
       params=("apexClass", "methodName", "methodParams", "callback"), equivalent="sforce.opencti.runApex"),
    _m("sforce.interaction.getPageInfo", C, "method", P,
       "@wire(CurrentPageReference) / @api recordId, or lightning/platformWorkspaceApi getFocusedTabInfo",
       "LWC-only context; the result is no longer a JSON string.",
       params=("callback",), equivalent="sforce.opencti.getAppViewInfo"),
    _m("sforce.interaction.onFocus", C, "listener", P,
       "@wire(CurrentPageReference) in the LWC", "LWC-only context.",
       params=("listener",), equivalent="sforce.opencti.onNavigationChange"),
    _m("sforce.interaction.isInConsole", C, "method", A,
       "@wire(IsConsoleNavigation) from lightning/platformWorkspaceApi", "Direct equivalent in LWC.", params=("callback",)),
    _m("sforce.interaction.isVisible", C, "method", P, _UTILITY.format(fn="getInfo"),
       _PANEL_WHY, params=("callback",), equivalent="sforce.opencti.isSoftphonePanelVisible"),
    _m("sforce.interaction.setVisible", C, "method", P, _UTILITY.format(fn="open / minimize"),
       _PANEL_WHY, params=("value", "callback"), equivalent="sforce.opencti.setSoftphonePanelVisibility"),
    _m("sforce.interaction.refreshPage", C, "method", P,
       "lightning/uiRecordApi notifyRecordUpdateAvailable(recordIds)", "Only an LWC can refresh record views.", params=("callback",), equivalent="sforce.opencti.refreshView"),
    _m("sforce.interaction.refreshRelatedList", C, "method", P,
       "lightning/uiRecordApi notifyRecordUpdateAvailable(recordIds)", "Related lists refresh with their parent record.", params=("listName", "callback"),
       equivalent="sforce.opencti.refreshView"),
    _m("sforce.interaction.entityFeed.onObjectUpdate", C, "listener", M,
       "none: Case Feed publishers are Classic-only", "Feed-based Classic layouts have no Voice counterpart.",
       params=("callback",)),
    _m("sforce.interaction.entityFeed.refreshObject", C, "method", M,
       "none: Case Feed publishers are Classic-only", "Feed-based Classic layouts have no Voice counterpart.",
       params=("objectId", "refreshFields", "refreshRelatedLists", "refreshFeed", "callback")),
    _m("sforce.interaction.entityFeed.reloadFrame", C, "method", M,
       "none: Case Feed publishers are Classic-only", "Feed-based Classic layouts have no Voice counterpart.",
       since="34.0"),
    _m("sforce.interaction.cti.enableClickToDial", C, "method", D,
       "none: the Omni-Channel softphone drives click-to-dial", "Click-to-dial is always on in Voice.", params=("callback",), equivalent="sforce.opencti.enableClickToDial"),
    _m("sforce.interaction.cti.disableClickToDial", C, "method", D,
       "none: the Omni-Channel softphone drives click-to-dial", "Click-to-dial is always on in Voice.", params=("callback",), equivalent="sforce.opencti.disableClickToDial"),
    _m("sforce.interaction.cti.onClickToDial", C, "listener", A,
       "TelephonyConnector.dial(contact, dialOptions) (connector API 4) / VendorConnector.dial(contact) (3)",
       "Same trigger; the JSON.parse of result goes away and number -> contact.phoneNumber.",
       params=("listener",), equivalent="sforce.opencti.onClickToDial"),
    _m("sforce.interaction.cti.getCallCenterSettings", C, "method", A,
       "connector init(connectorConfig): the same flattened keys", "Same '/section/item' keys; Classic returned them as a JSON string.", params=("callback",),
       equivalent="sforce.opencti.getCallCenterSettings"),
    _m("sforce.interaction.cti.getSoftphoneLayout", C, "method", M,
       "none: softphone layouts are not used by Voice", "Softphone layouts have no Voice counterpart.", params=("callback",), equivalent="sforce.opencti.getSoftphoneLayout"),
    _m("sforce.interaction.cti.getDirectoryNumbers", C, "method", P,
       "connector getPhoneContacts(filter) -> PhoneContactsResult", "The phone book now comes from the vendor, not from Salesforce.",
       params=("isGlobal", "callCenterName", "callback", "resultSetPage", "resultSetPageSize")),
    _m("sforce.interaction.cti.setSoftphoneHeight", C, "method", P, _UTILITY.format(fn="updatePanel({height})"),
       _PANEL_WHY + " The login frame height goes to InitResult.loginFrameHeight.",
       params=("height", "callback"), equivalent="sforce.opencti.setSoftphonePanelHeight"),
    _m("sforce.interaction.cti.setSoftphoneWidth", C, "method", P, _UTILITY.format(fn="updatePanel({width})"),
       _PANEL_WHY, params=("width", "callback"), equivalent="sforce.opencti.setSoftphonePanelWidth"),
    _m("sforce.interaction.cti.notifyInitializationComplete", C, "method", A,
       "resolve the connector's init() with an InitResult", "Readiness is implicit in the connector protocol.", since="29.0",
       equivalent="sforce.opencti.notifyInitializationComplete",
       aliases=("sforce.interaction.notifyInitializationComplete",)),
    # ---------------------------------------------------------------- Console CTI [S30]
    _m("sforce.console.cti.onCallBegin", K, "listener", P,
       "toolkit 'callstarted' / 'callconnected' events in the LWC", "Event semantics differ (started vs connected).", params=("eventHandler",)),
    _m("sforce.console.cti.onCallEnd", K, "listener", P,
       "toolkit 'callended' event in the LWC", "Event semantics differ.", params=("eventHandler",)),
    _m("sforce.console.cti.fireOnCallBegin", K, "method", M,
       "none: Voice raises call events itself (connector publishEvent CALL_STARTED)", "The interaction log of the Classic console is gone.", params=("callback",)),
    _m("sforce.console.cti.fireOnCallEnd", K, "method", M,
       "none: Voice raises call events itself (connector publishEvent HANGUP)", "The interaction log of the Classic console is gone.", params=("callback",)),
    _m("sforce.console.cti.onCallLogSaved", K, "listener", M,
       "none: the Classic console interaction log is gone", "No interaction log in Voice.", params=("eventHandler",)),
    _m("sforce.console.cti.fireOnCallLogSaved", K, "method", M,
       "none: the Classic console interaction log is gone", "No interaction log in Voice.", params=("id", "callback")),
    _m("sforce.console.cti.setCallAttachedData", K, "method", M,
       "VoiceCall custom fields / PhoneCall.callAttributes", "No attached-data store in Voice.", params=("callObjectId", "callData", "callType", "callback")),
    _m("sforce.console.cti.getCallAttachedData", K, "method", M,
       "VoiceCall custom fields / PhoneCall.callAttributes", "No attached-data store in Voice.", params=("callObjectId", "callback")),
    _m("sforce.console.cti.setCallObjectIds", K, "method", M,
       "VoiceCall.VendorCallKey and the toolkit's detail.callId", "Call identity is owned by the VoiceCall record.", params=("callObjectIds", "callback")),
    _m("sforce.console.cti.getCallObjectIds", K, "method", M,
       "VoiceCall.VendorCallKey and the toolkit's detail.callId", "Call identity is owned by the VoiceCall record.", params=("callback",)),
    _m("sforce.console.cti.sendCTIMessage", K, "method", P,
       "Lightning Message Service bridge (connector publishEvent MESSAGE / handleMessage)", "Messages to the softphone travel over the LMS bridge.", params=("msg", "callback")),
    _m("sforce.console.cti.onSendCTIMessage", K, "listener", P,
       "Lightning Message Service bridge (connector handleMessage)", "Messages to the softphone travel over the LMS bridge.", params=("eventHandler",)),
)

INVALID_MEMBER = Member(
    "sforce.opencti.<unknown>", L, "method", Disposition.INVALID,
    "none: not an Open CTI member; fix or delete the call", "The member is not in the documented API, so the legacy code never worked as written.",
)

# String values the enums take ([S19], UNCONFIRMED but consistent with the official sample [S16]).
SCREENPOP_LITERALS = {
    "sobject": "SOBJECT", "url": "URL", "objecthome": "OBJECTHOME", "list": "LIST",
    "search": "SEARCH", "newRecord": "NEW_RECORD_MODAL", "flow": "FLOW",
}
CALL_TYPE_LITERALS = {"inbound": "INBOUND", "outbound": "OUTBOUND", "internal": "INTERNAL"}
ENUMS = {"SCREENPOP_TYPE": SCREENPOP_LITERALS, "CALL_TYPE": CALL_TYPE_LITERALS}

_BY_API: dict[str, Member] = {}
for _member in MEMBERS:
    _BY_API[_member.api] = _member
    for _alias in _member.aliases:
        _BY_API[_alias] = _member


def lookup(api: str) -> Member | None:
    """The catalog entry for a canonical name (aliases included), or None."""
    return _BY_API.get(api)


def members_of(namespace: tuple[str, ...]) -> list[str]:
    """Names of the documented members directly under ``namespace``."""
    dotted = ".".join(namespace) + "."
    return sorted({api[len(dotted):] for api in _BY_API if api.startswith(dotted) and "." not in api[len(dotted):]})


def suggest(namespace: tuple[str, ...], name: str) -> str | None:
    """The documented member a misspelt ``name`` most likely meant (case-insensitive first)."""
    candidates = members_of(namespace)
    for candidate in candidates:
        if candidate.lower() == name.lower():
            return candidate
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return close[0] if close else None


def documented(family: Family | None = None, kind: str | None = None) -> list[Member]:
    """Documented members, optionally filtered, in catalog order."""
    return [m for m in MEMBERS if (family is None or m.family is family) and (kind is None or m.kind == kind)]


def find_members(query: str) -> list[Member]:
    """Members whose canonical name or short name matches ``query`` (for ``ctimod explain``)."""
    query = query.strip()
    exact = lookup(query)
    if exact:
        return [exact]
    q = query.lower()
    return [m for m in MEMBERS if m.api.lower().endswith("." + q) or m.api.lower() == q]
