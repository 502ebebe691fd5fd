"""Chroma clients, one per store path or server URL, and chromadb errors as KnowledgeError.

A PersistentClient is costly to open and chromadb allows one per path in a process, so clients
are cached by their resolved path (or server URL) and shared by every store opened on it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.api import ClientAPI
from chromadb.config import Settings
from chromadb.errors import ChromaError, NotFoundError

from tools.errors import KnowledgeError

__all__ = ["chroma_errors", "get_client"]

_CLIENTS: dict[str, ClientAPI] = {}
_CLIENTS_LOCK = threading.Lock()


def get_client(data_dir: Path, chroma_url: str | None) -> tuple[ClientAPI, str]:
    """A cached client: HttpClient for a server URL, else PersistentClient on data_dir/chroma."""
    if chroma_url:
        url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        port = url.port or (443 if url.scheme == "https" else 8000)
        key = f"{url.scheme}://{url.hostname}:{port}"
    else:
        key = str((data_dir / "chroma").resolve())
    with _CLIENTS_LOCK:
        if key not in _CLIENTS:
            _CLIENTS[key] = _connect(key, server=bool(chroma_url))
        return _CLIENTS[key], key


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
                "Check that MARGINAL_DATA_DIR is a writable folder used by one process at a time.")
        raise KnowledgeError(f"cannot open the knowledge store at {location}: {exc}",
                             hint=hint) from exc


@contextlib.contextmanager
def chroma_errors(location: str) -> Iterator[None]:
    """Turn chromadb and transport failures into a KnowledgeError that says what to check."""
    try:
        yield
    except (ChromaError, httpx.HTTPError, ConnectionError) as exc:
        if isinstance(exc, NotFoundError):
            raise
        raise KnowledgeError(f"the knowledge store at {location} failed: {exc}",
                             hint="If it is a Chroma server, check that it is running; "
                                  "otherwise run `marginal ingest --rebuild`.") from exc
