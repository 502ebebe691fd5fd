"""The memo as markdown: sections, tables, bullets, and charts as image links (or their titles)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.memo.document import Memo

__all__ = ["PREPARED", "render_markdown"]

PREPARED = "Prepared by Marginal; every figure comes from a calculator run on the inputs listed under Assumptions."


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    cells = [[c.replace("|", "/") for c in row] for row in rows]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(r) + " |" for r in cells]


def _alt(title: str) -> str:
    """A chart title as image alt text: no bracket, tag or escape that could end the link early or add markup."""
    return re.sub(r"[\[\]<>`\\]", "", title).strip()


def render_markdown(memo: Memo, chart_links: list[str] | None = None) -> str:
    """Title, date, then every section; `chart_links` (one per chart, in order) embeds the chart images."""
    lines = [f"# {memo.title}", "", f"Date: {memo.date}. {PREPARED}", ""]
    links = iter(chart_links or [])
    for section in memo.sections:
        lines += [f"## {section.title}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.bullets:
            lines += [*(f"- {b}" for b in section.bullets), ""]
        if section.table is not None:
            lines += [*_table(section.table.header, section.table.rows), ""]
        for chart in section.charts:
            link = next(links, None)
            lines += [f"![{_alt(chart.title)}]({link})" if link else f"_Chart: {chart.title}_", ""]
    if not memo.verified:
        lines += [f"**Warning:** numbers not traced to a calculator: {', '.join(memo.unverified_numbers)}.", ""]
    return "\n".join(lines).rstrip() + "\n"
