"""`marginal memo "BRIEF" --out memo.md --out memo.docx`: draft a pricing memo from a brief."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tools.errors import MarginalError

__all__ = ["register", "run_memo"]


def register(subparsers: Any) -> None:
    """Add the `memo` subcommand."""
    memo = subparsers.add_parser(
        "memo", help="draft a pricing memo (markdown and/or docx) from a brief",
        description="Draft a pricing memo from a brief in plain words. Missing details get stated defaults, listed "
                    "under the memo's assumptions. The suffix of --out picks the format: .md (charts as PNGs in "
                    "<name>_charts/ beside it) or .docx (charts embedded); give --out twice for both.")
    memo.add_argument("brief", nargs="+", help="e.g. 'a $10/month AI add-on with 100 free queries'")
    memo.add_argument("--out", type=Path, action="append", metavar="FILE",
                      help="memo.md or memo.docx (repeatable; default memo.md)")
    memo.set_defaults(func=run_memo)


def run_memo(args: argparse.Namespace) -> int:
    """Handler: 0 written, 1 written with unverified numbers, 2 bad brief or path."""
    from assistant.agent import Assistant
    from assistant.config import Settings
    from assistant.memo.build import build_memo
    from assistant.memo.files import FORMATS, write_memo

    outs: list[Path] = args.out or [Path("memo.md")]
    bad = [p for p in outs if p.suffix.lower() not in FORMATS]
    if bad:  # before any work: a typo in the file name should not cost a memo build
        print(f"marginal memo: the memo file must end in .md or .docx (got {bad[0].name!r}). "
              "Example: --out memo.docx", file=sys.stderr)
        return 2
    try:
        assistant = Assistant(Settings())
        memo = build_memo(" ".join(args.brief), assistant.catalog, assistant.search)
        paths = [write_memo(memo, path) for path in outs]
    except MarginalError as exc:
        print(f"marginal memo: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {', '.join(map(str, paths))} ({len(memo.sections)} sections, {len(memo.tool_calls)} calculator "
          f"runs, {'all numbers verified' if memo.verified else 'UNVERIFIED: ' + ', '.join(memo.unverified_numbers)}).")
    print("\n".join(memo.sections[0].paragraphs[:2]))
    return 0 if memo.verified else 1
