"""Embedding functions for the knowledge store: WordLlama (offline default), OpenAI, ONNX MiniLM.

Each class is a chromadb embedding function (registered, so a collection that records it can be
reopened in a new process) with two extra attributes the store checks itself, because Chroma
does not: `key` (the MARGINAL_EMBEDDINGS name) and `dimension`. Vectors are unit length (cosine).
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function
from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

from tools.errors import ConfigError, KnowledgeError

__all__ = [
    "EMBEDDING_NAMES",
    "MarginalEmbedding",
    "MiniLMEmbedding",
    "OpenAIEmbedding",
    "WordLlamaEmbedding",
    "get_embedding",
    "minilm_cache_dir",
]

EMBEDDING_NAMES = ("wordllama", "openai", "onnx-minilm")
_PICK_WORDLLAMA = "set MARGINAL_EMBEDDINGS=wordllama (offline, the default)."
_MINILM_FILES = ("config.json", "model.onnx", "special_tokens_map.json", "tokenizer_config.json",
                 "tokenizer.json", "vocab.txt")


class MarginalEmbedding(EmbeddingFunction[Documents]):
    """Base of Marginal's embedding functions: `embed` returns unit vectors as a numpy array."""

    key: ClassVar[str]
    dimension: ClassVar[int]

    def __call__(self, input: Documents) -> Embeddings:
        """Embed documents (chromadb protocol)."""
        return list(self.embed(list(input)))

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts as an (n, dimension) float32 array of unit vectors."""
        raise NotImplementedError

    def default_space(self) -> Space:
        """Cosine: the vectors are unit length."""
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        """Only cosine."""
        return ["cosine"]


_WORDLLAMA_LOCK = threading.Lock()


@functools.cache
def _wordllama() -> Any:
    """Load WordLlama's bundled weights once per process (its wheel ships them; no download)."""
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


@register_embedding_function
class WordLlamaEmbedding(MarginalEmbedding):
    """WordLlama l2_supercat, 256 dimensions, offline (weights ship in the wheel)."""

    key = "wordllama"
    dimension = 256

    def __init__(self) -> None:
        pass

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts with the process-wide WordLlama model."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # one shared model (its tokenizer is not documented thread-safe); empty text -> 0/0
        with _WORDLLAMA_LOCK, np.errstate(invalid="ignore", divide="ignore"):
            vectors = _wordllama().embed(texts, norm=True)
        return np.nan_to_num(np.asarray(vectors, dtype=np.float32))  # all-unknown text -> 0

    @staticmethod
    def name() -> str:
        """The name chroma records in the collection configuration."""
        return "marginal-wordllama"

    def get_config(self) -> dict[str, Any]:
        """Serializable settings (never a secret)."""
        return {"dimension": self.dimension}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> WordLlamaEmbedding:
        """Rebuild from a recorded configuration (chromadb protocol)."""
        return WordLlamaEmbedding()


@register_embedding_function
class OpenAIEmbedding(MarginalEmbedding):
    """OpenAI text-embedding-3-small (1536 dimensions) via the openai client; needs a key."""

    key = "openai"
    dimension = 1536
    model = "text-embedding-3-small"
    batch_size = 512

    def __init__(self, api_key: str | None = None, base_url: str | None = None) -> None:
        self._api_key = api_key
        self._base_url = base_url
        self._client: Any = None

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts with the OpenAI embeddings API, in batches."""
        import openai

        if not self._api_key:
            raise ConfigError("MARGINAL_EMBEDDINGS=openai needs an API key.",
                              hint=f"Set OPENAI_API_KEY, or {_PICK_WORDLLAMA}")
        if self._client is None:
            self._client = openai.OpenAI(api_key=self._api_key, base_url=self._base_url,
                                         max_retries=2, timeout=60)
        rows: list[list[float]] = []
        try:
            for start in range(0, len(texts), self.batch_size):
                reply = self._client.embeddings.create(
                    model=self.model, input=texts[start:start + self.batch_size])
                rows += [item.embedding for item in sorted(reply.data, key=lambda d: d.index)]
        except openai.OpenAIError as exc:
            raise KnowledgeError(f"the OpenAI embeddings call failed: {type(exc).__name__}.",
                                 hint=f"Check OPENAI_API_KEY and OPENAI_BASE_URL, or "
                                      f"{_PICK_WORDLLAMA}") from exc
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)
        if vectors.shape[1] not in (0, self.dimension):
            raise KnowledgeError(
                f"the embeddings server returned {vectors.shape[1]} dimensions, expected "
                f"{self.dimension} for {self.model}.", hint="Point OPENAI_BASE_URL at a server "
                f"that serves {self.model}, or {_PICK_WORDLLAMA}")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    @staticmethod
    def name() -> str:
        """The name chroma records in the collection configuration."""
        return "marginal-openai"

    def get_config(self) -> dict[str, Any]:
        """Serializable settings (never a secret)."""
        return {"model": self.model, "base_url": self._base_url}  # never the key

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OpenAIEmbedding:
        """Rebuild from a recorded configuration (chromadb protocol)."""
        return OpenAIEmbedding(base_url=config.get("base_url"))  # key-less until given one


def minilm_cache_dir() -> Path:
    """Where Chroma keeps the ONNX all-MiniLM-L6-v2 model once it has been downloaded."""
    return Path(ONNXMiniLM_L6_V2.DOWNLOAD_PATH) / ONNXMiniLM_L6_V2.EXTRACTED_FOLDER_NAME


@register_embedding_function
class MiniLMEmbedding(MarginalEmbedding):
    """Chroma's ONNX all-MiniLM-L6-v2 (384 dimensions), only when its model is cached locally."""

    key = "onnx-minilm"
    dimension = 384

    def __init__(self, *, check_cache: bool = True) -> None:
        self._inner: ONNXMiniLM_L6_V2 | None = None
        if check_cache:
            self._check_cached()

    @staticmethod
    def _check_cached() -> None:
        missing = [f for f in _MINILM_FILES if not (minilm_cache_dir() / f).is_file()]
        if missing:
            raise ConfigError(
                f"MARGINAL_EMBEDDINGS=onnx-minilm needs Chroma's ONNX MiniLM model, which is not "
                f"cached at {minilm_cache_dir()} and Marginal never downloads it.",
                hint=f"Copy the model there first, or {_PICK_WORDLLAMA}")

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts with the cached ONNX model (never downloads it)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._inner is None:
            self._check_cached()
            self._inner = ONNXMiniLM_L6_V2()
        return np.asarray(self._inner(texts), dtype=np.float32)

    @staticmethod
    def name() -> str:
        """The name chroma records in the collection configuration."""
        return "marginal-onnx-minilm"

    def get_config(self) -> dict[str, Any]:
        """Serializable settings (never a secret)."""
        return {"dimension": self.dimension}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedding:
        """Rebuild from a recorded configuration (chromadb protocol)."""
        return MiniLMEmbedding(check_cache=False)  # checked when it is first used


def get_embedding(name: str, api_key: str | None = None, base_url: str | None = None
                  ) -> MarginalEmbedding:
    """The embedding function for a MARGINAL_EMBEDDINGS name.

    Args:
        name: wordllama (offline default), openai (needs `api_key`) or onnx-minilm (needs
            Chroma's model already cached).
        api_key: OpenAI API key, for `openai`.
        base_url: An OpenAI-compatible server's URL, for `openai`.
    """
    key = name.strip().lower()
    if key == "wordllama":
        return WordLlamaEmbedding()
    if key == "openai":
        if not api_key:
            raise ConfigError("MARGINAL_EMBEDDINGS=openai needs an API key.",
                              hint=f"Set OPENAI_API_KEY, or {_PICK_WORDLLAMA}")
        return OpenAIEmbedding(api_key=api_key, base_url=base_url)
    if key == "onnx-minilm":
        return MiniLMEmbedding()
    raise ConfigError(f"unknown embeddings '{name}'; choose one of {', '.join(EMBEDDING_NAMES)}.",
                      hint=_PICK_WORDLLAMA.capitalize())
