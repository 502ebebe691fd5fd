"""`marginal memo "BRIEF" --out memo.md` or `marginal memo --scenario FILE`: draft a pricing memo.

A brief in plain words becomes a scenario; `--out memo.yaml` saves that scenario, and
`marginal memo --scenario memo.yaml` redrafts the memo from it (edit the file in between).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tools.errors import InputError, MarginalError

__all__ = ["register", "run_memo"]


def register(subparsers: Any) -> None:
    """Add the `memo` subcommand."""
    memo = subparsers.add_parser(
        "memo", help="draft a pricing memo (markdown and/or docx) from a brief or a scenario file",
        description="Draft a pricing memo from a brief in plain words, or from a scenario file (--scenario). Missing "
                    "details get stated defaults, listed under the memo's assumptions; figures of the brief the memo "
                    "cannot use are listed as not understood. The suffix of --out picks the format: .md (charts as "
                    "PNGs in <name>_charts/ beside it), .docx (charts embedded) or .yaml (the memo's scenario, to "
                    "edit and redraft with --scenario); give --out several times for several.")
    memo.add_argument("brief", nargs="*", help="e.g. 'a $10/month AI add-on with 100 free queries'")
    memo.add_argument("--scenario", metavar="FILE", help="draft from this scenario file (or a name saved under "
                                                         "MARGINAL_DATA_DIR/scenarios) instead of a brief")
    memo.add_argument("--name", help="the scenario of FILE to draft from (needed when it holds several)")
    memo.add_argument("--out", type=Path, action="append", metavar="FILE",
                      help="memo.md, memo.docx or memo.yaml (repeatable; default memo.md)")
    memo.set_defaults(func=run_memo)


def _source(args: argparse.Namespace) -> tuple[Any, str]:
    """The brief's text, or the scenario (and its name) picked from --scenario FILE."""
    from assistant.config import Settings
    from assistant.scenarios.cli import resolve_file
    from assistant.scenarios.loader import load_scenarios

    if bool(args.brief) == bool(args.scenario):
        raise InputError("give a brief or --scenario FILE, one of them.", field="brief",
                         hint="Example: marginal memo \"a $10/month AI add-on for 20,000 users\" or "
                              "marginal memo --scenario memo.yaml")
    if not args.scenario:
        return " ".join(args.brief), "memo"
    file = load_scenarios(resolve_file(args.scenario, Settings()))
    if args.name is None and len(file.names) > 1:
        raise InputError(f"{file.source} holds {len(file.names)} scenarios ({', '.join(file.names)}): pick one with "
                         "--name.", field="name", hint=f"Example: --name {file.names[0]}")
    name = args.name or file.names[0]
    return file.get(name), name


def run_memo(args: argparse.Namespace) -> int:
    """Handler: 0 written, 1 written with unverified numbers, 2 bad brief, scenario file or path."""
    from assistant.agent import Assistant
    from assistant.config import Settings
    from assistant.memo.build import build_memo
    from assistant.memo.files import FORMATS, write_memo

    outs: list[Path] = args.out or [Path("memo.md")]
    bad = [p for p in outs if p.suffix.lower() not in FORMATS]
    if bad:  # before any work: a typo in the file name should not cost a memo build
        print(f"marginal memo: the memo file must end in .md, .docx or .yaml (got {bad[0].name!r}). "
              "Example: --out memo.docx", file=sys.stderr)
        return 2
    try:
        source, name = _source(args)
        assistant = Assistant(Settings())
        memo = build_memo(source, assistant.catalog, assistant.search, name=name)
        paths = [write_memo(memo, path) for path in outs]
    except MarginalError as exc:
        print(f"marginal memo: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {', '.join(map(str, paths))} ({len(memo.sections)} sections, {len(memo.tool_calls)} calculator "
          f"runs, {'all numbers verified' if memo.verified else 'UNVERIFIED: ' + ', '.join(memo.unverified_numbers)}).")
    if (unread := memo.not_understood_note()) is not None:
        print(unread)
    print("\n".join(memo.sections[0].paragraphs[:2]))
    return 0 if memo.verified else 1
