"""The edits the plan splices into legacy code: converted calls, constants, API references,
calls between moved functions, and callbacks that must see the component's ``this``."""

from __future__ import annotations

import re

from ..catalog import ENUMS
from ..codemod import LWC, Conversion, RenderContext, Removed, Unsupported
from ..escape import js_comment
from ..legacy import FUNCTION_TYPES, find_declaration, function_name, is_async, nodes_of_kinds, parent_of
from ..splice import Edit, LegacyFile

BLOCKS = ("statement_block", "program", "switch_case", "switch_default", "class_static_block")


def _removal(conversion: Conversion, home: str) -> str | None:
    """The comment a call leaves where it was removed in ``home`` (None: it was converted)."""
    replacement = conversion.replacement(home)
    if replacement is None:
        why = js_comment(conversion.reason or conversion.todo or "")
        return f"/* ctimod: {js_comment(conversion.use.api)} has no {home} equivalent: {why} */"
    if isinstance(replacement, (Unsupported, Removed)) and replacement.produce is None:
        return replacement.comment
    return None


def call_edits(file: LegacyFile, conversion: Conversion) -> tuple[Edit, Edit]:
    """(the edit spliced into the file, the edit producing the call's own replacement text)."""
    node = conversion.site.node
    api = conversion.use.api

    def produce(renderer, home, needs) -> str:
        removal = _removal(conversion, home)
        if removal is not None:
            return f"void 0 {removal}"
        replacement = conversion.replacement(home)
        produce = replacement.produce if isinstance(replacement, (Removed, Unsupported)) else replacement
        try:
            return produce(RenderContext(renderer, file, home, needs))
        except Exception as exc:  # a codemod bug is a failed conversion, never a crash
            renderer.fail(conversion, f"ctimod could not convert this call ({type(exc).__name__}: {exc}); "
                                      "port it by hand")
            return f"void 0 /* TODO(ctimod): conversion of {js_comment(api)} failed; see MIGRATION.md */"

    call = Edit(node.start_byte, node.end_byte, produce, why=api, conversion=conversion)
    statement = parent_of(node)
    if statement is None or statement.type != "expression_statement" or \
            [c for c in statement.named_children if c.type != "comment"] != [node]:
        return call, call
    # A call that is a whole statement: a removed call leaves a comment, not `void 0;`.
    in_block = parent_of(statement) is not None and parent_of(statement).type in BLOCKS
    semicolon = file.data[statement.end_byte - 1:statement.end_byte] == b";"
    # A line comment only where nothing follows on the line: `{ sforce.x(); }` keeps its `}`.
    line_end = file.data.find(b"\n", statement.end_byte)
    last_on_line = not file.data[statement.end_byte:len(file.data) if line_end < 0 else line_end].strip()

    def produce_statement(renderer, home, needs) -> str:
        text = renderer.produce(call, home, needs)
        removed = text.startswith("void 0 /*") and (_removal(conversion, home) is not None or
                                                     id(conversion) in renderer.failures)
        if removed:
            comment = text[len("void 0 "):]
            if in_block:
                return "// " + comment[2:-2].strip() if last_on_line and "\n" not in comment else comment
            return comment + ";"
        return text + (";" if semicolon else "")

    return Edit(statement.start_byte, statement.end_byte, produce_statement, why=api, conversion=conversion), call


def constant_edit(use) -> Edit:
    """An enum constant (SCREENPOP_TYPE.SOBJECT) becomes its string value."""
    _, enum, key = use.api.rsplit(".", 2)
    values = {v: k for k, v in ENUMS.get(enum, {}).items()}
    if key not in values:
        return Edit(use.start_byte, use.end_byte,
                    f"undefined /* ctimod: {js_comment(use.api)} does not exist in Open CTI */", why=use.api)
    return Edit(use.start_byte, use.end_byte, f"'{values[key]}' /* was {js_comment(use.api)} */", why=use.api)


def reference_edit(file: LegacyFile, start: int, end: int, kind: str) -> Edit | None:
    """An API object that is not a member call (an alias, a feature check)."""
    node = file.node(start, end)
    if node is None:
        return None
    original = file.text(node).replace("*/", "* /")
    if "\n" in original or len(original) > 60:
        original = original.split("\n")[0][:57] + "..."
    # The Voice APIs that replace Open CTI are always there: feature checks and aliases read `true`
    # (every call made through an alias was converted on its own). `sforce.opencti && x` is just `x`.
    parent = parent_of(node)
    if kind == "guard" and parent is not None and parent.type == "binary_expression" and \
            parent.child_by_field_name("left") == node and file.text(parent.child_by_field_name("operator")) == "&&":
        right = parent.child_by_field_name("right")
        return Edit(start, right.start_byte, f"/* ctimod: was {js_comment(original)} && */ ", why="open-cti-reference")
    replacement = f"true /* ctimod: was {js_comment(original)} */"
    if node.type == "parenthesized_expression":
        replacement = f"({replacement})"
    return Edit(start, end, replacement, why="open-cti-reference")


def moved_reference_edits(moved_in_lwc: list) -> list[tuple[LegacyFile, Edit]]:
    """Inside the LWC, a call of another moved function becomes a call of its method."""
    by_declaration: dict[tuple, object] = {}
    for moved in moved_in_lwc:
        declared = moved.node
        by_declaration[(moved.file.display, declared.start_byte)] = moved
        holder = parent_of(declared)
        if holder is not None and holder.type == "variable_declarator":
            by_declaration[(moved.file.display, holder.start_byte)] = moved
    legacy_names = {}
    for moved in moved_in_lwc:
        legacy = function_name(moved.file.data, moved.node) if moved.node.type != "expression_statement" else None
        if legacy:
            legacy_names.setdefault(legacy, []).append(moved)
    if not legacy_names:
        return []
    out = []
    pattern = re.compile(rb"(?<![\w$.])(" + b"|".join(re.escape(n.encode()) for n in legacy_names) + rb")(?![\w$])")
    for moved in moved_in_lwc:
        data = moved.file.data
        for match in pattern.finditer(data, moved.node.start_byte, moved.node.end_byte):
            node = moved.file.node(match.start(), match.end())
            if node is None or node.type != "identifier":
                continue
            declaration = find_declaration(data, match.group(1).decode(), node)
            target = None
            if declaration is not None:
                target = by_declaration.get((moved.file.display, declaration.declarator.start_byte))
            if target is None or target is moved and parent_of(node) is not None and parent_of(node).child_by_field_name(
                    "name") == node:
                continue
            parent = parent_of(node)
            called = parent is not None and parent.type == "call_expression" and \
                parent.child_by_field_name("function") == node
            replacement = f"this.{target.name}" if called else f"this.{target.name}.bind(this)"
            out.append((moved.file, Edit(node.start_byte, node.end_byte, replacement, homes=(LWC,),
                                         why="moved-function")))
    return out


def _uses_own_this(file: LegacyFile, fn) -> bool:
    """Does a function use its own `this` or `arguments` (so it cannot become an arrow function)?"""
    stack = list(fn.children)
    while stack:
        node = stack.pop()
        if node.type in FUNCTION_TYPES and node.type != "arrow_function" or node.type == "class_body":
            continue
        if node.type == "this" or (node.type == "identifier" and file.text(node) == "arguments"):
            return True
        stack.extend(node.children)
    return False


# Where an arrow function may stand without parentheses (it binds more loosely than any operator).
ARROW_CONTEXTS = {"variable_declarator", "assignment_expression", "augmented_assignment_expression", "arguments",
                  "array", "pair", "return_statement", "parenthesized_expression", "arrow_function",
                  "template_substitution", "sequence_expression", "assignment_pattern", "spread_element",
                  "yield_expression", "field_definition", "public_field_definition", "expression_statement"}


def _arrow_needs_parentheses(node) -> bool:
    parent = parent_of(node)
    if parent is None:
        return False
    if parent.type == "ternary_expression":
        return parent.child_by_field_name("condition") == node
    if parent.type in ("assignment_expression", "augmented_assignment_expression", "assignment_pattern"):
        return parent.child_by_field_name("right") != node
    return parent.type not in ARROW_CONTEXTS


def arrow_edits(moved_in_lwc: list) -> list[tuple[LegacyFile, Edit]]:
    """In the LWC, `this` is the component: legacy callbacks inside moved code become arrow functions.

    Converted calls use `this` (this[NavigationMixin.Navigate], this.messageContext); a legacy
    `function (response) {...}` callback would hide it. Functions that use their own `this` or
    `arguments`, named function expressions and generators keep their form.
    """
    out = []
    for moved in moved_in_lwc:
        file = moved.file
        for node in nodes_of_kinds(moved.node, file.language_at(moved.node.start_byte),
                                   ["function_expression", "function"], any_order=True):  # (edits are sorted)
            if node == moved.node or node.child_by_field_name("name") is not None:
                continue
            if any(c.type == "*" for c in node.children) or _uses_own_this(file, node):
                continue
            params = node.child_by_field_name("parameters")
            body = node.child_by_field_name("body")
            if params is None or body is None:
                continue
            prefix = "async " if is_async(node) else ""
            wrap = _arrow_needs_parentheses(node)

            def produce(renderer, home, needs, file=file, params=params, prefix=prefix, wrap=wrap) -> str:
                return ("(" if wrap else "") + prefix + renderer.node(file, params, home, needs) + " => "

            out.append((file, Edit(node.start_byte, body.start_byte, produce, homes=(LWC,), why="arrow")))
            if wrap:  # `callback || function () {}` -> `callback || (() => {})`
                out.append((file, Edit(node.end_byte, node.end_byte, ")", homes=(LWC,), why="arrow")))
    return out
