"""Character references (``&#39;``, ``&quot;``, ``&amp;``) in an event-handler attribute or a ``javascript:`` URL.

The browser decodes an attribute's value before its script runs: ``onclick="sforce.opencti.screenPop({type:
&#39;url&#39;})"`` runs ``screenPop({type: 'url'})``. A page's handler is analysed (and converted) as the script
the browser runs: its value is decoded in place, the decoded text moved to the start of the value and the bytes
it no longer needs made spaces at its end, so the file keeps its length and its lines (a line break written as a
reference, ``&#10;``, is left as written). :class:`Shifts` maps an offset of the decoded text back to the page,
for reported columns.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from html.entities import html5

_REFERENCE = re.compile(rb"&(?:#[xX][0-9A-Fa-f]+;?|#[0-9]+;?|([A-Za-z][A-Za-z0-9]*);?)")
_ALNUM_OR_EQUALS = re.compile(rb"[A-Za-z0-9=]")


def references(value: bytes, in_place: bool = True) -> list[tuple[int, int, bytes]]:
    """(start, end, UTF-8 of what it stands for) of each character reference in an attribute value the browser
    decodes (HTML's rules for attributes: a named reference without ``;`` that an ``=`` or a letter or digit
    follows, as in ``?a=1&copy=2``, is text). ``in_place``: a reference that stands for a line break, or for more
    bytes than it is written with, is left out (the page keeps its lines and its length)."""
    out = []
    for match in _REFERENCE.finditer(value):
        start, end = match.span()
        name = match.group(1)
        if name is None:  # numeric: html.unescape applies HTML's replacements (0, surrogates, C1 controls)
            decoded = html.unescape(match.group().decode("ascii"))
        else:
            text = name.decode("ascii")
            if value[end - 1:end] == b";" and text + ";" in html5:
                decoded = html5[text + ";"]
            else:
                # The longest name HTML reads without ';' that starts it (``&ampx`` is ``&`` then ``x``).
                length = next((k for k in range(len(text), 1, -1) if text[:k] in html5), 0)
                if not length:
                    continue
                end = start + 1 + length
                if _ALNUM_OR_EQUALS.match(value, end):
                    continue
                decoded = html5[text[:length]]
        encoded = decoded.encode("utf-8", "surrogatepass")
        if in_place and ("\n" in decoded or "\r" in decoded or len(encoded) > end - start):
            continue
        out.append((start, end, encoded))
    return out


def unescape_attribute(value: str) -> str:
    """An attribute's value as the browser reads it (every character reference decoded, by HTML's rules for
    attributes)."""
    if "&" not in value:
        return value
    data = value.encode("utf-8", "surrogatepass")
    parts, at = [], 0
    for start, end, decoded in references(data, in_place=False):
        parts += [data[at:start], decoded]
        at = end
    parts.append(data[at:])
    return b"".join(parts).decode("utf-8", "replace")


class Shifts:
    """Offsets of decoded text -> offsets of the page: after each decoded reference, the bytes it saved."""

    def __init__(self):
        self._at: list[int] = []
        self._shift: list[int] = []

    def add(self, at: int, shift: int) -> None:
        """From ``at`` on (offsets in increasing order), ``shift`` bytes are added."""
        self._at.append(at)
        self._shift.append(shift)

    def __bool__(self) -> bool:
        return bool(self._at)

    def __call__(self, offset: int) -> int:
        i = bisect_right(self._at, offset) - 1
        return offset + self._shift[i] if i >= 0 else offset


def decode(buffers: list[bytearray], start: int, end: int, shifts: Shifts) -> bool:
    """Decode the character references of ``buffers[0][start:end]`` (an attribute value) in place in every
    buffer (the same text but for same-length masks, which hold no ``&``), and record in ``shifts`` where the
    decoded text moved. Whether anything was decoded."""
    value = bytes(buffers[0][start:end])
    found = references(value)
    if not found:
        return False
    for buffer in buffers:
        own = bytes(buffer[start:end])
        parts, at = [], 0
        for ref_start, ref_end, decoded in found:
            parts += [own[at:ref_start], decoded]
            at = ref_end
        parts.append(own[at:])
        text = b"".join(parts)
        buffer[start:end] = text + b" " * (end - start - len(text))
    saved = 0
    for ref_start, ref_end, decoded in found:
        saved += ref_end - ref_start - len(decoded)
        shifts.add(start + ref_end - saved, saved)
    shifts.add(end, 0)
    return True
