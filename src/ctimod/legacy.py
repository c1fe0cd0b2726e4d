"""The legacy code model used by convert: functions, declarations, scopes and free identifiers.

Convert moves pieces of legacy adapters (handler and callback bodies, the functions around
Open CTI calls) into new homes. This module answers the questions that needs: which function
encloses a call and what is it called, where is a name declared, which names does a piece of
code use that it does not declare itself. It works on tree-sitter trees of JavaScript or
TypeScript and never re-prints code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

FUNCTION_TYPES = {"function_declaration", "function_expression", "function", "arrow_function",
                  "method_definition", "generator_function_declaration", "generator_function"}
SCOPE_TYPES = FUNCTION_TYPES | {"program", "statement_block", "class_body", "for_statement", "for_in_statement",
                                "catch_clause", "class_static_block", "switch_body"}

# Names a browser or Node provides; a moved piece of code may use them freely.
BUILTINS = frozenset("""
undefined NaN Infinity globalThis arguments this super eval isNaN isFinite parseInt parseFloat encodeURIComponent
decodeURIComponent encodeURI decodeURI escape unescape Object Function Array Number String Boolean Symbol BigInt
Date Math JSON RegExp Error TypeError RangeError SyntaxError ReferenceError EvalError URIError AggregateError
Promise Map Set WeakMap WeakSet WeakRef Proxy Reflect Intl ArrayBuffer DataView Int8Array Uint8Array
Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array Float32Array Float64Array BigInt64Array
BigUint64Array Atomics SharedArrayBuffer window self top parent frames document navigator location history
screen console localStorage sessionStorage fetch XMLHttpRequest setTimeout setInterval clearTimeout clearInterval
requestAnimationFrame cancelAnimationFrame queueMicrotask structuredClone Event CustomEvent EventTarget
MessageChannel MessagePort MessageEvent URL URLSearchParams crypto performance atob btoa alert confirm prompt
Audio Blob File FileReader FormData Headers Request Response WebSocket Worker HTMLElement Element Node
NodeList getComputedStyle matchMedia AbortController TextEncoder TextDecoder Notification MutationObserver
ResizeObserver IntersectionObserver DOMParser Image Option KeyboardEvent MouseEvent origin opener
""".split())


def text(data: bytes, node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8", "replace")


_JS_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-3][0-7]{0,2}|[4-7][0-7]?|\r\n|[\s\S])")
_JS_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v",
                      "\n": "", "\r": "", "\r\n": "", "\u2028": "", "\u2029": ""}  # line continuations


def js_string_value(body: str) -> str:
    """The value of a JavaScript string literal's body (without its quotes): escapes decoded, as an
    engine would (\\x41, \\u0041, \\u{1F600}, legacy octal, line continuations, surrogate pairs)."""
    def decode(match) -> str:
        escape = match.group(1)
        if escape[0] == "u":
            code = int(escape[2:-1] if escape[1] == "{" else escape[1:], 16)
            return chr(code) if code <= 0x10FFFF else match.group(0)
        if escape[0] == "x":
            return chr(int(escape[1:], 16))
        if escape[0] in "01234567":
            return chr(int(escape, 8) & 0xFF)
        return _JS_SIMPLE_ESCAPES.get(escape, escape)

    if "\\" not in body:
        return body
    value = _JS_ESCAPE.sub(decode, body)
    # Escaped surrogate pairs (\\uD83D\\uDE00) were decoded one half at a time: join them.
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def unwrap(node):
    """Skip parentheses, TypeScript casts and non-null assertions."""
    while node is not None and node.type in ("parenthesized_expression", "as_expression", "non_null_expression",
                                             "satisfies_expression") and node.named_children:
        node = node.named_children[0]
    return node


# ------------------------------------------------------------------------------------------ parents
# tree-sitter's ``Node.parent`` walks down from the root on every call, so climbing from a node nested
# *d* deep costs O(d²) (minutes at depth 10,000). Convert asks for parents through :func:`parent_of`,
# which walks down once per node with a tree cursor from the nearest node it knows, remembers every
# parent it passes, and answers again from that memory: climbing costs O(d) once.
_PARENTS: dict = {}  # node -> its parent (None for a root)
_FINGERS: dict = {}  # root node of a remembered tree -> the path last walked down from it (root first)
_ENCLOSING: dict = {}  # node -> the function enclosing it (see enclosing_function)
_STATEMENTS: dict = {}  # node -> the statement holding it (see statement_of)
MAX_TREES = 64  # trees remembered at once (each keeps its tree alive)
TREES_TRIED = 3  # remembered trees searched for a node before asking tree-sitter
_UNKNOWN = object()


def remember_tree(root) -> None:
    """Make the parents of ``root``'s tree cheap to ask for (convert calls this for every legacy tree)."""
    if root in _FINGERS:
        return
    if len(_FINGERS) >= MAX_TREES:  # a cache: forgetting costs only speed
        forget_trees()
    _FINGERS[root] = [root]
    _PARENTS[root] = None


RUN_CACHES: list[dict] = []  # other modules' caches of one run's nodes or files, dropped with the trees


def forget_trees() -> None:
    """Drop every remembered parent (and the trees they keep alive): convert calls this when it is done.
    parse_text()'s few last trees stay (a bounded cache): the bundle's tests, written after convert, read the
    modules convert checked last."""
    for cache in RUN_CACHES:
        cache.clear()
    _KINDS.clear()
    _TREE_NODES.clear()
    _TREE_PARENTS.clear()
    _FINGERS.clear()
    _PARENTS.clear()
    _ENCLOSING.clear()
    _STATEMENTS.clear()
    _SCOPES.clear()  # (its block nodes keep their trees alive too)


def _walk_down(path: list, target) -> bool:
    """Extend ``path`` (a chain of nodes from a root) down to ``target``; False if it is not below path[-1]."""
    start, end = target.start_byte, target.end_byte
    node = path[-1]
    if not (node.start_byte <= start and end <= node.end_byte):
        return False
    cursor = node.walk()
    parents = _PARENTS
    while cursor.goto_first_child_for_byte(start) is not None:
        child = cursor.node
        if child.start_byte > start or child.end_byte < end:
            return False
        parents[child] = node
        path.append(child)
        if child == target:
            return True
        node = child
    return False


def parent_of(node):
    """``node.parent``, in time that does not grow with the node's depth once its tree is remembered."""
    found = _PARENTS.get(node, _UNKNOWN)
    if found is not _UNKNOWN:
        return found
    if node.start_byte < node.end_byte:
        start, end = node.start_byte, node.end_byte
        # The tree used last first, and only a few: a node of a tree convert does not know (or a tree it
        # forgot) must not cost a walk down every remembered tree.
        for root in list(reversed(_FINGERS))[:TREES_TRIED]:
            path = _FINGERS[root]
            # The finger is a chain from the root; the deepest node on it that holds the node's bytes is its
            # ancestor (in its own tree), so the walk goes on from there. Failing, the node is in another tree.
            while len(path) > 1 and not (path[-1].start_byte <= start and end <= path[-1].end_byte):
                path.pop()
            if _walk_down(path, node):
                _FINGERS[root] = _FINGERS.pop(root)
                return _PARENTS[node]
    found = _PARENTS[node] = node.parent  # a tree convert does not know, or an empty node
    return found


def enclosing_function(node):
    """The nearest function around ``node`` (None at top level). Remembered for every node passed, so the
    calls nested in one deep expression cost one climb between them, not one each."""
    passed = []
    current = parent_of(node)
    found = None
    while current is not None:
        known = _ENCLOSING.get(current, _UNKNOWN)
        if known is not _UNKNOWN:
            found = known
            break
        if current.type in FUNCTION_TYPES:
            found = current
            break
        passed.append(current)
        current = parent_of(current)
    for other in passed:
        _ENCLOSING[other] = found
    return found


def is_function(node) -> bool:
    return node is not None and node.type in FUNCTION_TYPES


def _camel(words: list[str]) -> str:
    words = [w for w in words if w]
    if not words:
        return ""
    return words[0][:1].lower() + words[0][1:] + "".join(w[:1].upper() + w[1:] for w in words[1:])


def identifier_from(raw: str, prefix: str = "") -> str:
    """A JavaScript identifier made from arbitrary text ('call.ringing' -> 'onCallRinging')."""
    words = re.findall(r"[A-Za-z0-9]+", raw)
    name = _camel(([prefix] if prefix else []) + words)
    if not name or not re.match(r"[A-Za-z_$]", name):
        name = (prefix or "legacy") + "".join(w[:1].upper() + w[1:] for w in words)
    return name


def function_name(data: bytes, fn) -> str | None:
    """The name a function is known by: declared, a method, a variable, a property or an assignment."""
    name = fn.child_by_field_name("name")
    if name is not None:
        value = text(data, name)
        return value[1:-1] if name.type == "string" else value
    holder = parent_of(fn)
    while holder is not None and holder.type in ("parenthesized_expression", "as_expression"):
        holder = parent_of(holder)
    if holder is None:
        return None
    if holder.type == "variable_declarator":
        target = holder.child_by_field_name("name")
        return text(data, target) if target is not None and target.type == "identifier" else None
    if holder.type == "pair":
        key = holder.child_by_field_name("key")
        if key is None:
            return None
        raw = text(data, key)
        raw = raw[1:-1] if key.type == "string" else raw
        return raw if re.fullmatch(r"[A-Za-z_$][\w$]*", raw) else identifier_from(raw, "on")
    if holder.type == "assignment_expression":
        left = holder.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            return text(data, left)
        if left is not None and left.type == "member_expression":
            prop = left.child_by_field_name("property")
            return text(data, prop) if prop is not None else None
    if holder.type in ("field_definition", "public_field_definition"):
        prop = holder.child_by_field_name("property") or holder.child_by_field_name("name")
        return text(data, prop) if prop is not None else None
    return None


def callback_context_name(data: bytes, fn) -> str | None:
    """A name for an anonymous function passed to a call, e.g. device.on('incoming', fn) -> onDeviceIncoming."""
    arguments = parent_of(fn)
    if arguments is None or arguments.type != "arguments":
        return None
    call = parent_of(arguments)
    callee = call.child_by_field_name("function") if call is not None else None
    if callee is None:
        return None
    strings = [text(data, a)[1:-1] for a in arguments.named_children if a.type == "string"]
    if callee.type == "member_expression":
        obj = callee.child_by_field_name("object")
        prop = callee.child_by_field_name("property")
        words = [text(data, obj).split(".")[-1] if obj is not None and obj.type in ("identifier", "member_expression")
                 else "", text(data, prop) if prop is not None else ""]
    else:
        words = [text(data, callee)]
    if strings:
        words = [words[0], strings[0]]
    name = identifier_from(" ".join(words), "on")
    return name if len(name) > 2 else None


@dataclass
class Declaration:
    name: str
    node: object  # the declaring statement (function_declaration, lexical_declaration, ...)
    declarator: object  # the variable_declarator, or the function/class node
    kind: str  # function | var | let | const | class | param


_SCOPES: dict[object, tuple[bytes, dict[str, Declaration]]] = {}


def _declarations_in(block, data: bytes) -> dict[str, Declaration]:
    """Declarations directly in a scope body (hoisted vars and functions included), cached per block:
    convert asks about many names from many call sites inside the same long function bodies."""
    cached = _SCOPES.get(block)  # nodes hash by tree and position; a cached node keeps its tree alive
    if cached is not None and cached[0] is data:
        return cached[1]
    if len(_SCOPES) > 4096:
        _SCOPES.clear()
    out = _scan_declarations(block, data)
    _SCOPES[block] = (data, out)
    return out


def _scan_declarations(block, data: bytes) -> dict[str, Declaration]:
    out: dict[str, Declaration] = {}
    for statement in block.named_children:
        if statement.type == "export_statement":
            inner = statement.child_by_field_name("declaration")
            if inner is None:
                continue
            statement = inner
        if statement.type in ("function_declaration", "generator_function_declaration", "class_declaration"):
            name = statement.child_by_field_name("name")
            if name is not None:
                kind = "class" if statement.type == "class_declaration" else "function"
                out.setdefault(text(data, name), Declaration(text(data, name), statement, statement, kind))
        elif statement.type in ("lexical_declaration", "variable_declaration"):
            kind = "var" if statement.type == "variable_declaration" else text(data, statement.children[0])
            for declarator in statement.named_children:
                if declarator.type != "variable_declarator":
                    continue
                target = declarator.child_by_field_name("name")
                if target is not None and target.type == "identifier":
                    out.setdefault(text(data, target), Declaration(text(data, target), statement, declarator, kind))
    return out


def enclosing_scope(at):
    """The nearest ancestor of ``at`` that find_declaration looks in: nodes with the same one resolve
    every name alike."""
    current = parent_of(at)
    while current is not None and current.type not in FUNCTION_TYPES and \
            current.type not in ("program", "statement_block"):
        current = parent_of(current)
    return current


def find_declaration(data: bytes, name: str, at) -> Declaration | None:
    """The declaration ``name`` refers to at node ``at`` (walking out through enclosing scopes)."""
    current = parent_of(at)
    while current is not None:
        if current.type in FUNCTION_TYPES:
            params = current.child_by_field_name("parameters")
            single = current.child_by_field_name("parameter")
            for param in ([single] if single is not None else []) + (params.named_children if params else []):
                if name in pattern_names(data, param):
                    return Declaration(name, current, param, "param")
            body = current.child_by_field_name("body")
            if body is not None and body.type == "statement_block":
                found = _declarations_in(body, data).get(name)
                if found is not None:
                    return found
        elif current.type in ("program", "statement_block"):
            found = _declarations_in(current, data).get(name)
            if found is not None:
                return found
        current = parent_of(current)
    return None


def pattern_names(data: bytes, node) -> list[str]:
    """Names bound by a parameter or destructuring pattern, in source order. Iterative: a pattern nested
    any number of levels deep (``[[[[...a]]]]``) is no danger."""
    names: list[str] = []
    stack = [node]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        kind = node.type
        if kind in ("identifier", "shorthand_property_identifier_pattern"):
            names.append(text(data, node))
        elif kind in ("required_parameter", "optional_parameter"):
            stack.append(node.child_by_field_name("pattern"))
        elif kind in ("assignment_pattern", "object_assignment_pattern"):
            stack.append(node.child_by_field_name("left"))
        elif kind == "pair_pattern":
            stack.append(node.child_by_field_name("value"))
        elif kind in ("rest_pattern", "object_pattern", "array_pattern"):
            stack.extend(reversed(node.named_children))
    return names


def legacy_params(data: bytes, fn) -> list[str]:
    """A function's parameter names; a destructuring pattern is shown as '{...}'."""
    params = fn.child_by_field_name("parameters")
    single = fn.child_by_field_name("parameter")
    items = [single] if single is not None else (params.named_children if params is not None else [])
    names = []
    for item in items:
        found = pattern_names(data, item)
        names.append(found[0] if len(found) == 1 and item.type in ("identifier", "required_parameter",
                                                                    "assignment_pattern") else "{...}")
    return names


def is_async(node) -> bool:
    return bool(node.children) and any(c.type == "async" for c in node.children[:2])


@dataclass
class FreeName:
    name: str
    node: object  # first identifier node using it
    statement: object  # the statement it appears in (for a TODO above it)


class ScopeWalker:
    """Finds identifiers a piece of code uses without declaring (a small scope analysis)."""

    def __init__(self, data: bytes, language=None):
        """``language``: the tree-sitter Language of the trees walked (default JavaScript)."""
        self.data = data
        self.language = language
        self._hoists: dict[tuple[int, int], set[str]] = {}  # (start, end) of a body -> its hoisted var names

    def declared(self, scope) -> set[str]:
        names: set[str] = set()
        if scope.type in FUNCTION_TYPES:
            params = scope.child_by_field_name("parameters")
            single = scope.child_by_field_name("parameter")
            for param in ([single] if single is not None else []) + (params.named_children if params else []):
                names.update(pattern_names(self.data, param))
            if scope.type in ("function_expression", "function", "generator_function"):
                name = scope.child_by_field_name("name")
                if name is not None:
                    names.add(text(self.data, name))
            body = scope.child_by_field_name("body")
            if body is not None:
                names |= self._hoisted(body)
                if body.type == "statement_block":
                    names |= self._block_names(body)
        elif scope.type == "catch_clause":
            names.update(pattern_names(self.data, scope.child_by_field_name("parameter")))
        elif scope.type in ("for_statement", "for_in_statement"):
            for field_name in ("initializer", "left"):
                part = scope.child_by_field_name(field_name)
                if part is not None:
                    if part.type in ("lexical_declaration", "variable_declaration"):
                        for declarator in part.named_children:
                            if declarator.type == "variable_declarator":
                                names.update(pattern_names(self.data, declarator.child_by_field_name("name")))
                    else:
                        names.update(pattern_names(self.data, part))
        elif scope.type in ("program", "statement_block", "class_static_block", "switch_body"):
            names |= self._block_names(scope)
            if scope.type == "program":
                names |= self._hoisted(scope)
        return names

    def _block_names(self, block) -> set[str]:
        names = set()
        for statement in block.named_children:
            if statement.type == "export_statement":
                statement = statement.child_by_field_name("declaration") or statement
            if statement.type in ("function_declaration", "generator_function_declaration", "class_declaration"):
                name = statement.child_by_field_name("name")
                if name is not None:
                    names.add(text(self.data, name))
            elif statement.type == "lexical_declaration":
                for declarator in statement.named_children:
                    if declarator.type == "variable_declarator":
                        names.update(pattern_names(self.data, declarator.child_by_field_name("name")))
            elif statement.type == "import_statement":
                for node in _walk(statement):
                    if node.type == "identifier" and parent_of(node) is not None and parent_of(node).type in (
                            "import_clause", "import_specifier", "namespace_import"):
                        if parent_of(node).type != "import_specifier" or parent_of(node).child_by_field_name(
                                "alias") in (None, node):
                            names.add(text(self.data, node))
        return names

    def _hoisted(self, node) -> set[str]:
        """``var`` declarations anywhere in a function body (not inside nested functions or classes).

        One query finds the declarations and the nested functions and classes; a sweep over their byte
        ranges drops the declarations inside them (no walk up through parents, which costs a walk down
        from the root per step in tree-sitter: quadratic in the nesting depth)."""
        if self.data.find(b"var", node.start_byte, node.end_byte) < 0:
            return set()
        known = self._hoists.get((node.start_byte, node.end_byte))
        if known is not None:  # the body of a function under a node already swept
            return known
        found = nodes_of_kinds(node, self.language, ["variable_declaration", *FUNCTION_TYPES, "class_body"],
                               any_order=True)  # (sorted below: no two share a range)
        # One sweep gives every function body under ``node`` its own declarations too, so the scopes nested in
        # it are answered from memory (a query per nested body was quadratic in the nesting depth).
        own: set[str] = set()
        self._hoists[(node.start_byte, node.end_byte)] = own
        stack: list = []  # the functions and class bodies around the current position, innermost last
        for item in sorted(found, key=lambda n: (n.start_byte, -n.end_byte)):
            while stack and stack[-1][0] <= item.start_byte:
                stack.pop()
            if item.type != "variable_declaration":
                if item == node:
                    continue
                holder = None
                if item.type in FUNCTION_TYPES:
                    body = item.child_by_field_name("body")
                    if body is not None:
                        holder = self._hoists.setdefault((body.start_byte, body.end_byte), set())
                stack.append((item.end_byte, holder))
                continue
            names = own if not stack else stack[-1][1]
            if names is None:
                continue  # directly in a class body
            for declarator in item.named_children:
                if declarator.type == "variable_declarator":
                    names.update(pattern_names(self.data, declarator.child_by_field_name("name")))
        return own

    def free_names(self, root, known: set[str] = frozenset(), builtins: bool = False) -> list[FreeName]:
        """Identifiers used under ``root`` that no scope from ``root`` down declares.

        Browser and language globals are left out unless ``builtins``.
        """
        out: dict[str, FreeName] = {}
        for node, name in self.undeclared(root, known):
            if (builtins or name not in BUILTINS) and name not in out:
                out[name] = FreeName(name, node, statement_of(node))
        return list(out.values())

    def undeclared(self, root, known: set[str] = frozenset(), root_declared: set[str] | None = None):
        """(node, name) of every reference under ``root``, in source order, whose name no scope around
        it declares (``root`` itself declares ``root_declared``, by default what it declares).

        A tree-sitter query finds the identifiers and the scopes; a sweep over their byte ranges gives
        each identifier its chain of enclosing scopes, so no Python walk over the whole tree is needed.
        """
        identifiers, scopes, skipped = _scope_captures(root, self.language)
        parents = _identifier_parents(root, self.language) if len(identifiers) > 64 else {}
        if root_declared is None:
            root_declared = self.declared(root) if root.type in SCOPE_TYPES else set()
        outer = frozenset(known) | root_declared
        scopes = [s for s in scopes if s != root]
        starts = [s.start_byte for s in scopes]
        data, is_reference, parent = self.data, self._is_reference, parents.get
        stack: list[list] = []  # [end_byte, scope node, its declared names or None until needed]
        next_scope, next_skip = 0, 0
        for node in identifiers:
            position = node.start_byte
            while next_skip < len(skipped) and skipped[next_skip][1] <= position:
                next_skip += 1
            if next_skip < len(skipped) and skipped[next_skip][0] <= position:
                continue  # inside a type annotation
            while next_scope < len(starts) and starts[next_scope] <= position:
                scope = scopes[next_scope]
                next_scope += 1
                while stack and stack[-1][0] <= starts[next_scope - 1]:
                    stack.pop()
                stack.append([scope.end_byte, scope, None])
            while stack and stack[-1][0] <= position:
                stack.pop()
            name = data[position:node.end_byte].decode("utf-8", "replace")
            if name in outer or not is_reference(node, parent(node, _UNKNOWN)):
                continue
            for entry in stack:
                if entry[2] is None:
                    entry[2] = self.declared(entry[1])
                if name in entry[2]:
                    break
            else:
                yield node, name

    def _is_reference(self, node, parent=_UNKNOWN) -> bool:
        if parent is _UNKNOWN:
            parent = parent_of(node)
        if parent is None:
            return True
        kind = parent.type
        if kind not in REFERENCE_PARENTS:  # (the kinds checked below: _identifier_parents maps only these)
            return True
        if kind == "variable_declarator" and parent.child_by_field_name("name") == node:
            return False
        if kind in ("function_declaration", "function_expression", "class_declaration", "class",
                    "generator_function_declaration", "generator_function", "method_definition") and \
                parent.child_by_field_name("name") == node:
            return False
        if kind in ("formal_parameters", "required_parameter", "optional_parameter", "rest_pattern",
                    "object_pattern", "array_pattern", "catch_clause", "import_specifier", "import_clause",
                    "namespace_import", "labeled_statement", "break_statement", "continue_statement",
                    "export_specifier"):
            return False
        if kind == "arrow_function" and parent.child_by_field_name("parameter") == node:
            return False
        if kind in ("assignment_pattern", "object_assignment_pattern") and parent.child_by_field_name("left") == node:
            return parent_of(parent) is None or parent_of(parent).type not in (
                "formal_parameters", "object_pattern", "array_pattern")
        if kind == "pair_pattern" and parent.child_by_field_name("value") == node:
            return False
        if kind in ("jsx_opening_element", "jsx_closing_element", "jsx_self_closing_element", "jsx_attribute"):
            return bool(re.match(r"[A-Z]", text(self.data, node)))
        return True


# The kinds of parent under which an identifier may be no reference (a declared name, a label...): _is_reference
# looks at no other parent, so undeclared() needs to know only these parents (see _identifier_parents).
REFERENCE_PARENTS = frozenset({
    "variable_declarator", "function_declaration", "function_expression", "class_declaration", "class",
    "generator_function_declaration", "generator_function", "method_definition", "formal_parameters",
    "required_parameter", "optional_parameter", "rest_pattern", "object_pattern", "array_pattern", "catch_clause",
    "import_specifier", "import_clause", "namespace_import", "labeled_statement", "break_statement",
    "continue_statement", "export_specifier", "arrow_function", "assignment_pattern", "object_assignment_pattern",
    "pair_pattern", "jsx_opening_element", "jsx_closing_element", "jsx_self_closing_element", "jsx_attribute"})
_IDENTIFIERS = ("identifier", "shorthand_property_identifier")

_QUERIES: dict = {}
_KINDS: dict = {}  # (root, language, kinds) -> nodes_of_kinds' answer (the same questions recur across passes)
QUERY_DEPTH = 30_000  # levels below a query's root where a match may start (see query_captures)


def _language(language):
    if language is None:
        from .parse import language as named

        return named("javascript")
    return language


def query_captures(root, language, source: str) -> dict[str, list]:
    """Run a tree-sitter query (compiled once per language) under ``root``; nodes by capture name.
    ``language`` is the tree's Language (None: JavaScript)."""
    import tree_sitter

    language = _language(language)
    query = _QUERIES.get((language, source))
    if query is None:
        query = _QUERIES[(language, source)] = tree_sitter.Query(language, source)
    if root.type == "ERROR" and root.child_count > WIDE_ERROR and "ERROR" not in source:
        return _captures_by_child(root, query, QUERY_DEPTH)
    cursor = tree_sitter.QueryCursor(query)
    # tree-sitter's query cursor keeps depths in 16 bits: under a node nested past 32,767 levels it drops
    # captures and slows to minutes (100,000 nested calls). Nothing past find's depth limit (10,000) is
    # analysed anyway, so matches start no deeper than QUERY_DEPTH below ``root``.
    cursor.set_max_start_depth(QUERY_DEPTH)
    return cursor.captures(root)


# tree-sitter's query cursor is quadratic in the children of an ERROR node (40,000 of them, a line of 20,000
# '`${': 2 s a query, and convert asks about twenty; other nodes are linear). A query of such a node runs on
# each child: every query here is of single nodes ('(kind) @name'), none of them ERROR, so its captures are
# each child's, in the children's order (tree-sitter's own order under an ERROR node is not the text's).
WIDE_ERROR = 1024


def _captures_by_child(root, query, depth: int) -> dict[str, list]:
    import tree_sitter

    found: dict[str, list] = {}
    if depth <= 0:
        return found
    for child in root.children:
        if child.type == "ERROR" and child.child_count > WIDE_ERROR:
            part = _captures_by_child(child, query, depth - 1)
        else:
            cursor = tree_sitter.QueryCursor(query)
            cursor.set_max_start_depth(depth - 1)
            part = cursor.captures(child)
        for name, nodes in part.items():
            found.setdefault(name, []).extend(nodes)
    return found


# The kinds convert's passes ask of whole trees (a generated module's): the first such question about a tree
# fetches all of them in one query and later ones are answered from it (a query walks the whole tree whatever
# it asks for: a module read by five passes cost five walks). See nodes_of_kinds(any_order=True). A question
# about a large part of a tree (a generated component's one big method) is answered from the same query.
TREE_KINDS = frozenset({
    "identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern", "member_expression",
    "call_expression", "new_expression", "assignment_expression", "augmented_assignment_expression",
    "variable_declarator", "variable_declaration", "pair", "class_body", "string", "template_string", "comment",
    "regex", "type_annotation", "binary_expression", "unary_expression", "switch_statement"}) | SCOPE_TYPES | \
    REFERENCE_PARENTS
_TREE_NODES: dict = {}  # (root, language) -> kind -> the nodes of that kind in the tree (one of TREE_KINDS)
_TREE_PARENTS: dict = {}  # (root, language) -> identifier -> its parent if of REFERENCE_PARENTS, else None
SHARED_PART = 16_384  # bytes of a node from which a question about it may be answered from its tree's query
SHARED_CLIMB = 64  # levels climbed from such a node to its tree's root before giving up


def whole_tree(root) -> bool:
    """Is ``root`` the root of its tree (where answers from one query of TREE_KINDS serve every pass)?"""
    return root.type == "program" and root.parent is None


def _tree_nodes(root, language) -> dict[str, list]:
    """The nodes of TREE_KINDS in ``root``'s tree, by kind (a capture name per kind: tree-sitter sorts them)."""
    key = (root, language)
    found = _TREE_NODES.get(key)
    if found is None:
        known = sorted(k for k in TREE_KINDS if language.id_for_node_kind(k, True))
        found = query_captures(root, language, " ".join(f"({k}) @{k}" for k in known))
        if len(_TREE_NODES) >= 64:  # a cache: forgetting costs only speed
            _TREE_NODES.clear()
            _TREE_PARENTS.clear()
        _TREE_NODES[key] = found
    return found


def _shared(root, language):
    """The root of ``root``'s tree when questions about ``root`` are answered from that tree's one query of
    TREE_KINDS (:func:`_tree_nodes`): ``root`` is the whole tree, or a large part of it (a half, or an eighth
    once the tree's query has run anyway). None: ask tree-sitter about ``root`` alone. (Answered so, the
    QUERY_DEPTH levels a match may start at count from the tree's root, not from ``root``: only a tree nested
    over 30,000 deep, far past what find analyses, can tell.)"""
    if whole_tree(root):
        return root
    size = root.end_byte - root.start_byte
    if size < SHARED_PART:
        return None
    top = root
    for _ in range(SHARED_CLIMB):  # (parent_of: remembered for the tree's other questions)
        parent = parent_of(top)
        if parent is None:
            break
        top = parent
    else:
        return None  # deep in its tree: a large part of a tree lies near its root, this is no such part
    if not whole_tree(top):
        return None
    whole = top.end_byte - top.start_byte
    if size * 2 >= whole or (size * 8 >= whole and (top, language) in _TREE_NODES):
        return top
    return None


def _inside(node, root) -> bool:
    """Is ``node`` ``root`` or under it (for nodes within ``root``'s bytes that may be neither)?"""
    start, end = root.start_byte, root.end_byte
    while node is not None:
        if node == root:
            return True
        if node.start_byte < start or node.end_byte > end:
            return False
        node = parent_of(node)
    return False


def _under(root, top, language, wanted) -> list:
    """The nodes of kinds ``wanted`` under ``root`` (itself included), from the query of ``top``, ``root``'s tree,
    kind by kind (in sorted order). A node within ``root``'s bytes is under it, except an ancestor as large as
    ``root`` and an empty node at its edge, which may be outside it (those few are checked by a climb)."""
    by_kind = _tree_nodes(top, language)
    out: list = []
    if root == top:
        for kind in sorted(wanted):
            out += by_kind.get(kind, ())
        return out
    start, end = root.start_byte, root.end_byte
    for kind in sorted(wanted):
        for node in by_kind.get(kind, ()):
            first = node.start_byte
            if first < start or first > end:
                continue
            last = node.end_byte
            if last > end:
                continue
            if ((first == start and last == end) or (first == last and first in (start, end))) and \
                    not _inside(node, root):
                continue
            out.append(node)
    return out


def nodes_of_kinds(root, language, kinds, any_order: bool = False) -> list:
    """Every node under ``root`` (itself included) of one of ``kinds``, found by a tree-sitter query.
    Kinds the language does not have are left out (grammar versions differ). A caller to which their order
    does not matter (``any_order``: it counts them, collects a set, sorts them by an order without ties)
    asking about a whole tree, or a large part of one, is answered from one query of TREE_KINDS shared by such
    questions (the order of a query's captures depends on what it asks for)."""
    language = _language(language)
    key = (root, language, tuple(kinds), any_order)
    found = _KINDS.get(key)
    if found is None:
        known = sorted(k for k in kinds if language.id_for_node_kind(k, True))
        top = _shared(root, language) if any_order and known and TREE_KINDS.issuperset(known) else None
        if not known:
            found = []
        elif top is not None:
            found = _under(root, top, language, set(known))
        else:
            found = query_captures(root, language, "[" + " ".join(f"({k})" for k in known) + "] @node")\
                .get("node", [])
        if len(_KINDS) > 4096:  # a cache: forgetting costs only speed
            _KINDS.clear()
        _KINDS[key] = found
    return list(found)


def _scope_query(language) -> str:
    language = _language(language)
    kinds = sorted(k for k in SCOPE_TYPES if language.id_for_node_kind(k, True))
    skip = " (type_annotation) @skip" if language.id_for_node_kind("type_annotation", True) else ""
    return "(identifier) @id (shorthand_property_identifier) @id " + " ".join(f"({k}) @scope" for k in kinds) + skip


def _scope_captures(root, language=None) -> tuple[list, list, list[tuple[int, int]]]:
    """Identifiers (source order), scope nodes (outer first) and type-annotation ranges under ``root``."""
    top = _shared(root, _language(language))
    if top is not None:
        captures = {"id": _under(root, top, _language(language), _IDENTIFIERS),
                    "scope": _under(root, top, _language(language), SCOPE_TYPES),
                    "skip": _under(root, top, _language(language), ("type_annotation",))}
    else:
        captures = query_captures(root, language, _scope_query(language))
    identifiers = sorted(captures.get("id", []), key=attrgetter("start_byte"))
    scopes = sorted(captures.get("scope", []), key=lambda n: (n.start_byte, -n.end_byte))
    skipped = []
    for start, end in sorted((n.start_byte, n.end_byte) for n in captures.get("skip", [])):
        if skipped and start < skipped[-1][1]:
            skipped[-1] = (skipped[-1][0], max(end, skipped[-1][1]))
        else:
            skipped.append((start, end))
    return identifiers, scopes, skipped


def _identifier_parents(root, language) -> dict:
    """Identifier -> its parent, for the identifiers under ``root`` (not ``root`` itself): one query instead
    of a climb per identifier (undeclared() asks each one's parent). From a whole tree's query of TREE_KINDS
    (see _shared), every identifier of the tree maps to its parent if that is of REFERENCE_PARENTS (the only
    parents _is_reference looks at) and to None otherwise; a parent found so is asked of no query."""
    import tree_sitter

    language = _language(language)
    top = _shared(root, language)
    if top is not None:
        key = (top, language)
        parents = _TREE_PARENTS.get(key)
        if parents is None:
            parents = dict.fromkeys(_under(top, top, language, _IDENTIFIERS))
            for node in _under(top, top, language, REFERENCE_PARENTS):
                for child in node.named_children:
                    if child in parents:  # (an identifier of the tree's query)
                        parents[child] = node
            _TREE_PARENTS[key] = parents
        return parents
    source = "(_ [(identifier) (shorthand_property_identifier)] @id) @parent"
    query = _QUERIES.get((language, source))
    if query is None:
        query = _QUERIES[(language, source)] = tree_sitter.Query(language, source)
    cursor = tree_sitter.QueryCursor(query)
    cursor.set_max_start_depth(QUERY_DEPTH)
    parents = {}
    for _, match in cursor.matches(root):
        parent = match["parent"][0]
        for node in match["id"]:
            parents[node] = parent
    return parents


def statement_of(node):
    """The statement (or class member, or arrow body) holding ``node``. Remembered for every node passed, so the
    nodes of one deep expression cost one climb between them, not one each."""
    passed = []
    current = node
    while True:
        known = _STATEMENTS.get(current, _UNKNOWN)
        if known is not _UNKNOWN:
            found = known
            break
        parent = parent_of(current)
        if parent is None or parent.type in ("statement_block", "program", "class_body", "switch_case",
                                             "switch_default") or \
                (parent.type == "arrow_function" and parent.child_by_field_name("body") == current):
            found = current
            break
        passed.append(current)
        current = parent
    for other in passed:
        _STATEMENTS[other] = found
    return found


def walk(node):
    """Every node under ``node`` (itself first), in source order, by a tree cursor: no Python recursion and no
    list of children built per node (half the time of a stack walk over ``children``)."""
    cursor = node.walk()
    yield cursor.node
    while True:
        if cursor.goto_first_child():
            yield cursor.node
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():  # back at ``node``: a cursor does not leave the node it started at
                return
        yield cursor.node


_walk = walk


def line_indent(data: bytes, offset: int) -> str:
    start = data.rfind(b"\n", 0, offset) + 1
    match = re.match(rb"[ \t]*", data[start:offset])
    return match.group(0).decode() if match else ""


def reindent(block: str, indent: str, force: bool = False) -> str:
    """Shift a multi-line block so its least indented continuation line sits at ``indent``.

    Left alone when the block may hold a multi-line template literal (its lines are data, not
    layout), unless the caller checked the legacy text itself (``force``).
    """
    if ("`" in block and not force) or "\n" not in block:
        return block
    first, *rest = block.split("\n")
    widths = [len(line) - len(line.lstrip(" \t")) for line in rest if line.strip()]
    if not widths:
        return block
    cut = min(widths)
    shifted = [indent + line[cut:] if line.strip() else "" for line in rest]
    return "\n".join([first] + shifted)


def parameter_reads(data: bytes, fn, name: str, language=None) -> tuple[set[str], bool]:
    """How a function uses its parameter ``name``: the fields it reads (``name.field``), and whether it
    uses the parameter any other way (passes it on, writes it, reads it whole)."""
    body = fn.child_by_field_name("body")
    if body is None:
        return set(), False
    fields, other = set(), False
    for node in nodes_of_kinds(body, language, ["identifier", "shorthand_property_identifier"]):
        if text(data, node) != name:
            continue
        declaration = find_declaration(data, name, node)
        if declaration is None or declaration.kind != "param" or declaration.node != fn:
            continue  # another binding of the same name
        parent = parent_of(node)
        if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == node:
            prop = parent.child_by_field_name("property")
            if prop is not None and prop.type == "property_identifier":
                fields.add(text(data, prop))
                continue
        if parent is not None and parent.type == "variable_declarator" and parent.child_by_field_name("value") == node:
            keys = pattern_keys(data, parent.child_by_field_name("name"))
            if keys is not None:  # const { url, recordId } = payload
                fields |= keys
                continue
        other = True
    return fields, other


def pattern_keys(data: bytes, pattern) -> set[str] | None:
    """The property names an object pattern reads (``{ url, recordId: id }`` -> url, recordId); None when
    it is not an object pattern or takes the rest (``...others``)."""
    if pattern is None or pattern.type != "object_pattern":
        return None
    keys = set()
    for item in pattern.named_children:
        if item.type == "shorthand_property_identifier_pattern":
            keys.add(text(data, item))
        elif item.type in ("pair_pattern", "object_assignment_pattern"):
            key = item.child_by_field_name("key") or item.child_by_field_name("left")
            if key is None or key.type not in ("property_identifier", "shorthand_property_identifier_pattern"):
                return None
            keys.add(text(data, key))
        elif item.type != "comment":
            return None
    return keys
