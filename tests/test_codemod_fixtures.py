"""Each codemod's own fixtures (tests/codemods/<codemod id>/): legacy inputs and what they become.

``<case>.input.<ext>`` is a legacy adapter file (JavaScript, TypeScript or a page); ``<case>.output.js``
is what ctimod turns each Open CTI call into — per call: where it landed, its safety, what is left
for a person and the generated text — followed by the connector parts its handlers became. Update
with ``pytest tests/test_codemod_fixtures.py --snapshot-update`` and review the new outputs as code.
"""

from __future__ import annotations

import os

import pytest

from ctimod.codemod import CONNECTOR, load_codemods
from ctimod.convert import ConvertOptions, convert
from ctimod.legacy import nodes_of_kinds, text
from ctimod.parse import parser

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "codemods"
CASES = sorted((folder.name, path.name.split(".input.")[0], path.name)
               for folder in FIXTURES.iterdir() if folder.is_dir() for path in folder.glob("*.input.*"))


def test_every_registered_codemod_has_fixtures():
    missing = [codemod for codemod in load_codemods() if not any(c[0] == codemod for c in CASES)]
    assert missing == [], f"codemods without a fixture folder in tests/codemods/: {missing}"
    strays = sorted({c[0] for c in CASES} - set(load_codemods()))
    assert strays == [], f"fixture folders that name no codemod: {strays}"


def _connector_method(connector_js: str, name: str) -> str | None:
    data = connector_js.encode("utf-8")
    tree = parser("javascript").parse(data)
    for node in nodes_of_kinds(tree.root_node, tree.language, ["method_definition"]):
        if text(data, node.child_by_field_name("name")) == name:
            return text(data, node)
    return None


def describe(result) -> str:
    """The fixture output: every call (in legacy order) and every connector part a handler became."""
    out = []
    for c in sorted(result.conversions, key=lambda c: (c.use.line, c.use.column)):
        variant = f" ({c.use.variant})" if c.use.variant and c.use.variant != "dynamic" else ""
        out.append(f"// line {c.use.line}: {c.use.api}{variant} — {c.safety}"
                   + (" — FAILED" if c.status == "failed" else ""))
        out.append(f"// becomes: {c.summary}")
        out.append(f"// lands in: {c.location or 'not moved'}")
        if c.todo:
            out.append(f"// todo: {c.todo}")
        if c.reason and c.reason != c.todo:
            out.append(f"// reason: {c.reason}")
        out.append(c.generated or "(nothing generated)")
        out.append("")
    connector = next(f.content for f in result.generated.files if f.path == "connector/src/connector.js")
    for moved in result.plan.moved_to(CONNECTOR):
        method = _connector_method(connector, moved.slot)
        out.append(f"// connector {moved.slot}() from {moved.legacy}")
        out.append(method or "(missing)")
        out.append("")
    return "\n".join(out)


@pytest.mark.parametrize(("codemod", "case", "name"), CASES, ids=[f"{c}/{k}" for c, k, _ in CASES])
def test_codemod_fixture(tmp_path, snapshot, codemod, case, name):
    folder = tmp_path / "acme-adapter"
    folder.mkdir()
    (folder / name.replace(".input", "")).write_bytes((FIXTURES / codemod / name).read_bytes())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = convert(["acme-adapter"], ConvertOptions())
    finally:
        os.chdir(cwd)
    assert any(c.codemod == codemod for c in result.conversions), f"{name} has no call for {codemod}"
    snapshot.snapshot_dir = FIXTURES / codemod
    snapshot.assert_match(describe(result), f"{case}.output.js")
