"""Call logging: sforce.opencti.saveLog and Classic sforce.interaction.saveLog."""

from __future__ import annotations

from ctimod.codemod import CallSite, Codemod, Conversion, register

from ._shared import expr, fields_object, js_string, key_js, literal_string, object_pairs, query_fields, respond

TODO = ("Check the fields: Voice keeps call data on the VoiceCall record (Lightning Data Service may update its "
        "custom fields and CallResolution, RelatedRecordId, Description); move Task-based call logging there if "
        "that is what your reports read.")


@register
class SaveLog(Codemod):
    """saveLog becomes lightning/uiRecordApi createRecord or updateRecord.

    What it converts
        ``sforce.opencti.saveLog({value: {entityApiName | Id, <Field>: value...}, callback})`` and
        Classic ``sforce.interaction.saveLog(object, 'Field=value&...', callback)``.

    Becomes
        ``createRecord({ apiName, fields })`` when the value names ``entityApiName`` (Classic: the
        object argument), ``updateRecord({ fields: { Id, ... } })`` when it carries ``Id``. Classic query
        strings are parsed into a fields object at conversion time (``encodeURIComponent(x)`` becomes
        ``x``); values built at run time go through ``ctimodSaveLog()`` / ``ctimodParseQuery()``.
        Callbacks receive ``{success, returnValue: {recordId}}`` (Classic ``{result, id}``).

    Safety
        review: the CRUD semantics are the same, but call data usually belongs on VoiceCall now.

    References
        Open CTI saveLog; lightning/uiRecordApi createRecord / updateRecord; VoiceCall in LDS.
    """

    id = "save-log"
    members = ("sforce.opencti.saveLog", "sforce.interaction.saveLog")

    def convert(self, site: CallSite, plan) -> Conversion:
        bundle = plan.bundle
        conversion = Conversion(use=site.use, codemod=self.id, safety="review", trigger="callended", todo=TODO,
                                summary="")
        if site.use.family == "classic":
            obj, params, callback = site.positional(0), site.positional(1), site.positional(2)
            object_name = literal_string(site, obj) if obj is not None else None
            fields = query_fields(site, params) if params is not None else []

            def lwc(renderer, home):
                bundle.lwc_import("lightning/uiRecordApi", "createRecord", "updateRecord")
                if fields is not None:
                    values = fields_object(renderer, home, site, fields)
                else:
                    helper = bundle.helper("ctimodParseQuery", home)
                    values = f"{helper}({expr(renderer, home, site, params)})"
                api_name = js_string(object_name) if object_name is not None else (
                    expr(renderer, home, site, obj) if obj is not None else "undefined")
                helper = bundle.helper("ctimodSaveRecord", home)
                call = f"{helper}({api_name}, {values})"
                return respond(plan, renderer, home, site, call, callback, classic=True,
                               value="(record) => ({ result: true, id: record.id })")

            conversion.summary = ("createRecord / updateRecord with the query string parsed into fields"
                                  if fields is not None else "createRecord / updateRecord via ctimodParseQuery()")
        else:
            value = site.option("value")
            callback = site.option("callback")
            pairs = object_pairs(site, value) if value is not None else None
            keys = [k for k, _ in pairs] if pairs is not None else []

            def lwc(renderer, home):
                bundle.lwc_import("lightning/uiRecordApi", "createRecord", "updateRecord")
                if pairs is not None and ("Id" in keys or "entityApiName" in keys):
                    fields = ", ".join(f"{key_js(k)}: {expr(renderer, home, site, n)}" for k, n in pairs
                                       if k != "entityApiName")
                    if "Id" in keys:
                        call = f"updateRecord({{ fields: {{ {fields} }} }})"
                    else:
                        api = expr(renderer, home, site, dict(pairs)["entityApiName"])
                        call = f"createRecord({{ apiName: {api}, fields: {{ {fields} }} }})"
                    call += ".then((record) => ({ recordId: record.id }))"
                else:
                    helper = bundle.helper("ctimodSaveLog", home)
                    call = f"{helper}({expr(renderer, home, site, value) if value is not None else '{}'})"
                return respond(plan, renderer, home, site, call, callback)

            if pairs is not None and "Id" in keys:
                conversion.summary = "lightning/uiRecordApi updateRecord"
            elif pairs is not None and "entityApiName" in keys:
                conversion.summary = "lightning/uiRecordApi createRecord"
            else:
                conversion.summary = "createRecord / updateRecord chosen at run time by ctimodSaveLog()"
        conversion.lwc = lwc
        conversion.connector = lambda renderer, home: (
            "void 0 /* TODO(ctimod): the connector cannot write records; the Voice LWC logs the call on the "
            "toolkit's callended event */")
        return conversion
