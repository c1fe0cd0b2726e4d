"""`ctimod convert` from the command line: the user's files are safe, OUTDIR is handled with care."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from ctimod.write import WriteError, safe_relative, write_bundle

from .conftest import CORPUS, run_cli

ADAPTER = str(CORPUS / "lightning-postmessage-bridge")


def _snapshot_tree(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_convert_writes_the_bundle_and_never_touches_the_input(tmp_path):
    copy = tmp_path / "adapter"
    shutil.copytree(ADAPTER, copy)
    before = _snapshot_tree(copy)
    out = tmp_path / "out"
    proc = run_cli("convert", str(copy), "-o", str(out), "--no-diffs")
    assert proc.returncode == 0, proc.stderr
    assert _snapshot_tree(copy) == before
    names = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert {"MIGRATION.md", "migration.json", "report.html", "sfdx-project.json", "connector/package.json",
            "connector/src/connector.js", "connector/src/index.js"} <= names
    assert "Conversion plan" in proc.stdout


def test_a_non_empty_outdir_is_refused_without_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    proc = run_cli("convert", ADAPTER, "-o", str(out))
    assert proc.returncode == 2
    assert "is not empty; use --force" in proc.stderr
    assert (out / "keep.txt").read_text() == "mine"
    proc = run_cli("convert", ADAPTER, "-o", str(out), "--force", "--no-diffs")
    assert proc.returncode == 0
    assert not (out / "keep.txt").exists() and (out / "MIGRATION.md").exists()


def test_written_files_get_the_users_permissions_not_private_temporary_ones(tmp_path):
    """The bundle is staged in a temporary folder and reports in temporary files: what lands must be
    readable as the umask says (a team's shared checkout, a web server serving report.html)."""
    previous = os.umask(0o022)
    try:
        out = tmp_path / "out"
        assert run_cli("convert", ADAPTER, "-o", str(out), "--no-diffs").returncode == 0
        inventory = tmp_path / "inventory.json"
        assert run_cli("scan", ADAPTER, "--format", "json", "-o", str(inventory)).returncode == 0
        report = tmp_path / "assessment.html"
        assert run_cli("report", ADAPTER, "-o", str(report)).returncode == 0
    finally:
        os.umask(previous)
    assert out.stat().st_mode & 0o777 == 0o755
    assert (out / "connector").stat().st_mode & 0o777 == 0o755
    for path in (out / "report.html", out / "connector/src/connector.js", inventory, report):
        assert path.stat().st_mode & 0o777 == 0o644, path
    # A replaced output keeps the permissions its owner gave it.
    inventory.chmod(0o600)
    out.chmod(0o750)
    assert run_cli("scan", ADAPTER, "--format", "json", "-o", str(inventory)).returncode == 0
    assert run_cli("convert", ADAPTER, "-o", str(out), "--force", "--no-diffs").returncode == 0
    assert inventory.stat().st_mode & 0o777 == 0o600
    assert out.stat().st_mode & 0o777 == 0o750


def test_an_outdir_that_holds_the_input_is_refused_even_with_force(tmp_path):
    copy = tmp_path / "adapter"
    shutil.copytree(ADAPTER, copy)
    proc = run_cli("convert", str(copy / "softphone.js"), "-o", str(copy), "--force")
    assert proc.returncode == 2 and "contains the input" in proc.stderr
    assert (copy / "softphone.js").exists()


def test_dry_run_prints_plan_and_diffs_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("convert", ADAPTER, "-o", str(out), "--dry-run", "--diffs")
    assert proc.returncode == 0
    assert not out.exists()
    assert "dry run: nothing was written" in proc.stdout
    assert "legacy" in proc.stdout and "generated" in proc.stdout  # the side-by-side columns


def test_diffs_are_off_when_stdout_is_not_a_terminal_unless_asked(tmp_path):
    proc = run_cli("convert", ADAPTER, "--dry-run")
    assert proc.returncode == 0
    assert "\nlegacy  " not in proc.stdout and "--diffs prints them" in proc.stdout
    assert "Conversion plan" in proc.stdout


def test_quiet_convert_prints_nothing_but_errors(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("convert", ADAPTER, "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    assert (out / "MIGRATION.md").is_file()
    loud = run_cli("-v", "convert", ADAPTER, "--dry-run")
    assert "Conversion plan" in loud.stdout


def test_failed_conversions_exit_1_and_are_reported(tmp_path):
    out = tmp_path / "out"
    proc = run_cli("convert", str(CORPUS / "broken-syntax-adapter"), "-o", str(out), "--no-diffs")
    assert proc.returncode == 1
    document = json.loads((out / "migration.json").read_text())
    assert document["summary"]["failed"] >= 1
    assert all(check["ok"] for check in document["checks"])


@pytest.mark.parametrize("args", [
    ("convert", ADAPTER),
    ("convert", "no/such/adapter", "-o", "x"),
    ("convert", ADAPTER, "-o", "x", "--connector-api", "5"),
    ("convert", ADAPTER, "-o", "x", "--name", "Bad-Name"),
])
def test_convert_usage_errors_exit_2(args, tmp_path):
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_hostile_adapter_names_give_a_valid_lwc_name_and_stay_inside_outdir(tmp_path):
    hostile = tmp_path / "evil 'quote' <script> ]]> -- $(x)\x08 -"
    hostile.mkdir()
    (hostile / "a.js").write_text("function pop(id) { sforce.opencti.screenPop({type: 'sobject', params: "
                                  "{recordId: id}}); }\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("convert", str(hostile), "-o", str(out), "--no-diffs")
    assert proc.returncode == 0, proc.stderr
    lwc = [p for p in (out / "force-app/main/default/lwc").iterdir()]
    # The name's control character (\x08) is shown escaped, as every report shows file names.
    assert [p.name for p in lwc] == ["evilQuoteScriptXX08"]
    assert (out / "MIGRATION.md").read_text().startswith("# Migration of evil 'quote' \\<script\\> \\]\\]\\>")
    for path in out.rglob("*"):
        assert out in path.resolve().parents
    meta = (lwc[0] / "evilQuoteScriptXX08.js-meta.xml").read_text()
    assert "&lt;script&gt; ]]&gt; - - $(x)\\x08 - " in meta  # escaped in XML, and no "--" ends the comment early
    assert json.loads((out / "migration.json").read_text())["dropped_files"] == []
    report = (out / "report.html").read_text()
    assert "evil &#39;quote&#39; &lt;script&gt; ]]&gt;" in report and "<script> ]]>" not in report


@pytest.mark.parametrize("path", ["../escape.js", "/etc/passwd", "a/../../b", "", "a/b/../../../x", "C:evil"])
def test_paths_that_would_leave_outdir_are_refused(path):
    with pytest.raises(WriteError):
        safe_relative(path)


def test_a_read_only_outdir_parent_gives_a_clear_error_and_leaves_nothing(tmp_path):
    if os.geteuid() == 0:
        parent = tmp_path / "not-a-folder"
        parent.write_text("x")  # a file where a folder should be: root can still not write below it
        target = parent / "out"
    else:
        parent = tmp_path / "ro"
        parent.mkdir()
        parent.chmod(0o500)
        target = parent / "out"
    with pytest.raises(WriteError):
        write_bundle(str(target), [("MIGRATION.md", "x")], [])
    assert not target.exists()
    leftovers = [p for p in tmp_path.rglob("*ctimod-*")]
    assert leftovers == []


def test_a_failure_while_writing_leaves_nothing_half_written(tmp_path, monkeypatch):
    out = tmp_path / "out"
    calls = {"n": 0}
    real_open = open

    def flaky(file, mode="r", *args, **kwargs):
        if "w" in mode and str(file).startswith(str(tmp_path)):
            calls["n"] += 1
            if calls["n"] == 2:
                raise OSError(28, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", flaky)
    with pytest.raises(WriteError, match="No space left on device"):
        write_bundle(str(out), [("a.txt", "1"), ("b/c.txt", "2")], [])
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == []


def test_two_top_level_scripts_on_the_same_line_get_names_that_do_not_read_as_another_line(tmp_path):
    adapter = tmp_path / "two-scripts"
    adapter.mkdir()
    (adapter / "a.js").write_text("sforce.opencti.refreshView();\n", encoding="utf-8")
    (adapter / "b.js").write_text("sforce.opencti.refreshView();\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("convert", str(adapter), "-o", str(out), "--no-diffs")
    assert proc.returncode == 0, proc.stderr
    lwc = (out / "force-app/main/default/lwc/twoScripts/twoScripts.js").read_text()
    # Both calls are on line 1 of their file: the second method is legacyScript1_2, not legacyScript12 (line 12).
    assert "    legacyScript1() {" in lwc and "    legacyScript1_2() {" in lwc and "legacyScript12" not in lwc
    rows = json.loads((out / "migration.json").read_text())["conversions"]
    assert [(row["file"], row["location"].split(": ")[1]) for row in rows] == [
        ("a.js", "legacyScript1() (nothing calls it yet)"), ("b.js", "legacyScript1_2() (nothing calls it yet)")]


def test_converting_again_into_a_bundle_inside_the_adapter_gives_the_same_bundle(tmp_path):
    # The bundle written inside the adapter's folder (-o adapter/out) is ctimod's own output when the folder is
    # converted again: its contact center definition was read as the adapter's call center and converted once more
    # (two reqHvcc sections, 'Northwind (Voice) (Voice)'), its connector's vendor code as the adapter's (methods
    # wired to out/connector/src/connector.js), its MIGRATION.md listed as a skipped file.
    adapter = tmp_path / "adapter"
    shutil.copytree(CORPUS / "twilio-voice-sdk2", adapter)
    out = adapter / "out"
    first = run_cli("convert", str(adapter), "-o", str(out), "--no-diffs")
    assert first.returncode == 0, first.stderr
    before = _snapshot_tree(out)
    again = run_cli("convert", str(adapter), "-o", str(out), "--force", "--no-diffs")
    assert again.returncode == 0, again.stderr
    assert _snapshot_tree(out) == before
    scan = run_cli("scan", str(adapter), "--format", "json")
    assert "note: not scanned, as ctimod's own earlier report(s): " + str(out) + "/ " in scan.stderr
    assert not [f["path"] for f in json.loads(scan.stdout)["files"] if "/out/" in f["path"]]


def test_a_contact_center_definition_that_is_one_already_keeps_its_names_and_one_voice_section(tmp_path):
    adapter = tmp_path / "begun"
    adapter.mkdir()
    (adapter / "phone.js").write_text("sforce.opencti.refreshView();\n", encoding="utf-8")
    (adapter / "Acme.callCenter").write_text(
        '<callCenter>\n<section sortOrder="0" name="reqGeneralInfo" label="General Information">\n'
        '<item sortOrder="0" name="reqInternalName" label="InternalName">AcmeVoice</item>\n'
        '<item sortOrder="1" name="reqDisplayName" label="Display Name">Acme Voice</item>\n'
        '<item sortOrder="2" name="reqVendorInfoApiName" label="Vendor">AcmeConnector</item>\n'
        '<item sortOrder="3" name="reqAdapterUrl" label="CTI Adapter URL">https://acme.example/phone</item>\n'
        '</section>\n<section sortOrder="1" name="reqHvcc" label="SCV Settings">\n'
        '<item sortOrder="0" name="reqTelephonyIntegrationCertificate" label="Certificate">MIIBcert</item>\n'
        '</section>\n</callCenter>\n', encoding="utf-8")
    proc = run_cli("convert", str(adapter), "-o", str(tmp_path / "out"), "--no-diffs")
    assert proc.returncode == 0, proc.stderr
    (center,) = (tmp_path / "out" / "contact-center").iterdir()
    text = center.read_text()
    assert center.name == "AcmeVoice.xml" and text.count('name="reqHvcc"') == 1
    assert '<item sortOrder="1" name="reqDisplayName" label="Display Name">Acme Voice</item>' in text
    assert '<item sortOrder="2" name="reqVendorInfoApiName" label="Vendor Information API Name">AcmeConnector</item>' \
        in text
    assert '<item sortOrder="0" name="reqTelephonyIntegrationCertificate" label="Certificate">MIIBcert</item>' in text
