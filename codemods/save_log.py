"""Call logging: sforce.opencti.saveLog and Classic sforce.interaction.saveLog."""

from __future__ import annotations

import re

from ctimod.catalog import Disposition
from ctimod.codemod import LWC, CallSite, Codemod, Conversion, ConvertContext, RenderContext, register

from ._shared import (unsupported, fields_object, helper, js_string, key_js, literal_string, object_pairs, query_fields,
                      respond)

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
        Callbacks receive ``{success, returnValue: {recordId}}`` (Classic ``{result: true, id}``: no error on success).
        Classic field names reach the record as Open CTI read them, in any case: ``ctimodSaveRecord()`` gives
        ``Id``, and on a Task or an Event a fixed list of standard fields, their API names (``whoId`` ->
        ``WhoId``); a custom field whose ``__c`` is written in another case is passed as written and named in
        the TODO.

    Safety
        review: the CRUD semantics are the same, but call data usually belongs on VoiceCall now.

    References
        Open CTI saveLog; lightning/uiRecordApi createRecord / updateRecord; VoiceCall in LDS.
    """

    id = "save-log"
    members = ("sforce.opencti.saveLog", "sforce.interaction.saveLog")
    runs_in = LWC
    compliance = ("call-logs",)

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:
        conversion = self.conversion(site, safety=Disposition.REVIEW, trigger="callended", todo=TODO)
        if site.classic:
            obj, params, callback = site.positional(0), site.positional(1), site.positional(2)
            object_name = literal_string(site, obj) if obj is not None else None
            fields = query_fields(site, params) if params is not None else []

            def lwc(r: RenderContext) -> str:
                r.lwc_import("lightning/uiRecordApi", "createRecord", "updateRecord")
                if fields is not None:
                    values = fields_object(r, fields)
                else:
                    values = f"{helper(r, 'ctimodParseQuery')}({r.expr(params)})"
                api_name = js_string(object_name) if object_name is not None else (
                    r.expr(obj) if obj is not None else "undefined")
                call = f"{helper(r, 'ctimodSaveRecord')}({api_name}, {values})"
                return respond(r, call, callback, classic=True,
                               value="() => true", fields="(record) => ({ id: record.id })")

            conversion.summary = ("createRecord / updateRecord with the query string parsed into fields"
                                  if fields is not None else "createRecord / updateRecord via ctimodParseQuery()")
        else:
            value = site.option("value")
            callback = site.option("callback")
            pairs = object_pairs(site, value) if value is not None else None
            keys = [k for k, _ in pairs] if pairs is not None else []

            def lwc(r: RenderContext) -> str:
                r.lwc_import("lightning/uiRecordApi", "createRecord", "updateRecord")
                if pairs is not None and ("Id" in keys or "entityApiName" in keys):
                    fields = ", ".join(f"{key_js(k)}: {r.expr(n)}" for k, n in pairs if k != "entityApiName")
                    if "Id" in keys:
                        call = f"updateRecord({{ fields: {{ {fields} }} }})"
                    else:
                        api = r.expr(dict(pairs)["entityApiName"])
                        call = f"createRecord({{ apiName: {api}, fields: {{ {fields} }} }})"
                    call += ".then((record) => ({ recordId: record.id }))"
                else:
                    call = f"{helper(r, 'ctimodSaveLog')}({r.expr(value) if value is not None else '{}'})"
                return respond(r, call, callback)

            if pairs is not None and "Id" in keys:
                conversion.summary = "lightning/uiRecordApi updateRecord"
            elif pairs is not None and "entityApiName" in keys:
                conversion.summary = "lightning/uiRecordApi createRecord"
            else:
                conversion.summary = "createRecord / updateRecord chosen at run time by ctimodSaveLog()"
        static = [key for key, _ in fields or ()] if site.classic else keys
        odd = [key for key in static if re.search(r"__c$", key, re.I) and not key.endswith("__c")]
        if odd:  # a custom field named in another case than its API name: not in the fixed map of standard names
            names = ", ".join(f"'{key}'" for key in odd)
            conversion.todo = (f"{TODO} {names}: the legacy code named {'this custom field' if len(odd) == 1 else 'these custom fields'} "
                               "in another case than an API name has ('__c'); Open CTI read field names in any case, "
                               "createRecord / updateRecord are given them as written: use the field's API name.")
        conversion.lwc = lwc
        conversion.connector = unsupported("the connector cannot write records; the Voice LWC logs the call on the "
                                           "toolkit's callended event", callback, classic=site.classic)
        return conversion
