"""`ctimod convert` over every corpus adapter: the whole bundle is snapshotted and checked."""

from __future__ import annotations

import io
import json
import os

import pytest

from ctimod.convert import ConvertOptions, bundle_files, convert
from ctimod.scan import ScanOptions, scan
from ctimod.verify import reparse
from ctimod.write import write_bundle

from .conftest import ROOT, corpus_adapters

ADAPTERS = [a.name for a in corpus_adapters()]


def _convert(adapter: str, api: int):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = convert([f"corpus/{adapter}"], ConvertOptions(connector_api=api))
        return result, {f.path: f.content for f in bundle_files(result)}
    finally:
        os.chdir(cwd)


def nested(files: dict[str, str]) -> dict:
    """pytest-snapshot's directory snapshots want one dict level per folder."""
    tree: dict = {}
    for path, content in files.items():
        *folders, name = path.split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder, {})
        node[name] = content
    return tree


@pytest.fixture(scope="module")
def bundles():
    cache = {}

    def get(adapter, api=4):
        if (adapter, api) not in cache:
            cache[(adapter, api)] = _convert(adapter, api)
        return cache[(adapter, api)]

    return get


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_bundle_snapshot(bundles, snapshot, adapter):
    _, files = bundles(adapter)
    snapshot.snapshot_dir = ROOT / "tests" / "snapshots" / "bundles"
    snapshot.assert_match_dir(nested(files), adapter)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_connector_api3_snapshot(bundles, snapshot, adapter):
    _, files = bundles(adapter, 3)
    snapshot.snapshot_dir = ROOT / "tests" / "snapshots" / "bundles-connector-api3"
    snapshot.assert_match_dir(nested({k: v for k, v in files.items() if k.startswith("connector/")}), adapter)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_terminal_side_by_side_snapshot(bundles, snapshot, adapter):
    from rich.console import Console

    from ctimod.report.sidebyside import to_rich

    result, _ = bundles(adapter)
    buffer = io.StringIO()
    console = Console(file=buffer, width=140, color_system=None, force_terminal=False)
    for _, diff in sorted(result.diffs, key=lambda cd: (cd[0].use.file, cd[0].use.line, cd[0].use.column)):
        console.print(to_rich(diff))
    snapshot.snapshot_dir = ROOT / "tests" / "snapshots" / "side-by-side"
    snapshot.assert_match(buffer.getvalue(), f"{adapter}.txt")


@pytest.mark.parametrize("api", [3, 4])
@pytest.mark.parametrize("adapter", ADAPTERS)
def test_every_generated_file_parses_and_is_well_formed(bundles, adapter, api):
    result, files = bundles(adapter, api)
    assert result.dropped_files == []
    for check in result.checks:
        assert check.ok, f"{check.path}:{check.line}: {check.message}"
    lwc = [p for p in files if p.startswith("force-app/main/default/lwc/")]
    assert {p.rsplit(".", 1)[-1] for p in lwc} >= {"js", "html", "xml"}
    html = next(files[p] for p in lwc if p.endswith(".html"))
    assert "<lightning-service-cloud-voice-toolkit-api>" in html
    meta = next(files[p] for p in lwc if p.endswith(".js-meta.xml"))
    assert "<capability>lightning__ServiceCloudVoiceToolkitApi</capability>" in meta
    package = json.loads(files["connector/package.json"])
    assert package["dependencies"]["@salesforce/scv-connector-base"] == ("3.6.2" if api == 3 else "^4.8.1")
    assert "initializeConnector(new Connector())" in files["connector/src/index.js"]
    connector = files["connector/src/connector.js"]
    if api == 4:
        assert "extends TelephonyConnector" in connector and "getTelephonyConnector()" in connector
        assert "getVoiceCapabilities()" in connector and "getSharedCapabilities()" in connector
        assert "Constants.EVENT_TYPE" not in connector
    else:
        assert "TelephonyConnector" not in connector and "getCapabilities()" in connector


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_every_call_is_accounted_for(bundles, adapter):
    result, files = bundles(adapter)
    calls = [u for report in result.plan.reports for u in report.uses if u.kind == "call" and u.status == "parsed"]
    document = json.loads(files["migration.json"])
    assert len(document["conversions"]) == len(calls)
    # A call scan recovered from code that does not parse is not converted; migration.json names its line.
    for report in result.plan.reports:
        recovered = [u for u in report.uses if u.kind == "call" and u.status == "recovered"]
        if recovered:
            (note,) = [d["message"] for d in document["diagnostics"]
                       if d["file"] == report.path and d["code"] == "recovered-uses"]
            assert all(str(u.line) in note for u in recovered)
    for conversion in result.conversions:
        assert conversion.summary
        if conversion.safety != "auto" or conversion.status == "failed":
            assert conversion.todo or conversion.reason, conversion.use.api
    flagged = {(c.use.file, c.use.line, c.use.api) for c, _ in result.diffs}
    assert flagged == {(c.use.file, c.use.line, c.use.api) for c in result.conversions
                       if c.safety != "auto" or c.status == "failed"}
    assert "report.html" in files and "MIGRATION.md" in files


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_converting_the_bundle_again_finds_no_open_cti(bundles, adapter, tmp_path):
    _, files = bundles(adapter)
    write_bundle(str(tmp_path / "bundle"), list(files.items()), [])
    result = scan([str(tmp_path / "bundle")], ScanOptions(jobs=1))
    assert result.uses == []


def test_output_is_deterministic():
    first = _convert("dual-family-class-wrapper", 4)[1]
    second = _convert("dual-family-class-wrapper", 4)[1]
    assert first == second


def test_generated_code_reparses_after_editing_the_legacy_names(bundles):
    """A flagged free name is marked at every use and declared once, so the LWC stays valid JavaScript."""
    _, files = bundles("twilio-lightning-softphone")
    js = files["force-app/main/default/lwc/twilioLightningSoftphone/twilioLightningSoftphone.js"]
    assert "let ui = ctimodMissing('ui'" in js
    assert js.count("TODO(ctimod): `ui` was defined in the legacy adapter") >= 3
    assert reparse("x.js", "js", js).ok


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_migration_json_validates_against_its_schema(bundles, adapter):
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("ctimod.schemas").joinpath("migration-1.3.schema.json").read_text())
    _, files = bundles(adapter)
    jsonschema.validate(json.loads(files["migration.json"]), schema)


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_metadata_apex_and_contact_center_are_well_formed(bundles, adapter, tmp_path):
    from ctimod.verify import xml_checks

    _, files = bundles(adapter)
    write_bundle(str(tmp_path / "bundle"), list(files.items()), [])
    results = xml_checks(tmp_path / "bundle")  # Apex: tests/test_verify.py parses every class with apex-parser
    assert [r for r in results if r.result != "passed"] == []
    assert {r.check for r in results} >= {"xml", "contact-center"}
    center = next(v for k, v in files.items() if k.startswith("contact-center/"))
    for item in ("reqInternalName", "reqDisplayName", "reqVendorInfoApiName", "reqTelephonyIntegrationCertificate"):
        assert f'name="{item}"' in center
    for retired in ("reqAdapterUrl", "reqUseApi", "reqSoftphoneHeight"):
        assert f'name="{retired}"' not in center


def test_contact_center_check_catches_gaps_and_missing_items():
    import defusedxml.ElementTree as SafeET

    from ctimod.verify import contact_center_check

    root = SafeET.fromstring(b"""<callCenter>
      <section sortOrder="0" name="reqGeneralInfo"><item sortOrder="0" name="reqInternalName">A</item>
        <item sortOrder="2" name="reqDisplayName">B</item></section>
      <section sortOrder="2" name="reqHvcc"><item sortOrder="0" name="reqLongDistPrefix">1</item></section>
    </callCenter>""")
    result = contact_center_check("x.xml", root)
    assert result.result == "failed"
    for expected in ("not contiguous", "lacks reqVendorInfoApiName", "lacks reqTelephonyIntegrationCertificate"):
        assert expected in result.message
