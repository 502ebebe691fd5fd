"""genai-prices' bundled snapshot, read the way genai-prices reads it.

The price of a model on a day is the row `ModelInfo.get_prices` picks for that day (never simply
the last row). A model with time-of-day rows (DeepSeek's peak and off-peak hours) is priced at
the row in force for most of the day, and the other rows are named in a note. Which provider
makes a model comes from genai-prices' own provider match rules (claude-* -> anthropic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache, cached_property
from itertools import pairwise
from typing import Any

from genai_prices import __version__, data_snapshot, types

from tools import fmt
from tools.prices import ContextTier, TokenRates

__all__ = ["SERVICE_TIERS", "Listing", "Row", "Snapshot", "bundled"]

_DAY = 24 * 60
# Providers whose genai-prices model rules match their own platform's ids, not a maker's models.
_PLATFORMS = frozenset({"cloudflare", "databricks", "fireworks", "cerebras", "github-copilot", "cursor"})
# Our names for hosts that genai-prices' provider rules do not catch.
# genai-prices' request contexts of the service tiers we price (its `PriceContext` keys and values).
SERVICE_TIERS = {"batch": {"processing": "batch"}, "flex": {"service_tier": "flex"},
                 "priority": {"service_tier": "priority"}}
# genai-prices' price keys -> our component names.
_KEYS = {"input_mtok": "input_per_1m", "output_mtok": "output_per_1m", "cache_read_mtok": "cached_input_per_1m",
         "cache_write_mtok": "cache_write_per_1m", "cache_write_1h_mtok": "cache_write_1h_per_1m",
         "output_reasoning_mtok": "reasoning_per_1m"}
_HOST_NAMES = {"vertex": "google", "vertex ai": "google", "gcp": "google", "together ai": "together",
               "togetherai": "together", "together": "together", "azure openai": "azure", "x ai": "x-ai",
               "bedrock": "aws", "amazon bedrock": "aws", "fireworks ai": "fireworks", "groqcloud": "groq"}


class Snapshot:
    """One genai-prices data set: the bundled snapshot, or a newer one saved by `marginal prices update`."""

    def __init__(self, data: data_snapshot.DataSnapshot, *, fetched: date | None = None, label: str = "") -> None:
        self.data = data
        self.fetched = fetched  # the day a saved file was fetched; None for the bundled snapshot
        self.label = label or f"genai-prices {__version__} bundled snapshot"
        self._makers: dict[str, str | None] = {}

    @property
    def providers(self) -> list[types.Provider]:
        """Every provider in the data set."""
        return self.data.providers

    def find_host(self, name: str) -> types.Provider | None:
        """A provider by id, by genai-prices' provider rules, or by a common name ('bedrock', 'vertex')."""
        key = name.strip().lower()
        key = _HOST_NAMES.get(key, key)
        return data_snapshot.find_provider_by_id(self.providers, key)

    def maker_of(self, model_id: str) -> str | None:
        """The provider that makes a model, by genai-prices' model match rules.

        None for open-weight models that no maker sells through its own API (Llama).
        """
        if model_id not in self._makers:
            base = model_id.lower().split("/")[-1]
            self._makers[model_id] = next(
                (p.id for p in self.providers if p.id not in _PLATFORMS and p.model_match is not None
                 and p.model_match.is_match(base)), None)
        return self._makers[model_id]

    def find_by_rules(self, ref: str, provider: types.Provider | None = None) -> Listing | None:
        """The model genai-prices itself matches to an API id (its provider and model rules), if any."""
        if provider is not None:
            info = provider.find_model(ref, all_providers=self.providers)
            return Listing(provider, info, self) if info is not None else None
        try:
            found, model = self.data.find_provider_model(ref, None, None, None)
        except LookupError:
            return None
        return Listing(found, model, self)

    @cached_property
    def listings(self) -> tuple[Listing, ...]:
        """Every model of every provider in the data set."""
        return tuple(Listing(p, m, self) for p in self.providers for m in p.models)


@cache
def bundled() -> Snapshot:
    """The snapshot bundled with the installed genai-prices."""
    return Snapshot(data_snapshot.get_snapshot())


def _num(value: Any) -> float | None:
    value = getattr(value, "base", value)  # tiered prices: the base tier
    return float(value) if isinstance(value, Decimal | int | float) else None


def _minute(t: time) -> int:
    if t.tzinfo is not None:
        t = datetime.combine(date(2000, 1, 1), t).astimezone(UTC).time()
    return t.hour * 60 + t.minute


def _window(a: int, b: int) -> str:
    return f"{a // 60:02d}:{a % 60:02d}-{b // 60 % 24:02d}:{b % 60:02d}"


def rates_of(price: types.ModelPrice) -> TokenRates | None:
    """Every component genai-prices prices for a row (tiers included); None without input and output prices."""
    base = {ours: _num(getattr(price, key, None)) for key, ours in _KEYS.items()}
    if base["input_per_1m"] is None or base["output_per_1m"] is None:
        return None
    starts = sorted({t.start for key in _KEYS if isinstance(v := getattr(price, key, None), types.TieredPrices)
                     for t in v.tiers})
    tiers = []
    for start in starts:  # genai-prices: past `start` input tokens the whole request bills at the tier's rate
        tier = {ours: float(next(t.price for t in reversed(v.tiers) if t.start <= start))
                for key, ours in _KEYS.items() if ours != "reasoning_per_1m"
                and isinstance(v := getattr(price, key, None), types.TieredPrices)
                and any(t.start <= start for t in v.tiers)}
        tiers.append(ContextTier(above_input_tokens=start, **tier))
    requests = _num(getattr(price, "requests_kcount", None))
    return TokenRates(**base, request_usd=(requests or 0.0) / 1000, long_context=tiers)


@dataclass(frozen=True)
class Row:
    """A model's prices in force on a day, USD per 1M tokens, with its service-tier variants."""

    input: float
    output: float
    cached: float | None
    start: date | None  # the row's own start date; None when the snapshot gives none
    notes: tuple[str, ...]
    rates: TokenRates
    variants: dict[str, TokenRates]


@dataclass(frozen=True, eq=False)
class Listing:
    """One model as one provider sells it."""

    provider: types.Provider
    info: types.ModelInfo
    source: Snapshot

    @cached_property
    def maker(self) -> str | None:
        """The maker's provider id (by genai-prices' rules); None when no maker sells the model."""
        return self.source.maker_of(self.info.id)

    @property
    def first_party(self) -> bool:
        """Sold by its maker."""
        return self.maker == self.provider.id

    @property
    def names(self) -> list[str]:
        """The model's id and, when different, its display name."""
        name = self.info.name
        return [self.info.id, name] if name and name != self.info.id else [self.info.id]

    def warning(self) -> str | None:
        """A visible warning when genai-prices marks the model deprecated, shut down or retired."""
        comments = self.info.price_comments or ""
        if not (self.info.deprecated or re.match(r"Retired on \d{4}-\d\d-\d\d", comments)):
            return None
        state = "shut down" if re.search(r"shut down|retired", comments, re.IGNORECASE) else "deprecated"
        return (f"{self.provider.name} lists {self.info.id} as {state} (marked in genai-prices): it may no "
                f"longer be served. Price a current model instead.")

    def _rows(self) -> list[types.ConditionalPrice]:
        return self.info.prices if isinstance(self.info.prices, list) else []

    def _at(self, day: date, minute: int) -> types.ModelPrice:
        moment = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=UTC)
        return self.info.get_prices(moment, price_context=None)

    def _by_time_of_day(self, day: date) -> list[tuple[types.ModelPrice, int, list[str]]]:
        """Each price in force on `day`, with its minutes of the day and its UTC windows, longest first."""
        marks = {0, _DAY}
        for row in self._rows():
            if isinstance(row.constraint, types.TimeOfDateConstraint):
                marks |= {_minute(row.constraint.start_time), _minute(row.constraint.end_time)}
        edges = sorted(marks)
        found: dict[str, tuple[types.ModelPrice, int, list[str]]] = {}
        for a, b in pairwise(edges):
            price = self._at(day, (a + b) // 2)
            key = repr(price)  # equal prices in two rows (two peak windows) are one price
            first, minutes, windows = found.get(key, (price, 0, []))
            found[key] = (first, minutes + b - a, [*windows, _window(a, b)])
        return sorted(found.values(), key=lambda f: -f[1])

    def _start(self, price: types.ModelPrice) -> date | None:
        for row in self._rows():
            if row.prices is price and isinstance(row.constraint, types.StartDateConstraint):
                return row.constraint.start_date
        return None

    def _next_change(self, day: date) -> str | None:
        later = sorted((r.constraint.start_date, r.prices) for r in self._rows()
                       if isinstance(r.constraint, types.StartDateConstraint) and r.constraint.start_date > day)
        if not later:
            return None
        start, prices = later[0]
        inp, out = _num(prices.input_mtok), _num(prices.output_mtok)
        if inp is None or out is None:
            return None
        return (f"From {start.isoformat()} the snapshot lists a new price: {fmt.money(inp)} input / "
                f"{fmt.money(out)} output per 1M tokens (ask for that date to price it).")

    def row(self, day: date) -> Row | None:
        """The prices in force on `day`; None when the model is not priced per token (or is free)."""
        (main, _, _), *others = self._by_time_of_day(day)
        inp, out = _num(main.input_mtok), _num(main.output_mtok)
        if inp is None or out is None or (inp == 0 and out == 0):
            return None  # not a token-priced text model, or a free promo: never a silent $0
        notes = [_time_of_day_note(price, windows) for price, _, windows in others]
        notes += [n for n in (_tier_note(main), self._next_change(day)) if n]
        rates = rates_of(main)
        assert rates is not None  # input and output are priced (checked above)
        return Row(inp, out, _num(main.cache_read_mtok), self._start(main), tuple(n for n in notes if n),
                   rates, self._variants(day))

    def _variants(self, day: date) -> dict[str, TokenRates]:
        """The batch, flex and priority rates genai-prices holds for the model on `day` (merged on the standard)."""
        moment = datetime.combine(day, time(12), tzinfo=UTC)
        out: dict[str, TokenRates] = {}
        for tier, context in SERVICE_TIERS.items():
            active = [v for v in self.info.price_variants or () if v.when == context
                      and (v.constraint is None or v.constraint.active(moment))]
            if active and (rates := rates_of(self.info.get_prices(moment, price_context=context))) is not None:
                out[tier] = rates
        return out


def _time_of_day_note(price: types.ModelPrice, windows: list[str]) -> str:
    inp, out = _num(price.input_mtok), _num(price.output_mtok)
    return (f"Time-of-day pricing: {fmt.money(inp or 0)} input / {fmt.money(out or 0)} output per 1M tokens "
            f"during {', '.join(windows)} UTC; the price shown holds for the rest of the day.")


def _tier_note(price: types.ModelPrice) -> str | None:
    tiered = [(k, v) for k, v in (("input", price.input_mtok), ("output", price.output_mtok))
              if isinstance(v, types.TieredPrices) and v.tiers]
    if not tiered:
        return None
    start = tiered[0][1].tiers[0].start
    rates = " / ".join(f"{fmt.money(float(v.tiers[0].price))} {k}" for k, v in tiered)
    return (f"Long-context tier: a request with more than {start:,} input tokens bills whole at {rates} "
            f"per 1M tokens; the calculators apply it when a request's input tokens pass {start:,}.")
