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

from assistant.planner.conventions import convention
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
from assistant.planner.lexicon import LEXICON, cue_distance, listed_class, noun_class, service_tier
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

_CLAUSE_WORDS = {"and", "but", "while", "whereas"}
_TOPICAL = ["funding", "saving", "contribution", "compliance", "verification", "training", "investment", "budget",
            "revenue", "fixed", "technology", "development", "gpu"]
_GENERIC = ["price", "bill", "cost", "allowance"]
_PCT_ORDER = ["swing", "hit_cost", "reasoning", "input_share", "output_share", "margin", "other_cogs", "provider_share",
              "utilization", "reduction", "cache_write", "hit_rate", "adoption", "region", "traffic_share", "up",
              "down"]


def _token_price(n: Num, norm: str) -> str:
    _, after = own_phrase(n)
    for side in (set(after[:5]), set(n.before[-2:])):  # "$15 per 1M output" names its own kind after it
        writes = side & {"write", "writes", "written", "writing", "creation"}
        if writes and (side & {"cache", "cached", "caching"} or "cache" in norm):
            return "cache_write_1h_price" if _one_hour(n, norm) else "cache_write_price"  # "cache writes $3.75/M"
        if side & {"cached", "cache", "hits"}:
            return "cached_price"
        if side & {"input", "prompt", "in"}:
            return "input_price"
        if side & {"output", "completion", "out", "generated"}:
            return "output_price"
    return "token_price"


def _one_hour(n: Num, norm: str) -> bool:
    """A cache figure for the 1-hour cache ("1-hour cache writes $6/M", "written to the 1h cache")."""
    near = re.split(r"[;,!?]|\.\s", norm[max(0, n.start - 30):n.start])[-1] + \
        re.split(r"[;,!?]|\.\s", norm[n.end:n.end + 50])[0]
    return re.search(r"\b(?:1|one)[ -]?(?:h|hr|hour)\b|\b60[ -]?min", near) is not None


def _request_fee(n: Num, p: Parsed) -> bool:
    """A fee per request beside token prices ("a $0.005 search fee per call", "$0.01 per request on top")."""
    token_priced = any(m.price_unit for m in p.nums if m is not n)
    return token_priced and cue_distance(*own_phrase(n), LEXICON["request_fee_cues"]) is not None


_SOLD_VERBS = set(LEXICON["sold_unit"]["verbs"])
_OURS = set(LEXICON["sold_unit"]["ours"])


def _sold_unit(n: Num, subject: list[str]) -> bool:
    """'A seat is $25/mo', 'each license goes for $40': a customer unit priced with no 'us' or 'we' paying."""
    words = [w for w in subject if w not in ("for", "at")]
    return len(words) >= 2 and words[-1] in _SOLD_VERBS and noun_class(words[-2]) == "users" \
        and not _OURS & set(words[:-1]) and not _OURS & set(own_phrase(n)[1][:4])


def _money(n: Num, p: Parsed, per: list[str], r: Reading) -> Given | None:
    period = next((x for x in per if x in PERIOD_WORDS.values()), None)
    subject = own_phrase(n)[0]
    serve = any(w.startswith(("serve", "run", "host")) for w in own_phrase(n)[1][:5])  # "each user is $4 to serve"
    costed = any(w.startswith(("cost", "pric", "spend", "cogs", "expense")) for w in subject)
    if not {"users", "queries"} & set(per) and (serve or costed):
        # "the per-query cost drops to $0.003", "serving each seat costs $3 a month"
        per += [c for w in subject if w.startswith("per-") and (c := noun_class(w[4:]))] or \
            [c for i, w in reversed(list(enumerate(subject))) if w in ("every", "each", "one", "a", "per") and
             (c := noun_of(subject[i + 1:i + 4])[0]) in ("queries", "users")][:1]  # the nearest one
    last = r.givens[-1] if r.givens else None
    if not {"users", "queries"} & set(per) and subject[:1] == ["and"] and len(subject) <= 3 and last is not None \
            and subject[1:2] and subject[1].startswith(("cost", "pay", "run", "bring", "generat", "spend")) \
            and last.var in ("price_per_user", "cost_per_user") \
            and not re.search(r"[.;?!]\s", p.norm[last.start:n.start]):
        per.append("users")  # "seats pay $20 and cost us $5": the verb shares the amount before it's subject
    if not {"users", "queries"} & set(per) and _each_one(subject) and (c := _antecedent(p.norm, n)) is not None:
        per.append(c)  # "users pay $8 and each one costs us $3": 'one' is the user
    sold = _sold_unit(n, subject)
    if sold:
        per.append("users")  # "a seat is $25/mo", "each license goes for $40": what a buyer pays for one
    if n.price_unit is not None:
        return Given(_token_price(n, p.norm), n.value, n.text, unit=n.price_unit.value)
    option = next((g for g in r.all("token_price") if g.value == n.value), None)
    if option is not None and n.after[:1] in (["model"], ["one"], ["models"], ["option"], ["tier"], ["llm"]):
        return Given("token_price", n.value, n.text, unit=option.unit)  # "10% stays on the $5 model" named before
    joined = n.before[-1:] == ["and"] and n.after[:1] in (["on"], ["for"]) and last is not None \
        and not re.search(r"[.;?!]\s", p.norm[last.start:n.start])  # "$6.40 on API calls and $2.10 on hosting"
    if (n.before[-1:] in (["another"], ["plus"], ["additional"]) or joined) and last is not None \
            and last.var in _COST_PARTS:
        return Given("cost_part", n.value, n.text, target=last.var)  # "API invoices $512k and hosting another $177k"
    if (overage := _per_thousand_queries(n, p.nums)) is not None:
        return overage
    each = (clause_counts(n) or _antecedent(p.norm, n)) if per == [] and "each" in n.after[:1] else None
    if "queries" in per or each == "queries":
        if _request_fee(n, p):
            return Given("request_price", n.value, n.text)  # "a flat $0.005 per request on top of tokens"
        return Given("cost_per_query", n.value, n.text)
    gpu_context = bool(p.gpus) or "gpu" in p.words or any(w.startswith("gpu") for w in p.words)
    if period == "hour" and gpu_context:
        return Given("gpu_hourly", n.value, n.text)
    cat = nearest_cue(n, LEXICON["money_cues"], _TOPICAL) or nearest_cue(n, LEXICON["money_cues"], _GENERIC)
    later_clause = subject[:1] != [] and subject[0] in _CLAUSE_WORDS  # "... and cost of goods was $420k"
    if (cat is None or (cat in ("bill", "cost") and per == [])) and not later_clause:
        # "Dev spend (GPUs) came to $200,000": the sentence's subject
        start = _sentence_start(p.norm, n)
        cat = nearest_cue(n, LEXICON["money_cues"], _TOPICAL, before=start) or cat
        if cat is None and nearest_cue(n, LEXICON["money_cues"], _GENERIC, before=start) == "price":
            cat = "price"  # "we sell an AI writing tool at $12 a month"
    before_words = own_phrase(n)[0]
    if cat in ("cost", "bill") and not {"us", "we"} & set(before_words + n.after[:2]) and any(
            w.startswith(("plan", "subscription", "tier", "add-on", "addon", "licen")) for w in before_words):
        cat = "price"  # "our plan costs $25/mo": what the plan costs its buyers
    if _names_a_product(n) or sold:
        cat = "price"  # "a $15/month add-on", "the $20 plan", "a seat is $25": the product's price
    if (named := _of_what(n)) is not None:
        cat = named  # "we have $25k of fixed costs a month", "$6,000/mo of MLOps": the 'of' phrase names it
    if cat == "saving" and n.before[-1:] == ["to"] and "from" not in own_phrase(n)[0]:
        cat = nearest_cue(n, LEXICON["money_cues"], _GENERIC)  # "cut the price to $20": the new price, not a saving
    if "users" in per or each == "users":
        return Given("cost_per_user" if cat in ("cost", "bill", "gpu") else "price_per_user", n.value, n.text,
                     period=period)
    role = {"funding": "funding", "saving": "saving", "contribution": "contribution", "investment": "investment",
            "budget": "budget", "revenue": "revenue",
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
    if role in ("monthly_cost", "revenue", "fixed_costs") and period is None and n.after[:1] != ["in"]:
        before, _ = own_phrase(n)
        if {"arr", "annual", "yearly"} & set(before + n.after[:3]):
            period = "year"
    if role == "monthly_cost" and period == "year":
        role = "yearly_cost"
    if role == "compliance_cost" and n.after[:1] == ["to"] and "build" in n.after[:3]:
        role = "development_cost"
    if role == "gpu_hourly" and period != "hour":
        role = "monthly_cost" if period == "month" else ""
    if not role and cat in ("gpu", "cost", "bill") and last is not None and last.var in _COST_PARTS \
            and not re.search(r"[.;?!]\s", p.norm[last.start:n.start]):
        return Given("cost_part", n.value, n.text, target=last.var)  # "API spend was $540k and GPU hosting $126k"
    return Given(role, n.value, n.text, period=period) if role else None


_COST_PARTS = ("monthly_cost", "yearly_cost", "fixed_costs", "cost_per_user", "cost_per_query")
_OVERAGE = set(LEXICON["overage_words"])


def _per_thousand_queries(n: Num, nums: list[Num]) -> Given | None:
    """'then $4 per 1,000 extra queries': a plan's overage price, per 1,000 queries beyond the quota.

    Priced per single query ("$0.02 per extra query beyond the allowance") it is `overage_price_per_query`.
    """
    if (per_query := _per_query_overage(n)) is not None:
        return per_query
    nxt = next((m for m in nums if m.start >= n.end), None)
    if split_words(n.after) != ["per"] or nxt is None or nxt.value != 1000 or nxt.money or nxt.percent:
        return None
    rest = split_words(nxt.after)[:3]
    noun = next((noun_class(w) for w in rest if noun_class(w) is not None), None)
    if noun != "queries" or not (_OVERAGE & set(rest + n.before[-5:])):
        return None
    return Given("overage_price", n.value, n.text)


def _per_query_overage(n: Num) -> Given | None:
    """'$0.02 per extra query beyond the allowance', '5 cents for every extra request': an overage price per query."""
    after = split_words(n.after)
    i = 0
    while i < min(len(after), 2) and after[i] in ("per", "for", "every", "each", "a", "an"):
        i += 1
    if i and i < len(after) and after[i] in _OVERAGE:
        i += 1
    if not i or i >= len(after) or noun_class(after[i]) != "queries" or not _OVERAGE & set(after + n.before[-3:]):
        return None
    return Given("overage_price_per_query", n.value, n.text)


def _each_one(words: list[str]) -> bool:
    """'each one', 'every one', 'each of them', or 'each' alone before a verb ("and each costs us $13.50")."""
    return any(words[i:i + 2] in (["each", "one"], ["every", "one"], ["each", "of"]) for i in range(len(words))) \
        or any(w == "each" and nxt.startswith(("cost", "run", "pay", "bring", "generat", "need", "use"))
               for w, nxt in itertools.pairwise(words))


def _antecedent(norm: str, n: Num) -> str | None:
    """The users or queries a pronoun ('each one') stands for: the nearest such noun before it in its sentence."""
    left = norm[:n.start]
    left = left[max(left.rfind(". "), left.rfind("? "), left.rfind("! ")) + 1:]
    for w in reversed(re.findall(r"[a-z][a-z-]*", left.lower())):
        if w not in ("one", "each", "every") and (cls := noun_class(w)) in ("users", "queries"):
            return cls
    return None


_PRODUCTS = tuple(LEXICON["products"])


def _names_a_product(n: Num) -> bool:
    """'a $15/month add-on', 'the $20 plan': an amount right before a product noun is that product's price."""
    after = split_words(n.after)
    while after[:1] and (after[0] in ("per", "a", "/") or after[0] in PERIOD_WORDS):
        after = after[1:]
    return bool(after[:1]) and after[0].startswith(_PRODUCTS)


def _of_what(n: Num) -> str | None:
    """The cue category an amount's own 'of' phrase names ("$25k of fixed costs", "$400k/month of revenue")."""
    after = split_words(n.after)
    while after[:1] and (after[0] in ("per", "a", "/") or after[0] in PERIOD_WORDS):
        after = after[1:]  # "$400k/month of revenue": past the period
    cues = LEXICON["money_cues"]
    if after[:1] != ["of"]:  # "$10k/month fixed costs": a noun phrase naming the amount right after it
        return next((cat for cat in _TOPICAL if cat not in ("budget", "saving", "revenue")
                     and cue_distance([], after[:2], cues[cat]) == 0), None)
    return next((cat for cat in [*_TOPICAL, *_GENERIC] if cat != "budget"  # "$400k a month of our budget": spend
                 and cue_distance([], after[1:4], cues[cat]) is not None), None)


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


_ROUTED = set(LEXICON["routed_words"])
_COPULAS = set(LEXICON["share_verbs"])


def _predicate(n: Num, p: Parsed) -> list[str]:
    """'80% of input tokens are read from the cache': the words from the verb on, when the share is the subject."""
    after = split_words(n.after)
    if after[:1] != ["of"]:
        return []
    verb = next((i for i, w in enumerate(after[1:6], 1) if w in _COPULAS), None)
    if verb is None:
        return []
    right = re.split(r"[;,!?]|:\s|\.(?:\s|$)", p.norm[n.end:n.end + 120])[0]
    words = split_words(re.findall(r"[a-z][\w'-]*", right.lower()))
    start = next((i for i, w in enumerate(words) if w == after[verb]), None)
    return words[start:start + 8] if start is not None else []


def _percent(n: Num, p: Parsed) -> Given | None:
    cat = nearest_cue(n, LEXICON["percent_cues"], _PCT_ORDER)
    words = split_words(n.after)
    if words[:1] == ["of"] and len(words) > 2 and noun_class(words[1]) == "queries" and words[2] in _ROUTED:
        return Given("traffic_share", n.value, n.text)  # "80% of tickets to a cheap model"
    side = {"input": "input_share", "output": "output_share"}.get(n.after[0] if n.after else "")
    if side and (len(n.after) == 1 or n.after[1] in ("and", "or", "vs", "/")):
        return Given(side, n.value, n.text)  # "our tokens are 75% input (and 25% output)"
    if pred := _predicate(n, p):  # the share's own predicate says what it is a share of
        cues = LEXICON["percent_cues"]
        named = [(d, rank, c) for rank, c in enumerate(_PCT_ORDER)
                 if (d := cue_distance([], pred, cues[c])) is not None]
        cat = min(named)[2] if named else cat
    value = n.value
    if cat == "hit_rate" and (n.after[:2] == ["of", "which"] or n.before[-2:] == ["of", "which"]):
        return Given("cached_share", value, n.text)  # "12,000 input tokens, 70% of which are served from the cache"
    if cat == "hit_rate" and not p.has("bill", "spend", "invoice", "we pay", "a month on") \
            and (p.has("token") or any(m.price_unit for m in p.nums)):
        return Given("cached_share", value, n.text)  # "80% of input is served from the prompt cache"
    role = {"margin": "margin", "provider_share": "provider_share", "hit_rate": "hit_rate",
            "hit_cost": "hit_cost_ratio", "utilization": "utilization", "reduction": "prompt_reduction",
            "input_share": "input_share", "output_share": "output_share", "traffic_share": "traffic_share",
            "adoption": "adoption", "region": "region_multiplier", "reasoning": "reasoning_share",
            "other_cogs": "other_cogs_share",
            "swing": "swing"}.get(cat or "")
    if cat == "cache_write":  # "10% of input is written to the cache", "a 1-hour cache"
        return Given("cache_write_1h_share" if _one_hour(n, p.norm) else "cache_write_share", value, n.text)
    if cat in ("up", "down"):
        target = change_target(n)
        return Given("percent_change", value if cat == "up" else -value, n.text, target=target)
    return Given(role, value, n.text) if role else None


_TO_VERBS = set(LEXICON["to_verbs"])


def _subject_noun(before: list[str]) -> str | None:
    """The class of the subject of 'seats go to', 'users grow to', 'usage is': a user or query noun before the verb."""
    words = [w for w in before if w not in ("to", "at", "about", "around", "roughly", "count", "number", "base")]
    if len(words) < 2 or words[-1] not in _TO_VERBS:
        return None
    cls = noun_class(words[-2])
    return cls if cls in ("users", "queries") else None


def _throughput_var(n: Num, p: Parsed) -> str:
    """'1,500 tokens/s each' or 'per GPU' beside several GPUs is one GPU's throughput; otherwise the deployment's."""
    own = " ".join(own_phrase(n)[1][:6])
    several = any((g.count or 0) > 1 for g in p.gpus) or any(
        (noun_of(split_words(m.after))[0] == "gpus" and m.value > 1) for m in p.nums)
    one_gpu = re.search(r"\b(?:each|apiece|per (?:gpu|card|node|instance|h100|h200|a100|b200|l4|l40s))\b", own)
    return "tokens_per_second_per_gpu" if several and one_gpu else "tokens_per_second"


def _unit_of_work(noun: str, norm: str) -> bool:
    """An unlisted plural noun that tokens, words or a price are counted per elsewhere ("1,500 words per piece")."""
    if len(noun) < 4 or not noun.endswith("s") or not noun.isalpha():
        return False
    singular = noun[:-2] if noun.endswith(("ches", "shes", "sses", "xes")) else noun[:-1]
    each = rf"\b(?:per|each|every|a|an|one)\s+(?:{re.escape(singular)}|{re.escape(noun)})\b"
    measure = r"(?:\btokens?\b|\bwords?\b|\$\s*[\d.,]+|\bcents?\b)"
    low = norm.lower()  # "1,500 words per piece", "each piece is ~2,000 tokens"
    return re.search(rf"{measure}[^.;?!]{{0,30}}?{each}|{each}[^.;?!]{{0,30}}?{measure}", low) is not None


def _each_sends(following: list[Num]) -> bool:
    """The next number counts queries that 'each' of the things before it sends ("each making 20 requests")."""
    return bool(following) and noun_of(split_words(following[0].after))[0] == "queries" and (
        "each" in following[0].before[-3:] or "each" in split_words(following[0].after)[:6])


def _count(n: Num, p: Parsed, r: Reading, nums: list[Num], i: int) -> Given | None:
    if n.before[-1:] in (["sigma"], ["σ"]) or n.before[-2:] in (["sigma", "of"], ["σ", "of"]):
        return Given("usage_sigma", n.value, n.text)  # "lognormal, sigma 1.0": the spread of usage
    after = split_words(n.after)
    cls, mods = noun_of(after)
    if cls is None and not after:
        cls = _subject_noun(n.before)  # "if seats go to 7,500": the count's noun is the verb's subject
    if cls is None and mods and _unit_of_work(mods[-1], p.norm):
        cls, mods = "queries", mods[:-1]  # "5 pieces a week ... 1,500 words per piece": what users do
    elif _each_sends(nums[i + 1:i + 2]) and "." not in p.norm[n.end:nums[i + 1].start] and (
            (cls is None and mods) or (cls == "queries" and not listed_class(after[len(mods)]))):
        cls = "users"  # "300 kiosks, each making ~20 requests an hour": whoever each sends the queries is a user
    if cls is None and after[:1] == ["of"] and i + 1 < len(nums):
        nxt_cls, _ = noun_of(split_words(nums[i + 1].after))
        if nxt_cls == "users":  # "12,000 of our 90,000 customers": the part is the population that uses it
            return Given("users", n.value, n.text)
    per = per_of(after[after.index(mods[-1]) + 1 if mods else 0:] if cls else after)
    period = next((x for x in per if x in PERIOD_WORDS.values()), None)
    if cls == "users" and period in ("day", "week", "hour") and r.has("users"):
        return Given("queries_per_user", n.value, n.text, period=period)  # "450 clinicians each see 18 patients a day"
    if cls == "users":
        kind = "free_users" if "free" in mods or "free" in n.before[-2:] else \
            "paying_users" if {"paying", "paid"} & set(mods + n.before[-2:]) else "users"
        return Given(kind, n.value, n.text)
    if cls == "queries":
        overage = p.has("extra", "beyond", "overage", "additional", "on top", "average", "averaging")
        quota = {"free", "included", "include"} | (  # "includes 1,000 queries, then $4 per 1,000 extra": a quota
            {"includes", "including", "bundled", "bundles", "gets", "get", "comes", "covers"} if overage
            else set())
        if quota & set(mods + n.before[-3:] + n.after[:4]) or {"quota", "allowance"} & set(n.after[:4]):
            return Given("free_quota", n.value, n.text)
        if heavy_usage(p.norm, n):
            return Given("queries_p95", n.value, n.text, period=period)  # "the 95th-percentile user sends 40"
        return Given("queries_per_user", n.value, n.text, period=period)
    if cls == "days":  # "we count 22 workdays a month": the days on which daily usage happens
        return Given("active_days", n.value, n.text, period=period) if period == "month" else None
    if cls == "tokens" or (cls is None and _cached_part(n, after)):
        if _cached_part(n, after) or "cached" in mods:
            return Given("cached_tokens", n.value, n.text)  # "3,000 input tokens, of which 2,000 are cached"
        if n.value in (1e3, 1e6) and n.before[-1:] in (["a"], ["one"], ["per"], ["each"]) \
                and set(after[len(mods) + 1:len(mods) + 3]) & {"cost", "costs", "run", "come"}:
            return None  # "what does a million tokens cost?": the unit being priced, not a quantity
        if period == "second":
            return Given(_throughput_var(n, p), n.value, n.text)
        if period in ("month", "day", "year", "week") and "queries" not in per:
            return Given("monthly_tokens" if period == "month" else "token_volume", n.value, n.text, period=period)
        if {"reasoning", "thinking"} & set(mods):
            return Given("reasoning_tokens", n.value, n.text)  # "2,000 reasoning tokens on top (billed as output)"
        noun_at = len(mods)
        for side in (set(mods), set(n.before[-1:]) | set(after[noun_at + 1:noun_at + 2])):
            if side & {"input", "prompt", "context", "in", "question", "system", "document"}:
                return Given("input_tokens", n.value, n.text)
            if side & {"output", "completion", "generated", "response", "out", "answer", "reply", "visible"}:
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
    if after[:1] in (["times"], ["uses"]) and period is not None and r.has("users"):
        return Given("queries_per_user", n.value, n.text, period=period)  # "using it about 10 times a day each"
    if after[:1] and after[0] in ("tokens/s", "tok/s", "tps"):
        return Given(_throughput_var(n, p), n.value, n.text)
    priced = p.has("token") or any(m.price_unit for m in nums)
    if after[:1] and after[0] in ("in", "out", "input", "output") and priced:
        return Given("input_tokens" if after[0] in ("in", "input") else "output_tokens", n.value, n.text)
    prev = next((m for m in reversed(nums[:i]) if not m.money and not m.percent and not ordinal(p.norm, m)), None)
    if not after and prev is not None and "." not in p.norm[prev.end:n.start] \
            and noun_of(split_words(prev.after))[0] == "queries":
        # "the median user sends 10 queries a day but the 95th-percentile user sends 40": the unit carries over
        per = per_of(split_words(prev.after))
        period = next((x for x in per if x in PERIOD_WORDS.values()), None)
        return Given("queries_p95" if heavy_usage(p.norm, n) else "queries_per_user", n.value, n.text, period=period)
    return None


_TOKEN_COUNTS = ("tokens_per_query", "input_tokens", "output_tokens", "words_per_query", "monthly_tokens")


def _prompt_cut(r: Reading) -> None:
    """'input tokens drop 40%' beside a bill and its input share: a prompt trim of that bill, not a new token count."""
    if not (r.has("monthly_cost") and r.has("input_share")) or r.has(*_TOKEN_COUNTS):
        return
    for i, g in enumerate(r.givens):
        if g.var == "percent_change" and g.value < 0 and g.target in (None, "tokens_per_query"):
            r.givens[i] = Given("prompt_reduction", -g.value, g.text, start=g.start)


def _duration_adjective(norm: str, n: Num) -> bool:
    """'a 1-hour cache', 'the 5-minute TTL': a length of time naming a kind of thing, not a quantity."""
    return not (n.money or n.percent) and re.match(r"-(?:hours?|hr|h|minutes?|mins?|m)\b", norm[n.end:]) is not None


def _cached_part(n: Num, after: list[str]) -> bool:
    """'of which 2,000 are cached', '2,000 of them cached', '2,000 (cached)': a cached part of the input."""
    return ("cached" in after[:5] or "cache" in after[:5]) and (
        n.before[-2:] == ["of", "which"] or after[:2] in (["of", "them"], ["of", "those"], ["of", "which"])
        or after[:1] in (["are"], ["cached"]))


def read(p: Parsed) -> Reading:
    """Give every number of the parsed question a role (or list it as unused)."""
    r = Reading(models=list(dict.fromkeys(p.models)), words=set(p.words), norm=p.norm, tier=service_tier(p.norm))
    if p.gpus:
        r.gpu = p.gpus[0].name
        if p.gpus[0].count:
            r.givens.append(Given("gpus", float(p.gpus[0].count), str(p.gpus[0].count)))
    nums = p.nums
    population: set[int] = set()
    of: dict[int, Given | None] = {}
    for i, n in enumerate(nums):
        if i in population:  # "12,000 of our 90,000 customers": the whole the users are a part of
            r.givens.append(Given("population", n.value, n.text, start=n.start))
            continue
        if around_the_clock(p.norm, n) or calendar_year(n) or ordinal(p.norm, n) or _duration_adjective(p.norm, n) \
                or (not n.money and noun_of(split_words(n.after))[0] == "options"):
            continue  # "24/7", "in 2023", "the 95th percentile", "the 1-hour cache", "three quotes": no quantities
        if n.money and n.before[-1:] == ["the"] and any(g.value == n.value for g in r.givens) \
                and re.match(r"[^.!?]*\?", p.norm[n.end:]):
            continue  # "...before they cost us more than the $12?": a figure given before, named again in the ask
        if (said := convention(p.norm, n)) is not None:
            r.conventions.append(said)  # "treat a month as 30 days": the calculators' own calendar, not an input
            continue
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
        if g is not None:
            g.start = n.start
        of[i] = g
        if g is None:
            r.unused.append(n.text)
            r.unplaced.append(n)
            continue
        r.givens.append(g)
    taken = from_to(p, r, of)
    series(p, r, {i: g for i, g in of.items() if i not in taken}, taken)
    scale_words(p, r)
    _prompt_cut(r)
    if re.search(r"\b(?:fully (?:utili[sz]ed|busy|loaded)|flat out|at full utili[sz]ation|100% busy)\b",
                 p.norm, re.I) and not r.has("utilization"):
        r.givens.append(Given("utilization", 100.0, "fully utilized"))
    check(r)
    return r
