"""Roles: what each number of a question is, as a variable of the economics (users, cost per query, ...).

A number's unit comes from the noun after it (lexicon, else WordLlama similarity) and what it is
per from the words "per / a / each / every" or an adverb ("daily"); the role follows from unit and
per first ("$0.01 a query" is a cost per query, "20 requests per second" a rate), and only then from
the cue words of its own clause ("we charge $30 per seat" is a price, "serving costs $9 per seat" a
cost). No number is changed here: every conversion is a calculator's job.
"""

from __future__ import annotations

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
    series,
)
from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import LEXICON, cue_distance, service_tier
from assistant.planner.model_size import model_size
from assistant.planner.money_roles import money
from assistant.planner.names import api_beside_gpus, as_named_before, distinct_models
from assistant.planner.non_quantities import (
    around_the_clock,
    asked_per_one,
    calendar_year,
    describes_a_team,
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

_TOKEN_COUNTS = ("tokens_per_query", "input_tokens", "output_tokens", "words_per_query", "input_words", "output_words",
                 "monthly_tokens")


def _prompt_cut(r: Reading) -> None:
    """'input tokens drop 40%' beside a bill and its input share: a prompt trim of that bill, not a new token count.

    The share may be given, or follow from a token split and its prices ("3,000 input and 500 output tokens at
    $2.50/M input and $10/M output"), which the caching calculator turns into the share itself.
    """
    split = r.has("input_tokens") and r.has("output_tokens") and r.has("input_price") and r.has("output_price") \
        and not r.has("users", "queries_per_user")
    if not r.has("monthly_cost") or not (split or (r.has("input_share") and not r.has(*_TOKEN_COUNTS))):
        return
    for i, g in enumerate(r.givens):
        if g.var == "percent_change" and g.value < 0 and g.target in (None, "tokens_per_query"):
            r.givens[i] = Given("prompt_reduction", -g.value, g.text, start=g.start)




def _summarized(r: Reading) -> None:
    """'One ticket is around 1,500 words, the summary we produce is about 150': the text summarized goes in.

    Beside a summary's size, the one other size of the same unit is what the summary is made from; the size of "each
    summary" said alone is the whole call.
    """
    if not re.search(r"\bsummar", r.norm, re.I):
        return
    sizes = [g for g in r.givens if g.var in _TOKEN_COUNTS]
    if len(sizes) == 1 and sizes[0].var in ("output_tokens", "output_words") and sizes[0].start > 0 and re.search(
            r"\b(?:each|every|a|one|per)\s+summar(?:y|ies)\s+(?:is|are|runs?|averages?|takes?|uses?)?\s*"
            r"(?:roughly|about|around|~)?\s*$", r.norm[:sizes[0].start], re.I):
        sizes[0].var = sizes[0].var.replace("output_", "") + "_per_query"  # "each summary is ~1,500 tokens": a call
        return
    for unit in ("words", "tokens"):
        whole = r.all(f"{unit}_per_query")
        if r.has(f"output_{unit}") and not r.has(f"input_{unit}") and len(whole) == 1:
            whole[0].var = f"input_{unit}"
        source = r.get(f"input_{unit}")  # "a document averages 4,500 words and the summary comes back at 750 words"
        if source is not None and not r.has(f"output_{unit}") and len(whole) == 1 and whole[0].start > source.start:
            whole[0].var = f"output_{unit}"


def _two_quotas(r: Reading) -> None:
    """'30 free queries a month ... 500 queries included, then $2 per 1,000 extra': two quotas, free and paid.

    The one not said free is what a paying user's plan includes before overage.
    """
    quotas = r.all("free_quota")
    if len(quotas) != 2 or any(g.start < 0 for g in quotas):
        return
    free = [bool(re.match(r"[\d,.\sk]*(?:free|gratis)\b", r.norm[g.start:g.start + 30], re.I)
                 or re.search(r"\bfree(?: tier| plan)?(?: is|:)?\s*$", r.norm[max(0, g.start - 20):g.start], re.I))
            for g in quotas]  # "30 free queries a month", "Free: 20 generations / month"
    if free.count(True) == 1:
        quotas[free.index(False)].var = "included_queries"


def _free_tier_usage(r: Reading) -> None:
    """'free tier: 200,000 users, 30 AI chats/month each' beside a plan: the free users' usage is their quota.

    Only when the usage follows the free users in their own sentence, and paying users have usage of their own or
    the plan has its own allowance or overage ("included: 300/month, then $8 per 1,000"), which is then the paid
    plan's included queries.
    """
    free, usage = r.get("free_users"), r.all("queries_per_user")
    first = next((u for u in usage if free is not None and u.start > free.start), None)
    if free is None or free.start < 0 or first is None or re.search(r"[.;\n]", r.norm[free.start:first.start]):
        return
    if any(free.start < g.start < first.start for v in ("paying_users", "users", "free_quota") for g in r.all(v)):
        return  # "50k free users w/ 30 q/mo quota, 4k paying ... averaging 200 q/mo": that usage is the payers'
    plan = [g for g in r.all("free_quota") if not re.match(r"[\d,.\sk]*(?:free|gratis)\b",
                                                           r.norm[g.start:g.start + 30], re.I)]
    if r.all("free_quota") and not plan:
        return  # the free quota is said as such already
    payers = r.has("paying_users") or any(g.start > first.start for g in r.all("users"))  # "paid tier: 4,000 users"
    if not plan and not (len(usage) >= 2 and payers) and not r.has("overage_price"):
        return
    for g in plan:
        g.var = "included_queries"
    first.var = "free_quota"


def _api_mix(r: Reading) -> None:
    """'Compared with gpt-4o (75/25 mix)' beside GPUs: the input and output shares that blend the API's prices."""
    shares = [n for n in r.unplaced if n.percent]
    if len(shares) != 2 or shares[0].value + shares[1].value != 100 or api_beside_gpus(r) is None:
        return
    r.givens.append(Given("api_input_share", shares[0].value, shares[0].text, start=shares[0].start))
    for n in shares:
        r.unplaced.remove(n)
        r.unused.remove(n.text)


def _query_mix(r: Reading) -> None:
    """With no bill to cut, shares of input and output are the split of each query's tokens.

    "A question is ~1,000 tokens (60% input, 40% output)", "per 1M (60% input / 40% output) for gpt-4.1 and ...".
    """
    ins, outs = r.all("input_share"), r.all("output_share")
    if len(ins) != 1 or len(outs) > 1 or not (r.has("tokens_per_query") or r.models) \
            or r.has("prompt_reduction", "monthly_cost", "yearly_cost", "api_input_share") \
            or (outs and ins[0].value + outs[0].value != 100):
        return
    ins[0].var = "api_input_share"
    r.givens = [g for g in r.givens if g.var != "output_share"]  # the rest of the same query: said by the input's


def _said_again(r: Reading) -> None:
    """'of which 5,000 are the system prompt ... those 5,000 tokens are read from the cache': one figure said twice.

    A count left without a role is the same quantity as an equal count given a role later in the question.
    """
    for n in list(r.unplaced):
        if not n.money and not n.percent and n.value >= 10 and any(
                g.value == n.value and g.start > n.start for g in r.givens):
            r.unplaced.remove(n)
            r.unused.remove(n.text)


def _unnamed_price(r: Reading) -> None:
    """A per-user amount whose own list item names no cost is the price, when another one is named a cost.

    "Fixed costs of $45k, $25 per user per month, variable cost $10 per user": $25 is what a user pays.
    """
    costs = r.all("cost_per_user")
    if len(costs) != 2 or r.has("price_per_user") or any(g.start < 0 for g in costs):
        return
    items = [re.split(r"[,;.]\s", r.norm[:g.start].lower())[-1] for g in costs]  # each amount's own list item
    named = [cue_distance(re.findall(r"[a-z][\w&'-]*", item), [], LEXICON["money_cues"]["cost"]) is not None
             for item in items]
    if named.count(True) == 1:
        costs[named.index(False)].var = "price_per_user"


def _duration_adjective(norm: str, n: Num) -> bool:
    """'a 1-hour cache', 'the 5-minute TTL': a length of time naming a kind of thing, not a quantity."""
    return not (n.money or n.percent) and re.match(r"-(?:hours?|hr|h|minutes?|mins?|m)\b", norm[n.end:]) is not None


_MODEL_WORDS = (["modelname"], ["model"], ["models"], ["parameter"], ["parameters"], ["params"], ["param"], ["llm"])


def read(p: Parsed) -> Reading:
    """Give every number of the parsed question a role (or list it as unused)."""
    r = Reading(models=distinct_models(p.models), all_models=as_named_before(p.models), words=set(p.words), norm=p.norm,
                tier=service_tier(p.norm))
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
                or priced_one(p.norm, n) or reference_number(n) or standard_name(p.norm, n) \
                or size_adjective(p.norm, n) or range_ends(p.norm, n) or percentile_group(n) \
                or message_parts(p.norm, n) or one_heavy_user(p.norm, n) or idiom_one(p.norm, n) \
                or (n.value == 1 and i + 1 < len(nums) and size_adjective(p.norm, nums[i + 1])
                    and not p.norm[n.end:nums[i + 1].start].strip()) \
                or model_variant(p.norm, n, p.models) or one_call_each(n) \
                or (not n.money and not n.percent and n.period is None
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
    _prompt_cut(r)
    _unnamed_price(r)
    _summarized(r)
    _two_quotas(r)
    _free_tier_usage(r)
    _api_mix(r)
    _query_mix(r)
    input_parts(r)
    added_counts(p, r)
    cached_by_name(r)
    cached_once(r)
    _said_again(r)
    users_of_the_usage(r)
    traffic_of_ours(r)
    if fully_busy(p.norm) and not r.has("utilization"):
        r.givens.append(Given("utilization", 100.0, "fully utilized"))
    check(r)
    return r
