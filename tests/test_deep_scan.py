"""Hostile structure through `ctimod scan`: deep nesting and huge call-dense files (issue 16).

Every input is generated; each is scanned by the CLI in a child process under a timeout, and the
child's peak memory is read from its rusage. Past the finder's depth limit a construct is a
finding with its line, and the rest of the file is still analysed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from ctimod.find import MAX_DEPTH
from ctimod.parse import MAX_MARKUP_DEPTH

CALL = "sforce.opencti.screenPop({type: 'url', params: {url: '/x'}})"
AFTER = "sforce.opencti.refreshView();\n"  # on line 2, after the deep construct: must still be found


def _nested(kind: str, depth: int) -> str:
    return {
        "calls": "f(" * depth + CALL + ")" * depth + ";",
        "arrays": "var a = " + "[" * depth + CALL + "]" * depth + ";",
        "objects": "var o = " + "{a: " * depth + CALL + "}" * depth + ";",
        "binary": "var b = " + "1 + (" * depth + CALL + ")" * depth + ";",
        "parentheses": "(" * depth + CALL + ")" * depth + ";",
        "blocks": "{" * depth + CALL + ";" + "}" * depth,
        "ifs": "if (x) " * depth + CALL + ";",
        "functions": "function g() {" * depth + CALL + ";" + "}" * depth,
        "arrows": "var h = " + "() => " * depth + CALL + ";",
    }[kind]


KINDS = ["calls", "arrays", "objects", "binary", "parentheses", "blocks", "ifs", "functions", "arrows"]
DEPTHS = [10_000, 100_000]


def scan_measured(folder, timeout: float = 120) -> tuple[dict, float]:
    """`ctimod scan FOLDER --format json` in a child process: (the inventory, the child's peak RSS in MB)."""
    out = folder.parent / (folder.name + ".json")
    process = subprocess.Popen([sys.executable, "-m", "ctimod", "scan", str(folder), "--format", "json",
                                "--no-progress", "-o", str(out)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    assert code in (0, 1), f"exit {code} (killed after {timeout} s?): {stderr[-2000:]}"
    assert "Traceback" not in stderr
    return json.loads(out.read_text("utf-8")), usage.ru_maxrss / 1024


@pytest.fixture(scope="module")
def deep_inventory(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deep") / "inputs"
    folder.mkdir()
    for kind in KINDS:
        for depth in DEPTHS:
            (folder / f"{kind}-{depth}.js").write_text(_nested(kind, depth) + "\n" + AFTER, "utf-8")
    for depth in DEPTHS:
        (folder / f"divs-{depth}.page").write_text(
            "<apex:page>\n" + "<div>" * depth + f"<script>{CALL};</script>" + "</div>" * depth
            + f"\n<script>{AFTER}</script>\n</apex:page>\n", "utf-8")
    inventory, peak_mb = scan_measured(folder)
    return {f["path"].rsplit("/", 1)[-1]: f for f in inventory["files"]}, peak_mb


@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_construct_past_the_depth_limit_is_a_finding_and_the_rest_of_the_file_is_analysed(
        deep_inventory, kind, depth):
    files, _ = deep_inventory
    report = files[f"{kind}-{depth}.js"]
    assert report["status"] == "partial"
    deep = [d for d in report["diagnostics"] if d["code"] == "too-deep"]
    assert [(d["line"], d["message"]) for d in deep] == [
        (1, f"nesting deeper than {MAX_DEPTH} at line 1: not analysed")]
    assert report["unanalysed_mentions"] == 1  # the screenPop inside the construct
    assert [(u["line"], u["api"]) for u in report["uses"] if u["kind"] == "call"] == \
        [(2, "sforce.opencti.refreshView")]


@pytest.mark.parametrize("depth", DEPTHS)
def test_markup_nested_deep_in_a_page_is_flattened_and_its_scripts_analysed(deep_inventory, depth):
    files, _ = deep_inventory
    report = files[f"divs-{depth}.page"]
    (deep,) = [d for d in report["diagnostics"] if d["code"] == "too-deep"]
    assert deep["line"] == 2 and f"markup nested deeper than {MAX_MARKUP_DEPTH}" in deep["message"]
    assert [(u["line"], u["api"]) for u in report["uses"] if u["kind"] == "call"] == [
        (2, "sforce.opencti.screenPop"), (3, "sforce.opencti.refreshView")]


def test_deep_inputs_scan_in_bounded_memory(deep_inventory):
    _, peak_mb = deep_inventory
    assert peak_mb < 1024


def _many_calls(shape: str) -> str:
    """About 9 MB holding 74,000 calls: one call a line, all on one line (minified), or in a page."""
    calls = [f'sforce.opencti.saveLog({{value: {{entityApiName: "Task", Subject: "Call {i}"}}, '
             f'callback: function (r) {{ log(r); }}}}); v{i} = [1,2];' for i in range(74_000)]
    if shape == "minified":
        return "".join(calls) + "\n"
    body = "\n".join(calls) + "\n"
    return f"<apex:page>\n<script>\n{body}</script>\n</apex:page>\n" if shape == "page" else body


@pytest.mark.parametrize("shape", ["one-call-a-line", "minified", "page"])
def test_a_nine_megabyte_file_with_74000_calls_scans_in_bounded_memory(tmp_path, shape):
    folder = tmp_path / "big"
    folder.mkdir()
    name = "adapter.page" if shape == "page" else "adapter.js"
    (folder / name).write_text(_many_calls(shape), "utf-8")
    assert 9_000_000 < (folder / name).stat().st_size < 10 * 1024 * 1024
    inventory, peak_mb = scan_measured(folder)
    (report,) = inventory["files"]
    assert report["status"] == "analysed"
    assert inventory["summary"]["calls"] == 74_000
    assert peak_mb < 1024
