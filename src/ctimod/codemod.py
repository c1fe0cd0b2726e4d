"""The codemod framework: what a codemod declares, what it is given, what it returns.

A codemod is one module of ``codemods/`` (one Open CTI capability): a :class:`Codemod` subclass
registered with :func:`register`, whose docstring is its user documentation (``ctimod explain``).
It declares everything about its capability:

- ``members`` — the catalog members it converts. The catalog's codemod column and the SARIF rule
  list are derived from these declarations (:func:`codemod_id_for`, :func:`registered`).
- ``runs_in`` — ``LWC`` when its calls are UI logic (the legacy function around each call moves
  into the Voice LWC); ``None`` when the calls stay wherever the code around them goes.
- ``compliance`` — the assessment checklist topics its calls are evidence for.
- ``convert(site, context)`` — for one call site, a :class:`Conversion`: its safety (the catalog's
  :class:`~ctimod.catalog.Disposition`), a summary, what is left for a person, and for each home
  (the LWC, the connector) a replacement: a producer of text (see :class:`RenderContext`), a
  :class:`Removed` note, or an :class:`Unsupported` TODO. A conversion may name a
  ``handler_slot``: the handler passed to the call then becomes that connector method.
- ``plan_slot(moved, context)`` and ``connector_parts(context)`` — for codemods with a handler
  slot: the edits inside the moved handler, and the text of the connector parts it fills.

Replacement text is produced from a :class:`RenderContext`, which renders legacy expressions with
nested conversions spliced in and is the one channel for side effects: what the text needs in its
module (imports, helpers, wires, component members, toolkit event statements, Apex classes,
message channels) is requested there and applied once per module by the renderers.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from .catalog import MEMBERS, Disposition, lookup
from .escape import js_comment
from .inventory import ApiUse
from .legacy import find_declaration, unwrap
from .splice import Edit, LegacyFile, Renderer

LWC, CONNECTOR = "lwc", "connector"
HOMES = (LWC, CONNECTOR)


# ---------------------------------------------------------------------------------------- call sites
@dataclass(frozen=True)
class OptionPath:
    """An option of a Lightning call whose options object is not written in the call
    (``screenPop(args)``): the option is read at run time as ``<base>.<key>``."""

    base: object  # the options argument: a name or a property path, evaluated once per read
    key: str
    type: str = "option_path"  # node-like: code that asks a node's type sees something no grammar has

    @property
    def named_children(self) -> list:
        return []


PURE_PATH = ("identifier", "member_expression", "this")


def _pure_path(node) -> bool:
    """A name or a chain of property reads (reading it again has no side effect)."""
    while node is not None and node.type == "member_expression":
        if node.child_by_field_name("property") is None or \
                node.child_by_field_name("property").type != "property_identifier":
            return False
        node = node.child_by_field_name("object")
    return node is not None and node.type in ("identifier", "this")


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
    def classic(self) -> bool:
        return self.use.family == "classic"

    @property
    def name(self) -> str:
        """The member's own name ('screenPop')."""
        return self.use.api.rsplit(".", 1)[1]

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

    @property
    def options_base(self):
        """The options argument of a Lightning call when it is a name or property path (``screenPop(args)``):
        its options are read at run time."""
        member = self.member
        if member is None or member.family.value != "lightning" or not member.options:
            return None
        args = self.args
        if len(args) == 1 and _pure_path(unwrap(args[0])):
            return unwrap(args[0])
        return None

    def option(self, key: str):
        """The value node of ``key:`` in a Lightning options object (methods become functions), or an
        :class:`OptionPath` when the options object is passed by name."""
        obj = self.options_node
        if obj is None:
            base = self.options_base
            return OptionPath(base, key) if base is not None and key in self.member.options else None
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

    def static_option(self, key: str):
        """The value node of ``key:`` when it is known before the call runs: written in the call, or in
        the object literal a local name was declared with (``const args = {apexClass: 'X'}``) that the
        file never assigns again (nor assigns ``args.<key>``)."""
        node = self.option(key)
        if not isinstance(node, OptionPath):
            return node
        base = node.base
        if base.type != "identifier":
            return None
        name = self.file.text(base)
        declaration = find_declaration(self.file.data, name, base)
        if declaration is None or declaration.kind not in ("const", "let", "var"):
            return None
        value = unwrap(declaration.declarator.child_by_field_name("value"))
        if value is None or value.type != "object":
            return None
        assigned = re.compile(rb"(?<![\w$.])" + re.escape(name.encode()) +
                              rb"(\s*=[^=>]|\s*\.\s*" + re.escape(key.encode()) + rb"\s*=[^=])")
        declared_at = declaration.declarator.child_by_field_name("name").start_byte
        if any(match.start() != declared_at for match in assigned.finditer(self.file.data)):
            return None
        for child in value.named_children:
            if child.type == "pair":
                key_node = child.child_by_field_name("key")
                raw = self.file.text(key_node)
                if (raw[1:-1] if key_node.type == "string" else raw) == key:
                    return child.child_by_field_name("value")
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


# ---------------------------------------------------------------------------------------- needs
@dataclass
class ApexMethod:
    """An @AuraEnabled method ctimod writes (it delegates to the legacy webService method)."""

    name: str
    params: list[str]  # parameter names
    types: list[str] | None = None  # parameter types (all String when runApex passed a query string)
    returns: str = "String"
    literal_params: bool = True  # False: the query string was built at run time
    legacy: str = ""  # file:line of a call
    legacy_class: str = ""  # the class runApex named


@dataclass
class Needs:
    """What generated code needs in the module it lands in.

    Filled only through :class:`RenderContext` while replacements are produced; the renderers apply
    it once per generated module (the LWC, the connector) and write the files it asks for.
    """

    imports: dict[str, set[str]] = field(default_factory=dict)  # LWC: module -> named imports
    default_imports: dict[str, str] = field(default_factory=dict)  # LWC: local name -> module
    wires: dict[str, str] = field(default_factory=dict)  # LWC: field name -> declaration
    members: dict[str, dict] = field(default_factory=dict)  # LWC class members (lwc/members.js.j2) -> arguments
    helpers: set[str] = field(default_factory=set)  # module helpers the text calls (helpers/module.js.j2)
    helper_requires: dict[str, tuple[str, ...]] = field(default_factory=dict)  # helper -> the helpers it calls
    events: dict[str, list[str]] = field(default_factory=dict)  # toolkit event -> statements its handler runs
    navigation: bool = False  # the LWC extends NavigationMixin
    apex: dict[str, dict[str, ApexMethod]] = field(default_factory=dict)  # Apex class -> methods to write
    apex_templates: dict[str, str] = field(default_factory=dict)  # Apex class written from a fixed template
    channels: dict[str, set[str]] = field(default_factory=dict)  # message channel -> message fields

    def merge(self, other: Needs) -> None:
        for module, names in other.imports.items():
            self.imports.setdefault(module, set()).update(names)
        self.default_imports.update(other.default_imports)
        self.wires.update(other.wires)
        for name, arguments in other.members.items():
            self.members.setdefault(name, arguments)
        self.helpers |= other.helpers
        self.helper_requires.update(other.helper_requires)
        for event, statements in other.events.items():
            known = self.events.setdefault(event, [])
            known.extend(s for s in statements if s not in known)
        self.navigation = self.navigation or other.navigation
        for cls, methods in other.apex.items():
            mine = self.apex.setdefault(cls, {})
            for name, method in methods.items():
                previous = mine.get(name)
                if previous is None or (not previous.literal_params and method.literal_params):
                    mine[name] = method
        self.apex_templates.update(other.apex_templates)
        for channel, fields in other.channels.items():
            self.channels.setdefault(channel, set()).update(fields)


class RenderContext:
    """What a producer of replacement text is given: its home, legacy expressions rendered with
    nested conversions, and the one channel for what the text needs."""

    def __init__(self, renderer: Renderer, file: LegacyFile, home: str, needs: Needs):
        self.home = home
        self.needs = needs
        self._renderer = renderer
        self._file = file

    def expr(self, node) -> str:
        """A legacy expression (any node of the call's file), with nested conversions applied."""
        if isinstance(node, OptionPath):
            return f"{self.expr(node.base)}.{node.key}"
        return self._renderer.node(self._file, node, self.home, self.needs)

    # LWC module needs -------------------------------------------------------------------------
    def lwc_import(self, module: str, *names: str) -> None:
        self.needs.imports.setdefault(module, set()).update(names)

    def default_import(self, local: str, module: str) -> str:
        self.needs.default_imports[local] = module
        return local

    def wire(self, name: str, declaration: str) -> str:
        self.needs.wires[name] = declaration
        return name

    def member(self, name: str, **arguments) -> str:
        """A class member of the LWC rendered from lwc/members.js.j2 (``this.<name>``)."""
        self.needs.members.setdefault(name, arguments)
        return name

    def on_event(self, event: str, statement: str) -> None:
        """A statement the LWC runs when the toolkit fires ``event``."""
        known = self.needs.events.setdefault(event, [])
        if statement not in known:
            known.append(statement)

    def navigation(self) -> None:
        """The component navigates: it extends NavigationMixin."""
        self.needs.navigation = True
        self.lwc_import("lightning/navigation", "NavigationMixin")

    def apex(self, cls: str, method: ApexMethod) -> None:
        Needs.merge(self.needs, Needs(apex={cls: {method.name: method}}))

    def apex_class(self, cls: str, template: str) -> None:
        self.needs.apex_templates[cls] = template

    def channel(self, api_name: str, fields=()) -> str:
        """A Lightning message channel, imported and written as metadata; returns its local name."""
        local = channel_local(api_name)
        self.needs.channels.setdefault(api_name, set()).update(fields)
        self.default_import(local, f"@salesforce/messageChannel/{api_name}")
        self.lwc_import("lightning/messageService", "publish", "subscribe", "unsubscribe", "MessageContext",
                        "APPLICATION_SCOPE")
        self.wire("messageContext", "@wire(MessageContext) messageContext;")
        return local

    # module helpers (both homes) -----------------------------------------------------------------
    def helper(self, name: str, requires: tuple[str, ...] = (), called: bool = True) -> str:
        """A module-level function from helpers/module.js.j2 that the text calls (``called``) or that a
        helper it calls needs; ``requires``: the helpers it calls itself."""
        self.needs.helper_requires[name] = tuple(requires)
        if called:
            self.needs.helpers.add(name)
        return name


def then(text: str | None, more: str) -> str:
    """``more`` after ``text`` (a TODO, a note): two sentences, ``text`` given a final period when it has none."""
    if not text:
        return more
    return f"{text}{'' if text.rstrip().endswith(('.', '!', '?')) else '.'} {more}"


def channel_local(api_name: str) -> str:
    base = re.sub(r"__c$", "", api_name)
    return re.sub(r"\W", "_", base).upper() + "_CHANNEL"


# ---------------------------------------------------------------------------------------- results
Produce = Callable[[RenderContext], str]


@dataclass(frozen=True)
class Removed:
    """The call is removed from this home; ``note`` says why (kept as a comment in its place). ``produce``,
    when given, writes what still has to run in its place (the legacy callback, answered as Open CTI would)."""

    note: str
    produce: Callable[[RenderContext], str] | None = None

    @property
    def comment(self) -> str:
        return f"/* ctimod: {js_comment(self.note)} */"


@dataclass(frozen=True)
class Unsupported:
    """The call cannot run in this home; ``reason`` tells a person what to do (a TODO in its place).
    ``produce``, when given, writes what still has to run in its place (the legacy callback, answered
    with Open CTI's failure response, so the legacy code's own error handling runs)."""

    reason: str
    produce: Callable[[RenderContext], str] | None = None
    # The legacy callback a plain TODO stands in for (no ``produce``): the sentence saying it is never called
    # and why (None: the call was given no callback). A row whose call landed here is not converted.
    unanswered: str | None = None
    callback: str | None = None  # that callback as the TODO in the code names it ('onClientName', 'its callback')

    @property
    def comment(self) -> str:
        if self.callback:
            return (f"/* TODO(ctimod): {js_comment(self.reason)}; {js_comment(self.callback)} is never called here "
                    "(see MIGRATION.md) */")
        return f"/* TODO(ctimod): {js_comment(self.reason)} */"


Replacement = Produce | Removed | Unsupported

# What runs in place of an Unsupported call that answers its callback (Unsupported.produce), for the report.
ANSWERED = ("the callback is called with Open CTI's failure response ({success: false, errors: [ctimod TODO]}): the "
            "legacy code's failure path runs, its success path never does, and the call's own effect does not happen")


@dataclass
class Conversion:
    """What became of one Open CTI call: decided by its codemod, placed by the plan."""

    use: ApiUse
    codemod: str
    safety: Disposition
    summary: str  # what it became, in a sentence
    todo: str | None = None  # what is left for a person, precisely
    reason: str = ""  # why nothing (or only a stand-in) could be generated
    lwc: Replacement | None = None  # the call's replacement when it lands in the LWC
    connector: Replacement | None = None  # ... in the connector
    trigger: str | None = None  # toolkit event that should run the legacy function around it
    handler_slot: str | None = None  # the handler passed to the call becomes this connector part ('dial', 'init')
    # converted | failed (the codemod could not) | not-converted (left so on purpose) | unwired (converted, in
    # a component method nothing calls yet: it does not run)
    status: str = "converted"
    superseded: str = ""  # why the plan removed the call with the code around it (it is not moved)
    # Why the call is removed when Voice owning it is not the reason (catalog.LEFT_OUT_LABELS): "dead-code" (in a
    # branch the legacy code never ran), "samples" (in a samples file), "variant" (in a copy superseded by another),
    # "feature-check" (in the branch of a feature check that does not run in Voice: the other family's)
    left_out: str = ""
    site: CallSite | None = None
    # Decided by the plan: where the call ended up.
    home: str = "none"  # lwc | connector | none
    location: str = ""  # file and member of the bundle

    def replacement(self, home: str) -> Replacement | None:
        return self.lwc if home == LWC else self.connector


@dataclass(frozen=True)
class ConvertContext:
    """What a codemod may ask while converting a call (nothing else of the plan is visible)."""

    utility_bar: bool  # the LWC is a utility-bar item (panel calls act on it)
    connector_api: int
    apex_sources: Callable[[str], list[str]]  # the adapter's own copies of an Apex class, if converted with it
    apex_import: Callable[[str, str], str]  # local import name of '@salesforce/apex/<Class>.<method>'


@dataclass
class SlotPlan:
    """What a codemod planned for a handler moved into a connector part: its edits, and facts its
    ``connector_parts`` needs (``prelude``: statements that run before the handler's body)."""

    edits: list[Edit] = field(default_factory=list)
    prelude: str | None = None
    # (start byte, end byte) of the handler's code the host never runs: from a statement flagged as not
    # converted (the host fails there) to the end of its block
    skipped: list[tuple[int, int]] = field(default_factory=list)
    # why the handler places no call (click-to-dial: it only kept the number): the host fails with this TODO
    no_call: str = ""


@dataclass
class ConnectorContext:
    """What ``connector_parts`` is given: the moved handlers of this codemod's slot and how to render them."""

    api: int
    moved: list  # MovedCode in this codemod's slot, in legacy order
    conversions: list[Conversion]  # this codemod's conversions
    landed: Callable[[str], list[Conversion]]  # conversions of a codemod that landed in the connector
    render: Callable[[object, object], str]  # (moved code, node) -> its text in the connector
    parse_error: Callable[[str], int | None]  # first syntax error of a JavaScript text
    missing: frozenset = frozenset()  # names the connector does not define (stand-ins that throw)
    continuations: frozenset = frozenset()  # of those, parameters of the legacy code around moved code
    # of those, vendor globals that the scripts connector/index.html loads (page_scripts) define: their
    # stand-ins throw only if those scripts did not define them
    provided: frozenset = frozenset()
    page_scripts: tuple = ()
    render_range: Callable[[object, int, int], str] | None = None  # (legacy file, start, end) -> connector text
    lands: Callable[[object, object], bool] | None = None  # (legacy file, node): does it run in the connector?
    # (moved code, its body node, the text the connector writes before that body in place of the legacy header):
    # what the side-by-side shows for the header (see Renderer.heads); None for the text: the connector holds none
    # of that moved code after all (it failed to move: Renderer.drop)
    head: Callable[[object, object, str | None], None] | None = None
    # (moved code) -> the conversions of any codemod whose call lies inside it and landed in the connector: they
    # fail with it when it cannot be moved
    within: Callable[[object], list] | None = None

    def uses_missing(self, text: str) -> list[str]:
        """The missing names a part's text uses."""
        return sorted(n for n in self.missing if re.search(r"(?<![\w$.])" + re.escape(n) + r"(?![\w$])", text))


@dataclass
class ConnectorParts:
    """Text a codemod (or a recognised vendor, ``ctimod.vendors``) puts into the connector template's named
    parts, and notes for its header. Parts: 'dial', 'init' (method bodies), 'method.<name>' (statements a
    telephony method runs where its template has a TODO), 'module' (module-level code), 'init.after'
    (statements init() runs after its own body), 'imports' (base-library names, space-separated)."""

    parts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    failures: list[tuple[Conversion, str]] = field(default_factory=list)  # conversions whose part failed
    cautions: list[tuple[Conversion, str]] = field(default_factory=list)  # parts that need a person to finish


# ---------------------------------------------------------------------------------------- codemods
class Codemod:
    """Base class. The docstring of a subclass is its user documentation (``ctimod explain``)."""

    id: ClassVar[str] = ""
    members: ClassVar[tuple[str, ...]] = ()
    runs_in: ClassVar[str | None] = None  # LWC: the legacy function around each call moves into the LWC
    compliance: ClassVar[tuple[str, ...]] = ()  # checklist topics its calls are evidence for ('call-logs', ...)

    def convert(self, site: CallSite, context: ConvertContext) -> Conversion:  # pragma: no cover - abstract
        raise NotImplementedError

    def conversion(self, site: CallSite, summary: str = "", safety: Disposition | str | None = None,
                   **fields) -> Conversion:
        """A Conversion of this codemod for ``site`` (safety: the catalog's disposition unless given)."""
        return Conversion(use=site.use, codemod=self.id, safety=Disposition(safety or site.use.disposition),
                          summary=summary, **fields)

    def plan_slot(self, moved, context: ConvertContext) -> SlotPlan:
        """Edits inside a handler this codemod moved into a connector part."""
        return SlotPlan()

    def connector_parts(self, context: ConnectorContext) -> ConnectorParts:
        """The connector template parts this codemod fills (e.g. 'dial', 'init.settings')."""
        return ConnectorParts()


_REGISTRY: dict[str, Codemod] = {}
_BY_MEMBER: dict[str, Codemod] = {}
FALLBACK = "invalid-member"  # handles calls of members the API does not have


def register(cls: type[Codemod]) -> type[Codemod]:
    if not cls.__doc__:
        raise TypeError(f"codemod {cls.__name__} has no docstring")
    if cls.id in _REGISTRY:
        raise ValueError(f"two codemods are named {cls.id}")
    instance = cls()
    for api in cls.members:
        if lookup(api) is None or lookup(api).api != api:
            raise ValueError(f"{cls.id} registers {api}, which is not a catalog member")
        if api in _BY_MEMBER:
            raise ValueError(f"{api} registered by {_BY_MEMBER[api].id} and {cls.id}")
        _BY_MEMBER[api] = instance
    _REGISTRY[cls.id] = instance
    return cls


_LOADED: list[bool] = []


def load_codemods() -> dict[str, Codemod]:
    """Import every module of ``ctimod.codemods`` (each registers itself) and return the registry."""
    if not _LOADED:
        package = importlib.import_module("ctimod.codemods")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"ctimod.codemods.{info.name}")
        _LOADED.append(True)
    return _REGISTRY


def registered() -> list[Codemod]:
    """Every codemod, ordered by id (the SARIF rule list)."""
    return [codemod for _, codemod in sorted(load_codemods().items())]


def codemod_for(api: str) -> Codemod:
    load_codemods()
    member = lookup(api)
    if member is not None and member.api in _BY_MEMBER:
        return _BY_MEMBER[member.api]
    return _REGISTRY[FALLBACK]


def codemod_id_for(api: str) -> str:
    """The id of the codemod that converts a member (the catalog's codemod column)."""
    return codemod_for(api).id


def unregistered_members() -> list[str]:
    """Catalog members no codemod registers for (a test keeps this empty)."""
    load_codemods()
    return [m.api for m in MEMBERS if m.api not in _BY_MEMBER]


__all__ = ["LWC", "CONNECTOR", "HOMES", "CallSite", "OptionPath", "Needs", "ApexMethod", "RenderContext", "Removed",
           "Unsupported", "ANSWERED", "Conversion", "ConvertContext", "SlotPlan", "ConnectorContext", "ConnectorParts",
           "Codemod", "register", "load_codemods", "registered", "codemod_for", "codemod_id_for",
           "unregistered_members", "channel_local", "Edit", "LegacyFile", "Renderer"]
