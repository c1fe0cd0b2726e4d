"""Escaping for every value taken from input before it lands in generated JavaScript.

(HTML and XML are escaped by jinja2's autoescaping; Markdown by ``report.markdown``.)
"""

from __future__ import annotations

import json

# Characters that end a JavaScript line comment: a value carrying one would turn the rest into code.
_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


def js_string(value: str) -> str:
    """A JavaScript string literal for any text taken from input (quotes, newlines, </script>, U+2028)."""
    return json.dumps(value, ensure_ascii=True).replace("</", "<\\/")


def js_comment(value: str) -> str:
    """Text safe inside a /* */ or a // comment: no comment end, no line break."""
    return str(value).replace("*/", "* /").translate(_LINE_BREAKS)
