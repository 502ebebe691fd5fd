"""Marginal's knowledge base: fact sheets and users' documents in chromadb, searchable.

    store = open_store(Path(".marginal"))            # built-in fact sheets indexed on first use
    report = ingest(["notes/", "deck.pdf"], store)    # users' documents; bad files are reported
    passages = search(store, "what did ChatGPT cost per day?", k=4)

Configuration is passed in (no globals), so tests and the app can point it anywhere. This
package never imports assistant/ or app.py. Document text is data, never instructions.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.embeddings import EMBEDDING_NAMES, get_embedding
from knowledge.ingest import (
    FileOutcome,
    IngestReport,
    SourceInfo,
    ingest,
    list_sources,
    remove,
)
from knowledge.retrieval import Passage, search
from knowledge.store import DEFAULT_CORPUS_DIR, KnowledgeStore

__all__ = [
    "DEFAULT_CORPUS_DIR",
    "EMBEDDING_NAMES",
    "FileOutcome",
    "IngestReport",
    "KnowledgeStore",
    "Passage",
    "SourceInfo",
    "ingest",
    "list_sources",
    "open_store",
    "remove",
    "search",
]


def open_store(data_dir: str | Path, *, chroma_url: str | None = None,
               embeddings: str = "wordllama", openai_api_key: str | None = None,
               openai_base_url: str | None = None, corpus_dir: str | Path | None = None,
               rebuild: bool = False) -> KnowledgeStore:
    """Open the knowledge store, indexing the built-in fact sheets if they are new or changed.

    Args:
        data_dir: Marginal's data folder (MARGINAL_DATA_DIR); the store is `data_dir/chroma`.
        chroma_url: A Chroma server's URL (MARGINAL_CHROMA_URL) instead of the embedded store.
        embeddings: wordllama (default, offline), openai or onnx-minilm (MARGINAL_EMBEDDINGS).
        openai_api_key: Key for `openai` embeddings.
        openai_base_url: OpenAI-compatible server for `openai` embeddings.
        corpus_dir: Folder of built-in fact sheets; default knowledge/docs.
        rebuild: Rebuild the store with these embeddings (after changing them): fact sheets
            and the users' files it held that still exist (outcomes in `store.rebuilt`),
            swapped in only when complete.

    Raises:
        EmbeddingMismatchError: The store was built with other embeddings.
        ConfigError: The embeddings cannot be used here (no key, model not cached).
        KnowledgeError: The store or server cannot be opened.
    """
    embedding = get_embedding(embeddings, api_key=openai_api_key, base_url=openai_base_url)
    return KnowledgeStore.open(Path(data_dir), embedding=embedding, chroma_url=chroma_url,
                               corpus_dir=Path(corpus_dir) if corpus_dir else None,
                               rebuild=rebuild)
