"""Write a memo to disk: markdown (with its chart images in a folder beside it) or docx."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from tools.errors import InputError

if TYPE_CHECKING:
    from assistant.memo.build import Memo

__all__ = ["FORMATS", "memo_filename", "write_memo"]

FORMATS = (".md", ".docx")


def memo_filename(memo: Memo) -> str:
    """A file stem from the memo's title and date."""
    stem = re.sub(r"[^a-z0-9]+", "-", memo.title.lower()).strip("-")[:60]
    return f"{memo.date}-{stem}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "chart"


def _write_markdown(memo: Memo, path: Path) -> None:
    from assistant.memo.images import chart_png
    from assistant.memo.markdown import render_markdown

    folder = path.with_name(f"{path.stem}_charts")
    links: list[str] = []
    charts = [c for s in memo.sections for c in s.charts]
    if charts:
        folder.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        name = _slug(chart.title)
        while f"{folder.name}/{name}.png" in links:
            name += "-b"
        (folder / f"{name}.png").write_bytes(chart_png(chart))
        links.append(f"{folder.name}/{name}.png")
    path.write_text(render_markdown(memo, links), encoding="utf-8")


def write_memo(memo: Memo, path: Path) -> Path:
    """Write `memo` to `path`; the suffix picks the format: .md (charts as PNGs in `<stem>_charts/`) or .docx."""
    from assistant.memo.docx import write_docx

    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"the memo file must end in .md or .docx (got {path.name!r}).", field="out",
                         value=str(path), hint="Example: --out memo.docx (or --out memo.md)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".md":
            _write_markdown(memo, path)
        else:
            write_docx(memo, path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}.", field="out", value=str(path),
                         hint="Choose a folder you can write to.") from None
    return path
