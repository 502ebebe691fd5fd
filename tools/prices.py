"""A catalog entry for a model: what each part of a bill costs, with where the prices came from.

`TokenRates` holds every billed component in USD per 1M tokens (input, output, cache read, cache
write for 5 minutes and for 1 hour, reasoning), a per-request fee, and long-context tiers (past a
tier's threshold of input tokens the WHOLE request bills at the tier's rates). `ModelPrice` adds
provenance and the service-tier variants (batch, flex, priority) the catalog holds for the model.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from tools import fmt
from tools.result import Source, stale_note

__all__ = ["RATE_FIELDS", "ContextTier", "ModelPrice", "TokenRates"]

RATE_FIELDS = ("input_per_1m", "output_per_1m", "cached_input_per_1m", "cache_write_per_1m",
               "cache_write_1h_per_1m", "reasoning_per_1m")
"""The token components of a bill; a component left None bills as its fallback (see `TokenRates.rate`)."""


class ContextTier(BaseModel):
    """Rates for a request with more than `above_input_tokens` input tokens; None keeps the base rate."""

    above_input_tokens: int = Field(gt=0, description="Input tokens per request past which this tier applies.")
    input_per_1m: float | None = Field(default=None, ge=0)
    output_per_1m: float | None = Field(default=None, ge=0)
    cached_input_per_1m: float | None = Field(default=None, ge=0)
    cache_write_per_1m: float | None = Field(default=None, ge=0)
    cache_write_1h_per_1m: float | None = Field(default=None, ge=0)


class TokenRates(BaseModel):
    """Every billed component of a request, USD per 1M tokens (the per-request fee in USD)."""

    input_per_1m: float = Field(ge=0)
    output_per_1m: float = Field(ge=0)
    cached_input_per_1m: float | None = Field(default=None, ge=0, description="Cache read (cache hit).")
    cache_write_per_1m: float | None = Field(default=None, ge=0, description="Cache write, 5-minute lifetime.")
    cache_write_1h_per_1m: float | None = Field(default=None, ge=0, description="Cache write, 1-hour lifetime.")
    reasoning_per_1m: float | None = Field(default=None, ge=0, description="Reasoning tokens; None bills them as "
                                                                          "output.")
    request_usd: float = Field(default=0.0, ge=0, description="Fee per request, USD.")
    long_context: list[ContextTier] = Field(default_factory=list, description="Long-context tiers, lowest first.")

    def rate(self, name: str) -> float:
        """The rate of one component: cache read and writes fall back to input, reasoning to output."""
        value = getattr(self, name)
        if value is not None:
            return float(value)
        return self.output_per_1m if name == "reasoning_per_1m" else self.input_per_1m

    def tier_for(self, input_tokens: float) -> ContextTier | None:
        """The long-context tier a request of `input_tokens` input tokens falls in, if any."""
        return next((t for t in sorted(self.long_context, key=lambda t: -t.above_input_tokens)
                     if input_tokens > t.above_input_tokens), None)

    def at(self, input_tokens: float) -> TokenRates:
        """These rates for a request of `input_tokens` input tokens: the whole request at its tier's rates."""
        tier = self.tier_for(input_tokens)
        if tier is None:
            return self
        update = {k: v for k, v in tier.model_dump().items() if k != "above_input_tokens" and v is not None}
        return self.model_copy(update={**update, "long_context": []})

    def scaled(self, factor: float) -> TokenRates:
        """Every token rate (and each tier's) times `factor`; the per-request fee is unchanged."""
        def times(data: dict[str, float | None]) -> dict[str, float | None]:
            return {k: (v * factor if isinstance(v, int | float) and k in RATE_FIELDS else v) for k, v in data.items()}
        tiers = [ContextTier(**times(t.model_dump())) for t in self.long_context]
        return self.model_copy(update={**times(self.model_dump(include=set(RATE_FIELDS))), "long_context": tiers})


class ModelPrice(TokenRates):
    """A model's prices with provenance and the service tiers the catalog holds for it."""

    model: str
    provider: str
    as_of: date = Field(description="When this price took effect (the price row's own start date).")
    origin: str
    checked: date | None = Field(default=None, description="When we last checked the catalog it came from.")
    url: str | None = None
    notes: list[str] = Field(default_factory=list, description="Which model or host was picked, and why.")
    warning: str | None = Field(default=None, description="Deprecated or shut down.")
    service_tiers: dict[str, TokenRates] = Field(default_factory=dict, description="batch, flex or priority rates "
                                                                                   "from the catalog.")

    def rates(self) -> TokenRates:
        """The standard-tier rates alone."""
        return TokenRates(**self.model_dump(include=set(TokenRates.model_fields)))

    def source(self, today: date | None = None) -> Source:
        """The audit record for this price."""
        price = f"{fmt.money(self.input_per_1m)} input / {fmt.money(self.output_per_1m)} output per 1M tokens"
        extras = [f"{fmt.money(v)} {label}" for label, v in (
            ("cached input", self.cached_input_per_1m), ("cache write (5 min)", self.cache_write_per_1m),
            ("cache write (1 h)", self.cache_write_1h_per_1m), ("reasoning", self.reasoning_per_1m)) if v is not None]
        if self.request_usd:
            extras.append(f"{fmt.money(self.request_usd)} per request")
        if extras:
            price += f" ({', '.join(extras)})"
        return Source(provider=self.provider, model=self.model, price=price, as_of=self.as_of, origin=self.origin,
                      stale_note=stale_note(self.as_of, today or date.today()), checked=self.checked,
                      url=self.url, notes=self.notes, warning=self.warning)
