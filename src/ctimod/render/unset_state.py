"""State of an assembled module that nothing in it sets: ``var bridge = { options: null }`` read as
``bridge.options.frameId`` where the legacy code set ``bridge.options`` in start-up code that did not
move. Reading through it threw a TypeError no report explained; now each such read goes through
``ctimodUnset``, which fails with a ``ctimod TODO`` naming the state and where the legacy code set it,
and the statement gets a TODO and a row among the names the module lacks.

Conservative: a path counts as set when any code assigns it, replaces or hands on its object, or
reads it through a computed key; only reads that dereference it (``x.y``, ``x()``, ``x[...]``, not
``x?.y``) are marked, so code that checks for it first behaves as before."""

from __future__ import annotations

import re

from ..escape import js_comment, js_string
from ..legacy import text
from ..parse import parse_text

FALSY = {"null", "false", "undefined", "0", "''", '""', "void 0"}
FUNCTIONS = ("function_declaration", "function_expression", "function", "arrow_function", "method_definition",
             "generator_function_declaration", "generator_function")
PATH = re.compile(r"[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)?")
HELPER = "ctimodUnset"


def walk(node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def locals_of(data: bytes, fn) -> set[str]:
    """Parameters and names declared inside ``fn`` (nested functions included: conservative)."""
    names = set()
    params = fn.child_by_field_name("parameters") or fn.child_by_field_name("parameter")
    for node in walk(params) if params is not None else []:
        if node.type in ("identifier", "shorthand_property_identifier_pattern"):
            names.add(text(data, node))
    body = fn.child_by_field_name("body")
    for node in walk(body) if body is not None else []:
        if node.type == "variable_declarator":
            for part in walk(node.child_by_field_name("name")):
                if part.type in ("identifier", "shorthand_property_identifier_pattern"):
                    names.add(text(data, part))
        elif node.type in ("function_declaration", "class_declaration") and node.child_by_field_name("name"):
            names.add(text(data, node.child_by_field_name("name")))
        elif node.type in ("catch_clause",) and node.child_by_field_name("parameter") is not None:
            names.add(text(data, node.child_by_field_name("parameter")))
    return names


def shadowed(data: bytes, node, name: str) -> bool:
    current = node.parent
    while current is not None:
        if current.type in FUNCTIONS and name in locals_of(data, current):
            return True
        current = current.parent
    return False


def never_assigned(data: bytes, root, path: str) -> bool:
    """Is ``path`` (``x`` or ``x.y``) module state that starts empty and that no code sets?"""
    base, _, prop = path.partition(".")
    declared = None
    for node in root.named_children:
        if node.type in ("variable_declaration", "lexical_declaration"):
            for declarator in node.named_children:
                if declarator.type == "variable_declarator" and \
                        text(data, declarator.child_by_field_name("name")) == base:
                    declared = declarator
    if declared is None:
        return False
    value = declared.child_by_field_name("value")
    if prop:
        if value is None or value.type != "object":
            return False
        for pair in value.named_children:
            if pair.type == "pair" and text(data, pair.child_by_field_name("key")).strip("'\"") == prop and \
                    text(data, pair.child_by_field_name("value")) not in FALSY:
                return False
            if pair.type not in ("pair", "comment"):
                return False  # a spread or a method: the object is not plain data
    elif value is not None and text(data, value) not in FALSY:
        return False
    for node in walk(root):
        if node.type != "identifier" or text(data, node) != base or node == declared.child_by_field_name("name"):
            continue
        parent = node.parent
        if parent.type in ("assignment_expression", "augmented_assignment_expression") and \
                parent.child_by_field_name("left") == node:
            return False  # the object (or the variable) is replaced
        if prop and parent.type == "arguments" and _assigns_other_keys(data, parent, node, prop):
            continue  # Object.assign(base, { other: ... }): P stays as it was
        if parent.type in ("update_expression", "arguments", "array", "spread_element", "pair",
                           "shorthand_property_identifier", "variable_declarator", "return_statement",
                           "arrow_function"):
            return False  # changed or handed elsewhere: someone else may set it
        if parent.type == "subscript_expression" and parent.child_by_field_name("object") == node:
            return False  # base[...]: any property
        if prop and parent.type == "member_expression" and parent.child_by_field_name("object") == node and \
                text(data, parent.child_by_field_name("property")) == prop:
            holder = parent.parent
            if holder.type in ("assignment_expression", "augmented_assignment_expression") and \
                    holder.child_by_field_name("left") == parent:
                return False
    return True


def _assigns_other_keys(data: bytes, arguments, node, prop: str) -> bool:
    """``Object.assign(base, {a: 1, b: null})`` whose literal objects do not set ``prop`` to a value."""
    call = arguments.parent
    values = [a for a in arguments.named_children if a.type != "comment"]
    if call is None or call.type != "call_expression" or \
            text(data, call.child_by_field_name("function")) != "Object.assign" or not values or values[0] != node:
        return False
    for value in values[1:]:
        if value.type != "object":
            return False
        for pair in value.named_children:
            if pair.type == "comment":
                continue
            if pair.type != "pair":
                return False
            if text(data, pair.child_by_field_name("key")).strip("'\"") == prop and \
                    text(data, pair.child_by_field_name("value")) not in FALSY:
                return False
    return True


def legacy_setters(path: str, sources) -> list[str]:
    """``file:line`` of each assignment to ``path`` in the legacy sources ((display, text) pairs)."""
    pattern = re.compile(r"(?<![\w$.])" + re.escape(path) + r"\s*=(?!=)")
    out = []
    for display, source in sources:
        for match in pattern.finditer(source):
            line_start = source.rfind("\n", 0, match.start()) + 1
            before = source[line_start:match.start()].strip()
            if before.startswith(("//", "*", "/*")) or re.search(r"\b(var|let|const)\s*$", before):
                continue  # a comment, or its declaration (with the empty value)
            out.append(f"{display}:{source.count(chr(10), 0, match.start()) + 1}")
    return out


def why_unset(path: str, sources) -> str:
    setters = legacy_setters(path, sources)
    where = (f"the legacy code set it at {', '.join(setters[:3])}{', ...' if len(setters) > 3 else ''}, in code "
             "that did not move" if setters else "the legacy code set it in code that did not move")
    return f"`{path}` is never set in the connector ({where})"


def mark_unset_reads(target: str, home: str, module: str, sources, found: list) -> str:
    from .marks import FreeName, _follow_inserts  # noqa: PLC0415 - the marks' row type and line follow-up

    data = module.encode("utf-8")
    root = parse_text(data).root_node
    verdicts: dict[str, bool] = {}
    sites = []  # (node of the path, path)
    for node in walk(root):
        if node.type not in ("member_expression", "call_expression", "subscript_expression"):
            continue
        inner = node.child_by_field_name("object") if node.type != "call_expression" else \
            node.child_by_field_name("function")
        if inner is None or inner.type not in ("identifier", "member_expression"):
            continue
        path = text(data, inner)
        if not PATH.fullmatch(path) or data[inner.end_byte:inner.end_byte + 2] == b"?." or \
                any(c.type == "optional_chain" for c in node.children):
            continue
        if path.startswith(("ctimod", "this.")) or path in ("window", "document", "globalThis"):
            continue
        if inner.type == "member_expression" and inner.child_by_field_name("object").type != "identifier":
            continue
        if path not in verdicts:
            verdicts[path] = never_assigned(data, root, path)
        if verdicts[path] and not shadowed(data, node, path.split(".")[0]) and not _checked(data, inner, path):
            sites.append((inner, path))
    if not sites:
        return module
    by_statement: dict[int, list[str]] = {}
    edits = []
    for inner, path in sites:
        statement = _statement(inner)
        names = by_statement.setdefault(statement.start_byte, [])
        if path not in names:
            names.append(path)
        setters = legacy_setters(path, sources)
        where = f"the legacy code set it at {setters[0]}" if setters else "the legacy code set it"
        edits.append((inner.start_byte, inner.end_byte, f"({path} ?? {HELPER}({js_string(path)}, {js_string(where)}))"))
    for start, end, new in sorted(edits, reverse=True):
        data = data[:start] + new.encode("utf-8") + data[end:]
    _follow_inserts(found, target, len(found), [module.encode("utf-8").count(b"\n", 0, s) for s in by_statement])
    text_out = data.decode("utf-8")
    lines = text_out.split("\n")
    original = module.encode("utf-8")
    shift = 0
    for start in sorted(by_statement):
        index = original.count(b"\n", 0, start) + shift
        line_start = original.rfind(b"\n", 0, start) + 1
        indent = re.match(r"[ \t]*", original[line_start:start].decode("utf-8")).group(0)
        notes = [why_unset(path, sources) for path in by_statement[start]]
        note = "; ".join(notes) + ": it fails here until you set it (in init(), or bring that code over)"
        lines.insert(index, f"{indent}// TODO(ctimod): {js_comment(note)}")
        shift += 1
        for path, why in zip(by_statement[start], notes):
            setters = legacy_setters(path, sources)
            found.append(FreeName(home, path, target, index + 2, setters[0] if setters else None, why))
    return _with_helper("\n".join(lines), target, found)


def _checked(data: bytes, node, path: str) -> bool:
    """Is the read inside code that runs only when ``path`` holds something (``x ? x.y : z``,
    ``if (x) {...}``, ``x && x.y``)? Then it is not reached while the state is empty."""
    word = re.compile(r"(?<![\w$.])" + re.escape(path) + r"(?![\w$])")
    child, current = node, node.parent
    while current is not None:
        test = None
        if current.type == "ternary_expression" and current.child_by_field_name("consequence") == child:
            test = current.child_by_field_name("condition")
        elif current.type == "if_statement" and current.child_by_field_name("consequence") == child:
            test = current.child_by_field_name("condition")
        elif current.type == "binary_expression" and current.child_by_field_name("right") == child and \
                text(data, current.child_by_field_name("operator")) == "&&":
            test = current.child_by_field_name("left")
        if test is not None and word.search(text(data, test)) and not text(data, test).lstrip("( ").startswith("!"):
            return True
        if current.type in FUNCTIONS:
            return False
        child, current = current, current.parent
    return False


def _statement(node):
    from ..legacy import statement_of  # noqa: PLC0415

    current = node
    while current.parent is not None and current.parent.type not in ("program", "statement_block", "class_body",
                                                                      "switch_case", "switch_default"):
        current = current.parent
    return current if current.parent is not None else statement_of(node)


def _with_helper(module: str, target: str, found: list) -> str:
    from .marks import _follow_inserts  # noqa: PLC0415
    from .templates import environment  # noqa: PLC0415

    helper = environment().get_template("helpers/module.js.j2").make_module().ctimodUnset().strip()
    lines = module.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith(("// ctimod: carried from", "export class",
                                                                       "class "))), len(lines))
    added = helper.split("\n") + [""]
    _follow_inserts(found, target, len(found), [at] * len(added))
    return "\n".join(lines[:at] + added + lines[at:])
