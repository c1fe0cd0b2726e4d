"""Marks on an assembled module: TODOs above moved code that breaks a Lightning platform rule, and
above every statement that uses a name its new home does not define."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..escape import js_comment
from ..legacy import (FUNCTION_TYPES, ScopeWalker, legacy_params, nodes_of_kinds, parent_of, remember_tree,
                      statement_of, text, walk)
from ..parse import parse_text
from ..plan.carry import one_of


@dataclass
class FreeName:
    """A name moved code uses that its new home does not define."""

    home: str  # lwc | connector
    name: str
    file: str  # generated file
    line: int  # line in the generated file
    declared_at: str | None  # legacy file:line, when the legacy adapter declared it
    note: str


@dataclass
class PlatformFlag:
    """Moved code that breaks a Lightning platform rule: marked in place, listed in the report."""

    file: str
    line: int
    rule: str
    note: str
    action: str = "todo"  # todo: a scoped lint exception and its TODO; todo-comment: a TODO only (no lint rule)


DOCUMENT_QUERIES = {"querySelector", "querySelectorAll", "getElementById", "getElementsByClassName",
                    "getElementsByTagName", "getElementsByTagNameNS", "getElementsByName"}
PLATFORM_NOTES = {
    "@lwc/lwc/no-document-query": "a component cannot query the page's DOM; use this.template.querySelector or a "
                                  "template binding",
    "@lwc/lwc/no-inner-html": "innerHTML is blocked in Lightning Web Components; bind the text in the template",
    "@lwc/lwc/no-async-operation": "timers in a component must be justified; keep this one only if still needed",
    "no-alert": "alert, confirm and prompt are blocked in Lightning; use lightning/alert, lightning/confirm or "
                "lightning/prompt",
}
# Aura's component and event API, in moved code (an Aura controller or helper moved into the component): no lint
# rule knows it, and a Lightning web component has none of it, so the line gets a TODO naming the call.
AURA_ONLY = "ctimod/aura-only-api"
AURA_EVENT_METHODS = {"getParams", "getParam", "setParams", "getEvent", "getSource"}
AURA_NOTE = ("{calls}: Aura's component / event API, which a Lightning web component does not have; use this "
             "method's arguments, @api properties or the template (this.dispatchEvent(new CustomEvent(...)) for an "
             "Aura event)")
HELPER_NOTE = "; `{name}` was Aura's helper object: call a helper function moved into this class as this.name(...)"
# Which parameter of a function in an Aura bundle's JavaScript is the component, the event and the helper (Aura
# calls them so): a controller action (component, event, helper), a renderer method (component, helper), a helper
# function by convention (component, ...) - the file names say which (Aura requires the bundle's name + the suffix).
AURA_BUNDLE_JS = re.compile(r"(?:^|/)([A-Za-z]\w*)/\1(Controller|Helper|Renderer)\.js:\d+$")
AURA_ROLES = {"Controller": ("component", "event", "helper"), "Renderer": ("component", "helper"),
              "Helper": ("component",)}
# Aura's Component and Event methods (a Lightning web component has none of them), called on the parameter that
# holds one; a helper's every function, called on the helper parameter; a renderer's super* calls on `this`.
AURA_COMPONENT_METHODS = {"find", "isValid", "get", "set", "getEvent", "getGlobalId", "getLocalId", "getReference",
                          "clearReference", "getElement", "getElements", "getConcreteComponent", "getSuper", "getName",
                          "getType", "getVersion", "isInstanceOf", "isRendered", "addEventHandler",
                          "removeEventHandler", "addHandler", "addValueHandler", "removeValueHandler",
                          "addValueProvider", "destroy", "autoDestroy", "getDef"}
AURA_EVENT_ONLY = {"getParams", "getParam", "setParams", "setParam", "fire", "getSource", "getName", "getType",
                   "getPhase", "getEventType", "pause", "resume"}
RENDERER_SUPER = {"superRender", "superRerender", "superAfterRender", "superUnrender"}


def _aura_parameter_calls(data: bytes, tree) -> dict[tuple[int, int], tuple[str, str | None]]:
    """The calls of Aura's component / event / helper API in functions moved from an Aura bundle's controller,
    helper or renderer, decided by the receiver: the parameter Aura passes the component, the event or the helper
    in (not shadowed by a nested function's own), an event the function got from `$A.get('e.…')` /
    `component.getEvent(…)`, or `this.super*()` in a renderer. By the call's byte range: what the call is, and the
    helper parameter's name for a helper call."""
    from .lint import LEGACY_MARKER, MARKER_ORIGIN, marked
    found: dict[tuple[int, int], str] = {}
    for comment in nodes_of_kinds(tree.root_node, tree.language, ["comment"]):
        origin = MARKER_ORIGIN.search(text(data, comment))
        bundle = AURA_BUNDLE_JS.search(origin.group(1)) if origin else None
        if bundle is None or not LEGACY_MARKER.search(text(data, comment)):
            continue
        kind = bundle.group(2)
        for fn in marked(text(data, comment), comment):
            if fn.type not in FUNCTION_TYPES:
                continue
            roles = dict(zip(legacy_params(data, fn), AURA_ROLES[kind]))
            roles.pop("{...}", None)
            _aura_calls_in(data, fn, roles, kind, found)
    return found


def _aura_calls_in(data: bytes, fn, roles: dict[str, str], kind: str, found: dict) -> None:
    events: set[str] = set()  # names holding an Aura event this function made ($A.get('e.x'), cmp.getEvent('x'))
    for node in walk(fn):
        if node.type == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name is not None and name.type == "identifier" and _makes_event(data, value, roles):
                events.add(text(data, name))
            continue
        if node.type != "call_expression":
            continue
        function = node.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            continue
        obj, prop = function.child_by_field_name("object"), text(data, function.child_by_field_name("property"))
        receiver = text(data, obj)
        role = None
        if obj.type == "identifier" and not _shadowed(data, obj, fn, receiver):
            role = roles.get(receiver) or ("event" if receiver in events else None)
        elif obj.type == "this" and kind == "Renderer" and prop in RENDERER_SUPER and not _in_nested(obj, fn):
            role = "renderer"
        elif obj.type == "call_expression" and _makes_event(data, obj, roles) and prop in AURA_EVENT_ONLY:
            role = "event"
        if role == "component" and prop in AURA_COMPONENT_METHODS:
            first = next((a for a in node.child_by_field_name("arguments").named_children if a.type != "comment"),
                         None)
            if prop == "find" and first is not None and first.type in FUNCTION_TYPES:
                continue  # an array's find (a function argument), not Aura's find(auraId)
        elif not (role == "event" and prop in AURA_EVENT_ONLY or role in ("helper", "renderer")):
            continue
        found[(node.start_byte, node.end_byte)] = (f"{receiver}.{prop}()" if len(receiver) <= 40 else f".{prop}()",
                                                   receiver if role == "helper" else None)


def _makes_event(data: bytes, value, roles: dict[str, str]) -> bool:
    """Is ``value`` a call that gives an Aura event: $A.get('e.…'), $A.getEvt(…), component.getEvent(…)?"""
    if value is None or value.type != "call_expression":
        return False
    function = value.child_by_field_name("function")
    if function is None or function.type != "member_expression":
        return False
    obj, prop = text(data, function.child_by_field_name("object")), text(data, function.child_by_field_name("property"))
    if obj == "$A" and prop == "getEvt" or roles.get(obj) == "component" and prop == "getEvent":
        return True
    arguments = value.child_by_field_name("arguments")
    first = next((a for a in (arguments.named_children if arguments is not None else []) if a.type != "comment"), None)
    return obj == "$A" and prop == "get" and first is not None and first.type == "string" and \
        re.match(r"""^['"]e\.""", text(data, first)) is not None


def _in_nested(node, fn) -> bool:
    """Is ``node`` inside a function nested in ``fn``?"""
    current = node.parent
    while current is not None and current != fn:
        if current.type in FUNCTION_TYPES:
            return True
        current = current.parent
    return False


def _shadowed(data: bytes, node, fn, name: str) -> bool:
    """Does a function between ``node`` and ``fn`` declare a parameter ``name`` of its own?"""
    current = node.parent
    while current is not None and current != fn:
        if current.type in FUNCTION_TYPES and name in legacy_params(data, current):
            return True
        current = current.parent
    return False


def _aura_call(data: bytes, node, function) -> str | None:
    """What an Aura-only call is (event.getParams(), cmp.get('v.x'), $A.enqueueAction()), else None."""
    obj = function.child_by_field_name("object")
    prop = text(data, function.child_by_field_name("property"))
    if obj is None:
        return None
    receiver = text(data, obj)
    if receiver == "$A" or receiver.startswith("$A."):
        return f"{receiver}.{prop}()"
    if prop in AURA_EVENT_METHODS:
        return f"{receiver}.{prop}()" if len(receiver) <= 40 else f".{prop}()"
    if prop == "fire" and obj.type == "call_expression":  # cmp.getEvent('x').setParams({...}).fire()
        inner = obj.child_by_field_name("function")
        if inner is not None and inner.type == "member_expression" and \
                text(data, inner.child_by_field_name("property")) in ("getEvent", "setParams", "setParam"):
            return ".fire()"
    if prop in ("get", "set"):
        arguments = node.child_by_field_name("arguments")
        first = next((a for a in (arguments.named_children if arguments is not None else []) if a.type != "comment"),
                     None)
        if first is not None and first.type == "string" and re.match(r"""^['"][vc]\.""", text(data, first)):
            return f"{receiver}.{prop}({text(data, first)})" if len(receiver) <= 40 else f".{prop}({text(data, first)})"
    return None


def mark_platform_restrictions(target: str, module: str, flags: list, listed: list = ()) -> str:
    """Moved legacy code that a Lightning platform rule forbids gets a TODO and a scoped lint exception; moved
    code calling Aura's component / event API, a TODO. ``listed``: what the report already lists in this module
    by line (free names), whose lines follow the lines inserted."""
    data = module.encode("utf-8")
    tree = parse_text(data)
    by_line: dict[int, set[str]] = {}
    aura: dict[int, list[tuple[tuple[int, int], str]]] = {}
    by_parameter = _aura_parameter_calls(data, tree)
    helpers: dict[int, list[str]] = {}  # by line: the helper parameters called there
    for node in nodes_of_kinds(tree.root_node, tree.language,
                               ["call_expression", "assignment_expression", "augmented_assignment_expression"]):
        rule = None
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            name = text(data, function) if function is not None else ""
            bare = name.split(".", 1)[1] if name.startswith("window.") else name
            call = _aura_call(data, node, function) if function is not None and \
                function.type == "member_expression" else None
            helper = None
            if call is None and (node.start_byte, node.end_byte) in by_parameter:
                call, helper = by_parameter[(node.start_byte, node.end_byte)]
            if call is not None and "ctimod" not in name:
                calls = aura.setdefault(node.start_point[0], [])
                if call not in (c for _, c in calls):
                    calls.append(((node.start_byte, -node.end_byte), call))  # listed in reading order
                if helper is not None and helper not in helpers.setdefault(node.start_point[0], []):
                    helpers[node.start_point[0]].append(helper)
            if function is not None and function.type == "member_expression":
                obj = text(data, function.child_by_field_name("object"))
                prop = text(data, function.child_by_field_name("property"))
                if obj in ("document", "window.document") and prop in DOCUMENT_QUERIES:
                    rule = "@lwc/lwc/no-document-query"
                elif prop == "insertAdjacentHTML":
                    rule = "@lwc/lwc/no-inner-html"
            if bare in ("setTimeout", "setInterval", "requestAnimationFrame"):
                rule = "@lwc/lwc/no-async-operation"
            elif bare in ("alert", "confirm", "prompt"):
                rule = "no-alert"
        elif node.type in ("assignment_expression", "augmented_assignment_expression"):
            left = node.child_by_field_name("left")
            if left is not None and left.type == "member_expression" and \
                    text(data, left.child_by_field_name("property")) in ("innerHTML", "outerHTML"):
                rule = "@lwc/lwc/no-inner-html"
        if rule:
            by_line.setdefault(node.start_point[0], set()).add(rule)
    if not by_line and not aura:
        return module
    lines = module.split("\n")
    shift = 0
    for index in sorted(set(by_line) | set(aura)):
        indent = re.match(r"[ \t]*", lines[index + shift]).group(0)
        if index in aura:
            # above the lint exceptions already on the line before (they must stay next to the line they cover)
            at = index + shift
            while at > 0 and lines[at - 1].lstrip().startswith("// eslint-disable-next-line "):
                at -= 1
            calls = ", ".join(f"`{c}`" for _, c in sorted(aura[index]))
            note = AURA_NOTE.format(calls=calls) + "".join(HELPER_NOTE.format(name=h) for h in helpers.get(index, ()))
            lines.insert(at, f"{indent}// TODO(ctimod): {js_comment(note)}")
            _follow(listed, at)
            shift += 1
            aura_flag = PlatformFlag(target, 0, AURA_ONLY, note, "todo-comment")
            flags.append(aura_flag)
        if index in by_line:
            rules = sorted(by_line[index])
            notes = "; ".join(PLATFORM_NOTES[r] for r in rules)
            lines.insert(index + shift, f"{indent}// eslint-disable-next-line {', '.join(rules)} -- TODO(ctimod): {notes}")
            _follow(listed, index + shift)
            shift += 1
            for rule in rules:
                flags.append(PlatformFlag(target, index + shift + 1, rule, PLATFORM_NOTES[rule]))
        if index in aura:
            aura_flag.line = index + shift + 1  # (the line of the call, as the other flags)
    return "\n".join(lines)


def _follow(listed, at: int) -> None:
    """A line was inserted before 0-based line ``at``: what is listed at or below it moves down one."""
    for item in listed:
        if item.line - 1 >= at:
            item.line += 1


def flag_missing_names(target: str, home: str, module: str, missing: list, found: list, render=None) -> str:
    """Put a TODO above each statement that uses a name the new home does not define.

    A name the pieces of legacy code in this home meant differently (``MissingName.pieces``) gets, at each
    use, the origin of the piece that use came from: ``render(file, start, end)`` gives the text a legacy
    span has in the module, and the use is the piece's whose text holds the code around it."""
    for field_stub in (m for m in missing if m.kind == "member"):
        line = next((n for n, text in enumerate(module.split("\n"), 1)
                     if text.lstrip().startswith(field_stub.name.split(".", 1)[1] + " = ")), 0)
        found.append(FreeName(home, field_stub.name, target, line, field_stub.where, field_stub.why))
    origins = {m.name: (m.kind, m.where, m.why) for m in missing if m.kind != "member"}
    if not origins:
        return module
    pieces = {m.name: [((v.kind, v.where, v.why), [_squeezed(render(*span)) for span in spans])
                       for v, spans in m.pieces]
              for m in missing if m.kind != "member" and m.pieces and render is not None}
    data = module.encode("utf-8")
    tree = parse_text(data)
    remember_tree(tree.root_node)  # its parents are asked for node by node
    uses = _all_uses(data, tree.root_node, set(origins))
    inserts = []
    shift = 0
    line, counted = 1, 0
    for start, named in sorted(uses.items()):
        line += data.count(b"\n", counted, start)  # (counted on from the previous use: one pass over the module)
        counted = start
        line_start = data.rfind(b"\n", 0, start) + 1
        own_line = not data[line_start:start].strip()
        marks = []  # (name, (kind, where, why)), one per name and origin, names in order
        for name in sorted({name for name, _ in named}):
            if name not in pieces:
                marks.append((name, origins[name]))
                continue
            for origin in dict.fromkeys(_own_origin(data, node, name, pieces[name]) for used, node in named
                                        if used == name):
                marks.append((name, origin))
        notes = [why for _, (_, _, why) in marks]
        added = len(notes) if own_line else 0
        for name, (kind, where, why) in marks:
            found.append(FreeName(home, name, target, line + shift + added, where if kind != "global" else None,
                                   why))
        shift += added
        inserts.append((start, notes, own_line))
    out_bytes = data
    for start, notes, own_line in sorted(inserts, reverse=True):
        line_start = out_bytes.rfind(b"\n", 0, start) + 1
        if not own_line:
            comment = "/* TODO(ctimod): " + "; ".join(js_comment(n) for n in notes) + " */ "
        else:
            indent = out_bytes[line_start:start].decode()
            comment = "".join(f"// TODO(ctimod): {js_comment(n)}\n{indent}" for n in notes)
        out_bytes = out_bytes[:start] + comment.encode() + out_bytes[start:]
    return out_bytes.decode("utf-8")


_SPACE = re.compile(rb"\s+")


def _squeezed(code) -> bytes:
    """Code without its whitespace (moved code is re-indented)."""
    return _SPACE.sub(b"", code.encode("utf-8") if isinstance(code, str) else code)


def _own_origin(data: bytes, node, name: str, pieces: list) -> tuple:
    """(kind, where, why) of the piece of legacy code a use of ``name`` came from: the code around the use,
    widened from the name outwards until the text of only one piece holds it. When no piece holds it (code
    ctimod rewrote) or several to the end, the use names each origin it may have."""
    candidates = list(range(len(pieces)))
    current = node
    while current is not None and len(candidates) > 1:
        code = _squeezed(data[current.start_byte:current.end_byte])
        holding = [i for i in candidates if any(code in text for text in pieces[i][1])]
        if not holding:
            break
        candidates = holding
        current = parent_of(current)
    chosen = [pieces[i][0] for i in candidates]
    if len(chosen) == 1:
        return chosen[0]
    kinds = {kind for kind, _, _ in chosen}
    return (kinds.pop() if len(kinds) == 1 else "declared", "; or ".join(dict.fromkeys(w for _, w, _ in chosen)),
            one_of(name, [why for _, _, why in chosen]))


def _all_uses(data: bytes, root, names: set[str]) -> dict[int, list[tuple]]:
    """Statement start -> (name, node) of the free names used in it, for every use (not just the first)."""
    if not names:
        return {}
    walker = ScopeWalker(data)
    result: dict[int, list[tuple]] = {}
    # The stubs for ``names`` are declared at the top: those declarations do not count.
    for node, name in walker.undeclared(root, root_declared=walker.declared(root) - names):
        if name in names:
            result.setdefault(statement_of(node).start_byte, []).append((name, node))
    return result


MERGE_FIELD = re.compile(r"\{!\s*[^{}]*\}")


def mark_merge_fields(target: str, home: str, module: str, found: list) -> str:
    """A string of moved Visualforce code that holds a merge field (`'{!namespacePrefix}'`): Salesforce
    filled it in when it served the legacy page; in a generated file it is that literal text. Each
    statement with one gets a TODO above it and a row among the names the new home does not define."""
    data = module.encode("utf-8")
    tree = parse_text(data)
    remember_tree(tree.root_node)  # its parents are asked for node by node
    by_statement: dict[int, list[str]] = {}
    for node in sorted(nodes_of_kinds(tree.root_node, tree.language, ["string", "template_string"]),
                       key=lambda n: n.start_byte):
        fields = by_statement.setdefault(statement_of(node).start_byte, [])
        fields += [f for f in MERGE_FIELD.findall(text(data, node)) if f not in fields]
    marks = {start: fields for start, fields in by_statement.items() if fields}
    if not marks:
        return module
    lines = module.split("\n")
    starts = sorted(marks)
    _follow_inserts(found, target, len(found), [data.count(b"\n", 0, start) for start in starts])
    shift = 0
    for start in starts:
        index = data.count(b"\n", 0, start) + shift
        line_start = data.rfind(b"\n", 0, start) + 1
        indent = data[line_start:start].decode("utf-8")
        if indent.strip():
            indent = re.match(r"[ \t]*", indent).group(0)  # the statement shares its line: mark the line
        fields = marks[start]
        one = len(fields) == 1
        note = (f"{', '.join(fields)} {'is a Visualforce merge field' if one else 'are Visualforce merge fields'}, "
                f"which Salesforce filled in when it served the legacy page; here {'it is' if one else 'they are'} the "
                f"literal text: put the {'value' if one else 'values'} here or read "
                f"{'it' if one else 'them'} from the contact center settings")
        lines.insert(index, f"{indent}// TODO(ctimod): {js_comment(note)}")
        shift += 1
        for field_text in fields:
            found.append(FreeName(home, field_text, target, index + 2, None, note))
    return "\n".join(lines)


CREATED_ID = re.compile(r"""\bid\s*=\s*\\?["']([A-Za-z][\w-]*)|\.id\s*=\s*["']([A-Za-z][\w-]*)["']|"""
                        r"""setAttribute\(\s*["']id["']\s*,\s*["']([A-Za-z][\w-]*)["']""")


WRITTEN = {"textContent", "innerText", "className", "title", "hidden", "disabled", "value", "checked"}


def _writes_only(data: bytes, call) -> bool:
    """Is the looked-up element only written to here (``byId('x').textContent = ...``, ``.style.display =``,
    ``.classList.add(...)``, ``.setAttribute(...)``)? Such code runs the same on any element with that id."""
    parent = call.parent
    if parent is None or parent.type != "member_expression" or parent.child_by_field_name("object") != call:
        return False
    prop = text(data, parent.child_by_field_name("property"))
    holder = parent.parent
    if holder is None:
        return False
    if holder.type == "assignment_expression" and holder.child_by_field_name("left") == parent:
        return prop in WRITTEN
    if prop in ("setAttribute", "removeAttribute") and holder.type == "call_expression":
        return holder.child_by_field_name("function") == parent
    if prop in ("style", "classList") and holder.type == "member_expression" and \
            holder.child_by_field_name("object") == parent and holder.parent is not None:
        outer = holder.parent
        if prop == "style":
            return outer.type == "assignment_expression" and outer.child_by_field_name("left") == holder
        return outer.type == "call_expression" and outer.child_by_field_name("function") == holder and \
            text(data, holder.child_by_field_name("property")) in ("add", "remove", "toggle")
    return False


def mark_missing_elements(target: str, home: str, module: str, page_ids: set[str], found: list,
                          placeholders: list | None = None) -> str:
    """Elements the connector's code looks up by a literal id (``document.getElementById('x')``,
    ``querySelector('#x')``, or a helper that passes its argument to one, ``byId('x')``) that its page
    does not have and its own code does not create: the legacy page had them, but it was not among the
    adapter's files. Each statement gets a TODO above it and a row among the names the page lacks;
    before, the lookup returned null and the first use threw a TypeError that no report explained."""
    data = module.encode("utf-8")
    tree = parse_text(data)
    remember_tree(tree.root_node)  # its parents are asked for node by node
    calls = nodes_of_kinds(tree.root_node, tree.language, ["call_expression"])
    helpers = _lookup_helpers(data, tree)
    created = {next(g for g in m.groups() if g) for m in CREATED_ID.finditer(module)}
    by_statement: dict[int, list[str]] = {}
    lookups = [(node, ident) for node in sorted(calls, key=lambda n: n.start_byte)
               for ident in [_looked_up_id(data, node, helpers)]
               if ident and ident not in page_ids and ident not in created]
    if placeholders is not None:
        # Elements the code only writes to (status text, a class, a style) go on the connector's page, hidden
        # like the rest of it: that code then runs as it did (the next statement too), where a TODO alone
        # left a TypeError at the first write.
        written = {ident for _, ident in lookups} - {ident for node, ident in lookups if not _writes_only(data, node)}
        placeholders += sorted(written - set(placeholders))
        lookups = [(node, ident) for node, ident in lookups if ident not in written]
    for node, ident in lookups:
        ids = by_statement.setdefault(statement_of(node).start_byte, [])
        if ident not in ids:
            ids.append(ident)
    if not by_statement:
        return module
    lines = module.split("\n")
    _follow_inserts(found, target, len(found), [data.count(b"\n", 0, start) for start in by_statement])
    shift = 0
    for start in sorted(by_statement):
        index = data.count(b"\n", 0, start) + shift
        line_start = data.rfind(b"\n", 0, start) + 1
        indent = re.match(r"[ \t]*", data[line_start:start].decode("utf-8")).group(0)
        ids = by_statement[start]
        named = ", ".join("#" + i for i in ids)
        one = len(ids) == 1
        note = (f"{named} {'is not an element' if one else 'are not elements'} of connector/index.html: the "
                "legacy page had it, but it was not among the adapter's files. Add "
                f"{'it' if one else 'them'} there, or remove this code if only the legacy softphone's own UI used "
                f"{'it' if one else 'them'}")
        lines.insert(index, f"{indent}// TODO(ctimod): {js_comment(note)}")
        shift += 1
        for ident in ids:
            found.append(FreeName(home, "#" + ident, target, index + 2, None, note))
    return "\n".join(lines)


def _lookup_helpers(data: bytes, tree) -> set[str]:
    """Functions of the module whose whole job is to look an element up by the id they are given:
    ``function byId(id) { return document.getElementById(id); }`` (also as a variable's function)."""
    helpers = set()
    for node in nodes_of_kinds(tree.root_node, tree.language,
                               ["function_declaration", "variable_declarator"]):
        if node.type == "function_declaration":
            name, fn = node.child_by_field_name("name"), node
        else:
            name, fn = node.child_by_field_name("name"), node.child_by_field_name("value")
            if fn is None or fn.type not in ("function_expression", "function", "arrow_function"):
                continue
        params = fn.child_by_field_name("parameters")
        body = fn.child_by_field_name("body")
        if name is None or params is None or body is None or len(params.named_children) != 1:
            continue
        param = text(data, params.named_children[0])
        returned = body
        if body.type == "statement_block":
            statements = [s for s in body.named_children if s.type != "comment"]
            if len(statements) != 1 or statements[0].type != "return_statement" or not statements[0].named_children:
                continue
            returned = statements[0].named_children[0]
        if returned.type != "call_expression":
            continue
        function = returned.child_by_field_name("function")
        arguments = returned.child_by_field_name("arguments")
        if function is not None and text(data, function) in ("document.getElementById", "window.document.getElementById") \
                and arguments is not None and [text(data, a) for a in arguments.named_children] == [param]:
            helpers.add(text(data, name))
    return helpers


def _looked_up_id(data: bytes, call, helpers: set[str]) -> str | None:
    function = call.child_by_field_name("function")
    arguments = call.child_by_field_name("arguments")
    if function is None or arguments is None:
        return None
    args = [a for a in arguments.named_children if a.type != "comment"]
    if not args or args[0].type != "string":
        return None
    value = text(data, args[0])[1:-1]
    name = text(data, function)
    if name in ("document.getElementById", "window.document.getElementById") or name in helpers:
        return value if re.fullmatch(r"[A-Za-z][\w-]*", value) else None
    if name in ("document.querySelector", "window.document.querySelector"):
        match = re.fullmatch(r"#([A-Za-z][\w-]*)", value)
        return match.group(1) if match else None
    return None


def _follow_inserts(found: list, target: str, before: int, inserted: list[int]) -> None:
    """Rows listed for ``target`` before this pass (``found[:before]``) follow the lines it inserted
    (``inserted``: 0-based indexes in the text before the pass)."""
    from bisect import bisect_right

    inserted = sorted(inserted)
    for row in found[:before]:
        if row.file == target:
            row.line += bisect_right(inserted, row.line - 1)


STAND_IN_DECLARATION = re.compile(r"^let ([A-Za-z_$][\w$]*) = .*\bctimodMissing\(", re.M)


def mark_write_only_stand_ins(module: str) -> str:
    """A stand-in the moved code only assigns (`connectAutoClose = …` in a function that moved, the code that
    read it left behind) is a variable never read: ESLint's no-unused-vars (Code Analyzer severity 2) fails
    the line ctimod wrote. It gets a scoped disable saying why, with a TODO."""
    declared = {m.group(1): m.start() for m in STAND_IN_DECLARATION.finditer(module)}
    if not declared:
        return module
    from .lint import _is_write_only  # noqa: PLC0415 - the rule ESLint applies, as lint.py reads it

    data = module.encode("utf-8")
    tree = parse_text(data)
    remember_tree(tree.root_node)
    # The module's references to its own top-level names (a parameter or local of the same name, such as the
    # connector's `ctimodCall(call, callType)`, is another variable: reading it does not read the stand-in).
    read = {name for node, name in ScopeWalker(data).undeclared(tree.root_node, root_declared=set())
            if name in declared and not _is_write_only(node)}
    for name, start in sorted(((n, s) for n, s in declared.items() if n not in read), key=lambda x: -x[1]):
        note = (f"`{name}` is only assigned here, never read (legacy code that read it, if any, did not move): drop "
                "the assignments or bring that code in")
        module = module[:start] + f"// eslint-disable-next-line no-unused-vars -- TODO(ctimod): {js_comment(note)}\n" \
            + module[start:]
    return module
