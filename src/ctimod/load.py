"""Stage 2, load: read a file's bytes, decide what language it is, and pre-filter it.

Everything that can go wrong with a file before parsing is caught here and turned into a
diagnostic: unreadable, binary, empty, oversized, not UTF-8 (decoded with a warning). The
literal pre-filter lets files that cannot mention Open CTI skip parsing altogether.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field

from .discover import (CALLCENTER_EXTENSIONS, PAGE_EXTENSIONS, SCRIPT_EXTENSIONS, UNSUPPORTED_EXTENSIONS,
                       Candidate, extension_of)
from .inventory import Diagnostic, FileReport

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024

# Raw-text mentions of the API, counted where the code cannot be analysed.
MENTION = re.compile(rb"sforce\s*\??\.\s*(?:opencti|interaction|console\s*\??\.\s*cti)\b")
_PAGE_MAY_USE_API = re.compile(rb"/support/(?:api|console)/")
_RELATIVE_IMPORT = re.compile(rb"""(?:\bfrom|\bimport|\brequire\s*\()\s*(['"])(\.{1,2}/[^'"\n]+)\1""")
_CALL_CENTER_ROOT = re.compile(rb"<\s*(?:[\w-]+:)?[Cc]all[Cc]enter[\s>/]")
_SNIFF = 8192


@dataclass
class Source:
    """A decoded file ready for parsing: UTF-8 bytes plus what language they hold."""

    display: str
    language: str  # javascript | typescript | tsx | page | callcenter
    data: bytes  # UTF-8
    size: int
    encoding: str
    flavor: str | None = None  # pages: visualforce | erb | jinja | aura | vue | html
    diagnostics: list[Diagnostic] = field(default_factory=list)


def count_mentions(data: bytes) -> int:
    return sum(1 for _ in MENTION.finditer(data))


def _count_mentions_streamed(path: str, chunk: int = 1 << 20) -> int:
    total, tail = 0, b""
    with open(path, "rb") as handle:
        while True:
            block = handle.read(chunk)
            if not block:
                break
            buf = tail + block
            # Count matches that end before the last 64 bytes; keep those for the next round.
            cut = max(len(buf) - 64, 0)
            for match in MENTION.finditer(buf):
                if match.end() <= cut:
                    total += 1
            tail = buf[cut:]
    return total + count_mentions(tail)


def _human(size: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)  # pragma: no cover


def decode(raw: bytes) -> tuple[str | None, str, list[Diagnostic]]:
    """Decode ``raw`` to text; returns (text or None if binary, encoding, diagnostics)."""
    diags: list[Diagnostic] = []
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig", diags
        except UnicodeDecodeError:
            pass
    # (UTF-32's byte order marks first: the little-endian one starts with UTF-16's)
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                      (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(name)
            except UnicodeDecodeError:
                return None, name, diags
            diags.append(Diagnostic("warning", "non-utf8", f"file is {name.upper()} encoded; decoded and scanned"))
            return text, name, diags
    head = raw[:_SNIFF]
    if b"\x00" in head:
        # UTF-16 without a BOM puts a NUL in every other byte of ASCII text.
        even, odd = head[0::2], head[1::2]
        for name, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if zeros and zeros.count(0) > 0.9 * len(zeros) and other.count(0) < 0.1 * len(other):
                try:
                    text = raw.decode(name)
                except UnicodeDecodeError:
                    break
                diags.append(Diagnostic("warning", "non-utf8",
                                        f"file looks {name.upper()} encoded (no byte order mark); decoded and scanned"))
                return text, name, diags
        if head.count(0) > 0.01 * len(head) or _looks_binary(head):
            return None, "binary", diags
    try:
        text = raw.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        declared = _declared_xml_encoding(raw)
        if declared is not None:
            try:
                text = raw.decode(declared)
            except UnicodeDecodeError:
                pass  # (not what it says it is either: the guess below)
            else:
                diags.append(Diagnostic("warning", "non-utf8",
                                        f"not valid UTF-8; decoded as {declared}, as its XML declaration says"))
                return _spaced_nul(text, diags), declared, diags
        try:
            text, encoding = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = raw.decode("latin-1"), "latin-1"
        diags.append(Diagnostic("warning", "non-utf8",
                                f"not valid UTF-8 (first bad byte on line {line}); decoded as {encoding}",
                                line=line))
    return _spaced_nul(text, diags), encoding, diags


def _spaced_nul(text: str, diags: list[Diagnostic]) -> str:
    if "\x00" in text:
        count = text.count("\x00")
        text = text.replace("\x00", " ")
        diags.append(Diagnostic("warning", "nul-bytes", f"contains {count} NUL byte(s); read as spaces"))
    return text


_XML_DECLARATION = re.compile(rb"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*(["'])([A-Za-z0-9._:-]{1,40})\1""")


def _declared_xml_encoding(raw: bytes) -> str | None:
    """The encoding an XML declaration names (``<?xml version="1.0" encoding="ISO-8859-1"?>``; a call center
    exported on an old system, a Japanese org's Shift_JIS), when it is not UTF-8 and is a text encoding that
    reads the declaration itself as written (not UTF-16 or UTF-32: their files are known by their byte order
    mark): a file that is not valid UTF-8 is read in it rather than by the cp1252 guess."""
    match = _XML_DECLARATION.match(raw)
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(2).decode("ascii"))
    except LookupError:
        return None  # (the call center parser says the encoding does not exist)
    if codec.name == "utf-8" or not getattr(codec, "_is_text_encoding", True):
        return None
    try:
        if match.group().decode(codec.name) != match.group().decode("ascii"):
            return None
    except (UnicodeError, ValueError):
        return None
    return codec.name


def _looks_binary(head: bytes) -> bool:
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > 0.05 * max(len(head), 1)


# Files that are not code, or code in languages ctimod does not read: listed (with why) when they
# mention the API, never parsed. Anything else under a name that is not an adapter file type is
# sniffed: call center XML, a page, or JavaScript.
NOT_SOURCE_EXTENSIONS = {
    ".md": "Markdown", ".markdown": "Markdown", ".txt": "text", ".rst": "reStructuredText", ".adoc": "AsciiDoc",
    ".json": "JSON", ".yml": "YAML", ".yaml": "YAML", ".csv": "CSV", ".tsv": "TSV", ".log": "log",
    ".properties": "properties", ".ini": "INI", ".cfg": "configuration", ".conf": "configuration",
    ".toml": "TOML", ".lock": "lock", ".map": "source map", ".svg": "SVG", ".css": "CSS", ".scss": "SCSS",
    ".less": "LESS", ".py": "Python", ".rb": "Ruby", ".java": "Java", ".cs": "C#", ".go": "Go", ".kt": "Kotlin",
    ".swift": "Swift", ".scala": "Scala", ".sh": "shell", ".bash": "shell", ".ps1": "PowerShell",
    ".cls": "Apex", ".trigger": "Apex", ".apxc": "Apex", ".pl": "Perl", ".c": "C", ".cpp": "C++", ".h": "C header",
    ".sql": "SQL", ".bat": "batch", ".gradle": "Gradle",
}
_MARKUP = re.compile(rb"<(?:script|html|body|head|apex:|div|aura:)[\s>/]", re.I)


def _language(candidate: Candidate, raw: bytes) -> tuple[str, str | None]:
    ext = extension_of(candidate.display)
    name = candidate.display.lower()
    if ext in SCRIPT_EXTENSIONS:
        return SCRIPT_EXTENSIONS[ext], None
    if ext in UNSUPPORTED_EXTENSIONS:
        return "unsupported", UNSUPPORTED_EXTENSIONS[ext]
    stripped = raw.lstrip()[:512]
    if ext in PAGE_EXTENSIONS:
        if not stripped.startswith(b"<") and not _MARKUP.search(raw[:65536]):
            return "javascript", "bare-script"  # a .vfp or .page that holds only JavaScript
        return "page", _page_flavor(ext, raw)
    if ext in CALLCENTER_EXTENSIONS or name.endswith(".callcenter-meta.xml"):
        return ("callcenter", None) if _CALL_CENTER_ROOT.search(raw[:65536]) else ("other-xml", None)
    # .resource, anything named explicitly and any other file: by content.
    if stripped.startswith(b"PK\x03\x04"):
        return "archive", None
    if stripped.startswith(b"<") and _CALL_CENTER_ROOT.search(raw[:65536]):
        return "callcenter", None  # e.g. OpenCTI.callCenter2
    if ext in NOT_SOURCE_EXTENSIONS and candidate.sniff:  # (a file the user named or included is read as code)
        return "not-source", NOT_SOURCE_EXTENSIONS[ext]
    if stripped.startswith(b"<"):
        if stripped.startswith(b"<?xml") and not re.search(rb"<script", raw[:65536], re.I):
            return "other-xml", None
        return "page", _page_flavor(ext, raw)
    if _MARKUP.search(raw[:65536]):
        return "page", _page_flavor(ext, raw)
    return "javascript", None


def _page_flavor(ext: str, raw: bytes) -> str:
    if ext == ".erb":
        return "erb"
    if ext in (".cmp", ".app"):
        return "aura"
    if ext == ".vue":
        return "vue"
    if ext in (".page", ".component", ".vf", ".vfp") or re.search(rb"<apex:", raw[:65536]):
        return "visualforce"
    head = raw[:65536]
    for opening, closing in ((b"{{", b"}}"), (b"{%", b"%}")):  # (str.find: a lazy {{.*?}} is quadratic)
        at = head.find(opening)
        if at >= 0 and head.find(closing, at + 2) >= 0:
            return "jinja"
    return "html"


IGNORED = "ignored"  # a file read only in case it held an adapter, and it does not: not reported at all
OWN_REPORT = "own-report"  # a report ctimod wrote (an earlier run's -o): not adapter code, not listed

# How each report ctimod writes begins (the formats a scan or report writes to a file, and a baseline).
# Only the beginning is compared: a file that begins so was written by ctimod. Plain-text table output
# has no such mark and is read like any other file.
_OWN_REPORTS = (
    ("JSON inventory", re.compile(
        rb'\A\{\s*"\$schema":\s*"https://github\.com/ctimod/ctimod/schemas/scan-inventory-[0-9.]+\.json",'
        rb'\s*"schema_version":\s*"[0-9.]+",\s*"tool":\s*\{\s*"name":\s*"ctimod",')),
    ("migration.json", re.compile(
        rb'\A\{\s*"\$schema":\s*"https://github\.com/ctimod/ctimod/schemas/migration-[0-9.]+\.json",')),
    ("SARIF log", re.compile(
        rb'\A\{\s*"\$schema":\s*"https://json\.schemastore\.org/sarif-2\.1\.0\.json",\s*"version":\s*"2\.1\.0",'
        rb'\s*"runs":\s*\[\s*\{\s*"tool":\s*\{\s*"driver":\s*\{\s*"name":\s*"ctimod",')),
    ("Markdown inventory", re.compile(
        rb"\A# Open CTI inventory\n\nOpen CTI is retired on \*\*February 28, 2028\*\*; every use below must move "
        rb"to Salesforce Voice\.\n")),
    ("HTML report", re.compile(
        rb'\A<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        rb'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>[^<\n]{1,300} \xe2\x80\x94 ctimod</title>\n')),
    ("baseline", re.compile(rb'\A\{\s*"format":\s*"ctimod-baseline-1",')),
    # What convert writes beside the code (an earlier bundle inside the converted folder): its MIGRATION.md, and its
    # contact center definition, which read as an adapter's call center would be converted again.
    ("MIGRATION.md", re.compile(rb"\A# Migration of [^\n]{1,300} to Salesforce Voice\n\nGenerated by ctimod ")),
    ("contact center definition", re.compile(
        rb'\A<\?xml version="1\.0" encoding="UTF-8"\?>\n<!--\n  Salesforce Voice partner-telephony contact center '
        rb'definition, generated by ctimod ')),
    ("table inventory", re.compile(rb"\AOpen CTI inventory \(ctimod scan\)\n\n")),
)


def own_report_kind(data: bytes) -> str | None:
    """Which of ctimod's own reports ``data`` is (by how it begins), or None."""
    head = data[:1024]
    for kind, pattern in _OWN_REPORTS:
        if pattern.match(head):
            return kind
    return None


def load(candidate: Candidate, max_size: int = DEFAULT_MAX_FILE_SIZE, force: bool = False) -> Source | FileReport:
    """Read one candidate; a FileReport means there is nothing (more) to parse.

    A sniffed candidate (a file whose name is not an adapter file type) that turns out not to mention
    the API, not to be a call center definition, or not to be readable text, gets the status
    ``ignored``: the scan does not list it.
    """
    loaded = _load(candidate, max_size, force)
    if candidate.sniff and isinstance(loaded, FileReport) and \
            loaded.status in ("no-open-cti", "skipped", "unreadable") and not loaded.unanalysed_mentions and \
            not any(d.code == "not-source" for d in loaded.diagnostics):
        loaded.status = IGNORED
    return loaded


def _load(candidate: Candidate, max_size: int, force: bool) -> Source | FileReport:
    display = candidate.display
    report = FileReport(path=display, language="unknown", status="unreadable")
    try:
        info = os.stat(candidate.path)
    except OSError as exc:
        report.diagnostics.append(Diagnostic("error", "unreadable", f"cannot read file: {exc.strerror or exc}"))
        return report
    size = report.size = info.st_size
    if stat.S_ISDIR(info.st_mode):
        report.diagnostics.append(Diagnostic("error", "unreadable", "is a folder"))
        return report
    if not stat.S_ISREG(info.st_mode):  # opening a FIFO would wait forever; devices never end
        kind = ("named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "socket" if stat.S_ISSOCK(info.st_mode)
                else "device")
        report.status = "skipped"
        report.diagnostics.append(Diagnostic("warning", "not-a-file", f"is a {kind}, not a regular file; not read"))
        return report
    if size > max_size:
        report.status = "skipped"
        try:
            mentions = _count_mentions_streamed(candidate.path)
        except OSError:
            mentions = 0
        report.unanalysed_mentions = mentions
        report.diagnostics.append(Diagnostic(
            "warning", "too-large",
            f"file is {_human(size)}, over the {_human(max_size)} limit; not analysed "
            f"({mentions} raw mention(s) of sforce.opencti/interaction); raise --max-file-size to analyse it"))
        return report
    try:
        with open(candidate.path, "rb") as handle:
            raw = handle.read(max_size + 1)  # the file may have grown since it was measured
    except OSError as exc:
        report.diagnostics.append(Diagnostic("error", "unreadable", f"cannot read file: {exc.strerror or exc}"))
        return report
    if len(raw) > max_size:
        report.status = "skipped"
        report.diagnostics.append(Diagnostic(
            "warning", "too-large", f"file grew past the {_human(max_size)} limit while it was read; not analysed"))
        return report
    report.size = len(raw)
    if not raw.strip():
        report.status = "skipped"
        report.diagnostics.append(Diagnostic("info", "empty", "file is empty" if not raw else "file holds only whitespace"))
        return report
    text, encoding, diags = decode(raw)
    report.encoding = encoding
    report.diagnostics.extend(diags)
    if text is None:
        report.status = "skipped"
        report.diagnostics.append(Diagnostic("warning", "binary", "binary file (not text); not analysed"))
        return report
    # (NUL bytes are read as spaces in UTF-8 too: tree-sitter takes a NUL in a comment or a string for an error)
    data = raw if encoding == "utf-8" and b"\x00" not in raw else text.encode("utf-8")
    if not candidate.explicit:
        own = own_report_kind(data)
        if own is not None:
            # An earlier run's output in the scanned folder: not an input, so a re-run may rewrite it
            # (a file named on the command line is always read, and so never overwritten).
            report.status = OWN_REPORT
            report.language = "unknown"
            report.diagnostics.append(Diagnostic("info", "own-report", f"ctimod's own {own}; not scanned"))
            return report
    language, detail = _language(candidate, data)
    report.language = language
    if language == "callcenter" and encoding == "utf-8":
        data = raw  # (XML allows no NUL anywhere: the parser says the file is not well formed)
    if language == "archive":
        report.status = "skipped"
        report.diagnostics.append(Diagnostic("warning", "archive",
                                             "static resource is a zip archive; unpack it and scan the folder"))
        return report
    if language == "other-xml":
        report.status = "no-open-cti"
        return report
    if language in ("unsupported", "not-source"):
        mentions = count_mentions(data)
        if not mentions:
            report.status = "no-open-cti"
            return report
        report.status = "unsupported" if language == "unsupported" else "skipped"
        if language == "unsupported":
            report.unanalysed_mentions = mentions
            report.diagnostics.append(Diagnostic(
                "warning", "unsupported-language",
                f"{detail} cannot be parsed by ctimod's grammars; {mentions} raw mention(s) of "
                "sforce.opencti/interaction not analysed"))
        else:
            report.language = "unknown"
            # Not code: listed so nothing that mentions the API goes unseen, but its mentions are not
            # counted as code ctimod failed to analyse.
            report.diagnostics.append(Diagnostic(
                "info", "not-source",
                f"not a script, page or call center definition ({detail}); it mentions sforce.opencti/interaction "
                f"{mentions} time(s); not analysed"))
        return report
    if detail == "bare-script":
        detail = None
        report.diagnostics.append(Diagnostic(
            "info", "bare-script", "named like a page but holds only JavaScript (no markup); analysed as JavaScript"))
    may_use = b"sforce" in data or (language == "page" and b"/support/" in data and _PAGE_MAY_USE_API.search(data))
    if language != "callcenter" and not force and not may_use:
        report.status = "no-open-cti"
        if language != "page" and (b"import" in data or b"require" in data):
            # It may still reach the API through an import: remember its relative imports.
            report.imports = [("*", "*", m.group(2).decode("utf-8", "replace"), -1)
                              for m in _RELATIVE_IMPORT.finditer(data)]
        return report
    return Source(display=display, language=language, data=data, size=len(raw), encoding=encoding,
                  flavor=detail, diagnostics=list(report.diagnostics))
