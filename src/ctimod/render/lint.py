"""Carried legacy code against the lint rules the bundle is checked with (render stage).

Code ctimod moves or carries from the legacy adapter keeps the legacy author's habits: `x == y`,
`parseInt(s)`, `void 0`, `catch (e)` with `e` unused... Salesforce Code Analyzer's Recommended rules
(severity 1-2) and the LWC ESLint configuration reject some of them. Each finding in carried code is
either

* **rewritten**, where the rewrite provably keeps the meaning (`parseInt(n)` becomes `parseInt(n, 10)` when
  `n` is a number or a decimal literal; `==` becomes `===` when both sides have the same primitive type;
  `void 0` becomes `undefined`; an unused `catch (e)` binding dropped; a redeclared `var x = v` becomes `x = v`;
  a `default: break;` after a switch whose last case ends with a jump), or
* marked with a **scoped** `// eslint-disable-next-line RULE -- TODO(ctimod): why` on the line before it
  (never a file-wide disable), and

listed either way (``LintNote``) in MIGRATION.md, migration.json and report.html: nothing is hidden.
Code ctimod wrote is not touched here (its findings are defects to fix where it is written).

Which code is carried is read from the markers the assembled module holds (``// ctimod: moved from``,
``// ctimod: carried from``...): the node after such a comment, less what ctimod's own edits wrote
(text that mentions ctimod).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..codemod import LWC
from ..escape import js_comment
from ..legacy import nodes_of_kinds
from ..parse import parse_text

# The comments convert writes above code it brought from the legacy adapter (verify reads them too).
LEGACY_MARKER = re.compile(r"ctimod: (?:moved from|carried from|the body is the legacy|the legacy listener)")
MARKER_ORIGIN = re.compile(r"ctimod: (?:moved|carried) from (\S+?:\d+)")
# A marker above a run of carried statements names the legacy lines they span (FILE:124-126): it covers every
# statement after it up to the next marker or the end of the block (vendors._connector writes such runs alone there).
RUN_MARKER = re.compile(r"ctimod: carried from \S+?:\d+-\d+")


def marked(comment: str, node) -> list:
    """The nodes a legacy marker comment ``node`` (its text ``comment``) says are carried: the next statement, or
    for a run marker every statement up to the next marker or the end of the block."""
    out = []
    sibling = node.next_named_sibling
    while sibling is not None:
        if sibling.type == "comment":
            if out and LEGACY_MARKER.search(sibling.text.decode("utf-8", "replace")):
                break
        else:
            out.append(sibling)
            if not RUN_MARKER.search(comment):
                break
        sibling = sibling.next_named_sibling
    return out

NOTES = {
    "radix": "parseInt without a radix reads '0x...' text as hexadecimal; add 10 as its second argument once "
             "the input is known to be decimal",
    "eqeqeq": "`{op}` converts types before comparing; use `{strict}` once both sides are known to have the same "
              "type",
    "no-void": "`void` evaluates its operand and yields undefined; write the operand as a statement, or "
               "`undefined`",
    "default-case": "the switch has no default case: the legacy code does nothing for other values; say so "
                    "(`default:`) or handle them",
    "no-redeclare": "`{name}` is declared twice in the same function; remove the second `var`",
    "no-unused-vars": "`{name}` is {what} and never used here; remove it once nothing depends on it",
    "no-prototype-builtins": "calls {prop} on the object itself; `Object.prototype.{prop}.call(object, ...)` is "
                             "the safe form (it differs only for objects that shadow {prop} or have no prototype)",
    "@lwc/lwc/no-inner-html": "sets HTML from a string (Code Analyzer's @lwc/lwc/no-inner-html); keep it only for "
                              "markup you control, never with call data",
}
# What each home is checked with: Code Analyzer's Recommended severity 1-2 rules apply to every file;
# the LWC ESLint configuration (verify's lwc-eslint) adds its own errors for the component.
RULES = {
    "lwc": {"no-unused-vars", "no-prototype-builtins", "radix", "eqeqeq", "no-void", "default-case",
            "no-redeclare"},
    "connector": {"no-unused-vars", "no-prototype-builtins", "@lwc/lwc/no-inner-html"},
}
PROTOTYPE_BUILTINS = {"hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"}
FUNCTIONS = {"function_declaration", "function_expression", "function", "arrow_function", "method_definition",
             "generator_function_declaration", "generator_function"}
JUMPS = {"break_statement", "return_statement", "throw_statement", "continue_statement"}
OPAQUE = {"string", "template_string", "comment", "regex"}


@dataclass
class LintNote:
    """One finding in carried legacy code and what ctimod did about it."""

    file: str
    line: int  # in the generated file
    rule: str
    action: str  # rewritten | todo (a scoped eslint-disable-next-line with a TODO(ctimod)) | listed (not marked)
    note: str  # the rewrite (`a` becomes `b`: why it keeps the meaning), or the TODO's text
    origin: str | None = None  # where the enclosing moved/carried code came from (legacy file:line)


@dataclass
class _Finding:
    rule: str
    line: int  # 0-based
    note: str
    origin: str | None
    fix: tuple[int, int, str] | None = None  # byte range and replacement that keeps the meaning
    fixed: str = ""  # how the rewrite reads in the report


@dataclass
class LineMap:
    """Old line -> new line over the line insertions of one module (applied in order)."""

    inserts: list[tuple[int, int]] = field(default_factory=list)  # (0-based line the lines went before, count)

    def __call__(self, line: int) -> int:  # 1-based in, 1-based out
        for at, count in self.inserts:
            if line - 1 >= at:
                line += count
        return line


def _text(data: bytes, node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8", "replace")




def _walk(top, kinds) -> list:
    """The nodes of ``kinds`` under ``top`` (itself included) in source order, outer first: a query, not a
    Python walk over every node (the kinds given never share a node's exact range)."""
    return sorted(nodes_of_kinds(top, None, kinds, any_order=True), key=lambda n: (n.start_byte, -n.end_byte))


def carried_spans(data: bytes, root) -> list[tuple[int, int, str | None]]:
    """(start, end, legacy origin) of the nodes that follow a move/carry marker comment."""
    return _Names(data, root).spans


# ------------------------------------------------------------------------------------- types of values
def _unparen(node):
    while node is not None and node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    return node


def _primitive(data: bytes, node, free: set[str]) -> str | None:
    """'string' | 'number' | 'boolean' when ``node`` provably evaluates to that type (or throws), else None."""
    node = _unparen(node)
    if node is None:
        return None
    kind = node.type
    if kind in ("string", "template_string"):
        return "string"
    if kind == "number":
        return "number"
    if kind in ("true", "false"):
        return "boolean"
    if kind == "unary_expression":
        operator = _text(data, node.child_by_field_name("operator"))
        argument = node.child_by_field_name("argument")
        if operator == "!":
            return "boolean"
        if operator == "typeof":
            return "string"
        if operator == "+":
            return "number"  # ToNumber: a number, or it throws
        if operator == "-" and _primitive(data, argument, free) == "number":
            return "number"
        return None
    if kind == "binary_expression":
        operator = _text(data, node.child_by_field_name("operator"))
        if operator in ("<", ">", "<=", ">=", "==", "!=", "===", "!==", "instanceof", "in"):
            return "boolean"
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if operator == "+" and "string" in (_primitive(data, left, free), _primitive(data, right, free)):
            return "string"
        if operator in ("-", "*", "/", "%", "**") and _primitive(data, left, free) == "number" and \
                _primitive(data, right, free) == "number":
            return "number"
        return None
    if kind == "call_expression":
        function = node.child_by_field_name("function")
        name = _text(data, function) if function is not None else ""
        if name == "Date.now" and "Date" in free:
            return "number"
        if name.startswith("Math.") and name.count(".") == 1 and "Math" in free:
            return "number"
    return None


def _decimal(data: bytes, node, free: set[str]) -> str | None:
    """Why parseInt(node) reads the same with radix 10, or None when that is not provable."""
    node = _unparen(node)
    if node is None:
        return None
    if node.type in ("string", "template_string") and not any(c.type == "template_substitution"
                                                               for c in node.named_children):
        value = _text(data, node)[1:-1].lstrip().lstrip("+-")
        if not value.lower().startswith("0x") and "\\" not in value:
            return "its argument is a decimal literal"
        return None
    if _primitive(data, node, free) == "number":
        return "its argument is a number, whose text is never hexadecimal"
    return None


# ------------------------------------------------------------------------------------------ scopes
def _function_of(node):
    current = node.parent
    while current is not None and current.type not in FUNCTIONS and current.type != "program":
        current = current.parent
    return current


def _is_write_only(node) -> bool:
    """Is this occurrence of a name only written (`x = v;`, `x++;`, `x += 1;` as statements)?"""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "assignment_expression" and parent.child_by_field_name("left") == node:
        return parent.parent is not None and parent.parent.type == "expression_statement"
    if parent.type in ("augmented_assignment_expression", "update_expression"):
        return parent.parent is not None and parent.parent.type == "expression_statement"
    return False


WATCHED = {"Math", "Date", "parseInt", "undefined", "Object"}  # the globals a rewrite relies on
DECLARING = {"variable_declarator", "function_declaration", "class_declaration", "generator_function_declaration",
             "formal_parameters", "catch_clause", "import_specifier", "namespace_import", "import_clause",
             "assignment_pattern", "array_pattern", "object_pattern", "pair_pattern", "rest_pattern",
             "function_expression", "function", "class", "arrow_function"}


_FINDING_KINDS = ("call_expression", "binary_expression", "unary_expression", "switch_statement",
                  "assignment_expression", "catch_clause", "variable_declarator", *sorted(FUNCTIONS))
_REDECLARE_KINDS = ("for_in_statement", "variable_declaration", *sorted(FUNCTIONS))


class _Names:
    """One walk of a module: the carried spans (after the marker comments), where each name occurs
    (read or only written, in byte order), and which watched globals the module declares itself."""

    def __init__(self, data: bytes, root):
        self.reads: dict[str, list[int]] = {}
        self.writes: dict[str, list] = {}
        self.spans: list[tuple[int, int, str | None]] = []
        self.declared: set[str] = set()
        # Kind by kind (each in byte order): the names, then the names patterns declare, then the comments.
        for node in _walk(root, ("identifier", "shorthand_property_identifier")):
            name = data[node.start_byte:node.end_byte].decode("utf-8", "replace")
            if _is_write_only(node):
                self.writes.setdefault(name, []).append(node)
            else:
                self.reads.setdefault(name, []).append(node.start_byte)
            if name in WATCHED and node.parent is not None and node.parent.type in DECLARING:
                self.declared.add(name)  # (conservative: any such position counts as a declaration)
        for node in _walk(root, ("shorthand_property_identifier_pattern",)):
            self.declared.add(data[node.start_byte:node.end_byte].decode("utf-8", "replace"))
        for node in _walk(root, ("comment",)):
            comment = _text(data, node)
            if not LEGACY_MARKER.search(comment):
                continue
            origin = MARKER_ORIGIN.search(comment)
            for sibling in marked(comment, node):
                self.spans.append((sibling.start_byte, sibling.end_byte, origin.group(1) if origin else None))

    def uses(self, scope, name: str, declaration) -> int:
        """Reads of ``name`` in ``scope`` besides its declaration (shadowing counts as a use)."""
        from bisect import bisect_left

        starts = self.reads.get(name, [])
        count = bisect_left(starts, scope.end_byte) - bisect_left(starts, scope.start_byte)
        return count - (1 if scope.start_byte <= declaration.start_byte < scope.end_byte else 0)

    def written(self, scope, name: str) -> list:
        return [n for n in self.writes.get(name, []) if scope.start_byte <= n.start_byte < scope.end_byte]


_NAMES: list = []  # the index of the module findings() is working on


def _uses(data: bytes, scope, name: str, declaration) -> int:
    return _NAMES[-1].uses(scope, name, declaration)


def _param_names(params) -> list:
    """Identifier nodes of a parameter list, in order (None for a pattern: its names are not checked)."""
    out = []
    for param in params.named_children:
        if param.type == "comment":
            continue
        if param.type == "identifier":
            out.append(param)
        elif param.type == "assignment_pattern" and param.child_by_field_name("left") is not None and \
                param.child_by_field_name("left").type == "identifier":
            out.append(param.child_by_field_name("left"))
        else:
            out.append(None)
    return out


# ---------------------------------------------------------------------------------------- findings
def findings(module: str, home: str) -> list[_Finding]:
    """Findings of the home's rules in the module's carried code, each with its meaning-keeping rewrite if any."""
    if not LEGACY_MARKER.search(module):
        return []
    data = module.encode("utf-8")
    root = parse_text(data).root_node
    names = _Names(data, root)
    if not names.spans:
        return []
    _NAMES.append(names)
    try:
        return _findings(data, root, names.spans, RULES["lwc" if home == LWC else "connector"])
    finally:
        _NAMES.pop()


def _findings(data: bytes, root, spans, rules) -> list[_Finding]:
    outer: list = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):  # a span inside another is walked with it
        if not outer or span[0] >= outer[-1][1]:
            outer.append(span)
    spans = outer
    free = WATCHED - _NAMES[-1].declared
    out: list[_Finding] = []

    keys: set[tuple[str, int]] = set()

    def add(rule, at, note, origin, fix=None, fixed=""):
        if rule in rules and "ctimod" not in _text(data, at).lower() and (rule, at.start_byte) not in keys:
            keys.add((rule, at.start_byte))
            out.append(_Finding(rule, at.start_point[0], note, origin if isinstance(origin, str) else None, fix,
                                fixed))

    for start, end, origin in spans:
        top = root.descendant_for_byte_range(start, end)
        while top is not None and top.parent is not None and top.parent.start_byte == start and \
                top.parent.end_byte == end:
            top = top.parent
        for node in _walk(top, _FINDING_KINDS):
            kind = node.type
            if kind == "call_expression":
                _call(data, node, free, origin, add)
            elif kind == "binary_expression":
                _equality(data, node, free, origin, add)
            elif kind == "unary_expression" and _text(data, node.child_by_field_name("operator")) == "void":
                _void(data, node, free, origin, add)
            elif kind == "switch_statement":
                _switch(data, node, origin, add)
            elif kind in ("assignment_expression",) and "@lwc/lwc/no-inner-html" in rules:
                left = node.child_by_field_name("left")
                if left is not None and left.type == "member_expression" and \
                        _text(data, left.child_by_field_name("property")) in ("innerHTML", "outerHTML"):
                    add("@lwc/lwc/no-inner-html", left, NOTES["@lwc/lwc/no-inner-html"], origin)
            elif kind == "catch_clause":
                _catch(data, node, origin, add)
            elif kind in FUNCTIONS:
                _function(data, node, origin, add, spans)
            elif kind in ("variable_declarator",):
                _variable(data, node, origin, add)
    # no-redeclare: `var` declared twice in one function
    if "no-redeclare" in rules:
        _redeclared(data, root, spans, add)
    return out


def _call(data, node, free, origin, add) -> None:
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if function is None or arguments is None:
        return
    name = _text(data, function)
    args = [a for a in arguments.named_children if a.type != "comment"]
    if (name == "parseInt" and "parseInt" in free or name == "Number.parseInt") and len(args) == 1 and \
            args[0].type != "spread_element":
        why = _decimal(data, args[0], free)
        if why:
            add("radix", node, NOTES["radix"], origin, (args[0].end_byte, args[0].end_byte, ", 10"),
                f"`{name}({_text(data, args[0])})` becomes `{name}({_text(data, args[0])}, 10)`: {why}")
        else:
            add("radix", node, NOTES["radix"], origin)
    if function.type == "member_expression":
        prop = _text(data, function.child_by_field_name("property"))
        obj = _text(data, function.child_by_field_name("object"))
        if prop in PROTOTYPE_BUILTINS and obj not in ("Object.prototype", "{}"):
            add("no-prototype-builtins", function.child_by_field_name("property"),
                NOTES["no-prototype-builtins"].format(prop=prop), origin)
        if prop == "insertAdjacentHTML":
            add("@lwc/lwc/no-inner-html", node, NOTES["@lwc/lwc/no-inner-html"], origin)


def _equality(data, node, free, origin, add) -> None:
    operator = node.child_by_field_name("operator")
    op = _text(data, operator)
    if op not in ("==", "!="):
        return
    left, right = _unparen(node.child_by_field_name("left")), _unparen(node.child_by_field_name("right"))
    if left is None or right is None:
        return
    # ESLint's "smart" exemption covers two *literals* (ESTree Literal): a template string is not one
    literal = ("string", "number", "true", "false", "null", "regex")
    if "null" in (left.type, right.type):
        return  # eqeqeq "smart" allows `== null`
    if any(side.type == "unary_expression" and _text(data, side.child_by_field_name("operator")) == "typeof"
           for side in (left, right)):
        return  # ... and typeof comparisons
    if left.type in literal and right.type in literal and _primitive(data, left, free) == _primitive(data, right, free):
        return  # ... and two literals of one type
    strict = op + "="
    types = {_primitive(data, left, free), _primitive(data, right, free)}
    if len(types) == 1 and None not in types:
        add("eqeqeq", operator, NOTES["eqeqeq"].format(op=op, strict=strict), origin,
            (operator.start_byte, operator.end_byte, strict),
            f"`{op}` becomes `{strict}`: both sides are {types.pop()}s, so no conversion happens")
    else:
        add("eqeqeq", operator, NOTES["eqeqeq"].format(op=op, strict=strict), origin)


def _void(data, node, free, origin, add) -> None:
    argument = _unparen(node.child_by_field_name("argument"))
    holder = node.parent
    if holder is not None and holder.type == "variable_declarator" and holder.child_by_field_name("value") == node:
        # `= undefined` would break no-undef-init; `let x = void 0` is `let x`, but a `var` in a loop is reset
        # by its initializer each time round, so only `let` loses it
        declaration = holder.parent
        name = holder.child_by_field_name("name")
        if argument is not None and argument.type == "number" and declaration is not None and \
                declaration.type == "lexical_declaration" and _text(data, declaration.children[0]) == "let":
            add("no-void", node, NOTES["no-void"], origin, (name.end_byte, node.end_byte, ""),
                f"`let {_text(data, name)} = {_text(data, node)}` becomes `let {_text(data, name)}`: a let starts "
                "undefined")
        else:
            add("no-void", node, "`void` yields undefined; `var x = undefined` breaks no-undef-init and `var x;` "
                                 "would not reset x when the declaration runs again (a loop): use `let x;` where "
                                 "that is the same", origin)
        return
    if argument is not None and argument.type == "number" and "undefined" in free:
        add("no-void", node, NOTES["no-void"], origin, (node.start_byte, node.end_byte, "undefined"),
            f"`{_text(data, node)}` becomes `undefined`: the same value")
    elif node.parent is not None and node.parent.type == "expression_statement" and argument is not None and \
            not re.match(r"(function|class|let|async|\{)\b|\{", _text(data, node.child_by_field_name("argument"))):
        # (an operand that would read as a declaration or a block at the start of a statement keeps its void)
        add("no-void", node, NOTES["no-void"], origin,
            (node.start_byte, node.child_by_field_name("argument").start_byte, ""),
            f"`void {_text(data, argument)[:40]}` as a statement -> `{_text(data, argument)[:40]}`: the value was "
            "discarded either way")
    else:
        add("no-void", node, NOTES["no-void"], origin)


def _switch(data, node, origin, add) -> None:
    body = node.child_by_field_name("body")
    if body is None:
        return
    cases = [c for c in body.named_children if c.type in ("switch_case", "switch_default")]
    if any(c.type == "switch_default" for c in cases) or not cases:
        return
    last_comment = [c for c in body.named_children if c.type == "comment"]
    if last_comment and re.match(r"^(//|/\*)\s*no default\b", _text(data, last_comment[-1]), re.I) and \
            last_comment[-1].start_byte > cases[-1].start_byte:
        return
    statements = [s for s in cases[-1].named_children if s.type != "comment"
                  and s != cases[-1].child_by_field_name("value")]
    close = body.end_byte - 1
    line_start = data.rfind(b"\n", 0, close) + 1
    if statements and statements[-1].type in JUMPS and data[line_start:close].strip():
        add("default-case", node.children[0], NOTES["default-case"], origin,
            (close, close, "default: break; " if data[close - 1:close] in (b" ", b"\t") else " default: break; "),
            "`default: break;` added: the last case ends with a jump, so other values still do nothing")
    elif statements and statements[-1].type in JUMPS:
        indent = re.match(rb"[ \t]*", data[data.rfind(b"\n", 0, cases[-1].start_byte) + 1:]).group(0).decode()
        inner = indent + ("    " if indent.endswith("    ") or not indent else indent[-1:] * 2)
        add("default-case", node.children[0], NOTES["default-case"], origin,
            (line_start, line_start, f"{indent}default: // ctimod: other values do nothing, as in the legacy code\n"
                                     f"{inner}break;\n"),
            "`default: break;` added: the last case ends with a jump, so other values still do nothing")
    else:
        add("default-case", node.children[0], NOTES["default-case"], origin)


def _catch(data, node, origin, add) -> None:
    param = node.child_by_field_name("parameter")
    body = node.child_by_field_name("body")
    if param is None or body is None or param.type != "identifier":
        return
    name = _text(data, param)
    if _uses(data, body, name, param) == 0:
        open_paren = data.rfind(b"(", node.start_byte, param.start_byte)
        close_paren = data.find(b")", param.end_byte, body.start_byte)
        if open_paren >= 0 and close_paren >= 0:
            add("no-unused-vars", param, NOTES["no-unused-vars"].format(name=name, what="caught"), origin,
                (open_paren - (1 if data[open_paren - 1:open_paren] == b" " else 0), close_paren + 1, ""),
                f"`catch ({name})` becomes `catch`: the error was never read")


def _function(data, node, origin, add, spans) -> None:
    params = node.child_by_field_name("parameters")
    if params is None:
        single = node.child_by_field_name("parameter")  # `x => ...`
        names = [single] if single is not None and single.type == "identifier" else []
    else:
        names = _param_names(params)
    used = [n is None or _uses(data, node, _text(data, n), n) > 0 for n in names]
    last_used = max((i for i, u in enumerate(used) if u), default=-1)
    for index in range(last_used + 1, len(names)):
        param = names[index]
        add("no-unused-vars", param, NOTES["no-unused-vars"].format(
            name=_text(data, param), what="a parameter (the legacy signature is kept)"), origin)
    if node.type in ("function_declaration", "generator_function_declaration"):
        name = node.child_by_field_name("name")
        scope = _function_of(node)
        if name is not None and scope is not None and not (node.parent and node.parent.type == "export_statement") \
                and _uses(data, scope, _text(data, name), name) == 0:
            add("no-unused-vars", name, NOTES["no-unused-vars"].format(name=_text(data, name), what="a function"),
                origin)


def _variable(data, node, origin, add) -> None:
    name = node.child_by_field_name("name")
    if name is None or name.type != "identifier":
        return
    declaration = node.parent
    scope = _function_of(node) if declaration is not None and declaration.type == "variable_declaration" \
        else (declaration.parent if declaration is not None else None)
    if scope is None or declaration is None:
        return
    if declaration.parent is not None and declaration.parent.type in ("for_in_statement", "for_statement",
                                                                      "export_statement"):
        return
    text = _text(data, name)
    if _uses(data, scope, text, name) == 0:
        assigned = node.child_by_field_name("value") is not None
        home = _function_of(name)
        writes = [n for n in _NAMES[-1].written(scope, text) if _function_of(n) == home]
        # ESLint names the last assignment (in the declaration's own function) of a variable only ever assigned
        at = max(writes, key=lambda n: n.start_byte) if writes else name
        what = "assigned" if assigned or writes else "declared"
        add("no-unused-vars", at, NOTES["no-unused-vars"].format(name=text, what=what), origin)


def _redeclared(data, root, spans, add) -> None:
    by_scope: dict[int, dict[str, object]] = {}
    for start, end, origin in spans:
        top = root.descendant_for_byte_range(start, end)
        for node in _walk(top, _REDECLARE_KINDS):
            if node.type in FUNCTIONS:
                params = node.child_by_field_name("parameters")
                if params is not None:
                    names = by_scope.setdefault(node.start_byte, {})
                    for param in _param_names(params):
                        if param is not None:
                            names.setdefault(_text(data, param), param)
            if node.type == "for_in_statement":
                _redeclared_loop(data, node, by_scope, origin, add)
                continue
            if node.type != "variable_declaration":
                continue
            scope = _function_of(node)
            if scope is None or scope.type == "program":
                continue
            names = by_scope.setdefault(scope.start_byte, {})
            declarators = [d for d in node.named_children if d.type == "variable_declarator"]
            for declarator in declarators:
                target = declarator.child_by_field_name("name")
                if target is None or target.type != "identifier":
                    continue
                name = _text(data, target)
                if name not in names:
                    names[name] = target
                    continue
                keyword = node.children[0]
                value = declarator.child_by_field_name("value")
                if len(declarators) == 1 and value is not None and _text(data, keyword) == "var":
                    after = data.find(b"v", keyword.start_byte)
                    end = declarator.start_byte
                    add("no-redeclare", target, NOTES["no-redeclare"].format(name=name), origin,
                        (after, end, ""), f"`var {name} = ...` (declared before) becomes `{name} = ...`: var declares "
                                          "once per function, so the second one only assigns")
                else:
                    add("no-redeclare", target, NOTES["no-redeclare"].format(name=name), origin)


def _redeclared_loop(data, node, by_scope, origin, add) -> None:
    """``for (var k in o)`` / ``for (var k of o)``: the loop's ``var`` declares ``k`` for the function; when
    the function declared ``k`` before (a ``var``, a parameter), ``for (k in o)`` assigns the same binding."""
    keyword = node.child_by_field_name("kind")
    target = node.child_by_field_name("left")
    if keyword is None or _text(data, keyword) != "var" or target is None or target.type != "identifier":
        return
    scope = _function_of(node)
    if scope is None or scope.type == "program":
        return
    names = by_scope.setdefault(scope.start_byte, {})
    name = _text(data, target)
    if name not in names:
        names[name] = target
        return
    operator = node.child_by_field_name("operator")
    word = _text(data, operator) if operator is not None else "in"
    add("no-redeclare", target, NOTES["no-redeclare"].format(name=name), origin, (keyword.start_byte, target.start_byte, ""),
        f"`for (var {name} {word} ...)` ({name} declared before) becomes `for ({name} {word} ...)`: var declares once "
        "per function, so the loop only assigns it")


# --------------------------------------------------------------------------------------- the pass
def _opaque_reach(root) -> tuple[list[int], list[int]]:
    """The starts of the strings, templates, comments and regexes under ``root`` (sorted) and, for each, the
    furthest end among it and those before it: one query, so a line's check needs no climb through parents
    (``node.parent`` costs a walk down from the root: quadratic in deeply nested code)."""
    spans = sorted((n.start_byte, n.end_byte) for n in nodes_of_kinds(root, None, sorted(OPAQUE)))
    starts, reach = [], []
    for start, end in spans:
        starts.append(start)
        reach.append(max(end, reach[-1]) if reach else end)
    return starts, reach


def _insertion_safe(opaque: tuple[list[int], list[int]], offset: int) -> bool:
    """Can a line comment go in at this line start (not inside a string, template, comment or regex)?"""
    from bisect import bisect_left

    starts, reach = opaque
    before = bisect_left(starts, offset) - 1  # the last one starting before the offset
    return before < 0 or reach[before] <= offset


DIRECTIVE = re.compile(r"^([ \t]*)// eslint-disable-next-line ([^\n]*?)(?: -- (.*))?$")


def tidy_carried(target: str, home: str, module: str, notes: list[LintNote]) -> tuple[str, LineMap]:
    """Rewrite what can be rewritten without changing meaning, mark the rest with a scoped disable and a
    TODO; append a LintNote for each. Returns the module and how its lines moved."""
    lines_map = LineMap()
    found = findings(module, home)
    if not found:
        return module, lines_map
    original = module
    data = module.encode("utf-8")
    # 1. the rewrites, last first; one that overlaps another is left for the second pass to mark
    applied: list[_Finding] = []
    limit = len(data) + 1
    for finding in sorted((f for f in found if f.fix), key=lambda f: f.fix[0], reverse=True):
        start, end, replacement = finding.fix
        if end > limit:
            continue
        limit = start
        added = replacement.count("\n") - data.count(b"\n", start, end)
        line = data.count(b"\n", 0, start)
        at = line + (1 if start > 0 and data[start - 1:start] != b"\n" else 0)
        data = data[:start] + replacement.encode("utf-8") + data[end:]
        if added:
            lines_map.inserts.append((at, added))
            for other in applied:
                if other.line >= at:
                    other.line += added
        applied.append(finding)
    module = data.decode("utf-8")
    if applied and parse_text(data).root_node.has_error and \
            not parse_text(original.encode("utf-8")).root_node.has_error:
        module, applied, lines_map = original, [], LineMap()  # never expected: no rewrite rather than a broken one
    # 2. what is left gets a scoped disable with its TODO (its line moved by the lines a rewrite added)
    done = {id(f) for f in applied}
    rest = [f for f in found if id(f) not in done]
    for finding in rest:
        finding.line = lines_map(finding.line + 1) - 1
    module, inserted = _mark(target, module, rest, notes)
    marked = LineMap(inserted)
    for finding in sorted(applied, key=lambda f: f.line):
        notes.append(LintNote(target, marked(finding.line + 1), finding.rule, "rewritten", finding.fixed,
                              finding.origin))
    lines_map.inserts += inserted
    return module, lines_map


def _mark(target: str, module: str, marks: list[_Finding], notes: list[LintNote]) -> tuple[str, list[tuple[int, int]]]:
    if not marks:
        return module, []
    data = module.encode("utf-8")
    root = parse_text(data).root_node
    lines = module.split("\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line.encode("utf-8")) + 1)
    by_line: dict[int, list[_Finding]] = {}
    for finding in marks:
        by_line.setdefault(finding.line, []).append(finding)
    inserted: list[tuple[int, int]] = []
    shift = 0
    opaque = None
    for index in sorted(by_line):
        group = by_line[index]
        rules = sorted({f.rule for f in group})
        texts = list(dict.fromkeys(js_comment(f.note) for f in group))
        if len(texts) > 3:  # a minified line: the report lists each one
            texts = [f"{len(group)} findings on this line ({', '.join(rules)}), each listed in MIGRATION.md under "
                     "Carried legacy code and the lint rules"]
        if opaque is None:
            opaque = _opaque_reach(root)
        if not _insertion_safe(opaque, offsets[index]):
            for finding in group:
                notes.append(LintNote(target, index + shift + 1, finding.rule, "listed",
                                      finding.note + " (not marked in the code: the line starts inside a string)",
                                      finding.origin))
            continue
        position = index + shift
        previous = DIRECTIVE.match(lines[position - 1]) if position > 0 else None
        if previous:  # one directive per line: merge into the one above (a platform TODO, or the legacy's own)
            have = [r.strip() for r in previous.group(2).split(",") if r.strip()]
            merged = have + [r for r in rules if r not in have]
            why = previous.group(3)
            todo = "; ".join(texts)
            why = (f"{why}; {todo}" if "TODO(ctimod)" in (why or "") else
                   f"{why + '; ' if why else ''}TODO(ctimod): {todo}")
            lines[position - 1] = f"{previous.group(1)}// eslint-disable-next-line {', '.join(merged)} -- {why}"
            line_no = position + 1
        else:
            indent = re.match(r"[ \t]*", lines[position]).group(0)
            lines.insert(position, f"{indent}// eslint-disable-next-line {', '.join(rules)} -- TODO(ctimod): "
                                   + "; ".join(texts))
            inserted.append((position, 1))
            shift += 1
            line_no = position + 2
        for finding in group:
            notes.append(LintNote(target, line_no, finding.rule, "todo", finding.note, finding.origin))
    return "\n".join(lines), inserted
