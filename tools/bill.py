"""The cost of one request, component by component, from its tokens and the rates in force.

cost = uncached input x input price + cache reads x cache-read price + 5-minute cache writes x
5-minute write price + 1-hour cache writes x 1-hour write price + (output + reasoning) tokens x
output price (reasoning at its own price where the catalog has one) + the per-request fee. A request
whose input tokens (cached or not) pass a long-context threshold bills WHOLE at the tier's rates.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from tools import fmt
from tools.prices import TokenRates

__all__ = ["Bill", "Component", "QueryTokens", "bill"]


class QueryTokens(BaseModel):
    """The tokens of one request by how they are billed."""

    input: float = Field(0.0, ge=0, description="Input tokens billed at the input price (not cached).")
    cache_read: float = Field(0.0, ge=0)
    cache_write: float = Field(0.0, ge=0, description="Input tokens written to the 5-minute cache.")
    cache_write_1h: float = Field(0.0, ge=0, description="Input tokens written to the 1-hour cache.")
    output: float = Field(0.0, ge=0, description="Visible output tokens.")
    reasoning: float = Field(0.0, ge=0, description="Reasoning (thinking) tokens, billed as output.")

    @property
    def all_input(self) -> float:
        """Every input token, cached or not (what a long-context threshold counts)."""
        return self.input + self.cache_read + self.cache_write + self.cache_write_1h


class Component(BaseModel):
    """One line of a bill."""

    name: str
    tokens: float | None = Field(description="None for the per-request fee.")
    rate_per_1m_usd: float | None
    cost_usd: float


class Bill(BaseModel):
    """A request's cost by component, and the formula with the numbers substituted."""

    components: list[Component]
    cost_usd: float
    long_context_tier: int | None = Field(None, description="The threshold of the long-context tier applied.")
    formula: str


_LINES = (("input", "input", "input_per_1m"), ("cache read", "cache_read", "cached_input_per_1m"),
          ("cache write 5m", "cache_write", "cache_write_per_1m"),
          ("cache write 1h", "cache_write_1h", "cache_write_1h_per_1m"), ("output", "output", "output_per_1m"),
          ("reasoning", "reasoning", "reasoning_per_1m"))


def bill(rates: TokenRates, tokens: QueryTokens) -> Bill:
    """The cost of one request: each component's tokens x its rate, plus the per-request fee."""
    tier = rates.tier_for(tokens.all_input)
    inforce = rates.at(tokens.all_input)
    lines = [Component(name=name, tokens=getattr(tokens, attr), rate_per_1m_usd=inforce.rate(rate),
                       cost_usd=getattr(tokens, attr) * inforce.rate(rate) / 1e6)
             for name, attr, rate in _LINES if getattr(tokens, attr) or name == "input"]
    if inforce.request_usd:
        lines.append(Component(name="request fee", tokens=None, rate_per_1m_usd=None, cost_usd=inforce.request_usd))
    total = sum(c.cost_usd for c in lines)
    terms = " + ".join(f"{fmt.number(c.tokens)} {c.name} x {fmt.money(c.rate_per_1m_usd or 0.0)}/1M"
                       if c.tokens is not None else f"{fmt.money(c.cost_usd)} {c.name}" for c in lines)
    formula = f"cost per query = {terms} = {fmt.money(total)}"
    if tier is not None:
        formula += (f" (long-context tier: {fmt.number(tokens.all_input)} input tokens > "
                    f"{fmt.number(tier.above_input_tokens)}, so the whole request bills at the tier's rates)")
    return Bill(components=lines, cost_usd=total, formula=formula,
                long_context_tier=None if tier is None else tier.above_input_tokens)
