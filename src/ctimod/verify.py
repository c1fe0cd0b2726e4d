"""Stage: verify generated files before they are written (re-parse every one).

This is the always-on check of ``convert``: each JavaScript, HTML, XML and JSON file is parsed
again; a file that does not parse is a failed conversion, reported, never written as broken code.
(``ctimod verify`` adds the Salesforce toolchains on top: see :mod:`ctimod.toolchain`.)
"""

from __future__ import annotations

import json
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
        depth = 0
        for line_no, line in enumerate(content.splitlines(), 1):
            code = line.split("//", 1)[0]
            depth += code.count("{") - code.count("}")
            if depth < 0:
                return Check(path, "parse-apex", False, "unbalanced braces", line_no)
        return Check(path, "parse-apex", depth == 0, "" if depth == 0 else "unbalanced braces")
    return Check(path, "parse", True)
