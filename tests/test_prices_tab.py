"""The app's Prices tab logic: a search gives table rows; a picked row gives the name to ask with."""

from __future__ import annotations

from assistant.prices_tab import ASK_AS, HEADERS, MAX_ROWS, picked_name, price_table
from tools.catalog import Catalog


def test_a_search_gives_the_makers_row_first_and_says_how_many_matched() -> None:
    rows, note = price_table(Catalog(), "gpt-4o-mini")
    first = dict(zip(HEADERS, rows[0], strict=True))
    assert (first["Provider"], first["Model (ask as)"], first["Input $/1M"], first["Output $/1M"],
            first["Cache read $/1M"]) == ("openai", "gpt-4o-mini", 0.15, 0.6, 0.075)
    assert f"{len(rows)} models** match 'gpt-4o-mini'" in note and "bundled snapshot" in note


def test_everything_is_capped_and_the_note_says_to_narrow() -> None:
    rows, note = price_table(Catalog())
    assert len(rows) == MAX_ROWS and "narrow the search" in note


def test_a_picked_row_gives_its_ask_as_name_hosted_rows_name_the_host() -> None:
    rows, _ = price_table(Catalog(), "gpt-4o-mini")
    hosted = next(r for r in rows if r[0] != "openai")
    assert picked_name(rows[0]) == "gpt-4o-mini"
    assert picked_name(hosted) == f"{hosted[ASK_AS].split(' on ')[0]} on {hosted[0]}"
    assert Catalog().model(picked_name(hosted) or "").provider == hosted[0]
    assert picked_name(None) is None and picked_name([]) is None
