"""A catalog entry for a model: token prices with where they came from."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from tools import fmt
from tools.result import Source, stale_note

__all__ = ["ModelPrice"]


class ModelPrice(BaseModel):
    """A model's token prices in USD per 1M tokens, with provenance."""

    model: str
    provider: str
    input_per_1m: float = Field(ge=0)
    output_per_1m: float = Field(ge=0)
    cached_input_per_1m: float | None = Field(default=None, ge=0)
    as_of: date = Field(description="When this price took effect (the price row's own start date).")
    origin: str
    checked: date | None = Field(default=None, description="When we last checked the catalog it came from.")
    url: str | None = None
    notes: list[str] = Field(default_factory=list, description="Which model or host was picked, and why.")
    warning: str | None = Field(default=None, description="Deprecated or shut down.")

    def source(self, today: date | None = None) -> Source:
        """The audit record for this price."""
        price = f"{fmt.money(self.input_per_1m)} input / {fmt.money(self.output_per_1m)} output per 1M tokens"
        if self.cached_input_per_1m is not None:
            price += f" ({fmt.money(self.cached_input_per_1m)} cached input)"
        return Source(provider=self.provider, model=self.model, price=price, as_of=self.as_of, origin=self.origin,
                      stale_note=stale_note(self.as_of, today or date.today()), checked=self.checked,
                      url=self.url, notes=self.notes, warning=self.warning)
