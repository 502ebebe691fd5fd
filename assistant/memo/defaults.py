"""The memo's stated defaults: what a brief or a scenario leaves out gets these, each listed with its reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.scenarios.memo_options import MemoOptions
from tools import fmt
from tools.monte_carlo import DEFAULT_TAIL

__all__ = ["CORE", "FROM_BRIEF", "OPTION_WHY", "Default", "default_origin", "option_default", "option_origins"]

FROM_BRIEF = "from the brief"


@dataclass(frozen=True)
class Default:
    """A default value and the reason it is a sensible one."""

    value: Any
    why: str


CORE: dict[str, Default] = {
    "fee": Default(10.0, "a $10 monthly add-on, the price point of Notion AI's add-on"),
    "users": Default(10_000.0, "10,000 paying users, a mid-size SaaS customer base"),
    "queries_per_user": Default(20.0, "20 queries per user a day for the mean user"),
    "tokens_per_query": Default(1_000.0, "1,000 tokens per query (about 750 words), the seed article's rule of thumb"),
    "model": Default("gpt-4o-mini", "gpt-4o-mini from the price catalog, a common low-cost API model"),
    "free_queries": Default(100.0, "a free quota of 100 queries a month"),
    "free_users": Default(50_000.0, "50,000 free users on the free quota"),
    "fixed_cost_month": Default(20_000.0, "$20,000 a month of fixed costs (team share, hosting, support)"),
    "target_margin": Default(0.8, "an 80% target gross margin, the SaaS benchmark"),
}
"""Defaults of the scenario's own inputs (usage, pricing, plan, fixed costs)."""


def option_default(name: str) -> Any:
    """The default of a memo option (a field of the scenario's `memo` section)."""
    return MemoOptions.model_fields[name].get_default(call_default_factory=True)


def _money(name: str) -> str:
    return fmt.money(option_default(name))


OPTION_WHY: dict[str, str] = {
    "queries_p95": f"the 95th-percentile user makes {DEFAULT_TAIL:g}x the median's queries",
    "overage_per_1k": f"{_money('overage_per_1k')} per 1,000 queries beyond the allowance",
    "regions": "one market, no extra regions",
    "price_change_low": f"model prices may change by {fmt.pct(option_default('price_change_low'))} (simulation)",
    "price_change_high": f"model prices may change by +{fmt.pct(option_default('price_change_high'))} (simulation)",
    "premium_model": f"{option_default('premium_model')}, a premium model for the hardest queries",
    "routed_share": f"{fmt.pct(option_default('routed_share'))} of queries stay on the low-cost model when routing, "
                    "the rest go to the premium model",
    "gpu": f"an {option_default('gpu')} rented by the hour for self-hosting",
    "self_host_params_b": f"a {fmt.number(option_default('self_host_params_b'))}B open-weight model (Llama 3.3 70B "
                          "class) when self-hosting, priced at the GPU's published reference throughput unless a "
                          "measured one is given",
    "gpu_utilization": f"GPUs busy {fmt.pct(option_default('gpu_utilization'))} of the time",
    "development_cost": f"{_money('development_cost')} to build the feature (compliance is compared with it)",
    "regulatory_compliance": f"{_money('regulatory_compliance')} of documentation, audits and legal review",
    "response_verification": f"{_money('response_verification')} of output monitoring and filters",
    "user_training": f"{_money('user_training')} of user training",
}
"""Reasons for the defaults of the memo's options (heavy users and the `memo` section)."""


def default_origin(name: str) -> str:
    """'default: <reason>' for an input left out."""
    return f"default: {CORE[name].why if name in CORE else OPTION_WHY[name]}"


_OPTION_ROWS = ("overage_per_1k", "regions", "price_change_low", "price_change_high", "premium_model", "routed_share",
                "gpu", "gpu_tokens_per_second", "self_host_params_b", "gpu_utilization", "development_cost",
                "regulatory_compliance", "response_verification", "user_training")


def option_origins(options: MemoOptions, origin: dict[str, str], given: str) -> None:
    """Each memo option shown in the Assumptions: `given` when the brief or file set it, else its default's reason."""
    for name in _OPTION_ROWS:
        if name == "gpu_tokens_per_second" and options.gpu_tokens_per_second is None:
            continue
        if name == "self_host_params_b" and options.gpu_tokens_per_second is not None:
            continue
        origin[name] = given if name in options.model_fields_set else default_origin(name)
