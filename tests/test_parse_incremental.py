"""parse_text() parses a text it has not seen incrementally from the kept text most like it: the tree must be
the one a whole parse gives (every node's kind, byte range and row/column), and the kept tree must not move."""

from __future__ import annotations

import pytest

from ctimod.parse import _reparse, forget_texts, line_changes, parse_text, parser

BASE = "".join(
    f"function handler{i}(event) {{\n"
    f"    // the {i}th handler: é ü 漢字\n"
    f"    var value = event.detail && event.detail.value{i};\n"
    f"    if (value == {i}) {{ console.log('value', value, `t${{value}}`); }}\n"
    f"    return value;\n"
    f"}}\n"
    for i in range(50))


def _nodes(tree) -> list:
    out, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        out.append((node.type, node.start_byte, node.end_byte, node.start_point, node.end_point, node.is_named,
                     node.is_missing, node.has_error))
        stack.extend(reversed(node.children))
    return out


def _edits(text: str) -> dict[str, str]:
    lines = text.split("\n")
    inserted = list(lines)
    for at in range(len(inserted) - 10, 0, -41):
        inserted.insert(at, "    // TODO(ctimod): a comment line inserted here")
    replaced = [line.replace("var value", "let value") if n % 50 == 2 else line for n, line in enumerate(lines)]
    deleted = [line for n, line in enumerate(lines) if not (n % 6 == 1 and n % 5 == 0)]  # comment lines
    return {
        "inserted lines": "\n".join(inserted),
        "replaced lines": "\n".join(replaced),
        "deleted lines": "\n".join(deleted),
        "appended without a newline": text + "const tail = handler1;",
        "prepended": "import x from 'y';\n" + text,
        "last line changed": text.rstrip("\n") + " // end\n",
        "cut short": "\n".join(lines[:6 * 35]) + "\n",
        "crlf": text.replace("\n", "\r\n", 40),
        "one character inside a line": text.replace("value7;", "value77;", 1),
        "unchanged": text,
    }


@pytest.mark.parametrize("kind", list(_edits(BASE)))
def test_an_edited_text_gets_the_tree_a_whole_parse_gives(kind):
    forget_texts()
    old = BASE.encode("utf-8")
    kept = parse_text(old)
    before = _nodes(kept)
    new = _edits(BASE)[kind].encode("utf-8")
    if kind != "unchanged":
        assert _reparse(new, "javascript") is not None  # the incremental path is taken
    tree = parse_text(new)
    assert _nodes(tree) == _nodes(parser("javascript").parse(new))
    assert _nodes(kept) == before  # the kept tree (others still read it) did not move


def test_a_text_with_a_syntax_error_is_parsed_whole():
    forget_texts()
    parse_text(BASE.encode("utf-8"))
    broken = BASE.replace("return value;", "return value +;", 1).encode("utf-8")
    assert _reparse(broken, "javascript") is None
    assert _nodes(parse_text(broken)) == _nodes(parser("javascript").parse(broken))


def test_a_text_unlike_any_kept_one_is_parsed_whole():
    forget_texts()
    parse_text(BASE.encode("utf-8"))
    other = "".join(f"let other{i} = [{i}, {i + 1}];\n" for i in range(800)).encode("utf-8")
    assert _reparse(other, "javascript") is None
    assert _nodes(parse_text(other)) == _nodes(parser("javascript").parse(other))


def test_line_changes_turn_the_old_lines_into_the_new():
    old = [f"{n}\n".encode() for n in range(200)]
    new = list(old)
    new[5:5] = [b"x\n", b"y\n"]
    new[100] = b"changed\n"
    del new[150:160]
    new.append(b"tail")
    rebuilt, at = [], 0
    for a0, a1, b0, b1 in line_changes(old, new):
        rebuilt += old[at:a0] + new[b0:b1]
        at = a1
    assert rebuilt + old[at:] == new


def test_a_long_insertion_is_one_change():
    """Lines inserted far more than a few dozen at once (the stand-ins a generated module gains at its head)
    are one change, and the lines after them are equal again: not each taken as changed (which made the module
    be parsed whole, most of its lines looking changed)."""
    old = [f"line {n}\n".encode() for n in range(400)]
    new = old[:10] + [f"inserted {n}\n".encode() for n in range(300)] + old[10:]
    assert line_changes(old, new) == [(10, 10, 10, 310)]
    new[500] = b"changed\n"
    assert line_changes(old, new) == [(10, 10, 10, 310), (200, 201, 500, 501)]
