"""The JSON inventory (``--format json``), described by ``schemas/scan-inventory-<version>.schema.json``.

Deterministic: keys in a fixed order, files sorted by path, uses by position, no timestamps and
no absolute paths that were not given on the command line.

Uses are serialised field by field (no ``dataclasses.asdict``, which deep-copies every value),
and the document is written by :func:`dumps`, which gives the bytes ``json.dumps(..., indent=2,
ensure_ascii=False)`` gives, without the standard library's pure-Python indenting encoder.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from json.encoder import encode_basestring

from .. import __version__
from ..catalog import certainty
from ..inventory import SCHEMA_VERSION, ApiUse, FileReport, ScanResult, StoredEntry
from .summary import summarize

SCHEMA_ID = f"https://github.com/ctimod/ctimod/schemas/scan-inventory-{SCHEMA_VERSION}.json"


def _fix_dict(fix) -> dict:
    return {"line": fix.line, "column": fix.column, "end_line": fix.end_line, "end_column": fix.end_column,
            "text": fix.text}


def _problem_dict(problem) -> dict:
    out = {"code": problem.code, "message": problem.message}
    if problem.fix is not None:
        out["fix"] = _fix_dict(problem.fix)
    return out


def use_dict(use: ApiUse) -> dict:
    return {
        "file": use.file, "line": use.line, "column": use.column, "end_line": use.end_line,
        "end_column": use.end_column, "api": use.api, "family": use.family, "kind": use.kind, "via": use.via,
        "receiver": use.receiver, "family_basis": use.family_basis, "variant": use.variant, "shape": use.shape,
        "options": list(use.options), "disposition": use.disposition, "certainty": certainty(use.disposition),
        "replacement": use.replacement,
        "codemod": use.codemod, "rationale": use.rationale, "problems": [_problem_dict(p) for p in use.problems],
        "snippet": use.snippet, "status": use.status,
    }


def _call_center(definition) -> dict:
    """The call center as the inventory lists it (schema 1.1: its section names, not their labels)."""
    found = asdict(definition)
    del found["section_labels"]
    return found


def file_dict(report: FileReport) -> dict:
    return _file_dict(report, [use_dict(u) for u in report.uses])


def _file_dict(report: FileReport, uses: list) -> dict:
    return {
        "path": report.path,
        "language": report.language,
        "status": report.status,
        "size": report.size,
        "encoding": report.encoding,
        "uses": uses,
        "diagnostics": [asdict(d) for d in report.diagnostics],
        "error_ranges": [asdict(s) for s in report.error_ranges],
        "unanalysed_mentions": report.unanalysed_mentions,
        "script_loads": [asdict(s) for s in report.script_loads],
        "call_center": _call_center(report.call_center) if report.call_center else None,
    }


def document(result: ScanResult, files: bool = True) -> dict:
    summary = summarize(result)
    counts = {
        "files": summary.files,
        "files_with_uses": summary.files_with_uses,
        "calls": summary.calls,
        "constants": summary.constants,
        "references": summary.references,
        "by_disposition": summary.by_disposition,
    }
    if summary.left_out:  # (present when some: by_disposition and left_out add up to calls)
        counts["left_out"] = summary.left_out
    counts.update({
        "by_family": summary.by_family,
        "by_status": summary.by_status,
        "readiness": None if summary.readiness is None else round(summary.readiness, 4),
        "unanalysed_mentions": summary.unanalysed_mentions,
        "problems": summary.problems,
    })
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ctimod", "version": __version__},
        "roots": result.roots,
        "summary": counts,
        "apis": [_api_dict(a) for a in summary.apis],
        "files": [file_dict(f) for f in result.files] if files else [],
        "diagnostics": [asdict(d) for d in result.diagnostics],
    }


def _api_dict(api) -> dict:
    """One member's entry of ``apis``: ``left_out`` only where some of its calls are (schema 1.4)."""
    entry = asdict(api)
    if not entry["left_out"]:
        del entry["left_out"]
    return entry


def dumps(value, indent: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, every line after the first prefixed with
    ``indent`` (for dicts, lists, strings, numbers, booleans and None)."""
    parts: list[str] = []
    _dump(value, indent, parts.append)
    return "".join(parts)


def _dump(value, indent: str, out) -> None:
    if isinstance(value, str):
        out(encode_basestring(value))
    elif value is None:
        out("null")
    elif value is True:
        out("true")
    elif value is False:
        out("false")
    elif isinstance(value, int):
        out(int.__repr__(value))
    elif isinstance(value, float):
        out(json.dumps(value))
    elif isinstance(value, dict):
        if not value:
            out("{}")
            return
        inner = indent + "  "
        first = True
        for key, item in value.items():
            out(("{\n" if first else ",\n") + inner + encode_basestring(str(key)) + ": ")
            first = False
            _dump(item, inner, out)
        out("\n" + indent + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out("[]")
            return
        inner = indent + "  "
        first = True
        for item in value:
            out(("[\n" if first else ",\n") + inner)
            first = False
            _dump(item, inner, out)
        out("\n" + indent + "]")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _strings(values, indent: str) -> str:
    if not values:
        return "[]"
    inner = ",\n" + indent + "  "
    return "[\n" + indent + "  " + inner.join(map(encode_basestring, values)) + "\n" + indent + "]"


# Pieces of use entries that repeat from use to use (member, family, disposition...): written once.
_PIECES: dict[tuple, str] = {}


def _middle(pad: str, api: str, family: str, kind: str, via: str, receiver: str, basis: str, variant: str | None,
            shape: str, options: tuple, disposition: str, replacement: str, codemod: str, rationale: str) -> str:
    """The fields from "api" to "rationale" of a use entry: they repeat from use to use."""
    e = encode_basestring
    return (f'{pad}"api": {e(api)},\n{pad}"family": {e(family)},\n{pad}"kind": {e(kind)},\n{pad}"via": {e(via)},\n'
            f'{pad}"receiver": {e(receiver)},\n'
            f'{pad}"family_basis": {e(basis)},\n{pad}"variant": {"null" if variant is None else e(variant)},\n'
            f'{pad}"shape": {e(shape)},\n{pad}"options": {_strings(options, pad)},\n'
            f'{pad}"disposition": {e(disposition)},\n{pad}"certainty": {e(certainty(disposition))},\n'
            f'{pad}"replacement": {e(replacement)},\n'
            f'{pad}"codemod": {e(codemod)},\n{pad}"rationale": {e(rationale)},\n')


def _head(indent: str, file: str) -> tuple[str, str, str, str, str]:
    """The fixed text around a use entry's line and columns."""
    pad = indent + "  "
    return (f'{{\n{pad}"file": {encode_basestring(file)},\n{pad}"line": ', f',\n{pad}"column": ',
            f',\n{pad}"end_line": ', f',\n{pad}"end_column": ', ",\n")


def use_text(use: ApiUse, indent: str = "") -> str:
    """``dumps(use_dict(use), indent)``, written field by field (the bulk of a large inventory)."""
    return _use_writer(indent, use.file)(use)


def _use_writer(indent: str, file: str):
    """:func:`use_text` for the uses of one file (its fixed pieces made once)."""
    e = encode_basestring
    pad = indent + "  "
    head, column, end_line, end_column, after = _head(indent, file)
    problems_pad = pad + "  "
    snippet_key = f'{pad}"snippet": '
    parsed_tail = f',\n{pad}"status": "parsed"\n{indent}}}'
    no_problems = f'{pad}"problems": [],\n' + snippet_key
    pieces = _PIECES

    def write(use: ApiUse) -> str:
        key = (pad, use.api, use.family, use.kind, use.via, use.receiver, use.family_basis, use.variant, use.shape,
               tuple(use.options), use.disposition, use.replacement, use.codemod, use.rationale)
        middle = pieces.get(key)
        if middle is None:
            if len(pieces) > 8192:
                pieces.clear()
            middle = pieces[key] = _middle(*key)
        if use.problems:
            problems = f'{pad}"problems": [\n' + ",\n".join(
                problems_pad + dumps(_problem_dict(p), problems_pad) for p in use.problems) + \
                f"\n{pad}],\n" + snippet_key
        else:
            problems = no_problems
        tail = parsed_tail if use.status == "parsed" else f',\n{pad}"status": {e(use.status)}\n{indent}}}'
        return (f"{head}{use.line}{column}{use.column}{end_line}{use.end_line}{end_column}{use.end_column}{after}"
                f"{middle}{problems}{e(use.snippet)}{tail}")

    return write


def file_pieces(report: FileReport, indent: str = ""):
    """``dumps(file_dict(report), indent)`` in pieces, one per use (a file may hold very many)."""
    entry = _file_dict(report, [])
    head, tail = dumps(entry, indent).split('"uses": []', 1)
    if not report.uses:
        yield head + '"uses": []' + tail
        return
    pad = indent + "    "
    yield head + '"uses": [\n' + pad
    write = _use_writer(pad, report.path)
    first = True
    sep = ",\n" + pad
    path = report.path
    for use in report.uses:
        text = write(use) if use.file == path else use_text(use, pad)
        yield text if first else sep + text
        first = False
    yield "\n" + indent + "  ]" + tail


def file_text(report: FileReport, indent: str = "") -> str:
    """``dumps(file_dict(report), indent)``, with the uses written by :func:`use_text`."""
    return "".join(file_pieces(report, indent))


def lean(report: FileReport) -> FileReport:
    """The report as a JSON-only scan sends it between processes: its entry's text and the summary's
    counts in place of its uses (see ScanOptions.lean_json)."""
    if report.json_entry is None and report.tally is None:
        from .summary import tally

        try:
            # (as UTF-8 here, in parallel: the writing process stores and copies it out as bytes). Each
            # piece is encoded on its own and the bytes joined: one use's snippet cut with '…' would make
            # the whole entry joined as text two bytes a character, and its encoding twice as slow.
            report.json_entry = b"".join([piece.encode("utf-8") for piece in file_pieces(report, "    ")])
        except UnicodeEncodeError:
            report.json_entry = file_text(report, "    ")
        report.tally = tally(report.uses)
        report.uses = []
    return report


def render(result: ScanResult) -> str:
    import io

    buffer = io.StringIO()
    write(result, buffer)
    return buffer.getvalue()


def write(result: ScanResult, handle) -> None:
    """Stream the document: one file entry at a time (the same bytes as json.dumps of the whole)."""
    head = dumps(document(result, files=False))
    before, after = head.split('"files": []', 1)
    raw = _utf8_buffer(handle)
    handle.write(before + '"files": [')
    first = True
    sources: dict = {}  # path -> the open file of the entries a pool worker wrote
    try:
        for report in result.files:
            handle.write("\n    " if first else ",\n    ")
            _write_entry(report, handle, raw, sources)
            first = False
    finally:
        for source in sources.values():
            source.close()
    handle.write(("\n  ]" if not first else "]") + after + "\n")


def _write_entry(report: FileReport, handle, raw, sources: dict) -> None:
    entry = report.json_entry  # written where the file was analysed (the same text)
    if isinstance(entry, StoredEntry):
        source = sources.get(entry.path)
        if source is None:
            source = sources[entry.path] = open(entry.path, "rb")
        if raw is not None:
            handle.flush()
            _copy(source, entry.offset, entry.size, raw)
        else:
            source.seek(entry.offset)
            handle.write(source.read(entry.size).decode("utf-8"))
    elif isinstance(entry, bytes):
        if raw is not None:
            handle.flush()
            raw.write(entry)
        else:
            handle.write(entry.decode("utf-8"))
    elif entry is not None:
        handle.write(entry)
    else:
        for piece in file_pieces(report, "    "):
            handle.write(piece)


def _copy(source, offset: int, size: int, raw) -> None:
    """SIZE bytes of the file SOURCE from OFFSET to the byte stream RAW: by the kernel where it can
    (sendfile), else read and written."""
    import os

    raw.flush()
    sendfile = getattr(os, "sendfile", None)
    if sendfile is not None:
        try:
            out = raw.fileno()
            while size:
                sent = sendfile(out, source.fileno(), offset, size)
                if not sent:
                    break
                offset += sent
                size -= sent
        except (OSError, ValueError, AttributeError):
            pass  # (an output opened for appending, a stream without a file descriptor...)
    if size:
        source.seek(offset)
        data = source.read(size)
        if len(data) != size:
            raise OSError(f"{source.name}: a JSON entry is cut short")
        raw.write(data)


def _utf8_buffer(handle):
    """The byte stream under a text stream that writes its text as UTF-8 without changing line ends
    (stdout here, or the file ``-o`` writes), for entries that are UTF-8 already; else None."""
    import codecs
    import io
    import os

    if not isinstance(handle, io.TextIOWrapper) or os.linesep != "\n":
        return None
    try:
        return handle.buffer if codecs.lookup(handle.encoding).name == "utf-8" else None
    except (AttributeError, LookupError, ValueError):
        return None
