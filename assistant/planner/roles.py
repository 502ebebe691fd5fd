"""Roles: what each number of a question is, as a variable of the economics (users, cost per query, ...).

A number's unit comes from the noun after it (lexicon, else WordLlama similarity) and what it is
per from the words "per / a / each / every" or an adverb ("daily"); the role follows from unit and
per first ("$0.01 a query" is a cost per query, "20 requests per second" a rate), and only then from
the cue words of its own clause ("we charge $30 per seat" is a price, "serving costs $9 per seat" a
cost). No number is changed here: every conversion is a calculator's job.
"""

from __future__ import annotations

import itertools
import re

from assistant.planner.added import added_counts
from assistant.planner.conventions import convention
from assistant.planner.count_roles import count
from assistant.planner.figures import (
    check,
    context_tier,
    from_to,
    price_pair,
    scale_words,
)
from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import service_tier
from assistant.planner.model_size import model_size
from assistant.planner.money_roles import money
from assistant.planner.names import as_named_before, distinct_models
from assistant.planner.non_quantities import (
    around_the_clock,
    aside_arithmetic,
    asked_per_one,
    back_reference,
    calendar_year,
    describes_a_team,
    factor_of_a_product,
    form_name,
    idiom_one,
    message_parts,
    model_variant,
    one_heavy_user,
    ordinal,
    per_unit_symbol,
    percentile_group,
    priced_one,
    range_ends,
    reference_number,
    restated,
    size_adjective,
    standard_name,
    version,
)
from assistant.planner.percent_roles import fully_busy, percent
from assistant.planner.quantities import Num
from assistant.planner.reading import (
    Given,
    Reading,
    change_target,
    noun_of,
    own_phrase,
    per_of,
    split_words,
)
from assistant.planner.reconcile import (
    all_in_total,
    api_mix,
    compliance_lines,
    cost_breakdown,
    free_tier_usage,
    free_users_of_the_quota,
    item_read,
    prompt_cut,
    query_mix,
    said_again,
    summarized,
    two_quotas,
    unnamed_price,
)
from assistant.planner.series import series
from assistant.planner.settled_roles import (
    included_beside_heavy,
    named_regions,
    other_side,
    ours_over_theirs,
    same_again,
)
from assistant.planner.tier_lines import on_tier_line, tier_lines
from assistant.planner.token_roles import (
    cached_by_name,
    cached_once,
    input_parts,
    one_call_each,
    reasoning_multiple,
    token_mix,
)
from assistant.planner.user_counts import traffic_of_ours, users_of_the_usage

__all__ = ["Given", "Reading", "read"]

def _duration_adjective(norm: str, n: Num) -> bool:
    """'a 1-hour cache', 'the 5-minute TTL': a length of time naming a kind of thing, not a quantity."""
    return not (n.money or n.percent) and re.match(r"-(?:hours?|hr|h|minutes?|mins?|m)\b", norm[n.end:]) is not None


_MODEL_WORDS = (["modelname"], ["model"], ["models"], ["parameter"], ["parameters"], ["params"], ["param"], ["llm"])


def read(p: Parsed) -> Reading:
    """Give every number of the parsed question a role (or list it as unused)."""
    r = Reading(models=distinct_models(p.models), all_models=as_named_before(p.models), words=set(p.words), norm=p.norm,
                tier=service_tier(p.norm), customers=p.customers)
    if p.gpus:
        r.gpu = p.gpus[0].name
        if p.gpus[0].count:
            r.givens.append(Given("gpus", float(p.gpus[0].count), str(p.gpus[0].count)))
    model_size(p, r)
    nums = p.nums
    user_counts = sum(1 for m in nums if not m.money and noun_of(split_words(m.after))[0] == "users")
    population: set[int] = set()
    mixed: set[int] = set()  # the output side of a token mix
    of: dict[int, Given | None] = {}
    for i, n in enumerate(nums):
        if i in population:  # "12,000 of our 90,000 customers": the whole the users are a part of
            r.givens.append(Given("population", n.value, n.text, start=n.start))
            continue
        if around_the_clock(p.norm, n) or calendar_year(n) or ordinal(p.norm, n) or _duration_adjective(p.norm, n) \
                or version(p.norm, n) or form_name(p.norm, n) or describes_a_team(p.norm, n, user_counts) \
                or asked_per_one(p.norm, n) or restated(p.norm, n) or per_unit_symbol(p.norm, n) \
                or aside_arithmetic(p.norm, nums, i) \
                or priced_one(p.norm, n) or reference_number(n) \
                or back_reference(n, itertools.chain((m.value for m in nums[:i]), (g.value for g in r.givens))) \
                or factor_of_a_product(p.norm, n) \
                or standard_name(p.norm, n) \
                or size_adjective(p.norm, n) or range_ends(p.norm, n) or percentile_group(n) \
                or message_parts(p.norm, n) or one_heavy_user(p.norm, n) or idiom_one(p.norm, n) \
                or (n.value == 1 and i + 1 < len(nums) and size_adjective(p.norm, nums[i + 1])
                    and not p.norm[n.end:nums[i + 1].start].strip()) \
                or model_variant(p.norm, n, p.models) or one_call_each(n) \
                or (not n.money and not n.percent and n.period is None and not on_tier_line(p.norm, n.start)
                    and noun_of(split_words(n.after))[0] in ("options", "parts")) \
                or (not n.money and ((n.value >= 1e9 and (n.after[:1] in _MODEL_WORDS or any(
                    g.var == "model_size" and g.value * 1e9 == n.value for g in r.givens)))
                                     or (n.after[:1] and n.after[0].startswith("billion-param")))):
            continue  # "24/7", "in 2023", "the 95th percentile", "the 1-hour cache", "three things": no quantities
        if n.money and n.before[-1:] == ["the"] and any(g.value == n.value for g in r.givens) \
                and re.match(r"[^.!?]*\?", p.norm[n.end:]):
            continue  # "...before they cost us more than the $12?": a figure given before, named again in the ask
        if (said := convention(p.norm, n)) is not None:
            r.conventions.append(said)  # "treat a month as 30 days": the calculators' own calendar, not an input
            continue
        if i in mixed:
            continue
        if (mix := token_mix(p, nums, i)) is not None:  # "an 80/20 in/out split", "claude-haiku-4-5 (75/25)"
            r.givens.append(mix)
            of[i] = mix
            mixed.add(i + 1)
            continue
        dash = p.norm.find("-", n.start, n.end)
        if n.value < 0 and dash > 0 and p.norm[dash - 1].isalpha():
            n.value = -n.value  # "per-1K" is a hyphen, not a minus sign
        if not n.money and (n.before[-1:] == ["per"] or p.norm[max(0, n.start - 4):n.start + 1].endswith("per-")):
            continue  # "per 1,000 tokens", "per-1K-token": a denominator, not a quantity
        if n.after[:2] == ["of", "them"] and p.gpus:
            g: Given | None = Given("gpus", n.value, n.text)  # "4 of them", beside a named GPU
        elif n.multiplier and reasoning_multiple(n, p.norm):
            g = Given("reasoning_multiple", n.value, n.text)  # "reasoning tokens roughly 3x the visible output"
        elif n.multiplier:
            g = Given("factor", n.value, n.text, target=change_target(n))
        elif n.percent:
            g = percent(n, p)
        elif n.money:
            g = money(n, p, per_of(own_phrase(n)[1]), r)
        else:
            g = count(n, p, r, nums, i)
            if g is not None and g.var == "users" and n.after[:1] == ["of"] and i + 1 < len(nums):
                population.add(i + 1)
        if g is not None:
            g.start = n.start
        of[i] = g
        if g is None:
            r.unused.append(n.text)
            r.unplaced.append(n)
            continue
        r.givens.append(g)
    taken = from_to(p, r, of)
    context_tier(p, r)
    price_pair(p, r)
    series(p, r, {i: g for i, g in of.items() if i not in taken}, taken)
    scale_words(p, r)
    cost_breakdown(r)
    all_in_total(r)
    compliance_lines(r)
    prompt_cut(r)
    unnamed_price(r)
    summarized(r)
    other_side(r)
    named_regions(r)
    ours_over_theirs(r)
    same_again(r)
    included_beside_heavy(r)
    item_read(r)
    two_quotas(r)
    free_users_of_the_quota(r)
    free_tier_usage(r)
    tier_lines(r)
    api_mix(r)
    query_mix(r)
    input_parts(r)
    added_counts(p, r)
    cached_by_name(r)
    cached_once(r)
    said_again(r)
    users_of_the_usage(r)
    traffic_of_ours(r)
    if fully_busy(p.norm) and not r.has("utilization"):
        r.givens.append(Given("utilization", 100.0, "fully utilized"))
    check(r)
    return r
