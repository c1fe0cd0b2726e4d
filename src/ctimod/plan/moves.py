"""Where legacy code goes: handlers that become connector parts, and the functions around UI calls
that become methods of the Voice LWC (with the toolkit event that should run them)."""

from __future__ import annotations

import re

from ..catalog import Disposition
from ..codemod import CONNECTOR, LWC, Removed, Unsupported, codemod_for, then
from ..legacy import (Declaration, callback_context_name, enclosing_function, find_declaration, function_name,
                      is_function, parent_of, unwrap)
from ..splice import LegacyFile
from .binding import bind, trigger_for
from .model import MovedCode, Plan
from .naming import GENERATED_MEMBERS, LIFECYCLE, method_name
from .startup import preamble_of

SLOT_METHODS = {"dial": "dial()", "init": "init()"}


def lwc_location(plan: Plan, member: str) -> str:
    return f"force-app/main/default/lwc/{plan.lwc_name}/{plan.lwc_name}.js: {member}"


def connector_location(member: str) -> str:
    return f"connector/src/connector.js: {member}"


# ---------------------------------------------------------------------------------------- handlers
def function_of(file: LegacyFile, node):
    """A handler given as a name is followed to its declaration."""
    node = unwrap(node)
    if node is None:
        return None
    if is_function(node) or node.type == "method_definition":
        return node
    if node.type == "identifier":
        return _declared_function(find_declaration(file.data, file.text(node), node))
    if node.type == "call_expression":  # handler.bind(this)
        function = node.child_by_field_name("function")
        if function is not None and function.type == "member_expression":
            prop = function.child_by_field_name("property")
            if prop is not None and file.text(prop) == "bind":
                return function_of(file, function.child_by_field_name("object"))
    if node.type == "member_expression":  # this.handleDial
        prop = node.child_by_field_name("property")
        if prop is not None:
            return _method_named(file, node, file.text(prop))
    return None


def _declared_function(declaration: Declaration | None):
    if declaration is None:
        return None
    if declaration.kind == "function":
        return declaration.declarator
    if declaration.kind in ("var", "let", "const"):
        value = unwrap(declaration.declarator.child_by_field_name("value"))
        if is_function(value):
            return value
    return None


def _method_named(file: LegacyFile, at, name: str):
    current = parent_of(at)
    while current is not None and current.type not in ("class_body", "object", "program"):
        current = parent_of(current)
    if current is None or current.type == "program":
        return None
    for member in current.named_children:
        if member.type == "method_definition":
            member_name = member.child_by_field_name("name")
            if member_name is not None and file.text(member_name) == name:
                return member
        elif member.type == "pair":
            key = member.child_by_field_name("key")
            value = unwrap(member.child_by_field_name("value"))
            if key is not None and file.text(key).strip("'\"") == name and is_function(value):
                return value
    return None


ONE_PER_SLOT = {"dial"}  # connector parts one legacy handler fills (init runs every settings callback)


def _preference(conversion) -> tuple:
    """Which of several handlers for one connector part moves: Lightning first, then the newest copy."""
    from .variants import version_of

    return (conversion.use.family == "lightning", version_of(conversion.use.file), conversion.use.file,
            -conversion.use.line)


def connector_slots(plan: Plan) -> None:
    """Handlers of conversions with a handler slot move into that connector part."""
    chosen: dict[str, object] = {}
    for conversion in plan.conversions:
        slot = conversion.handler_slot
        if slot in ONE_PER_SLOT and not conversion.superseded and \
                (slot not in chosen or _preference(conversion) > _preference(chosen[slot])):
            chosen[slot] = conversion
    for conversion in plan.conversions:
        slot = conversion.handler_slot
        if slot is None or conversion.superseded:
            continue
        if slot in chosen and chosen[slot] is not conversion:
            other = chosen[slot]
            where = f"{other.use.file}:{other.use.line}"
            if other.use.family == "lightning" and conversion.use.family != "lightning":
                # The Classic twin of the Lightning handler: Voice corresponds to the Lightning code.
                conversion.safety = Disposition.DROP
                conversion.summary = f"not moved: the Classic {slot} handler; the Lightning one ({where}) became {slot}()"
                conversion.todo = None
                _leave_inside(plan, conversion, f"the Classic {slot} handler at {conversion.use.file}:"
                                                f"{conversion.use.line}; Voice corresponds to the Lightning one "
                                                f"({where})", Disposition.DROP)
                continue
            conversion.summary = f"not moved: another {slot} handler ({where}) became {slot}()"
            conversion.todo = (f"Only one legacy handler can become the connector's {slot}(); ctimod moved the one at "
                               f"{where}. Merge this one's logic into it if it differs.")
            if conversion.safety in (Disposition.AUTO, Disposition.REVIEW):
                conversion.safety = Disposition.MANUAL
            _leave_inside(plan, conversion, f"the {slot} handler at {conversion.use.file}:{conversion.use.line}, "
                                            f"which was not moved (another {slot} handler became {slot}())")
            continue
        site = conversion.site
        handler = site.handler("listener", "callback")
        function = function_of(site.file, handler) if handler is not None else None
        if function is None:
            conversion.summary = f"not moved: the {slot} handler could not be followed to a function"
            conversion.todo = (conversion.todo or "") + (
                f" The {slot} handler could not be followed to a function; write its logic in the connector's "
                f"{SLOT_METHODS.get(slot, slot)} by hand.")
            if conversion.safety == Disposition.AUTO:
                conversion.safety = Disposition.MANUAL
            continue
        moved = MovedCode(site.file, function, name=slot, home=CONNECTOR, slot=slot, conversions=[conversion],
                          preamble=preamble_of(site) if slot == "init" else None)
        if not any(m.key == moved.key for m in plan.moved):
            plan.moved.append(moved)
        conversion.home = CONNECTOR
        conversion.location = connector_location(SLOT_METHODS.get(slot, slot))


def _leave_inside(plan: Plan, conversion, where: str, safety=Disposition.MANUAL) -> None:
    """Calls inside a handler that is not moved stay with it: reported, not moved anywhere else."""
    handler = conversion.site.handler("listener", "callback")
    function = function_of(conversion.site.file, handler) if handler is not None else None
    if function is None:
        return
    for other in plan.conversions:
        node = other.site.node if other.site is not None else None
        if other is conversion or other.superseded or node is None or other.site.file is not conversion.site.file \
                or not _inside(node, function):
            continue
        other.safety = safety
        other.summary = "not moved: it is in a handler that was not moved"
        other.reason = f"the call is in {where}" + ("; merge it with that handler's logic by hand"
                                                     if safety == Disposition.MANUAL else "")
        other.todo = None
        other.superseded = other.reason


# ---------------------------------------------------------------------------------------- LWC methods
def _inside(node, outer) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _is_open_cti_handler(calls: set, function) -> bool:
    """Is this function passed straight to an Open CTI call (so it moves with that call)?"""
    parent = parent_of(function)
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent_of(parent)
    if parent is not None and parent.type == "pair":
        parent = parent_of(parent)  # the options object
        if parent is not None and parent.type == "object":
            parent = parent_of(parent)
    if parent is None or parent.type != "arguments":
        return False
    return (parent_of(parent).start_byte, parent_of(parent).end_byte) in calls


def _method_for_call(file: LegacyFile, node, calls: set) -> MovedCode:
    function = enclosing_function(node)
    while function is not None:
        if not _is_open_cti_handler(calls, function):
            name = function_name(file.data, function) or callback_context_name(file.data, function)
            if name:
                return MovedCode(file, function, name, LWC)
        function = enclosing_function(function)
    statement = node
    while parent_of(statement) is not None and parent_of(statement).type not in ("program", "statement_block"):
        statement = parent_of(statement)
    return MovedCode(file, statement, f"legacyScript{file.line(statement.start_byte)}", LWC)


def lwc_methods(plan: Plan) -> None:
    """The legacy function around each call of a UI codemod moves into the LWC as a method."""
    in_connector = plan.moved_to(CONNECTOR)
    calls_by_file: dict[str, set] = {}
    for conversion in plan.conversions:
        node = conversion.site.node
        calls_by_file.setdefault(conversion.site.file.display, set()).add((node.start_byte, node.end_byte))
    found: dict[tuple, MovedCode] = {}
    for conversion in plan.conversions:
        site = conversion.site
        if codemod_for(conversion.use.api).runs_in != LWC or conversion.superseded:
            continue
        if any(m.file is site.file and _inside(site.node, m.node) for m in in_connector):
            continue  # runs in the connector (where UI calls become TODOs)
        moved = _method_for_call(site.file, site.node, calls_by_file[site.file.display])
        moved = found.setdefault(moved.key, moved)
        moved.conversions.append(conversion)
    # A function nested in another moved function moves with the outer one.
    # Nodes nest or are apart, so in text order (outermost first) the one holding a function is the last outer one
    # before it: one pass, not a comparison of every pair.
    outer, last = [], {}
    for moved in sorted(found.values(), key=lambda m: (m.file.display, m.node.start_byte, -m.node.end_byte)):
        host = last.get(moved.file.display)
        if host is not None and _inside(moved.node, host.node) and \
                (host.node.start_byte, host.node.end_byte) != (moved.node.start_byte, moved.node.end_byte):
            host.conversions.extend(moved.conversions)
        else:
            outer.append(moved)
            last[moved.file.display] = moved
    taken: set[str] = set(LIFECYCLE) | GENERATED_MEMBERS
    for moved in sorted(outer, key=lambda m: (m.file.display, m.node.start_byte)):
        moved.name = method_name(moved.name, taken)
        moved.trigger = trigger_for(moved)
        moved.binding = bind(moved, moved.trigger) if moved.trigger else None
        for conversion in moved.conversions:
            conversion.home = LWC
            conversion.location = lwc_location(plan, _method_label(moved))
            _unwired(moved.called, conversion)
        plan.moved.append(moved)


BLOCKED = "(throws until the component has "  # the location of calls that cannot run as they stand


UNWIRED = "unwired"


def _unwired(called: bool, conversion) -> None:
    """A call in a component method nothing calls yet does not run: its row is not 'converted' but
    ``unwired`` (its location says 'nothing calls it yet'), and never 'converted automatically'."""
    if called or conversion.status != "converted" or \
            isinstance(conversion.replacement(LWC), (Removed, Unsupported)):  # (those rows say so already)
        return
    conversion.status = UNWIRED
    if conversion.safety == Disposition.AUTO:
        conversion.safety = Disposition.REVIEW
    note = ("Nothing in the component calls the method it landed in yet, so this call does not run: call the "
            "method where the legacy code ran it (a toolkit event, your vendor integration) or remove it.")
    conversion.todo = then(conversion.todo, note)


SHOWN_BLOCKERS = 12  # names a location lists; the free-names table of the reports lists every one with its line


def _method_label(moved: MovedCode) -> str:
    label = f"{moved.name}()" + ("" if moved.called else " (nothing calls it yet)")
    names = moved.blocked_by
    if names:
        shown = ", ".join(names[:SHOWN_BLOCKERS])
        if len(names) > SHOWN_BLOCKERS:
            # (one method of a big adapter read 240 such names: every row of it repeated them all)
            shown += f" and {len(names) - SHOWN_BLOCKERS} more names, each listed with its line among the names " \
                     "the moved code uses that its new home does not define"
        label += f" {BLOCKED}{shown})"
    return label


# A name as written in the source: not a member (after a dot), not part of a longer name.
_WORD = re.compile(rb"(?<![\w$.\x80-\xff])[\w$\x80-\xff]+")


def mark_blocked(plan: Plan, module: str | None = None) -> None:
    """LWC methods that use a name the component does not define throw there (a stand-in): every call they
    hold says so where it landed, so no report row claims a conversion that cannot run as it stands.
    A method is read as ``module`` (the component as built) holds it, where there is one: a name only the
    converted calls used (``this.api.screenPop(…)``, now a navigation) no longer blocks it."""
    missing = [m.name for m in plan.homes[LWC].missing]
    if not missing:
        return
    generated = _method_names(module, {name for name in missing if "." not in name}) if module else {}
    # Plain names are found in one pass over the words of the text (a search per missing name took 0.4 s
    # on a 2,000-line adapter); member names (`this.x`) by their own search.
    wanted = {name.encode() for name in missing if "." not in name}
    members = {name: re.compile(rb"(?<![\w$.])" + re.escape(name.encode()) + rb"(?![\w$])")
               for name in missing if "." in name}
    for moved in plan.moved_to(LWC):
        method = generated.get(moved.name)
        if method is not None:
            text, used = method
            moved.blocked_by = [name for name in missing if name in used or (
                name in members and not name.startswith("this.") and members[name].search(text))]
        else:
            text = moved.file.data[moved.node.start_byte:moved.node.end_byte]
            found = {word for word in _WORD.findall(text) if word in wanted}
            moved.blocked_by = [name for name in missing
                                if (members[name].search(text) if name in members else name.encode() in found)]
        if moved.blocked_by:
            for conversion in moved.conversions:
                conversion.location = lwc_location(plan, _method_label(moved))


def _method_names(module: str, plain: set[str] = frozenset()) -> dict[str, tuple[bytes, set[str]]]:
    """The methods of the generated component's class: name -> (its text, the names its code reads: plain
    names and ``this.x`` members, not words of its comments and strings). A name defined twice: neither.
    Of the names in ``plain``, a method reads only those it does not declare itself (a local `n` is not the
    page's `n`)."""
    from ..legacy import ScopeWalker, nodes_of_kinds, text as node_text
    from ..parse import parse_text

    from bisect import bisect_left

    data = module.encode("utf-8")
    tree = parse_text(data)
    methods: dict[str, tuple[bytes, set[str]]] = {}
    twice: set[str] = set()
    # The names of the whole module, by one query (a query per method cost a walk each); a method's are those
    # within its range.
    names: list = []
    for node in nodes_of_kinds(tree.root_node, tree.language, ["identifier", "shorthand_property_identifier",
                                                                "member_expression"], any_order=True):
        if node.type != "member_expression":
            names.append((node.start_byte, node.end_byte, node_text(data, node)))
            continue
        target, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if target is not None and target.type == "this" and prop is not None:
            names.append((node.start_byte, node.end_byte, "this." + node_text(data, prop)))
    names.sort()
    starts = [start for start, _, _ in names]
    walker = None
    for body in nodes_of_kinds(tree.root_node, tree.language, ["class_body"], any_order=True):
        for member in body.named_children:
            name = member.child_by_field_name("name")
            if member.type != "method_definition" or name is None:
                continue
            used = {found for start, end, found in names[bisect_left(starts, member.start_byte):
                                                         bisect_left(starts, member.end_byte)]
                    if end <= member.end_byte and end > member.start_byte}
            if used & plain:
                walker = walker if walker is not None else ScopeWalker(data, tree.language)
                free = {found for _, found in walker.undeclared(member)}
                used = {found for found in used if found not in plain or found in free}
            key = node_text(data, name)
            if key in methods:
                twice.add(key)
            methods[key] = (data[member.start_byte:member.end_byte], used)
    return {name: found for name, found in methods.items() if name not in twice}


# ---------------------------------------------------------------------------------------- locations
def locate(plan: Plan) -> None:
    """Every call lands where the code around it went: moved code or a carried declaration."""
    targets = []
    for moved in plan.moved:
        where = (lwc_location(plan, _method_label(moved)) if moved.home == LWC
                 else connector_location(SLOT_METHODS.get(moved.slot, moved.slot)))
        targets.append((moved.file, moved.node.start_byte, moved.node.end_byte, moved.home, where, moved.called))
    for home in (LWC, CONNECTOR):
        for carried in plan.homes[home].carried:
            declaration = carried.declaration
            where = (lwc_location(plan, f"{declaration.name} (carried)") if home == LWC
                     else connector_location(f"{declaration.name} (carried)"))
            span = carried.value if carried.value is not None else declaration.node
            targets.append((carried.file, span.start_byte, span.end_byte, home, where, True))
    for conversion in plan.conversions:
        if conversion.home in (LWC, CONNECTOR) or conversion.superseded:
            continue
        node = conversion.site.node
        for file, start, end, home, where, called in targets:
            if file is conversion.site.file and start <= node.start_byte and node.end_byte <= end:
                conversion.home, conversion.location = home, where
                _unwired(called, conversion)
                break
        else:
            conversion.reason = conversion.reason or (
                "the legacy code around this call was not moved: it is neither UI logic for the LWC nor code the "
                "connector needs")
