"""Write a migration bundle into OUTDIR safely.

* Every path is checked to stay inside OUTDIR, whatever names the input contained.
* A non-empty OUTDIR is refused unless ``force``; input files are never touched (an OUTDIR that
  contains an input file is refused even with ``force``).
* The bundle is written into a temporary folder next to OUTDIR and moved into place at the end,
  so a failure (disk full, read-only) leaves nothing half-written behind.
* Single reports (scan -o, report -o) are written to a temporary file and renamed the same way.
* What is written gets the permissions any other program would give it (the user's umask; a
  replaced file or folder keeps its own), not the private ones of a temporary file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
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


def write_atomically(path: str, text) -> None:
    """Write ``text`` (or what a ``text(handle)`` writer writes) to ``path`` via a temporary file and a
    rename: never a half-written file."""
    folder = os.path.dirname(os.path.abspath(path))
    mode = _mode(path, 0o666)
    fd, tmp = tempfile.mkstemp(prefix=".ctimod-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if callable(text):
                text(handle)
            else:
                handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def check_outdir(outdir: str, inputs: list[str], force: bool) -> None:
    out = Path(outdir).resolve()
    for item in inputs:
        resolved = Path(item).resolve()
        if resolved == out or out in resolved.parents:
            raise WriteError(f"refusing to write into {outdir}: it contains the input {item}")
    if out.exists() and not out.is_dir():
        raise WriteError(f"{outdir} exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not force:
        raise WriteError(f"{outdir} is not empty; use --force to replace its contents")


def write_bundle(outdir: str, files: list[tuple[str, str]], inputs: list[str], force: bool = False) -> list[str]:
    """Write (path, text) pairs under ``outdir`` atomically; returns the paths written."""
    check_outdir(outdir, inputs, force)
    out = Path(outdir).resolve()
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
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
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
