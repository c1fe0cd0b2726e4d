"""The scan pipeline: discover -> load -> parse -> find uses -> classify, file by file.

Each file is analysed on its own (in a process pool when there are many), so one bad file can
never stop the run: anything unexpected becomes a ``failed`` file with a diagnostic. Results
come back in a deterministic order whatever the pool does.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .discover import Candidate, discover
from .escape import display_path
from .inventory import Diagnostic, FileReport, ScanResult, Span, StoredEntry
from .load import DEFAULT_MAX_FILE_SIZE, IGNORED, OWN_REPORT, Source, load


@dataclass(frozen=True)
class ScanOptions:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    jobs: int = 0  # 0: one per core
    gitignore: bool = True
    follow_links: bool | None = None  # follow links out of the scanned paths (None: discover's default)
    # Only the JSON inventory will be written: each file's report becomes its JSON entry and the
    # summary's counts where it is analysed (in the pool workers), and its uses are not kept.
    lean_json: bool = False


def analyse_source(source: Source, imported: dict | None = None) -> tuple[FileReport, object]:
    """Parse, find and classify one loaded source; returns the report and the parse (for convert)."""
    from .callcenter import parse_call_center
    from .classify import classify_all
    from .find import RECOVERED, find_uses
    from .parse import LineIndex, mentions_in, parse

    report = FileReport(path=source.display, language=source.language, status="analysed", size=source.size,
                        encoding=source.encoding, diagnostics=list(source.diagnostics))
    if source.language == "callcenter":
        definition, diags = parse_call_center(source.data, decoded=True)
        report.call_center = definition
        report.diagnostics.extend(diags)
        report.status = "analysed" if definition is not None else "unreadable"
        return report, None

    parsed = parse(source)
    report.language = parsed.language or report.language
    report.diagnostics.extend(parsed.diagnostics)
    if not parsed.regions and any(d.code == "parse-stopped" for d in parsed.diagnostics):
        report.status = "skipped"  # (as a file over the size limit is: its mentions counted, none analysed)
        report.unanalysed_mentions = len(mentions_in(source.data, [(0, len(source.data))]))
        return report, None
    found = find_uses(parsed, imported)
    uses = classify_all(found.uses)
    file = None
    if _CONSTANT_TEST.search(parsed.data) is not None:
        file = _legacy_file(source, parsed)
        _never_ran(file, uses)
    if b"onNavigationChange" in parsed.data or b"getAppViewInfo" in parsed.data:
        _navigation_reads(file or _legacy_file(source, parsed), uses)
    loose = [(r.start_byte, r.end_byte) for r in parsed.regions if r.kind == "text"]
    for use in uses:
        if use.status == RECOVERED and use.disposition != "invalid":
            # Nothing converts code that does not parse: the syntax error must be fixed first.
            use.disposition = "manual"
            why = ("Found in page text outside <script>: move it into a script, then scan again."
                   if any(s <= use.start_byte < e for s, e in loose) else
                   "Found in code that does not parse: fix the syntax error, then scan again.")
            use.rationale = f"{why} {use.rationale}".strip()
    index = LineIndex(source.data, parsed.shifts)
    index.place_all(uses)
    if parsed.page_text or parsed.bindings:
        _page_text(report, parsed, index)
    for use in uses:
        if use.problems:
            for problem in use.problems:
                if problem.fix is not None:
                    fix = problem.fix
                    fix.line, fix.column = index(fix.start_byte)
                    fix.end_line, fix.end_column = index(fix.end_byte)
    report.uses = uses
    report.script_loads = parsed.script_loads
    report.exports = found.interface.exports
    report.imports = found.interface.imports
    parsed.sites = found.sites
    if found.too_deep:
        _report_too_deep(report, source.data, found.too_deep, index)
    if parsed.error_spans:
        covered = [(u.start_byte, u.end_byte) for u in uses]
        lost = [pos for pos in mentions_in(parsed.code or source.data, parsed.error_spans)
                if not any(s <= pos < e for s, e in covered)]
        report.unanalysed_mentions += len(lost)
        for start, end in parsed.error_spans:
            sl, sc = index(start)
            el, ec = index(end)
            report.error_ranges.append(Span(sl, sc, el, ec))
        first = report.error_ranges[0]
        where = _line_list(f"{s.line}" if s.line == s.end_line else f"{s.line}-{s.end_line}"
                           for s in report.error_ranges)
        lost_note = (f"; {len(lost)} mention(s) of sforce.opencti/interaction inside code that could not be "
                     "analysed" if lost else "")

        report.diagnostics.append(Diagnostic(
            "warning", "syntax-error", f"syntax errors on line(s) {where}{lost_note}",
            line=first.line, column=first.column))
        report.status = "partial"
    elif report.unanalysed_mentions:
        report.status = "partial"  # (framework bindings naming the API: code, not analysed)
    elif not uses and not parsed.script_loads and not found.too_deep:
        report.status = "no-open-cti"
    recovered = [u for u in uses if u.status == RECOVERED]
    if recovered:
        where = _line_list(str(u.line) for u in recovered)
        report.diagnostics.append(Diagnostic(
            "warning", "recovered-uses",
            f"{len(recovered)} use(s) on line(s) {where} were read from their literal text: the "
            "code around them does not parse as a call of the API (a syntax error, a line before ending in "
            "'.' that joins onto them, or page text outside <script>); they are reported but not converted until "
            "that code is fixed",
            line=recovered[0].line, column=recovered[0].column))
        report.status = "partial"
    return report, parsed


# What an `if` on a constant looks like in text (plan.guards._constant reads the test): a file without one
# skips the climb from each call (a regular expression with a literal prefix: about 2 ms a megabyte).
# Comments may stand between the tokens (`if (/* always */ true)`), up to 256 characters each (a bound: each
# `if` followed by an unclosed comment would otherwise read to the end of the file).
_GAP = rb"(?:\s|/\*[\s\S]{0,256}?\*/|//[^\n]{0,256}\n)*"
_CONSTANT_TEST = re.compile(rb"if" + _GAP + rb"\(" + _GAP + rb"(?:!" + _GAP + rb")?(?:true\b|false\b|[0-9.])")


def _legacy_file(source: Source, parsed):
    """The file as convert's plan reads it, for the checks below that reuse the plan's and the codemods' code."""
    from .splice import LegacyFile

    return LegacyFile(display=source.display, data=parsed.data, source=parsed.code or source.data,
                      regions=parsed.regions, uses=[], sites=[], page=source.data if parsed.code else b"")


def _never_ran(file, uses: list) -> None:
    """A use in the branch of an ``if`` on a constant that is not taken never ran: convert removes it with
    that branch (plan.guards), so scan says drop with convert's reason, not what its member would become. A
    constant or a member read there (``sforce.opencti.SCREENPOP_TYPE.URL``) is removed with the call beside it,
    so its row says drop as the call's does."""
    from .catalog import NEVER_RAN_LABEL
    from .find import RECOVERED
    from .plan.guards import never_ran_reason

    for use in uses:
        if use.status == RECOVERED:
            continue
        reason = never_ran_reason(file, file.node(use.start_byte, use.end_byte), use.kind)
        if reason is not None:
            use.disposition, use.replacement, use.rationale = "drop", NEVER_RAN_LABEL, reason[0].upper() + reason[1:]


# The page-context calls whose handler convert leaves alone when it reads what a page reference lacks: its kind.
NAVIGATION_READS = {"sforce.opencti.onNavigationChange": "listener", "sforce.opencti.getAppViewInfo": "callback"}


def _navigation_reads(file, uses: list) -> None:
    """A Lightning onNavigationChange listener (or getAppViewInfo callback) that reads payload fields a page
    reference lacks (url, recordName...) is not registered (not converted) by convert (codemods.page_info):
    manual, with convert's reason."""
    from .codemod import CallSite
    from .codemods.page_info import unavailable_reads, unavailable_reason
    from .find import RECOVERED

    for use in uses:
        if use.api not in NAVIGATION_READS or use.kind != "call" or use.status == RECOVERED or \
                use.disposition == "drop":
            continue
        node = file.call_node(use)
        missing = unavailable_reads(CallSite(use, file, node)) if node is not None else []
        if missing:
            reason = unavailable_reason(missing, NAVIGATION_READS[use.api])
            use.disposition, use.rationale = "manual", f"{reason[0].upper()}{reason[1:]}."


def _line_list(labels) -> str:
    """Line labels (``12``, ``40-44``) as a finding names them: each once, the first 10, then how many more."""
    lines = list(dict.fromkeys(labels))
    more = f" and {len(lines) - 10} more" if len(lines) > 10 else ""
    return ", ".join(lines[:10]) + more


def _page_text(report: FileReport, parsed, index) -> None:
    """Mentions of the API in a page's text that is not read as script (prose, a code sample in <pre> or
    <code>, a <style>, a <script> of a type a browser does not run, such as a template): a browser never runs that
    text, so nothing there is a use; the finding says so, with the lines, instead of a silent no-open-cti. Mentions
    in framework binding attributes (``data-bind``, ``ng-click``, ``@click``) are code a framework runs, which is
    not read: a warning, counted as not analysed."""
    from .parse import mentions_in

    def where(found: list[int]) -> tuple[tuple[int, int], str]:
        places = [index(pos) for pos in found]
        return places[0], _line_list(str(line) for line, _ in places)

    found = mentions_in(parsed.data, parsed.page_text)
    if found:
        (line, column), lines = where(found)
        report.diagnostics.append(Diagnostic(
            "info", "page-text",
            f"{len(found)} mention(s) of sforce.opencti/interaction in page text on line(s) {lines}: text a browser "
            "never runs as JavaScript (outside <script>, or in a <script> of another type such as a template), so it "
            "is not analysed", line=line, column=column))
    bound = mentions_in(parsed.data, parsed.bindings)
    if bound:
        # Code a framework runs (Knockout data-bind, ng-click, @click...): not read, so counted as not analysed.
        (line, column), lines = where(bound)
        report.unanalysed_mentions += len(bound)
        report.diagnostics.append(Diagnostic(
            "warning", "framework-binding",
            f"{len(bound)} mention(s) of sforce.opencti/interaction in framework binding attributes (data-bind, "
            f"ng-click, @click...) on line(s) {lines}: code a framework runs, which ctimod does not analyse; move "
            "the calls into a script function the binding calls", line=line, column=column))


def _report_too_deep(report: FileReport, data: bytes, ranges: list[tuple[int, int]], index) -> None:
    """Constructs nested past the finder's depth limit: a finding each (the first 20), mentions counted."""
    from .find import MAX_DEPTH
    from .parse import mentions_in

    for start, _ in ranges[:20]:
        line, column = index(start)
        report.diagnostics.append(Diagnostic(
            "warning", "too-deep", f"nesting deeper than {MAX_DEPTH} at line {line}: not analysed",
            line=line, column=column))
    if len(ranges) > 20:
        report.diagnostics.append(Diagnostic(
            "warning", "too-deep", f"{len(ranges) - 20} more construct(s) nested deeper than {MAX_DEPTH}: not analysed"))
    report.unanalysed_mentions += len(mentions_in(data, ranges))
    report.status = "partial"


def analyse(candidate: Candidate, max_file_size: int = DEFAULT_MAX_FILE_SIZE,
            imported: dict | None = None, force: bool = False) -> FileReport:
    """The whole per-file pipeline, guarded: never raises. ``force`` skips the literal pre-filter."""
    try:
        loaded = load(candidate, max_file_size, force)
        if isinstance(loaded, FileReport):
            return loaded
        report, _ = analyse_source(loaded, imported)
        return report
    except RecursionError:
        return _failed(candidate, "nesting too deep to analyse")
    except MemoryError:
        return _failed(candidate, "ran out of memory while analysing")
    except Exception as exc:  # one bad file must never stop the run
        return _failed(candidate, f"internal error while analysing: {type(exc).__name__}: {exc}")
    finally:
        # The checks that read a file as convert does (a constant if, a page-info callback) fill the node caches
        # of .legacy; a scan never reads that file again, so they go with it (kept, they grew with every file a
        # worker analysed: 65 -> 305 MB over the call-dense bench corpus, each file calling getAppViewInfo).
        legacy = sys.modules.get(f"{__package__}.legacy")  # (not imported by a scan that needed none of it)
        if legacy is not None:
            legacy.forget_trees()


def _failed(candidate: Candidate, message: str) -> FileReport:
    return FileReport(path=candidate.display, language="unknown", status="failed",
                      diagnostics=[Diagnostic("error", "analysis-failed", message)])


def _analysed(candidate: Candidate, limit: int, lean_json: bool = False) -> FileReport:
    """:func:`analyse` (and, for a lean JSON scan, :func:`..report.jsonfmt.lean`) with the cyclic garbage
    collector paused: a file's analysis makes hundreds of thousands of short-lived objects, freed by their
    reference counts, and the collector's passes over them (and over every long-lived object) were 1.4% of
    a worker's instructions on call-dense code, and more of its time (about 0.5 s of a worker's 5.5 s over
    the call-dense bench corpus). What one file leaves is collected after it, as usual."""
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        report = analyse(candidate, limit)
        if lean_json:
            from .report.jsonfmt import lean

            # Written here, in parallel, rather than by the one process that writes the inventory; the
            # reports then cross the pool as text instead of one object per use.
            report = lean(report)
        return report
    finally:
        if collecting:
            gc.enable()


def _analyse_many(args: tuple[list[Candidate], int, bool, str | None]) -> list[FileReport]:
    batch, limit, lean_json, entry_folder = args
    reports = [_analysed(c, limit, lean_json) for c in batch]
    if entry_folder is not None:
        for report in reports:
            _store_entry(report, entry_folder)
    return reports


def _analyse_large(args: tuple[Candidate, int, str]) -> list[FileReport]:
    """One large file of a lean JSON scan: its entry is written to this worker's entry file piece by piece
    (never one string: its tree and uses are big enough), and the report crosses the pool without its
    uses. Before, it travelled whole (every use pickled here and unpickled by the one writing process,
    which then wrote its entry alone, after the pool): 0.1-0.2 s of serial time over the call-dense bench
    corpus, whose two 1 MB files each hold tens of thousands of uses."""
    candidate, limit, entry_folder = args
    report = _analysed(candidate, limit)
    if report.uses and report.json_entry is None and report.tally is None:
        from .report.jsonfmt import file_pieces
        from .report.summary import tally

        def chunks() -> Iterator[bytes]:
            pending: list[bytes] = []
            held = 0
            for piece in file_pieces(report, "    "):
                data = piece.encode("utf-8")  # (UnicodeEncodeError: the entry is written by the parent)
                pending.append(data)
                held += len(data)
                if held >= 1 << 20:
                    yield b"".join(pending)
                    pending, held = [], 0
            if pending:
                yield b"".join(pending)

        stored = _store_chunks(chunks(), entry_folder)
        if stored is not None:
            report.json_entry = stored
            report.tally = tally(report.uses)
            report.uses = []
    return [report]


_ENTRY_FILES: dict[str, list | None] = {}  # folder -> [fd, path, bytes written] of this worker's entry file


def _store_entry(report: FileReport, folder: str) -> None:
    """Write a lean report's JSON entry (UTF-8 bytes) to this worker's file in ``folder``; the report then
    says where it lies (a StoredEntry) instead of carrying it back through the pool. The process writing
    the inventory copies it from there (see report.jsonfmt.write). If the file cannot be written, the
    entry travels as before."""
    data = report.json_entry
    if not isinstance(data, bytes):
        return
    stored = _store_chunks((data,), folder)
    if stored is not None:
        report.json_entry = stored


def _store_chunks(chunks: Iterable[bytes], folder: str) -> StoredEntry | None:
    """Append the bytes of ``chunks`` to this worker's entry file in ``folder``; where they lie, or None
    when they could not all be written (or a chunk could not be made): the file is then cut back to
    where it was, or, if that fails too, no longer used."""
    held = _ENTRY_FILES.get(folder, [])
    if held is None:
        return None  # (writing failed once: the file's end is no longer known)
    try:
        if not held:
            path = os.path.join(folder, f"entries-{os.getpid()}")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            held = _ENTRY_FILES[folder] = [fd, path, 0]
    except OSError:
        _ENTRY_FILES[folder] = None
        return None
    fd, path, offset = held
    size = 0
    try:
        for data in chunks:
            view, written = memoryview(data), 0
            while written < len(data):
                written += os.write(fd, view[written:])
            size += len(data)
    except (OSError, UnicodeEncodeError):
        try:
            os.ftruncate(fd, offset)
            os.lseek(fd, offset, os.SEEK_SET)
        except OSError:
            _ENTRY_FILES[folder] = None
        return None
    held[2] = offset + size
    return StoredEntry(path, offset, size)


def _warm_up() -> None:
    from . import parse

    for name in ("javascript", "typescript", "tsx", "html"):
        parse.language(name)
    # (what the worker inherited and imported lives as long as it: the collector need not look at it again)
    gc.freeze()


LARGE_FILE = 1024 * 1024  # analysed one at a time (beside the small files): their trees are big


def _size(candidate: Candidate) -> int:
    try:
        return os.path.getsize(candidate.path)
    except OSError:
        return 0


def _batches(small: list[int], jobs: int) -> list[list[int]]:
    """The small files (largest first) in batches for ``jobs`` workers: batches of up to 64 files, about
    eight a worker, then the last ``jobs`` batches' worth of files in ever smaller batches (half the size,
    then a quarter..., down to one file), so that at the end no worker waits long for another finishing a
    whole batch (the workers' last batches of 6 files over the call-dense bench corpus ended up to 0.08 s
    apart), while a batch's round trip through the main process is still paid only a few times more."""
    size = max(1, min(64, len(small) // (jobs * 8) or 1))
    cut = max(0, len(small) - size * jobs)
    batches = [small[i:min(i + size, cut)] for i in range(0, cut, size)]
    piece = size
    while cut < len(small):
        piece = max(1, (piece + 1) // 2)
        for _ in range(jobs):
            batches.append(small[cut:cut + piece])
            cut += piece
    return [batch for batch in batches if batch]


def iter_reports(candidates: list[Candidate], options: ScanOptions,
                 entry_folder: str | None = None) -> Iterator[tuple[int, FileReport]]:
    """Analyse candidates; yields (position in ``candidates``, report) in the order they finish.

    Files go through a process pool sized to the cores, largest first so that no core waits at the
    end for one big file. Files over LARGE_FILE are analysed one at a time (at most one large
    syntax tree is in memory at once) while the other workers take batches of small files.
    In a lean JSON scan, ``entry_folder`` is where the workers write the files' JSON entries.
    """
    jobs = options.jobs or os.cpu_count() or 1
    sizes = [_size(c) for c in candidates]
    by_size = sorted(range(len(candidates)), key=lambda i: (-sizes[i], i))
    large = [i for i in by_size if sizes[i] > LARGE_FILE]
    small = [i for i in by_size if sizes[i] <= LARGE_FILE]
    if jobs <= 1 or len(candidates) < 8:
        for i in sorted(small) + sorted(large):
            yield i, _analysed(candidates[i], options.max_file_size)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    batches = iter(_batches(small, jobs))
    waiting_large = iter(large)
    done: set[int] = set()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_up) as pool:
            running: dict = {}  # future -> (indices, is it a large file)

            def submit() -> bool:
                """Start the next large file if none is running, else the next batch of small files."""
                batch = None
                if not any(is_large for _, is_large in running.values()):
                    batch = next(waiting_large, None)
                if batch is not None:
                    batch, is_large = [batch], True
                else:
                    batch, is_large = next(batches, None), False
                    if batch is None:
                        return False
                if is_large and options.lean_json and entry_folder is not None:
                    # (its entry as one string would add to its peak: written in pieces, see _analyse_large)
                    future = pool.submit(_analyse_large, (candidates[batch[0]], options.max_file_size, entry_folder))
                else:
                    # (a large file's report otherwise travels whole)
                    lean_json = options.lean_json and not is_large
                    future = pool.submit(_analyse_many, ([candidates[i] for i in batch], options.max_file_size,
                                                         lean_json, entry_folder if lean_json else None))
                running[future] = (batch, is_large)
                return True

            while len(running) < jobs and submit():
                pass
            while running:
                finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for future in finished:
                    batch, _ = running.pop(future)
                    for i, report in zip(batch, future.result()):
                        done.add(i)
                        yield i, report
                while len(running) < jobs and submit():
                    pass
    except BrokenProcessPool:
        # A worker died (a crash in native code). Re-run what is left one file per process so the
        # culprit is named and everything else is still scanned.
        for i in sorted(small) + sorted(large):
            if i not in done:
                yield i, _isolated(candidates[i], options, context)


def _isolated(candidate: Candidate, options: ScanOptions, context) -> FileReport:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            return pool.submit(analyse, candidate, options.max_file_size).result()
    except BrokenProcessPool:
        return _failed(candidate, "the parser crashed on this file")


MODULE_SUFFIXES = ("", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", "/index.js", "/index.ts",
                   "/index.tsx", "/index.jsx")


def _module_target(importer: str, module: str, known: dict[str, FileReport]) -> FileReport | None:
    base = os.path.normpath(os.path.join(os.path.dirname(importer), module)).replace(os.sep, "/")
    for suffix in MODULE_SUFFIXES:
        target = known.get(base + suffix)
        if target is not None:
            return target
    return None


def link_modules(reports: dict[int, FileReport], candidates: dict[str, Candidate], options: ScanOptions,
                 reanalyse: Callable[[Candidate, dict | None], FileReport] | None = None) -> dict:
    """Follow API objects across ES module imports: re-analyse importers with the imported aliases.

    ``export const getOpenCti = () => window.sforce.opencti`` in one file makes
    ``getOpenCti()?.screenPop(...)`` in a file that imports it a use. Repeats for re-exports.
    ``reports`` holds only files with imports or exports (by rank); returns the re-analysed ones.
    ``reanalyse(candidate, imported)`` analyses a file again, past the pre-filter (convert keeps the
    parse trees it makes); by default it is :func:`analyse`.
    """
    if reanalyse is None:
        def reanalyse(candidate, imported):
            return analyse(candidate, options.max_file_size, imported, force=True)
    by_path = {r.path: r for r in reports.values()}
    linked: dict[str, dict] = {}
    changed_reports: dict[int, FileReport] = {}
    for _ in range(4):
        changed = False
        for rank, report in sorted(reports.items()):
            if not report.imports:
                continue
            candidate = candidates.get(report.path)
            if candidate is None:
                continue
            if report.imports[0][0] == "*":
                # Skipped by the pre-filter: parse it only if a module it imports exports the API.
                if not any((t := _module_target(report.path, m, by_path)) is not None and t.exports
                           for _, _, m, _ in report.imports):
                    continue
                report = reanalyse(candidate, None)
                reports[rank] = changed_reports[rank] = by_path[report.path] = report
                changed = True
            imported = {}
            for local, name, module, offset in report.imports:
                target = _module_target(report.path, module, by_path)
                if target is not None and name in target.exports:
                    imported[(local, offset)] = target.exports[name]
            if not imported or linked.get(report.path) == imported:
                continue
            relinked = reanalyse(candidate, imported)
            linked[report.path] = imported
            reports[rank] = changed_reports[rank] = by_path[report.path] = relinked
            changed = True
        if not changed:
            break
    return changed_reports


def scan(paths: Iterable[str], options: ScanOptions = ScanOptions(),
         progress: Callable[[int, int], None] | None = None) -> ScanResult:
    """Scan files and folders; the result is ordered by path and streamed to disk past a few hundred files."""
    from .inventory import ReportStore

    paths = list(paths)
    found = discover(paths, list(options.include), list(options.exclude), options.gitignore, options.follow_links)
    result = ScanResult(roots=[display_path(p.replace(os.sep, "/")) for p in paths], files=ReportStore(),
                        ignored=found.ignored)
    result.own_reports.extend(found.own_bundles)  # (an earlier bundle's folder, listed with the reports)
    from .escape import undisplay_path

    result.inputs = [c.path for c in found.candidates] + [undisplay_path(display) for display, _ in found.diagnostics]
    for missing in found.missing:
        result.diagnostics.append(Diagnostic("error", "not-found", f"{missing}: no such file or folder"))
    extra: dict[str, list[Diagnostic]] = {}
    for display, diag in found.diagnostics:
        extra.setdefault(display, []).append(diag)
    # Every file's rank in the final (path) order: candidates and diagnostic-only entries together.
    order = sorted([(c.display, 0, i) for i, c in enumerate(found.candidates)] +
                   [(display, 1, -1) for display in extra])
    rank_of_candidate = {i: rank for rank, (_, kind, i) in enumerate(order) if kind == 0}
    for rank, (display, kind, _) in enumerate(order):
        if kind == 1:
            diags = extra[display]
            status = "unreadable" if any(d.severity == "error" for d in diags) else "skipped"
            result.files.put(rank, FileReport(path=display, language="unknown", status=status, diagnostics=diags))
    total = len(found.candidates)
    linkable: dict[int, FileReport] = {}
    own_inputs: set[int] = set()
    entry_folder = None
    if options.lean_json:
        import tempfile

        # (the workers' JSON entries stay there until the inventory is written: removed with the store)
        result.files.entry_folder = tempfile.TemporaryDirectory(prefix="ctimod-json-", ignore_cleanup_errors=True)
        entry_folder = result.files.entry_folder.name
    for count, (index, report) in enumerate(iter_reports(found.candidates, options, entry_folder), 1):
        if progress:
            progress(count, total)
        if report.status == IGNORED:
            continue  # read in case it held an adapter; it does not
        if report.status == OWN_REPORT:
            # An earlier report of ctimod's (e.g. the previous run's -o): neither listed nor an input.
            result.own_reports.append(report.path)
            own_inputs.add(index)
            continue
        rank = rank_of_candidate[index]
        # (lean when a pool worker analysed it; a file analysed here keeps its uses, and its entry is
        # written from them piece by piece: a large file's whole entry is never one string)
        result.files.put(rank, report)
        if report.imports or report.exports:
            linkable[rank] = report
    if own_inputs:
        result.own_reports.sort()
        result.inputs = [path for i, path in enumerate(result.inputs) if i not in own_inputs]
    if linkable:
        for rank, report in link_modules(linkable, {c.display: c for c in found.candidates}, options).items():
            result.files.put(rank, report)
    return result
