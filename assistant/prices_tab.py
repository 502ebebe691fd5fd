"""The app's Prices tab: the catalog as a searchable table; a picked row goes to the chat box.

`app.py` lays out the components; this module turns a search into table rows
(`tools.price_list` does the listing) and a selected row into the name a question should use.
"""

from __future__ import annotations

from typing import Any, Literal

from tools.catalog import Catalog
from tools.price_list import PriceRow, list_prices

__all__ = ["ASK_AS", "HEADERS", "MAX_ROWS", "picked_name", "price_table"]

HEADERS = ["Provider", "Model (ask as)", "Input $/1M", "Output $/1M", "Cache read $/1M", "As of", "Age (days)",
           "Stale", "Deprecated", "Tiers / variants", "Source"]
DATATYPES: list[Literal["str", "number"]] = ["str", "str", "number", "number", "number", "str", "number",
                                             "str", "str", "str", "str"]
ASK_AS = HEADERS.index("Model (ask as)")
MAX_ROWS = 300  # a browser table stays quick; the count line says when the search should narrow


def _cells(row: PriceRow) -> list[Any]:
    return [row.provider, row.ask_as, row.input_per_1m, row.output_per_1m, row.cache_read_per_1m,
            row.as_of.isoformat(), row.age_days, "stale" if row.stale else "", "deprecated" if row.deprecated else "",
            row.tiers, row.source]


def price_table(catalog: Catalog, search: str = "") -> tuple[list[list[Any]], str]:
    """(table rows, a line saying how many matched and which data is in use) for a search."""
    rows = list_prices(catalog, search)
    shown = rows[:MAX_ROWS]
    found = f"**{len(rows):,} models**" + (f" match '{search.strip()}'" if search.strip() else "")
    more = f" (the first {MAX_ROWS} shown: narrow the search)" if len(rows) > MAX_ROWS else ""
    note = (f"{found}{more}. USD per 1M tokens; data: {catalog.snapshot.label}, checked "
            f"{catalog.checked.isoformat()}. Click a row to put its model in the chat box; sort by a column's "
            "header. Your own prices: the settings' price overrides or MARGINAL_PRICES_FILE.")
    return [_cells(r) for r in shown], note


def picked_name(row: list[Any] | None) -> str | None:
    """The model name a question should use for a selected row, None when no row was given."""
    if not row or len(row) <= ASK_AS or not str(row[ASK_AS]).strip():
        return None
    return str(row[ASK_AS])
