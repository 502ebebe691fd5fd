"""The memo as a Word document (python-docx): headings, paragraphs, tables and chart images."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.memo.build import Memo

__all__ = ["write_docx"]

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _paragraph(doc: object, text: str) -> None:
    para = doc.add_paragraph()  # type: ignore[attr-defined]
    for i, part in enumerate(_BOLD.split(text)):
        para.add_run(part).bold = i % 2 == 1


def write_docx(memo: Memo, path: Path) -> Path:
    """Write the memo to `path` (.docx) with the same figures as the markdown."""
    from docx import Document
    from docx.shared import Inches

    from assistant.memo.images import chart_png

    doc = Document()
    doc.add_heading(memo.title, level=0)
    doc.add_paragraph(f"Date: {memo.date}. Prepared by Marginal; every figure comes from a calculator and is "
                      "listed with its inputs.")
    for section in memo.sections:
        doc.add_heading(section.title, level=1)
        for text in section.paragraphs:
            _paragraph(doc, text)
        if section.table is not None:
            table = doc.add_table(rows=1, cols=len(section.table.header))
            table.style = "Light Grid Accent 1"
            for cell, text in zip(table.rows[0].cells, section.table.header, strict=True):
                cell.text = text
            for row in section.table.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
        for chart in section.charts:
            doc.add_picture(io.BytesIO(chart_png(chart)), width=Inches(6))
            doc.add_paragraph(f"Chart: {chart.title}")
    if not memo.verified:
        _paragraph(doc, f"**Warning:** numbers not traced to a calculator: {', '.join(memo.unverified_numbers)}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
