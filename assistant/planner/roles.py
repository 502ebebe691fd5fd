"""Roles: what each number of a question is, as a variable of the economics (users, cost per query, ...).

A number's unit comes from the noun after it (lexicon, else WordLlama similarity) and what it is
per from the words "per / a / each / every" or an adverb ("daily"); the role follows from unit and
per first ("$0.01 a query" is a cost per query, "20 requests per second" a rate), and only then from
the cue words of its own clause ("we charge $30 per seat" is a price, "serving costs $9 per seat" a
cost). No number is changed here: every conversion is a calculator's job.
"""

from __future__ import annotations

import re

from assistant.planner.figures import (
    around_the_clock,
    calendar_year,
    check,
    from_to,
    heavy_usage,
    ordinal,
    place_in_scenario,
    scale_words,
    series,
)
from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import LEXICON, noun_class
from assistant.planner.quantities import Num
from assistant.planner.reading import (
    PERIOD_WORDS,
    Given,
    Reading,
    change_target,
    nearest_cue,
    noun_of,
    own_phrase,
    per_of,
    split_words,
)

__all__ = ["Given", "Reading", "place_in_scenario", "read"]

_TOPICAL = ["funding", "saving", "compliance", "verification", "training", "investment", "budget", "revenue", "fixed",
            "technology", "development", "gpu"]
_GENERIC = ["price", "bill", "cost", "allowance"]
_PCT_ORDER = ["swing", "hit_cost", "input_share", "output_share", "margin", "other_cogs", "provider_share",
              "utilization", "reduction", "hit_rate", "adoption", "region", "traffic_share", "up", "down"]


def _token_price(n: Num) -> str:
    _, after = own_phrase(n)
    for side in (set(after[:3]), set(n.before[-2:])):  # "$15 per 1M output" names its own kind after it
        if side & {"cached", "cache", "hits"}:
            return "cached_price"
        if side & {"input", "prompt", "in"}:
            return "input_price"
        if side & {"output", "completion", "out", "generated"}:
            return "output_price"
    return "token_price"


def _money(n: Num, p: Parsed, per: list[str], r: Reading) -> Given | None:
    period = next((x for x in per if x in PERIOD_WORDS.values()), None)
    subject = own_phrase(n)[0]
    if not {"users", "queries"} & set(per) and any(w.startswith(("cost", "pric")) for w in subject):
        # "the per-query cost drops to $0.003", "serving each seat costs $3 a month"
        per += [c for w in subject if w.startswith("per-") and (c := noun_class(w[4:]))] or \
            [c for i, w in reversed(list(enumerate(subject))) if w in ("every", "each", "one", "a", "per") and
             (c := noun_of(subject[i + 1:i + 4])[0]) in ("queries", "users")][:1]  # the nearest one
    if n.price_unit is not None:
        return Given(_token_price(n), n.value, n.text, unit=n.price_unit.value)
    if "queries" in per or (per == [] and "each" in n.after[:1] and clause_counts(n) == "queries"):
        return Given("cost_per_query", n.value, n.text)
    gpu_context = bool(p.gpus) or "gpu" in p.words or any(w.startswith("gpu") for w in p.words)
    if period == "hour" and gpu_context:
        return Given("gpu_hourly", n.value, n.text)
    cat = nearest_cue(n, LEXICON["money_cues"], _TOPICAL) or nearest_cue(n, LEXICON["money_cues"], _GENERIC)
    if cat is None or (cat in ("bill", "cost") and per == []):  # "Dev spend (GPUs) came to $200,000": the subject
        cat = nearest_cue(n, LEXICON["money_cues"], _TOPICAL, before=_sentence_start(p.norm, n)) or cat
    if "users" in per or (per == [] and "each" in n.after[:1] and clause_counts(n) == "users"):
        return Given("cost_per_user" if cat in ("cost", "bill", "gpu") else "price_per_user", n.value, n.text,
                     period=period)
    role = {"funding": "funding", "saving": "saving", "investment": "investment", "budget": "budget",
            "revenue": "revenue",
            "fixed": "fixed_costs", "compliance": "compliance_cost", "verification": "verification_cost",
            "training": "training_cost", "development": "development_cost",
            "technology": "technology_cost", "price": "price_per_user",
            "bill": "monthly_cost", "cost": "monthly_cost", "gpu": "gpu_hourly",
            "allowance": "budget"}.get(cat or "", "")
    if clause_counts(n) == "users" and n.before[-1:] in (["at"], ["paying"], ["pay"], ["pays"]) \
            and cat not in _TOPICAL and not {"users", "queries"} & set(per):
        role = "price_per_user"  # "4,000 paying users at $9/month", "subscribers paying $8 a month"
    if role == "budget" and any(w.startswith(("r&d", "dev")) for w in own_phrase(n)[0]):
        role = "development_cost"  # "the R&D budget is $800k"
    if role in ("monthly_cost", "revenue") and period is None and n.after[:1] != ["in"]:
        before, _ = own_phrase(n)
        if {"arr", "annual", "yearly"} & set(before + n.after[:3]):
            period = "year"
    if role == "monthly_cost" and period == "year":
        role = "yearly_cost"
    if role == "compliance_cost" and n.after[:1] == ["to"] and "build" in n.after[:3]:
        role = "development_cost"
    if role == "gpu_hourly" and period != "hour":
        role = "monthly_cost" if period == "month" else ""
    return Given(role, n.value, n.text, period=period) if role else None


def _sentence_start(norm: str, n: Num) -> list[str]:
    """The words of the number's sentence before it, without parentheses ("Dev spend (GPUs, data) came to")."""
    left = norm[:n.start]
    left = left[max(left.rfind(". "), left.rfind("? "), left.rfind("! "), left.rfind(": "), left.rfind("; ")) + 1:]
    left = re.sub(r"\([^)]*\)", " ", left)
    return split_words([w.lower().strip(".,;:!?()'\"") for w in re.findall(r"[A-Za-z&][\w&'/-]*", left)][:8])


def clause_counts(n: Num) -> str | None:
    """What the clause before an amount counts ("queries at $0.006 each" -> queries)."""
    for w in reversed(n.clause[-6:]):
        if (cls := noun_class(w)) in ("users", "queries"):
            return cls
    return None


def _percent(n: Num, p: Parsed) -> Given | None:
    cat = nearest_cue(n, LEXICON["percent_cues"], _PCT_ORDER)
    value = n.value
    if cat == "hit_rate" and not p.has("bill", "spend", "invoice", "we pay", "a month on") \
            and (p.has("token") or any(m.price_unit for m in p.nums)):
        return Given("cached_share", value, n.text)  # "80% of input is served from the prompt cache"
    role = {"margin": "margin", "provider_share": "provider_share", "hit_rate": "hit_rate",
            "hit_cost": "hit_cost_ratio", "utilization": "utilization", "reduction": "prompt_reduction",
            "input_share": "input_share", "output_share": "output_share", "traffic_share": "traffic_share",
            "adoption": "adoption", "region": "region_multiplier", "other_cogs": "other_cogs_share",
            "swing": "swing"}.get(cat or "")
    if cat in ("up", "down"):
        target = change_target(n)
        return Given("percent_change", value if cat == "up" else -value, n.text, target=target)
    return Given(role, value, n.text) if role else None


def _count(n: Num, p: Parsed, r: Reading, nums: list[Num], i: int) -> Given | None:
    after = split_words(n.after)
    cls, mods = noun_of(after)
    if cls is None and after[:1] == ["of"] and i + 1 < len(nums):
        nxt_cls, _ = noun_of(split_words(nums[i + 1].after))
        if nxt_cls == "users":  # "12,000 of our 90,000 customers": the part is the population that uses it
            return Given("users", n.value, n.text)
    per = per_of(after[after.index(mods[-1]) + 1 if mods else 0:] if cls else after)
    period = next((x for x in per if x in PERIOD_WORDS.values()), None)
    if cls == "users":
        kind = "free_users" if "free" in mods or "free" in n.before[-2:] else \
            "paying_users" if {"paying", "paid"} & set(mods + n.before[-2:]) else "users"
        return Given(kind, n.value, n.text)
    if cls == "queries":
        if {"free", "included", "include"} & set(mods + n.before[-3:] + n.after[:4]) or "quota" in n.after[:4]:
            return Given("free_quota", n.value, n.text)
        if heavy_usage(p.norm, n):
            return Given("queries_p95", n.value, n.text, period=period)  # "the 95th-percentile user sends 40"
        return Given("queries_per_user", n.value, n.text, period=period)
    if cls == "tokens":
        if n.value in (1e3, 1e6) and n.before[-1:] in (["a"], ["one"], ["per"], ["each"]) \
                and set(after[len(mods) + 1:len(mods) + 3]) & {"cost", "costs", "run", "come"}:
            return None  # "what does a million tokens cost?": the unit being priced, not a quantity
        if period == "second":
            return Given("tokens_per_second", n.value, n.text)
        if period in ("month", "day", "year", "week") and "queries" not in per:
            return Given("monthly_tokens" if period == "month" else "token_volume", n.value, n.text, period=period)
        noun_at = len(mods)
        for side in (set(mods), set(n.before[-1:]) | set(after[noun_at + 1:noun_at + 2])):
            if side & {"input", "prompt", "context", "in"}:
                return Given("input_tokens", n.value, n.text)
            if side & {"output", "completion", "generated", "response", "out"}:
                return Given("output_tokens", n.value, n.text)
        return Given("tokens_per_query", n.value, n.text)
    if cls == "words":
        return Given("words_per_query", n.value, n.text)
    if cls == "gpus":
        return Given("gpus", n.value, n.text)
    if cls == "regions":
        return Given("extra_regions", n.value, n.text)
    if cls == "months":
        return Given("build_months" if p.has("build", "to develop", "take", "takes") else "months", n.value, n.text)
    if after[:1] and after[0] in ("tokens/s", "tok/s", "tps"):
        return Given("tokens_per_second", n.value, n.text)
    if after[:1] and after[0] in ("in", "out", "input", "output") and p.has("token"):
        return Given("input_tokens" if after[0] in ("in", "input") else "output_tokens", n.value, n.text)
    prev = next((m for m in reversed(nums[:i]) if not m.money and not m.percent and not ordinal(p.norm, m)), None)
    if not after and prev is not None and "." not in p.norm[prev.end:n.start] \
            and noun_of(split_words(prev.after))[0] == "queries":
        # "the median user sends 10 queries a day but the 95th-percentile user sends 40": the unit carries over
        per = per_of(split_words(prev.after))
        period = next((x for x in per if x in PERIOD_WORDS.values()), None)
        return Given("queries_p95" if heavy_usage(p.norm, n) else "queries_per_user", n.value, n.text, period=period)
    return None


def read(p: Parsed) -> Reading:
    """Give every number of the parsed question a role (or list it as unused)."""
    r = Reading(models=list(dict.fromkeys(p.models)), words=set(p.words), norm=p.norm)
    if p.gpus:
        r.gpu = p.gpus[0].name
        if p.gpus[0].count:
            r.givens.append(Given("gpus", float(p.gpus[0].count), str(p.gpus[0].count)))
    nums = p.nums
    population: set[int] = set()
    of: dict[int, Given | None] = {}
    for i, n in enumerate(nums):
        if i in population or around_the_clock(p.norm, n) or calendar_year(n) or ordinal(p.norm, n):
            continue  # "24/7", "in 2023", "the 95th percentile" are not quantities
        dash = p.norm.find("-", n.start, n.end)
        if n.value < 0 and dash > 0 and p.norm[dash - 1].isalpha():
            n.value = -n.value  # "per-1K" is a hyphen, not a minus sign
        if not n.money and (n.before[-1:] == ["per"] or p.norm[max(0, n.start - 4):n.start + 1].endswith("per-")):
            continue  # "per 1,000 tokens", "per-1K-token": a denominator, not a quantity
        if n.after[:2] == ["of", "them"] and p.gpus:
            g: Given | None = Given("gpus", n.value, n.text)  # "4 of them", beside a named GPU
        elif n.multiplier:
            g = Given("factor", n.value, n.text, target=change_target(n))
        elif n.percent:
            g = _percent(n, p)
        elif n.money:
            g = _money(n, p, per_of(own_phrase(n)[1]), r)
        else:
            g = _count(n, p, r, nums, i)
            if g is not None and g.var == "users" and n.after[:1] == ["of"] and i + 1 < len(nums):
                population.add(i + 1)
        of[i] = g
        if g is None:
            r.unused.append(n.text)
            r.unplaced.append(n)
            continue
        r.givens.append(g)
    taken = from_to(p, r, of)
    series(p, r, {i: g for i, g in of.items() if i not in taken}, taken)
    scale_words(p, r)
    if re.search(r"\b(?:fully (?:utili[sz]ed|busy|loaded)|flat out|at full utili[sz]ation|100% busy)\b",
                 p.norm, re.I) and not r.has("utilization"):
        r.givens.append(Given("utilization", 100.0, "fully utilized"))
    check(r)
    return r
