"""Files whose name does not say what they hold are read by content (issue 15, item 2): every file
that mentions the API is analysed, or listed with why it was not."""

from __future__ import annotations

CALL_CENTER = """<?xml version="1.0" encoding="UTF-8"?>
<callCenter>
  <section sortOrder="0" name="reqGeneralInfo" label="General Information">
    <item sortOrder="0" name="reqInternalName" label="InternalName">BrightlineCti</item>
    <item sortOrder="1" name="reqDisplayName" label="Display Name">Brightline CTI</item>
    <item sortOrder="2" name="reqAdapterUrl" label="CTI Adapter URL">/apex/BrightlinePhone</item>
    <item sortOrder="3" name="reqUseApi" label="Use CTI API">true</item>
    <item sortOrder="4" name="reqSoftphoneHeight" label="Softphone Height">400</item>
    <item sortOrder="5" name="reqSoftphoneWidth" label="Softphone Width">300</item>
    <item sortOrder="6" name="reqSalesforceCompatibilityMode" label="Salesforce Compatibility Mode">Lightning</item>
  </section>
</callCenter>
"""
BARE_SCRIPT = """function receiveMessage(event) {
    if (event.data.type === 'rc-call-ring-notify') {
        sforce.opencti.setSoftphonePanelVisibility({ visible: true });
    }
}
window.addEventListener('message', receiveMessage);
"""


def _files(result):
    return {f.path: f for f in result.files}


def _calls(report):
    return [(u.line, u.api, u.status) for u in report.uses if u.kind == "call"]


def test_a_page_extension_holding_bare_javascript_is_analysed_as_javascript(scan_tree):
    files = _files(scan_tree({"RCPhone.vfp": BARE_SCRIPT, "Phone.page": BARE_SCRIPT}))
    for name in ("RCPhone.vfp", "Phone.page"):
        report = files[name]
        assert (report.language, report.status) == ("javascript", "analysed")
        assert [d.code for d in report.diagnostics] == ["bare-script"]
        assert _calls(report) == [(3, "sforce.opencti.setSoftphonePanelVisibility", "parsed")]


def test_a_page_extension_holding_a_javascript_fragment_is_analysed_and_its_calls_recovered(scan_tree):
    fragment = ("else if (event.data.type === 'rc-call-end-notify') {\n"
                "    sforce.opencti.saveLog({ value: { entityApiName: 'Task' }, callback: done });\n"
                "}\n")
    report = _files(scan_tree({"RCPhone.vfp": fragment}))["RCPhone.vfp"]
    assert report.language == "javascript" and report.status == "partial"
    assert [u.api for u in report.calls] == ["sforce.opencti.saveLog"] and report.calls[0].line == 2


def test_call_center_xml_is_read_under_any_name(scan_tree):
    files = _files(scan_tree({"callCenters/OpenCTI.callCenter2": CALL_CENTER,
                              "callCenters/brightline-definition.txt": CALL_CENTER,
                              "callCenters/BrightlineCti": CALL_CENTER}))
    for name in ("callCenters/OpenCTI.callCenter2", "callCenters/brightline-definition.txt",
                 "callCenters/BrightlineCti"):
        report = files[name]
        assert (report.language, report.status) == ("callcenter", "analysed"), name
        assert report.call_center.internal_name == "BrightlineCti"
        assert report.call_center.compatibility_mode == "Lightning"


def test_script_like_text_outside_script_tags_is_reported_but_not_prose_or_code_samples(scan_tree):
    snippet = ('<div id="phone"></div>\n'
               "sforce.opencti.enableClickToDial({ callback: function () {} });\n"
               "<apex:outputPanel>\n"
               "sforce.opencti.refreshView();\n"
               "</apex:outputPanel>\n"
               "<p>Call sforce.opencti.screenPop() to pop a record.</p>\n"
               "<pre>sforce.opencti.saveLog({})</pre>\n"
               "<script>sforce.opencti.notifyInitializationComplete();</script>\n")
    report = _files(scan_tree({"snippet.html": snippet}))["snippet.html"]
    assert _calls(report) == [(2, "sforce.opencti.enableClickToDial", "recovered"),
                              (4, "sforce.opencti.refreshView", "recovered"),
                              (8, "sforce.opencti.notifyInitializationComplete", "parsed")]
    loose = [u for u in report.uses if u.status == "recovered"]
    assert all(u.disposition == "manual" and u.rationale.startswith("Found in page text outside <script>")
               for u in loose)
    assert any(d.code == "recovered-uses" for d in report.diagnostics)
    # The prose and the code sample are not uses, and the file says it mentions the API there.
    (prose,) = [d for d in report.diagnostics if d.code == "page-text"]
    assert (prose.severity, prose.line) == ("info", 6)
    assert prose.message.startswith("2 mention(s) of sforce.opencti/interaction in page text on line(s) 6, 7: ")


def test_a_page_mentioning_the_api_only_in_text_a_browser_never_runs_says_so(scan_tree):
    page = ('<html><body>\n<div>Use sforce.opencti.screenPop() to open a record.</div>\n'
            '<script type="text/x-template">sforce.interaction.getPageInfo(cb);</script>\n'
            '<!-- sforce.opencti.refreshView(); -->\n<a title="sforce.opencti.refreshView()" href="#">x</a>\n'
            '<script>var notes = 1;</script>\n</body></html>\n')
    report = _files(scan_tree({"help.html": page}))["help.html"]
    assert (report.status, report.uses, report.unanalysed_mentions) == ("no-open-cti", [], 0)
    (prose,) = report.diagnostics
    assert (prose.code, prose.line, prose.column) == ("page-text", 2, 10)
    assert prose.message == (
        "3 mention(s) of sforce.opencti/interaction in page text on line(s) 2, 3, 5: text a browser never runs as "
        "JavaScript (outside <script>, or in a <script> of another type such as a template), so it is not analysed")


def test_a_page_template_with_an_unknown_extension_is_read_as_a_page(scan_tree):
    jsp = ('<%@ page contentType="text/html" %>\n<html><body>\n'
           "<script>sforce.interaction.screenPop('/' + id, true);</script>\n</body></html>\n")
    report = _files(scan_tree({"softphone.jsp": jsp}))["softphone.jsp"]
    assert report.language == "page"
    assert _calls(report) == [(3, "sforce.interaction.screenPop", "parsed")]


def test_files_that_are_not_code_are_listed_with_why_only_when_they_mention_the_api(scan_tree):
    files = _files(scan_tree({
        "README.md": "Call `sforce.opencti.screenPop({type: 'url'})` to pop.\nAnd sforce.interaction.setVisible.\n",
        "docs/notes.md": "Nothing about the API here.\n",
        "LICENSE": "Apache License 2.0\n",
        "settings.json": '{"api": "sforce.opencti"}\n',
        "logo.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "blob.dat": bytes(range(256)) * 40,
        "adapter.js": "sforce.opencti.refreshView();\n",
    }))
    assert sorted(files) == ["README.md", "adapter.js", "settings.json"]
    readme = files["README.md"]
    assert (readme.status, readme.unanalysed_mentions) == ("skipped", 0)  # not code: not "unanalysed code"
    (why,) = readme.diagnostics
    assert why.code == "not-source" and why.message == (
        "not a script, page or call center definition (Markdown); it mentions sforce.opencti/interaction "
        "2 time(s); not analysed")
    assert [d.code for d in files["settings.json"].diagnostics] == ["not-source"]


def test_every_file_that_mentions_the_api_is_analysed_or_listed_with_why(scan_tree):
    call = "sforce.opencti.refreshView();\n"
    names = {"a.js": call, "b.vfp": call, "c.page": f"<apex:page><script>{call}</script></apex:page>",
             "d.callCenter2": CALL_CENTER.replace("Lightning", "Lightning<!-- sforce.opencti -->"),
             "e.txt": call, "f": call, "g.es6": call, "h.md": call, "i.cls": f"// {call}",
             "j.coffee": call, "k.resource": call, "l.jsp": f"<script>{call}</script>"}
    files = _files(scan_tree(names))
    assert sorted(files) == sorted(names)
    for name, report in files.items():
        analysed = report.status in ("analysed", "partial") and (report.uses or report.call_center)
        explained = report.status in ("skipped", "unsupported") and report.diagnostics and (
            report.unanalysed_mentions or report.diagnostics[0].code == "not-source")
        assert analysed or explained, (name, report.status, report.diagnostics)


def test_scan_and_convert_through_the_cli_use_a_bare_script_page_and_a_call_center_under_any_name(tmp_path):
    """What a user runs: the page's calls are converted into the LWC, the definition becomes a contact center."""
    import json

    from .conftest import run_cli

    adapter = tmp_path / "rc-adapter"
    (adapter / "callCenters").mkdir(parents=True)
    (adapter / "RCPhone.vfp").write_text(
        BARE_SCRIPT + "function pop(id) {\n"
        "    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: { recordId: id } });\n"
        "}\n", encoding="utf-8")
    (adapter / "callCenters" / "OpenCTI.callCenter2").write_text(CALL_CENTER, encoding="utf-8")
    (adapter / "README.md").write_text("Pops records with sforce.opencti.screenPop.\n", encoding="utf-8")
    scanned = run_cli("scan", str(adapter), "--format", "json")
    assert scanned.returncode == 0, scanned.stderr
    files = {f["path"].rsplit("rc-adapter/", 1)[-1]: f for f in json.loads(scanned.stdout)["files"]}
    assert files["RCPhone.vfp"]["language"] == "javascript"
    assert [(u["line"], u["api"]) for u in files["RCPhone.vfp"]["uses"] if u["kind"] == "call"] == [
        (3, "sforce.opencti.setSoftphonePanelVisibility"), (8, "sforce.opencti.screenPop")]
    assert files["callCenters/OpenCTI.callCenter2"]["language"] == "callcenter"
    assert files["README.md"]["status"] == "skipped"  # listed with why; not part of the adapter below

    out = tmp_path / "out"
    converted = run_cli("convert", str(adapter), "-o", str(out))
    assert converted.returncode == 0, converted.stderr
    migration = json.loads((out / "migration.json").read_text(encoding="utf-8"))
    # (converted into the LWC; unwired: nothing there calls receiveMessage() or pop() yet)
    assert [(c["file"], c["line"], c["status"]) for c in migration["conversions"]] == [
        ("RCPhone.vfp", 3, "unwired"), ("RCPhone.vfp", 8, "unwired")]
    assert migration["inputs"] == ["RCPhone.vfp", "callCenters/OpenCTI.callCenter2"]
    assert migration["contact_center"]["source"] == "callCenters/OpenCTI.callCenter2"
    lwc = (out / "force-app/main/default/lwc/rcAdapter/rcAdapter.js").read_text(encoding="utf-8")
    assert "standard__recordPage" in lwc and "sforce." not in lwc
    (center,) = (out / "contact-center").glob("*.xml")
    assert "BrightlineCti" in center.read_text(encoding="utf-8")


def test_a_framework_binding_that_calls_the_api_is_code_not_analysed_and_style_text_is_page_text(scan_tree):
    # Knockout's data-bind, AngularJS's ng-click and Vue's @click hold code a framework runs: the mentions are
    # counted as not analysed (a warning naming the lines, status partial), not as text a browser never runs.
    # A mention in a <style> was silent.
    page = ('<html><body>\n'
            '<button data-bind="click: function () { sforce.opencti.screenPop({type: \'url\'}); }">Pop</button>\n'
            '<button ng-click="sforce.opencti.refreshView()">x</button><a @click="sforce.opencti.refreshView()">y</a>\n'
            '<style>/* sforce.opencti.refreshView() */</style>\n'
            '</body></html>\n')
    report = _files(scan_tree({"bound.html": page}))["bound.html"]
    assert (report.status, report.uses, report.unanalysed_mentions) == ("partial", [], 3)
    codes = {d.code: d for d in report.diagnostics}
    assert sorted(codes) == ["framework-binding", "page-text"]
    assert (codes["framework-binding"].severity, codes["framework-binding"].line) == ("warning", 2)
    assert codes["framework-binding"].message.startswith(
        "3 mention(s) of sforce.opencti/interaction in framework binding attributes (data-bind, ng-click, @click...) "
        "on line(s) 2, 3: code a framework runs, which ctimod does not analyse")
    assert codes["page-text"].message.startswith("1 mention(s) of sforce.opencti/interaction in page text on line(s) 4:")
