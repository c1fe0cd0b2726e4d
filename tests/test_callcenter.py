"""Call center definition files: both formats, read safely."""

from __future__ import annotations

from ctimod.callcenter import parse_call_center

IMPORT_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<callCenter>
  <section sortOrder="0" name="reqGeneralInfo" label="General Information">
    <item sortOrder="0" name="reqInternalName" label="InternalName">AcmeAdapter</item>
    <item sortOrder="1" name="reqDisplayName" label="Display Name">Acme &amp; Co Phone</item>
    <item sortOrder="2" name="reqAdapterUrl" label="CTI Adapter URL">https://acme.example/softphone</item>
    <item sortOrder="3" name="reqUseApi" label="Use CTI API">true</item>
    <item sortOrder="4" name="reqSalesforceCompatabilityMode" label="Mode">Classic_and_Lightning</item>
  </section>
  <section sortOrder="1" name="AcmeSettings" label="Acme">
    <item sortOrder="0" name="serverUrl" label="Server">https://pbx.acme.example</item>
  </section>
</callCenter>
"""

METADATA = b"""<?xml version="1.0" encoding="UTF-8"?>
<CallCenter xmlns="http://soap.sforce.com/2006/04/metadata">
    <adapterUrl>/apex/AcmePhone</adapterUrl>
    <customSettings>{"reqTimeout": "5000"}</customSettings>
    <displayName>Acme Phone</displayName>
    <displayNameLabel>Display Name</displayNameLabel>
    <internalNameLabel>Internal Name</internalNameLabel>
    <sections>
        <items><label>InternalName</label><name>reqInternalName</name><value>AcmePhone</value></items>
        <items><label>Mode</label><name>reqSalesforceCompatibilityMode</name><value>Lightning</value></items>
        <label>General Information</label>
        <name>reqGeneralInfo</name>
    </sections>
</CallCenter>
"""


def test_import_xml_with_the_misspelt_compatibility_key():
    definition, diags = parse_call_center(IMPORT_XML)
    assert definition.format == "import-xml"
    assert definition.internal_name == "AcmeAdapter"
    assert definition.display_name == "Acme & Co Phone"
    assert definition.adapter_url == "https://acme.example/softphone"
    assert (definition.compatibility_mode, definition.compatibility_key) == (
        "Classic_and_Lightning", "reqSalesforceCompatabilityMode")
    (warning,) = [d for d in diags if d.code == "misspelt-compatibility-key"]
    assert warning.line == 8
    assert [(i.section, i.name) for i in definition.items][-1] == ("AcmeSettings", "serverUrl")


def test_metadata_format():
    definition, diags = parse_call_center(METADATA)
    assert definition.format == "metadata"
    assert definition.adapter_url == "/apex/AcmePhone"
    assert definition.display_name == "Acme Phone"
    assert definition.compatibility_mode == "Lightning"
    assert ("customSettings", "reqTimeout", "5000") in [(i.section, i.name, i.value) for i in definition.items]
    assert diags == []


def test_missing_compatibility_mode_defaults_to_classic():
    definition, diags = parse_call_center(b"<callCenter><section name='reqGeneralInfo'/></callCenter>")
    assert definition.compatibility_mode is None
    assert [d.code for d in diags] == ["no-compatibility-mode"]


def test_entity_expansion_is_refused_not_expanded():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<callCenter><section name="a"><item name="x">&lol3;</item></section></callCenter>"""
    definition, diags = parse_call_center(bomb)
    assert definition is None
    assert [d.code for d in diags] == ["unsafe-xml"]


def test_external_entities_are_refused():
    xxe = b"""<?xml version="1.0"?>
<!DOCTYPE callCenter [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<callCenter><section name="a"><item name="x">&secret;</item></section></callCenter>"""
    definition, diags = parse_call_center(xxe)
    assert definition is None and diags[0].code == "unsafe-xml"


def test_malformed_xml_is_a_diagnostic_with_a_position():
    definition, diags = parse_call_center(b"<callCenter>\n<section name='a'>\n</callCenter>")
    assert definition is None
    assert diags[0].code == "invalid-xml" and diags[0].line == 3


def test_the_contact_center_keeps_each_vendor_sections_label(tmp_path):
    # An admin sees a section's label in Setup: the converted definition keeps the legacy one
    # (escaped), not the section's API name; a section without a label shows its name.
    import re

    from ctimod.convert import ConvertOptions, bundle_files, convert

    for name, definition in [("Acme.callCenter", IMPORT_XML.replace(b'label="Acme"', b'label="Acme &amp; Co &lt;PBX&gt;"')),
                             ("Acme.callCenter-meta.xml", METADATA.replace(
                                 b"    <sections>\n        <items><label>InternalName</label>",
                                 b"    <sections>\n        <items><label>Region</label><name>region</name><value>eu</value></items>\n"
                                 b"        <label>Acme Cloud</label>\n        <name>AcmeCloud</name>\n    </sections>\n"
                                 b"    <sections>\n        <name>AcmeExtra</name>\n"
                                 b"        <items><label>Tier</label><name>tier</name><value>gold</value></items>\n"
                                 b"    </sections>\n    <sections>\n        <items><label>InternalName</label>"))]:
        folder = tmp_path / name.split(".")[1] / "adapter"
        folder.mkdir(parents=True)
        (folder / "softphone.js").write_text("sforce.opencti.getCallCenterSettings({callback: function (r) {\n"
                                             "  window.settings = r.returnValue;\n}});\n")
        (folder / name).write_bytes(definition)
        files = {f.path: f.content for f in bundle_files(convert([str(folder)], ConvertOptions()))}
        xml = next(v for k, v in files.items() if k.startswith("contact-center/"))
        sections = re.findall(r'<section sortOrder="\d+" name="([^"]*)" label="([^"]*)">', xml)
        vendor = [s for s in sections if s[0] not in ("reqGeneralInfo", "reqHvcc")]
        if name.endswith("-meta.xml"):
            assert vendor == [("AcmeCloud", "Acme Cloud"), ("AcmeExtra", "AcmeExtra")], sections
        else:
            assert vendor == [("AcmeSettings", "Acme &amp; Co &lt;PBX&gt;")], sections


def test_an_item_defined_twice_in_a_section_is_carried_once_and_the_other_is_reported(tmp_path):
    # The contact center holds each item once (the last, as ctimod reads the call center everywhere); the
    # earlier value is listed as not carried, and the call center's diagnostics name the item without its value.
    import json
    import re

    from ctimod.convert import ConvertOptions, bundle_files, convert

    folder = tmp_path / "adapter"
    folder.mkdir()
    (folder / "softphone.js").write_text("sforce.opencti.getCallCenterSettings({callback: function (r) {\n"
                                         "  window.settings = r.returnValue;\n}});\n")
    (folder / "Acme.callCenter").write_bytes(IMPORT_XML.replace(
        b'<item sortOrder="0" name="serverUrl" label="Server">https://pbx.acme.example</item>',
        b'<item sortOrder="0" name="serverUrl" label="Server">https://old-pbx.acme.example</item>\n'
        b'    <item sortOrder="1" name="region" label="Region">eu</item>\n'
        b'    <item sortOrder="2" name="serverUrl" label="Server">https://pbx.acme.example</item>'))
    files = {f.path: f.content for f in bundle_files(convert([str(folder)], ConvertOptions()))}
    xml = next(v for k, v in files.items() if k.startswith("contact-center/"))
    section = xml[xml.index('name="AcmeSettings"'):]
    section = section[:section.index("</section>")]
    assert re.findall(r'<item sortOrder="\d+" name="(\w+)" label="\w+">([^<]*)<', section) == [("region", "eu"),
                                                                        ("serverUrl", "https://pbx.acme.example")]
    doc = json.loads(files["migration.json"])
    assert doc["contact_center"]["duplicates"] == [
        {"section": "AcmeSettings", "name": "serverUrl", "value": "https://old-pbx.acme.example"}]
    (warning,) = [d for d in doc["diagnostics"] if d["code"] == "duplicate-call-center-item"]
    assert warning["message"].startswith("`serverUrl` is defined 2 times in section `AcmeSettings`")
    assert "old-pbx" not in warning["message"]
    assert "| AcmeSettings | serverUrl | https://old-pbx.acme.example |" in files["MIGRATION.md"].split(
        "these earlier ones were **not** carried")[1]


def test_a_call_center_in_a_multi_byte_encoding_is_read():
    # expat reads only one-byte encodings: a Japanese org's Shift_JIS (or EUC-JP) definition is decoded first.
    for encoding in ("Shift_JIS", "EUC-JP", "Big5"):
        text = METADATA.decode().replace("UTF-8", encoding, 1).replace("<displayName>Acme Phone",
                                                                     "<displayName>Acme 電話", 1)
        definition, diags = parse_call_center(text.encode(encoding))
        assert diags == [] and definition is not None, encoding
        assert definition.display_name == "Acme 電話" and definition.adapter_url == "/apex/AcmePhone"


def test_a_call_center_declaring_an_encoding_that_cannot_be_read_is_a_diagnostic_not_a_crash():
    # Before: LookupError / ValueError / UnicodeError escaped ("internal error") and stopped convert.
    for encoding, said in (("TF-8", "the encoding 'TF-8', which does not exist"),
                           ("rot13", "'rot13', which is not a text encoding"),
                           ("undefined", "not valid 'undefined' text")):
        definition, diags = parse_call_center(IMPORT_XML.replace(b"UTF-8", encoding.encode(), 1))
        assert definition is None and [d.code for d in diags] == ["invalid-xml"], encoding
        assert said in diags[0].message
