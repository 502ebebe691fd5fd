"""Write a memo to disk as markdown and/or docx."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from tools.errors import InputError

if TYPE_CHECKING:
    from assistant.memo.build import Memo

__all__ = ["memo_filename", "write_memo"]


def memo_filename(memo: Memo) -> str:
    """A file stem from the memo's title and date."""
    stem = re.sub(r"[^a-z0-9]+", "-", memo.title.lower()).strip("-")[:60]
    return f"{memo.date}-{stem}"


def write_memo(memo: Memo, path: Path) -> Path:
    """Write `memo` to `path`; the suffix (.md or .docx) picks the format."""
    from assistant.memo.docx import write_docx
    from assistant.memo.markdown import render_markdown

    suffix = path.suffix.lower()
    if suffix not in {".md", ".docx"}:
        raise InputError(f"the memo file must end in .md or .docx (got {path.name!r}).", field="out",
                         value=str(path), hint="Example: --out memo.docx")
    try:
        if suffix == ".md":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_markdown(memo), encoding="utf-8")
        else:
            write_docx(memo, path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}.", field="out", value=str(path),
                         hint="Choose a folder you can write to.") from None
    return path
