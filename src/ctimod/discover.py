"""Stage 1, discover: turn the paths a user names into the ordered list of files to scan.

Walks directories without following a symlink into a directory it has already visited, skips
VCS folders, ``node_modules`` and whatever ``.gitignore`` and ``.forceignore`` files ignore
(counting the adapter files they kept out, so the user can be told), applies
``--include``/``--exclude`` globs, and keeps only the file types adapters live in. Files named
explicitly on the command line are always taken, and so is a folder named on the command line
even when an ignore file outside it ignores it (rules inside it still apply). A link found while
walking is followed only when it leads inside the named paths (``--follow-links`` follows every
link). Problems (a missing path, a loop, a link out of the named paths, an ignore-file line that
cannot be read, a folder it cannot list) become diagnostics, never exceptions. The walk is
iterative, so a tree of any depth is fine. Every path is shown escaped (``escape.display_path``).
"""

from __future__ import annotations

import contextvars
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from .escape import display_path, terminal_text
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
# Any other file is read too, in case its content is an adapter under a name that says otherwise
# (a call center definition saved as OpenCTI.callCenter2, a page template .jsp, JavaScript in .txt):
# load sniffs it and it is listed only if it mentions the API. Media and binaries are not read.
NOT_TEXT_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".tif", ".tiff", ".psd", ".pdf",
                       ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".jar", ".war", ".ear", ".class",
                       ".so", ".dll", ".dylib", ".exe", ".bin", ".o", ".a", ".pyc", ".woff", ".woff2", ".ttf",
                       ".otf", ".eot", ".mp3", ".mp4", ".wav", ".ogg", ".mov", ".avi", ".webm", ".flac",
                       ".sqlite", ".db", ".keystore", ".p12", ".pfx", ".der", ".crt", ".doc", ".docx", ".xls",
                       ".xlsx", ".ppt", ".pptx", ".sketch", ".fig"}
SKIPPED_DIRECTORIES = {".git", ".hg", ".svn", "node_modules"}
IGNORE_FILES = (".gitignore", ".forceignore")  # .forceignore: the Salesforce CLI's, same syntax


@dataclass(frozen=True)
class Candidate:
    """A file to scan: where it is and how to show it."""

    path: str  # filesystem path
    display: str  # '/'-separated path as shown in every report
    explicit: bool = False  # named on the command line
    sniff: bool = False  # not an adapter file type by its name: listed only if its content mentions the API


@dataclass
class Discovery:
    candidates: list[Candidate] = field(default_factory=list)
    diagnostics: list[tuple[str, Diagnostic]] = field(default_factory=list)  # (display path, diagnostic)
    missing: list[str] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (display path, ignore file name) of adapter files
    # Folders holding a bundle ctimod wrote (its migration.json): an earlier convert's -o inside the adapter's
    # folder. Not walked: its connector and component are generated code, not the adapter's.
    own_bundles: list[str] = field(default_factory=list)


def extension_of(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".callcenter-meta.xml"):
        return ".xml"
    return os.path.splitext(lower)[1]


# A run of three or more '*' in a pattern is one '*' (only a whole-segment '**' spans folders, in git and in
# pathspec): pathspec makes each '*' a '[^/]*' of its own, and a run of 100,000 took minutes to compile and match.
_STAR_RUN = re.compile(r"(\\.)|\*{3,}")


def _gitignore_lines(lines: list[str]) -> list[str]:
    """``lines`` with runs of three or more '*' made one (an escaped ``\\*`` stays a star of its own)."""
    return [_STAR_RUN.sub(lambda m: m.group(1) or "*", line) if "***" in line else line for line in lines]


class Globs:
    """``--include`` / ``--exclude`` patterns with .gitignore's syntax and meaning (pathspec's GitIgnoreSpec):
    ``**`` spans folders, ``*`` does not, a pattern without '/' matches names at any depth, one with a '/'
    is relative to the scanned folder, a folder pattern covers everything in it, ``!`` re-includes."""

    def __init__(self, patterns: list[str] | None):
        self.patterns = [p.strip().replace(os.sep, "/") for p in (patterns or []) if p.strip()]
        self._spec = None
        if self.patterns:
            import pathspec

            self._spec = pathspec.GitIgnoreSpec.from_lines(_gitignore_lines(self.patterns))

    def __bool__(self) -> bool:
        return self._spec is not None

    def match(self, relative: str) -> bool:
        return self._spec is not None and self._spec.match_file(relative)


class _IgnoreRules:
    """The ignore files (.gitignore, .forceignore) that apply to one folder, outermost first."""

    def __init__(self, specs: list[tuple[str, object, str]]):
        self.specs = specs  # (folder the file sits in, GitIgnoreSpec, file name)

    def child(self, folder: str, read=None) -> "_IgnoreRules":
        specs = self.specs
        for name in IGNORE_FILES:
            spec = (read or _read_gitignore)(os.path.join(folder, name))
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


MAX_IGNORE_FILE = 1024 * 1024  # a .gitignore larger than this is not a .gitignore


def _read_gitignore(path: str, report=None):
    """The rules of one .gitignore, or None. A line git would not understand either (``[z-a].js``, a trailing
    backslash) is reported through ``report(line, message)`` and left out; the rest of the file applies."""
    import stat

    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block forever, a device never ends
        if report and not stat.S_ISDIR(info.st_mode):
            report(None, "is not a regular file; not read")
        return None
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_IGNORE_FILE + 1)
    except OSError as exc:
        if report:
            report(None, f"cannot read it: {exc.strerror or exc}; its rules do not apply")
        return None
    if len(raw) > MAX_IGNORE_FILE:
        if report:
            report(None, f"is larger than {MAX_IGNORE_FILE // 1024} KiB; not read, its rules do not apply")
        return None
    import pathspec

    lines = _gitignore_lines(raw.decode("utf-8", errors="replace").splitlines())
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # noqa: BLE001 - pathspec raises re.error, GitIgnorePatternError, ValueError...
        pass
    good = []
    for number, line in enumerate(lines, 1):
        try:
            pathspec.GitIgnoreSpec.from_lines([line])
        except Exception as exc:  # noqa: BLE001
            if report:
                reason = getattr(exc, "msg", None) or str(exc)
                report(number, f"line {number}: pattern {line.strip()[:80]!r} is not valid ({reason}); that line "
                               "is ignored, the rest of the file applies")
            continue
        good.append(line)
    return pathspec.GitIgnoreSpec.from_lines(good)


def _display(arg: str, rel: str | None = None) -> str:
    joined = os.path.join(arg, rel) if rel else arg
    return display_path(os.path.normpath(joined).replace(os.sep, "/"))


# --follow-links: the default for every discover() of this run (ctimod convert's pipeline calls discover()
# itself; the command line sets this once instead of threading the flag through every stage).
_FOLLOW_LINKS: contextvars.ContextVar[bool] = contextvars.ContextVar("ctimod_follow_links", default=False)


@contextmanager
def following_links(enabled: bool = True):
    """Within this block, discover() follows links that leave the roots (``--follow-links``)."""
    token = _FOLLOW_LINKS.set(enabled)
    try:
        yield
    finally:
        _FOLLOW_LINKS.reset(token)


class _Roots:
    """The real locations of the paths named on the command line: a link found while walking them is followed
    only when its target lies inside one of them (or with --follow-links)."""

    def __init__(self, paths: list[str]):
        self.folders: list[str] = []
        self.files: set[str] = set()
        for arg in paths:
            real = os.path.realpath(arg)
            if os.path.isdir(real):
                self.folders.append(real)
            else:
                self.files.add(real)

    def contain(self, real: str) -> bool:
        if real in self.files:
            return True
        return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.folders)


def discover(paths: list[str], include: list[str] | None = None, exclude: list[str] | None = None,
             use_gitignore: bool = True, follow_links: bool | None = None) -> Discovery:
    """Find the files to scan under ``paths``; deterministic order, no duplicates.

    A path named here is always read, even when it is a link: what it names is a root. A link found while
    walking a folder is followed only when its target lies inside a root (``follow_links`` to follow every
    link); otherwise it is a ``link-outside-root`` finding and nothing behind it is read.
    """
    result = Discovery()
    includes, excludes = Globs(include), Globs(exclude)
    seen_files: dict[tuple[int, int], int] = {}  # a file's identity -> its place in result.candidates
    follow = _FOLLOW_LINKS.get() if follow_links is None else follow_links
    roots = _Roots([p for p in paths if os.path.lexists(p)])

    def take(path: str, display: str, explicit: bool, sniff: bool = False) -> None:
        try:
            st = os.stat(path)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = (-1, hash(path))
        if key in seen_files:
            # A file reached twice is read once, under its own name rather than a link's (`loop.js -> x.js`
            # lists x.js, whichever the walk met first), where both are files the walk found, of one kind.
            earlier = result.candidates[seen_files[key]]
            if not (earlier.explicit or explicit) and earlier.sniff == sniff and os.path.islink(earlier.path) \
                    and not os.path.islink(path) and extension_of(earlier.path) == extension_of(path):
                result.candidates[seen_files[key]] = Candidate(path, display, explicit, sniff)
            return
        seen_files[key] = len(result.candidates)
        result.candidates.append(Candidate(path, display, explicit, sniff))

    walked: set[tuple[int, int]] = set()
    for arg in paths:
        if not os.path.lexists(arg):
            result.missing.append(display_path(arg))
            continue
        if not os.path.isdir(arg):
            if os.path.islink(arg) and not os.path.exists(arg):
                result.diagnostics.append((_display(arg), Diagnostic(
                    "error", "broken-symlink", "symbolic link points to a file that does not exist")))
                continue
            take(arg, _display(arg), explicit=True)
            continue
        walker = _Walker(arg, roots, follow, use_gitignore, includes, excludes, result, take, walked)
        walker.run(_outer_rules(arg, walker.read_gitignore).named(arg) if use_gitignore else _IgnoreRules([]))

    result.candidates.sort(key=lambda c: c.display)
    result.ignored.sort()
    result.diagnostics.sort(key=lambda d: (d[0], d[1].code, d[1].line or 0))
    return result


def _outer_rules(start: str, read=None) -> _IgnoreRules:
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
        rules = rules.child(folder, read)
    return rules


class _Walker:
    """Walks one folder named on the command line, iteratively (a tree thousands of folders deep is fine)."""

    def __init__(self, root, roots, follow, use_gitignore, includes, excludes, result, take, walked):
        self.root, self.roots, self.follow = root, roots, follow
        self.use_gitignore, self.includes, self.excludes = use_gitignore, includes, excludes
        self.result, self.take, self.walked = result, take, walked
        self.root_abs = os.path.abspath(root)

    def note(self, display: str, severity: str, code: str, message: str, line: int | None = None) -> None:
        self.result.diagnostics.append((display, Diagnostic(severity, code, message, line=line)))

    def display_of(self, path: str) -> str:
        return _display(self.root, os.path.relpath(path, self.root_abs))

    def read_gitignore(self, path: str):
        display = self.display_of(os.path.abspath(path))
        if os.path.islink(path) and not self.follow and not self.roots.contain(os.path.realpath(path)):
            if os.path.exists(path):
                self._outside(display, path)
            return None

        def report(line, message):
            self.note(display, "warning", "bad-ignore-file" if line is None else "bad-ignore-pattern",
                      display_path(message) if line is None else terminal_text(message), line)

        return _read_gitignore(path, report)

    def _outside(self, display: str, path: str) -> None:
        try:
            target = display_path(os.readlink(path))
        except OSError:
            target = "?"
        self.note(display, "warning", "link-outside-root",
                  f"symbolic link to {target} points outside the paths being read; not followed "
                  "(--follow-links follows it)")

    def run(self, rules: _IgnoreRules) -> None:
        # Folders reached through a link are walked after every other folder, so that files a link also
        # reaches are taken under their own folder's name (a link to a folder already walked is skipped).
        stack, through_links = [(self.root, rules, frozenset())], []
        while stack or through_links:
            if not stack:
                stack, through_links = through_links[::-1], []
            folder, rules, ancestors = stack.pop()
            try:
                st = os.stat(folder)
            except OSError as exc:
                self.note(_display(folder), "error", "unreadable", f"cannot open folder: {exc.strerror}")
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                self.note(_display(folder), "warning", "symlink-loop",
                          "symbolic link loops back to a folder already being scanned; not followed")
                continue
            if key in self.walked:  # reached again through another link: its files are already taken
                continue
            self.walked.add(key)
            ancestors = ancestors | {key}
            if self.use_gitignore and folder != self.root:
                rules = rules.child(os.path.abspath(folder), self.read_gitignore)
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                self.note(_display(folder), "error", "unreadable", f"cannot list folder: {exc.strerror}")
                continue
            below = []
            for entry in entries:
                folder_to_walk = self.visit(entry, rules)
                if folder_to_walk is None:
                    continue
                if os.path.islink(folder_to_walk):
                    through_links.append((folder_to_walk, rules, ancestors))
                else:
                    below.append((folder_to_walk, rules, ancestors))
            stack.extend(reversed(below))

    def visit(self, entry, rules) -> str | None:
        """Take one folder entry; returns a folder to walk, if it is one."""
        rel = os.path.relpath(entry.path, self.root).replace(os.sep, "/")
        display = _display(self.root, rel)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError:
            is_dir = False
        try:
            is_link = entry.is_symlink()
        except OSError:
            is_link = False
        if is_dir:
            if entry.name in SKIPPED_DIRECTORIES:
                return None
            why = self.use_gitignore and rules.ignored_by(os.path.abspath(entry.path), True)
            if why:
                if not is_link:
                    _count_ignored(self.root, entry.path, why, self.includes, self.excludes, self.result)
                return None
            if self.excludes and self.excludes.match(rel + "/"):
                return None
            if is_link and not self.follow and not self.roots.contain(os.path.realpath(entry.path)):
                self._outside(display, entry.path)
                return None
            if _earlier_bundle(entry.path):
                self.result.own_bundles.append(display + "/")
                return None
            return entry.path
        if is_link and not os.path.exists(entry.path):
            self.note(display, "error", "broken-symlink", "symbolic link points to a file that does not exist")
            return None
        why = self.use_gitignore and rules.ignored_by(os.path.abspath(entry.path), False)
        sniff = False
        if not _wanted(rel, entry.name, self.includes, self.excludes):
            if not _sniffed(rel, entry.name, self.includes, self.excludes) or why:
                return None
            sniff = True
        if why:
            self.result.ignored.append((display, why))
            return None
        if is_link and not self.follow and not self.roots.contain(os.path.realpath(entry.path)):
            self._outside(display, entry.path)
            return None
        self.take(entry.path, display, explicit=False, sniff=sniff)
        return None


def _earlier_bundle(folder: str) -> bool:
    """Does ``folder`` hold a migration bundle ctimod wrote (a migration.json that begins as ctimod writes it)?"""
    from .load import own_report_kind

    try:
        with open(os.path.join(folder, "migration.json"), "rb") as handle:
            return own_report_kind(handle.read(1024)) == "migration.json"
    except OSError:
        return False


def _wanted(rel: str, name: str, includes: Globs, excludes: Globs) -> bool:
    if excludes and excludes.match(rel):
        return False
    if includes:
        return includes.match(rel)
    return extension_of(name) in DEFAULT_EXTENSIONS


def _sniffed(rel: str, name: str, includes: Globs, excludes: Globs) -> bool:
    """Another file the walk reads by content (see NOT_TEXT_EXTENSIONS)."""
    return not includes and not (excludes and excludes.match(rel)) and extension_of(name) not in NOT_TEXT_EXTENSIONS \
        and name not in IGNORE_FILES  # ignore files are the walk's own settings (their findings name them)


def _count_ignored(root, folder, why, includes, excludes, result, budget: int = 20_000) -> None:
    """Record the adapter files inside an ignored folder (so the user hears about them); a bounded, iterative
    walk that follows no link."""
    stack = [folder]
    while stack:
        try:
            with os.scandir(stack.pop()) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        below = []
        for entry in entries:
            budget -= 1
            if budget < 0:
                return
            rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIPPED_DIRECTORIES and not (excludes and excludes.match(rel + "/")):
                        below.append(entry.path)
                    continue
            except OSError:
                continue
            if _wanted(rel, entry.name, includes, excludes):
                result.ignored.append((_display(root, rel), why))
        stack.extend(reversed(below))
