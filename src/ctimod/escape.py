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


# File names are data: any bytes a file system allows may be in them. Bytes that are not UTF-8 arrive as lone
# surrogates (Python's surrogateescape); control characters (ESC, CSI, ...) would drive a terminal; bidi controls
# reorder what a reviewer reads. Each is shown as an escape, so a name can be printed and encoded anywhere.
_UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                             "\ud800-\udfff]")
_UNSAFE_IN_NAME = re.compile("[\\\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                             "\ud800-\udfff]")


def _escape_char(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if char == "\\":
        return "\\\\"
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}"  # C1 controls too: \x80-\xff stand for undecodable bytes only


def display_path(name: str) -> str:
    """A file name as every report shows it: undecodable bytes as ``\\xff``, control characters as ``\\x1b`` /
    ``\\n``, bidi controls as ``\\u202e``, a backslash doubled. Character by character, so '/' and prefixes are
    kept; nothing else changes, so ordinary names look as they are."""
    return _UNSAFE_IN_NAME.sub(_escape_char, name)


_ESCAPED = re.compile(r"\\(?:\\|x[0-9a-f]{2}|u[0-9a-f]{4}|[nrt])")


def undisplay_path(display: str) -> str:
    """The file name :func:`display_path` showed (it is one-to-one): to open a file a report names."""
    def char(match: re.Match) -> str:
        text = match.group()
        if text == "\\\\":
            return "\\"
        if text[1] in "nrt":
            return {"n": "\n", "r": "\r", "t": "\t"}[text[1]]
        code = int(text[2:], 16)
        return chr(0xDC00 + code) if text[1] == "x" and code >= 0x80 else chr(code)

    return _ESCAPED.sub(char, display)


def terminal_text(value) -> str:
    """Text safe to print on a terminal or put in Markdown: control characters (but line breaks and tabs),
    bidi controls and lone surrogates shown as escapes."""
    return _UNSAFE_IN_TEXT.sub(_escape_char, str(value))
