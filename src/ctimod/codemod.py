"""The codemod framework: call sites, splice edits, conversions and the codemod registry.

A codemod (one module per Open CTI capability in ``codemods/``) registers for the catalog members
it handles. For each call site it returns a :class:`Conversion`: how safe it is, what the call
becomes in each home it can land in (the LWC, the connector), and what it contributes to the
bundle (imports, wires, Apex methods, message channels). Replacement text is produced lazily by
a :class:`Renderer`, which splices edits into the legacy bytes — so callback bodies moved along
with a call keep their comments and formatting, and Open CTI calls nested inside them are
converted in place.
"""

from __future__ import annotations

import bisect
import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from .catalog import MEMBERS, lookup
from .inventory import ApiUse
from .legacy import text, unwrap

LWC, CONNECTOR = "lwc", "connector"

Producer = Callable[["Renderer", str], str]


# ---------------------------------------------------------------------------------------- sources
@dataclass
class LegacyFile:
    """One parsed legacy file as convert sees it."""

    display: str
    data: bytes  # the bytes that were parsed (template tags masked; same length as the file)
    source: bytes  # the file's own UTF-8 bytes
    regions: list
    uses: list[ApiUse]
    sites: list[tuple[int, int, str]]

    def node(self, start: int, end: int):
        """The smallest node spanning [start, end) in the script region that holds it."""
        for region in self.regions:
            if region.start_byte <= start and end <= region.end_byte:
                return region.tree.root_node.descendant_for_byte_range(start, end)
        return None

    def language_at(self, offset: int):
        """The tree-sitter Language of the script region holding ``offset`` (JavaScript if none)."""
        for region in self.regions:
            if region.start_byte <= offset < region.end_byte:
                return region.tree.language
        return None

    def call_node(self, use: ApiUse):
        node = self.node(use.start_byte, use.end_byte)
        while node is not None and node.type != "call_expression":
            node = node.parent
        return node

    def text(self, node) -> str:
        return text(self.source, node)

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    @cached_property
    def line_starts(self) -> list[int]:
        """Byte offset where each line starts (line n starts at ``line_starts[n - 1]``)."""
        starts = [0]
        find = self.source.find
        position = find(b"\n")
        while position >= 0:
            starts.append(position + 1)
            position = find(b"\n", position + 1)
        return starts


# ---------------------------------------------------------------------------------------- edits
@dataclass
class Edit:
    """Replace [start, end) of a legacy file with produced text, in the given homes (all if None)."""

    start: int
    end: int
    produce: Producer | str
    homes: tuple[str, ...] | None = None
    why: str = ""


class Renderer:
    """Renders legacy byte ranges with all applicable edits spliced in."""

    def __init__(self, files: dict[str, LegacyFile]):
        self.files = files
        self.edits: dict[str, list[Edit]] = {name: [] for name in files}
        self._sorted: dict[str, tuple[list[Edit], list[int]]] = {}

    def add(self, file: LegacyFile, edit: Edit) -> None:
        self.edits[file.display].append(edit)
        self._sorted.pop(file.display, None)

    def _by_start(self, display: str) -> tuple[list[Edit], list[int]]:
        """The file's edits in render order (start, longest first), and their starts for bisecting."""
        cached = self._sorted.get(display)
        if cached is None:
            ordered = sorted(self.edits[display], key=lambda e: (e.start, -(e.end - e.start)))
            cached = self._sorted[display] = (ordered, [e.start for e in ordered])
        return cached

    def render(self, file: LegacyFile, start: int, end: int, home: str, skip: Edit | None = None) -> str:
        ordered, starts = self._by_start(file.display)
        edits = [e for e in ordered[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end + 1)]
                 if e.end <= end and (e.homes is None or home in e.homes) and e is not skip]
        out, cursor = [], start
        for edit in edits:
            if edit.start < cursor:
                continue  # nested inside an edit already taken: that edit renders it
            out.append(file.source[cursor:edit.start].decode("utf-8", "replace"))
            out.append(edit.produce if isinstance(edit.produce, str) else edit.produce(self, home))
            cursor = edit.end
        out.append(file.source[cursor:end].decode("utf-8", "replace"))
        return "".join(out)

    def node(self, file: LegacyFile, node, home: str) -> str:
        return self.render(file, node.start_byte, node.end_byte, home)


# ---------------------------------------------------------------------------------------- call sites
@dataclass
class CallSite:
    """An Open CTI call with easy access to its arguments."""

    use: ApiUse
    file: LegacyFile
    node: object  # call_expression

    @property
    def member(self):
        return lookup(self.use.api)

    @property
    def args(self) -> list:
        arguments = self.node.child_by_field_name("arguments")
        args = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        function = self.node.child_by_field_name("function")
        if function is not None and function.type == "member_expression":
            prop = function.child_by_field_name("property")
            if prop is not None and self.file.text(prop) == "call":
                return args[1:]
        return args

    @property
    def options_node(self):
        args = self.args
        if len(args) == 1 and unwrap(args[0]).type == "object":
            return unwrap(args[0])
        return None

    def option(self, key: str):
        """The value node of ``key:`` in a Lightning options object (methods become functions)."""
        obj = self.options_node
        if obj is None:
            return None
        for child in obj.named_children:
            if child.type == "pair":
                key_node = child.child_by_field_name("key")
                raw = self.file.text(key_node)
                if (raw[1:-1] if key_node.type == "string" else raw) == key:
                    return child.child_by_field_name("value")
            elif child.type == "shorthand_property_identifier" and self.file.text(child) == key:
                return child
            elif child.type == "method_definition":
                name = child.child_by_field_name("name")
                if name is not None and self.file.text(name) == key:
                    return child
        return None

    def positional(self, index: int):
        args = self.args
        return args[index] if index < len(args) else None

    def handler(self, *keys: str):
        """The function handed to the call: a Lightning option (callback/listener) or a Classic argument."""
        if self.member is not None and self.member.family.value == "lightning":
            for key in keys:
                node = self.option(key)
                if node is not None:
                    return node
            args = self.args
            if args and unwrap(args[0]).type in ("function_expression", "function", "arrow_function"):
                return args[0]  # a Classic-style function passed to a Lightning method
            return None
        member = self.member
        if member is None:
            return None
        for name in ("callback", "listener", "eventHandler"):
            if name in member.params:
                return self.positional(member.params.index(name))
        return None


# ---------------------------------------------------------------------------------------- results
@dataclass
class Conversion:
    """What became of one Open CTI call."""

    use: ApiUse
    codemod: str
    safety: str  # auto | review | manual | drop | invalid
    summary: str  # what it became, in a sentence
    todo: str | None = None  # what is left for a human, precisely
    lwc: Producer | None = None  # the call's replacement text when it lands in the LWC
    connector: Producer | None = None  # ... in the connector
    trigger: str | None = None  # toolkit event that should run the legacy function around it
    status: str = "converted"  # converted | failed
    home: str = "none"  # where the call ended up: lwc | connector | none
    location: str = ""  # where in the bundle
    generated: str = ""  # the text generated in its place (for the side-by-side diff)
    reason: str = ""  # why nothing could be generated (for manual/drop)
    connector_role: str | None = None  # 'dial' / 'init': the handler moves into that connector method
    site: CallSite | None = None


@dataclass
class ApexMethod:
    name: str
    params: list[str]  # parameter names (all String, as runApex passed a query string)
    returns: str = "String"
    note: str = ""
    literal_params: bool = True
    legacy: str = ""  # file:line of a call


@dataclass
class Bundle:
    """What the codemods contribute to the generated bundle besides call replacements."""

    lwc_imports: dict[str, set[str]] = field(default_factory=dict)  # module -> named imports
    lwc_default_imports: dict[str, str] = field(default_factory=dict)  # local name -> module
    lwc_wires: dict[str, str] = field(default_factory=dict)  # field name -> declaration line
    lwc_helpers: set[str] = field(default_factory=set)  # names of helper methods (templates/helpers)
    module_helpers: dict[str, set[str]] = field(default_factory=lambda: {LWC: set(), CONNECTOR: set()})
    navigation: bool = False
    utility_bar: bool = False
    apex: dict[str, dict[str, ApexMethod]] = field(default_factory=dict)
    message_channels: dict[str, str] = field(default_factory=dict)  # channel API name -> import name
    channel_fields: dict[str, set[str]] = field(default_factory=dict)  # channel -> message keys seen
    connector_notes: list[str] = field(default_factory=list)

    def lwc_import(self, module: str, *names: str) -> None:
        self.lwc_imports.setdefault(module, set()).update(names)

    def helper(self, name: str, home: str) -> str:
        self.module_helpers[home].add(name)
        return name

    def apex_method(self, cls: str, method: str) -> str:
        local = method if method not in ("default", "import") else method + "Apex"
        key = f"{cls}.{method}"
        existing = [n for n, m in self.lwc_default_imports.items() if m == f"@salesforce/apex/{key}"]
        if existing:
            return existing[0]
        used = set(self.lwc_default_imports)
        candidate, n = local, 2
        while candidate in used:
            candidate, n = f"{local}{n}", n + 1
        self.lwc_default_imports[candidate] = f"@salesforce/apex/{key}"
        return candidate

    def channel(self, api_name: str) -> str:
        if api_name not in self.message_channels:
            base = re.sub(r"__c$", "", api_name)
            local = re.sub(r"\W", "_", base).upper() + "_CHANNEL"
            self.message_channels[api_name] = local
            self.lwc_default_imports[local] = f"@salesforce/messageChannel/{api_name}"
            self.lwc_import("lightning/messageService", "publish", "subscribe", "unsubscribe", "MessageContext",
                            "APPLICATION_SCOPE")
            self.lwc_wires["messageContext"] = "@wire(MessageContext) messageContext;"
        return self.message_channels[api_name]


# ---------------------------------------------------------------------------------------- codemods
class Codemod:
    """Base class. The docstring of a subclass is its user documentation (``ctimod explain``)."""

    id: str = ""
    members: tuple[str, ...] = ()

    def convert(self, site: CallSite, plan) -> Conversion:  # pragma: no cover - abstract
        raise NotImplementedError

    # Helpers shared by codemods -------------------------------------------------------------
    @staticmethod
    def removed(reason: str, api: str) -> Producer:
        comment = f"/* ctimod: removed {api}: {reason} */"
        return lambda renderer, home: f"void 0 {comment}"


_REGISTRY: dict[str, Codemod] = {}
_BY_MEMBER: dict[str, Codemod] = {}


def register(cls: type[Codemod]) -> type[Codemod]:
    instance = cls()
    if not cls.__doc__:
        raise TypeError(f"codemod {cls.__name__} has no docstring")
    _REGISTRY[cls.id] = instance
    for api in cls.members:
        if api in _BY_MEMBER:
            raise ValueError(f"{api} registered by {_BY_MEMBER[api].id} and {cls.id}")
        _BY_MEMBER[api] = instance
    return cls


_LOADED: list[bool] = []


def load_codemods() -> dict[str, Codemod]:
    """Import every module of ``ctimod.codemods`` (each registers itself) and return the registry."""
    if not _LOADED:
        package = importlib.import_module("ctimod.codemods")
        for info in pkgutil.iter_modules(package.__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"ctimod.codemods.{info.name}")
        _LOADED.append(True)
    return _REGISTRY


def codemod_for(api: str) -> Codemod:
    load_codemods()
    member = lookup(api)
    if member is not None and member.api in _BY_MEMBER:
        return _BY_MEMBER[member.api]
    return _REGISTRY["invalid-member"]


def unregistered_members() -> list[str]:
    """Catalog members no codemod registers for (a test keeps this empty)."""
    load_codemods()
    return [m.api for m in MEMBERS if m.api not in _BY_MEMBER]
