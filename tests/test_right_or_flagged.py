"""Issue 11: every converted call does what the legacy call did, or is flagged with the reason.

Each test converts a few lines written for the case and asserts what a reviewer would see: the
generated code, the report row (safety, location, TODO) and what is not generated.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from ctimod.convert import ConvertOptions, bundle_files, convert

from .conftest import run_cli
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
    helper = helper[:helper.index("ctimodMissing.errors = [];\n") + 27]
    script = helper + ("const VendorPhone = ctimodMissing('VendorPhone', 'a global of the legacy page');\n"
                       "try { VendorPhone.dial('+1555'); console.log('succeeded'); } catch (e) { console.log(e.message); }\n")
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30).stdout
    assert out.strip() == ("ctimod: VendorPhone (a global of the legacy page) is not available after the migration; "
                           "see MIGRATION.md")


def top_function(text: str, name: str) -> str:
    """A module-level function of a generated file."""
    start = text.index(f"function {name}(")
    return text[start:text.index("\n}\n", start) + 3]


def test_a_call_the_connector_cannot_make_still_answers_its_callback_with_a_failure(tmp_path):
    """unsubscribe() in a function carried into the connector becomes a TODO there: its callback is
    still called, with Open CTI's failure response, so the legacy error handling and the `done` it
    continues with run (node runs the generated function); the report says which copy it is."""
    node = require_node()
    result, files = run(tmp_path, {"phone.js": """var subscriptions = {calls: 'sub-1', agents: 'sub-2'};
function unsubscribeAll(done) {
  var pending = Object.keys(subscriptions).length;
  Object.keys(subscriptions).forEach(function (name) {
    sforce.opencti.unsubscribe({subscription: subscriptions[name], callback: function (response) {
      if (!response.success) {
        console.log('unsubscribe ' + name + ' failed: ' + response.errors[0].code + ' ' + response.errors[0].description);
      }
      delete subscriptions[name];
      pending -= 1;
      if (pending === 0) { done(); }
    }});
  });
}
sforce.opencti.onClickToDial({listener: function (payload) {
  unsubscribeAll(function () { VendorPhone.dial(payload.number); });
}});
"""})
    connector = files["connector/src/connector.js"]
    carried = top_function(connector, "unsubscribeAll")
    assert "/* TODO(ctimod): the connector reaches Lightning components through the LMS bridge" in carried
    script = "\n".join([top_function(connector, "ctimodErrors"), top_function(connector, "ctimodRespond"),
                        "var subscriptions = {calls: 'sub-1', agents: 'sub-2'};", carried,
                        "unsubscribeAll(() => console.log('done', JSON.stringify(subscriptions)));"])
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30)
    reason = ("ctimod TODO: the connector reaches Lightning components through the LMS bridge (publishEvent MESSAGE "
              "/ handleMessage); the Voice LWC now publishes and subscribes (see MIGRATION.md)")
    assert out.stdout.splitlines() == [f"unsubscribe calls failed: GENERIC_ERROR {reason}",
                                       f"unsubscribe agents failed: GENERIC_ERROR {reason}", "done {}"], out.stderr
    row = outcome(result, "sforce.opencti.unsubscribe")
    assert row.safety == "review"  # converted in the LWC, but the copy that runs is the connector's
    assert "Its copy in the connector, inside unsubscribeAll (phone.js:2)" in row.todo
    assert "the callback is called with Open CTI's failure response" in row.todo
    entry = next(c for c in json.loads(files["migration.json"])["conversions"] if c["api"] == "sforce.opencti.unsubscribe")
    assert entry["todo"] == row.todo and "its success path never does" in files["MIGRATION.md"]


@pytest.mark.parametrize("checks", [True, False])
def test_only_a_callback_that_checks_for_failure_is_answered_with_one_in_the_connector(tmp_path, checks):
    """saveLog() in a function carried into the connector: a callback that checks response.success is answered
    with Open CTI's failure response (its error path and the `done` it continues with run); one that reads the
    result unchecked is not called (it would go on as if the record had been saved): a plain TODO."""
    node = require_node()
    body = ("if (!response.success) { console.log('not saved: ' + response.errors[0].code); }\n    done();"
            if checks else "console.log('saved ' + response.returnValue.recordId);\n    done();")
    _, files = run(tmp_path, {"phone.js": """function logCall(subject, done) {
  sforce.opencti.saveLog({value: {entityApiName: 'Task', Subject: subject}, callback: function (response) {
    BODY
  }});
}
sforce.opencti.onClickToDial({listener: function (payload) {
  logCall('Call ' + payload.number, function () { VendorPhone.dial(payload.number); });
}});
""".replace("BODY", body)})
    connector = files["connector/src/connector.js"]
    carried = top_function(connector, "logCall")
    script = "\n".join([top_function(connector, "ctimodErrors"), top_function(connector, "ctimodRespond"), carried,
                        "logCall('Call 1', () => console.log('done'));"]) if checks else \
        "\n".join([carried, "logCall('Call 1', () => console.log('done'));"])
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30)
    if checks:
        assert "ctimodRespond(Promise.reject(new Error(\"ctimod TODO: the connector cannot write records" in carried
        assert out.stdout.splitlines() == ["not saved: GENERIC_ERROR", "done"], out.stderr
    else:
        assert "ctimodRespond(" not in carried
        assert "// TODO(ctimod): the connector cannot write records" in carried
        assert out.stdout == "" and out.returncode == 0, out.stderr


TWILIO_PAGE = """<!doctype html>
<html><head>
%s<script src="/support/api/52.0/lightning/opencti_min.js"></script>
<script src="phone.js"></script>
</head><body></body></html>
"""
TWILIO_PHONE = """Twilio.Device.setup(window.TOKEN);
Twilio.Device.incoming(function (conn) { conn.accept(); });
sforce.opencti.onClickToDial({listener: function (payload) {
  Twilio.Device.connect({To: payload.number});
}});
"""
TWILIO_SCRIPT = "https://static.twilio.com/libs/twiliojs/1.4/twilio.min.js"


@pytest.mark.parametrize("loaded", [True, False])
def test_the_dial_todo_asks_to_load_the_vendor_sdk_only_when_the_page_does_not(tmp_path, loaded):
    script = f'<script src="{TWILIO_SCRIPT}"></script>\n' if loaded else ""
    result, files = run(tmp_path, {"softphone.html": TWILIO_PAGE % script, "phone.js": TWILIO_PHONE})
    todo = outcome(result, "sforce.opencti.onClickToDial").todo
    assert (f'<script src="{TWILIO_SCRIPT}"></script>' in files["connector/index.html"]) == loaded
    if loaded:
        assert (f"dial() uses Twilio from the vendor script(s) connector/index.html loads as the legacy page did "
                f"({TWILIO_SCRIPT}); its stand-in throws only if they did not define it.") in todo
        assert "load the vendor SDK" not in todo and "does not have" not in todo
    else:
        assert ("dial() runs the legacy listener, which uses Twilio: names the connector does not have (each throws "
                "until you provide it); load the vendor SDK in connector/index.html or import it.") in todo


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
    assert pop.generated == ("ctimodRespond(ctimodScreenPop((reference) => this[NavigationMixin.Navigate](reference), "
                             "args.type, args.params, args.defaultFieldValues), args.callback)")
    assert "read each option from `args`" in pop.todo.replace("reads each", "read each")
    assert outcome(result, "sforce.opencti.saveLog").generated == "ctimodRespond(ctimodSaveLog(req.value), req.callback)"
    assert "((args.visible) ? open(this.utilityId) : minimize(this.utilityId))" in \
        outcome(result, "sforce.opencti.setSoftphonePanelVisibility").generated
    assert "(reference), data.SCREEN_POP_DATA.type, data.SCREEN_POP_DATA.params" in \
        outcome(result, "sforce.opencti.screenPop", 5).generated


def test_a_classic_save_log_whose_fields_hold_a_bare_percent_still_answers_its_callback(tmp_path):
    """client-acd's saveLog builds its query string at run time: ctimodParseQuery() decodes it. A value with a
    bare `%` ("50% done", not percent-encoding) threw URIError before the record was saved or the callback
    answered; now the piece is kept as written, valid escapes are decoded as before (node runs the generated
    helpers with the record save stubbed)."""
    node = require_node()
    _, files = run(tmp_path, {"phone.js": """function wrapUp(fields) {
  sforce.interaction.saveLog('Task', fields, function (response) {
    console.log('answered ' + response.result);
  });
}
"""})
    component = lwc(files)
    line = next(x for x in component.splitlines() if "ctimodParseQuery(fields)" in x)
    assert line.strip().startswith('ctimodRespondClassic(ctimodSaveRecord("Task", ctimodParseQuery(fields))'), line
    script = "\n".join([
        top_function(component, "ctimodParseQuery"), top_function(component, "ctimodRespondClassic"),
        "function ctimodErrors(e) { return [{ description: String(e) }]; }",
        "function ctimodSaveRecord(apiName, fields) { console.log(apiName + ' ' + JSON.stringify(fields));"
        " return Promise.resolve({ id: '00T000000000001' }); }",
        "for (const fields of ['Subject=50% done&Status=Completed', 'Subject=caf%C3%A9%20call&Note=100%25',"
        " 'Subject=%E9%ZZ%']) {",
        "  ctimodRespondClassic(ctimodSaveRecord('Task', ctimodParseQuery(fields)),"
        " (response) => console.log('answered ' + response.result), (record) => record.id);",
        "}"])
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        'Task {"Subject":"50% done","Status":"Completed"}',
        'Task {"Subject":"café call","Note":"100%"}',
        'Task {"Subject":"%E9%ZZ%"}',
        "answered 00T000000000001", "answered 00T000000000001", "answered 00T000000000001"], out.stdout


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


@pytest.mark.parametrize("test, dead", [("true", "else"), ("!0", "else"), ("1", "else"), ("false", "if"),
                                        ("!1", "if"), ("0", "if")])
def test_a_call_in_a_branch_an_if_on_a_constant_never_ran_is_reported_as_never_run(tmp_path, test, dead):
    """As in AMC's sample CRM app of the development set (its width call sits in the `else` of `if (true)`): the
    legacy code never ran that branch, so there is nothing to convert. Before, the call was converted and
    reported as converted-but-unwired, and the dead branch landed in the component; now the row says it never
    ran and the component holds the branch that ran. A test that is not a literal still converts both."""
    ran, never = "console.log('sized by the vendor');", "sforce.opencti.setSoftphonePanelWidth({widthPX: w});"
    first, second = (ran, never) if dead == "else" else (never, ran)
    result, files = run(tmp_path, {"resize.js": f"""function resize(w, flag) {{
  if ({test}) {{
    {first}
  }} else {{
    {second}
  }}
  if (flag) {{
    sforce.opencti.setSoftphonePanelHeight({{heightPX: w}});
  }}
}}
"""})
    width = outcome(result, "sforce.opencti.setSoftphonePanelWidth")
    assert (width.safety, width.location) == ("drop", ""), (width.safety, width.location)
    assert width.summary == "removed with a branch that never ran (its `if` tests a constant)"
    assert width.reason == (f"the call is in the branch of `if ({test})` that never ran: its test is a constant, so "
                            "the legacy code never ran this branch (nothing to convert)")
    assert outcome(result, "sforce.opencti.setSoftphonePanelHeight").safety == "review"  # `if (flag)`: converted
    text = lwc(files)
    assert "width:" not in text and "setSoftphonePanelWidth" not in text.replace("/*", "\0").split("\0")[0]
    assert f"/* ctimod: `if ({test})` tests a constant: only this branch ever ran */" in text
    assert "console.log('sized by the vendor');" in text and "height:" in text
    assert "removed with a branch that never ran (its \\`if\\` tests a constant)" in files["MIGRATION.md"]


def test_a_comment_in_the_test_of_a_removed_if_stays_in_the_component(tmp_path):
    """`if (/* always */ true)`: the author's comment says why the branch was forced; the branch that ran stands in
    place of the `if` and the comment stays above it, as written (a block comment, a line comment on its own line, a
    comment in a feature check, a removed `if (false)` without an else). Before, the comment was dropped."""
    _, files = run(tmp_path, {"resize.js": """function resize(w) {
  if (/* always: the vendor sizes it */ true) {
    console.log('sized by the vendor');
  } else {
    sforce.opencti.setSoftphonePanelWidth({widthPX: w});
  }
  if (false // never: see ticket 12
  ) {
    sforce.opencti.setSoftphonePanelHeight({heightPX: w});
  }
  if (/* Lightning page */ sforce.opencti) {
    sforce.opencti.setSoftphonePanelVisibility({visible: true});
  } else {
    sforce.interaction.setVisible(true);
  }
}
"""})
    lines = [line.strip() for line in lwc(files).splitlines()]
    start = lines.index("resize(w) {")
    assert lines[start + 1:start + 9] == [
        "/* ctimod: `if (true)` tests a constant: only this branch ever ran */",
        "/* always: the vendor sizes it */",
        "console.log('sized by the vendor');",
        "/* ctimod: `if (false)` tests a constant: only this branch ever ran: removed `if (false) ...` */",
        "// never: see ticket 12",
        "/* ctimod: `sforce.opencti` reads true in Voice (what it checks for is always there) */",
        "/* Lightning page */",
        "open(this.utilityId);"], lines[start:start + 10]


def test_a_line_comment_kept_from_a_removed_if_does_not_swallow_the_code_after_it(tmp_path):
    """`if (false // never\n) call(); after();`: the removed `if` leaves ctimod's comment and the author's line
    comment; `after();`, on the line where the `if` ended, still runs (on its own line), not inside the comment."""
    _, files = run(tmp_path, {"resize.js": """function resize(w) {
  if (false // never
  ) sforce.opencti.setSoftphonePanelWidth({widthPX: w}); console.log('after');
  sforce.opencti.setSoftphonePanelHeight({heightPX: w});
}
"""})
    lines = [line.strip() for line in lwc(files).splitlines()]
    start = lines.index("resize(w) {")
    assert lines[start + 2:start + 4] == ["// never", "console.log('after');"], lines[start:start + 6]


def test_a_removed_classic_call_that_never_fails_passes_no_failure_result(tmp_path):
    """A removed Classic call answers its callback from Promise.resolve(...), which never rejects: the failure result
    (`false` for a member whose result says whether it worked) is never read, so it is not passed (before: a
    redundant `, undefined, false` on each). A call that can fail (setSoftphoneHeight on the component's own
    utility panel) still passes it."""
    _, files = run(tmp_path, {"phone.js": """function start() {
  sforce.interaction.cti.enableClickToDial(function (response) { log(response.result); });
  sforce.interaction.cti.disableClickToDial(function (response) { log(response.result); });
  sforce.interaction.cti.setSoftphoneHeight(380, function (response) { log(response.error); });
  sforce.interaction.entityFeed.refreshObject('001', false, false, true, function (response) { log(response.result); });
}
"""})
    answers = [(line.strip().split("(")[1], line.rsplit("}", 1)[1]) for line in lwc(files).splitlines()
               if line.strip().startswith("ctimodRespondClassic(")]
    assert answers == [("Promise.resolve", ", () => true);"), ("Promise.resolve", ", () => true);"),
                       ("updatePanel", ", () => true, undefined, false);"), ("Promise.resolve", ");")], answers


def test_a_row_removed_with_dead_code_is_not_labelled_as_owned_by_voice(tmp_path):
    """MIGRATION.md's Safety column: a call in a branch the legacy code never ran is "removed: the legacy code never
    ran it (dead code)" (before: "removed: Voice owns it", which Voice does not: the call never ran); a call Voice
    owns (enableClickToDial) keeps its label."""
    _, files = run(tmp_path, {"resize.js": """function resize(w) {
  if (false) {
    sforce.opencti.setSoftphonePanelWidth({widthPX: w});
  }
  sforce.opencti.enableClickToDial({callback: function () {}});
}
"""})
    rows = {line.split(" | ")[1]: line.split(" | ")[2] for line in files["MIGRATION.md"].splitlines()
            if line.startswith("| resize.js:")}
    assert rows == {"`sforce.opencti.setSoftphonePanelWidth`": "removed: the legacy code never ran it (dead code)",
                    "`sforce.opencti.enableClickToDial`": "removed: Voice owns it"}, rows
    assert ("Left out (1 call, removed for another reason than Voice owning it): 1 in a branch the legacy code never "
            "ran (their rows below say so).") in files["MIGRATION.md"]
    assert json.loads(files["migration.json"])["conversions"][0]["left_out"] == "dead-code"


def test_a_row_removed_with_the_other_familys_branch_of_a_feature_check_says_so(tmp_path):
    """A call in the Classic branch of `if (sforce.opencti) ... else ...` in a Lightning adapter is removed with
    that branch: its Safety column says so (before: "removed: Voice owns it", which is not why), migration.json
    marks it left_out feature-check, and the summary counts it apart from what Voice owns."""
    _, files = run(tmp_path, {"panel.js": """function show() {
  if (sforce.opencti) {
    sforce.opencti.setSoftphonePanelVisibility({visible: true});
  } else {
    sforce.interaction.setVisible(true);
  }
}
"""})
    rows = {line.split(" | ")[1]: line.split(" | ")[2] for line in files["MIGRATION.md"].splitlines()
            if line.startswith("| panel.js:")}
    assert rows["`sforce.interaction.setVisible`"] == \
        "removed with the branch of a feature check that does not run in Voice", rows
    assert not rows["`sforce.opencti.setSoftphonePanelVisibility`"].startswith("removed"), rows
    left_out = {c["api"]: c.get("left_out") for c in json.loads(files["migration.json"])["conversions"]}
    assert left_out == {"sforce.interaction.setVisible": "feature-check",
                        "sforce.opencti.setSoftphonePanelVisibility": None}, left_out
    assert "in a feature check's branch that does not run in Voice" in files["MIGRATION.md"]


LEFT_OUT_ADAPTER = {
    "phone.js": """function ring(number) {
  sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.URL, params: {url: '/' + number}});
}
function logCall(id) {
  sforce.opencti.saveLog({value: {Id: id, Status: 'Completed'}});
}
function start() {
  sforce.opencti.enableClickToDial({callback: function () {}});
}
""",
    "classic/phone.js": """function ring(number) {
  sforce.interaction.screenPop('/' + number, true);
}
function logCall(id) {
  sforce.interaction.saveLog('Task', 'Id=' + id + '&Status=Completed');
}
function start() {
  sforce.interaction.cti.enableClickToDial();
}
""",
    "docs/snippets.js": """sforce.opencti.enableClickToDial({callback: show});
sforce.opencti.refreshView();
sforce.opencti.setSoftphonePanelWidth({widthPX: 300});
""",
}


def _convert_left_out_adapter(tmp_path):
    """LEFT_OUT_ADAPTER converted on the command line into tmp_path/out: (out, the process)."""
    folder = tmp_path / "acme-adapter"
    for name, text in LEFT_OUT_ADAPTER.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("convert", str(folder), "-o", str(out), "--no-diffs")
    assert proc.returncode == 0, proc.stderr
    return out, proc


def test_rows_of_a_samples_file_and_a_superseded_copy_say_why_they_are_left_out(tmp_path):
    """A call in a samples file or in a copy of the adapter another copy supersedes is not converted because
    nothing runs it (or the other copy is converted), not because Voice owns it. Before, MIGRATION.md labelled
    those rows "removed: Voice owns it — **not converted**", report.html gave them a drop badge whose "not
    converted" said a TODO stood in for the call, and the terminal plan said "drop NOT CONVERTED". Now every
    surface names the reason; a call Voice does own (enableClickToDial in the converted copy) keeps its label."""
    out, proc = _convert_left_out_adapter(tmp_path)
    migration = (out / "MIGRATION.md").read_text(encoding="utf-8")
    rows = {tuple(line.split(" | ")[:2]): line.split(" | ")[2] for line in migration.splitlines()
            if line.startswith("| ")}
    samples = "left out: a samples file, which the adapter never runs — **not converted**"
    copy = "left out: a superseded copy (another copy of it is converted) — **not converted**"
    assert rows[("| docs/snippets.js:1", "`sforce.opencti.enableClickToDial`")] == samples
    assert rows[("| docs/snippets.js:3", "`sforce.opencti.setSoftphonePanelWidth`")] == samples
    assert rows[("| classic/phone.js:8", "`sforce.interaction.cti.enableClickToDial`")] == copy
    assert rows[("| classic/phone.js:5", "`sforce.interaction.saveLog`")] == copy
    assert rows[("| phone.js:8", "`sforce.opencti.enableClickToDial`")] == "removed: Voice owns it"
    assert not [row for row in rows.values() if "Voice owns it — **not converted**" in row]
    assert "| not converted: part of a samples file | not moved |" in migration  # the result column: why
    assert "| not converted: superseded by phone.js | not moved |" in migration
    assert ("Left out (6 calls, removed for another reason than Voice owning them): 3 in a samples file, 3 in a "
            "superseded copy (their rows below say so).") in migration
    doc = json.loads((out / "migration.json").read_text(encoding="utf-8"))
    left_out = {(c["file"], c["line"]): c.get("left_out") for c in doc["conversions"]}
    assert left_out[("docs/snippets.js", 2)] == "samples" and left_out[("classic/phone.js", 2)] == "variant"
    assert left_out[("phone.js", 8)] is None
    report = (out / "report.html").read_text(encoding="utf-8")
    assert ('<span class="badge drop" title="left out: a samples file, which the adapter never runs">samples</span> '
            '<span class="badge failed" title="docs/snippets.js is a samples file: it demonstrates Open CTI calls, '
            'nothing in the adapter runs it; port what it shows by hand if the adapter needs it">not converted</span>'
            ) in report
    assert '<span class="badge drop" title="left out: a superseded copy (another copy of it is converted)">superseded' \
        '</span>' in report
    assert 'data-card="drop"><div class="value">1</div><div class="label">removed (Voice owns it)' in report
    assert ('data-card="left-out"><div class="value">6</div><div class="label">left out (not Voice&#39;s: 3 samples, '
            '3 superseded copies)') in report
    plan = " ".join(proc.stdout.split())
    assert "docs/snippets.js:1 sforce.opencti.enableClickToDial samples NOT CONVERTED" in plan
    assert "classic/phone.js:2 sforce.interaction.screenPop superseded NOT CONVERTED" in plan
    assert "drop NOT CONVERTED" not in plan


def test_every_count_of_removed_calls_counts_only_what_voice_owns(tmp_path):
    """The summary counts left-out calls (samples, a superseded copy, dead code, a feature check's other branch)
    apart from the calls removed because Voice owns them. Before, migration.json's by_safety.drop, MIGRATION.md's
    Removed column and report.html's removed card and adapter row counted all 7 removed calls, of which Voice owns
    one (phone.js's enableClickToDial)."""
    import jsonschema
    from importlib import resources

    out, _ = _convert_left_out_adapter(tmp_path)
    doc = json.loads((out / "migration.json").read_text(encoding="utf-8"))
    schema = json.loads(resources.files("ctimod.schemas").joinpath("migration-1.3.schema.json").read_text())
    jsonschema.validate(doc, schema)
    summary = doc["summary"]
    assert summary["by_safety"]["drop"] == 1 and summary["left_out"] == {"samples": 3, "variant": 3}, summary
    assert sum(summary["by_safety"].values()) + sum(summary["left_out"].values()) == summary["calls"] == 9
    migration = (out / "MIGRATION.md").read_text(encoding="utf-8")
    head, row = [line for line in migration.splitlines() if line.startswith("| ")][:2]
    table = dict(zip(head.strip("| ").split(" | "), row.strip("| ").split(" | ")))
    assert (table["Removed (Voice owns it)"], table["Left out"]) == ("1", "6"), table
    report = (out / "report.html").read_text(encoding="utf-8")
    adapter_row = re.search(r'<tr data-adapter="[^"]+">(.*?)</tr>', report, re.S).group(1)
    counts = dict(re.findall(r'data-n="([\w-]+)">([^<]*)<', adapter_row))
    assert (counts["drop"], counts["left-out"]) == ("1", "6"), counts
    assert '<div class="value">7</div>' not in report.split('id="files"')[0]


def test_an_unwired_rows_todo_is_two_sentences(tmp_path):
    """The note an unwired row adds ("Nothing in the component calls the method it landed in yet, ...") follows the
    call's own TODO as a sentence of its own: before, a TODO without a final period ran into it ("... refresh
    records with notifyRecordUpdateAvailable Nothing in the component calls ...") in MIGRATION.md, report.html and
    migration.json."""
    result, files = run(tmp_path, {"feed.js": """function onFeedAction(id) {
  sforce.interaction.entityFeed.refreshObject(id, true, true, true, function () {});
}
"""})
    feed = outcome(result, "sforce.interaction.entityFeed.refreshObject")
    assert feed.status == "unwired", feed.status
    first = "refresh records with notifyRecordUpdateAvailable"
    unwired = "Nothing in the component calls the method it landed in yet, so this call does not run"
    assert f"{first}. {unwired}" in feed.todo, feed.todo
    assert f"TODO: Case Feed publishers (entityFeed) exist only in Salesforce Classic; rebuild the publisher as a " \
           f"Lightning quick action or LWC and {first}. {unwired}" in files["MIGRATION.md"]
    assert f"{first}. {unwired}" in files["report.html"]
    assert f"{first} {unwired}" not in files["MIGRATION.md"] + files["report.html"] + files["migration.json"]

def method(text: str, name: str) -> str:
    """One method of the generated component, as a reviewer reads it."""
    start = text.index(f"    {name}(")
    return text[start:text.index("\n    }\n", start) + 7]


def test_a_kept_branch_reads_like_written_code_nested_and_declaring(tmp_path):
    _, files = run(tmp_path, {"calltools.js": """function finishTask(update) {
    if (sforce.interaction) {
        sforce.interaction.saveLog('Task', 'Id=' + update.Id);
    }
    if (typeof sforce.console !== 'undefined' && sforce.console.isInConsole()) {
        sforce.console.getFocusedPrimaryTabId(function (result) {
            sforce.console.refreshPrimaryTabById(result.id, true);
        });
    } else if (sforce.opencti) {
        if (update.Id) {
            sforce.opencti.refreshView();
        }
    }
    console.log('finished', update.Id);
}
function startTask(fields) {
    if (sforce.opencti) {
        const task = Object.assign({entityApiName: 'Task'}, fields);
        sforce.opencti.saveLog({value: task});
    }
    console.log('started');
}
"""})
    text = lwc(files)
    lightning = "/* ctimod: `sforce.opencti` reads true in Voice (what it checks for is always there) */"
    # nested: the console check's else-if, then the opencti check: comment lines, the branch at the method's level
    assert method(text, "finishTask") == f"""    finishTask(update) {{
        /* ctimod: Voice corresponds to the Lightning (sforce.opencti) branch of this adapter, not the Classic (sforce.interaction) one: removed `if (sforce.interaction) ...` */
        /* ctimod: Voice corresponds to the Lightning (sforce.opencti) branch of this adapter, not the Classic console (sforce.console) one */
        {lightning}
        if (update.Id) {{
            notifyRecordUpdateAvailable(this.ctimodVisibleRecordIds());
        }}
        console.log('finished', update.Id);
    }}
"""
    # declaring: the braces keep `task` local, on their own lines below the comment
    assert method(text, "startTask") == f"""    startTask(fields) {{
        {lightning}
        {{
            const task = Object.assign({{entityApiName: 'Task'}}, fields);
            ctimodSaveLog(task);
        }}
        console.log('started');
    }}
"""


def test_an_else_if_on_the_other_family_keeps_the_next_statement_out_of_the_else(tmp_path):
    """`} else if (sforce.interaction) {...}` with no else of its own becomes an else with only the
    comment: the statement after it still runs on both paths (node runs the generated method)."""
    node = require_node()
    _, files = run(tmp_path, {"phone.js": """function onRinging(ani) {
  if (window.quiet) {
    console.log('quiet');
  } else if (sforce.interaction) {
    sforce.interaction.setVisible(true);
  } else if (sforce.opencti) {
    sforce.opencti.setSoftphonePanelLabel({label: ani});
  }
  if (window.busy) {
    console.log('busy');
  } else if (sforce.interaction) {
    sforce.interaction.setVisible(true);
  }
  console.log('after');
}
"""})
    text = method(lwc(files), "onRinging")
    script = ("const calls = [];\nfunction updatePanel(id, options) { calls.push('label ' + options.label); }\n"
              "console.log = (...words) => calls.push(words.join(' '));\n"
              "class Probe {\n" + text + "}\n"
              "const out = [];\n"
              "for (const [quiet, busy] of [[false, false], [true, true]]) {\n"
              "  globalThis.window = {quiet, busy}; calls.length = 0;\n"
              "  Object.assign(new Probe(), {utilityId: 'u'}).onRinging('+1555');\n"
              "  out.push(calls.join(', '));\n}\n"
              "process.stdout.write(out.join('\\n'));\n")
    proc = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30)
    assert proc.stdout.split("\n") == ["label +1555, after", "quiet, busy, after"], proc.stderr + text
    assert "} else {\n" in text and "} else /*" not in text


def test_a_branch_without_semicolons_keeps_its_braces_where_it_would_join_its_neighbours(tmp_path):
    """Written without semicolons, `[...]` or `(...)` at the start of a line would continue the
    statement before it once the braces went: the braces stay, a removed branch leaves `;`, and the
    method does what the legacy function did (node runs it)."""
    node = require_node()
    _, files = run(tmp_path, {"phone.js": """function onCall(c) {
  var handlers = [c.a, c.b]
  if (sforce.opencti) {
    [c.x, c.y].forEach(function (v) { console.log('v', v) })
    sforce.opencti.setSoftphonePanelLabel({label: c.from})
  }
  (handlers[0] || handlers[1])('done')
  var after = c.after
  if (sforce.interaction) { sforce.interaction.refreshPage() }
  (after || console.log)('ended')
}
device.on('incoming', function (c) { onCall(c); });
"""})
    text = method(lwc(files), "onCall")
    assert "/* ctimod: `sforce.opencti` reads true in Voice (what it checks for is always there) */\n      {\n" in text
    assert "removed `if (sforce.interaction) ...` */;\n" in text
    script = ("const calls = [];\nfunction updatePanel(id, options) { calls.push('label ' + options.label); }\n"
              "console.log = (...words) => calls.push(words.join(' '));\n"
              "class Probe {\n" + text + "}\n"
              "const say = (word) => calls.push('handler ' + word);\n"
              "Object.assign(new Probe(), {utilityId: 'u'}).onCall({a: say, b: say, x: 1, y: 2, from: '+1555', after: say});\n"
              "process.stdout.write(calls.join(', '));\n")
    proc = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30)
    assert proc.stdout == "v 1, v 2, label +1555, handler done, handler ended", proc.stderr + text


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


def test_a_member_only_the_converted_calls_read_is_not_missing(tmp_path):
    # `this.api` held sforce.opencti: once its calls and constants are converted, the component reads it
    # nowhere, so no stand-in field, no row asking the user to give the component that member, and no
    # "(throws until the component has this.api)" on rows whose method cannot throw for it. A member the
    # converted code still reads (this.shown in the log line) keeps all three, for the method that reads it.
    source = """class Bridge {
  constructor() { this.api = window.sforce.opencti; }
  pop(id) {
    this.api.screenPop({type: this.api.SCREENPOP_TYPE.SOBJECT, params: {recordId: id}});
  }
  panel(show) {
    this.api.setSoftphonePanelVisibility({visible: show});%s
  }
}
"""
    result, files = run(tmp_path / "converted", {"bridge.js": source % ""})
    assert "this.api" not in lwc(files)
    assert "this.api" not in {f.name for f in result.generated.free_names}
    assert "`this.api` belonged" not in files["MIGRATION.md"]
    for api in ("sforce.opencti.screenPop", "sforce.opencti.setSoftphonePanelVisibility"):
        assert "throws until" not in outcome(result, api).location, outcome(result, api).location
    result, files = run(tmp_path / "read", {"bridge.js": source % "\n    console.log('panel', this.shown); // this.api"})
    assert 'shown = ctimodMissing("this.shown", "bridge.js:' in lwc(files)
    assert 'ctimodMissing("this.api"' not in lwc(files)  # (its mention in the comment kept from the legacy line reads nothing)
    assert {f.name for f in result.generated.free_names} & {"this.shown", "this.api"} == {"this.shown"}
    assert outcome(result, "sforce.opencti.setSoftphonePanelVisibility").location.endswith(
        "panel() (nothing calls it yet) (throws until the component has this.shown)")
    assert "throws until" not in outcome(result, "sforce.opencti.screenPop").location


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


# ---------------------------------------------------------------------------------------- development set
# Defects still seen when main's converter ran on the development set (the real adapters listed in
# ../shared/reference/real-adapters-dev.md). Each case below is written in our own words and shows
# one of them; strict xfails: remove the mark when the converter is fixed.
def connector_dial(tmp_path, files) -> dict:
    """Write the bundle and drive its connector through the handshake and DIAL (tests/node harness)."""
    from ctimod.write import write_bundle

    from .node_support import NODE_SCRIPTS, require_base_4x, run_node
    require_node()
    out = tmp_path / "bundle"
    write_bundle(str(out), list(files.items()), [])
    return run_node(NODE_SCRIPTS / "connector-harness.cjs", out / "connector",
                    json.dumps({"stubs": [], "base": str(require_base_4x()), "flow": ["DIAL"]}))


def test_dial_fails_when_the_listener_reaches_a_missing_name_inside_a_panel_callback(tmp_path):
    _, files = run(tmp_path, {"phone.js": """sforce.opencti.onClickToDial({listener: function (payload) {
  sforce.opencti.setSoftphonePanelVisibility({visible: true, callback: function () {
    AcmeDialer.call(payload.number);
  }});
}});
"""})
    result = connector_dial(tmp_path, files)
    # AcmeDialer is a stand-in in the connector: reaching it must fail the dial, not start a call.
    assert result["results"]["DIAL"] == "CALL_FAILED", (result["results"], result["errors"])


def test_dial_fails_when_the_legacy_listener_only_kept_the_number(tmp_path):
    """A click-to-dial listener that only hands the number to the softphone's own UI (kept in the adapter's
    state, written into the dial field, logged) placed no call: the agent pressed the softphone's call button
    after. Salesforce takes dial()'s success as the call being placed, so dial() fails with the TODO naming the
    listener (before: CALL_STARTED for a call nobody placed, the row "converted automatically")."""
    result, files = run(tmp_path, {"desk.js": """var desk = { pending: null };
sforce.opencti.onClickToDial({listener: function (payload) {
  desk.pending = { number: payload.number.replace(/[^0-9+]/g, ''), record: payload.recordId };
  document.getElementById('dial-field').value = desk.pending.number;
  console.info('click-to-dial: ' + payload.number);
}});
"""})
    conversion = outcome(result, "sforce.opencti.onClickToDial")
    assert conversion.safety.value == "manual"
    assert conversion.reason.startswith("the legacy click-to-dial listener (desk.js:2) places no call")
    connector = files["connector/src/connector.js"]
    assert "return ctimodOutboundCall(contact);" not in connector[connector.index("async dial("):]
    dialled = connector_dial(tmp_path, files)
    assert dialled["results"]["DIAL"] == "CALL_FAILED", (dialled["results"], dialled["errors"])


def test_dial_fails_when_the_legacy_listener_hands_the_number_to_a_function_that_only_keeps_it(tmp_path):
    """The listener calls a function of the adapter's own that keeps the number and pops a search (no vendor, no
    server): that placed no call either (before: dial() resolved CALL_STARTED, the row converted automatically). A
    function that calls the vendor still dials."""
    result, files = run(tmp_path / "keeps", {"desk.js": """var state = {};
var remember = function (number) { state.last = number; };
function prepare(number) {
  remember(number);
  sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.URL, params: {url: '/search?q=' + number}});
}
sforce.opencti.onClickToDial({listener: function (payload) { prepare(payload.number); }});
"""})
    conversion = outcome(result, "sforce.opencti.onClickToDial")
    assert conversion.safety.value == "manual"
    assert conversion.reason.startswith(
        "the legacy click-to-dial listener (desk.js:7) places no call: it calls no vendor, server or function that "
        "could place one (it only keeps or logs the number; so do the legacy functions it calls: remember() at "
        "desk.js:2, prepare() at desk.js:3), so"), conversion.reason
    assert connector_dial(tmp_path / "keeps", files)["results"]["DIAL"] == "CALL_FAILED"
    result, files = run(tmp_path / "dials", {"desk.js": """function prepare(number) { Acme.dial(number); }
sforce.opencti.onClickToDial({listener: function (payload) { prepare(payload.number); }});
"""})
    assert outcome(result, "sforce.opencti.onClickToDial").safety.value != "manual"
    # A variable given another function later may dial by the time the listener runs: not followed.
    result, files = run(tmp_path / "reassigned", {"desk.js": """var place = function (number) { state.last = number; };
place = function (number) { Acme.dial(number); };
sforce.opencti.onClickToDial({listener: function (payload) { place(payload.number); }});
"""})
    assert outcome(result, "sforce.opencti.onClickToDial").safety.value != "manual"


def test_dial_still_reports_the_call_a_listener_places_through_a_tel_link_or_its_own_function(tmp_path):
    """A listener that navigates to a tel: link, or calls a function of its own (which may dial), is not one
    that placed no call: dial() keeps resolving with the outbound call."""
    for body in ("window.location.href = 'tel:' + payload.number;", "desk.callNumber(payload.number);"):
        result, files = run(tmp_path / str(len(body)), {"desk.js": "var desk = { callNumber: function (n) {} };\n"
                             "sforce.opencti.onClickToDial({listener: function (payload) {\n  " + body + "\n}});\n"})
        assert outcome(result, "sforce.opencti.onClickToDial").safety.value != "manual"
        connector = files["connector/src/connector.js"]
        assert "return ctimodOutboundCall(contact);" in connector[connector.index("async dial("):]


def test_dial_todo_does_not_send_a_parameter_of_the_code_around_the_listener_to_a_vendor_sdk(tmp_path):
    """An Aura helper registers the listener inside a function that receives the component (`view`): dial()
    has no `view`, the legacy code's own parameter, which no script loads. The row's TODO says to pass in what it
    held (before: "load the vendor SDK in connector/index.html or import it"); a vendor global the same listener
    uses still gets that advice."""
    _, files = run(tmp_path, {"deskHelper.js": """({
    listenForDials: function (view) {
        sforce.opencti.onClickToDial({ listener: function (payload) {
            view.set('v.dialling', payload.number);
            AcmeVoice.place(payload.number);
        }});
    }
})
"""})
    migration = files["MIGRATION.md"]
    said = migration[migration.index("dial() runs the legacy listener, which uses "):]
    said = said[:said.index("\n")]
    assert said.startswith("dial() runs the legacy listener, which uses AcmeVoice, view: names the connector does "
                           "not have (each throws until you provide it); load the vendor SDK in connector/index.html "
                           "or import it (AcmeVoice); pass in what it held (view): a parameter of the legacy code "
                           "around the listener (see the TODO at each use: what gives it its value).")


def test_init_fails_when_the_settings_callback_reaches_a_missing_name(tmp_path):
    _, files = run(tmp_path, {"phone.js": """sforce.opencti.getCallCenterSettings({callback: function (response) {
  AcmeSdk.configure(response.returnValue['/AcmeSettings/region']);
}});
"""})
    result = connector_dial(tmp_path, files)
    # The legacy page had AcmeSdk; the connector has a stand-in: Salesforce must see the set-up fail.
    assert result["ready"] is False
    assert result["readyEvent"]["payload"]["message"] == "CAN_NOT_LOG_IN"
    assert {"step": "SETUP_CONNECTOR", "name": "AcmeSdk", "origin": "a global of the legacy page"} in result["standIns"]


def connector_setup(tmp_path, files, stubs=(), config=None, vendor=None, dial=None) -> dict:
    """Drive the bundle's connector through the handshake with recorders for the vendor globals ``stubs``
    (and ``vendor``: JavaScript run in the page before the connector, a vendor SDK's behaviour)."""
    from ctimod.write import write_bundle

    from .node_support import NODE_SCRIPTS, require_base_4x, run_node
    require_node()
    out = tmp_path / "bundle"
    write_bundle(str(out), list(files.items()), [])
    if vendor:  # a module the connector's entry imports first, so it runs before the connector's code
        source = out / "connector" / "src"
        (source / "test-vendor.js").write_text(vendor, encoding="utf-8")
        entry = source / "index.js"
        entry.write_text("import './test-vendor.js';\n" + entry.read_text(encoding="utf-8"), encoding="utf-8")
    return run_node(NODE_SCRIPTS / "connector-harness.cjs", out / "connector",
                    json.dumps({"stubs": list(stubs), "base": str(require_base_4x()), "flow": ["DIAL"],
                                "config": config or {}, "dial": dial}))


def test_a_parameter_given_the_page_global_object_is_that_object_in_the_connector(tmp_path):
    _, files = run(tmp_path, {"phone.js": """(function (ctx) {
  sforce.opencti.getCallCenterSettings({callback: function (response) {
    ctx.AcmePhone.start(response.returnValue['/AcmeSettings/region']);
  }});
})(window);
"""})
    connector = files["connector/src/connector.js"]
    # window is the connector page's global object too: a plain binding, no stand-in, no TODO at its uses.
    assert "let ctx = globalThis;" in connector
    assert "ctimodMissing('ctx'" not in connector and "TODO(ctimod): `ctx`" not in connector
    assert "ctx" not in [n["name"] for n in json.loads(files["migration.json"])["free_names"]]
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["ready"] is True, result["warnings"]
    assert any(c.get("path") == "AcmePhone.start" and c.get("args") == ["eu"] for c in result["vendorCalls"]), \
        result["vendorCalls"]


def test_a_read_of_what_the_adapter_set_on_the_global_object_stays_a_stand_in(tmp_path):
    _, files = run(tmp_path, {"tools.js": "(function (ctx) {\n  ctx.AcmeTools = { configure: function (s) {},\n"
                                          "    pop: function (id) { sforce.opencti.screenPop({type: 'sobject', "
                                          "params: {recordId: id}}); } };\n})(this);\n",
                              "phone.js": """(function (ctx) {
  sforce.opencti.getCallCenterSettings({callback: function (response) {
    ctx.AcmeTools.configure(response.returnValue);
  }});
})(window);
"""})
    connector = files["connector/src/connector.js"]
    # AcmeTools came from the adapter's own tools.js, whose code the connector does not load.
    assert "let ctx = ctimodMissing('ctx'" in connector
    assert "the moved code reads ctx.AcmeTools (set by the adapter's own script at tools.js:2)" in connector
    result = connector_setup(tmp_path, files)
    assert result["ready"] is False and result["readyEvent"]["payload"]["message"] == "CAN_NOT_LOG_IN"


def test_a_continuation_the_adapter_passed_once_runs_in_init(tmp_path):
    _, files = run(tmp_path, {"phone.js": """var region = null;
function loadSettings(done) {
  sforce.opencti.getCallCenterSettings({callback: function (response) {
    region = response.returnValue['/AcmeSettings/region'];
    done(region);
  }});
}
loadSettings(function (r) {
  AcmePhone.start(r);
  sforce.opencti.notifyInitializationComplete();
});
"""})
    connector = files["connector/src/connector.js"]
    assert ("// ctimod: `done` was a parameter of loadSettings() (phone.js:2); the adapter's one call of it passed "
            "this (phone.js:8)\nlet done = function (r) {") in connector
    assert "ctimodMissing('done'" not in connector
    # The continuation runs: the vendor starts with the setting, and init() resolves when it signals readiness.
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["ready"] is True, result["warnings"]
    assert any(c.get("path") == "AcmePhone.start" and c.get("args") == ["eu"] for c in result["vendorCalls"]), \
        result["vendorCalls"]


def test_a_continuation_passed_from_several_places_stays_a_stand_in(tmp_path):
    _, files = run(tmp_path, {"phone.js": """function loadSettings(done) {
  sforce.opencti.getCallCenterSettings({callback: function (response) { done(response.returnValue); }});
}
loadSettings(function (s) { AcmePhone.start(s); });
loadSettings(function (s) { AcmePhone.restart(s); });
"""})
    # Which function `done` is depends on the call: not known statically, so it is not guessed.
    assert "let done = ctimodMissing('done'" in files["connector/src/connector.js"]


def test_a_continuation_stand_in_the_settings_callback_calls_fails_init_as_its_row_says(tmp_path):
    """`done` passed from several places stays a stand-in; the callback calls it as it runs, so init() fails
    (the row said 'init() still resolves', which the real connector base showed false: CAN_NOT_LOG_IN)."""
    _, files = run(tmp_path, {"phone.js": """function loadSettings(done) {
  sforce.opencti.getCallCenterSettings({callback: function (response) { done(response.returnValue); }});
}
loadSettings(function (s) { AcmePhone.start(s); });
loadSettings(function (s) { AcmePhone.restart(s); });
"""})
    [row] = rows(files, "sforce.opencti.getCallCenterSettings")
    assert "still resolves" not in row["todo"]
    assert row["todo"] == ("init() runs the legacy settings callback, which uses done: names the connector does not "
                           "have (each throws until you provide it; init() fails where the settings callback calls "
                           "one as it runs, and a later call throws outside init(); they continued the legacy page's "
                           "start-up, which the connector does on its own: port what they did that the connector "
                           "needs).")
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"])
    assert result["ready"] is False and result["readyEvent"]["payload"]["message"] == "CAN_NOT_LOG_IN"


def test_a_method_of_the_legacy_object_in_moved_connector_code_is_a_reported_stand_in(tmp_path):
    result, files = run(tmp_path, {"dialer.js": """class Dialer {
  start() {
    sforce.opencti.onClickToDial({listener: (payload) => {
      this.manualDial(payload.number);
    }});
  }
  manualDial(number) { this.client.call(number); }
}
new Dialer().start();
"""})
    connector = files["connector/src/connector.js"]
    # The listener's `this` was the Dialer; in dial() it is the connector, which has no manualDial.
    assert '    manualDial = ctimodMissing("this.manualDial", "dialer.js:3"); // TODO(ctimod): `this.manualDial` ' \
        "belonged to the legacy object around the code moved into dial() (dialer.js:3)" in connector
    assert outcome(result, "sforce.opencti.onClickToDial").safety == "review"
    assert "this.manualDial" in [n["name"] for n in json.loads(files["migration.json"])["free_names"]]
    dial = connector_dial(tmp_path, files)
    assert dial["results"]["DIAL"] == "CALL_FAILED", dial["results"]


def test_search_results_carry_the_record_type_lightning_callbacks_read(tmp_path):
    _, files = run(tmp_path, {"phone.js": """function onRinging(ani) {
  sforce.opencti.searchAndScreenPop({searchParams: ani, callType: 'inbound', deferred: true,
    callback: function (r) {
      Object.keys(r.returnValue).forEach(function (id) {
        if (r.returnValue[id].RecordType === 'Contact') { window.contactId = id; }
      });
    }});
}
"""})
    search = files["force-app/main/default/classes/CtimodSoftphoneSearch.cls"]
    # Each match as Open CTI gave it: {Id, Name, RecordType, ...} (Classic callbacks read `object`).
    assert "'RecordType' =>" in search or "RecordType:" in lwc(files)


def test_a_navigation_listener_is_not_fed_fields_the_component_cannot_give(tmp_path):
    result, files = run(tmp_path, {"nav.js": """var lastUrl = null;
sforce.opencti.onNavigationChange({listener: function (payload) {
  if (payload.url === lastUrl) { return; }
  lastUrl = payload.url;
  if (/\\/lightning\\/o\\/Contact\\/new/.test(payload.url)) { window.newContactOpen = true; }
}});
"""})
    text = lwc(files)
    fed_undefined = "this.ctimodOnNavigation(" in text and "{ url: undefined, recordId" in text
    # Either the listener gets the page's URL, or it is not registered and the report says why.
    assert not fed_undefined, outcome(result, "sforce.opencti.onNavigationChange").todo


def test_a_console_toolkit_check_keeps_the_lightning_branch(tmp_path):
    result, files = run(tmp_path, {"calltask.js": """function popTask(url) {
  if (sforce.console) {
    sforce.console.getFocusedPrimaryTabId(function (result) {
      sforce.console.openSubtab(result.id, url, true, 'Task');
    });
  } else {
    sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.URL, params: {url: url}});
  }
}
function watchRecords() {
  if (sforce.console) {
    sforce.console.onFocusedSubtab(function (r) { console.log(r.objectId); });
  }
  if (sforce.opencti) {
    sforce.opencti.onNavigationChange({listener: function (p) { console.log(p.recordId); }});
  }
}
"""})
    text = lwc(files)
    assert "this[NavigationMixin.Navigate]({ type: 'standard__webPage', attributes: { url: url } })" in text
    assert "this.ctimodOnNavigation(" in text
    # Lightning Open CTI pages have no sforce.console: the check is false there, never `true`.
    assert "true /* ctimod: was sforce.console */." not in text


def test_a_listener_that_posts_to_the_page_iframe_finds_that_iframe_on_the_connector_page(tmp_path):
    result, files = run(tmp_path, {"Phone.page": """<apex:page>
<apex:iframe src="https://widget.example.com/app.html" height="500" width="300"/>
<script src="/support/api/40.0/lightning/opencti_min.js"></script>
<script>
function postToWidget(data) {
  document.getElementsByTagName('iframe')[0].contentWindow.postMessage(data, '*');
}
sforce.opencti.onClickToDial({listener: function (payload) {
  postToWidget({type: 'acme-new-call', phoneNumber: payload.number});
}});
</script>
</apex:page>
"""})
    assert outcome(result, "sforce.opencti.onClickToDial").location == "connector/src/connector.js: dial()"
    assert "document.getElementsByTagName('iframe')[0]" in files["connector/src/connector.js"]
    # The listener posts to the first iframe: the connector's page carries the widget frame it needs.
    assert '<iframe src="https://widget.example.com/app.html"' in files["connector/index.html"]


def test_a_click_to_dial_listener_that_was_not_moved_is_not_reported_as_moved(tmp_path):
    listener = """<script>
function send(data) { window.parent.postMessage(data, '*'); }
sforce.opencti.onClickToDial({listener: function (payload) {
  send({type: '%s', number: payload.number});
  sforce.opencti.setSoftphonePanelVisibility({visible: true});
}});
</script>
"""
    result, files = run(tmp_path, {"Phone-0.2.0_click-to-dial.page": listener % "dial",
                                   "Phone-1.0.0.page": listener % "call" + "<script>\nfunction onMessage(e) {\n"
                                   "  sforce.opencti.screenPop({type: 'sobject', params: {recordId: e.data.id}});\n}\n"
                                   "</script>\n"})
    connector = files["connector/src/connector.js"]
    moved = [c for c in result.conversions if c.use.api == "sforce.opencti.onClickToDial"
             and c.location == "connector/src/connector.js: dial()"]
    assert len(moved) == 1, [(c.use.file, c.summary) for c in moved]
    (kept,) = moved
    assert f"type: '{'dial' if kept.use.file.startswith('Phone-0.2.0') else 'call'}'" in connector
    other = [c for c in result.conversions if c.use.api == "sforce.opencti.setSoftphonePanelVisibility"
             and c.use.file != kept.use.file]
    assert other and all("dial()" not in c.location for c in other)


def test_the_apex_wrapper_uses_the_signature_of_the_class_copy_that_declares_the_method(tmp_path):
    _, files = run(tmp_path, {
        "phone.js": """function onEnded(call) {
  sforce.opencti.runApex({apexClass: 'CallLogger', methodName: 'findContact', methodParams: 'phone=' + call.from,
    callback: function (r) { console.log(r.returnValue.runApex); }});
  sforce.opencti.runApex({apexClass: 'CallLogger', methodName: 'logCall',
    methodParams: 'contactId=' + call.contactId + '&seconds=' + call.seconds,
    callback: function (r) { console.log(r.success); }});
}
""",
        "apex/v1_CallLogger.apxc": "global class CallLogger {\n"
                                   "    webService static Contact findContact(String phone) { return null; }\n}\n",
        "apex/v2_CallLogger.apxc": "global class CallLogger {\n"
                                   "    webService static Contact findContact(String phone) { return null; }\n"
                                   "    webService static void logCall(String contactId, Integer seconds) {\n"
                                   "        insert new Task(WhoId = contactId, CallDurationInSeconds = seconds);\n"
                                   "    }\n}\n"})
    wrapper = files["force-app/main/default/classes/CallLoggerVoice.cls"]
    assert "public static void logCall(String contactId, Integer seconds)" in wrapper
    assert "return CallLogger.logCall(" not in wrapper


def test_open_cti_calls_in_a_page_file_that_is_bare_javascript_are_found(tmp_path):
    result, _ = run(tmp_path, {"Phone.page": "<apex:page><script>\nsforce.opencti.enableClickToDial();\n"
                                             "</script></apex:page>\n",
                               "Phone-0.3.1_screen-pop.vfp": """function receiveMessage(event) {
    if (event.data.type === 'acme-ring') {
        sforce.opencti.screenPop({type: 'sobject', params: {recordId: event.data.recordId}});
    }
}
"""})
    assert [c.use.line for c in result.conversions if c.use.file == "Phone-0.3.1_screen-pop.vfp"] == [3]


def test_a_second_call_center_file_is_converted_or_reported(tmp_path):
    center = ("<?xml version='1.0' encoding='UTF-8'?>\n<CallCenter xmlns='http://soap.sforce.com/2006/04/metadata'>"
              "<adapterUrl>/apex/AcmePhone</adapterUrl><displayName>{name}</displayName>"
              "<internalName>{name}</internalName><version>4</version></CallCenter>\n")
    _, files = run(tmp_path, {"src/phone.js": "function onRinging(ani) {\n"
                                              "  sforce.opencti.setSoftphonePanelLabel({label: ani});\n}\n",
                              "src/callCenters/Acme.callCenter": center.format(name="AcmeOne"),
                              "src/callCenters/Acme.callCenter2": center.format(name="AcmeTwo")})
    assert "src/callCenters/Acme.callCenter2" in files["MIGRATION.md"].replace("\\_", "_")


def test_the_kept_copy_of_a_page_keeps_a_call_center(tmp_path):
    page = """<apex:page><script>
function postToWidget(data) { window.parent.postMessage(data, '*'); }
function onDial(payload) { postToWidget({type: 'acme-dial', number: payload.number}); }
sforce.opencti.onClickToDial({listener: onDial});
function receiveMessage(event) {
  sforce.opencti.screenPop({type: 'sobject', params: {recordId: event.data.id}});%s
}
</script></apex:page>
"""
    center = ("<callCenter><section sortOrder='0' name='reqGeneralInfo'>"
              "<item sortOrder='0' name='reqInternalName'>AcmePhone</item>"
              "<item sortOrder='1' name='reqAdapterUrl'>/apex/AcmePhone</item></section>"
              "<section sortOrder='1' name='AcmeSettings'><item sortOrder='0' name='region'>eu1</item></section>"
              "</callCenter>")
    # Two copies of the page the call centers name (/apex/AcmePhone): a numbered release and a later,
    # unnumbered one; each folder has its own copy of the call center.
    _, files = run(tmp_path, {
        "docs/acme_lightning/code/demo-1.0.0_AcmePhone.page": page % "",
        "docs/acme_lightning/code/demo-1.0.0_config_CallCenterDefinition.xml": center,
        "docs/acme_lightning_more/code/AcmePhone.page": page % "\n  console.log('popped');",
        "docs/acme_lightning_more/code/CallCenterDefinition.xml": center})
    migration = json.loads(files["migration.json"])
    assert [e["kind"] for e in migration["excluded"]] == ["variant"]
    contact_center = migration["contact_center"]
    # The call center configures the page whichever copy is converted: one is converted, not none.
    assert contact_center["source"] is not None, contact_center["superseded"]
    assert "eu1" in next(v for k, v in files.items() if k.startswith("contact-center/"))


def test_event_words_are_matched_as_words_not_inside_other_names(tmp_path):
    _, files = run(tmp_path, {"widget.js": """Acme.renderWidget(document.getElementById('panel'), function () {
  sforce.opencti.setSoftphonePanelLabel({label: 'Acme phone'});
});
function onSendDigits(digits) {
  sforce.opencti.setSoftphonePanelLabel({label: 'sent ' + digits});
}
phone.on('sendDigits', onSendDigits);
"""})
    text = lwc(files)
    assert "this.onAcmeRenderWidget()" not in text
    assert "ran onSendDigits() (widget.js:4) at this moment" not in text


def test_a_compound_console_check_keeps_only_the_branch_that_ran(tmp_path):
    _, files = run(tmp_path, {"refresh.js": """function refreshAfterSave() {
  if (typeof sforce.console !== 'undefined' && sforce.console.isInConsole()) {
    sforce.console.getFocusedPrimaryTabId(function (r) { sforce.console.refreshPrimaryTabById(r.id, true); });
  } else {
    sforce.opencti.refreshView();
  }
}
"""})
    text = lwc(files)
    assert "refreshPrimaryTabById" not in text and "getFocusedPrimaryTabId" not in text
    assert "notifyRecordUpdateAvailable(" in text
    assert "let sforce =" not in text  # no stand-in for code that never runs


def test_the_classic_twin_of_the_lightning_dial_listener_is_reported_as_dropped_not_moved(tmp_path):
    result, files = run(tmp_path, {"bridge.js": """function dialLightning(payload) { Acme.dial(payload.number); }
function dialClassic(response) {
  sforce.interaction.setVisible(true);
  Acme.dial(JSON.parse(response.result).number);
}
if (window.sforce && sforce.opencti) {
  sforce.opencti.onClickToDial({listener: dialLightning});
} else {
  sforce.interaction.cti.onClickToDial(dialClassic);
}
"""})
    classic = outcome(result, "sforce.interaction.cti.onClickToDial")
    assert classic.summary == "not moved: the Classic dial handler; the Lightning one (bridge.js:7) became dial()"
    assert "JSON.parse" not in files["connector/src/connector.js"]
    inner = outcome(result, "sforce.interaction.setVisible")
    assert inner.conversion.home == "none" and "Classic dial handler" in inner.conversion.reason


def test_a_navigation_listener_that_destructures_what_a_page_reference_lacks_is_not_registered(tmp_path):
    result, files = run(tmp_path, {"nav.ts": """sforce.opencti.onNavigationChange({listener: (payload) => {
  const { url } = payload;
  if (url && url.indexOf('/o/Case/new') > 0) { console.log('new case'); }
}});
sforce.opencti.onNavigationChange({listener: ({ recordId, recordName }) => console.log(recordId, recordName)});
"""})
    rows = [c for c in result.conversions if c.use.api == "sforce.opencti.onNavigationChange"]
    assert [c.summary for c in rows] == ["not converted: the listener reads url",
                                        "not converted: the listener reads recordName"]
    assert "ctimodOnNavigation(" not in lwc(files)


# ---------------------------------------------------------------------------------------- development set, third pass
# Defects still seen when main's converter (after the issue-11 dev-set fixes and issue 13's vendor wiring)
# ran on the development set again. Own words, strict xfails: remove the mark when the converter is fixed.
def test_a_navigation_listener_that_destructures_its_payload_is_not_fed_fields_it_cannot_get(tmp_path):
    result, files = run(tmp_path, {"nav.js": """var shownUrl = null;
sforce.opencti.onNavigationChange({listener: function (info) {
  var { url, recordName } = info;
  if (url === shownUrl) { return; }
  shownUrl = url;
  console.log('now on', recordName);
}});
"""})
    # Reading info.url is already caught (manual, not registered); `var { url } = info` reads the same field.
    assert "this.ctimodOnNavigation(" not in lwc(files), outcome(result, "sforce.opencti.onNavigationChange").summary


VENDOR_SDK_NOT_ON_THE_PAGE = """Twilio.Device.incoming(function (conn) {
  sforce.interaction.screenPop('/' + conn.parameters.From, true);
});
Twilio.Device.connect(function (conn) {
  $.post('/agent-status', {status: 'busy'});
});
"""


def test_init_fails_when_its_vendor_event_registrations_reach_a_missing_name(tmp_path):
    _, files = run(tmp_path, {"phone.js": VENDOR_SDK_NOT_ON_THE_PAGE})
    assert "Twilio.Device.incoming(" in files["connector/src/connector.js"]
    result = connector_dial(tmp_path, files)
    # Twilio is a stand-in here, as a settings callback's AcmeSdk is: Salesforce must see the set-up fail.
    assert result["ready"] is False, result["warnings"]


def test_a_replaced_vendor_handler_keeps_or_reports_its_server_call(tmp_path):
    _, files = run(tmp_path, {"phone.js": VENDOR_SDK_NOT_ON_THE_PAGE})
    connector = files["connector/src/connector.js"]
    assert "ctimodVendorEvent(\"connected\"" in connector
    # The agent-status request is not UI logic: the connector's listener makes it where the handler made it,
    # before it tells Salesforce, and a failure of it does not stop the publish.
    listener = connector[connector.index("Twilio.Device.connect((conn) => {"):]
    listener = listener[:listener.index("ctimodVendorEvent(\"connected\"")]
    assert "$.post('/agent-status', {status: 'busy'});" in listener and "try {" in listener
    assert "/agent-status" not in lwc(files)  # made once, by the connector


def test_a_handler_that_moves_to_the_component_keeps_its_request_there_only(tmp_path):
    """A vendor handler with an Open CTI call moves to the Voice component (its UI logic); its request goes with it
    and the connector's listener does not make it a second time."""
    _, files = run(tmp_path, {"phone.js": "Twilio.Device.incoming(function (conn) {\n"
                                          "  $.post('/ring-log', {from: conn.parameters.From});\n"
                                          "  sforce.interaction.screenPop('/' + conn.parameters.From, true);\n"
                                          "});\n"})
    assert "/ring-log" not in files["connector/src/connector.js"]
    assert "/ring-log" in lwc(files)


def test_a_visualforce_merge_field_in_moved_code_is_flagged_not_passed_as_its_value(tmp_path):
    _, files = run(tmp_path, {"pages/Phone.page": """<apex:page controller="PhoneController">
<script>
sforce.opencti.getCallCenterSettings({callback: function (response) {
  AcmeSdk.configure(response.returnValue, '{!namespacePrefix}');
}});
</script>
</apex:page>
"""})
    connector = files["connector/src/connector.js"]
    # Salesforce filled '{!namespacePrefix}' in when it served the page; in the connector it is the literal text.
    todo = ("// TODO(ctimod): {!namespacePrefix} is a Visualforce merge field, which Salesforce filled in when it "
            "served the legacy page; here it is the literal text")
    assert todo in connector
    line = connector.split("\n").index(next(l for l in connector.split("\n") if todo in l)) + 2
    assert "'{!namespacePrefix}'" in connector.split("\n")[line - 1]
    rows = [n for n in json.loads(files["migration.json"])["free_names"] if n["name"] == "{!namespacePrefix}"]
    assert rows == [{"home": "connector", "name": "{!namespacePrefix}", "file": "connector/src/connector.js",
                     "line": line, "declared_at": None, "note": rows[0]["note"]}]
    assert "| `{!namespacePrefix}` | connector |" in files["MIGRATION.md"]


# ---------------------------------------------------------------------------------------- start-up code
STARTUP = """(function () {
  var ui = {};
  function renderUi() {
    document.body.innerHTML = '<span id="acme-status"></span>';
    ui.status = document.getElementById('acme-status');
  }
  function onSettings(response) {
    ui.status.textContent = 'ready';
    AcmePhone.start(response.returnValue['/AcmeSettings/region']);
  }
  function boot() {
    renderUi();
    if (!window.AcmePhone) {
      return;
    }
    sforce.opencti.getCallCenterSettings({callback: onSettings});
  }
  document.addEventListener('DOMContentLoaded', boot);
})();
"""


def test_the_start_up_code_before_the_settings_call_runs_first_in_init(tmp_path):
    _, files = run(tmp_path, {"phone.js": STARTUP})
    connector = files["connector/src/connector.js"]
    assert ("// ctimod: the legacy start-up (boot() at phone.js:11) ran these statements before it read the call"
            in connector)
    assert "// ctimod: carried from phone.js:3\nfunction renderUi() {" in connector
    # renderUi() fills `ui`, which the callback reads (before, init() ran the callback alone: a TypeError).
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["ready"] is True, (result["warnings"], result["errors"])
    assert any(c.get("path") == "AcmePhone.start" and c.get("args") == ["eu"] for c in result["vendorCalls"]), \
        result["vendorCalls"]


def test_a_start_up_that_gives_up_before_the_settings_call_fails_init(tmp_path):
    _, files = run(tmp_path, {"phone.js": STARTUP.replace("window.AcmePhone", "window.AcmePhoneLoaded")})
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"])
    # The legacy softphone stopped there (its SDK flag was not set): Salesforce must not see a log-in.
    assert result["ready"] is False and result["readyEvent"]["payload"]["message"] == "CAN_NOT_LOG_IN"
    assert "the legacy start-up (boot() at phone.js:11) stopped before it read the call center settings" in \
        json.dumps(result)
    assert not any(c.get("path") == "AcmePhone.start" for c in result["vendorCalls"])


def test_an_error_in_the_settings_callback_fails_init(tmp_path):
    _, files = run(tmp_path, {"phone.js": """sforce.opencti.getCallCenterSettings({callback: function (response) {
  var options = JSON.parse(response.returnValue['/AcmeSettings/options']);
  AcmePhone.start(options.region);
}});
"""})
    # No options in the contact center: JSON.parse throws, as it did on the legacy page, where the softphone
    # never started. init() reports it instead of resolving (Open CTI swallowed the error).
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"])
    assert result["ready"] is False and result["readyEvent"]["payload"]["message"] == "CAN_NOT_LOG_IN"
    assert "ctimod: the legacy getCallCenterSettings callback (phone.js:1) failed in the connector" in \
        json.dumps(result["warnings"] + result["errors"])
    assert not any(c.get("path") == "AcmePhone.start" for c in result["vendorCalls"])


def test_start_up_code_that_needs_the_legacy_page_is_reported_and_init_goes_on(tmp_path):
    _, files = run(tmp_path, {"phone.js": STARTUP.replace(
        "    renderUi();\n", "    renderUi();\n    document.getElementById('acme-volume').value = '5';\n")})
    # The legacy page had the field; the connector page does not (it was not among the adapter's files).
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["ready"] is True, result["warnings"]
    assert "ctimod: the legacy start-up code (phone.js:13) failed in the connector" in \
        json.dumps(result["errors"])
    assert any(c.get("path") == "AcmePhone.start" and c.get("args") == ["eu"] for c in result["vendorCalls"])


def test_start_up_code_that_only_wires_the_legacy_softphones_buttons_is_not_run(tmp_path):
    """Click and submit handlers of the legacy page's own controls: Salesforce's softphone replaces them,
    and the connector's page has no such buttons, so init() does not run that wiring (before, it threw on
    the missing button, was logged as a failure and failed verify's handshake) and says so."""
    _, files = run(tmp_path, {"phone.js": STARTUP.replace(
        "    renderUi();\n", "    renderUi();\n    bindUi();\n"
                             "    document.getElementById('acme-dial').addEventListener('submit', answer);\n")
        .replace("  function boot() {", "  function answer() {}\n"
                                        "  function bindUi() {\n"
                                        "    document.getElementById('acme-answer').addEventListener('click', answer);\n"
                                        "    document.getElementById('acme-hangup').onclick = answer;\n"
                                        "  }\n  function boot() {")})
    connector = files["connector/src/connector.js"]
    assert ("        // ctimod: not run here: the legacy start-up's wiring of its page's own controls (click and\n"
            "        // submit handlers), which Salesforce's softphone replaces in Voice:\n"
            "        //   `bindUi();` (phone.js:18)\n"
            "        //   `document.getElementById('acme-dial').addEventListener('su...` (phone.js:19)\n") in connector
    assert "function bindUi()" not in connector and "acme-answer" not in connector
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["ready"] is True and not result["errors"], (result["warnings"], result["errors"])
    assert any(c.get("path") == "AcmePhone.start" and c.get("args") == ["eu"] for c in result["vendorCalls"])


def test_an_element_of_a_legacy_page_that_is_not_among_the_files_is_flagged_where_it_is_looked_up(tmp_path):
    result, files = run(tmp_path, {"phone.js": """function byId(id) {
  return document.getElementById(id);
}
function setStatus(text) {
  byId('acme-status').textContent = text + byId('acme-status').dataset.suffix;
}
sforce.opencti.getCallCenterSettings({callback: function (response) {
  setStatus('ready');
  document.querySelector('#acme-panel').scrollIntoView();
}});
"""})
    connector = files["connector/src/connector.js"]
    lines = connector.split("\n")
    status = lines.index("  byId('acme-status').textContent = text + byId('acme-status').dataset.suffix;")
    assert lines[status - 1].startswith("  // TODO(ctimod): #acme-status is not an element of connector/index.html: "
                                        "the legacy page had it, but it was not among the adapter's files")
    panel = next(i for i, line in enumerate(lines) if "document.querySelector('#acme-panel')" in line)
    assert "// TODO(ctimod): #acme-panel is not an element of connector/index.html" in lines[panel - 1]
    # Listed with the names the connector lacks, at the line of the statement (MIGRATION.md, migration.json).
    rows = {row["name"]: row for row in json.loads(files["migration.json"])["free_names"]}
    assert rows["#acme-status"]["line"] == status + 1 and rows["#acme-panel"]["line"] == panel + 1
    assert "| `#acme-status` | connector | connector/src/connector.js:" in files["MIGRATION.md"]


def test_an_element_the_connector_code_only_writes_to_goes_on_its_page_and_the_code_runs_on(tmp_path):
    """Status text of the legacy page (not among the files): the code only writes to it, so the element
    goes on connector/index.html (hidden like the rest of the page) and the code after it runs, here the
    vendor call (before: a TODO, then a TypeError at the write, and the vendor never started)."""
    _, files = run(tmp_path, {"phone.js": """function byId(id) {
  return document.getElementById(id);
}
sforce.opencti.getCallCenterSettings({callback: function (response) {
  byId('acme-status').textContent = 'starting';
  byId('acme-status').classList.add('busy');
  document.getElementById('acme-panel').style.display = 'none';
  AcmePhone.start(response.returnValue['/AcmeSettings/region']);
}});
"""})
    assert "is not an element of connector/index.html" not in files["connector/src/connector.js"]
    assert '    <div id="acme-panel"></div>\n' in files["connector/index.html"]
    assert '    <div id="acme-status"></div>\n' in files["connector/index.html"]
    assert not [r for r in json.loads(files["migration.json"])["free_names"] if r["name"].startswith("#")]
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["ready"] is True and not result["errors"], (result["warnings"], result["errors"])
    assert any(c.get("path") == "AcmePhone.start" and c.get("args") == ["eu"] for c in result["vendorCalls"])


def test_an_element_the_legacy_page_or_the_carried_code_provides_is_not_flagged(tmp_path):
    _, files = run(tmp_path, {"phone.html": """<html><body><span id="acme-status"></span>
<script src="phone.js"></script></body></html>
""", "phone.js": """function render() {
  document.body.insertAdjacentHTML('beforeend', '<div id="acme-panel"></div>');
}
sforce.opencti.getCallCenterSettings({callback: function (response) {
  render();
  document.getElementById('acme-status').textContent = 'ready';
  document.getElementById('acme-panel').hidden = false;
}});
"""})
    connector = files["connector/src/connector.js"]
    assert "is not an element of connector/index.html" not in connector
    assert 'id="acme-status"' in files["connector/index.html"]


def test_a_page_with_only_markup_and_script_tags_gives_the_connector_page_its_vendor_sdk_and_elements(tmp_path):
    # The common shape: the page loads the vendor SDK and the adapter's script, and holds the elements;
    # all the Open CTI code is in the script. The page has no Open CTI of its own, and was left out.
    _, files = run(tmp_path, {"phone.html": """<html><head>
<script src="https://sdk.example.com/acme-phone-1.4.js"></script></head>
<body><span id="acme-status"></span><script src="phone.js"></script></body></html>
""", "phone.js": """sforce.opencti.getCallCenterSettings({callback: function (response) {
  document.getElementById('acme-status').textContent = 'ready';
  AcmePhone.start(response.returnValue['/AcmeSettings/region']);
}});
"""})
    page = files["connector/index.html"]
    assert '<script src="https://sdk.example.com/acme-phone-1.4.js"></script>' in page
    assert '<span id="acme-status"></span>' in page
    assert "is not an element of connector/index.html" not in files["connector/src/connector.js"]


def test_a_vendor_registration_in_the_start_up_code_is_made_once(tmp_path):
    result, files = run(tmp_path, {"phone.js": """var current = null;
function onIncoming(conn) {
  current = conn;
}
window.addEventListener('load', function () {
  Twilio.Device.incoming(onIncoming);
  sforce.opencti.getCallCenterSettings({callback: function (response) {
    Twilio.Device.setup(response.returnValue['/TwilioSettings/token']);
  }});
});
"""})
    connector = files["connector/src/connector.js"]
    # The start-up code registers it in init(); the vendor wiring must not register it a second time
    # (each incoming call would reach Salesforce twice).
    assert connector.count("Twilio.Device.incoming(") == 1, connector
    assert connector.count('ctimodVendorEvent("incoming"') == 1


# ---------------------------------------------------------------------------------------- dial() guards
DIAL_GUARD = """var state = { ready: false, busy: false };
var phone = null;
function placeCall(number) {
  if (!state.ready || state.busy) {
    console.warn('cannot dial ' + number + ': not registered');
    return;
  }
  state.busy = true;
  phone.dial(number);
}
sforce.opencti.getCallCenterSettings({callback: function (response) {
  phone = new AcmePhone.Phone(response.returnValue['/AcmeSettings/region']);
  READY
}});
sforce.opencti.onClickToDial({listener: function (payload) {
  placeCall(payload.number);
}});
document.getElementById('dial').addEventListener('click', function () { placeCall('+15550000000'); });
"""


def _dial_error(result) -> str:
    """What the connector logged and the messages its methods rejected with (the harness records both)."""
    return json.dumps(result["warnings"] + result["errors"] + result.get("failures", []))


def test_dial_fails_when_the_function_it_hands_the_number_to_declines(tmp_path):
    """The listener hands the number on to placeCall(), whose guard clause returns without dialling until
    the vendor reports the phone registered: dial() fails (before, it resolved CALL_STARTED for a call
    nobody placed), and says which state it waits for."""
    _, files = run(tmp_path, {"phone.js": DIAL_GUARD.replace(
        "READY", "phone.on('registered', function () { state.ready = true; });")})
    connector = files["connector/src/connector.js"]
    assert "    return CTIMOD_NOT_DIALLED;\n" in connector
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["ready"] is True, result["errors"]
    assert result["results"]["DIAL"] == "CALL_FAILED", result["results"]
    assert ("The legacy click-to-dial logic did not dial this number: placeCall() waits for `state.ready`, which "
            "the vendor's events set") in _dial_error(result)
    assert result["results"]["vendorCallsOnDial"] == [], result["results"]


def test_dial_places_the_call_when_the_guard_of_the_function_it_hands_the_number_to_passes(tmp_path):
    _, files = run(tmp_path, {"phone.js": DIAL_GUARD.replace("READY", "state.ready = true;")})
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["results"]["DIAL"] == "CALL_STARTED", (result["results"], result["errors"])
    assert result["results"]["vendorCallsOnDial"] == [{"path": "AcmePhone.Phone#instance.dial",
                                                       "args": ["+15551234567"]}], result["results"]


def test_dial_that_waits_for_state_nothing_in_the_connector_sets_is_a_reported_todo(tmp_path):
    """state.ready was set by code of the legacy page that does not move: dial() can never dial. It fails
    with a ctimod TODO naming the guard and the state, and the report lists it at the click-to-dial row."""
    _, files = run(tmp_path, {"phone.js": DIAL_GUARD.replace("READY", "")
                              + "window.AcmeReady = function () { state.ready = true; };\n"})
    connector = files["connector/src/connector.js"]
    assert "// TODO(ctimod): dial() cannot dial: `state.ready` is never set in the connector" in connector
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["results"]["DIAL"] == "CALL_FAILED", result["results"]
    message = ("ctimod TODO: dial() cannot dial: placeCall() returns at its guard `!state.ready || state.busy` "
               "without dialling: `state.ready` is never set in the connector")
    assert message in _dial_error(result)
    row = next(c for c in json.loads(files["migration.json"])["conversions"] if c["api"].endswith("onClickToDial"))
    assert "dial() cannot dial: placeCall() returns at its guard `!state.ready || state.busy`" in row["todo"]
    assert (row["safety"], row["status"]) == ("review", "converted")
    assert "| phone.js:15 | `sforce.opencti.onClickToDial` | converted, needs review |" in files["MIGRATION.md"]


def test_state_nothing_in_the_connector_sets_fails_loudly_where_it_is_read(tmp_path):
    """bridge.frame was set by the page's start(options) call, which does not move: the settings callback
    that init() runs reads it. Before, a TypeError that no report explained; now a ctimod TODO naming the
    state and where the legacy code set it, at the statement, in the names the connector lacks, and in
    init()'s failure. A read that checks for it first is left as it was."""
    _, files = run(tmp_path, {"phone.js": """var bridge = { frame: null, ready: false };
function start(options) {
  bridge.frame = document.getElementById(options.frameId);
  sforce.opencti.getCallCenterSettings({callback: function (response) {
    if (bridge.frame) {
      bridge.frame.focus();
    }
    bridge.frame.src = response.returnValue['/AcmeSettings/url'];
    AcmePhone.start();
  }});
}
window.AcmeBridge = { start: start };
"""})
    connector = files["connector/src/connector.js"]
    lines = connector.split("\n")
    read = next(i for i, line in enumerate(lines) if ".src = response.returnValue" in line)
    assert lines[read].strip() == ('(bridge.frame ?? ctimodUnset("bridge.frame", "the legacy code set it at phone.js:3"))'
                                   ".src = response.returnValue['/AcmeSettings/url'];")
    assert lines[read - 1].strip() == ("// TODO(ctimod): `bridge.frame` is never set in the connector (the legacy code "
                                       "set it at phone.js:3, in code that did not move): it fails here until you set "
                                       "it (in init(), or bring that code over)")
    assert "            bridge.frame.focus();" in lines  # only runs once it is set: as it was
    rows = [r for r in json.loads(files["migration.json"])["free_names"] if r["name"] == "bridge.frame"]
    assert rows == [{"home": "connector", "name": "bridge.frame", "file": "connector/src/connector.js",
                     "line": read + 1, "declared_at": "phone.js:3", "note": rows[0]["note"]}]
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/url": "https://x"})
    assert result["ready"] is False and result["readyEvent"]["payload"]["message"] == "CAN_NOT_LOG_IN"
    assert ("ctimod TODO: bridge.frame is never set in the connector (the legacy code set it at phone.js:3, in code "
            "that did not move): set it in init()") in _dial_error(result)
    assert not any(c.get("path") == "AcmePhone.start" for c in result["vendorCalls"])


def rows(files, api: str) -> list[dict]:
    return [c for c in json.loads(files["migration.json"])["conversions"] if c["api"] == api]


SAVED = {"checked": "function (response) {\n    if (!response.success) { console.log('not saved'); }\n    done();\n  }",
         "unchecked": "function (response) {\n    console.log('saved ' + response.returnValue.recordId);\n    done();\n  }",
         "named": "onSaved"}


@pytest.mark.parametrize("callback", sorted(SAVED))
def test_the_row_of_a_call_whose_carried_copy_never_calls_its_callback_is_not_converted(tmp_path, callback):
    """saveLog() in a function carried into the connector: converted in the LWC, a stand-in in the connector.
    A callback that checks response.success is answered there with the failure response: the row says so and
    stays converted. One that reads the result unchecked, or a function passed by name, is never called
    there (a plain TODO): the row is not converted, and says which copy, which callback and why."""
    _, files = run(tmp_path, {"phone.js": """function logCall(subject, done) {
  sforce.opencti.saveLog({value: {entityApiName: 'Task', Subject: subject}, callback: CALLBACK});
}
function onSaved(response) { console.log('saved ' + response.returnValue.recordId); }
sforce.opencti.onClickToDial({listener: function (payload) {
  logCall('Call ' + payload.number, function () { VendorPhone.dial(payload.number); });
}});
""".replace("CALLBACK", SAVED[callback])})
    [row] = rows(files, "sforce.opencti.saveLog")
    where = "Its copy in the connector, inside logCall (phone.js:1) (carried there because code there uses it), " \
            "does not run the call: the connector cannot write records"
    assert where in row["todo"] and row["home"] == "lwc"
    table = next(line for line in files["MIGRATION.md"].splitlines() if line.startswith("| phone.js:2 |"))
    if callback == "checked":
        assert row["status"] == "unwired"  # (logCall() moved into the component, where nothing calls it)
        assert "There the callback is called with Open CTI's failure response" in row["todo"]
        assert "never called" not in row["todo"] and "not converted" not in table
        return
    assert row["status"] == "not-converted"
    assert row["summary"].endswith("; not converted in its copy in the connector, whose callback is never called")
    named = "its callback onSaved" if callback == "named" else "its callback"
    assert (f"// TODO(ctimod): the connector cannot write records; the Voice LWC logs the call on the toolkit's "
            f"callended event; {named} is never called here (see MIGRATION.md)") in top_function(
        files["connector/src/connector.js"], "logCall")
    assert "**not converted**" in table
    if callback == "named":
        assert ("There only a TODO stands in for it; the callback it was given, onSaved, is never called there: "
                "ctimod answers only an inline callback that checks Open CTI's failure fields") in row["todo"]
        assert "what onSaved does, and anything that waits for it, does not happen there." in row["todo"]
    else:
        assert ("There only a TODO stands in for it; the callback it was given is never called there: it reads the "
                "result without checking Open CTI's failure fields (success, error, errors)") in row["todo"]


@pytest.mark.parametrize("callback", ["checked", "named"])
def test_the_row_of_a_call_landed_in_the_connector_with_a_callback_it_never_calls_is_not_converted(tmp_path,
                                                                                                      callback):
    """runApex() in the settings callback (it lands in the connector's init(), where Apex cannot be called),
    like twilio-client-classic's clientNameFor with onClientName: a callback checking response.success is
    answered with the failure response; onClientName passed by name is never called, and the row says so. Both
    rows are not converted (the call cannot run there), never 'converted'."""
    handler = ("function (response) { if (!response.success) { console.log('no name'); return; } "
               "window.clientName = response.returnValue.runApex; }" if callback == "checked" else "onClientName")
    _, files = run(tmp_path, {"phone.js": """function onClientName(response) {
  window.clientName = response.returnValue.runApex;
}
sforce.opencti.getCallCenterSettings({callback: function (settings) {
  sforce.opencti.runApex({apexClass: 'AgentDirectory', methodName: 'clientNameFor', methodParams: 'id=1',
                          callback: HANDLER});
}});
""".replace("HANDLER", handler)})
    [row] = rows(files, "sforce.opencti.runApex")
    assert row["home"] == "connector" and row["location"] == "connector/src/connector.js: init()"
    assert row["safety"] == "manual" and row["summary"].startswith("not converted: it landed in the connector, "
                                                                   "where the connector cannot call Apex")
    table = next(line for line in files["MIGRATION.md"].splitlines() if line.startswith("| phone.js:5 |"))
    # Either way the call itself does not run there: the row is not converted (its summary says so too).
    assert row["status"] == "not-converted" and "no Voice equivalent (manual) — **not converted**" in table
    if callback == "checked":
        assert "In its place the callback is called with Open CTI's failure response" in row["todo"]
        assert "never called" not in row["todo"] and "never called" not in files["connector/src/connector.js"]
        return
    # (an instruction, not a claim: nothing in the LWC calls it, and no Apex class is generated)
    assert ("// TODO(ctimod): the connector cannot call Apex: call AgentDirectory.clientNameFor from the Voice LWC "
            "(an @AuraEnabled method) or your own backend instead; its callback onClientName is never called here (see MIGRATION.md)"
            ) in files["connector/src/connector.js"]
    # report.html: the use's row and its side-by-side carry the badge
    assert files["report.html"].count('callback it was given is never called there (see its TODO)">not converted'
                                      '</span>') == 2
    assert row["todo"].endswith("In its place only a TODO: the callback it was given, onClientName, is never called "
                                "there: ctimod answers only an inline callback that checks Open CTI's failure fields "
                                "(success, error, errors) with the failure response, and onClientName is passed by "
                                "name; what onClientName does, and anything that waits for it, does not happen there.")


def test_a_settings_continuation_chained_on_a_deferred_the_callback_settles_is_flagged_not_silent(tmp_path):
    """jquery-legacy-lightning's shape: getCallCenterSettings wrapped in a function returning a jQuery Deferred the
    callback resolves, the settings applied in `sfGetSettings().done(...)` in the page's start-up. init() runs the
    callback alone; the `.done` continuation never runs in the connector, so the settings keep their defaults:
    the init() TODO and the row say so (they said 'converted', auto, nothing else)."""
    _, files = run(tmp_path, {"phone.js": """var config = {server: 'https://default.example'};
function sfGetSettings() {
  var dfd = $.Deferred();
  sforce.opencti.getCallCenterSettings({callback: function (response) {
    if (response.success) { dfd.resolve(response.returnValue); } else { dfd.reject('no settings'); }
  }});
  return dfd.promise();
}
$(document).ready(function () {
  sfGetSettings().done(function (settings) {
    config.server = settings['/AcmeSettings/server'] || config.server;
  });
  sforce.opencti.onClickToDial({listener: function (payload) { AcmePhone.dial(config.server, payload.number); }});
});
"""})
    connector = files["connector/src/connector.js"]
    init = connector[connector.index("async init("):connector.index("getTelephonyConnector()")]
    [row] = rows(files, "sforce.opencti.getCallCenterSettings")
    todo = [line.strip()[2:].strip() for line in init.splitlines() if line.strip().startswith("// ")]
    start = next(i for i, line in enumerate(todo) if line.startswith("TODO(ctimod): The settings callback settles"))
    assert " ".join(todo[start:]).startswith("TODO(ctimod): " + row["todo"])
    assert init.index("The settings callback settles") < init.index("settingsCallback1.call(this")
    assert row["safety"] == "review" and row["todo"] == (
        "The settings callback settles `dfd`, which sfGetSettings() (phone.js:2) created for its callers; what its "
        "callers chain on the promise it returns (sfGetSettings() at phone.js:10) does not run in the connector "
        "(init() runs this callback alone), so what that continuation did with the settings (applying them) does "
        "not happen: the settings are not applied. Port it into init() after this callback.")


PROMISE_SETTINGS = {
    # The settings read behind a native Promise: the callback calls the executor's resolve/reject, and what
    # the legacy code did with the settings ran once the promise settled (a caller's .then, the rest of the
    # async function awaiting it, a .then chained on it): init() runs the callback alone, so that never runs.
    "function": ("""function getSettings() {
  return new Promise(function (resolve, reject) {
    sforce.opencti.getCallCenterSettings({callback: function (r) {
      if (r.success) resolve(r.returnValue); else reject(r.errors);
    }});
  });
}
getSettings().then(function (settings) { config.server = settings['/AcmeSettings/server'] || config.server; });
""", 4, "The settings callback settles the promise getSettings() (phone.js:2) returns to its callers (through "
         "`resolve` and `reject`, given to its executor at phone.js:3); what its callers do once that promise settles "
         "(getSettings() at phone.js:9) does not run in the connector"),
    "arrow": ("""const getSettings = () => new Promise((resolve, reject) => {
  sforce.opencti.getCallCenterSettings({callback: (r) => (r.success ? resolve(r.returnValue) : reject(r.errors))});
});
getSettings().then((settings) => { config.server = settings['/AcmeSettings/server'] || config.server; });
""", 3, "The settings callback settles the promise getSettings() (phone.js:2) returns to its callers (through "
         "`resolve` and `reject`, given to its executor at phone.js:2); what its callers do once that promise settles "
         "(getSettings() at phone.js:5) does not run in the connector"),
    "variable": ("""function getSettings() {
  const p = new Promise((resolve, reject) => {
    sforce.opencti.getCallCenterSettings({callback: function (r) {
      if (r.success) { resolve(r.returnValue); } else { reject(r.errors); }
    }});
  });
  console.log('asked for the settings');
  return p;
}
getSettings().then(function (settings) { config.server = settings['/AcmeSettings/server'] || config.server; });
""", 4, "The settings callback settles the promise getSettings() (phone.js:2) returns to its callers (through "
         "`resolve` and `reject`, given to its executor at phone.js:3); what its callers do once that promise settles "
         "(getSettings() at phone.js:11) does not run in the connector"),
    "await": ("""async function loadSettings() {
  const settings = await new Promise((resolve, reject) => {
    sforce.opencti.getCallCenterSettings({callback: (r) => { if (r.success) resolve(r.returnValue); else reject(r.errors); }});
  });
  config.server = settings['/AcmeSettings/server'] || config.server;
  return config;
}
loadSettings().then(function (c) { console.log('ready', c.server); });
""", 4, "The settings callback settles the promise loadSettings() (phone.js:2) awaits (through `resolve` and "
         "`reject`, given to its executor at phone.js:3); the rest of loadSettings() after its await at phone.js:3 and "
         "what its callers do once it finishes (loadSettings() at phone.js:9) do not run in the connector"),
    "classic": ("""function getSettings() {
  return new Promise(function (resolve) {
    sforce.interaction.cti.getCallCenterSettings(function (response) {
      resolve(JSON.parse(response.result));
    });
  });
}
getSettings().then(function (settings) { config.server = settings['/AcmeSettings/server'] || config.server; });
""", 4, "The settings callback settles the promise getSettings() (phone.js:2) returns to its callers (through "
         "`resolve`, given to its executor at phone.js:3); what its callers do once that promise settles "
         "(getSettings() at phone.js:9) does not run in the connector"),
    "chained": ("""var settingsReady = new Promise(function (resolve) {
  sforce.opencti.getCallCenterSettings({callback: function (r) { resolve(r.returnValue); }});
});
settingsReady.then(function (settings) { config.server = settings['/AcmeSettings/server'] || config.server; });
""", 3, "The settings callback settles a promise (through `resolve`, given to its executor at phone.js:2); the "
         ".then() chained on it at phone.js:5 does not run in the connector"),
}


@pytest.mark.parametrize("shape", list(PROMISE_SETTINGS))
def test_a_settings_continuation_on_a_native_promise_the_callback_settles_is_flagged_not_silent(tmp_path, shape):
    """The Deferred shape above written with a native Promise (returned, via a variable, from an arrow, awaited
    by an async function its caller chains on, Classic, chained directly). `resolve` is a parameter of the
    executor, and the report said it 'continued the legacy page's start-up, which the connector does on its
    own' (nothing lost) and that init() still resolved: the settings were never applied, and the stand-in
    `resolve` the callback calls throws, so init() fails. The init() TODO and the row say both."""
    source, line, lost = PROMISE_SETTINGS[shape]
    _, files = run(tmp_path, {"phone.js": "var config = {server: 'https://default.example'};\n" + source})
    connector = files["connector/src/connector.js"]
    init = connector[connector.index("async init("):connector.index("getTelephonyConnector()")]
    api = "sforce.interaction.cti.getCallCenterSettings" if shape == "classic" else "sforce.opencti.getCallCenterSettings"
    [row] = rows(files, api)
    settle = "`resolve` is a stand-in that throws" if "`reject`" not in lost else \
        "`resolve` and `reject` are stand-ins that throw"
    assert row["todo"] == (
        f"{lost} (init() runs this callback alone), so what that continuation did with the settings (applying them) "
        "does not happen: the settings are not applied. Port it into init() after this callback. In the connector "
        f"{settle} when called (init() fails where the callback calls {'one' if 'and `reject`' in settle else 'it'} "
        "while it runs): replace those calls with what you port.")
    assert row["safety"] == "review" and row["status"] == "converted"
    assert "continued the legacy page's start-up" not in row["todo"] and "still resolves" not in row["todo"]
    todo = [text.strip()[2:].strip() for text in init.splitlines() if text.strip().startswith("// ")]
    start = next(i for i, text in enumerate(todo) if text.startswith("TODO(ctimod): The settings callback settles"))
    assert " ".join(todo[start:]).startswith("TODO(ctimod): " + row["todo"])
    assert init.index("The settings callback settles") < init.index("settingsCallback1.call(this")
    migration = files["MIGRATION.md"].splitlines()
    assert any(text.startswith(f"| phone.js:{line} | `{api}` | converted, needs review |") for text in migration)
    assert "TODO: " + row["todo"] in migration


def test_a_native_promise_settings_wrapper_fails_init_as_its_todo_says(tmp_path):
    """What the TODO says of the stand-in `resolve` holds in the real connector base: init() fails (Salesforce
    shows CAN_NOT_LOG_IN) while the moved callback still calls it; it did not 'still resolve'."""
    source, _, _ = PROMISE_SETTINGS["function"]
    _, files = run(tmp_path, {"phone.js": "var config = {server: 'https://default.example'};\n" + source})
    assert "init() fails where the callback calls one while it runs" in rows(
        files, "sforce.opencti.getCallCenterSettings")[0]["todo"]
    result = connector_setup(tmp_path, files, config={"/AcmeSettings/server": "https://acme.example"})
    assert result["ready"] is False and result["readyEvent"]["payload"]["message"] == "CAN_NOT_LOG_IN"


def test_a_native_promise_settings_row_keeps_the_other_names_init_lacks(tmp_path):
    """The lost continuation and a vendor global the callback uses (which fails init()) are both in the row:
    a row keeps one caution, so they are said together (typescript-adapter's this.unwrap)."""
    _, files = run(tmp_path, {"phone.js": """function getSettings() {
  return new Promise(function (resolve) {
    sforce.opencti.getCallCenterSettings({callback: function (r) {
      AcmePhone.configure(r.returnValue);
      resolve(r.returnValue);
    }});
  });
}
getSettings().then(function (settings) { window.acmeSettings = settings; });
"""})
    [row] = rows(files, "sforce.opencti.getCallCenterSettings")
    assert row["todo"].startswith("The settings callback settles the promise getSettings() (phone.js:1) returns")
    assert row["todo"].endswith(" replace those calls with what you port. init() runs the legacy settings callback, "
                                "which uses AcmePhone: names the connector does not have (each throws until you "
                                "provide it; init() fails when the settings code reached one).")


def test_a_native_promise_settings_wrapper_whose_caller_runs_in_the_connector_is_not_flagged(tmp_path):
    """getSettings() called from the click-to-dial listener (moved into dial()): the wrapper is carried into the
    connector with it and what the listener chains runs there, so no lost-continuation TODO (as for a Deferred)."""
    _, files = run(tmp_path, {"phone.js": """function getSettings() {
  return new Promise(function (resolve) {
    sforce.opencti.getCallCenterSettings({callback: function (r) { resolve(r.returnValue); }});
  });
}
sforce.opencti.onClickToDial({listener: function (payload) {
  getSettings().then(function (s) { AcmePhone.dial(s['/AcmeSettings/server'], payload.number); });
}});
"""})
    connector = files["connector/src/connector.js"]
    assert "getSettings().then(" in connector
    [row] = rows(files, "sforce.opencti.getCallCenterSettings")
    assert "settles" not in row["todo"] and "settles" not in connector


def test_a_settings_callback_settling_its_own_promise_is_not_flagged(tmp_path):
    """A Promise the callback creates and chains itself: its .then moved into init() with it."""
    _, files = run(tmp_path, {"phone.js": """var region = null;
sforce.opencti.getCallCenterSettings({callback: function (response) {
  var p = new Promise(function (resolve) { resolve(response.returnValue); });
  p.then(function (s) { region = s['/AcmeSettings/region']; });
}});
"""})
    [row] = rows(files, "sforce.opencti.getCallCenterSettings")
    assert "settles" not in (row["todo"] or "") and "settles" not in files["connector/src/connector.js"]


def test_a_settings_callback_resolving_its_own_deferred_is_not_flagged(tmp_path):
    """A deferred the callback creates itself (nothing outside chains on it) is no lost continuation."""
    _, files = run(tmp_path, {"phone.js": """var region = null;
sforce.opencti.getCallCenterSettings({callback: function (response) {
  var dfd = $.Deferred();
  region = response.returnValue['/AcmeSettings/region'];
  dfd.resolve(region);
}});
"""})
    [row] = rows(files, "sforce.opencti.getCallCenterSettings")
    assert "settles" not in (row["todo"] or "") and "settles" not in files["connector/src/connector.js"]


def test_a_global_name_the_legacy_code_declared_around_moved_code_is_not_read_as_the_global(tmp_path):
    """`var self = this;` in the legacy object's method and its parameter `parent`: the click-to-dial
    listener read those variables, not the browser's window.self and window.parent. Moved into the
    connector as it was, it would read the globals silently (self.vendor is undefined there: a TypeError
    nobody was told about; parent.postMessage posts to the page's parent). Each is now resolved like any
    other name: a stand-in that fails loudly, listed with where the legacy code declared it. A parameter
    the page called with that same global (`(function (document) {…})(document)`) stays the global."""
    _, files = run(tmp_path, {"phone.js": """(function (document) {
  var Phone = {
    vendor: null,
    start: function (parent) {
      var self = this;
      sforce.opencti.onClickToDial({listener: function (payload) {
        document.title = 'dialling ' + payload.number;
        self.vendor.dial(payload.number);
        parent.postMessage({dial: payload.number}, '*');
      }});
    }
  };
  Phone.start(window.parent);
})(document);
"""})
    connector = files["connector/src/connector.js"]
    rows = {row["name"]: row for row in json.loads(files["migration.json"])["free_names"]}
    assert rows["self"]["declared_at"] == "phone.js:5" and "held `this` of start()" in rows["self"]["note"]
    assert rows["parent"]["declared_at"] == "a parameter of start() at phone.js:4"
    assert {rows["self"]["home"], rows["parent"]["home"]} == {"connector"}
    assert "ctimodMissing('self'" in connector and "ctimodMissing('parent'" in connector
    assert "document" not in rows and "ctimodMissing('document'" not in connector
    assert "document.title = 'dialling ' + contact.phoneNumber;" in connector


# ---------------------------------------------------------------------------------------- development set, fourth pass
# Defects seen when main's converter ran on the development set a fourth time (after the third pass's fixes).
# Own words; strict xfails: remove the mark when the converter is fixed.
def test_a_classic_dial_payload_field_read_straight_off_the_parsed_result_is_the_contacts_number(tmp_path):
    """`JSON.parse(response.result).number` with no variable between: the number Salesforce dials with is
    contact.phoneNumber, never `contact.number` (undefined: the vendor was asked to dial nothing)."""
    _, files = run(tmp_path, {"phone.js": """function dialFromPage(response) {
  AcmePhone.call(JSON.parse(response.result).number);
}
sforce.interaction.cti.onClickToDial(dialFromPage);
"""})
    connector = files["connector/src/connector.js"]
    assert "AcmePhone.call(contact.phoneNumber);" in connector
    assert "contact.number" not in connector


def test_a_parameter_of_the_function_around_moved_code_is_named_from_that_function(tmp_path):
    """Two Aura-style helpers each take a `view` parameter; the settings callback of one moves to the connector,
    the other's event callback to the component. The component's TODO and the names table name the function
    around the component's code (popCaller, popHelper.js:2), not the other file's loadSettings."""
    _, files = run(tmp_path, {"settingsHelper.js": """({
    loadSettings: function (view, done) {
        sforce.opencti.getCallCenterSettings({callback: function (response) {
            view.set('v.settings', response.returnValue);
            done(response.returnValue);
        }});
    }
})
""", "popHelper.js": """({
    popCaller: function (view) {
        view.getEvent('needSettings').setParams({
            callback: function (settings) {
                sforce.opencti.screenPop({type: 'sobject', params: {recordId: view.get('v.recordId')}});
            }
        }).fire();
    }
})
"""})
    text = lwc(files)
    assert "`view` was a parameter of popCaller() (popHelper.js:2)" in text
    assert "loadSettings" not in text
    rows = [r for r in json.loads(files["migration.json"])["free_names"] if r["name"] == "view" and r["home"] == "lwc"]
    assert rows and all(r["declared_at"] == "a parameter of popCaller() at popHelper.js:2" for r in rows)


def test_the_todo_of_a_moved_callback_lists_only_real_calls_of_it(tmp_path):
    _, files = run(tmp_path, {"logHelper.js": """({
    finish: function (view, callback) {
        if (!view.get('v.recordId')) { callback(); return; }
        sforce.opencti.saveLog({value: {entityApiName: 'Task', Subject: 'Call'}, callback: callback});
    }
})
""", "settingsHelper.js": """({
    loadSettings: function (view) {
        sforce.opencti.getCallCenterSettings({callback: function (response) {
            view.set('v.settings', response.returnValue);
        }});
    }
})
""", "popHelper.js": """({
    popCaller: function (view) {
        view.getEvent('needSettings').setParams({
            callback: function (settings) {
                sforce.opencti.screenPop({type: 'sobject', params: {recordId: view.get('v.recordId')}});
            }
        }).fire();
    }
})
"""})
    text = lwc(files)
    # Nothing calls the function by name: the legacy event machinery called it. Neither line 3 of settingsHelper.js
    # (another function's `callback:` option) nor popHelper.js:4 (its own definition) is a call of it.
    assert "settingsHelper.js:3" not in text and "called it at popHelper.js:4" not in text
    # nor are the uses of logHelper.js's own `callback` parameter
    lines = text.splitlines()
    method = next(i for i, line in enumerate(lines) if line.strip().startswith("callback(settings)"))
    todo = next(line for line in reversed(lines[:method]) if "nothing in the component calls this yet" in line)
    assert todo.strip() == "// TODO(ctimod): nothing in the component calls this yet.", todo


def test_one_vendor_frame_on_the_connector_page_when_two_versions_of_the_page_hold_it(tmp_path):
    """A first version of the page held only the vendor's widget frame; a later one adds the Open CTI code and
    posts to the first iframe. The connector's page holds the widget once (two frames meant two phones signed in
    as the agent, each ringing, while dial() posted to only one of them)."""
    frame = '<apex:iframe src="https://widget.example.com/phone.html" height="500" width="300"/>\n'
    _, files = run(tmp_path, {"pages/acme-0.1.0_frame_Phone.vfp": "<apex:page>\n" + frame + "</apex:page>\n",
                              "pages/acme-1.0.0_Phone.vfp": "<apex:page>\n" + frame + """<script>
function toWidget(data) { document.getElementsByTagName('iframe')[0].contentWindow.postMessage(data, '*'); }
sforce.opencti.onClickToDial({listener: function (payload) {
  toWidget({type: 'acme-dial', phoneNumber: payload.number});
}});
</script>
</apex:page>
"""})
    page = files["connector/index.html"]
    assert page.count('<iframe src="https://widget.example.com/phone.html"') == 1, page


def test_an_implicit_global_the_adapter_assigns_is_not_called_a_vendor_global_to_load(tmp_path):
    """`lastDial = {...}` with no declaration: sloppy-mode JavaScript made it a global, the adapter's own. The
    TODO must not ask to load `lastDial` in connector/index.html as if a vendor SDK provided it."""
    _, files = run(tmp_path, {"phone.js": """sforce.opencti.onClickToDial({listener: function (payload) {
  lastDial = {to: payload.number, at: Date.now()};
  AcmePhone.call(lastDial.to);
}});
"""})
    connector = files["connector/src/connector.js"]
    assert "`lastDial` was a global of the legacy page (a vendor SDK?)" not in connector
    assert ("// TODO(ctimod): `lastDial` is the legacy adapter's own variable, made a global by the assignment at "
            "phone.js:2 without a declaration (no page script or vendor SDK provides it): declare it where this code "
            "runs (`let lastDial;`) or pass the value in") in connector
    rows = [r for r in json.loads(files["migration.json"])["free_names"] if r["name"] == "lastDial"]
    assert rows and all("vendor SDK?" not in r["note"] for r in rows)
    assert all("made a global by the assignment at phone.js:2" in r["note"] for r in rows)


def test_init_fails_when_the_vendor_widget_it_starts_is_not_on_the_connector_page(tmp_path):
    """The widget's script was loaded by a page that is not among the adapter's files: in the connector
    `window.Brekeke` is undefined, renderWidget throws, and no call event can ever be registered."""
    _, files = run(tmp_path, {"widget.js": """window.Brekeke.renderWidget(document.getElementById('phone'),
  ({ fireMakeCallEvent, onCallEvent, onCallEndedEvent }) => {
    sforce.opencti.onClickToDial({ listener: (p) => { fireMakeCallEvent(String(p.number)); } });
    onCallEvent((call) => { console.log('ringing', call.id); });
    onCallEndedEvent((call) => { console.log('ended', call.id); });
  });
"""})
    result = connector_setup(tmp_path, files)
    assert result["ready"] is False, (result["errors"], result["warnings"])
    assert result["readyEvent"]["payload"]["message"] == "CAN_NOT_LOG_IN"
    assert "ctimod: could not start Brekeke widget (is its script in connector/index.html?)" in _dial_error(result)


def test_the_row_of_a_call_in_code_nothing_calls_is_not_converted_automatically(tmp_path):
    """isInConsole in a function only the vendor's 'ready' event ran: the method is generated but nothing calls
    it. Its row said 'nothing calls it yet' in its location while its safety read 'converted automatically'
    and its status 'converted' (a CI gate on safety or status passed it): now review, status unwired."""
    result, files = run(tmp_path, {"phone.js": """function whenReady() {
  sforce.interaction.isInConsole(function (response) { console.log('console? ' + response.result); });
}
AcmePhone.on('ready', whenReady);
"""})
    row = outcome(result, "sforce.interaction.isInConsole")
    assert row.location.endswith("whenReady() (nothing calls it yet)")
    assert (row.safety, row.status) == ("review", "unwired")
    assert "Nothing in the component calls the method it landed in yet, so this call does not run" in row.todo
    line = next(l for l in files["MIGRATION.md"].splitlines() if "`sforce.interaction.isInConsole`" in l)
    assert "converted automatically" not in line and "needs review — **unwired**" in line
    (entry,) = [c for c in json.loads(files["migration.json"])["conversions"]
                if c["api"] == "sforce.interaction.isInConsole"]
    assert (entry["safety"], entry["status"]) == ("review", "unwired")
    assert "unwired</span>" in files["report.html"]
    # The same call where the component runs it (a toolkit event the legacy 'ready' maps to is not known:
    # a plain call in a method the component calls) stays converted.
    result, files = run(tmp_path / "wired", {"phone.js": """function onIncoming(call) {
  sforce.interaction.isInConsole(function (response) { console.log('console? ' + response.result); });
}
AcmePhone.on('incoming', onIncoming);
"""})
    row = outcome(result, "sforce.interaction.isInConsole")
    assert "nothing calls it" not in row.location and row.status == "converted", (row.location, row.status)


def run_component(files, run: str, preamble: str = "") -> str:
    """Node runs the generated component (imports and decorators aside) with a NavigationMixin that logs
    where it navigates, console.error and unhandled rejections logged to stdout; ``run`` drives the component
    ``c``. Returns stdout."""
    source = lwc(files)
    source = "\n".join(line for line in source.split("\n")
                       if not line.startswith("import ") and not line.strip().startswith("@api "))
    source = re.sub(r"export default class (\w+) extends NavigationMixin\(LightningElement\)", r"class \1", source)
    name = re.search(r"^class (\w+)", source, re.M).group(1)
    script = ("const NavigationMixin = { Navigate: Symbol('Navigate'), GenerateUrl: Symbol('GenerateUrl') };\n"
              + preamble + "const encodeDefaultFieldValues = (v) => v;\n"
              "console.error = (m) => console.log('logged ' + m);\n"
              "process.on('unhandledRejection', (e) => console.log('unhandled ' + e.message));\n" + source +
              f"\nconst c = new {name}();\nc[NavigationMixin.Navigate] = (ref) => console.log('navigate ' + "
              "JSON.stringify(ref));\n" + run + "\n")
    out = subprocess.run([require_node(), "-e", script], capture_output=True, text=True, timeout=60)
    return out.stdout + (f"\nstderr: {out.stderr}" if out.stderr else "")


def test_a_deferred_search_says_what_its_pop_data_for_an_unknown_caller_does(tmp_path):
    """Brekeke's shape in our words: the deferred search's SCREEN_POP_DATA handed to screenPop later. Open CTI's
    pop data for a caller nobody knows came from the org's softphone layout, which ctimod cannot know: ctimod's
    search gives a search pop, which has no page reference in Voice. The generated component is run with a search
    that finds nothing. Open CTI's screenPop never threw (it answered its callback, after the statements that
    follow the call had run); the converted one does the same: nothing pops, the reason is logged, the callback
    gets Open CTI's failure response and the statements after each call run. Before, ctimodPageReference()
    threw where screenPop() was called: its callback was not called and the statements after it did not run."""
    result, files = run(tmp_path, {"phone.js": """function onRinging(number) {
  sforce.opencti.searchAndScreenPop({searchParams: number, callType: sforce.opencti.CALL_TYPE.INBOUND, deferred: true,
    callback: function (found) {
      console.log('found ' + Object.keys(found.returnValue).join(','));
      var pop = found.returnValue.SCREEN_POP_DATA;
      sforce.opencti.screenPop({type: pop.type, params: pop.params, callback: function (r) {
        console.log('popped ' + r.success + ' ' + (r.errors ? r.errors[0].description : ''));
      }});
      console.log('after');
      sforce.opencti.screenPop({type: pop.type, params: pop.params});
      console.log('after the pop with no callback');
    }});
}
AcmePhone.on('ringing', function (call) { onRinging(call.from); });
"""})
    todo = outcome(result, "sforce.opencti.searchAndScreenPop").todo
    assert ("with no match or several it is a search pop ({type: 'search', params: {searchString}}), not the pop the "
            "org's softphone layout chose for them") in todo
    message = "ctimod TODO: screen pop type search has no page reference in Salesforce Voice: nothing popped"
    assert (f"A converted screenPop() given that search pop opens nothing: it logs '{message}', answers its "
            "callback with Open CTI's failure response ({success: false, errors}) and the statements after it run "
            "(the search's own callback runs too, with the matches and SCREEN_POP_DATA)") in todo
    rows = [c for c in result.conversions if c.use.api == "sforce.opencti.screenPop"]
    answered, unanswered = sorted(rows, key=lambda o: o.use.line)
    assert ("pops nothing: ctimodScreenPop() logs 'ctimod TODO: screen pop type <type> has no page reference in "
            "Salesforce Voice: nothing popped' and does not throw, so the statements after the call run, as with "
            "Open CTI, and the callback gets Open CTI's failure response") in answered.todo
    assert "the converted call has no callback to answer, so nothing tells the code the pop failed" in unanswered.todo
    # The component as generated, with an Apex search that finds no one.
    out = run_component(files, "c.onRinging('+15550001');", preamble="const search = async () => ({});\n")
    # Open CTI: the statements after each call ran, then the callback was answered (asynchronously).
    assert out.split("\n") == ["found SCREEN_POP_DATA", f"logged {message}", "after", f"logged {message}",
                               "after the pop with no callback", f"popped false {message}", ""], out


def test_a_screen_pop_whose_options_are_computed_at_the_call_pops_what_they_say(tmp_path):
    """`screenPop(popFor(match))`: the options object exists only when the call runs. Before, it was dropped
    (ctimodPageReference(undefined, {}) threw 'screen pop type undefined has no page reference'); now it is
    evaluated once and read there: a record pop navigates and answers its callback with success, a search pop
    (no page reference in Voice) pops nothing and answers with Open CTI's failure response, one without a
    callback pops nothing and throws nothing; the statements after each call run, as with Open CTI."""
    result, files = run(tmp_path, {"phone.js": """function popFor(kind, callback) {
  console.log('popFor ' + kind);
  return kind === 'record' ? {type: 'sobject', params: {recordId: '003000000000001'}, callback: callback}
    : {type: 'search', params: {searchString: '+15550001'}, callback: callback};
}
function report(r) { console.log('popped ' + r.success + ' ' + (r.errors ? r.errors[0].description : '')); }
function onAnswered(kind) {
  sforce.opencti.screenPop(popFor(kind, report));
  console.log('after ' + kind);
  sforce.opencti.screenPop(popFor(kind));
  console.log('after ' + kind + ' with no callback');
}
AcmePhone.on('answered', function (call) { onAnswered(call.kind); });
"""})
    rows = [c for c in result.conversions if c.use.api == "sforce.opencti.screenPop"]
    assert all("The options object (popFor(kind" in row.todo and "ctimodScreenPopOptions() reads its type, params, "
               "defaultFieldValues and callback at run time" in row.todo for row in rows), [r.todo for r in rows]
    out = run_component(files, "(async () => { c.onAnswered('record'); await new Promise((f) => setTimeout(f, 10));"
                               " c.onAnswered('search'); })();")
    message = "ctimod TODO: screen pop type search has no page reference in Salesforce Voice: nothing popped"
    record = '{"type":"standard__recordPage","attributes":{"recordId":"003000000000001","actionName":"view"}}'
    assert out.split("\n") == [
        "popFor record", f"navigate {record}", "after record", "popFor record", f"navigate {record}",
        "after record with no callback", "popped true ",
        "popFor search", f"logged {message}", "after search", "popFor search", f"logged {message}",
        "after search with no callback", f"popped false {message}", ""], out


def test_a_screen_pop_given_options_by_name_without_a_callback_fails_as_open_cti_did(tmp_path):
    """`screenPop(pop)`, the options object a variable: its callback is read at run time, and this one holds none.
    Open CTI then called nothing and threw nothing. Before, the failed pop (a search: no page reference in Voice)
    was an unhandled promise rejection in the console; now it pops nothing and logs its ctimod TODO, and a caller
    that gave a callback still gets Open CTI's failure response."""
    result, files = run(tmp_path, {"phone.js": """function report(r) {
  console.log('popped ' + r.success + ' ' + (r.errors ? r.errors[0].description : ''));
}
function onAnswered(number, withCallback) {
  var pop = {type: sforce.opencti.SCREENPOP_TYPE.SEARCH, params: {searchString: number}};
  if (withCallback) pop.callback = report;
  sforce.opencti.screenPop(pop);
  console.log('after ' + withCallback);
}
AcmePhone.on('answered', function (call) { onAnswered(call.from, call.report); });
"""})
    # The row says what a user sees either way.
    assert ("a callback the options object holds at run time gets Open CTI's failure response ({success: false, "
            "errors: [{description: that message}]}); without one nothing tells the code the pop failed"
            in outcome(result, "sforce.opencti.screenPop").todo)
    assert "ctimodRespond(ctimodScreenPop(" in lwc(files) and "pop.callback)" in lwc(files)
    out = run_component(files, "(async () => { c.onAnswered('+15550001', false); "
                               "await new Promise((f) => setTimeout(f, 10)); c.onAnswered('+15550001', true); })();")
    message = "ctimod TODO: screen pop type search has no page reference in Salesforce Voice: nothing popped"
    assert out.split("\n") == [f"logged {message}", "after false", f"logged {message}", "after true",
                               f"popped false {message}", ""], out


GUARDED_DIALS = {"block": "{\n    phone.dial(payload.number);\n  }",
                 "bare": "phone.dial(payload.number)"}  # (no braces, no semicolon: `else` needs the `;`)


@pytest.mark.parametrize("form", sorted(GUARDED_DIALS))
@pytest.mark.parametrize("ready", [False, True])
def test_dial_fails_when_the_listener_skips_the_vendor_call_behind_an_if(tmp_path, ready, form):
    """The listener dials only once the vendor reported the phone registered (Amazon's dev-set listener dials
    only with at most one contact): with the guard false nothing was dialled, so Salesforce must not see a
    started call (before: CALL_STARTED, and no vendor call); with it true the call is placed as before."""
    _, files = run(tmp_path, {"phone.js": """var state = { ready: false };
var phone = null;
sforce.opencti.getCallCenterSettings({callback: function (response) {
  phone = new AcmePhone.Phone(response.returnValue['/AcmeSettings/region']);
  READY
}});
sforce.opencti.onClickToDial({listener: function (payload) {
  if (state.ready) DIAL
}});
""".replace("READY", "state.ready = true;" if ready else "phone.on('registered', function () { state.ready = true; });")
                              .replace("DIAL", GUARDED_DIALS[form])})
    result = connector_setup(tmp_path, files, stubs=["AcmePhone"], config={"/AcmeSettings/region": "eu"})
    assert result["ready"] is True, result["errors"]
    if ready:
        assert result["results"]["DIAL"] == "CALL_STARTED", result["results"]
        assert result["results"]["vendorCallsOnDial"] == [{"path": "AcmePhone.Phone#instance.dial",
                                                           "args": ["+15551234567"]}], result["results"]
        return
    assert result["results"]["vendorCallsOnDial"] == [], result["results"]
    assert result["results"]["DIAL"] == "CALL_FAILED", result["results"]
    assert "The legacy click-to-dial logic did not dial this number" in _dial_error(result)


# Amazon Connect's dial shape in our words: the listener asks the vendor for its agent, and the callback
# (run now when the agent is ready, later when it is not yet) dials only with at most one contact.
AGENT_DIAL = """sforce.opencti.onClickToDial({listener: function (payload) {
  AcmeConnect.agent(function (agent) {
    try {
      AcmeConnect.getLog().info('dialling %s', payload.number);
      var endpoint = AcmeConnect.Address.byPhoneNumber(payload.number);
      if (agent && agent.getContacts().length <= 1) {
        agent.connect(endpoint, {});
        AcmeConnect.getLog().info('dialled');
      }
    } catch (e) {
      AcmeConnect.getLog().error('not dialled').withException(e);
    }
  });
}});
"""
AGENT_DIAL_AWAITED = AGENT_DIAL.replace("listener: function (payload) {\n  AcmeConnect.agent(",
                                        "listener: async function (payload) {\n  await AcmeConnect.agent(")
# The vendor: agent(f) runs f now (the agent is ready), after 50 ms (it initialises later), or never;
# agent.connect() and the logger report to the recorder AcmeDialer.
AGENT_VENDOR = """window.AcmeConnect = {
  agent(f) {
    const agent = { getContacts: () => new Array(CONTACTS), connect: (to) => AcmeDialer.connect(to) };
    if (WHEN === 'now') f(agent);
    else if (WHEN === 'later') setTimeout(() => f(agent), 50);
  },
  getLog: () => ({ info: () => {}, error: () => ({ withException: (e) => AcmeDialer.logged(String(e)) }) }),
  Address: { byPhoneNumber: (n) => { if (n === 'BAD') throw new Error('bad number'); return 'tel:' + n; } },
};
"""


@pytest.mark.parametrize("when", ["now", "later"])
@pytest.mark.parametrize("contacts", [0, 2])
@pytest.mark.parametrize("awaited", [False, True])
def test_dial_in_a_vendor_callback_reports_what_the_callback_did(tmp_path, when, contacts, awaited):
    """The guard sits in the callback of a vendor call, inside a try: with at most one contact the legacy
    callback dials, with two it does nothing (before: CALL_STARTED either way, for a call nobody placed).
    dial() waits for the callback, which the vendor runs at once or later, and reports what it did. The vendor
    call awaited (`await AcmeConnect.agent(function (agent) {...})`) decides as the plain call does (before, on
    d776773, it was not recognised: CALL_STARTED for two contacts, and before anything was dialled when the
    vendor ran the callback later)."""
    _, files = run(tmp_path, {"phone.js": AGENT_DIAL_AWAITED if awaited else AGENT_DIAL})
    connector = files["connector/src/connector.js"]
    if awaited:
        assert "await AcmeConnect.agent(ctimodDialStep(function (agent) {" in connector
    assert "if (ctimodDialGuard(agent && agent.getContacts().length <= 1)) {" in connector
    vendor = AGENT_VENDOR.replace("CONTACTS", str(contacts)).replace("WHEN", repr(when))
    result = connector_setup(tmp_path, files, stubs=["AcmeDialer"], vendor=vendor)
    assert result["ready"] is True, result["errors"]
    dialled = [c for c in result["results"]["vendorCallsOnDial"] if c["path"] == "AcmeDialer.connect"]
    if contacts <= 1:  # the legacy callback placed the call
        assert dialled == [{"path": "AcmeDialer.connect", "args": ["tel:+15551234567"]}], result["results"]
        assert result["results"]["DIAL"] == "CALL_STARTED", (result["results"], _dial_error(result))
        return
    assert dialled == [], result["results"]
    assert result["results"]["DIAL"] == "CALL_FAILED", result["results"]
    assert "The legacy click-to-dial logic did not dial this number" in _dial_error(result)


# Amazon Connect's dev-set listener in our words: with no contact it dials; with one contact already up it adds
# the number to that contact (a party on the call in progress), which is no new outbound call.
AGENT_ADD_PARTY = """sforce.opencti.onClickToDial({listener: function (payload) {
  AcmeConnect.agent(function (agent) {
    try {
      var endpoint = AcmeConnect.Address.byPhoneNumber(payload.number);
      if (agent && agent.getContacts().length <= 1) {
        if (agent.getContacts().length == 0) {
          agent.connect(endpoint, {});
        } else {
          agent.getContacts()[0].addConnection(endpoint, {});
        }
        AcmeConnect.getLog().info('done');
      }
    } catch (e) {
      AcmeConnect.getLog().error('not dialled').withException(e);
    }
  });
}});
"""


@pytest.mark.parametrize("contacts", [0, 1])
def test_dial_does_not_report_adding_a_party_to_the_call_in_progress_as_an_outbound_call(tmp_path, contacts):
    """With no contact the legacy callback dials (CALL_STARTED, as before). With one contact up it added the
    number to that contact: before, dial() did the same and reported CALL_STARTED, a new outbound call that
    does not exist. Now that branch is flagged as not converted: dial() fails with the reason (nothing is
    added behind Salesforce's back) and the row names the line and where Voice adds a party."""
    result, files = run(tmp_path, {"phone.js": AGENT_ADD_PARTY})
    vendor = AGENT_VENDOR.replace(
        "getContacts: () => new Array(CONTACTS)",
        "getContacts: () => Array.from({ length: CONTACTS }, () => ({ addConnection: (to) => AcmeDialer.add(to) }))"
    ).replace("CONTACTS", str(contacts)).replace("WHEN", "'now'")
    outcome_ = connector_setup(tmp_path, files, stubs=["AcmeDialer"], vendor=vendor)
    assert outcome_["ready"] is True, outcome_["errors"]
    calls = [c["path"] for c in outcome_["results"]["vendorCallsOnDial"]]
    if contacts == 0:
        assert calls == ["AcmeDialer.connect"], outcome_["results"]
        assert outcome_["results"]["DIAL"] == "CALL_STARTED", (outcome_["results"], _dial_error(outcome_))
        return
    # nothing added to the call behind Salesforce's back (the legacy catch logs the reason)
    assert "AcmeDialer.add" not in calls and "AcmeDialer.connect" not in calls, outcome_["results"]
    assert outcome_["results"]["DIAL"] == "CALL_FAILED", outcome_["results"]
    error = _dial_error(outcome_)
    assert "the legacy click-to-dial logic did not place a new call: it added the number to the call in progress " \
        "(agent.getContacts()[0].addConnection(endpoint, {}))" in error, error
    assert "addParticipant(contact, call, isBlindTransfer)" in error and "dialOptions.isConsultCall" in error
    row = outcome(result, "sforce.opencti.onClickToDial")
    assert "Not converted: phone.js:9: here the legacy click-to-dial logic did not place a new call" in row.todo
    (failure,) = [f["message"] for f in outcome_["failures"] if f["step"] == "DIAL"]
    assert failure.removeprefix("ctimod TODO: ") in row.todo, (failure, row.todo)


# The corpus amazon-connect-ccp listener's shape in our words: the callback's `if` has an `else`, both branches act
# (dial when no contact is up, else add the number to the one that is), then an Open CTI call.
AGENT_ELSE_ADD_PARTY = """sforce.opencti.onClickToDial({listener: function (payload) {
  AcmeConnect.agent(function (agent) {
    var endpoint = AcmeConnect.Address.byPhoneNumber(payload.number);
    var open = agent.getContacts();
    if (open.length === 0) {
      agent.connect(endpoint, {});
    } else {
      open[0].addConnection(endpoint, {});
    }
    sforce.opencti.setSoftphonePanelVisibility({ visible: true });
  });
}});
"""
AGENT_ELSE_DIALS = AGENT_ELSE_ADD_PARTY.replace("""    if (open.length === 0) {
      agent.connect(endpoint, {});
    } else {
      open[0].addConnection(endpoint, {});
    }""", """    if (open.length > 0) {
      open[0].addConnection(endpoint, {});
    } else {
      agent.connect(endpoint, {});
    }""")


@pytest.mark.parametrize("shape", ["if-dials", "else-dials"])
@pytest.mark.parametrize("when", ["now", "later"])
@pytest.mark.parametrize("contacts", [0, 1])
def test_dial_waits_for_a_vendor_callback_whose_if_and_else_both_act(tmp_path, shape, when, contacts):
    """The callback's `if` has an `else` and both branches act: one dials, the other adds the number to the
    call in progress (not converted: dial() fails with the reason there). dial() waits for the callback, which
    the vendor runs at once or later, and reports what it did: CALL_STARTED when it dialled (the vendor call
    the legacy code made), CALL_FAILED naming the add-party line when it took the other branch. Before, dial()
    did not wait: when the vendor ran the callback later, dial() had reported CALL_STARTED already and the
    add-party branch's error was thrown inside the vendor's callback."""
    result, files = run(tmp_path, {"phone.js": AGENT_ELSE_ADD_PARTY if shape == "if-dials" else AGENT_ELSE_DIALS})
    vendor = AGENT_VENDOR.replace(
        "getContacts: () => new Array(CONTACTS)",
        "getContacts: () => Array.from({ length: CONTACTS }, () => ({ addConnection: (to) => AcmeDialer.add(to) }))"
    ).replace("CONTACTS", str(contacts)).replace("WHEN", repr(when))
    outcome_ = connector_setup(tmp_path, files, stubs=["AcmeDialer"], vendor=vendor)
    assert outcome_["ready"] is True, outcome_["errors"]
    calls = [c["path"] for c in outcome_["results"]["vendorCallsOnDial"]]
    row = outcome(result, "sforce.opencti.onClickToDial")
    assert "dial() waits for that callback and resolves CALL_STARTED once the test " \
        f"{'passed' if shape == 'if-dials' else 'failed'} (the branch that dials)" in row.todo, row.todo
    if contacts == 0:  # the legacy callback placed the call
        assert calls == ["AcmeDialer.connect"], outcome_["results"]
        assert outcome_["results"]["DIAL"] == "CALL_STARTED", (outcome_["results"], _dial_error(outcome_))
        return
    assert "AcmeDialer.add" not in calls and "AcmeDialer.connect" not in calls, outcome_["results"]
    assert outcome_["results"]["DIAL"] == "CALL_FAILED", outcome_["results"]
    assert "it added the number to the call in progress (open[0].addConnection(endpoint, {}))" in \
        _dial_error(outcome_), _dial_error(outcome_)


# An async listener that, with a call up, awaits the vendor adding the number to it (else it dials).
AWAITED_ADD_PARTY = """sforce.opencti.onClickToDial({listener: async function (payload) {
  var current = AcmePhone.activeCall();
  if (current) {
    await current.addParticipant(payload.number);
  } else {
    await AcmePhone.dial(payload.number);
  }
}});
"""


@pytest.mark.parametrize("active", [False, True])
def test_dial_does_not_report_an_awaited_add_party_as_an_outbound_call(tmp_path, active):
    """`await current.addParticipant(...)` is the same add-party as without `await`: with no call up the legacy
    listener dialled (CALL_STARTED, the same vendor call); with one up it added the number to it, which dial()
    cannot report as an outbound call: dial() fails naming the line and nothing is added behind Salesforce's
    back. Before, only the statement without `await` was recognised: dial() added the party and reported
    CALL_STARTED for an outbound call that does not exist."""
    result, files = run(tmp_path, {"phone.js": AWAITED_ADD_PARTY})
    vendor = """window.AcmePhone = {
  activeCall: () => (ACTIVE ? { addParticipant: (to) => Promise.resolve(AcmeDialer.add(to)) } : null),
  dial: (to) => Promise.resolve(AcmeDialer.connect(to)),
};
""".replace("ACTIVE", "true" if active else "false")
    outcome_ = connector_setup(tmp_path, files, stubs=["AcmeDialer"], vendor=vendor)
    assert outcome_["ready"] is True, outcome_["errors"]
    calls = [c["path"] for c in outcome_["results"]["vendorCallsOnDial"]]
    if not active:
        assert calls == ["AcmeDialer.connect"], outcome_["results"]
        assert outcome_["results"]["DIAL"] == "CALL_STARTED", (outcome_["results"], _dial_error(outcome_))
        return
    assert calls == [], outcome_["results"]
    assert outcome_["results"]["DIAL"] == "CALL_FAILED", outcome_["results"]
    assert "it added the number to the call in progress (current.addParticipant(payload.number))" in \
        _dial_error(outcome_), _dial_error(outcome_)
    row = outcome(result, "sforce.opencti.onClickToDial")
    assert "Not converted: phone.js:4: here the legacy click-to-dial logic did not place a new call" in row.todo


def test_dial_in_a_vendor_callback_that_fails_before_its_guard_did_not_dial(tmp_path):
    """The callback throws before its `if` (the vendor rejects the number) and its catch logs it: the legacy
    code placed no call, so dial() fails."""
    _, files = run(tmp_path, {"phone.js": AGENT_DIAL})
    vendor = AGENT_VENDOR.replace("CONTACTS", "0").replace("WHEN", "'now'")
    result = connector_setup(tmp_path, files, stubs=["AcmeDialer"], vendor=vendor, dial="BAD")
    assert result["results"]["vendorCallsOnDial"] == [{"path": "AcmeDialer.logged", "args": ["Error: bad number"]}]
    assert result["results"]["DIAL"] == "CALL_FAILED", result["results"]
    assert "The legacy click-to-dial logic did not dial this number" in _dial_error(result)


@pytest.mark.parametrize("when", ["now", "later"])
def test_dial_in_a_vendor_callback_whose_vendor_call_throws_after_the_guard_did_not_dial(tmp_path, when):
    """The `if` passes, then the vendor call inside it throws at once (the softphone is offline) and the
    legacy catch logs it: no call was placed, as the legacy catch saw. Before, dial() had recorded the `if`
    as the decision and reported CALL_STARTED for a call nobody placed."""
    _, files = run(tmp_path, {"phone.js": AGENT_DIAL})
    vendor = AGENT_VENDOR.replace("CONTACTS", "0").replace("WHEN", repr(when)).replace(
        "connect: (to) => AcmeDialer.connect(to)",
        "connect: (to) => { AcmeDialer.connect(to); throw new Error('softphone offline'); }")
    result = connector_setup(tmp_path, files, stubs=["AcmeDialer"], vendor=vendor)
    assert result["ready"] is True, result["errors"]
    assert result["results"]["vendorCallsOnDial"] == [
        {"path": "AcmeDialer.connect", "args": ["tel:+15551234567"]},
        {"path": "AcmeDialer.logged", "args": ["Error: softphone offline"]}], result["results"]
    assert result["results"]["DIAL"] == "CALL_FAILED", result["results"]
    assert "The legacy click-to-dial logic did not dial this number" in _dial_error(result)


@pytest.mark.parametrize("when", ["now", "later"])
def test_dial_in_a_vendor_callback_without_try_whose_vendor_call_throws_did_not_dial(tmp_path, when):
    """The same callback without a try: the vendor call's error leaves the callback (the legacy listener placed
    no call). dial() fails, not CALL_STARTED and not after waiting for a decision (run later, the error is the
    vendor's uncaught error, as it was on the legacy page)."""
    _, files = run(tmp_path, {"phone.js": """sforce.opencti.onClickToDial({listener: function (payload) {
  AcmeConnect.agent(function (agent) {
    if (agent.getContacts().length <= 1) {
      agent.connect(payload.number, {});
    }
  });
}});
"""})
    vendor = AGENT_VENDOR.replace("CONTACTS", "0").replace("WHEN", repr(when)).replace(
        "connect: (to) => AcmeDialer.connect(to)",
        "connect: (to) => { AcmeDialer.connect(to); throw new Error('softphone offline'); }")
    result = connector_setup(tmp_path, files, stubs=["AcmeDialer"], vendor=vendor)
    assert result["ready"] is True, result["errors"]
    assert result["results"]["vendorCallsOnDial"] == [{"path": "AcmeDialer.connect", "args": ["+15551234567"]}]
    assert result["results"]["DIAL"] == "CALL_FAILED", result["results"]
    assert "softphone offline" in _dial_error(result) or \
        "The legacy click-to-dial logic did not dial this number" in _dial_error(result), _dial_error(result)
    assert "cannot tell whether the call was placed" not in _dial_error(result)


def test_dial_in_a_vendor_callback_that_never_runs_is_a_reported_todo(tmp_path):
    """The vendor never runs the callback (its agent never initialises): dial() cannot know whether the call
    will be placed. It fails with a ctimod TODO after waiting, and the row says how dial() decides."""
    result, files = run(tmp_path, {"phone.js": AGENT_DIAL})
    vendor = AGENT_VENDOR.replace("CONTACTS", "0").replace("WHEN", "'never'")
    outcome_ = connector_setup(tmp_path, files, stubs=["AcmeDialer"], vendor=vendor)
    assert outcome_["results"]["DIAL"] == "CALL_FAILED", outcome_["results"]
    assert ("ctimod TODO: dial() cannot tell whether the call was placed: the legacy click-to-dial logic decides in "
            "the callback it passed to AcmeConnect.agent(), which had not run") in _dial_error(outcome_)
    row = outcome(result, "sforce.opencti.onClickToDial")
    assert (row.safety, row.status) == ("review", "converted")
    assert ("dial() places the call in the callback the legacy listener passed to AcmeConnect.agent(), whose "
            "`if (agent && agent.getContacts().length <= 1)` decides") in row.todo
    # The error names a TODO the report lists (what verify and the bundle's npm test count as declared).
    (failure,) = [f["message"] for f in outcome_["failures"] if f["step"] == "DIAL"]
    assert failure.startswith("ctimod TODO: ") and failure.removeprefix("ctimod TODO: ") in row.todo, (failure, row.todo)


def test_a_listener_deciding_in_a_vendor_callback_also_runs_outside_dial(tmp_path):
    """The listener is a named function the vendor's redial event calls too: its copy carried to module level
    is the legacy function as it was. Before, dial()'s own edits reached that copy as well: its `if` recorded
    a decision with ctimodDialGuard (a ReferenceError, then a module-level stand-in) and `payload.number` read
    `contact.phoneNumber`, undefined there (the redial threw instead of dialling). Now the redial dials the
    number its legacy payload carries, and dial() still dials Salesforce's Contact and reports what its
    callback did."""
    _, files = run(tmp_path, {"phone.js": """function onDial(payload) {
  AcmeConnect.agent(function (agent) {
    if (agent.getContacts().length <= 1) {
      agent.connect(payload.number, {});
    }
  });
}
sforce.opencti.onClickToDial({listener: onDial});
sforce.opencti.getCallCenterSettings({callback: function (response) {
  AcmeConnect.onRedial(function (number) { onDial({number: number}); });
}});
"""})
    connector = files["connector/src/connector.js"]
    carried = connector[connector.index("function onDial(payload) {"):connector.index("export class PhoneConnector")]
    assert "if (agent.getContacts().length <= 1) {" in carried and "agent.connect(payload.number, {});" in carried, \
        carried
    assert "ctimodDialGuard" not in carried and "contact" not in carried, carried
    dial = connector[connector.index("async dial("):]
    assert "if (ctimodDialGuard(agent.getContacts().length <= 1)) {" in dial
    assert "agent.connect(contact.phoneNumber, {});" in dial
    vendor = AGENT_VENDOR.replace("CONTACTS", "0").replace("WHEN", "'now'").replace(
        "  getLog:", "  onRedial(f) { setTimeout(() => f('+15559999999'), 10); },\n  getLog:")
    result = connector_setup(tmp_path, files, stubs=["AcmeDialer"], vendor=vendor)
    assert result["ready"] is True, result["errors"]
    assert not result["errors"], result["errors"]
    assert {"path": "AcmeDialer.connect", "args": ["+15559999999"]} in result["vendorCalls"], result["vendorCalls"]
    assert result["results"]["DIAL"] == "CALL_STARTED", (result["results"], _dial_error(result))
    assert result["results"]["vendorCallsOnDial"] == [{"path": "AcmeDialer.connect", "args": ["+15551234567"]}]


def test_each_use_of_a_parameter_name_in_one_home_names_its_own_function(tmp_path):
    """open-cti-demo's shape in our words: the settings callback (one helper) and the click-to-dial listener
    (another helper) both move into the connector and both use their own function's `view` parameter. The TODO
    at each use names the function around that use (both named the first one before)."""
    _, files = run(tmp_path, {"settingsHelper.js": """({
    loadSettings: function (view) {
        sforce.opencti.getCallCenterSettings({callback: function (response) {
            view.set('v.settings', response.returnValue);
        }});
    }
})
""", "dialHelper.js": """({
    listenForDials: function (view) {
        sforce.opencti.onClickToDial({listener: function (payload) {
            view.set('v.phone', payload.number);
        }});
    }
})
"""})
    connector = files["connector/src/connector.js"]
    dial = connector[connector.index("async dial("):connector.index("acceptCall(")]
    init = connector[connector.index("async init("):connector.index("getTelephonyConnector()")]
    assert "`view` was a parameter of listenForDials() (dialHelper.js:2)" in dial, dial
    assert "`view` was a parameter of loadSettings() (settingsHelper.js:2)" in init, init


def test_a_use_whose_code_two_functions_share_word_for_word_names_every_origin(tmp_path):
    """Both handlers are `view.set('v.ready', true);` word for word, and dial()'s copy sits in code ctimod wrote
    around it: nothing in its text says which function it came from, so its TODO names both (not one of them as
    if it were known). init()'s copy keeps its legacy function around it: that one is placed."""
    body = "view.set('v.ready', true);"
    _, files = run(tmp_path, {"settingsHelper.js": """({
    loadSettings: function (view) {
        sforce.opencti.getCallCenterSettings({callback: function (response) {
            BODY
        }});
    }
})
""".replace("BODY", body), "dialHelper.js": """({
    listenForDials: function (view) {
        sforce.opencti.onClickToDial({listener: function (payload) {
            BODY
        }});
    }
})
""".replace("BODY", body)})
    connector = files["connector/src/connector.js"]
    dial = connector[connector.index("async dial("):connector.index("acceptCall(")]
    init = connector[connector.index("async init("):connector.index("getTelephonyConnector()")]
    (todo,) = [line for line in dial.split("\n") if "TODO(ctimod): `view`" in line]
    assert "this use could be any of them" in todo and "listenForDials() (dialHelper.js:2)" in todo and \
        "loadSettings() (settingsHelper.js:2)" in todo, todo
    (todo,) = [line for line in init.split("\n") if "TODO(ctimod): `view`" in line]
    assert "`view` was a parameter of loadSettings() (settingsHelper.js:2)" in todo and "dialHelper" not in todo, todo


def test_a_variable_two_pieces_in_one_home_declare_differently_is_not_carried_for_both(tmp_path):
    """webpack's modules in our words: the settings callback's module and the click-to-dial listener's module each
    declare their own `tag`. Carrying the first one (what ctimod did) gave the listener in dial() the settings'
    'settings' where the legacy code read 'dial', silently. Neither is carried now: each use has a stand-in and a
    TODO naming its own declaration and saying why it was not carried."""
    _, files = run(tmp_path, {"phone.js": """(function () {
  var tag = 'settings';
  sforce.opencti.getCallCenterSettings({callback: function (response) {
    console.log(tag, response.success);
  }});
})();
(function () {
  var tag = 'dial';
  sforce.opencti.onClickToDial({listener: function (payload) {
    console.log(tag, payload.number);
  }});
})();
"""})
    connector = files["connector/src/connector.js"]
    assert "var tag" not in connector and "let tag = ctimodMissing('tag'," in connector, connector
    dial = connector[connector.index("async dial("):connector.index("acceptCall(")]
    init = connector[connector.index("async init("):connector.index("getTelephonyConnector()")]
    assert ("`tag` was defined in the legacy adapter (phone.js:8) and is not available here; other code moved here "
            "has its own `tag` (phone.js:2), so neither was carried") in dial, dial
    assert "`tag` was defined in the legacy adapter (phone.js:2)" in init and "(phone.js:8) and" not in init, init

def _method(module: str, name: str) -> str:
    """A method of the generated LWC, from its signature to the next `moved from` comment."""
    start = module.index(f"    {name}(")
    end = module.find("// ctimod: moved from", start)
    return module[start:end if end != -1 else len(module)]


def test_each_use_of_a_parameter_name_in_the_component_names_its_own_function(tmp_path):
    """open-cti-demo's Lightning side in our words: two Aura helpers' callbacks become methods of one component,
    each using its own helper's `cmp`, both with the same statement `cmp.set('v.busy', true);`. Each TODO names
    the helper its code came from (both named logCall() before), the report's rows too, and the one stand-in
    names both."""
    _, files = run(tmp_path, {"popPanelHelper.js": """({
    popCaller: function (cmp) {
        cmp.getEvent('getSettings').setParams({
            callback: function (settings) {
                cmp.set('v.busy', true);
                sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.SOBJECT,
                                          params: {recordId: cmp.get('v.recordId')}});
            }
        }).fire();
    }
})
""", "logPanelHelper.js": """({
    logCall: function (cmp) {
        cmp.find('ticker').getDurationInSeconds(function (duration) {
            cmp.set('v.busy', true);
            sforce.opencti.saveLog({value: {entityApiName: 'Task', WhoId: cmp.get('v.contactId'),
                                            CallDurationInSeconds: duration}});
        });
    }
})
"""})
    module = lwc(files)
    pop, log = _method(module, "callback"), _method(module, "onGetDurationInSeconds")
    pop_todo = "`cmp` was a parameter of popCaller() (popPanelHelper.js:2)"
    log_todo = "`cmp` was a parameter of logCall() (logPanelHelper.js:2)"
    assert pop.count(pop_todo) == 2 and log_todo not in pop, pop
    assert log.count(log_todo) == 2 and pop_todo not in log, log
    assert ("let cmp = ctimodMissing('cmp', \"a parameter of logCall() at logPanelHelper.js:2; "
            "or a parameter of popCaller() at popPanelHelper.js:2\");") in module
    lines = module.split("\n")
    rows = [r for r in json.loads(files["migration.json"])["free_names"] if r["name"] == "cmp"]
    assert len(rows) == 4
    for row in rows:
        method = "callback(" if "popCaller" in row["declared_at"] else "onGetDurationInSeconds("
        # the row's line is the use's, in the method its own helper's code became
        above = next(l for l in reversed(lines[:row["line"]]) if l.startswith("    ") and not l.startswith("     "))
        assert above.strip().startswith(method), (row, above)


def test_each_use_of_a_variable_two_modules_declare_names_its_own_module(tmp_path):
    """webpack's shape in our words: two modules each declare their own `log` and each has a function that moves
    into the component. Each use names the declaration of its own module (both named the first before)."""
    _, files = run(tmp_path, {"bundle.js": """(function () {
  var log = makeLogger('screenpop');
  window.popRecord = function (id) {
    log.info('pop', id);
    sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: {recordId: id}});
  };
})();
(function () {
  var log = makeLogger('calllog');
  window.saveCall = function (id) {
    log.info('save', id);
    sforce.opencti.saveLog({value: {entityApiName: 'Task', WhoId: id}});
  };
})();
"""})
    module = lwc(files)
    pop, save = module[module.index("    popRecord(id) {"):], module[module.index("    saveCall(id) {"):]
    pop, save = pop[:pop.index("\n    }\n")], save[:save.index("\n    }\n")]
    assert "`log` was defined in the legacy adapter (bundle.js:2)" in pop and "bundle.js:9" not in pop, pop
    assert "`log` was defined in the legacy adapter (bundle.js:9)" in save and "bundle.js:2" not in save, save


# ---------------------------------------------------------------------------------------- long name lists
def test_a_method_that_uses_many_undefined_names_lists_a_dozen_in_its_rows_and_every_one_in_the_table(tmp_path):
    """A moved method that reads many names its new home lacks: each of its rows names the first twelve and
    how many more (a big adapter's rows repeated 240 names each, 1.3 MB of MIGRATION.md); the free-names
    table still lists every one with its line."""
    names = [f"pageGlobal{i:02d}" for i in range(15)]
    body = "".join(f"  total += {name}.size;\n" for name in names)
    result, files = run(tmp_path, {"phone.js": "function refreshAll() {\n  var total = 0;\n" + body +
                                               "  sforce.opencti.refreshView({callback: function () {}});\n"
                                               "  return total;\n}\n"})
    row = outcome(result, "sforce.opencti.refreshView")
    listed = row.location[row.location.index("(throws until the component has ") + 32:]
    assert listed.startswith(", ".join(sorted(names)[:12]) + " and 3 more names, each listed with its line among"), \
        row.location
    table = files["MIGRATION.md"].split("## Names the moved code uses that its new home does not define")[1]
    assert all(f"| `{name}` | lwc |" in table for name in names)
    assert all(name not in row.location for name in sorted(names)[12:])


def test_a_method_whose_own_local_shares_a_missing_names_name_is_not_said_to_throw(tmp_path):
    """`n` is a page global refreshPage() reads (a stand-in in the component); popAccount() declares its own
    `n`: only refreshPage()'s rows say the method throws until the component has `n`."""
    result, _ = run(tmp_path, {"phone.js": """function popAccount(id) {
  var n = id.length;
  sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: {recordId: id},
                            callback: function () { console.log(n); }});
}
function refreshPage() {
  n.track('refresh');
  sforce.opencti.refreshView({callback: function () {}});
}
"""})
    assert "throws until" not in outcome(result, "sforce.opencti.screenPop").location
    assert outcome(result, "sforce.opencti.refreshView").location.endswith("(throws until the component has n)")


def test_the_assignment_that_names_a_moved_function_is_not_listed_as_a_call_of_it(tmp_path):
    """`window.popRecord = function…` names the function; nothing calls it. refreshNow() is called by a click
    handler: its TODO names that line, not the assignment's."""
    _, files = run(tmp_path, {"bundle.js": """(function () {
  window.popRecord = function (id) {
    sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: {recordId: id}});
  };
  window.refreshNow = function () {
    sforce.opencti.refreshView({callback: function () {}});
  };
  document.getElementById('refresh').addEventListener('click', function () { window.refreshNow(); });
})();
"""})
    todos = [line.strip() for line in lwc(files).splitlines() if "nothing in the component calls this yet" in line]
    assert todos == ["// TODO(ctimod): nothing in the component calls this yet.",
                     "// TODO(ctimod): nothing in the component calls this yet (the legacy code called it at bundle.js:8)."]


def test_a_row_that_says_its_call_does_not_run_names_the_copy_that_does(tmp_path):
    """The Amazon Connect adapter (development set) sizes its panel in cbInConsole, which its settings
    callback calls: the function moved into the Voice LWC, where nothing calls it (the rows said the calls
    do not run), and a copy was carried into the connector, whose init() runs it there, the panel calls
    removed and their callbacks answered with success. The row now names that copy and what runs there."""
    result, files = run(tmp_path, {"softphone.js": """var settings = {};
function onSized(response) { console.log('sized', response.success); }
function applyLayout() {
  sforce.opencti.setSoftphonePanelHeight({ heightPX: Number(settings['/ui/height']), callback: onSized });
}
sforce.opencti.getCallCenterSettings({ callback: function (response) {
  settings = response.returnValue;
  applyLayout();
} });
"""})
    connector = files["connector/src/connector.js"]
    assert "applyLayout();" in connector[connector.index("async init("):]  # the connector's copy runs
    assert "/* ctimod: removed sforce.opencti.setSoftphonePanelHeight" in top_function(connector, "applyLayout")
    row = outcome(result, "sforce.opencti.setSoftphonePanelHeight")
    assert row.status == "unwired" and "so this call does not run" in row.todo
    assert ("Its copy in the connector, inside applyLayout (softphone.js:3) (carried there because code there uses "
            "it), can run, without the call: removed sforce.opencti.setSoftphonePanelHeight") in row.todo
    assert "There the callback is still called, with Open CTI's success response" in row.todo
    entry = next(c for c in json.loads(files["migration.json"])["conversions"]
                 if c["api"] == "sforce.opencti.setSoftphonePanelHeight")
    assert entry["todo"] == row.todo and "inside applyLayout (softphone.js:3)" in files["MIGRATION.md"]


def test_is_the_panel_visible_is_not_answered_with_a_success_that_holds_no_answer(tmp_path):
    """In the connector the softphone panel calls are removed and a setter's callback is answered with
    success (returnValue null, as Open CTI's). isSoftphonePanelVisible was answered the same way, so a
    callback reading returnValue.visible (twilio-lightning-softphone's revealPanel, carried into the
    connector's dial()) threw there. It is a question the connector cannot answer: its callback gets Open
    CTI's failure response, and node runs the generated function to the end."""
    node = require_node()
    result, files = run(tmp_path, {"phone.js": """function revealPanel() {
  sforce.opencti.isSoftphonePanelVisible({ callback: function (response) {
    if (response.success && !response.returnValue.visible) {
      sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    }
    console.log('panel checked', response.success);
  } });
}
sforce.opencti.onClickToDial({ listener: function (payload) { revealPanel(); VendorPhone.dial(payload.number); } });
"""})
    connector = files["connector/src/connector.js"]
    script = "\n".join([top_function(connector, "ctimodErrors"), top_function(connector, "ctimodRespond"),
                        top_function(connector, "revealPanel"), "revealPanel();"])
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and out.stdout.splitlines() == ["panel checked false"], out.stderr
    row = outcome(result, "sforce.opencti.isSoftphonePanelVisible")
    assert "Its copy in the connector, inside revealPanel (phone.js:1)" in row.todo
    assert "sforce.opencti.isSoftphonePanelVisible cannot be answered" in row.todo


def test_a_row_whose_carried_copy_runs_with_only_a_todo_for_the_call_says_so(tmp_path):
    """markCall() moves into the Voice LWC and is carried into the connector, whose dial() uses it. There its
    Open CTI calls (a refreshView and a console setCallObjectIds, given no callback to answer) are only TODO
    comments: the copy runs, without the calls. Each row says so, as rows whose copy answers a callback or
    converts already did (console-cti-legacy's converted rows, refreshView in twilio-lightning-softphone).
    Before, those rows said nothing of the copy."""
    result, files = run(tmp_path, {"phone.js": """function markCall(id) {
  sforce.console.cti.setCallObjectIds([id]);
  sforce.opencti.refreshView();
  return id;
}
sforce.opencti.onClickToDial({listener: function (payload) {
  VendorPhone.dial(payload.number, markCall(payload.recordId));
}});
"""})
    assert "  // TODO(ctimod): the connector cannot refresh views" in top_function(files["connector/src/connector.js"],
                                                                                "markCall")
    copy = "Its copy in the connector, inside markCall (phone.js:1) (carried there because code there uses it), can " \
        "run, without the call: "
    row = outcome(result, "sforce.opencti.refreshView")
    assert copy + "the connector cannot refresh views; the Voice LWC refreshes on callended." in row.todo, row.todo
    row = outcome(result, "sforce.console.cti.setCallObjectIds")
    assert copy + "sforce.console.cti.setCallObjectIds belongs to the Lightning console side" in row.todo, row.todo
    assert copy in files["MIGRATION.md"]


@pytest.mark.parametrize("assignment, line", [
    ("if (lastDial == null) { log(1); }\n  lastDial = {to: payload.number};", 3),
    ("lastDial\n    = {to: payload.number};", 2),
    ("lastDial /* the last one */ = {to: payload.number};", 2),
    ("lastDial=payload.number;", 2)])
def test_an_implicit_global_is_found_however_its_assignment_is_spaced_and_a_comparison_is_no_assignment(
        tmp_path, assignment, line):
    """Only occurrences followed by `=` (or a comment) are looked up in the tree (each lookup descends from the
    root: 100,000 `if (x)` nested deep took minutes); a comparison (`==`) before the assignment is not it."""
    _, files = run(tmp_path, {"phone.js": "sforce.opencti.onClickToDial({listener: function (payload) {\n  "
                                          + assignment + "\n  AcmePhone.call(lastDial.to);\n}});\n"})
    assert f"made a global by the assignment at phone.js:{line} without a declaration" in \
        files["connector/src/connector.js"]


# ---------------------------------------------------------------------------------------- page info
def test_classic_page_info_todos_name_the_classic_keys_the_converted_json_lacks(tmp_path):
    """Classic getPageInfo and onFocus answered a JSON string {url, objectId, objectName, object, displayName};
    the converted one holds objectId and object. Their TODOs named the Lightning keys (recordName; 'it gets
    recordId and objectType'), which a Classic callback never reads, and not objectName/displayName, which it
    does."""
    result, files = run(tmp_path, {"page.js": """function logFor(done) {
  sforce.interaction.getPageInfo(function (response) { var page = JSON.parse(response.result); done(page.objectName); });
}
sforce.interaction.onFocus(function (response) { var page = JSON.parse(response.result); show(page.displayName); });
"""})
    for api in ("sforce.interaction.getPageInfo", "sforce.interaction.onFocus"):
        todo = outcome(result, api).todo
        assert "objectId and object only" in todo and "objectName, displayName" in todo, todo
        assert "recordName" not in todo and "recordId" not in todo, todo
    report = files["MIGRATION.md"]
    assert report.count("objectId and object only") >= 2


def test_a_function_given_as_a_call_option_is_not_said_to_be_called_by_another_objects_property(tmp_path):
    """The function handed to setParams({callback: …}) moves in as callback(); nothing calls it. Its TODO said
    'the legacy code called it at ticker.js:3', where another object's own `params.callback(...)` is called
    (the open-cti-demo adapter of the development set: a duration callback taken for the settings one)."""
    _, files = run(tmp_path, {"panel.js": """function screenPopAndCall(cmp) {
  cmp.getEvent('getSettings').setParams({
    callback: function (settings) {
      sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: {recordId: settings.id}});
    }
  }).fire();
}
""", "ticker.js": """function getDurationInSeconds(cmp, params) {
  var seconds = cmp.get('v.seconds');
  params.callback(seconds);
}
function showLabel(label) {
  sforce.opencti.setSoftphonePanelLabel({label: label});
}
"""})
    component = lwc(files)
    line = component.index("    callback(settings) {")
    comments = component[component.rindex("// ctimod: moved from", 0, line):line]
    assert "TODO(ctimod): nothing in the component calls this yet." in comments
    assert "ticker.js" not in comments, comments


def test_aura_only_calls_in_code_moved_into_the_component_are_named_by_a_todo(tmp_path):
    """As the development set's open-cti-demo: an Aura controller's editPanel handler moved into the Voice
    component still reads `event.getParams()` (and `cmp.get('v.state')`, `event.getParam('reason')`),
    which a Lightning web component does not have. Each such line gets a TODO naming the call, placed above the
    lint exception of that line (which must stay next to it), and MIGRATION.md / migration.json list it at the
    line of the call (rule ctimod/aura-only-api). A `get` that is not an Aura attribute (a Map's) is not flagged."""
    result, files = run(tmp_path, {"aura/Phone/PhoneController.js": """({
    editPanel: function (cmp, event, helper) {
        var params = event.getParams();
        var seen = new Map();
        if (params.label) {
            sforce.opencti.setSoftphonePanelLabel({ label: params.label + cmp.get('v.state') + seen.get('x') });
        } else {
            alert(event.getParam('reason'));
        }
    }
})
"""})
    component = lwc(files)
    lines = component.split("\n")
    at = next(i for i, line in enumerate(lines) if "var params = event.getParams();" in line)
    assert lines[at - 1].strip() == (
        "// TODO(ctimod): `event.getParams()`: Aura's component / event API, which a Lightning web component does "
        "not have; use this method's arguments, @api properties or the template "
        "(this.dispatchEvent(new CustomEvent(...)) for an Aura event)"), lines[at - 3:at + 1]
    label = next(i for i, line in enumerate(lines) if "cmp.get('v.state')" in line and "TODO" not in line)
    assert "`cmp.get('v.state')`: Aura's" in "\n".join(lines[label - 3:label])
    assert "seen.get" not in "\n".join(line for line in lines if "TODO(ctimod)" in line)
    alert = next(i for i, line in enumerate(lines) if "alert(event.getParam('reason'))" in line)
    assert lines[alert - 1].strip().startswith("// eslint-disable-next-line no-alert -- "), lines[alert - 2:alert + 1]
    assert lines[alert - 2].strip().startswith("// TODO(ctimod): `event.getParam()`: Aura's"), lines[alert - 2:alert + 1]
    document = json.loads(files["migration.json"])
    rows = [r for r in document["lint"] if r["rule"] == "ctimod/aura-only-api"]
    assert rows and all(r["action"] == "todo-comment" for r in rows)
    flagged = {r["line"]: r["note"].split(":", 1)[0] for r in rows}
    assert flagged == {at + 1: "`event.getParams()`", label + 1: "`cmp.get('v.state')`",
                       alert + 1: "`event.getParam()`"}, flagged
    migration = files["MIGRATION.md"]
    assert "| `ctimod/aura-only-api` | TODO(ctimod) above the line (no lint rule) | `event.getParams()`" in migration


def test_a_frozen_constant_is_carried_into_the_component_like_a_plain_one(tmp_path):
    # `const STATES = Object.freeze({...})` is a constant no one can change: the moved code takes it along (before:
    # a stand-in that threw at the first use, "legacy state stays out of the component").
    _, files = run(tmp_path, {"dialer.js": """const STATES = Object.freeze({ READY: 'READY', BUSY: 'BUSY' });
const Labels = Object.freeze([Object.freeze({ id: 'a' })]);
const counters = Object.freeze(makeCounters());
function onRinging(ani) {
  setState(STATES.BUSY, Labels[0].id, counters);
  sforce.opencti.screenPop({type: 'sobject', params: {recordId: ani}});
}
"""})
    text = lwc(files)
    assert "const STATES = Object.freeze({ READY: 'READY', BUSY: 'BUSY' });" in text
    assert "const Labels = Object.freeze([Object.freeze({ id: 'a' })]);" in text
    assert "let counters = ctimodMissing('counters'" in text  # a call's result is not a constant
    assert "STATES = ctimodMissing" not in text and "Labels = ctimodMissing" not in text


def test_a_var_constant_the_legacy_code_never_changes_is_carried_and_one_it_changes_is_not(tmp_path):
    # Code written before `const` declared its constants with `var`: carried when nothing changes them (before:
    # stand-ins that threw); a `var` the code changes, or whose object it writes to, is state and stays out.
    _, files = run(tmp_path, {"phone.js": """var Softphone = (function () {
  var MAX_CALLS = 10;
  var LABEL = 'Acme';
  var PRESENCE = { READY: 'Ready', BUSY: 'Busy' };
  var LIMIT = 3;
  var MODES = { A: 1 };
  var COUNT = 0;
  var SEEN = ['x'];
  var { OTHER } = {};
  function configure(options) { LIMIT = options.limit; MODES.A = 2; }
  function tick() { COUNT++; SEEN[1] = 'y'; }
  function onRinging(ani) {
    show(MAX_CALLS, LABEL, PRESENCE.BUSY, LIMIT, MODES.A, COUNT, SEEN);
    sforce.opencti.screenPop({type: 'sobject', params: {recordId: ani}});
  }
  return { configure: configure, tick: tick, onRinging: onRinging };
})();
"""})
    text = lwc(files)
    for kept in ("var MAX_CALLS = 10;", "var LABEL = 'Acme';", "var PRESENCE = { READY: 'Ready', BUSY: 'Busy' };"):
        assert kept in text
    for changed in ("LIMIT", "MODES", "COUNT", "SEEN"):
        assert f"let {changed} = ctimodMissing('{changed}'" in text
def test_aura_component_event_and_helper_calls_are_named_by_the_parameter_aura_passes_them_in(tmp_path):
    """Calls that exist only on Aura's component, event or helper, decided by the receiver: the controller
    action's (component, event, helper) parameters, a helper function's component, a renderer's (component,
    helper), an event the function made ($A.get('e.x'), component.getEvent('x')): cmp.find('id'), cmp.isValid(),
    getEvent('x').fire(), evt.fire(), helper.notify(cmp, ...), this.superAfterRender(), and on any receiver
    getEvent('x').setParams({...}).fire() (the open-cti-demo's shape, in a callback). An array's find(fn), a
    nested function's own `cmp` parameter and a plain script's function with a `cmp` parameter are not flagged."""
    _, files = run(tmp_path, {"aura/Phone/PhoneController.js": """({
    editPanel: function (cmp, event, helper) {
        var list = [1, 2].find(function (x) { return x > 1; });
        var input = cmp.find('phoneInput');
        if (cmp.isValid()) {
            sforce.opencti.setSoftphonePanelLabel({ label: 'x' + list + input });
            cmp.getEvent('dialed').fire();
            [cmp].forEach(function (c) {
                c.getEvent('panel').setParams({ label: 'x' }).fire();
            });
            var evt = $A.get('e.c:Dialed');
            evt.fire();
            helper.notify(cmp, 'y');
            [cmp].forEach(function (cmp) { cmp.isValid(); });
        }
    }
})
""", "aura/Phone/PhoneHelper.js": """({
    notify: function (component, label) {
        var box = component.find('box');
        sforce.opencti.setSoftphonePanelLabel({ label: label + box });
    }
})
""", "aura/Phone/PhoneRenderer.js": """({
    afterRender: function (component, helper) {
        this.superAfterRender();
        sforce.opencti.setSoftphonePanelLabel({ label: 'z' });
    }
})
""", "src/util.js": """function relabel(cmp) {
    if (cmp.isValid()) {
        sforce.opencti.setSoftphonePanelLabel({ label: cmp.find('a') });
    }
}
"""})
    component = lwc(files)
    lines = component.split("\n")
    document = json.loads(files["migration.json"])
    flagged = {r["line"]: r["note"].split(": Aura's", 1)[0] for r in document["lint"]
               if r["rule"] == "ctimod/aura-only-api"}

    def at(code, start=0):
        return next(i for i, line in enumerate(lines) if code in line and "TODO" not in line and i >= start) + 1

    util = component.index("moved from src/util.js")
    util_line = component[:util].count("\n") + 1
    assert flagged == {
        at("var input = cmp.find('phoneInput');"): "`cmp.find()`",
        at("if (cmp.isValid())"): "`cmp.isValid()`",
        at("cmp.getEvent('dialed').fire();"): "`.fire()`, `cmp.getEvent()`",
        at("c.getEvent('panel').setParams({ label: 'x' }).fire();"): "`.fire()`, `c.getEvent('panel').setParams()`, "
                                                                     "`c.getEvent()`",
        at("var evt = $A.get('e.c:Dialed');"): "`$A.get()`",
        at("evt.fire();"): "`evt.fire()`",
        at("helper.notify(cmp, 'y');"): "`helper.notify()`",
        at("var box = component.find('box');"): "`component.find()`",
        at("this.superAfterRender();"): "`this.superAfterRender()`",
    }, (flagged, util_line)
    helper = at("helper.notify(cmp, 'y');")
    assert lines[helper - 2].strip().endswith(
        "; `helper` was Aura's helper object: call a helper function moved into this class as this.name(...)")
    assert all(line < util_line for line in flagged)


@pytest.mark.parametrize("other", [
    "function reset() { callsTaken = 0; }\n",  # another script of the page sets the global
    "function show() { return window.callsTaken; }\n",  # or reads it as a property of the page's global object
    "if (ready) { window.MAX_CALLS = 20; }\n",  # or changes the constant
], ids=["set-by-another-script", "read-through-window", "constant-changed-elsewhere"])
def test_a_page_global_another_script_uses_stays_a_stand_in(tmp_path, other):
    # A top-level var of a page script is a global every script of the page shares: state another file (or
    # window.x) reads or sets is not the moved code's own, and a "constant" another file changes is not one.
    # Before, only the declaring file was searched, and the LWC got a copy the other script never saw.
    _, files = run(tmp_path, {"phone.js": """var callsTaken = 0;
var MAX_CALLS = 10;
function onRinging(call) {
  callsTaken += 1;
  if (callsTaken <= MAX_CALLS) {
    sforce.opencti.screenPop({type: 'sobject', params: {recordId: call.id}});
  }
}
window.vendorPhone.on('ringing', onRinging);
""", "other.js": other})
    text = lwc(files)
    name = "MAX_CALLS" if "MAX_CALLS" in other else "callsTaken"
    kept = "callsTaken" if name == "MAX_CALLS" else "MAX_CALLS"
    assert f"let {name} = ctimodMissing('{name}'" in text
    assert f"var {kept} = " in text  # the other one is still carried: nothing else touches it


def test_a_stand_in_of_the_component_says_why_the_legacy_declaration_could_not_come_along(tmp_path):
    # Before, every such TODO said "(legacy state and DOM code stay out of the component)", for a helper that
    # reads the page and for state another function sets alike: now each says what keeps it out.
    result, files = run(tmp_path, {"phone.js": """var calls = {};
var client = new VendorClient({ region: 'eu' });
function banner(text) { document.getElementById('banner').textContent = text; }
function onRinging(call) {
  calls[call.id] = call;
  banner('Ringing ' + client.region);
  sforce.opencti.screenPop({type: 'sobject', params: {recordId: call.id}});
}
function onEnded(call) { delete calls[call.id]; }
window.vendorPhone.on('ringing', onRinging);
window.vendorPhone.on('ended', onEnded);
"""})
    why = {m.name: m.why for m in result.plan.homes["lwc"].missing}
    assert why["calls"].endswith(": legacy code that stays out of the component uses it too (phone.js:9)")
    assert why["client"].endswith(": its value is computed when the legacy page runs "
                                  "(`new VendorClient({ region: 'eu' })`)")
    assert why["banner"].endswith(": it uses the page's `document`")
    assert "stay out of the component" not in lwc(files)
_PHONE = """var callsTaken = 0;
var MAX_CALLS = 10;
var QUEUES = ['sales', 'support'];
function onRinging(call) {
  callsTaken += 1;
  if (callsTaken <= MAX_CALLS && QUEUES.indexOf(call.queue) >= 0) {
    sforce.opencti.screenPop({type: 'sobject', params: {recordId: call.id}});
  }
}
window.vendorPhone.on('ringing', onRinging);
"""


@pytest.mark.parametrize("files, names", [
    # code the tree holds only as a string, which the page runs
    ({"phone.js": _PHONE + "function reset() { eval('callsTaken = 0; MAX_CALLS = 5'); }\n"}, ["callsTaken", "MAX_CALLS"]),
    ({"phone.js": _PHONE + "var reset = new Function('callsTaken = 0; MAX_CALLS = 5');\n"}, ["callsTaken", "MAX_CALLS"]),
    ({"phone.js": _PHONE + "setTimeout('callsTaken = 0; MAX_CALLS = 5', 60000);\n"}, ["callsTaken", "MAX_CALLS"]),
    # the page's global object indexed by a string
    ({"phone.js": _PHONE + "function reset() { window['callsTaken'] = 0; window['MAX_CALLS'] = 5; }\n"},
     ["callsTaken", "MAX_CALLS"]),
    # an inline handler of a page of the adapter (markup the tree does not hold)
    ({"phone.js": _PHONE, "softphone.html": '<html><body><button onclick="callsTaken = 0; MAX_CALLS = 5">Reset'
                                            '</button><script src="phone.js"></script></body></html>\n'},
     ["callsTaken", "MAX_CALLS"]),
    # an array 'constant' legacy code that stays out changes through a call or another variable
    ({"phone.js": _PHONE + "function addQueue(q) { QUEUES.push(q); }\n"}, ["QUEUES"]),
    ({"phone.js": _PHONE + "function setQueues(q) { Object.assign(QUEUES, q); }\n"}, ["QUEUES"]),
    ({"phone.js": _PHONE + "function clearQueues() { var q = QUEUES; q.length = 0; }\n"}, ["QUEUES"]),
], ids=["eval", "new-Function", "setTimeout-string", "window-subscript", "inline-handler", "push", "Object.assign",
        "alias"])
def test_a_variable_legacy_code_uses_in_ways_the_tree_hides_stays_a_stand_in(tmp_path, files, names):
    # Carried into the LWC, the variable is a copy the legacy code that stays out never sees: each of these sets
    # it (or the value it holds) where only the name as a string, the markup, or a call shows it.
    _, out = run(tmp_path, files)
    text = lwc(out)
    for name in names:
        assert f"let {name} = ctimodMissing('{name}'" in text, name
    for name in {"callsTaken", "MAX_CALLS", "QUEUES"} - set(names):
        assert re.search(rf"^var {name} = (?!ctimodMissing)", text, re.M), name  # nothing hides a use of it


def test_moved_code_s_own_array_it_pushes_to_is_still_carried(tmp_path):
    _, out = run(tmp_path, {"phone.js": """var seen = [];
function onRinging(call) {
  seen.push(call.id);
  if (seen.length < 3) {
    sforce.opencti.screenPop({type: 'sobject', params: {recordId: call.id}});
  }
}
window.vendorPhone.on('ringing', onRinging);
"""})
    assert re.search(r"^var seen = \[\];$", lwc(out), re.M)


@pytest.mark.parametrize("other", [
    "function setLimit(n) { LIMITS.max = n; }\n",  # a write to a member of the const's object
    "function addQueue(q) { QUEUES.push(q); }\n",  # a method that changes the const's array
], ids=["member-write", "push"])
def test_a_const_array_or_object_legacy_code_changes_stays_a_stand_in(tmp_path, other):
    # `const` only keeps the variable from being reassigned: what its array or object holds legacy code that stays
    # out may still change, and a carried copy would never see it. Before, any const literal was carried.
    _, out = run(tmp_path, {"phone.js": """const LIMITS = {max: 10};
const QUEUES = ['sales', 'support'];
function onRinging(call) {
  if (LIMITS.max > 0 && QUEUES.indexOf(call.queue) >= 0) {
    sforce.opencti.screenPop({type: 'sobject', params: {recordId: call.id}});
  }
}
window.vendorPhone.on('ringing', onRinging);
""", "other.js": other})
    text = lwc(out)
    name, kept = ("LIMITS", "QUEUES") if "LIMITS" in other else ("QUEUES", "LIMITS")
    assert f"let {name} = ctimodMissing('{name}'" in text
    assert re.search(rf"^const {kept} = (?!ctimodMissing)", text, re.M)  # nothing changes the other one


def test_moved_code_s_own_const_object_it_changes_is_still_carried(tmp_path):
    _, out = run(tmp_path, {"phone.js": """const STATS = {rings: 0};
function onRinging(call) {
  STATS.rings += 1;
  sforce.opencti.screenPop({type: 'sobject', params: {recordId: call.id}});
}
window.vendorPhone.on('ringing', onRinging);
"""})
    assert re.search(r"^const STATS = \{rings: 0\};$", lwc(out), re.M)
