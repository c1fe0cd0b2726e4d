"""Focused tests of the use finder: one per way real adapters reach the API, plus must-not-find cases."""

from __future__ import annotations

import pytest


def calls(uses):
    return [(u.api, u.via) for u in uses if u.kind == "call"]


def apis(uses, kind="call"):
    return [u.api for u in uses if u.kind == kind]


def test_literal_and_window_and_optional_chaining(uses_of):
    uses = uses_of("""
        sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: {recordId: id}});
        window.sforce.opencti.refreshView();
        window?.sforce?.opencti?.saveLog?.({value: {Id: id}});
        globalThis.sforce['interaction'].cti.enableClickToDial(cb);
    """)
    assert calls(uses) == [("sforce.opencti.screenPop", "literal"), ("sforce.opencti.refreshView", "literal"),
                           ("sforce.opencti.saveLog", "literal"),
                           ("sforce.interaction.cti.enableClickToDial", "literal")]
    assert apis(uses, "constant") == ["sforce.opencti.SCREENPOP_TYPE.SOBJECT"]


def test_positions_are_one_based_lines_and_columns(uses_of):
    (use,) = [u for u in uses_of("var a = 1;\n  sforce.opencti.refreshView({});\n") if u.kind == "call"]
    assert (use.line, use.column, use.end_line) == (2, 3, 2)
    assert use.snippet == "sforce.opencti.refreshView({});"


def test_variable_aliases_including_logical_and(uses_of):
    uses = uses_of("""
        var opencti = window.sforce && window.sforce.opencti;
        const api = window.sforce.opencti, other = 3;
        let sf = sforce; let cti = sf.interaction.cti;
        opencti.screenPop({type: 'url', params: {url: '/x'}});
        api.saveLog({value: {}});
        cti.onClickToDial(function (r) { var p = JSON.parse(r.result); });
    """)
    assert calls(uses) == [("sforce.opencti.screenPop", "alias"), ("sforce.opencti.saveLog", "alias"),
                           ("sforce.interaction.cti.onClickToDial", "alias")]
    assert [u.receiver for u in uses if u.kind == "call"] == ["opencti", "api", "cti"]


def test_this_member_alias_used_across_class_methods(uses_of):
    uses = uses_of("""
        class Adapter {
          constructor() { this.sfApi = window.sforce.interaction; }
          pop(url) { this.sfApi.screenPop(url, true, function () {}); }
          log(q) { this.sfApi.saveLog('Task', q, this.done); }
        }
        class Typed { api = sforce.opencti; go() { this.api.refreshView({}); } }
    """)
    assert calls(uses) == [("sforce.interaction.screenPop", "alias"), ("sforce.interaction.saveLog", "alias"),
                           ("sforce.opencti.refreshView", "alias")]


def test_getter_functions_and_optional_call(uses_of):
    uses = uses_of("""
        const getSforce = () => window.sforce;
        const getOpenCti = () => getSforce()?.opencti;
        function classic() { return window.sforce && window.sforce.interaction; }
        getOpenCti()?.screenPop({type: 'sobject', params: {recordId: r}});
        getOpenCti()?.saveLog?.({value: v});
        classic().cti.onClickToDial(fn);
    """)
    assert calls(uses) == [("sforce.opencti.screenPop", "alias"), ("sforce.opencti.saveLog", "alias"),
                           ("sforce.interaction.cti.onClickToDial", "alias")]


def test_destructuring(uses_of):
    uses = uses_of("""
        const { screenPop, saveLog: log } = window.sforce.opencti;
        const { opencti: { runApex } } = window.sforce;
        const { interaction } = sforce;
        screenPop({type: 'list', params: {listViewId: 'x', scope: 'Case'}});
        log({value: {}});
        runApex({apexClass: 'A', methodName: 'b', methodParams: ''});
        interaction.refreshPage(cb);
    """)
    assert calls(uses) == [("sforce.opencti.screenPop", "alias"), ("sforce.opencti.saveLog", "alias"),
                           ("sforce.opencti.runApex", "alias"), ("sforce.interaction.refreshPage", "alias")]


def test_amd_parameter_shim_and_iife(uses_of):
    uses = uses_of("""
        requirejs.config({ shim: { openctiApi: { exports: 'sforce.opencti' } } });
        define(['jquery', 'sforce'], function ($, sf) { sf.opencti.screenPop({type: 'url', params: {url: u}}); });
        require(['openctiApi'], function (api) { api.refreshView(); });
        (function (s, $) { s.interaction.cti.enableClickToDial(cb); })(window.sforce, jQuery);
    """)
    assert calls(uses) == [("sforce.opencti.screenPop", "alias"), ("sforce.opencti.refreshView", "alias"),
                           ("sforce.interaction.cti.enableClickToDial", "alias")]


def test_dual_family_alias_is_decided_by_call_shape(uses_of):
    uses = uses_of("""
        function Adapter(isLightning) {
          this.isLightning = isLightning;
          this.sfApi = isLightning ? window.sforce.opencti : window.sforce.interaction;
        }
        Adapter.prototype.pop = function (id) {
          if (this.isLightning) { this.sfApi.screenPop({type: 'sobject', params: {recordId: id}}); }
          else { this.sfApi.screenPop('/' + id, true, function () {}); }
          this.sfApi.setVisible(true, cb);
          this.sfApi.cti.onClickToDial(fn);
        };
    """)
    found = [(u.api, u.family_basis) for u in uses if u.kind == "call"]
    assert found == [("sforce.opencti.screenPop", "call-shape"), ("sforce.interaction.screenPop", "call-shape"),
                     ("sforce.interaction.setVisible", "member-name"),
                     ("sforce.interaction.cti.onClickToDial", "member-name")]


def test_minified_alias_does_not_leak_into_other_scopes(uses_of):
    uses = uses_of(
        "!function(){let i=window.sforce.opencti;function g(e){i.screenPop({type:'url',params:{url:e}})}"
        "function h(i){i.foo();i.screenPop(1)}for(let i=0;i<3;i++){i.toString()}g('/x')}();")
    assert calls(uses) == [("sforce.opencti.screenPop", "alias")]


def test_commented_out_calls_strings_and_lookalikes_are_not_uses(uses_of):
    uses = uses_of("""
        // sforce.opencti.screenPop({type: 'url'});
        /* sforce.interaction.saveLog('Task', 'a=b', cb); */
        /** @example sforce.opencti.refreshView(); */
        console.log("calling sforce.opencti.screenPop(" + id + ")");
        agentDesktop.screenPop({record: 1});
        const opencti = { screenPop() { return 1; } };
        opencti.screenPop();
        sforce.console.openPrimaryTab(null, url, true);
        sforce.one.navigateToSObject(id);
    """)
    assert calls(uses) == []


def test_assignments_to_the_api_are_not_uses(uses_of):
    uses = uses_of("""
        var sforce = sforce || {};
        sforce.opencti = {};
        /** @param {Object} p */
        sforce.opencti.screenPop = function (p) {};
        sforce.opencti.SCREENPOP_TYPE = { SOBJECT: 'sobject' };
        sforce.opencti.Response;
    """)
    assert uses == []


def test_feature_checks_are_not_calls_but_guarded_calls_are(uses_of):
    uses = uses_of("""
        if (typeof sforce !== 'undefined' && sforce.opencti && sforce.opencti.screenPop) {}
        sforce.interaction && sforce.interaction.screenPop('/001', true);
        sforce.opencti && sforce.opencti.screenPop({type: 'url', params: {url: '/001'}});
    """)
    assert calls(uses) == [("sforce.interaction.screenPop", "literal"), ("sforce.opencti.screenPop", "literal")]


def test_invalid_members_are_reported_with_a_suggestion(uses_of):
    uses = uses_of("""
        sforce.opencti.onReady({callback: init});
        sforce.opencti.searchAndscreenPop({searchParams: ani, callType: 'inbound'});
        var p = sforce.opencti.SEARCH_PARAMS.PHONE;
    """)
    invalid = [(u.api, u.kind) for u in uses if u.disposition == "invalid"]
    assert invalid == [("sforce.opencti.onReady", "call"), ("sforce.opencti.searchAndscreenPop", "call"),
                       ("sforce.opencti.SEARCH_PARAMS", "reference")]
    typo = [u for u in uses if u.api.endswith("searchAndscreenPop")][0]
    assert "did you mean sforce.opencti.searchAndScreenPop?" in typo.problems[0].message


@pytest.mark.parametrize(("source", "code"), [
    ("sforce.opencti.onClickToDial({callback: dial});", "wrong-option-name"),
    ("sforce.opencti.getAppViewInfo(function (r) {});", "positional-to-lightning"),
    ("sforce.interaction.screenPop({url: '/001'});", "object-to-classic"),
    ("sforce.opencti.saveLog({valeu: {}, callback: cb});", "unknown-option"),
    ("sforce.opencti.screenPop({type: 'record', params: {}});", "unknown-enum-value"),
    ("sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.RECORD});", "unknown-constant"),
])
def test_wrong_shapes_and_option_names_are_reported(uses_of, source, code):
    uses = uses_of(source)
    assert code in {p.code for u in uses for p in u.problems}


def test_correct_calls_have_no_problems(uses_of):
    uses = uses_of("""
        sforce.opencti.onClickToDial({listener: function (payload) {}});
        sforce.opencti.saveLog({value: {entityApiName: 'Task', Subject: 'Call'}, callback: cb});
        sforce.interaction.cti.onClickToDial(function (r) {});
        sforce.opencti.runApex(options);
    """)
    assert [p for u in uses for p in u.problems] == []


def test_enum_literals_and_screen_pop_variants(uses_of):
    uses = uses_of("""
        sforce.opencti.screenPop({type: 'newRecord', params: {entityName: 'Case'}});
        sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.OBJECTHOME, params: {scope: 'Case'}});
        var T = sforce.opencti.SCREENPOP_TYPE;
        sforce.opencti.screenPop({type: T.FLOW, params: {flowDevName: 'F'}});
        sforce.opencti.screenPop({type: kind, params: p});
        sforce.opencti.searchAndScreenPop({searchParams: ani, callType: 'outbound'});
    """)
    pops = [(u.variant, u.disposition) for u in uses if u.api == "sforce.opencti.screenPop"]
    assert pops == [("NEW_RECORD_MODAL", "auto"), ("OBJECTHOME", "auto"), ("FLOW", "manual"), ("dynamic", "review")]
    constants = [(u.api.rsplit(".", 1)[1], u.via) for u in uses if u.kind == "constant"]
    assert constants == [("NEW_RECORD_MODAL", "string-literal"), ("OBJECTHOME", "literal"), ("FLOW", "alias"),
                         ("OUTBOUND", "string-literal")]


def test_console_cti_is_its_own_family(uses_of):
    uses = uses_of("sforce.console.cti.onCallBegin(h); sforce.console.cti.setCallAttachedData(id, d, 'x', cb);")
    assert [(u.api, u.family, u.disposition) for u in uses] == [
        ("sforce.console.cti.onCallBegin", "console", "review"),
        ("sforce.console.cti.setCallAttachedData", "console", "manual")]


def test_classic_notify_initialization_alias_is_recognised(uses_of):
    uses = uses_of("sforce.interaction.notifyInitializationComplete(); sforce.interaction.cti.notifyInitializationComplete();")
    assert [(u.api, u.disposition) for u in uses] == [
        ("sforce.interaction.notifyInitializationComplete", "auto"),
        ("sforce.interaction.cti.notifyInitializationComplete", "auto")]


def test_typescript_syntax(uses_of):
    uses = uses_of("""
        declare var sforce: any;
        export class A {
          private readonly api = (window as any).sforce.opencti as OpenCti;
          pop(id: string): void { this.api!.screenPop({type: 'sobject', params: {recordId: id}}); }
        }
        const r = sforce.opencti.runApex<string>({apexClass: 'A', methodName: 'm'});
    """, name="a.ts", language="typescript")
    assert calls(uses) == [("sforce.opencti.screenPop", "alias"), ("sforce.opencti.runApex", "literal")]


def test_call_and_apply_forms(uses_of):
    uses = uses_of("sforce.opencti.screenPop.call(null, {type: 'url', params: {url: u}});")
    assert [(u.api, u.shape) for u in uses if u.kind == "call"] == [("sforce.opencti.screenPop", "object")]


def test_output_is_deterministic(uses_of):
    source = "var a = sforce.opencti; a.screenPop({type: 'url'}); sforce.interaction.saveLog('T', 'a=b', c);"
    first = [(u.api, u.line, u.column) for u in uses_of(source)]
    assert first == [(u.api, u.line, u.column) for u in uses_of(source)]


def test_react_hooks_return_their_getter(uses_of):
    uses = uses_of("""
        function useOpenCti() { return useCallback(() => window.sforce?.opencti, []); }
        const useApi = () => React.useMemo(() => window.sforce.interaction, []);
        function Phone() {
          const openCti = useOpenCti();
          const api = useApi();
          openCti()?.screenPop({type: openCti()?.SCREENPOP_TYPE.SOBJECT, params: {recordId: r}});
          api.refreshPage(cb);
        }
    """, name="Phone.jsx")
    assert calls(uses) == [("sforce.opencti.screenPop", "alias"), ("sforce.interaction.refreshPage", "alias")]
    assert apis(uses, "constant") == ["sforce.opencti.SCREENPOP_TYPE.SOBJECT"]


def test_aliases_cross_es_module_imports(scan_tree):
    result = scan_tree({
        "src/cti.ts": "export const getOpenCti = () => window.sforce?.opencti;\n"
                      "const classic = window.sforce.interaction;\nexport { classic as legacy };\n"
                      "export default window.sforce.opencti;\n",
        "src/app.tsx": "import api, { getOpenCti, legacy as old } from './cti';\n"
                       "getOpenCti()?.saveLog({value: {}});\nold.refreshPage(cb);\napi.refreshView();\n",
        "src/other.js": "const { getOpenCti } = require('./cti');\ngetOpenCti().screenPop({type: 'url'});\n",
    })
    by_path = {f.path: f for f in result.files}
    assert [u.api for u in by_path["src/app.tsx"].calls] == [
        "sforce.opencti.saveLog", "sforce.interaction.refreshPage", "sforce.opencti.refreshView"]
    assert [u.api for u in by_path["src/other.js"].calls] == ["sforce.opencti.screenPop"]


def test_a_name_imported_from_another_module_or_given_by_an_amd_factory_is_ordered_after_its_reassignment(scan_tree):
    # `var {cti} = require('./api')` assigns cti where it is written: after `cti = null` in straight-line
    # code (or `o = null` for `{other: o}`) it holds no API value, as after any assignment; an AMD factory's
    # parameter likewise (`sf = null`). The calls before the reassignments are uses.
    result = scan_tree({
        "src/api.js": "export const cti = sforce.opencti;\nexport const other = sforce.opencti;\n",
        "src/uses.js": "var {cti} = require('./api');\ncti.refreshView();\ncti = null;\ncti.refreshView();\n"
                       "var {other: o} = require('./api');\no.refreshView();\no = null;\no.refreshView();\n",
        "src/amd.js": "define(['sforce'], function (sf) {\n  sf.opencti.refreshView();\n  sf = null;\n"
                      "  sf.opencti.refreshView();\n});\n",
    })
    by_path = {f.path: f for f in result.files}
    assert [(u.line, u.api) for u in by_path["src/uses.js"].calls] == [
        (2, "sforce.opencti.refreshView"), (6, "sforce.opencti.refreshView")]
    assert [(u.line, u.api) for u in by_path["src/amd.js"].calls] == [(2, "sforce.opencti.refreshView")]


GLOBAL_OBJECT_FIXTURE = __import__("pathlib").Path(__file__).parent / "fixtures" / "global-object-iife"


def test_a_parameter_given_the_page_global_object_is_followed_like_window(uses_of):
    # (function (global) {...})(window): global.sforce, global['sforce'] and their aliases are the API,
    # in both families, through this/self/globalThis and a wrapper nested in a wrapper; a parameter
    # given anything else, a function not invoked in place, and a shadowing inner parameter are not.
    path = GLOBAL_OBJECT_FIXTURE / "softphone.js"
    uses = uses_of(path.read_text(encoding="utf-8"), name="softphone.js")
    assert [(u.line, u.api, u.kind, u.via, u.receiver) for u in uses] == [
        (14, "sforce.opencti.screenPop", "call", "literal", "global.sforce.opencti"),
        (15, "sforce.opencti.SCREENPOP_TYPE.SOBJECT", "constant", "literal", "global.sforce.opencti.SCREENPOP_TYPE"),
        (24, "sforce.opencti.saveLog", "call", "alias", "api"),
        (33, "sforce.interaction.cti.enableClickToDial", "call", "alias", "classic.cti"),
        (34, "sforce.interaction.cti.onClickToDial", "call", "alias", "classic.cti"),
        (38, "sforce.opencti.setSoftphonePanelVisibility", "call", "literal", "page.sforce.opencti"),
        (45, "sforce.interaction.searchAndScreenPop", "call", "literal", "root.sforce.interaction"),
        (48, "sforce.opencti.refreshView", "call", "literal", "g['sforce'].opencti"),
        (51, "sforce.opencti.notifyInitializationComplete", "call", "literal", "w.sforce.opencti"),
    ]
    text = path.read_text(encoding="utf-8").splitlines()
    # The lines left out above are the must-not-find cases, each still a literal-looking call.
    assert [n for n, line in enumerate(text, 1) if "sforce.opencti.refreshView()" in line] == [57, 61, 66, 73]


def test_the_global_object_parameter_in_a_page_and_the_subscript_form(scan_tree):
    result = scan_tree({
        "Phone.page": "<apex:page>\n<script>\n(function (win) {\n"
                      "  var cti = win['sforce'].opencti;\n  cti.screenPop({type: cti.SCREENPOP_TYPE.URL, params: {url: u}});\n"
                      "  window['sforce'].interaction.refreshPage();\n"
                      "})(window);\n</script>\n</apex:page>\n",
        "guard.js": "(function (g) {\n  if (typeof g.sforce === 'undefined' || !g.sforce.opencti) { return; }\n"
                    "  g.sforce.opencti.refreshView();\n})(this);\n",
    })
    by_path = {f.path: f for f in result.files}
    assert [(u.line, u.api, u.via) for u in by_path["Phone.page"].uses] == [
        (5, "sforce.opencti.screenPop", "alias"), (5, "sforce.opencti.SCREENPOP_TYPE.URL", "alias"),
        (6, "sforce.interaction.refreshPage", "literal")]
    assert [(u.line, u.api) for u in by_path["guard.js"].uses] == [(3, "sforce.opencti.refreshView")]
