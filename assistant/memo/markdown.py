"""The memo as markdown (charts are listed by title; the docx and the app draw them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.memo.build import Memo

__all__ = ["render_markdown"]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    cells = [[c.replace("|", "/") for c in row] for row in rows]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(r) + " |" for r in cells]


def render_markdown(memo: Memo) -> str:
    """Title, date, then every section with its paragraphs, table and chart titles."""
    lines = [f"# {memo.title}", "", f"Date: {memo.date}. Prepared by Marginal; every figure comes from a calculator "
             "and is listed with its inputs.", ""]
    for section in memo.sections:
        lines += [f"## {section.title}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.table is not None:
            lines += [*_table(section.table.header, section.table.rows), ""]
        for chart in section.charts:
            lines += [f"_Chart: {chart.title}_", ""]
    if not memo.verified:
        lines += [f"**Warning:** numbers not traced to a calculator: {', '.join(memo.unverified_numbers)}.", ""]
    return "\n".join(lines).rstrip() + "\n"
