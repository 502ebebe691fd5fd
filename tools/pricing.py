"""The one pricing input every calculator that takes a price shares: `Pricing`.

A price is a catalog `model`, or prices you give: one blended `price`, or `input_price` and
`output_price`, each component of a real bill beside them (cache read, cache write for 5 minutes
and for 1 hour, a per-request fee, a long-context tier), all in `price_unit`, and a
`service_tier` (standard, batch, flex, priority). Every field declares its economics variable
(`json_schema_extra={"var": ...}`), so the planner fills it by name in every calculator alike.
`resolve` turns a `Pricing` into the `TokenRates` a bill is computed with (tools/bill.py).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from tools.result import CalcInput
from tools.units import PriceUnit

__all__ = ["PRICING_FIELDS", "Pricing", "ServiceTier"]


class ServiceTier(StrEnum):
    """How a request is processed, and so priced."""

    standard = "standard"
    batch = "batch"
    flex = "flex"
    priority = "priority"


def _price(description: str, var: str, **extra: Any) -> Any:
    return Field(None, ge=0, le=1e6, description=description, json_schema_extra={"var": var}, **extra)


class Pricing(CalcInput):
    """How tokens are priced: a catalog model, or prices you give, and the service tier."""

    model: str | None = Field(None, examples=["gpt-4o-mini"], description="Catalog model name; used when no price "
                              "is given.", json_schema_extra={"var": "model"})
    price: float | None = _price("One blended price for all tokens, in `price_unit`.", "token_price",
                                 examples=[0.002])
    price_per_1m: float | None = Field(None, ge=0, le=1e6, examples=[2.0], description="Shorthand for `price` "
                                       "quoted per 1M tokens (read into `price`).")
    input_price: float | None = _price("Input-token price, in `price_unit`.", "input_price")
    output_price: float | None = _price("Output-token price, in `price_unit` (reasoning tokens bill at it too).",
                                        "output_price")
    cached_input_price: float | None = _price("Cache-read (cached input) price, in `price_unit`.", "cached_price")
    cache_write_price: float | None = _price("Cache-write price for the 5-minute cache, in `price_unit`.",
                                             "cache_write_price")
    cache_write_1h_price: float | None = _price("Cache-write price for the 1-hour cache, in `price_unit`.",
                                                "cache_write_1h_price")
    request_price_usd: float | None = _price("Fee per request, USD (e.g. a search fee).", "request_price")
    long_context_threshold: int | None = Field(None, gt=0, le=100_000_000, examples=[200_000], json_schema_extra={
        "var": "long_context_threshold"}, description="Input tokens per request past which the WHOLE request "
                                                      "bills at the long-context prices.")
    long_context_input_price: float | None = _price("Input price past the threshold, in `price_unit`.",
                                                    "long_context_input_price")
    long_context_output_price: float | None = _price("Output price past the threshold, in `price_unit`.",
                                                     "long_context_output_price")
    price_unit: PriceUnit = Field(PriceUnit.per_1m, description="per_token, per_1k or per_1m tokens.",
                                  json_schema_extra={"var": "price_unit"})
    service_tier: ServiceTier = Field(ServiceTier.standard, description="standard, batch, flex or priority: the "
                                      "catalog's tier price, else a sourced multiplier.",
                                      json_schema_extra={"var": "service_tier"})

    @model_validator(mode="before")
    @classmethod
    def _per_1m(cls, data: Any) -> Any:
        """`price_per_1m` is `price` with price_unit per_1m; both at once must agree."""
        if not isinstance(data, dict) or data.get("price_per_1m") is None:
            return data
        data = dict(data)
        per_1m = data.pop("price_per_1m")
        unit = data.get("price_unit") or PriceUnit.per_1m
        if data.get("price") is not None and (data["price"] != per_1m or unit != PriceUnit.per_1m):
            raise ValueError(f"give price ({data['price']} {unit}) or price_per_1m ({per_1m}), not both")
        if data.get("price") is None and unit != PriceUnit.per_1m and any(
                data.get(k) is not None for k in ("input_price", "output_price")):
            raise ValueError("price_per_1m is per 1M tokens while price_unit is not: give every price in one unit")
        if data.get("price") is None:
            data.update(price=per_1m, price_unit=PriceUnit.per_1m)
        return data

    @model_validator(mode="after")
    def _pairs(self) -> Pricing:
        if self.input_price is not None and self.output_price is None and self.price is None:
            raise ValueError("give output_price too, or one blended price")
        if self.output_price is not None and self.input_price is None and self.price is None:
            raise ValueError("give input_price too, or one blended price")
        long = self.long_context_input_price is not None or self.long_context_output_price is not None
        if long != (self.long_context_threshold is not None):
            raise ValueError("give long_context_threshold (input tokens, e.g. 200000) together with "
                             "long_context_input_price and/or long_context_output_price")
        return self

    @property
    def priced(self) -> bool:
        """A price or a model was given."""
        return self.price is not None or self.input_price is not None or self.model is not None

    def pricing_args(self) -> dict[str, Any]:
        """The pricing fields that were given, to pass the same price on to another calculator."""
        return {k: v for k, v in self.model_dump(include=set(PRICING_FIELDS), exclude_defaults=True).items()
                if v is not None}


PRICING_FIELDS = tuple(f for f in Pricing.model_fields if f != "price_per_1m")
"""Every pricing input (`price_per_1m` is read into `price`)."""
