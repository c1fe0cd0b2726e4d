"""Pieces every generated JavaScript module is assembled from: module helpers, carried legacy
declarations, stand-ins for missing names, and the syntax check of generated text."""

from __future__ import annotations

from ..escape import js_comment, js_string
from ..codemod import LWC
from ..legacy import function_name, line_indent, reindent, unwrap
from ..parse import parse_text

STANDIN = "ctimodMissing"  # the module helper behind stand-ins for missing names
LOAD = "ctimodLoad"  # computes a carried variable at load; a failure makes it a stand-in


def _computed(value) -> bool:
    """Does a variable's initializer run code at load (a call, `new`, a property read)?"""
    stack = [value]
    while stack:
        node = stack.pop()
        if node.type in ("function_expression", "function", "arrow_function", "class"):
            continue
        if node.type in ("call_expression", "new_expression", "member_expression", "subscript_expression",
                         "await_expression", "tagged_template_expression"):
            return True
        stack.extend(node.named_children)
    return False


def parse_error(source: str) -> int | None:
    """Line of the first syntax error in ``source`` (JavaScript), or None."""
    from ..verify import first_error

    data = source.encode("utf-8")
    found = first_error(parse_text(data), data)
    return found[0] if found else None


def member(text: str) -> str:
    """A class member rendered by a macro, indented as a member (macros drop their first indent)."""
    text = str(text).strip("\n").rstrip()
    return text if text.startswith("    ") else "    " + text


def ordered_helpers(needs) -> list[str]:
    """Helper names in module order: the called ones alphabetically, each after the helpers it calls."""
    out: list[str] = []

    def add(name: str) -> None:
        for dependency in needs.helper_requires.get(name, ()):
            add(dependency)
        if name not in out:
            out.append(name)

    for name in sorted(needs.helpers):
        add(name)
    return out


def helpers_text(env, needs) -> str:
    if not needs.helpers:
        return ""
    module = env.get_template("helpers/module.js.j2").make_module()
    return "\n\n".join(getattr(module, name)().strip() for name in ordered_helpers(needs)) + "\n"


def carried_text(plan, renderer, home: str, needs) -> str:
    """The legacy declarations carried into ``home``, in legacy order, each with where it came from."""
    entries = sorted(plan.homes[home].carried, key=lambda c: (c.file.display, c.declaration.node.start_byte))
    renderer.carrying = True  # (a handler's slot edits are for its connector part, not for its carried copy)
    try:
        return _carried_text(entries, renderer, home, needs)
    finally:
        renderer.carrying = False


def _carried_text(entries, renderer, home: str, needs) -> str:
    chunks = []
    for carried in entries:
        declaration, file = carried.declaration, carried.file
        where = f"// ctimod: carried from {js_comment(file.display)}:{file.line(declaration.node.start_byte)}"
        if carried.value is not None:
            owner = function_name(file.data, declaration.node) or "its function"
            where = (f"// ctimod: `{js_comment(declaration.name)}` was a parameter of {js_comment(owner)}() "
                     f"({js_comment(file.display)}:{file.line(declaration.node.start_byte)}); the adapter's one call "
                     f"of it passed this ({js_comment(file.display)}:{file.line(carried.value.start_byte)})")
            body = f"let {declaration.name} = {renderer.node(file, carried.value, home, needs)};"
        elif declaration.kind in ("function", "class"):
            body = renderer.node(file, declaration.node, home, needs)
            if declaration.kind == "function" and home != LWC and body != (body := _global_this(body)):
                where = ("// ctimod: `this` was the legacy page's global object in this function (called on its own, "
                         "not in strict mode): globalThis\n" + where)
        else:
            keyword = "var" if declaration.kind == "var" else declaration.kind
            body = f"{keyword} {renderer.node(file, declaration.declarator, home, needs)};"
            value = unwrap(declaration.declarator.child_by_field_name("value"))
            target = declaration.declarator.child_by_field_name("name")
            if home != LWC and value is not None and target is not None and target.type == "identifier" and \
                    _computed(value):
                needs.helpers.add(LOAD)
                needs.helper_requires[LOAD] = (STANDIN,)
                origin = f"{file.display}:{file.line(declaration.node.start_byte)}"
                body = (f"{keyword} {declaration.name} = {LOAD}(() => ({renderer.node(file, value, home, needs)}), "
                        f"{js_string(declaration.name)}, {js_string(origin)});")
        indent = line_indent(file.source, carried.span.start_byte if carried.value is not None else
                             declaration.node.start_byte)
        chunk = where + "\n" + reindent(" " * len(indent) + body, "").lstrip()
        if parse_error(chunk) is not None:
            continue  # broken legacy code is not carried; its name gets a stand-in
        chunks.append(chunk)
    return "\n\n".join(chunks)


def _global_this(text: str) -> str:
    """A carried function's own ``this`` as ``globalThis``: carry takes such a function to the connector only where
    the legacy code called it on its own in a script without strict mode (plan.carry._this_why), where ``this`` was
    the page's global object; in the connector's module it would be undefined."""
    from ..plan.carry import own_this

    data = text.encode("utf-8")
    root = parse_text(data).root_node
    function = next((n for n in root.named_children if n.type != "comment"), None)
    found = own_this(function) if function is not None and function.type == "function_declaration" else []
    if not found:
        return text
    for node in sorted(found, key=lambda n: n.start_byte, reverse=True):
        data = data[:node.start_byte] + b"globalThis" + data[node.end_byte:]
    return data.decode("utf-8")


def member_stubs(plan, home: str, owner: str = "") -> list[str]:
    """Stand-in fields for members of the legacy object the moved methods used (``this.x``); in the
    connector, those of one class (``owner``)."""
    out = []
    for missing in plan.homes[home].missing:
        if missing.kind == "member" and missing.owner == owner:
            name = missing.name.split(".", 1)[1]
            out.append(f"{name} = {STANDIN}({js_string(missing.name)}, {js_string(missing.where)}); "
                       f"// TODO(ctimod): {js_comment(missing.why)}")
    return out


def lands(plan, home: str, file, node) -> bool:
    """Does this legacy code render in ``home`` (inside code moved or carried there)?"""
    for moved in plan.moved_to(home):
        if moved.file is file and moved.node.start_byte <= node.start_byte and node.end_byte <= moved.node.end_byte:
            return True
        start_up = moved.preamble
        if start_up is not None and start_up.file is file and start_up.start_byte <= node.start_byte and \
                node.end_byte <= start_up.end_byte:
            return True
    for carried in plan.homes[home].carried:
        span = carried.span
        if carried.file is file and span.start_byte <= node.start_byte and node.end_byte <= span.end_byte:
            return True
    return False


def stubs_text(plan, home: str) -> str:
    """Stand-ins for the names moved code uses that the home does not define."""
    missing = [m for m in plan.homes[home].missing if m.kind != "member"]
    lines = []
    for bound in plan.homes[home].bound:
        lines.append(f"// ctimod: {js_comment(bound.why)}.")
        # `let`: the moved code may assign to it, as the legacy code could assign to its parameter.
        lines.append(f"let {bound.name} = {bound.value};")
    if not missing:
        return "\n".join(lines)
    lines += ["// TODO(ctimod): the moved code uses these names, which this file does not define. Each is a",
             "// stand-in that throws when used; replace it with the real thing (see the TODOs at the uses)."]
    for name in missing:
        literal = js_string(name.where)
        # `let`: the moved code may assign to it, as the legacy code did.
        if name.value:
            lines.append(f"let {name.name} = {name.value} || {STANDIN}('{name.name}', {literal});")
        elif name.kind == "global":
            lines.append(f"let {name.name} = globalThis.{name.name} || {STANDIN}('{name.name}', {literal});")
        else:
            lines.append(f"let {name.name} = {STANDIN}('{name.name}', {literal});")
    return "\n".join(lines)
