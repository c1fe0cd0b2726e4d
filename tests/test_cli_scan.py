"""`ctimod scan` as users and CI pipelines run it: formats, files written, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest

from .conftest import ROOT, corpus_adapters, run_cli

ADAPTER = "corpus/lightning-postmessage-bridge"


def _schema():
    return json.loads(resources.files("ctimod.schemas").joinpath("scan-inventory-1.4.schema.json").read_text())


def test_help_does_not_import_the_parsers():
    code = ("import sys, contextlib, io\nfrom ctimod.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: main(['--help'])\n    except SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('tree_sitter', 'rich', 'jinja2', 'defusedxml'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_console_script_and_module_entry_point_print_help():
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "scan" in proc.stdout and "exit codes" in proc.stdout


def test_json_output_validates_against_the_published_schema():
    proc = run_cli("scan", "corpus", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    document = json.loads(proc.stdout)
    jsonschema.validate(document, _schema())
    assert document["summary"]["calls"] == sum(len([u for u in f["uses"] if u["kind"] == "call"])
                                               for f in document["files"])


def test_json_output_is_deterministic_across_runs_and_worker_counts():
    first = run_cli("scan", "corpus", "--format", "json", "-j", "1").stdout
    second = run_cli("scan", "corpus", "--format", "json", "-j", "2").stdout
    assert first == second and first


def test_a_json_only_scan_writes_the_inventory_a_full_scan_renders(corpus_scan, tmp_path):
    # With only JSON asked for, files become their JSON entries and summary counts where they are
    # analysed (pool workers) and their uses are not kept: the document must not change by a byte,
    # with one worker or two, and past the few hundred files a scan keeps in memory.
    from ctimod.report import jsonfmt

    full = jsonfmt.render(corpus_scan)
    for jobs in ("1", "2"):
        proc = run_cli("scan", "corpus", "--format", "json", "-j", jobs)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == full
    tree = tmp_path / "tree"
    for index in range(620):
        folder = tree / f"m{index // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        body = (f"var api{index} = window.sforce.opencti;\napi{index}.screenPop({{type: 'sobject', "
                f"params: {{recordId: r}}}});\nsforce.interaction.refreshPage(cb);\n") if index % 7 == 0 \
            else f"var x{index} = {index};\n"
        (folder / f"f{index}.js").write_text(body)
    (tree / "m0" / "broken.js").write_text("function (( { sforce.opencti.refreshView();\n")
    lean = run_cli("scan", str(tree), "-o", str(tmp_path / "lean.json"))
    both = run_cli("scan", str(tree), "-o", str(tmp_path / "full.json"), "-o", str(tmp_path / "full.md"))
    assert lean.returncode == both.returncode == 0, lean.stderr + both.stderr
    text = (tmp_path / "lean.json").read_text()
    assert text == (tmp_path / "full.json").read_text()
    document = json.loads(text)
    assert document["summary"]["calls"] == 2 * 89 + 1 and len(document["files"]) == 621


def test_json_entries_the_workers_write_reach_any_output_and_are_removed(corpus_scan, tmp_path):
    # Two workers write the files' JSON entries to files of their own, copied out by the kernel: the same
    # document on stdout (a pipe), in an -o file, and appended to a file the shell opened for appending
    # (where the kernel's copy is refused and the bytes are read and written); nothing left in TMPDIR.
    import os

    from ctimod.report import jsonfmt

    full = jsonfmt.render(corpus_scan)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {"TMPDIR": str(scratch)}
    piped = run_cli("scan", "corpus", "--format", "json", "-j", "2", env=env)
    assert piped.returncode == 0 and piped.stdout == full, piped.stderr
    assert run_cli("scan", "corpus", "-j", "2", "-o", str(tmp_path / "out.json"), env=env).returncode == 0
    assert (tmp_path / "out.json").read_text("utf-8") == full
    appended = tmp_path / "appended.json"
    appended.write_bytes(b"before\n")
    with open(appended, "ab") as out:
        proc = subprocess.run([sys.executable, "-m", "ctimod", "scan", "corpus", "--format", "json", "-j", "2"],
                              cwd=ROOT, stdout=out, stderr=subprocess.PIPE, env={**os.environ, **env}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert appended.read_text("utf-8") == "before\n" + full
    assert list(scratch.iterdir()) == []


def test_table_output_names_readiness_and_apis():
    proc = run_cli("scan", ADAPTER)
    assert proc.returncode == 0
    assert "Readiness:" in proc.stdout
    assert "sforce.opencti.onClickToDial" in proc.stdout
    assert "VendorBridge.xml" in proc.stdout  # the call center file is listed


def test_table_rendering_snapshot(snapshot):
    import io

    from rich.console import Console

    from ctimod.report import terminal
    from ctimod.scan import ScanOptions, scan

    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = scan([ADAPTER], ScanOptions(jobs=1))
    finally:
        os.chdir(cwd)
    buffer = io.StringIO()
    terminal.render(result, Console(file=buffer, width=100, color_system=None, force_terminal=False))
    snapshot.snapshot_dir = ROOT / "tests" / "snapshots" / "terminal"
    snapshot.assert_match(buffer.getvalue(), "scan-lightning-postmessage-bridge.txt")


def test_markdown_output(tmp_path):
    out = tmp_path / "inventory.md"
    proc = run_cli("scan", ADAPTER, "--format", "markdown", "-o", str(out))
    assert proc.returncode == 0 and proc.stdout == ""
    text = out.read_text()
    assert text.startswith("# Open CTI inventory")
    assert "| `sforce.opencti.screenPop` | lightning |" in text
    assert "February 28, 2028" in text


def test_sarif_output_is_valid_sarif_2_1_0(tmp_path):
    out = tmp_path / "ctimod.sarif"
    proc = run_cli("scan", "corpus/invalid-members-and-options", "--format", "sarif", "-o", str(out))
    assert proc.returncode == 0
    log = json.loads(out.read_text())
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "ctimod"
    assert len({r["id"] for r in rules}) == len(rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("note", "warning", "error")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] >= 1
    messages = [r["message"]["text"] for r in run["results"]]
    assert any("sforce.opencti.onReady: invalid" in m for m in messages)
    assert any("Voice replacement: TelephonyConnector.dial" in m for m in messages)
    assert any(r["ruleId"] == "ctimod/problem/wrong-option-name" for r in run["results"])


@pytest.mark.parametrize(("adapter", "fail_on"), [("invalid-members-and-options", "invalid"),
                                                  ("screenpop-every-type", "manual"),
                                                  ("classic-vf-softphone", "drop,invalid")])
def test_fail_on_exits_1_when_such_uses_exist(adapter, fail_on):
    assert run_cli("scan", f"corpus/{adapter}", "--fail-on", fail_on).returncode == 1


def test_fail_on_exits_0_when_no_such_uses_exist():
    proc = run_cli("scan", "corpus/amd-requirejs-modules/main.js", "--fail-on", "manual", "--fail-on", "invalid")
    assert proc.returncode == 0


@pytest.mark.parametrize("args", [
    ("scan",),
    ("scan", "no/such/path"),
    ("scan", "corpus", "--format", "xml"),
    ("scan", "corpus", "--fail-on", "sometimes"),
    ("scan", "corpus", "--max-file-size", "huge"),
    ("scan", "corpus", "-o", "no/such/folder/out.json"),
    ("explain", "notAMember"),
    (),
])
def test_usage_errors_exit_2(args):
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_output_refuses_to_overwrite_a_scanned_file(tmp_path):
    target = tmp_path / "adapter.js"
    target.write_text("sforce.opencti.refreshView();\n")
    proc = run_cli("scan", str(tmp_path), "--format", "json", "-o", str(target))
    assert proc.returncode == 2
    assert "refusing to overwrite" in proc.stderr
    assert target.read_text() == "sforce.opencti.refreshView();\n"


def test_output_refuses_a_link_to_a_scanned_file_and_a_file_among_many(tmp_path):
    # Past a few hundred files the reports live on disk; the check still covers every file read,
    # through a symbolic link, a hard link, or a file that ignore rules did not keep out.
    tree = tmp_path / "tree"
    for index in range(600):
        (tree / f"m{index // 100}").mkdir(parents=True, exist_ok=True)
        (tree / f"m{index // 100}" / f"f{index}.js").write_text(f"var x{index} = {index};\n")
    deep = tree / "m5" / "f599.js"
    deep.write_text("sforce.opencti.refreshView();\n")
    (tmp_path / "link.json").symlink_to(deep)
    import os

    os.link(tree / "m0" / "f3.js", tmp_path / "hard.md")
    for output in ("link.json", "hard.md"):
        proc = run_cli("scan", str(tree), "-o", str(tmp_path / output))
        assert proc.returncode == 2, proc.stderr
        assert f"refusing to overwrite {tmp_path / output}: it is one of the scanned files" in proc.stderr
    assert deep.read_text() == "sforce.opencti.refreshView();\n"
    assert (tree / "m0" / "f3.js").read_text() == "var x3 = 3;\n"
    (tmp_path / "r.html").symlink_to(tree / "m1" / "f100.js")
    proc = run_cli("report", str(tree), "-o", str(tmp_path / "r.html"))
    assert proc.returncode == 2 and "refusing to overwrite" in proc.stderr
    assert (tree / "m1" / "f100.js").read_text() == "var x100 = 100;\n"
    proc = run_cli("scan", str(tree), "-o", str(tmp_path / "out.json"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "out.json").read_text())["summary"]["calls"] == 1


def test_rerunning_a_scan_rewrites_its_own_earlier_reports(tmp_path):
    # `ctimod scan . -o out.json` run twice in one folder: the first run's report is ctimod's own
    # output, not an input; the second run rewrites it and says so, and every report is the same.
    (tmp_path / "softphone.js").write_text("sforce.opencti.refreshView();\nsforce.interaction.getPageInfo(cb);\n")
    commands = [("scan", ".", "-o", "out.json"), ("scan", ".", "-o", "out.sarif", "--format", "sarif"),
                ("scan", ".", "-o", "out.md", "--format", "markdown"),
                ("scan", ".", "-o", "out.html", "--format", "html"), ("report", ".", "-o", "assessment.html"),
                ("scan", ".", "-o", "out.txt", "--format", "table"), ("scan", ".", "--write-baseline", "baseline.json")]
    first = {}
    for args in commands:
        proc = run_cli(*args, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        first[args[3]] = (tmp_path / args[3]).read_bytes()
    for args in commands:
        proc = run_cli(*args, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert "refusing" not in proc.stderr
        assert (tmp_path / args[3]).read_bytes() == first[args[3]], args
    assert ("note: not scanned, as ctimod's own earlier report(s): assessment.html, baseline.json, out.html, "
            "out.json, out.md and 2 more") in proc.stderr
    assert (tmp_path / "out.txt").read_text().startswith("Open CTI inventory (ctimod scan)\n")
    inventory = json.loads((tmp_path / "out.json").read_text())
    assert [f["path"] for f in inventory["files"]] == ["softphone.js"]
    assert inventory["summary"]["calls"] == 2
    proc = run_cli("scan", ".", "--format", "json", "-v", cwd=tmp_path)
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == ["softphone.js"]


def test_a_file_that_is_not_ctimods_report_is_still_never_overwritten(tmp_path):
    # Only a file that begins as ctimod writes its reports is its own output: a user's JSON that
    # mentions the API (or an inventory edited at its head) is scanned, and -o refuses it.
    (tmp_path / "softphone.js").write_text("sforce.opencti.refreshView();\n")
    proc = run_cli("scan", ".", "-o", "out.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    ours = (tmp_path / "out.json").read_text()
    notes = tmp_path / "notes.json"
    notes.write_text('{"todo": "replace sforce.opencti.refreshView() in softphone.js"}\n')
    edited = tmp_path / "edited.json"
    edited.write_text('{"mine": 1, ' + ours.lstrip()[1:])
    for user_file in (notes, edited):
        before = user_file.read_text()
        proc = run_cli("scan", ".", "-o", user_file.name, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert f"refusing to overwrite {user_file.name}: it is one of the scanned files" in proc.stderr
        assert user_file.read_text() == before
    # A report named on the command line is read as asked, so it is an input too.
    proc = run_cli("scan", "out.json", "softphone.js", "-o", "out.json", cwd=tmp_path)
    assert proc.returncode == 2 and "refusing to overwrite out.json" in proc.stderr
    assert (tmp_path / "out.json").read_text() == ours


def test_explain_prints_what_a_member_becomes():
    proc = run_cli("explain", "onClickToDial")
    assert proc.returncode == 0
    assert "sforce.opencti.onClickToDial" in proc.stdout and "sforce.interaction.cti.onClickToDial" in proc.stdout
    assert "TelephonyConnector.dial" in proc.stdout
    # auto is a ceiling: convert rates the listener review when the moved code reads names the connector lacks
    assert ("  safety:    auto - converted automatically (at most: ctimod convert decides each call from the "
            "whole adapter and may rate it lower)\n") in proc.stdout
    proc = run_cli("explain", "enableClickToDial")
    assert "  safety:    drop - removed: Voice owns it\n" in proc.stdout


def test_include_and_exclude_globs(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.js").write_text("sforce.opencti.refreshView();")
    (tmp_path / "src" / "b.js").write_text("sforce.opencti.refreshView();")
    (tmp_path / "notes.txt").write_text("sforce.opencti.refreshView();")
    paths = lambda *a: [f["path"].rsplit("/", 1)[-1] for f in json.loads(run_cli(  # noqa: E731
        "scan", str(tmp_path), "--format", "json", *a).stdout)["files"]]
    # notes.txt is not code: listed (it mentions the API), not analysed; included by name, it is read as code.
    assert paths() == ["notes.txt", "a.js", "b.js"]  # in path order: notes.txt, src/a.js, src/b.js
    assert paths("--exclude", "b.js") == ["notes.txt", "a.js"]
    assert paths("--include", "*.txt") == ["notes.txt"]


@pytest.mark.parametrize("adapter", [a.name for a in corpus_adapters()])
def test_every_corpus_adapter_output_validates_against_the_schema(adapter):
    proc = run_cli("scan", f"corpus/{adapter}", "--format", "json")
    assert proc.returncode == 0
    jsonschema.validate(json.loads(proc.stdout), _schema())


def test_sarif_proposes_local_fixes_for_legacy_bugs():
    proc = run_cli("scan", "corpus/invalid-members-and-options", "--format", "sarif")
    results = json.loads(proc.stdout)["runs"][0]["results"]
    fixes = {r["ruleId"]: r["fixes"][0]["artifactChanges"][0]["replacements"][0] for r in results if "fixes" in r}
    assert fixes["ctimod/problem/wrong-option-name"]["insertedContent"]["text"] == "listener"
    assert fixes["ctimod/problem/invalid-member"]["insertedContent"]["text"] == "searchAndScreenPop"
    region = fixes["ctimod/problem/invalid-member"]["deletedRegion"]
    line = (ROOT / "corpus/invalid-members-and-options/adapter.js").read_text().splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "searchAndscreenPop"


def test_pre_commit_hooks_run_a_scan_that_fails_on_open_cti(tmp_path):
    import re
    import shlex

    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    entries = re.findall(r"^  entry: (.+)$", text, re.M)
    assert len(entries) == 2
    bad = tmp_path / "new.js"
    bad.write_text("sforce.opencti.searchAndscreenPop({searchParams: n});\n")
    for entry in entries:
        args = shlex.split(entry)
        assert args[:2] == ["ctimod", "scan"]
        assert run_cli(*args[1:], str(bad)).returncode == 1
        clean = tmp_path / "clean.js"
        clean.write_text("console.log('no Open CTI here');\n")
        assert run_cli(*args[1:], str(clean)).returncode == 0


def test_small_files_are_batched_largest_first_each_once_with_small_batches_at_the_end():
    from ctimod.scan import _batches

    for count in (0, 1, 7, 8, 105, 1000, 5000):
        for jobs in (2, 3, 8):
            batches = _batches(list(range(count)), jobs)
            assert [i for batch in batches for i in batch] == list(range(count))  # each once, in order
            assert all(0 < len(batch) <= 64 for batch in batches)
            if count >= 16 * jobs:
                # the workers' last batches shrink toward the end, below the first ones' size
                tail = [len(batch) for batch in batches[-2 * jobs:]]
                assert tail == sorted(tail, reverse=True) and tail[-1] < len(batches[0])


def test_a_large_files_json_entry_written_by_its_pool_worker_is_the_same_document(tmp_path):
    # A file over 1 MB is analysed alone in the pool; in a JSON-only scan its worker writes its entry to
    # its entry file piece by piece. The document must be the one a full scan renders, byte for byte.
    tree = tmp_path / "tree"
    tree.mkdir()
    call = "sforce.opencti.saveLog({{value: {{Subject: 'Anruf … {0}'}}, callback: function (r) {{ log(r); }}}});\n"
    (tree / "big.js").write_text("".join(call.format(i) for i in range(12_000)), "utf-8")
    assert (tree / "big.js").stat().st_size > 1024 * 1024
    for index in range(9):
        (tree / f"small{index}.js").write_text(f"var api{index} = window.sforce.opencti;\n"
                                               f"api{index}.screenPop({{type: 'sobject', params: {{recordId: r}}}});\n")
    lean = run_cli("scan", str(tree), "-j", "2", "-o", str(tmp_path / "lean.json"))
    both = run_cli("scan", str(tree), "-j", "2", "-o", str(tmp_path / "full.json"), "-o", str(tmp_path / "full.md"))
    assert lean.returncode == both.returncode == 0, lean.stderr + both.stderr
    text = (tmp_path / "lean.json").read_text("utf-8")
    assert text == (tmp_path / "full.json").read_text("utf-8")
    assert json.loads(text)["summary"]["calls"] == 12_000 + 9


def test_an_entry_that_cannot_be_written_whole_leaves_the_entry_file_as_it_was(tmp_path):
    # (a large file's entry is written in chunks: one that fails part way is cut back off, so the next
    # entry lands where the store says it does, and the report travels with its uses as before)
    from ctimod import scan

    folder = str(tmp_path)

    def failing():
        yield b"half an entry"
        raise UnicodeEncodeError("utf-8", "\udc80", 0, 1, "surrogates not allowed")

    try:
        assert scan._store_chunks(failing(), folder) is None
        stored = scan._store_chunks([b'{"a": ', b"1}"], folder)
        assert (stored.offset, stored.size) == (0, 8)
        with open(stored.path, "rb") as handle:
            assert handle.read() == b'{"a": 1}'
    finally:
        held = scan._ENTRY_FILES.pop(folder, None)
        if held:
            import os

            os.close(held[0])
