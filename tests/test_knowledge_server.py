"""Server mode: a real `chroma run` on loopback, used through HttpClient (MARGINAL_CHROMA_URL)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import knowledge
from tools.errors import EmbeddingMismatchError

CHROMA = Path(sys.executable).with_name("chroma")
pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    """Start `chroma run` on a free loopback port, wait for its heartbeat, stop it after."""
    port = _free_port()
    log = (tmp_path / "chroma.log").open("w")
    server = subprocess.Popen([str(CHROMA), "run", "--path", str(tmp_path / "server-data"),
                               "--host", "127.0.0.1", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            assert server.poll() is None, (tmp_path / "chroma.log").read_text()
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "chroma did not answer its heartbeat in 60 s"
            time.sleep(0.05)  # polling interval, not a wait for a fixed time
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


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
