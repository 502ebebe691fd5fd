"""The knowledge store: one chromadb collection for the built-in fact sheets and users' documents.

One collection (`marginal_knowledge`) holds both; each chunk's metadata says `kind` (`builtin`
or `user`) and `source`, so a search can span both or be filtered to one. The collection's
metadata records the embedding (`embedding`, `embedding_dim`), so opening a store with another
embedding raises EmbeddingMismatchError instead of returning nonsense, and a hash of the
built-in corpus (`corpus_hash`), so the fact sheets are indexed on first use and re-indexed when
they change. Writes are upserts by content-hash id; stale chunks are deleted only after their
replacements are stored, so an interrupted write never loses a document. A rebuild (new
embeddings) fills a staging collection and swaps it in only when it is complete. Writes to the
embedded store hold its inter-process write lock (`writing()`, see `knowledge/writelock.py`).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Where
from chromadb.errors import NotFoundError

from knowledge.chunking import CHUNKER_VERSION, Chunk, Document, chunk_markdown
from knowledge.clients import chroma_errors, get_client, get_handle, reopen
from knowledge.embeddings import MarginalEmbedding
from knowledge.formats import load_file, read_text
from tools.errors import EmbeddingMismatchError, IngestError

__all__ = ["BUILTIN", "COLLECTION", "DEFAULT_CORPUS_DIR", "USER", "KnowledgeStore"]

COLLECTION = "marginal_knowledge"
_STAGING = "marginal_knowledge_rebuild"  # filled by a rebuild, then renamed to COLLECTION
BUILTIN, USER = "builtin", "user"
DEFAULT_CORPUS_DIR = Path(__file__).parent / "docs"
_BUILTIN_PREFIX = "knowledge/docs/"
_BATCH = 256  # chunks per embed + upsert call: bounds memory and what a kill can interrupt
Counts = tuple[int, int, int]  # chunks a source had before, chunks added, chunks removed


class KnowledgeStore:
    """A handle on the knowledge collection and the embedding it was built with."""

    def __init__(self, client: ClientAPI, collection: Collection, embedding: MarginalEmbedding,
                 *, location: str, corpus_dir: Path) -> None:
        self._client = client
        self._collection = collection
        self.embedding = embedding
        self.location = location
        self.corpus_dir = corpus_dir
        self.rebuilt: dict[str, str] = {}  # after a rebuild: user source -> "" or why it failed

    @property
    def client(self) -> ClientAPI:
        """The location's current client (a writer may have reopened it)."""
        return get_handle(self.location).client

    @property
    def collection(self) -> Collection:
        """The collection, fetched again from the current client after a reopen."""
        client = self.client
        if client is not self._client:
            self._client = client
            self._collection = client.get_collection(self._collection.name, embedding_function=_ef(self.embedding))
        return self._collection

    @collection.setter
    def collection(self, collection: Collection) -> None:
        self._client, self._collection = self.client, collection

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the embedded store's write lock, on a client that has loaded every earlier write.

        A second writer waits (and logs that it does); a Chroma server orders writes itself.
        Reentrant: writes inside a write (an ingest's batches) take no second turn.
        """
        with _write_turn(self.location):
            yield

    def refresh(self) -> None:
        """Load what other processes wrote since this process opened the embedded store.

        Skipped (the copy stays as it is) while another writer holds the store: never waits.
        """
        handle = get_handle(self.location)
        lock = handle.lock
        if lock is None or lock.generation() == handle.generation:
            return
        with lock.hold(wait=False) as took:
            if took and lock.generation() != handle.generation:
                reopen(self.location)

    @classmethod
    def open(cls, data_dir: Path, *, embedding: MarginalEmbedding, chroma_url: str | None = None,
             corpus_dir: Path | None = None, rebuild: bool = False) -> KnowledgeStore:
        """Open (or create) the store, check its embedding and bring the fact sheets up to date.

        Args:
            data_dir: Marginal's data folder; the embedded store lives in `data_dir/chroma`.
            embedding: The embedding function to read and write with.
            chroma_url: A Chroma server's URL (server mode) instead of the embedded store.
            corpus_dir: Folder of built-in fact sheets (`*.md`); default knowledge/docs.
            rebuild: Build a new collection with `embedding` (fact sheets plus the users' files
                the old one held and that still exist), then swap it in; outcomes per user
                file are in `rebuilt`. If it fails, the old collection is untouched.
        """
        _, location = get_client(Path(data_dir), chroma_url)
        corpus = Path(corpus_dir or DEFAULT_CORPUS_DIR)
        if rebuild:
            with _write_turn(location):
                return cls._rebuild(get_handle(location).client, embedding, location, corpus)
        found = _live_collection(location)
        if found is None:
            with _write_turn(location):
                found = _live_collection(location)  # another writer may have created it meanwhile
                if found is None:
                    client = get_handle(location).client
                    with chroma_errors(location):
                        if not _finish_swap(client):
                            client.get_or_create_collection(COLLECTION, **_new(embedding))
                        found = client.get_collection(COLLECTION)
        _check_embedding(found.metadata or {}, embedding, location, data_dir)
        client = get_handle(location).client
        with chroma_errors(location):
            collection = client.get_collection(COLLECTION, embedding_function=_ef(embedding))
            _exact_search(collection)
        store = cls(client, collection, embedding, location=location, corpus_dir=corpus)
        store.refresh()
        store.sync_corpus()
        return store

    @classmethod
    def _rebuild(cls, client: ClientAPI, embedding: MarginalEmbedding, location: str,
                 corpus: Path) -> KnowledgeStore:
        with chroma_errors(location):
            sources = _user_sources(client)
            _delete(client, _STAGING)
            staging = client.create_collection(_STAGING, **_new(embedding))
        store = cls(client, staging, embedding, location=location, corpus_dir=corpus)
        store.sync_corpus()
        for source in sources:
            try:
                store.replace_sources([load_file(Path(source))], USER)
                store.rebuilt[source] = ""
            except IngestError as exc:
                store.rebuilt[source] = str(exc).removeprefix(f"{source}: ")
        with chroma_errors(location):
            staging.modify(metadata={**(staging.metadata or {}), "staged": "complete"})
            _delete(client, COLLECTION)
            _finish_swap(client)
            store.collection = client.get_collection(COLLECTION,
                                                     embedding_function=_ef(embedding))
        return store

    def count(self) -> int:
        """Number of chunks in the store."""
        self.refresh()
        with chroma_errors(self.location):
            return self.collection.count()

    def ids(self, where: dict[str, Any]) -> set[str]:
        """Ids of the chunks matching a metadata filter."""
        self.refresh()
        with chroma_errors(self.location):
            return set(self.collection.get(where=where, include=[])["ids"])

    def metadatas(self, where: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Every chunk's metadata (optionally filtered), read in pages."""
        self.refresh()
        offset, page = 0, 5000
        while True:
            with chroma_errors(self.location):
                got = self.collection.get(where=where, include=["metadatas"], limit=page,
                                          offset=offset)
            yield from (dict(m or {}) for m in got["metadatas"] or [])
            if len(got["ids"]) < page:
                return
            offset += page

    def replace_sources(self, docs: list[Document], kind: str) -> list[Counts]:
        """Store documents' chunks, then drop their sources' chunks that are no longer in them.

        Only chunks with a new id are embedded, so unchanged files cost one lookup; writes are
        batched across documents. Returns, per document, (chunks its source had before,
        chunks added, chunks removed).
        """
        with self.writing():
            return self._replace_sources(docs, kind)

    def _replace_sources(self, docs: list[Document], kind: str) -> list[Counts]:
        existing: dict[str, set[str]] = {doc.source: set() for doc in docs}
        if existing:
            with chroma_errors(self.location):
                where = cast(Where, {"source": {"$in": list(existing)}})
                got = self.collection.get(where=where, include=["metadatas"])
            for chunk_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                existing[str((meta or {}).get("source"))].add(chunk_id)
        missing = [(c, d) for d in docs for c in d.chunks if c.id not in existing[d.source]]
        for start in range(0, len(missing), _BATCH):
            batch = missing[start:start + _BATCH]
            vectors = self.embedding.embed([c.embed_text for c, _ in batch])
            with chroma_errors(self.location):
                self.collection.upsert(ids=[c.id for c, _ in batch], embeddings=vectors,
                                       documents=[c.text for c, _ in batch],
                                       metadatas=[_chunk_metadata(c, d, kind) for c, d in batch])
        outcomes, stale = [], set()
        for doc in docs:
            old = existing[doc.source]
            gone = old - {c.id for c in doc.chunks}
            added = sum(1 for c in doc.chunks if c.id not in old)
            outcomes.append((len(old), added, len(gone)))
            stale |= gone
        self.delete(stale)  # only now: a kill before this line leaves old and new chunks
        return outcomes

    def delete(self, ids: set[str]) -> None:
        """Delete chunks by id."""
        if ids:
            with self.writing(), chroma_errors(self.location):
                self.collection.delete(ids=sorted(ids))

    def sync_corpus(self) -> bool:
        """Index the built-in fact sheets if they changed since the last index; True if so."""
        files = sorted(self.corpus_dir.glob("*.md")) if self.corpus_dir.is_dir() else []
        digest = _corpus_hash(files)
        if (self.collection.metadata or {}).get("corpus_hash") == digest:
            return False
        with self.writing():
            meta = dict(self.collection.metadata or {})  # after another writer's sync, up to date
            if meta.get("corpus_hash") == digest:
                return False
            self._sync_corpus(files, meta, digest)
        return True

    def _sync_corpus(self, files: list[Path], meta: dict[str, Any], digest: str) -> None:
        docs = [chunk_markdown(read_text(f.read_bytes(), f.name), _BUILTIN_PREFIX + f.name)
                for f in files]
        self.replace_sources(docs, BUILTIN)
        current = {doc.source for doc in docs}
        gone = {m["source"] for m in self.metadatas({"kind": BUILTIN})} - current
        for source in gone:
            self.delete(self.ids({"source": source}))
        with chroma_errors(self.location):  # recorded last: a crash before it re-runs the sync
            self.collection.modify(metadata={**meta, "corpus_hash": digest})


@contextlib.contextmanager
def _write_turn(location: str) -> Iterator[None]:
    """The write lock of an embedded store (nothing for a server); reopens a stale client first."""
    handle = get_handle(location)
    lock = handle.lock
    if lock is None:
        yield
        return
    with lock.hold() as outermost:
        if outermost and lock.generation() != handle.generation:
            handle = reopen(location)
        try:
            yield
        finally:
            if outermost:
                handle.generation = lock.bump()


def _live_collection(location: str) -> Collection | None:
    with chroma_errors(location):
        try:
            return get_handle(location).client.get_collection(COLLECTION)
        except NotFoundError:
            return None


def _check_embedding(meta: dict[str, Any], embedding: MarginalEmbedding, location: str,
                     data_dir: Path) -> None:
    built_with, dim = meta.get("embedding"), meta.get("embedding_dim")
    if (built_with, dim) == (embedding.key, embedding.dimension):
        return
    raise EmbeddingMismatchError(
        f"the knowledge store at {location} was built with '{built_with}' embeddings ({dim} "
        f"dimensions), but MARGINAL_EMBEDDINGS is '{embedding.key}' ({embedding.dimension}).",
        hint=f"Set MARGINAL_EMBEDDINGS={built_with} again, or rebuild the store with "
             f"`marginal ingest --rebuild` (it re-ingests your documents that still exist), "
             f"or delete {Path(data_dir) / 'chroma'}.")


# HNSW is approximate: with chroma's default ef_search (100) a top-40 query over a few hundred chunks missed
# different true neighbours from one build to the next, and the re-ranking's term weights follow the candidates,
# so which passage came first varied between machines. Searching with a wide beam is exact at our corpus sizes
# (a few thousand chunks cost a few ms), and one build thread makes the graph the same on every machine.
_SEARCH = {"ef_search": 1000, "num_threads": 1}


def _exact_search(collection: Collection) -> None:
    """Give a collection made before `_SEARCH` the wide search beam (a setting, its data untouched)."""
    hnsw = (collection.configuration or {}).get("hnsw") or {}
    if int(hnsw.get("ef_search") or 0) < _SEARCH["ef_search"]:
        collection.modify(configuration={"hnsw": {"ef_search": _SEARCH["ef_search"]}})


def _ef(embedding: MarginalEmbedding) -> Any:
    """Our str-only function, typed for chromadb (whose generic bound also admits images)."""
    return embedding


def _new(embedding: MarginalEmbedding) -> dict[str, Any]:
    """Arguments that create a collection for `embedding`, recording its name and dimension."""
    return {"embedding_function": _ef(embedding), "configuration": {"hnsw": {"space": "cosine", **_SEARCH}},
            "metadata": {"embedding": embedding.key, "embedding_dim": embedding.dimension}}


def _user_sources(client: ClientAPI) -> list[str]:
    try:
        found = client.get_collection(COLLECTION)
    except NotFoundError:
        return []
    metas = found.get(where={"kind": USER}, include=["metadatas"])["metadatas"] or []
    return sorted({str(m["source"]) for m in metas if m and "source" in m})


def _delete(client: ClientAPI, name: str) -> None:
    with contextlib.suppress(NotFoundError):
        client.delete_collection(name)


def _finish_swap(client: ClientAPI) -> bool:
    """Rename a completely built staging collection to the live name (after a rebuild)."""
    try:
        staging = client.get_collection(_STAGING)
    except NotFoundError:
        return False
    meta = dict(staging.metadata or {})
    if meta.pop("staged", None) != "complete":
        return False  # a rebuild that died half-way: the next rebuild starts it over
    staging.modify(name=COLLECTION, metadata=meta)
    return True


def _chunk_metadata(chunk: Chunk, doc: Document, kind: str) -> dict[str, str | int]:
    return {"source": chunk.source, "kind": kind, "title": chunk.title,
            "section": chunk.section, "position": chunk.position, "cited": doc.cited_sources}


def _corpus_hash(files: list[Path]) -> str:
    digest = hashlib.sha256(f"chunker {CHUNKER_VERSION}".encode())
    for f in files:
        digest.update(f"\0{f.name}\0".encode() + f.read_bytes())
    return digest.hexdigest()


