"""Roles that follow from other roles: once every number has one, a few are settled by the rest of the reading.

A prompt trim beside a bill and its input share, what a summary is made from, a free and a paid quota, the shares
that blend an API's prices, a figure said twice, an unnamed per-user price beside a named cost.
"""

from __future__ import annotations

import re

from assistant.planner.count_words import free_line
from assistant.planner.lexicon import LEXICON, cue_distance, noun_class
from assistant.planner.names import api_beside_gpus
from assistant.planner.reading import Given, Reading

__all__ = ["all_in_total", "api_mix", "compliance_lines", "cost_breakdown", "free_tier_usage",
           "free_users_of_the_quota", "item_read", "prompt_cut", "query_mix", "said_again", "summarized", "two_quotas",
           "unnamed_price"]

_TOKEN_COUNTS = ("tokens_per_query", "input_tokens", "output_tokens", "words_per_query", "input_words", "output_words",
                "monthly_tokens")


def prompt_cut(r: Reading) -> None:
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


def summarized(r: Reading) -> None:
    """'One ticket is around 1,500 words, the summary we produce is about 150': the text summarized goes in.

    Beside a summary's size, the one other size of the same unit is what the summary is made from; the size of "each
    summary" said alone is the whole call.
    """
    if not re.search(r"\bsummar", r.norm, re.I):
        return
    sizes = [g for g in r.givens if g.var in _TOKEN_COUNTS]
    if len(sizes) == 1 and sizes[0].var in ("output_tokens", "output_words") and sizes[0].start > 0 and re.search(
            r"\b(?:each|every|a|an|one|per|the)\s+(?:average\s+|avg\s+|typical\s+)?(?:[a-z-]+\s+)?summar(?:y|ies)\s+"
            r"(?:is|are|runs?|averages?|takes?|uses?)?\s*"
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


def two_quotas(r: Reading) -> None:
    """'30 free queries a month ... 500 queries included, then $2 per 1,000 extra': two quotas, free and paid.

    The one not said free is what a paying user's plan includes before overage.
    """
    quotas = r.all("free_quota")
    if len(quotas) != 2 or any(g.start < 0 for g in quotas):
        return
    free_users = [g.start for g in r.all("free_users")]
    free = [bool(re.match(r"[\d,.\sk]*(?:free|gratis)\b", r.norm[g.start:g.start + 30], re.I)
                 or re.search(r"\bfree(?: tier| plan)?(?: is|:)?\s*$", r.norm[max(0, g.start - 20):g.start], re.I)
                 or free_line(r.norm, g.start)
                 or any(_same_sentence(r.norm, s, g.start) for s in free_users))
            for g in quotas]  # "30 free queries a month", "Free: 20 generations / month", "free tier: 20,000 free
    # users, 25 rewrites/month each", "20,000 free sellers get 25 listings/mo"
    if free.count(True) == 2:  # "includes 400 AI listings" is the paid plan's, whatever else the sentence says
        free = [not re.search(r"\binclud\w*\s*$", r.norm[max(0, g.start - 12):g.start], re.I) for g in quotas]
    if free.count(True) == 1:
        quotas[free.index(False)].var = "included_queries"


def _same_sentence(norm: str, a: int, b: int) -> bool:
    return a >= 0 and not re.search(r"[.;?!](?:\s|$)", norm[min(a, b):max(a, b)])


def free_users_of_the_quota(r: Reading) -> None:
    """Beside the paying users, the users a free quota is said of in their own sentence are the free users.

    "1,200 trial agents ..., 300 free summaries/month each" then "2,100 paying seats at $9/month".
    """
    users, quotas, payers = r.all("users"), r.all("free_quota"), r.all("paying_users")
    if len(users) != 1 or not quotas or not payers or r.has("free_users") or users[0].start < 0:
        return
    if any(_same_sentence(r.norm, users[0].start, q.start) and q.start > users[0].start for q in quotas) \
            and not any(_same_sentence(r.norm, users[0].start, g.start) for g in payers):
        users[0].var = "free_users"


def free_tier_usage(r: Reading) -> None:
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


def api_mix(r: Reading) -> None:
    """'Compared with gpt-4o (75/25 mix)' beside GPUs: the input and output shares that blend the API's prices."""
    shares = [n for n in r.unplaced if n.percent]
    if len(shares) != 2 or shares[0].value + shares[1].value != 100 or api_beside_gpus(r) is None:
        return
    r.givens.append(Given("api_input_share", shares[0].value, shares[0].text, start=shares[0].start))
    for n in shares:
        r.unplaced.remove(n)
        r.unused.remove(n.text)


def query_mix(r: Reading) -> None:
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


_ALL_IN_AFTER = re.compile(r"\s*(?:(?:/|per|a|an)\s*(?:month|mo|year|yr|quarter)\s*)?(?:all[- ]in|in total|total|"
                           r"altogether|combined|all told)\b", re.I)
_ALL_IN_BEFORE = re.compile(r"\b(?:call it|so|i\.e\.|total(?:ling)?|that's|that is|all[- ]in)\s*"
                            r"(?:about|around|~)?\s*~?$", re.I)


def all_in_total(r: Reading) -> None:
    """'2 engineers (~$38k/mo together) + infra, call it $42k/month all in': the total said after its parts.

    Of two amounts of one role in one sentence, the one said as the whole ("call it ... all in", "... in total")
    is the figure; the other is a part of it.
    """
    for var in ("fixed_costs", "monthly_cost", "cost_per_user", "staff_cost"):
        amounts = [g for g in r.all(var) if g.start >= 0]
        totals = [g for g in amounts if (at := r.norm.find(g.text, max(0, g.start - 2))) >= 0 and (
            _ALL_IN_AFTER.match(r.norm, at + len(g.text)) or _ALL_IN_BEFORE.search(r.norm, 0, at))]
        if len(amounts) < 2 or len(totals) != 1:
            continue
        for g in amounts:
            if g is not totals[0] and _same_sentence(r.norm, g.start, totals[0].start) and g.value < totals[0].value:
                r.givens.remove(g)


def said_again(r: Reading) -> None:
    """'of which 5,000 are the system prompt ... those 5,000 tokens are read from the cache': one figure said twice.

    A count left without a role is the same quantity as an equal count given a role later in the question.
    """
    for n in list(r.unplaced):
        if not n.money and not n.percent and n.value >= 10 and any(
                g.value == n.value and g.start > n.start for g in r.givens):
            r.unplaced.remove(n)
            r.unused.remove(n.text)


def unnamed_price(r: Reading) -> None:
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


_TOTALS = ("monthly_cost", "yearly_cost", "fixed_costs")


def cost_breakdown(r: Reading) -> None:
    """'COGS $690k (OpenAI $410k, GPUs $200k, vector DB + misc $80k)': the lines of a total, not costs to add.

    The amounts in parentheses right after a total explain it; the total is what the question costs with.
    """
    for total in [g for g in r.givens if g.var in _TOTALS and g.start >= 0]:
        at = r.norm.find(total.text, total.start)
        opened = re.match(r"\s*(?:(?:a|per|/)\s*(?:month|year|quarter|mo|yr)\s*)?\(", r.norm[at + len(total.text):]) \
            if at >= 0 else None
        if opened is None:
            continue
        start = at + len(total.text) + opened.end()
        end = r.norm.find(")", start)
        for g in r.givens:
            if g is not total and g.var in (*_TOTALS, "cost_part") and start <= g.start < end:
                g.var, g.target = "cost_breakdown", None


_ITEM_SIZE = re.compile(r"\b\d[\d,.]*\s*(?:k|m|million|thousand)?\s+(?:[a-z-]+\s+)?([a-z]+)\b[^.;?!\d]{0,30}$", re.I)


def item_read(r: Reading) -> None:
    """'1.2 million emails, average 400 words each ... we want a ~50-word tag': the item counted is what is read.

    Beside an output size and no input size, the one size said of each counted work item (an email, a contract, a
    ticket; not a question or a call, which are the whole exchange) is the input.
    """
    for unit in ("words", "tokens"):
        whole = r.all(f"{unit}_per_query")
        if len(whole) != 1 or whole[0].start < 0 or not r.has(f"output_{unit}") or r.has(f"input_{unit}"):
            continue
        item = _ITEM_SIZE.search(r.norm, 0, whole[0].start)
        noun = item.group(1).lower() if item else ""
        if noun_class(noun) == "queries" and not noun.startswith(tuple(LEXICON["interactions"])):
            whole[0].var = f"input_{unit}"


_CATEGORIES = {"development": "development_cost", "compliance": "compliance_cost", "verification": "verification_cost",
               "training": "training_cost", "technology": "technology_cost"}


def compliance_lines(r: Reading) -> None:
    """'training the community team: $25k' beside development, regulatory and verification lines is training.

    A line of a compliance breakdown read as a fixed cost is named by the category it names first, even when another
    cue ('team') is nearer the amount.
    """
    if sum(r.has(v) for v in _CATEGORIES.values()) < 2:
        return
    for g in r.all("fixed_costs"):
        if g.start < 0:
            continue
        line = re.split(r"[.;\n]\s*|\s-\s", r.norm[:g.start])[-1].lower()
        words = re.findall(r"[a-z][\w&'-]*", line)
        at = {c: next((i for i, w in enumerate(words) if cue_distance(words[:i + 1], [], LEXICON["money_cues"][c])
                       is not None), len(words))
              for c in _CATEGORIES if cue_distance(words, [], LEXICON["money_cues"][c]) is not None}
        if at:  # the category named first in the line: "training the community team" is training
            g.var = _CATEGORIES[min(at, key=lambda c: at[c])]
