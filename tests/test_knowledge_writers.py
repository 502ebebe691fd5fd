"""Two processes writing to one embedded store: they take turns (the second says it waits), nothing is lost."""

from __future__ import annotations

import json
import os
import queue
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

from filelock import FileLock

import knowledge
from knowledge.writelock import LOCK_FILE

REPO = Path(__file__).resolve().parents[1]
WORDS = ["revenue", "margin", "token", "price", "churn", "seat", "quota", "latency", "gpu", "cache",
         "invoice", "tier", "discount", "refund", "budget", "forecast", "vendor", "contract", "region", "audit"]

# Each writer opens the store and searches it (its copy of the index is loaded), says READY, waits
# for the test's GO file, then ingests its folder: both write at once on copies loaded before.
_WRITER = """
import sys, time
from pathlib import Path
import knowledge
data, corpus, folder, go = sys.argv[1:5]
store = knowledge.open_store(data, corpus_dir=corpus)
knowledge.search(store, "revenue margin", k=3)
print("READY", flush=True)
while not Path(go).exists():
    time.sleep(0.01)  # polls for the test's signal
report = knowledge.ingest([folder], store)
print(report.summary().splitlines()[0], flush=True)
"""
# A new process reads the store from disk: count, and the chunks not found by their own text.
_CHECK = """
import json, sys
sys.path.insert(0, sys.argv[3])
import knowledge
from test_knowledge_writers import missing_from_own_top_results
store = knowledge.open_store(sys.argv[1], corpus_dir=sys.argv[2])
print(json.dumps({"count": store.count(), "missing": len(missing_from_own_top_results(store))}))
"""


def _docs(folder: Path, who: str, n: int) -> None:
    folder.mkdir(parents=True)
    rng = random.Random(who)
    for i in range(n):
        parts = [f"## Part {j}\n\n" + " ".join(rng.choice(WORDS) for _ in range(60)) + f" {who}{i}x{j}"
                 for j in range(3)]
        (folder / f"{who}{i:04}.md").write_text(f"# Doc {who} {i}\n\n" + "\n\n".join(parts) + "\n")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def missing_from_own_top_results(store: knowledge.KnowledgeStore, k: int = 5) -> list[str]:
    got = store.collection.get(include=["documents"])
    ids, texts = got["ids"], got["documents"] or []
    missing = []
    for start in range(0, len(ids), 256):
        vectors = store.embedding.embed(texts[start:start + 256])
        found = store.collection.query(query_embeddings=vectors, n_results=k, include=[])["ids"]
        missing += [i for i, top in zip(ids[start:start + 256], found, strict=True) if i not in top]
    return missing


def test_two_processes_ingesting_at_once_lose_nothing(tmp_path: Path) -> None:
    data, corpus, go = tmp_path / "data", tmp_path / "no-corpus", tmp_path / "GO"
    corpus.mkdir()
    _docs(tmp_path / "seed", "s", 10)
    knowledge.ingest([tmp_path / "seed"], knowledge.open_store(data, corpus_dir=corpus))
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    writers = []
    for who in ("a", "b"):
        _docs(tmp_path / who, who, 400)  # 1,200 chunks each: past the index's first flush to disk
        writers.append(subprocess.Popen(
            [sys.executable, str(script), str(data), str(corpus), str(tmp_path / who), str(go)],
            cwd=REPO, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for w in writers:
        assert w.stdout is not None and w.stdout.readline().strip() == "READY"
    go.touch()
    outputs = [w.communicate(timeout=240) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], outputs
    assert all("400 added; 1200 chunk(s) added" in out for out, _ in outputs), outputs
    assert sum("waiting for it to finish" in err for _, err in outputs) <= 1
    check = subprocess.run([sys.executable, "-c", _CHECK, str(data), str(corpus), str(Path(__file__).parent)],
                           cwd=REPO, env=_env(), capture_output=True, text=True, timeout=240)
    assert json.loads(check.stdout) == {"count": 2_430, "missing": 0}, "every chunk is found by its own text"
    seeded = knowledge.open_store(data, corpus_dir=corpus)  # this process loaded the store before the writers
    assert seeded.count() == 2_430 and missing_from_own_top_results(seeded) == [], "it reloads what they wrote"


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


def test_a_second_writer_waits_and_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    note = tmp_path / "note.md"
    note.write_text("# Note\n\nA fact written while another process held the store.\n")
    (data / "chroma").mkdir(parents=True)
    holder = FileLock(data / "chroma" / LOCK_FILE)
    holder.acquire()
    child = subprocess.Popen([sys.executable, "-m", "assistant", "ingest", str(note)], cwd=tmp_path,
                             env={**_env(), "MARGINAL_DATA_DIR": str(data)}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        errors: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_lines, args=(child.stderr, errors), daemon=True).start()
        deadline, said = time.monotonic() + 120, ""
        while "waiting" not in said and time.monotonic() < deadline and child.poll() is None:
            try:
                said = errors.get(timeout=0.5)
            except queue.Empty:
                continue
        assert "Another process is writing to the knowledge store" in said
        assert "MARGINAL_CHROMA_URL" in said, "the notice names server mode for several writers"
        assert child.poll() is None, "it waits while the lock is held"
    finally:
        holder.release()
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0 and "1 added" in out
    assert knowledge.search(knowledge.open_store(data), "fact written while another process held",
                            k=1)[0].source == str(note)
