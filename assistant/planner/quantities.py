"""Quantity parser: numbers in a question, with their units and the words around them (after `normalize`).

"100k users", "1.2 million", "twenty thousand", "$0.002 per 1K tokens", "$2/M", "45%",
"per day", "around the clock", "8 H100s", "1,500 tokens per second" all become `Num`s with a
`kind` (users, queries, tokens, token_price, ...) decided by the words next to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.planner.normalize import NUM, normalize, to_float
from tools.units import Period, PriceUnit

__all__ = ["Num", "parse_quantities", "price_unit_of"]

# A price's denominator: "per 1K tokens", "/1M", "per million input tokens", "per token".
_PER_UNIT_RE = re.compile(
    r"(?:\bper\b|/|\bevery\b)\s*(?:(?:1|one)\s*)?"
    r"(?P<u>k\b|thousand\b|1,?000\b(?!,\d)|m\b|mtok|million\b|mil\b|1,?000,?000\b|tokens?\b|tok\b)"
    r"(?:\s*(?:input|output|prompt|completion|cached|in|out))?(?:\s*(?:tokens?|toks?)\b)?",
    re.I,
)
_COUNTED = re.compile(r"\s*(?:extra|additional|more|overage|further)?\s*(?:quer|request|call|message|msg|conversation|"
                      r"chat|question|search|generation|summar|task|document|email|ticket|user|seat|run|image)", re.I)
_UNIT_OF = {"k": PriceUnit.per_1k, "thousand": PriceUnit.per_1k, "1000": PriceUnit.per_1k,
            "1,000": PriceUnit.per_1k, "m": PriceUnit.per_1m, "mtok": PriceUnit.per_1m,
            "million": PriceUnit.per_1m, "mil": PriceUnit.per_1m, "1000000": PriceUnit.per_1m,
            "1,000,000": PriceUnit.per_1m, "token": PriceUnit.per_token, "tokens": PriceUnit.per_token,
            "tok": PriceUnit.per_token}

_PERIOD_PATTERNS = [  # "a d(ay)" only as words: "$25 instead" is not "$25 a d"
    (Period.day, r"(?:(?<![a-z])(?:per|a|each|every)|/)\s*(?:day|d|night)\b|\b(?:daily|nightly)\b|\bday\b"
                 r"|\bper diem\b|\bwhole day\b"),  # "every night": a nightly job runs once a day
    (Period.week, r"(?:(?<![a-z])(?:per|a|each|every)|/)\s*(?:week|wk)\b|\bweekly\b|\bweek\b"),
    (Period.month, r"(?:(?<![a-z])(?:per|a|each|every)|/)\s*(?:month|mo|mth)\b|\bmonthly\b|\bmonth\b|\bmo\b"),
    (Period.year, r"(?:(?<![a-z])(?:per|a|each|every)|/)\s*(?:year|yr|annum)\b|\bannual(?:ly)?\b|\byearly\b|\byear\b"),
    (Period.quarter, r"(?:(?<![a-z])(?:per|a|each|every)|/)\s*(?:quarter|qtr)\b|\bquarterly\b|\bquarter\b"),
]
_NUMBER_RE = re.compile(
    rf"(?P<neg>(?<![\w-])-(?=[$€£\d.]|usd|us\$))?(?P<cur>\$|usd\s?|us\$|€|£)?\s*(?P<neg2>-)?(?<![a-wyz0-9])(?P<num>{NUM})\s*(?P<pct>%|percent\b|pct\b|per\s?cent\b)?"
    r"(?P<cents>\s*cents?\b|\s*¢)?(?P<usd>\s*(?:usd|dollars?|bucks)\b)?(?P<x>x\b)?",
    re.I,
)
_WORD_RE = re.compile(r"[a-z][a-z0-9&'.+/-]*|[%$]", re.I)


@dataclass
class Num:
    """One number of the question, with the context that decides what it means."""

    value: float
    text: str
    start: int
    end: int
    money: bool = False
    percent: bool = False
    multiplier: bool = False  # "10x cheaper"
    price_unit: PriceUnit | None = None
    period: Period | None = None
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    clause: list[str] = field(default_factory=list)  # the left clause, for "revenue from the AI feature is $200k"
    kind: str = ""

    @property
    def context(self) -> str:
        """The words around the number, for keyword tests."""
        return " ".join([*self.before, "#", *self.after])


def _words(text: str) -> list[str]:
    return [w.lower().strip(".,;:!?()'\"") for w in _WORD_RE.findall(text)]


def price_unit_of(denominator: str) -> PriceUnit:
    """The price unit a denominator names ("1,000", "1K", "thousand", "million", "tokens"); per 1M when unclear."""
    u = denominator.lower().replace(",", "")
    if u.startswith("token") or u == "tok":
        return PriceUnit.per_token
    u = u[1:] if re.fullmatch(r"1[a-z]+", u) else u  # "1k" is "k"
    return _UNIT_OF.get(u, _UNIT_OF.get(u.rstrip("s"), PriceUnit.per_1m))


def parse_quantities(text: str) -> tuple[str, list[Num]]:
    """Normalize `text` and return it with every number it holds, classified by context."""
    norm = normalize(text)
    spans: list[tuple[int, int]] = []  # price denominators, not quantities
    units: list[tuple[int, int, PriceUnit]] = []
    for m in _PER_UNIT_RE.finditer(norm):
        if not re.search(r"tok", m.group(0), re.I) and _COUNTED.match(norm, m.end()):
            continue  # "$4 per 1,000 extra queries": a price per 1,000 queries, not per 1K tokens
        if m.group(0).startswith("/") and not re.search(r"tok", m.group(0), re.I) \
                and not re.search(r"\d\s*$", norm[:m.start()]):
            continue  # "6000 in / 1000 out": a list of token counts, not a price per 1K
        unit = price_unit_of(m.group("u"))
        spans.append((m.start(), m.end()))
        units.append((m.start(), m.end(), unit))
    nums: list[Num] = []
    for m in _NUMBER_RE.finditer(norm):
        if any(a <= m.start("num") < b for a, b in spans):
            continue
        value = to_float(m.group("num"))
        glued = m.group("neg2") and m.start("neg2") > 0 and norm[m.start("neg2") - 1].isalnum()
        if m.group("neg") or (m.group("neg2") and (m.group("cur") or not glued)):
            value = -value  # "-3,000 users", "$-500"; not the dash inside "CVE-2024-3400"
        money = bool(m.group("cur") or m.group("usd") or m.group("cents"))
        if m.group("cents"):
            value = round(value / 100, 12)  # "0.9 cents" is $0.009, without float noise
        nums.append(Num(value=value, text=m.group(0).strip(), start=m.start(), end=m.end(),
                        money=money, percent=bool(m.group("pct")), multiplier=bool(m.group("x"))))
    _attach_context(norm, nums, units)
    return norm, nums


_TIME_RATE_RE = re.compile(r"\s*(?:/|an?\s+|per\s+|each\s+)(?:hr|hour|h|day|week|month|mo|year|yr)\b", re.I)


_COMMA_ASIDE = re.compile(r",\s*(?:(?:meaning|ie|that is|namely|including|which (?:is|are|includes?|means)|mostly|"
                          r"mainly|largely)\b|i\.e\.|incl\.)[^,;.?!]*,", re.I)


def _attach_context(norm: str, nums: list[Num], units: list[tuple[int, int, PriceUnit]]) -> None:
    for i, n in enumerate(nums):
        left_edge = nums[i - 1].end if i else 0
        right_edge = nums[i + 1].start if i + 1 < len(nums) else len(norm)
        left = re.sub(r"\([^()]*\)|^[^()]*\)", " ", norm[max(left_edge, n.start - 240):n.start])  # asides give no cues
        left = re.sub(_COMMA_ASIDE, " ", left)  # "cost of goods sold, meaning the OpenAI bill plus hosting, was $1.9M"
        if len(left) > 60:  # the 60 characters before the number, asides left out, and no word cut in two
            left = re.sub(r"^\S*\s", "", left[-60:]) if left[-61].isalnum() else left[-60:]
        in_dollars = _IN_DOLLARS.search(left) is not None  # "in dollars: 300k a month"
        left = re.split(r"[;,!?]|:\s|\.(?:\s|$)|\s-\s", left)[-1]
        n.before = _words(left)[-5:]
        n.clause = _words(left)[-12:]
        right = re.split(r"[;,!?]|:\s|\.(?:\s|$)|\s-\s|\s\(|^\((?!\s*(?:per|a|an|each|every|/|annual|yearly|monthly|"
                         r"weekly|daily|quarterly|fixed)\b)", norm[n.end:min(right_edge, n.end + 70)])[0]  # "30% (...)"
        n.after = _words(right)[:7]
        window = norm[n.end:min(n.end + 45, right_edge)]
        window = re.split(r"\s*\((?!\s*(?:per|a|an|each|every|/|annual|yearly|monthly|weekly|daily|quarterly)\b)",
                          window)[0]  # "$240,000 (board approved it last week)": an aside is no rate
        aside = norm[n.end:n.end + 3].lstrip().startswith("(")  # "COGS 510k (OpenAI is 380k of that)"
        n.money = n.money or (not n.percent and not n.multiplier and (in_dollars or _money_by_words(n, aside)
                                                                       or _money_by_context(n, window)))
        if n.money:
            # The denominator that follows; "$0.15 input and $0.60 output per 1M" shares one.
            following = [u for u in units if u[0] >= n.end]
            between = norm[n.end:following[0][0]] if following else ""
            # ... but not across a comma or another kind of number ("a $10 plan, 20 queries and $2 per 1M")
            inside = [m for m in nums if m.start >= n.end and m.end <= n.end + len(between)]
            rest = between
            for m in inside:
                rest = rest.replace(m.text, " ")
            listed = re.fullmatch(r"[\s,]*(?:(?:and|or|input|output|cached|respectively)[\s,]*)*", rest, re.I)
            shared = all(m.money for m in inside) and (listed is not None or not re.search(r"[;,]", between)) \
                and not re.search(r"[.?!]\s", between)  # "budget is $216k. At $0.0005 per 1K": two sentences
            # "$2.69 an hour ... per 1M tokens": a rent, not a token price; "a $12 plan ... per 1M": a plan fee
            own = not _TIME_RATE_RE.match(norm, n.end) and not _PLAN_FEE_RE.match(norm, n.end)
            if following and following[0][0] - n.end < 40 and shared and own:
                n.price_unit = following[0][2]
            elif (head := _LIST_HEAD.search(norm[:n.start])) is not None and not re.search(r"[.;?!]\s", head.group(0)):
                n.price_unit = next(u[2] for u in units if u[0] >= head.start())  # "Rates per 1M tokens: input $2"
        n.period = _period(window)
        if n.period is None and re.search(r"around the clock|24/7|24x7", right, re.I):
            n.period = Period.day


# A bare number is an amount of money when a money word comes right before it ("charge 20 per user",
# "each user costs 5", "fixed costs of 50k a month") or after it ("50k a month in fixed costs"),
# unless a unit follows it ("costs 1,000 tokens").
_MONEY_VERBS = {"charge", "charges", "charging", "charged", "cost", "costs", "costing", "pay", "pays", "paying",
                "paid", "price", "priced", "fee", "fees", "spend", "spends", "spending", "spent", "revenue",
                "budget", "bill", "overhead", "overheads", "opex", "payroll", "salaries", "rent", "mrr", "arr",
                "fixed", "plan", "subscription", "tier", "arpu", "save", "saves", "saving", "saved", "savings",
                "cogs", "goods", "sales", "income", "turnover", "invoice", "bills", "compliance", "r&d",
                "development", "burn", "burns", "verification", "training", "pro", "premium", "starter",
                "inference", "hosting", "infra", "infrastructure", "compute", "api", "cloud"}  # "GPU hosting 126k"
_MONEY_NOUNS = {"cost", "costs", "fee", "fees", "overhead", "overheads", "spend", "spending", "revenue",
                "salaries", "payroll", "rent", "opex", "bills", "charges", "savings"}
_MONEY_FILLERS = {"of", "at", "is", "are", "us", "about", "around", "roughly", "only", "just", "approximately",
                  "be", "was", "were", "them", "customers", "users", "came", "in", "to", "totaled", "totalled",
                  "hit", "reached", "last", "this", "next", "month", "quarter", "year", "week", "q1", "q2", "q3",
                  "q4", "ran", "runs", "like", "goes", "go", "went", "climbs", "climbed", "rises", "rose", "grows",
                  "grew", "jumps", "jumped", "falls", "fell", "drops", "dropped", "so", "far", "now", "today",
                  "currently", "ai", "the", "our", "responses", "answers", "outputs"}  # "COGS goes to 800k"
_AFTER_MONEY = {"per", "a", "an", "each", "every", "for", "on", "in", "to", "and", "or", "but", "then", "of",
                "monthly", "daily", "weekly", "yearly", "annually", "upfront", "up-front", "total", "overall",
                "extra", "with", "from", "at", "so", "how", "what", "while", "whereas", "plus", "if", "when",
                "vs", "versus", "than", "once", "one-off", "one-time", "/", "this", "last", "next"}
_PERIOD_WORDS = {"month", "day", "week", "year"}
# An amount named as a plan fee is not a token price, whatever denominator follows ("a $10 plan at $2 per 1M").
_PLAN_FEE_RE = re.compile(r"\s*(?:(?:a|per|each|every|/)\s*)?(?:month|mo|user|seat|year|week|subscriber|customer)\b"
                          r"|\s*(?:plan|fee|subscription|add-on|addon|tier|monthly|license|licence)\b", re.I)


_COSTS_US = re.compile(r"\b(?:runs?|ran|running|sets?|setting|costs?|costing) us(?: back)?"
                       r"(?: about| around| roughly| ~)?$")


_IN_DOLLARS = re.compile(r"\b(?:in|all in|amounts? in)\s+(?:us\s+)?(?:dollars|usd)\s*:\s*$", re.I)


_MONEY_CONTEXT = {"bill", "budget", "spend", "cost", "costs", "fixed", "opex", "overhead", "overheads", "revenue",
                  "mrr", "arr", "rent", "payroll", "burn"}


def _money_by_context(n: Num, window: str) -> bool:
    """A large amount per period in a clause that names money, written without a currency sign.

    '10k/month for the AI bill', 'Platform costs ... are 540k per year, fixed'.
    """
    if n.value < 1000 or n.after[:1] not in (["per"], ["a"], ["an"], ["each"], ["every"]) or _period(window) is None:
        return False
    return bool(_MONEY_CONTEXT & set(n.clause + n.after[:7]))


def _money_by_words(n: Num, aside: bool = False) -> bool:
    if n.after and n.after[0] not in _AFTER_MONEY and not aside:
        return False
    before = list(n.before)
    if _COSTS_US.search(" ".join(before[-4:])):
        return True  # "team plus infra runs us 1.08 million a year", "sets us back about 40k"
    popped: list[str] = []
    for _ in range(4):  # "revenue last month was 48k", "cost of goods came in at 420k"
        if before and before[-1] in _MONEY_FILLERS:
            popped.append(before.pop())
    if before and before[-1] in ("paying", "paid") and {"users", "customers"} & set(popped):
        return False  # "paying users: 3,000 on the $15 plan": a count of the paying users
    if before[-1:] in (["plan"], ["planned"]) and before[-2:-1] and before[-2] in ("we", "i", "they", "also", "to"):
        return False  # "we also plan 2 extra regions": the verb, not a plan's price
    if before and before[-1] in _MONEY_VERBS:
        return not (n.before[:2] in (["paying", "is"], ["paid", "is"]) and len(n.before) == 2)  # "paying: 4,000"
    if len(before) >= 3 and before[-2] == "per" and before[-3] in _MONEY_VERBS:
        return True  # "variable AI cost per user 7.50": a cost per unit, its amount after the unit
    for i, word in enumerate(n.after[:4]):  # "50k a month in fixed costs", "5 of API fees"
        if word in ("in", "of"):
            return any(w in _MONEY_NOUNS for w in n.after[i + 1:i + 4])
        if word not in _AFTER_MONEY and word not in _PERIOD_WORDS and (i == 0 or n.after[i - 1] != "per"):
            return False  # "5 per user in API costs" reads past the denominator
    return False


# A unit said once before a list of prices: "Rates per 1M tokens: input $2.00, cached input $0.50, output $8.00"
_LIST_HEAD = re.compile(r"\b(?:rates?|prices?|pricing|costs?)\s+(?:are\s+)?per\s+(?:1[km]|1,?000(?:,?000)?)\s+tokens?"
                        r"\s*(?:\([^)]*\))?\s*:(?:[^.;?!]|\.\d)*$", re.I)


def _period(window: str) -> Period | None:
    best: tuple[int, Period] | None = None
    for period, pattern in _PERIOD_PATTERNS:
        m = re.search(pattern, window, re.I)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), period)
    return best[1] if best else None
