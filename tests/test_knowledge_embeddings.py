"""Embeddings: WordLlama offline, OpenAI over real HTTP (a local fake server), ONNX only if cached."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest
from chromadb.utils.embedding_functions import known_embedding_functions
from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

import knowledge
from knowledge.embeddings import (
    MiniLMEmbedding,
    OpenAIEmbedding,
    WordLlamaEmbedding,
    get_embedding,
)
from tools.errors import ConfigError, KnowledgeError

REPO = Path(__file__).resolve().parents[1]


def _fake_vector(text: str) -> list[float]:
    """A deterministic bag-of-words vector: texts sharing words are close."""
    vec = np.zeros(1536, dtype=np.float32)
    for word in re.findall(r"\w+", text.lower()):
        vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % 1536] += 1.0
    return vec.tolist()


class _FakeOpenAI(BaseHTTPRequestHandler):
    calls: list[dict] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                 "body": body})
        if self.headers.get("Authorization") != "Bearer sk-test":
            self._reply(401, {"error": {"message": "bad key", "type": "invalid_request_error"}})
            return
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = []
        for i, text in enumerate(inputs):
            vec = _fake_vector(text)
            if body.get("encoding_format") == "base64":
                vec = base64.b64encode(np.asarray(vec, dtype=np.float32).tobytes()).decode()
            data.append({"object": "embedding", "index": i, "embedding": vec})
        self._reply(200, {"object": "list", "data": data, "model": body["model"],
                          "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    def _reply(self, status: int, payload: dict) -> None:
        raw = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def openai_url() -> Iterator[str]:
    """A local OpenAI-compatible embeddings server on loopback."""
    _FakeOpenAI.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeOpenAI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "chatgpt.md").write_text("# ChatGPT cost\n\n## Daily\n\nChatGPT cost about "
                                       "$694,444 per day to run.\n")
    (folder / "notion.md").write_text("# Notion AI\n\n## Price\n\nNotion charges $10 per month "
                                      "for its AI add-on.\n")
    return folder


def test_wordllama_is_offline_unit_length_and_semantic() -> None:
    emb = get_embedding("wordllama")
    vectors = emb.embed(["GPU inference cost per query", "the cost of serving each query on GPUs",
                         "a recipe for apple pie"])
    assert vectors.shape == (3, 256) == (3, WordLlamaEmbedding.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert len(emb(["one", "two"])) == 2  # the chromadb protocol
    assert np.all(np.isfinite(emb.embed([""])))  # no NaN for text without known tokens


def test_embedding_functions_are_registered_with_chroma_and_round_trip() -> None:
    for cls in (WordLlamaEmbedding, OpenAIEmbedding, MiniLMEmbedding):
        assert known_embedding_functions[cls.name()] is cls
    rebuilt = OpenAIEmbedding.build_from_config(
        OpenAIEmbedding(api_key="sk-secret", base_url="http://x/v1").get_config())
    assert isinstance(rebuilt, OpenAIEmbedding)
    assert "sk-secret" not in json.dumps(OpenAIEmbedding(api_key="sk-secret").get_config())
    assert isinstance(WordLlamaEmbedding.build_from_config({}), WordLlamaEmbedding)


def test_a_store_reopens_in_a_new_process(tmp_path: Path, corpus: Path) -> None:
    store = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    assert store.count() == 2
    code = ("import sys, knowledge\n"
            "s = knowledge.open_store(sys.argv[1], corpus_dir=sys.argv[2])\n"
            "print(s.count(), knowledge.search(s, 'Notion price per month', k=1)[0].source)\n")
    # The parent's PersistentClient is idle; chroma allows a second reader process here.
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data"), str(corpus)],
                         cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                         capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["2", "knowledge/docs/notion.md"]


def test_openai_needs_a_key() -> None:
    with pytest.raises(ConfigError, match="needs an API key") as info:
        get_embedding("openai")
    assert "OPENAI_API_KEY" in info.value.hint and "wordllama" in info.value.hint


def test_openai_embeddings_over_http(openai_url: str) -> None:
    emb = get_embedding("openai", api_key="sk-test", base_url=openai_url)
    vectors = emb.embed(["Notion price", "ChatGPT daily cost"])
    assert vectors.shape == (2, 1536)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    call = _FakeOpenAI.calls[-1]
    assert call["path"] == "/v1/embeddings"
    assert call["body"]["model"] == "text-embedding-3-small"
    assert call["body"]["input"] == ["Notion price", "ChatGPT daily cost"]


def test_openai_errors_are_readable(openai_url: str) -> None:
    with pytest.raises(KnowledgeError, match="embeddings call failed: AuthenticationError"):
        get_embedding("openai", api_key="sk-wrong", base_url=openai_url).embed(["x"])
    dead = get_embedding("openai", api_key="sk-test", base_url="http://127.0.0.1:9/v1")
    dead.batch_size = 1
    with pytest.raises(KnowledgeError, match="APIConnectionError") as info:
        dead.embed(["x"])
    assert "wordllama" in info.value.hint


def test_store_with_openai_embeddings(tmp_path: Path, corpus: Path, openai_url: str) -> None:
    store = knowledge.open_store(tmp_path / "data", corpus_dir=corpus, embeddings="openai",
                                 openai_api_key="sk-test", openai_base_url=openai_url)
    assert store.collection.metadata["embedding_dim"] == 1536
    hits = knowledge.search(store, "Notion AI add-on price per month", k=1)
    assert hits[0].source == "knowledge/docs/notion.md"


def test_rebuild_switches_embeddings_and_keeps_user_documents(
        tmp_path: Path, corpus: Path, openai_url: str) -> None:
    data, notes = tmp_path / "data", tmp_path / "notes.md"
    notes.write_text("# Our plan\n\nWe charge $25 per seat per month for the Pro plan.\n")
    gone = tmp_path / "gone.txt"
    gone.write_text("A file deleted before the rebuild.")
    knowledge.ingest([notes, gone], knowledge.open_store(data, corpus_dir=corpus))
    gone.unlink()
    failed = {"corpus_dir": corpus, "embeddings": "openai", "openai_api_key": "sk-test",
              "openai_base_url": "http://127.0.0.1:9/v1"}
    with pytest.raises(KnowledgeError):  # server down: the old store must stay as it was
        knowledge.open_store(data, rebuild=True, **failed)
    old = knowledge.open_store(data, corpus_dir=corpus)
    assert old.count() == 4

    new = knowledge.open_store(data, corpus_dir=corpus, embeddings="openai", rebuild=True,
                               openai_api_key="sk-test", openai_base_url=openai_url)
    assert new.rebuilt[str(notes)] == ""
    assert "cannot be read" in new.rebuilt[str(gone)]
    assert new.count() == 3
    assert knowledge.search(new, "Pro plan per seat", k=1)[0].source == str(notes)
    reopened = knowledge.open_store(data, corpus_dir=corpus, embeddings="openai",
                                    openai_api_key="sk-test", openai_base_url=openai_url)
    assert reopened.collection.metadata["embedding"] == "openai"


def test_onnx_minilm_only_when_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ONNXMiniLM_L6_V2, "DOWNLOAD_PATH", tmp_path / "no-model-here")
    with pytest.raises(ConfigError, match=r"not cached at .*no-model-here") as info:
        get_embedding("onnx-minilm")
    assert "MARGINAL_EMBEDDINGS=wordllama" in info.value.hint
    assert not (tmp_path / "no-model-here").exists(), "nothing was downloaded or created"


def test_unknown_embeddings_name() -> None:
    with pytest.raises(ConfigError, match="unknown embeddings 'bert'; choose one of wordllama"):
        get_embedding("bert")
