"""The assessment report: its content from Python, and how it behaves in a real browser."""

from __future__ import annotations

import html
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


def test_the_effort_is_the_same_on_every_python():
    from ctimod.assess import effort, total_effort

    # amazon-connect-ccp's numbers (1 auto, 2 removed, 2 review, 1 manual, 46 moved lines, 2 undefined names, 2
    # carried items): Python 3.11's sum() of the parts gave 3.01 days and "2.5–5 days", 3.12's 3.0 and "2.5–4.5 days".
    estimate = effort({"auto": 1, "drop": 2, "review": 2, "manual": 1}, 46, 2, 2)
    assert (estimate.estimate, estimate.text()) == (3.0, "2.5–4.5 days")
    assert total_effort([estimate, estimate]).estimate == 6.0


@pytest.mark.parametrize("width", [1400, 390])
def test_report_in_a_real_browser(corpus_report, width):
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"report-corpus-{width}.png"
    result = run_node(TEST_SCRIPTS / "report-browser.cjs", corpus_report, shot, width, timeout=180)
    assert result["consoleErrors"] == []
    # Usable at both widths: the page never scrolls sideways (tables scroll inside their box), even with
    # every file opened, and the effort column can be scrolled into view.
    assert result["pageScrollWidth"] <= width and result["pageScrollWidthOpen"] <= width
    assert result["effortReachable"] is True
    # Total effort first; no raw Markdown outside code; diffs collapsed, grouped by adapter.
    assert result["firstCard"] == "effort"
    assert result["rawMarkdown"] is None
    assert result["diffsOpen"] == 0 and 1 < result["diffGroups"] < result["diffSections"]
    assert result["pageHeight"] * 3 < result["pageHeightDiffsOpen"]  # collapsed, the diffs take little room
    # A use row's link opens its diff, numbered with the file's real lines.
    assert result["linkedDiffOpen"] is True
    where = result["linkedDiffWhere"].rsplit(":", 1)[1].strip()
    assert where in result["linkedDiffLineNumbers"] and result["linkedDiffLineNumbers"][0] != "1"
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
    assert result["pageScrollWidth"] <= 1400 and result["rawMarkdown"] is None


def test_convert_report_html_is_usable_at_390_px(tmp_path):
    require_chromium()
    out = tmp_path / "bundle"
    assert run_cli("convert", "corpus/twilio-lightning-softphone", "-o", str(out), "-q").returncode == 0
    ARTIFACTS.mkdir(exist_ok=True)
    result = run_node(TEST_SCRIPTS / "report-browser.cjs", out / "report.html",
                      ARTIFACTS / "report-twilio-390.png", 390, timeout=180)
    assert result["consoleErrors"] == [] and result["pageScrollWidth"] <= 390
    assert result["pageScrollWidthOpen"] <= 390 and result["effortReachable"] is True


def _cards(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-card="([\w-]+)"><div class="value">([^<]*)</div>', html))


def _adapter_rows(html: str) -> dict[str, dict[str, int]]:
    rows = {}
    for name, body in re.findall(r'<tr data-adapter="([^"]+)">(.*?)</tr>', html, re.S):
        rows[name] = {k: int(v) if v.isdigit() else 0 for k, v in re.findall(r'data-n="([\w-]+)">([^<]*)<', body)}
    return rows


def test_cards_chart_tables_and_migration_files_agree_over_the_corpus(corpus_report):
    """One source of numbers: the cards, the chart, the adapter table, the use rows, and each adapter's
    MIGRATION.md and migration.json count the same calls with the same safeties."""
    import html as htmllib
    import os

    from ctimod.assess import COUNTS, SAFETIES, adapter_roots
    from ctimod.convert import ConvertOptions, convert
    from ctimod.report import migration
    from ctimod.scan import ScanOptions, scan

    page = corpus_report.read_text(encoding="utf-8")
    cards = _cards(page)
    rows = _adapter_rows(page)
    assert len(rows) == len(corpus_adapters())
    calls = int(cards["calls"])
    assert sum(int(cards.get(s, 0)) for s in COUNTS) == calls  # the left-out card only when some are
    for key in ("calls", *COUNTS):
        assert sum(r[key] for r in rows.values()) == int(cards.get(key, 0)), key
    assert sum(int(n) for n in re.findall(r"data-count-part=\"(\d+)\"", page)) == calls
    assert sum(int(n) for n in re.findall(r"data-chart-total>(\d+)<", page)) == calls
    use_rows = re.findall(r'<tr data-safety="(\w+)" data-family="\w+" data-kind="call">', page)
    assert len(use_rows) == calls + int(cards.get("missed", 0))
    assert int(cards["files"]) == int(re.search(r"<h2>Files \((\d+)\)", page).group(1))
    # Each adapter's migration files say the same as its row.
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = scan(["corpus"], ScanOptions(jobs=1))
        for name, files in adapter_roots(["corpus"], result.files):
            converted = convert(files, ConvertOptions())
            summary = migration.document(converted)["summary"]
            row = rows[htmllib.escape(name)]
            assert summary["calls"] == row["calls"], name
            assert {s: summary["by_safety"][s] for s in SAFETIES} == {s: row[s] for s in SAFETIES}, name
            assert sum(summary.get("left_out", {}).values()) == row["left-out"], name
            assert summary["unanalysed_mentions"] == row["unanalysed"], name
            table = re.search(r"\n\| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|",
                              migration.markdown(converted))
            assert [int(n) for n in table.groups()] == [row["calls"], *(row[s] for s in COUNTS)], name
    finally:
        os.chdir(cwd)


def test_effort_is_unknown_where_code_could_not_be_analysed(corpus_report):
    page = corpus_report.read_text(encoding="utf-8")
    row = re.search(r'<tr data-adapter="corpus/clojurescript-adapter">(.*?)</tr>', page, re.S).group(1)
    assert 'class="effort unknown">unknown (at least' in row
    assert _cards(page)["effort"].startswith("unknown (at least")
    known = re.search(r'<tr data-adapter="corpus/twilio-lightning-softphone">(.*?)</tr>', page, re.S).group(1)
    assert 'class="effort">' in known and "unknown" not in known


def test_unlabelled_high_entropy_tokens_are_reported_masked(tmp_path):
    adapter = tmp_path / "vendor-softphone"
    adapter.mkdir()
    token = "xK9fQ2mZ7pL4vN8rT1wY6bH3jC5dG0sA"
    (adapter / "softphone.js").write_text(
        f'var conf = {{ region: "eu", k: "{token}" }};\n'
        "sforce.opencti.setSoftphonePanelVisibility({visible: true});\n"
        "sforce.opencti.refreshView();\n")
    out = tmp_path / "r.html"
    proc = run_cli("report", str(adapter), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    head = page.split('id="files"')[0]
    assert "high-entropy string xK9f…(32 chars)" in head and token not in head


@pytest.mark.parametrize("layout", ["one", "two"])
def test_report_of_the_current_folder_finds_its_adapters(tmp_path, layout):
    """`ctimod report .` inside a project: the same adapters and calls as naming the folder (it used to
    find none: scan shows the current folder's files without "./", and the grouping looked for "./")."""
    project = tmp_path / "project"
    names = ["acme"] if layout == "one" else ["acme", "globex"]
    for name in names:
        (project / name / "js").mkdir(parents=True)
        (project / name / "js" / "softphone.js").write_text(
            "sforce.opencti.setSoftphonePanelVisibility({visible: true});\nsforce.opencti.refreshView();\n")
    here = run_cli("report", ".", "-o", str(tmp_path / "here.html"), cwd=project)
    named = run_cli("report", str(project), "-o", str(tmp_path / "named.html"))
    assert here.returncode == 0 and named.returncode == 0, here.stderr + named.stderr
    expected = f"{len(names)} adapter(s), {2 * len(names)} Open CTI call(s)"
    assert expected in here.stdout and expected in named.stdout
    page = (tmp_path / "here.html").read_text(encoding="utf-8")
    for name in names:
        assert f"{name}/js/softphone.js" in page


# Our own Classic adapter: a click-to-dial listener that shows the softphone and looks the agent up in Apex with a
# callback passed by name. Both calls land in the connector's dial(): setVisible is removed there, runApex is not
# converted (the connector cannot call Apex; the callback is never called there).
DIAL_LISTENER = """\
function onUserName(response) {
    document.getElementById("agent").textContent = response.result;
}

sforce.interaction.cti.onClickToDial(function (response) {
    var payload = JSON.parse(response.result);
    sforce.interaction.setVisible(true);
    sforce.interaction.runApex("UserInfoVoice", "getUserName", "", onUserName);
    startCall(payload.number);
});
"""


def _use_cells(page: str) -> dict[tuple[int, str], str]:
    """report.html's use rows: (line, API) -> the text of the column after Disposition."""
    rows = re.findall(r"<tr data-safety[^>]*><td>(\d+)</td><td><code>([^<]*)</code>.*?</td><td>.*?</td>"
                      r"<td>(.*?)</td>", page)
    return {(int(line), api): html.unescape(cell) for line, api, cell in rows}


def test_convert_report_html_says_what_each_row_became_as_migration_md_does(tmp_path):
    """report.html of a conversion showed the catalog's replacement in its "Voice replacement" column, so a call
    removed from the connector said 'open / minimize on the generated utility item' (dev set: client-acd's
    setVisible in its click-to-dial listener) when nothing was generated for it. Each row now says what the
    conversion made of it, the Became text of MIGRATION.md; the scan's assessment keeps the catalog's replacement."""
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "softphone.js").write_text(DIAL_LISTENER)
    out = tmp_path / "out"
    proc = run_cli("convert", str(adapter), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    became = {}
    for row in (out / "MIGRATION.md").read_text(encoding="utf-8").splitlines():
        found = re.match(r"\| softphone\.js:(\d+) \| `([^`]+)` \| ([^|]+) \| ((?:[^|\\]|\\.)+) \|", row)
        if found:
            became[(int(found.group(1)), found.group(2))] = (found.group(3),
                                                              re.sub(r"\\(.)", r"\1", found.group(4)))
    assert became[(7, "sforce.interaction.setVisible")][0] == "removed: Voice owns it"
    assert "**not converted**" in became[(8, "sforce.interaction.runApex")][0]
    page = (out / "report.html").read_text(encoding="utf-8")
    cells = _use_cells(page)
    assert cells == {key: text for key, (_, text) in became.items()}
    for key in ((7, "sforce.interaction.setVisible"), (8, "sforce.interaction.runApex")):
        assert "generated" not in cells[key] and "utility" not in cells[key]
    assert "<th>Became</th>" in page and "<th>Voice replacement</th>" not in page
    assert (f"<p><strong>Became:</strong> {cells[(7, 'sforce.interaction.setVisible')]}</p>"
            in html.unescape(page))

    scanned = tmp_path / "scan.html"
    proc = run_cli("scan", str(adapter), "-o", str(scanned))
    assert proc.returncode == 0, proc.stderr
    assessment = scanned.read_text(encoding="utf-8")
    assert "<th>Voice replacement</th>" in assessment
    assert _use_cells(assessment)[(7, "sforce.interaction.setVisible")] == (
        "lightning/platformUtilityBarApi open / minimize on the generated utility item; the Omni-Channel softphone "
        "itself is Salesforce-owned")
