"""Write a memo to disk: markdown (charts as PNGs beside it, or inline), docx, or the memo's scenario as YAML."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import TYPE_CHECKING

from tools.errors import InputError

if TYPE_CHECKING:
    from assistant.memo.document import Memo

__all__ = ["FORMATS", "chart_links", "memo_filename", "write_memo"]

FORMATS = (".md", ".docx", ".yaml", ".yml")


def memo_filename(memo: Memo) -> str:
    """A file stem from the memo's title and date."""
    stem = re.sub(r"[^a-z0-9]+", "-", memo.title.lower()).strip("-")[:60]
    return f"{memo.date}-{stem}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "chart"


def chart_links(memo: Memo, folder: Path | None) -> list[str]:
    """One link per chart, in order: a PNG written into `folder`, or (no folder) the PNG inline as a data URI.

    Inline, the markdown is one self-contained file (what the app offers for download); the URI is built
    here from the PNG's bytes, so no text of a brief or a document can reach it.
    """
    from assistant.memo.images import chart_png

    links: list[str] = []
    charts = [c for s in memo.sections for c in s.charts]
    if folder is not None and charts:
        folder.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        png = chart_png(chart)
        if folder is None:
            links.append("data:image/png;base64," + base64.b64encode(png).decode("ascii"))
            continue
        name = _slug(chart.title)
        while f"{folder.name}/{name}.png" in links:
            name += "-b"
        (folder / f"{name}.png").write_bytes(png)
        links.append(f"{folder.name}/{name}.png")
    return links


def _write_markdown(memo: Memo, path: Path, inline_charts: bool) -> None:
    from assistant.memo.markdown import render_markdown

    links = chart_links(memo, None if inline_charts else path.with_name(f"{path.stem}_charts"))
    path.write_text(render_markdown(memo, links), encoding="utf-8")


def write_memo(memo: Memo, path: Path, inline_charts: bool = False) -> Path:
    """Write `memo` to `path`; the suffix picks the format.

    .md: charts as PNGs in `<stem>_charts/` beside it, or inline (`inline_charts`: one self-contained file);
    .docx: charts embedded; .yaml: the memo's scenario, which `marginal memo --scenario` redrafts.
    """
    from assistant.memo.docx import write_docx

    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"the memo file must end in .md, .docx or .yaml (got {path.name!r}).", field="out",
                         value=str(path), hint="Example: --out memo.docx (or --out memo.md, --out memo.yaml)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".md":
            _write_markdown(memo, path, inline_charts)
        elif suffix == ".docx":
            write_docx(memo, path)
        else:
            path.write_text(memo.scenario_yaml(), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}.", field="out", value=str(path),
                         hint="Choose a folder you can write to.") from None
    return path
