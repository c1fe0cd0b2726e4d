"""Vendor recognisers: the telephony a legacy adapter drove, found in its own code.

One module per vendor surface (like the codemods): a :class:`Recogniser` subclass registered with
:func:`register`, whose docstring is its documentation. Given the adapter's analysed legacy code it
returns a :class:`Surface`: for each connector method (acceptCall, declineCall, endCall, mute, unmute,
hold, resume) the legacy code that did it (an :class:`Action`) or, where the legacy code does not show
it, a TODO naming the vendor API; the vendor events the adapter listened to (incoming, connected,
ended) as :class:`Hook` s, with where the call id and the caller's number come from; how the vendor
object came to be (:class:`Boot`); and what the legacy page loaded for it (script tags, iframes,
containers).

The plan asks :func:`recognise` once (``plan.vendor``) and adds the surface's edits (the vendor event
registrations in legacy code that lands in the connector publish to Salesforce there); the connector
renderer asks the surface for its connector parts like it asks the codemods (:mod:`._connector`);
the reports read :func:`summary`.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import ClassVar

from ._js import Fn

METHODS = ("acceptCall", "declineCall", "endCall", "mute", "unmute", "hold", "resume")
KINDS = ("incoming", "connected", "ended")


@dataclass
class Action:
    """The legacy code that performed one connector method."""

    method: str
    file: object  # LegacyFile
    node: object  # the legacy expression that did it (a call)
    api: str  # what it called, in the vendor's terms ('Twilio Connection.accept()')
    prelude: list = field(default_factory=list)  # legacy statements it needs first (locals it reads)
    subs: dict = field(default_factory=dict)  # (start, end) -> replacement text or VENDOR_CALL
    state: list = field(default_factory=list)  # 'x = true' statements run first (a toggle set to the method's side)
    note: str = ""

    @property
    def where(self) -> str:
        return self.file.where(self.node)


VENDOR_CALL = object()  # a substitution: the vendor call object the connector remembers for the call


@dataclass
class Publish:
    """What the connector publishes when the vendor reports a call moment."""

    kind: str  # incoming | connected | ended
    vendor_event: str  # the vendor's name for it ('rc-call-ring-notify', "call.on('accept')")
    call_id: str | None = None  # JavaScript, in terms of the listener's parameters and bindings
    number: str | None = None
    vendor_call: str | None = None  # the vendor's call object, remembered for the connector's actions
    condition: str | None = None
    bindings: list = field(default_factory=list)  # (name, JavaScript) declared first
    keeps: list = field(default_factory=list)  # (file, statement): legacy state updates re-run
    source: str = ""  # where the legacy code handled it (file:line)
    id_from: str = ""  # where the call id / number expressions come from ('legacy code' | 'vendor documentation')


@dataclass
class Hook:
    """A vendor event registration: in the legacy code (``node``; replaced in place where that code runs
    in the connector) or made by the connector's init()."""

    label: str  # 'Twilio.Device incoming'
    template: str  # the registration with '{fn}' for the listener: "Twilio.Device.incoming({fn})"
    params: list[str]  # the listener's parameters
    file: object = None
    node: object = None  # the legacy registration call
    arg: object = None  # its handler argument (what the in-place edit replaces)
    handler: Fn | None = None  # the legacy handler (whose state updates are kept)
    keeps: list = field(default_factory=list)  # (file, statement)
    publishes: list[Publish] = field(default_factory=list)
    nested: list = field(default_factory=list)  # Hooks registered inside the listener (call-level events)
    bindings: list = field(default_factory=list)  # (name, JavaScript) the listener declares first
    reachable: bool = True  # the receiver exists when init() runs (a page global or a booted object)
    unreachable_why: str = ""

    @property
    def where(self) -> str:
        return self.file.where(self.node) if self.node is not None else ""


@dataclass
class Boot:
    """How the legacy code created the vendor object the hooks and actions use."""

    file: object
    node: object  # the creating expression (await Nimbus.mountWidget(...), new Twilio.Device(...))
    target: str  # the name it was kept in
    statement: object  # the legacy statement around it
    declare: bool = False  # the connector declares the name (a local of a function that does not move)
    note: str = ""  # for a setup the connector cannot repeat: what to do instead (a TODO in init())
    replicate: bool = True  # init() repeats it when the legacy code around it does not run in the connector
    setup: Fn | None = None  # the legacy function that sets the vendor up (creates it, listens to it): init()
    # calls it instead when none of its legacy callers (``setup_calls``: (file, call)) runs in the connector
    setup_calls: list = field(default_factory=list)

    @property
    def where(self) -> str:
        return self.file.where(self.node)


@dataclass
class Surface:
    """A vendor surface recognised in one adapter."""

    recogniser: Recogniser
    score: int
    actions: dict[str, Action] = field(default_factory=dict)
    todos: dict[str, str] = field(default_factory=dict)  # method -> what to call (the legacy code does not show it)
    hooks: list[Hook] = field(default_factory=list)  # registered by the connector (in place, or by init())
    extra_hooks: list[Hook] = field(default_factory=list)  # legacy registrations edited in place only
    boots: list[Boot] = field(default_factory=list)
    dial: list[str] = field(default_factory=list)  # the vendor calls the legacy click-to-dial made ('file:line: ...')
    notes: list[str] = field(default_factory=list)  # TODOs for init() (a setup the connector cannot repeat)
    page_ids: set[str] = field(default_factory=set)  # element ids the vendor needs on the page
    files: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.recogniser.name

    def all_hooks(self) -> list[Hook]:
        out, stack = [], list(self.hooks) + list(self.extra_hooks)
        while stack:
            hook = stack.pop(0)
            out.append(hook)
            stack.extend(hook.nested)
        return out

    def published(self) -> dict[str, list[Publish]]:
        out: dict[str, list[Publish]] = {kind: [] for kind in KINDS}
        for hook in self.all_hooks():
            for publish in hook.publishes:
                out[publish.kind].append(publish)
        return out

    def connector_parts(self, context):
        from ._connector import connector_parts

        return connector_parts(self, context)


class Recogniser:
    """Base class. The docstring of a subclass is its documentation."""

    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    generic: ClassVar[bool] = False  # tried after the named vendors
    # The vendor's own Salesforce Voice route, compared with the generated BYOT connector in the reports.
    native: ClassVar[str | None] = None

    def recognise(self, files: list) -> Surface | None:  # pragma: no cover - abstract
        raise NotImplementedError


_REGISTRY: dict[str, Recogniser] = {}


def register(cls: type[Recogniser]) -> type[Recogniser]:
    if not cls.__doc__:
        raise TypeError(f"recogniser {cls.__name__} has no docstring")
    if cls.id in _REGISTRY:
        raise ValueError(f"two vendor recognisers are named {cls.id}")
    _REGISTRY[cls.id] = cls()
    return cls


def registered() -> list[Recogniser]:
    """Every recogniser: named vendors first, then generic surfaces, each group by id."""
    if not _REGISTRY:
        package = importlib.import_module(__name__)
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
    return sorted(_REGISTRY.values(), key=lambda r: (r.generic, r.id))


def recognise(files: dict, excluded=()) -> Surface | None:
    """The vendor surface the adapter's legacy code drives (the strongest match), or None."""
    chosen = [f for display, f in sorted(files.items()) if display not in excluded]
    best: Surface | None = None
    for recogniser in registered():
        try:
            surface = recogniser.recognise(chosen)
        except Exception:  # noqa: BLE001 - a recogniser bug leaves the connector with its TODOs
            surface = None
        if surface is None:
            continue
        if best is None or (best.recogniser.generic and not recogniser.generic) or \
                (best.recogniser.generic == recogniser.generic and surface.score > best.score):
            best = surface
    if best is not None:
        best.files = chosen
    return best


def plan_edits(surface: Surface) -> list[tuple[object, object]]:
    """(file, Edit) for the legacy vendor event registrations: where that legacy code runs in the
    connector, its handler becomes the connector's listener."""
    from ._connector import hook_edits

    return hook_edits(surface)


def anchors(surface: Surface) -> list[tuple[object, object]]:
    """(node, file) of the legacy code the surface's connector parts render: names used there are looked
    up from there (the plan carries their declarations)."""
    out = []
    for action in surface.actions.values():
        out.append((action.node, action.file))
    for hook in surface.all_hooks():
        if hook.node is not None:
            out.append((hook.node, hook.file))
        for file, statement in hook.keeps:
            out.append((statement, file))
        for publish in hook.publishes:
            out += [(statement, file) for file, statement in publish.keeps]
    for boot in surface.boots:
        out.append((boot.node, boot.file))
    return out


def summary(plan, generated=None) -> dict | None:
    """What the reports say about the vendor: methods wired, events published, the vendor's own route.
    ``generated``: the rendered bundle, whose connector stand-ins (names the connector lacks that the
    legacy adapter defined) can stop a registration from being reached."""
    from ._connector import summary as _summary

    stand_ins = {f.name for f in getattr(generated, "free_names", None) or ()
                 if f.home == "connector" and f.declared_at}
    return _summary(plan, frozenset(stand_ins))


__all__ = ["Recogniser", "Surface", "Action", "Hook", "Publish", "Boot", "register", "registered", "recognise",
           "plan_edits", "anchors", "summary", "METHODS", "KINDS", "VENDOR_CALL"]
