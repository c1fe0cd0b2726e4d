"""Legacy code as convert sees it, and the splicing of edits into it.

Convert never re-prints legacy code: the plan decides :class:`Edit` s (byte ranges of a legacy
file and what replaces them), and a :class:`Renderer` renders any range of a legacy file with the
edits inside it applied. Comments and formatting of moved code survive by construction, and an
Open CTI call nested inside a moved callback is converted in place.

The renderer belongs to the render stage: it remembers what each edit produced in each home, so
every replacement is produced once (the side-by-side diffs reuse the text the bundle holds; past
:data:`KEPT_CHARS`, a long text nested in another is let go and produced again if asked for), and
it records what generated text needs (imports, helpers, ...) into the :class:`~ctimod.codemod.Needs`
of the module being assembled.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .inventory import ApiUse
from .legacy import parent_of, remember_tree, text


WORD = re.compile(rb"[\w$\x80-\xff]+")  # a run of name characters (any non-ASCII byte counts as one)
NAME_BYTE = re.compile(rb"[\w$\x80-\xff]")
SEARCHED = 16  # names a LegacyFile finds by a search each before it indexes its words (see occurrences)


def _search_word(data: bytes, word: bytes) -> list[int]:
    """The starts of the runs of name characters (WORD) in ``data`` that are ``word``: WORD's matches that equal
    it. (The word first, so that the search skips to its first byte; what precedes it checked after: a match
    rejected so holds only name characters, so no run of them starts inside it.)"""
    if not WORD.fullmatch(word):
        return []
    out = []
    for match in re.finditer(re.escape(word) + rb"(?![\w$\x80-\xff])", data):
        start = match.start()
        if start == 0 or not NAME_BYTE.match(data, start - 1):
            out.append(start)
    return out


@dataclass
class LegacyFile:
    """One parsed legacy file."""

    display: str
    data: bytes  # the bytes that were parsed (template tags masked; same length as the file)
    source: bytes  # the file's own UTF-8 bytes (a page's event handlers decoded as the browser reads them)
    regions: list
    uses: list[ApiUse]
    sites: list[tuple[int, int, str]]  # API objects that are not member calls: (start, end, kind)
    page: bytes = b""  # the file's own UTF-8 bytes as written, where ``source`` decoded handlers (its markup)

    def __post_init__(self):
        for region in self.regions:
            remember_tree(region.tree.root_node)  # parents inside it are cheap to ask for (legacy.parent_of)

    def node(self, start: int, end: int):
        """The smallest node spanning [start, end) in the script region that holds it."""
        for region in self.regions:
            if region.start_byte <= start and end <= region.end_byte:
                return region.tree.root_node.descendant_for_byte_range(start, end)
        return None

    def language_at(self, offset: int):
        """The tree-sitter Language of the script region holding ``offset`` (None: JavaScript)."""
        for region in self.regions:
            if region.start_byte <= offset < region.end_byte:
                return region.tree.language
        return None

    def call_node(self, use: ApiUse):
        node = self.node(use.start_byte, use.end_byte)
        while node is not None and node.type != "call_expression":
            node = parent_of(node)
        return node

    def text(self, node) -> str:
        return text(self.source, node)

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def where(self, node) -> str:
        """``file:line`` of a node, as reports and generated comments name legacy code."""
        return f"{self.display}:{self.line(node.start_byte)}"

    @cached_property
    def _words(self) -> dict[bytes, list[int]]:
        index: dict[bytes, list[int]] = {}
        for match in WORD.finditer(self.data):
            index.setdefault(match.group(), []).append(match.start())
        return index

    @cached_property
    def _searched(self) -> dict[bytes, list[int]]:
        return {}

    def occurrences(self, name: str) -> list[int]:
        """Where ``name`` stands as a whole word (no name character on either side) in the file, in order.
        The first SEARCHED names are each found by a search of the file (in C: milliseconds for megabytes); past
        them one pass over the file indexes every word, which answers every later name (a search per name would
        cost the file's size each), but costs a dictionary entry per word in Python: a second for a 4 MB line of
        ``a=1;`` that convert asked one name of."""
        key = name.encode("utf-8")
        index = self.__dict__.get("_words")
        if index is not None:
            return index.get(key, [])
        found = self._searched.get(key)
        if found is None:
            if len(self._searched) >= SEARCHED:
                return self._words.get(key, [])
            found = self._searched[key] = _search_word(self.data, key)
        return found

    @cached_property
    def line_starts(self) -> list[int]:
        """Byte offset where each line starts (line n starts at ``line_starts[n - 1]``)."""
        starts = [0]
        find = self.source.find
        position = find(b"\n")
        while position >= 0:
            starts.append(position + 1)
            position = find(b"\n", position + 1)
        return starts


# A replacement's text, produced in a home: (renderer, home, needs) -> text.
Producer = Callable[["Renderer", str, object], str]


@dataclass(eq=False)
class Edit:
    """Replace [start, end) of a legacy file with text, in the given homes (all if None).

    ``produce`` is fixed text or a :data:`Producer`; ``conversion`` names the Open CTI call whose
    replacement this is (a failure to produce it is that conversion's failure). ``slot``: the edit
    belongs to a handler moved into a connector part (the click-to-dial listener in dial()); a copy
    of the same legacy code carried to module level (other code calls it) keeps the legacy text.
    """

    start: int
    end: int
    produce: Producer | str
    homes: tuple[str, ...] | None = None
    why: str = ""
    conversion: object = None
    slot: bool = False


@dataclass
class Produced:
    """What an edit produced in one home: its text and what that text needs. ``text`` is None once it was
    let go (:data:`KEPT_CHARS`): it is produced again when asked for."""

    text: str | None
    needs: object


# Each edit's text holds the texts of the edits nested in it (an `if (sforce.opencti)` check replaced by its
# branch, which holds the next check ...): keeping every text took memory quadratic in the nesting (2,000 checks
# deep: 770 MB). Past KEPT_CHARS characters of kept text, the text of an edit longer than KEPT_EDIT characters
# is let go once the edit around it is produced (its needs are kept); the rare later look-up (a side-by-side
# window, a report row) produces it again, as it was. Below the limit (every adapter short of such nesting)
# nothing is let go.
KEPT_CHARS = 4_000_000
KEPT_EDIT = 4_096


# How many producers may run inside one another before the innermost edit is produced on its own (each
# level costs three to eight Python frames: render, produce, the producer, and a codemod's own helpers such
# as RenderContext.expr -> Renderer.node -> render; 16 levels stay under 130 frames).
MAX_PRODUCE_DEPTH = 16


class _ProduceFirst(BaseException):
    """An edit nested MAX_PRODUCE_DEPTH producers deep, to produce before the producers above it. A
    BaseException so that producers catching a codemod's failure (``except Exception``) let it pass."""

    def __init__(self, edit: Edit, home: str):
        super().__init__()
        self.edit, self.home = edit, home


class Renderer:
    """Renders legacy byte ranges with the plan's edits spliced in; produces each edit once per home."""

    def __init__(self, files: dict[str, LegacyFile], edits: dict[str, list[Edit]], new_needs: Callable[[], object]):
        self.files = files
        self.edits = edits
        self._new_needs = new_needs
        self._sorted: dict[str, tuple[list[Edit], list[int]]] = {}
        self._produced: dict[tuple[int, str], Produced] = {}
        self._kept = 0  # characters of text in _produced
        self._inside: list[list[tuple]] = []  # for each producer running: the keys of the edits it used
        self._depth = 0  # producers running inside one another now
        self.failures: dict[int, str] = {}  # id(conversion) -> why its replacement could not be produced
        self.carrying = False  # rendering copies carried to module level: slot edits are left out
        self._holders: set[int] | None = None
        # (file display, home) -> the byte ranges rendered into that home: the code the bundle holds
        self.spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        # (file display, home, start of a moved function's body) -> the text the home writes before that body
        # where it is not the legacy text before it (a component method's ``name(params) `` for ``function name(params)``)
        self.heads: dict[tuple[str, str, int], str] = {}

    def drop(self, display: str, home: str, start: int, end: int) -> None:
        """``home`` holds none of the legacy bytes [start, end) of ``display`` rendered for it so far (code that
        failed to move, replaced by a stub): their spans and heads go, so side-by-sides do not show them."""
        held = self.spans.get((display, home))
        if held:
            held[:] = [(s, e) for s, e in held if not (start <= s and e <= end)]
        for key in [k for k in self.heads if k[0] == display and k[1] == home and start <= k[2] < end]:
            del self.heads[key]

    def _key(self, edit: Edit, home: str) -> tuple:
        """An edit is produced once per home; one holding slot edits, once more for the carried copies."""
        if self.carrying and id(edit) in self._holding_slot():
            return (id(edit), home, "carried")
        return (id(edit), home)

    def _holding_slot(self) -> set[int]:
        """The edits whose range holds a slot edit (their text differs in a carried copy)."""
        if self._holders is None:
            self._holders = set()
            for edits in self.edits.values():
                slots = [e for e in edits if e.slot]
                for edit in edits if slots else ():
                    if any(s is not edit and edit.start <= s.start and s.end <= edit.end for s in slots):
                        self._holders.add(id(edit))
        return self._holders

    def by_start(self, file: LegacyFile) -> tuple[list[Edit], list[int]]:
        """A file's edits sorted by start (longest first), and their starts, for bisecting."""
        return self._by_start(file.display)

    def _by_start(self, display: str) -> tuple[list[Edit], list[int]]:
        """The file's edits in render order (start, longest first), and their starts for bisecting."""
        cached = self._sorted.get(display)
        if cached is None:
            ordered = sorted(self.edits.get(display, []), key=lambda e: (e.start, -(e.end - e.start)))
            cached = self._sorted[display] = (ordered, [e.start for e in ordered])
        return cached

    def render(self, file: LegacyFile, start: int, end: int, home: str, needs, record: bool = True) -> str:
        """The legacy bytes [start, end) as ``home`` holds them (``record``: they are part of the bundle)."""
        if record:
            self.spans.setdefault((file.display, home), []).append((start, end))
        ordered, starts = self._by_start(file.display)
        out, cursor = [], start
        index, stop = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end + 1)
        while index < stop:
            edit = ordered[index]
            if edit.end > end or not (home is None or edit.homes is None or home in edit.homes) or \
                    (edit.slot and self.carrying):
                index += 1
                continue
            out.append(file.source[cursor:edit.start].decode("utf-8", "replace"))
            out.append(self.produce(edit, home, needs))
            cursor = edit.end
            # (the edits nested inside the one taken are its own to render: the next one starts at its end)
            index = bisect.bisect_left(starts, cursor, index + 1, stop)
        out.append(file.source[cursor:end].decode("utf-8", "replace"))
        return "".join(out)

    def node(self, file: LegacyFile, node, home: str, needs) -> str:
        return self.render(file, node.start_byte, node.end_byte, home, needs)

    def produce(self, edit: Edit, home: str, needs) -> str:
        if isinstance(edit.produce, str):
            return edit.produce
        key = self._key(edit, home)
        produced = self._produced.get(key)
        if produced is None or produced.text is None:
            if self._depth >= MAX_PRODUCE_DEPTH:
                raise _ProduceFirst(edit, home)
            produced = self._produce_one(edit, home) if self._depth else self._produce_from_top(edit, home)
        if self._inside:
            self._inside[-1].append(key)
        needs.merge(produced.needs)
        return produced.text

    def _has(self, key) -> bool:
        produced = self._produced.get(key)
        return produced is not None and produced.text is not None

    def _produce_one(self, edit: Edit, home: str) -> Produced:
        own = self._new_needs()
        self._depth += 1
        self._inside.append([])
        try:
            text = edit.produce(self, home, own)
        finally:
            self._depth -= 1
            used = self._inside.pop()
        key = self._key(edit, home)
        before = self._produced.get(key)
        if before is not None and before.text is None:  # produced again (its text was let go): as it was
            before.text = text
            produced = before
        else:
            produced = self._produced[key] = Produced(text, own)
        self._kept += len(text)
        if self._kept > KEPT_CHARS:
            self._let_go(used)
        return produced

    def _let_go(self, keys: list[tuple]) -> None:
        """Let go of the long texts of the edits an edit just produced holds (see KEPT_CHARS)."""
        for key in keys:
            produced = self._produced.get(key)
            if produced is not None and produced.text is not None and len(produced.text) > KEPT_EDIT:
                self._kept -= len(produced.text)
                produced.text = None

    def _produce_from_top(self, edit: Edit, home: str) -> Produced:
        """Produce ``edit`` with the Python stack bounded however deep edits nest in it (an ``if`` replaced
        by its branch holding another such ``if``, 400 deep, recursed past Python's limit): an edit
        reached MAX_PRODUCE_DEPTH producers down is produced first, from here, and the producers above
        it run again, finding it produced. Only nesting that deep (or a text let go, KEPT_CHARS) ever runs a
        producer twice."""
        pending = [(edit, home)]
        waiting = {self._key(edit, home)}  # the keys in pending
        while pending:
            first, where = pending[-1]
            if not self._has(self._key(first, where)):
                try:
                    self._produce_one(first, where)
                except _ProduceFirst as deeper:
                    key = self._key(deeper.edit, deeper.home)
                    if key in waiting:  # (edits nest by their ranges: one never needs itself)
                        raise RecursionError(f"the edit at {deeper.edit.start}-{deeper.edit.end} needs itself") \
                            from None
                    waiting.add(key)
                    pending.append((deeper.edit, deeper.home))
                    continue
            waiting.discard(self._key(first, where))
            pending.pop()
        return self._produced[self._key(edit, home)]

    def produced(self, edit: Edit, home: str) -> str | None:
        """The text an edit produced in a home, if it was rendered there."""
        for key in ((id(edit), home), (id(edit), home, "carried")):
            produced = self._produced.get(key)
            if produced is None:
                continue
            if produced.text is None:  # let go of (KEPT_CHARS): produce it again, as it was produced then
                carrying, self.carrying = self.carrying, len(key) == 3
                try:
                    self.produce(edit, home, self._new_needs())
                finally:
                    self.carrying = carrying
            return produced.text
        return None

    def fail(self, conversion, why: str) -> None:
        self.failures.setdefault(id(conversion), why)


__all__ = ["LegacyFile", "Edit", "Renderer", "Producer"]
