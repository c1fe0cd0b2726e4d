"""The Voice LWC module: the component class (lwc/component.js.j2) around the moved legacy methods."""

from __future__ import annotations

import re

from .. import __version__
from ..codemod import LWC, Needs
from ..escape import js_comment, js_string
from ..legacy import (FUNCTION_TYPES, callback_context_name, find_declaration, function_name, is_async, line_indent,
                      parent_of, reindent)
from .common import carried_text, helpers_text, member, member_stubs, parse_error, stubs_text
from .templates import environment, macro_names

MEMBERS_TEMPLATE = "lwc/members.js.j2"
EVENTS = [("callstarted", "handleCallStarted", "Call started"), ("callconnected", "handleCallConnected",
                                                                  "Call connected"),
          ("callended", "handleCallEnded", "Call ended")]
def label(class_name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", class_name)[:80]


def module(plan, renderer, needs: Needs) -> str:
    """The LWC's JavaScript; what its code needs is collected into ``needs``."""
    env = environment()
    moved = plan.moved_to(LWC)
    methods = [_method(plan, renderer, m, needs) for m in moved]
    carried = carried_text(plan, renderer, LWC, needs)
    members = _members(env, needs)
    events = []
    for name, handler, text in EVENTS:
        runs = [m for m in moved if m.trigger == name]
        if not runs and name not in needs.events:
            continue
        lines = ["        " + statement for statement in needs.events.get(name, [])]
        for m in runs:
            lines += _call(m)
        events.append({"name": name, "handler": handler, "label": text, "lines": lines})
    connected = [line for m in moved if m.trigger == "connected" for line in _call(m)]
    wire = bool(needs.wires) or any("@wire(" in text for text in members)
    imports = ["import { LightningElement, api" + (", wire" if wire else "") + " } from 'lwc';"]
    for module_name in sorted(needs.imports):
        imports.append(f"import {{ {', '.join(sorted(needs.imports[module_name]))} }} from '{module_name}';")
    for local, module_name in sorted(needs.default_imports.items(), key=lambda kv: kv[1]):
        imports.append(f"import {local} from '{module_name}';")
    return env.get_template("lwc/component.js.j2").render(
        lwc_name=plan.lwc_name, version=__version__, adapter=plan.adapter, imports=imports,
        stubs=stubs_text(plan, LWC), class_name=plan.class_name,
        base="NavigationMixin(LightningElement)" if needs.navigation else "LightningElement",
        wires=[needs.wires[name] for name in sorted(needs.wires)] + member_stubs(plan, LWC),
        label=label(plan.class_name),
        connected=connected, events=events, members=members, methods=methods, carried=carried,
        helpers=helpers_text(env, needs).rstrip())


def _members(env, needs: Needs) -> list[str]:
    macros = env.get_template(MEMBERS_TEMPLATE).make_module()
    requested = set(needs.members)
    return [member(getattr(macros, name)(requested, **needs.members[name]))
            for name in macro_names(MEMBERS_TEMPLATE) if name in needs.members]


def _name_comment(moved) -> str:
    legacy = function_name(moved.file.data, moved.node) if moved.node.type != "expression_statement" else None
    if legacy is None and moved.node.type in ("function_expression", "arrow_function", "function"):
        legacy = callback_context_name(moved.file.data, moved.node)
    described = f"{legacy}()" if legacy else "top-level code"
    return f"// ctimod: moved from {js_comment(moved.legacy)} ({js_comment(described)})."


def _assigns_it(file, node, moved) -> bool:
    """Is ``node`` (in the target of an assignment such as ``window.popRecord = function…``) the name the
    assignment gives the moved function?"""
    target = node
    while parent_of(target) is not None and parent_of(target).type == "member_expression" and \
            parent_of(target).child_by_field_name("property") == target:
        target = parent_of(target)
    assignment = parent_of(target)
    if assignment is None or assignment.type != "assignment_expression" or \
            assignment.child_by_field_name("left") != target or file is not moved.file:
        return False
    value = assignment.child_by_field_name("right")
    return value is not None and value.start_byte <= moved.node.start_byte and moved.node.end_byte <= value.end_byte


def _callers(plan, moved) -> list[str]:
    """Where the legacy code called a moved function (when nothing in the component calls it)."""
    legacy = function_name(moved.file.data, moved.node) if moved.node.type != "expression_statement" else None
    if not legacy:
        return []
    # A function given as an option of a call (`setParams({callback: function (settings) {…}})`) is named by
    # that option's key only: another object's `.callback` elsewhere is not a call of it.
    option = _option_value(moved.node)
    found = []
    for file in plan.files.values():
        for start in file.occurrences(legacy):
            if moved.file is file and moved.node.start_byte <= start < moved.node.end_byte:
                continue
            node = file.node(start, start + len(legacy.encode()))
            if node is None or node.type not in ("identifier", "property_identifier"):
                continue
            if option and node.type == "property_identifier":
                continue
            declaration = parent_of(node)
            if declaration is not None and declaration.child_by_field_name("name") == node:
                continue
            if declaration is not None and declaration.type == "pair" and declaration.child_by_field_name("key") == node:
                continue  # an object key spelled like it (`callback: ...`, its own `name: function`): no call
            if _assigns_it(file, node, moved):
                continue  # `window.popRecord = function () {…}`: what names the function, no call
            if node.type == "identifier" and not _names_it(file, node, legacy, moved):
                continue  # another binding of that name (a parameter `callback`, another file's function)
            found.append(f"{file.display}:{file.line(start)}")
            if len(found) == 3:
                return found
    return found


def _option_value(node) -> bool:
    """Is this function the value of a key of an object literal passed straight to a call?"""
    pair = parent_of(node)
    holder = parent_of(pair) if pair is not None and pair.type == "pair" else None
    return holder is not None and holder.type == "object" and parent_of(holder) is not None and \
        parent_of(holder).type == "arguments"


def _names_it(file, node, name: str, moved) -> bool:
    """Does the identifier ``node`` refer to the moved function (or to a global of that name)?"""
    declaration = find_declaration(file.data, name, node)
    if declaration is None:
        return True  # a global: the function, if the legacy page made it one
    if declaration.kind == "param" or file is not moved.file:
        return False
    return declaration.node.start_byte <= moved.node.start_byte and moved.node.end_byte <= declaration.node.end_byte


def signature(renderer, moved, home: str, needs) -> tuple[str, str, bool]:
    """(parameters text, body text, body is an expression) of moved code, rendered for ``home``."""
    file, node = moved.file, moved.node
    if node.type not in FUNCTION_TYPES:
        return "", renderer.node(file, node, home, needs), False
    params = node.child_by_field_name("parameters")
    single = node.child_by_field_name("parameter")
    if params is not None:
        params_text = renderer.node(file, params, home, needs)[1:-1]
    elif single is not None:
        params_text = renderer.node(file, single, home, needs)
    else:
        params_text = ""
    body = node.child_by_field_name("body")
    return params_text, renderer.node(file, body, home, needs), body.type != "statement_block"


def _method(plan, renderer, moved, needs) -> str:
    params, body, is_expression = signature(renderer, moved, LWC, needs)
    if moved.node.type not in FUNCTION_TYPES:
        indent = line_indent(moved.file.source, moved.node.start_byte)
        body = "{\n" + indent + body + "\n" + indent[:-4] + "}" if len(indent) >= 4 else "{\n    " + body + "\n}"
    elif is_expression:
        body = "{\n        return " + body + ";\n    }"
    prefix = "async " if is_async(moved.node) else ""
    star = "*" if moved.node.type.startswith("generator") or any(c.type == "*" for c in moved.node.children[:3]) else ""
    comment = _name_comment(moved)
    lines = [f"    {comment}"]
    if not moved.called:
        callers = _callers(plan, moved)
        where = f" (the legacy code called it at {', '.join(callers)})" if callers else ""
        lines.append(f"    // TODO(ctimod): nothing in the component calls this yet{js_comment(where)}.")
    if b"`" not in moved.file.source[moved.node.start_byte:moved.node.end_byte]:
        body = reindent(body, "    ", force=True)
    lines.append(f"    {prefix}{star}{moved.name}({params}) {body}")
    method = "\n".join(lines)
    error = parse_error("class Probe {\n" + method + "\n}\n")
    block = moved.node.child_by_field_name("body") if moved.node.type in FUNCTION_TYPES and not is_expression else None
    key = (moved.file.display, LWC, block.start_byte) if block is not None else None
    if error is None:
        if key is not None:  # (what the side-by-side shows in place of the legacy header: see report.sidebyside)
            renderer.heads[key] = f"{prefix}{star}{moved.name}({params}) "
        return method
    return _failed_method(renderer, moved, comment, error - 1)


def _failed_method(renderer, moved, comment: str, line: int) -> str:
    """Moved code that does not parse is not written: a stub says so (and whose fault it is)."""
    from ..verify import misread_comment  # noqa: PLC0415
    if moved.node.has_error or misread_comment(moved.file.source, moved.node) is not None:
        reason = (f"the legacy code of {moved.name}() ({moved.legacy}) has syntax errors, so ctimod could not move "
                  "it; fix the legacy code and convert again, or port it by hand")
        thrown = f"ctimod could not migrate {moved.name}(): its legacy code does not parse"
    else:
        reason = (f"ctimod produced code for {moved.name}() ({moved.legacy}) that does not parse (line {line} of the "
                  "method); this is a ctimod bug, please report it; port this function by hand")
        thrown = f"ctimod could not migrate {moved.name}()"
    for conversion in moved.conversions:
        renderer.fail(conversion, reason)
    # The component holds none of the legacy code rendered for it (its side-by-sides say so: report.sidebyside).
    renderer.drop(moved.file.display, LWC, moved.node.start_byte, moved.node.end_byte)
    return "\n".join([f"    {comment}", f"    // TODO(ctimod): {js_comment(reason)}.",
                      f"    {moved.name}() {{", f"        throw new Error({js_string(thrown)});", "    }"])


def _call(moved) -> list[str]:
    """The statement that runs a moved method from a toolkit event (or the TODO saying why it cannot)."""
    binding = moved.binding
    if binding.arguments is None:
        return [f"        // TODO(ctimod): the legacy adapter ran {moved.name}() ({js_comment(moved.legacy)}) at this moment, "
                "but it is not called here:",
                f"        // {js_comment(binding.unwired)}. Rewrite it to take the event's detail, or call it from your "
                "vendor integration."]
    call = f"this.{moved.name}({', '.join(binding.arguments)});"
    if moved.trigger == "connected":
        # The legacy page ran it when it loaded: a failure (say, a vendor SDK the component cannot load) is
        # logged, and the rest of the component still starts. An async function fails by rejecting.
        if moved.node.children and moved.node.children[0].type == "async":
            return [f"        // ctimod: the legacy page ran {moved.name}() when it loaded ({js_comment(moved.legacy)}).",
                    f"        {call[:-1]}.catch((error) => {{",
                    f"            console.error('ctimod: {moved.name}() failed when the component started', error);",
                    "        });"]
        return [f"        // ctimod: the legacy page ran {moved.name}() when it loaded ({js_comment(moved.legacy)}).",
                "        try {", f"            {call}", "        } catch (error) {",
                f"            console.error('ctimod: {moved.name}() failed when the component started', error);",
                "        }"]
    note = "        // ctimod: the legacy adapter ran this when its vendor reported the call"
    if binding.arguments:
        note += "; its arguments are the detail fields it reads"
    return [note + ".", f"        {call}"]
