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
# The API names of Task's and Event's standard fields (as ctimodSaveRecord() in lwc_templates/helpers knows them).
ACTIVITY_FIELDS = {name.lower(): name for name in (
    "Subject", "Status", "Priority", "ActivityDate", "Description", "WhoId", "WhatId", "OwnerId", "RecordTypeId",
    "Type", "TaskSubtype", "CallType", "CallDurationInSeconds", "CallDisposition", "CallObject", "IsReminderSet",
    "ReminderDateTime", "CompletedDateTime", "StartDateTime", "EndDateTime", "DurationInMinutes", "ActivityDateTime",
    "Location", "IsAllDayEvent", "ShowAs", "EventSubtype", "IsPrivate")}


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
        the TODO. Lightning field names are given as written (a value built at run time too, through
        ``ctimodSaveLog()``): whether Lightning saveLog took a name in another case than the API name's is not
        documented, so a literal key of a Task's or an Event's standard field in another case (``whoid``) is named
        in the TODO with its API name.

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
            # Whether Lightning saveLog took a field name in another case than its API name is not documented:
            # such a key of a Task or an Event (or of a record whose object the call does not say) is named.
            api = literal_string(site, dict(pairs)["entityApiName"]) if "entityApiName" in keys else None
            record_id = literal_string(site, dict(pairs)["Id"]) if "Id" in keys else None
            activity = (api is None or api.lower() in ("task", "event")) and \
                (record_id is None or re.match(r"00[TU]", record_id) is not None)
            cased = [(k, ACTIVITY_FIELDS[k.lower()]) for k in keys
                     if activity and k.lower() in ACTIVITY_FIELDS and k != ACTIVITY_FIELDS[k.lower()]]
            if cased:
                names = ", ".join(f"'{key}' ({name})" for key, name in cased)
                conversion.todo = (
                    f"{TODO} {names}: the legacy code named {'this standard field' if len(cased) == 1 else 'these standard fields'} "
                    "in another case than the API name; whether Open CTI's Lightning saveLog accepted that is not "
                    "documented (unconfirmed): createRecord / updateRecord are given the names as written; use the "
                    "API name once you know the legacy call saved the field.")
        static = [key for key, _ in fields or ()] if site.classic else keys
        odd = [key for key in static if re.search(r"__c$", key, re.I) and not key.endswith("__c")]
        if odd:  # a custom field named in another case than its API name: not in the fixed map of standard names
            names = ", ".join(f"'{key}'" for key in odd)
            conversion.todo = (f"{conversion.todo} {names}: the legacy code named {'this custom field' if len(odd) == 1 else 'these custom fields'} "
                               "in another case than an API name has ('__c'); Open CTI read field names in any case, "
                               "createRecord / updateRecord are given them as written: use the field's API name.")
        conversion.lwc = lwc
        conversion.connector = unsupported("the connector cannot write records; the Voice LWC logs the call on the "
                                           "toolkit's callended event", callback, classic=site.classic)
        return conversion
