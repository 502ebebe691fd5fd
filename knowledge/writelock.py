"""One writer at a time for the embedded store, across processes (a `filelock` lock file).

chromadb's embedded store is single-process: each process keeps its own copy of the vector index
in memory and writes it back whole, so two processes writing at once (or one writing with a copy
loaded before another wrote) silently drop each other's vectors. Writers therefore hold
`chroma/marginal-write.lock`, and each leaves a new token in `chroma/marginal-generation`: a
writer that finds a token other than the one its client was opened at reopens the client first,
so it writes on top of what is on disk. A second writer waits, and says so; several processes
writing at once should use a Chroma server (MARGINAL_CHROMA_URL).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

__all__ = ["WAITING", "WriteLock"]

log = logging.getLogger("knowledge")

WAITING = ("Another process is writing to the knowledge store at {location}; waiting for it to finish. "
           "The embedded store takes one writer at a time; for several processes writing at once, run "
           "a Chroma server (`chroma run --path DIR`) and set MARGINAL_CHROMA_URL.")
LOCK_FILE, GENERATION_FILE = "marginal-write.lock", "marginal-generation"


class WriteLock:
    """The write lock of one embedded store folder; reentrant within a thread."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_FILE
        self._lock = FileLock(self.path)  # per-thread holds: threads of one process also take turns
        self._depth = threading.local()

    @contextlib.contextmanager
    def hold(self, *, wait: bool = True) -> Iterator[bool]:
        """Hold the lock; yields whether this call took it (False inside a hold of this thread).

        Args:
            wait: Wait (with a notice) while another writer has it; if False, yield False at once.
        """
        depth = getattr(self._depth, "n", 0)
        if depth == 0:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                self._lock.acquire(blocking=False)
            except Timeout:
                if not wait:
                    yield False
                    return
                log.warning(WAITING.format(location=self.folder))
                self._lock.acquire()
        self._depth.n = depth + 1
        try:
            yield depth == 0
        finally:
            self._depth.n = depth
            if depth == 0:
                self._lock.release()

    def generation(self) -> str:
        """The token the last writer left ('' before any)."""
        try:
            return (self.folder / GENERATION_FILE).read_text().strip()
        except FileNotFoundError:
            return ""

    def bump(self) -> str:
        """Leave a new token (call while holding the lock, after writing); returns it."""
        token = uuid.uuid4().hex
        staged = self.folder / f"{GENERATION_FILE}.{os.getpid()}"
        staged.write_text(token)
        staged.replace(self.folder / GENERATION_FILE)
        return token
