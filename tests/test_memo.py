"""Pricing memos: sections, figures worked by hand, verification, markdown and docx files, the CLI."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from docx import Document

from assistant.cli import main
from assistant.memo import build_memo
from assistant.memo.build import verify_memo
from assistant.memo.files import write_memo
from assistant.memo.markdown import render_markdown
from assistant.verify import numbers_in, trace_numbers, unverified
from tools.catalog import Catalog
from tools.monte_carlo import Z95

BRIEF = "a $10/month AI add-on with 100 free queries for 20,000 users in the EU and US"
SECTIONS = ["Summary and recommendation", "Assumptions", "Unit economics", "Plan options",
            "Sensitivity and Monte Carlo", "Risks", "Model choice: API, self-hosting or hybrid routing", "Sources"]


def passages(query: str, k: int) -> list[dict]:
    return [{"source": f"knowledge/docs/{re.sub(r'[^a-z-]+', '-', query.lower())}.md", "title": query.title(),
             "section": "",
             "text": "A flat monthly fee is set against the average user, but heavy users cost more."}]


@pytest.fixture(scope="module")
def memo():  # type: ignore[no-untyped-def]
    return build_memo(BRIEF, Catalog(), passages)


def _row(memo, section: str, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    table = next(s.table for s in memo.sections if s.title == section)
    return next(r for r in table.rows if r[0] == label)


def test_the_memo_has_every_section_and_verifies(memo) -> None:  # type: ignore[no-untyped-def]
    assert [s.title for s in memo.sections] == SECTIONS
    assert memo.verified and memo.unverified_numbers == []
    text = render_markdown(memo)
    assert text.startswith("# Pricing memo: a $10/month AI add-on") and f"Date: {memo.date}" in text
    assert "**Recommendation:" in text
    body, sources = text.split("## Sources")
    cited = set(re.findall(r"^\[(\d+)\]", sources, flags=re.M))
    assert len(cited) == 5 and cited == set(re.findall(r"\[(\d+)\]", body))  # every source is cited in the text
    tools = {c.name for c in memo.tool_calls}
    assert {"token_cost", "margin", "pricing_plan", "break_even", "sensitivity", "monte_carlo", "compare",
            "self_host", "routing", "compliance_overhead"} <= tools
    charts = [c.title for s in memo.sections for c in s.charts]
    assert {"Sensitivity of gross margin (tornado)", "Monthly cost, simulated",
            "Monthly gross margin by plan option"} <= set(charts)


def test_every_number_traces_to_a_tool_call_or_the_brief(memo) -> None:  # type: ignore[no-untyped-def]
    known = trace_numbers([c.args for c in memo.tool_calls], [c.result for c in memo.tool_calls],
                          [c.snippet for c in memo.citations], question=f"{BRIEF} {memo.date}")
    text = render_markdown(memo)
    assert len(numbers_in(text)) > 150
    assert unverified(text, known) == []
    tampered = memo.model_copy(deep=True)
    tampered.sections[3].table.rows[0][1] = "91.23%"
    checked = verify_memo(tampered)
    assert not checked.verified and checked.unverified_numbers == ["91.23%"]
    assert "**Warning:** numbers not traced" in render_markdown(checked)


def test_unit_economics_and_plan_options_match_a_hand_calculation(memo) -> None:  # type: ignore[no-untyped-def]
    # gpt-4o-mini: 750 x $0.15/1M + 250 x $0.60/1M = $0.0002625 a query; 20 a day x 30 = 600 a month.
    assert _row(memo, "Unit economics", "cost per query")[1] == "$0.0002625"
    assert _row(memo, "Unit economics", "cost per user a month (mean user)")[1] == "$0.1575"
    assert _row(memo, "Unit economics", "queries a month (20,000 users)")[1] == "12,000,000"
    assert _row(memo, "Unit economics", "gross margin per user")[1] == "98.42%"  # (10 - 0.1575) / 10
    # The brief's 20 a day are the mean user's; usage is lognormal with P95 = 3x the median: sigma = ln 3 / 1.645,
    # so the median user makes 600 e^(-sigma^2/2) = 480 queries a month.
    sigma = math.log(3) / Z95
    assert _row(memo, "Unit economics", "queries per user a month (median user)")[1] == \
        f"{round(600 * math.exp(-sigma**2 / 2))}"
    mean_cost = 600 * 0.0002625
    flat = _row(memo, "Plan options", "Flat add-on, unlimited use")
    assert flat[1] == f"{(10 - mean_cost) / 10 * 100:.2f}%"
    assert flat[5] == f"{math.ceil(20_000 / (10 - mean_cost)):,}"
    # The free tier: 50,000 free users x 100 queries x $0.0002625 = $1,312.50 a month, a fixed cost at break-even.
    free = _row(memo, "Plan options", "Free tier + flat add-on")
    assert free[3] == f"${20_000 * mean_cost + 1_312.5:,.2f}"
    assert free[5] == f"{math.ceil(21_312.5 / (10 - mean_cost)):,}"
    metered = _row(memo, "Plan options", "Add-on with an allowance + usage-based overage")
    allowance = math.floor(10 * (1 - 0.8) / 0.0002625)  # the most the fee covers at the 80% target: 7,619
    assert f"includes {allowance:,} queries" in render_markdown(memo)
    assert float(metered[2].strip("$").replace(",", "")) >= 200_000  # the fee plus overage beyond the allowance


def test_assumptions_list_every_input_with_its_origin(memo) -> None:  # type: ignore[no-untyped-def]
    rows = {r[0]: r for r in next(s.table for s in memo.sections if s.title == "Assumptions").rows}
    assert rows["fee"][2] == rows["users"][2] == rows["free queries"][2] == rows["regions"][2] == "from the brief"
    assert rows["regions"][1] == "EU, US"
    for name in ("model", "tokens per query", "fixed cost month", "overage per 1k", "premium model", "gpu"):
        assert rows[name][2].startswith("default: "), name
    thin = build_memo("Please draft a pricing memo for our new AI feature", Catalog())
    origins = [r[2] for r in thin.sections[1].table.rows]
    assert all(o.startswith("default: ") for o in origins) and thin.verified
    assert "Stated defaults" in thin.defaults_note() and "fee $10 per user a month" in thin.defaults_note()


def test_risks_cover_exposure_prices_vendor_and_compliance_by_region(memo) -> None:  # type: ignore[no-untyped-def]
    risks = next(s for s in memo.sections if s.title == "Risks")
    text = " ".join(risks.paragraphs)
    for heading in ("Flat-rate exposure", "Price changes", "Vendor dependence", "Compliance overhead (EU, US)"):
        assert f"**{heading}" in text
    categories = [r[0] for r in risks.table.rows]
    assert categories[0] == "development" and any("extra region" in c for c in categories)
    assert "$87,500" in [r[1] for r in risks.table.rows]  # $70,000 of compliance x 1.25 for the second region


def test_a_losing_fee_is_called_out() -> None:
    memo = build_memo("a $5 per month assistant for 1,000 users doing 200 queries a day on gpt-4o", Catalog())
    summary = " ".join(memo.sections[0].paragraphs)
    assert memo.verified
    assert "does not cover the mean user's cost" in summary and "misses the 80% target" in summary
    assert "never" in _row(memo, "Plan options", "Flat add-on, unlimited use")[5]
    model_rows = next(s.table for s in memo.sections if s.title.startswith("Model choice")).rows
    assert [r[0] for r in model_rows][:2] == ["API: gpt-4o", "API: gpt-4o-mini"]  # weighed against a cheaper model


def test_the_docx_shows_the_same_numbers_as_the_markdown(memo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = write_memo(memo, tmp_path / "memo.md").read_text()
    doc = Document(str(write_memo(memo, tmp_path / "memo.docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    in_docx = sorted(raw for raw, _, _ in numbers_in(text + "\n" + cells))
    body = re.sub(r"^!\[.*$", "", md, flags=re.M)  # image links: the docx has the pictures instead
    in_md = sorted(raw for raw, _, _ in numbers_in(re.sub(r"^#+ ", "", body, flags=re.M).replace("| --- ", "")))
    assert in_docx == in_md
    charts = [c for s in memo.sections for c in s.charts]
    assert len(doc.inline_shapes) == len(charts) >= 6, "every chart is embedded as an image"
    assert [h.text for h in doc.paragraphs if h.style.name == "Heading 1"] == SECTIONS
    assert len(doc.tables) == sum(1 for s in memo.sections if s.table is not None)


def test_the_markdown_file_links_its_chart_images(memo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = write_memo(memo, tmp_path / "out" / "memo.md").read_text()
    links = re.findall(r"^!\[[^\]]+\]\(([^)]+)\)$", md, flags=re.M)
    assert len(links) == sum(len(s.charts) for s in memo.sections)
    for link in links:
        assert (tmp_path / "out" / link).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_writes_markdown_and_docx_and_refuses_bad_paths(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["memo", BRIEF, "--out", str(tmp_path / "m.md"), "--out", str(tmp_path / "m.docx")]) == 0
    out = capsys.readouterr().out
    assert "all numbers verified" in out and "Recommendation" in out
    assert (tmp_path / "m.md").read_text().startswith("# Pricing memo")
    assert Document(str(tmp_path / "m.docx")).paragraphs
    assert main(["memo", BRIEF, "--out", str(tmp_path / "m.pdf")]) == 2
    err = capsys.readouterr().err
    assert "must end in .md, .docx or .yaml" in err and "Traceback" not in err
    (tmp_path / "file").write_text("not a folder")
    assert main(["memo", BRIEF, "--out", str(tmp_path / "file" / "m.md")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert main(["memo", "asdf qwer zxcv", "--out", str(tmp_path / "x.md")]) == 2
    assert "does not describe an AI product" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()
