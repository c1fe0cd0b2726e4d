"""What moved code takes along: the legacy declarations it uses (carried into its new home), and the
names that cannot follow it (each becomes a stand-in with a TODO at every use).

Carrying is decided on the assembled module of each home — the names it uses and does not define —
so the module builder (a render function) is handed in by the pipeline: ``build(home)`` renders the
module from the plan as it stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..codemod import CONNECTOR, LWC
from ..legacy import (BUILTINS, Declaration, ScopeWalker, callback_context_name, enclosing_scope, find_declaration,
                      function_name, parent_of, remember_tree, unwrap)
from ..parse import parse_text
from .model import BoundName, Carried, MissingName, Plan

BROWSER_ONLY = {"window", "document", "localStorage", "sessionStorage", "XMLHttpRequest", "location", "alert",
                "confirm", "prompt", "navigator", "history", "fetch", "setInterval"}
ROUNDS = 12


def carry(plan: Plan, build: Callable[[str], str]) -> dict[str, str]:
    """Fill ``plan.homes``: carried declarations and missing names, the LWC first, then the connector.
    Returns each home's module as last built."""
    connector_members: frozenset = frozenset()
    shadowing: dict = {}  # (file name, node) -> the global names that legacy span reads as legacy variables
    modules: dict[str, str] = {}  # home -> its module as last built
    for home in (LWC, CONNECTOR):
        state = plan.homes[home]
        free: list[str] = []
        module = ""
        split: set[str] = set()  # names the pieces of this home declare differently
        for _ in range(ROUNDS):
            module = build(home)
            free = free_names(module, _shadowed_builtins(plan, home, shadowing))
            starts = _lookup_starts(plan)
            known = {c.key for c in state.carried}
            added = False
            for name in free:
                declaration, file = _legacy_declaration(starts, name)
                value = None
                if declaration is None and home == CONNECTOR:
                    # A parameter of the legacy code around the moved code, given a function by the one call of
                    # its own function (`loadSettings(function () {…})`): that function comes along as its value.
                    declaration, file = _legacy_declaration(starts, name, params=True)
                    value = _single_call_argument(plan, file, declaration) if declaration is not None else None
                    if value is None:
                        continue
                if declaration is None or (declaration.kind == "param" and value is None) or \
                        (file.display, declaration.declarator.start_byte) in known:
                    continue
                if home == LWC and not _carriable_to_lwc(plan, file, declaration, set()) and \
                        not _state_of_lwc(plan, file, declaration):
                    continue
                if _waits(file, declaration):
                    continue  # `const x = await ...` belongs to its async function: it cannot run at module level
                if _this_of(file, declaration) is not None:
                    continue  # `var t = this` in a method: at module level `this` is undefined (a stand-in instead)
                if declaration.kind == "function" and own_this(declaration.declarator) and \
                        (home == LWC or _this_why(plan, file, declaration) is not None):
                    continue  # its `this` would be undefined at module level (a stand-in instead; see _this_why)
                if name in split or _split(plan, home, name, declaration, file):
                    # another piece that landed here meant another `name` (two modules' own `var log`): carried,
                    # one declaration would serve both; a stand-in names each use's own instead
                    split.add(name)
                    continue
                state.carried.append(Carried(declaration, file, value))
                known.add((file.display, declaration.declarator.start_byte))
                added = True
            if not added:
                break
        starts = _lookup_starts(plan, home)
        # (ctimod's own names are never the legacy code's: a helper another helper only looks for with
        # `typeof`, such as ctimodUnsupported for ctimodNotDialled, is absent where nothing uses it)
        names = [MissingName(name, *_origin(starts, name, home, plan=plan)) for name in sorted(set(free))
                 if not name.startswith("ctimod")]
        # The page's global object is there in the connector's page as it was in the legacy one, but not
        # what the adapter's own scripts set on it (`ctx.CallTools = {…}`): those reads keep a stand-in.
        own = _set_on_page_global(plan) if any(m.value == PAGE_GLOBAL for m in names) else {}
        for m in names:
            if m.value != PAGE_GLOBAL:
                continue
            unloaded = sorted(set(re.findall(r"(?<![\w$.])" + re.escape(m.name) + r"\s*\??\.\s*([A-Za-z_$][\w$]*)",
                                             module)) & set(own))
            if unloaded:
                m.value, m.kind = "", "global-object"  # not a continuation of the page's start-up
                m.where = (m.where + ", read for " + ", ".join(f"{m.name}.{p}" for p in unloaded) +
                           " that the adapter's own script set on it")
                m.why = (f"{m.why.split(': the connector', 1)[0]}; the moved code reads "
                         + ", ".join(f"{m.name}.{p} (set by the adapter's own script at {own[p]})" for p in unloaded)
                         + ", which the connector does not load: bring that code over or pass the value in")
        _own_origins(plan, home, [m for m in names if m.value != PAGE_GLOBAL], starts, split)
        state.bound = [BoundName(m.name, m.value, m.why) for m in names if m.value == PAGE_GLOBAL]
        state.missing = [m for m in names if m.value != PAGE_GLOBAL]
        modules[home] = module
        if home == CONNECTOR:
            connector_members = class_members(module)
    missing_members(plan, connector_members, modules)
    return modules


def class_members(module: str) -> frozenset:
    """What the classes of a generated module define: their methods and fields, and what their code
    assigns to ``this.x``."""
    from ..legacy import nodes_of_kinds, text

    data = module.encode("utf-8")
    tree = parse_text(data)
    members = set()
    for body in nodes_of_kinds(tree.root_node, tree.language, ["class_body"], any_order=True):
        for member in body.named_children:
            name = member.child_by_field_name("name") or member.child_by_field_name("property")
            if member.type in ("method_definition", "field_definition") and name is not None:
                members.add(text(data, name))
        for node in nodes_of_kinds(body, tree.language, ["assignment_expression"]):
            left = node.child_by_field_name("left")
            if left is not None and left.type == "member_expression" and \
                    left.child_by_field_name("object").type == "this":
                members.add(text(data, left.child_by_field_name("property")))
    return frozenset(members)


def missing_members(plan: Plan, connector_members: frozenset = frozenset(), modules: dict | None = None) -> None:
    """``this.x`` in moved code where its new class has no ``x`` (state or methods of the legacy object the
    code came from): each gets a stand-in field and a row in the report. In the LWC, the moved methods'
    ``this`` is the component; in the connector, the moved listener's and settings callback's ``this`` is
    the connector class whose part they became (``connector_members``: what those classes define).
    A member only the converted Open CTI calls read (``this.api.screenPop(…)`` became a navigation) is not
    missing: ``modules`` (home -> its module as built) says which ``this.x`` the generated code still reads."""
    from .naming import GENERATED_MEMBERS, LIFECYCLE

    def still_read(found: dict, home: str) -> dict:
        module = (modules or {}).get(home)
        if module is None:
            return found
        read = this_members(module)
        return {name: code for name, code in found.items() if name in read}

    moved = plan.moved_to(LWC)
    members = {m.name for m in moved} | GENERATED_MEMBERS | LIFECYCLE
    found = still_read(_foreign_members(moved, members, arrows=True), LWC)
    for name in sorted(found):
        code = found[name]
        plan.homes[LWC].missing.append(MissingName(
            f"this.{name}", "member", code.legacy,
            f"`this.{name}` belonged to the legacy object around {code.name}() ({code.legacy}); the component has no "
            "such member: give it one or pass the value in"))
    for slot, owner in (("init", "connector"), (None, "telephony")):
        moved = [m for m in plan.moved_to(CONNECTOR) if (m.slot == "init") == (slot == "init")]
        found = still_read(_foreign_members(moved, set(connector_members), arrows=False), CONNECTOR)
        for name in sorted(found):
            code = found[name]
            part = f"{code.slot}()" if code.slot else "the connector"
            plan.homes[CONNECTOR].missing.append(MissingName(
                f"this.{name}", "member", code.legacy,
                f"`this.{name}` belonged to the legacy object around the code moved into {part} ({code.legacy}); "
                "the connector has no such member: give it one or pass the value in", owner=owner))


def this_members(module: str) -> set[str]:
    """The members ``x`` that code of a generated module reads or writes as ``this.x`` (not its comments)."""
    from ..legacy import nodes_of_kinds, text

    data = module.encode("utf-8")
    tree = parse_text(data)
    found = set()
    for node in nodes_of_kinds(tree.root_node, tree.language, ["member_expression"], any_order=True):
        target, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if target is not None and target.type == "this" and prop is not None:
            found.add(text(data, prop))
    return found


def _foreign_members(moved: list, members: set, arrows: bool) -> dict:
    """name -> the moved code first using ``this.name`` where ``this`` is the moved code's own (nested
    functions keep theirs, except those that become arrows in the LWC: ``arrows``)."""
    from ..legacy import FUNCTION_TYPES, nodes_of_kinds

    found: dict = {}
    for code in moved:
        file = code.file
        # (any order: a name's entry is the code it is in, and callers sort the names)
        for node in nodes_of_kinds(code.node, file.language_at(code.node.start_byte), ["member_expression"],
                                   any_order=True):
            target = node.child_by_field_name("object")
            prop = node.child_by_field_name("property")
            if target is None or target.type != "this" or prop is None or prop.type != "property_identifier":
                continue
            owner = parent_of(node)
            while owner is not None and owner != code.node and (owner.type not in FUNCTION_TYPES or
                                                                  owner.type == "arrow_function"):
                owner = parent_of(owner)
            if owner != code.node and not (arrows and _becomes_arrow(owner, file)):
                continue  # a nested function's own `this`, kept as it was
            name = file.text(prop)
            if name in members or name.startswith("ctimod") or name in found:
                continue
            found[name] = code
    return found


def _becomes_arrow(fn, file) -> bool:
    """Nested function expressions that do not use their own `this` become arrows in the LWC."""
    from .edits import _uses_own_this

    return fn is not None and fn.type in ("function_expression", "function") and \
        fn.child_by_field_name("name") is None and not _uses_own_this(file, fn)


def free_names(module: str, shadowed: set[str] = frozenset()) -> list[str]:
    """Names the module uses and does not declare: browser and language globals only when ``shadowed``."""
    data = module.encode("utf-8")
    tree = parse_text(data)
    remember_tree(tree.root_node)  # its parents are asked for node by node
    return [f.name for f in ScopeWalker(data).free_names(tree.root_node, builtins=True)
            if f.name not in BUILTINS or f.name in shadowed]


def _shadowed_builtins(plan: Plan, home: str, known: dict) -> set[str]:
    """Global names (``self``, ``parent``, ``top``, ``location``...) that code moved or carried to ``home`` reads where
    the legacy code declared them around it (``var self = this;`` in the enclosing function, a parameter
    ``parent``): there they were that variable, not the browser's global. They are resolved like any other
    name (carried, or a stand-in that fails loudly) instead of silently reading the global in the new home."""
    found: set[str] = set()
    spans = [(moved.file, moved.node) for moved in plan.moved_to(home)]
    spans += [(c.file, c.value if c.value is not None else c.declaration.node) for c in plan.homes[home].carried]
    for file, node in spans:
        key = (file.display, node)
        if key not in known:  # (each span is read once: carry builds the modules several times)
            known[key] = _shadowed_in(file, node)
        found |= known[key]
    return found


_WORD = re.compile(rb"[A-Za-z_$][\w$]*")


def _shadowed_in(file, node) -> set[str]:
    names: set[str] = set()
    # Only a global name that a scope around the span declares can be shadowed there (a declaration inside the
    # span makes its uses there not free): the span's words say which names to ask about, and the scope
    # analysis of the span runs only when one of them is declared around it.
    words = {word.decode("ascii") for word in _WORD.findall(file.data, node.start_byte, node.end_byte)}
    around = {name for name in words & BUILTINS if find_declaration(file.data, name, node) is not None}
    if not around:
        return names
    walker = ScopeWalker(file.data, file.language_at(node.start_byte))
    for free in walker.free_names(node, builtins=True):  # (one per name: its first use)
        if free.name not in around:
            continue
        declaration = find_declaration(file.data, free.name, free.node)
        if declaration is None:
            continue
        if declaration.kind == "param":  # `(function (window, document) {…})(window, document)`: the same global
            given = _iife_global(file, declaration.node, declaration.declarator)
            if given == f"globalThis.{free.name}" or (given == PAGE_GLOBAL and free.name in GLOBAL_OBJECTS):
                continue
        names.add(free.name)
    return names


def _lookup_starts(plan: Plan, first: str | None = None) -> list[tuple]:
    """The code that moved (moved code, then carried declarations), one node per scope: nodes in the
    same scope resolve every name alike. With ``first``, the code that lands in that home comes first: a
    name its module uses is looked up around that code before code that went to the other home."""
    candidates = [(moved.node, moved.file) for moved in plan.moved if first is None or moved.home == first]
    if first != LWC:
        candidates += list(plan.anchors)
    homes = (CONNECTOR, LWC) if first is None else (first,)
    for home in homes:
        # (an argument carried as a parameter's value resolves its names where the call was)
        candidates += [(c.value if c.value is not None else c.declaration.declarator, c.file)
                       for c in plan.homes[home].carried]
    if first is not None:
        other = CONNECTOR if first == LWC else LWC
        candidates += [(moved.node, moved.file) for moved in plan.moved if moved.home != first]
        if first == LWC:
            candidates += list(plan.anchors)
        candidates += [(c.value if c.value is not None else c.declaration.declarator, c.file)
                       for c in plan.homes[other].carried]
    starts, scopes = [], set()
    for node, file in candidates:
        scope = enclosing_scope(node)
        if scope not in scopes:
            scopes.add(scope)
            starts.append((node, file))
    return starts


def _legacy_declaration(starts: list[tuple], name: str, params: bool = False):
    """Where the legacy adapter declared ``name``, searched from the code that moved.

    A parameter of a function *around* moved code is returned only with ``params``.
    """
    fallback = (None, None)
    for node, file in starts:
        declaration = find_declaration(file.data, name, node)
        if declaration is None:
            continue
        if declaration.kind != "param":
            return declaration, file
        if fallback[0] is None:
            fallback = (declaration, file)
    return fallback if params else (None, None)


GLOBAL_OBJECTS = {"window", "self", "globalThis"}
PAGE_GLOBAL = "globalThis"


ARGUMENT_FUNCTIONS = ("function_expression", "function", "arrow_function")


def _single_call_argument(plan: Plan, file, declaration: Declaration):
    """The argument the adapter passed for parameter ``declaration`` when its function has exactly one
    call and no other use (``loadSettings(function () {…})``): a function, or the name of a function the
    adapter declares. None when that is not known statically."""
    owner = declaration.node
    if owner.type not in ("function_declaration", "function_expression", "function", "arrow_function"):
        return None
    name = function_name(file.data, owner)
    params = owner.child_by_field_name("parameters")
    if not name or params is None or declaration.declarator not in params.named_children:
        return None
    index = params.named_children.index(declaration.declarator)
    calls = []
    size = len(name.encode("utf-8"))
    for start in file.occurrences(name):  # every identifier spelled `name`, through the file's word index
        node = file.node(start, start + size)
        if node is not None and node.type == "shorthand_property_identifier":
            return None  # `{loadSettings}`: passed around, who calls it is not known
        if node is None or node.type != "identifier" or node.start_byte != start or node.end_byte != start + size:
            continue  # in a comment, a string or a property name
        found = find_declaration(file.data, name, node)
        if found is None or found.node != owner and found.declarator != owner and \
                unwrap(found.declarator.child_by_field_name("value")) != owner:
            continue
        holder = parent_of(node)
        if holder is not None and holder.type == "variable_declarator" and holder.child_by_field_name("name") == node:
            continue  # `var loadSettings = function (done) {…}` itself
        if holder is not None and owner.child_by_field_name("name") == node:
            continue  # `function loadSettings(done) {…}` itself
        if holder is None or holder.type != "call_expression" or holder.child_by_field_name("function") != node:
            return None  # passed around or assigned: who calls it is not known
        calls.append(holder)
    if len(calls) != 1 or owner.start_byte <= calls[0].start_byte < owner.end_byte:
        return None
    arguments = calls[0].child_by_field_name("arguments")
    args = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if index >= len(args):
        return None
    arg = args[index]
    if arg.type in ARGUMENT_FUNCTIONS:
        return arg
    if arg.type == "identifier":
        target = find_declaration(file.data, file.text(arg), arg)
        if target is not None and target.kind == "function":
            return arg
    return None


def _set_on_page_global(plan: Plan) -> dict[str, str]:
    """Properties the adapter's own scripts set on the page's global object (``window.X = …``,
    ``ctx.X = …`` in ``(function (ctx) {…})(this)``): name -> where the first is set."""
    from ..legacy import nodes_of_kinds

    out: dict[str, str] = {}
    for file in sorted(plan.files.values(), key=lambda f: f.display):
        for region in file.regions:
            for node in nodes_of_kinds(region.tree.root_node, region.tree.language, ["assignment_expression"]):
                left = node.child_by_field_name("left")
                if left is None or left.type != "member_expression":
                    continue
                target, prop = left.child_by_field_name("object"), left.child_by_field_name("property")
                if prop is not None and prop.type == "property_identifier" and _is_page_global(file, target):
                    out.setdefault(file.text(prop), f"{file.display}:{file.line(node.start_byte)}")
    return out


def _is_page_global(file, node) -> bool:
    """Is ``node`` the page's global object (``window``, a top-level ``this``, a parameter given it)?"""
    if node is None:
        return False
    if node.type == "this":
        scope = enclosing_scope(node)
        return scope is not None and scope.type == "program"
    if node.type != "identifier":
        return False
    declaration = find_declaration(file.data, file.text(node), node)
    if declaration is None:
        return file.text(node) in GLOBAL_OBJECTS
    return declaration.kind == "param" and _iife_global(file, declaration.node, declaration.declarator) == PAGE_GLOBAL


def _iife_argument(file, owner, param):
    """The argument an immediately invoked function ``owner`` got for its parameter ``param`` (or None)."""
    holder = parent_of(owner)
    while holder is not None and holder.type == "parenthesized_expression":
        holder = parent_of(holder)
    if holder is None or holder.type != "call_expression":
        return None
    callee = holder.child_by_field_name("function")
    while callee is not None and callee.type == "parenthesized_expression" and callee.named_children:
        callee = callee.named_children[0]
    params = owner.child_by_field_name("parameters")
    arguments = holder.child_by_field_name("arguments")
    if callee != owner or params is None or arguments is None or param not in params.named_children:
        return None
    index = params.named_children.index(param)
    args = [a for a in arguments.named_children if a.type != "comment"]
    return args[index] if index < len(args) else None


def _iife_global(file, owner, param) -> str | None:
    """The page global an immediately invoked function got for ``param``: the page's global object for the
    ``ctx`` of ``(function (ctx) {…})(window)`` (also ``self``, ``globalThis`` and a top-level ``this``);
    ``globalThis.jQuery`` for the ``$`` of ``(function ($) {…})(jQuery)`` (any undeclared global name)."""
    arg = _iife_argument(file, owner, param)
    if arg is None:
        return None
    if arg.type == "this":
        scope = enclosing_scope(arg)
        return PAGE_GLOBAL if scope is not None and scope.type == "program" else None
    if arg.type == "identifier":
        value = file.text(arg)
        if find_declaration(file.data, value, arg) is not None:
            return None
        if value in GLOBAL_OBJECTS:
            return PAGE_GLOBAL
        if re.fullmatch(r"[A-Za-z_$][\w$]*", value):
            return f"globalThis.{value}"
    return None


def _may_be_assigned(data: bytes, end: int) -> bool:
    """Can the name ending at ``end`` be the left side of an assignment (``name = …``)? Only where the next
    text is ``=`` (not ``==`` or ``=>``) or a comment (``name /* … */ = …``)."""
    at = end
    while at < len(data) and data[at] in b" \t\r\n":
        at += 1
    if data[at:at + 1] == b"/":
        return True
    return data[at:at + 1] == b"=" and data[at + 1:at + 2] not in (b"=", b">")


def _implicit_global(starts: list[tuple], name: str) -> str | None:
    """Where the legacy code assigned the undeclared ``name`` (``name = …`` with no declaration in scope: sloppy
    JavaScript made it a global of the page), as ``file:line``; None when it never does."""
    seen = set()
    size = len(name.encode("utf-8"))
    for _, file in starts:
        if file.display in seen:
            continue
        seen.add(file.display)
        for start in file.occurrences(name):
            if not _may_be_assigned(file.data, start + size):
                continue  # (no `=` after it: finding its node, a descent from the root, is not needed)
            node = file.node(start, start + size)
            parent = parent_of(node) if node is not None and node.type == "identifier" else None
            if parent is not None and parent.type == "assignment_expression" and \
                    parent.child_by_field_name("left") == node and find_declaration(file.data, name, node) is None:
                return f"{file.display}:{file.line(start)}"
    return None


def _pieces(plan: Plan, home: str) -> list[tuple]:
    """Each piece of legacy code that lands in ``home``: (file, the node its names are looked up from, start,
    end of the code it renders)."""
    out = []
    for moved in plan.moved_to(home):
        out.append((moved.file, moved.node, moved.node.start_byte, moved.node.end_byte))
        preamble = moved.preamble
        for start, end, _ in (preamble.statements if preamble is not None else ()):
            node = preamble.file.node(start, end)
            if node is not None:
                out.append((preamble.file, node, start, end))
    if home == CONNECTOR:
        out += [(file, node, node.start_byte, node.end_byte) for node, file in plan.anchors]
    for c in plan.homes[home].carried:
        out.append((c.file, c.value if c.value is not None else c.declaration.declarator, c.span.start_byte,
                    c.span.end_byte))
    return out


_REFERENCES = ("identifier", "shorthand_property_identifier")


def _mentions(file, name: str, start: int, end: int) -> bool:
    """Does ``name`` stand as a word in [start, end) of the file (a use, a declaration, a property...)?"""
    from bisect import bisect_left

    occurrences = file.occurrences(name)
    index = bisect_left(occurrences, start)
    return index < len(occurrences) and occurrences[index] + len(name.encode("utf-8")) <= end


def _used_freely(file, name: str, start: int, end: int) -> bool:
    """Does the legacy code in [start, end) use ``name`` without declaring it itself?"""
    from bisect import bisect_left

    occurrences = file.occurrences(name)
    size = len(name.encode("utf-8"))
    for index in range(bisect_left(occurrences, start), len(occurrences)):
        at = occurrences[index]
        if at + size > end:
            break
        node = file.node(at, at + size)
        if node is None or node.type not in _REFERENCES or node.start_byte != at or node.end_byte != at + size:
            continue  # in a comment, a string or a property name
        declaration = find_declaration(file.data, name, node)
        if declaration is None or not start <= declaration.declarator.start_byte < end:
            return True
    return False


def _seen_from(pieces: list, name: str) -> list[tuple]:
    """(piece, the declaration of ``name`` it sees around it, with its key) for each piece that mentions the
    name; pieces in one scope see one declaration (looked up once)."""
    out, scopes = [], {}
    for piece in pieces:
        file, node, start, end = piece
        if not _mentions(file, name, start, end):
            continue
        scope = (file.display, enclosing_scope(node))
        if scope not in scopes:
            declaration = find_declaration(file.data, name, node)
            scopes[scope] = (declaration, (file.display, declaration.declarator.start_byte)
                             if declaration is not None else None)
        out.append((piece, *scopes[scope]))
    return out


def _split(plan: Plan, home: str, name: str, declaration: Declaration, file) -> bool:
    """Does a piece of legacy code in ``home`` use ``name`` as a declaration other than ``declaration``?"""
    key = (file.display, declaration.declarator.start_byte)
    return any(seen is not None and seen != key and _used_freely(piece[0], name, piece[2], piece[3])
               for piece, _, seen in _seen_from(_pieces(plan, home), name))


def _own_origins(plan: Plan, home: str, names: list, starts: list[tuple], split: set[str] = frozenset()) -> None:
    """A name is looked up once per home (``_origin``), but two pieces of legacy code that landed there can
    mean different things by it: the `view` parameter of loadSettings() in one, of listenForDials() in the
    other. Each such name gets the origin of every piece that uses it (``MissingName.pieces``), so the TODO at
    a use names its own piece's; its stand-in's ``where`` names them all."""
    if not names:
        return
    pieces = None
    for missing in names:
        if missing.kind == "member":
            continue
        if pieces is None:
            pieces = _pieces(plan, home)
        known: dict = {}  # a declaration's key (None: none) -> its origin

        def origin_of(declaration, key, file) -> tuple:
            if key not in known:
                origin = _origin(starts, missing.name, home,
                                 (declaration, file if declaration is not None else None), plan)
                if origin[0] == "param" and origin[3] != missing.value:
                    # (its stand-in is the home's: a value only another piece's parameter was given is not there)
                    origin = _origin(starts, missing.name, LWC, (declaration, file), plan)
                known[key] = origin
            return known[key]

        seen = _seen_from(pieces, missing.name)
        if len({origin_of(d, key, piece[0]) for piece, d, key in seen}) < 2:
            continue  # (one origin for every piece that mentions it: nothing to tell apart)
        origins: dict[tuple, tuple] = {}  # (kind, where, why, value) -> the spans that have it
        for (file, _, start, end), declaration, key in seen:
            if _used_freely(file, missing.name, start, end):
                origins.setdefault(origin_of(declaration, key, file), ())
                origins[origin_of(declaration, key, file)] += ((file, start, end),)
        if len(origins) < 2:
            continue
        if missing.name in split:  # (declarations that would have been carried but for each other)
            origins = {_with_others(missing.name, origin, origins): spans for origin, spans in origins.items()}
        missing.pieces = tuple((MissingName(missing.name, *origin), spans) for origin, spans in origins.items())
        missing.where = "; or ".join(dict.fromkeys(origin[1] for origin in origins))
        missing.why = one_of(missing.name, [origin[2] for origin in origins])


def _with_others(name: str, origin: tuple, origins: dict) -> tuple:
    """A declared origin, saying why it was not carried: other code that landed in the same home has its own."""
    kind, where, why, value = origin
    others = [o[1] for o in origins if o[1] != where and o[0] in ("declared", "param")]
    if kind != "declared" or not others:
        return origin
    return (kind, where, f"{why}; other code moved here has its own `{name}` ({', '.join(others)}), so "
                         f"{'neither' if len(others) == 1 else 'none'} was carried: bring each in under a name of its own",
            value)


def one_of(name: str, whys: list[str]) -> str:
    """The reason of a name whose use may have come from pieces with different origins."""
    whys = list(dict.fromkeys(whys))
    if len(whys) == 1:
        return whys[0]
    return (f"`{name}` means different things in the pieces of legacy code that moved here, and this use could "
            "be any of them: " + "; or: ".join(whys))


def _origin(starts: list[tuple], name: str, home: str, found: tuple | None = None,
            plan: Plan | None = None) -> tuple[str, str, str, str]:
    """(kind, where, why, value) for a name the moved code uses without a definition. ``found``: its
    declaration as one piece of the moved code sees it, with that piece's file ((None, None): none)."""
    declaration, file = _legacy_declaration(starts, name, params=True) if found is None else found
    if declaration is not None and declaration.kind == "param":
        owner = declaration.node
        owner_name = function_name(file.data, owner) or callback_context_name(file.data, owner) or "a function"
        where = f"{file.display}:{file.line(owner.start_byte)}"
        # In the connector the page's scripts load as they did (connector/index.html); the LWC has no
        # page globals, so there the parameter stays a stand-in.
        value = _iife_global(file, owner, declaration.declarator) if home == CONNECTOR else None
        if value == PAGE_GLOBAL:
            return ("param", f"a parameter of {owner_name}() at {where}, given the page's global object",
                    f"`{name}` was a parameter of {owner_name}() ({where}), which the page called with its global "
                    f"object ({file.text(_iife_argument(file, owner, declaration.declarator))}): the connector's page "
                    "has it too", value)
        if value is not None:
            return ("param", f"a parameter of {owner_name}() at {where}, given the page's {value}",
                    f"`{name}` was a parameter of {owner_name}() ({where}), which the page called with "
                    f"{value.removeprefix('globalThis.')}: here it is `{value}` (a stand-in that throws where that "
                    "is missing)", value)
        return ("param", f"a parameter of {owner_name}() at {where}",
                f"`{name}` was a parameter of {owner_name}() ({where}), the legacy code around the moved code; "
                "pass the value in or drop its use", "")
    owner = _this_of(file, declaration) if declaration is not None else None
    if owner is not None:
        where = f"{file.display}:{file.line(declaration.node.start_byte)}"
        owner_name = function_name(file.data, owner) or callback_context_name(file.data, owner) or "a function"
        return ("declared", where,
                f"`{name}` held `this` of {owner_name}() ({where}), the legacy object around the moved code (a "
                "component or class instance of the legacy page); there is no such object here: pass in what the "
                "code needs of it or drop its use", "")
    if declaration is not None:
        where = f"{file.display}:{file.line(declaration.node.start_byte)}"
        why = f"`{name}` was defined in the legacy adapter ({where}) and is not available here"
        if home == LWC:
            reason = _why_not_to_lwc(plan, file, declaration, set()) if plan is not None else None
            if plan is not None and (reason is None or reason.endswith("(state)") or "no value" in reason):
                state = _why_not_state(plan, file, declaration)
                reason = state if state not in (None, "computed", "not a variable") else reason
            why += f": {reason}" if reason else " (legacy state and DOM code stay out of the component)"
        elif plan is not None and declaration.kind == "function" and own_this(declaration.declarator):
            reason = _this_why(plan, file, declaration)
            why += f": {reason}" if reason else ""
        return ("declared", where, why, "")
    assigned = _implicit_global(starts, name)
    if assigned is not None:
        return ("global", f"a global the legacy code made by assigning it at {assigned}",
                f"`{name}` is the legacy adapter's own variable, made a global by the assignment at {assigned} "
                f"without a declaration (no page script or vendor SDK provides it): declare it where this code runs "
                f"(`let {name};`) or pass the value in", "")
    if home == CONNECTOR:
        return ("global", "a global of the legacy page",
                f"`{name}` was a global of the legacy page (a vendor SDK?): load it in connector/index.html or "
                "import it here", "")
    return ("global", "a global of the legacy page",
            f"`{name}` was a global of the legacy page: a Lightning component cannot read page globals; load the "
            "library with lightning/platformResourceLoader or remove the dependency", "")


def _this_of(file, declaration: Declaration):
    """The function whose own ``this`` a variable's initializer reads (``var t = this`` in a method, also through
    arrow functions), or None (no ``this``, or a top-level one: the page's global object). Carried to module
    level, that ``this`` would be undefined: the variable is a stand-in instead."""
    if declaration.kind not in ("var", "let", "const"):
        return None
    value = declaration.declarator.child_by_field_name("value")
    if value is None:
        return None
    from ..legacy import FUNCTION_TYPES

    stack, reads = [value], False
    while stack and not reads:
        node = stack.pop()
        if node.type in FUNCTION_TYPES and node.type != "arrow_function" or node.type == "class_body":
            continue  # a function of its own has its own `this`
        reads = node.type == "this"
        stack.extend(node.children)
    if not reads:
        return None
    owner = parent_of(declaration.declarator)
    while owner is not None and (owner.type not in FUNCTION_TYPES or owner.type == "arrow_function"):
        owner = parent_of(owner)
    return owner


def own_this(function) -> list:
    """The ``this`` nodes a function's own body reads (arrow functions share it), not those of nested functions
    or classes."""
    from ..legacy import FUNCTION_TYPES

    out, stack = [], list(function.children)
    while stack:
        node = stack.pop()
        if node.type == "this":
            out.append(node)
        elif not (node.type in FUNCTION_TYPES and node.type != "arrow_function" or node.type == "class_body"):
            stack.extend(node.children)
    return out


_STRICT = re.compile(rb"""['"]use strict['"]|^\s*(?:import|export)\b""", re.M)


def _this_why(plan: Plan, file, declaration: Declaration) -> str | None:
    """Why a legacy function reading ``this`` cannot run in the connector's module with ``globalThis`` for it, or
    None: in a script without strict mode, called by its name alone everywhere (``f()``: never ``obj.f()``,
    ``new f``, ``f.call``, nor handed to code that may give it another ``this``), its ``this`` was the page's
    global object, as ``globalThis`` is the connector page's. A module or a strict script gave it undefined."""
    name = declaration.name
    if _STRICT.search(file.data) is not None or file.display.endswith((".ts", ".tsx", ".mjs")):
        return f"`this` in {name}() was undefined in the legacy code (strict mode)"
    pattern = re.compile(rb"(?<![\w$.])" + re.escape(name.encode()) + rb"(?![\w$])")
    for other in plan.files.values():
        for match in pattern.finditer(other.data):
            node = other.node(match.start(), match.end())
            if node is None or node.type != "identifier" or node == declaration.declarator.child_by_field_name("name"):
                continue
            parent = parent_of(node)
            if parent is None or parent.type != "call_expression" or parent.child_by_field_name("function") != node:
                return (f"{name}() reads `this`, which depends on how it is called, and the legacy code uses it "
                        f"otherwise than as {name}(...) ({other.where(node)})")
    return None


def _waits(file, declaration: Declaration) -> bool:
    """Does a variable's initializer await or yield (outside functions of its own)?"""
    if declaration.kind not in ("var", "let", "const"):
        return False
    value = declaration.declarator.child_by_field_name("value")
    if value is None:
        return False
    from ..legacy import FUNCTION_TYPES

    stack = [value]
    while stack:
        node = stack.pop()
        if node.type in ("await_expression", "yield_expression"):
            return True
        if node.type not in FUNCTION_TYPES:
            stack.extend(node.children)
    return False


def _carriable_to_lwc(plan: Plan, file, declaration: Declaration, seen: set) -> bool:
    """Only constants and pure helper functions travel into the LWC (and, see _state_of_lwc, state only the moved
    code uses); other state and DOM code does not."""
    return _why_not_to_lwc(plan, file, declaration, seen) is None


def _why_not_to_lwc(plan: Plan, file, declaration: Declaration, seen: set) -> str | None:
    """Why the declaration is not a constant or a pure helper the LWC can take (None: it is one)."""
    key = (file.display, declaration.declarator.start_byte)
    if key in seen:
        return None
    seen.add(key)
    node = declaration.declarator
    if declaration.kind in ("var", "let", "const"):
        value = unwrap(node.child_by_field_name("value"))
        if value is None:
            return "it has no value of its own here"
        if value.type in ("arrow_function", "function_expression", "function"):
            node = value
        elif not _literal(value):
            text = " ".join(file.text(value).split())
            shown = f"`{text if len(text) <= 40 else text[:37] + '...'}`"
            if value.type in ("object", "array"):
                return f"it holds an object built from more than literals ({shown})"
            return f"its value is computed when the legacy page runs ({shown})"
        # Only constants travel: module-level state would be shared by every component instance (a value
        # Object.freeze() returns, or one named as a constant, is meant to stay as it is). A `var`/`let` the
        # legacy code never changes is one too (code written before `const` declared its constants so).
        elif value.type not in ("string", "number", "true", "false", "null", "regex", "template_string",
                                "call_expression") and re.fullmatch(r"[A-Z][A-Z0-9_]*", declaration.name) is None:
            return "it holds an object the legacy code may change (state)"
        elif (declaration.kind != "const" or value.type in ("array", "object")) and \
                not _never_changed(plan, file, declaration):  # (a const array or object can still be changed)
            return "the legacy code changes it (state)"
        else:
            return None
    elif declaration.kind != "function":
        return f"it is a {declaration.kind}"
    if own_this(node):
        return "it reads `this`, which was the legacy page's global object (the component's module has none)"
    walker = ScopeWalker(file.data, file.language_at(node.start_byte))
    for free in walker.free_names(node, builtins=True):
        if free.name in BROWSER_ONLY or free.name == "sforce":
            return f"it uses the page's `{free.name}`"
        if free.name in BUILTINS:
            continue
        inner = find_declaration(file.data, free.name, node)
        if inner is None:
            return f"it uses `{free.name}`, which the legacy page provided"
        if inner.kind == "param":
            return f"it uses `{free.name}`, a parameter of the code around it"
        if _why_not_to_lwc(plan, file, inner, seen) is not None:
            return f"it uses `{free.name}` ({file.display}:{file.line(inner.node.start_byte)}), which cannot come along"
    return None


def _why_not_state(plan: Plan, file, declaration: Declaration) -> str | None:
    """Why the declaration is not state only the code moved into the LWC uses (None: it is; see _state_of_lwc)."""
    if declaration.kind not in ("var", "let", "const"):
        return "not a variable"
    value = unwrap(declaration.declarator.child_by_field_name("value"))
    if value is not None and not _literal(value):
        return "computed"
    moved: dict[str, list] = {}
    for m in plan.moved_to(LWC):
        moved.setdefault(m.file.display, []).append((m.node.start_byte, m.node.end_byte))
    for other, node in _references(plan, file, declaration):
        if other is None:
            return ("code ctimod cannot follow may use it too (a string run as code, the page's markup outside its "
                    "scripts, or an adapter file without Open CTI)")
        if not any(first <= node.start_byte and node.end_byte <= last for first, last in moved.get(other.display, ())):
            where = f"{other.display}:{other.line(node.start_byte)}"
            return f"legacy code that stays out of the component uses it too ({where})"
    return None


# Where a name stands for its variable being changed: `x++`, `[x] = …`, `({a: x} = …)`, `[...x] = …`,
# `[x = 1] = …`.
_CHANGING_PARENTS = frozenset({"update_expression", "array_pattern", "object_pattern", "pair_pattern", "rest_pattern",
                               "assignment_pattern"})
# Names for the page's global object: a page's top-level `var x` is also `window.x`.
_PAGE_GLOBALS = frozenset({"window", "self", "globalThis", "top", "parent", "frames"})


def _references(plan: Plan, file, declaration: Declaration):
    """Where the legacy code names the variable ``declaration`` declares, as (file, node): in its own file, each
    use of the name no other declaration shadows (none found counts: a part of the page parsed apart, such as
    code after a syntax error, sees the page's variables without declarations); and, for a variable at the top
    of its script (a global of the page), the name where another file of the adapter does not declare it, and
    ``window.name`` anywhere. The node is the name, or the ``window.name`` member expression; (None, None) where
    code the trees do not show may use it: an adapter file without Open CTI that holds the name (no tree of it is
    kept), a page's markup outside its scripts (an inline handler), a string run as code (``eval('x = 1')``)."""
    name = declaration.name
    size = len(name.encode("utf-8"))
    own = declaration.declarator.child_by_field_name("name")
    top = enclosing_scope(declaration.declarator)
    while declaration.kind == "var" and top is not None and top.type == "statement_block":
        top = enclosing_scope(top)  # a var in a block belongs to the function or script around it
    page_global = top is not None and top.type == "program"
    excluded = getattr(plan, "excluded", None) or {}
    files = [f for display, f in sorted(plan.files.items()) if display not in excluded or f is file] \
        if page_global else [file]
    if page_global and _named_in_others(plan, name):
        yield None, None
    for other in files:
        for start in other.occurrences(name):
            node = other.node(start, start + size)
            if node is None:
                if page_global:
                    # outside every script of a page: its markup, an inline handler (onclick="x = 1") the tree
                    # does not hold; it may use the variable
                    yield None, None
                continue
            if other is file and node.start_byte == own.start_byte:
                continue
            if node.type in ("string_fragment", "string", "template_string"):
                holder = parent_of(node) if node.type == "string_fragment" else node
                index = parent_of(holder) if holder is not None else None
                if page_global and index is not None and index.type == "subscript_expression" and \
                        index.child_by_field_name("index") == holder and other.text(holder)[1:-1] == name and \
                        index.child_by_field_name("object").type == "identifier" and \
                        other.text(index.child_by_field_name("object")) in _PAGE_GLOBALS:
                    yield other, index  # window['x']
                elif _evaluated(other, node):
                    yield None, None  # eval('x = 1'), new Function('x++'), setTimeout('x = 0', …): code unseen
                continue
            if node.type == "property_identifier":
                member = parent_of(node)
                target = member.child_by_field_name("object") if member is not None and \
                    member.type == "member_expression" and member.child_by_field_name("property") == node else None
                if page_global and target is not None and target.type == "identifier" and \
                        other.text(target) in _PAGE_GLOBALS:
                    yield other, member
                continue
            if node.type not in ("identifier", "shorthand_property_identifier",
                                 "shorthand_property_identifier_pattern"):
                continue  # a string, a comment
            found = find_declaration(other.data, name, node)
            if found is not None and (other is not file or
                                      found.declarator.start_byte != declaration.declarator.start_byte):
                continue  # another variable of the same name
            yield other, node


# Calls that run a string as code: a name in that string is a use of the variable the tree does not show.
_EVALUATING = frozenset({"eval", "Function", "setTimeout", "setInterval", "execScript"})


def _evaluated(file, node) -> bool:
    """Is the string ``node`` is in (part of) an argument of a call that runs a string as code?"""
    from ..legacy import FUNCTION_TYPES

    owner = parent_of(node)
    while owner is not None and owner.type not in FUNCTION_TYPES and not owner.type.endswith("statement"):
        if owner.type in ("call_expression", "new_expression"):
            callee = owner.child_by_field_name("function") or owner.child_by_field_name("constructor")
            if callee is not None and callee.type == "member_expression":
                callee = callee.child_by_field_name("property")
            if callee is not None and file.text(callee) in _EVALUATING:
                return True
        owner = parent_of(owner)
    return False


def _named_in_others(plan: Plan, name: str) -> bool:
    """Does a file of the adapter without Open CTI (read again from disk: no tree of it is kept) hold ``name`` as
    a word, in code or not?"""
    word = re.compile(rb"(?<![\w$\x80-\xff])" + re.escape(name.encode("utf-8")) + rb"(?![\w$\x80-\xff])")
    for path in (getattr(plan, "others", None) or {}).values():
        try:
            with open(path, "rb") as handle:
                if word.search(handle.read()):
                    return True
        except OSError:
            return True  # unreadable now: it may name it
    return False


def _state_of_lwc(plan: Plan, file, declaration: Declaration) -> bool:
    """Is ``declaration`` a variable starting with a literal (``null``, ``0``, ``{}``, ``[]``…) that only code
    moved into the LWC uses? Then it is that code's own state: carried, it keeps the values the moved code gives
    it as the legacy variable did (the legacy page had one softphone; the component's module holds one value for
    every instance of it, as the page did). State any other code reads or sets stays out."""
    return _why_not_state(plan, file, declaration) is None


def _never_changed(plan: Plan, file, declaration: Declaration) -> bool:
    """Does no legacy code change the variable ``declaration`` declares, or the value it starts with
    (``x = …``, ``x += …``, ``x++``, a destructuring or a for-in into it, another ``var x = …``, a write to one of
    its members ``x.y = …`` / ``x[k] = …``, ``delete x.y``; for a global of the page, in any file of the adapter,
    ``window.x = …`` too)? (A call the value is handed to may still change it, as it may a ``const``'s: the
    constant rule accepts that for both.) An array or object is changed, too, by a method that changes it
    (``x.push(…)``, ``x.sort()``), by ``Object.assign(x, …)``, and through another variable it is handed to
    (``var s = x``): legacy code that stays out would change a value the carried copy never shares."""
    value = unwrap(declaration.declarator.child_by_field_name("value"))
    mutable = value is not None and value.type in ("array", "object")
    for other, node in _references(plan, file, declaration):
        if other is None or node.type == "shorthand_property_identifier_pattern":
            return False  # `({x} = other)`
        if node.type == "shorthand_property_identifier":
            continue  # `{x}`: a read
        target, parent = node, parent_of(node)
        while parent is not None and parent.type in ("member_expression", "subscript_expression") and \
                parent.child_by_field_name("object") == target:
            target, parent = parent, parent_of(parent)  # x.y.z = …: a write to the value x holds
        if parent is None:
            continue
        if parent.type in ("assignment_expression", "augmented_assignment_expression", "for_in_statement") and \
                parent.child_by_field_name("left") == target:
            return False  # `x = …`, `x.y += …`, `for (x in …)`
        if parent.type in _CHANGING_PARENTS or (parent.type == "unary_expression" and target != node and
                                                other.text(parent).startswith("delete")):
            return False
        if parent.type == "variable_declarator" and parent.child_by_field_name("name") == target:
            return False  # a second `var x = …` of the same variable
        if mutable and _changes_value(other, node, parent_of(node)):
            return False
    return True


# Methods that change the array, map or set they are called on; functions that change their first argument.
_MUTATORS = frozenset({"push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin", "set",
                       "add", "delete", "clear"})
_CHANGING_FUNCTIONS = frozenset({("Object", "assign"), ("Object", "defineProperty"), ("Object", "defineProperties"),
                                 ("Object", "setPrototypeOf"), ("Reflect", "set"), ("Reflect", "deleteProperty"),
                                 ("Reflect", "defineProperty")})


def _changes_value(file, node, parent) -> bool:
    """Does the use ``node`` of a variable holding an array or object change that value through a call
    (``x.push(…)``, ``Object.assign(x, …)``) or hand it to another variable (``var s = x``, ``s = x``), whose
    changes are the same value's and are not followed?"""
    if parent.type == "member_expression" and parent.child_by_field_name("object") == node:
        call = parent_of(parent)
        return call is not None and call.type == "call_expression" and call.child_by_field_name("function") == parent \
            and file.text(parent.child_by_field_name("property")) in _MUTATORS
    if parent.type == "arguments":
        call = parent_of(parent)
        function = call.child_by_field_name("function") if call is not None else None
        first = next((c for c in parent.named_children if c.type != "comment"), None)
        return function is not None and function.type == "member_expression" and first == node and \
            tuple(part.decode("utf-8", "replace") for part in _names(function)) in _CHANGING_FUNCTIONS
    if parent.type == "variable_declarator":
        return parent.child_by_field_name("value") == node
    if parent.type == "assignment_expression":
        return parent.child_by_field_name("right") == node
    return False


def _names(member) -> tuple:
    """``(object, property)`` of a member expression whose object is a plain name (else empty)."""
    target, name = member.child_by_field_name("object"), member.child_by_field_name("property")
    if target is None or name is None or target.type != "identifier" or target.text is None or name.text is None:
        return ()  # (a node's text is there for trees parsed from bytes, which every legacy tree is)
    return target.text, name.text


def _literal(node) -> bool:
    node = unwrap(node)
    if node is None:
        return False
    if node.type in ("string", "number", "true", "false", "null", "regex"):
        return True
    if node.type == "template_string":
        return not any(c.type == "template_substitution" for c in node.named_children)
    if node.type == "array":
        return all(_literal(c) for c in node.named_children if c.type != "comment")
    if node.type == "object":
        return all(c.type == "comment" or (c.type == "pair" and _literal(c.child_by_field_name("value")))
                   for c in node.named_children)
    if node.type == "unary_expression":
        return _literal(node.named_children[-1]) if node.named_children else False
    if node.type == "call_expression":  # Object.freeze({...}): a literal that no one can change
        function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        values = [c for c in arguments.named_children if c.type != "comment"] if arguments is not None else []
        return function is not None and function.type == "member_expression" and \
            _names(function) == (b"Object", b"freeze") and len(values) == 1 and _literal(values[0])
    return False
