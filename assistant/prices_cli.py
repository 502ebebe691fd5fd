"""`marginal prices`: list model prices, show one model, or update the genai-prices data.

`marginal prices [SEARCH]` lists, `marginal prices MODEL` (a model's exact name, or a loose name no
search matches) shows one model, `marginal prices update` fetches newer data. Exit codes: 0 done;
1 `update` could not fetch (the message says which data stays in use); 2 an unknown model or a
setting to fix (the message says how).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.config import Settings
from assistant.price_update import DEFAULT_UPDATE_URL, TIMEOUT_S, update
from tools import fmt
from tools.catalog import Catalog
from tools.errors import MarginalError, UnknownModelError
from tools.price_list import ModelDetail, PriceRow, is_exact_name, list_prices, model_detail

__all__ = ["register", "run_prices"]

_LIMIT = 40


def register(subparsers: Any) -> None:
    """Add the `prices` subcommand to an argparse subparsers object."""
    prices = subparsers.add_parser(
        "prices", help="list model prices (SEARCH), show one MODEL, or `update` the price data",
        description="List the models the catalog prices (filtered by SEARCH), show one MODEL in full "
                    "(price rows over time, tiers, batch and other variants, other hosts), or `update` "
                    "to fetch genai-prices' newest data into MARGINAL_DATA_DIR.")
    prices.add_argument("query", nargs="*", metavar="SEARCH | MODEL | update", help="words to find, or a model")
    prices.add_argument("--json", action="store_true", help="print JSON (every matching row)")
    prices.add_argument("--list", action="store_true", help="list matches even when SEARCH is a model's exact name")
    prices.add_argument("--limit", type=int, default=_LIMIT, help=f"table rows shown (default {_LIMIT}; 0 for all)")
    prices.add_argument("--timeout", type=float, default=TIMEOUT_S, help="update: seconds to wait for the network")
    prices.add_argument("--url", default=DEFAULT_UPDATE_URL, help="update: where to fetch genai-prices data from")
    prices.set_defaults(func=run_prices)


def run_prices(args: argparse.Namespace) -> int:
    """Handle `marginal prices`."""
    try:
        settings = Settings()
        if args.query == ["update"]:
            outcome = update(settings.data_dir, url=args.url, timeout_s=args.timeout)
            print(("marginal: " if not outcome.updated else "") + outcome.message,
                  file=sys.stdout if outcome.updated else sys.stderr)
            return 0 if outcome.updated else 1
        catalog = Catalog(settings.prices_file, data_dir=settings.data_dir)
        text = " ".join(args.query).strip()
        rows = [] if text and not args.list and is_exact_name(catalog, text) else list_prices(catalog, text)
        if rows or args.list or not text:
            _show_list(rows, text, catalog, args)
        else:
            _show_detail(model_detail(catalog, text), args.json)
    except UnknownModelError as exc:
        print(f"marginal: {exc} Or search: `marginal prices {text.split()[0] if text else 'gpt'}`.",
              file=sys.stderr)
        return 2
    except MarginalError as exc:
        print(f"marginal: {exc}", file=sys.stderr)
        return 2
    return 0


def _console() -> Any:
    from rich.console import Console

    return Console(width=max(Console().width, 120))


def _money(value: float | None) -> str:
    return "-" if value is None else fmt.money(value)


def _age(row: PriceRow) -> str:
    return f"{row.age_days:,} d" + (" STALE" if row.stale else "")


def _show_list(rows: list[PriceRow], text: str, catalog: Catalog, args: argparse.Namespace) -> None:
    if args.json:
        print("[" + ",".join(r.model_dump_json() for r in rows) + "]")
        return
    from rich.table import Table

    console = _console()
    found = f"{len(rows):,} models" + (f" match '{text}'" if text else "")
    console.print(f"{found}. Data: {catalog.snapshot.label}, checked {catalog.checked.isoformat()}. "
                  "USD per 1M tokens.")
    if not rows:
        return
    table = Table(show_lines=False)
    for col in ("Provider", "Model (ask as)", "Input", "Output", "Cache read", "As of", "Age", "Tiers / variants"):
        table.add_column(col, justify="right" if col in {"Input", "Output", "Cache read", "Age"} else "left")
    shown = rows if args.limit <= 0 else rows[:args.limit]
    for r in shown:
        notes = ", ".join(n for n in (r.tiers, "DEPRECATED" if r.deprecated else "",
                                      "" if r.source == "genai-prices" else r.source) if n)
        table.add_row(r.provider, r.ask_as, _money(r.input_per_1m), _money(r.output_per_1m),
                      _money(r.cache_read_per_1m), r.as_of.isoformat(), _age(r), notes)
    console.print(table)
    if len(shown) < len(rows):
        console.print(f"... and {len(rows) - len(shown):,} more: narrow the search, or --limit 0 for all.")
    console.print("One model in full: `marginal prices MODEL`. Your own prices: MARGINAL_PRICES_FILE.")


def _show_detail(detail: ModelDetail, as_json: bool) -> None:
    if as_json:
        print(detail.model_dump_json())
        return
    from rich.table import Table

    console, p, r = _console(), detail.price, detail.row
    console.print(f"[bold]{p.model}[/bold] at {p.provider} ({r.source})")
    cache = f" / {_money(p.cached_input_per_1m)} cache read" if p.cached_input_per_1m is not None else ""
    console.print(f"  {_money(p.input_per_1m)} input / {_money(p.output_per_1m)} output{cache} per 1M tokens, "
                  f"as of {p.as_of.isoformat()} ({_age(r)})", highlight=False)
    console.print(f"  Source: {p.origin}" + (f" {p.url}" if p.url else ""), highlight=False)
    for note in p.notes:
        console.print(f"  Note: {note}", highlight=False)
    if p.warning:
        console.print(f"  [yellow]Warning: {p.warning}[/yellow]", highlight=False)
    for title, items in (("Price rows over time (genai-prices)", detail.history), ("Variants", detail.variants)):
        if items:
            table = Table(title=title, title_justify="left")
            for col in ("When", "Input", "Output", "Cache read"):
                table.add_column(col)
            for h in items:
                table.add_row(h.when, _money(h.input_per_1m), _money(h.output_per_1m), _money(h.cache_read_per_1m))
            console.print(table)
    for tier in detail.tiers:
        console.print(f"  Long-context tier: {tier}", highlight=False)
    if detail.other_hosts:
        console.print(f"  Also sold as: {', '.join(detail.other_hosts)}", highlight=False)
    console.print(f"  To pick another: {detail.how_to_pick}", highlight=False)
