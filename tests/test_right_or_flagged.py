"""Issue 11: every converted call does what the legacy call did, or is flagged with the reason.

Each test converts a few lines written for the case and asserts what a reviewer would see: the
generated code, the report row (safety, location, TODO) and what is not generated.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from ctimod.convert import ConvertOptions, bundle_files, convert

from .node_support import require_node


def run(tmp_path, files: dict[str, str], api: int = 4):
    folder = tmp_path / "acme-adapter"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = convert([str(folder)], ConvertOptions(connector_api=api))
    return result, {f.path: f.content for f in bundle_files(result)}


def lwc(files) -> str:
    return next(v for k, v in files.items() if k.endswith(".js") and "/lwc/" in k)


def outcome(result, api: str, line: int | None = None):
    return next(c for c in result.conversions if c.use.api == api and (line is None or c.use.line == line))


# ---------------------------------------------------------------------------------------- paths
def test_generated_files_hold_no_path_of_the_machine(tmp_path):
    _, files = run(tmp_path, {"src/softphone.js": "function onRinging(ani) {\n"
                                                   "  sforce.opencti.screenPop({type: 'sobject', params: {recordId: ani}});\n}\n",
                              "OpenCTI.callCenter": "<callCenter><section sortOrder='0' name='reqGeneralInfo'>"
                                                    "<item sortOrder='0' name='reqInternalName'>Acme</item></section>"
                                                    "</callCenter>"})
    for path, content in files.items():
        assert str(tmp_path) not in content, path
    assert "// ctimod: moved from src/softphone.js:1 (onRinging())." in lwc(files)
    assert json.loads(files["migration.json"])["inputs"] == ["src/softphone.js", "OpenCTI.callCenter"]


# ---------------------------------------------------------------------------------------- stand-ins
def test_a_stand_in_throws_at_its_first_use_naming_the_name_and_where_it_came_from(tmp_path):
    node = require_node()
    _, files = run(tmp_path, {"phone.js": "sforce.opencti.onClickToDial({listener: function (p) {\n"
                                          "  VendorPhone.dial(p.number);\n}});\n"})
    connector = files["connector/src/connector.js"]
    helper = connector[connector.index("function ctimodMissing"):]
    helper = helper[:helper.index("\n}\n") + 3]
    script = helper + ("const VendorPhone = ctimodMissing('VendorPhone', 'a global of the legacy page');\n"
                       "try { VendorPhone.dial('+1555'); console.log('succeeded'); } catch (e) { console.log(e.message); }\n")
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30).stdout
    assert out.strip() == ("ctimod: VendorPhone (a global of the legacy page) is not available after the migration; "
                           "see MIGRATION.md")


# ---------------------------------------------------------------------------------------- handlers
VENDOR_EVENTS = """
device.on('incoming', onDeviceIncoming);
function onDeviceIncoming(conn) {
  var from = conn.parameters.From;
  sforce.opencti.searchAndScreenPop({searchParams: from, callType: 'inbound'});
}
function onIncomingCall(call) {
  sforce.opencti.screenPop({type: 'sobject', params: {recordId: call.crmId}});
  sforce.opencti.setSoftphonePanelLabel({label: 'Call from ' + call.from + ' (' + call.callSid + ')'});
}
function onRinging(ani) {
  sforce.opencti.setSoftphonePanelLabel({label: ani});
}
function onHangup(callId) {
  sforce.opencti.refreshView();
}
function popNewLead(phone) {
  sforce.opencti.screenPop({type: 'newRecord', params: {entityName: 'Lead', defaultFieldValues: {Phone: phone}}});
}
phone.onincoming = onIncomingCall;
phone.on('ringing', onRinging);
phone.on('hangup', onHangup);
"""


def test_handlers_are_called_from_toolkit_events_only_with_what_the_event_gives(tmp_path):
    result, files = run(tmp_path, {"phone.js": VENDOR_EVENTS})
    text = lwc(files)
    assert "this.onRinging(detail.participant);" in text
    assert "this.onHangup(detail.callId);" in text
    # call.crmId is nothing the toolkit gives: not called, and the reason is in the code and the report.
    assert "this.onIncomingCall(" not in text
    assert "onIncomingCall() (phone.js:7) at this moment, but it is not called here" in text
    assert "it reads call.crmId" in text
    # The Twilio connection's parameters are the vendor's own object: never fed a made-up one.
    assert "this.onDeviceIncoming(" not in text
    assert "it reads conn.parameters" in text
    assert outcome(result, "sforce.opencti.searchAndScreenPop").location.endswith("onDeviceIncoming() (nothing calls it yet)")
    # A name or the calls a function makes are no evidence of when the legacy adapter ran it.
    assert "this.popNewLead(" not in text
    assert outcome(result, "sforce.opencti.screenPop", 18).location.endswith("popNewLead() (nothing calls it yet)")
    assert outcome(result, "sforce.opencti.setSoftphonePanelLabel", 12).location.endswith(": onRinging()")


def test_an_object_parameter_gets_exactly_the_fields_it_reads(tmp_path):
    _, files = run(tmp_path, {"phone.js": "function onIncoming(call) {\n  sforce.opencti.setSoftphonePanelLabel("
                                          "{label: call.from + ' ' + call.callSid});\n}\n"
                                          "vendorPhone.addListener('incoming', onIncoming);\n"})
    assert "this.onIncoming({ callSid: detail.callId, from: detail.participant });" in lwc(files)


# ---------------------------------------------------------------------------------------- options by name
def test_options_passed_by_name_are_read_at_run_time_never_dropped(tmp_path):
    result, files = run(tmp_path, {"phone.js": """
function pop(args) { sforce.opencti.screenPop(args); }
function log(req) { sforce.opencti.saveLog(req); }
function show(args) { sforce.opencti.setSoftphonePanelVisibility(args); }
function popLater(data) { sforce.opencti.screenPop(data.SCREEN_POP_DATA); }
"""})
    pop = outcome(result, "sforce.opencti.screenPop", 2)
    assert pop.generated == ("ctimodRespond(this[NavigationMixin.Navigate](ctimodPageReference(args.type, args.params, "
                             "args.defaultFieldValues)), args.callback)")
    assert "read each option from `args`" in pop.todo.replace("reads each", "read each")
    assert outcome(result, "sforce.opencti.saveLog").generated == "ctimodRespond(ctimodSaveLog(req.value), req.callback)"
    assert "((args.visible) ? open(this.utilityId) : minimize(this.utilityId))" in \
        outcome(result, "sforce.opencti.setSoftphonePanelVisibility").generated
    assert "ctimodPageReference(data.SCREEN_POP_DATA.type, data.SCREEN_POP_DATA.params" in \
        outcome(result, "sforce.opencti.screenPop", 5).generated


def test_run_apex_options_built_in_a_local_variable_resolve_the_class_and_method(tmp_path):
    result, files = run(tmp_path, {"lookup.js": """function lookup(phone) {
  var args = {apexClass: 'AccountLookup', methodName: 'byPhone', methodParams: 'phone=' + phone + '&limit=5',
              callback: function (r) { console.log(r.returnValue.runApex); }};
  sforce.opencti.runApex(args);
}
"""})
    apex = outcome(result, "sforce.opencti.runApex")
    assert apex.safety == "review"
    assert apex.generated.startswith("ctimodRespond(byPhone(ctimodParseQuery(args.methodParams)), args.callback")
    assert "public static String byPhone(String phone, String limit)" in \
        files["force-app/main/default/classes/AccountLookupVoice.cls"]


# ---------------------------------------------------------------------------------------- feature checks
def test_feature_checks_keep_the_lightning_branch_and_remove_the_classic_one(tmp_path):
    result, files = run(tmp_path, {"calltools.js": """function finishTask(update) {
  if (sforce.interaction) {
    sforce.interaction.saveLog('Task', 'Id=' + update.Id + '&Status=Completed');
  }
  if (sforce.opencti) {
    sforce.opencti.saveLog({value: update});
  }
  sforce.interaction && sforce.interaction.refreshPage();
}
"""})
    classic = outcome(result, "sforce.interaction.saveLog")
    assert (classic.safety, classic.location) == ("drop", "")
    assert "a check on the API family Voice does not correspond to" in classic.reason
    assert outcome(result, "sforce.interaction.refreshPage").safety == "drop"
    text = lwc(files)
    assert "ctimodSaveRecord('Task'" not in text and 'ctimodSaveRecord("Task"' not in text
    assert "ctimodSaveLog(update)" in text
    assert "not the Classic (sforce.interaction) one: removed `if (sforce.interaction) ...`" in text
    assert "sforce.interaction.saveLog" not in text.replace("/*", "\0").split("\0")[0]


# ---------------------------------------------------------------------------------------- variants, samples
VARIANT = """function cbInConsole(response) { %s }
function startPhone() {
  %s
}
function popRecord(id) { %s }
"""


def test_variant_pages_of_one_adapter_convert_the_lightning_copy_only(tmp_path):
    result, files = run(tmp_path, {
        "Phone_Classic.js": VARIANT % ("window.inConsole = JSON.parse(response.result);",
                                       "sforce.interaction.cti.getCallCenterSettings(cbInConsole);",
                                       "sforce.interaction.screenPop('/' + id, true);"),
        "Phone_Lightning.js": VARIANT % ("window.inConsole = response.success;",
                                         "sforce.opencti.getCallCenterSettings({callback: cbInConsole});",
                                         "sforce.opencti.screenPop({type: 'sobject', params: {recordId: id}});")})
    classic = [c for c in result.conversions if c.use.file == "Phone_Classic.js"]
    assert classic and all(c.safety == "drop" and "Phone_Lightning.js is the copy converted" in c.reason
                           for c in classic)
    connector = files["connector/src/connector.js"]
    assert "response.success" in connector and "JSON.parse(response.result)" not in connector
    assert "- Phone\\_Classic.js: a copy of the adapter" in files["MIGRATION.md"]
    (excluded,) = json.loads(files["migration.json"])["excluded"]
    assert (excluded["file"], excluded["kind"], excluded["kept"]) == ("Phone_Classic.js", "variant", "Phone_Lightning.js")


def test_a_samples_file_is_reported_not_wired(tmp_path):
    result, files = run(tmp_path, {"docs/opencti-samples.js": """var args = {callback: show};
sforce.opencti.getAppViewInfo(args);
sforce.opencti.saveLog({value: {entityApiName: 'Task', Subject: 'x'}});
sforce.opencti.screenPop({type: 'url', params: {url: '/x'}});
""", "phone.js": "function onRinging(ani) { sforce.opencti.setSoftphonePanelLabel({label: ani}); }\n"})
    samples = [c for c in result.conversions if c.use.file == "docs/opencti-samples.js"]
    assert len(samples) == 3 and all(c.summary == "not converted: part of a samples file" for c in samples)
    assert "createRecord" not in lwc(files) and "legacyScript" not in lwc(files)


# ---------------------------------------------------------------------------------------- generated code
def test_a_callback_default_becomes_a_parenthesised_arrow(tmp_path):
    _, files = run(tmp_path, {"phone.js": """function onRinging(ani, callback) {
  callback = callback || function () { console.log('none'); };
  sforce.opencti.setSoftphonePanelLabel({label: ani, callback: callback});
}
"""})
    assert "callback = callback || (() => { console.log('none'); });" in lwc(files)


def test_members_of_the_legacy_object_are_reported_and_stand_in(tmp_path):
    result, files = run(tmp_path, {"bridge.js": """class Bridge {
  onIncoming(call) {
    this.logger.info('pop', call.callId);
    sforce.opencti.screenPop({type: 'sobject', params: {recordId: this.lastRecord}});
  }
}
"""})
    text = lwc(files)
    assert 'logger = ctimodMissing("this.logger", "bridge.js:2");' in text
    assert 'lastRecord = ctimodMissing("this.lastRecord", "bridge.js:2");' in text
    names = {f.name for f in result.generated.free_names}
    assert {"this.logger", "this.lastRecord"} <= names
    assert "\\`this.logger\\` belonged to the legacy object around onIncoming()" in files["MIGRATION.md"]


# ---------------------------------------------------------------------------------------- the report
def test_a_ui_call_that_lands_in_the_connector_is_not_reported_as_converted(tmp_path):
    result, _ = run(tmp_path, {"phone.js": """sforce.interaction.cti.getCallCenterSettings(function (response) {
  sforce.interaction.isInConsole(function (r) { window.inConsole = r.result; });
});
"""})
    call = outcome(result, "sforce.interaction.isInConsole")
    assert call.location == "connector/src/connector.js: init()"
    assert call.safety == "manual" and call.summary.startswith("not converted: it landed in the connector")


def test_every_call_center_is_converted_and_secrets_stay_out(tmp_path):
    center = ("<callCenter><section sortOrder='0' name='reqGeneralInfo'>"
              "<item sortOrder='0' name='reqInternalName'>{name}</item></section>"
              "<section sortOrder='1' name='VendorSettings'>"
              "<item sortOrder='0' name='reqProviderAuthToken'>sk_live_0123456789abcdefXYZ</item>"
              "<item sortOrder='1' name='tokenApexClass'>TwilioTokenService</item></section></callCenter>")
    result, files = run(tmp_path, {"a.callCenter": center.format(name="Alpha"), "b.callCenter": center.format(name="Beta"),
                                   "phone.js": "function onRinging(ani) { sforce.opencti.setSoftphonePanelLabel({label: ani}); }\n"})
    assert {"contact-center/AlphaVoice.xml", "contact-center/BetaVoice.xml"} <= set(files)
    for path, content in files.items():
        assert "sk_live_0123456789abcdefXYZ" not in content, path
    assert "TwilioTokenService" in files["contact-center/AlphaVoice.xml"]  # a class name, not a credential
    assert "Also converted: b.callCenter" in files["MIGRATION.md"]
    assert "reqProviderAuthToken = sk\\_l…(27 chars)" in files["MIGRATION.md"]


def test_search_and_pop_says_what_it_does_not_use_and_supports_deferred_pops(tmp_path):
    result, files = run(tmp_path, {"phone.js": """function onRinging(ani) {
  sforce.opencti.searchAndScreenPop({searchParams: ani, queryParams: 'ani=' + ani, deferred: true,
    callType: 'inbound', callback: function (r) { window.later = r.returnValue.SCREEN_POP_DATA; }});
}"""})
    assert "Not used by the generated search: queryParams" in outcome(result, "sforce.opencti.searchAndScreenPop").todo
    assert "SCREEN_POP_DATA: reference" in lwc(files)
    assert "force-app/main/default/classes/CtimodSoftphoneSearch.cls" in files
