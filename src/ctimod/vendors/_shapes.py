"""Shapes every recogniser looks for, whatever the vendor: which expressions hold the vendor's call
object, the UI controls that act on a call (answer / hang up / mute / hold buttons, keys, named
functions), what a handler reads from the event it is given, and how a message handler dispatches on
the message type.

Not a recogniser (the leading underscore keeps it out of the registry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..legacy import FUNCTION_TYPES, find_declaration, parent_of, unwrap
from . import VENDOR_CALL, Action
from ._js import (Fn, arguments, body_statements, callee, calls, compact, declared_in, enclosing_function,
                  enclosing_functions, method, of_kinds, own_nodes, param_sources, params, pure, receiver,
                  resolve_function, root_name, state_update, string_value, walk)

# Connector methods by the words a control, a command or an SDK method is named with.
METHOD_WORDS = [
    ("acceptCall", r"^(accept|answer|pick_?up|take)(_?call)?$"),
    ("declineCall", r"^(reject|decline|ignore|refuse)(_?call)?$"),
    ("endCall", r"^(hang_?up|hangup|end(_?call)?|disconnect(_?all)?|drop|bye|terminate|release|clear)$"),
    ("mute", r"^(mute|set_?muted|toggle_?mute|mute_?toggle)$"),
    ("unmute", r"^(unmute|un_?mute)$"),
    ("hold", r"^(hold|set_?held|toggle_?hold|hold_?toggle|park|put_?on_?hold|hold_?call)$"),
    ("resume", r"^(resume|unhold|un_?hold|retrieve|unpark|resume_?call)$"),
]
TOGGLES = {"mute": "unmute", "hold": "resume"}


def snake(word: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", word).lower().replace("-", "_")


def method_for(word: str | None) -> str | None:
    if not word:
        return None
    word = snake(word.split(".")[-1])
    for name, pattern in METHOD_WORDS:
        if re.match(pattern, word):
            return name
    return None


# ------------------------------------------------------------------------------------- call objects
@dataclass
class CallObjects:
    """Expressions that hold the vendor's call object: handler parameters, parameters of functions
    the object is passed to, and the adapter's state it is stored in (``phone.call = call``)."""

    params: set = field(default_factory=set)  # (file display, function start, parameter name)
    holders: set = field(default_factory=set)  # compact text of assignment targets ('AgentPhone.call')
    extra: set = field(default_factory=set)  # compact texts that always denote one ('Twilio.Device.activeConnection()')

    def add_param(self, files, fn: Fn, index: int, depth: int = 4) -> None:
        names = fn.params
        if index >= len(names) or names[index] == "{...}":
            return
        key = (fn.file.display, fn.node.start_byte, names[index])
        if key in self.params:
            return
        self.params.add(key)
        name = names[index]
        for node in own_nodes(fn.node):
            if node.type == "identifier" and fn.file.text(node) == name:
                self._follow(files, fn, node, depth)
        # nested functions (click handlers) see the parameter too: their calls pass it on
        for node in walk(fn.node):
            if node.type == "identifier" and fn.file.text(node) == name and parent_of(node) is not None:
                inner = enclosing_function(node)
                if inner is not None and inner != fn.node:
                    declaration = find_declaration(fn.file.data, name, node)
                    if declaration is not None and declaration.node == fn.node:
                        self._follow(files, fn, node, depth)

    def _follow(self, files, fn: Fn, node, depth: int) -> None:
        parent = parent_of(node)
        if parent is None:
            return
        if parent.type == "arguments" and depth > 0:
            call = parent_of(parent)
            target = resolve_function(files, fn.file, call.child_by_field_name("function"))
            if target is not None:
                index = [a for a in parent.named_children if a.type != "comment"].index(node)
                self.add_param(files, target, index, depth - 1)
        elif parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
            left = parent.child_by_field_name("left")
            root = root_name(fn.file, left)
            if root is not None and not declared_in(fn.file, root, left, fn.node):
                self.holders.add(compact(fn.file, left))

    def add_holder_from(self, file, value) -> None:
        """``x = <value>`` anywhere: x holds a call object (the result of an outbound connect)."""
        parent = parent_of(value)
        while parent is not None and parent.type in ("await_expression", "parenthesized_expression"):
            value, parent = parent, parent_of(parent)
        if parent is None:
            return
        if parent.type == "assignment_expression" and parent.child_by_field_name("right") == value:
            self.holders.add(compact(file, parent.child_by_field_name("left")))
        elif parent.type == "variable_declarator" and parent.child_by_field_name("value") == value:
            name = parent.child_by_field_name("name")
            fn = enclosing_function(parent)
            if name is not None and name.type == "identifier" and fn is None:
                self.holders.add(file.text(name))

    def denotes(self, file, node) -> str | None:
        """'holder' / 'param' when ``node`` is a call-object expression, else None."""
        node = unwrap(node)
        if node is None:
            return None
        text = compact(file, node)
        if text in self.holders or text in self.extra:
            return "holder"
        if node.type == "identifier":
            declaration = find_declaration(file.data, text, node)
            if declaration is not None and declaration.kind == "param" and \
                    (file.display, declaration.node.start_byte, text) in self.params:
                return "param"
        return None


# ------------------------------------------------------------------------------------- actions
def action_from_call(files, file, call, name: str, api: str, objects: CallObjects | None = None,
                     subs: dict | None = None) -> Action | None:
    """An Action for a legacy call: call-object parameters become the connector's vendor call; locals
    it reads are declared first (pure ones only); toggles are set to the method's side."""
    subs = dict(subs or {})
    prelude = []
    state = []
    fn = enclosing_function(call)
    for node in walk(call):
        if node.type != "identifier":
            continue
        parent = parent_of(node)
        if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("property") == node:
            continue
        if any(s <= node.start_byte and node.end_byte <= e for s, e in subs):
            continue
        text = file.text(node)
        if objects is not None and objects.denotes(file, node) == "param":
            subs[(node.start_byte, node.end_byte)] = VENDOR_CALL
            continue
        declaration = find_declaration(file.data, text, node)
        if declaration is None or fn is None:
            continue
        if call.start_byte <= declaration.node.start_byte and declaration.node.end_byte <= call.end_byte:
            continue  # declared inside the call (a callback's own parameter)
        if declaration.kind == "param" and declaration.node != fn:
            return None  # a value of the legacy function around it that the connector does not have
        if not (fn.start_byte <= declaration.node.start_byte and declaration.node.end_byte <= fn.end_byte):
            continue  # module state, or a closure the connector carries
        if declaration.kind == "param":
            return None  # a value only the legacy caller had
        if declaration.node.start_byte > call.start_byte or declaration.node in prelude:
            continue
        value = declaration.declarator.child_by_field_name("value")
        if value is None or not pure(file, value, set(), fn):
            return None
        prelude.append(declaration.node)
    toggle = _toggle_before(file, call)
    if toggle is not None:
        target, statement = toggle
        side = "false" if name in TOGGLES.values() else "true"
        state.append(f"{target} = {side}")
    prelude += _state_before(file, call, fn, toggle[1] if toggle is not None else None)
    prelude.sort(key=lambda node: node.start_byte)
    for declaration in list(prelude):
        value = declaration.named_children[-1].child_by_field_name("value") if declaration.named_children else None
        if value is not None and unwrap(value).type == "unary_expression" and file.text(unwrap(value)).startswith("!"):
            # `var next = !state.onHold;` a toggle of the legacy UI: the connector knows the side
            subs[(value.start_byte, value.end_byte)] = "false" if name in TOGGLES.values() else "true"
    return Action(name, file, call, api, prelude=[(file, d) for d in prelude], subs=subs, state=state)


def _state_before(file, call, fn, toggle) -> list:
    """The control handler's updates of the adapter's own state before the statement that holds ``call``
    (client-acd's hold button sets ``SP.requestedHold = true`` before its hold request): the connector's
    method makes them too. Only updates that read nothing of the handler or of a function around it
    (module state, page globals, literals): the method has none of those values."""
    if fn is None:
        return []
    body = fn.child_by_field_name("body")
    statement = call
    while statement is not None and parent_of(statement) is not None and parent_of(statement) != body:
        statement = parent_of(statement)
    statements = body_statements(fn)
    if statement is None or statement not in statements:
        return []
    out = []
    for earlier in statements[:statements.index(statement)]:
        if earlier == toggle or not state_update(file, earlier, set(), {}, fn):
            continue
        if all(_module_level(file, node) for node in walk(earlier) if node.type == "identifier"):
            out.append(earlier)
    return out


def _module_level(file, identifier) -> bool:
    """Is ``identifier`` a property name, a global, or a name declared outside every function?"""
    parent = parent_of(identifier)
    if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("property") == identifier:
        return True
    declaration = find_declaration(file.data, file.text(identifier), identifier)
    return declaration is None or (declaration.kind != "param" and enclosing_function(declaration.node) is None)


def _toggle_before(file, call):
    """``x = !x;`` just before the statement holding ``call``, where the call reads x."""
    statement = call
    while parent_of(statement) is not None and parent_of(statement).type not in ("statement_block", "program",
                                                                          "switch_case"):
        statement = parent_of(statement)
    previous = statement.prev_named_sibling
    while previous is not None and previous.type == "comment":
        previous = previous.prev_named_sibling
    if previous is None or previous.type != "expression_statement" or not previous.named_children:
        return None
    expression = unwrap(previous.named_children[0])
    if expression.type != "assignment_expression":
        return None
    left, right = expression.child_by_field_name("left"), unwrap(expression.child_by_field_name("right"))
    if right is None or right.type != "unary_expression" or not file.text(right).startswith("!"):
        return None
    target = compact(file, left)
    if compact(file, right)[1:] != target or target not in compact(file, call):
        return None
    return target, previous


# ------------------------------------------------------------------------------------- UI controls
CONTROL_WORDS = re.compile(r"(answer|accept|reject|decline|hang_?up|hangup|end_?call|mute|unmute|un_?hold|hold|"
                           r"resume|retrieve)", re.I)


def control_handlers(files) -> list[tuple[str, Fn]]:
    """Functions the legacy UI runs for a call control: click listeners of elements named like one
    (``#hold``, ``button.answer``, ``ui.mute``), functions named like one (toggleHold, hangup) and key
    branches (``if (event.key === 'h') command('hangup')`` is found by the command literal instead)."""
    out: list[tuple[str, Fn]] = []
    seen = set()
    for file in files:
        for region in file.regions:
            for call in calls(region.tree.root_node, region.tree.language):
                name = method(file, call)
                args = arguments(call)
                handler = None
                if name == "addEventListener" and len(args) >= 2 and string_value(file, args[0]) == "click":
                    handler = args[1]
                elif name in ("click", "on", "bind") and args:
                    handler = args[-1] if (name != "on" or string_value(file, args[0]) == "click") else None
                if handler is None:
                    continue
                element = receiver(call)
                word = _control_word(file, element)
                if word is None:
                    continue
                fn = resolve_function(files, file, handler)
                if fn is not None and (fn.file.display, fn.node.start_byte) not in seen:
                    seen.add((fn.file.display, fn.node.start_byte))
                    out.append((word, fn))
            for node in of_kinds(region.tree.root_node, region.tree.language, FUNCTION_TYPES | {"method_definition"}):
                if node.type in ("function_declaration", "method_definition") or (
                        node.type in FUNCTION_TYPES and parent_of(node) is not None and
                        parent_of(node).type in ("variable_declarator", "pair", "assignment_expression")):
                    fn = Fn(file, node)
                    name = fn.name
                    if name and method_for(name) and (file.display, node.start_byte) not in seen:
                        seen.add((file.display, node.start_byte))
                        out.append((name, fn))
    return out


def _control_word(file, element) -> str | None:
    if element is None:
        return None
    text = file.text(element)
    ids = re.findall(r"""['"]#?([\w.\- >#]+)['"]""", text) or [compact(file, element)]
    for candidate in ids:
        word = re.split(r"[\s>#.]+", candidate.strip())[-1] or candidate
        if method_for(word):
            return word
        found = CONTROL_WORDS.search(word)
        if found and method_for(found.group(1)):
            return found.group(1)
    return None


NETWORK = re.compile(r"^(\$|jQuery)\.(post|ajax|get)$|^fetch$|^axios(\.\w+)?$")


def network_actions(files, objects: CallObjects | None, api: str) -> dict[str, Action]:
    """Call controls the legacy code implemented on its own server (hold and resume over HTTP): the
    request made by the control's handler, directly or through a legacy function."""
    out: dict[str, Action] = {}
    for word, fn in control_handlers(files):
        name = method_for(word)
        if name not in ("hold", "resume"):
            continue
        for node in own_nodes(fn.node):
            if node.type != "call_expression":
                continue
            request = _request(files, fn.file, node, 3)
            if request is None:
                continue
            sides = [name] + ([TOGGLES[name]] if name in TOGGLES and _toggles(fn) else [])
            for side in sides:
                if side in out:
                    continue
                action = action_from_call(files, fn.file, node, side, f"{request} ({api})", objects)
                if action is not None:
                    out[side] = action
            break
    return out


def _toggles(fn: Fn) -> bool:
    return bool(re.search(r"=\s*!", fn.file.text(fn.node)))


def _request(files, file, call, depth: int) -> str | None:
    """What network request a call makes (itself, or a legacy function it calls)."""
    found = request_call(files, file, call, depth)
    return found[0] if found is not None else None


def request_call(files, file, call, depth: int) -> tuple[str, object, object] | None:
    """:func:`_request`, with the file and node of the request itself (the ``$.post(...)`` call, or the
    ``new XMLHttpRequest`` of the function that makes one): (what it is, file, node)."""
    name = callee(file, call)
    if NETWORK.match(name) or name.endswith(("XMLHttpRequest", ".send")):
        return f"{name}(...)", file, call
    if depth <= 0:
        return None
    target = resolve_function(files, file, call.child_by_field_name("function"))
    if target is None:
        return None
    for node in own_nodes(target.node):
        if node.type == "new_expression" and "XMLHttpRequest" in target.file.text(node):
            return f"{name}(...) (an XMLHttpRequest)", target.file, node
        if node.type == "call_expression":
            inner = request_call(files, target.file, node, depth - 1)
            if inner is not None:
                return f"{name}(...) -> {inner[0]}", inner[1], inner[2]
    return None


# ------------------------------------------------------------------------------------- events
NUMBER_FIELDS = re.compile(r"^(from|ani|caller|caller_?id|caller_?number|calling_?number|phone|phone_?number|number|"
                           r"remote|remote_?number|party_?number|cli|customer_?number)$", re.I)
ID_FIELDS = re.compile(r"^(call_?id|callid|id|uuid|call_?sid|sid|interaction_?id|session_?id|call_?uuid)$", re.I)


def detail_reads(files, fn: Fn, param: str, depth: int = 2) -> list[tuple[str, object, object]]:
    """Paths read from a handler's event parameter (``call.remoteNumber``), in the handler and the
    functions it passes the parameter (or a part of it) to: (path from the parameter, file, node)."""
    out = []
    file = fn.file
    for node in walk(fn.node):
        if node.type != "member_expression":
            continue
        parent = parent_of(node)
        if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == node:
            continue
        text = compact(file, node)
        if not text.startswith(param + ".") or not re.fullmatch(r"[\w$.]+", text):
            continue
        declaration = find_declaration(file.data, param, node)
        if declaration is None or declaration.node != fn.node:
            continue
        out.append((text[len(param) + 1:], file, node))
    if depth > 0:
        for node in own_nodes(fn.node):
            if node.type != "call_expression":
                continue
            for index, arg in enumerate(arguments(node)):
                text = compact(fn.file, arg)
                if text != param and not text.startswith(param + "."):
                    continue
                target = resolve_function(files, fn.file, node.child_by_field_name("function"))
                if target is None or index >= len(target.params) or target.params[index] == "{...}":
                    continue
                prefix = text[len(param) + 1:] if text != param else ""
                for path, f, n in detail_reads(files, target, target.params[index], depth - 1):
                    out.append(((prefix + "." if prefix else "") + path, f, n))
    return out


def call_key(files, handlers: list[tuple[Fn, str]], field_name: str) -> tuple[str, str] | None:
    """The legacy code's own key for the vendor's call, when a handler hands the call (``param``) to a function
    declared at the top of its file that only computes a value from it, reading the id field the listeners
    would use (``const callId = (call) => `${call.pbxRoomId}-${call.id}```: the widget numbers calls per room):
    (the function's name, where it is). The connector identifies calls by that key, as the legacy code did,
    so two calls with the same ``id`` in different rooms stay two calls."""
    for fn, param in handlers:
        for node in own_nodes(fn.node):
            if node.type != "call_expression":
                continue
            function = unwrap(node.child_by_field_name("function"))
            args = arguments(node)
            if function is None or function.type != "identifier" or len(args) != 1 or \
                    compact(fn.file, args[0]) != param:
                continue
            name = fn.file.text(function)
            declaration = find_declaration(fn.file.data, name, function)
            holder = parent_of(declaration.node) if declaration is not None else None
            if holder is not None and holder.type == "export_statement":
                holder = parent_of(holder)
            if declaration is None or declaration.kind not in ("function", "const") or holder is None or \
                    holder.type != "program":
                continue
            target = resolve_function(files, fn.file, function)
            if target is None or len(target.params) != 1 or target.params[0] == "{...}":
                continue
            body = target.node.child_by_field_name("body")
            value = None
            if body is not None and body.type != "statement_block":
                value = unwrap(body)
            else:
                statements = body_statements(target.node)
                if len(statements) == 1 and statements[0].type == "return_statement":
                    value = next((c for c in statements[0].named_children if c.type != "comment"), None)
            key = target.params[0]
            if value is None or not pure(target.file, value, {key}, target.node) or \
                    not any(n.type == "member_expression" and compact(target.file, n) == f"{key}.{field_name}"
                            for n in walk(value)):
                continue
            return name, target.where()
    return None


def pick(reads, pattern) -> tuple[str, object, object] | None:
    for path, file, node in reads:
        if pattern.match(path.split(".")[-1]):
            return path, file, node
    return None


@dataclass
class Branch:
    """One way a message handler dispatches: ``<discriminator> === '<value>'`` and what it runs."""

    value: str
    condition: str  # JavaScript, in the handler's terms
    statements: list  # the statements the branch runs
    node: object  # the if/case node


def dispatch_branches(file, fn) -> tuple[list, list[Branch]]:
    """(local declarations before the dispatch, branches) of a handler that dispatches on a string
    field of its event (if/else-if chains and switch statements, also inside a leading guard)."""
    declarations, branches = [], []
    for statement in _flatten(fn):
        if statement.type in ("lexical_declaration", "variable_declaration"):
            declarations.append(statement)
        elif statement.type == "if_statement":
            _if_branches(file, statement, branches)
        elif statement.type == "switch_statement":
            value = statement.child_by_field_name("value")
            body = statement.child_by_field_name("body")
            discriminator = compact(file, unwrap(value)) if value is not None else ""
            if body is None:
                continue
            for case in body.named_children:
                if case.type != "switch_case":
                    continue
                literal = string_value(file, case.child_by_field_name("value"))
                if literal is None:
                    continue
                statements = [s for s in case.named_children[1:] if s.type not in ("comment", "break_statement")]
                branches.append(Branch(literal, f"{discriminator} === {_quote(literal)}", statements, case))
    return declarations, branches


def _flatten(fn):
    for statement in [s for s in (fn.child_by_field_name("body").named_children
                                  if fn.child_by_field_name("body") is not None and
                                  fn.child_by_field_name("body").type == "statement_block" else [])]:
        yield statement


def _if_branches(file, statement, branches: list) -> None:
    while statement is not None and statement.type == "if_statement":
        condition = unwrap(statement.child_by_field_name("condition"))
        if condition is not None and condition.type == "binary_expression":
            operator = condition.child_by_field_name("operator")
            left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
            if operator is not None and file.text(operator) in ("===", "=="):
                literal = string_value(file, right)
                side = left
                if literal is None:
                    literal, side = string_value(file, left), right
                if literal is not None and unwrap(side).type in ("member_expression", "identifier"):
                    consequence = statement.child_by_field_name("consequence")
                    body = [s for s in consequence.named_children if s.type != "comment"] \
                        if consequence.type == "statement_block" else [consequence]
                    branches.append(Branch(literal, f"{compact(file, unwrap(side))} === {_quote(literal)}", body,
                                           statement))
        alternative = statement.child_by_field_name("alternative")
        if alternative is None:
            return
        inner = [c for c in alternative.named_children if c.type != "comment"]
        statement = inner[0] if inner else None
        if statement is not None and statement.type == "statement_block":
            return


def _quote(value: str) -> str:
    from ..escape import js_string

    return js_string(value).replace('"', "'") if "'" not in value and "\\" not in value else js_string(value)


def functions_in(files):
    for file in files:
        for region in file.regions:
            for node in of_kinds(region.tree.root_node, region.tree.language, FUNCTION_TYPES):
                yield Fn(file, node)


def inside(node, fn_nodes) -> bool:
    return any(fn == node or fn.start_byte <= node.start_byte and node.end_byte <= fn.end_byte
               for fn in fn_nodes)


def outermost_sources(files, fn: Fn, index: int):
    """Values a wrapper's parameter receives, with the outermost call making it (``control('answer')``)."""
    out = []
    for file, value, chain in param_sources(files, fn, index):
        out.append((file, value, chain[0][1] if chain else None))
    return out


__all__ = ["CallObjects", "action_from_call", "control_handlers", "network_actions", "detail_reads", "pick",
           "dispatch_branches", "Branch", "method_for", "NUMBER_FIELDS", "ID_FIELDS", "TOGGLES", "snake",
           "functions_in", "inside", "outermost_sources", "params", "enclosing_functions"]


def hold_auto_answer(files, surface) -> str:
    """What the resume() TODO must add when the legacy incoming handler answered a call returning from hold
    on its own: the hold code set a flag (``SP.requestedHold = true``) and the incoming handler, under ``if``
    on that flag, answered (a button's ``.click()`` or an ``.accept()``). The connector does not carry it."""
    hold = surface.actions.get("hold")
    fn = enclosing_function(hold.node) if hold is not None else None
    if fn is None:
        return ""
    flags = set()
    # the function that holds, and the functions it calls (``holdCall(conn)`` setting the flag beside its request)
    scopes = [(hold.file, fn)]
    for node in own_nodes(fn):
        called = resolve_function(files, hold.file, node.child_by_field_name("function")) \
            if node.type == "call_expression" else None
        if called is not None:
            scopes.append((called.file, called.node))
    for file, scope in scopes:
        for node in own_nodes(scope):
            if node.type == "assignment_expression":
                right = node.child_by_field_name("right")
                if right is not None and right.type == "true":
                    flags.add(compact(file, node.child_by_field_name("left")))
    if not flags:
        return ""
    for hook in surface.hooks:
        handler = hook.handler
        if handler is None or not any(p.kind == "incoming" for p in hook.publishes):
            continue
        for node in own_nodes(handler.node):
            if node.type != "if_statement":
                continue
            test = unwrap(node.child_by_field_name("condition"))
            if test is not None and test.type == "binary_expression" and \
                    handler.file.text(test.child_by_field_name("operator")) in ("==", "===") and \
                    test.child_by_field_name("right").type == "true":
                test = test.child_by_field_name("left")
            if test is None or compact(handler.file, test) not in flags:
                continue
            answer = next((c for c in walk(node.child_by_field_name("consequence"))
                           if c.type == "call_expression" and method(handler.file, c) in ("click", "accept")
                           and (method(handler.file, c) == "accept" or not arguments(c))), None)
            if answer is None:
                continue
            said = " ".join(handler.file.text(unwrap(node.child_by_field_name("condition"))).split())
            return (f" The legacy incoming handler answered a call returning from hold by itself "
                    f"({handler.file.where(node)}: `if ({said})`, a flag the hold at {hold.where} set, then "
                    f"{' '.join(handler.file.text(answer).split())}): the connector "
                    "does not carry that answer (its listener replaces that handler and only publishes the call; "
                    "answering is Salesforce's, through acceptCall()), so the returning call reaches Salesforce as a "
                    "new incoming call the agent answers; if resume() should answer it, accept that call here "
                    "before resolving.")
    return ""
