"""Add, replace, remove and list users' documents (markdown, text, PDF, HTML) in the store.

A file is one source, named by its absolute path. Ingesting it again is idempotent (chunk ids
are content hashes); a changed file gets its new chunks first and loses its stale ones after,
so a kill mid-way leaves the file searchable and a re-run completes it. A file that is missing,
unsupported, too large, corrupt, a symlink loop or a broken link is reported with the reason and
skipped; the others go in (`knowledge/collect.py` finds the files). Reading a file takes time
linear in its size (at most 20 MB), whatever its markup.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from tqdm import tqdm

from knowledge.chunking import Document
from knowledge.collect import collect
from knowledge.formats import load_file
from knowledge.store import BUILTIN, USER, KnowledgeStore
from tools.errors import IngestError

__all__ = ["MAX_BYTES", "FileOutcome", "IngestReport", "SourceInfo", "ingest", "list_sources",
           "remove"]

log = logging.getLogger("knowledge")

MAX_BYTES = 20_000_000
_PROGRESS_BYTES = 2_000_000  # show a progress bar above this much input...
_PROGRESS_FILES = 20  # ...or this many files
_GROUP_FILES, _GROUP_CHUNKS = 64, 512  # files parsed before one batched write


class FileOutcome(BaseModel):
    """What happened to one file."""

    source: str
    status: Literal["added", "updated", "unchanged", "skipped"]
    chunks: int = Field(0, description="Chunks the file has in the store now.")
    added: int = 0
    removed: int = 0
    reason: str = Field("", description="Why a file was skipped, and what to do.")


class IngestReport(BaseModel):
    """Per-file outcomes of one ingest run."""

    files: list[FileOutcome] = Field(default_factory=list)

    @property
    def skipped(self) -> list[FileOutcome]:
        """Files that were not ingested, with their reasons."""
        return [f for f in self.files if f.status == "skipped"]

    @property
    def chunks_added(self) -> int:
        """Chunks written in this run."""
        return sum(f.added for f in self.files)

    def summary(self) -> str:
        """A readable multi-line report."""
        counts = Counter(f.status for f in self.files)
        head = ", ".join(f"{n} {status}" for status, n in counts.items()) or "nothing to do"
        lines = [f"{len(self.files)} file(s): {head}; {self.chunks_added} chunk(s) added, "
                 f"{sum(f.removed for f in self.files)} removed."]
        for f in self.files:
            detail = f.reason if f.status == "skipped" else f"{f.chunks} chunk(s)"
            lines.append(f"  {f.status:<9} {f.source}  {detail}")
        return "\n".join(lines)


class SourceInfo(BaseModel):
    """One document in the store."""

    source: str
    kind: Literal["builtin", "user"]
    title: str
    chunks: int


def ingest(paths: Iterable[str | os.PathLike[str]], store: KnowledgeStore, *,
           progress: bool = False, max_bytes: int = MAX_BYTES) -> IngestReport:
    """Ingest files and folders (recursively) into the store; bad files are reported, not fatal.

    Args:
        paths: Files or folders of .md, .txt, .pdf or .html files.
        store: An open KnowledgeStore.
        progress: Show a tqdm progress bar (on stderr) when the ingest is large.
        max_bytes: Size limit per file (default 20 MB).
    """
    with store.writing():  # one turn for the whole run: a second ingest waits for it, then goes on top
        return _ingest(paths, store, progress, max_bytes)


def _ingest(paths: Iterable[str | os.PathLike[str]], store: KnowledgeStore, progress: bool,
            max_bytes: int) -> IngestReport:
    found = collect(paths, max_bytes)
    sizes = {c.path: c.size for c in found if not c.refusal}
    large = sum(sizes.values()) >= _PROGRESS_BYTES or len(sizes) >= _PROGRESS_FILES
    outcomes = {c.path: FileOutcome(source=str(c.path), status="skipped", reason=c.refusal)
                for c in found if c.refusal}
    group: list[tuple[Path, Document]] = []
    pending = 0  # bytes read since the last write, for the progress bar
    with tqdm(total=sum(sizes.values()), unit="B", unit_scale=True, desc="ingest",
              file=sys.stderr, disable=not (progress and large)) as bar:
        for n, path in enumerate(sizes, start=1):
            try:
                group.append((path, load_file(path, str(path))))
            except IngestError as exc:
                outcomes[path] = FileOutcome(source=str(path), status="skipped",
                                             reason=_reason(exc, str(path)))
            except Exception as exc:  # a file no reader expected: skip it and go on with the others
                log.debug("reading %s failed", path, exc_info=True)
                outcomes[path] = FileOutcome(source=str(path), status="skipped", reason=(
                    f"could not be read ({type(exc).__name__}: {exc}). If the file opens elsewhere, "
                    "please report it; MARGINAL_DEBUG=1 logs the details."))
            pending += sizes[path]
            if n == len(sizes) or len(group) >= _GROUP_FILES or \
                    sum(len(doc.chunks) for _, doc in group) >= _GROUP_CHUNKS:
                outcomes.update(_write(group, store) if group else {})
                bar.update(pending)
                group, pending = [], 0
    return IngestReport(files=[outcomes[c.path] for c in found])


def remove(path: str | os.PathLike[str], store: KnowledgeStore) -> list[SourceInfo]:
    """Remove a user file (or every user file under a folder) from the store.

    Args:
        path: The file or folder as it was ingested (relative paths are resolved).
        store: An open KnowledgeStore.
    """
    given = Path(path).expanduser()
    try:
        target = os.path.realpath(given)
    except (OSError, RuntimeError):  # a symlink loop: match what was ingested under its own name
        target = str(given.absolute())
    gone = [s for s in list_sources(store, kind=USER)
            if s.source == target or s.source.startswith(target.rstrip(os.sep) + os.sep)]
    if not gone:
        builtin = any(s.source == str(path) for s in list_sources(store, kind=BUILTIN))
        raise IngestError(
            f"{path} is a built-in fact sheet; it cannot be removed." if builtin else
            f"{target} is not in the knowledge base.",
            hint="`marginal ingest --list` shows the documents it holds.")
    with store.writing():
        for info in gone:
            store.delete(store.ids({"source": info.source}))
    return gone


def list_sources(store: KnowledgeStore, kind: str | None = None) -> list[SourceInfo]:
    """Documents in the store with their chunk counts, built-in sheets first."""
    counts: Counter[tuple[str, str, str]] = Counter(
        (str(m.get("kind", USER)), str(m.get("source", "")), str(m.get("title", "")))
        for m in store.metadatas({"kind": kind} if kind else None))
    infos = [SourceInfo(source=s, kind=k, title=t, chunks=n)  # type: ignore[arg-type]
             for (k, s, t), n in counts.items()]
    return sorted(infos, key=lambda i: (i.kind != BUILTIN, i.source))


def _write(group: list[tuple[Path, Document]], store: KnowledgeStore
           ) -> dict[Path, FileOutcome]:
    """Write a group of parsed files in one batched replace; their outcomes by path."""
    counts = store.replace_sources([doc for _, doc in group], USER)
    outcomes = {}
    for (path, doc), (before, added, removed) in zip(group, counts, strict=True):
        status = "unchanged" if added == removed == 0 else ("updated" if before else "added")
        outcomes[path] = FileOutcome(source=str(path), status=status, chunks=len(doc.chunks),
                                     added=added, removed=removed)
    return outcomes


def _reason(exc: IngestError, source: str) -> str:
    """The error's text without the path it starts with (the report shows the path)."""
    return str(exc).removeprefix(f"{source}: ")
