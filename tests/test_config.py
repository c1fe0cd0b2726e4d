"""Settings files, accepted-findings baselines, ignore files and what convert refuses, through the CLI."""

from __future__ import annotations

import json
import subprocess

import pytest

from .conftest import ROOT, corpus_adapters, run_cli

REVIEW = "sforce.opencti.refreshView();\n"  # review
MANUAL = "sforce.opencti.searchAndScreenPop({searchParams: n, callback: cb});\n"  # manual


def _tree(root, files: dict[str, str]):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _paths(proc) -> list[str]:
    assert proc.returncode in (0, 1), proc.stderr
    return [f["path"] for f in json.loads(proc.stdout)["files"]]


def test_ctimod_toml_sets_exclude_and_fail_on_and_the_command_line_wins(tmp_path):
    _tree(tmp_path, {"src/a.js": MANUAL, "test/b.js": REVIEW,
                     ".ctimod.toml": 'exclude = ["test/**"]\nfail-on = ["manual"]\n'})
    proc = run_cli("scan", ".", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    assert _paths(proc) == ["src/a.js"]
    assert run_cli("scan", ".", "--fail-on", "invalid", cwd=tmp_path).returncode == 0
    assert _paths(run_cli("scan", ".", "--format", "json", "--exclude", "src/**", cwd=tmp_path)) == ["test/b.js"]
    assert run_cli("scan", ".", "--no-config", cwd=tmp_path).returncode == 0


def test_pyproject_tool_ctimod_is_found_from_a_sub_folder(tmp_path):
    _tree(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n\n[tool.ctimod]\ninclude = ["**/*.page"]\n'
                                       'fail-on = "review"\n',
                     "app/a.js": REVIEW, "app/b.page": f"<script>{REVIEW}</script>\n"})
    proc = run_cli("scan", ".", "--format", "json", cwd=tmp_path / "app")
    assert proc.returncode == 1 and _paths(proc) == ["b.page"]
    assert "settings from" in run_cli("-v", "scan", ".", cwd=tmp_path / "app").stderr


@pytest.mark.parametrize("text, message", [
    ('fail_onn = ["manual"]\n', "did you mean 'fail-on'"),
    ('fail-on = ["sometimes"]\n', "fail-on must be"),
    ("connector-api = 5\n", "connector-api must be 3 or 4"),
    ("max-file-size = 'huge'\n", "max-file-size must be"),
    ("include = [\n", "not valid TOML"),
])
def test_a_wrong_setting_is_a_usage_error_naming_file_and_key(tmp_path, text, message):
    _tree(tmp_path, {"a.js": REVIEW, ".ctimod.toml": text})
    proc = run_cli("scan", ".", cwd=tmp_path)
    assert proc.returncode == 2 and message in proc.stderr and ".ctimod.toml" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_convert_reads_the_connector_api_and_max_file_size_from_settings(tmp_path):
    _tree(tmp_path, {".ctimod.toml": "connector-api = 3\n"})
    out = tmp_path / "out"
    proc = run_cli("convert", str(ROOT / "corpus/lightning-postmessage-bridge"), "-o", str(out), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "migration.json").read_text())["options"]["connector_api"] == 3


def test_baseline_fails_only_on_new_findings(tmp_path):
    _tree(tmp_path, {"src/a.js": "// header\n" + REVIEW + MANUAL})
    proc = run_cli("scan", ".", "--write-baseline", ".ctimod-baseline.json", cwd=tmp_path)
    assert proc.returncode == 0 and "2 accepted finding(s)" in proc.stderr
    baseline = json.loads((tmp_path / ".ctimod-baseline.json").read_text())
    assert [f["api"] for f in baseline["findings"]] == ["sforce.opencti.refreshView",
                                                        "sforce.opencti.searchAndScreenPop"]
    assert all(f["file"] == "src/a.js" and "line" in f for f in baseline["findings"])
    _tree(tmp_path, {".ctimod.toml": 'baseline = ".ctimod-baseline.json"\nfail-on = ["manual", "review"]\n'})
    assert run_cli("scan", ".", "--fail-on", "manual,review", "--no-config", cwd=tmp_path).returncode == 1
    proc = run_cli("scan", ".", cwd=tmp_path)
    assert proc.returncode == 0 and "0 new finding(s)" in proc.stderr
    # Lines added above accepted calls do not make them new; run from elsewhere, the file is still found.
    _tree(tmp_path, {"src/a.js": "// header\n// more\n\n" + REVIEW + MANUAL})
    assert run_cli("scan", str(tmp_path), "--config", str(tmp_path / ".ctimod.toml"), cwd=ROOT).returncode == 0
    # A second copy of an accepted call is new.
    _tree(tmp_path, {"src/a.js": "// header\n" + REVIEW + MANUAL + MANUAL})
    proc = run_cli("-v", "scan", ".", cwd=tmp_path)
    assert proc.returncode == 1 and "1 new finding(s)" in proc.stderr and "src/a.js:4" in proc.stderr


def test_an_accepted_call_rated_otherwise_after_an_upgrade_is_not_new(tmp_path):
    # A baseline as an earlier ctimod wrote it: the call in the branch `if (/* on */ true)` does not take was
    # rated review then (the comment hid the constant); it is drop now. It is the same accepted call: the
    # scan passes and says it was rated otherwise; a call the baseline does not hold still fails it.
    dead = "if (/* on */ true) {\n  log(1);\n} else {\n  sforce.opencti.refreshView();\n}\n"
    _tree(tmp_path, {"src/a.js": dead + MANUAL, ".ctimod-baseline.json": json.dumps({
        "format": "ctimod-baseline-1",
        "findings": [{"file": "src/a.js", "api": "sforce.opencti.refreshView", "disposition": "review",
                      "line": "sforce.opencti.refreshView();", "count": 1},
                     {"file": "src/a.js", "api": "sforce.opencti.searchAndScreenPop", "disposition": "manual",
                      "line": MANUAL.strip(), "count": 1}]})})
    proc = run_cli("-v", "scan", ".", "--baseline", ".ctimod-baseline.json", "--fail-on", "drop,manual,review",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert ("0 new finding(s) (drop, manual, review); 2 accepted in .ctimod-baseline.json, 1 of them rated "
            "otherwise since it was written") in proc.stderr
    assert "accepted, now drop: src/a.js:4 sforce.opencti.refreshView" in proc.stderr
    _tree(tmp_path, {"src/a.js": dead + MANUAL + REVIEW})
    proc = run_cli("scan", ".", "--baseline", ".ctimod-baseline.json", "--fail-on", "review", cwd=tmp_path)
    assert proc.returncode == 1 and "1 new finding(s)" in proc.stderr


@pytest.mark.parametrize("target", ["src/a.js", "link.js"])
def test_write_baseline_refuses_to_overwrite_a_scanned_file(tmp_path, target):
    """--write-baseline wrote over whatever it was given: `--write-baseline src/a.js` (a slip for -o, or a
    completed path) replaced the user's adapter code with a baseline, exit 0. Now it is refused as -o is."""
    _tree(tmp_path, {"src/a.js": REVIEW})
    (tmp_path / "link.js").symlink_to("src/a.js")
    proc = run_cli("scan", "src", "--write-baseline", target, cwd=tmp_path)
    assert proc.returncode == 2 and f"refusing to overwrite {target}: it is one of the scanned files" in proc.stderr
    assert (tmp_path / "src" / "a.js").read_text() == REVIEW


def test_a_missing_baseline_is_a_usage_error(tmp_path):
    _tree(tmp_path, {"a.js": REVIEW})
    proc = run_cli("scan", ".", "--fail-on", "review", "--baseline", "nope.json", cwd=tmp_path)
    assert proc.returncode == 2 and "--write-baseline nope.json" in proc.stderr


def test_forceignore_is_honoured_and_named_ignored_paths_are_read(tmp_path):
    _tree(tmp_path, {".gitignore": "tmp/\n", ".forceignore": "**/jsconfig.json\nlegacy/\n",
                     "src/a.js": REVIEW, "tmp/copy.js": REVIEW, "legacy/old.js": REVIEW, "legacy/old.page": "x\n",
                     "tmp/notes.txt": "x\n"})
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    proc = run_cli("scan", ".", "--format", "json", cwd=tmp_path)
    assert _paths(proc) == ["src/a.js"]
    assert "3 file(s) not read because ignore files list them: .forceignore (2), .gitignore (1)" in proc.stderr
    assert "--no-ignore" in proc.stderr
    assert "ignored by .forceignore: legacy/old.js" in run_cli("-v", "scan", ".", cwd=tmp_path).stderr
    assert _paths(run_cli("scan", ".", "--format", "json", "--no-ignore", cwd=tmp_path)) == [
        "legacy/old.js", "legacy/old.page", "src/a.js", "tmp/copy.js"]
    # Naming an ignored folder or file reads it (rules inside it still apply).
    proc = run_cli("scan", "tmp", "legacy/old.js", "--format", "json", cwd=tmp_path)
    assert _paths(proc) == ["legacy/old.js", "tmp/copy.js"] and "not read" not in proc.stderr
    out = tmp_path / "out"
    proc = run_cli("convert", "tmp", "-o", str(out), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_ignore_files_false_in_settings_reads_everything(tmp_path):
    _tree(tmp_path, {".gitignore": "tmp/\n", "tmp/copy.js": REVIEW, ".ctimod.toml": "ignore-files = false\n"})
    assert _paths(run_cli("scan", ".", "--format", "json", cwd=tmp_path)) == ["tmp/copy.js"]


def test_convert_refuses_a_tree_of_several_adapters_unless_merge(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("convert", "corpus", "-o", str(out))
    assert proc.returncode == 2
    assert f"corpus holds {len(corpus_adapters())} independent adapters" in proc.stderr
    assert "corpus/amd-requirejs-modules" in proc.stderr and "--merge" in proc.stderr
    assert not out.exists()
    tree = _tree(tmp_path / "two", {"a/x.js": REVIEW, "b/y.js": MANUAL})
    proc = run_cli("convert", str(tree), "-o", str(out))
    assert proc.returncode == 2 and "2 independent adapters" in proc.stderr and f"{tree}/a" in proc.stderr
    proc = run_cli("convert", str(tree), "-o", str(out), "--merge", "-q")
    assert proc.returncode == 0, proc.stderr
    assert (out / "MIGRATION.md").is_file()


@pytest.mark.parametrize("name", ["README.md", "notes.txt", "Makefile"])
def test_convert_refuses_named_files_that_cannot_hold_adapter_code(tmp_path, name):
    _tree(tmp_path, {name: "sforce.opencti.screenPop({})\n"})
    proc = run_cli("convert", str(tmp_path / name), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and "cannot hold adapter code" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_malformed_include_or_exclude_pattern_is_a_usage_error(tmp_path):
    _tree(tmp_path, {"a.js": REVIEW})
    for option in ("--include", "--exclude"):
        proc = run_cli("scan", ".", option, "[z-a].js", cwd=tmp_path)
        assert proc.returncode == 2 and "not a valid pattern" in proc.stderr and "Traceback" not in proc.stderr
