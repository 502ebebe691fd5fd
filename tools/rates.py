"""From a `Pricing` input to the rates a bill is computed with, every choice stated.

The catalog's own prices come first: a model's cache-write, reasoning and per-request prices, its
long-context tiers and its batch/flex/priority variants (genai-prices). Where the catalog has no
price for the requested service tier, the dated, sourced multiplier of `data/service_tiers.yaml`
applies; where neither has one, the error says what to give instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from tools import fmt
from tools.catalog import Catalog
from tools.errors import InputError
from tools.overlay import read_yaml
from tools.prices import ContextTier, ModelPrice, TokenRates
from tools.pricing import Pricing, ServiceTier
from tools.result import Source
from tools.units import UNIT_LABEL, price_in_unit, price_per_token

__all__ = ["TIERS_FILE", "Resolved", "TierRule", "blended_per_1m", "resolve", "tier_rules"]

TIERS_FILE = Path(__file__).parent / "data" / "service_tiers.yaml"


@dataclass(frozen=True)
class TierRule:
    """One row of the service-tier table: a provider's multiplier for a tier, dated and sourced."""

    provider: str
    tier: str
    multiplier: float
    as_of: date
    source: str
    url: str | None = None


@cache
def tier_rules() -> tuple[TierRule, ...]:
    """The service-tier table (`data/service_tiers.yaml`)."""
    return tuple(TierRule(**row) for row in read_yaml(TIERS_FILE)["tiers"])


@dataclass
class Resolved:
    """The rates of a `Pricing`, in USD per 1M tokens, with how they were chosen."""

    rates: TokenRates
    label: str
    blended: bool  # one price for every token
    entry: ModelPrice | None = None
    sources: list[Source] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)


def _per_1m(value: float | None, p: Pricing) -> float | None:
    return None if value is None else price_in_unit(price_per_token(value, p.price_unit), "per_1m")


def _given(p: Pricing) -> Resolved:
    """Rates from prices the user gave (converted to per 1M tokens)."""
    unit = UNIT_LABEL[p.price_unit]
    long = [] if p.long_context_threshold is None else [ContextTier(
        above_input_tokens=p.long_context_threshold, input_per_1m=_per_1m(p.long_context_input_price, p),
        output_per_1m=_per_1m(p.long_context_output_price, p))]
    parts = {"cached_input_per_1m": _per_1m(p.cached_input_price, p),
             "cache_write_per_1m": _per_1m(p.cache_write_price, p),
             "cache_write_1h_per_1m": _per_1m(p.cache_write_1h_price, p),
             "request_usd": p.request_price_usd or 0.0, "long_context": long}
    if p.price is not None:
        one = _per_1m(p.price, p) or 0.0
        return Resolved(TokenRates(input_per_1m=one, output_per_1m=one, **parts),
                        f"{fmt.money(p.price)} {unit}", blended=True)
    rates = TokenRates(input_per_1m=_per_1m(p.input_price, p) or 0.0, output_per_1m=_per_1m(p.output_price, p) or 0.0,
                       **parts)
    return Resolved(rates, f"{fmt.money(p.input_price or 0)} in / {fmt.money(p.output_price or 0)} out {unit}",
                    blended=False)


def _from_catalog(p: Pricing, catalog: Catalog) -> Resolved:
    entry = catalog.model(p.model or "")
    found = Resolved(entry.rates(), entry.model, blended=False, entry=entry, sources=[entry.source(catalog.today)])
    found.assumptions.append(f"Prices of {entry.model} ({entry.provider}) from the catalog, as of {entry.as_of}.")
    return found


def _tier(found: Resolved, tier: ServiceTier) -> Resolved:
    """Apply the service tier: the catalog's variant, else the table's sourced multiplier, else an error."""
    if tier is ServiceTier.standard:
        return found
    entry = found.entry
    if entry is not None and tier.value in entry.service_tiers:
        found.rates = entry.service_tiers[tier.value]
        found.label += f" ({tier.value})"
        found.assumptions.append(f"{tier.value.capitalize()} prices of {entry.model} from the catalog (genai-prices' "
                                 f"{tier.value} variant): {fmt.money(found.rates.input_per_1m)} input / "
                                 f"{fmt.money(found.rates.output_per_1m)} output per 1M tokens.")
        return found
    provider = entry.provider if entry is not None else "any"
    rule = next((r for r in tier_rules() if r.provider == provider and r.tier == tier.value), None)
    if rule is None:
        whose = f"{entry.model} ({entry.provider})" if entry is not None else "a price you give"
        raise InputError(f"no {tier.value} price for {whose}: the catalog has no {tier.value} variant and the "
                         f"service-tier table has no {tier.value} multiplier for it.", field="service_tier",
                         value=tier.value, hint=f"Give the {tier.value} prices themselves (input_price and "
                                                f"output_price) with service_tier 'standard', or another tier.")
    found.rates = found.rates.scaled(rule.multiplier)
    found.label += f" ({tier.value})"
    whose = f"{entry.provider}'s" if entry is not None else "the common"
    base = "the catalog's standard price" if entry is not None else "the standard price you gave"
    found.assumptions.append(f"{tier.value.capitalize()} is priced at {fmt.number(rule.multiplier)} x {base} "
                             f"({whose} {tier.value} rule in Marginal's service-tier table, as of {rule.as_of}: "
                             f"{rule.source})")
    found.sources.append(Source(provider=rule.provider, model=f"{tier.value} tier",
                                price=f"{fmt.number(rule.multiplier)} x the standard price", as_of=rule.as_of,
                                origin=f"Marginal service-tier table: {rule.source}", url=rule.url))
    return found


def resolve(p: Pricing, catalog: Catalog) -> Resolved:
    """The rates of `p`: the prices given (a blended price first), else the catalog model's; then its tier."""
    if p.price is None and p.input_price is None and p.model is None:
        raise InputError("give a price (e.g. '$0.002 per 1K tokens') or a model name (e.g. 'gpt-4o-mini').",
                         field="price", hint="Example: price 2, price_unit per_1m; or model 'gpt-4o-mini'.")
    found = _given(p) if (p.price is not None or p.input_price is not None) else _from_catalog(p, catalog)
    return _tier(found, p.service_tier)


def blended_per_1m(found: Resolved, input_share: float, tokens_per_request: float | None = None) -> float:
    """One $ per 1M tokens for `input_share` input tokens.

    With the request size known, a request past a long-context threshold bills at the tier's rates
    and a per-request fee is spread over the request's tokens.
    """
    tokens = tokens_per_request or 0.0
    rates = found.rates.at(tokens * input_share)
    fee = rates.request_usd / tokens * 1e6 if tokens else 0.0
    return input_share * rates.input_per_1m + (1 - input_share) * rates.output_per_1m + fee
