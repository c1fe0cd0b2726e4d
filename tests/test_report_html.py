"""The assessment report: its content from Python, and how it behaves in a real browser."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, corpus_adapters, run_cli
from .node_support import TEST_SCRIPTS, require_chromium, run_node

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    proc = run_cli("report", "corpus", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"{len(corpus_adapters())} adapter(s)" in proc.stdout
    return out


def test_report_is_self_contained(corpus_report):
    html = corpus_report.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']https?://""", html)
    assert "<style>" in html and "<script>" in html
    assert "@import" not in html and "url(" not in html


def test_report_summary_effort_and_compliance(corpus_report):
    html = corpus_report.read_text(encoding="utf-8")
    assert re.search(rf'<div class="value">{len(corpus_adapters())}</div><div class="label">adapters</div>', html)
    assert "Effort heuristic: days = 1.0 (set-up)" in html
    for topic in ("recording", "consent", "call-logs", "screen-pops", "retention", "credentials"):
        assert f"<td>{topic}</td>" in html
    # The hard-coded token in static-resource-bridge's call center is reported, masked.
    assert "CtiBridgeVendor/apiToken = lmr_…(49 chars)" in html
    assert "lmr_live_" not in html.split('id="files"')[0]


def test_report_in_a_real_browser(corpus_report):
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report-corpus.png"
    result = run_node(TEST_SCRIPTS / "report-browser.cjs", corpus_report, shot, timeout=180)
    assert result["consoleErrors"] == []
    assert result["networkRequests"] == []
    assert result["diffTables"] > 0 and result["diffTables"] == result["diffSections"]
    assert result["adapters"] == len(corpus_adapters()) and result["chartRows"] > 0
    assert result["reviewRowsBefore"] > 0 and result["reviewRowsAfter"] == 0
    assert result["reviewDiffsBefore"] > 0 and result["reviewDiffsAfter"] == 0
    assert int(result["diffCountShown"]) == result["diffTables"] - result["reviewDiffsBefore"]
    assert result["reviewRowsRestored"] == result["reviewRowsBefore"]
    assert result["classicRowsHidden"] == 0
    assert shot.stat().st_size > 10_000


def test_convert_report_html_in_a_real_browser(tmp_path):
    require_chromium()
    out = tmp_path / "bundle"
    assert run_cli("convert", "corpus/classic-vf-softphone", "-o", str(out), "--no-diffs").returncode == 0
    ARTIFACTS.mkdir(exist_ok=True)
    result = run_node(TEST_SCRIPTS / "report-browser.cjs", out / "report.html",
                      ARTIFACTS / "report-classic-vf-softphone.png", timeout=180)
    assert result["consoleErrors"] == [] and result["diffTables"] > 0
