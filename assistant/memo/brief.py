"""A memo brief as stated inputs: what the brief gave, and a stated default (with its reason) for the rest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from assistant.memo.reading import read_brief
from tools import fmt
from tools.monte_carlo import DEFAULT_TAIL
from tools.pricing import Pricing
from tools.units import Period

__all__ = ["DEFAULTS", "FROM_BRIEF", "Default", "MemoBrief", "parse_brief"]

FROM_BRIEF = "from the brief"


@dataclass(frozen=True)
class Default:
    """One input's name, default value, the reason for the default, and how to show a value."""

    label: str
    value: Any
    why: str
    show: Callable[[Any], str] = str


# What a brief leaves out gets these stated defaults; every one is listed under the memo's assumptions.
DEFAULTS: dict[str, Default] = {d.label: d for d in (
    Default(label="fee", value=10.0, show=lambda v: f"{fmt.money(v)} per user a month",
            why="a $10 monthly add-on, the price point of Notion AI's add-on"),
    Default(label="users", value=10_000.0, show=lambda v: f"{fmt.number(v)} paying users",
            why="10,000 paying users, a mid-size SaaS customer base"),
    Default(label="queries_per_user", value=20.0, show=fmt.number, why="20 queries per user a day for the median user"),
    Default(label="queries_p95", value=None, show=fmt.number,
            why=f"the 95th-percentile user makes {fmt.number(DEFAULT_TAIL)}x the median's queries"),
    Default(label="tokens_per_query", value=1_000.0, show=lambda v: f"{fmt.number(v)} tokens",
            why="1,000 tokens per query (about 750 words), the seed article's rule of thumb"),
    Default(label="model", value="gpt-4o-mini", why="gpt-4o-mini from the price catalog, a common low-cost API model"),
    Default(label="price_per_1m", value=None, show=lambda v: f"{fmt.money(v)} per 1M tokens (blended)",
            why="the model's catalog price"),
    Default(label="free_queries", value=100.0, show=lambda v: f"{fmt.number(v)} queries a month",
            why="a free quota of 100 queries a month"),
    Default(label="free_users", value=50_000.0, show=lambda v: f"{fmt.number(v)} free users",
            why="50,000 free users on the free quota"),
    Default(label="overage_per_1k", value=5.0, show=lambda v: f"{fmt.money(v)} per 1,000 queries",
            why="$5 per 1,000 queries beyond the allowance"),
    Default(label="fixed_cost_month", value=20_000.0, show=lambda v: f"{fmt.money(v)} a month",
            why="$20,000 a month of fixed costs (team share, hosting, support)"),
    Default(label="target_margin", value=0.8, show=fmt.pct, why="an 80% target gross margin, the SaaS benchmark"),
    Default(label="regions", value=[], show=lambda v: ", ".join(v) if v else "one market",
            why="one market, no extra regions"),
    Default(label="price_change_low", value=-0.3, show=fmt.pct, why="model prices may fall 30% (simulation)"),
    Default(label="price_change_high", value=0.3, show=fmt.pct, why="model prices may rise 30% (simulation)"),
    Default(label="premium_model", value="gpt-4o", why="gpt-4o, a premium model for the hardest queries"),
    Default(label="routed_share", value=0.8, show=fmt.pct,
            why="80% of queries stay on the low-cost model when routing, 20% go to the premium model"),
    Default(label="gpu", value="H100", why="an H100 rented by the hour for self-hosting"),
    Default(label="gpu_tokens_per_second", value=None, show=lambda v: f"{fmt.number(v)} tokens/s",
            why="the GPU's published reference throughput for the model size (see Model choice)"),
    Default(label="self_host_params_b", value=70.0, show=lambda v: f"a {fmt.number(v)}B-parameter model",
            why="a 70B open-weight model (Llama 3.3 70B class) when self-hosting, priced at the GPU's published "
                "reference throughput unless the brief gives one"),
    Default(label="gpu_utilization", value=0.5, show=fmt.pct, why="GPUs busy 50% of the time"),
    Default(label="development_cost", value=200_000.0, show=fmt.money,
            why="$200,000 to build the feature (compliance is compared with it)"),
    Default(label="regulatory_compliance", value=40_000.0, show=fmt.money,
            why="$40,000 of documentation, audits and legal review"),
    Default(label="response_verification", value=20_000.0, show=fmt.money,
            why="$20,000 of output monitoring and filters"),
    Default(label="user_training", value=10_000.0, show=fmt.money, why="$10,000 of user training"),
)}


class MemoBrief(BaseModel):
    """The inputs of a pricing memo, and for each one where it came from."""

    text: str
    fee: float = Field(gt=0)
    users: float = Field(gt=0)
    queries_per_user: float = Field(gt=0)
    query_period: Period = Period.day
    queries_p95: float = Field(gt=0)
    tokens_per_query: float = Field(gt=0)
    model: str | None = None
    price_per_1m: float | None = Field(None, ge=0)
    free_queries: float = Field(ge=0)
    free_users: float = Field(ge=0)
    overage_per_1k: float = Field(ge=0)
    fixed_cost_month: float = Field(ge=0)
    target_margin: float = Field(gt=0, lt=1)
    regions: list[str]
    price_change_low: float = Field(ge=-0.99)
    price_change_high: float
    premium_model: str
    routed_share: float = Field(gt=0, lt=1)
    gpu: str
    gpu_tokens_per_second: float | None = Field(None, gt=0)
    self_host_params_b: float = Field(gt=0)
    gpu_utilization: float = Field(gt=0, le=1)
    development_cost: float = Field(gt=0)
    regulatory_compliance: float = Field(ge=0)
    response_verification: float = Field(ge=0)
    user_training: float = Field(ge=0)
    given: dict[str, str] = Field(default_factory=dict, description="Input -> 'from the brief' or the default.")
    notes: dict[str, str] = Field(default_factory=dict, description="How a brief's figure was read, per input.")

    def rows(self) -> list[list[str]]:
        """The assumptions table: input, value, where it came from."""
        rows = []
        for name, origin in self.given.items():
            shown = DEFAULTS[name].show(getattr(self, name))
            if name in ("queries_per_user", "queries_p95"):
                shown += f" queries per user a {self.query_period.value}"
            note = f" ({self.notes[name]})" if name in self.notes else ""
            rows.append([name.replace("_", " "), shown, origin + note])
        return rows

    def pricing(self) -> dict[str, Any]:
        """The brief's price as the shared pricing input every calculator takes (its price, else its model)."""
        given = Pricing(price=self.price_per_1m) if self.price_per_1m is not None else Pricing(model=self.model)
        return given.pricing_args()


def parse_brief(text: str, changes: Sequence[str] = ()) -> MemoBrief:
    """Inputs from the brief's words and figures, then each change's; stated defaults for the rest.

    Raises InputError when the brief is not about a product or its pricing.
    """
    text = " ".join(str(text or "").split())
    found, notes = read_brief(text)
    for change in changes:  # "what about at $15?": a later figure replaces the brief's
        more, more_notes = read_brief(change, whole=False)
        for name in more:
            notes.pop(name, None)
        found.update(more)
        notes.update(more_notes)
        text += f" {' '.join(change.split())}"
    values: dict[str, Any] = {"query_period": found.pop("query_period", Period.day)}
    given: dict[str, str] = {}
    for name, default in DEFAULTS.items():
        if name in found:
            values[name], given[name] = found[name], FROM_BRIEF
        elif default.value is not None:
            values[name], given[name] = default.value, f"default: {default.why}"
    if "price_per_1m" in found and "model" not in found:
        values["model"] = None  # the brief's price is the model's price
        given.pop("model")
    if values.get("queries_p95", 0) <= values["queries_per_user"]:
        values["queries_p95"] = DEFAULT_TAIL * values["queries_per_user"]  # a heavy user is above the median
        given["queries_p95"] = f"default: {DEFAULTS['queries_p95'].why}"
        notes.pop("queries_p95", None)
    order = list(DEFAULTS)
    given = dict(sorted(given.items(), key=lambda kv: order.index(kv[0])))
    return MemoBrief(text=text, given=given, notes=notes, **values)
