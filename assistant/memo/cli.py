"""`marginal memo "BRIEF" --out memo.md|memo.docx`: draft a pricing memo from a brief."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tools.errors import MarginalError

__all__ = ["register", "run_memo"]


def register(subparsers: Any) -> None:
    """Add the `memo` subcommand."""
    memo = subparsers.add_parser("memo", help="draft a pricing memo (markdown or docx) from a brief",
                                 description="Draft a pricing memo from a brief in plain words. Missing details get "
                                             "stated defaults, listed under the memo's assumptions.")
    memo.add_argument("brief", nargs="+", help="e.g. 'a $10/month AI add-on with 100 free queries'")
    memo.add_argument("--out", type=Path, default=Path("memo.md"), help="memo.md or memo.docx (default memo.md)")
    memo.set_defaults(func=run_memo)


def run_memo(args: argparse.Namespace) -> int:
    """Handler: 0 written, 1 written with unverified numbers, 2 bad brief or path."""
    from assistant.agent import Assistant
    from assistant.config import Settings
    from assistant.memo.build import build_memo
    from assistant.memo.files import write_memo

    try:
        assistant = Assistant(Settings())
        memo = build_memo(" ".join(args.brief), assistant.catalog, assistant.search)
        path = write_memo(memo, args.out)
    except MarginalError as exc:
        print(f"marginal memo: {exc}", file=sys.stderr)
        return 2
    summary = memo.sections[0].paragraphs
    print(f"Wrote {path} ({len(memo.sections)} sections, {len(memo.tool_calls)} calculator runs, "
          f"{'all numbers verified' if memo.verified else 'UNVERIFIED: ' + ', '.join(memo.unverified_numbers)}).")
    print("\n".join(summary[:2]))
    return 0 if memo.verified else 1
