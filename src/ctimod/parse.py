"""Stage 3, parse: tree-sitter trees for scripts, and for the scripts inside pages.

A page (Visualforce, HTML, ERB, Jinja, Aura markup, Vue) is parsed with tree-sitter-html; each
inline ``<script>`` body, event-handler attribute and ``javascript:`` URL is then parsed with the
JavaScript (or TypeScript) grammar over its byte range of the *whole* file, so every node's
position is a line and column in the original file. Template tags (``{!merge}``, ``<%= erb %>``,
``{{ jinja }}``) are masked with same-length identifiers first, so they cannot break parsing
and cannot shift positions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from .inventory import Diagnostic, ScriptLoad
from .load import MENTION, Source

_JS_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/babel", "text/jsx",
                    "application/x-javascript", "text/ecmascript", "application/ecmascript", "text/x-javascript"}
_HANDLER_ATTRIBUTE = re.compile(r"on[a-z]+\Z", re.I)
# Attributes whose value a framework runs as code (Knockout data-bind, AngularJS ng-click, Vue v-on:/@click and
# :prop, Alpine x-on:, Angular (click) and [prop], Svelte on:click): code ctimod does not read.
_BINDING_ATTRIBUTE = re.compile(r"(?:data-bind|(?:data-)?ng-[\w-]+|v-[\w-]+(?::[\w.-]+)?|[@:][\w.:-]+|x-[\w.:-]+"
                                r"|\([\w.-]+\)|\[[\w.-]+\]|on:[\w-]+)\Z", re.I)

# Template tags: a pattern, or (opening, closing) for a tag that runs from its opening to the first closing after
# it (``<%= ... %>``). Those are found by str.find, not by a lazy ``<%.*?%>``: in a file of openings that never
# close, the expression scanned to the end from each one (800 KB of ``<%=`` took minutes).
_MASKS = {
    "visualforce": [rb"\{![^{}]*(?:\{[^{}]*\}[^{}]*)*\}"],
    "aura": [rb"\{[!#][^{}]*(?:\{[^{}]*\}[^{}]*)*\}"],
    "html": [rb"\{![^{}]*\}"],
    "erb": [(b"<%", b"%>"), rb"\{![^{}]*\}"],
    "jinja": [(b"{{", b"}}"), (b"{%", b"%}"), (b"{#", b"#}"), rb"\{![^{}]*\}"],
    "vue": [],
}
_COMPILED_MASKS = {k: [p if isinstance(p, tuple) else re.compile(p, re.S) for p in v] for k, v in _MASKS.items()}


def _tag_spans(data: bytes, pattern) -> list[tuple[int, int]]:
    if not isinstance(pattern, tuple):
        return [match.span() for match in pattern.finditer(data)]
    opening, closing = pattern
    spans, at = [], data.find(opening)
    while at >= 0:
        end = data.find(closing, at + len(opening))
        if end < 0:
            break  # (no later opening closes either)
        spans.append((at, end + len(closing)))
        at = data.find(opening, end + len(closing))
    return spans

SCRIPT_LOAD = re.compile(
    rb"/support/(?P<kind>api|console)/(?P<version>\d+(?:\.\d+)?)/"
    rb"(?P<file>lightning/opencti(?:_min)?|opencti(?:_min)?|interaction|integration)(?:\.js)?\b")


@lru_cache(maxsize=None)
def language(name: str):
    """The tree-sitter Language for 'javascript', 'typescript', 'tsx' or 'html' (imported lazily)."""
    import tree_sitter

    if name == "javascript":
        import tree_sitter_javascript as grammar

        return tree_sitter.Language(grammar.language())
    if name == "typescript":
        import tree_sitter_typescript as grammar

        return tree_sitter.Language(grammar.language_typescript())
    if name == "tsx":
        import tree_sitter_typescript as grammar

        return tree_sitter.Language(grammar.language_tsx())
    if name == "html":
        import tree_sitter_html as grammar

        return tree_sitter.Language(grammar.language())
    raise ValueError(name)


def parser(name: str):
    import tree_sitter

    return tree_sitter.Parser(language(name))


_TREES: dict = {}  # (language, text) -> tree, the most recently used last
_TREES_KEPT, _TREE_TEXT_LIMIT = 12, 2_000_000
INCREMENTAL_MIN = 4096  # texts shorter than this are parsed whole (an incremental parse would not pay)


def parse_text(data: bytes, name: str = "javascript"):
    """The tree of ``data`` (generated or moved code). Convert's passes re-read the same module text several
    times (render, lint, prune, the checks): the last few texts' trees are kept, so the same text gets the
    same tree back instead of a new parse. Trees are only read, never edited; forget_texts() drops them.

    Each pass changes a module only here and there (a TODO comment, a dropped import), so a text not seen
    yet is parsed incrementally from the kept text most like it (see :func:`_reparse`)."""
    key = (name, data)
    tree = _TREES.pop(key, None)
    if tree is None:
        tree = _reparse(data, name) if len(data) >= INCREMENTAL_MIN else None
        if tree is None:
            tree = parser(name).parse(data)
        if len(data) > _TREE_TEXT_LIMIT:
            return tree
        if len(_TREES) >= _TREES_KEPT:
            del _TREES[next(iter(_TREES))]
    _TREES[key] = tree
    return tree


def _reparse(data: bytes, name: str):
    """``data``'s tree from the kept text (of about its length) sharing the most leading and trailing bytes
    with it: a copy of that text's tree is told which lines changed (a line diff) and tree-sitter parses again
    only around them. The tree is the one a whole parse gives; a text with a syntax error is parsed whole
    anyway (error recovery may take another path from a different start). None when no kept text is close
    enough (most lines changed)."""
    best, best_shared = None, -1
    for (language, text), tree in _TREES.items():
        if language == name and len(data) // 2 <= len(text) <= 2 * len(data):
            shared = _shared_prefix(text, data) + _shared_suffix(text, data)
            if shared > best_shared:
                best, best_shared = (text, tree), shared
    if best is None:
        return None
    old, tree = best
    (old_lines, old_starts), (new_lines, new_starts) = _split_lines(old), _split_lines(data)
    changes = line_changes(old_lines, new_lines)
    if sum(b1 - b0 for _, _, b0, b1 in changes) * 2 > len(new_starts):
        return None  # most lines changed
    edited = tree.copy()  # the kept tree is still read by others: edit a copy
    for a0, a1, b0, b1 in changes:  # in order: the text before line b0 already reads as ``data``
        start = new_starts[b0]
        old_end, new_end = old_starts[a1], new_starts[b1]
        edited.edit(start_byte=start, old_end_byte=start + old_end - old_starts[a0], new_end_byte=new_end,
                    start_point=(b0, 0), old_end_point=_end_point(old, old_starts[a0], old_end, b0),
                    new_end_point=_end_point(data, start, new_end, b0))
    tree = parser(name).parse(data, edited)
    return None if tree.root_node.has_error else tree


def _end_point(data: bytes, start: int, end: int, row: int) -> tuple[int, int]:
    """Where the text ``data[start:end]`` (``start`` begins a line) ends when it begins at (row, 0)."""
    last = data.rfind(b"\n", start, end)
    return (row + data.count(b"\n", start, end), end - (last + 1 if last >= 0 else start))


def _shared_prefix(a: bytes, b: bytes) -> int:
    """How many leading bytes ``a`` and ``b`` share (a binary search over slice comparisons, done in C; only
    ``b`` is sliced, ``a`` is compared where it lies)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a.startswith(b[low:mid], low):
            low = mid
        else:
            high = mid - 1
    return low


def _shared_suffix(a: bytes, b: bytes) -> int:
    """How many trailing bytes ``a`` and ``b`` share."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a.endswith(b[len(b) - mid:len(b) - low], 0, len(a) - low):
            low = mid
        else:
            high = mid - 1
    return low


def _split_lines(data: bytes) -> tuple[list, list[int]]:
    """The lines of ``data`` (as tree-sitter counts rows) for comparing them, and where each begins, then the
    text's end. A line ended by '\\n' is its bytes without it; a last line without one is a 1-tuple of its
    bytes, so it equals no ended line (as when lines are compared with their '\\n', without copying each)."""
    lines: list = data.split(b"\n")
    last = lines.pop()
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    if last:
        lines.append((last,))
        starts.append(starts[-1] + len(last))
    return lines, starts


def line_changes(A: list, B: list, window: int = 1024) -> list[tuple[int, int, int, int]]:
    """(a0, a1, b0, b1): lines A[a0:a1] became B[b0:b1], in order; the lines between the changes are equal.
    A greedy diff (the next line to appear again within ``window`` lines is taken as the end of an insertion
    or a deletion, else one line changed): not always the shortest, always right. Where each line is, is
    looked up, not searched for: a long insertion (the stand-ins a module gains at its head) is found at
    the cost of a short one, and the lines after it are not all taken as changed."""
    n, m = len(A), len(B)
    i = 0
    while i < n and i < m and A[i] == B[i]:
        i += 1
    end_a, end_b = n, m
    while end_a > i and end_b > i and A[end_a - 1] == B[end_b - 1]:
        end_a -= 1
        end_b -= 1
    in_a, in_b = _positions(A, i, end_a), _positions(B, i, end_b)
    out, j, start = [], i, None
    while i < end_a and j < end_b:
        if A[i] == B[j]:
            if start is not None:
                out.append((start[0], i, start[1], j))
                start = None
            i += 1
            j += 1
            continue
        if start is None:
            start = (i, j)
        skip_b = _index(in_b, A[i], j + 1, min(j + window + 1, end_b))  # A[i] again soon in B: lines inserted
        skip_a = _index(in_a, B[j], i + 1, min(i + window + 1, end_a))  # B[j] again soon in A: lines deleted
        if skip_b is not None and (skip_a is None or skip_b - j <= skip_a - i):
            j = skip_b
        elif skip_a is not None:
            i = skip_a
        else:
            i += 1
            j += 1
    if start is not None or i < end_a or j < end_b:
        first = start or (i, j)
        out.append((first[0], end_a, first[1], end_b))
    return out


def _positions(lines: list, start: int, end: int) -> dict:
    """Line -> the indexes (ascending) where it is in lines[start:end]."""
    found: dict = {}
    for index in range(start, end):
        found.setdefault(lines[index], []).append(index)
    return found


def _index(positions: dict, line, start: int, end: int) -> int | None:
    """The first index in [start, end) where ``line`` is (``positions``: see _positions)."""
    found = positions.get(line)
    if found is None:
        return None
    at = bisect_left(found, start)
    return found[at] if at < len(found) and found[at] < end else None


def forget_texts() -> None:
    """Drop the trees parse_text() keeps."""
    _TREES.clear()


@dataclass
class Region:
    """One stretch of script in a file, with its own tree (positions are file positions)."""

    index: int
    language: str  # javascript | typescript | tsx
    kind: str  # file | script | handler
    start_byte: int
    end_byte: int
    tree: object


@dataclass
class ParsedSource:
    source: Source
    data: bytes  # what was parsed: the file's UTF-8 bytes with template tags masked (and handlers decoded)
    regions: list[Region] = field(default_factory=list)
    error_spans: list[tuple[int, int]] = field(default_factory=list)  # byte ranges
    script_loads: list[ScriptLoad] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    html_tree: object = None  # pages only
    language: str = ""  # set where the file is read in another language than its name says (TypeScript in a .js)
    sites: list = field(default_factory=list)  # filled by find: API objects that are not member calls
    # Pages whose event handlers hold character references (``&#39;``): the file's bytes with those decoded as the
    # browser does (:mod:`.charrefs`; same length, same lines), the code convert carries; and where the decoded
    # text moved (offsets of ``data`` -> of the file, for columns). Empty otherwise.
    code: bytes = b""
    shifts: object = None
    # A page's event handlers that do not name sforce, as _page_regions gives regions: not parsed unless one
    # names an alias the page's scripts give the API (see add_handlers).
    handlers: list = field(default_factory=list)
    # A page's text that names the API but is not read as script (prose, a code sample in <pre>, a <script> of a
    # type a browser does not run, such as a template, an attribute other than an event handler): byte ranges.
    page_text: list = field(default_factory=list)
    # Attribute values that name the API and that a framework runs as code (see _BINDING_ATTRIBUTE): byte ranges.
    bindings: list = field(default_factory=list)


def mask_templates(data: bytes, flavor: str | None) -> bytes:
    """Replace template tags with '_' runs of the same length (newlines kept)."""
    spans = [span for pattern in _COMPILED_MASKS.get(flavor or "html", []) for span in _tag_spans(data, pattern)]
    if not spans:
        return data
    buf = bytearray(data)
    for start, end in spans:
        for i in range(start, end):
            if buf[i] not in (0x0A, 0x0D):
                buf[i] = 0x5F
    return bytes(buf)


# Markup nesting past this depth makes tree-sitter-html slow (its scanner copies the open-tag stack
# at every token: quadratic) and is never real markup; such a page is flattened before parsing.
MAX_MARKUP_DEPTH = 1000
_TAG = re.compile(rb"<(/?)([A-Za-z][\w:.-]*)(?:\s[^>]*)?(/?)>|<!--")
_COMMENT_OPEN = re.compile(rb"<!--")
_FRAGMENT = re.compile(rb"<[A-Za-z][\w:.-]*\s*(?=<|\Z)")  # a tag opening holding nothing (see blank_unclosed_comments)
_BARE_OPENING = re.compile(rb"<[A-Za-z][\w:.-]*\s*(?=<)")  # the same before a '<' (`<a <a <a >`)
_LONG_RUN = 64
_VOID = {b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
         b"source", b"track", b"wbr", b"keygen", b"command", b"basefont", b"frame", b"isindex"}
# Elements whose end tag may be left out: they do not nest into themselves, so they are not counted.
_OPTIONAL_END = {b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option", b"optgroup", b"thead", b"tbody",
                 b"tfoot", b"colgroup", b"caption", b"rb", b"rt", b"rp", b"html", b"head", b"body"}
_RAW_TEXT = {name: re.compile(rb"</" + name, re.I) for name in (b"script", b"style", b"textarea", b"title")}


def _tag_limit(data: bytes) -> int:
    """Where _TAG's searches stop: after the last ``>``, since no tag ends later (a ``<!--`` after it is looked
    for on its own). From each ``<a `` with no ``>`` after it the pattern read to the end of the text and back,
    so a text of them was quadratic (20,000 ``<a `` after the last ``>``: 15 s)."""
    return data.rfind(b">") + 1


def _tags(data: bytes):
    """(start, end, closing, lower-case name, self-closing) of each tag, skipping comments and the
    contents of script/style elements. A ``<!--`` that never closes is skipped alone: tree-sitter-html reads
    the markup after it (an ERROR of ``<!-``, then the tags), so the markup after it counts (nested 40,000 deep
    after one, it went unflattened: 5 s of quadratic parsing)."""
    pos, limit, last = 0, _tag_limit(data), data.rfind(b"-->")
    while True:
        match = _TAG.search(data, pos, limit)
        if match is None:
            return  # (a '<!--' after the last '>' never closes, and no tag follows it)
        if match.group(0) == b"<!--":
            # (closes: there is a later '-->'; a search for it from each of many that never close is quadratic)
            pos = data.find(b"-->", match.end()) + 3 if last >= match.end() else match.end()
            continue
        name = match.group(2).lower()
        closing = bool(match.group(1))
        yield match.start(), match.end(), closing, name, bool(match.group(3))
        pos = match.end()
        if name in _RAW_TEXT and not closing:
            close = _RAW_TEXT[name].search(data, pos)
            if close is None:
                return
            pos = close.start()


# tree-sitter-html saves its stack of open tags in 1,024 bytes between tokens: a known HTML element takes one
# byte, any other (apex:outputPanel, a custom element) two plus its name. Past that the innermost open tags
# are forgotten, and a <script> inside them never closes (60 nested <apex:outputPanel> suffice).
_KNOWN_TAGS = frozenset(b"""area base br col command embed frame hr image img input isindex keygen link menuitem meta
    nextid param source track wbr a abbr address article aside audio b bdi bdo blockquote body button canvas caption
    cite code colgroup data datalist dd del details dfn dialog div dl dt em fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 head header hgroup html i iframe ins kbd label legend li main map mark math menu meter nav
    noscript object ol optgroup option output p picture pre progress q rb rp rt rtc ruby s samp script section
    select slot small span strong style sub summary sup svg table tbody td template textarea tfoot th thead time
    title tr u ul var video""".split())
SCANNER_BYTES = 1024 - 4 - 64  # what tree-sitter-html keeps, less its header and a margin


def deep_markup(data: bytes, limit: int = MAX_MARKUP_DEPTH) -> tuple[int, int, bytes] | None:
    """Where markup nests deeper than ``limit``, or deeper than tree-sitter-html can keep track of:
    (offset of the tag, its depth, its name), or None."""
    saved, total = [], 0  # bytes each open tag takes in the HTML scanner's state, and their sum
    for start, _, closing, name, self_closing in _tags(data):
        if name in _VOID or name in _OPTIONAL_END or self_closing:
            continue
        if closing:
            if saved:
                total -= saved.pop()
            continue
        saved.append(1 if name in _KNOWN_TAGS else 2 + min(len(name), 255))
        total += saved[-1]
        if len(saved) > limit or (total > SCANNER_BYTES and name not in _KNOWN_TAGS):
            return start, len(saved), name
    return None


# An attribute value in a tag: quoted (one holding '<' is left out: as page text it would open a tag), or
# unquoted (``onclick=cti.refreshView()``: up to a space or the tag's end, as HTML reads it).
_ATTRIBUTE_VALUE = re.compile(rb"""\s([^\s"'<>/=]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)'|([^\s"'<>=`]+))""")


def flatten_deep_markup(data: bytes, limit: int = MAX_MARKUP_DEPTH,
                        handlers: list | None = None) -> tuple[bytes, tuple[int, int, bytes] | None]:
    """Markup nested too deep (see :func:`deep_markup`): (the page with its tags blanked, what deep_markup found).

    Script elements are kept, and tags that mention ``sforce`` other than in an event handler or ``javascript:``
    URL the attribute pattern reads; every other tag becomes spaces of the same length (newlines kept), so
    positions do not move. A page within the limit is returned as it is, with None. Given ``handlers``, the event
    handlers and ``javascript:`` URLs of the blanked tags keep their code, as page text, and are added to it as
    :func:`_page_regions` gives them (a region where it names sforce, else waiting for an alias, see add_handlers).
    Tags whose handlers name sforce were kept before, nested: 10,000 deep, 2.4 s of quadratic parsing.
    """
    if data.count(b"<") <= min(limit, SCANNER_BYTES // 257):  # (a custom tag takes at most 257 bytes)
        return data, None
    found = deep_markup(data, limit)
    if found is None:
        return data, None
    buf = bytearray(data)
    line, line_start, counted = 0, 0, 0  # (rows and columns of the handlers, counted once through the page)
    for start, end, closing, name, _ in _tags(data):
        if name == b"script":
            continue
        kept = []
        mentions = data.find(b"sforce", start, end) >= 0
        if (handlers is not None or mentions) and not closing and data.find(b"=", start, end) >= 0:
            for match in _ATTRIBUTE_VALUE.finditer(data, start, end):
                group = next(g for g in (2, 3, 4) if match.start(g) >= 0)
                begin, stop = match.start(group), match.end(group)
                if _HANDLER_ATTRIBUTE.match(match.group(1).decode("ascii", "replace")):
                    kept.append((begin, stop))
                elif data[begin:stop].lstrip()[:11].lower() == b"javascript:":
                    kept.append((begin + data[begin:stop].lower().index(b"javascript:") + 11, stop))
        if mentions and not _only_in(data, b"sforce", start, end, kept):
            continue  # (sforce elsewhere in the tag, or in a handler the attribute pattern does not read: kept whole)
        if handlers is None:
            kept = []
        for begin, stop in kept:
            for at in (begin, stop):
                newlines = data.count(b"\n", counted, at)
                if newlines:
                    line += newlines
                    line_start = data.rfind(b"\n", counted, at) + 1
                counted = at
                if at == begin:
                    start_point = (line, begin - line_start)
            handlers.append(("javascript", "handler", begin, stop, start_point, (line, stop - line_start)))
        keep_from, keep_to = kept[0] if kept else (end, end)
        for i in range(start, end):
            if keep_from <= i < keep_to:
                continue
            if kept and i >= keep_to:
                kept.pop(0)
                keep_from, keep_to = kept[0] if kept else (end, end)
                if keep_from <= i < keep_to:
                    continue
            if buf[i] not in (0x0A, 0x0D):
                buf[i] = 0x20
    return bytes(buf), found


_NOT_NEWLINE = re.compile(rb"[^\r\n]")


def _spaces(data: bytes, spans) -> bytes:
    """``data`` with the text of each region in ``spans`` (tuples with start and end bytes at 2 and 3) made
    spaces, newlines kept: positions do not move."""
    buf = bytearray(data)
    for span in spans:
        buf[span[2]:span[3]] = _NOT_NEWLINE.sub(b" ", data[span[2]:span[3]])
    return bytes(buf)


def _only_in(data: bytes, word: bytes, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether every ``word`` in ``data[start:end]`` lies inside one of ``spans`` (sorted, disjoint)."""
    at = data.find(word, start, end)
    for begin, stop in spans:
        if at < begin:  # (none left, or one before this span: in none)
            return at < 0
        while at >= 0 and at + len(word) <= stop:
            at = data.find(word, at + 1, end)
    return at < 0


def blank_unclosed_comments(data: bytes) -> bytes:
    """``data`` with every ``<!--`` that never closes, after the first, made four spaces (not inside script or
    style text). tree-sitter-html reads each such opening to the end of the page looking for its ``-->``, then
    goes on after it: quadratic (40,000 of them took 86 s). The first stays; the others were errors the parser
    skipped, so the tree keeps every element and script it had (positions do not move). After the one kept, tag
    openings that hold nothing past the last ``>`` (``<a `` and then ``<`` or the end) are made spaces too."""
    last = data.rfind(b"-->")
    limit = _tag_limit(data)
    unclosed = data.count(b"<!--", max(last - 3, 0))  # (those with no '-->' after their end: `<!-->` has none)
    if unclosed == 0 or (unclosed == 1 and _FRAGMENT.search(data, limit) is None and
                         _BARE_OPENING.search(data, data.find(b"<!--", max(last - 3, 0)), limit) is None):
        return data
    buf, first, pos, kept = None, True, 0, None
    while True:
        match = _TAG.search(data, pos, limit)
        if match is None:
            match = _COMMENT_OPEN.search(data, max(pos, limit))  # (no tag after the last '>': comments only)
            if match is None:
                break
        if match.group(0) == b"<!--":
            if last >= match.end():  # (closes: no later '-->' otherwise; a search for it each time is quadratic)
                pos = data.find(b"-->", match.end()) + 3
                continue
            if first:
                first, kept = False, match.end()
            else:
                buf = buf if buf is not None else bytearray(data)
                buf[match.start():match.end()] = b"    "
            pos = match.end()
            continue
        name = match.group(2).lower()
        pos = match.end()
        if kept is not None:
            # Tag openings holding nothing before a tag (`<a <a <a >`: the tag pattern reads one tag): after the kept
            # comment tree-sitter-html reads them into one ERROR at a cost that grows with it (20,000 `<a ` and then
            # `>`: 2.3 s, quadratic). Made spaces, but for the last, before a plain tag (no script, nothing else).
            at, run, count = match.start(), match.start(), 0
            while (opening := _BARE_OPENING.match(data, at, match.end())) is not None:
                run, at, count = at, opening.end(), count + 1
            # (runs of 64 or more only, the last opening staying, ending in a plain tag, no script: the parser's
            # recovery reaches past them, so shorter runs, which cost little, are left as they are)
            tail = _TAG.match(data, at, match.end()) if count >= _LONG_RUN else None
            if tail is not None and tail.end() == match.end() and tail.group(2) and not tail.group(1) and \
                    data.find(b"<", at + 1, match.end()) < 0 and tail.group(2).lower() not in _RAW_TEXT:
                buf = buf if buf is not None else bytearray(data)
                buf[match.start():run] = _NOT_NEWLINE.sub(b" ", data[match.start():run])
        if name in _RAW_TEXT and not match.group(1):
            close = _RAW_TEXT[name].search(data, pos)
            if close is None:
                kept = None  # (the rest is that element's text: left as it is)
                break
            pos = close.start()
    if kept is not None:
        # Tag openings after the kept comment and the last '>' that hold nothing (`<a ` and then the next `<` or
        # the end): tree-sitter-html, recovering from the comment, reads each into one ERROR at a cost that grows
        # with it (20,000 `<a `: 3 s, quadratic); no tag ends after the last '>', so they are page text.
        for match in _FRAGMENT.finditer(data, max(kept, limit)):
            buf = buf if buf is not None else bytearray(data)
            for i in range(match.start(), match.end()):
                if buf[i] not in (0x0A, 0x0D):
                    buf[i] = 0x20
    return bytes(buf) if buf is not None else data


# A tag opening that holds something (an attribute, a '/') and no '>' before the next '<' (quoted values may hold
# either): ``<a x=1 <a x=1 ...``. A browser reads such a run as one tag (the later openings are attribute names);
# tree-sitter-html reads each into an error at a cost that grows with the run (20,000 ``<a x=1 ``: 5 s, ``<a/``: 2 s,
# quadratic).
_UNCLOSED_OPENING = re.compile(rb"<([A-Za-z][\w:.-]*)(?=[\s/])(?:[^<>\"']|\"[^\"]*\"|'[^']*')*(?=<)")
# (the same without quoted values, a quicker search: a page with fewer than _LONG_RUN is left as it is)
_UNCLOSED_PLAIN = re.compile(rb"<[A-Za-z][\w:.-]*[\s/][^<>]*(?=<)")


# Where script, style, textarea or title text begins, as text (a missing '>' before it does not hide it), and the
# attribute text an opening keeps for: an event handler, a javascript: URL (the code a page runs), a mention of sforce.
_RAW_OPENER = re.compile(rb"<(script|style|textarea|title)(?![\w:.-])", re.I)
_KEPT_ATTRIBUTE = re.compile(rb"(?:^|[\s/\"'])on[a-z]+\s*=|javascript:|sforce", re.I)


def blank_unclosed_openings(data: bytes) -> bytes:
    """``data`` with runs of _LONG_RUN or more tag openings that do not close before the next one (``<a x=1 <a x=1``)
    made spaces (newlines kept: positions do not move). The run ends at the next ``<`` that is no such opening
    (``<a x=1 >``, the one tag the browser reads the run and it as). Openings holding an event handler, a
    ``javascript:`` URL or a mention of ``sforce`` stay (and count in the run: they cannot split it), as does all
    text from a ``<script``, ``<style``, ``<textarea`` or ``<title`` to its closing tag (an opening there ends a
    run), whatever the markup around it. Shorter runs stay (their cost is small)."""
    if data.count(b"<") < _LONG_RUN or \
            sum(1 for _ in zip(range(_LONG_RUN), _UNCLOSED_PLAIN.finditer(data))) < _LONG_RUN:
        return data
    # Script, style, textarea and title text is never markup (JavaScript building HTML in strings, `a <b && c`):
    # from each opener found in the text to its closing tag (or the end), openings are left alone.
    raw, pos = [], 0
    while (opener := _RAW_OPENER.search(data, pos)) is not None:
        close = _RAW_TEXT[opener.group(1).lower()].search(data, opener.end())
        raw.append((opener.start(), len(data) if close is None else close.start()))
        if close is None:
            break
        pos = close.end()
    raw_starts = [start for start, _ in raw]
    buf, run, end = None, [], -1  # (the run's openings: (start, end, kept); where the last one ended)

    def close_run() -> None:
        nonlocal buf
        if len(run) >= _LONG_RUN:
            buf = buf if buf is not None else bytearray(data)
            for start, stop, kept in run:
                if not kept:
                    buf[start:stop] = _NOT_NEWLINE.sub(b" ", data[start:stop])

    for match in _UNCLOSED_OPENING.finditer(data):
        start, stop = match.span()
        at = bisect_right(raw_starts, start) - 1
        if at >= 0 and start < raw[at][1]:
            close_run()
            run, end = [], -1
            continue
        if start != end:
            close_run()
            run = []
        run.append((start, stop, _KEPT_ATTRIBUTE.search(data, start, stop) is not None))
        end = stop
    close_run()
    return bytes(buf) if buf is not None else data


def prepare_markup(data: bytes, handlers: list | None = None) -> tuple[bytes, tuple[int, int, bytes] | None]:
    """A page as the HTML parser is given it: the shapes tree-sitter-html takes quadratic time over blanked
    (:func:`blank_unclosed_comments`, :func:`blank_unclosed_openings`) and markup nested too deep flattened
    (:func:`flatten_deep_markup`, which says so); positions do not move."""
    return flatten_deep_markup(blank_unclosed_openings(blank_unclosed_comments(data)), handlers=handlers)


def line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


class LineIndex:
    """Fast byte offset -> (line, column) for many lookups in one file (minified lines included)."""

    def __init__(self, data: bytes, shifts=None):
        import bisect

        self._bisect = bisect.bisect_right
        self.data = data
        self._shifts = shifts or None  # offsets given are of decoded text (charrefs.Shifts): mapped to the file's
        self.starts = [0] + [m.end() for m in re.finditer(rb"\n", data)]
        self._ascii: dict[int, bool] = {}

    def _line_bounds(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.data)
        return start, end

    def __call__(self, offset: int) -> tuple[int, int]:
        return self._place(self._shifts(offset) if self._shifts is not None else offset)

    def _place(self, offset: int) -> tuple[int, int]:
        i = self._bisect(self.starts, offset) - 1
        start, end = self._line_bounds(i)
        ascii_line = self._ascii.get(i)
        if ascii_line is None:
            ascii_line = self._ascii[i] = self.data[start:end].isascii()
        if ascii_line:
            return i + 1, offset - start + 1
        return i + 1, len(self.data[start:offset].decode("utf-8", errors="replace")) + 1

    def place_all(self, uses) -> None:
        """Set each use's line and columns (as ``self(offset)`` gives them) and snippet (:meth:`snippet`); the
        uses are in text order, so uses on one line (a call and the constant in it) share the line's lookup."""
        bisect, starts, data, ascii_of = self._bisect, self.starts, self.data, self._ascii
        count = len(starts)
        last = -1
        line_start = line_end = 0
        ascii_line = False
        line_text = None  # the line's snippet when it is short, for every use on it
        shifts = self._shifts
        for use in uses:
            start, end = use.start_byte, use.end_byte
            if shifts is not None:
                start, end = shifts(start), shifts(end)
            i = bisect(starts, start) - 1
            if i != last:
                last = i
                line_start = starts[i]
                line_end = starts[i + 1] - 1 if i + 1 < count else len(data)
                ascii_line = ascii_of.get(i)
                if ascii_line is None:
                    ascii_line = ascii_of[i] = data[line_start:line_end].isascii()
                line_text = None
                if line_end - line_start <= 320:  # (the snippet's width * 2)
                    text = data[line_start:line_end].decode("utf-8", errors="replace")
                    if len(text) <= 160:
                        line_text = text.strip()
            if ascii_line:
                column = start - line_start + 1
                if end <= line_end:
                    end_line, end_column = i + 1, end - line_start + 1
                else:
                    end_line, end_column = self._place(end)
            else:
                column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
                end_line, end_column = self._place(end)
            use.line, use.column, use.end_line, use.end_column = i + 1, column, end_line, end_column
            use.snippet = line_text if line_text is not None else self.snippet(start)

    def snippet(self, offset: int, width: int = 160) -> str:
        """The source line around ``offset``, trimmed; a long (minified) line is cut to a window."""
        i = self._bisect(self.starts, offset) - 1
        start, end = self._line_bounds(i)
        if end - start <= width * 2:
            text = self.data[start:end].decode("utf-8", errors="replace")
            if len(text) <= width:
                return text.strip()
        left = max(start, offset - width // 3)
        right = min(end, left + width)
        piece = self.data[left:right].decode("utf-8", errors="ignore").strip()
        return ("…" if left > start else "") + piece + ("…" if right < end else "")


def _error_spans(tree) -> list[tuple[int, int]]:
    """Byte ranges tree-sitter could not parse: stray tokens of ERROR nodes, and MISSING tokens.

    Well-formed subtrees inside an ERROR node were parsed (and are searched for uses), so only
    the stray tokens around them count as unparsed.
    """
    root = tree.root_node
    if not root.has_error:
        return []
    spans: list[tuple[int, int]] = []
    stack = [(root, False)]
    while stack:
        node, inside_error = stack.pop()
        if node.is_missing:
            spans.append((node.start_byte, max(node.end_byte, node.start_byte + 1)))
        elif node.is_error:
            if node.child_count == 0:
                spans.append((node.start_byte, node.end_byte))
            stack.extend((child, True) for child in node.children)
        elif node.type == "comment":
            continue
        elif inside_error and node.child_count == 0:
            spans.append((node.start_byte, node.end_byte))
        elif node.has_error:
            stack.extend((child, False) for child in node.children)
    return spans


def merge_spans(spans: list[tuple[int, int]], data: bytes = b"") -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans; spans separated only by whitespace are joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not data[merged[-1][1]:start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def parse_range(lang: str, data: bytes, start_byte: int, end_byte: int, start_point, end_point):
    import tree_sitter

    p = parser(lang)
    p.included_ranges = [tree_sitter.Range(start_point, end_point, start_byte, end_byte)]
    return p.parse(data)


def _attr(start_tag, data: bytes) -> dict[str, str]:
    attrs = {}
    for child in start_tag.named_children:
        if child.type != "attribute":
            continue
        name = value = None
        for part in child.named_children:
            if part.type == "attribute_name":
                name = data[part.start_byte:part.end_byte].decode("utf-8", "replace").lower()
            elif part.type in ("attribute_value", "quoted_attribute_value"):
                value = data[part.start_byte:part.end_byte].decode("utf-8", "replace").strip("\"'")
        if name:
            attrs[name] = value or ""
    return attrs


def _page_regions(data: bytes, parsed: ParsedSource) -> list[tuple]:
    """(language, kind, start_byte, end_byte, start_point, end_point) for each script in a page."""
    html = parser("html").parse(data)
    parsed.html_tree = html
    found = []
    stack = [html.root_node]
    while stack:
        node = stack.pop()
        if node.type == "raw_text":
            prev = node.prev_named_sibling
            if prev is not None and prev.type == "start_tag":
                tag = next((c for c in prev.named_children if c.type == "tag_name"), None)
                tag_name = data[tag.start_byte:tag.end_byte].decode("utf-8", "replace").lower() if tag else ""
                if tag_name == "script":
                    attrs = _attr(prev, data)
                    script_type = attrs.get("type", "").strip().lower()
                    lang = attrs.get("lang", "").lower()
                    nxt = node.next_sibling
                    if nxt is None or nxt.type != "end_tag":
                        line = data.count(b"\n", 0, prev.start_byte) + 1
                        parsed.diagnostics.append(Diagnostic(
                            "warning", "unclosed-script",
                            f"<script> opened on line {line} never closes; read to the end of the file", line=line))
                    if script_type in _JS_SCRIPT_TYPES or script_type.endswith("javascript"):
                        grammar = "typescript" if lang in ("ts", "typescript") else "tsx" if lang == "tsx" else "javascript"
                        found.append((grammar, "script", node.start_byte, node.end_byte, node.start_point, node.end_point))
                    elif data.find(b"sforce", node.start_byte, node.end_byte) >= 0:
                        parsed.page_text.append((node.start_byte, node.end_byte))  # (a template: never run)
                elif data.find(b"sforce", node.start_byte, node.end_byte) >= 0:
                    parsed.page_text.append((node.start_byte, node.end_byte))  # (style, textarea, title text)
            continue
        if node.type == "attribute":
            name_node = node.child_by_field_name("name") or (node.named_children[0] if node.named_children else None)
            value_node = None
            for part in node.named_children:
                if part.type == "quoted_attribute_value":
                    value_node = next((c for c in part.named_children if c.type == "attribute_value"), None)
                elif part.type == "attribute_value":
                    value_node = part
            if name_node is not None and value_node is not None:
                name = data[name_node.start_byte:name_node.end_byte].decode("utf-8", "replace")
                value = data[value_node.start_byte:value_node.end_byte]
                # (a handler not naming sforce waits in parsed.handlers: it may name an alias, see add_handlers)
                if _HANDLER_ATTRIBUTE.match(name):
                    (found if b"sforce" in value else parsed.handlers).append(
                        ("javascript", "handler", value_node.start_byte, value_node.end_byte,
                         value_node.start_point, value_node.end_point))
                elif value.lstrip().lower().startswith(b"javascript:"):
                    skip = value.lower().index(b"javascript:") + len(b"javascript:")
                    start = value_node.start_byte + skip
                    start_point = (value_node.start_point[0], value_node.start_point[1] + skip)
                    (found if b"sforce" in value else parsed.handlers).append(
                        ("javascript", "handler", start, value_node.end_byte, start_point, value_node.end_point))
                elif b"sforce" in value:  # (title="...", data-*: shown or kept; data-bind, ng-click: run by a framework)
                    (parsed.bindings if _BINDING_ATTRIBUTE.match(name) else parsed.page_text).append(
                        (value_node.start_byte, value_node.end_byte))
            continue
        if node.type == "comment":
            continue
        if node.type == "text" and _LITERAL_CALL.search(data, node.start_byte, node.end_byte) and \
                _holds_loose_script(node, data):
            # JavaScript outside <script>: a snippet page included inside another page's script.
            found.append(("javascript", "text", node.start_byte, node.end_byte, node.start_point, node.end_point))
            continue
        if node.type == "text":
            if data.find(b"sforce", node.start_byte, node.end_byte) >= 0:
                parsed.page_text.append((node.start_byte, node.end_byte))  # (shown, never run: see scan)
            continue
        stack.extend(reversed(node.children))
    found.sort(key=lambda r: r[2])
    return found


_LITERAL_CALL = re.compile(rb"sforce\s*\??\.\s*(?:opencti|interaction|console)(?:\s*\??\.\s*[A-Za-z_$][\w$]*)+\s*\(")
_LOOSE_SCRIPT_PARENTS = {"html", "body", "head", "template"}


def _holds_loose_script(text_node, data: bytes) -> bool:
    """Text where a page fragment carries script: at the top of the document, or directly inside
    html/body or a Visualforce/Aura component tag (never prose or code samples in p, pre, code...)."""
    parent = text_node.parent
    if parent is None or parent.type == "document":
        return True
    if parent.type != "element" or not parent.children or parent.children[0].type != "start_tag":
        return False
    tag = next((c for c in parent.children[0].named_children if c.type == "tag_name"), None)
    name = data[tag.start_byte:tag.end_byte].decode("utf-8", "replace").lower() if tag is not None else ""
    return name in _LOOSE_SCRIPT_PARENTS or ":" in name


def _in_comment(tree, offset: int) -> bool:
    # Comments are leaves in both grammars: the smallest node at the offset is the comment itself
    # (no climb through the parents, which would cost O(depth²) on deeply nested markup).
    node = tree.root_node.descendant_for_byte_range(offset, offset + 1)
    return node is not None and node.type == "comment"


def _script_loads(parsed: ParsedSource, data: bytes) -> None:
    html = parsed.html_tree
    for match in SCRIPT_LOAD.finditer(data):
        pos = match.start()
        if html is not None and _in_comment(html, pos):
            continue
        region = next((r for r in parsed.regions if r.start_byte <= pos < r.end_byte), None)
        if region is not None and _in_comment(region.tree, pos):
            continue
        kind, version, file = (match.group("kind").decode(), match.group("version").decode(),
                               match.group("file").decode())
        family = "console" if kind == "console" else "lightning" if "opencti" in file else "classic"
        if "." not in version:
            version += ".0"
        line, col = line_col(parsed.source.data, pos)
        parsed.script_loads.append(ScriptLoad(url=match.group(0).decode("utf-8", "replace"), family=family,
                                              api_version=version, line=line, column=col))


# Text only TypeScript has (a type annotation, a cast, an interface, a type alias, an enum, an access modifier,
# `declare`, `implements`, a non-null `!`, a generic call): where a .js file does not parse as JavaScript next
# to one, it is also read as TypeScript.
_TYPESCRIPT_SYNTAX = re.compile(
    rb"[\w$)\]?]\s*:\s*(?:string|number|boolean|any|void|unknown|never|object|[A-Z][\w$]*(?:<|\[\]|\s*[,)=;{]))"
    rb"|\bas\s+(?:const|any|unknown|string|number|boolean|[A-Z])|\b(?:interface|enum|namespace)\s+[A-Za-z_$]"
    rb"|\btype\s+[A-Za-z_$][\w$]*\s*(?:<[^>\n]*>)?\s*=|\b(?:private|public|protected|readonly)\s+[A-Za-z_$]"
    rb"|\bdeclare\s+(?:const|let|var|function|class|module|global|namespace)\b|\bimplements\s+[A-Za-z_$]"
    rb"|[\w$)\]]!\s*[.;,)\]]|<[A-Za-z_$][\w$]*(?:\[\])?(?:\s*,\s*[A-Za-z_$][\w$]*)*>\s*[(\w$]"
    rb"|\):\s*[\w${(\[]")


def _typescript_at_errors(data: bytes, tree) -> bool:
    """Whether the JavaScript reading of ``data`` fails where the text is TypeScript (near one of its first
    syntax errors)."""
    if not tree.root_node.has_error:
        return False
    return any(_TYPESCRIPT_SYNTAX.search(data, max(0, start - 40), end + 40)
               for start, end in _error_spans(tree)[:32])


def _error_extent(data: bytes, tree) -> tuple[int, int]:
    """(lines, bytes) a reading's syntax errors cover."""
    spans = merge_spans(_error_spans(tree), data)
    newlines = [m.start() for m in re.finditer(rb"\n", data)] if spans else []
    lines, size, last = 0, 0, -1
    for start, end in spans:
        size += end - start
        first, final = bisect_left(newlines, start), bisect_left(newlines, end)
        lines += final - max(first, last + 1) + 1 if final > last else 0
        last = max(last, final)
    return lines, size


# tree-sitter-javascript's lexer reads each comment opener ``/*`` that never closes to the end of the file before it
# takes the ``/`` as division (``cti/*`` 5,000 / 10,000 times: 0.9 / 6.3 s of parsing, quadratic; the parser
# itself, not ctimod). A file's parse may read at most REREAD times its size (at least REREAD_FLOOR bytes, about a
# quarter of a second); past that it is stopped and the file is not analysed (see parse). Ordinary files are read
# about once (at most 2.2 times: the corpus and every bench/hostile.py shape, the 9 MB ones included; small files
# more, a 4 KB chunk per step back, far under the floor). The count is of the chunks the parser asks for:
# deterministic, unlike a time limit.
READ_CHUNK = 4096
REREAD = 16
REREAD_FLOOR = 16 * 1024 * 1024


def parse_bounded(language: str, data: bytes):
    """The tree of ``data`` in ``language``, or None where its parse read more than REREAD times the text."""
    p = parser(language)
    budget = max(REREAD * len(data), REREAD_FLOOR)
    read = 0

    def chunk(offset, _point):
        nonlocal read
        read += READ_CHUNK
        if read > budget:
            return b""  # the end of the text, for the parser: it finishes at once, and the tree is not used
        return data[offset:offset + READ_CHUNK]

    # (Not a progress_callback to stop it: with a read callback, py-tree-sitter before 0.26.1 crashes on one.)
    tree = p.parse(chunk)
    return None if read > budget else tree


def parse(source: Source) -> ParsedSource:
    """Parse a loaded source into script regions; never raises for bad input."""
    data = source.data
    parsed = ParsedSource(source=source, data=data)
    if source.language in ("javascript", "typescript", "tsx"):
        language = source.language
        tree = parse_bounded(language, data)
        if tree is None:
            mentions = len(mentions_in(data, [(0, len(data))]))
            parsed.diagnostics.append(Diagnostic(
                "warning", "parse-stopped",
                f"the JavaScript parser read this file more than {REREAD} times over and was stopped (it reads from "
                "each comment opener '/*' that never closes to the end of the file: quadratic); not analysed "
                f"({mentions} raw mention(s) of sforce.opencti/interaction)"))
            return parsed
        if language == "javascript" and _typescript_at_errors(data, tree):
            # TypeScript in a file named like JavaScript (main.ts copied to main.js): read as JavaScript, its
            # types are syntax errors and the code around them is lost. Where the TypeScript grammar reads the
            # whole file, the file is TypeScript: analysed (and converted, types stripped) as a .ts file is.
            # (TSX too: a .js of React components with types.) Tried only where the JavaScript reading fails at
            # text only TypeScript has: each reading is a parse of the whole file.
            # A TypeScript file with a syntax error of its own (a typo) parses with errors in both readings: the
            # TypeScript reading is taken when its errors are fewer, on fewer lines and bytes, than the
            # JavaScript reading's (TypeScript's grammar reads JavaScript as JavaScript's does, so plain
            # JavaScript with a syntax error has the same errors in both: it stays JavaScript).
            js_errors = _error_extent(data, tree)
            best = None
            for typed_language in ("typescript", "tsx") if b"/>" in data or b"</" in data else ("typescript",):
                typed = parser(typed_language).parse(data)
                if not typed.root_node.has_error:
                    best = (typed_language, typed, None)
                    break
                extent = _error_extent(data, typed)
                if extent[0] < js_errors[0] and extent[1] < js_errors[1] and (best is None or extent < best[2]):
                    best = (typed_language, typed, extent)
            if best is not None:
                language, tree, extent = best
                parsed.language = language
                shown = "TypeScript" if language == "typescript" else "TSX"
                parsed.diagnostics.append(Diagnostic(
                    "info", "read-as-typescript",
                    f"named like JavaScript but holds {shown} (it parses only as {shown}); analysed as {shown}"
                    if extent is None else
                    f"named like JavaScript but holds {shown} (its syntax errors are on {extent[0]} line(s) read as "
                    f"{shown}, {js_errors[0]} read as JavaScript); analysed as {shown}"))
        parsed.regions.append(Region(0, language, "file", 0, len(data), tree))
        spans = _error_spans(tree)
    elif source.language == "page":
        data = mask_templates(source.data, source.flavor)
        deep_handlers: list = []
        data, found = prepare_markup(data, handlers=deep_handlers)
        if found is not None:
            deep_at, depth, name = found
            line, column = line_col(data, deep_at)
            shown = name[:40].decode("ascii") + ("…" if len(name) > 40 else "")  # (a tag name is ASCII: see _TAG)
            where = f"deeper than {MAX_MARKUP_DEPTH}" if depth > MAX_MARKUP_DEPTH else \
                f"{depth} deep in tags such as <{shown}>, more than the HTML parser keeps track of,"
            parsed.diagnostics.append(Diagnostic(
                "warning", "too-deep", f"markup nested {where} at line {line}: its structure "
                "was not analysed (its scripts and event handlers were)", line=line, column=column))
        # (the HTML parser reads the blanked tags' handlers as spaces: in a page of ordinary depth they are
        # attribute values, not page text, where one naming sforce would be read as loose script)
        regions = _page_regions(_spaces(data, deep_handlers) if deep_handlers else data, parsed)
        # (the blanked tags' handlers: a region where it names sforce, as _page_regions gives one, else waiting)
        for handler in deep_handlers:
            (regions if data.find(b"sforce", handler[2], handler[3]) >= 0 else parsed.handlers).append(handler)
        if deep_handlers:
            regions.sort(key=lambda r: r[2])
        data = _decode_handlers(parsed, data, regions)
        parsed.data = data
        spans = []
        for index, (lang, kind, start, end, sp, ep) in enumerate(regions):
            tree = parse_range(lang, data, start, end, sp, ep)
            parsed.regions.append(Region(index, lang, kind, start, end, tree))
            spans.extend(_error_spans(tree))
        parsed.handlers.sort(key=lambda r: r[2])
    else:
        return parsed
    parsed.error_spans = merge_spans(spans, data)
    _script_loads(parsed, source.data)
    return parsed


def _decode_handlers(parsed: ParsedSource, data: bytes, regions: list[tuple]) -> bytes:
    """``data`` with the character references of its event handlers decoded (:mod:`.charrefs`); ``parsed.code``
    and ``parsed.shifts`` set where there were any."""
    from .charrefs import Shifts, decode

    # (the handlers waiting for an alias too, parsed.handlers: read later as these are, see add_handlers)
    handlers = sorted((start, end) for _, kind, start, end, _, _ in regions + parsed.handlers
                      if kind == "handler" and data.find(b"&", start, end) >= 0)
    if not handlers:
        return data
    buffers, shifts = [bytearray(data), bytearray(parsed.source.data)], Shifts()
    decoded = [decode(buffers, start, end, shifts) for start, end in handlers]
    if not any(decoded):
        return data
    parsed.code, parsed.shifts = bytes(buffers[1]), shifts
    return bytes(buffers[0])


_WORD = re.compile(rb"[A-Za-z_$][\w$]*")


def add_handlers(parsed: ParsedSource, names) -> bool:
    """Parse the page's waiting event handlers that name one of ``names`` (aliases of the API its scripts
    set: ``onclick="cti.refreshView()"`` after ``<script>var cti = sforce.opencti;</script>``) and add them
    to its regions, in page order, with their syntax errors. Returns whether any was added."""
    data = parsed.data
    chosen = [h for h in parsed.handlers if not names.isdisjoint(_WORD.findall(data, h[2], h[3]))]
    if not chosen:
        return False
    spans = list(parsed.error_spans)
    for lang, kind, start, end, sp, ep in chosen:
        parsed.handlers.remove((lang, kind, start, end, sp, ep))
        tree = parse_range(lang, data, start, end, sp, ep)
        parsed.regions.append(Region(0, lang, kind, start, end, tree))
        spans.extend(_error_spans(tree))
    parsed.regions.sort(key=lambda r: r.start_byte)
    for index, region in enumerate(parsed.regions):
        region.index = index
    parsed.error_spans = merge_spans(spans, data)
    return True


def mentions_in(data: bytes, spans: list[tuple[int, int]]) -> list[int]:
    """Offsets of raw API mentions that lie inside the given byte spans."""
    if not spans:
        return []
    union: list[tuple[int, int]] = []  # sorted, disjoint: a mention's span is found by bisection
    for start, end in sorted(spans):
        if union and start <= union[-1][1]:
            union[-1] = (union[-1][0], max(end, union[-1][1]))
        elif start < end:
            union.append((start, end))
    starts = [start for start, _ in union]
    out = []
    for match in MENTION.finditer(data):
        pos = match.start()
        index = bisect_right(starts, pos) - 1
        if index >= 0 and pos < union[index][1]:
            out.append(pos)
    return out
