"""The memo as a Word document (python-docx): headings, paragraphs, bullets, tables and chart images."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.memo.markdown import PREPARED

if TYPE_CHECKING:
    from assistant.memo.document import Memo

__all__ = ["write_docx"]

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _paragraph(doc: Any, text: str, style: str | None = None) -> None:
    para = doc.add_paragraph(style=style)
    for i, part in enumerate(_BOLD.split(text)):
        if part:
            para.add_run(part).bold = i % 2 == 1


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def write_docx(memo: Memo, path: Path) -> Path:
    """Write the memo to `path` (.docx) with the same text and figures as the markdown, charts as images."""
    from docx import Document
    from docx.shared import Inches

    from assistant.memo.images import chart_png

    doc = Document()
    doc.core_properties.title = memo.title
    doc.add_heading(memo.title, level=0)
    doc.add_paragraph(f"Date: {memo.date}. {PREPARED}")
    for section in memo.sections:
        doc.add_heading(section.title, level=1)
        for text in section.paragraphs:
            _paragraph(doc, text)
        for text in section.bullets:
            _paragraph(doc, text, style="List Bullet")
        if section.table is not None:
            _table(doc, section.table.header, section.table.rows)
        for chart in section.charts:
            doc.add_picture(io.BytesIO(chart_png(chart)), width=Inches(6))
            doc.add_paragraph(f"Chart: {chart.title}", style="Caption")
    if not memo.verified:
        _paragraph(doc, f"**Warning:** numbers not traced to a calculator: {', '.join(memo.unverified_numbers)}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
