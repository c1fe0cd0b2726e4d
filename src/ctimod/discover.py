"""Stage 1, discover: turn the paths a user names into the ordered list of files to scan.

Walks directories without following a symlink into a directory it has already visited, skips
VCS folders, ``node_modules`` and whatever ``.gitignore`` and ``.forceignore`` files ignore
(counting the adapter files they kept out, so the user can be told), applies
``--include``/``--exclude`` globs, and keeps only the file types adapters live in. Files named
explicitly on the command line are always taken, and so is a folder named on the command line
even when an ignore file outside it ignores it (rules inside it still apply). Problems (a missing path, a loop, a folder it
cannot list) become diagnostics, never exceptions.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .inventory import Diagnostic

# Where adapters live: scripts, pages that carry inline scripts, and call center definitions.
SCRIPT_EXTENSIONS = {".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
                     ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx"}
PAGE_EXTENSIONS = {".html", ".htm", ".page", ".component", ".vf", ".vfp", ".cmp", ".app", ".erb", ".vue"}
SNIFFED_EXTENSIONS = {".resource"}  # static resources: JavaScript, a page, or XML by content
CALLCENTER_EXTENSIONS = {".xml", ".callcenter"}  # recognised by content (".callCenter" lower-cased)
# Languages the grammars cannot read; reported when they mention Open CTI.
UNSUPPORTED_EXTENSIONS = {".cljs": "ClojureScript", ".cljc": "ClojureScript", ".coffee": "CoffeeScript",
                          ".litcoffee": "CoffeeScript", ".ls": "LiveScript", ".elm": "Elm", ".dart": "Dart",
                          ".purs": "PureScript", ".res": "ReScript", ".hx": "Haxe"}

DEFAULT_EXTENSIONS = (set(SCRIPT_EXTENSIONS) | PAGE_EXTENSIONS | SNIFFED_EXTENSIONS | CALLCENTER_EXTENSIONS
                      | set(UNSUPPORTED_EXTENSIONS))
SKIPPED_DIRECTORIES = {".git", ".hg", ".svn", "node_modules"}
IGNORE_FILES = (".gitignore", ".forceignore")  # .forceignore: the Salesforce CLI's, same syntax


@dataclass(frozen=True)
class Candidate:
    """A file to scan: where it is and how to show it."""

    path: str  # filesystem path
    display: str  # '/'-separated path as shown in every report
    explicit: bool = False  # named on the command line


@dataclass
class Discovery:
    candidates: list[Candidate] = field(default_factory=list)
    diagnostics: list[tuple[str, Diagnostic]] = field(default_factory=list)  # (display path, diagnostic)
    missing: list[str] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (display path, ignore file name) of adapter files


def extension_of(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".callcenter-meta.xml"):
        return ".xml"
    return os.path.splitext(lower)[1]


def _glob_regex(pattern: str) -> re.Pattern:
    """A glob where ``**`` spans folders, ``*`` does not, and a pattern without '/' matches names."""
    pattern = pattern.strip().replace(os.sep, "/")
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"(?:/.*)?\Z")


class Globs:
    def __init__(self, patterns: list[str] | None):
        self.patterns = [p for p in (patterns or []) if p.strip()]
        self._regexes = [_glob_regex(p) for p in self.patterns]

    def __bool__(self) -> bool:
        return bool(self._regexes)

    def match(self, relative: str) -> bool:
        return any(r.match(relative) for r in self._regexes)


class _IgnoreRules:
    """The ignore files (.gitignore, .forceignore) that apply to one folder, outermost first."""

    def __init__(self, specs: list[tuple[str, object, str]]):
        self.specs = specs  # (folder the file sits in, GitIgnoreSpec, file name)

    def child(self, folder: str) -> "_IgnoreRules":
        specs = self.specs
        for name in IGNORE_FILES:
            spec = _read_gitignore(os.path.join(folder, name))
            if spec is not None:
                specs = specs + [(folder, spec, name)]
        return _IgnoreRules(specs) if specs is not self.specs else self

    def ignored_by(self, path: str, is_dir: bool) -> str | None:
        """The name of the ignore file that ignores ``path`` (git's last-match-wins per file kind), or None."""
        verdicts: dict[str, bool] = {}
        for base, spec, name in self.specs:
            rel = os.path.relpath(path, base).replace(os.sep, "/")
            if rel.startswith("../"):
                continue
            if is_dir:
                rel += "/"
            result = spec.check_file(rel)
            if result.include is not None:
                verdicts[name] = bool(result.include)
        return next((name for name in IGNORE_FILES if verdicts.get(name)), None)

    def ignored(self, path: str, is_dir: bool) -> bool:
        return self.ignored_by(path, is_dir) is not None

    def named(self, folder: str) -> "_IgnoreRules":
        """These rules for a folder named on the command line: outer rules that ignore the folder itself (or
        everything in it) are dropped, so naming an ignored folder reads it; every other rule still applies."""
        folder = os.path.abspath(folder)
        probe = os.path.join(folder, "\x00ctimod-probe")
        kept = []
        for base, spec, name in self.specs:
            if base != folder and not os.path.relpath(folder, base).startswith(".."):
                single = _IgnoreRules([(base, spec, name)])
                if single.ignored(folder, True) or single.ignored(probe, False):
                    import pathspec

                    rel = os.path.relpath(folder, base).replace(os.sep, "/")
                    patterns = [p for p in spec.patterns if p.include is None
                                or not (p.match_file(rel + "/") or p.match_file(rel + "/\x00ctimod-probe"))]
                    spec = pathspec.GitIgnoreSpec(patterns)
            kept.append((base, spec, name))
        return _IgnoreRules(kept)


def _read_gitignore(path: str):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _outer_rules(start: str) -> _IgnoreRules:
    """The ignore files between the enclosing git work tree's top and ``start``."""
    folders = []
    current = os.path.abspath(start)
    while True:
        folders.append(current)
        if os.path.isdir(os.path.join(current, ".git")):
            break
        parent = os.path.dirname(current)
        if parent == current:
            folders = [os.path.abspath(start)]  # not in a git work tree: only the root's own
            break
        current = parent
    rules = _IgnoreRules([])
    for folder in reversed(folders):
        rules = rules.child(folder)
    return rules


def _display(arg: str, rel: str | None = None) -> str:
    joined = os.path.join(arg, rel) if rel else arg
    return os.path.normpath(joined).replace(os.sep, "/")


def discover(paths: list[str], include: list[str] | None = None, exclude: list[str] | None = None,
             use_gitignore: bool = True) -> Discovery:
    """Find the files to scan under ``paths``; deterministic order, no duplicates."""
    result = Discovery()
    includes, excludes = Globs(include), Globs(exclude)
    seen_files: set[tuple[int, int]] = set()

    def take(path: str, display: str, explicit: bool) -> None:
        try:
            st = os.stat(path)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = (-1, hash(path))
        if key in seen_files:
            return
        seen_files.add(key)
        result.candidates.append(Candidate(path, display, explicit))

    for arg in paths:
        if not os.path.lexists(arg):
            result.missing.append(arg)
            continue
        if not os.path.isdir(arg):
            if os.path.islink(arg) and not os.path.exists(arg):
                result.diagnostics.append((_display(arg), Diagnostic(
                    "error", "broken-symlink", "symbolic link points to a file that does not exist")))
                continue
            take(arg, _display(arg), explicit=True)
            continue
        rules = _outer_rules(arg).named(arg) if use_gitignore else _IgnoreRules([])
        _walk(arg, arg, rules, includes, excludes, use_gitignore, set(), result, take)

    result.candidates.sort(key=lambda c: c.display)
    result.ignored.sort()
    result.diagnostics.sort(key=lambda d: (d[0], d[1].code))
    return result


def _walk(root, folder, rules, includes, excludes, use_gitignore, visiting, result, take) -> None:
    try:
        st = os.stat(folder)
    except OSError as exc:
        result.diagnostics.append((_display(folder), Diagnostic("error", "unreadable", f"cannot open folder: {exc.strerror}")))
        return
    key = (st.st_dev, st.st_ino)
    if key in visiting:
        result.diagnostics.append((_display(folder), Diagnostic(
            "warning", "symlink-loop", "symbolic link loops back to a folder already being scanned; not followed")))
        return
    visiting = visiting | {key}
    if use_gitignore and folder != root:
        rules = rules.child(os.path.abspath(folder))
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        result.diagnostics.append((_display(folder), Diagnostic("error", "unreadable", f"cannot list folder: {exc.strerror}")))
        return
    for entry in entries:
        rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
        display = _display(root, rel)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name in SKIPPED_DIRECTORIES:
                continue
            why = use_gitignore and rules.ignored_by(os.path.abspath(entry.path), True)
            if why:
                _count_ignored(root, entry.path, why, includes, excludes, result)
                continue
            if excludes and excludes.match(rel + "/"):
                continue
            _walk(root, entry.path, rules, includes, excludes, use_gitignore, visiting, result, take)
            continue
        if entry.is_symlink() and not os.path.exists(entry.path):
            result.diagnostics.append((display, Diagnostic(
                "error", "broken-symlink", "symbolic link points to a file that does not exist")))
            continue
        why = use_gitignore and rules.ignored_by(os.path.abspath(entry.path), False)
        if not _wanted(rel, entry.name, includes, excludes):
            continue
        if why:
            result.ignored.append((display, why))
            continue
        take(entry.path, display, explicit=False)


def _wanted(rel: str, name: str, includes: Globs, excludes: Globs) -> bool:
    if excludes and excludes.match(rel):
        return False
    if includes:
        return includes.match(rel)
    return extension_of(name) in DEFAULT_EXTENSIONS


def _count_ignored(root, folder, why, includes, excludes, result, budget: list | None = None) -> None:
    """Record the adapter files inside an ignored folder (so the user hears about them); bounded walk."""
    budget = budget if budget is not None else [20_000]
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        budget[0] -= 1
        if budget[0] < 0:
            return
        rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIPPED_DIRECTORIES and not (excludes and excludes.match(rel + "/")):
                    _count_ignored(root, entry.path, why, includes, excludes, result, budget)
                continue
        except OSError:
            continue
        if _wanted(rel, entry.name, includes, excludes):
            result.ignored.append((_display(root, rel), why))
