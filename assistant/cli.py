"""The `marginal` command line (also `python -m assistant`)."""

from __future__ import annotations

import argparse
import importlib
import sys
import tomllib
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path

__all__ = ["COMMANDS_GROUP", "main", "plugin_commands"]

COMMANDS_GROUP = "marginal.commands"
"""Entry-point group of subcommands other packages add (`marginal eval` from evals/), so assistant/ never imports
them: `[project.entry-points."marginal.commands"]` in pyproject.toml maps a name to its `register(subparsers)`."""


def _print_answer(answer: object, as_json: bool) -> None:
    from assistant.answer import Answer

    assert isinstance(answer, Answer)
    if as_json:
        print(answer.model_dump_json())
        return
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console()
    for call in answer.tool_calls:
        status = f"error: {call.error}" if call.error else "ok"
        console.print(f"[dim]> {call.name}({', '.join(f'{k}={v}' for k, v in call.args.items())}) {status}[/dim]")
    console.print(Markdown(answer.answer))
    if not answer.verified:
        console.print(f"[yellow]Unverified numbers: {', '.join(answer.unverified_numbers)}[/yellow]")
    u = answer.usage
    if u.llm_calls:
        cost = f"${u.cost_usd:.6f}" if u.cost_usd is not None else "price unknown"
        tokens = f"{u.input_tokens} in / {u.output_tokens} out tokens"
        console.print(f"[dim]LLM: {u.llm_calls} calls, {tokens}, {cost}[/dim]")


def _ask(args: argparse.Namespace) -> int:
    from assistant.agent import Assistant
    from assistant.config import Settings
    from tools.errors import MarginalError

    try:
        assistant = Assistant(Settings())
    except MarginalError as exc:
        print(f"marginal: {exc}", file=sys.stderr)
        return 2
    answer = assistant.ask(" ".join(args.question), session_id=args.session)
    _print_answer(answer, args.json)
    if args.session and not args.json and assistant.settings.model_kind != "offline":
        total = assistant.session_usage(args.session)
        cost = "price unknown" if total.cost_usd is None else f"${total.cost_usd:.6f}"
        print(f"Session {args.session}: {total.llm_calls} LLM calls, {total.input_tokens} in / "
              f"{total.output_tokens} out tokens, {cost}")
    return 1 if answer.error and not args.json else 0


def build_parser() -> argparse.ArgumentParser:
    """The CLI's argument parser (subcommands register themselves here)."""
    parser = argparse.ArgumentParser(prog="marginal", description="Exact, auditable economics of AI products.")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="ask a question")
    ask.add_argument("question", nargs="+", help="the question, in plain words")
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")
    ask.add_argument("--session", help="continue the conversation called NAME")
    ask.set_defaults(func=_ask)
    try:
        from assistant import ingest_cli
    except ImportError:  # the knowledge CLI is optional while it is being built
        pass
    else:
        ingest_cli.register(sub)
    from assistant import prices_cli
    from assistant.memo import cli as memo_cli
    from assistant.scenarios import cli as scenario_cli

    memo_cli.register(sub)
    prices_cli.register(sub)
    scenario_cli.register(sub)
    for target in plugin_commands().values():
        module, _, register = target.partition(":")
        getattr(importlib.import_module(module), register)(sub)
    return parser


def plugin_commands() -> dict[str, str]:
    """Subcommands registered in `COMMANDS_GROUP`: name -> 'module:register'.

    From the installed package's metadata, and from pyproject.toml when running from a source checkout
    (whose metadata may be missing or older than the checkout).
    """
    found = {ep.name: ep.value for ep in entry_points(group=COMMANDS_GROUP)}
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        declared = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        found |= declared.get("entry-points", {}).get(COMMANDS_GROUP, {})
    return dict(sorted(found.items()))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the edge: a bug is reported, never shown as a traceback
        import os

        if os.environ.get("MARGINAL_DEBUG"):
            raise
        print(f"marginal: internal error ({type(exc).__name__}). This is a bug in Marginal; "
              "run again with MARGINAL_DEBUG=1 for the details.", file=sys.stderr)
        return 3
