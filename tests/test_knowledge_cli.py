"""`marginal ingest` / `marginal sources`: reports, exit codes, readable errors, no tracebacks."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from assistant.ingest_cli import register


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("MARGINAL_EMBEDDINGS", "MARGINAL_CHROMA_URL", "OPENAI_API_KEY",
                 "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MARGINAL_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def marginal(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="marginal")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_ingest_list_and_remove(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = env / "plan.md"
    doc.write_text("# Our plan\n\nThe Pro plan costs $25 per seat per month.\n")
    assert marginal("ingest", str(doc)) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 file(s): 1 added; 1 chunk(s) added, 0 removed.")
    assert f"added     {doc}  1 chunk(s)" in out

    assert marginal("sources") == 0
    listing = capsys.readouterr().out
    assert "knowledge/docs/" in listing and "user         1  Our plan" in listing
    assert marginal("ingest", "--list") == 0
    assert capsys.readouterr().out == listing

    assert marginal("ingest", "--remove", str(doc)) == 0
    assert capsys.readouterr().out == f"removed   {doc}  (1 chunk(s))\n"


def test_skipped_files_exit_1_with_reasons(env: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    (env / "ok.txt").write_text("A fact.")
    (env / "deck.pptx").write_bytes(b"PK")
    assert marginal("ingest", str(env / "ok.txt"), str(env / "deck.pptx")) == 1
    out = capsys.readouterr().out
    assert "1 skipped, 1 added" in out or "1 added, 1 skipped" in out
    assert f"skipped   {env / 'deck.pptx'}  unsupported file type '.pptx'" in out


@pytest.mark.parametrize(("argv", "setting", "message"), [
    (("ingest",), {}, "error: nothing to ingest."),
    (("ingest", "--remove"), {}, "error: --remove needs the files or folders to remove."),
    (("ingest", "--remove", "nowhere.md"), {}, "is not in the knowledge base."),
    (("sources",), {"MARGINAL_EMBEDDINGS": "bert"}, "error: invalid setting MARGINAL_EMBEDDINGS"),
    (("sources",), {"MARGINAL_EMBEDDINGS": "openai"}, "needs an API key. Set OPENAI_API_KEY"),
    (("sources",), {"MARGINAL_CHROMA_URL": "http://127.0.0.1:9"}, "cannot open the knowledge"),
])
def test_errors_are_messages_with_exit_2(argv: tuple[str, ...], setting: dict[str, str],
                                         message: str, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    for name, value in setting.items():
        monkeypatch.setenv(name, value)
    assert marginal(*argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_mismatch_then_rebuild(env: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    doc = env / "plan.md"
    doc.write_text("# Our plan\n\nThe Pro plan costs $25 per seat per month.\n")
    assert marginal("ingest", str(doc)) == 0
    monkeypatch.setenv("MARGINAL_EMBEDDINGS", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-unused")
    assert marginal("sources") == 2
    err = capsys.readouterr().err
    assert "built with 'wordllama' embeddings" in err and "marginal ingest --rebuild" in err
    monkeypatch.delenv("MARGINAL_EMBEDDINGS")
    assert marginal("ingest", "--rebuild") == 0
    out = capsys.readouterr().out
    assert "Rebuilt the knowledge store at" in out and "1 of your document(s) re-ingested" in out
