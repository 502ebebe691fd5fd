"""Ingest: idempotent, changed files replace chunks, remove, list, bad files skipped, kills."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import knowledge
from knowledge import IngestReport
from tools.errors import IngestError

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> knowledge.KnowledgeStore:
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    return knowledge.open_store(tmp_path / "data", corpus_dir=empty)


def _sheet(name: str, facts: list[str]) -> str:
    sections = "\n\n".join(f"## Part {i}\n\n{fact}" for i, fact in enumerate(facts))
    return f"# {name}\n\n{sections}\n"


def _by_status(report: IngestReport) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in report.files:
        out.setdefault(f.status, []).append(Path(f.source).name)
    return out


def test_ingest_is_idempotent(tmp_path: Path, store: knowledge.KnowledgeStore) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.md").write_text(_sheet("A", ["Alpha fact.", "Beta fact."]))
    (docs / "sub" / "b.txt").write_text("Gamma fact.\n\nDelta fact.")
    (docs / ".hidden.md").write_text("# Hidden\n\nnot ingested")
    first = knowledge.ingest([docs], store)
    assert _by_status(first) == {"added": ["a.md", "b.txt"]}
    assert [f.chunks for f in first.files] == [2, 1]
    assert first.chunks_added == store.count() == 3
    again = knowledge.ingest([docs, docs / "a.md"], store)  # a file named twice counts once
    assert _by_status(again) == {"unchanged": ["a.md", "b.txt"]}
    assert again.chunks_added == 0
    assert store.count() == 3


def test_a_changed_file_replaces_its_chunks(tmp_path: Path, store: knowledge.KnowledgeStore
                                            ) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(_sheet("Plan", ["Price is $10 per seat.", "Quota is 100 queries.",
                                   "Support by email."]))
    knowledge.ingest([doc], store)
    doc.write_text(_sheet("Plan", ["Price is $12 per seat.", "Quota is 100 queries.",
                                   "Support by email."]))
    report = knowledge.ingest([doc], store)
    outcome = report.files[0]
    assert (outcome.status, outcome.chunks, outcome.added, outcome.removed) == ("updated", 3, 1, 1)
    texts = sorted(store.collection.get(include=["documents"])["documents"])
    assert texts == ["Price is $12 per seat.", "Quota is 100 queries.", "Support by email."]
    doc.write_text(_sheet("Plan", ["Price is $12 per seat."]))
    shrunk = knowledge.ingest([doc], store).files[0]
    assert (shrunk.added, shrunk.removed, store.count()) == (0, 2, 1)


def test_remove_and_list(tmp_path: Path, store: knowledge.KnowledgeStore) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(_sheet("Sheet A", ["One.", "Two."]))
    (docs / "b.md").write_text(_sheet("Sheet B", ["Three."]))
    (tmp_path / "c.txt").write_text("Four.")
    knowledge.ingest([docs, tmp_path / "c.txt"], store)
    listed = [(s.source, s.kind, s.title, s.chunks) for s in knowledge.list_sources(store)]
    assert listed == [(str(tmp_path / "c.txt"), "user", "c", 1),
                      (str(docs / "a.md"), "user", "Sheet A", 2),
                      (str(docs / "b.md"), "user", "Sheet B", 1)]
    removed = knowledge.remove(docs / "a.md", store)
    assert [(r.source, r.chunks) for r in removed] == [(str(docs / "a.md"), 2)]
    assert store.count() == 2
    assert [r.source for r in knowledge.remove(docs, store)] == [str(docs / "b.md")]
    assert [s.source for s in knowledge.list_sources(store)] == [str(tmp_path / "c.txt")]
    with pytest.raises(IngestError, match="is not in the knowledge base") as info:
        knowledge.remove(docs / "a.md", store)
    assert "marginal ingest --list" in info.value.hint


def test_built_in_sheets_cannot_be_removed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notion.md").write_text(_sheet("Notion", ["Notion charges $10 per month."]))
    store = knowledge.open_store(tmp_path / "data", corpus_dir=corpus)
    with pytest.raises(IngestError, match="built-in fact sheet"):
        knowledge.remove("knowledge/docs/notion.md", store)
    assert [s.kind for s in knowledge.list_sources(store)] == ["builtin"]


def test_bad_files_are_reported_and_skipped_while_others_ingest(
        tmp_path: Path, store: knowledge.KnowledgeStore) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text(_sheet("Good", ["A good fact."]))
    (docs / "page.html").write_text("<h1>Page</h1><p>An HTML fact.</p>")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
    (docs / "slides.pptx").write_bytes(b"PK\x03\x04")
    (docs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    report = knowledge.ingest([docs, tmp_path / "missing.md"], store)
    assert _by_status(report) == {"added": ["good.md", "page.html"],
                                  "skipped": ["broken.pdf", "image.txt", "slides.pptx",
                                              "missing.md"]}
    reasons = {Path(f.source).name: f.reason for f in report.skipped}
    assert reasons["broken.pdf"].startswith("not a readable PDF")
    assert reasons["slides.pptx"].startswith("unsupported file type '.pptx'. Supported: .htm,")
    assert reasons["image.txt"].startswith("looks like a binary file")
    assert reasons["missing.md"] == "not found: no such file or folder."
    assert store.count() == 2
    assert "skipped   " + str(docs / "slides.pptx") in report.summary()


def test_size_limit(tmp_path: Path, store: knowledge.KnowledgeStore) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(21_000_000)  # sparse: the limit is checked before reading
    small = tmp_path / "small.txt"
    small.write_text("x " * 600)
    report = knowledge.ingest([big, small], store)
    assert report.files[0].reason == ("21.0 MB is over the 20 MB limit per file. "
                                      "Split it into smaller files.")
    assert report.files[1].status == "added"
    tight = knowledge.ingest([small], store, max_bytes=1000)
    assert tight.files[0].reason.startswith("0.0 MB is over the 0 MB limit")


def test_progress_bar_on_large_ingests(tmp_path: Path, store: knowledge.KnowledgeStore,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(25):
        (docs / f"n{i:02}.txt").write_text(f"Note number {i}.")
    knowledge.ingest([docs / "n00.txt"], store, progress=True)
    assert "ingest" not in capsys.readouterr().err  # small: no bar
    report = knowledge.ingest([docs], store, progress=True)
    assert "ingest: 100%" in capsys.readouterr().err
    assert store.count() == 25 and len(report.files) == 25


# An ingest killed mid-way (SIGKILL) must leave a usable store that a re-run completes.
_CHILD = """
import json, sys, time
import knowledge
data, corpus, mode = sys.argv[1], sys.argv[2], sys.argv[3]
store = knowledge.open_store(data, corpus_dir=corpus)
if mode == "stats":
    got = store.collection.get(include=["metadatas", "documents"])
    print(json.dumps({"count": store.count(),
                      "texts": sorted(got["documents"]),
                      "sources": sorted({m["source"] for m in got["metadatas"]}),
                      "hit": knowledge.search(store, "fact number 7", k=1)[0].text}))
    sys.exit(0)
pause_after = int(sys.argv[5])
upsert, calls = store.collection.upsert, []
def pausing_upsert(**kwargs):
    upsert(**kwargs)
    calls.append(1)
    if len(calls) == pause_after:
        print("PAUSED", flush=True)
        time.sleep(600)
store.collection.upsert = pausing_upsert
knowledge.ingest([sys.argv[4]], store)
print("DONE", flush=True)
"""


def _child(tmp_path: Path, data: Path, *args: str) -> subprocess.Popen[str]:
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    corpus = tmp_path / "no-corpus"
    corpus.mkdir(exist_ok=True)
    return subprocess.Popen([sys.executable, str(script), str(data), str(corpus), *args],
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.PIPE, text=True)


def _run(tmp_path: Path, data: Path, docs: Path, pause_after: int = 0) -> None:
    """Ingest docs in a child; with pause_after, SIGKILL it after that many upserts."""
    child = _child(tmp_path, data, "ingest", str(docs), str(pause_after))
    assert child.stdout is not None
    line = child.stdout.readline().strip()  # waits for the child's own signal, no sleeps
    if pause_after:
        assert line == "PAUSED"
        child.kill()
    assert child.wait(timeout=120) == (-9 if pause_after else 0)


def _stats(tmp_path: Path, data: Path) -> dict:
    child = _child(tmp_path, data, "stats")
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0
    return json.loads(out)


def _write_docs(docs: Path, version: str) -> None:
    docs.mkdir(exist_ok=True)
    for i in range(150):
        facts = [f"Document {i} fact number {j}: " + f"{version} words about costs. " * 12
                 for j in range(3)]
        (docs / f"doc{i:03}.md").write_text(_sheet(f"Doc {i}", facts))


def test_an_interrupted_ingest_leaves_a_usable_store_and_a_rerun_completes(tmp_path: Path
                                                                           ) -> None:
    docs = tmp_path / "docs"
    _write_docs(docs, "first")
    _run(tmp_path, tmp_path / "clean", docs)
    clean = _stats(tmp_path, tmp_path / "clean")
    assert clean["count"] == 450

    _run(tmp_path, tmp_path / "killed", docs, pause_after=1)
    partial = _stats(tmp_path, tmp_path / "killed")  # opens and searches after the kill
    assert 0 < partial["count"] < clean["count"]
    _run(tmp_path, tmp_path / "killed", docs)
    assert _stats(tmp_path, tmp_path / "killed") == clean


def test_an_interrupted_update_never_loses_a_file(tmp_path: Path) -> None:
    docs, data = tmp_path / "docs", tmp_path / "data"
    _write_docs(docs, "first")
    _run(tmp_path, data, docs)
    _write_docs(docs, "second")
    _run(tmp_path, data, docs, pause_after=1)
    mid = _stats(tmp_path, data)
    assert len(mid["sources"]) == 150, "every file still has chunks after the kill"
    assert any("second" in t for t in mid["texts"]) and any("first" in t for t in mid["texts"])
    _run(tmp_path, data, docs)
    done = _stats(tmp_path, data)
    assert done["count"] == 450
    assert not any("first" in t for t in done["texts"])
