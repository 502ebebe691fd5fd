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
from dataclasses import dataclass, field

from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import LEXICON, MODIFIERS, cue_distance, noun_class
from assistant.planner.quantities import Num

__all__ = ["Given", "Reading", "place_in_scenario", "read"]

_PERIOD_WORDS = {"second": "second", "sec": "second", "secs": "second", "s": "second", "minute": "minute",
                 "min": "minute", "hour": "hour", "hr": "hour", "h": "hour", "day": "day", "d": "day",
                 "workday": "day", "week": "week", "wk": "week", "month": "month", "mo": "month",
                 "mth": "month", "year": "year", "yr": "year", "annum": "year"}
_PERIOD_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "hourly": "hour", "yearly": "year",
                   "annually": "year", "annual": "year", "nightly": "day"}
_PER_WORDS = {"per", "a", "an", "each", "every", "/"}
_SCALE_WORDS = {"double": 2.0, "doubles": 2.0, "doubled": 2.0, "doubling": 2.0, "twice": 2.0, "triple": 3.0,
                "triples": 3.0, "tripled": 3.0, "tripling": 3.0, "quadruple": 4.0, "quadruples": 4.0,
                "quadrupled": 4.0, "halve": 0.5, "halves": 0.5, "halved": 0.5, "halving": 0.5}


@dataclass
class Given:
    """A value the question gives for one variable."""

    var: str
    value: float
    text: str
    period: str | None = None  # what a rate or an amount is per: second ... year
    unit: str | None = None  # a token price's unit: per_token, per_1k, per_1m
    target: str | None = None  # for changes: the variable changed ("usage doubles" -> queries_per_user)


@dataclass
class Reading:
    """Every number of a question with its role, plus the names and changes it mentions."""

    givens: list[Given] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    unplaced: list[Num] = field(default_factory=list)  # the numbers behind `unused`
    series: dict[str, list[float]] = field(default_factory=dict)  # a list or range of one variable, in order
    words: set[str] = field(default_factory=set)
    ranged: dict[str, bool] = field(default_factory=dict)  # series that are ranges (two ends), not lists
    models: list[str] = field(default_factory=list)
    gpu: str | None = None
    bad: list[str] = field(default_factory=list)  # values no economics allows ("-500 users", "120% margin")

    def get(self, var: str) -> Given | None:
        """The first given of `var`."""
        return next((g for g in self.givens if g.var == var), None)

    def all(self, var: str) -> list[Given]:
        """Every given of `var`, in order."""
        return [g for g in self.givens if g.var == var]

    def has(self, *names: str) -> bool:
        """Whether any of `names` is given."""
        return any(g.var in names for g in self.givens)


def _split(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        parts = w.split("/")
        for i, part in enumerate(parts):
            if i:
                out.append("per")
            if part:
                out.append(part)
    return out


def _noun(after: list[str]) -> tuple[str | None, list[str]]:
    """The class of the noun a number counts, and the modifiers before it ("2,000 active paying users")."""
    mods: list[str] = []
    for w in after[:5]:
        if w in _PER_WORDS and mods == [] and w != "a":
            return None, mods
        cls = None if w in MODIFIERS else noun_class(w)  # "monthly active users": adjectives first
        if cls is not None:
            return cls, mods
        if w in MODIFIERS or w.endswith("-based") or (len(mods) < 2 and w.isalpha() and w not in _PER_WORDS):
            mods.append(w)
            continue
        break
    return None, mods


def _per(after: list[str]) -> list[str]:
    """What a number is per: noun classes and periods ("per user per week" -> ["users", "week"])."""
    out: list[str] = []
    for i, w in enumerate(after):
        if w in _PERIOD_ADVERBS:
            out.append(_PERIOD_ADVERBS[w])
        elif w in _PER_WORDS and i + 1 < len(after):
            nxt = after[i + 1]
            if nxt in ("business", "working", "work") and i + 2 < len(after):
                nxt = after[i + 2]
            if nxt in _PERIOD_WORDS:
                out.append(_PERIOD_WORDS[nxt])
            elif (cls := noun_class(nxt)) is not None:
                out.append(cls)
            elif w in ("per", "each", "every", "a") and i + 2 < len(after) and (cls := noun_class(after[i + 2])):
                out.append(cls)  # "per active user", "a single request"
    return out


_BOUNDARY = {"at", "and", "but", "while", "whereas", "vs", "versus", "plus", "with", "than", "or", "so", "if"}


def _own(n: Num) -> tuple[list[str], list[str]]:
    """The words of the number's own phrase: before it back to a boundary word, after it up to one."""
    before = _split(n.clause[-10:])
    cut = max((i for i, w in enumerate(before) if w in _BOUNDARY), default=-1)
    after = _split(n.after)
    end = next((i for i, w in enumerate(after) if w in _BOUNDARY), len(after))
    return before[cut + 1:], after[:end]


def _nearest(n: Num, cues: dict[str, list[str]], order: list[str], before: list[str] | None = None) -> str | None:
    """The cue category nearest the number in its own phrase (ties go to the earlier in `order`)."""
    own_before, after = _own(n)
    if before is None:
        before = own_before
    else:
        after = []
    best: tuple[int, int, str] | None = None
    for rank, cat in enumerate(order):
        d = cue_distance(before, after, cues[cat])
        if d is not None and (best is None or (d, rank) < best[:2]):
            best = (d, rank, cat)
    return best[2] if best else None


_TOPICAL = ["funding", "saving", "investment", "budget", "revenue", "fixed", "compliance", "verification", "training",
            "development", "gpu"]
_GENERIC = ["price", "bill", "cost"]
_PCT_ORDER = ["swing", "hit_cost", "input_share", "output_share", "margin", "other_cogs", "provider_share", "utilization",
              "reduction", "hit_rate", "adoption", "region", "traffic_share", "up", "down"]


def _token_price(n: Num) -> str:
    _, after = _own(n)
    for side in (set(after[:3]), set(n.before[-2:])):  # "$15 per 1M output" names its own kind after it
        if side & {"cached", "cache", "hit", "hits"}:
            return "cached_price"
        if side & {"input", "prompt", "in"}:
            return "input_price"
        if side & {"output", "completion", "out", "generated"}:
            return "output_price"
    return "token_price"


def _money(n: Num, p: Parsed, per: list[str], r: Reading) -> Given | None:
    period = next((x for x in per if x in _PERIOD_WORDS.values()), None)
    if not per:  # "the per-query cost drops to $0.003": the subject says what it is per
        subject = _own(n)[0]
        per = [c for w in subject if w.startswith("per-") and (c := noun_class(w[4:]))] or \
              [c for a, b in itertools.pairwise(subject) if a == "per" and (c := noun_class(b))]
    if n.price_unit is not None:
        return Given(_token_price(n), n.value, n.text, unit=n.price_unit.value)
    if "queries" in per or (per == [] and "each" in n.after[:1] and _clause_counts(n) == "queries"):
        return Given("cost_per_query", n.value, n.text)
    gpu_context = bool(p.gpus) or "gpu" in p.words or any(w.startswith("gpu") for w in p.words)
    if period == "hour" and gpu_context:
        return Given("gpu_hourly", n.value, n.text)
    cat = _nearest(n, LEXICON["money_cues"], _TOPICAL) or _nearest(n, LEXICON["money_cues"], _GENERIC)
    if cat is None or (cat in _GENERIC and per == []):  # "Dev spend (GPUs, data) came to $200,000": the subject
        cat = _nearest(n, LEXICON["money_cues"], _TOPICAL, before=_sentence_start(p.norm, n)) or cat
    if "users" in per or (per == [] and "each" in n.after[:1] and _clause_counts(n) == "users"):
        return Given("cost_per_user" if cat in ("cost", "bill", "gpu") else "price_per_user", n.value, n.text,
                     period=period)
    role = {"funding": "funding", "saving": "saving", "investment": "investment", "budget": "budget",
            "revenue": "revenue",
            "fixed": "fixed_costs", "compliance": "compliance_cost", "verification": "verification_cost",
            "training": "training_cost", "development": "development_cost", "price": "price_per_user",
            "bill": "monthly_cost", "cost": "monthly_cost", "gpu": "gpu_hourly"}.get(cat or "", "")
    if _clause_counts(n) == "users" and n.before[-1:] in (["at"], ["paying"], ["pay"], ["pays"]) \
            and cat not in _TOPICAL and not {"users", "queries"} & set(per):
        role = "price_per_user"  # "4,000 paying users at $9/month", "subscribers paying $8 a month"
    if role in ("monthly_cost", "revenue") and period is None and n.after[:1] != ["in"]:
        before, _ = _own(n)
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
    return _split([w.lower().strip(".,;:!?()'\"") for w in re.findall(r"[A-Za-z&][\w&'/-]*", left)][:8])


def _clause_counts(n: Num) -> str | None:
    """What the clause before an amount counts ("queries at $0.006 each" -> queries)."""
    for w in reversed(n.clause[-6:]):
        if (cls := noun_class(w)) in ("users", "queries"):
            return cls
    return None


def _percent(n: Num, p: Parsed) -> Given | None:
    cat = _nearest(n, LEXICON["percent_cues"], _PCT_ORDER)
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
        target = _change_target(n)
        return Given("percent_change", value if cat == "up" else -value, n.text, target=target)
    return Given(role, value, n.text) if role else None


_CHANGED = {"queries": "queries_per_user", "users": "users", "tokens": "tokens_per_query"}


def _change_target(n: Num) -> str | None:
    """The variable a change applies to: the noun after it ("twice as many questions"), else before it."""
    before = list(reversed(n.clause[-6:]))
    words = [*n.after[:5], *(w for i, w in enumerate(before) if not (i + 1 < len(before) and before[i + 1] == "per"))]
    for i, w in enumerate(words):
        if w.startswith(("pric", "rate")):
            return "price"
        if w.startswith(("cost", "bill", "spend")):
            return "cost"
        cls = "queries" if w.startswith("usage") else noun_class(w)
        if w.startswith(("traffic", "volume")):  # "query volume" is queries; "traffic" alone is users
            named = noun_class(words[i + 1]) if i + 1 < len(words) and i >= len(n.after[:5]) else None
            cls = named if named in _CHANGED else "users"
        if cls in _CHANGED:
            return _CHANGED[cls]
    joined = " ".join(words)
    return "price" if "fee" in joined or "charge" in joined else None


def _count(n: Num, p: Parsed, r: Reading, nums: list[Num], i: int) -> Given | None:
    after = _split(n.after)
    cls, mods = _noun(after)
    if cls is None and after[:1] == ["of"] and i + 1 < len(nums):
        nxt_cls, _ = _noun(_split(nums[i + 1].after))
        if nxt_cls == "users":  # "12,000 of our 90,000 customers": the part is the population that uses it
            return Given("users", n.value, n.text)
    per = _per(after[after.index(mods[-1]) + 1 if mods else 0:] if cls else after)
    period = next((x for x in per if x in _PERIOD_WORDS.values()), None)
    if cls == "users":
        kind = "free_users" if "free" in mods or "free" in n.before[-2:] else \
            "paying_users" if {"paying", "paid"} & set(mods + n.before[-2:]) else "users"
        return Given(kind, n.value, n.text)
    if cls == "queries":
        if {"free", "included", "include"} & set(mods + n.before[-3:] + n.after[:4]) or "quota" in n.after[:4]:
            return Given("free_quota", n.value, n.text)
        if _heavy(p.norm, n):
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
    prev = next((m for m in reversed(nums[:i]) if not m.money and not m.percent and not _ordinal(p.norm, m)), None)
    if not after and prev is not None and "." not in p.norm[prev.end:n.start] and _noun(_split(prev.after))[0] == "queries":
        # "the median user sends 10 queries a day but the 95th-percentile user sends 40": the unit carries over
        per = _per(_split(prev.after))
        period = next((x for x in per if x in _PERIOD_WORDS.values()), None)
        return Given("queries_p95" if _heavy(p.norm, n) else "queries_per_user", n.value, n.text, period=period)
    return None


def read(p: Parsed) -> Reading:
    """Give every number of the parsed question a role (or list it as unused)."""
    r = Reading(models=list(dict.fromkeys(p.models)), words=set(p.words))
    if p.gpus:
        r.gpu = p.gpus[0].name
        if p.gpus[0].count:
            r.givens.append(Given("gpus", float(p.gpus[0].count), str(p.gpus[0].count)))
    nums = p.nums
    population: set[int] = set()
    of: dict[int, Given | None] = {}
    for i, n in enumerate(nums):
        if i in population or _clock(p.norm, n) or _year(n) or _ordinal(p.norm, n):
            continue  # "24/7", "in 2023", "the 95th percentile" are not quantities
        dash = p.norm.find("-", n.start, n.end)
        if n.value < 0 and dash > 0 and p.norm[dash - 1].isalpha():
            n.value = -n.value  # "per-1K" is a hyphen, not a minus sign
        if not n.money and (n.before[-1:] == ["per"] or p.norm[max(0, n.start - 4):n.start + 1].endswith("per-")):
            continue  # "per 1,000 tokens", "per-1K-token": a denominator, not a quantity
        if n.multiplier:
            g: Given | None = Given("factor", n.value, n.text, target=_change_target(n))
        elif n.percent:
            g = _percent(n, p)
        elif n.money:
            g = _money(n, p, _per(_split(n.after)), r)
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
    taken = _from_to(p, r, of)
    _series(p, r, {i: g for i, g in of.items() if i not in taken}, taken)
    _scale_words(p, r)
    if re.search(r"\b(?:fully (?:utili[sz]ed|busy|loaded)|flat out|at full (?:load|capacity|utili[sz]ation))\b",
                 p.norm, re.I) and not r.has("utilization"):
        r.givens.append(Given("utilization", 100.0, "fully utilized"))
    _check(r)
    return r


def _heavy(norm: str, n: Num) -> bool:
    """The usage of a heavy user: '95th-percentile user sends 40', 'P95 users make 100', 'power users'."""
    left = re.split(r"\b(?:but|while|and|whereas)\b|[;,.]", norm[max(0, n.start - 45):n.start])[-1]
    return bool(re.search(r"\b(?:95th|p95|heav\w*|top 5|power users?|heaviest)\b", left, re.I))


def _ordinal(norm: str, n: Num) -> bool:
    """'95th', '1st': digits glued to an ordinal suffix."""
    return bool(re.match(r"\s*\d+(?:th|st|nd|rd)\b", norm[n.start:n.end + 3], re.I))


def _year(n: Num) -> bool:
    """'In 2023 terms', 'by 2027': a calendar year, not a quantity."""
    return (not n.money and not n.percent and n.value == int(n.value) and 1990 <= n.value <= 2100
            and "," not in n.text and (n.before[-1:] in (["in"], ["by"], ["since"], ["until"], ["of"], ["from"],
                                                           ["before"], ["after"], ["during"]) or not n.after))


def _clock(norm: str, n: Num) -> bool:
    """The digits of "24/7" or "24x7" say the traffic runs around the clock; they are not quantities."""
    return bool(re.match(r"\s*24\s*[/x]\s*7\b", norm[n.start:n.end + 4])
                or re.search(r"24\s*[/x]\s*7\s*$", norm[max(0, n.start - 5):n.end]))


_FROM_TO = re.compile(r"\bfrom\s+(\$?[\d.,]+)[^.?;]{0,25}?\bto\s+(\$?[\d.,]+)", re.I)


def _from_to(p: Parsed, r: Reading, of: dict[int, Given | None]) -> set[int]:
    """An amount going "from $95k to $50k a month": the two amounts are before and after a change."""
    taken: set[int] = set()
    for m in _FROM_TO.finditer(p.norm):
        a = next((i for i, n in enumerate(p.nums) if n.start <= m.start(1) < n.end), None)
        b = next((i for i, n in enumerate(p.nums) if n.start <= m.start(2) < n.end), None)
        if a is None or b is None or not (p.nums[a].money and p.nums[b].money):
            continue
        first = of.get(a)
        kind = first.var if first is not None and first.var in ("cost_per_user", "price_per_user") else "monthly_cost"
        for i, side in ((a, "before"), (b, "after")):
            n = p.nums[i]
            if (g := of.get(i)) is not None:
                _drop(r, g)
                of[i] = None
            elif n.text in r.unused:
                r.unused.remove(n.text)
                r.unplaced = [u for u in r.unplaced if u is not n]
            r.givens.append(Given(f"{kind}_{side}", n.value, n.text))
            taken.add(i)
    return taken


_LIST_LINK = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|to|-|through)\s*$", re.I)


def _drop(r: Reading, g: Given) -> None:
    if g in r.givens:
        r.givens.remove(g)


def _same_kind(a: Num, b: Num) -> bool:
    """Two numbers of one list: both percentages or neither, and money only if both say so with '$'."""
    dollars = ("$" in a.text, "$" in b.text)
    return a.percent == b.percent and (dollars[0] == dollars[1] or not (a.money and b.money))


def _series(p: Parsed, r: Reading, of: dict[int, Given | None], taken: set[int]) -> None:
    """'at 5k, 20k and 80k seats', 'between 20k and 80k users': the unit of the last names them all."""
    i = 0
    while i < len(p.nums):
        if i in taken:
            i += 1
            continue
        j = i
        while j + 1 < len(p.nums) and _LIST_LINK.match(p.norm[p.nums[j].end:p.nums[j + 1].start]) \
                and _same_kind(p.nums[j], p.nums[j + 1]):
            j += 1
        last = of.get(j)
        if j > i and last is not None:
            for k in range(i, j):
                n, g = p.nums[k], of.get(k)
                if g is not None and g.var != last.var and "$" not in n.text:
                    _drop(r, g)  # "cost at 10k, 50k and 1M users": the list's unit, not "cost at 10k"
                    g = None
                if g is None:
                    if n.text in r.unused:
                        r.unused.remove(n.text)
                        r.unplaced = [u for u in r.unplaced if u is not n]
                    r.givens.append(Given(last.var, n.value, n.text, period=last.period, unit=last.unit))
            r.series[last.var] = [p.nums[k].value for k in range(i, j + 1)]
            r.ranged[last.var] = _is_range(p, i, j)
        elif j == i + 1 and _is_range(p, i, j) and (var := _range_subject(p, p.nums[i])) is not None:
            for k in (i, j):  # "tokens per query go from 500 to 4,000": the subject names the range
                n, g = p.nums[k], of.get(k)
                if g is not None:
                    _drop(r, g)
                elif n.text in r.unused:
                    r.unused.remove(n.text)
                    r.unplaced = [u for u in r.unplaced if u is not n]
                per = _per(_split(p.nums[j].after))
                period = next((x for x in per if x in _PERIOD_WORDS.values()), None)
                r.givens.append(Given(var, n.value, n.text, period=period))
            r.series[var] = [p.nums[i].value, p.nums[j].value]
            r.ranged[var] = True
        i = j + 1


def _is_range(p: Parsed, i: int, j: int) -> bool:
    """'from A to B', 'between A and B', 'A-B': two ends, not a list of points."""
    link = p.norm[p.nums[i].end:p.nums[i + 1].start].strip().lower() if j == i + 1 else ""
    opened = p.nums[i].before[-1:] in (["from"], ["between"])
    return j == i + 1 and (link in ("to", "-", "through") or (link == "and" and opened))


_RANGE_SUBJECTS = (("token_price", ("price", "rate")), ("price_per_user", ("fee", "plan", "subscription")))


def _range_subject(p: Parsed, n: Num) -> str | None:
    """The variable the words before 'from' name: 'tokens per query go from', 'queries per user go from'."""
    words = [w for w in n.before if w not in ("from", "between", "go", "goes", "grow", "grows", "vary", "varies",
                                                "range", "ranges", "move", "moves", "the", "our", "as", "if")]
    for w in words:
        for var, stems in _RANGE_SUBJECTS:
            if w.startswith(stems):
                return var
        cls = noun_class(w)
        if cls == "tokens":
            return "tokens_per_query"
        if cls in ("queries", "users"):
            return "queries_per_user" if cls == "queries" else "users"
    return None


def _scale_words(p: Parsed, r: Reading) -> None:
    """'usage doubles', 'triple the users': a factor on the variable the words name."""
    words = p.norm.lower().split()
    for i, w in enumerate(words):
        factor = _SCALE_WORDS.get(w.strip("?.,!;:"))
        if factor is None or (w.endswith("ed") and i and words[i - 1] in ("that", "the", "this", "our", "those")):
            continue  # "with that doubled usage" refers back to a change already made
        fake = Num(value=factor, text=w, start=0, end=0, clause=words[max(0, i - 4):i],
                   after=[x.strip("?.,!;:") for x in words[i + 1:i + 6]])
        r.givens.append(Given("factor", factor, w, target=_change_target(fake)))


_NON_NEGATIVE = {"users", "queries_per_user", "tokens_per_query", "input_tokens", "output_tokens", "gpus",
                 "token_price", "input_price", "output_price", "cost_per_query", "cost_per_user",
                 "price_per_user", "monthly_cost", "revenue", "fixed_costs", "budget", "investment",
                 "tokens_per_second", "gpu_hourly", "free_users", "paying_users", "words_per_query"}
_PERCENTS_BELOW_100 = {"margin", "utilization", "hit_rate", "provider_share", "cached_share", "input_share",
                       "prompt_reduction", "adoption", "traffic_share"}


def _check(r: Reading) -> None:
    for g in r.givens:
        name = g.var.replace("_", " ")
        if g.var in _NON_NEGATIVE and g.value < 0:
            r.bad.append(f"{g.var} must be positive (got {g.text}). Give a positive figure, e.g. "
                         f"'{abs(g.value):g}'.")
        elif g.var in _PERCENTS_BELOW_100 and g.value > 100:
            r.bad.append(f"a {name} of {g.text} is impossible: {_WHOLE.get(g.var, 'a share cannot exceed the whole')}. "
                         f"Give a share such as '{_EXAMPLE.get(g.var, '50%')}'.")
        elif g.var == "margin" and g.value == 100:
            r.bad.append("a 100% margin would need a cost of zero. Give a margin such as '80%'.")


_WHOLE = {"margin": "the margin is the share of the price left after costs, so it stays below the whole price",
          "utilization": "hardware cannot be busier than all of the time",
          "hit_rate": "the cache cannot answer more queries than there are"}
_EXAMPLE = {"margin": "80%", "utilization": "60%", "hit_rate": "30%"}


_PERCENT_VARS = ("margin", "hit_rate", "utilization", "provider_share", "prompt_reduction", "cached_share",
                 "input_share", "hit_cost_ratio")
_MONEY_VARS = ("price_per_user", "cost_per_user", "cost_per_query", "monthly_cost", "fixed_costs", "investment",
               "saving", "budget", "revenue", "gpu_hourly", "token_price", "development_cost", "compliance_cost")


def place_in_scenario(r: Reading, scenario: dict[str, object]) -> None:
    """A follow-up's bare figure ("and at 60%?", "what about $45?") takes the one scenario variable of its kind."""
    for n in list(r.unplaced):
        kinds = _PERCENT_VARS if n.percent else _MONEY_VARS if n.money else ()
        present = [v for v in kinds if v in scenario and not r.has(v)]
        if len(present) == 1:
            r.givens.append(Given(present[0], n.value, n.text))
            r.unplaced.remove(n)
            r.unused.remove(n.text)
