"""The words around an amount of money and what they name: its cue category, its unit, a product it prices.

Helpers of `money_roles`: "$25k of fixed costs" (the 'of' phrase), "a $15/month add-on" (a product), "a seat is
$25/mo" (a unit sold), "$15 per 1M output" (a token price's side), "cache writes $3.75/M", "for the year" (a span).
"""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import LEXICON, NOT_CUES, cue_distance, listed_class, noun_class, plural, singular_class
from assistant.planner.quantities import Num
from assistant.planner.reading import PERIOD_WORDS, nearest_cue, noun_of, own_phrase, split_words

__all__ = [
    "A_UNIT_OF_WORK_AT_MOST",
    "CAPPED_AT",
    "FIXED_AFTER",
    "GENERIC",
    "REDUCED",
    "TOPICAL",
    "VARIABLE_BEFORE",
    "VENDOR_FEES",
    "cogs_aside",
    "customers_pay",
    "named_after",
    "names_a_product",
    "of_what",
    "one_hour",
    "per_unit_key",
    "request_fee",
    "sold_unit",
    "span_of",
    "spent_on_a_model",
    "token_price_role",
    "unit_class",
    "unlisted_each",
]

TOPICAL = ["funding", "saving", "contribution", "compliance", "verification", "training", "investment", "budget",
            "revenue", "fixed", "technology", "development", "gpu"]
GENERIC = ["price", "bill", "cost", "allowance"]


def token_price_role(n: Num, norm: str) -> str:
    """Which token price an amount with a price unit is: input, output, cached, a cache write, or blended."""
    _, after = own_phrase(n)
    if "in" in after[:3] and re.match(r"[^.;?]{0,24}?\bin\s+\d", norm[n.end:]):
        after = after[:after.index("in")]  # "up to $2/M in 8 even steps": 'in' before a number is no input side
    for side in (set(after[:5]), set(n.before[-2:])):  # "$15 per 1M output" names its own kind after it
        writes = side & {"write", "writes", "written", "writing", "creation"}
        if writes and (side & {"cache", "cached", "caching"} or "cache" in norm):
            return "cache_write_1h_price" if one_hour(n, norm) else "cache_write_price"  # "cache writes $3.75/M"
        if side & {"cached", "cache", "hits"}:
            return "cached_price"
        if side & {"input", "prompt", "in"}:
            return "input_price"
        if side & {"output", "completion", "out", "generated"}:
            return "output_price"
    return "token_price"


def one_hour(n: Num, norm: str) -> bool:
    """A cache figure for the 1-hour cache ("1-hour cache writes $6/M", "written to the 1h cache")."""
    near = re.split(r"[;,!?]|\.\s", norm[max(0, n.start - 30):n.start])[-1] + \
        re.split(r"[;,!?]|\.\s", norm[n.end:n.end + 50])[0]
    return re.search(r"\b(?:1|one)[ -]?(?:h|hr|hour)\b|\b60[ -]?min", near) is not None


def request_fee(n: Num, p: Parsed) -> bool:
    """A fee per request beside token prices ("a $0.005 search fee per call", "$0.01 per request on top")."""
    token_priced = any(m.price_unit for m in p.nums if m is not n)
    clause = split_words(re.split(r"[,;.:?!(]", p.norm[max(0, n.start - 60):n.start])[-1].split())
    return token_priced and (cue_distance(*own_phrase(n), LEXICON["request_fee_cues"]) is not None or (
        own_phrase(n)[0] in (["at"], ["for"]) and cue_distance(clause, [], LEXICON["request_fee_cues"]) is not None))
    # "plus the web search tool at $0.005 per request": the clause names the fee before the amount


_SOLD_VERBS = set(LEXICON["sold_unit"]["verbs"])
_OURS = set(LEXICON["sold_unit"]["ours"])


TIERS = ("pro", "premium", "starter", "basic", "enterprise")  # "pro is 49 a month": a plan sold by its name


def sold_unit(n: Num, subject: list[str]) -> bool:
    """'A seat is $25/mo', 'each license goes for $40': a customer unit priced with no 'us' or 'we' paying."""
    words = [w for w in subject if w not in ("for", "at")]
    return len(words) >= 2 and words[-1] in _SOLD_VERBS and (noun_class(words[-2]) == "users" or words[-2] in TIERS) \
        and not _OURS & set(words[:-1]) and not _OURS & set(own_phrase(n)[1][:4])


_RATE_WORDS = {"per", "a", "an", "each", "every", "/", "month", "mo", "year", "week", "day", "user", "seat", "head"}


def named_after(n: Num, cues: list[str] | None = None) -> str | None:
    """The money cue right after an amount and its rate ('$4/month variable cost': cost), else None."""
    words = list(n.after)
    while words and words[0] in _RATE_WORDS:
        words = words[1:]
    return nearest_cue(Num(value=n.value, text=n.text, start=n.start, end=n.end, after=words[:2]),
                       LEXICON["money_cues"], cues or ["fixed", "cost"]) if words else None


def span_of(n: Num, norm: str) -> str | None:
    """'$630k for the quarter', '$2.1M over the year', '$40k this month': the span an amount covers.

    Or its subject's adjective: "our yearly AI budget for the technician assistant is $60k".
    """
    sentence = re.split(r"[.;?!]\s", norm[:n.start])[-1].lower()
    if (said := _PERIOD_SUBJECT.search(sentence.rstrip(" ~"))) is not None:
        return _ADJECTIVE_PERIODS[said.group(1)]
    after = split_words(n.after)[:4]
    if after[:1] not in (["for"], ["over"], ["during"], ["in"], ["this"], ["that"], ["last"], ["the"]):
        return None
    word = next((w for w in after[1:3] if w in ("quarter", "year", "month")), None)
    return PERIOD_WORDS.get(word) if word else None


_ADJECTIVE_PERIODS = {"yearly": "year", "annual": "year", "quarterly": "quarter", "monthly": "month", "weekly": "week",
                      "daily": "day"}
_PERIOD_SUBJECT = re.compile(r"\b(yearly|annual|quarterly|monthly|weekly|daily)\s+(?:[a-z-]+\s+){0,2}?"
                             r"(?:budget|spend|cap|allowance|appropriation)\b[^$\d]{0,60}?\b(?:is|of|at|=|are|was)(?:\s+about|\s+around)?$")
_SPENT_ON = {"costs", "cost", "fees", "fee", "spend", "charges", "usage", "inference", "tokens", "compute", "hosting"}
REDUCED = {"reduce", "reduces", "reducing", "cut", "cuts", "cutting", "lower", "lowers", "lowering", "trim", "trims",
            "shave", "shaves", "slash", "slashes", "shrink", "shrinks", "decrease", "decreases", "drop", "drops",
            "fall", "falls", "down"}
_PRODUCTS = tuple(LEXICON["products"])


def _past_rate(words: list[str]) -> list[str]:
    """The words after an amount's rate: past 'per', 'a', '/', periods and a customer unit after 'per'."""
    said = ""
    while words[:1] and (words[0] in ("per", "a", "/") or words[0] in PERIOD_WORDS
                         or (said == "per" and noun_class(words[0]) == "users")):
        said, words = words[0], words[1:]
    return words


def names_a_product(n: Num) -> bool:
    """'a $15/month add-on', 'the $20 plan', 'subscriptions at $24': an amount beside a product noun is its price."""
    def product(word: str) -> bool:
        return word.startswith(_PRODUCTS) and word not in NOT_CUES  # "plant" begins with "plan"

    if n.before[-1:] in (["at"], ["for"], ["of"]) and n.before[-2:-1] and product(n.before[-2]):
        return True
    after = _past_rate(split_words(n.after))  # "a $19/user/month plan"
    rated = len(after) < len(split_words(n.after))  # "a $12/month writing assistant": one word may describe it
    return bool(after[:1]) and (product(after[0]) or (rated and after[1:2] != [] and product(after[1])))


def of_what(n: Num, cat: str | None, norm: str) -> str | None:
    """The cue category an amount's own 'of' or 'in' phrase names ("$25k of fixed costs", "$3 in API costs")."""
    words = split_words(n.after)
    after = _past_rate(words)  # "$400k/month of revenue", "$4 per dev": past the period and the unit
    if len(after) < len(words) and after[1:2] in (["in"], ["of"]) and noun_class(after[0]) in ("users", "queries"):
        after = after[1:]  # "6 per query in API costs": past the unit it is per
    cues = LEXICON["money_cues"]
    if after[:1] == ["in"]:  # "$60k a month in fixed costs", "$6 per seat in API fees": what the amount is spent on
        if cat in ("saving", "revenue", "funding", "contribution"):
            return None  # "saves us $40k a month in API fees": the saving it is, on those fees
        topical = [c for c in TOPICAL if c not in ("budget", "saving", "revenue", "contribution", "funding")]
        named = next((c for c in topical if cue_distance([], after[1:4], cues[c]) is not None), None)
        return named or ("cost" if set(after[1:4]) & _SPENT_ON else None)
    if after[:1] != ["of"]:  # "$10k/month fixed costs": a noun phrase naming the amount right after it (an aside in
        if re.match(r"\s*\(", norm[n.end:]):  # parentheses lists what it
            return None  # buys: "$240,000 (GPUs, labeling)")
        return next((cat for cat in TOPICAL if cat not in ("budget", "saving", "revenue")
                     and cue_distance([], after[:2], cues[cat]) == 0), None)
    if cat == "saving":
        return None  # "saves ~$22k/mo of API spend": the saving it is, on that spend
    return next((cat for cat in [*TOPICAL, *GENERIC] if cat != "budget"  # "$400k a month of our budget": spend
                 and cue_distance([], after[1:4], cues[cat]) is not None), None)


_COGS_ASIDE = re.compile(r"\(\s*(?:our\s+|the\s+|i\.e\.\s+|=\s*)?(?:cogs|cost of (?:goods|sales|revenue)(?: sold)?)"
                         r"\s*\)\s*(?:is|was|were|are|=|:|came to|ran|runs?|comes? to)?\s*(?:about|around|~)?\s*$",
                         re.I)


def cogs_aside(norm: str, at: int) -> bool:
    """'model + inference infra (our COGS) was $310k': the amount is the cost of goods an aside names."""
    return _COGS_ASIDE.search(norm, 0, at) is not None


_PER_UNIT_OF = re.compile(r"\b(?:cost|spend|price|bill|hosting)s?\s+per\s+([a-z-]+)(\s+customers?)?(?:\s+|\s*(?=[:=]))"
                          r"(?:(?:of|for|on|in)\b[^.;?!$\d]{0,60}?\s)?"
                          r"(?:is|are|was|were|=|:|runs?|comes? to|averages?)\s*(?:about|around|roughly|~)?\s*$", re.I)


def per_unit_key(norm: str, at: int) -> str | None:
    """What a key line's amount is per, past the phrase that names the product: cost or price per user, or per query.

    "AI cost per subscriber of our choir's practice-track assistant is $1.20 a month": a cost per user; "model cost
    per investigator is about $18" (an investigator being the question's customer, `work_nouns.customer_units`).
    """
    said = _PER_UNIT_OF.search(norm, 0, at)
    unit = "users" if said is not None and said.group(2) else noun_class(said.group(1)) if said is not None else None
    if said is None or unit not in ("users", "queries"):  # "per utility customer": a trade's customer
        return None
    if unit == "queries":
        return "cost_per_query"
    return "price_per_user" if said.group(0).lower().startswith("pric") else "cost_per_user"


def unit_class(words: list[str], said: str) -> str | None:
    """The class of the unit an amount is per ("per seat"); after 'per' or 'each', a singular noun by its plural.

    "the AI usage per store runs about $47": per store (a store is what 'stores' are), not per run.
    """
    if said in ("per", "each", "every") and words[1:2] in (["customer"], ["customers"]):
        return "users"  # "per utility customer runs about $420": a trade's customer (`work_nouns.customer_units`)
    if said in ("per", "each", "every") and words[:1] and noun_class(words[0]) is None \
            and (cls := singular_class(words[0])) is not None:
        return cls
    return noun_of(words, compound=True)[0]


A_UNIT_OF_WORK_AT_MOST = 100  # dollars: one model call or task costs cents to dollars, a build or a run far more


def unlisted_each(subject: list[str]) -> bool:
    """'each enhancement costs us', 'a caption costs us': one of a noun no list classes, said right before the verb."""
    return any(w in ("each", "every", "a", "an", "one") and nxt.isalpha() and nxt not in ("one", "of")
               and noun_class(nxt) is None and listed_class(plural(nxt)) is None  # "A caption costs us $0.01"
               and nxt not in PERIOD_WORDS and verb.startswith(("cost", "run", "burn", "come"))
               for w, nxt, verb in zip(subject, subject[1:], subject[2:], strict=False))


# "$2k/month fixed platform cost", "$900 a month in fixed hosting": the words after the amount and its rate name it
FIXED_AFTER = re.compile(r"\s*(?:(?:/|per|a|an)\s*(?:month|mo|year|yr|quarter)\b)?\s*(?:of\s+|in\s+)?fixed\b", re.I)


# "variable cost per truck (LLM calls + telematics) is ~$12", "variable (tokens, per user): ~$7/mo"
VARIABLE_BEFORE = re.compile(r"\bvariable(?: costs?)?\b(?:\s+per\s+\w+)?(?:\s*\([^)]*\))?\s*"
                              r"(?:is|are|of|at|runs?|=|:)?\s*(?:about|around|roughly)?\s*~?$", re.I)
VENDOR_FEES = re.compile(r"\b(?:api|model|token|llm|openai|anthropic|inference|vendor|provider|usage)\s+fees?\b")
CAPPED_AT = re.compile(r"\b(?:caps?|capped|capping|limits?|limited|limiting)\s+(?:the\s+|our\s+|its\s+|their\s+)?"
                        r"(?:[\w-]+\s+){0,3}?(?:at|to)\s*(?:about\s+|around\s+|~\s*)?$", re.I)


def spent_on_a_model(n: Num, norm: str) -> bool:
    """What an amount is spent on: '... a month on one model', '... on the OpenAI API', '... on inference'."""
    at = norm.find(n.text, max(0, n.start - 12))
    return at >= 0 and _ON_A_MODEL.match(norm, at + len(n.text)) is not None


_ON_A_MODEL = re.compile(r"\s*(?:(?:/|per|a|an)\s*(?:month|mo|year|day|week)\b)?\s*on\s+(?:(?:1|one|a|the|our|a single|"
                         r"its)\s+)?(?:model|llm|api|inference|tokens|openai|anthropic)\b", re.I)


def customers_pay(subject: list[str]) -> bool:
    """'dealers are paying', 'clinics pay', 'our tenants would pay': the payer is a customer, not us."""
    at = next((i for i in range(len(subject) - 1, -1, -1) if subject[i] in ("pay", "pays", "paying", "paid")), None)
    if at is None:
        return False
    words = [w for w in subject[:at] if w not in ("are", "is", "will", "would", "already", "currently", "now", "all",
                                                  "each", "every", "the", "our")]
    return bool(words) and words[-1].endswith("s") and noun_class(words[-1]) == "users"  # not "the team pays"
