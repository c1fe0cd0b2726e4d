"""Side-by-side diffs of flagged conversions: legacy code | what was generated in its place.

One model (:class:`SideBySide`, rows aligned with difflib) feeds three renderings: rich (two
syntax-highlighted columns fitted to the terminal, plain when not a TTY), Markdown (a fixed-width
two-column block) and HTML (difflib's HtmlDiff).
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field

from ..catalog import STATUS_WORDS, safety_word

CONTEXT = 3  # lines of context around a call
LONG_LINE = 400  # characters: a window holding a longer line (minified code) is cut around the call
CONTEXT_BEFORE, CONTEXT_AFTER = 40, 160  # bytes of context around a call in such a window
MAX_CELL = 1000  # characters: no longer line reaches difflib (its intraline matching is quadratic in length)
REDACT_MARGIN = 256  # characters past MAX_CELL searched for credentials
WIDEST_EDIT = 4000  # bytes: a window is widened to hold an edit it cuts through when the edit is shorter


def cut_line(line: str, limit: int = MAX_CELL) -> str:
    """A line of at most ``limit`` characters (plus a note of how much was cut)."""
    if len(line) <= limit:
        return line
    return f"{line[:limit]}… ({len(line) - limit:,} more characters)"


@dataclass
class SideBySide:
    title: str  # e.g. "sforce.opencti.screenPop (SOBJECT) — review"
    legacy_label: str  # "corpus/x/softphone.js:286"
    generated_label: str  # "lwc/x/x.js: onCallRinging()" or "not generated"
    legacy: list[str]
    generated: list[str]
    reason: str = ""  # what a person must do (TODO), or why nothing was generated
    why: str = ""  # why the generated code is only a stand-in (manual and invalid uses)
    rows: list[tuple[str | None, str | None, str]] = field(default_factory=list)  # (left, right, tag)
    first_line: int = 1  # the legacy file's line number of legacy[0]

    def __post_init__(self):
        self.legacy = [cut_line(line) for line in self.legacy]
        self.generated = [cut_line(line) for line in self.generated]
        if not self.rows:
            self.rows = align(self.legacy, self.generated)


def align(left: list[str], right: list[str]) -> list[tuple[str | None, str | None, str]]:
    """Rows (left line, right line, tag) with tag one of equal / replace / delete / insert."""
    rows = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend((left[i], right[j1 + k], "equal") for k, i in enumerate(range(i1, i2)))
        elif tag == "replace":
            for k in range(max(i2 - i1, j2 - j1)):
                rows.append((left[i1 + k] if i1 + k < i2 else None, right[j1 + k] if j1 + k < j2 else None,
                             "replace"))
        elif tag == "delete":
            rows.extend((left[i], None, "delete") for i in range(i1, i2))
        else:
            rows.extend((None, right[j], "insert") for j in range(j1, j2))
    return rows


def _dedent(lines: list[str]) -> list[str]:
    widths = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(widths) if widths else 0
    return [line[cut:] if line.strip() else "" for line in lines]


def _evidence(line: str) -> str:
    """A line as reports show it: any credential in it masked. Only what a cell can show is searched (with a
    margin, so a secret running over the cut is masked whole): a minified line is searched once, not per call."""
    from ..assess import redact

    if len(line) <= MAX_CELL + REDACT_MARGIN:
        return redact(line)
    return redact(line[:MAX_CELL + REDACT_MARGIN]) + line[MAX_CELL + REDACT_MARGIN:]


def build(conversion, renderer, spans: dict | None = None) -> SideBySide:
    """The side-by-side of one conversion (an Outcome), in the home the call landed in: the generated
    side is the text the bundle holds (the renderer produced each replacement once). ``spans``: the legacy
    byte ranges each (file, home) holds (Renderer.spans after generation; None: the renderer's own)."""
    from ..codemod import CONNECTOR, LWC, Needs

    use = conversion.use
    file = conversion.site.file
    source = file.source
    spans = renderer.spans if spans is None else spans
    first_line = max(use.line - CONTEXT, 1)
    starts = file.line_starts
    last_line = min(use.end_line + CONTEXT, len(starts))
    range_start = starts[first_line - 1]
    range_end = starts[last_line] - 1 if last_line < len(starts) else len(source)
    # Minified code: whole lines would be tens of kilobytes; show the bytes around the call instead.
    ends = starts[first_line:last_line + 1] + ([] if last_line < len(starts) else [len(source) + 1])
    in_bytes = any(end - start - 1 > LONG_LINE for start, end in zip(starts[first_line - 1:last_line], ends))
    if in_bytes:
        range_start = max(starts[use.line - 1], use.start_byte - CONTEXT_BEFORE)
        end_of_line = source.find(b"\n", use.end_byte)
        range_end = min(len(source) if end_of_line < 0 else end_of_line, use.end_byte + CONTEXT_AFTER)
    # Widen the window around any edit it cuts through (to whole lines, or to the edit in minified
    # code), so both sides show complete code.
    home = conversion.home if conversion.home in (LWC, CONNECTOR) else None
    edits, starts_at = renderer.by_start(file)
    while True:
        # Only edits shorter than WIDEST_EDIT widen it, so only those starting that far before it can cut it.
        near = edits[bisect.bisect_left(starts_at, range_start - WIDEST_EDIT):bisect.bisect_left(starts_at, range_end)]
        cut = [e for e in near if (e.homes is None or home in e.homes) and e.start < range_end and e.end > range_start
               and not (range_start <= e.start and e.end <= range_end) and e.end - e.start < WIDEST_EDIT]
        if not cut:
            break
        new_start = min([range_start] + [e.start for e in cut])
        new_end = max([range_end] + [e.end for e in cut])
        if in_bytes:
            range_start, range_end = new_start, new_end
            continue
        range_start = source.rfind(b"\n", 0, new_start) + 1
        newline = source.find(b"\n", new_end)
        range_end = len(source) if newline < 0 else newline
    # Both columns show only lines the bundle holds of this call's home: the context lines around the call that
    # lie outside the code moved or carried there (the end of the function before, a comment after it) are not
    # generated code, and the generated column would show them as if they were.
    held_start, held_end = range_start, range_end  # (the generated column's bytes: the code the bundle holds)
    if home is not None and not in_bytes:
        held = [(start, end) for start, end in spans.get((file.display, home), ())
                if start <= use.start_byte and use.end_byte <= end]
        if held:
            start, end = max(held, key=lambda s: s[1] - s[0])
            held_start, held_end = max(start, range_start), min(end, range_end)
            if start > range_start:
                range_start = max(range_start, source.rfind(b"\n", 0, start) + 1)
            if end < range_end:
                newline = source.find(b"\n", end)
                range_end = min(range_end, len(source) if newline < 0 else newline)
    if file.page and not in_bytes:  # a page's handlers as written (``source`` reads their &#39; as ')
        first = file.line(range_start)
        legacy = [line.decode("utf-8", "replace") for line in
                  file.page.split(b"\n")[first - 1:first + source.count(b"\n", range_start, range_end)]]
    else:
        legacy = source[range_start:range_end].decode("utf-8", "replace").split("\n")
    before = "…" if in_bytes and range_start > 0 and source[range_start - 1:range_start] != b"\n" else ""
    after = "…" if in_bytes and range_end < len(source) and source[range_end:range_end + 1] != b"\n" else ""
    legacy[0] = before + legacy[0]
    legacy[-1] += after
    variant = f" ({use.variant})" if use.variant and use.variant != "dynamic" else ""
    word = STATUS_WORDS.get(conversion.status)
    title = f"{use.api}{variant} — {safety_word(conversion.safety, conversion.left_out)}" + (f" — {word.upper()}" if word else "")
    legacy_label = f"{file.display}:{use.line}"
    if home is None:
        reason = conversion.reason or conversion.todo or "the code around this call was not moved"
        kind = "no Voice equivalent" if conversion.safety in ("manual", "invalid") else "not generated"
        generated = [f"({kind}: {reason})"]
        generated_label = "not generated"
    elif not any(start <= use.start_byte and use.end_byte <= end
                 for start, end in spans.get((file.display, home), ())):
        # The call's own code is in no part of the bundle (a listener's registration, whose listener moved; code
        # whose conversion failed, which the home holds a stub for): rendering the legacy lines around it would
        # show code the bundle does not hold.
        generated = [f"(not generated: {conversion.todo})" if conversion.status == "failed" and conversion.todo
                     else f"(this call is not in the bundle: {conversion.summary})"]
        generated_label = conversion.location or home
        reason = conversion.todo or ""
    else:
        # Only what the home holds: from the held code's start (the legacy line may begin with code that stayed
        # behind, or with the header the home writes another way: a component method's ``name(params) {`` for
        # ``function name(params) {``), at the legacy line's indentation.
        head = ""
        if held_start > range_start:
            line_start = source.rfind(b"\n", 0, held_start) + 1
            indent = source[line_start:held_start]
            indent = indent[:len(indent) - len(indent.lstrip())].decode("utf-8", "replace")
            head = indent + renderer.heads.get((file.display, home, held_start), "")
        text = head + renderer.render(file, held_start, held_end, home, Needs(), record=False)
        generated = text.split("\n")
        generated[0] = before + generated[0]
        generated[-1] += after
        generated_label = conversion.location or home
        reason = conversion.todo or ""
    why = conversion.reason if home is not None and conversion.safety in ("manual", "invalid") and \
        conversion.reason != reason else ""
    # Reports never show a credential the legacy code held: masked on both sides.
    return SideBySide(title, legacy_label, generated_label, [_evidence(line) for line in _dedent(legacy)],
                      [_evidence(line) for line in _dedent(generated)], reason, why or "",
                      first_line=file.line(range_start))


# ---------------------------------------------------------------------------------------- renderings
def to_rich(diff: SideBySide):
    """Two syntax-highlighted columns (rows aligned), for a rich Console."""
    from rich import box
    from rich.console import Group
    from rich.syntax import Syntax
    from rich.table import Table
    from rich.text import Text

    left = "\n".join("" if a is None else a for a, _, _ in diff.rows)
    right = "\n".join("" if b is None else b for _, b, _ in diff.rows)
    changed_left = {i + 1 for i, (_, _, tag) in enumerate(diff.rows) if tag in ("replace", "delete")}
    changed_right = {i + 1 for i, (_, _, tag) in enumerate(diff.rows) if tag in ("replace", "insert")}
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column(f"legacy  {diff.legacy_label}", ratio=1, overflow="crop", no_wrap=True)
    table.add_column(f"generated  {diff.generated_label}", ratio=1, overflow="crop", no_wrap=True)
    table.add_row(
        Syntax(left, "javascript", theme="ansi_dark", word_wrap=False, highlight_lines=changed_left,
               background_color="default"),
        Syntax(right, "javascript", theme="ansi_dark", word_wrap=False, highlight_lines=changed_right,
               background_color="default"))
    parts = [Text(diff.title, style="bold"), table]
    if diff.why:
        parts.append(Text(f"Why: {diff.why}"))
    if diff.reason:
        parts.append(Text(f"TODO: {diff.reason}", style="yellow"))
    return Group(*parts)


def _no_html(text: str) -> str:
    """Markdown renders raw HTML; text that may quote the legacy code must not carry any."""
    return text.replace("<", "\\<").replace(">", "\\>")


def to_markdown(diff: SideBySide, width: int = 60) -> str:
    """A fixed-width two-column block: legacy on the left, generated on the right."""

    def cell(value: str | None) -> str:
        value = (value or "").replace("\t", "    ")
        return value[:width - 1] + "…" if len(value) > width else value.ljust(width)

    marks = {"equal": " ", "replace": "~", "delete": "-", "insert": "+"}
    lines = [f"{cell('legacy  ' + diff.legacy_label)} │ generated  {diff.generated_label}",
             f"{'─' * width}─┼─{'─' * width}"]
    for left, right, tag in diff.rows:
        lines.append(f"{cell(left)} {marks[tag] if tag != 'equal' else '│'} {(right or '')}".rstrip())
    fence = "````" if any("```" in (a or "") + (b or "") for a, b, _ in diff.rows) else "```"
    out = [f"**{diff.title}**", "", fence + "text", *lines, fence]
    if diff.why:
        out += ["", f"Why: {_no_html(diff.why)}"]
    if diff.reason:
        out += ["", f"TODO: {_no_html(diff.reason)}"]
    return "\n".join(out)


def to_html(diff: SideBySide, index: int = 0) -> str:
    """difflib's HTML side-by-side table (difflib escapes the lines; the labels are escaped here).

    ``index`` numbers the table's anchors: HtmlDiff otherwise takes them from a process-wide counter,
    and the report would change from one run to the next.
    """
    import html

    difflib.HtmlDiff._default_prefix = index
    return difflib.HtmlDiff(tabsize=4, wrapcolumn=80).make_table(
        diff.legacy, diff.generated, fromdesc=html.escape(diff.legacy_label),
        todesc=html.escape(diff.generated_label), context=False)
