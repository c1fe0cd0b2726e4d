"""CLI habits of the Salesforce toolbox: formats by file name, -q/-v, colour, "did you mean", help,
completion, tables that never split a path, packaging, the pre-commit hook's file filter."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, run_cli

ADAPTER = "corpus/lightning-postmessage-bridge"


def test_output_format_comes_from_each_file_name(tmp_path):
    names = ["inv.json", "code.sarif", "INVENTORY.md", "report.html", "table.txt"]
    proc = run_cli("scan", ADAPTER, *[a for n in names for a in ("-o", str(tmp_path / n))])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert json.loads((tmp_path / "inv.json").read_text())["schema_version"] == "1.4"
    assert json.loads((tmp_path / "code.sarif").read_text())["version"] == "2.1.0"
    assert (tmp_path / "INVENTORY.md").read_text().startswith("#")
    html = (tmp_path / "report.html").read_text()
    assert html.lstrip().lower().startswith("<!doctype html>") and "Effort" in html
    table = (tmp_path / "table.txt").read_text()
    assert "Open CTI members used" in table and "\x1b[" not in table


@pytest.mark.parametrize("args, message", [
    (("scan", ADAPTER, "-o", "{tmp}/out.xml"), "cannot tell the format"),
    (("scan", ADAPTER, "-o", "{tmp}"), "it is a folder"),
    (("scan", ADAPTER, "-o", "{tmp}/"), "it is a folder"),
    (("scan", ADAPTER, "--format", "json", "-o", "{tmp}/out.sarif"), "contradicts"),
    (("scan", ADAPTER, "-o", "{tmp}/a.json", "-o", "{tmp}/a.json"), "named twice"),
    (("report", ADAPTER, "-o", "{tmp}/r.json"), "writes .html"),
    (("report", ADAPTER, "-o", "{tmp}"), "it is a folder"),
])
def test_unknown_extensions_and_folders_are_usage_errors(tmp_path, args, message):
    proc = run_cli(*[a.format(tmp=tmp_path) for a in args])
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_format_option_still_names_stdout_and_an_extensionless_file(tmp_path):
    proc = run_cli("scan", ADAPTER, "--format", "sarif")
    assert json.loads(proc.stdout)["version"] == "2.1.0"
    out = tmp_path / "inventory"
    assert run_cli("scan", ADAPTER, "--format", "json", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text())["schema_version"] == "1.4"


def test_color_always_never_and_quiet(tmp_path):
    always = run_cli("scan", ADAPTER, "--color", "always")
    assert "\x1b[" in always.stdout
    never = run_cli("scan", ADAPTER, "--color=never", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in never.stdout and "Readiness" in never.stdout
    (tmp_path / ".gitignore").write_text("ignored/\n")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "a.js").write_text("sforce.opencti.refreshView();\n")
    assert "not read because ignore files" in run_cli("scan", str(tmp_path)).stderr
    quiet = run_cli("-q", "scan", str(tmp_path))
    assert quiet.stderr == ""


def test_did_you_mean_for_commands_and_members():
    proc = run_cli("scna", "corpus")
    assert proc.returncode == 2 and "did you mean 'scan'" in proc.stderr
    proc = run_cli("explain", "onClickToDail")
    assert proc.returncode == 2 and "'onClickToDial'" in proc.stderr and "--list" in proc.stderr
    proc = run_cli("explain", "sforce.interaction.cti.getCallCenterSetings")
    assert proc.returncode == 2 and "sforce.interaction.cti.getCallCenterSettings" in proc.stderr


def test_explain_list_names_every_member():
    from ctimod.catalog import MEMBERS

    proc = run_cli("explain", "--list")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert len(lines) == len(MEMBERS)
    assert all(line.split()[0] == m.api and line.split()[1] == m.disposition.value for line, m in zip(lines, MEMBERS))


@pytest.mark.parametrize("command", [(), ("scan",), ("convert",), ("report",), ("verify",), ("explain",),
                                     ("completion",)])
def test_every_help_has_examples_and_no_docs_pip_does_not_install(command):
    proc = run_cli(*command, "--help")
    assert proc.returncode == 0
    assert "examples:\n  ctimod " in proc.stdout
    assert "Docs: README.md" not in proc.stdout


def test_bash_completion_completes_commands_options_choices_and_members(tmp_path):
    proc = run_cli("completion", "bash")
    assert proc.returncode == 0
    script = tmp_path / "ctimod.bash"
    script.write_text(proc.stdout)

    def complete(*words: str) -> list[str]:
        code = (f"source {script}; COMP_WORDS=(ctimod {' '.join(repr(w) if w else chr(39) * 2 for w in words)}); "
                f"COMP_CWORD={len(words)}; _ctimod; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
        out = subprocess.run(["bash", "-c", code], capture_output=True, text=True, check=True).stdout
        return out.split()

    assert complete("sc") == ["scan"]
    assert "--format" in complete("scan", "--fo")
    assert complete("scan", "--format", "") == ["table", "json", "sarif", "markdown", "html"]
    assert complete("explain", "onClickTo") == ["onClickToDial"]
    assert complete("convert", "--connector-api", "") == ["3", "4"]


@pytest.mark.parametrize("shell, check", [("zsh", ["zsh", "-n"]), ("fish", ["fish", "--no-execute"])])
def test_zsh_and_fish_completion_scripts_parse(tmp_path, shell, check):
    proc = run_cli("completion", shell)
    assert proc.returncode == 0 and "ctimod" in proc.stdout
    if shutil.which(check[0]) is None:
        pytest.skip(f"{check[0]} is not installed")
    script = tmp_path / f"ctimod.{shell}"
    script.write_text(proc.stdout)
    assert subprocess.run([*check, str(script)], capture_output=True).returncode == 0


@pytest.mark.parametrize("columns", ["50", "80", "200"])
def test_tables_never_split_a_path_or_an_api_name(columns):
    paths = ("corpus/aura-lightning-component", "corpus/classic-vf-softphone")
    proc = run_cli("scan", *paths, "--color", "never", env={"COLUMNS": columns})
    assert proc.returncode == 0
    words = set(proc.stdout.split())
    scanned = json.loads(run_cli("scan", *paths, "--format", "json").stdout)
    shown = [f["path"] for f in scanned["files"] if f["uses"] or f["diagnostics"]]
    assert shown and set(shown) <= words
    apis = {u["api"] for f in scanned["files"] for u in f["uses"] if u["kind"] == "call"}
    assert apis and apis <= words
    assert all(len(line) <= int(columns) for line in proc.stdout.splitlines() if "─" in line)


def test_convert_plan_never_splits_a_path_at_80_columns():
    proc = run_cli("convert", "corpus/classic-vf-softphone", "--dry-run", "--color", "never", env={"COLUMNS": "80"})
    assert proc.returncode == 0
    assert "\nClassicSoftphone.page:" in proc.stdout  # paths are relative to the adapter root


def test_pyproject_has_urls_a_license_string_and_lists_every_template_folder():
    try:
        import tomllib
    except ModuleNotFoundError:
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert isinstance(project["project"]["license"], str)
    assert {"Homepage", "Documentation", "Issues"} <= set(project["project"]["urls"])
    packages = set(project["tool"]["setuptools"]["packages"])
    folders = {p.relative_to(ROOT / "lwc_templates") for p in (ROOT / "lwc_templates").rglob("*")
               if p.is_dir() and p.name != "__pycache__"}
    missing = {"ctimod.lwc_templates." + ".".join(f.parts) for f in folders} - packages
    missing |= {".".join(("ctimod",) + p.parent.relative_to(ROOT / "src" / "ctimod").parts)
                for p in (ROOT / "src" / "ctimod").rglob("__init__.py")} - packages
    assert not missing, f"add to [tool.setuptools] packages (and package-data): {sorted(missing)}"


def test_wheel_builds_without_setuptools_warnings_and_carries_templates(tmp_path):
    source = tmp_path / "src"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split("\n")
    for name in filter(None, files):
        path = ROOT / name
        if path.is_file() and not name.startswith(("corpus/", "tests/", "bench/")):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, source / name)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", str(source), "-w",
                           str(tmp_path / "dist")], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    log = proc.stdout + proc.stderr
    assert "SetuptoolsDeprecationWarning" not in log
    assert "absent from the `packages` configuration" not in log
    import zipfile

    [wheel] = (tmp_path / "dist").glob("ctimod-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ctimod/codemods/__init__.py" in names
    assert "ctimod/lwc_templates/report/assessment.html.j2" in names
    assert "ctimod/lwc_templates/lwc/component.html.j2" in names


def test_pre_commit_hooks_select_every_adapter_file_kind():
    """pre-commit runs a hook on a file when `files` matches and the file's type tags satisfy `types_or`."""
    from identify.identify import tags_from_filename

    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    hooks = text.split("\n- id: ")[1:]
    assert len(hooks) == 2
    for hook in hooks:
        files = re.compile(re.search(r"^  files: (.+)$", hook, re.M).group(1))
        types_or = re.search(r"^  types_or: \[(.*)\]$", hook, re.M)
        wanted = {t.strip() for t in types_or.group(1).split(",")} if types_or else None
        names = ["softphone.page", "Softphone.cmp", "bridge.component", "Lib.resource", "adapter.js", "app.ts",
                 "index.html", "view.vfp"]
        if "xml" in files.pattern:
            names += ["Vendor.callCenter", "Vendor.callCenter-meta.xml", "cc.xml"]
        for name in names:
            assert files.search(name), (hook.split()[0], name)
            if wanted is not None:
                assert wanted & (tags_from_filename(name) | {"file"}), (hook.split()[0], name)
