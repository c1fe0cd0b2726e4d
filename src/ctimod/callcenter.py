"""Call center definition files, both formats, parsed safely.

* Import XML: ``<callCenter><section name sortOrder label><item name sortOrder label>value``.
* Metadata API ``CallCenter`` (``*.callCenter``, ``*.callCenter-meta.xml``):
  ``<sections><items><label/><name/><value/></items><label/><name/></sections>``.

Parsing goes through defusedxml: DTDs, entity expansion ("billion laughs") and external
entities are refused with a diagnostic instead of being expanded.
"""

from __future__ import annotations

import json
import re

from .inventory import CallCenter, CallCenterItem, Diagnostic

COMPATIBILITY_KEY = "reqSalesforceCompatibilityMode"
MISSPELT_COMPATIBILITY_KEYS = ("reqSalesforceCompatabilityMode", "reqSalesforceCompatibiltyMode")
COMPATIBILITY_VALUES = ("Classic", "Lightning", "Classic_and_Lightning")
# Items that only mean something to Open CTI; a Voice contact center has no place for them [S17][S34].
OPEN_CTI_ONLY_ITEMS = ("reqAdapterUrl", "reqUseApi", "reqSoftphoneHeight", "reqSoftphoneWidth",
                       "reqCanvasApiName", "reqCanvasNamespace", "reqStandbyUrl", "reqTimeout",
                       COMPATIBILITY_KEY) + MISSPELT_COMPATIBILITY_KEYS


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return None


def line_of(data: bytes, name: str) -> int | None:
    match = re.search(rb"""name\s*=\s*["']""" + re.escape(name.encode()) + rb"""["']|<name>\s*"""
                      + re.escape(name.encode()) + rb"\s*</name>", data)
    return data.count(b"\n", 0, match.start()) + 1 if match else None


class _Unreadable(Exception):
    """A call center file whose declared encoding cannot be read (the message says why)."""


_DECLARED_ENCODING = re.compile(rb"""\A(\xef\xbb\xbf)?(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])([^"'>]*)\3""")


def _as_utf8(data: bytes, error: Exception) -> bytes:
    """``data`` (whose XML declaration names an encoding expat cannot read: a multi-byte one such as Shift_JIS,
    or one that does not exist) as UTF-8 with the declaration saying so; _Unreadable where it cannot be."""
    match = _DECLARED_ENCODING.match(data)
    name = match.group(4).decode("ascii", "replace") if match else ""
    shown = ascii(name)[1:-1][:40]
    if not match:
        raise _Unreadable(f"{type(error).__name__}: {error}") from None
    import codecs

    try:
        known = codecs.lookup(name)
    except LookupError:
        raise _Unreadable(f"it declares the encoding '{shown}', which does not exist; declare the file's real "
                          "encoding (UTF-8?) and run ctimod again") from None
    if not getattr(known, "_is_text_encoding", True):
        raise _Unreadable(f"it declares '{shown}', which is not a text encoding") from None
    try:
        text = data[match.end():].decode(known.name)
    except (UnicodeError, ValueError) as exc:
        raise _Unreadable(f"it is not valid '{shown}' text as its declaration says ({type(exc).__name__})") from None
    return match.group(2) + b'"UTF-8"' + text.encode("utf-8")


def _text_encoding(name: bytes) -> bool:
    """Whether ``name`` is an encoding text can be in (a declaration naming another stays, and is reported)."""
    import codecs

    try:
        codec = codecs.lookup(name.decode("ascii"))
        "x".encode(codec.name)
    except (LookupError, UnicodeError, ValueError):
        return False
    return getattr(codec, "_is_text_encoding", True)


def parse_call_center(data: bytes, decoded: bool = False) -> tuple[CallCenter | None, list[Diagnostic]]:
    """Parse a call center file; returns (definition or None, diagnostics). ``decoded``: ``data`` is the file's
    text in UTF-8, as ctimod.load decoded it (by its byte order mark, its declaration, or a guess), whatever
    text encoding its XML declaration names: the declaration is read as saying UTF-8."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    diags: list[Diagnostic] = []
    if decoded:
        match = _DECLARED_ENCODING.match(data)
        if match is not None and _text_encoding(match.group(4)):
            data = data[:match.start(2)] + match.group(2) + b'"UTF-8"' + data[match.end():]
    try:
        try:
            root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException:  # (a ValueError too)
            raise
        except (LookupError, ValueError) as exc:  # the declared encoding (expat reads only one-byte ones)
            decoded = _as_utf8(data, exc)
            try:
                root = SafeET.fromstring(decoded, forbid_dtd=True, forbid_entities=True, forbid_external=True)
            except DefusedXmlException:
                raise
            except (LookupError, ValueError) as again:  # (not the encoding after all)
                raise _Unreadable(f"{type(again).__name__}: {again}") from None
    except _Unreadable as exc:
        diags.append(Diagnostic("error", "invalid-xml", f"call center XML cannot be read: {exc}"))
        return None, diags
    except DefusedXmlException as exc:
        diags.append(Diagnostic("error", "unsafe-xml",
                                f"call center XML refused: {type(exc).__name__} (DTDs and entities are not "
                                "allowed; nothing was expanded or fetched)"))
        return None, diags
    except SafeET.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        diags.append(Diagnostic("error", "invalid-xml", f"call center XML is not well formed: {exc}",
                                line=line, column=(column + 1) if column is not None else None))
        return None, diags

    root_name = _local(root.tag)
    items: list[CallCenterItem] = []
    sections: list[str] = []
    labels: dict[str, str] = {}  # section name -> its label, as an admin sees it in Setup
    if root_name == "callCenter":
        fmt = "import-xml"
        adapter_url = None
        for section in root:
            if _local(section.tag) != "section":
                continue
            section_name = section.get("name") or ""
            sections.append(section_name)
            if section.get("label"):
                labels.setdefault(section_name, section.get("label"))
            for item in section:
                if _local(item.tag) != "item":
                    continue
                items.append(CallCenterItem(section=section_name, name=item.get("name") or "",
                                            label=item.get("label"), value=(item.text or "").strip(),
                                            sort_order=item.get("sortOrder")))
    elif root_name == "CallCenter":
        fmt = "metadata"
        adapter_url = _child_text(root, "adapterUrl")
        for section in root:
            if _local(section.tag) != "sections":
                continue
            section_name = _child_text(section, "name") or ""
            sections.append(section_name)
            if _child_text(section, "label"):
                labels.setdefault(section_name, _child_text(section, "label"))
            order = 0
            for item in section:
                if _local(item.tag) != "items":
                    continue
                items.append(CallCenterItem(section=section_name, name=_child_text(item, "name") or "",
                                            label=_child_text(item, "label"), value=_child_text(item, "value"),
                                            sort_order=str(order)))
                order += 1
        custom = _child_text(root, "customSettings")
        if custom:
            try:
                settings = json.loads(custom)
            except ValueError:
                settings = None
            if isinstance(settings, dict):
                for key, value in sorted(settings.items()):
                    if not any(i.name == key for i in items):
                        items.append(CallCenterItem(section="customSettings", name=str(key), label=None,
                                                    value=None if value is None else str(value)))
    else:
        diags.append(Diagnostic("error", "not-a-call-center", f"root element <{root_name}> is not a call center"))
        return None, diags

    counts: dict[tuple[str, str], int] = {}
    for item in items:
        counts[(item.section, item.name)] = counts.get((item.section, item.name), 0) + 1
    for (section_name, name), count in counts.items():
        if count > 1 and name:
            # (the values are not printed: a duplicated item may hold a credential)
            diags.append(Diagnostic(
                "warning", "duplicate-call-center-item",
                f"`{name}` is defined {count} times in section `{section_name}`: ctimod reads the last one, and the "
                "contact center carries only it (a definition with duplicate items may not import); check that "
                "its value is the one your org uses", line=line_of(data, name)))
    by_name = {i.name: i for i in items}
    if adapter_url is None and "reqAdapterUrl" in by_name:
        adapter_url = by_name["reqAdapterUrl"].value
    mode, mode_key = None, None
    if COMPATIBILITY_KEY in by_name:
        mode, mode_key = by_name[COMPATIBILITY_KEY].value, COMPATIBILITY_KEY
    else:
        for key in MISSPELT_COMPATIBILITY_KEYS:
            if key in by_name:
                mode, mode_key = by_name[key].value, key
                diags.append(Diagnostic(
                    "warning", "misspelt-compatibility-key",
                    f"`{key}` is a misspelling of `{COMPATIBILITY_KEY}`; Salesforce ignores it, so this call "
                    "center runs in the default Classic mode", line=line_of(data, key)))
                break
    if mode is None:
        diags.append(Diagnostic("info", "no-compatibility-mode",
                                f"no {COMPATIBILITY_KEY}: the call center defaults to Classic"))
    elif mode not in COMPATIBILITY_VALUES:
        diags.append(Diagnostic("warning", "unknown-compatibility-mode",
                                f"compatibility mode `{mode}` is not one of {', '.join(COMPATIBILITY_VALUES)}",
                                line=line_of(data, mode_key)))
    definition = CallCenter(
        format=fmt,
        internal_name=by_name["reqInternalName"].value if "reqInternalName" in by_name else None,
        display_name=(by_name["reqDisplayName"].value if "reqDisplayName" in by_name
                      else _child_text(root, "displayName") if fmt == "metadata" else None),
        adapter_url=adapter_url, compatibility_mode=mode, compatibility_key=mode_key,
        items=items, sections=sections, section_labels=labels)
    return definition, diags


def connector_config(data: bytes) -> dict[str, str]:
    """The flat settings (``'/section/item'`` -> value) Salesforce hands the connector's init() from a
    contact center definition (a generated ``contact-center/*.xml``): what the legacy adapter's
    getCallCenterSettings returned, and what the converted settings code reads."""
    center, _ = parse_call_center(data)
    if center is None:
        return {}
    return {f"/{item.section}/{item.name}": item.value or "" for item in center.items if item.section and item.name}
