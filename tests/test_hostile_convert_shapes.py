"""Issue 17 items 7 and 8 through the CLI: generated names within Salesforce's limits, and Open CTI calls
nested in a one-line listener or function converting as they do over several lines."""

from __future__ import annotations

import json

import pytest

from .node_support import TEST_SCRIPTS, run_node
from .test_hostile_trees import ctimod, text

PANEL = "sforce.opencti.setSoftphonePanelVisibility({visible: true})"
NESTED = {
    "removed-in-dial": "sforce.opencti.onClickToDial({listener: function (p) { %s; }});" % PANEL,
    "removed-in-method": "function show(p) { %s; }" % PANEL,
    "removed-in-if": "function show(p) { if (p) %s; else { %s; } }" % (PANEL, PANEL),
    "converted-in-dial": ("sforce.opencti.onClickToDial({listener: function (p) { "
                          "sforce.opencti.refreshView(); console.log(p.number); }});"),
}


def _spread(one_line: str) -> str:
    """The same code with each statement of the outermost function body on its own line."""
    head, _, rest = one_line.partition("{ ")
    body, _, tail = rest.rpartition(" }")
    return head + "{\n    " + body.replace("; ", ";\n    ") + "\n}" + tail + "\n"


@pytest.mark.parametrize("case", sorted(NESTED))
def test_a_one_line_function_with_a_nested_call_converts_as_over_three_lines(tmp_path, case):
    results = {}
    for shape, code in (("one-line", NESTED[case] + "\n"), ("spread", _spread(NESTED[case]))):
        adapter = tmp_path / shape / "adapter"
        adapter.mkdir(parents=True)
        (adapter / "a.js").write_text(code)
        proc = ctimod("convert", "adapter", "-o", "out", "--no-diffs", cwd=tmp_path / shape)
        assert proc.returncode == 0, text(proc)
        assert "syntax errors" not in text(proc)
        document = json.loads((tmp_path / shape / "out" / "migration.json").read_text("utf-8"))
        results[shape] = [(c["api"], c["status"], c["safety"]) for c in document["conversions"]]
    assert results["one-line"] == results["spread"]
    # (refreshView() in dial() cannot run in the connector: that row is not converted; a call in show(), which
    # nothing in the component calls, is unwired; none failed)
    assert all(status in ("converted", "not-converted", "unwired") for _, status, _ in results["one-line"])
    # Both bundles' JavaScript passes a strict parser (esbuild for the connector, @lwc/compiler for the LWC).
    files = run_node(TEST_SCRIPTS / "strict-parse.cjs", tmp_path)["files"]
    assert {f["file"].split("/")[0] for f in files} == {"one-line", "spread"}
    assert [f"{f['file']}: {f['message']}" for f in files if not f["ok"]] == []
    if case == "removed-in-dial":
        connector = (tmp_path / "one-line" / "out" / "connector" / "src" / "connector.js").read_text("utf-8")
        assert ("const ctimodListener = async () => { /* ctimod: removed "
                "sforce.opencti.setSoftphonePanelVisibility") in connector


LONG_A = "Acme_Telephony_Integration_Lookup_Service_A"  # 43 characters
LONG_B = "Acme_Telephony_Integration_Lookup_Service_B"  # the same first 42
FORTY = "F" * 35  # 35 + "Voice" = exactly 40


def test_generated_apex_class_names_fit_salesforce_and_stay_distinct(tmp_path):
    """Issue 17 item 7: Apex class names over 40 characters are shortened (the same every run, unique), and
    verify fails a class whose name is longer."""
    from ctimod.verify import verify

    from .node_support import require_node

    require_node()

    def apex_failures(bundle) -> list:
        report = verify(str(bundle), groups=("apex",))
        assert any(r.check == "apex-parse" for r in report.results)
        return [(r.file, r.message) for r in report.results if r.check == "apex-parse" and r.result != "passed"]

    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "a.js").write_text("".join(
        f"function f{i}(p) {{ sforce.opencti.runApex({{apexClass: '{cls}', methodName: 'find', "
        f"methodParams: 'phone=' + p, callback: done}}); }}\n" for i, cls in enumerate([LONG_A, LONG_B, FORTY, "Short"])))
    names = []
    for out in ("out1", "out2"):
        proc = ctimod("convert", "adapter", "-o", out, "--no-diffs", cwd=tmp_path)
        assert proc.returncode == 0, text(proc)
        classes = tmp_path / out / "force-app" / "main" / "default" / "classes"
        names.append(sorted(p.stem for p in classes.glob("*.cls")))
    assert names[0] == names[1]  # deterministic
    stems = names[0]
    assert len(stems) == 4 and all(len(s) <= 40 and s.endswith("Voice") for s in stems), stems
    assert f"{FORTY}Voice" in stems and "ShortVoice" in stems
    short = [s for s in stems if s.startswith("Acme_Telephony")]
    assert len(set(short)) == 2 and all(len(s) == 40 for s in short), short
    out = tmp_path / "out1"
    lwc = next((out / "force-app" / "main" / "default" / "lwc").iterdir())
    code = (lwc / f"{lwc.name}.js").read_text("utf-8")
    for stem in stems:  # the component imports the classes by the names written
        assert f"'@salesforce/apex/{stem}.find'" in code
    document = json.loads((out / "migration.json").read_text("utf-8"))
    todos = [c["todo"] for c in document["conversions"]]
    assert sum("Its name is shortened" in t for t in todos) == 2
    assert apex_failures(out) == []
    # A class renamed past the limit by hand fails verify's Apex check.
    classes = out / "force-app" / "main" / "default" / "classes"
    long_name = "L" * 41
    (classes / "ShortVoice.cls").rename(classes / f"{long_name}.cls")
    (classes / f"{long_name}.cls").write_text((classes / f"{long_name}.cls").read_text().replace("ShortVoice", long_name))
    assert apex_failures(out) == [(f"force-app/main/default/classes/{long_name}.cls",
                       f"class name {long_name} is 41 characters; Salesforce allows at most 40")]
