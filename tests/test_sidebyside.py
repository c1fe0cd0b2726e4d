"""Side-by-side diffs of minified code: a window around the call, lines bounded before difflib sees them."""

from __future__ import annotations

import pytest

from ctimod.convert import ConvertOptions, bundle_files, convert
from ctimod.report.sidebyside import MAX_CELL, SideBySide, cut_line, to_html


def _minified_adapter(folder, functions: int = 700) -> None:
    """One line of about 60 KB: the shape of an adapter shipped as a production bundle."""
    parts = ['!function(){"use strict";var o=window.sforce.opencti,c={};']
    for i in range(functions):
        if i % 50 == 0:
            parts.append(f"function p{i}(e){{o.screenPop({{type:o.SCREENPOP_TYPE.SOBJECT,params:{{recordId:e.id}},"
                         f"callback:function(r){{c.r{i}=r.success}}}})}}")
        else:
            parts.append(f"function f{i}(a,b){{var i=0,n=a.length;for(;i<n;i++)if(a[i]===b)return i;return-1}}")
    parts.append("o.notifyInitializationComplete()}();\n")
    (folder / "softphone.min.js").write_text("".join(parts), "utf-8")


def test_a_minified_bundle_gets_windows_around_each_call_not_the_whole_line(tmp_path):
    adapter = tmp_path / "minified"
    adapter.mkdir()
    _minified_adapter(adapter)
    line = (adapter / "softphone.min.js").read_text("utf-8")
    assert len(line) > 50_000
    result = convert([str(adapter)], ConvertOptions())
    pops = [diff for conversion, diff in result.diffs if conversion.use.api == "sforce.opencti.screenPop"]
    assert len(pops) == 14
    for diff in pops:
        # The legacy side is the call with a little context, marked as cut on both ends.
        assert len(diff.legacy) == 1 and diff.legacy[0].startswith("…") and diff.legacy[0].endswith("…")
        assert "o.screenPop({type:o.SCREENPOP_TYPE.SOBJECT" in diff.legacy[0]
        assert len(diff.legacy[0]) < 600
        assert all(len(text) <= MAX_CELL + 40 for text in diff.legacy + diff.generated)
        assert "NavigationMixin.Navigate" in "".join(diff.generated)
    report = next(f.content for f in bundle_files(result) if f.path == "report.html")
    assert "o.screenPop" in report


def test_long_lines_are_cut_before_diffing_with_a_note_of_what_was_cut():
    long = "x" * 50_000
    diff = SideBySide("t", "a.js:1", "b.js", [long], [long + "y"])
    assert diff.legacy == [cut_line(long)] and diff.legacy[0].endswith("… (49,000 more characters)")
    html = to_html(diff)
    assert "more&nbsp;characters" in html and len(html) < 20_000


def test_short_lines_are_left_alone():
    assert cut_line("sforce.opencti.refreshView();") == "sforce.opencti.refreshView();"


def test_a_listener_registration_that_stays_behind_is_not_shown_as_generated_code(tmp_path):
    # Only the listener moved into the connector's dial(): the registration and the lines around it are in no
    # generated file. Before, the generated side showed them (with the call replaced by a comment) under
    # "connector/src/connector.js: dial()", as if dial() held onLoggedIn(...) and refreshStatus().
    adapter = tmp_path / "acme"
    adapter.mkdir()
    (adapter / "phone.js").write_text("""function start(vendor) {
  refreshStatus();
  sforce.opencti.onClickToDial({ listener: function (payload) { vendor.call(payload.number); } });
  onLoggedIn(function () { refreshStatus(); });
}
""", "utf-8")
    result = convert([str(adapter)], ConvertOptions())
    diff = next(d for c, d in result.diffs if c.use.api == "sforce.opencti.onClickToDial")
    assert diff.generated_label == "connector/src/connector.js: dial()"
    assert diff.generated == ["(this call is not in the bundle: listener moved into the connector's dial(contact))"]
    assert "  onLoggedIn(function () { refreshStatus(); });" in diff.legacy
    connector = next(f.content for f in bundle_files(result) if f.path == "connector/src/connector.js")
    assert "vendor.call(contact.phoneNumber)" in connector and "onLoggedIn(" not in connector


def test_the_lines_around_a_moved_function_that_the_bundle_does_not_hold_are_in_neither_column(tmp_path):
    # showPanel() moved into the component: the end of the function before it and the comment after it are in no
    # generated file. Before, both columns showed them, the generated one as if the component held them.
    adapter = tmp_path / "acme"
    adapter.mkdir()
    (adapter / "phone.js").write_text("""function status(text) {
    document.title = text;
}

function showPanel(args) {
    sforce.opencti.setSoftphonePanelVisibility(args);
}

// ------------------------------------------------------------ settings
""", "utf-8")
    result = convert([str(adapter)], ConvertOptions())
    diff = next(d for c, d in result.diffs if c.use.api == "sforce.opencti.setSoftphonePanelVisibility")
    assert diff.legacy == ["function showPanel(args) {", "    sforce.opencti.setSoftphonePanelVisibility(args);", "}"]
    assert diff.generated[0] == "showPanel(args) {" and diff.generated[-1] == "}" and len(diff.generated) == 3
    assert diff.first_line == 5


def _convert_phone(tmp_path, code: str):
    """Convert an adapter folder holding one phone.js of ``code``."""
    adapter = tmp_path / "acme"
    adapter.mkdir()
    (adapter / "phone.js").write_text(code, "utf-8")
    return convert([str(adapter)], ConvertOptions())


def _generated_file(result, diff) -> str:
    return next(f.content for f in bundle_files(result) if f.path == diff.generated_label.split(": ")[0])


def test_the_generated_column_shows_the_header_the_bundle_writes_not_the_legacy_one(tmp_path):
    # A moved function becomes a component method (`popRecord(recordId) {`), a click-to-dial listener the body of
    # dial()'s `const ctimodListener = async () => {`, a settings callback init()'s `const settingsCallback1 = ...`;
    # before, the generated column showed the legacy header (`function popRecord(recordId) {`, `listener: function
    # (payload) {`), a line no generated file holds, and code on that line outside the moved function (`var pop = `).
    result = _convert_phone(tmp_path, """var pop = function popRecord(recordId) {
    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: { recordId: recordId } });
};
function start(vendor) {
    sforce.opencti.getCallCenterSettings({ callback: function (response) {
        vendor.configure(response.returnValue);
        sforce.opencti.setSoftphonePanelLabel({ label: 'Ready' });
    } });
    sforce.opencti.onClickToDial({ listener: function (payload) {
        vendor.call(payload.number);
        sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    } });
}
""")
    diffs = {c.use.api: d for c, d in result.diffs}
    pop = diffs["sforce.opencti.screenPop"]
    assert pop.legacy[0] == "var pop = function popRecord(recordId) {"
    assert pop.generated[0] == "popRecord(recordId) {"
    listener = diffs["sforce.opencti.setSoftphonePanelVisibility"]
    assert listener.generated_label == "connector/src/connector.js: dial()"
    assert listener.generated[0] == "const ctimodListener = async () => {"
    settings = diffs["sforce.opencti.setSoftphonePanelLabel"]
    assert settings.generated_label == "connector/src/connector.js: init()"
    assert settings.generated[0] == "const settingsCallback1 = function (response) {"
    for diff in (pop, listener, settings):
        held = _generated_file(result, diff)
        assert all(line.strip() in held for line in diff.generated), (diff.generated, held)


def test_code_whose_conversion_failed_is_not_shown_as_generated(tmp_path):
    # The component holds a stub that throws for a function with a syntax error; before, the generated column
    # showed the code ctimod rendered for it and then discarded.
    result = _convert_phone(tmp_path, """function popRecord(recordId) {
    var target = { recordId: recordId, };;
    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: target });
    if (target.recordId) { log('popped' }
}
""")
    (conversion, diff), = [(c, d) for c, d in result.diffs if c.use.api == "sforce.opencti.screenPop"]
    assert conversion.status == "failed"
    assert diff.generated == [f"(not generated: {conversion.todo})"]
    assert "has syntax errors" in conversion.todo and "this[NavigationMixin.Navigate]" not in _generated_file(result, diff)


@pytest.mark.parametrize("code, generated, inner, method", [
    ("sforce.opencti.onClickToDial({ listener: function (payload) {\n    vendor.call(payload.number;\n"
     "    sforce.opencti.setSoftphonePanelVisibility({ visible: true });\n} });\n",
     "ctimodListener", "sforce.opencti.setSoftphonePanelVisibility", "dial()"),
    ("sforce.opencti.getCallCenterSettings({ callback: function (response) {\n    vendor.configure(response.returnValue;\n"
     "    sforce.opencti.setSoftphonePanelLabel({ label: 'Ready' });\n} });\n",
     "settingsCallback1", "sforce.opencti.setSoftphonePanelLabel", "init()"),
])
def test_a_handler_that_could_not_move_into_the_connector_is_not_shown_as_its_code(tmp_path, code, generated, inner,
                                                                                  method):
    # The click-to-dial listener (the settings callback) has a syntax error: dial() (init()) holds a stub, none of
    # it. Before, the side-by-side of the call inside it showed `const ctimodListener = async () => {` (`const
    # settingsCallback1 = ...`) and its rendered lines, and that call's row read converted, in dial().
    result = _convert_phone(tmp_path, code)
    connector = next(f.content for f in bundle_files(result) if f.path == "connector/src/connector.js")
    assert generated not in connector
    legacy = code.split("\n")[1].strip().split("(")[0]  # vendor.call / vendor.configure
    for _, diff in result.diffs:
        assert not any(generated in line or legacy + "(" in line for line in diff.generated), diff.generated
    # The call inside the handler moved with it: its row fails with it.
    inner = next(c for c in result.conversions if c.use.api == inner)
    assert inner.status == "failed" and f"could not move it into {method}" in inner.todo
