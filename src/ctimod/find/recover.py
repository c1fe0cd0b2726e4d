"""Recovery: Open CTI uses inside code tree-sitter could not parse.

After a syntax error, tree-sitter's error recovery sometimes leaves the code that follows as ERROR
nodes of loose tokens (``sforce`` ``.`` ``opencti`` ``.`` ``screenPop`` ``(`` ...) instead of calls:
a comment broken across two lines, an object literal missing a key, and every function after it
is lost. For each mention of the API (``sforce.opencti``, ``sforce.interaction``,
``sforce.console.cti``) that lies in such code, outside comments and strings, and that no use
covers, the literal form is read from the text: the member path and, for a call, its arguments
up to the matching parenthesis. That span is parsed again on its own (keeping the file's
positions) and searched like any script, so the call's shape, options and problems are checked
as usual; a call whose own arguments stay broken is still reported from its tokens. Every use
found this way has the status ``recovered``.
"""

from __future__ import annotations

import bisect
import re

from ..inventory import ApiUse
from ..load import MENTION
from ..parse import ParsedSource, Region, parse_range
from .paths import family_of, path_kind

RECOVERED = "recovered"
_RECEIVER = re.compile(rb"(?:(?:window|globalThis|self|top|parent|\$wnd)\s*\??\.\s*)+\Z")
_CHAIN = re.compile(rb"sforce((?:\s*\??\.\s*[A-Za-z_$][\w$]*)+)(\s*(?:\?\.\s*)?\()?")
_PART = re.compile(rb"[A-Za-z_$][\w$]*")
_JOINED = re.compile(rb"\.[ \t]*\r?\n\s*sforce\s*\??\.")
_NOT_CODE = {"comment", "string", "string_fragment", "template_string", "regex", "regex_pattern",
             "escape_sequence", "html_comment"}
_MAX_SPAN = 64 * 1024  # bytes: a call's arguments are read this far at most
_CLOSERS = {ord(")"): ord("("), ord("]"): ord("["), ord("}"): ord("{")}


def needs_recovery(parsed: ParsedSource) -> bool:
    """Whether ``parsed`` has code where uses may be lost: syntax errors, or a line ending in ``.``
    that the next line's ``sforce...`` joins (``// ... false`` / ``otherwise.`` / ``sforce.opencti.x()``)."""
    return bool(parsed.error_spans) or _JOINED.search(parsed.data) is not None


def recover_uses(parsed: ParsedSource, found: list[ApiUse], finder_class, display: str) -> list[ApiUse]:
    """Uses in the unparsable code of ``parsed`` that ``found`` misses (``finder_class`` searches the
    re-parsed spans: the finder of :mod:`.aliases`)."""
    data = parsed.data
    joined = _JOINED.search(data) is not None
    regions = [r for r in parsed.regions if r.tree.root_node.has_error or joined]
    if not regions:
        return []
    taken = _merged(sorted((u.start_byte, u.end_byte) for u in found))
    starts = [s for s, _ in taken]
    line_starts = [0] + [m.end() for m in re.finditer(rb"\n", data)]
    spans: list[tuple[int, int, str, tuple, bool]] = []  # (start, end, language, path, is call)
    for region in regions:
        root = region.tree.root_node
        end_of_last = -1
        quotes = _QuoteScan(data)
        walk = _TokenWalk(root)
        for match in MENTION.finditer(data, region.start_byte, region.end_byte):
            pos = match.start()
            if pos < end_of_last or _covered(pos, starts, taken) or \
                    not _in_broken_code(root, pos, data, quotes, walk):
                continue
            candidate = _literal_form(data, pos, region.end_byte)
            if candidate is None:
                continue
            start, end, path, is_call = candidate
            spans.append((start, end, region.language, path, is_call))
            end_of_last = end
    if not spans:
        return []
    recovered_regions = []
    for index, (start, end, language, _, _) in enumerate(spans):
        tree = parse_range(language, data, start, end, _point(line_starts, data, start),
                           _point(line_starts, data, end))
        recovered_regions.append(Region(index, language, RECOVERED, start, end, tree))
    again = ParsedSource(source=parsed.source, data=data, regions=recovered_regions)
    known = {(u.start_byte, u.end_byte, u.api, u.kind) for u in found}  # a span may hold calls the tree has
    uses = [u for u in finder_class(again).run() if (u.start_byte, u.end_byte, u.api, u.kind) not in known]
    have = {(u.start_byte, u.api) for u in uses} | {(u.start_byte, u.api) for u in found}
    for start, end, _, path, is_call in spans:
        api = ".".join(path)
        if (start, api) in have:
            continue
        # The span did not parse as a call either: report it from its tokens.
        use = _token_use(data, display, start, end, path, is_call)
        if use is not None:
            uses.append(use)
    for use in uses:
        use.status = RECOVERED
    uses.sort(key=lambda u: (u.start_byte, u.kind != "call", u.api))
    return uses


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges joined where they overlap (uses nest: a callback's calls inside a call)."""
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _covered(pos: int, starts: list[int], taken: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(starts, pos) - 1
    return index >= 0 and pos < taken[index][1]


def _in_broken_code(root, pos: int, data: bytes, quotes: _QuoteScan | None = None,
                    walk: _TokenWalk | None = None) -> bool:
    """The mention is code (not a comment or string) that sits in an ERROR node, or whose ``sforce``
    the line before has turned into a property (``otherwise.`` + newline + ``sforce.opencti.x()``).
    ``walk`` (for positions asked in increasing order) gives the node at ``pos`` and its ancestors
    from one cursor walk, without a lookup from the root for the node and each of its parents."""
    ancestors = walk.at(pos, pos + 6) if walk is not None else None
    if ancestors is None:
        node = root.descendant_for_byte_range(pos, pos + 6)
        ancestors = _Parents(node)
    else:
        node = ancestors.node
    if node is None or node.type in _NOT_CODE:
        return False
    if (quotes or _QuoteScan(data)).inside(pos):
        return False
    if node.type == "property_identifier":
        parent = ancestors.parent(1)
        obj = parent.child_by_field_name("object") if parent is not None and parent.type == "member_expression" \
            else None
        if obj is not None and obj.end_point[0] < node.start_point[0] and \
                data[obj.end_byte:node.start_byte].strip() == b".":
            return True
    for up in range(64):  # the ERROR node is close above the token (a bounded climb)
        if node.is_error or node.is_missing:
            return True
        node = ancestors.parent(up + 1)
        if node is None:
            return False
        if node.type in _NOT_CODE:
            return False
    return False


class _Parents:
    """A node's ancestors read by ``node.parent`` (each a lookup from the root, as tree-sitter keeps no
    parent links)."""

    def __init__(self, node):
        self.node = node
        self.chain = [node]

    def parent(self, up: int):
        """The ancestor ``up`` levels above the node (None above the root)."""
        while len(self.chain) <= up and self.chain[-1] is not None:
            self.chain.append(self.chain[-1].parent)
        return self.chain[up] if up < len(self.chain) else None


class _TokenWalk:
    """The smallest node holding a byte range (as ``descendant_for_byte_range``) with its ancestors, for
    ranges asked in increasing order: one tree cursor goes up only as far as the next range needs and
    down again, so a line of many mentions under one deeply nested node is walked once (a lookup from
    the root for each mention and each of its parents was quadratic: 30,000 mentions on a broken line
    took 23 s). Returns None (ask the root) where it cannot tell the same node."""

    def __init__(self, root):
        self.cursor = root.walk()
        self.path = [root]  # the cursor's node and its ancestors, root first
        self.last = -1

    def at(self, start: int, end: int):
        if start < self.last:
            return None
        self.last = start
        path, cursor = self.path, self.cursor
        while len(path) > 1 and not _holds(path[-1], start, end):
            path.pop()
            cursor.goto_parent()
        if len(path) == 1 and not _holds(path[0], start, end):
            return None  # the root's own answer for a range outside it: ask it
        while cursor.goto_first_child_for_byte(start) is not None:
            child = cursor.node
            if not _holds(child, start, end):
                cursor.goto_parent()
                break
            path.append(child)
        return _Path(path)


def _holds(node, start: int, end: int) -> bool:
    return node.start_byte <= start and node.end_byte >= end and node.end_byte > start


class _Path(_Parents):
    """Ancestors from a walk's path (the node last)."""

    def __init__(self, path: list):
        self.node = path[-1]
        self.path = path

    def parent(self, up: int):
        return self.path[-1 - up] if up < len(self.path) else None


class _QuoteScan:
    """Whether an unterminated quote or a // comment opens before a position on its line, for positions
    asked in increasing order: the scan of a line resumes where the last question left it, so a line
    holding many mentions is read once (it was read from its start for each: quadratic)."""

    def __init__(self, data: bytes):
        self.data = data
        self.asked = -1  # the last position asked
        self.i = 0  # the scan has read the line up to here
        self.quote = None
        self.comment = False

    def inside(self, pos: int) -> bool:
        data = self.data
        if self.asked < 0 or pos < self.asked or data.rfind(b"\n", self.asked, pos) >= 0:
            self.i = data.rfind(b"\n", 0, pos) + 1  # a new line (or an earlier position): start it afresh
            self.quote = None
            self.comment = False
        self.asked = pos
        if self.comment:
            return True
        i, quote = self.i, self.quote
        while i < pos:
            c = data[i]
            if quote is not None:
                if c == 0x5C:  # backslash
                    i += 2
                    continue
                if c == quote:
                    quote = None
            elif c in (0x22, 0x27, 0x60):
                quote = c
            elif c == 0x2F and data[i + 1:i + 2] == b"/":
                self.i, self.quote, self.comment = i, quote, True
                return True
            i += 1
        self.i, self.quote = i, quote
        return quote is not None


def _literal_form(data: bytes, pos: int, limit: int):
    """(start, end, path, is call) of the literal member path at ``pos``, or None if it names no use."""
    match = _CHAIN.match(data, pos, limit)
    if match is None:
        return None
    parts = ("sforce",) + tuple(p.decode() for p in _PART.findall(match.group(1)))
    receiver = _RECEIVER.search(data, max(0, pos - 64), pos)
    start = receiver.start() if receiver else pos
    if match.group(2):
        # A call: of a member (or of member.call/apply).
        path = parts
        if path_kind(path) not in ("member", "unknown-member", "member-call"):
            return None
        if path_kind(path) == "member-call":
            path = path[:-1]
        open_at = match.end() - 1
        close = _matching_paren(data, open_at, min(limit, open_at + _MAX_SPAN))
        end = close + 1 if close is not None else _end_of_line(data, open_at, limit)
        return start, end, path, True
    for cut in range(len(parts), 2, -1):  # an enum constant: sforce.opencti.SCREENPOP_TYPE.SOBJECT
        if path_kind(parts[:cut]) in ("constant", "unknown-constant"):
            return start, _end_of_path(data, pos, cut), parts[:cut], False
    return None


def _end_of_path(data: bytes, pos: int, parts: int) -> int:
    end = pos
    for match in _PART.finditer(data, pos):
        parts -= 1
        end = match.end()
        if parts == 0:
            break
    return end


def _end_of_line(data: bytes, pos: int, limit: int) -> int:
    newline = data.find(b"\n", pos, limit)
    return limit if newline < 0 else newline


def _matching_paren(data: bytes, open_at: int, limit: int) -> int | None:
    """The ``)`` closing the ``(`` at ``open_at``, skipping strings, template literals and comments;
    None if brackets do not match or the text ends first."""
    stack = []
    i = open_at
    while i < limit:
        c = data[i]
        if c in (0x28, 0x5B, 0x7B):  # ( [ {
            stack.append(c)
        elif c in _CLOSERS:
            if not stack or stack.pop() != _CLOSERS[c]:
                return None
            if not stack:
                return i if c == 0x29 else None
        elif c in (0x22, 0x27):  # ' "
            i = _skip_string(data, i, limit)
            if i < 0:
                return None
        elif c == 0x60:  # `
            close = data.find(b"`", i + 1, limit)
            if close < 0:
                return None
            i = close
        elif c == 0x2F and data[i + 1:i + 2] == b"/":
            newline = data.find(b"\n", i, limit)
            if newline < 0:
                return None
            i = newline
        elif c == 0x2F and data[i + 1:i + 2] == b"*":
            close = data.find(b"*/", i + 2, limit)
            if close < 0:
                return None
            i = close + 1
        i += 1
    return None


def _skip_string(data: bytes, i: int, limit: int) -> int:
    quote = data[i]
    i += 1
    while i < limit:
        c = data[i]
        if c == 0x5C:
            i += 2
            continue
        if c == quote:
            return i
        if c == 0x0A:
            return -1  # a string never spans lines
        i += 1
    return -1


def _point(line_starts: list[int], data: bytes, offset: int) -> tuple[int, int]:
    row = bisect.bisect_right(line_starts, offset) - 1
    return row, offset - line_starts[row]


def _token_use(data: bytes, display: str, start: int, end: int, path: tuple, is_call: bool) -> ApiUse | None:
    family = family_of(path)
    api = ".".join(path)
    if not is_call:
        return ApiUse(file=display, line=0, column=0, end_line=0, end_column=0, api=api, family="lightning",
                      kind="constant", via="literal", receiver=".".join(path[:-1]), start_byte=start, end_byte=end)
    open_at = data.find(b"(", start, end)
    after = data[open_at + 1:end].lstrip()[:1] if open_at >= 0 else b""
    shape = "object" if after == b"{" else "none" if after == b")" else "positional"
    receiver = data[start:data.rfind(b".", start, open_at if open_at >= 0 else end)].decode("utf-8", "replace")
    return ApiUse(file=display, line=0, column=0, end_line=0, end_column=0, api=api,
                  family=family.value if family else "lightning", kind="call", via="literal",
                  receiver=receiver[:120], shape=shape, start_byte=start, end_byte=end)
