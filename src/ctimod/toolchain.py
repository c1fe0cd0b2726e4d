"""``ctimod verify``: check a generated bundle with Salesforce's own toolchains.

Checks (each a row of the result table):

* ``lwc-compile.js`` / ``lwc-compile.html`` — @lwc/compiler compiles the component;
* ``lwc-eslint`` — the LWC ESLint rules (Salesforce's recommended config; the rules turned off
  are listed with their reasons in ``nodejs/eslint-config.cjs``);
* ``xml`` — every metadata and contact center file is well formed;
* ``contact-center`` — the partner-telephony items the import requires, with contiguous sort orders;
* ``apex`` — each class's braces balance and its name matches its file;
* ``connector`` — the connector, loaded in a DOM with @salesforce/scv-connector-base, answers the
  SETUP_CONNECTOR handshake and DIAL, ACCEPT_CALL, MUTE, HOLD, END_CALL with valid events.

The Node side needs node and a toolchain folder (node_modules with @lwc/compiler, eslint, jsdom,
esbuild and scv-connector-base 3.6.2): the repository's own, ``$CTIMOD_TOOLCHAIN``, or one
``--install`` puts in the user cache.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .verify import apex_brace_error, apex_code

# Versions the verification runs with (kept equal to the repository's package.json).
TOOLCHAIN_PACKAGES = {
    "@lwc/compiler": "9.5.1", "@lwc/eslint-plugin-lwc": "3.5.0", "@salesforce/eslint-config-lwc": "4.1.2",
    "@salesforce/eslint-plugin-lightning": "2.0.0", "@salesforce/scv-connector-base": "3.6.2",
    "esbuild": "0.28.2", "eslint": "9.39.5", "eslint-plugin-import": "2.32.0", "eslint-plugin-jest": "29.17.0",
    "jsdom": "26.1.0",
}
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ctimod" / "toolchain"
REQUIRED_ITEMS = {"reqGeneralInfo": ["reqInternalName", "reqDisplayName", "reqVendorInfoApiName"],
                  "reqHvcc": ["reqTelephonyIntegrationCertificate"]}
EXPECTED = {"DIAL": ("CALL_STARTED", "CALL_FAILED"), "ACCEPT_CALL": ("CALL_CONNECTED", "CALL_STARTED"),
            "MUTE": ("MUTE_TOGGLE",), "UNMUTE": ("MUTE_TOGGLE",), "HOLD": ("HOLD_TOGGLE",),
            "RESUME": ("HOLD_TOGGLE",), "END_CALL": ("HANGUP", "PARTICIPANT_REMOVED")}


@dataclass
class Result:
    check: str
    file: str
    result: str  # passed | failed | skipped
    message: str = ""
    line: int | None = None


def script(name: str) -> str:
    return str(resources.files("ctimod.nodejs").joinpath(name))


def find_node() -> str | None:
    return shutil.which("node")


def _has_toolchain(folder: Path) -> bool:
    return all((folder / "node_modules" / name / "package.json").is_file()
               for name in ("@lwc/compiler", "eslint", "jsdom", "esbuild", "@salesforce/scv-connector-base"))


def find_toolchain() -> Path | None:
    candidates = []
    if os.environ.get("CTIMOD_TOOLCHAIN"):
        candidates.append(Path(os.environ["CTIMOD_TOOLCHAIN"]))
    here = Path(__file__).resolve()
    candidates += list(here.parents)[:4]  # the repository, for a development install
    candidates += [Path.cwd(), CACHE]
    return next((c for c in candidates if _has_toolchain(c)), None)


def install_toolchain(console) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed; install Node.js 18+ (with npm) first")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "package.json").write_text(json.dumps({"name": "ctimod-toolchain", "private": True}), encoding="utf-8")
    specs = [f"{name}@{version}" for name, version in TOOLCHAIN_PACKAGES.items()]
    console.print(f"installing the verification toolchain into {CACHE} ...", markup=False, highlight=False)
    proc = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), *specs],
                          capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError("npm install failed: " + proc.stderr.strip().splitlines()[-1] if proc.stderr.strip()
                           else "npm install failed")
    return CACHE


def run_script(node: str, toolchain: Path, name: str, *args: str, timeout: int = 300) -> dict:
    proc = subprocess.run([node, script(name), str(toolchain), *args], capture_output=True, text=True,
                          timeout=timeout)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"fatal": (proc.stderr.strip() or f"{name} printed nothing").splitlines()[-1]}
    return json.loads(lines[-1])


# ---------------------------------------------------------------------------------------- checks
def lwc_checks(node: str, toolchain: Path, outdir: Path) -> list[Result]:
    data = run_script(node, toolchain, "lwc-check.cjs", str(outdir))
    if "fatal" in data:
        return [Result("lwc", "force-app", "failed", data["fatal"])]
    return [Result(c["check"], c["file"], "passed" if c["ok"] else "failed", c["message"], c["line"])
            for c in data["checks"]]


def xml_checks(outdir: Path) -> list[Result]:
    import defusedxml.ElementTree as SafeET

    results = []
    for path in sorted(outdir.rglob("*.xml")):
        if "node_modules" in path.parts:
            continue
        rel = path.relative_to(outdir).as_posix()
        try:
            root = SafeET.parse(str(path)).getroot()
            results.append(Result("xml", rel, "passed"))
        except Exception as exc:  # noqa: BLE001 - any parse failure is a failed check
            results.append(Result("xml", rel, "failed", str(exc), getattr(exc, "position", (None,))[0]))
            continue
        if rel.startswith("contact-center/"):
            results.append(contact_center_check(rel, root))
    return results


def contact_center_check(rel: str, root) -> Result:
    problems = []
    sections = [s for s in root if s.tag == "section"]
    orders = [s.get("sortOrder") for s in sections]
    if orders != [str(i) for i in range(len(sections))]:
        problems.append(f"section sort orders are {orders}, not contiguous from 0")
    by_name = {s.get("name"): s for s in sections}
    for section, names in REQUIRED_ITEMS.items():
        element = by_name.get(section)
        if element is None:
            problems.append(f"missing section {section}")
            continue
        items = [i for i in element if i.tag == "item"]
        item_orders = [i.get("sortOrder") for i in items]
        if item_orders != [str(i) for i in range(len(items))]:
            problems.append(f"{section} item sort orders are {item_orders}, not contiguous from 0")
        present = [i.get("name") for i in items]
        for position, name in enumerate(names):
            if name not in present:
                problems.append(f"{section} lacks {name}")
            elif section == "reqGeneralInfo" and present.index(name) != position:
                problems.append(f"{name} must have sortOrder {position}")
    for section in sections:
        items = [i for i in section if i.tag == "item"]
        if [i.get("sortOrder") for i in items] != [str(i) for i in range(len(items))]:
            problems.append(f"section {section.get('name')}: item sort orders not contiguous")
    problems = list(dict.fromkeys(problems))
    return Result("contact-center", rel, "failed" if problems else "passed", "; ".join(problems))


def apex_checks(outdir: Path) -> list[Result]:
    results = []
    for path in sorted(outdir.rglob("*.cls")):
        rel = path.relative_to(outdir).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"\bclass\s+(\w+)", apex_code(text))
        if apex_brace_error(text) is not None:
            results.append(Result("apex", rel, "failed", "unbalanced braces"))
        elif not match or match.group(1) != path.stem:
            results.append(Result("apex", rel, "failed", f"class name does not match the file name {path.stem}"))
        else:
            results.append(Result("apex", rel, "passed"))
    return results


def connector_check(node: str, toolchain: Path, outdir: Path, base: str | None) -> list[Result]:
    connector = outdir / "connector"
    if not (connector / "src" / "index.js").is_file():
        return [Result("connector", "connector/src/index.js", "failed", "missing")]
    package = json.loads((connector / "package.json").read_text(encoding="utf-8"))
    wanted = package.get("dependencies", {}).get("@salesforce/scv-connector-base", "")
    local = connector / "node_modules" / "@salesforce" / "scv-connector-base"
    if base is None and local.is_dir():
        base = str(local)
    if base is None and not wanted.lstrip("^~").startswith("3"):
        return [Result("connector", "connector/src/connector.js", "skipped",
                       f"needs @salesforce/scv-connector-base {wanted} (the npm registry here serves only 3.x): "
                       "run `npm install` in connector/ or pass --connector-base PATH")]
    options = {"flow": list(EXPECTED)}
    if base:
        options["base"] = base
    data = run_script(node, toolchain, "connector-harness.cjs", str(connector), json.dumps(options))
    if "fatal" in data:
        return [Result("connector", "connector/src/connector.js", "failed", data["fatal"])]
    results = []
    ready = data.get("readyEvent") or {}
    results.append(Result("connector-handshake", "connector/src/index.js", "passed" if data["ready"] else "failed",
                          "" if data["ready"] else f"no CONNECTOR_READY: {json.dumps(ready.get('payload'))[:200]}"))
    for step, expected in EXPECTED.items():
        got = data.get("results", {}).get(step)
        ok = got in expected
        results.append(Result(f"connector-{step}", "connector/src/connector.js", "passed" if ok else "failed",
                              f"got {got or 'no event'}" + ("" if ok else f", expected {' or '.join(expected)}")))
    return results


def verify(outdir: str, install: bool = False, connector_base: str | None = None, console=None) -> list[Result]:
    root = Path(outdir)
    results: list[Result] = []
    node = find_node()
    toolchain = find_toolchain()
    if toolchain is None and install and node is not None:
        toolchain = install_toolchain(console)
    if node is None or toolchain is None:
        missing = "node is not installed" if node is None else (
            "no verification toolchain found (run `ctimod verify --install`, or `npm ci` in a ctimod checkout, or "
            "set CTIMOD_TOOLCHAIN)")
        results.append(Result("lwc", "force-app", "skipped", missing))
        results.append(Result("connector", "connector", "skipped", missing))
    else:
        results += lwc_checks(node, toolchain, root)
        results += connector_check(node, toolchain, root, connector_base)
    results += xml_checks(root)
    results += apex_checks(root)
    return results


def render(results: list[Result], console) -> None:
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="ctimod verify", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Check", no_wrap=True)
    table.add_column("File", overflow="fold")
    table.add_column("Result", no_wrap=True)
    table.add_column("First error", overflow="fold")
    styles = {"passed": "green", "failed": "red", "skipped": "yellow"}
    for r in results:
        where = f"{r.file}:{r.line}" if r.line else r.file
        table.add_row(r.check, escape(where), f"[{styles[r.result]}]{r.result}[/]", escape(r.message))
    console.print(table)


def verify_bundle(outdir: str, console, install: bool = False, connector_base: str | None = None) -> int:
    results = verify(outdir, install=install, connector_base=connector_base, console=console)
    render(results, console)
    return 0 if results and all(r.result == "passed" for r in results) else 1
