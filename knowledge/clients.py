"""Chroma clients, one per store path or server URL, and chromadb errors as KnowledgeError.

A PersistentClient is costly to open and chromadb allows one per path in a process, so clients
are cached by their resolved path (or server URL) and shared by every store opened on it. An
embedded store's client also carries its inter-process write lock and the write generation it
has loaded (`knowledge/writelock.py`); `reopen` replaces a client whose copy of the store is
stale. Every chromadb call runs inside `chroma_errors`, which also keeps a reopen from closing a
client while another thread of the process is using it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.api import ClientAPI
from chromadb.api.client import Client
from chromadb.config import Settings
from chromadb.errors import ChromaError, NotFoundError

from knowledge.writelock import WriteLock
from tools.errors import KnowledgeError

__all__ = ["Handle", "chroma_errors", "get_client", "get_handle", "reopen"]


@dataclass
class Handle:
    """A store's shared client; for an embedded store, its write lock and loaded generation."""

    client: ClientAPI
    lock: WriteLock | None = None
    generation: str = ""


class _Gate:
    """Many users of a client at once, or one thread replacing it (a small read-write lock)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._users = 0
        self._replacing = False

    @contextlib.contextmanager
    def using(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._replacing)
            self._users += 1
        try:
            yield
        finally:
            with self._cond:
                self._users -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def replacing(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._replacing and self._users == 0)
            self._replacing = True
        try:
            yield
        finally:
            with self._cond:
                self._replacing = False
                self._cond.notify_all()


_HANDLES: dict[str, Handle] = {}
_HANDLES_LOCK = threading.Lock()
_GATE = _Gate()


def get_client(data_dir: Path, chroma_url: str | None) -> tuple[ClientAPI, str]:
    """A cached client: HttpClient for a server URL, else PersistentClient on data_dir/chroma."""
    if chroma_url:
        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        port = url.port or (443 if url.scheme == "https" else 8000)
        key = f"{url.scheme}://{url.hostname}:{port}"
    else:
        key = str((data_dir / "chroma").resolve())
    with _HANDLES_LOCK:
        if key not in _HANDLES:
            if chroma_url:
                _HANDLES[key] = Handle(_connect(key, server=True))
            else:
                lock = WriteLock(Path(key))
                generation = lock.generation()  # read before opening: a later write shows as a change
                _HANDLES[key] = Handle(_connect(key, server=False), lock, generation)
        return _HANDLES[key].client, key


def get_handle(location: str) -> Handle:
    """The handle of a location opened with `get_client`."""
    with _HANDLES_LOCK:
        return _HANDLES[location]


def reopen(location: str) -> Handle:
    """Close an embedded store's client and open it again, to load what other processes wrote."""
    with _GATE.replacing():
        handle = get_handle(location)
        if isinstance(handle.client, Client):  # every client chromadb makes; ClientAPI declares no close()
            handle.client.close()
        handle.generation = handle.lock.generation() if handle.lock else ""
        handle.client = _connect(location, server=False)
        return handle


def _connect(location: str, *, server: bool) -> ClientAPI:
    settings = Settings(anonymized_telemetry=False)
    try:
        if server:
            url = urlparse(location)
            return chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or 8000,
                                       ssl=url.scheme == "https", settings=settings)
        Path(location).mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=location, settings=settings)
    except Exception as exc:  # chromadb raises many kinds here; the user needs one message
        hint = ("Start the server (e.g. `chroma run --path DIR --host 127.0.0.1 --port 8000`) "
                "or unset MARGINAL_CHROMA_URL to use the embedded store." if server else
                "Check that MARGINAL_DATA_DIR is a writable folder.")
        raise KnowledgeError(f"cannot open the knowledge store at {location}: {exc}",
                             hint=hint) from exc


@contextlib.contextmanager
def chroma_errors(location: str) -> Iterator[None]:
    """Turn chromadb and transport failures into a KnowledgeError that says what to check."""
    try:
        with _GATE.using():
            yield
    except (ChromaError, httpx.HTTPError, ConnectionError) as exc:
        if isinstance(exc, NotFoundError):
            raise
        raise KnowledgeError(f"the knowledge store at {location} failed: {exc}",
                             hint="If it is a Chroma server, check that it is running; "
                                  "otherwise run `marginal ingest --rebuild`.") from exc
