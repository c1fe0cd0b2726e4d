"""Screen pops: sforce.opencti.screenPop and sforce.interaction.screenPop."""

from __future__ import annotations

import re

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, OptionPath, RenderContext, register
from ctimod.legacy import find_declaration, is_function, unwrap

from ._shared import unsupported, helper, js_comment, js_string, literal_string, object_pairs, respond

RECORD_URL = re.compile(r"^/?([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})/?$")

TEMPLATES = {
    "SOBJECT": ("standard__recordPage", "{{ recordId: {recordId}, actionName: 'view' }}", None),
    "URL": ("standard__webPage", "{{ url: {url} }}", None),
    "OBJECTHOME": ("standard__objectPage", "{{ objectApiName: {scope}, actionName: 'home' }}", None),
    "LIST": ("standard__objectPage", "{{ objectApiName: {scope}, actionName: 'list' }}", "{{ filterName: {listViewId} }}"),
    "NEW_RECORD_MODAL": ("standard__objectPage", "{{ objectApiName: {entityName}, actionName: 'new' }}",
                         "{{ defaultFieldValues: encodeDefaultFieldValues({defaultFieldValues}) }}"),
}
MANUAL = {
    "SEARCH": "No page reference exists for global search results: show the matches for "
              "{searchString} in this component (for example a lightning-datatable) or navigate to one record.",
    "FLOW": "No page reference launches a screen flow: embed <lightning-flow> with flowApiName {flowDevName} and "
            "its flowArgs as inputVariables in this component or a modal, or start an Omni-Channel flow.",
}


@register
class ScreenPop(Codemod):
    """Screen pops become NavigationMixin page references in the Voice LWC.

    What it converts
        ``sforce.opencti.screenPop({type, params, defaultFieldValues, callback})`` and Classic
        ``sforce.interaction.screenPop(url, force, callback)``.

    Becomes
        ``this[NavigationMixin.Navigate](pageReference)`` in the generated LWC:
        SOBJECT -> ``standard__recordPage`` {recordId, actionName: 'view'};
        URL -> ``standard__webPage`` {url}; OBJECTHOME -> ``standard__objectPage`` 'home';
        LIST -> ``standard__objectPage`` 'list' with ``state.filterName``;
        NEW_RECORD_MODAL -> ``standard__objectPage`` 'new' with
        ``state.defaultFieldValues = encodeDefaultFieldValues(...)``.
        Classic URLs of a record ('/001...') become record pages, other URLs web pages. A type
        known only at run time goes through ``ctimodScreenPop()`` (``ctimodPageReference(type, params)``):
        a type with no page reference pops nothing and does not throw, as Open CTI never threw; its
        reason is logged and the callback gets Open CTI's failure response. A callback is still called
        with ``{success, returnValue, errors}``.

    Safety
        auto for OBJECTHOME, LIST and NEW_RECORD_MODAL; review for SOBJECT and URL (in BYOT the
        VoiceCall opens by itself; link the customer with VoiceCall.RelatedRecordId) and for
        Classic URLs; manual for SEARCH and FLOW, which have no page reference: the call is kept as
        a rejected promise with a precise TODO. In the connector (an iframe without page access) a
        screen pop is removed with a TODO.

    References
        Open CTI screenPop; LWC PageReference types; lightning/pageReferenceUtils.
    """

    id = "screen-pop"
    members = ("sforce.opencti.screenPop", "sforce.interaction.screenPop",
               "sforce.opencti.SCREENPOP_TYPE.SOBJECT", "sforce.opencti.SCREENPOP_TYPE.URL",
               "sforce.opencti.SCREENPOP_TYPE.OBJECTHOME", "sforce.opencti.SCREENPOP_TYPE.LIST",
               "sforce.opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL", "sforce.opencti.SCREENPOP_TYPE.SEARCH",
               "sforce.opencti.SCREENPOP_TYPE.FLOW")
    runs_in = LWC
    compliance = ("screen-pops",)

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        conversion = self._classic(site) if site.classic else self._lightning(site)
        conversion.connector = unsupported(
            "screen pops cannot run in the connector (an iframe without page access); the Voice LWC pops on the "
            "toolkit's callstarted event", _classic_callback(site) if site.classic else site.option("callback"),
            classic=site.classic)
        return conversion

    def _lightning(self, site: CallSite) -> Conversion:
        variant = site.use.variant or "dynamic"
        conversion = self.conversion(site, trigger="callstarted")
        callback = site.option("callback")
        params = site.option("params")
        pairs = object_pairs(site, params) if params is not None else None

        def param(r: RenderContext, key: str) -> str:
            if pairs is not None:
                for k, node in pairs:
                    if k == key:
                        return r.expr(node)
                if key == "defaultFieldValues":
                    top = site.option("defaultFieldValues")
                    return r.expr(top) if top is not None else "{}"
                return "undefined"
            if params is None:
                return "undefined"
            return f"({r.expr(params)}).{key}"

        if variant in TEMPLATES:
            page_type, attributes, state = TEMPLATES[variant]

            def lwc(r: RenderContext) -> str:
                r.navigation()
                if variant == "NEW_RECORD_MODAL":
                    r.lwc_import("lightning/pageReferenceUtils", "encodeDefaultFieldValues")
                values = {k: param(r, k) for k in
                          ("recordId", "url", "scope", "listViewId", "entityName", "defaultFieldValues")}
                reference = f"{{ type: '{page_type}', attributes: {attributes.format(**values)}"
                if state:
                    reference += f", state: {state.format(**values)}"
                reference += " }"
                return respond(r, f"this[NavigationMixin.Navigate]({reference})", callback)

            conversion.summary = f"NavigationMixin {page_type} ({variant})"
            conversion.lwc = lwc
        elif variant in MANUAL:
            key = "searchString" if variant == "SEARCH" else "flowDevName"
            conversion.safety = Disposition.MANUAL
            conversion.reason = MANUAL[variant].format(**{key: f"params.{key}"})
            conversion.todo = conversion.reason

            def lwc(r: RenderContext) -> str:
                stand_in = helper(r, "ctimodUnsupported")
                args = f"{js_string('screenPop ' + variant)}, {param(r, key) if pairs else 'undefined'}"
                todo = f"/* TODO(ctimod): {js_comment(MANUAL[variant].format(**{key: key}))} */"
                return respond(r, f"{stand_in}({args}) {todo}", callback)

            conversion.summary = f"kept as a TODO: no page reference for {variant} pops"
            conversion.lwc = lwc
        elif computed_options(site) is not None:
            # `screenPop(popFor(match))`, `screenPop(pending[id])`: the options object exists only at run time
            # and is evaluated once, where the call is; its type, params and callback are read from it there.
            options = computed_options(site)

            def lwc(r: RenderContext) -> str:
                r.navigation()
                pop = helper(r, "ctimodScreenPopOptions")
                return f"{pop}((reference) => this[NavigationMixin.Navigate](reference), {r.expr(options)})"

            conversion.lwc = lwc
            conversion.safety = Disposition.REVIEW
            conversion.summary = "NavigationMixin page reference chosen at run time by ctimodPageReference()"
            conversion.todo = (f"The options object ({js_comment(_one_line(site.file.text(options)))}) is computed "
                               "where the call is: ctimodScreenPopOptions() reads its type, params, "
                               "defaultFieldValues and callback at run time; ctimodPageReference() maps SOBJECT, URL, "
                               "OBJECTHOME, LIST and NEW_RECORD_MODAL. Any other type (SEARCH and FLOW have no page "
                               "reference in Salesforce Voice) pops nothing: it logs 'ctimod TODO: screen pop type "
                               "<type> has no page reference in Salesforce Voice: nothing popped' and does not throw, "
                               "so the statements after the call run, as with Open CTI, and a callback in the object "
                               "gets Open CTI's failure response ({success: false, errors: [{description: that "
                               "message}]}).")
        else:
            type_node = site.option("type")

            def lwc(r: RenderContext) -> str:
                r.navigation()
                pop = helper(r, "ctimodScreenPop")
                type_text = r.expr(type_node) if type_node is not None else "undefined"
                params_text = r.expr(params) if params is not None else "{}"
                defaults = site.option("defaultFieldValues")
                extra = f", {r.expr(defaults)}" if defaults is not None else ""
                call = (f"{pop}((reference) => this[NavigationMixin.Navigate](reference), {type_text}, "
                        f"{params_text}{extra})")
                if callback is None:
                    # Open CTI popped nothing and did not throw; with no callback nobody heard why (logged here).
                    return f"{call}.catch(() => undefined)"
                return respond(r, call, callback)

            conversion.lwc = lwc
            conversion.safety = Disposition.REVIEW
            conversion.summary = "NavigationMixin page reference chosen at run time by ctimodPageReference()"
            conversion.todo = ("The pop type is computed at run time; ctimodPageReference() maps SOBJECT, URL, "
                               "OBJECTHOME, LIST and NEW_RECORD_MODAL. Any other type (SEARCH and FLOW have no page "
                               "reference in Salesforce Voice) pops nothing: ctimodScreenPop() logs 'ctimod TODO: "
                               "screen pop type <type> has no page reference in Salesforce Voice: nothing popped' "
                               "and does not throw, so the statements after the call run, as with Open CTI"
                               + (", and a callback the options object holds at run time gets Open CTI's failure "
                                  "response ({success: false, errors: [{description: that message}]}); without one "
                                  "nothing tells the code the pop failed (with Open CTI a SEARCH pop opened the "
                                  "search page)"
                                  if isinstance(callback, OptionPath) else
                                  ", and the callback gets Open CTI's failure response ({success: false, errors: "
                                  "[{description: that message}]})" if callback is not None else
                                  "; the converted call has no callback to answer, so nothing tells the code the "
                                  "pop failed (with Open CTI a SEARCH pop opened the search page)")
                               + ".")
        if conversion.safety == Disposition.REVIEW and not conversion.todo:
            conversion.todo = ("Check the pop: in Voice the VoiceCall record opens by itself when a call is "
                               "accepted; link the customer with VoiceCall.RelatedRecordId if that is the goal.")
        return conversion

    def _classic(self, site: CallSite) -> Conversion:
        url = site.positional(0)
        callback = _classic_callback(site)
        literal = literal_string(site, url) if url is not None else None
        conversion = self.conversion(site, safety=Disposition.REVIEW, trigger="callstarted")
        record_tail = self._record_tail(site, url)

        def lwc(r: RenderContext) -> str:
            r.navigation()
            if literal is not None and RECORD_URL.match(literal):
                reference = ("{ type: 'standard__recordPage', attributes: { recordId: "
                             f"{js_string(RECORD_URL.match(literal).group(1))}, actionName: 'view' }} }}")
            elif literal is not None:
                reference = f"{{ type: 'standard__webPage', attributes: {{ url: {js_string(literal)} }} }}"
            elif record_tail is not None:
                reference = ("{ type: 'standard__recordPage', attributes: { recordId: "
                             f"{r.expr(record_tail)}, actionName: 'view' }} }}")
            else:
                reference = f"{helper(r, 'ctimodUrlPageReference')}({r.expr(url) if url is not None else 'undefined'})"
            return respond(r, f"this[NavigationMixin.Navigate]({reference})", callback, classic=True,
                           value="() => true")

        conversion.summary = ("NavigationMixin standard__recordPage" if (literal and RECORD_URL.match(literal))
                              or record_tail is not None else "NavigationMixin page reference from the URL")
        conversion.todo = ("Check the pop target: Classic URLs were relative to Salesforce Classic; the 'force' "
                           "argument has no meaning in Lightning.")
        conversion.lwc = lwc
        return conversion

    @staticmethod
    def _record_tail(site: CallSite, url):
        """'/' + recordId -> the recordId expression."""
        node = unwrap(url)
        if node is None or node.type != "binary_expression":
            return None
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if literal_string(site, left) == "/" and right is not None and literal_string(site, right) is None:
            return right
        return None


def computed_options(site: CallSite):
    """The one argument of a Lightning screenPop that is neither an object literal nor a name or property path
    (``screenPop(popFor(match))``): an expression that gives the options object when the call runs."""
    if site.classic or site.options_node is not None or site.options_base is not None or len(site.args) != 1:
        return None
    node = unwrap(site.args[0])
    if node is None or node.has_error or node.type in (
            "ERROR", "undefined", "null", "string", "number", "template_string", "array", "arrow_function",
            "function_expression", "true", "false"):
        return None
    return node


def _one_line(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _classic_callback(site: CallSite):
    """Classic screenPop(url, force, callback); screenPop(url, callback) is the form before API 28.0 brought
    `force` (Open CTI called the second argument when it was a function)."""
    callback, force = site.positional(2), site.positional(1)
    if callback is None and force is not None and _function_value(site, force):
        return force
    return callback


def _function_value(site: CallSite, node) -> bool:
    """Is this argument a function (a function expression, or the name of a function the file declares)?"""
    node = unwrap(node)
    if node is None:
        return False
    if is_function(node):
        return True
    if node.type != "identifier":
        return False
    declaration = find_declaration(site.file.data, site.file.text(node), node)
    if declaration is None:
        return False
    if declaration.kind == "function":
        return True
    if declaration.kind in ("var", "let", "const"):
        return is_function(unwrap(declaration.declarator.child_by_field_name("value")))
    return False
