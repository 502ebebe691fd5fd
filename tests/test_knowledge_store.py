"""The store: built-in corpus auto-index and re-index, embedding mismatch, several opens."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

import knowledge
from knowledge.store import _STAGING, COLLECTION, DEFAULT_CORPUS_DIR
from tools.errors import EmbeddingMismatchError, KnowledgeError


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "chatgpt.md").write_text(
        "# ChatGPT cost\nSources: SemiAnalysis (2023)\n\n## Daily\n\nChatGPT cost about $694,444 "
        "per day to run.\n\n## Per conversation\n\nAbout $0.36 per conversation.\n")
    (folder / "notion.md").write_text("# Notion AI\n\n## Price\n\nNotion charges $10 per month "
                                      "for its AI add-on.\n")
    return folder


def _builtin(store: knowledge.KnowledgeStore) -> dict[str, int]:
    return {s.source: s.chunks for s in knowledge.list_sources(store, kind="builtin")}


def test_the_built_in_corpus_is_indexed_on_first_use(tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    shutil.copytree(DEFAULT_CORPUS_DIR, corpus)
    sheets = sorted(p.name for p in corpus.glob("*.md"))
    assert sheets, "knowledge/docs has fact sheets"
    started = time.perf_counter()
    store = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    seconds = time.perf_counter() - started
    print(f"\nindexed {len(sheets)} fact sheets ({store.count()} chunks) in {seconds:.2f} s")
    assert seconds < 5.0  # "a few seconds at most", including loading WordLlama
    indexed = _builtin(store)
    assert sorted(indexed) == [f"knowledge/docs/{name}" for name in sheets]
    assert all(n >= 1 for n in indexed.values())
    assert store.sync_corpus() is False  # unchanged: nothing to do
    started = time.perf_counter()
    again = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    assert time.perf_counter() - started < 0.5  # the fast check at open
    assert again.count() == store.count()


def test_a_changed_corpus_is_re_indexed(tmp_path: Path, corpus: Path) -> None:
    data = tmp_path / "data"
    store = knowledge.open_store(data, corpus_dir=corpus)
    assert _builtin(store) == {"knowledge/docs/chatgpt.md": 2, "knowledge/docs/notion.md": 1}
    user_doc = tmp_path / "mine.txt"
    user_doc.write_text("Our own note about pricing.")
    knowledge.ingest([user_doc], store)

    (corpus / "notion.md").write_text("# Notion AI\n\n## Price\n\nNotion raised its AI add-on "
                                      "to $12 per month.\n")
    (corpus / "chatgpt.md").unlink()
    (corpus / "mosaicml.md").write_text("# MosaicML\n\n## Training\n\nTraining cost $160k.\n")
    store = knowledge.open_store(data, corpus_dir=corpus)
    assert _builtin(store) == {"knowledge/docs/mosaicml.md": 1, "knowledge/docs/notion.md": 1}
    texts = store.collection.get(where={"kind": "builtin"}, include=["documents"])["documents"]
    assert sorted(texts) == ["Notion raised its AI add-on to $12 per month.",
                             "Training cost $160k."]
    assert [s.source for s in knowledge.list_sources(store, kind="user")] == [str(user_doc)]


def test_an_interrupted_corpus_sync_is_redone(tmp_path: Path, corpus: Path) -> None:
    store = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    # a process killed before recording the corpus hash leaves the old hash in place
    store.collection.modify(metadata={**store.collection.metadata, "corpus_hash": "old"})
    again = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    assert again.collection.metadata["corpus_hash"] != "old"
    assert again.count() == 3


def test_opening_with_other_embeddings_raises_a_mismatch(tmp_path: Path, corpus: Path) -> None:
    knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    with pytest.raises(EmbeddingMismatchError) as info:
        knowledge.open_store(tmp_path / "data", corpus_dir=corpus, embeddings="openai",
                             openai_api_key="sk-not-used")
    message = str(info.value)
    assert "built with 'wordllama' embeddings (256 dimensions)" in message
    assert "MARGINAL_EMBEDDINGS is 'openai' (1536)" in message
    assert "MARGINAL_EMBEDDINGS=wordllama" in message
    assert "marginal ingest --rebuild" in message
    assert str(tmp_path / "data" / "chroma") in message


def test_several_opens_in_one_process_share_the_client(tmp_path: Path, corpus: Path) -> None:
    first = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    second = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    assert first.client is second.client
    note = tmp_path / "note.md"
    note.write_text("# Note\n\nA fact only the first handle wrote.")
    knowledge.ingest([note], first)
    assert knowledge.search(second, "fact only the first handle wrote", k=1)[0].source == \
        str(note)
    other = knowledge.open_store(tmp_path / "other", corpus_dir=corpus)
    assert other.client is not first.client
    assert other.count() == 3


def test_a_rebuild_killed_before_its_swap_is_finished_at_open(tmp_path: Path, corpus: Path
                                                              ) -> None:
    store = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    count = store.count()
    # the state after a completed staging build, killed between delete and rename
    store.collection.modify(name=_STAGING,
                            metadata={**store.collection.metadata, "staged": "complete"})
    reopened = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    assert [c.name for c in reopened.client.list_collections()] == [COLLECTION]
    assert reopened.count() == count
    assert "staged" not in reopened.collection.metadata


def test_an_unreachable_server_is_a_readable_error(tmp_path: Path, corpus: Path) -> None:
    expected = re.escape("cannot open the knowledge store at http://127.0.0.1:9")
    with pytest.raises(KnowledgeError, match=expected) as info:
        knowledge.open_store(tmp_path, chroma_url="http://127.0.0.1:9", corpus_dir=corpus)
    assert "chroma run" in info.value.hint and "MARGINAL_CHROMA_URL" in info.value.hint
