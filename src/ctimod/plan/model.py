"""What the plan decides: every Open CTI call's conversion, the legacy code that moves, the edits,
and what the moved code takes along."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..codemod import CONNECTOR, LWC, Conversion, SlotPlan
from ..inventory import CallCenter, Diagnostic, FileReport
from ..legacy import Declaration
from ..load import DEFAULT_MAX_FILE_SIZE

# Convert's cost grows with the calls it plans (a method, an edit, a side-by-side each): a few milliseconds a call,
# so 5,000 calls take tens of seconds. Real adapters hold tens to hundreds; more is generated or minified bundles.
DEFAULT_MAX_CALLS = 10_000  # about 30 s of CPU and 500 MB (bench/hostile.py)
from ..splice import Edit, LegacyFile
from .binding import Binding


@dataclass
class ConvertOptions:
    name: str | None = None  # LWC bundle name
    connector_api: int = 4
    utility_bar: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_calls: int = DEFAULT_MAX_CALLS  # Open CTI calls one conversion plans (convert stops, saying so, past it)


@dataclass
class MovedCode:
    """A legacy function (or top-level statement) that moves into the generated bundle.

    In the LWC it becomes a method called ``name``; in the connector it becomes the body of the
    connector part ``slot`` ('dial', 'init') that its codemod writes.
    """

    file: LegacyFile
    node: object  # function node, or a statement for top-level code
    name: str
    home: str  # LWC | CONNECTOR
    slot: str | None = None  # the connector part it fills (None in the LWC)
    trigger: str | None = None  # the toolkit event (or 'connected') that runs an LWC method
    binding: Binding | None = None  # how that event calls it (its arguments, or why it cannot)
    blocked_by: list[str] = field(default_factory=list)  # missing names it uses: it throws until they exist
    conversions: list[Conversion] = field(default_factory=list)
    slot_plan: SlotPlan = field(default_factory=SlotPlan)
    preamble: object = None  # plan.startup.Preamble: start-up code init() runs before a settings callback

    @property
    def key(self) -> tuple:
        return (self.file.display, self.node.start_byte, self.node.end_byte)

    @property
    def legacy(self) -> str:
        return self.file.where(self.node)

    @property
    def called(self) -> bool:
        """Does anything in the generated bundle run this code?"""
        return self.home != LWC or (self.binding is not None and self.binding.arguments is not None)

    @property
    def where(self) -> str:
        """What the report calls its place: the LWC method, or the connector part."""
        return self.slot or self.home


@dataclass
class Carried:
    """A legacy declaration copied into a home because moved code uses it."""

    declaration: Declaration
    file: LegacyFile
    # For a parameter: the argument the adapter's one call of its function passed (`done` of
    # `function loadSettings(done)`, called once as `loadSettings(function () {…})`): carried as its value.
    value: object = None

    @property
    def key(self) -> tuple:
        return (self.file.display, self.declaration.declarator.start_byte)

    @property
    def span(self):
        """The legacy code it carries."""
        if self.value is not None:
            return self.value
        return self.declaration.node if self.declaration.kind in ("function", "class") else self.declaration.declarator


@dataclass
class MissingName:
    """A name moved code uses that its new home does not define (it gets a stand-in and TODOs)."""

    name: str
    kind: str  # param | declared | global | global-object (the page's, read for what the adapter set on it) | member
    where: str  # where the legacy adapter had it
    why: str
    value: str = ""  # a global it stood for (`globalThis.jQuery` for the `$` of `(function ($) {…})(jQuery)`)
    owner: str = ""  # a member's class in the connector: 'telephony' (dial() and the call methods) or 'connector' (init())
    # When the pieces of legacy code that landed in one home do not agree on what the name was (the `view`
    # parameter of two different functions): each origin (a MissingName) with the legacy spans that had it,
    # as (file, start, end); the TODO at each use names its own piece's origin (``kind``/``where``/``why``
    # above then cover them all: the stand-in is one for every use).
    pieces: tuple = ()


@dataclass
class BoundName:
    """A parameter of an immediately invoked function the page called with its own global object
    (`(function (ctx) {…})(window)`): in the connector, whose page is a browser page too, it is that object."""

    name: str
    value: str  # `globalThis`
    why: str  # one sentence naming the legacy function and what the page passed


@dataclass
class HomePlan:
    """What one generated module (the LWC or the connector) receives besides the moved code."""

    carried: list[Carried] = field(default_factory=list)
    missing: list[MissingName] = field(default_factory=list)
    bound: list[BoundName] = field(default_factory=list)


@dataclass
class Plan:
    adapter: str  # human name of the adapter
    lwc_name: str
    class_name: str
    options: ConvertOptions
    files: dict[str, LegacyFile]
    reports: list[FileReport]
    call_centers: list[tuple[str, CallCenter, bytes]]
    diagnostics: list[tuple[str, Diagnostic]]
    conversions: list[Conversion] = field(default_factory=list)
    moved: list[MovedCode] = field(default_factory=list)
    edits: dict[str, list[Edit]] = field(default_factory=dict)  # legacy file -> edits spliced into it
    call_edits: dict[int, Edit] = field(default_factory=dict)  # id(conversion) -> the edit producing its text
    homes: dict[str, HomePlan] = field(default_factory=lambda: {LWC: HomePlan(), CONNECTOR: HomePlan()})
    excluded: dict = field(default_factory=dict)  # legacy file -> Excluded: variants and samples not converted
    scan_paths: dict = field(default_factory=dict)  # legacy file -> its path as `ctimod scan` shows it
    others: dict = field(default_factory=dict)  # the adapter's files without Open CTI -> where to read them
    vendor: object = None  # the vendor telephony recognised in the legacy code (ctimod.vendors.Surface)
    anchors: list = field(default_factory=list)  # (node, file): legacy code connector parts use besides moved code
    # id(use) -> (a use that is not a call, left out as, summary, reason): removed with a branch (guards.drop_dead_calls)
    left_out_uses: dict = field(default_factory=dict)

    def moved_to(self, home: str, slot: str | None = None) -> list[MovedCode]:
        return [m for m in self.moved if m.home == home and (slot is None or m.slot == slot)]

    def add(self, file: LegacyFile, edit: Edit) -> None:
        self.edits.setdefault(file.display, []).append(edit)
