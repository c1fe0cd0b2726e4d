"""Metadata files of the bundle: the SFDX project, the LWC's template and meta XML, the Apex classes
and message channels the converted code asked for (through its Needs), and the contact center."""

from __future__ import annotations

import os
import re

from .. import __version__
from ..assess import is_secret, mask
from ..callcenter import OPEN_CTI_ONLY_ITEMS
from ..inventory import CallCenterItem
from ..codemod import Needs
from .lwc import label
from .templates import environment

API_VERSION = "62.0"


def project_files(plan) -> list[tuple[str, str, str]]:
    """(path, content, kind): the SFDX project and the LWC's template and meta XML."""
    env = environment()
    base = f"force-app/main/default/lwc/{plan.lwc_name}/{plan.lwc_name}"
    targets = ["lightning__UtilityBar", "lightning__RecordPage", "lightning__VoiceExtension"]
    if not plan.options.utility_bar:
        targets.remove("lightning__UtilityBar")
    return [
        ("sfdx-project.json", env.get_template("bundle/sfdx-project.json.j2").render(
            name=plan.lwc_name, api_version=API_VERSION), "json"),
        (f"{base}.html", env.get_template("lwc/component.html.j2").render(version=__version__), "html"),
        (f"{base}.js-meta.xml", env.get_template("lwc/component.js-meta.xml.j2").render(
            version=__version__, adapter=plan.adapter, api_version=API_VERSION, label=label(plan.class_name),
            description=f"Salesforce Voice component migrated by ctimod from the Open CTI adapter {plan.adapter}",
            targets=targets), "xml"),
    ]


def apex_files(needs: Needs) -> list[tuple[str, str, str]]:
    env = environment()
    files = []
    meta = env.get_template("apex/class.cls-meta.xml.j2").render(api_version=API_VERSION)
    for name in sorted(set(needs.apex) | set(needs.apex_templates)):
        if name in needs.apex_templates:
            content = env.get_template(needs.apex_templates[name]).render(version=__version__)
        else:
            methods = []
            for method in sorted(needs.apex[name].values(), key=lambda m: m.name):
                types = method.types or ["String"] * len(method.params)
                signature = ", ".join(f"{t} {p}" for t, p in zip(types, method.params))
                todo = None
                if not method.literal_params:
                    todo = ("runApex built its query string at run time: give this method the real parameters "
                            "and parse methodParams no more.")
                methods.append({"name": method.name, "returns": method.returns, "signature": signature,
                                "arguments": ", ".join(method.params), "legacy": method.legacy,
                                "legacy_class": method.legacy_class or name, "todo": todo})
            content = env.get_template("apex/class.cls.j2").render(version=__version__, name=name, methods=methods)
        files.append((f"force-app/main/default/classes/{name}.cls", content, "apex"))
        files.append((f"force-app/main/default/classes/{name}.cls-meta.xml", meta, "xml"))
    return files


def channel_files(plan, needs: Needs) -> list[tuple[str, str, str]]:
    env = environment()
    files = []
    for channel in sorted(needs.channels):
        base = channel[:-3] if channel.endswith("__c") else channel
        if "__" in base:
            continue  # another namespace's channel: imported, not ours to write
        files.append((
            f"force-app/main/default/messageChannels/{base}.messageChannel-meta.xml",
            env.get_template("metadata/messageChannel.xml.j2").render(
                version=__version__, label=base, fields=sorted(needs.channels[channel]),
                description=f"Lightning Message Service channel migrated by ctimod from {plan.adapter}"), "xml"))
    return files


def _stem(path: str) -> str:
    return re.sub(r"\.[^./]*$", "", path.rsplit("/", 1)[-1]).lower()


def _page_of(plan, center_path: str, url: str) -> str | None:
    """The legacy file a call center's adapter URL names (``/apex/AcmePhone`` -> ``AcmePhone.page``, also
    ``1.0_AcmePhone.vfp``); of several copies, the one nearest the call center file, and of those the one
    converted (``1.0.0_AcmePhone.vfp``, not an earlier step ``0.1.1_config_AcmePhone.vfp``)."""
    names = [n.lower() for n in re.findall(r"/apex/(?:[A-Za-z0-9]+__)?([A-Za-z0-9_]+)", url or "")]
    if not names:
        return None
    copies = [path for path in list(plan.files) + list(plan.excluded)
              if any(_stem(path) == n or re.search(r"[^a-z0-9]" + re.escape(n) + "$", _stem(path)) for n in names)]
    if not copies:
        return None
    folder = center_path.rsplit("/", 1)[0] if "/" in center_path else ""

    def shared(path: str) -> int:
        return len(os.path.commonprefix([folder.split("/"), path.split("/")[:-1]])) if folder else 0
    return max(sorted(set(copies)), key=lambda path: (shared(path), path not in plan.excluded))


def contact_centers(plan) -> tuple[list[tuple[str, str, str]], dict]:
    """A partner-telephony contact center definition per call center file of the converted adapter (the
    call centers of variants that are not converted are reported, not converted), and what became of
    each: the first one's summary, with ``also`` (the other converted ones) and ``superseded``."""
    converted, superseded = [], []
    for source in plan.call_centers:
        page = _page_of(plan, source[0], source[1].adapter_url)
        if page is not None and page in plan.excluded:
            superseded.append({"source": source[0], "why": f"the call center of {page}, a variant that is not "
                                                             "converted"})
        else:
            converted.append(source)
    files, summaries, taken = [], [], set()
    for source in converted or [None]:
        center_files, summary = _contact_center(plan, source, taken)
        files += center_files
        summaries.append(summary)
    first = dict(summaries[0])
    first["also"] = summaries[1:]
    first["superseded"] = superseded
    return files, first


def _contact_center(plan, source, taken: set) -> tuple[list[tuple[str, str, str]], dict]:
    """The partner-telephony contact center definition, and what became of each call center item."""
    env = environment()
    definition = source[1] if source else None
    internal = (definition.internal_name if definition and definition.internal_name else plan.class_name)
    internal = re.sub(r"[^A-Za-z0-9]", "", internal) or "Voice"
    if not internal[0].isalpha():
        internal = "V" + internal
    # A definition that is a Voice contact center already (it has the reqHvcc section: a migration begun by hand,
    # or a bundle ctimod wrote) keeps its names; an Open CTI call center's get "Voice" added.
    voice = definition is not None and any(item.section == "reqHvcc" for item in definition.items)
    internal = internal[:40] if voice else (internal + "Voice")[:40]
    base, n = internal, 2
    while internal.lower() in taken:
        internal, n = f"{base[:40 - len(str(n))]}{n}", n + 1
    taken.add(internal.lower())
    display = ((definition.display_name or definition.internal_name) if definition else plan.adapter) or plan.adapter
    general = [("reqInternalName", "InternalName", internal),
               ("reqDisplayName", "Display Name", display if voice else f"{display} (Voice)"),
               ("reqVendorInfoApiName", "Vendor Information API Name", internal)]
    hvcc = [("reqTelephonyIntegrationCertificate", "Telephony Integration Certificate", "")]
    retired, carried, custom_general, secrets = [], [], [], []
    vendor_sections: dict[str, list] = {}
    labels: dict[str, str] = dict(definition.section_labels) if definition else {}
    if definition:
        for item in definition.items:
            if item.name in OPEN_CTI_ONLY_ITEMS:
                retired.append({"section": item.section, "name": item.name, "value": item.value})
            elif item.section == "reqGeneralInfo":
                if item.name in ("reqInternalName", "reqDisplayName"):
                    continue
                if voice and item.name == "reqVendorInfoApiName" and item.value:
                    general[2] = (item.name, general[2][1], item.value)  # (a begun migration's vendor, kept)
                    continue
                if item.name.startswith("req"):
                    retired.append({"section": item.section, "name": item.name, "value": item.value})
                else:
                    custom_general.append(item)
            elif item.section == "reqDialingOptions":
                if item.name == "reqLongDistPrefix":
                    hvcc.append(("reqLongDistPrefix", item.label or "Long Distance Prefix", item.value or ""))
                vendor_sections.setdefault("reqDialingOptions", []).append(item)
            elif item.section == "customSettings":
                retired.append({"section": item.section, "name": item.name, "value": item.value})
            elif item.section == "reqHvcc":
                # (one reqHvcc section: the definition's own items, its certificate among them, go into it)
                known = [n for n, _, _ in hvcc]
                entry = (item.name, item.label or item.name, item.value or "")
                if item.name in known:
                    hvcc[known.index(item.name)] = entry
                else:
                    hvcc.append(entry)
            else:
                vendor_sections.setdefault(item.section, []).append(item)
        if custom_general:
            vendor_sections.setdefault("ctimodGeneralSettings", []).extend(custom_general)
            labels["ctimodGeneralSettings"] = "Settings carried from reqGeneralInfo"
    duplicates = []
    for name, items in vendor_sections.items():
        # An item named twice in one section: the last one is carried (ctimod reads it so everywhere),
        # the others are listed as not carried.
        last = {item.name: index for index, item in enumerate(items)}
        if len(last) < len(items):
            duplicates += [{"section": name, "name": item.name, "value": mask(item.value.strip())
                            if is_secret(item.name, item.value) else item.value}
                           for index, item in enumerate(items) if last[item.name] != index]
            items[:] = [item for index, item in enumerate(items) if last[item.name] == index]
    for items in vendor_sections.values():
        for index, item in enumerate(items):
            if is_secret(item.name, item.value):
                secrets.append({"section": item.section, "name": item.name, "value": mask(item.value.strip())})
                items[index] = CallCenterItem(item.section, item.name, item.label, "", item.sort_order)
    retired = [dict(i, value=mask(i["value"].strip())) if is_secret(i["name"], i["value"]) else i for i in retired]
    sections = [
        {"name": "reqGeneralInfo", "label": "General Information",
         "items": [{"name": n, "label": text, "value": v} for n, text, v in general]},
        {"name": "reqHvcc", "label": "SCV Settings",
         "items": [{"name": n, "label": text, "value": v} for n, text, v in hvcc]},
    ]
    for name, items in vendor_sections.items():
        sections.append({"name": name, "label": labels.get(name, name), "items": [
            {"name": i.name, "label": i.label or i.name, "value": i.value or ""} for i in items]})
        carried.extend({"section": name, "name": i.name, "value": i.value} for i in items)
    for index, section in enumerate(sections):
        section["sort_order"] = index
        for position, item in enumerate(section["items"]):
            item["sort_order"] = position
    summary = {"source": source[0] if source else None, "internal_name": internal, "retired": retired,
               "carried": carried, "secrets": secrets, **({"duplicates": duplicates} if duplicates else {})}
    content = env.get_template("metadata/contactCenter.xml.j2").render(
        version=__version__, source=source[0] if source else "no call center file (defaults)", sections=sections)
    return [(f"contact-center/{internal}.xml", content, "xml")], summary
