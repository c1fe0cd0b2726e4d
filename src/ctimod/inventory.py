"""The inventory data model: what a scan knows about each file and each Open CTI use.

These plain dataclasses cross process boundaries (the scan runs files in a process pool) and
feed every renderer, so they hold only picklable values: no parser trees.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter

from .catalog import Disposition

SCHEMA_VERSION = "1.4"


@dataclass(slots=True)
class Fix:
    """A local correction of the legacy code: replace a range with text."""

    text: str
    start_byte: int
    end_byte: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0


@dataclass(slots=True)
class Problem:
    """Something wrong with how a use calls the API (wrong option name, wrong shape...)."""

    code: str
    message: str
    fix: Fix | None = None


@dataclass(slots=True)
class ApiUse:
    """One live use of an Open CTI member: a call, or a reference to an enum constant.

    Slotted: a large minified file holds a hundred thousand of them.
    """

    file: str
    line: int  # 1-based
    column: int  # 1-based, in Unicode code points
    end_line: int
    end_column: int
    api: str  # canonical name, e.g. "sforce.opencti.screenPop"
    family: str  # lightning | classic | console
    kind: str  # call | constant | reference
    via: str  # literal | alias | string-literal
    receiver: str  # source text the member was reached through, e.g. "this.sfApi"
    family_basis: str = "namespace"  # namespace | call-shape | member-name
    variant: str | None = None  # e.g. the SCREENPOP_TYPE key of a screenPop call
    shape: str = "none"  # object | positional | none
    options: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    disposition: str = Disposition.REVIEW.value
    replacement: str = ""
    codemod: str = ""
    rationale: str = ""
    snippet: str = ""  # the source line, trimmed
    start_byte: int = 0
    end_byte: int = 0
    region: int = 0  # index of the script region (pages hold several)
    status: str = "parsed"  # parsed | recovered (read from code that does not parse; see find.recover)

    def __reduce__(self):
        # Reports cross the process pool by pickle: rebuilding from a tuple of the fields is half the
        # cost of the default for slotted objects (a dict of the slots per use).
        return ApiUse, _API_USE_FIELDS(self)


_API_USE_FIELDS = attrgetter(*(f.name for f in fields(ApiUse)))


@dataclass
class Diagnostic:
    """A message about a file the scan could not fully read or analyse."""

    severity: str  # error | warning | info
    code: str
    message: str
    line: int | None = None
    column: int | None = None


@dataclass
class Span:
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass
class ScriptLoad:
    """An Open CTI (or console integration) script that a page loads."""

    url: str
    family: str
    api_version: str | None
    line: int
    column: int


@dataclass
class CallCenterItem:
    section: str
    name: str
    label: str | None
    value: str | None
    sort_order: str | None = None


@dataclass
class CallCenter:
    """A call center definition file, either format."""

    format: str  # import-xml | metadata
    internal_name: str | None
    display_name: str | None
    adapter_url: str | None
    compatibility_mode: str | None
    compatibility_key: str | None  # the key it was read from (may be the misspelt one)
    items: list[CallCenterItem] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    # Section name -> label: for the contact center convert writes (the inventory lists the names only).
    section_labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """A file's JSON entry that a pool worker wrote to a file of its own (a lean JSON scan): where it lies.
    The process that writes the inventory copies it from there; the text never passes through it."""

    path: str
    offset: int
    size: int


@dataclass
class FileReport:
    """Everything the scan learned about one file."""

    path: str  # as displayed: relative to the scan root, '/' separated
    language: str  # javascript | typescript | tsx | page | callcenter | unsupported | unknown
    status: str  # analysed | partial | no-open-cti | unsupported | unreadable | skipped
    size: int = 0
    encoding: str | None = None
    uses: list[ApiUse] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error_ranges: list[Span] = field(default_factory=list)
    unanalysed_mentions: int = 0
    script_loads: list[ScriptLoad] = field(default_factory=list)
    call_center: CallCenter | None = None
    # Module links for cross-file alias resolution (not part of the JSON inventory).
    exports: dict = field(default_factory=dict, repr=False)  # exported name -> attribute paths
    imports: list = field(default_factory=list, repr=False)  # (local, imported name, module, offset)
    # A scan that writes only the JSON inventory (see scan.ScanOptions.lean_json) turns each report,
    # where it was analysed, into its JSON entry (report.jsonfmt.file_text) and the counts the summary
    # needs (report.summary.tally); its uses are then dropped rather than sent between processes.
    # (UTF-8 bytes, or text when it holds a character UTF-8 cannot; or where a pool worker wrote the bytes)
    json_entry: str | bytes | StoredEntry | None = field(default=None, repr=False, compare=False)
    tally: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def calls(self) -> list[ApiUse]:
        return [u for u in self.uses if u.kind == "call"]


class ReportStore:
    """File reports in path order, kept on disk past the first few hundred (results are streamed).

    Reports may arrive out of order (files finish in any order); each comes with its rank in
    the final order, and iteration follows the ranks. Iterating twice reads the reports twice.
    """

    IN_MEMORY = 500

    def __init__(self, reports: list[FileReport] | None = None):
        self._memory: dict[int, FileReport] = {}
        self._offsets: dict[int, tuple[int, int]] = {}
        self._spill = None
        # JSON entries made by the workers (lean JSON scans) wait on disk, not in memory: rank -> (start, size)
        # in this store's entry file, or where the worker wrote it (StoredEntry)
        self._entries: dict[int, tuple[int, int] | StoredEntry] = {}
        # The folder of the files pool workers write entries to (a TemporaryDirectory: removed with the store)
        self.entry_folder = None
        self._entry_file = None
        for rank, report in enumerate(reports or []):
            self.put(rank, report)

    def put(self, rank: int, report: FileReport) -> None:
        if isinstance(report.json_entry, StoredEntry):
            self._entries[rank] = report.json_entry  # (left where the worker wrote it)
            report.json_entry = None
        elif report.json_entry is not None:
            import tempfile

            if self._entry_file is None:
                self._entry_file = tempfile.TemporaryFile(prefix="ctimod-json-")
            data = report.json_entry
            if not isinstance(data, bytes):
                data = data.encode("utf-8")
            self._entry_file.seek(0, 2)
            self._entries[rank] = (self._entry_file.tell(), len(data))
            self._entry_file.write(data)
            report.json_entry = None
        else:
            self._entries.pop(rank, None)
        if len(self._memory) < self.IN_MEMORY or rank in self._memory:
            self._offsets.pop(rank, None)
            self._memory[rank] = report
            return
        import pickle
        import tempfile

        if self._spill is None:
            self._spill = tempfile.TemporaryFile(prefix="ctimod-scan-")
        self._spill.seek(0, 2)
        start = self._spill.tell()
        self._spill.write(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        self._offsets[rank] = (start, self._spill.tell() - start)

    def append(self, report: FileReport) -> None:
        self.put(len(self), report)

    def __len__(self) -> int:
        return len(self._memory) + len(self._offsets)

    def __iter__(self):
        import pickle

        for rank in sorted(set(self._memory) | set(self._offsets)):
            if rank in self._memory:
                report = self._memory[rank]
            else:
                start, size = self._offsets[rank]
                self._spill.seek(start)
                report = pickle.loads(self._spill.read(size))
            at = self._entries.get(rank)
            if at is None:
                yield report
                continue
            if isinstance(at, StoredEntry):
                report.json_entry = at  # (copied from there by jsonfmt.write)
                yield report
                report.json_entry = None
                continue
            self._entry_file.seek(at[0])
            report.json_entry = self._entry_file.read(at[1])  # (UTF-8: see jsonfmt.write)
            yield report
            report.json_entry = None  # (read again from disk next time)

    def __getitem__(self, index: int) -> FileReport:
        return list(self)[index]


@dataclass
class ScanResult:
    """The whole inventory, in deterministic order."""

    roots: list[str]
    files: ReportStore | list[FileReport]
    diagnostics: list[Diagnostic] = field(default_factory=list)  # about arguments, not files
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (path, ignore file) of files ignore files kept out
    # The filesystem path of every file the scan read or listed (what an output must never overwrite).
    inputs: list[str] = field(default_factory=list)
    own_reports: list[str] = field(default_factory=list)  # display paths of ctimod's own earlier reports (not read)

    @property
    def uses(self) -> list[ApiUse]:
        return [u for f in self.files for u in f.uses]

    @property
    def calls(self) -> list[ApiUse]:
        return [u for u in self.uses if u.kind == "call"]

    def count(self, disposition: Disposition | str) -> int:
        value = str(getattr(disposition, "value", disposition))
        return sum(1 for u in self.calls if u.disposition == value)

    @property
    def readiness(self) -> float | None:
        """Share of calls that convert automatically, or None when there are no calls."""
        total = auto = 0
        for report in self.files:
            for use in report.uses:
                if use.kind == "call":
                    total += 1
                    auto += use.disposition == Disposition.AUTO.value
        return auto / total if total else None
