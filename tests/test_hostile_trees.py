"""Hostile trees, names and outputs through the CLI (issue 17 items 1-6 and 10, issue 16's lock and naming):
each case with the exit code and the message a user sees, and nothing from outside the named paths in any output.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from urllib.parse import quote

import pytest

from .conftest import ROOT

CALL = "sforce.opencti.onClickToDial({listener: function (p) { console.log(p.number); }});\n"
POP = "function pop(id) {\n    sforce.opencti.screenPop({ type: 'url', params: { url: '/' + id } });\n}\n"
SECRET = ("var TOKEN = 'sk_live_LEAKEDSECRET0123456789';\n"
          "function leak() { sforce.opencti.screenPop({type: 'url', params: {url: TOKEN}}); }\n")
ADAPTER = ROOT / "corpus" / "twilio-lightning-softphone"


def ctimod(*args, cwd, env=None, timeout=300, **kwargs) -> subprocess.CompletedProcess:
    """The CLI in a subprocess; stdout and stderr as bytes (a test decodes them strictly)."""
    environment = {k: v for k, v in os.environ.items() if k != "CTIMOD_DEBUG"}
    environment["COLUMNS"] = "200"
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "ctimod", *args], cwd=cwd, capture_output=True,
                          env=environment, timeout=timeout, **kwargs)


def text(proc) -> str:
    """stdout + stderr, which must be valid UTF-8, with rich's line wrapping undone."""
    return " ".join((proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")).split())


def every_output(folder) -> str:
    return "".join(p.read_bytes().decode("utf-8") for p in sorted(folder.rglob("*")) if p.is_file())


def hidden_leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".ctimod-" in p.name)


# ------------------------------------------------------------------------------------------ 1. links out of the tree
@pytest.fixture
def leaky(tmp_path):
    """tree/ with an adapter, a file link and a folder link to a secret that lives outside it."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "lib").mkdir(parents=True)
    (elsewhere / "secret.js").write_text(SECRET)
    (elsewhere / "lib" / "secret2.js").write_text(SECRET)
    tree = tmp_path / "tree"
    (tree / "inside").mkdir(parents=True)
    (tree / "adapter.js").write_text(POP)
    (tree / "inside" / "real.js").write_text(CALL)
    os.symlink(elsewhere / "secret.js", tree / "leak.js")
    os.symlink("../elsewhere/lib", tree / "linked-lib")
    os.symlink("inside/real.js", tree / "alias.js")  # a link that stays inside the tree is followed
    return tmp_path


def test_links_out_of_the_tree_are_findings_and_never_read(leaky):
    proc = ctimod("scan", "tree", "--format", "json", cwd=leaky)
    assert proc.returncode == 0, text(proc)
    files = {f["path"]: f for f in json.loads(proc.stdout)["files"]}
    for link in ("tree/leak.js", "tree/linked-lib"):
        assert files[link]["status"] == "skipped" and files[link]["uses"] == []
        (diagnostic,) = files[link]["diagnostics"]
        assert diagnostic["code"] == "link-outside-root"
        assert "points outside the paths being read; not followed (--follow-links follows it)" in diagnostic["message"]
    assert not any("secret2" in path for path in files)
    # The link that stays inside the tree leads to a file the walk also finds: read once, under its own name.
    assert [u["api"] for u in files["tree/inside/real.js"]["uses"]] == ["sforce.opencti.onClickToDial"]
    assert "tree/alias.js" not in files
    for fmt in ("table", "json", "sarif", "markdown"):
        proc = ctimod("scan", "tree", "--format", fmt, "--no-progress", cwd=leaky)
        assert proc.returncode == 0 and "LEAKEDSECRET" not in text(proc), fmt


def test_a_file_or_folder_reached_through_a_link_is_listed_under_its_own_name(tmp_path):
    tree = tmp_path / "tree"
    (tree / "zreal").mkdir(parents=True)
    (tree / "zreal" / "pop.js").write_text(POP)
    (tree / "x.js").write_text(CALL)
    os.symlink("zreal", tree / "alinked")  # walked first by name, but a link
    os.symlink("x.js", tree / "loop.js")  # met before x.js, but a link
    proc = ctimod("scan", "tree", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, text(proc)
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == ["tree/x.js", "tree/zreal/pop.js"]


def test_convert_and_report_copy_nothing_from_outside_the_tree(leaky):
    proc = ctimod("convert", "tree", "-o", "out", "--no-diffs", cwd=leaky)
    assert proc.returncode == 0, text(proc)
    shown = text(proc)
    assert "ctimod convert: warning: tree/leak.js: symbolic link to" in shown
    assert "ctimod convert: warning: tree/linked-lib: symbolic link to ../elsewhere/lib points outside" in shown
    bundle = every_output(leaky / "out")
    assert "LEAKEDSECRET" not in bundle and "sk_live" not in bundle and "leak()" not in bundle
    assert "link-outside-root" in (leaky / "out" / "MIGRATION.md").read_text()
    proc = ctimod("report", "tree", "-o", "report.html", cwd=leaky)
    assert proc.returncode == 0, text(proc)
    page = (leaky / "report.html").read_text("utf-8")
    assert "LEAKEDSECRET" not in page and "sk_l" not in page and "link-outside-root" in page


def test_a_tree_holding_only_a_link_out_is_a_usage_error_that_says_why(leaky):
    only = leaky / "only"
    only.mkdir()
    os.symlink(leaky / "elsewhere" / "secret.js", only / "leak.js")
    proc = ctimod("convert", "only", "-o", "out", cwd=leaky)
    assert proc.returncode == 2
    assert ("no Open CTI adapter code found in only; files that could not be used: only/leak.js: symbolic link to"
            in text(proc))
    assert not (leaky / "out").exists() and hidden_leftovers(leaky) == []


def test_follow_links_opts_in(leaky):
    proc = ctimod("scan", "tree", "--format", "json", "--follow-links", cwd=leaky)
    assert proc.returncode == 0
    files = {f["path"]: f for f in json.loads(proc.stdout)["files"]}
    for path in ("tree/leak.js", "tree/linked-lib/secret2.js"):
        assert [u["api"] for u in files[path]["uses"] if u["kind"] == "call"] == ["sforce.opencti.screenPop"]
    proc = ctimod("convert", "tree", "-o", "out", "--no-diffs", "--follow-links", cwd=leaky)
    assert proc.returncode == 0 and "leak()" in (leaky / "out" / "MIGRATION.md").read_text()


def test_a_link_named_on_the_command_line_is_read(leaky):
    """What the user names is a root, even when it is a link (e.g. a checkout reached through a link)."""
    os.symlink("tree", leaky / "tree-link")
    proc = ctimod("scan", "tree-link", "--format", "json", cwd=leaky)
    assert proc.returncode == 0
    files = {f["path"]: f for f in json.loads(proc.stdout)["files"]}
    assert files["tree-link/adapter.js"]["uses"]
    assert files["tree-link/leak.js"]["diagnostics"][0]["code"] == "link-outside-root"
    proc = ctimod("scan", "tree/leak.js", "--format", "json", cwd=leaky)
    assert json.loads(proc.stdout)["files"][0]["uses"]


# ------------------------------------------------------------------------------- 2, 6. any bytes in a file name
ODD_NAMES = {b"a\xff.js": "a\\xff.js", b"x\x1b[2Jy.js": "x\\x1b[2Jy.js", b"bidi\xe2\x80\xaeevil.js": "bidi\\u202eevil.js",
             b"csi\xc2\x9b2J.js": "csi\\u009b2J.js"}


@pytest.fixture
def odd_tree(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ODD_NAMES:
        with open(os.path.join(os.fsencode(tree), name), "w") as handle:
            handle.write(POP)
    sub = os.path.join(os.fsencode(tree), b"dir\xfe\x07")
    os.mkdir(sub)
    with open(os.path.join(sub, b"b.js"), "w") as handle:
        handle.write(CALL)
    return tmp_path


@pytest.mark.parametrize("fmt", ["table", "json", "sarif", "markdown"])
def test_odd_file_names_are_escaped_in_every_scan_format(odd_tree, fmt):
    name = "inventory" + {"table": ".txt", "markdown": ".md"}.get(fmt, f".{fmt}")
    for args in ([], ["-o", name]):
        proc = ctimod("scan", "tree", "--format", fmt, "--no-progress", *args, cwd=odd_tree)
        assert proc.returncode == 0, proc.stderr
        output = (odd_tree / name).read_bytes() if args else proc.stdout
        shown = output.decode("utf-8")  # valid UTF-8, whatever bytes the names hold
        assert "\x1b" not in shown and "\x9b" not in shown and "\u202e" not in shown and "\x07" not in shown
        if fmt == "sarif":  # a URI: the name's bytes percent-encoded, as code scanning resolves them
            for raw in [*ODD_NAMES, b"dir\xfe\x07/b.js"]:
                assert '"uri": "tree/' + quote(raw, safe="/") + '"' in shown, raw
            continue
        for escaped in [*ODD_NAMES.values(), "dir\\xfe\\x07/b.js"]:
            if fmt == "json":
                escaped = json.dumps(escaped)[1:-1]
            elif fmt == "markdown":
                escaped = escaped.replace("\\", "\\\\").replace("[", "\\[")
            assert escaped in shown, (fmt, escaped)


def test_odd_file_names_through_convert_and_report(odd_tree):
    proc = ctimod("convert", "tree", "-o", "out", cwd=odd_tree)  # diffs and the plan on the terminal too
    assert proc.returncode == 0, proc.stderr
    shown = text(proc)
    assert "\x1b" not in shown and "x\\x1b[2Jy.js" in shown and "a\\xff.js" in shown
    bundle = every_output(odd_tree / "out")
    assert "\x1b" not in bundle and "\u202e" not in bundle
    document = json.loads((odd_tree / "out" / "migration.json").read_text("utf-8"))
    # Paths in the bundle are relative to the adapter's root (tree/).
    assert {c["file"] for c in document["conversions"]} >= {"a\\xff.js", "x\\x1b[2Jy.js", "dir\\xfe\\x07/b.js"}
    assert hidden_leftovers(odd_tree) == []
    proc = ctimod("report", "tree", "-o", "report.html", cwd=odd_tree)
    assert proc.returncode == 0, proc.stderr
    page = (odd_tree / "report.html").read_text("utf-8")
    assert "tree/a\\xff.js" in page and "\x1b" not in page


def test_an_odd_name_on_the_command_line_is_escaped_in_messages(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"gone\x1b[2J\xff")
    proc = ctimod("scan", name, cwd=tmp_path)
    assert proc.returncode == 2
    assert b"\x1b" not in proc.stderr and "gone\\x1b[2J\\xff" in proc.stderr.decode("utf-8")


# ------------------------------------------------------------------------------------- 3. a broken .gitignore
def test_a_broken_gitignore_is_a_finding_and_the_rest_applies(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / ".gitignore").write_text("[z-a].js\nbuild/\nfoo\\\nignored.js\n")
    for name in ("adapter.js", "ignored.js", "z.js", "build/bundle.js"):
        (tree / name).parent.mkdir(exist_ok=True)
        (tree / name).write_text(POP)
    proc = ctimod("scan", "tree", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    files = {f["path"]: f for f in json.loads(proc.stdout)["files"]}
    assert sorted(p for p, f in files.items() if f["uses"]) == ["tree/adapter.js", "tree/z.js"]
    found = [(d["code"], d["line"], d["message"]) for d in files["tree/.gitignore"]["diagnostics"]]
    assert found == [
        ("bad-ignore-pattern", 1, "line 1: pattern '[z-a].js' is not valid (bad character range z-a); that line is "
                                  "ignored, the rest of the file applies"),
        ("bad-ignore-pattern", 3, "line 3: pattern 'foo\\\\' is not valid (Invalid git pattern: 'foo\\\\'); that line "
                                  "is ignored, the rest of the file applies")]
    table = ctimod("scan", "tree", "--no-progress", cwd=tmp_path)
    assert table.returncode == 0 and ".gitignore:1 warning bad-ignore-pattern" in text(table)
    proc = ctimod("convert", "tree", "-o", "out", "--no-diffs", cwd=tmp_path)
    assert proc.returncode == 0 and "tree/.gitignore: line 1: pattern '[z-a].js' is not valid" in text(proc)
    assert "ignored.js" not in (tmp_path / "out" / "MIGRATION.md").read_text().replace(".gitignore", "")
    proc = ctimod("report", "tree", "-o", "report.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_a_gitignore_that_is_a_fifo_is_not_read(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    os.mkfifo(tree / ".gitignore")
    (tree / "adapter.js").write_text(POP)
    proc = ctimod("scan", "tree", "--format", "json", cwd=tmp_path, timeout=60)
    assert proc.returncode == 0
    files = {f["path"]: f for f in json.loads(proc.stdout)["files"]}
    assert files["tree/.gitignore"]["diagnostics"][0]["code"] == "bad-ignore-file"
    assert files["tree/adapter.js"]["uses"]


# ------------------------------------------------------------------------------------------ 4, 5. output paths
def _unwritable_folder(tmp_path) -> str:
    """A folder nobody may create files in: /sys for root (sysfs refuses even root), else a read-only folder."""
    if os.geteuid() == 0:
        try:
            tempfile.mkstemp(dir="/sys")
        except OSError:
            return "/sys"
        pytest.skip("no folder is unwritable for root here")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    return str(folder)


SUFFIX = {"scan": ".json", "report": ".html", "convert": ""}  # scan and report take the format from the name


@pytest.fixture
def outputs(tmp_path):
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "adapter.js").write_text(POP)
    for suffix in set(SUFFIX.values()):
        os.mkfifo(tmp_path / f"fifo{suffix}")
        os.symlink("/dev/null", tmp_path / f"device{suffix}")
        os.symlink(f"loop{suffix}", tmp_path / f"loop{suffix}")
        os.symlink(f"missing-folder/x{suffix}", tmp_path / f"dangling{suffix}")
    return tmp_path


OUTPUT_CASES = {  # -o value (its suffix added) -> (the reason a user reads for scan/report, for convert)
    "fifo": ("cannot write fifo{sfx}: it is a named pipe (FIFO), not a regular file",
             "fifo exists and is a named pipe (FIFO), not a folder"),
    "device": ("cannot write device{sfx} (a link to /dev/null): it is a device, not a regular file",
               "device exists and is a device, not a folder"),
    "loop": ("loop{sfx} is a symbolic link that loops", "loop is a symbolic link that loops"),
    "dangling": ("cannot write dangling{sfx} (a link to {tmp}/missing-folder/x{sfx}): folder {tmp}/missing-folder "
                 "does not exist", None),  # for convert, a fine OUTDIR: the link's target is created
    "UNWRITABLE/out": ("cannot write UNWRITABLE/out{sfx}: folder UNWRITABLE is not writable (Permission denied)",
                       "cannot write to UNWRITABLE: Permission denied"),
}


@pytest.mark.parametrize("command,case", [(command, case) for case in sorted(OUTPUT_CASES)
                                          for command in ("scan", "report", "convert")
                                          if command != "convert" or OUTPUT_CASES[case][1]])
def test_every_output_path_problem_is_a_usage_error_with_the_reason(outputs, command, case):
    message, convert_message = OUTPUT_CASES[case]
    if command == "convert":
        message = convert_message
    target = case + SUFFIX[command]
    if "UNWRITABLE" in case:
        unwritable = _unwritable_folder(outputs)
        target, message = (text.replace("UNWRITABLE", unwritable) for text in (target, message))
    message = message.format(tmp=os.path.realpath(outputs), sfx=SUFFIX[command])
    before = sorted(os.listdir(outputs))
    proc = ctimod(command, "tree", "-o", target, cwd=outputs, timeout=60)
    assert proc.returncode == 2, text(proc)
    assert f"ctimod {command}: error: {message}" in text(proc)
    assert "Traceback" not in text(proc)
    assert sorted(os.listdir(outputs)) == before


@pytest.mark.parametrize("command", ["scan", "report"])
def test_o_writes_through_a_link_to_its_target(outputs, command):
    suffix = SUFFIX[command]
    (outputs / "reports").mkdir()
    (outputs / "reports" / f"latest{suffix}").write_text("old")
    os.symlink(f"reports/latest{suffix}", outputs / f"link{suffix}")
    os.symlink(f"reports/new{suffix}", outputs / f"new-link{suffix}")  # dangling: the target is created
    for link in (f"link{suffix}", f"new-link{suffix}"):
        proc = ctimod(command, "tree", "-o", link, cwd=outputs)
        assert proc.returncode == 0, text(proc)
        assert os.path.islink(outputs / link)
    for written in (f"latest{suffix}", f"new{suffix}"):
        assert "screenPop" in (outputs / "reports" / written).read_text("utf-8")
    assert hidden_leftovers(outputs) == [] and hidden_leftovers(outputs / "reports") == []


def test_convert_writes_through_an_outdir_link(outputs):
    (outputs / "bundles" / "acme").mkdir(parents=True)
    os.symlink("bundles/acme", outputs / "out")
    proc = ctimod("convert", "tree", "-o", "out", "--no-diffs", cwd=outputs)
    assert proc.returncode == 0, text(proc)
    assert os.path.islink(outputs / "out") and (outputs / "bundles" / "acme" / "MIGRATION.md").is_file()
    assert hidden_leftovers(outputs / "bundles") == []


# ----------------------------------------------------------------------------- 10. a killed run leaves nothing
KILL_AT = """
import os, signal, sys, types
import ctimod.write
from ctimod.cli import main
calls = {"n": 0}
def replace(*args, **kwargs):
    calls["n"] += 1
    if calls["n"] == int(sys.argv[1]):
        os.kill(os.getpid(), signal.SIGKILL)
    return os.replace(*args, **kwargs)
class Os(types.ModuleType):  # ctimod.write's renames only (jinja's cache renames too)
    def __getattr__(self, name):
        return getattr(os, name)
ctimod.write.os = Os("os")
ctimod.write.os.replace = replace
sys.exit(main(sys.argv[2:]))
"""


def _killed(at: int, *args, cwd) -> None:
    """Run the CLI and SIGKILL it at the ``at``-th rename of its output (a real kill, at a known point)."""
    proc = subprocess.run([sys.executable, "-c", KILL_AT, str(at), *args], cwd=cwd, capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def test_a_scan_killed_before_its_rename_leaves_a_temporary_file_the_next_run_removes(tmp_path):
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "adapter.js").write_text(POP)
    _killed(1, "scan", "tree", "--format", "json", "-o", "inventory.json", cwd=tmp_path)
    (leftover,) = hidden_leftovers(tmp_path)
    assert leftover.startswith(".inventory.json.ctimod-") and leftover.endswith(".tmp")
    proc = ctimod("scan", "tree", "--format", "json", "-o", "inventory.json", cwd=tmp_path)
    assert proc.returncode == 0
    assert hidden_leftovers(tmp_path) == [] and json.loads((tmp_path / "inventory.json").read_text())["files"]


def test_a_convert_killed_between_its_renames_is_restored_by_the_next_run(tmp_path):
    first = ctimod("convert", str(ADAPTER), "-o", "out", "--no-diffs", cwd=tmp_path)
    assert first.returncode == 0
    before = every_output(tmp_path / "out")
    # Killed at the second rename: OUTDIR moved into the backup, the new bundle not yet in place.
    _killed(2, "convert", str(ADAPTER), "-o", "out", "--no-diffs", "--force", "--connector-api", "3", cwd=tmp_path)
    assert not (tmp_path / "out").exists()
    # Its lock, .out.ctimod-XXXX/ (the new bundle) and .out.ctimod-old-XXXX/old (the previous one).
    kinds = sorted("lock" if n == ".out.ctimod-lock" else "old" if n.startswith(".out.ctimod-old-") else "staging"
                   for n in hidden_leftovers(tmp_path))
    assert kinds == ["lock", "old", "staging"]
    proc = ctimod("convert", str(ADAPTER), "-o", "out", "--no-diffs", cwd=tmp_path)
    assert proc.returncode == 2
    assert "ctimod convert: note: restored out from the backup an interrupted earlier run left in .out.ctimod-old-" \
           in text(proc)
    assert "removed 2 temporary folder(s) an interrupted earlier run of out left behind" in text(proc)
    assert "out is not empty; use --force to replace its contents" in text(proc)
    assert every_output(tmp_path / "out") == before and hidden_leftovers(tmp_path) == []
    # Killed at its first rename (the staging folder written, the backup folder made): the next --force run
    # replaces the bundle and removes the rest.
    _killed(1, "convert", str(ADAPTER), "-o", "out", "--no-diffs", "--force", cwd=tmp_path)
    assert every_output(tmp_path / "out") == before and len(hidden_leftovers(tmp_path)) == 3
    proc = ctimod("convert", str(ADAPTER), "-o", "out", "--no-diffs", "--force", "--connector-api", "3", cwd=tmp_path)
    assert proc.returncode == 0 and hidden_leftovers(tmp_path) == []
    assert every_output(tmp_path / "out") != before


# --------------------------------------------------------------------------------- issue 16: the OUTDIR lock
def test_a_second_convert_into_a_held_outdir_names_the_holder_and_exits_2(tmp_path):
    from ctimod.write import outdir_lock

    with outdir_lock(str(tmp_path / "out")):
        assert (tmp_path / ".out.ctimod-lock").read_text() == f"{os.getpid()}\n"
        proc = ctimod("convert", str(ADAPTER), "-o", "out", "--force", cwd=tmp_path)
    assert proc.returncode == 2
    assert (f"ctimod convert: error: out is being written by another ctimod convert (process {os.getpid()} holds "
            ".out.ctimod-lock); wait for it to finish or choose another OUTDIR") in text(proc)
    assert os.listdir(tmp_path) == []


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / ".out.ctimod-lock").write_text(dead.stdout)
    proc = ctimod("convert", str(ADAPTER), "-o", "out", "--no-diffs", cwd=tmp_path)
    assert proc.returncode == 0, text(proc)
    assert f"took over the lock of process {dead.stdout.strip()}, which is no longer running" in text(proc)
    assert sorted(os.listdir(tmp_path)) == ["out"]


HOLD_DURING_CONVERT = """
import os, sys, time
import ctimod.convert
from ctimod.cli import main
real = ctimod.convert.convert
def convert(*args, **kwargs):
    open(sys.argv[1], "w").close()  # the test starts the second run now
    while not os.path.exists(sys.argv[2]):
        time.sleep(0.05)
    return real(*args, **kwargs)
ctimod.convert.convert = convert
sys.exit(main(sys.argv[3:]))
"""


def test_two_converts_into_one_outdir_the_second_is_refused_naming_the_first(tmp_path):
    started, release = tmp_path / "started", tmp_path / "release"
    first = subprocess.Popen([sys.executable, "-c", HOLD_DURING_CONVERT, str(started), str(release), "convert",
                              str(ADAPTER), "-o", "work/out", "--force", "--no-diffs"], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.05)
        second = ctimod("convert", str(ADAPTER), "-o", "work/out", "--force", "--no-diffs", "--connector-api", "3",
                        cwd=tmp_path)
    finally:
        release.touch()
        out, err = first.communicate(timeout=300)
    assert second.returncode == 2
    assert (f"ctimod convert: error: work/out is being written by another ctimod convert (process {first.pid} "
            "holds .out.ctimod-lock)") in text(second)
    assert first.returncode == 0, err.decode()
    assert json.loads((tmp_path / "work/out/migration.json").read_text())["options"]["connector_api"] == 4
    assert sorted(os.listdir(tmp_path / "work")) == ["out"]


def test_converts_started_together_each_write_a_whole_bundle_or_are_refused(tmp_path):
    references = {}
    for api in ("3", "4"):
        assert ctimod("convert", str(ADAPTER), "-o", f"ref{api}", "--no-diffs", "--connector-api", api,
                      cwd=tmp_path).returncode == 0
        references[api] = every_output(tmp_path / f"ref{api}")
    for _ in range(2):
        runs = [subprocess.Popen([sys.executable, "-m", "ctimod", "convert", str(ADAPTER), "-o", "out", "--force",
                                  "--no-diffs", "--connector-api", api], cwd=tmp_path, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE) for api in ("3", "4")]
        for run in runs:
            code, err = run.wait(timeout=300), run.stderr.read().decode()
            # The refused run names the holder's process, or says "another process" when it read the lock
            # before the holder had written its pid into it.
            assert code == 0 or (code == 2 and re.search(
                r"is being written by another ctimod convert \((process \d+|another process) holds", err)), err
        assert every_output(tmp_path / "out") in references.values()
        assert sorted(os.listdir(tmp_path)) == ["out", "ref3", "ref4"]


# ----------------------------------------------------------------------------- issue 16: the adapter's name
def test_the_adapter_is_named_after_the_resolved_folder_however_the_path_is_spelt(tmp_path):
    adapter = tmp_path / "acme-softphone"
    adapter.mkdir()
    (adapter / "adapter.js").write_text(POP)
    (tmp_path / "sibling").mkdir()
    os.symlink("acme-softphone", tmp_path / "current")
    spellings = [(".", adapter), ("../acme-softphone", tmp_path / "sibling"), ("acme-softphone/", tmp_path),
                 ("./acme-softphone/.", tmp_path), (str(adapter), tmp_path), ("current", tmp_path)]
    for number, (spelling, cwd) in enumerate(spellings):
        out = tmp_path / f"out{number}"
        proc = ctimod("convert", spelling, "-o", str(out), "--no-diffs", cwd=cwd)
        assert proc.returncode == 0, (spelling, text(proc))
        document = json.loads((out / "migration.json").read_text())
        assert document["adapter"] == "acme-softphone", spelling
        assert (out / "MIGRATION.md").read_text().startswith("# Migration of acme-softphone"), spelling
        assert [p.name for p in (out / "force-app/main/default/lwc").iterdir()] == ["acmeSoftphone"], spelling
    single = ctimod("convert", "acme-softphone/adapter.js", "-o", "single", "--no-diffs", cwd=tmp_path)
    assert json.loads((tmp_path / "single" / "migration.json").read_text())["adapter"] == "adapter", text(single)
