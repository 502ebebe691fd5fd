"""Knowledge base at scale: ingest throughput and retrieval latency with about 10,000 chunks."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.latency import percentiles

_WORDS = (
    "inference", "gpu", "token", "margin", "pricing", "quota", "latency", "cache", "routing", "vendor",
    "compliance", "audit", "revenue", "churn", "seat", "plan", "overage", "throughput", "utilization",
    "contract", "budget", "forecast", "model", "api", "hosting",
)
QUERIES = ["what does our contract say about gpu utilization", "overage pricing for heavy users",
           "compliance audit budget", "routing traffic to a cheaper model", "cache hit rate and latency"]


def _corpus(folder: Path, files: int, sections: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for f in range(files):
        parts = [f"# Synthetic note {f}"]
        for s in range(sections):
            text = " ".join(rng.choice(_WORDS) for _ in range(120))
            parts.append(f"## Section {s}\n\n{text.capitalize()}.")
        (folder / f"note-{f:04d}.md").write_text("\n\n".join(parts), encoding="utf-8")


def ingest_and_retrieve(target_chunks: int = 10_000, rounds: int = 10) -> dict[str, Any]:
    """Ingest a synthetic corpus of ~`target_chunks` chunks, then time searches against it."""
    import knowledge

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        corpus.mkdir()
        _corpus(corpus, files=target_chunks // 20, sections=20)
        store = knowledge.open_store(root / "data")
        before = store.count()
        started = time.perf_counter()
        knowledge.ingest([corpus], store)
        seconds = time.perf_counter() - started
        chunks = store.count() - before
        knowledge.search(store, QUERIES[0], k=4)  # warm
        samples = []
        for _ in range(rounds):
            for q in QUERIES:
                t0 = time.perf_counter()
                knowledge.search(store, q, k=4)
                samples.append((time.perf_counter() - t0) * 1000)
    return {"chunks": chunks, "ingest_s": round(seconds, 2), "chunks_per_s": round(chunks / seconds, 1),
            "retrieval": percentiles(samples)}
