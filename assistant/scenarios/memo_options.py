"""The `memo` section of a scenario: what a pricing memo weighs beyond the scenario itself.

A memo drafted from a brief saves its scenario with this section, so the file redrafts the same memo.
`marginal scenario run` ignores it. Every field has the memo's stated default.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.units import Fraction

__all__ = ["MemoOptions"]


class MemoOptions(BaseModel):
    """The memo's own options: the overage option, regions, price swings, the models, GPU and compliance it weighs."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    overage_per_1k: float = Field(5.0, ge=0, le=1e6, examples=[4],
                                  description="USD per 1,000 queries beyond the allowance, for the memo's allowance + "
                                              "overage option (the plan's own overage_per_1k wins when it has one).")
    regions: list[str] = Field(default_factory=list, max_length=50, examples=[["EU", "US"]],
                               description="Markets the product is sold in; each beyond the first adds compliance.")
    price_change_low: Fraction = Field(-0.3, ge=-0.99, le=10, description="Lowest model price change simulated "
                                                                          "(-30% = prices fall 30%).")
    price_change_high: Fraction = Field(0.3, ge=-0.99, le=10, description="Highest model price change simulated.")
    premium_model: str = Field("gpt-4o", min_length=1, description="A second catalog model the memo weighs, for the "
                                                                   "hardest queries when routing.")
    routed_share: Fraction = Field(0.8, gt=0, lt=1, description="Share of queries on the cheaper model when routing; "
                                                                "the rest go to the dearer one.")
    gpu: str = Field("H100", min_length=1, description="Catalog GPU rented by the hour for self-hosting.")
    gpu_tokens_per_second: float | None = Field(None, gt=0, le=1e9,
                                                description="Measured throughput of one GPU; default: the GPU's "
                                                            "published reference for self_host_params_b.")
    self_host_params_b: float = Field(70.0, gt=0, le=10_000, description="Size (billion parameters) of the "
                                                                         "open-weight model self-hosted.")
    gpu_utilization: Fraction = Field(0.5, gt=0, le=1, description="Share of the time the GPUs are busy.")
    development_cost: float = Field(200_000.0, gt=0, le=1e13, description="Cost to build the feature, USD.")
    regulatory_compliance: float = Field(40_000.0, ge=0, le=1e13, description="Documentation, audits and legal "
                                                                              "review, USD.")
    response_verification: float = Field(20_000.0, ge=0, le=1e13, description="Output monitoring and filters, USD.")
    user_training: float = Field(10_000.0, ge=0, le=1e13, description="User training, USD.")

    @model_validator(mode="after")
    def _ordered(self) -> MemoOptions:
        if self.price_change_high < self.price_change_low:
            raise ValueError("price_change_high must be at least price_change_low (e.g. -30% and +30%)")
        return self
