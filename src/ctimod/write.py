"""Write a migration bundle into OUTDIR safely.

* Every path is checked to stay inside OUTDIR, whatever names the input contained.
* A non-empty OUTDIR is refused unless ``force``; input files are never touched (an OUTDIR that
  contains an input file is refused even with ``force``).
* The bundle is written into a temporary folder next to OUTDIR and moved into place at the end,
  so a failure (disk full, read-only) leaves nothing half-written behind.
* Single reports (scan -o, report -o) are written to a temporary file and renamed the same way.
* What is written gets the permissions any other program would give it (the user's umask; a
  replaced file or folder keeps its own), not the private ones of a temporary file.
* An output path that is a link is written through (its target is replaced); one that is a folder, a
  FIFO, a device or a socket, or lies in a folder that cannot be written, is refused with the reason.
* A convert holds a lock beside OUTDIR (``.OUTDIR.ctimod-lock``, holding its pid) for its whole run; a
  second run into the same OUTDIR is refused, naming the holder. A lock whose process died is taken over.
* What a killed run left behind (``.OUTDIR.ctimod-XXXX/`` staging folders, ``.OUTDIR.ctimod-old-XXXX/old``
  backups, ``.FILE.ctimod-PID-XXXX.tmp`` files) is removed by the next run of the same OUTDIR or FILE; a
  run killed between its two renames left OUTDIR missing and its backup complete: the next run restores it.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath


class WriteError(Exception):
    """The bundle could not be written (the message says why; nothing was left behind)."""


def safe_relative(path: str) -> PurePosixPath:
    """A relative path that cannot leave its root: no absolute paths, no '..', no empty parts."""
    candidate = PurePosixPath(path.replace("\\", "/"))
    if candidate.is_absolute() or not candidate.parts or any(p in ("..", "", ".") for p in candidate.parts) \
            or any("\x00" in p or ":" in p for p in candidate.parts):
        raise WriteError(f"refusing to write {path!r}: it would leave the output folder")
    return candidate


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode(path: Path | str, default: int) -> int:
    """The permissions of ``path`` if it exists (it is being replaced), else ``default`` minus the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return default & ~_umask()


def _kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is, in words (None for a regular file or a folder)."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def _real(path: str) -> str:
    """Where ``path`` leads once every link is followed; a link loop is a WriteError."""
    real = os.path.realpath(path)
    try:
        os.stat(real)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WriteError(f"{path} is a symbolic link that loops") from None
    return real


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, it is someone else's
        return True
    return True


def _tmp_prefix(name: str) -> str:
    return f".{name[:100]}.ctimod-"


def _remove_stale_files(folder: str, name: str) -> None:
    """Remove ``.NAME.ctimod-PID-XXXXXXXX.tmp`` files whose writer (PID) is no longer running."""
    pattern = re.compile(re.escape(_tmp_prefix(name)) + r"(\d+)-[a-z0-9_]{8}\.tmp\Z")
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for entry in names:
        match = pattern.match(entry)
        if match and not _alive(int(match.group(1))):
            try:
                os.unlink(os.path.join(folder, entry))
            except OSError:
                pass


def output_file(path: str) -> str:
    """Check a FILE given to ``-o``; returns the path to replace (a link's target). Raises WriteError with the
    reason when FILE cannot be written: a folder, FIFO, device or socket, a link loop or a link to one, a
    folder that does not exist or cannot be written."""
    real = _real(path)
    shown = path if real == os.path.abspath(path) else f"{path} (a link to {real})"
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(f"cannot write {shown}: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise WriteError(f"cannot write {shown}: it is a folder")
        kind = _kind(info.st_mode)
        if kind:
            raise WriteError(f"cannot write {shown}: it is {kind}, not a regular file (ctimod writes a "
                             "temporary file beside it and renames it into place)")
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        raise WriteError(f"cannot write {shown}: folder {folder} does not exist")
    try:  # the only sure test that the folder takes new files (read-only mounts, ACLs, /sys ...)
        fd, probe = tempfile.mkstemp(prefix=_tmp_prefix(os.path.basename(real)) + f"{os.getpid()}-",
                                     suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write {shown}: folder {folder} is not writable ({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(probe)
    return real


def write_atomically(path: str, text) -> None:
    """Write ``text`` (or what a ``text(handle)`` writer writes) to ``path`` via a temporary file and a
    rename: never a half-written file. A link is written through: its target is replaced. Problems with the
    path or the disk are a WriteError with the reason (nothing is left behind)."""
    target = output_file(path)
    folder, name = os.path.split(target)
    _remove_stale_files(folder, name)
    mode = _mode(target, 0o666)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(name) + f"{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        # backslashreplace: a character UTF-8 cannot hold (a lone surrogate) must never stop a report
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            if callable(text):
                text(handle)
            else:
                handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from None
        raise


def outdir_path(outdir: str) -> Path:
    """OUTDIR as it will be written: a link's target (the link stays)."""
    return Path(_real(outdir))


@contextmanager
def outdir_lock(outdir: str):
    """Hold OUTDIR for one convert: ``.OUTDIR.ctimod-lock`` beside it holds the owner's pid and an exclusive
    ``flock`` the kernel drops when the owner dies (so a dead run's lock is simply taken over). Yields the pid
    of a dead owner whose lock was taken over, or None. Raises WriteError when another live run holds it."""
    import fcntl

    out = outdir_path(outdir)
    parent = out.parent
    created = []
    probe = parent
    while not probe.exists() and probe.parent != probe:
        created.append(probe)
        probe = probe.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create {parent}: {exc.strerror or exc}") from None
    lock = parent / f".{out.name}.ctimod-lock"
    fd = None
    try:
        while True:
            try:
                fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
            except OSError as exc:
                raise WriteError(f"cannot write to {parent}: {exc.strerror or exc}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
            except BlockingIOError:
                owner = _read_pid(fd)
                os.close(fd)
                fd = None
                who = f"process {owner}" if owner else "another process"
                raise WriteError(f"{outdir} is being written by another ctimod convert ({who} holds "
                                 f"{lock.name}); wait for it to finish or choose another OUTDIR") from None
            except OSError:  # no flock on this file system: trust the pid
                locked = False
                owner = _read_pid(fd)
                if owner and owner != os.getpid() and _alive(owner):
                    os.close(fd)
                    fd = None
                    raise WriteError(f"{outdir} is being written by another ctimod convert (process {owner} holds "
                                     f"{lock.name}); wait for it to finish or choose another OUTDIR") from None
            try:  # the holder we waited on may have removed the file we locked: lock the new one
                same = os.stat(lock, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
            except OSError:
                same = False
            if same or not locked:
                break
            os.close(fd)
            fd = None
        previous = _read_pid(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield previous if previous and previous != os.getpid() else None
    finally:
        if fd is not None:
            try:
                if os.stat(lock, follow_symlinks=False).st_ino == os.fstat(fd).st_ino:
                    os.unlink(lock)
            except OSError:
                pass
            os.close(fd)
        for folder in created:  # folders made only to hold the lock, when nothing was written into them
            try:
                folder.rmdir()
            except OSError:
                break


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def recover_outdir(outdir: str) -> list[str]:
    """Clean up after a killed convert of OUTDIR (call it holding :func:`outdir_lock`); returns what was done.

    A run killed between its two renames left OUTDIR missing and the previous bundle in
    ``.OUTDIR.ctimod-old-XXXX/old``: it is moved back. Every other leftover (staging folders, emptied
    backups) is removed."""
    out = outdir_path(outdir)
    parent = out.parent
    pattern = re.compile(re.escape(f".{out.name}.ctimod-") + r"(old-)?[a-z0-9_]{8}\Z")
    try:
        leftovers = sorted(e for e in os.listdir(parent) if pattern.match(e))
    except OSError:
        return []
    done = []
    if not os.path.lexists(out):
        backups = [parent / e / "old" for e in leftovers if e.startswith(f".{out.name}.ctimod-old-")]
        backups = [b for b in backups if b.is_dir() and not b.is_symlink()]
        if backups:
            newest = max(backups, key=lambda b: b.stat().st_mtime)
            try:
                os.replace(newest, out)
                done.append(f"restored {outdir} from the backup an interrupted earlier run left in "
                            f"{newest.parent.name}")
            except OSError as exc:
                raise WriteError(f"{outdir} is missing and an interrupted earlier run left its previous contents "
                                 f"in {newest}; it could not be restored ({exc.strerror or exc})") from None
    removed = 0
    for entry in leftovers:
        path = parent / entry
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                path.unlink()
            except OSError:
                pass
        removed += not os.path.lexists(path)
    if removed:
        done.append(f"removed {removed} temporary folder(s) an interrupted earlier run of {outdir} left behind")
    return done


def check_outdir(outdir: str, inputs: list[str], force: bool) -> None:
    out = outdir_path(outdir)
    for item in inputs:
        resolved = Path(os.path.realpath(item))
        if resolved == out or out in resolved.parents:
            raise WriteError(f"refusing to write into {outdir}: it contains the input {item}")
    try:
        info = os.stat(out)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(f"cannot use {outdir}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise WriteError(f"{outdir} exists and is {_kind(info.st_mode) or 'a file'}, not a folder")
    try:
        empty = not any(out.iterdir())
    except OSError as exc:
        raise WriteError(f"cannot use {outdir}: {exc.strerror or exc}") from None
    if not empty and not force:
        raise WriteError(f"{outdir} is not empty; use --force to replace its contents")


def write_bundle(outdir: str, files: list[tuple[str, str]], inputs: list[str], force: bool = False) -> list[str]:
    """Write (path, text) pairs under ``outdir`` atomically; returns the paths written."""
    check_outdir(outdir, inputs, force)
    out = outdir_path(outdir)
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create {parent}: {exc.strerror or exc}") from None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.ctimod-", dir=parent))
        os.chmod(staging, _mode(out, 0o777))
    except OSError as exc:
        raise WriteError(f"cannot write to {parent}: {exc.strerror or exc}") from None
    written = []
    try:
        for path, text in files:
            relative = safe_relative(path)
            target = staging.joinpath(*relative.parts)
            if staging not in target.resolve().parents:
                raise WriteError(f"refusing to write {path!r}: it would leave the output folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
                handle.write(text)
            written.append(str(relative))
        backup = None
        if out.exists():
            backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.ctimod-old-", dir=parent))
            os.replace(out, backup / "old")
        try:
            os.replace(staging, out)
        except OSError:
            if backup is not None:
                os.replace(backup / "old", out)
            raise
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
    except WriteError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise WriteError(f"could not write the bundle to {outdir}: {exc.strerror or exc}; nothing was written") \
            from None
    return sorted(written)
