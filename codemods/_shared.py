"""Pieces every codemod uses: module helpers, callbacks kept working, query strings turned into objects.

Not a codemod itself (the leading underscore keeps it out of the registry).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ctimod.codemod import LWC, CallSite, RenderContext, Unsupported
from ctimod.escape import js_comment, js_string  # noqa: F401  (re-exported for the codemods)
from ctimod.legacy import js_string_value, parent_of, unwrap

# Module-level helpers (macros of lwc_templates/helpers/module.js.j2): the helpers each one calls,
# and what it imports when it lands in the LWC.
HELPERS: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {
    "ctimodRespond": (("ctimodErrors",), {}),
    "ctimodRespondClassic": (("ctimodErrors",), {}),
    "ctimodSaveLog": (("ctimodSaveRecord",), {}),
    "ctimodSaveRecord": ((), {"lightning/uiRecordApi": ("createRecord", "updateRecord")}),
    "ctimodPageReference": ((), {"lightning/pageReferenceUtils": ("encodeDefaultFieldValues",)}),
    "ctimodScreenPop": (("ctimodPageReference",), {}),
    "ctimodScreenPopOptions": (("ctimodScreenPop", "ctimodRespond"), {}),
}


def helper(r: RenderContext, name: str, called: bool = True) -> str:
    """Use a module helper (and what it needs) in the text being produced; returns its name."""
    requires, imports = HELPERS.get(name, ((), {}))
    for dependency in requires:
        helper(r, dependency, called=False)
    if r.home == LWC:
        for module, names in imports.items():
            r.lwc_import(module, *names)
    return r.helper(name, requires, called)


def literal_string(site: CallSite, node) -> str | None:
    """The value of a string literal (or a template literal without substitutions), else None."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "string" or (node.type == "template_string" and
                                  not any(c.type == "template_substitution" for c in node.named_children)):
        return js_string_value(site.file.text(node)[1:-1])
    return None


def handler_text(r: RenderContext, node) -> str:
    """The callback/listener as a function expression (a `callback(r) {}` method becomes a function)."""
    if node.type == "method_definition":
        params = node.child_by_field_name("parameters")
        body = node.child_by_field_name("body")
        is_async = any(c.type == "async" for c in node.children[:1])
        prefix = "async function " if is_async else "function "
        return prefix + r.expr(params) + " " + r.expr(body)
    return r.expr(node)


def handles_failure(handler) -> bool:
    """Does this inline callback look at Open CTI's failure fields (``response.success``, ``response.error``,
    ``response.errors``) of its first parameter? Only such a callback is answered with a failure: one that
    reads the result unchecked would go on as if the call had worked (a token request for client "null")."""
    fn = unwrap(handler)
    if fn is None or fn.type not in ("function_expression", "function", "arrow_function"):
        return False
    params = fn.child_by_field_name("parameters")
    first = params.named_children[0] if params is not None and params.named_children else \
        fn.child_by_field_name("parameter")
    body = fn.child_by_field_name("body")
    if first is None or first.type != "identifier" or body is None:
        return False
    name = re.escape(first.text.decode("utf-8", "replace"))
    return re.search(rf"(?<![\w$.]){name}\s*\.\s*(success|errors?)\b", body.text.decode("utf-8", "replace")) is not None


def callback_label(fn) -> str:
    """A callback expression as one line of report text (its first 60 characters)."""
    return " ".join(fn.text.decode("utf-8", "replace").split())[:60]


def never_called(handler) -> str | None:
    """What the report says of a callback that a plain TODO stands in for: it is never called, and why
    (None: no callback was given)."""
    fn = unwrap(handler)
    if fn is None or fn.type in ("null", "undefined") or \
            (fn.type == "identifier" and fn.text in (b"undefined", b"null")):
        return None
    if fn.type in ("function_expression", "function", "arrow_function"):
        return ("the callback it was given is never called there: it reads the result without checking Open CTI's "
                "failure fields (success, error, errors), so ctimod does not answer it with the failure response "
                "(its success path would run on a result the call never produced); what the callback does, and "
                "anything that waits for it, does not happen there")
    if fn.type == "option_path":  # options not written in the call: whatever its `callback` holds at run time
        return (f"the callback its options hold in `{fn.key}` (read at run time), if any, is never called there: "
                "ctimod answers only an inline callback that checks Open CTI's failure fields (success, error, "
                "errors) with the failure response; what that callback does, and anything that waits for it, "
                "does not happen there")
    name = callback_label(fn)
    return (f"the callback it was given, {name}, is never called there: ctimod answers only an inline callback "
            "that checks Open CTI's failure fields (success, error, errors) with the failure response, and "
            f"{name} is {'passed by name' if fn.type in ('identifier', 'member_expression') else 'not written inline'}; "
            f"what {name} does, and anything that waits for it, does not happen there")


def unsupported(reason: str, handler, *, classic: bool = False) -> Unsupported:
    """The call cannot run in this home: a TODO in its place and, when the legacy code passed a
    callback, that callback still called, with Open CTI's failure response (Lightning ``{success: false,
    returnValue: null, errors: [{code: 'GENERIC_ERROR', description: 'ctimod TODO: ...'}]}``, Classic
    ``{result: false, error}`` for a member whose result says whether it worked, else ``{result: null, error}``).
    Open CTI answered failures that way, so the legacy code's own error
    handling runs, and so does what its callback continues with (a ``done()`` it calls); a TODO comment
    alone would drop the callback and everything after it, silently. Only a callback that checks for
    failure is answered so (:func:`handles_failure`); any other keeps the plain TODO."""
    if handler is None or not handles_failure(handler):
        unanswered = never_called(handler)
        fn = unwrap(handler)
        named = fn is not None and fn.type in ("identifier", "member_expression")
        return Unsupported(reason, unanswered=unanswered,
                           callback=(f"its callback {callback_label(fn)}" if named else "its callback")
                           if unanswered else None)

    def produce(r: RenderContext) -> str:
        error = js_string(f"ctimod TODO: {reason} (see MIGRATION.md)")
        return respond(r, f"Promise.reject(new Error({error})) /* TODO(ctimod): {js_comment(reason)} */", handler,
                       classic=classic)

    return Unsupported(reason, produce)


# Classic members whose result is a boolean saying whether the call worked (reference §2.2, §2.3: screenPop,
# setVisible, refreshPage...): Open CTI's failure answered result false. The others answer a value (a JSON
# string, Apex's string, the answer to a question such as isVisible or isInConsole): a failure has none (null).
CLASSIC_BOOLEAN_RESULTS = frozenset({"disableClickToDial", "enableClickToDial", "refreshObject", "refreshPage",
                                     "refreshRelatedList", "saveLog", "screenPop", "setSoftphoneHeight",
                                     "setSoftphoneWidth", "setVisible"})


def classic_member(handler) -> str | None:
    """The member of the Classic call a callback is passed to (``sforce.interaction.setVisible(true, cb)`` ->
    setVisible), or None."""
    node = handler if hasattr(handler, "type") and hasattr(handler, "start_byte") else None
    parent = parent_of(node) if node is not None else None
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent_of(parent)
    call = parent_of(parent) if parent is not None and parent.type == "arguments" else None
    function = call.child_by_field_name("function") if call is not None else None
    prop = function.child_by_field_name("property") if function is not None and \
        function.type == "member_expression" else None
    return prop.text.decode("utf-8", "replace") if prop is not None else None


def respond(r: RenderContext, promise: str, handler, *, classic: bool = False, value: str | None = None,
            fields: str | None = None, fails: bool = True) -> str:
    """``promise``, with the legacy callback (if any) still called the way Open CTI called it.

    Lightning callbacks receive ``{success, returnValue, errors}``, Classic ones ``{result, error}``;
    ``value`` maps the new API's result to what the legacy code read (e.g. ``r => ({ runApex: r })``);
    ``fields`` (Classic) maps it to the response's other keys (saveLog's ``{ id }``). ``fails`` False: the
    promise never rejects (``Promise.resolve(true)`` for a removed call), so no failure result is passed.
    """
    if handler is None:
        return promise
    name = helper(r, "ctimodRespondClassic" if classic else "ctimodRespond")
    args = [promise, handler_text(r, handler)]
    if value or fields:
        args.append(value or "undefined")
    if fields:
        args.append(fields)
    if fails and classic and classic_member(handler) in CLASSIC_BOOLEAN_RESULTS:  # a failure's result: false
        args += ["undefined"] * (4 - len(args)) + ["false"]
    return f"{name}({', '.join(args)})"


def option_or_positional(site: CallSite, key: str, index: int):
    node = site.option(key)
    return node if node is not None else (site.positional(index) if site.options_node is None else None)


def object_pairs(site: CallSite, node) -> list[tuple[str, object]] | None:
    """(key, value node) of an object literal, or None when it is not one (or has spreads/methods)."""
    node = unwrap(node)
    if node is None or node.type != "object":
        return None
    pairs = []
    for child in node.named_children:
        if child.type == "pair":
            key = child.child_by_field_name("key")
            raw = site.file.text(key)
            if key.type == "computed_property_name":
                return None
            pairs.append((raw[1:-1] if key.type == "string" else raw, child.child_by_field_name("value")))
        elif child.type == "shorthand_property_identifier":
            pairs.append((site.file.text(child), child))
        elif child.type == "comment":
            continue
        else:
            return None
    return pairs


def key_js(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_$][\w$]*", key) else js_string(key)


# ---------------------------------------------------------------------------------------- query strings
def _concat_parts(site: CallSite, node) -> list | None:
    """Flatten 'a=' + x + '&b=' + y into ['a=', node(x), '&b=', node(y)]."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "binary_expression":
        operator = node.child_by_field_name("operator")
        if operator is not None and site.file.text(operator) == "+":
            left = _concat_parts(site, node.child_by_field_name("left"))
            right = _concat_parts(site, node.child_by_field_name("right"))
            if left is None or right is None:
                return None
            return left + right
    literal = literal_string(site, node)
    if literal is not None:
        return [literal]
    if node.type == "template_string":
        parts: list = []
        raw_start = node.start_byte + 1
        for child in node.named_children:
            if child.type == "template_substitution":
                parts.append(site.file.source[raw_start:child.start_byte].decode("utf-8", "replace"))
                inner = [c for c in child.named_children if c.type != "comment"]
                if len(inner) != 1:
                    return None
                parts.append(inner[0])
                raw_start = child.end_byte
        parts.append(site.file.source[raw_start:node.end_byte - 1].decode("utf-8", "replace"))
        return [p for p in parts if p != ""]
    return [node]


def _strip_encoding(site: CallSite, node):
    """encodeURIComponent(x) in a query string: the fields object wants x itself."""
    node = unwrap(node)
    if node is not None and node.type == "call_expression":
        function = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if function is not None and site.file.text(function) in ("encodeURIComponent", "encodeURI", "escape") \
                and args is not None and len(args.named_children) == 1:
            return args.named_children[0]
    return node


def query_fields(site: CallSite, node) -> list[tuple[str, list]] | None:
    """'Subject=Call&WhoId=' + id -> [('Subject', ['Call']), ('WhoId', [node])], or None if not static."""
    parts = _concat_parts(site, node)
    if parts is None:
        return None
    fields: list[tuple[str, list]] = []
    key, value, in_value = "", [], False
    for part in parts:
        if isinstance(part, str):
            for ch in part:
                if ch == "&":
                    if key or value:
                        fields.append((unquote(key), value))
                    key, value, in_value = "", [], False
                elif ch == "=" and not in_value:
                    in_value = True
                elif in_value:
                    if value and isinstance(value[-1], str):
                        value[-1] += ch
                    else:
                        value.append(ch)
                else:
                    key += ch
        else:
            if not in_value:
                return None  # a key computed at run time
            stripped = _strip_encoding(site, part)
            if stripped is part and _holds_separator(site, part):
                return None  # (x ? '&WhoId=' + x : ''): fields chosen at run time
            value.append(stripped)
    if key or value:
        fields.append((unquote(key), value))
    if any(not re.fullmatch(r"[A-Za-z_][\w.]*", k) for k, _ in fields):
        return None
    return fields


def _holds_separator(site: CallSite, node) -> bool:
    """A run-time part of a query string whose own text adds fields: a string in it holds '&'."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("string", "template_string") and "&" in site.file.text(current):
            return True
        stack.extend(current.named_children)
    return False


# Expressions that stay one operand of `+` without parentheses.
_OPERANDS = frozenset({"identifier", "member_expression", "subscript_expression", "call_expression", "string",
                       "template_string", "number", "parenthesized_expression", "this", "true", "false", "null",
                       "undefined", "property_identifier"})


def fields_object(r: RenderContext, fields: list[tuple[str, list]]) -> str:
    """The fields of a query string as an object literal. A value built of several parts is their
    concatenation, as the legacy string was: a part that is not a single operand keeps its parentheses
    ('Subject=Call from ' + (name || number)), and two run-time parts in a row start from '' (so
    'Count=' + a + b joins a and b as text, not as a sum)."""
    items = []
    for key, value in fields:
        pieces = []
        for v in value:
            if isinstance(v, str):
                pieces.append(js_string(unquote(v)))
            elif len(value) > 1 and v.type not in _OPERANDS:
                pieces.append(f"({r.expr(v)})")
            else:
                pieces.append(r.expr(v))
        if len(value) > 1 and not isinstance(value[0], str) and not isinstance(value[1], str):
            pieces.insert(0, js_string(""))
        items.append(f"{key_js(key)}: {' + '.join(pieces) if pieces else js_string('')}")
    return "{ " + ", ".join(items) + " }"
