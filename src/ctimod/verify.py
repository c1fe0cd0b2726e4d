"""Stage: verify generated files before they are written (re-parse every one).

This is the always-on check of ``convert``: each JavaScript, HTML, XML and JSON file is parsed
again; a file that does not parse is a failed conversion, reported, never written as broken code.
(``ctimod verify`` adds the Salesforce toolchains on top: see :mod:`ctimod.toolchain`.)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .parse import parser


@dataclass
class Check:
    path: str
    check: str  # parse-js | parse-html | parse-xml | parse-json
    ok: bool
    message: str = ""
    line: int | None = None


def first_error(tree) -> tuple[int, str] | None:
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            kind = "missing " + node.type if node.is_missing else "unexpected text"
            return node.start_point[0] + 1, kind
        if node.has_error:
            stack.extend(reversed(node.children))
    return None


def reparse(path: str, kind: str, content: str) -> Check:
    data = content.encode("utf-8")
    if kind == "js":
        error = first_error(parser("javascript").parse(data))
        return Check(path, "parse-js", error is None, error[1] if error else "", error[0] if error else None)
    if kind == "html":
        error = first_error(parser("html").parse(data))
        return Check(path, "parse-html", error is None, error[1] if error else "", error[0] if error else None)
    if kind == "xml":
        import defusedxml.ElementTree as SafeET

        try:
            SafeET.fromstring(data)
            return Check(path, "parse-xml", True)
        except SafeET.ParseError as exc:
            return Check(path, "parse-xml", False, str(exc), getattr(exc, "position", (None,))[0])
    if kind == "json":
        try:
            json.loads(content)
            return Check(path, "parse-json", True)
        except ValueError as exc:
            return Check(path, "parse-json", False, str(exc), getattr(exc, "lineno", None))
    if kind == "apex":
        line = apex_brace_error(content)
        return Check(path, "parse-apex", line is None, "" if line is None else "unbalanced braces", line)
    return Check(path, "parse", True)


_APEX_NOT_CODE = re.compile(r"/\*.*?\*/|//[^\n]*|'(?:\\.|[^'\\\n])*'", re.S)


def apex_code(text: str) -> str:
    """Apex source with comments and string literals blanked (same length, newlines kept)."""
    return _APEX_NOT_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def apex_brace_error(text: str) -> int | None:
    """The line where Apex braces stop balancing (comments and strings ignored), or None."""
    depth, line_no = 0, 1
    for match in re.finditer(r"[{}\n]", apex_code(text)):
        char = match.group(0)
        if char == "\n":
            line_no += 1
            continue
        depth += 1 if char == "{" else -1
        if depth < 0:
            return line_no
    return None if depth == 0 else line_no
