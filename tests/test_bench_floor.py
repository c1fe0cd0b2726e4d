"""The benchmark's parse-only floor: spread over worker processes it parses the same files as in one
process (a floor that skipped files would make ctimod's ratio to it look better than it is)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
run = pytest.importorskip("run")


def test_parallel_parse_floor_reads_every_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "softphone.js").write_text("sforce.opencti.refreshView({callback: f});\n" * 50, "utf-8")
    (tmp_path / "b.js").write_text("function f(x) { return x + 1; }\n", "utf-8")
    (tmp_path / "page.page").write_text("<apex:page><script>sforce.interaction.isVisible(cb);</script>"
                                        "<script>var y = 2;</script></apex:page>", "utf-8")
    (tmp_path / "notes.txt").write_text("sforce.opencti.refreshView()", "utf-8")
    one = run.parse_only(tmp_path)
    js_alone = run.parse_file(tmp_path / "a" / "softphone.js") + run.parse_file(tmp_path / "b.js")
    assert one > js_alone > 0  # the page's two scripts count too; the .txt file is not parsed
    assert run.parse_only(tmp_path, jobs=2) == one


def test_the_generated_adapters_are_valid_javascript(tmp_path):
    """The 2,107-line benchmark adapter declared `const itemHandler` after `var itemHandler` in one scope (and 18
    more such pairs): `node --check` failed, so its converted bundle failed verify on the legacy code it carries.
    Each adapter and library the generator writes now passes `node --check`."""
    import subprocess

    from .node_support import require_node

    node = require_node()
    generate = pytest.importorskip("generate")
    paths = [run.two_thousand_line_adapter(tmp_path)]
    for seed in (1, 2, 3):
        paths.append(tmp_path / f"library{seed}.js")
        paths[-1].write_text(generate.Writer(seed).library_js(3000), "utf-8")
    assert paths[0].read_text("utf-8").count("\n") >= 2000
    for path in paths:
        checked = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=120)
        assert checked.returncode == 0, (path.name, checked.stderr[-2000:])
