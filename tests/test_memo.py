"""Pricing memos: sections, verification, docx vs markdown, defaults, CLI, chat and app."""

from __future__ import annotations

import re
from pathlib import Path

import gradio as gr
import pytest
from docx import Document

from assistant.agent import Assistant
from assistant.cli import main
from assistant.memo import build_memo, parse_brief
from assistant.memo.files import write_memo
from assistant.memo.markdown import render_markdown
from assistant.planner.plan import make_plan
from assistant.verify import numbers_in
from assistant.web import stream_answer
from tools.catalog import Catalog
from tools.errors import InputError

BRIEF = "a $10/month AI add-on with 100 free queries for 20,000 users in the EU and US"
SECTIONS = ["Summary and recommendation", "Assumptions", "Unit economics", "Plan options",
            "Sensitivity and Monte Carlo", "Risks", "Model choice: API, self-hosting or hybrid routing", "Sources"]


def passages(query: str, k: int) -> list[dict]:
    return [{"source": f"knowledge/docs/{query.split()[0]}.md", "title": query.title(), "section": "",
             "text": "A flat monthly fee is set against the average user, but heavy users cost more."}]


@pytest.fixture(scope="module")
def memo():  # type: ignore[no-untyped-def]
    return build_memo(BRIEF, Catalog(), passages)


def test_the_memo_has_every_section_and_every_number_traces_to_a_tool(memo) -> None:  # type: ignore[no-untyped-def]
    assert [s.title for s in memo.sections] == SECTIONS
    assert memo.verified and memo.unverified_numbers == []
    text = render_markdown(memo)
    assert text.startswith("# Pricing memo: a $10/month AI add-on") and f"Date: {memo.date}" in text
    # Unit economics: 20,000 users x 20 queries x 30 days = 12,000,000 queries at gpt-4o-mini's $0.0002625.
    assert "12,000,000" in text and "$0.0002625" in text and "$3,150" in text
    tools = {c.name for c in memo.tool_calls}
    assert {"token_cost", "pricing_plan", "break_even", "sensitivity", "monte_carlo", "compare", "self_host",
            "routing", "compliance_overhead"} <= tools
    assert len(memo.sections[3].table.rows) == 3  # three plan options, each with margin and break-even
    assert "**Recommendation:" in text and "[1]" in text  # a recommendation, and knowledge-base citations


def test_a_planted_number_is_caught(memo) -> None:  # type: ignore[no-untyped-def]
    from assistant.memo.build import verify_memo

    tampered = memo.model_copy(deep=True)
    tampered.sections[0].paragraphs.append("Margins will reach 123,456 by spring.")
    assert "123,456" in verify_memo(tampered).unverified_numbers


def test_missing_details_get_stated_defaults() -> None:
    b = parse_brief("a pricing memo for our AI feature")
    assert b.fee == 10 and b.given["fee"].startswith("default")
    full = parse_brief(BRIEF)
    assert full.given["fee"] == "from the brief" and full.users == 20_000 and full.free_queries == 100
    assert full.regions == 2
    memo = build_memo("a pricing memo for our AI feature", Catalog())
    table = memo.sections[1].table
    assert any(row[2].startswith("default") for row in table.rows)


def test_the_docx_shows_the_same_numbers_as_the_markdown(memo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = write_memo(memo, tmp_path / "memo.md").read_text()
    doc = Document(str(write_memo(memo, tmp_path / "memo.docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    in_docx = sorted(raw for raw, _, _ in numbers_in(text + "\n" + cells))
    in_md = sorted(raw for raw, _, _ in numbers_in(re.sub(r"^#+ |_Chart: |_$", "", md, flags=re.M)
                                                    .replace("| --- ", "")))
    assert in_docx == in_md
    assert len(doc.inline_shapes) >= 4, "charts are embedded as images"
    assert [h.text for h in doc.paragraphs if h.style.name == "Heading 1"] == SECTIONS


def test_cli_writes_markdown_and_docx_and_refuses_other_formats(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["memo", BRIEF, "--out", str(tmp_path / "m.md")]) == 0
    assert "all numbers verified" in capsys.readouterr().out
    assert (tmp_path / "m.md").read_text().startswith("# Pricing memo")
    assert main(["memo", BRIEF, "--out", str(tmp_path / "m.docx")]) == 0
    assert Document(str(tmp_path / "m.docx")).paragraphs
    assert main(["memo", BRIEF, "--out", str(tmp_path / "m.pdf")]) == 2
    assert "must end in .md or .docx" in capsys.readouterr().err
    assert main(["memo", "!!", "--out", str(tmp_path / "x.md")]) == 2


@pytest.mark.parametrize("question", [
    "Draft a pricing memo for a $10/month AI add-on with a free quota",
    "write me a pricing memo for our AI summaries at $8 per seat",
    "Can you put together a one-pager on pricing our AI feature at $15 a seat?",
])
def test_chat_questions_for_a_memo_route_to_draft_memo(question: str) -> None:
    plan = make_plan(question)
    assert [s.tool for s in plan.steps] == ["draft_memo"] and plan.steps[0].args["brief"] == question


def test_a_memo_from_chat_is_verified_and_downloadable_in_the_app() -> None:
    assistant = Assistant(search=passages)
    frames = list(stream_answer(assistant, "Draft a pricing memo for a $12/month AI add-on for 3,000 users", "m1"))
    last = frames[-1]
    answer_text = next(m.content for m in last if isinstance(m.content, str) and "Recommendation" in m.content)
    assert "$12/month" in answer_text and ".docx" in answer_text
    files = [m.content for m in last if isinstance(m.content, gr.File)]
    assert files, "the memo files are offered for download in the chat"
    names = sorted(Path(f["orig_name"]).suffix for f in files[0].value)
    assert names == [".docx", ".md"]
    answer = assistant.ask("Draft a pricing memo for a $12/month AI add-on for 3,000 users", "m2")
    assert answer.verified and answer.tool_calls[0].name == "draft_memo"
    result = answer.tool_calls[0].result
    assert Path(result["markdown_path"]).exists() and Path(result["docx_path"]).exists()
    assert Path(assistant.settings.data_dir) in Path(result["docx_path"]).parents


def test_a_bad_brief_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="brief is empty"):
        parse_brief("  12 ")
