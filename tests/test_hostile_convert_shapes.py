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
    assert all(status == "converted" for _, status, _ in results["one-line"])
    # Both bundles' JavaScript passes a strict parser (esbuild for the connector, @lwc/compiler for the LWC).
    files = run_node(TEST_SCRIPTS / "strict-parse.cjs", tmp_path)["files"]
    assert {f["file"].split("/")[0] for f in files} == {"one-line", "spread"}
    assert [f"{f['file']}: {f['message']}" for f in files if not f["ok"]] == []
    if case == "removed-in-dial":
        connector = (tmp_path / "one-line" / "out" / "connector" / "src" / "connector.js").read_text("utf-8")
        assert ("const ctimodListener = async () => { /* ctimod: removed "
                "sforce.opencti.setSoftphonePanelVisibility") in connector
