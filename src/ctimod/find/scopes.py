"""Lexical scopes: which declaration a name refers to at a given node.

Declarations are keyed by (name, scope start, scope end); a reference resolves to the innermost
scope that holds it and declares the name. A minified ``i`` in one function is then not the
``i`` of another. Parents come from a :class:`~.locate.Locator` (cheap, bounded).
"""

from __future__ import annotations

import bisect

from .locate import Locator
from .syntax import BLOCKS, FUNCTIONS

WHOLE_FILE = (0, 1 << 62)
_PATTERNS = ("object_pattern", "array_pattern", "pair_pattern", "assignment_pattern", "object_assignment_pattern",
             "rest_pattern", "required_parameter", "optional_parameter")
_PATTERN_PARTS = ("object_pattern", "pair_pattern", "array_pattern", "object_assignment_pattern")


def scope_range(node) -> tuple[int, int]:
    if node is None or node.type == "program":
        return WHOLE_FILE
    return node.start_byte, node.end_byte


class Scopes:
    """The declarations of one file: (name, scope range) -> declaration key (name, offset)."""

    def __init__(self, locator: Locator):
        self.locator = locator
        self.declared: dict[tuple, tuple] = {}
        self.versions: dict[str, int] = {}  # name -> how many scopes declare it (resolutions change with it)
        self._by_name: dict[str, list] = {}  # name -> [(scope start, scope end, key)]
        self._tables: dict[str, tuple] = {}  # name -> (version, starts, ranges, outer): see resolve

    # ------------------------------------------------------------------ where things are declared
    def enclosing(self, node, kinds):
        """The nearest ancestor of one of ``kinds`` (or the program)."""
        for ancestor in self.locator.ancestors(node):
            if ancestor.type in kinds or ancestor.type == "program":
                return ancestor
        return None

    def declaration_scope(self, ident):
        """The scope node an identifier declares a binding in, or None for a reference."""
        parent_of = self.locator.parent
        node, parent = ident, parent_of(ident)
        # Climb through destructuring patterns to what declares them.
        while parent is not None and parent.type in _PATTERNS:
            if parent.type == "pair_pattern" and parent.child_by_field_name("key") == node:
                return None
            if parent.type in ("assignment_pattern", "object_assignment_pattern") and \
                    parent.child_by_field_name("right") == node:
                return None
            node, parent = parent, parent_of(parent)
        if parent is None:
            return None
        kind = parent.type
        if kind == "variable_declarator" and parent.child_by_field_name("name") == node:
            declaration = parent_of(parent)
            if declaration is not None and declaration.type == "lexical_declaration":
                return self.enclosing(parent, BLOCKS | FUNCTIONS)
            return self.enclosing(parent, FUNCTIONS)
        if kind == "formal_parameters":
            return parent_of(parent)
        if kind == "arrow_function" and parent.child_by_field_name("parameter") == node:
            return parent
        if kind in ("function_declaration", "generator_function_declaration", "class_declaration") and \
                parent.child_by_field_name("name") == node:
            return self.enclosing(parent, FUNCTIONS)
        if kind in ("function_expression", "function", "generator_function", "class") and \
                parent.child_by_field_name("name") == node:
            return parent
        if kind == "catch_clause" and parent.child_by_field_name("parameter") == node:
            return parent
        if kind in ("import_specifier", "import_clause", "namespace_import"):
            return self.enclosing(parent, set())
        if kind == "for_in_statement" and parent.child_by_field_name("left") == node:
            return parent
        return None

    def pattern_scope(self, node):
        """The scope a name inside a destructuring pattern is declared in."""
        parent_of = self.locator.parent
        current = parent_of(node)
        while current is not None and current.type in _PATTERN_PARTS:
            current = parent_of(current)
        if current is not None and current.type == "variable_declarator":
            declaration = parent_of(current)
            if declaration is not None and declaration.type == "lexical_declaration":
                return self.enclosing(current, BLOCKS | FUNCTIONS)
            return self.enclosing(current, FUNCTIONS)
        if current is not None and current.type == "formal_parameters":
            return parent_of(current)
        return self.enclosing(node, FUNCTIONS)

    # ------------------------------------------------------------------ declaring and resolving
    def declare(self, name: str, scope: tuple[int, int], key: tuple) -> None:
        if (name, *scope) not in self.declared:
            self.declared[(name, *scope)] = key
            self.versions[name] = self.versions.get(name, 0) + 1
            self._by_name.setdefault(name, []).append((*scope, key))

    def declares(self, ident) -> bool:
        """Whether the identifier declares a binding (rather than referring to one)."""
        return self.declaration_scope(ident) is not None

    def declare_at(self, name: str, ident) -> bool:
        """Register ``ident`` if it declares ``name``; returns whether it does."""
        scope = self.declaration_scope(ident)
        if scope is None:
            return False
        self.declare(name, scope_range(scope), (name, ident.start_byte))
        return True

    def resolve(self, name: str, node) -> tuple:
        """The declaration ``name`` refers to at ``node``: the innermost enclosing scope declaring it.

        Scopes nest, so that is the innermost declaring range holding the node: found by bisection
        in the name's ranges and a climb through the ranges that hold them, never up the tree.
        """
        version = self.versions.get(name)
        if version is None:
            return (name, -1)
        table = self._tables.get(name)
        if table is None or table[0] != version:
            table = self._tables[name] = (version, *self._table(name))
        _, starts, ranges, outer = table
        start, end = node.start_byte, node.end_byte
        index = bisect.bisect_right(starts, start) - 1
        while index >= 0:
            scope_start, scope_end, key = ranges[index]
            if scope_start <= start and end <= scope_end:
                return key
            index = outer[index]
        return (name, -1)

    def _table(self, name: str):
        """The name's declaring scopes sorted by start (outer first on ties), and for each the
        index of the nearest scope holding it (-1 for none)."""
        ranges = sorted(self._by_name[name], key=lambda r: (r[0], -r[1]))
        outer, open_ = [], []
        for index, (start, end, _) in enumerate(ranges):
            while open_ and ranges[open_[-1]][1] < end:
                open_.pop()
            outer.append(open_[-1] if open_ else -1)
            open_.append(index)
        return [r[0] for r in ranges], ranges, outer
