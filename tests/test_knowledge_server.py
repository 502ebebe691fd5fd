"""Server mode: a real `chroma run` on loopback, used through HttpClient (MARGINAL_CHROMA_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from tools.errors import EmbeddingMismatchError

pytestmark = pytest.mark.server
pytest_plugins = ["chroma_server"]


def test_ingest_and_search_through_a_chroma_server(tmp_path: Path, chroma_url: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notion.md").write_text("# Notion AI\n\n## Price\n\nNotion charges $10 per month "
                                      "for AI beyond the free quota.\n")
    store = knowledge.open_store(tmp_path / "unused", chroma_url=chroma_url, corpus_dir=corpus)
    assert store.location == chroma_url
    assert not (tmp_path / "unused").exists(), "server mode keeps nothing locally"
    note = tmp_path / "plan.md"
    note.write_text("# Our plan\n\n## Seats\n\nThe Pro plan costs $25 per seat per month.\n")
    report = knowledge.ingest([note], store)
    assert report.files[0].status == "added"
    assert knowledge.ingest([note], store).files[0].status == "unchanged"

    again = knowledge.open_store(tmp_path / "unused", chroma_url=chroma_url, corpus_dir=corpus)
    hits = knowledge.search(again, "how much is the Pro plan per seat?", k=2)
    assert [(p.source, p.section) for p in hits] == [(str(note), "Seats"),
                                                     ("knowledge/docs/notion.md", "Price")]
    assert [(s.kind, s.chunks) for s in knowledge.list_sources(again)] == [("builtin", 1),
                                                                          ("user", 1)]
    knowledge.remove(note, again)
    assert again.count() == 1
    with pytest.raises(EmbeddingMismatchError):
        knowledge.open_store(tmp_path, chroma_url=chroma_url, corpus_dir=corpus,
                             embeddings="openai", openai_api_key="sk-unused")
