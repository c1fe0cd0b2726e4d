"""The analysis convert runs over one adapter: the stages and the module linking of ``ctimod scan``
(discover -> load -> parse -> find uses, then ES module imports followed across files), keeping the
parse trees that scan drops."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field

from .callcenter import parse_call_center
from .discover import Candidate, discover
from .escape import display_path
from .inventory import CallCenter, Diagnostic, FileReport
from .load import IGNORED, OWN_REPORT, load
from .scan import ScanOptions, analyse_source, link_modules
from .splice import LegacyFile


@dataclass
class AdapterSource:
    """One adapter's legacy code, analysed."""

    files: dict[str, LegacyFile]  # files with Open CTI uses or API references, with their trees
    reports: list[FileReport]  # every file looked at, as scan reports it
    call_centers: list[tuple[str, CallCenter, bytes]]
    diagnostics: list[tuple[str, Diagnostic]]
    apex: dict[str, list[str]] = field(default_factory=dict)  # the adapter's Apex: lower-case class -> its copies
    scan_paths: dict[str, str] = field(default_factory=dict)  # a file's path here -> as `ctimod scan` shows it
    # The adapter's other scripts and pages (no Open CTI: no tree kept): a file's path here -> where it is read
    # from, when convert must know whether one names a global of the page (plan.carry)
    others: dict[str, str] = field(default_factory=dict)


def _failed(display: str, language: str, exc: Exception) -> FileReport:
    return FileReport(path=display, language=language, status="failed",
                      diagnostics=[Diagnostic("error", "analysis-failed", f"{type(exc).__name__}: {exc}")])


def adapter_root(paths: list[str]) -> str:
    """The folder every path of the adapter is shown relative to: the folder named, or the common
    folder of the files and folders named."""
    folders = [os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in paths]
    try:
        return os.path.commonpath(folders)
    except ValueError:  # different drives
        return folders[0]


def _relative(root: str, path: str, display: str) -> str:
    """A file's path relative to the adapter's root, '/'-separated (generated files never hold the
    machine's own paths); the display path if it lies outside the root."""
    relative = os.path.relpath(os.path.abspath(path), root)
    if relative == os.curdir or relative.startswith(os.pardir):
        return display
    return display_path(relative.replace(os.sep, "/"))


def analyse_adapter(paths: list[str], max_file_size: int) -> AdapterSource:
    root = adapter_root(paths)
    found = discover(paths)
    displays = {c.display: _relative(root, c.path, c.display) for c in found.candidates}
    found.candidates = [Candidate(c.path, displays[c.display], c.explicit, c.sniff) for c in found.candidates]
    found.diagnostics = [(displays.get(d, d), diag) for d, diag in found.diagnostics]
    reports: list[FileReport] = []
    parsed: dict[str, object] = {}
    centers: list[tuple[str, CallCenter, bytes]] = []
    diagnostics: list[tuple[str, Diagnostic]] = list(found.diagnostics)
    for missing in found.missing:
        diagnostics.append((missing, Diagnostic("error", "not-found", f"{missing}: no such file or folder")))
    for candidate in found.candidates:
        loaded = load(candidate, max_file_size)
        if isinstance(loaded, FileReport):
            # A file read only in case it held adapter code (not an adapter file type by its name) is
            # left out unless it does: documentation that mentions the API is not part of the adapter.
            # (nor is a report ctimod wrote earlier)
            if loaded.status not in (IGNORED, OWN_REPORT) and not (candidate.sniff and loaded.status == "skipped"):
                reports.append(loaded)
            continue
        if loaded.language == "callcenter":
            definition, diags = parse_call_center(loaded.data, decoded=True)
            reports.append(FileReport(path=loaded.display, language="callcenter",
                                      status="analysed" if definition else "unreadable", size=loaded.size,
                                      encoding=loaded.encoding, diagnostics=loaded.diagnostics + diags,
                                      call_center=definition))
            if definition is not None:
                centers.append((loaded.display, definition, loaded.data))
            continue
        try:
            report, parsed[loaded.display] = analyse_source(loaded)
        except Exception as exc:  # one bad file never stops the conversion
            report = _failed(loaded.display, loaded.language, exc)
        reports.append(report)

    def reanalyse(candidate: Candidate, imported: dict | None) -> FileReport:
        loaded = load(candidate, max_file_size, force=True)
        if isinstance(loaded, FileReport):
            return loaded
        try:
            report, parsed[loaded.display] = analyse_source(loaded, imported)
        except Exception as exc:
            return _failed(loaded.display, loaded.language, exc)
        return report

    linkable = {rank: report for rank, report in enumerate(reports) if report.imports or report.exports}
    if linkable:
        relinked = link_modules(linkable, {c.display: c for c in found.candidates},
                                ScanOptions(max_file_size=max_file_size), reanalyse)
        for rank, report in relinked.items():
            reports[rank] = report
    for report in reports:
        # A page of the adapter without Open CTI of its own (its markup and <script src> tags) is parsed too:
        # the connector's page carries the vendor script tags, iframes and elements it had (render.connector.page).
        if report.status == "no-open-cti" and report.path not in parsed and _is_markup_page(report.path):
            candidate = next((c for c in found.candidates if c.display == report.path), None)
            loaded = load(candidate, max_file_size, force=True) if candidate is not None else None
            if loaded is not None and not isinstance(loaded, FileReport):
                try:
                    _, parsed[report.path] = analyse_source(loaded)
                except Exception:  # noqa: BLE001 - the page is only read for its markup; its report stands
                    pass
    files: dict[str, LegacyFile] = {}
    for report in reports:
        tree = parsed.get(report.path)
        # A page without script of its own (markup and <script src> tags) is kept too: the connector's page
        # carries its vendor script tags, iframes and elements (render.connector.page).
        if report.status != "failed" and tree is not None and (tree.regions or _is_markup_page(report.path)):
            # A use scan recovered from code that does not parse has no node to edit: it is reported
            # (the syntax-error and recovered-uses warnings say why) but never converted.
            uses = [u for u in report.uses if u.status != "recovered"]
            files[report.path] = LegacyFile(display=report.path, data=tree.data,
                                            source=tree.code or tree.source.data, regions=tree.regions, uses=uses,
                                            sites=tree.sites, page=tree.source.data if tree.code else b"")
    plain = {r.path for r in reports if r.status == "no-open-cti" and r.path not in files}
    others = {c.display: c.path for c in found.candidates if c.display in plain}
    return AdapterSource(files, reports, centers, diagnostics, _apex_sources(paths),
                         {relative: shown for shown, relative in displays.items()}, others)


def _is_markup_page(path: str) -> bool:
    from .vendors.page import PAGE_SUFFIXES  # noqa: PLC0415 - vendors imports the pipeline's modules

    return path.lower().endswith(PAGE_SUFFIXES)


APEX_SUFFIXES = (".cls", ".apxc")  # source format and the Developer Console's export


def _apex_sources(paths: list[str]) -> dict[str, list[str]]:
    """The adapter's own Apex classes (runApex targets), to reuse their webService signatures; a class
    kept in several versions has every copy, the last by path first."""
    found: dict[str, list[str]] = {}
    files = []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in (".git", "node_modules"))
                files += [os.path.join(folder, n) for n in sorted(names) if n.lower().endswith(APEX_SUFFIXES)]
        elif path.lower().endswith(APEX_SUFFIXES):
            files.append(path)
    roots = [os.path.realpath(p) for p in paths]
    for path in files:
        real = os.path.realpath(path)
        if not any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots):
            continue  # a link out of the named paths: never read (as discover does)
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                continue  # a FIFO named X.cls would block the read
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read(2_000_000)
        except OSError:
            continue
        match = re.search(r"\bclass\s+(\w+)", text)
        if match:
            found.setdefault(match.group(1).lower(), []).insert(0, text)
    return found
