"""Which files an ingest reads: paths and folders walked, symlinks resolved, and why any is skipped.

Never raises for what it finds on disk: a symlink loop, a broken link, a link to a folder (not
followed inside a folder, so a walk cannot loop), an unreadable folder, a pipe or device, an
unsupported type or a file over the size limit each becomes a skipped entry with its reason.
Hidden files and folders (a name starting with ".") inside a folder are left out silently.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from knowledge.formats import SUPPORTED, unsupported

__all__ = ["Candidate", "collect"]


@dataclass(frozen=True)
class Candidate:
    """A file to read (`refusal` empty) or an entry skipped with the reason why."""

    path: Path  # the resolved file, or the entry as found when it is skipped
    size: int = 0
    refusal: str = ""


def collect(paths: Iterable[str | os.PathLike[str]], max_bytes: int) -> list[Candidate]:
    """Files named or found in folders, resolved and de-duplicated, in order, with refusals."""
    found: dict[Path, Candidate] = {}
    for raw in paths:
        for candidate in _expand(Path(raw).expanduser(), max_bytes):
            found.setdefault(candidate.path, candidate)
    return list(found.values())


def _expand(given: Path, max_bytes: int) -> Iterator[Candidate]:
    target, problem = _resolve(given)
    if target is None:
        yield Candidate(given.absolute(), refusal=problem)
    elif target.is_dir():
        yield from _walk(target, max_bytes)
    else:
        yield _file(target, max_bytes)


def _resolve(path: Path) -> tuple[Path | None, str]:
    """The real path behind `path` (every link followed), or None and why it has none."""
    try:
        return Path(os.path.realpath(path, strict=True)), ""
    except FileNotFoundError:
        if path.is_symlink():
            return None, (f"a broken symlink: its target {os.readlink(path)} does not exist. "
                          "Fix or remove the link.")
        return None, "not found: no such file or folder."
    except (OSError, RuntimeError) as exc:  # ELOOP: Python 3.11 raises either for a loop
        if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
            return None, "a symlink loop: following it never reaches a file or folder. Fix or remove the link."
        return None, f"cannot be read ({exc.strerror or exc})."


def _walk(folder: Path, max_bytes: int) -> Iterator[Candidate]:
    """Every visible file under `folder`; links to folders are reported, not followed."""
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=unreadable.append):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [d for d in dirs if (here / d).is_symlink()]:
            dirs.remove(name)
            yield _linked_folder(here / name, max_bytes)
        for name in sorted(f for f in files if not f.startswith(".")):
            entry = here / name
            target, problem = _resolve(entry)
            yield Candidate(entry, refusal=problem) if target is None else _file(target, max_bytes)
    for error in unreadable:
        yield Candidate(Path(str(error.filename)), refusal=f"this folder cannot be read ({error.strerror}).")


def _linked_folder(link: Path, max_bytes: int) -> Candidate:
    target, problem = _resolve(link)
    if target is None:
        return Candidate(link, refusal=problem)
    if not target.is_dir():
        return _file(target, max_bytes)
    return Candidate(link, refusal=f"a symlink to the folder {target}, not followed inside a folder (it could "
                                   "loop). Ingest that folder itself to include it.")


def _file(path: Path, max_bytes: int) -> Candidate:
    """The file with its size, or why it is refused before reading it (kind, type or size)."""
    try:
        info = path.stat()
    except OSError as exc:
        return Candidate(path, refusal=f"cannot be read ({exc.strerror or exc}).")
    if not stat.S_ISREG(info.st_mode):
        return Candidate(path, refusal="not a regular file (a pipe, socket or device); it is not read.")
    if path.suffix.lower() not in SUPPORTED:
        return Candidate(path, refusal=str(unsupported(str(path), path.suffix)).removeprefix(f"{path}: "))
    if info.st_size > max_bytes:
        return Candidate(path, info.st_size, f"{info.st_size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB "
                                             "limit per file. Split it into smaller files.")
    return Candidate(path, info.st_size)
