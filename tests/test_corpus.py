"""The corpus: every adapter's inventory matches its author's independent count, and is snapshotted."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from ctimod import catalog
from ctimod.discover import DEFAULT_EXTENSIONS, extension_of
from ctimod.inventory import FileReport
from ctimod.report.jsonfmt import file_dict

from .conftest import CORPUS, corpus_adapters, corpus_files, expected

PATTERNS = set("""
plain-js visualforce-page merge-fields erb-template jinja-template html-page aura-markup aura-controller
aura-helper static-resource typescript tsx-react jsx es-module minified webpack-bundle vue-build class-wrapper
alias-variable alias-logical-and alias-this-member alias-getter-function optional-chaining window-sforce
destructuring amd-requirejs iife-parameter dual-family-alias guarded-dual-calls typeof-guard promise-wrapper
jquery-deferred wrapper-methods named-callback classic-positional classic-json-parse classic-query-string
screenpop-constants screenpop-literals calltype-constants calltype-literals invalid-member wrong-option-name
positional-to-lightning broken-syntax pdf-pasted-comment commented-out-calls console-cti vendor-lookalike
unsupported-language closure-externs callcenter-import-xml callcenter-metadata callcenter-misspelt-compat
callcenter-vendor-section lms sales-engagement postmessage-bridge full-softphone twilio-device
runapex-apex-class savelog-task script-loader
twilio-client-1x twilio-voice-sdk-2x amazon-connect-streams ringcentral-embeddable widget-sdk-events vendor-event-handlers
widget-callback-api
options-in-variables variant-pages feature-detection-guards multiple-callcenters deferred-searchandscreenpop samples-file
ts-bridge-class
""".split())

FILES = corpus_files()
IDS = [f"{adapter.name}/{rel}" for adapter, rel, _ in FILES]


def _report(corpus_scan, adapter, rel):
    """The file's report; files of types ctimod does not scan (Apex, Ruby, Python) get an empty one."""
    path = f"corpus/{adapter.name}/{rel}"
    matches = [f for f in corpus_scan.files if f.path == path]
    if not matches:
        assert extension_of(rel) not in DEFAULT_EXTENSIONS, f"{path} was not scanned"
        return FileReport(path=path, language="not-scanned", status="not-scanned")
    return matches[0]


def test_corpus_has_at_least_25_adapters():
    assert len(corpus_adapters()) >= 25


@pytest.mark.parametrize(("adapter", "rel", "entry"), FILES, ids=IDS)
def test_inventory_matches_the_authors_count(corpus_scan, adapter, rel, entry):
    report = _report(corpus_scan, adapter, rel)
    calls = Counter(u.api for u in report.uses if u.kind == "call")
    constants = Counter(u.api for u in report.uses if u.kind == "constant")
    want_calls = +Counter(entry.get("calls", {}))
    want_constants = +Counter(entry.get("constants", {}))
    if entry.get("syntax_errors"):
        # Calls in broken code are a floor: tree-sitter recovers more than the author counted on.
        assert report.status == "partial"
        assert not (want_calls - calls), f"missing calls: {dict(want_calls - calls)}"
        assert not (want_constants - constants), f"missing constants: {dict(want_constants - constants)}"
        assert report.error_ranges
    else:
        assert dict(calls) == dict(want_calls)
        assert dict(constants) == dict(want_constants)
        assert report.status != "partial", [d.message for d in report.diagnostics]
    if entry.get("unsupported_language"):
        assert report.status == "unsupported"
        assert report.unanalysed_mentions == entry["mentions"]
    want_loads = sorted(entry.get("loads", []))
    assert sorted(load.url.split("?")[0] for load in report.script_loads) == [
        re.sub(r"^https?://[^/]+", "", url) for url in want_loads]
    for name, count in entry.get("invalid", {}).items():
        found = sum(1 for u in report.uses if u.api == name and u.disposition == "invalid")
        assert found == count, name


@pytest.mark.parametrize(("adapter", "rel", "entry"), FILES, ids=IDS)
def test_inventory_snapshot(corpus_scan, snapshot, adapter, rel, entry):
    snapshot.snapshot_dir = CORPUS.parent / "tests" / "snapshots" / "inventory" / adapter.name
    report = _report(corpus_scan, adapter, rel)
    snapshot.assert_match(json.dumps(file_dict(report), indent=2, ensure_ascii=False) + "\n",
                          rel.replace("/", "__") + ".json")


def test_every_documented_member_is_exercised_by_the_corpus(corpus_scan):
    used = {u.api for u in corpus_scan.uses if u.disposition != "invalid"}
    for member in catalog.MEMBERS:
        used |= {member.api for alias in member.aliases if alias in used}
    missing = [m.api for m in catalog.MEMBERS if m.api not in used]
    assert not missing, f"documented members no corpus adapter uses: {missing}"


def test_every_pattern_is_covered_and_every_file_has_a_header():
    covered = set()
    for adapter in corpus_adapters():
        data = expected(adapter)
        covered |= set(data["patterns"])
        assert set(data["patterns"]) <= PATTERNS, f"{adapter.name}: unknown pattern ids"
        for rel in data["files"]:
            head = (adapter / rel).read_text(encoding="utf-8", errors="replace")[:2500]
            assert "ctimod corpus:" in head and "Patterns:" in head, f"{adapter.name}/{rel} has no header"
    assert PATTERNS - covered == set()


def test_both_call_center_formats_are_in_the_corpus(corpus_scan):
    formats = {f.call_center.format for f in corpus_scan.files if f.call_center}
    assert formats == {"import-xml", "metadata"}
    modes = {f.call_center.compatibility_key for f in corpus_scan.files if f.call_center}
    assert "reqSalesforceCompatabilityMode" in modes  # the misspelt key seen in the wild
