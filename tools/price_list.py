"""What `marginal prices` and the app's Prices tab show: the catalog as rows, and one model in full.

`list_prices` gives one row per priced model (your file, our overlay, every genai-prices listing),
filtered by a search whose every word must appear in the provider or the model's names, the
maker's own prices before hosted copies. `model_detail` resolves a name the way a question does
and adds what genai-prices holds about it: its price rows over time, long-context tiers,
variants (batch, priority, flex) and the other hosts that sell it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from genai_prices import types
from pydantic import BaseModel, Field

from tools.catalog import Catalog, Priced
from tools.matching import compact, words
from tools.prices import ModelPrice
from tools.result import STALE_AFTER_DAYS, stale_note
from tools.snapshot import Listing

__all__ = ["HistoryRow", "ModelDetail", "PriceRow", "VariantRow", "is_exact_name", "list_prices", "model_detail"]

_SOURCES = {-2: "your prices file", -1: "Marginal overlay"}


class PriceRow(BaseModel):
    """One priced model, USD per 1M tokens."""

    provider: str
    model: str
    input_per_1m: float
    output_per_1m: float
    cache_read_per_1m: float | None
    as_of: date = Field(description="When the price took effect.")
    age_days: int
    stale: bool = Field(description=f"Older than {STALE_AFTER_DAYS} days.")
    tiers: str = Field(description="Long-context tiers, time-of-day prices and variants, in short; '' if none.")
    deprecated: str | None = Field(description="The deprecation warning, if genai-prices marks the model.")
    source: str = Field(description="your prices file, Marginal overlay or genai-prices.")
    ask_as: str = Field(description="The name to use in a question to get this row's price.")


class HistoryRow(BaseModel):
    """One of a model's price rows in genai-prices."""

    when: str
    input_per_1m: float | None
    output_per_1m: float | None
    cache_read_per_1m: float | None


class VariantRow(HistoryRow):
    """A price variant (batch, priority, flex); a missing price is the standard one."""


class ModelDetail(BaseModel):
    """One model as a question would price it, with its history, tiers, variants and other hosts."""

    price: ModelPrice
    row: PriceRow
    history: list[HistoryRow]
    tiers: list[str]
    variants: list[VariantRow]
    other_hosts: list[str]
    how_to_pick: str


def _num(value: object) -> float | None:
    value = getattr(value, "base", value)
    return float(value) if isinstance(value, Decimal | int | float) else None


def _conditional(listing: Listing) -> list[types.ConditionalPrice]:
    return listing.info.prices if isinstance(listing.info.prices, list) else []


def _tiers(listing: Listing) -> list[str]:
    info = listing.info
    rows = [c.prices for c in _conditional(listing)] or ([info.prices] if isinstance(info.prices, types.ModelPrice)
                                                          else [])
    found: dict[str, None] = {}
    for price in rows:
        for unit in ("input_mtok", "output_mtok", "cache_read_mtok"):
            value = getattr(price, unit)
            if isinstance(value, types.TieredPrices):
                for tier in value.tiers:
                    found[f"{unit.removesuffix('_mtok').replace('_', ' ')} above {tier.start:,} input tokens: "
                          f"${float(tier.price):g} per 1M (the whole request)"] = None
    return list(found)


def _variant_names(listing: Listing) -> list[str]:
    return list(dict.fromkeys(v for pv in listing.info.price_variants or [] for v in pv.when.values()
                              if v != "default"))


def _short_tiers(listing: Listing | None) -> str:
    if listing is None:
        return ""
    parts = ["long context"] if _tiers(listing) else []
    if any(isinstance(c.constraint, types.TimeOfDateConstraint) for c in _conditional(listing)):
        parts.append("time of day")
    return ", ".join(parts + _variant_names(listing))


def _source(item: Priced, corrected: set[str]) -> str:
    if item.listing is not None and f"{item.listing.provider.id}/{item.listing.info.id}" in corrected:
        return "Marginal overlay (corrects genai-prices)"
    return _SOURCES.get(item.rank, "genai-prices")


def _row(item: Priced, today: date, corrected: set[str]) -> PriceRow:
    price = item.price
    ask_as = price.model if item.rank <= 0 else f"{price.model} on {price.provider}"
    return PriceRow(provider=price.provider, model=price.model, input_per_1m=price.input_per_1m,
                    output_per_1m=price.output_per_1m, cache_read_per_1m=price.cached_input_per_1m,
                    as_of=price.as_of, age_days=(today - price.as_of).days,
                    stale=stale_note(price.as_of, today) is not None, tiers=_short_tiers(item.listing),
                    deprecated=price.warning, source=_source(item, corrected), ask_as=ask_as)


def _haystack(item: Priced) -> str:
    names = item.listing.names if item.listing else [item.price.model]
    return " ".join([item.price.provider, *names, *(words(n) for n in names)]).lower()


def list_prices(catalog: Catalog, search: str = "", *, on: date | None = None) -> list[PriceRow]:
    """Every priced model whose provider or names hold each word of `search`, maker's prices first.

    Args:
        catalog: the catalog to list.
        search: words to find ("gpt-4o-mini", "claude sonnet", "groq llama"); empty lists everything.
        on: the day whose prices to show (default: the catalog's today).
    """
    day = on or catalog.today
    wanted = words(search).split()
    key = compact(search)
    items = [i for i in catalog.priced(day) if all(w in _haystack(i) for w in wanted)]
    items.sort(key=lambda i: (bool(key) and compact(i.price.model) != key, i.rank > 0, i.rank,
                              i.price.provider, i.price.model))
    corrected = set(catalog.corrections())
    return [_row(i, catalog.today, corrected) for i in items]


def is_exact_name(catalog: Catalog, name: str) -> bool:
    """Whether `name` is exactly a model id, display name or alias the catalog knows."""
    key = compact(name)
    return bool(key) and any(compact(n) == key for n in catalog.model_names())


def _when(constraint: object, default: str = "always") -> str:
    if isinstance(constraint, types.StartDateConstraint):
        return f"from {constraint.start_date.isoformat()}"
    if isinstance(constraint, types.TimeOfDateConstraint):
        return f"daily {constraint.start_time.strftime('%H:%M')}-{constraint.end_time.strftime('%H:%M')} UTC"
    return default


def _history(listing: Listing) -> list[HistoryRow]:
    rows = _conditional(listing) or [types.ConditionalPrice(prices=listing.info.prices)]  # type: ignore[arg-type]
    base = "base (other rows win when they apply)" if len(rows) > 1 else "always"
    return [HistoryRow(when=_when(c.constraint, base), input_per_1m=_num(c.prices.input_mtok),
                       output_per_1m=_num(c.prices.output_mtok), cache_read_per_1m=_num(c.prices.cache_read_mtok))
            for c in rows]


def _variants(listing: Listing) -> list[VariantRow]:
    out = []
    for v in listing.info.price_variants or []:
        label = ", ".join(f"{k}={val}" for k, val in v.when.items())
        if set(v.when.values()) == {"default"}:
            continue
        since = f" ({_when(v.constraint)})" if v.constraint else ""
        out.append(VariantRow(when=label + since, input_per_1m=_num(v.prices.input_mtok),
                              output_per_1m=_num(v.prices.output_mtok),
                              cache_read_per_1m=_num(v.prices.cache_read_mtok)))
    return out


def model_detail(catalog: Catalog, name: str, *, on: date | None = None) -> ModelDetail:
    """One model priced as a question would price it; raises `UnknownModelError` with close names.

    Args:
        catalog: the catalog to look in.
        name: the model as written ("gpt-4o-mini", "claude sonnet", "llama 3 70b on groq").
        on: the day whose price to use (default: the catalog's today).
    """
    price = catalog.model(name, on=on)
    priced = catalog.priced(on)
    item = next((i for i in priced if (i.price.provider, i.price.model) == (price.provider, price.model)),
                Priced(-2 if price.provider == "override" else -1, price, None))
    listing = item.listing
    hosts = sorted({f"{i.price.model} on {i.price.provider}" for i in priced if i.listing is not None
                    and listing is not None and i.listing.info.id == listing.info.id
                    and i.price.provider != price.provider})
    pick = (f"Name a host to price it there, e.g. '{hosts[0]}'; " if hosts else "") + \
        f"`marginal prices {words(price.model).split()[0]}` lists every model with that word."
    row = _row(item, catalog.today, set(catalog.corrections()))
    if row.source.endswith("(corrects genai-prices)"):
        pick = "Marginal's overlay (tools/data/prices.yaml) corrects genai-prices here: the history is genai-prices' " \
               "own rows, the price used is the overlay's. " + pick
    return ModelDetail(price=price, row=row, history=_history(listing) if listing else [],
                       tiers=_tiers(listing) if listing else [], variants=_variants(listing) if listing else [],
                       other_hosts=hosts, how_to_pick=pick)
