"""What ctimod put in a module and nothing uses: dropped, not left for the linter (render stage).

A module is assembled before the plan knows which of its pieces the converted code ends up using: an
import a codemod added for code that was then not moved, a helper of a conversion that failed, the
template's plumbing for a readiness signal the adapter never sends. Code Analyzer reports each as
no-unused-vars (severity 2) in code ctimod wrote. Only ctimod's own pieces are dropped here (the
names ``keep`` allows, the named imports of the module's head), never legacy code.
"""

from __future__ import annotations

from typing import Callable

from ..legacy import nodes_of_kinds
from ..parse import parse_text


def _count(data: bytes, root) -> dict[str, int]:
    counts: dict[str, int] = {}
    for node in nodes_of_kinds(root, None, ("identifier", "shorthand_property_identifier"), any_order=True):
        name = data[node.start_byte:node.end_byte].decode("utf-8", "replace")
        counts[name] = counts.get(name, 0) + 1
    return counts


def _declared(data: bytes, statement) -> str | None:
    if statement.type == "function_declaration":
        target = statement.child_by_field_name("name")
    elif statement.type == "lexical_declaration" and statement.named_child_count == 1:
        target = statement.named_children[0].child_by_field_name("name")
    else:
        return None
    return data[target.start_byte:target.end_byte].decode() if target is not None and \
        target.type == "identifier" else None


def _without_lines(text: str, data: bytes, statement) -> str:
    """``text`` less the lines of a top-level statement and the // comment lines right above it."""
    first, last = statement.start_point[0], statement.end_point[0]
    comment = statement.prev_named_sibling
    while comment is not None and comment.type == "comment" and comment.end_point[0] == first - 1 and \
            data[comment.start_byte:comment.end_byte].startswith(b"//"):
        first = comment.start_point[0]
        comment = comment.prev_named_sibling
    lines = text.split("\n")
    if 0 < first and last + 1 < len(lines) and not lines[first - 1].strip() and not lines[last + 1].strip():
        last += 1  # no double blank line where it was
    return "\n".join(lines[:first] + lines[last + 1:])


def _source(data: bytes, statement) -> str:
    source = statement.child_by_field_name("source")
    return data[source.start_byte + 1:source.end_byte - 1].decode("utf-8", "replace") if source is not None else ""


def drop_unused(text: str, keep: Callable[[str], bool], imports: bool | Callable[[str], bool] = False) -> str:
    """Drop top-level declarations whose name ``keep`` rejects... i.e. the names ``keep`` says are
    ctimod's own (``keep(name)`` False) once nothing refers to them, and (``imports``) the named
    imports nothing uses: of every import, or (a function of the module specifier) of the modules it
    accepts; repeated until nothing more goes (a helper only a dropped helper used)."""
    while True:
        data = text.encode("utf-8")
        root = parse_text(data).root_node
        if root.has_error:
            return text
        counts = _count(data, root)
        changed = None
        for statement in root.named_children:
            name = _declared(data, statement)
            if name is not None and not keep(name) and counts.get(name) == 1:
                changed = _without_lines(text, data, statement)
                break
            if imports and statement.type == "import_statement" and (imports is True or imports(_source(data, statement))):
                clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
                named = next((c for c in clause.named_children if c.type == "named_imports"), None) if clause else None
                if named is None:
                    continue
                specifiers = [s for s in named.named_children if s.type == "import_specifier"]
                local = [(s, s.child_by_field_name("alias") or s.child_by_field_name("name")) for s in specifiers]
                used = [data[s.start_byte:s.end_byte].decode() for s, n in local
                        if counts.get(data[n.start_byte:n.end_byte].decode(), 0) > 1]
                if len(used) == len(specifiers):
                    continue
                others = [c for c in clause.named_children if c.type != "named_imports"]
                if not used and not others:
                    changed = _without_lines(text, data, statement)
                else:
                    multiline = b"\n" in data[named.start_byte:named.end_byte]
                    replacement = ("" if not used else "{\n" + "".join(f"    {u},\n" for u in used) + "}" if multiline
                                   else "{ " + ", ".join(used) + " }")
                    start, end = named.start_byte, named.end_byte
                    if not used:  # `import a, { b } from` -> `import a from`
                        start = data.rfind(b",", clause.start_byte, start)
                    changed = (data[:start] + replacement.encode() + data[end:]).decode("utf-8")
                break
        if changed is None:
            return text
        text = changed
