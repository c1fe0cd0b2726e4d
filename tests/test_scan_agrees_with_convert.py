"""`ctimod scan` never tells a user more than `ctimod convert` delivers for the same call.

Scan rates each use from the catalog and the call's own text; convert decides each call from the whole adapter.
Both run here on the same corpus adapters, and every row convert writes (migration.json) is matched with scan's
use at the same file, line, column and member (the JSON inventory):

- a use scan calls ``exact`` gets that very disposition from convert;
- a use scan calls ``at-most`` (auto, review) is a ceiling: convert never rates the call higher;
- in both, a call convert leaves alone because its whole file is a superseded copy or a samples file, or removes
  with the other API family's branch of a feature check, is not compared: which copy or family convert keeps
  is decided from the whole adapter, which one file's scan cannot tell (the README says so);
- scan's readiness is a ceiling of the share of calls convert converts automatically.
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import CORPUS, run_cli

# Adapters where convert rates calls below the catalog: listeners moved into dial()/init() that read names the
# connector lacks, runApex/saveLog landing in the connector, screenPop in a method nothing calls, a listener
# reading what Voice lacks, recovered calls, superseded copies and a samples file.
ADAPTERS = ("runapex-heavy-lookup", "getter-function-optional-chaining", "dual-family-class-wrapper",
            "screenpop-every-type", "broken-syntax-adapter", "twilio-lightning-softphone", "samples-with-adapter",
            "amazon-connect-variants", "jquery-legacy-lightning")

# How much a row promises the user: converted without a look > converted, check it > left to a human.
PROMISE = {"auto": 3, "review": 2, "manual": 1, "invalid": 0}
LEFT_ALONE = ("superseded by", "samples file", "other API family's branch", "the branch a feature check rules out")


def _convert_promise(row: dict) -> int:
    if row["status"] == "not-converted":
        return PROMISE["manual"]
    if row["status"] in ("unwired", "failed"):
        return min(PROMISE[row["safety"]], PROMISE["review"])
    return PROMISE[row["safety"]]


def _left_alone(row: dict) -> bool:
    return row["safety"] == "drop" and any(word in row["summary"] for word in LEFT_ALONE)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_no_scan_row_promises_more_than_convert_gives(adapter, tmp_path):
    source = CORPUS / adapter
    scanned = run_cli("scan", ".", "-o", str(tmp_path / "inventory.json"), cwd=source)
    assert scanned.returncode in (0, 1), scanned.stderr
    converted = run_cli("convert", str(source), "-o", str(tmp_path / "out"), "--no-diffs")
    assert converted.returncode in (0, 1), converted.stderr  # (1: calls it could not convert, listed)
    inventory = json.loads((tmp_path / "inventory.json").read_text())
    plan = json.loads((tmp_path / "out" / "migration.json").read_text())
    uses = {(u["file"], u["line"], u["column"], u["api"]): u
            for f in inventory["files"] for u in f["uses"] if u["kind"] == "call"}
    wrong = []
    for row in plan["conversions"]:
        use = uses.get((row["file"], row["line"], row["column"], row["api"]))
        assert use is not None, f"convert's row {row['file']}:{row['line']} {row['api']} has no scan use"
        if _left_alone(row):
            continue
        where = f"{row['file']}:{row['line']} {row['api']}"
        # (an inventory without the field claims its disposition outright)
        if use.get("certainty", "exact") == "exact":
            if use["disposition"] != row["safety"]:
                wrong.append(f"{where}: scan says exactly {use['disposition']}, convert gives "
                             f"{row['safety']} ({row['status']})")
        elif row["safety"] != "drop" and _convert_promise(row) > PROMISE[use["disposition"]]:
            # (convert dropping the call, e.g. a Classic twin of the listener it moved, promises no more)
            wrong.append(f"{where}: scan's ceiling {use['disposition']} is below convert's "
                         f"{row['safety']} ({row['status']})")
    assert not wrong, "\n".join(wrong)
    automatic = sum(1 for r in plan["conversions"] if r["safety"] == "auto" and r["status"] == "converted")
    calls = inventory["summary"]["calls"]
    assert inventory["summary"]["readiness"] >= round(automatic / calls, 4) - 1e-9


NEVER_RAN = """\
function setWidth(width) {
  if (true) {
    log('width is fixed');
  } else {
    sforce.interaction.cti.setSoftphoneWidth(width, function (response) { log(response); });
  }
  if (0) sforce.opencti.runApex({apexClass: 'Lookup', methodName: 'find', methodParams: '', callback: log});
  if (!0) {
    sforce.opencti.refreshView();
  }
}
sforce.opencti.onClickToDial({listener: function (payload) { phone.dial(payload.number); }});
"""


def _scan_and_convert(tmp_path, name: str, text: str) -> tuple[dict, dict]:
    """Scan's JSON entries and convert's migration.json rows for a one-file adapter, by line."""
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / name).write_text(text)
    scanned = run_cli("scan", ".", "-o", str(tmp_path / "inventory.json"), cwd=adapter)
    assert scanned.returncode == 0, scanned.stderr
    converted = run_cli("convert", str(adapter), "-o", str(tmp_path / "out"), "--no-diffs")
    assert converted.returncode == 0, converted.stderr
    uses = {u["line"]: u for f in json.loads((tmp_path / "inventory.json").read_text())["files"] for u in f["uses"]}
    rows = {r["line"]: r for r in json.loads((tmp_path / "out" / "migration.json").read_text())["conversions"]}
    return uses, rows


def test_a_call_in_a_branch_that_never_ran_is_dropped_by_scan_as_by_convert(tmp_path):
    uses, rows = _scan_and_convert(tmp_path, "softphone.js", NEVER_RAN)
    for line, test in ((5, "true"), (7, "0")):
        assert (uses[line]["disposition"], uses[line]["certainty"], rows[line]["safety"]) == ("drop", "exact", "drop")
        assert uses[line]["rationale"] == (f"The call is in the branch of `if ({test})` that never ran: its test is a "
                                           "constant, so the legacy code never ran this branch (nothing to convert)")
        assert rows[line]["reason"] == uses[line]["rationale"][0].lower() + uses[line]["rationale"][1:]
        assert uses[line]["replacement"] == "removed: the legacy code never ran it (dead code)"
    # the branch that ran, and code outside any `if`, keep their member's disposition (a ceiling)
    assert (uses[9]["disposition"], uses[9]["certainty"]) == ("review", "at-most")
    assert (uses[12]["disposition"], uses[12]["certainty"]) == ("auto", "at-most")
    assert rows[9]["safety"] != "drop" and rows[12]["safety"] != "drop"


def test_scan_counts_the_calls_in_a_branch_that_never_ran_apart_as_convert_does(tmp_path):
    """The two calls in branches that never ran are left out (dead code) in scan's summary as in convert's: not
    counted as drop (Voice owning them), by_disposition and left_out adding up to the calls (schema 1.3); the
    terminal totals and the Markdown inventory say so; and so do each member's counts (schema 1.4: the JSON's
    apis[].left_out, the members tables, which gave them their drop disposition)."""
    import jsonschema
    from importlib import resources

    _scan_and_convert(tmp_path, "softphone.js", NEVER_RAN)
    document = json.loads((tmp_path / "inventory.json").read_text())
    schema = json.loads(resources.files("ctimod.schemas").joinpath("scan-inventory-1.4.schema.json").read_text())
    jsonschema.validate(document, schema)
    summary = document["summary"]
    plan = json.loads((tmp_path / "out" / "migration.json").read_text())["summary"]
    assert summary["left_out"] == plan["left_out"] == {"dead-code": 2}
    assert summary["by_disposition"]["drop"] == plan["by_safety"]["drop"] == 0
    assert sum(summary["by_disposition"].values()) + sum(summary["left_out"].values()) == summary["calls"] == 4
    adapter = tmp_path / "adapter"
    terminal = run_cli("scan", ".", cwd=adapter, env={"COLUMNS": "200"})
    assert "auto 1  review 1  left out (dead code) 2" in " ".join(terminal.stdout.split("\n")), terminal.stdout
    # the file's row counts them as the totals do (it said "1 auto 1 review 2 drop")
    assert "softphone.js   analysed       4   1 auto 1 review 2 left out (dead code)" in terminal.stdout, terminal.stdout
    markdown = run_cli("scan", ".", "--format", "markdown", cwd=adapter).stdout
    assert "| 1 | 1 | 4 | 25% | 1 | 0 | 0 | 0 |" in markdown
    assert "> Left out (2 call(s), removed for another reason than Voice owning them, counted apart from Removed): " \
           "2 dead code" in markdown
    members = {a["api"]: (a["dispositions"], a.get("left_out")) for a in document["apis"]}
    assert members["sforce.interaction.cti.setSoftphoneWidth"] == ({}, {"dead-code": 1})
    assert members["sforce.opencti.refreshView"] == ({"review": 1}, None)
    assert re.search(r"sforce\.opencti\.runApex +1   1 left out \(dead code\) ", terminal.stdout), terminal.stdout
    assert "| `sforce.opencti.runApex` | lightning | 1 | left out (dead code) 1 |" in markdown, markdown


NEVER_RAN_COMMENTED = """\
function setWidth(width) {
  if (/* fixed width */ true) {
    log('width is fixed');
  } else {
    sforce.interaction.cti.setSoftphoneWidth(width, function (response) { log(response); });
  }
  if (0 // off until Voice
     ) sforce.opencti.runApex({apexClass: 'Lookup', methodName: 'find', methodParams: '', callback: log});
}
sforce.opencti.onClickToDial({listener: function (payload) { phone.dial(payload.number); }});
"""


def test_a_comment_in_a_constant_test_does_not_hide_it_from_scan_or_convert(tmp_path):
    uses, rows = _scan_and_convert(tmp_path, "softphone.js", NEVER_RAN_COMMENTED)
    for line, test in ((5, "true"), (8, "0")):
        assert (uses[line]["disposition"], uses[line]["certainty"], rows[line]["safety"]) == ("drop", "exact", "drop")
        assert uses[line]["rationale"].startswith(f"The call is in the branch of `if ({test})` that never ran")
        assert rows[line]["reason"] == uses[line]["rationale"][0].lower() + uses[line]["rationale"][1:]


NEVER_RAN_REFERENCES = """\
function pop(id) {
  if (false) {
    var kind = sforce.opencti.SCREENPOP_TYPE.URL;
    log(sforce.opencti.SEARCH_PARAMS.PHONE);
    sforce.opencti.screenPop({type: 'sobject', params: {recordId: id}});
  }
}
"""


def test_a_constant_or_member_read_in_a_branch_that_never_ran_is_dropped_as_the_call_beside_it(tmp_path):
    """The constants and member reads in a branch that never ran are removed with it, as the call there is: their
    rows say drop with the same reason (scan's JSON; convert's report.html, which lists the member reads). Before,
    they kept their member's disposition (review, invalid) while the call beside them was drop."""
    uses, rows = _scan_and_convert(tmp_path, "pop.js", NEVER_RAN_REFERENCES)
    found = {(u["line"], u["api"], u["kind"]): (u["disposition"], u["certainty"], u["rationale"])
             for f in json.loads((tmp_path / "inventory.json").read_text())["files"] for u in f["uses"]}
    reason = ("is in the branch of `if (false)` that never ran: its test is a constant, so the legacy code never ran "
              "this branch (nothing to convert)")
    assert found == {
        (3, "sforce.opencti.SCREENPOP_TYPE.URL", "constant"): ("drop", "exact", f"The constant {reason}"),
        (4, "sforce.opencti.SEARCH_PARAMS", "reference"): ("drop", "exact", f"The reference {reason}"),
        (5, "sforce.opencti.screenPop", "call"): ("drop", "exact", f"The call {reason}"),
        (5, "sforce.opencti.SCREENPOP_TYPE.SOBJECT", "constant"): ("drop", "exact", f"The constant {reason}")}, found
    assert (rows[5]["safety"], rows[5]["left_out"]) == ("drop", "dead-code")
    html = (tmp_path / "out" / "report.html").read_text()
    row = re.search(r'<tr data-safety="(\w+)"[^>]*data-kind="reference"><td>4</td>.*?</tr>', html).group(0)
    assert 'data-safety="drop"' in row and ">dead code</span>" in row, row
    assert "<td>removed: the legacy code never ran it (dead code)</td>" in row, row


FEATURE_CHECK_REFERENCES = """\
function pop(url) {
  if (sforce.interaction) {
    sforce.interaction.screenPop(url, true, function (r) { log(r); });
    log(sforce.interaction.SCREENPOP_TYPE);
  } else {
    sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.URL, params: {url: url}});
  }
}
sforce.opencti.onClickToDial({listener: function (payload) { pop(payload.number); }});
"""


def test_a_member_read_in_a_feature_check_branch_convert_removes_is_left_out_as_the_call_beside_it(tmp_path):
    """A Lightning conversion removes the Classic branch of `if (sforce.interaction)`: the member read there
    (sforce.interaction.SCREENPOP_TYPE, an invalid reference) is removed with the call beside it, and its row in
    report.html says so (the feature-check badge, convert's reason and summary), not scan's rating (invalid).
    MIGRATION.md and migration.json list calls only: they count the call as left out and have no row for the read."""
    uses, rows = _scan_and_convert(tmp_path, "pop.js", FEATURE_CHECK_REFERENCES)
    assert (rows[3]["safety"], rows[3]["left_out"]) == ("drop", "feature-check")
    assert uses[4]["kind"] == "reference" and 4 not in rows
    html = (tmp_path / "out" / "report.html").read_text()
    row = re.search(r'<tr data-safety="(\w+)"[^>]*data-kind="reference"><td>4</td>.*?</tr>', html).group(0)
    call = re.search(r'<tr data-safety="(\w+)"[^>]*data-kind="call"><td>3</td>.*?</tr>', html).group(0)
    badge = re.compile(r'<span class="badge drop" title="[^"]*">feature check</span>')
    assert 'data-safety="drop"' in row and badge.search(row) and badge.search(call), row
    became = f"<td>{rows[3]['summary'].replace(chr(39), '&#39;')}</td>"
    assert became in row and became in call, row
    assert "invalid" not in row
    plan = json.loads((tmp_path / "out" / "migration.json").read_text())
    assert plan["summary"]["by_safety"]["invalid"] == 0 and plan["summary"]["left_out"] == {"feature-check": 1}
    assert "SCREENPOP_TYPE`" not in (tmp_path / "out" / "MIGRATION.md").read_text()


NAVIGATION = """\
sforce.opencti.onNavigationChange({listener: function (payload) { log(payload.url, payload.recordId); }});
sforce.opencti.onNavigationChange({listener: function (payload) { log(payload.recordId); }});
function onNav({ recordName, objectType }) { log(recordName, objectType); }
sforce.opencti.onNavigationChange({listener: onNav});
"""


def test_a_navigation_listener_reading_what_voice_lacks_is_manual_in_scan_as_in_convert(tmp_path):
    uses, rows = _scan_and_convert(tmp_path, "nav.js", NAVIGATION)
    for line, field in ((1, "url"), (4, "recordName")):
        assert (uses[line]["disposition"], uses[line]["certainty"]) == ("manual", "exact")
        assert (rows[line]["safety"], rows[line]["status"]) == ("manual", "not-converted")
        assert uses[line]["rationale"] == rows[line]["todo"]
        assert f"The listener reads `{field}` of the navigation payload" in uses[line]["rationale"]
    # a listener reading only what a page reference gives is registered: review, a ceiling
    assert (uses[2]["disposition"], uses[2]["certainty"]) == ("review", "at-most")
    assert rows[2]["safety"] == "review"


APP_VIEW = """\
sforce.opencti.getAppViewInfo({callback: function (response) { log(response.returnValue.url); }});
sforce.opencti.getAppViewInfo({callback: function (response) {
  var info = response.success ? response.returnValue : null;
  if (response.success) { log(info.recordName, info.recordId); }
}});
sforce.opencti.getAppViewInfo({callback: function (response) {
  if (response.success) { log(response.returnValue.recordId, response.returnValue.objectType); }
}});
"""


def test_a_page_info_callback_reading_what_voice_lacks_is_manual_as_a_navigation_listener_is(tmp_path):
    """getAppViewInfo's result has the fields onNavigationChange's payload has (the reference: "same fields"), and
    the page reference the LWC answers from gives recordId and objectType only. A callback reading url or
    recordName is not converted (manual), in scan as in convert, as a listener reading them is not registered;
    before, convert called it with those fields undefined (review) while the listener was manual. The callback
    that checks `success` gets Open CTI's failure response instead."""
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "view.js").write_text(APP_VIEW)
    assert run_cli("scan", ".", "-o", str(tmp_path / "inventory.json"), cwd=adapter).returncode == 0
    assert run_cli("convert", str(adapter), "-o", str(tmp_path / "out"), "--no-diffs").returncode == 0
    uses = {u["line"]: u for f in json.loads((tmp_path / "inventory.json").read_text())["files"] for u in f["uses"]}
    rows = {r["line"]: r for r in json.loads((tmp_path / "out" / "migration.json").read_text())["conversions"]}
    for line, field in ((1, "url"), (2, "recordName")):
        assert (uses[line]["disposition"], uses[line]["certainty"]) == ("manual", "exact")
        assert (rows[line]["safety"], rows[line]["status"]) == ("manual", "not-converted")
        assert uses[line]["rationale"] == rows[line]["todo"]
        assert f"The callback reads `{field}` of getAppViewInfo's returnValue" in rows[line]["todo"]
    assert (uses[6]["disposition"], uses[6]["certainty"]) == ("review", "at-most") and rows[6]["safety"] == "review"
    lwc = next((tmp_path / "out").rglob("lwc/*/*.js")).read_text()
    assert lwc.count("ctimodRespond(Promise.resolve(this.ctimodAppViewInfo(false))") == 1  # line 6 only
    assert "// TODO(ctimod): the callback reads `url` of getAppViewInfo's returnValue" in lwc  # never called
    assert "ctimodRespond(Promise.reject(new Error(\"ctimod TODO: the callback reads `recordName`" in lwc  # failure


REASSIGNED = """\
var cti = sforce.opencti;
cti ||= window.fallback;
cti.refreshView();
[cti] = pair;
cti.refreshView();
var api = sforce.opencti;
api++;
api.refreshView();
var later = null;
later ??= sforce.opencti;
later.refreshView();
"""


def test_an_alias_destructured_updated_or_compound_assigned_agrees_in_scan_and_convert(tmp_path):
    # `cti ||= x` keeps the API (line 3); after `[cti] = pair` (line 5) and `api++` (line 8) the alias
    # holds no API: neither scan nor convert has a row there; `later ??= sforce.opencti` gives it (line 11).
    uses, rows = _scan_and_convert(tmp_path, "softphone.js", REASSIGNED)
    assert sorted(line for line, u in uses.items() if u["kind"] == "call") == [3, 11]
    assert sorted(rows) == [3, 11]
    assert uses[3]["api"] == uses[11]["api"] == "sforce.opencti.refreshView"


MEMBER_REASSIGNED = """\
function Phone() {
  this.cti = sforce.opencti;
  this.cti.refreshView();
  this.cti = null;
  this.cti.refreshView();
  this.cti = sforce.opencti;
  this.cti.refreshView();
}
sforce.opencti.onClickToDial({listener: function (payload) { new Phone(); }});
"""


def test_a_member_of_this_given_null_agrees_in_scan_and_convert(tmp_path):
    # After `this.cti = null` (line 4) the call on line 5 is no use in scan and has no row in convert; the API
    # given again (line 6) reaches line 7.
    uses, rows = _scan_and_convert(tmp_path, "softphone.js", MEMBER_REASSIGNED)
    assert sorted(line for line, u in uses.items() if u["kind"] == "call") == sorted(rows) == [3, 7, 9]


MEMBER_UPDATED = """\
function Phone() {
  this.cti = sforce.opencti;
  delete this.cti;
  this.cti.refreshView();
  this.cti = sforce.opencti;
  this.cti += '';
  this.cti.refreshView();
  this.cti = sforce.opencti;
  this.cti++;
  this.cti.refreshView();
  this.cti = sforce.opencti;
  this.cti ||= other;
  this.cti.refreshView();
  this.cti &&= [other, sforce.opencti][i];
  this.cti.refreshView();
}
sforce.opencti.onClickToDial({listener: function (payload) { new Phone(); }});
"""


def test_a_member_of_this_deleted_updated_or_compound_assigned_agrees_in_scan_and_convert(tmp_path):
    # After `delete this.cti` (line 3), `this.cti += ''` (line 6) and `this.cti++` (line 9) the member holds no API,
    # as a variable after `cti += ''`: neither scan nor convert has a row for the calls after them. `||= other`
    # keeps the API (line 13); `&&=` a read of a literal the finder does not follow may give it (line 15).
    uses, rows = _scan_and_convert(tmp_path, "softphone.js", MEMBER_UPDATED)
    assert sorted(line for line, u in uses.items() if u["kind"] == "call") == sorted(rows) == [13, 15, 17]


LITERAL_READS = """\
var cti = sforce.opencti;
cti = [sforce.opencti][0];
cti.refreshView();
var api = null;
api = ({open: sforce.opencti}).open;
api.refreshView();
var other = sforce.opencti;
other = [sforce.opencti, null][i];
other.refreshView();
"""


def test_an_alias_given_a_read_of_a_literal_holding_the_api_agrees_in_scan_and_convert(tmp_path):
    # The read gives the alias the API (lines 3 and 6); one the finder does not follow (a dynamic index) leaves
    # it the API it held (line 9): scan and convert have the same rows.
    uses, rows = _scan_and_convert(tmp_path, "softphone.js", LITERAL_READS)
    assert sorted(line for line, u in uses.items() if u["kind"] == "call") == sorted(rows) == [3, 6, 9]
    assert {uses[line]["api"] for line in rows} == {rows[line]["api"] for line in rows} == {"sforce.opencti.refreshView"}


STRING_KEYS = """\
var holder = {api: sforce.opencti};
holder['api'].refreshView();
var k = sforce[`opencti`];
k.refreshView();
function Phone() {
  this['cti'] = sforce.opencti;
  this.cti.refreshView();
  this['cti'] = null;
  this['cti'].refreshView();
  this.cti = sforce.opencti;
  this['cti'].refreshView();
}
var other = {'api key': sforce.opencti, api: null};
other['api key'].refreshView();
other['api\\x20'].refreshView();
other[key].refreshView();
sforce.opencti.onClickToDial({listener: function (payload) { new Phone(); }});
"""


def test_a_member_read_or_written_with_a_string_key_agrees_in_scan_and_convert(tmp_path):
    # `holder['api']`, sforce[`opencti`], `this['cti'] = ...` and `this['cti']` are followed as `holder.api`,
    # sforce.opencti and `this.cti` are (scan found none of lines 2, 4, 7, 11 and 14 before); `this['cti'] = null`
    # ends the member's API as `this.cti = null` does (line 9). A key with an escape sequence or a computed key is
    # not followed (lines 15, 16).
    uses, rows = _scan_and_convert(tmp_path, "softphone.js", STRING_KEYS)
    assert sorted(line for line, u in uses.items() if u["kind"] == "call") == sorted(rows) == [2, 4, 7, 11, 14, 17]


GETTERS = """\
var holder = { get api() { return sforce.opencti; }, api2() { return sforce.opencti; } };
holder.api.refreshView();
holder.api2().refreshView();
class Phone {
  get cti() { return window.sforce.opencti; }
  go() { this.cti.refreshView(); }
}
sforce.opencti.onClickToDial({listener: function (payload) { new Phone().go(); }});
"""


def test_a_getter_returning_the_api_agrees_in_scan_and_convert(tmp_path):
    # A getter's member is the API itself (`holder.api`, `this.cti`: lines 2 and 6; scan found neither before), a
    # method's is a function returning it (`holder.api2()`, line 3).
    uses, rows = _scan_and_convert(tmp_path, "softphone.js", GETTERS)
    assert sorted(line for line, u in uses.items() if u["kind"] == "call") == sorted(rows) == [2, 3, 6, 8]


NUMBER_KEYS = """\
var a = [null, sforce.opencti][1.0];
a.refreshView();
var c = [null, sforce.opencti][0x1];
c.refreshView();
var d = [null, sforce.opencti][1.5];
d.refreshView();
"""


def test_a_literal_read_by_a_number_written_another_way_agrees_in_scan_and_convert(tmp_path):
    # `[1.0]` and `[0x1]` read element 1, as JavaScript reads them (scan found neither before); `[1.5]` reads nothing.
    uses, rows = _scan_and_convert(tmp_path, "softphone.js", NUMBER_KEYS)
    assert sorted(line for line, u in uses.items() if u["kind"] == "call") == sorted(rows) == [2, 4]


def test_a_scanned_file_read_as_convert_reads_it_leaves_no_tree_behind(tmp_path):
    """Scan reads a file as convert does for some checks (a page-info callback passed by name, an if on a
    constant): the declarations it looked up were cached with their nodes, which keep the whole tree alive, and
    the cache outlived the file, so a worker kept every tree it scanned (the call-dense bench corpus, where each
    file calls getAppViewInfo: 65 -> 305 MB). After each file nothing is left in those caches."""
    from ctimod import legacy
    from ctimod.discover import Candidate
    from ctimod.scan import analyse

    path = tmp_path / "phone.js"
    path.write_text("function onInfo(response) { console.log(response.returnValue.recordId); }\n"
                    "if (false) { sforce.opencti.refreshView(); }\n"
                    "sforce.opencti.getAppViewInfo({callback: onInfo});\n", encoding="utf-8")
    report = analyse(Candidate(str(path), "phone.js", explicit=True))
    assert [(u.api, u.disposition) for u in report.uses if u.kind == "call"] == [
        ("sforce.opencti.refreshView", "drop"), ("sforce.opencti.getAppViewInfo", "review")]
    assert legacy._SCOPES == {} and legacy._FINGERS == {} and legacy._KINDS == {}


def test_a_page_info_result_read_through_a_default_is_still_read(tmp_path):
    """`var info = response.returnValue || {}` (or `?? {}`) holds the returnValue as `var info = response.returnValue`
    does: a callback reading `info.url` then is manual in scan and convert (before: review, and convert called it
    with url undefined). A comparison of the returnValue holds a boolean, not the result: nothing read through it."""
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "view.js").write_text(
        "sforce.opencti.getAppViewInfo({callback: function (response) {\n"
        "  var info = response.returnValue || {};\n  console.log(info.url);\n}});\n"
        "sforce.opencti.getAppViewInfo({callback: function (response) {\n"
        "  var info = response.returnValue ?? {};\n  console.log(info.recordName);\n}});\n"
        "sforce.opencti.getAppViewInfo({callback: function (response) {\n"
        "  var info = response.returnValue === null;\n  console.log(info.url, response.returnValue.recordId);\n}});\n")
    assert run_cli("scan", ".", "-o", str(tmp_path / "inventory.json"), cwd=adapter).returncode == 0
    assert run_cli("convert", str(adapter), "-o", str(tmp_path / "out"), "--no-diffs").returncode == 0
    uses = {u["line"]: u for f in json.loads((tmp_path / "inventory.json").read_text())["files"] for u in f["uses"]}
    rows = {r["line"]: r for r in json.loads((tmp_path / "out" / "migration.json").read_text())["conversions"]}
    for line, field in ((1, "url"), (5, "recordName")):
        assert (uses[line]["disposition"], rows[line]["safety"], rows[line]["status"]) == ("manual", "manual",
                                                                                           "not-converted")
        assert f"The callback reads `{field}` of getAppViewInfo's returnValue" in rows[line]["todo"]
    assert (uses[9]["disposition"], rows[9]["safety"]) == ("review", "review")
