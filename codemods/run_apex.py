"""Apex calls: sforce.opencti.runApex and Classic sforce.interaction.runApex."""

from __future__ import annotations

import hashlib
import re

from ctimod.catalog import Disposition
from ctimod.codemod import (LWC, ApexMethod, CallSite, Codemod, Conversion, ConvertContext, OptionPath,
                            RenderContext, register)

from ._shared import unsupported, fields_object, helper, js_comment, literal_string, option_or_positional, query_fields, respond

APEX_SUFFIX = "Voice"
MAX_APEX_NAME = 40  # Salesforce rejects Apex class names longer than this
# Apex identifiers: an ASCII letter, then letters, digits and single underscores, not ending in one.
APEX_NAME = re.compile(r"[A-Za-z](?:_?[A-Za-z0-9])*")
APEX_CLASS = re.compile(rf"(?:{APEX_NAME.pattern}\.)?{APEX_NAME.pattern}")  # optionally namespaced
# An Apex method whose name says it places a phone call, given a number to call under one of these names: the
# component calling it most likely starts a call behind Salesforce Voice's back (unconfirmed: ctimod cannot read the
# Apex the adapter calls, so the TODO says "looks like").
DIALLING_METHODS = {"call", "dial", "dialout", "dialnumber", "makecall", "placecall", "startcall", "outboundcall",
                    "makeoutboundcall", "originate", "originatecall", "clicktodial"}
NUMBER_TO_CALL = {"to", "tonumber", "to_number", "number", "phone", "phonenumber", "destination", "numbertodial",
                  "dialnumber", "callee"}
WEBSERVICE = re.compile(r"webservice\s+static\s+([\w.<>, \[\]]+?)\s+(\w+)\s*\(([^)]*)\)", re.I)


def legacy_signature(context: ConvertContext, cls: str, method: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(return type, [(type, name)]) of the webService method in the adapter's own Apex, if given."""
    for source in context.apex_sources(cls):
        for match in WEBSERVICE.finditer(source):
            if match.group(2) != method:
                continue
            params = []
            for part in filter(None, (p.strip() for p in match.group(3).split(","))):
                bits = part.split()
                if len(bits) >= 2:
                    params.append((" ".join(bits[:-1]), bits[-1]))
            return match.group(1).strip(), params
    return None


def voice_class_name(legacy_class: str) -> str:
    """The generated class for a legacy one: ``<Class>Voice``; past 40 characters, the start of the legacy name, a
    digest of all of it and ``Voice`` (the same every run; two long names that start alike still differ)."""
    name = legacy_class + APEX_SUFFIX
    if len(name) <= MAX_APEX_NAME:
        return name
    digest = hashlib.sha256(legacy_class.encode("utf-8")).hexdigest()[:8]
    keep = MAX_APEX_NAME - len(APEX_SUFFIX) - len(digest) - 1
    return f"{legacy_class[:keep].rstrip('_')}_{digest}{APEX_SUFFIX}"  # (no double or trailing underscore)


@register
class RunApex(Codemod):
    """runApex becomes an imperative @salesforce/apex call of a generated @AuraEnabled method.

    What it converts
        ``sforce.opencti.runApex({apexClass, methodName, methodParams, callback})`` and Classic
        ``sforce.interaction.runApex(apexClass, methodName, methodParams, callback)``.

    Becomes
        An import ``import m from '@salesforce/apex/<Class>Voice.<method>'`` and a call
        ``m({ name: value, ... })`` whose parameters come from the query string (literal keys, values
        kept as expressions; ``encodeURIComponent`` dropped). ctimod writes the Apex class
        ``<Class>Voice`` (shortened to 40 characters with a digest of the name when longer) with one
        ``@AuraEnabled`` method per called method that delegates to the legacy
        ``webService`` method; when the adapter's own ``.cls`` is among the converted files its
        parameter and return types are used. Callbacks keep working: Lightning ones get
        ``{success, returnValue: {runApex: value}}``, Classic ones ``{result: value}``.

    Safety
        review: check the parameter types (runApex sent strings) and sharing of the new class.
        manual when the class or method name is computed at run time.

    References
        Open CTI runApex; LWC "Call Apex Methods"; @AuraEnabled.
    """

    id = "run-apex"
    members = ("sforce.opencti.runApex", "sforce.interaction.runApex")
    runs_in = LWC

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        classic = site.classic
        cls_node = option_or_positional(site, "apexClass", 0)
        method_node = option_or_positional(site, "methodName", 1)
        params_node = option_or_positional(site, "methodParams", 2)
        if isinstance(cls_node, OptionPath):  # runApex(args): names known only from the literal args was made of
            cls_node, method_node = site.static_option("apexClass"), site.static_option("methodName")
        callback = site.positional(3) if classic else site.option("callback")
        cls = literal_string(site, cls_node) if cls_node is not None else None
        method = literal_string(site, method_node) if method_node is not None else None
        conversion = self.conversion(site, safety=Disposition.REVIEW)
        if not cls or not method or not APEX_CLASS.fullmatch(cls) or not APEX_NAME.fullmatch(method):
            conversion.safety = Disposition.MANUAL
            if not cls or not method:
                conversion.reason = ("the Apex class or method name is computed at run time; LWC can only import "
                                     "Apex methods by a name known at build time")
            else:
                kind, bad = ("class", cls) if not APEX_CLASS.fullmatch(cls) else ("method", method)
                shown = bad if len(bad) <= 60 else bad[:57] + "..."
                conversion.reason = f"{shown!r} is not a valid Apex {kind} name; nothing was generated for it"
            conversion.todo = ("Import the @AuraEnabled method this call needs with "
                               "\"import m from '@salesforce/apex/Class.method'\" and call it.")

            def manual(r: RenderContext, todo: str | None = None) -> str:
                return respond(r, f"{helper(r, 'ctimodUnsupported')}('runApex') /* TODO(ctimod): "
                                  f"{js_comment(todo or conversion.todo)} */", callback, classic=classic)

            conversion.lwc = manual
            # (carried into the connector with the code around it: the connector cannot import Apex at all)
            conversion.connector = lambda r: manual(r, "the connector cannot call Apex: get this value from your own "
                                                       "backend here; until then the legacy callback gets a failure")
            conversion.summary = "kept as a TODO"
            return conversion

        short_cls = cls.split(".")[-1]
        new_cls = voice_class_name(short_cls)
        fields = query_fields(site, params_node) if params_node is not None else []
        runtime_keys = None  # runApex(args): the keys of the literal query string args was made with
        if isinstance(params_node, OptionPath):
            static = site.static_option("methodParams")
            runtime_keys = [k for k, _ in query_fields(site, static) or []] if static is not None else None
        signature = legacy_signature(context, short_cls, method)
        legacy = f"{site.file.display}:{site.use.line}"
        if signature is not None:
            returns, params = signature
            apex = ApexMethod(method, [n for _, n in params], types=[t for t, _ in params], returns=returns,
                              legacy=legacy, legacy_class=cls)
        elif runtime_keys:
            apex = ApexMethod(method, runtime_keys, legacy=legacy, legacy_class=cls)
        elif fields is not None:
            apex = ApexMethod(method, [k for k, _ in fields], legacy=legacy, legacy_class=cls)
        else:
            apex = ApexMethod(method, ["methodParams"], literal_params=False, legacy=legacy, legacy_class=cls)
        dialled = next((p for p in apex.params if p.lower() in NUMBER_TO_CALL), None) \
            if method.lower() in DIALLING_METHODS else None
        local = context.apex_import(new_cls, method)
        conversion.summary = f"imperative Apex {new_cls}.{method} (@AuraEnabled, delegates to {cls}.{method})"
        conversion.todo = (f"Deploy {new_cls}.cls; check that its parameter types match what {cls}.{method} "
                           "expects (runApex sent every value as a string) and the class's sharing.")
        if new_cls != short_cls + APEX_SUFFIX:
            conversion.todo += (f" Its name is shortened: {short_cls}{APEX_SUFFIX} would be over the "
                                f"{MAX_APEX_NAME} characters Salesforce allows an Apex class.")
        if signature is not None and signature[0].lower() not in ("string", "void"):
            conversion.todo += (f" {cls}.{method} returns {signature[0]}: runApex handed the callback its text, the "
                                "LWC gets the value itself; check how the callback reads returnValue.runApex.")
        if dialled is not None:
            conversion.todo += (f" {cls}.{method} looks like it places a phone call (its name, and the number it is "
                                f"given as {dialled}); ctimod cannot read the Apex to confirm. If it does, the call "
                                "bypasses Salesforce Voice: Salesforce learns of an outbound call only from the "
                                "connector's dial() (its DIAL message: click-to-dial, the phone's dial pad), so a call "
                                "placed here gets no VoiceCall record and no call controls, and the connector never "
                                "hears of it. Place the call with your telephony provider in the connector's dial() instead.")
        if fields is None and signature is None and not runtime_keys:
            conversion.todo += (" The parameters are built at run time: ctimodParseQuery() turns the query string "
                                "into an object; give the Apex method real parameters.")

        def lwc(r: RenderContext) -> str:
            r.apex(new_cls, apex)
            r.default_import(local, f"@salesforce/apex/{new_cls}.{method}")
            if fields is not None:
                args = fields_object(r, fields) if fields else "{}"
            elif signature is not None or runtime_keys:
                args = f"{helper(r, 'ctimodParseQuery')}({r.expr(params_node)})"
            else:
                args = f"{{ methodParams: {r.expr(params_node)} }}"
            call = f"{local}({args})"
            if classic:
                return respond(r, call, callback, classic=True)
            return respond(r, call, callback, value="(value) => ({ runApex: value })")

        conversion.lwc = lwc
        conversion.connector = unsupported(f"the connector cannot call Apex: call {cls}.{method} from the Voice LWC "
                                           "(an @AuraEnabled method) or your own backend instead", callback,
                                           classic=classic)
        return conversion
