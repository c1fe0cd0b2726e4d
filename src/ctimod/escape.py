"""Escaping for every value taken from input before it lands in generated code: JavaScript (and Apex, whose
comments look the same) and XML.

(jinja2's autoescaping escapes markup in HTML and XML; these filters handle what it cannot: comment syntax,
line breaks in line comments, characters XML forbids. Markdown is escaped by ``report.markdown``.)
"""

from __future__ import annotations

import json
import re

# Characters that end a JavaScript line comment: a value carrying one would turn the rest into code.
_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


def js_string(value: str) -> str:
    """A JavaScript string literal for any text taken from input (quotes, newlines, </script>, U+2028)."""
    return json.dumps(value, ensure_ascii=True).replace("</", "<\\/")


def js_comment(value: str) -> str:
    """Text safe inside a /* */ or a // comment: no comment end, no line break."""
    return str(value).replace("*/", "* /").translate(_LINE_BREAKS)


# Characters XML 1.0 does not allow at all, even escaped (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value) -> str:
    """Text XML can hold (characters XML forbids become U+FFFD); markup is escaped by the templates."""
    return _XML_INVALID.sub("\ufffd", str(value))


def xml_comment(value) -> str:
    """Text safe inside <!-- -->: no "--" (which ends a comment in XML), no forbidden characters."""
    text = xml_text(value)
    while "--" in text:
        text = text.replace("--", "- -")
    return text[:-1] + "- " if text.endswith("-") else text
