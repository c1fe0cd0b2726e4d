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

from ._js import Branch, Fn

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
OTHER_SIDE = {"resume": "hold", "hold": "resume", "unmute": "mute", "mute": "unmute"}


def other_side(surface, name: str) -> str:
    """For a method left as a TODO whose counterpart the legacy code performed (resume when only hold is in
    it): where that counterpart is, since the vendor (or the adapter's server) most likely offers both."""
    pair = OTHER_SIDE.get(name)
    action = surface.actions.get(pair) if pair else None
    if action is None:
        return ""
    return f" The legacy code did {pair} with {action.api} at {action.where}: do {name} the same way."


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
    boot: object = None  # the Boot whose callback receives the API it registers on (init() registers it there)
    # (file, statement): requests of the legacy handler to the adapter's own server ($.post('/agent-status')),
    # which the connector's listener makes as the handler did (a handler no part of which moves elsewhere)
    requests: list = field(default_factory=list)
    key: str | None = None  # the field of the vendor's call the legacy listener keys its calls by (open[call.x])
    # (file, try statement): the legacy registration sat in the block of a try with a catch in its function, so its
    # failure did not stop the code after it (the listener registering it keeps that try: _connector.listener_text)
    guard: tuple | None = None

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
    # A vendor that hands its API to a callback (``Brekeke.renderWidget(el, (api) => ...)``): the legacy
    # callback argument, which init() replaces by its own (it keeps the API, registers the hooks whose
    # ``boot`` is this one), and ``bound``: local name -> API property of the names the callback destructured
    # (those the connector's code uses get their value there).
    callback: object = None
    bound: dict = field(default_factory=dict)

    @property
    def where(self) -> str:
        return self.file.where(self.node)


@dataclass
class Other:
    """A vendor event the legacy code listened to that is no call moment Salesforce hears of (the device ready,
    offline, in error): the connector publishes nothing for it, and where the legacy code around the registration
    does not run in the connector, its handler is left behind. The reports and init() say so, with what the
    handler did (its requests to the adapter's server: ``SP.functions.ready()`` telling the server the agent is
    available)."""

    label: str  # 'Twilio.Device ready'
    file: object
    node: object  # the legacy registration call
    handler: Fn | None = None

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
    dial_sites: dict = field(default_factory=dict)  # entry of ``dial`` -> (file, node) of that vendor call
    # entry of ``dial`` -> what dial() cannot know of that vendor call's outcome (a vendor promise the legacy code
    # awaited that the vendor may leave pending; a failure the vendor reports only to a callback the legacy code
    # did not pass): a TODO in dial() and on the click-to-dial row, as no timeout or callback is the legacy code's
    dial_waits: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # TODOs for init() (a setup the connector cannot repeat)
    page_ids: set[str] = field(default_factory=set)  # element ids the vendor needs on the page
    files: list = field(default_factory=list)
    label: str = ""  # the vendor's name where the recogniser found it ('Brekeke widget')
    globals: set[str] = field(default_factory=set)  # the page globals the vendor's script defines ('connect')
    # The parts of the legacy vendor code that could not be converted because that code is broken (syntax
    # errors): (where, what, reason). A failed conversion: convert lists each and exits 1.
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    others: list[Other] = field(default_factory=list)  # vendor events that are no call moment (see Other)

    @property
    def name(self) -> str:
        return self.label or self.recogniser.name

    def add_dial(self, file, node, what: str) -> str:
        """A vendor call that places a call (``Twilio.Device.connect(...)``): reported where the connector's
        dial() reaches it."""
        entry = f"{file.where(node)}: {what}"
        self.dial.append(entry)
        self.dial_sites[entry] = (file, node)
        return entry

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

    def set_up_left_out(self, surface: Surface, boot: "Boot") -> None:
        """A set-up of the vendor is not made (its legacy code is broken): TODOs that count on it say so."""


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


def recognise(files: dict, excluded=(), failures: list | None = None) -> Surface | None:
    """The vendor surface the adapter's legacy code drives (the strongest match), or None. A recogniser that
    fails on the adapter is skipped (the connector keeps its TODOs for that vendor) and reported in
    ``failures`` as (recogniser, exception): never silently."""
    chosen = [f for display, f in sorted(files.items()) if display not in excluded]
    best: Surface | None = None
    for recogniser in registered():
        try:
            surface = recogniser.recognise(chosen)
        except Exception as exc:  # noqa: BLE001 - a recogniser bug must not stop the conversion
            if failures is not None:
                failures.append((recogniser, exc))
            surface = None
        if surface is None:
            continue
        if best is None or (best.recogniser.generic and not recogniser.generic) or \
                (best.recogniser.generic == recogniser.generic and surface.score > best.score):
            best = surface
    if best is not None:
        best.files = chosen
        _server_requests(best)
        _flag_broken(best)
    return best


BROKEN = ("has syntax errors, so ctimod could not move it; fix the legacy code and convert again, or port it by "
          "hand")


def _has_error(node, skip=None) -> bool:
    """Whether legacy code has a syntax error (outside ``skip``, a node inside it that is replaced)."""
    if node is None or not node.has_error:
        return False
    if skip is None:
        return True
    stack = [node]
    while stack:
        current = stack.pop()
        if current == skip or not current.has_error:
            continue
        if current.is_error or current.is_missing:
            return True
        stack.extend(current.children)
    return False


def _flag_broken(surface: Surface) -> None:
    """Legacy vendor code with syntax errors is not carried into the connector (what tree-sitter made of it
    is not the code, and would not parse there): a method it did is left with a TODO saying so, an event
    registration is not made (its row says why), a vendor set-up fails init() with the reason. Legacy code
    the connector runs where it lands (a registration or set-up in moved code) is checked where it lands."""
    for name, action in list(surface.actions.items()):
        if _has_error(action.node) or any(_has_error(statement) for _, statement in action.prelude):
            del surface.actions[name]
            surface.todos[name] = f"the legacy code that did {name} ({action.where}, {action.api}) {BROKEN}."
            surface.failures.append((action.where, f"vendor method {name}", surface.todos[name]))

    def broken(hook: Hook) -> bool:
        statements = hook.keeps + hook.requests + [k for p in hook.publishes for k in p.keeps]
        return (_has_error(hook.node) or (hook.handler is not None and _has_error(hook.handler.node)) or
                any(_has_error(node) for _, statement in statements for node in _nodes(statement)) or
                any(broken(n) for n in hook.nested))

    for hook in surface.hooks:
        if hook.reachable and broken(hook):
            hook.reachable = False
            where = hook.where or (hook.handler.where() if hook.handler is not None else "")
            hook.unreachable_why = f"the legacy code that listened to it ({where}) {BROKEN}"
            surface.failures.append((where, f"vendor event {hook.label}", f"{hook.unreachable_why}; the connector "
                                     "does not register it."))
    for boot in surface.boots:
        if boot.replicate and _has_error(boot.node, skip=boot.callback):
            boot.replicate = False
            boot.note = f"the legacy code that created the vendor object ({boot.where}) {BROKEN}."
            surface.failures.append((boot.where, "vendor set-up", f"{boot.note} init() fails with this reason."))
            surface.recogniser.set_up_left_out(surface, boot)
            for hook in surface.hooks:  # registered on the API that set-up hands its callback: never made
                if hook.boot is boot and hook.reachable:
                    hook.reachable = False
                    hook.unreachable_why = (f"it is registered on the API the legacy set-up ({boot.where}) hands its "
                                            f"callback, and that set-up {BROKEN}")


def _server_requests(surface: Surface) -> None:
    """The requests a replaced legacy handler made to the adapter's own server (``$.post('/agent-status')``,
    ``fetch``, an XMLHttpRequest, directly or through a legacy function): not UI logic, so the connector's
    listener makes them as the handler did. Only for a handler that makes no Open CTI call (one that does is
    moved to the Voice component, requests included)."""
    from ._js import FUNCTION_TYPES, body_statements, walk
    from ._shapes import _request

    for hook in surface.all_hooks():
        fn = hook.handler
        if fn is None or any(fn.node.start_byte <= use.start_byte < fn.node.end_byte
                             for use in getattr(fn.file, "uses", ())):
            continue
        kept = {statement for _, statement in hook.keeps}
        branches = {statement.node: statement for statement in kept if isinstance(statement, Branch)}
        for statement in body_statements(fn.node):
            if statement in kept or statement.type in FUNCTION_TYPES:
                continue
            for node in walk(statement):
                if node.type == "call_expression" and _request(surface.files, fn.file, node, 2) is not None:
                    hook.requests.append((fn.file, statement))
                    if statement in branches:  # the request runs the whole if, its state updates too
                        hook.keeps = [k for k in hook.keeps if k[1] is not branches[statement]]
                    break


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
        out += [(statement, file) for file, statement in action.prelude]
    for hook in surface.all_hooks():
        if hook.node is not None:
            out.append((hook.node, hook.file))
        for file, statement in hook.keeps + hook.requests:
            out += [(node, file) for node in _nodes(statement)]
        for publish in hook.publishes:
            out += [(node, file) for file, statement in publish.keeps for node in _nodes(statement)]
    for boot in surface.boots:
        out.append((boot.node, boot.file))
    return out


def _nodes(statement) -> list:
    return statement.nodes() if isinstance(statement, Branch) else [statement]


def page_globals(surface: Surface | None, missing: list, page_scripts: list[str] = ()) -> frozenset:
    """Of the connector's missing names, the vendor's own globals the vendor scripts connector/index.html
    loads (``page_scripts``, as the legacy page loaded them) define: their stand-ins throw only if those
    scripts did not define them."""
    if surface is None or not page_scripts:
        return frozenset()
    return frozenset(m.name for m in missing if m.kind == "global" and m.name in surface.globals)


def explain_missing(surface: Surface | None, missing: list, page_scripts: list[str] = (), files=()) -> list:
    """The connector's missing names, with the reason of those the vendor set-up gives a value: a name the
    legacy code destructured from the API a vendor handed its callback (``fireMakeCallEvent``) is a stand-in
    only until init()'s callback receives the API; the vendor's own global (``connect``) comes from the
    vendor scripts connector/index.html loads (``page_scripts``, as the legacy page loaded them); a "global"
    the adapter itself made (``window.SP = {}`` in a jQuery ready block of ``files``) is its own state, not a
    vendor SDK."""
    from dataclasses import replace

    made = _window_assignments(files) if any(m.kind == "global" for m in missing) else {}
    if surface is None:
        return [replace(m, why=_own_global_why(m.name, made[m.name])) if m.kind == "global" and m.name in made else m
                for m in missing]
    bound = {}
    for boot in surface.boots:
        if boot.callback is not None and boot.replicate:
            for local, prop in boot.bound.items():
                bound[local] = (prop, boot)
    out = []
    loaded = page_globals(surface, missing, page_scripts)
    for name in missing:
        if name.name in loaded and name.kind == "global":
            name = replace(name, why=(f"`{name.name}` is the {surface.name} global: connector/index.html loads the "
                                      f"script(s) the legacy page loaded for it ({', '.join(page_scripts)}); "
                                      "the stand-in throws only if they did not define it"))
        elif name.kind == "global" and name.name in made:
            name = replace(name, why=_own_global_why(name.name, made[name.name]))
        elif name.name in bound and name.kind == "param":
            prop, boot = bound[name.name]
            name = replace(name, why=(f"`{name.name}` was a parameter of the callback the {surface.name} handed its API to "
                                      f"({boot.where}): init() gives it the API's `{prop}` when the widget calls that "
                                      "callback; until then it is a stand-in that throws"))
        out.append(name)
    return out


def _window_assignments(files) -> dict[str, str]:
    """name -> 'file:line' of ``window.name = ...`` (or globalThis / self) in the legacy files."""
    from ._js import compact, walk

    out: dict[str, str] = {}
    for file in files:
        for region in file.regions:
            for node in walk(region.tree.root_node):
                if node.type != "assignment_expression":
                    continue
                left = node.child_by_field_name("left")
                if left is None or left.type != "member_expression":
                    continue
                parts = compact(file, left).split(".")
                if len(parts) == 2 and parts[0] in ("window", "globalThis", "self"):
                    out.setdefault(parts[1], file.where(node))
    return out


def _own_global_why(name: str, where: str) -> str:
    return (f"`{name}` is the legacy adapter's own object, made at {where} (`window.{name} = ...`) by code that does "
            "not run here: it is a stand-in that throws; make it (with what this code reads of it) where this code "
            "runs, or pass the values in")


def summary(plan, generated=None) -> dict | None:
    """What the reports say about the vendor: methods wired, events published, the vendor's own route.
    ``generated``: the rendered bundle, whose connector stand-ins (names the connector lacks that the
    legacy adapter defined) can stop a registration from being reached."""
    from ._connector import summary as _summary

    stand_ins = {f.name for f in getattr(generated, "free_names", None) or ()
                 if f.home == "connector" and f.declared_at}
    return _summary(plan, frozenset(stand_ins))


__all__ = ["Recogniser", "Surface", "Action", "Hook", "Publish", "Boot", "Other", "register", "registered", "recognise",
           "plan_edits", "anchors", "summary", "explain_missing", "METHODS", "KINDS", "VENDOR_CALL"]
