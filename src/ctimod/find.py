"""Stage 4, find API uses: every live call of an Open CTI member, however it is reached.

The finder never walks whole trees. It searches the source text for the names that can reach
the API (``sforce`` first, then every alias it discovers), asks tree-sitter for the node at each
hit, and evaluates upwards from there: member accesses extend an attribute path
(``sforce`` -> ``sforce.opencti`` -> ``sforce.opencti.screenPop``), a call of a member path is a
use, and an assignment, declaration, destructuring, ``return``, object property, class field or
AMD/IIFE parameter binds a new alias whose own occurrences are searched in the next round. Alias
resolution is scope-aware (a minified ``i`` in one function is not the ``i`` of another), and
rounds repeat until no alias changes. Values are *sets* of paths, so one alias can hold either
family (``isLightning ? sforce.opencti : sforce.interaction``); the call's shape then decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import catalog
from .catalog import ENUMS, NAMESPACES, Family
from .inventory import ApiUse, Fix, Problem
from .parse import ParsedSource, Region

ROOT = ("sforce",)
FN = "<fn>"  # first element of a path held by a function that *returns* the rest of the path
GLOBAL_OBJECTS = {"window", "globalThis", "self", "top", "parent", "frames", "$wnd"}
PASS_THROUGH = {"parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression",
                "type_assertion", "await_expression"}
FUNCTIONS = {"function_declaration", "function_expression", "function", "arrow_function", "method_definition",
             "generator_function_declaration", "generator_function"}
BLOCKS = {"statement_block", "for_statement", "for_in_statement", "class_static_block", "switch_body"}
_PREFIXES = {ns[:i] for ns in NAMESPACES for i in range(1, len(ns))}
MAX_ROUNDS = 8
WHOLE_FILE = (0, 1 << 62)

Path = tuple


def path_kind(path: Path) -> str:
    """What an attribute path from the global ``sforce`` denotes."""
    if path in NAMESPACES:
        return "namespace"
    if path in _PREFIXES:
        return "prefix"
    if len(path) >= 3 and path[:-1] in NAMESPACES:
        if catalog.lookup(".".join(path)):
            return "member"
        if path[:-1] == ("sforce", "opencti") and path[-1] in ENUMS:
            return "enum"
        return "unknown-member"
    if len(path) == 4 and path[:2] == ("sforce", "opencti") and path[2] in ENUMS:
        return "constant" if catalog.lookup(".".join(path)) else "unknown-constant"
    if len(path) >= 4 and path[-1] in ("call", "apply") and path_kind(path[:-1]) in ("member", "unknown-member"):
        return "member-call"
    return "dead"


def family_of(path: Path) -> Family | None:
    for cut in range(len(path), 1, -1):
        family = NAMESPACES.get(tuple(path[:cut]))
        if family is not None:
            return family
    return None


def _extend(values: frozenset, name: str) -> frozenset:
    out = set()
    for path in values:
        if path and path[0] == FN:
            continue
        new = path + (name,)
        if path_kind(new) != "dead":
            out.add(new)
    return frozenset(out)


@dataclass
class _Occurrence:
    region: Region
    node: object  # the identifier-like node
    name: str


@dataclass
class _Walk:
    """How a value reached the current node, for the use's ``via`` and ``receiver``."""

    via: str  # literal | alias
    mixed: bool = False  # the value ever held more than one family


class UseFinder:
    """Finds the Open CTI uses of one parsed file (all its script regions share aliases)."""

    def __init__(self, parsed: ParsedSource, imported: dict[tuple, frozenset] | None = None):
        self.parsed = parsed
        self.data = parsed.data
        self.display = parsed.source.display
        # (name, scope start, scope end) -> declaration key; a reference resolves by walking up its scopes.
        self.scoped: dict[tuple, tuple] = {}
        self.values: dict[tuple, frozenset] = {}  # declaration key -> paths
        self.members: dict[str, frozenset] = {}  # property name -> paths (this.x, obj.x, {x: ...})
        self.names: set[str] = {"sforce"}
        self.default_export: frozenset = frozenset()
        # Where an API object (not a call of a member) appears: (start, end, kind) with kind
        # 'bound' (assigned, returned, passed on), 'guard' (`sforce.opencti && ...`) or 'value'.
        self.sites: set[tuple[int, int, str]] = set()
        self._occurrences: dict[str, list[_Occurrence]] = {}
        self._changed = False
        self._recording = False
        self.uses: list[ApiUse] = []
        self._seen_uses: set[tuple] = set()
        self._amd_roots()
        # Bindings imported from other modules of the same project: {(local name, its offset): paths}.
        for (name, offset), paths in (imported or {}).items():
            self.values[(name, offset)] = frozenset(paths)
            self._declare(name, WHOLE_FILE, (name, offset))
            self.names.add(name)

    # ------------------------------------------------------------------ driver
    def run(self) -> list[ApiUse]:
        # Every round records; a round in which no alias changed is final, and its record stands.
        self._recording = True
        for _ in range(MAX_ROUNDS):
            self._changed = False
            self.uses, self._seen_uses, self.sites = [], set(), set()
            self._round()
            if not self._changed:
                break
        self._attach_variants()
        self.uses.sort(key=lambda u: (u.start_byte, u.kind != "call", u.api))
        return self.uses

    def _round(self) -> None:
        names = sorted(self.names | set(self.members))
        occurrences = []
        for name in names:
            occurrences.extend(self._find(name))
        # Declarations first, so references can be resolved to their innermost binding.
        for occ in occurrences:
            if occ.node.type == "identifier":
                self._register_declaration(occ)
        for occ in occurrences:
            self._evaluate_occurrence(occ)

    def _find(self, name: str) -> list[_Occurrence]:
        cached = self._occurrences.get(name)
        if cached is not None:
            return cached
        found: list[_Occurrence] = []
        pattern = re.compile(rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])")
        for region in self.parsed.regions:
            root = region.tree.root_node
            for match in pattern.finditer(self.data, region.start_byte, region.end_byte):
                node = root.named_descendant_for_byte_range(match.start(), match.end())
                if node is None or node.start_byte != match.start() or node.end_byte != match.end():
                    continue
                if node.type in ("identifier", "property_identifier", "shorthand_property_identifier"):
                    found.append(_Occurrence(region, node, name))
        self._occurrences[name] = found
        return found

    # ------------------------------------------------------------------ scopes
    def _text(self, node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "replace")

    @staticmethod
    def _scope_range(node) -> tuple[int, int]:
        if node is None or node.type == "program":
            return WHOLE_FILE
        return node.start_byte, node.end_byte

    def _enclosing(self, node, kinds) -> object:
        current = node.parent
        while current is not None and current.type not in kinds and current.type != "program":
            current = current.parent
        return current

    def _declaration_scope(self, ident):
        """The scope node an identifier declares a binding in, or None for a reference."""
        node, parent = ident, ident.parent
        # Climb through destructuring patterns to what declares them.
        while parent is not None and parent.type in ("object_pattern", "array_pattern", "pair_pattern",
                                                      "assignment_pattern", "object_assignment_pattern",
                                                      "rest_pattern", "required_parameter", "optional_parameter"):
            if parent.type == "pair_pattern" and parent.child_by_field_name("key") == node:
                return None
            if parent.type in ("assignment_pattern", "object_assignment_pattern") and \
                    parent.child_by_field_name("right") == node:
                return None
            node, parent = parent, parent.parent
        if parent is None:
            return None
        kind = parent.type
        if kind == "variable_declarator" and parent.child_by_field_name("name") == node:
            declaration = parent.parent
            if declaration is not None and declaration.type == "lexical_declaration":
                return self._enclosing(parent, BLOCKS | FUNCTIONS)
            return self._enclosing(parent, FUNCTIONS)
        if kind == "formal_parameters":
            return parent.parent
        if kind == "arrow_function" and parent.child_by_field_name("parameter") == node:
            return parent
        if kind in ("function_declaration", "generator_function_declaration", "class_declaration") and \
                parent.child_by_field_name("name") == node:
            return self._enclosing(parent, FUNCTIONS)
        if kind in ("function_expression", "function", "generator_function", "class") and \
                parent.child_by_field_name("name") == node:
            return parent
        if kind == "catch_clause" and parent.child_by_field_name("parameter") == node:
            return parent
        if kind in ("import_specifier", "import_clause", "namespace_import"):
            return self._enclosing(parent, set())
        if kind == "for_in_statement" and parent.child_by_field_name("left") == node:
            return parent
        return None

    def _declare(self, name: str, scope_range: tuple[int, int], key: tuple) -> None:
        self.scoped.setdefault((name, *scope_range), key)

    def _register_declaration(self, occ: _Occurrence) -> None:
        scope = self._declaration_scope(occ.node)
        if scope is None:
            return
        self._declare(occ.name, self._scope_range(scope), (occ.name, occ.node.start_byte))

    def _resolve(self, name: str, node) -> tuple:
        """The declaration ``name`` refers to at ``node``: the innermost enclosing scope declaring it."""
        current = node.parent
        while current is not None:
            key = self.scoped.get((name, *self._scope_range(current)))
            if key is not None:
                return key
            current = current.parent
        return (name, -1)

    def _bind_key(self, key: tuple, paths: frozenset) -> None:
        if not paths:
            return
        old = self.values.get(key, frozenset())
        new = old | paths
        if new != old:
            self.values[key] = new
            self._changed = True
        if key[0] not in self.names:
            self.names.add(key[0])
            self._changed = True

    def _bind_member(self, name: str, paths: frozenset) -> None:
        if not paths:
            return
        old = self.members.get(name, frozenset())
        new = old | paths
        if new != old:
            self.members[name] = new
            self._changed = True

    # ------------------------------------------------------------------ evaluation
    def _is_global(self, node) -> bool:
        while node is not None and node.type in PASS_THROUGH:
            node = node.named_children[0] if node.named_children else None
        if node is None:
            return False
        if node.type == "identifier":
            return self._text(node) in GLOBAL_OBJECTS
        if node.type == "member_expression":
            prop = node.child_by_field_name("property")
            return prop is not None and self._text(prop) in ("top", "parent", "window", "self") and \
                self._is_global(node.child_by_field_name("object"))
        return False

    def _evaluate_occurrence(self, occ: _Occurrence) -> None:
        node = occ.node
        name = occ.name
        if node.type == "identifier":
            if self._declaration_scope(node) is not None:
                return
            if name == "sforce":
                self._climb(node, frozenset([ROOT]), _Walk("literal"))
                return
            paths = self.values.get(self._resolve(name, node))
            if paths:
                self._climb(node, paths, _Walk("alias", _mixed(paths)))
            return
        if node.type == "shorthand_property_identifier":
            if name == "sforce":
                self._bind_member(name, frozenset([ROOT]))
            else:
                paths = self.values.get(self._resolve(name, node))
                if paths:
                    self._bind_member(name, paths)
            return
        # property_identifier: window.sforce, this.alias, obj.alias
        parent = node.parent
        if parent is None or parent.type != "member_expression" or parent.child_by_field_name("property") != node:
            return
        obj = parent.child_by_field_name("object")
        if name == "sforce" and self._is_global(obj):
            self._climb(parent, frozenset([ROOT]), _Walk("literal"))
            return
        paths = self.members.get(name)
        if paths and obj is not None and (obj.type == "this" or obj.type == "identifier"):
            self._climb(parent, paths, _Walk("alias", _mixed(paths)))

    def _climb(self, node, values: frozenset, walk: _Walk) -> None:
        chain = node  # the API expression itself, before &&, ||, ?: or parentheses around it
        while True:
            parent = node.parent
            if parent is None:
                return self._stop(chain, values, "end")
            kind = parent.type
            if kind in ("member_expression", "subscript_expression") and parent.child_by_field_name("object") == node:
                if kind == "member_expression":
                    prop = parent.child_by_field_name("property")
                    name = self._text(prop) if prop is not None else ""
                else:
                    index = parent.child_by_field_name("index")
                    if index is None or index.type != "string":
                        return self._stop(chain, values, "dynamic")
                    name = self._text(index)[1:-1]
                extended = _extend(values, name)
                if not extended:
                    return self._stop(chain, values, "dead")
                values = extended
                walk.mixed = walk.mixed or _mixed(values)
                node = chain = parent
                if self._recording and not self._is_assignment_target(node):
                    for path in values:
                        if path_kind(path) in ("constant", "unknown-constant"):
                            self._record_constant(node, path, walk)
                continue
            if kind in PASS_THROUGH:
                if kind != "parenthesized_expression" and chain is node:
                    chain = parent
                node = parent
                continue
            if kind == "binary_expression":
                operator = parent.child_by_field_name("operator")
                op = self._text(operator) if operator is not None else ""
                if (op == "&&" and parent.child_by_field_name("right") == node) or op in ("||", "??"):
                    node = parent
                    continue
                return self._stop(chain, values, "guard")
            if kind == "ternary_expression" and parent.child_by_field_name("condition") != node:
                node = parent
                continue
            if kind == "sequence_expression" and parent.named_children and parent.named_children[-1] == node:
                node = parent
                continue
            if kind == "call_expression" and parent.child_by_field_name("function") == node:
                returned = frozenset(p[1:] for p in values if p and p[0] == FN)
                api_paths = frozenset(p for p in values if p and p[0] != FN)
                if api_paths and self._recording:
                    self._record_call(parent, node, api_paths, walk)
                if returned:
                    values = returned
                    walk = _Walk("alias", walk.mixed)
                    node = chain = parent
                    continue
                return None
            if kind in ("arguments", "variable_declarator", "assignment_expression", "pair", "field_definition",
                        "public_field_definition", "return_statement", "arrow_function", "export_statement") \
                    and not self._is_assignment_target(node):
                self._site(chain, values, "bound")
            if kind == "arguments":
                call = parent.parent
                hook = self._hook_name(call) if call is not None else None
                if hook and parent.named_children and parent.named_children[0] == node:
                    # React: useCallback(fn) is fn; useMemo(() => x) is x.
                    if hook == "useMemo":
                        values = frozenset(p[1:] for p in values if p and p[0] == FN)
                    if values:
                        node = call
                        continue
                    return None
                self._bind_argument(parent, node, values)
                return None
            if kind == "variable_declarator" and parent.child_by_field_name("value") == node:
                target = parent.child_by_field_name("name")
                if target is not None:
                    self._bind_pattern(target, values)
                return None
            if kind == "assignment_expression":
                if parent.child_by_field_name("right") == node:
                    left = parent.child_by_field_name("left")
                    if left is not None:
                        self._bind_target(left, values)
                    node = parent
                    continue
                return None  # assigning *to* an API path: a shim or externs file, not a use
            if kind == "pair" and parent.child_by_field_name("value") == node:
                key = parent.child_by_field_name("key")
                if key is not None:
                    self._bind_member(self._key_name(key), values)
                return None
            if kind in ("field_definition", "public_field_definition") and parent.child_by_field_name("value") == node:
                prop = parent.child_by_field_name("property") or parent.child_by_field_name("name")
                if prop is not None:
                    self._bind_member(self._text(prop), values)
                return None
            if kind == "return_statement":
                function = self._enclosing(node, FUNCTIONS)
                if function is not None and function.type != "program":
                    self._bind_function_result(function, values)
                return None
            if kind == "arrow_function" and parent.child_by_field_name("body") == node:
                self._bind_function_result(parent, values)
                return None
            if kind == "export_statement" and parent.child_by_field_name("value") == node:
                self.default_export |= values
                return None
            return self._stop(chain, values, "context")

    def _site(self, node, values, kind: str) -> None:
        if self._recording and any(p and p[0] != FN and path_kind(p) not in ("constant", "unknown-constant")
                                   for p in values):
            self.sites.add((node.start_byte, node.end_byte, kind))

    def _stop(self, node, values, reason: str) -> None:
        """The value goes no further; a read of a non-existent member is still a use to report."""
        if not self._recording:
            return None
        if not self._is_assignment_target(node):
            self._site(node, values, "guard" if reason == "guard" else "value")
        if self._is_assignment_target(node) or (node.parent is not None and node.parent.type == "expression_statement"):
            return None  # a shim assigning the API, or a Closure externs declaration (`sforce.opencti.X;`)
        for path in values:
            if path and path[0] != FN and path_kind(path) == "unknown-member" and node.type in (
                    "member_expression", "subscript_expression"):
                self._record_reference(node, path)
        return None

    def _is_assignment_target(self, node) -> bool:
        parent = node.parent
        while parent is not None and parent.type in PASS_THROUGH:
            node, parent = parent, parent.parent
        return parent is not None and parent.type in ("assignment_expression", "augmented_assignment_expression") \
            and parent.child_by_field_name("left") == node

    def _key_name(self, key) -> str:
        text = self._text(key)
        if key.type == "string":
            return text[1:-1]
        return text

    # ------------------------------------------------------------------ binding
    def _bind_pattern(self, target, values: frozenset) -> None:
        if target.type == "identifier":
            self._register_declaration(_Occurrence(None, target, self._text(target)))
            self._bind_key((self._text(target), target.start_byte), values)
            return
        if target.type == "object_pattern":
            for child in target.named_children:
                if child.type == "shorthand_property_identifier_pattern":
                    name = self._text(child)
                    key = (name, child.start_byte)
                    self._declare(name, self._scope_range(self._declaration_scope_of_pattern(child)), key)
                    self._bind_key(key, _extend(values, name))
                elif child.type == "pair_pattern":
                    key_node = child.child_by_field_name("key")
                    value_node = child.child_by_field_name("value")
                    if key_node is not None and value_node is not None:
                        self._bind_pattern(value_node, _extend(values, self._key_name(key_node)))
                elif child.type == "object_assignment_pattern":
                    left = child.child_by_field_name("left")
                    if left is not None and left.type == "shorthand_property_identifier_pattern":
                        name = self._text(left)
                        self._bind_key((name, left.start_byte), _extend(values, name))
                        self._declare(name, self._scope_range(self._declaration_scope_of_pattern(left)),
                                      (name, left.start_byte))
            return
        if target.type == "assignment_pattern":
            left = target.child_by_field_name("left")
            if left is not None:
                self._bind_pattern(left, values)

    def _declaration_scope_of_pattern(self, node):
        current = node.parent
        while current is not None and current.type in ("object_pattern", "pair_pattern", "array_pattern",
                                                        "object_assignment_pattern"):
            current = current.parent
        if current is not None and current.type == "variable_declarator":
            declaration = current.parent
            if declaration is not None and declaration.type == "lexical_declaration":
                return self._enclosing(current, BLOCKS | FUNCTIONS)
            return self._enclosing(current, FUNCTIONS)
        if current is not None and current.type == "formal_parameters":
            return current.parent
        return self._enclosing(node, FUNCTIONS)

    def _bind_target(self, left, values: frozenset) -> None:
        while left.type in PASS_THROUGH and left.named_children:
            left = left.named_children[0]
        if left.type == "identifier":
            name = self._text(left)
            if name == "sforce":
                return
            self._bind_key(self._resolve(name, left), values)
        elif left.type == "member_expression":
            prop = left.child_by_field_name("property")
            obj = left.child_by_field_name("object")
            if prop is None or obj is None:
                return
            name = self._text(prop)
            if self._is_global(obj) and name != "sforce":
                self._bind_key((name, -1), values)  # window.x = ... makes a global x
            self._bind_member(name, values)
        elif left.type in ("object_pattern", "array_pattern"):
            self._bind_pattern(left, values)

    def _bind_function_result(self, function, values: frozenset) -> None:
        """A function that returns an API object: its own value is a 'getter' of that object."""
        returned = frozenset((FN,) + p for p in values if p)
        if not returned:
            return
        name_node = function.child_by_field_name("name")
        if function.type in ("function_declaration", "generator_function_declaration") and name_node is not None:
            self._register_declaration(_Occurrence(None, name_node, self._text(name_node)))
            self._bind_key((self._text(name_node), name_node.start_byte), returned)
            return
        if function.type == "method_definition" and name_node is not None:
            self._bind_member(self._text(name_node), returned)
            return
        # A function expression is a value like any other: follow it (declarator, property, IIFE...).
        self._climb(function, returned, _Walk("alias"))

    def _hook_name(self, call) -> str | None:
        function = call.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "member_expression":
            function = function.child_by_field_name("property")
        name = self._text(function) if function is not None else ""
        return name if name in ("useCallback", "useMemo") else None

    def _bind_argument(self, arguments, node, values: frozenset) -> None:
        """An API object passed into an immediately invoked function binds that parameter."""
        call = arguments.parent
        if call is None or call.type != "call_expression":
            return
        function = call.child_by_field_name("function")
        while function is not None and function.type in PASS_THROUGH and function.named_children:
            function = function.named_children[0]
        if function is None or function.type not in ("function_expression", "function", "arrow_function"):
            return
        args = [c for c in arguments.named_children if c.type != "comment"]
        index = next((i for i, a in enumerate(args) if a == node), None)
        if index is None:
            return
        self._bind_parameter(function, index, values)

    def _bind_parameter(self, function, index: int, values: frozenset) -> None:
        params_node = function.child_by_field_name("parameters")
        if params_node is None:
            single = function.child_by_field_name("parameter")
            params = [single] if single is not None else []
        else:
            params = [c for c in params_node.named_children if c.type != "comment"]
        if index >= len(params):
            return
        param = params[index]
        if param.type in ("required_parameter", "optional_parameter"):
            param = param.child_by_field_name("pattern") or param
        if param.type == "assignment_pattern":
            param = param.child_by_field_name("left") or param
        if param.type == "identifier":
            name = self._text(param)
            key = (name, param.start_byte)
            self._declare(name, self._scope_range(function), key)
            if name != "sforce":
                self._bind_key(key, values)
        elif param.type == "object_pattern":
            self._bind_pattern(param, values)

    # ------------------------------------------------------------------ AMD / RequireJS
    def _amd_roots(self) -> None:
        """``define(['sforce'], function (sf) {...})``: the parameter is the global sforce."""
        if not re.search(rb"(?:define|require)\s*\(", self.data):
            return
        shims = self._shim_exports()
        pattern = re.compile(rb"(?<![\w$.])(define|requirejs|require)\s*\(\s*(?:['\"][^'\"\n]{0,200}['\"]\s*,\s*)?\[")
        for region in self.parsed.regions:
            root = region.tree.root_node
            for match in pattern.finditer(self.data, region.start_byte, region.end_byte):
                node = root.named_descendant_for_byte_range(match.start(1), match.end(1))
                if node is None or node.type != "identifier" or node.parent is None:
                    continue
                call = node.parent
                if call.type != "call_expression" or call.child_by_field_name("function") != node:
                    continue
                arguments = call.child_by_field_name("arguments")
                args = [c for c in arguments.named_children if c.type != "comment"] if arguments else []
                deps = next((a for a in args if a.type == "array"), None)
                factory = next((a for a in args if a.type in ("function_expression", "function", "arrow_function")),
                               None)
                if deps is None or factory is None:
                    continue
                for index, dep in enumerate(c for c in deps.named_children if c.type != "comment"):
                    if dep.type != "string":
                        continue
                    module = self._text(dep)[1:-1]
                    path = shims.get(module)
                    if path is None and module.rsplit("/", 1)[-1].lower() in ("sforce", "sforce.js"):
                        path = ROOT
                    if path is not None:
                        self._bind_parameter(factory, index, frozenset([path]))

    def _shim_exports(self) -> dict[str, Path]:
        """RequireJS ``shim: {name: {exports: 'sforce.opencti'}}`` entries."""
        out: dict[str, Path] = {}
        if b"exports" not in self.data or b"shim" not in self.data:
            return out
        for match in re.finditer(rb"""(["']?)([\w$.-]+)\1\s*:\s*\{\s*[^{}]*?exports\s*:\s*["']([\w$.]+)["']""",
                                 self.data):
            exported = match.group(3).decode().split(".")
            if exported and exported[0] == "sforce":
                path = tuple(exported)
                if path == ROOT or path_kind(path) in ("namespace", "prefix"):
                    out[match.group(2).decode()] = path
        return out

    # ------------------------------------------------------------------ recording
    def _use(self, node, api: str, family: str, kind: str, via: str, receiver: str) -> ApiUse:
        return ApiUse(file=self.display, line=node.start_point[0] + 1, column=0, end_line=node.end_point[0] + 1,
                      end_column=0, api=api, family=family, kind=kind, via=via, receiver=receiver[:120],
                      start_byte=node.start_byte, end_byte=node.end_byte)

    def _add(self, use: ApiUse) -> None:
        key = (use.start_byte, use.end_byte, use.api, use.kind)
        if key in self._seen_uses:
            return
        self._seen_uses.add(key)
        self.uses.append(use)

    def _record_constant(self, node, path: Path, walk: _Walk) -> None:
        api = ".".join(path)
        obj = node.child_by_field_name("object")
        receiver = self._text(obj) if obj is not None else ""
        use = self._use(node, api, Family.LIGHTNING.value, "constant", walk.via, receiver)
        if path_kind(path) == "unknown-constant":
            use.problems.append(Problem("unknown-constant",
                                        f"{path[2]} has no key {path[3]}; keys are "
                                        + ", ".join(sorted(ENUMS[path[2]].values()))))
        self._add(use)

    def _record_reference(self, node, path: Path) -> None:
        api = ".".join(path)
        family = family_of(path)
        obj = node.child_by_field_name("object")
        use = self._use(node, api, family.value if family else "lightning", "reference", "literal",
                        self._text(obj) if obj is not None else "")
        self._add(use)

    def _record_call(self, call, function, paths: frozenset, walk: _Walk) -> None:
        args_node = call.child_by_field_name("arguments")
        args = [c for c in args_node.named_children if c.type != "comment"] if args_node is not None else []
        candidates = []
        for path in paths:
            kind = path_kind(path)
            if kind == "member-call":
                member_path = path[:-1]
                member_args = args[1:] if path[-1] == "call" else None
                candidates.append((member_path, path_kind(member_path), member_args))
            elif kind in ("member", "unknown-member"):
                candidates.append((path, kind, args))
        if not candidates:
            return
        shape = _shape(candidates[0][2])
        chosen, basis = _choose(candidates, shape)
        path, kind, call_args = chosen
        family = family_of(path)
        if function.type == "member_expression":
            receiver_node = function.child_by_field_name("object")
            receiver = self._text(receiver_node) if receiver_node is not None else ""
        else:
            receiver = self._text(function)
        use = self._use(call, ".".join(path), family.value if family else "lightning", "call", walk.via, receiver)
        if walk.mixed and basis == "namespace":
            basis = "member-name"
        use.family_basis = basis
        use.shape = _shape(call_args) if call_args is not None else "positional"
        if call_args is not None:
            use.options = self._options(call_args)
        prop = function.child_by_field_name("property") if function.type == "member_expression" else None
        self._check_arguments(use, path, call_args, prop)
        self._add(use)

    def _options(self, args) -> list[str]:
        if len(args) != 1 or args[0].type != "object":
            return []
        keys = []
        for child in args[0].named_children:
            if child.type == "pair":
                key = child.child_by_field_name("key")
                if key is not None:
                    keys.append(self._key_name(key))
            elif child.type == "shorthand_property_identifier":
                keys.append(self._text(child))
            elif child.type == "method_definition":
                name = child.child_by_field_name("name")
                if name is not None:
                    keys.append(self._text(name))
            elif child.type == "spread_element":
                keys.append("...")
        return keys

    def _option_value(self, args, key: str):
        if len(args) != 1 or args[0].type != "object":
            return None
        for child in args[0].named_children:
            if child.type == "pair":
                key_node = child.child_by_field_name("key")
                if key_node is not None and self._key_name(key_node) == key:
                    return child.child_by_field_name("value")
        return None

    def _fix(self, node, text: str) -> Fix:
        return Fix(text, node.start_byte, node.end_byte)

    def _key_node(self, args, key: str):
        for child in args[0].named_children if args and args[0].type == "object" else []:
            if child.type == "pair":
                key_node = child.child_by_field_name("key")
                if key_node is not None and self._key_name(key_node) == key:
                    return key_node
        return None

    def _check_arguments(self, use: ApiUse, path: Path, args, prop=None) -> None:
        member = catalog.lookup(use.api)
        if member is None:
            suggestion = catalog.suggest(path[:-1], path[-1])
            hint = f"; did you mean {'.'.join(path[:-1])}.{suggestion}?" if suggestion else ""
            fix = None
            if suggestion and prop is not None and prop.type == "property_identifier" and \
                    suggestion.lower() == path[-1].lower():
                fix = self._fix(prop, suggestion)  # only a change of case is safe to propose
            use.problems.append(Problem("invalid-member",
                                        f"{use.api} is not a documented Open CTI member{hint}", fix))
            return
        if args is None:
            return
        if member.family is Family.LIGHTNING:
            self._check_lightning(use, member, args)
        elif len(args) == 1 and args[0].type == "object" and member.params:
            use.problems.append(Problem(
                "object-to-classic",
                f"{use.api} takes positional arguments ({', '.join(member.params)}), not one options object"))

    def _check_lightning(self, use: ApiUse, member, args) -> None:
        if not args:
            missing = [k for k in member.required]
            if missing:
                use.problems.append(Problem("missing-option", f"{member.name} needs {{{', '.join(missing)}}}"))
            return
        if len(args) > 1 or args[0].type != "object":
            first = args[0].type
            what = "a function was" if first in ("function_expression", "function", "arrow_function") else \
                "positional arguments were"
            if len(args) == 1 and args[0].type in ("identifier", "member_expression", "call_expression"):
                return  # an options object built elsewhere: cannot check statically
            use.problems.append(Problem(
                "positional-to-lightning",
                f"{member.name} takes one options object ({', '.join(member.options)}); "
                f"{what} passed in the Classic style"))
            return
        keys = use.options
        if "..." in keys:
            return
        for key in keys:
            if key in member.options:
                continue
            key_node = self._key_node(args, key)
            if key == "callback" and "listener" in member.options:
                use.problems.append(Problem(
                    "wrong-option-name", f"{member.name} takes `listener:`, not `callback:`; the handler is never called",
                    self._fix(key_node, "listener") if key_node is not None and "listener" not in keys else None))
            elif key == "listener" and "callback" in member.options and "listener" not in member.options:
                use.problems.append(Problem(
                    "wrong-option-name", f"{member.name} takes `callback:`, not `listener:`",
                    self._fix(key_node, "callback") if key_node is not None and "callback" not in keys else None))
            else:
                import difflib

                close = difflib.get_close_matches(key, member.options, n=1, cutoff=0.6)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                fix = self._fix(key_node, close[0]) if close and key_node is not None and close[0] not in keys \
                    else None
                use.problems.append(Problem("unknown-option", f"{member.name} has no option `{key}`{hint}", fix))
        for key in member.required:
            if key not in keys and not (key == "listener" and "callback" in keys):
                use.problems.append(Problem("missing-option", f"{member.name} needs `{key}:`"))
        # Enum values given as string literals ('sobject', 'inbound').
        enum_key = {"screenPop": ("type", "SCREENPOP_TYPE"),
                    "searchAndScreenPop": ("callType", "CALL_TYPE")}.get(member.name)
        if enum_key:
            value = self._option_value(args, enum_key[0])
            if value is not None and value.type == "string":
                literal = self._text(value)[1:-1]
                table = ENUMS[enum_key[1]]
                if literal in table:
                    constant = self._use(value, f"sforce.opencti.{enum_key[1]}.{table[literal]}", "lightning",
                                         "constant", "string-literal", "")
                    self._add(constant)
                    if member.name == "screenPop":
                        use.variant = table[literal]
                else:
                    use.problems.append(Problem(
                        "unknown-enum-value",
                        f"'{literal}' is not a known {enum_key[1]} value ({', '.join(sorted(table))})"))
            elif value is not None and member.name == "screenPop":
                use.variant = f"@{value.start_byte}:{value.end_byte}"  # resolved in _attach_variants

    def _attach_variants(self) -> None:
        """A screenPop's type given as a constant: take the constant use inside its `type:` value."""
        constants = [u for u in self.uses if u.kind == "constant" and ".SCREENPOP_TYPE." in u.api]
        for use in self.uses:
            if use.variant and use.variant.startswith("@"):
                start, end = (int(x) for x in use.variant[1:].split(":"))
                inside = [c for c in constants if start <= c.start_byte and c.end_byte <= end]
                use.variant = inside[0].api.rsplit(".", 1)[1] if len(inside) == 1 else "dynamic"


def _mixed(paths) -> bool:
    families = {family_of(p) for p in paths if p and p[0] != FN}
    families.discard(None)
    if len(families) > 1:
        return True
    # The bare root or a prefix may become either family later: not mixed yet.
    return False


def _shape(args) -> str:
    if args is None:
        return "positional"
    if not args:
        return "none"
    if len(args) == 1 and args[0].type == "object":
        return "object"
    return "positional"


def _choose(candidates, shape: str):
    """Pick the member a call means when an alias could be either family."""
    if len(candidates) == 1:
        return candidates[0], "namespace"
    valid = [c for c in candidates if c[1] == "member"]
    pool = valid or candidates
    if len(pool) == 1:
        return pool[0], "member-name"
    want = {Family.LIGHTNING} if shape == "object" else {Family.CLASSIC, Family.CONSOLE}
    if shape == "none":
        want = {Family.CLASSIC, Family.CONSOLE}
    preferred = [c for c in pool if family_of(c[0]) in want]
    chosen = sorted(preferred or pool, key=lambda c: c[0])[0]
    return chosen, "call-shape"


@dataclass
class ModuleInterface:
    """What a file exports that holds the API, and what it imports from relative modules."""

    exports: dict[str, frozenset] = field(default_factory=dict)  # exported name -> paths
    imports: list[tuple[str, str, str, int]] = field(default_factory=list)  # (local, imported, module, offset)


def _module_interface(finder: UseFinder) -> ModuleInterface:
    interface = ModuleInterface()
    data = finder.data
    if not re.search(rb"\b(?:export|import|require)\b", data):
        return interface
    for region in finder.parsed.regions:
        root = region.tree.root_node
        for match in re.finditer(rb"\b(?:export|import)\b", data[region.start_byte:region.end_byte]):
            start = region.start_byte + match.start()
            node = root.descendant_for_byte_range(start, start + 6)
            statement = node.parent if node is not None else None
            if statement is None or statement.start_byte != start:
                continue
            if statement.type == "export_statement":
                _exports_of(finder, statement, interface.exports)
            elif statement.type == "import_statement":
                _imports_of(finder, statement, interface.imports)
        for match in re.finditer(rb"\brequire\s*\(\s*(['\"])(\.{1,2}/[^'\"]+)\1\s*\)",
                                 data[region.start_byte:region.end_byte]):
            start = region.start_byte + match.start()
            node = root.named_descendant_for_byte_range(start, start + 7)
            call = node.parent if node is not None else None
            holder = call.parent if call is not None else None
            if holder is None or holder.type != "variable_declarator" or holder.child_by_field_name("value") != call:
                continue
            module = match.group(2).decode("utf-8", "replace")
            target = holder.child_by_field_name("name")
            if target is not None and target.type == "object_pattern":
                for child in target.named_children:
                    if child.type == "shorthand_property_identifier_pattern":
                        name = finder._text(child)
                        interface.imports.append((name, name, module, child.start_byte))
                    elif child.type == "pair_pattern":
                        key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
                        if key is not None and value is not None and value.type == "identifier":
                            interface.imports.append((finder._text(value), finder._key_name(key), module,
                                                      value.start_byte))
    return interface


def _exports_of(finder: UseFinder, statement, exports: dict[str, frozenset]) -> None:
    is_default = any(child.type == "default" for child in statement.children)
    declaration = statement.child_by_field_name("declaration")
    value = statement.child_by_field_name("value")
    names: list[tuple[str, object]] = []  # (exported name, identifier node)
    if declaration is not None:
        if declaration.type in ("lexical_declaration", "variable_declaration"):
            for declarator in declaration.named_children:
                if declarator.type == "variable_declarator":
                    target = declarator.child_by_field_name("name")
                    if target is not None and target.type == "identifier":
                        names.append((finder._text(target), target))
        else:
            target = declaration.child_by_field_name("name")
            if target is not None:
                names.append(("default" if is_default else finder._text(target), target))
    elif value is not None and value.type == "identifier":
        names.append(("default", value))
    elif value is not None and finder.default_export:
        exports["default"] = finder.default_export
    for child in statement.named_children:
        if child.type == "export_clause":
            for spec in child.named_children:
                if spec.type == "export_specifier":
                    local = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    if local is not None:
                        names.append((finder._text(alias or local), local))
    for exported, node in names:
        key = finder._resolve(finder._text(node), node)
        if key == (finder._text(node), -1):
            key = (finder._text(node), node.start_byte)
        paths = finder.values.get(key)
        if paths:
            exports[exported] = paths


def _imports_of(finder: UseFinder, statement, imports: list) -> None:
    source = statement.child_by_field_name("source")
    if source is None:
        return
    module = finder._text(source)[1:-1]
    if not module.startswith("."):
        return
    for clause in statement.named_children:
        if clause.type != "import_clause":
            continue
        for child in clause.named_children:
            if child.type == "identifier":
                imports.append((finder._text(child), "default", module, child.start_byte))
            elif child.type == "named_imports":
                for spec in child.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    local = alias or name
                    if name is not None and local is not None:
                        imports.append((finder._text(local), finder._text(name), module, local.start_byte))


@dataclass
class FoundInFile:
    uses: list[ApiUse]
    interface: ModuleInterface
    sites: list[tuple[int, int, str]]  # API objects that are not member calls (see UseFinder.sites)


def find_uses(parsed: ParsedSource, imported: dict | None = None) -> FoundInFile:
    """All Open CTI uses in a parsed file, in source order, with the file's module interface."""
    if not parsed.regions:
        return FoundInFile([], ModuleInterface(), [])
    finder = UseFinder(parsed, imported)
    uses = finder.run()
    return FoundInFile(uses, _module_interface(finder), sorted(finder.sites))
