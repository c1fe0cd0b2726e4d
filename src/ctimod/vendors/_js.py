"""What the vendor recognisers ask of legacy JavaScript trees: calls and their callees, functions a
handler argument denotes, the places a function is called from, the values a parameter receives, and
the statements of a handler that keep the adapter's own call state (what its vendor actions read).

Not a recogniser (the leading underscore keeps it out of the registry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from ..legacy import (BUILTINS, FUNCTION_TYPES, RUN_CACHES, ScopeWalker, find_declaration, function_name,
                      js_string_value, legacy_params, nodes_of_kinds, parent_of, unwrap)

IDENT = re.compile(r"[A-Za-z_$][\w$]*")
# Calls a state-keeping statement may make: they read, they do not act.
PURE_CALLS = {"Date.now", "Math.round", "Math.floor", "Math.ceil", "Math.max", "Math.min", "Math.abs", "String",
              "Number", "Boolean", "parseInt", "parseFloat", "JSON.parse", "JSON.stringify", "encodeURIComponent",
              "decodeURIComponent", "Object.keys", "Object.assign", "Object.values", "Array.isArray", "Array.from"}
PURE_METHODS = {"get", "has", "trim", "toLowerCase", "toUpperCase", "replace", "slice", "substring", "indexOf",
                "toString", "getTime", "isInbound", "getContactId", "getInitialConnection", "getEndpoint",
                "getAddress", "getAttributes", "getStatus", "getType", "getConnections", "getAgentConnection",
                "isMuted", "status", "split", "join", "concat", "includes", "startsWith", "endsWith", "map",
                "filter", "find", "keys", "values"}
STATE_METHODS = {"add", "set", "delete", "push"}  # collection updates a handler keeps (answered.add(call.id))
# Properties of page elements: assigning one is UI, not call state (ui.caller.textContent = ...).
DOM_PROPERTIES = {"textContent", "innerHTML", "innerText", "outerHTML", "value", "disabled", "hidden", "checked",
                  "className", "src", "href", "title", "display", "visibility", "style", "scrollTop", "selected"}


def of_kinds(root, language, kinds) -> list:
    """The nodes under ``root`` of ``kinds``, in source order (outer first): one tree-sitter query, not a walk
    in Python over every node of the file. (Sorted by the end, last first, then by the start: stable sorts, so as
    by (start, -end), with keys read in C: a key function in Python was most of the time for a million nodes.)"""
    found = nodes_of_kinds(root, language, kinds, any_order=True)
    found.sort(key=attrgetter("end_byte"), reverse=True)
    found.sort(key=attrgetter("start_byte"))
    return found


def walk(node):
    """``node`` and everything under it, in source order (iterative)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def own_nodes(fn):
    """Nodes of a function's own body: not inside nested functions."""
    body = fn.child_by_field_name("body")
    if body is None:
        return
    stack = [body]
    while stack:
        current = stack.pop()
        yield current
        for child in reversed(current.children):
            if child.type not in FUNCTION_TYPES:
                stack.append(child)


def calls(root, language=None) -> list:
    """The calls under ``root`` in source order, outer first (``f(a)(b)``: the call of ``f(a)`` after the whole).
    Answered, for a whole tree, from the query other passes share (see nodes_of_kinds): a query of its own walked
    the tree again, which for a 4 MB file costs as much as parsing it."""
    return sorted(nodes_of_kinds(root, language, ["call_expression"], any_order=True),
                  key=lambda n: (n.start_byte, -n.end_byte))


def source_text(file, node) -> str:
    return file.text(node)


_SPACE_OR_COMMENT = re.compile(r"\s+|/\*.*?\*/", re.S)


_COMPACT: dict = {}  # (id(file), start, end) -> (file, its compact text): every recogniser asks for every callee
RUN_CACHES.append(_COMPACT)


def compact(file, node) -> str:
    """A node's text without whitespace or comments (for comparing callee paths)."""
    key = (id(file), node.start_byte, node.end_byte)
    known = _COMPACT.get(key)
    if known is not None and known[0] is file:
        return known[1]
    if len(_COMPACT) > 100_000:  # a cache: forgetting costs only speed
        _COMPACT.clear()
    text = file.text(node)
    # (without a comment, what \s removes is what str.split() splits at: Unicode whitespace, both)
    found = _SPACE_OR_COMMENT.sub("", text) if "/*" in text else "".join(text.split())
    _COMPACT[key] = (file, found)
    return found


def callee(file, call) -> str:
    function = call.child_by_field_name("function")
    return compact(file, function) if function is not None else ""


def arguments(call) -> list:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def method(file, call) -> str | None:
    """The property a call invokes (``x.y.accept()`` -> 'accept')."""
    function = call.child_by_field_name("function")
    if function is not None and function.type == "member_expression":
        prop = function.child_by_field_name("property")
        return file.text(prop) if prop is not None else None
    return None


def receiver(call):
    function = call.child_by_field_name("function")
    if function is not None and function.type == "member_expression":
        return function.child_by_field_name("object")
    return None


def string_value(file, node) -> str | None:
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "string" or (node.type == "template_string" and
                                  not any(c.type == "template_substitution" for c in node.named_children)):
        return js_string_value(file.text(node)[1:-1])
    return None


def root_name(file, node) -> str | None:
    """The identifier a member chain starts from (``a.b.c`` -> 'a'; ``this.x`` -> 'this')."""
    node = unwrap(node)
    while node is not None:
        if node.type == "identifier":
            return file.text(node)
        if node.type == "this":
            return "this"
        if node.type in ("member_expression", "subscript_expression"):
            node = unwrap(node.child_by_field_name("object"))
        elif node.type == "call_expression":
            node = unwrap(node.child_by_field_name("function"))
        else:
            return None
    return None


def is_function(node) -> bool:
    node = unwrap(node)
    return node is not None and node.type in FUNCTION_TYPES


def params(file, fn) -> list[str]:
    return legacy_params(file.data, fn)


def enclosing_functions(node):
    current = parent_of(node)
    while current is not None:
        if current.type in FUNCTION_TYPES:
            yield current
        current = parent_of(current)


def enclosing_function(node):
    return next(enclosing_functions(node), None)


def body_statements(fn) -> list:
    body = fn.child_by_field_name("body")
    if body is None:
        return []
    if body.type == "statement_block":
        return [s for s in body.named_children if s.type != "comment"]
    return [body]  # an arrow function's expression body


def declared_in(file, name: str, at, fn) -> bool:
    """Is ``name`` (used at ``at``) a parameter or local of ``fn`` (or of a function inside it)?"""
    declaration = find_declaration(file.data, name, at)
    if declaration is None:
        return False
    return fn.start_byte <= declaration.node.start_byte and declaration.node.end_byte <= fn.end_byte


def assignments(root, language=None) -> list:
    """The assignments under ``root`` in source order, outer first (from the query other passes share)."""
    return of_kinds(root, language, ["assignment_expression"])


# ------------------------------------------------------------------------------------- functions
@dataclass(frozen=True)
class Fn:
    """A legacy function and the file it is in."""

    file: object
    node: object

    @property
    def name(self) -> str | None:
        return function_name(self.file.data, self.node)

    @property
    def params(self) -> list[str]:
        return params(self.file, self.node)

    def where(self) -> str:
        return self.file.where(self.node)


def resolve_function(files, file, node) -> Fn | None:
    """The function a handler argument denotes: written inline, a declared name, a variable or property
    holding a function (``SP.functions.attach = function (conn) {...}``), in this file or another."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type in FUNCTION_TYPES:
        return Fn(file, node)
    if node.type == "identifier":
        name = file.text(node)
        declaration = find_declaration(file.data, name, node)
        if declaration is not None:
            return _function_of(file, declaration)
        for other in files:
            if other is file:
                continue
            for region in other.regions:
                found = find_declaration(other.data, name, region.tree.root_node.children[-1]
                                         if region.tree.root_node.children else region.tree.root_node)
                if found is not None and found.kind != "param":
                    return _function_of(other, found)
        return None
    if node.type == "member_expression":
        wanted = compact(file, node)
        for other in [file, *[f for f in files if f is not file]]:
            for region in other.regions:
                for assignment in assignments(region.tree.root_node, region.tree.language):
                    left = assignment.child_by_field_name("left")
                    right = unwrap(assignment.child_by_field_name("right"))
                    if left is not None and right is not None and right.type in FUNCTION_TYPES and \
                            compact(other, left) == wanted:
                        return Fn(other, right)
        # a method of an object literal: obj.method -> var obj = {method: function () {}}
        obj = unwrap(node.child_by_field_name("object"))
        prop = node.child_by_field_name("property")
        if obj is not None and obj.type == "identifier" and prop is not None:
            declaration = find_declaration(file.data, file.text(obj), obj)
            value = unwrap(declaration.declarator.child_by_field_name("value")) \
                if declaration is not None and declaration.kind in ("var", "let", "const") else None
            if value is not None and value.type == "object":
                for child in value.named_children:
                    key = child.child_by_field_name("key") if child.type in ("pair", "method_definition") else None
                    if key is None and child.type == "method_definition":
                        key = child.child_by_field_name("name")
                    if key is None or file.text(key).strip("'\"") != file.text(prop):
                        continue
                    if child.type == "method_definition":
                        return Fn(file, child)
                    inner = unwrap(child.child_by_field_name("value"))
                    if inner is not None and inner.type in FUNCTION_TYPES:
                        return Fn(file, inner)
        return None
    return None


def _function_of(file, declaration) -> Fn | None:
    if declaration.kind == "function":
        return Fn(file, declaration.node)
    if declaration.kind in ("var", "let", "const"):
        value = unwrap(declaration.declarator.child_by_field_name("value"))
        if value is not None and value.type in FUNCTION_TYPES:
            return Fn(file, value)
    return None


def call_sites(files, fn: Fn) -> list[tuple[object, object]]:
    """(file, call) of the calls of a named function (by the name it is known by)."""
    name = fn.name
    if not name:
        return []
    holder = parent_of(fn.node)
    while holder is not None and holder.type == "parenthesized_expression":
        holder = parent_of(holder)
    wanted = {name}
    if holder is not None and holder.type == "assignment_expression":
        left = holder.child_by_field_name("left")
        if left is not None:
            wanted = {compact(fn.file, left)}
    out = []
    for file in files:
        for region in file.regions:
            for call in calls(region.tree.root_node, region.tree.language):
                if callee(file, call) not in wanted:
                    continue
                target = resolve_function(files, file, call.child_by_field_name("function"))
                if target is not None and target.node == fn.node:
                    out.append((file, call))
    return out


def param_sources(files, fn: Fn, index: int, depth: int = 3) -> list[tuple[object, object, list]]:
    """The values parameter ``index`` of ``fn`` receives: (file, argument node, chain of calls from the
    outermost call site in). A parameter passed straight on from a caller's parameter is followed up."""
    out = []
    for file, call in call_sites(files, fn):
        args = arguments(call)
        if index >= len(args):
            continue
        value = unwrap(args[index])
        if value.type == "identifier" and depth > 0:
            outer = enclosing_function(call)
            name = file.text(value)
            if outer is not None and name in params(file, outer) and \
                    find_declaration(file.data, name, value) is not None and \
                    find_declaration(file.data, name, value).node == outer:
                for source in param_sources(files, Fn(file, outer), params(file, outer).index(name), depth - 1):
                    out.append((source[0], source[1], source[2] + [(file, call)]))
                continue
        out.append((file, value, [(file, call)]))
    return out


# ------------------------------------------------------------------------------------- state kept
def pure(file, node, allowed: set[str], fn, depth: int = 2) -> bool:
    """Does evaluating ``node`` only read (the listener's parameters, the adapter's state, built-ins, and
    legacy functions that only compute a value from their arguments)?"""
    for current in walk(node):
        kind = current.type
        if kind in FUNCTION_TYPES or kind in ("assignment_expression", "augmented_assignment_expression",
                                              "update_expression", "await_expression", "yield_expression"):
            return False
        if kind == "new_expression":
            constructor = current.child_by_field_name("constructor")
            if constructor is None or file.text(constructor) not in ("Date", "Map", "Set"):
                return False
        if kind == "call_expression":
            name = callee(file, current)
            if name in PURE_CALLS:
                continue
            if method(file, current) in PURE_METHODS:
                continue
            function = current.child_by_field_name("function")
            if depth > 0 and function is not None and function.type == "identifier" and \
                    _pure_function(file, function, depth - 1):
                continue
            return False
        if kind == "identifier":
            parent = parent_of(current)
            if parent is not None and parent.type == "member_expression" and \
                    parent.child_by_field_name("property") == current:
                continue
            name = file.text(current)
            if name in ("document", "window", "sforce", "$", "jQuery"):
                return False
            if name in BUILTINS or name in allowed:
                continue
            if declared_in(file, name, current, fn):
                return False  # a local of the handler the listener does not have
    return True


def _pure_function(file, name_node, depth: int) -> bool:
    """A legacy function that only returns a value computed from its parameters (``newContext(...)``)."""
    declaration = find_declaration(file.data, file.text(name_node), name_node)
    if declaration is None or declaration.kind != "function":
        return False
    fn = declaration.node
    names = set(legacy_params(file.data, fn))
    for statement in body_statements(fn):
        if statement.type != "return_statement":
            return False
        value = [c for c in statement.named_children if c.type != "comment"]
        if value and not pure(file, value[0], names, fn, depth):
            return False
    return True


@dataclass(eq=False)
class Branch:
    """An ``if`` of a legacy handler whose branches update the adapter's own state (``if (conn.parameters.From)
    { phone.direction = 'inbound'; showBanner(...); } else { phone.direction = 'outbound'; }``): the listener
    runs the same test with only those updates in each branch (``alternative``: None without an ``else``; an
    ``else if`` is a Branch of its own). ``start_byte`` / ``end_byte`` / ``type`` let it sort and sit among the
    statements a listener keeps."""

    node: object  # the legacy if statement
    condition: object  # its parenthesized condition
    consequence: list  # kept statements (nodes or Branches)
    alternative: list | None
    type = "branch"

    @property
    def start_byte(self) -> int:
        return self.node.start_byte

    @property
    def end_byte(self) -> int:
        return self.node.end_byte

    def nodes(self) -> list:
        """The legacy nodes the listener's text is made of (the condition and the kept statements)."""
        out = [self.condition]
        for statement in self.consequence + (self.alternative or []):
            out += statement.nodes() if isinstance(statement, Branch) else [statement]
        return out


def kept_statements(file, fn, bound: set[str], blocked: frozenset = frozenset()) -> list:
    """The statements of a legacy handler the connector's listener runs too: leading guards that return,
    and updates of the adapter's own state (``phone.call = call``; ``answered.add(call.id)``) computed from
    the handler's parameters, the state and built-ins (with the local declarations they read, and the
    reassignments of such a local, which run before the update as in the legacy code: ``var label = call.from;
    if (call.name) { label = call.name; } phone.caller = label;``), also those made in the branches of an ``if``
    whose test reads only such values (a :class:`Branch`). A local some reassignment of which the listener
    cannot make (in a loop, under a test it cannot run) is not read (``blocked``): the updates reading it stay
    out, as before."""
    allowed = set(bound)
    out, locals_ = [], {}
    reassignable: dict[str, list] = {}  # a local assigned again -> its reassignment statements
    leading = True
    for statement in body_statements(fn):
        if statement.type == "if_statement" and leading and _is_guard(file, statement, allowed, fn):
            out.append(statement)
            continue
        if statement.type in ("lexical_declaration", "variable_declaration"):
            declarators = [d for d in statement.named_children if d.type == "variable_declarator"]
            again = {}
            for d in declarators:
                name_node = d.child_by_field_name("name")
                if name_node is None or name_node.type != "identifier" or d.child_by_field_name("value") is None or \
                        not pure(file, d.child_by_field_name("value"), allowed, fn):
                    break
                if _reassigned(file, fn, name_node):
                    statements = _reassignments(file, fn, name_node, allowed | set(again) | {file.text(name_node)})
                    if statements is None or file.text(name_node) in blocked or \
                            statement.type == "lexical_declaration" and file.text(statement.children[0]) == "const":
                        break
                    again[file.text(name_node)] = statements
            else:
                for d in declarators:
                    name = file.text(d.child_by_field_name("name"))
                    locals_[name] = statement
                    allowed.add(name)
                reassignable.update(again)
            continue
        leading = False
        kept = _kept_update(file, statement, allowed, locals_, fn, reassignable=reassignable)
        if kept is not None:
            out.append(kept)
    # a reassignment is kept where something kept reads its local (in turn: a reassignment may read another)
    updates = {_span(s): name for name, statements in reassignable.items() for s in statements}
    needed: set[str] = set()
    while True:
        used = " ".join(file.text(n) for s in out for n in (s.nodes() if isinstance(s, Branch) else [s])
                        if not (_span(n) in updates and updates[_span(n)] not in needed))
        found = {name for name in reassignable if re.search(r"(?<![\w$.])" + re.escape(name) + r"(?![\w$])", used)}
        if found <= needed:
            break
        needed |= found
    out = [k for k in (_without(s, updates, needed) for s in out) if k is not None]
    kept_nodes = {_span(n) for s in out for n in (s.nodes() if isinstance(s, Branch) else [s])}
    missed = {name for name in needed if any(_span(s) not in kept_nodes for s in reassignable[name])}
    if missed:  # some reassignment does not run in the listener: the local's value would differ there
        return kept_statements(file, fn, bound, blocked | missed)
    used = " ".join(file.text(n) for s in out for n in (s.nodes() if isinstance(s, Branch) else [s]))
    declarations = []
    for name, statement in locals_.items():
        if re.search(r"(?<![\w$.])" + re.escape(name) + r"(?![\w$])", used) and statement not in declarations:
            declarations.append(statement)
    return sorted(declarations + out, key=lambda s: s.start_byte)


def _span(node) -> tuple[int, int]:
    return node.start_byte, node.end_byte


def _reassignments(file, fn, name_node, allowed) -> list | None:
    """The statements assigning the local ``name_node`` declares again (``label = call.name;``), each a statement
    of its own computing from what the listener has; None when one is not (inside an expression, impure)."""
    name = file.text(name_node)
    out = []
    for node in _own(fn.child_by_field_name("body") or fn):
        if node.type not in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
            continue
        target = node.child_by_field_name("left") or node.child_by_field_name("argument")
        if target is None or target.type != "identifier" or file.text(target) != name:
            continue
        declaration = find_declaration(file.data, name, target)
        if declaration is None or declaration.declarator is None or \
                declaration.declarator.child_by_field_name("name") != name_node:
            continue
        statement = parent_of(node)
        right = node.child_by_field_name("right")
        if statement is None or statement.type != "expression_statement" or \
                (right is not None and not pure(file, right, allowed, fn)):
            return None
        out.append(statement)
    return out


def _without(kept, updates: dict, needed: set[str]):
    """``kept`` without the reassignments of locals nothing kept reads (a Branch left with none: None)."""
    if not isinstance(kept, Branch):
        return None if _span(kept) in updates and updates[_span(kept)] not in needed else kept
    consequence = [k for k in (_without(s, updates, needed) for s in kept.consequence) if k is not None]
    alternative = None if kept.alternative is None else \
        [k for k in (_without(s, updates, needed) for s in kept.alternative) if k is not None]
    if not consequence and not alternative:
        return None
    return Branch(kept.node, kept.condition, consequence, alternative)


def state_update(file, statement, allowed, locals_, fn) -> bool:
    """Is ``statement`` an update of the adapter's own state computed from what the listener has?"""
    expression = statement.named_children[0] if statement.type == "expression_statement" and \
        statement.named_children else None
    expression = unwrap(expression)
    if expression is None:
        return False
    if expression.type in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
        # phone.call = call; missed += 1; phone.rings++
        left = expression.child_by_field_name("left") or expression.child_by_field_name("argument")
        right = expression.child_by_field_name("right")
        root = root_name(file, left) if left is not None else None
        if root is None or root in ("window", "document", "this") or root in locals_ or \
                declared_in(file, root, left, fn):
            return False
        if left.type == "member_expression" and not pure(file, left.child_by_field_name("object"), allowed, fn):
            return False
        if left.type == "member_expression" and (
                file.text(left.child_by_field_name("property")) in DOM_PROPERTIES or ".style." in file.text(left)):
            return False  # the legacy page's UI
        return right is None or pure(file, right, allowed, fn)
    if expression.type == "call_expression" and method(file, expression) in STATE_METHODS:
        target = receiver(expression)
        root = root_name(file, target)
        return root is not None and root not in locals_ and not declared_in(file, root, target, fn) and \
            root not in BUILTINS and all(pure(file, a, allowed, fn) for a in arguments(expression)) and \
            pure(file, target, allowed, fn)
    return False


def _reassigned(file, fn, name_node) -> bool:
    """Is the local ``name_node`` declares assigned again in the handler (``var status = ''; ... status =
    'Call from ' + from;``)? Its declared value is then not the value later statements read."""
    name = file.text(name_node)
    for node in _own(fn.child_by_field_name("body") or fn):
        if node.type not in ("assignment_expression", "augmented_assignment_expression", "update_expression"):
            continue
        target = node.child_by_field_name("left") or node.child_by_field_name("argument")
        if target is not None and target.type == "identifier" and file.text(target) == name:
            declaration = find_declaration(file.data, name, target)
            if declaration is not None and declaration.declarator is not None and \
                    declaration.declarator.child_by_field_name("name") == name_node:
                return True
    return False


MAX_BRANCH_DEPTH = 8  # ifs inside ifs the listener follows; deeper state updates are left out, as before
JUMPS = ("return_statement", "throw_statement", "break_statement", "continue_statement")


def _branch(file, statement, allowed, locals_, fn, depth: int = 0, reassignable: dict | None = None):
    """The :class:`Branch` of an ``if`` whose test reads only what the listener has and whose branches update
    the adapter's state; None when they update none, or when a branch jumps (returns, throws, breaks: the
    statements after the ``if`` would run where the legacy code's did not), or past MAX_BRANCH_DEPTH."""
    condition = statement.child_by_field_name("condition")
    if depth >= MAX_BRANCH_DEPTH or condition is None or not pure(file, condition, allowed, fn):
        return None
    if any(node.type in JUMPS for node in _own(statement)):
        return None
    consequence = _branch_body(file, statement.child_by_field_name("consequence"), allowed, locals_, fn, depth + 1,
                               reassignable)
    alternative = None
    clause = statement.child_by_field_name("alternative")
    if clause is not None:
        inner = [c for c in clause.named_children if c.type != "comment"]
        alternative = _branch_body(file, inner[0], allowed, locals_, fn, depth + 1, reassignable) if inner else []
    if not consequence and not alternative:
        return None
    return Branch(statement, condition, consequence, alternative)


def _branch_body(file, body, allowed, locals_, fn, depth: int, reassignable: dict | None = None) -> list:
    if body is None:
        return []
    statements = [c for c in body.named_children if c.type != "comment"] if body.type == "statement_block" \
        else [body]
    kept = [_kept_update(file, statement, allowed, locals_, fn, depth, reassignable) for statement in statements]
    return [k for k in kept if k is not None]


def _kept_update(file, statement, allowed, locals_, fn, depth: int = 0, reassignable: dict | None = None):
    """``statement`` when it updates the adapter's state (or reassigns a local the listener keeps:
    ``reassignable``), its :class:`Branch` when it is such an ``if``, else None."""
    if statement.type == "if_statement":
        return _branch(file, statement, allowed, locals_, fn, depth, reassignable)
    if reassignable and any(_span(s) == _span(statement) for statements in reassignable.values() for s in statements):
        return statement
    return statement if state_update(file, statement, allowed, locals_, fn) else None


def _own(node):
    """``node`` and what is under it, not inside nested functions."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(c for c in current.children if c.type not in FUNCTION_TYPES)


def _is_guard(file, statement, allowed, fn) -> bool:
    """``if (<condition>) return;`` that the connector's listener keeps: the condition reads only the
    handler's parameters and constants (an unchanged adapter state would wrongly stop it from publishing),
    or it checks who sent a message (``event.origin``, ``event.source``), which the listener must check too."""
    consequence = statement.child_by_field_name("consequence")
    if statement.child_by_field_name("alternative") is not None or consequence is None:
        return False
    inner = [c for c in consequence.named_children if c.type != "comment"] \
        if consequence.type == "statement_block" else [consequence]
    if len(inner) != 1 or inner[0].type != "return_statement" or \
            [c for c in inner[0].named_children if c.type != "comment"]:
        return False
    condition = statement.child_by_field_name("condition")
    if condition is None or not pure(file, condition, allowed, fn):
        return False
    if re.search(r"\b(" + "|".join(re.escape(a) for a in allowed) + r")\.(origin|source)\b", file.text(condition)):
        return True
    for node in walk(condition):
        if node.type != "identifier":
            continue
        parent = parent_of(node)
        if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("property") == node:
            continue
        name = file.text(node)
        if name in allowed or name in BUILTINS or _constant(file, name, node):
            continue
        return False
    return True


def _constant(file, name: str, at) -> bool:
    """A name declared with a literal and never assigned again (``var WIDGET_ORIGIN = 'https://...'``)."""
    declaration = find_declaration(file.data, name, at)
    if declaration is None or declaration.kind not in ("var", "let", "const"):
        return False
    value = unwrap(declaration.declarator.child_by_field_name("value"))
    if value is None or value.type not in ("string", "number", "true", "false", "null", "template_string"):
        return False
    return re.search(rb"(?<![\w$.])" + re.escape(name.encode()) + rb"\s*(=(?!=)|\+\+|--|[-+*/|&]=)",
                     file.data[declaration.declarator.end_byte:]) is None


def free_names(file, node) -> set[str]:
    walker = ScopeWalker(file.data, file.language_at(node.start_byte))
    return {f.name for f in walker.free_names(node)}


def reads(file, root, base: str) -> list[tuple[str, object]]:
    """Member reads ``<base>.x.y`` under ``root`` (not assigned to): (path after the base, node)."""
    out = []
    for current in walk(root):
        if current.type != "member_expression":
            continue
        parent = parent_of(current)
        if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == current:
            continue  # only the longest chain
        text = compact(file, current)
        if text.startswith(base + ".") and re.fullmatch(r"[\w$.]+", text):
            out.append((text[len(base) + 1:], current))
    return out
