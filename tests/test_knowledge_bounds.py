"""Ingest bounds: pathological markup is read in one linear pass; links, loops and odd files are reported, never raised."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pytest

import knowledge
from assistant.ingest_cli import register
from knowledge import IngestReport

# A guard, not a timing assertion: before, these files took from 30 s to well past 300 s.
pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def store(tmp_path: Path) -> knowledge.KnowledgeStore:
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    return knowledge.open_store(tmp_path / "data", corpus_dir=empty)


def _outcomes(report: IngestReport) -> dict[str, tuple[str, str]]:
    return {Path(f.source).name: (f.status, f.reason) for f in report.files}


def _texts(store: knowledge.KnowledgeStore, name: str) -> str:
    got = store.collection.get(include=["documents", "metadatas"])
    return "\n".join(d for d, m in zip(got["documents"] or [], got["metadatas"] or [], strict=True)
                     if Path(str((m or {}).get("source"))).name == name)


def test_pathological_markup_is_read_whole(tmp_path: Path, store: knowledge.KnowledgeStore) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "nested.html").write_text("<div>" * 20_000 + "The deepest fact." + "</div>" * 20_000)  # 220 KB
    (docs / "paragraphs.html").write_text("<html><body>" + "".join(f"<p>Paragraph {i}." for i in range(100_000)))
    (docs / "unterminated.html").write_text("<p>Before the junk.</p>" + "<a " * 20_000)
    (docs / "heading.md").write_text("# Title\n\n## a" + " " * 50_000 + "b\n\nUnder a long heading.\n")
    (docs / "one-paragraph.txt").write_text("word " * 1_000_000)  # 5 MB with no sentence or paragraph break
    report = knowledge.ingest([docs], store)
    assert {f.status for f in report.files} == {"added"}, report.summary()
    assert "The deepest fact." in _texts(store, "nested.html")
    paragraphs = _texts(store, "paragraphs.html")
    assert "Paragraph 0." in paragraphs and "Paragraph 99999." in paragraphs
    assert "Before the junk." in _texts(store, "unterminated.html")
    assert "Under a long heading." in _texts(store, "heading.md")
    long_text = next(f for f in report.files if f.source.endswith("one-paragraph.txt"))
    assert long_text.chunks >= 4_000, "cut into chunks, however long the paragraph"


def test_links_loops_and_odd_files_are_reported_never_raised(tmp_path: Path, store: knowledge.KnowledgeStore) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "good.md").write_text("# Good\n\nA plain fact.\n")
    (docs / "loop-a.md").symlink_to(docs / "loop-b.md")
    (docs / "loop-b.md").symlink_to(docs / "loop-a.md")
    (docs / "broken.md").symlink_to(tmp_path / "gone.md")
    (docs / "sub" / "up").symlink_to(docs)  # a folder loop through a link
    (docs / "alias.md").symlink_to(docs / "good.md")  # the same file twice counts once
    os.mkfifo(docs / "pipe.md")  # reading it would block forever
    report = knowledge.ingest([docs, docs / "loop-a.md"], store)
    seen = _outcomes(report)
    assert seen["good.md"] == ("added", "") and len(report.files) == 6, report.summary()
    assert seen["loop-a.md"][0] == seen["loop-b.md"][0] == "skipped" and "symlink loop" in seen["loop-a.md"][1]
    assert "broken symlink" in seen["broken.md"][1] and str(tmp_path / "gone.md") in seen["broken.md"][1]
    assert "not followed" in seen["up"][1] and "Ingest that folder itself" in seen["up"][1]
    assert "not a regular file" in seen["pipe.md"][1]
    loop = knowledge.ingest([docs / "loop-a.md"], store)  # a loop named directly
    assert [(f.status, "symlink loop" in f.reason) for f in loop.files] == [("skipped", True)]
    assert knowledge.remove(docs / "good.md", store)[0].source == str(docs / "good.md")


def test_a_file_no_reader_expected_is_skipped_with_its_reason(tmp_path: Path, store: knowledge.KnowledgeStore,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_module = sys.modules["knowledge.ingest"]  # the package's `ingest` attribute is the function
    real = ingest_module.load_file

    def choking(path: Path, source: str | None = None) -> object:
        if path.name == "odd.md":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, source)

    monkeypatch.setattr(ingest_module, "load_file", choking)
    (tmp_path / "odd.md").write_text("# Odd\n\nA file a reader chokes on.\n")
    (tmp_path / "fine.md").write_text("# Fine\n\nA fine fact.\n")
    report = knowledge.ingest([tmp_path / "odd.md", tmp_path / "fine.md"], store)
    seen = _outcomes(report)
    assert seen["fine.md"] == ("added", "")
    assert seen["odd.md"][0] == "skipped" and "RecursionError" in seen["odd.md"][1]


def test_the_cli_lists_what_it_skipped_and_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MARGINAL_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    (tmp_path / "fact.md").write_text("# Fact\n\nOne fact.\n")
    parser = argparse.ArgumentParser(prog="marginal")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["ingest", str(tmp_path / "loop.md"), str(tmp_path / "fact.md")])
    assert args.func(args) == 1
    out = capsys.readouterr().out
    assert "1 skipped, 1 added" in out
    assert f"skipped   {tmp_path / 'loop.md'}  a symlink loop" in out
