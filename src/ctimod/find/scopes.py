"""Lexical scopes: which declaration a name refers to at a given node.

Declarations are keyed by (name, scope start, scope end); a reference resolves by walking up its
enclosing nodes to the innermost scope that declares the name. A minified ``i`` in one function
is then not the ``i`` of another.
"""

from __future__ import annotations

from .syntax import BLOCKS, FUNCTIONS

WHOLE_FILE = (0, 1 << 62)
_PATTERNS = ("object_pattern", "array_pattern", "pair_pattern", "assignment_pattern", "object_assignment_pattern",
             "rest_pattern", "required_parameter", "optional_parameter")


def scope_range(node) -> tuple[int, int]:
    if node is None or node.type == "program":
        return WHOLE_FILE
    return node.start_byte, node.end_byte


def enclosing(node, kinds) -> object:
    """The nearest ancestor of one of ``kinds`` (or the program)."""
    current = node.parent
    while current is not None and current.type not in kinds and current.type != "program":
        current = current.parent
    return current


def declaration_scope(ident):
    """The scope node an identifier declares a binding in, or None for a reference."""
    node, parent = ident, ident.parent
    # Climb through destructuring patterns to what declares them.
    while parent is not None and parent.type in _PATTERNS:
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
            return enclosing(parent, BLOCKS | FUNCTIONS)
        return enclosing(parent, FUNCTIONS)
    if kind == "formal_parameters":
        return parent.parent
    if kind == "arrow_function" and parent.child_by_field_name("parameter") == node:
        return parent
    if kind in ("function_declaration", "generator_function_declaration", "class_declaration") and \
            parent.child_by_field_name("name") == node:
        return enclosing(parent, FUNCTIONS)
    if kind in ("function_expression", "function", "generator_function", "class") and \
            parent.child_by_field_name("name") == node:
        return parent
    if kind == "catch_clause" and parent.child_by_field_name("parameter") == node:
        return parent
    if kind in ("import_specifier", "import_clause", "namespace_import"):
        return enclosing(parent, set())
    if kind == "for_in_statement" and parent.child_by_field_name("left") == node:
        return parent
    return None


def pattern_scope(node):
    """The scope a name inside a destructuring pattern is declared in."""
    current = node.parent
    while current is not None and current.type in ("object_pattern", "pair_pattern", "array_pattern",
                                                    "object_assignment_pattern"):
        current = current.parent
    if current is not None and current.type == "variable_declarator":
        declaration = current.parent
        if declaration is not None and declaration.type == "lexical_declaration":
            return enclosing(current, BLOCKS | FUNCTIONS)
        return enclosing(current, FUNCTIONS)
    if current is not None and current.type == "formal_parameters":
        return current.parent
    return enclosing(node, FUNCTIONS)


class Scopes:
    """The declarations of one file: (name, scope range) -> declaration key (name, offset)."""

    def __init__(self):
        self.declared: dict[tuple, tuple] = {}

    def declare(self, name: str, scope: tuple[int, int], key: tuple) -> None:
        self.declared.setdefault((name, *scope), key)

    @staticmethod
    def declares(ident) -> bool:
        """Whether the identifier declares a binding (rather than referring to one)."""
        return declaration_scope(ident) is not None

    def declare_at(self, name: str, ident) -> None:
        """Register ``ident`` if it declares ``name`` (a reference registers nothing)."""
        scope = declaration_scope(ident)
        if scope is not None:
            self.declare(name, scope_range(scope), (name, ident.start_byte))

    def resolve(self, name: str, node) -> tuple:
        """The declaration ``name`` refers to at ``node``: the innermost enclosing scope declaring it."""
        current = node.parent
        while current is not None:
            key = self.declared.get((name, *scope_range(current)))
            if key is not None:
                return key
            current = current.parent
        return (name, -1)
