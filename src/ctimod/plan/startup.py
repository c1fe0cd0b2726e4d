"""The legacy start-up code around the settings call: the statements the legacy function that read the
call center settings ran before that call (``renderUi(); if (!Twilio.Device) return;``). The settings
callback moves into the connector's init(); these statements run there first (codemod
call-center-settings), and vendor registrations among them are in the connector where they stand
(render.common.lands)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..legacy import FUNCTION_TYPES, find_declaration, function_name, parent_of


@dataclass(frozen=True)
class Preamble:
    file: object  # LegacyFile
    statements: tuple  # (start, end, 'file:line') of each statement, with the comments just above it
    where: str  # 'boot() at phone.js:11', as generated comments name it
    skipped: tuple = ()  # ('bindUi()', 'file:line') of statements that only wire the legacy page's own UI

    @property
    def start_byte(self) -> int:
        return self.statements[0][0] if self.statements else -1

    @property
    def end_byte(self) -> int:
        return self.statements[-1][1] if self.statements else -1


def preamble_of(site) -> Preamble | None:
    found = boot_preamble(site)
    if found is None:
        return None
    before, function = found
    statements, skipped, start = [], [], None
    for node in before:
        start = node.start_byte if start is None else start
        if node.type == "comment":
            continue
        if ui_wiring_only(site.file, node):
            code = " ".join(site.file.text(node).split())
            skipped.append((code if len(code) <= 60 else code[:57] + "...", site.file.where(node)))
        else:
            statements.append((start, node.end_byte, site.file.where(node)))
        start = None
    if not statements and not skipped:
        return None
    name = function_name(site.file.data, function)
    return Preamble(site.file, tuple(statements), (f"{name}() at " if name else "") + site.file.where(function),
                    tuple(skipped))


# Events of the page's own controls: handlers for them are the legacy softphone's UI, which Salesforce's
# softphone replaces in Voice (the connector's page is hidden).
UI_EVENTS = {"click", "dblclick", "submit", "change", "input", "keydown", "keyup", "keypress", "mousedown", "mouseup",
             "focus", "blur", "reset", "contextmenu"}
REGISTER = {"addEventListener", "on", "bind"}


def ui_wiring_only(file, statement, depth: int = 0) -> bool:
    """A start-up statement that only registers handlers for the page's own controls: ``el.addEventListener
    ('click', ...)``, ``$('#x').on('submit', ...)``, ``$('#x').click(...)``, ``el.onclick = ...``, or a call
    (without arguments) of a function of the legacy file whose body is only such registrations."""
    if statement.type != "expression_statement" or not statement.named_children:
        return False
    expression = statement.named_children[0]
    if expression.type == "assignment_expression":
        left = expression.child_by_field_name("left")
        return left is not None and left.type == "member_expression" and \
            file.text(left.child_by_field_name("property")) in {"on" + e for e in UI_EVENTS}
    if expression.type != "call_expression":
        return False
    function = expression.child_by_field_name("function")
    arguments = expression.child_by_field_name("arguments")
    values = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if function is not None and function.type == "member_expression":
        prop = file.text(function.child_by_field_name("property"))
        if prop in REGISTER and len(values) >= 2 and values[0].type == "string":
            return file.text(values[0])[1:-1] in UI_EVENTS
        return prop in UI_EVENTS and len(values) == 1 and values[0].type in (*FUNCTION_TYPES, "identifier")
    if function is None or function.type != "identifier" or values or depth > 2:
        return False
    declaration = find_declaration(file.data, file.text(function), function)
    node = declaration.node if declaration is not None else None
    if node is None or node.type != "function_declaration":
        return False
    body = [s for s in node.child_by_field_name("body").named_children if s.type != "comment"]
    return bool(body) and all(ui_wiring_only(file, s, depth + 1) for s in body)


def boot_preamble(site):
    """The statements the legacy function around the settings call ran before it (its start-up code,
    such as ``renderUi(); if (!Twilio.Device) return;``), on which the callback relies: (statements,
    function), or None when there are none or they cannot run on their own in ``init()`` — they declare
    names, read the function's parameters, ``this``, ``arguments``, await, or hold other Open CTI calls
    (those are converted where they are)."""
    statement = parent_of(site.node)
    if statement is None or statement.type != "expression_statement":
        return None
    block = parent_of(statement)
    function = parent_of(block) if block is not None and block.type == "statement_block" else None
    if function is None or function.type not in (*FUNCTION_TYPES, "method_definition"):
        return None
    before = [s for s in block.named_children if s.end_byte <= statement.start_byte]
    code = [s for s in before if s.type != "comment"]
    if not code or any(s.type in DECLARATIONS for s in code):
        return None
    parameters = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
    names = {site.file.text(n) for n in _identifiers(parameters)} if parameters is not None else set()
    text = site.file.data[before[0].start_byte:before[-1].end_byte].decode("utf-8", "replace")
    if re.search(r"\bsforce\b|\bopencti\b|\binteraction\b", text):
        return None
    for statement_node in code:
        for node in _identifiers(statement_node):
            value = site.file.text(node)
            if node.type == "identifier" and value in names or value in ("arguments",):
                return None
        if _uses_own_context(statement_node):
            return None
    return before, function


DECLARATIONS = {"lexical_declaration", "variable_declaration", "function_declaration", "class_declaration",
                "generator_function_declaration", "import_statement", "export_statement"}


def _identifiers(node):
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("identifier", "shorthand_property_identifier"):
            yield current
        stack.extend(current.children)


def _uses_own_context(node) -> bool:
    """``this``, ``await`` or ``yield`` belonging to the function around (not to a function nested in it)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("this", "await_expression", "yield_expression"):
            return True
        if current.type in ("function_expression", "function", "function_declaration", "generator_function",
                            "generator_function_declaration", "method_definition", "class_declaration", "class"):
            continue
        stack.extend(current.children)
    return False
