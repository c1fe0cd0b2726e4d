"""The generated SFDX project (what `sf project generate` makes, plus Voice) and connector hosting."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess

import pytest
from defusedxml import ElementTree

from .conftest import ROOT, run_cli
from .node_support import TEST_SCRIPTS, require_node, run_node

ADAPTER = "corpus/twilio-lightning-softphone"
META = "force-app/main/default"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    out = tmp_path_factory.mktemp("project") / "voice"
    proc = run_cli("convert", ADAPTER, "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out


def _api_versions(root) -> dict[str, str]:
    versions = {}
    for path in root.rglob("*-meta.xml"):
        match = re.search(r"<apiVersion>([^<]*)</apiVersion>", path.read_text())
        if match:
            versions[str(path.relative_to(root))] = match.group(1)
    return versions


def test_the_project_has_what_sf_project_generate_makes_plus_voice(project):
    from ctimod.project import DEFAULT_API_VERSION

    for name in (".forceignore", ".gitignore", ".prettierignore", ".prettierrc", "eslint.config.js",
                 "jest.config.js", ".husky/pre-commit", "README.md", "sfdx-project.json", "package.json",
                 "config/project-scratch-def.json", "connector/README.md", "connector/.gitignore"):
        assert (project / name).is_file(), name
    assert "**/__tests__/**" in (project / ".forceignore").read_text()
    assert ".sf/" in (project / ".gitignore").read_text() and "node_modules/" in (project / ".gitignore").read_text()
    assert json.loads((project / ".prettierrc").read_text())["plugins"] == ["prettier-plugin-apex",
                                                                           "@prettier/plugin-xml"]
    assert "@salesforce/eslint-config-lwc/recommended" in (project / "eslint.config.js").read_text()
    assert "@salesforce/sfdx-lwc-jest/config" in (project / "jest.config.js").read_text()
    package = json.loads((project / "package.json").read_text())
    assert package["name"] == "twilio-lightning-softphone" and package["private"] is True
    for script in ("lint", "test:unit", "prettier", "prettier:verify", "build:connector"):
        assert script in package["scripts"], script
    assert package["scripts"]["test:unit"] == "sfdx-lwc-jest"
    assert "@salesforce/sfdx-lwc-jest" in package["devDependencies"]
    scratch = json.loads((project / "config/project-scratch-def.json").read_text())
    assert "ServiceCloudVoicePartnerTelephony:5" in scratch["features"] and scratch["edition"] == "Developer"
    assert scratch["settings"]["serviceCloudVoiceSettings"] == {"enableSCVExternalTelephony": True}
    sfdx = json.loads((project / "sfdx-project.json").read_text())
    assert sfdx["sourceApiVersion"] == DEFAULT_API_VERSION and sfdx["packageDirectories"][0]["path"] == "force-app"
    versions = _api_versions(project)
    assert versions and set(versions.values()) == {DEFAULT_API_VERSION}
    assert set((project / "connector/.gitignore").read_text().split()) >= {"node_modules/", "dist/"}
    readme = (project / "README.md").read_text()
    assert "sf project deploy start" in readme and "--connector-hosting static-resource" in readme
    # The JavaScript configs are valid JavaScript.
    node = require_node()
    for name in ("eslint.config.js", "jest.config.js"):
        assert subprocess.run([node, "--check", str(project / name)], capture_output=True).returncode == 0, name


def test_every_xml_file_of_the_project_is_well_formed(project):
    paths = list(project.rglob("*.xml"))
    assert paths
    for path in paths:
        ElementTree.parse(path)


@pytest.mark.parametrize("how", ["option", "setting"])
def test_api_version_from_the_option_or_the_settings_file(tmp_path, how):
    out = tmp_path / "out"
    if how == "option":
        proc = run_cli("convert", str(ROOT / ADAPTER), "-o", str(out), "-q", "--api-version", "64", cwd=tmp_path)
        expected = "64.0"
    else:
        (tmp_path / ".ctimod.toml").write_text('api-version = "65.0"\n')
        proc = run_cli("convert", str(ROOT / ADAPTER), "-o", str(out), "-q", cwd=tmp_path)
        expected = "65.0"
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "sfdx-project.json").read_text())["sourceApiVersion"] == expected
    assert set(_api_versions(out).values()) == {expected}


def test_a_wrong_api_version_or_hosting_is_a_usage_error(tmp_path):
    proc = run_cli("convert", ADAPTER, "-o", str(tmp_path / "a"), "--api-version", "latest")
    assert proc.returncode == 2 and "API version" in proc.stderr
    proc = run_cli("convert", ADAPTER, "-o", str(tmp_path / "b"), "--connector-hosting", "cdn")
    assert proc.returncode == 2
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    out = tmp_path_factory.mktemp("hosted") / "voice"
    # An adapter whose connector starts in a bare page (no vendor SDK, no legacy page): the hosting is under
    # test here, not the conversion (lightning-postmessage-bridge's init() now fails honestly: its settings
    # continuation needs the frame that its page's boot code set).
    proc = run_cli("convert", "corpus/static-resource-bridge", "-o", str(out), "-q", "--connector-api", "3",
                   "--connector-hosting", "static-resource")
    assert proc.returncode == 0, proc.stderr
    return out


def test_static_resource_hosting_writes_the_page_the_resource_and_the_vendor_information(hosted):
    ns = {"m": "http://soap.sforce.com/2006/04/metadata"}
    [vendor_file] = (hosted / META / "ConversationVendorInformation").glob("*.ConversationVendorInformation-meta.xml")
    vendor = ElementTree.parse(vendor_file).getroot()
    assert vendor.tag == "{http://soap.sforce.com/2006/04/metadata}ConversationVendorInfo"
    developer = vendor.find("m:developerName", ns).text
    assert vendor_file.name == f"{developer}.ConversationVendorInformation-meta.xml"
    assert vendor.find("m:vendorType", ns).text == "ServiceCloudVoicePartner"
    page_name = vendor.find("m:connectorUrl", ns).text.removeprefix("/apex/")
    page = (hosted / META / "pages" / f"{page_name}.page").read_text()
    resource = re.search(r'<apex:includeScript value="\{!\$Resource\.(\w+)\}"/>', page).group(1)
    meta = ElementTree.parse(hosted / META / "staticresources" / f"{resource}.resource-meta.xml").getroot()
    assert meta.find("m:contentType", ns).text == "text/javascript"
    assert (hosted / META / "pages" / f"{page_name}.page-meta.xml").is_file()
    # The contact center definition names this vendor.
    [center] = (hosted / "contact-center").glob("*.xml")
    assert f'name="reqVendorInfoApiName" label="Vendor Information API Name">{developer}<' in center.read_text()
    package = json.loads((hosted / "package.json").read_text())
    assert f"--outfile=../{META}/staticresources/{resource}.js" in package["scripts"]["build:connector"]
    assert package["scripts"]["deploy"] == "npm run build:connector && sf project deploy start"
    assert "npm run deploy" in (hosted / "README.md").read_text()
    assert resource in (hosted / "connector/README.md").read_text()
    migration = (hosted / "MIGRATION.md").read_text()
    assert "npm run deploy" in migration and f"/apex/{page_name}" in migration


def test_the_built_static_resource_is_a_connector_the_page_loads(hosted, tmp_path):
    """Run the project's own build:connector command (its esbuild step, with the test toolchain's packages in
    place of `npm install`), then load the page's static resource in a DOM and do Salesforce's handshake."""
    require_node()
    project = tmp_path / "voice"
    shutil.copytree(hosted, project)
    command = json.loads((project / "package.json").read_text())["scripts"]["build:connector"]
    esbuild_step = command.split("&& npx ", 1)[1]
    args = shlex.split(esbuild_step)
    assert args[0] == "esbuild"
    env = dict(os.environ, NODE_PATH=str(ROOT / "node_modules"))
    proc = subprocess.run([str(ROOT / "node_modules" / ".bin" / "esbuild"), *args[1:]], cwd=project / "connector",
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    [page] = (project / META / "pages").glob("*.page")
    result = run_node(TEST_SCRIPTS / "static-resource-page.cjs", page, project / META / "staticresources",
                      timeout=120)
    assert result["errors"] == []
    assert (project / META / "staticresources" / f"{result['resource']}.js").stat().st_size > 10_000
    assert result["ready"] is True, result


def test_ctimod_verify_passes_on_the_hosted_project(hosted, tmp_path):
    """Once the connector is built into its static resource, Salesforce's metadata registry accepts the
    hosted project (static resource, Visualforce page, ConversationVendorInformation) and the Apex and
    LWC checks pass. (What verify finds in this adapter's connector is in tests/corpus_findings.py.)"""
    from ctimod.verify import verify

    require_node()
    project = tmp_path / "voice"
    shutil.copytree(hosted, project)
    before = verify(str(project), groups=("metadata",))
    [resource] = (project / META / "staticresources").glob("*_connector.resource-meta.xml")
    assert [r.message for r in before.results if r.result == "failed"] == [
        f"{resource}: Expected source files for type 'StaticResource'"]  # not built yet: `npm run build:connector` writes it
    command = json.loads((project / "package.json").read_text())["scripts"]["build:connector"]
    args = shlex.split(command.split("&& npx ", 1)[1])
    proc = subprocess.run([str(ROOT / "node_modules" / ".bin" / "esbuild"), *args[1:]], cwd=project / "connector",
                          capture_output=True, text=True, env=dict(os.environ, NODE_PATH=str(ROOT / "node_modules")),
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = verify(str(project), groups=("apex", "metadata", "lwc"))
    assert [(r.check, r.file, r.message) for r in report.results if r.result != "passed"] == []
    components = next(r for r in report.results if r.check == "metadata" and r.result == "passed").details
    assert {c.split()[0] for c in components} >= {"StaticResource", "ApexPage", "ConversationVendorInfo",
                                                  "LightningComponentBundle"}


def test_external_hosting_is_the_default_and_writes_no_hosting_metadata(project):
    assert not (project / META / "ConversationVendorInformation").exists()
    assert not (project / META / "pages").exists()
    package = json.loads((project / "package.json").read_text())
    assert "deploy" not in package["scripts"]


def test_the_project_is_deterministic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert run_cli("convert", ADAPTER, "-o", str(out), "-q", "--connector-hosting", "static-resource").returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
