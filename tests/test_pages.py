"""JavaScript inside pages: Visualforce, HTML, ERB, Jinja, Aura markup."""

from __future__ import annotations

import json

from .conftest import run_cli


def _page(scan_tree, name, text):
    result = scan_tree({name: text})
    (report,) = [f for f in result.files if f.path == name]
    return report


def test_visualforce_merge_fields_do_not_break_parsing_and_positions_are_in_the_file(scan_tree):
    report = _page(scan_tree, "Phone.page", """<apex:page controller="PhoneController">
  <apex:includeScript value="/support/api/29.0/interaction.js"/>
  <script type="text/javascript">
    var maxLines = {!maxLines};
    var user = '{!$User.Id}';
    sforce.interaction.screenPop('/' + '{!recordId}', true, function () {});
  </script>
  <script>
    sforce.interaction.cti.enableClickToDial(function (r) {});
  </script>
</apex:page>
""")
    assert report.status == "analysed"
    calls = [(u.api, u.line, u.column) for u in report.calls]
    assert calls == [("sforce.interaction.screenPop", 6, 5), ("sforce.interaction.cti.enableClickToDial", 9, 5)]
    assert [(s.url, s.family, s.api_version, s.line) for s in report.script_loads] == [
        ("/support/api/29.0/interaction.js", "classic", "29.0", 2)]
    # The snippet is the original text, merge field and all.
    assert report.calls[0].snippet == "sforce.interaction.screenPop('/' + '{!recordId}', true, function () {});"


def test_commented_out_scripts_and_loads_in_pages_are_ignored(scan_tree):
    report = _page(scan_tree, "page.html", """<html><body>
<!-- <script src="/support/api/45.0/interaction.js"></script>
<script>sforce.interaction.screenPop('/001');</script> -->
<script src="https://acme.my.salesforce.com/support/api/45.0/lightning/opencti_min.js"></script>
<script type="text/template"><div>sforce.opencti.screenPop({})</div></script>
<script>sforce.opencti.refreshView();</script>
</body></html>
""")
    assert [u.api for u in report.calls] == ["sforce.opencti.refreshView"]
    assert [(s.url, s.family) for s in report.script_loads] == [
        ("/support/api/45.0/lightning/opencti_min.js", "lightning")]


def test_event_handler_attributes_and_javascript_urls(scan_tree):
    report = _page(scan_tree, "buttons.html", """<button onclick="sforce.opencti.setSoftphonePanelVisibility({visible: false});">x</button>
<a href="javascript:sforce.interaction.refreshPage(function(){})">refresh</a>
""")
    assert [(u.api, u.line) for u in report.calls] == [("sforce.opencti.setSoftphonePanelVisibility", 1),
                                                       ("sforce.interaction.refreshPage", 2)]


HANDLERS_OF_ALIASES = """<html><head>
<script>var cti = sforce.opencti;</script>
</head><body onload="window.panel = sforce.opencti;">
<button onclick="cti.refreshView()">refresh</button>
<a href="javascript:panel.setSoftphonePanelVisibility({visible: true})">show</a>
<button onclick="if (">broken, and naming no alias</button>
<button onclick="cti = 1; other.refreshView()">not the API</button>
</body></html>
"""


def test_event_handlers_using_an_alias_the_pages_scripts_or_handlers_set(tmp_path):
    # A handler naming no sforce is read when it names an alias the page's inline scripts set (or another
    # handler sets): its calls are inventory rows, as in a script, and convert gives each a row. A handler
    # naming no alias is not read (its syntax error is not the page's).
    (tmp_path / "phone.html").write_text(HANDLERS_OF_ALIASES)
    scanned = run_cli("scan", str(tmp_path / "phone.html"), "--format", "json")
    (entry,) = json.loads(scanned.stdout)["files"]
    rows = [(u["line"], u["api"], u["via"], u["receiver"]) for u in entry["uses"] if u["kind"] == "call"]
    assert rows == [(4, "sforce.opencti.refreshView", "alias", "cti"),
                    (5, "sforce.opencti.setSoftphonePanelVisibility", "alias", "panel")]
    assert entry["status"] == "analysed" and entry["error_ranges"] == []
    converted = run_cli("convert", str(tmp_path / "phone.html"), "-o", str(tmp_path / "out"), "--no-diffs")
    assert converted.returncode in (0, 1), converted.stderr
    plan = json.loads((tmp_path / "out" / "migration.json").read_text())
    assert [(r["line"], r["api"]) for r in plan["conversions"]] == [(line, api) for line, api, _, _ in rows]


def test_erb_tags_inside_scripts(scan_tree):
    report = _page(scan_tree, "softphone.erb", """<script src="<%= @origin %>/support/api/40.0/lightning/opencti_min.js"></script>
<script>
  var config = <%= @config.to_json %>;
  var ext = '<%= @agent.extension %>';
  sforce.opencti.onClickToDial({listener: function (p) { dial(p.number, ext); }});
</script>
""")
    assert report.status == "analysed"
    assert [u.api for u in report.calls] == ["sforce.opencti.onClickToDial"]
    assert [s.api_version for s in report.script_loads] == ["40.0"]


def test_jinja_tags_inside_scripts(scan_tree):
    report = _page(scan_tree, "softphone.html", """<script>
  var settings = {{ settings|tojson }};
  {% if debug %}console.log('debug');{% endif %}
  sforce.opencti.saveLog({value: {entityApiName: 'Task', Subject: '{{ agent.name }}'}});
</script>
""")
    assert report.status == "analysed"
    assert [u.api for u in report.calls] == ["sforce.opencti.saveLog"]


def test_aura_markup_expressions_and_script_loads(scan_tree):
    report = _page(scan_tree, "Cti.cmp", """<aura:component>
  <ltng:require scripts="{!join(',', $Resource.Sdk, '/support/api/48.0/lightning/opencti_min.js')}"
                afterScriptsLoaded="{!c.onLoad}"/>
</aura:component>
""")
    assert [(s.url, s.api_version) for s in report.script_loads] == [
        ("/support/api/48.0/lightning/opencti_min.js", "48.0")]


def test_a_broken_script_block_does_not_hide_the_next_one(scan_tree):
    report = _page(scan_tree, "legacy.html", """<script>
  var cfg = { a: 1 b: 2 };
  sforce.interaction.saveLog('Task', 'Subject=x', cb);
</script>
<script>
  sforce.interaction.setVisible(true, function () {});
</script>
""")
    assert report.status == "partial"
    assert "sforce.interaction.setVisible" in [u.api for u in report.calls]
    assert report.error_ranges[0].line == 2


def test_a_script_that_never_closes_is_reported(scan_tree):
    report = _page(scan_tree, "open.html", "<html><script>\nsforce.opencti.refreshView();\n")
    assert "unclosed-script" in [d.code for d in report.diagnostics]
    assert [u.api for u in report.calls] == ["sforce.opencti.refreshView"]


def test_static_resource_is_sniffed(scan_tree):
    result = scan_tree({
        "staticresources/Bridge.resource": "(function(){ sforce.opencti.enableClickToDial(); })();",
        "staticresources/Page.resource": "<html><script>sforce.opencti.refreshView();</script></html>",
        "staticresources/Bridge.resource-meta.xml": "<?xml version='1.0'?><StaticResource/>",
    })
    by_path = {f.path: f for f in result.files}
    assert [u.api for u in by_path["staticresources/Bridge.resource"].calls] == ["sforce.opencti.enableClickToDial"]
    assert by_path["staticresources/Page.resource"].language == "page"
    assert by_path["staticresources/Bridge.resource-meta.xml"].status == "no-open-cti"


def test_vue_single_file_component_with_typescript(scan_tree):
    report = _page(scan_tree, "Phone.vue", """<template><button @click="pop">{{ label }}</button></template>
<script setup lang="ts">
const pop = (): void => { window.sforce.opencti.screenPop({type: 'url', params: {url: '/x'}} as any); };
</script>
""")
    assert [u.api for u in report.calls] == ["sforce.opencti.screenPop"]
