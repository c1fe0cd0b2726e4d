"""Shared fixtures: the corpus, a scanner that runs in-process, and the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def corpus_adapters() -> list[Path]:
    return sorted(p.parent for p in CORPUS.glob("*/expected.json"))


def expected(adapter: Path) -> dict:
    return json.loads((adapter / "expected.json").read_text(encoding="utf-8"))


def corpus_files() -> list[tuple[Path, str, dict]]:
    """(adapter folder, file path relative to it, its expected.json entry) for every corpus file."""
    out = []
    for adapter in corpus_adapters():
        for rel, entry in sorted(expected(adapter)["files"].items()):
            out.append((adapter, rel, entry))
    return out


@pytest.fixture(scope="session")
def corpus_scan():
    """One scan of the whole corpus, run from the repository root (paths like corpus/x/y.js)."""
    from ctimod.scan import ScanOptions, scan

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return scan(["corpus"], ScanOptions(jobs=1))
    finally:
        os.chdir(cwd)


@pytest.fixture
def scan_tree(tmp_path):
    """Write files into a temporary tree and scan it; returns the ScanResult."""
    from ctimod.scan import ScanOptions, scan

    def run(files: dict[str, str | bytes], **options):
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        cwd = os.getcwd()
        os.chdir(tmp_path)
        try:
            return scan(["."], ScanOptions(jobs=1, **options))
        finally:
            os.chdir(cwd)

    return run


@pytest.fixture
def uses_of():
    """Scan one JavaScript (or other) source given as text; returns its uses."""
    from ctimod.load import Source
    from ctimod.scan import analyse_source

    def run(text: str, name: str = "adapter.js", language: str = "javascript", flavor: str | None = None):
        source = Source(display=name, language=language, data=text.encode("utf-8"), size=len(text),
                        encoding="utf-8", flavor=flavor)
        report, _ = analyse_source(source)
        return report.uses

    return run


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ)
    environment.pop("CTIMOD_DEBUG", None)
    environment["COLUMNS"] = "120"
    if env:
        environment.update(env)
    return subprocess.run([sys.executable, "-m", "ctimod", *args], cwd=cwd or ROOT, capture_output=True,
                          text=True, env=environment, timeout=300)



# Tests that share an expensive module-scoped result (a fixture converting, writing or running the whole
# corpus) run on one pytest-xdist worker: a scope of their own in the scheduler below, so the fixture is
# built once, not once per worker nor again each time a worker comes back to the module. The files
# here run whole; test_convert_corpus.py is split by adapter (its fixture converts one at a time).
# Every other test is a scope of its own, handed to whichever worker is free.
WHOLE_FILE_SCOPES = {"test_bundle_tests.py", "test_carried_lint.py", "test_deep_scan.py", "test_fidelity.py",
                     "test_generated_code_runs.py", "test_legacy_effects.py", "test_project.py", "test_report_html.py",
                     "test_vendors.py", "test_verify.py"}
BY_ADAPTER_SCOPES = {"test_convert_corpus.py"}


@lru_cache(maxsize=None)
def _adapter_names() -> tuple[str, ...]:
    return tuple(a.name for a in corpus_adapters())


def xdist_scope(nodeid: str) -> str:
    path, _, name = nodeid.partition("::")
    file = path.rsplit("/", 1)[-1]
    if file in WHOLE_FILE_SCOPES:
        return path
    if file in BY_ADAPTER_SCOPES and name.endswith("]"):
        params = name[name.index("[") + 1:-1]  # "adapter" or "adapter-api"
        adapter = max((a for a in _adapter_names() if params == a or params.startswith(f"{a}-")),
                      key=len, default=params)
        return f"{path}[{adapter}]"
    return nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadscope`` (pyproject.toml) with the scopes of ``xdist_scope``. (xdist's own
    ``--dist loadgroup`` marks groups by rewriting test ids, which pytest 9.2 no longer allows.)"""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class CorpusScopes(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

    return CorpusScopes(config, log)
