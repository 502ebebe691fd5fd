"""Read a memo brief ("a $10/month AI add-on with 100 free queries for 20k users") into stated inputs."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from assistant.planner.grammar import parse
from tools.errors import InputError
from tools.units import PriceUnit

__all__ = ["DEFAULTS", "MemoBrief", "parse_brief"]

# What a brief leaves out gets these stated defaults (each listed under the memo's assumptions).
DEFAULTS: dict[str, tuple[object, str]] = {
    "fee": (10.0, "a $10 monthly add-on, the price point of Notion AI's add-on"),
    "users": (10_000.0, "10,000 paying users, a mid-size SaaS customer base"),
    "queries_per_day": (20.0, "20 queries per user a day for the median user (heavier users follow a lognormal tail)"),
    "tokens_per_query": (1_000.0, "1,000 tokens per query (about 750 words), the seed article's rule of thumb"),
    "model": ("gpt-4o-mini", "gpt-4o-mini from the price catalog, a common low-cost API model"),
    "free_queries": (100.0, "a free quota of 100 queries a month"),
    "free_users": (50_000.0, "50,000 free users on the free quota"),
    "overage_per_1k": (5.0, "$5 per 1,000 queries beyond the included quota"),
    "fixed_cost_month": (20_000.0, "$20,000 a month of fixed costs (team share, hosting, support)"),
    "target_margin": (0.8, "an 80% target gross margin, the SaaS benchmark"),
    "regions": (1, "one market (no extra regions)"),
}
_REGIONS = ("eu", "europe", "us", "usa", "uk", "china", "india", "japan", "canada", "brazil", "apac", "latam")


class MemoBrief(BaseModel):
    """The inputs of a pricing memo, and for each one whether the brief gave it."""

    text: str
    fee: float = Field(gt=0)
    users: float = Field(gt=0)
    queries_per_day: float = Field(gt=0)
    tokens_per_query: float = Field(gt=0)
    model: str | None = None
    price_per_1m: float | None = None
    free_queries: float = Field(ge=0)
    free_users: float = Field(ge=0)
    overage_per_1k: float = Field(ge=0)
    fixed_cost_month: float = Field(ge=0)
    target_margin: float = Field(gt=0, lt=1)
    regions: int = Field(ge=1)
    given: dict[str, str] = Field(default_factory=dict, description="Input -> 'from the brief' or the default.")


def parse_brief(text: str) -> MemoBrief:
    """Inputs from the brief's words and figures; stated defaults for the rest."""
    text = " ".join(str(text or "").split())
    if len(re.findall(r"[A-Za-z]", text)) < 3:
        raise InputError("the memo brief is empty or has no words.", field="brief", value=text,
                         hint="Describe the product, e.g. 'a $10/month AI add-on with 100 free queries'.")
    p = parse(text)
    found: dict[str, object] = {}
    fee = p.first("price_per_user") or next((n for n in p.nums if n.money and n.price_unit is None), None)
    if fee is not None:
        found["fee"] = fee.value
    for n in p.of("queries"):
        context = " ".join(n.before[-3:] + n.after[:3])
        if "free" in context or "quota" in context or "include" in context:
            found["free_queries"] = n.value
        elif "queries_per_day" not in found and (n.period is None or n.period.value == "day"):
            found["queries_per_day"] = n.value
    users = p.of("users")
    free = [n for n in users if "free" in " ".join(n.before[-2:] + n.after[:2])]
    paying = [n for n in users if n not in free]
    if paying:
        found["users"] = paying[0].value
    if free:
        found["free_users"] = free[0].value
    if (tokens := p.first("tokens")) is not None:
        found["tokens_per_query"] = tokens.value
    if (fixed := p.first("fixed_costs")) is not None:
        found["fixed_cost_month"] = fixed.value
    if (margin := p.first("margin")) is not None:
        found["target_margin"] = margin.value / 100 if margin.value > 1 else margin.value
    price = next((n for n in p.of("token_price") if n.price_unit == PriceUnit.per_1m), None)
    if price is not None:
        found["price_per_1m"] = price.value
    if p.models:
        found["model"] = p.models[0]
    regions = {r for r in _REGIONS if re.search(rf"\b{r}\b", text.lower())}
    if regions:
        found["regions"] = len(regions - {"europe", "usa"} if {"eu", "europe"} <= regions else regions)
    values: dict[str, object] = {}
    given: dict[str, str] = {}
    for name, (default, why) in DEFAULTS.items():
        if name == "model" and "price_per_1m" in found:
            continue
        values[name] = found.get(name, default)
        given[name] = "from the brief" if name in found else f"default: {why}"
    if "price_per_1m" in found:
        values["price_per_1m"] = found["price_per_1m"]
        given["price_per_1m"] = "from the brief"
        values["model"] = None
    return MemoBrief(text=text, given=given, **values)  # type: ignore[arg-type]
