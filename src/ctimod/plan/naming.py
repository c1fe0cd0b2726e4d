"""Names in the generated bundle: the adapter, the LWC bundle and class, moved methods."""

from __future__ import annotations

import os
import re

from ..legacy import identifier_from

# Members the generated component defines itself; a moved legacy function never takes these names.
GENERATED_MEMBERS = {"recordId", "objectApiName", "status", "toolkit", "cardTitle", "handleCallStarted",
                     "handleCallConnected", "handleCallEnded", "pageRef", "wiredPageReference", "utilityId",
                     "messageContext", "isConsoleNavigation", "template"}
LIFECYCLE = {"constructor", "connectedCallback", "disconnectedCallback", "renderedCallback", "render",
             "errorCallback", "template", "dispatchEvent", "addEventListener", "removeEventListener"}
RESERVED_JS = set("""break case catch class const continue debugger default delete do else enum export extends false
finally for function if implements import in instanceof interface let new null package private protected public
return static super switch this throw true try typeof var void while with yield await""".split())


def lwc_name_for(raw: str) -> str:
    """A valid LWC bundle name: starts with a lower-case letter, letters/digits/single underscores."""
    words = re.findall(r"[A-Za-z0-9]+", raw)
    if not words:
        words = ["voice", "softphone"]
    name = words[0][:1].lower() + words[0][1:] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    name = re.sub(r"^[^a-z]+", "", name) or "voice"
    if not name[0].islower():
        name = "c" + name
    if name in RESERVED_JS:
        name += "Voice"
    return name[:40]


def class_name_for(lwc_name: str) -> str:
    return lwc_name[:1].upper() + lwc_name[1:]


def adapter_name(paths: list[str]) -> str:
    """The adapter's name: the real name of the first folder or file (extensions dropped), however the path was
    spelt. ``convert .`` inside ``acme-softphone``, ``convert ../acme-softphone`` and a link to it all give
    ``acme-softphone``. Shown escaped (a name may hold any bytes)."""
    from ..escape import display_path

    first = os.path.realpath(paths[0])
    base = os.path.basename(first)
    if not os.path.isdir(first):
        base = re.sub(r"(\.[A-Za-z0-9-]+)+$", "", base)
    return display_path(base) or "adapter"


def method_name(wanted: str, taken: set[str]) -> str:
    """A class member name for a moved function: its legacy name unless it clashes."""
    base = wanted if re.fullmatch(r"[A-Za-z_$][\w$]*", wanted) else identifier_from(wanted, "on")
    if base in LIFECYCLE or base in RESERVED_JS or base in GENERATED_MEMBERS or base.startswith("ctimod"):
        base = base + "Legacy"
    # (a name ending in a digit takes an underscore first: legacyScript1 and legacyScript1_2, never
    # legacyScript12, which reads as the script on line 12)
    joint = "_" if base[-1:].isdigit() else ""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{joint}{n}", n + 1
    taken.add(candidate)
    return candidate
