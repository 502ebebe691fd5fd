"""The planner's grammar: a question becomes classified quantities, model and GPU names, words.

Each number's kind comes from a small keyword table scored over the words next to it (the
first word after a number weighs most), so word order and phrasing can vary freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from assistant.planner.layout import as_sentences
from assistant.planner.names import GpuMention, find_gpus, find_models
from assistant.planner.quantities import Num, parse_quantities
from assistant.planner.work_nouns import customer_units, name_customer_units, name_units_of_work

__all__ = ["MODEL_TOKEN", "Parsed", "parse"]

MODEL_TOKEN = "modelname"  # what a model name reads as once masked, so its digits are not quantities

# kind -> words that mark it (prefix match on a word, e.g. "subscri" matches "subscribers").
_COUNT_KINDS: dict[str, tuple[str, ...]] = {
    "users": ("user", "seat", "mau", "dau", "subscri", "customer", "people", "member", "account",
              "employee", "client", "student", "developer", "visitor", "player", "licen", "tenant",
              "writer", "author", "creator", "editor", "analyst", "reader", "learner", "engineer", "staff",
              "worker", "agent"),
    "queries": ("quer", "request", "call", "prompt", "message", "conversation", "chat", "summar",
                "question", "completion", "generation", "interaction", "search", "task", "job",
                "session", "answer", "document", "email", "ticket", "turn", "run", "translation",
                "article", "post", "lookup", "q=", "qs=", "req=", "reqs=", "msg=", "msgs="),
    "tokens": ("token", "tok"),
    "words": ("word",),
    "gpus": ("gpu", "card", "accelerator"),
    "throughput": ("tokens/s", "tok/s", "tps", "tokens/sec"),
    "months": ("month=", "months=", "mo=", "mos="),
    "regions": ("region", "countr", "market", "jurisdiction", "locale"),
    "hours": ("hour=", "hours=", "hr=", "hrs=", "gpu-hour"),
    "input_tokens": ("input=", "input tokens", "prompt tokens", "in tokens"),
    "output_tokens": ("output=", "output tokens", "completion tokens", "out tokens"),
}
_MONEY_KINDS: dict[str, tuple[str, ...]] = {
    "gpu_hourly": ("hour", "hr", "/h", "gpu-hour", "per-hour", "hourly"),
    "revenue": ("revenue", "sales", "arr", "mrr", "income", "turnover", "bring"),
    "cogs": ("cogs", "cost of goods", "cost of revenue", "api costs", "model costs",
             "inference costs", "variable costs", "spend on"),
    "fixed_costs": ("fixed", "fixed cost", "overhead", "salar", "payroll", "team", "rent=", "opex"),
    "investment": ("invest", "upfront", "up-front", "one-time", "fine-tun", "finetun", "train",
                   "capex", "project", "build", "migrat", "once", "one-off"),
    "saving": ("sav~", "cheaper by", "reduc~", "cut~"),
    "compliance": ("complian", "legal", "regulat", "audit", "certif", "lawyer"),
    "development": ("develop", "r&d", "engineering", "dev", "rnd"),
    "technology": ("technolog", "infrastructure", "infra"),
    "verification": ("verif", "response verif", "moderat", "monitor", "content filter"),
    "training": ("training users", "user training", "change management", "onboarding"),
    "budget": ("budget~", "under", "below", "at most", "cap", "limit", "afford", "max", "within", "to spend",
               "blow through", "exceed", "go over", "before we"),
    "cost_per_query": ("per query", "per request", "per call", "per conversation", "per message",
                       "per prompt", "per summary", "a query", "a request", "each query"),
    "cost_per_user": ("cost per user", "costs per user", "cost per seat", "variable cost",
                      "cost to serve", "serving cost", "cogs per user", "api cost per user",
                      "each user", "each customer", "each subscriber", "each seat", "inference",
                      "costs=~", "cost=~", "costs us", "to serve", "burns"),
    "price_per_user": ("per user", "per seat", "subscription", "plan", "add-on", "addon", "fee",
                       "charge", "price", "per head", "tier", "license", "arpu", "sell", "users pay",
                       "user pays", "customers pay", "customer pays", "subscribers pay", "they pay", "pay us",
                       "pays us", "users paying", "customers paying", "subscribers paying"),
    "bill": ("bill", "spend~", "spending~", "invoice", "api cost", "pay openai", "pay~", "paying~"),
}
_PCT_KINDS: dict[str, tuple[str, ...]] = {
    "provider_share": ("provider", "openai", "anthropic", "vendor", "to the provider", "to anthropic",
                       "to the api", "paid to",
                       "goes to", "going to", "of revenue to", "to our llm", "to the model provider"),
    "margin": ("margin", "gross", "markup"),
    "hit_rate": ("hit", "cache", "cached", "repeat", "duplicate"),
    "utilization": ("utiliz", "utilis", "busy", "load", "occupancy"),
    "reduction": ("trim", "shorter", "reduc", "cut", "compress", "fewer", "smaller", "less"),
    "traffic_share": ("traffic", "of queries", "of requests", "of calls", "of the load", "route",
                      "send", "move", "goes", "handled", "of volume", "of prompts", f"to {MODEL_TOKEN}",
                      f"on {MODEL_TOKEN}", f"for {MODEL_TOKEN}", f"with {MODEL_TOKEN}"),
    "overhead": ("overhead", "extra per region", "per region", "each region"),
    "growth": ("growth", "grow", "increase", "more users", "rise"),
    "input_share": ("input share", "share of input", "of the bill is input", "input is",
                    "prompts are"),
}


@dataclass
class Parsed:
    """A question as the planner sees it."""

    text: str
    norm: str
    nums: list[Num]
    models: list[str]
    gpus: list[GpuMention]
    words: set[str] = field(default_factory=set)
    customers: frozenset[str] = frozenset()  # unlisted nouns used as customers (`work_nouns.customer_units`)
    _low: str = field(default="", repr=False, compare=False)

    def of(self, kind: str) -> list[Num]:
        """The numbers classified as `kind`, in order."""
        return [n for n in self.nums if n.kind == kind]

    def first(self, kind: str) -> Num | None:
        """The first number of `kind`, if any."""
        found = self.of(kind)
        return found[0] if found else None

    def has(self, *phrases: str) -> bool:
        """Whether any phrase occurs (word-prefix match: not preceded by a letter)."""
        low = self._low or self._lower()
        for phrase in phrases:
            at = low.find(phrase)
            while at >= 0:
                if not ("a" <= low[at - 1] <= "z"):
                    return True
                at = low.find(phrase, at + 1)
        return False

    def _lower(self) -> str:
        self._low = f" {self.norm.lower()} "
        return self._low


@dataclass(frozen=True)
class _Mark:
    """One mark of a kind table: "subscri" is a word prefix, "month=" a whole word, "~" a weak (generic) word."""

    kind: str
    words: tuple[str, ...]
    exact: bool
    weak: bool

    def at(self, words: list[str], i: int) -> bool:
        """Whether the mark starts at word `i` ("per user" also matches "per users")."""
        width = len(self.words)
        if i + width > len(words):
            return False
        *head, last = self.words
        if any(words[i + j] != w for j, w in enumerate(head)):
            return False
        return words[i + width - 1] == last if self.exact else words[i + width - 1].startswith(last)


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, list[_Mark]]:
    """A table's marks by their first two letters, so each word is tested only against marks it could begin."""
    index: dict[str, list[_Mark]] = {}
    for kind, marks in table.items():
        for mark in marks:
            text = mark.rstrip("~")
            m = _Mark(kind, tuple(text.rstrip("=").split(" ")), text.endswith("="), mark.endswith("~"))
            index.setdefault(m.words[0][:2], []).append(m)
    return index


_FILLER = {"for", "on", "of", "in", "the", "a", "an", "our", "its", "their", "about", "roughly", "around",
           "per", "each", "day", "daily", "week", "weekly", "month", "monthly", "year", "yearly"}
_BOUNDARY = {"vs", "versus", "and", "but", "while", "whereas", "compared", "against", "with",
             "than", "or", "plus", "if"}


def _score(words: list[str], table: dict[str, list[_Mark]], after: bool,
           weight_base: float) -> dict[str, float]:
    scores: dict[str, float] = {}
    cut = [i for i, w in enumerate(words) if w in _BOUNDARY]
    if after and cut:
        words = words[:cut[0]]
    elif not after and cut:
        words = words[cut[-1] + 1:]
    for i, word in enumerate(words):
        for mark in table.get(word[:2], ()):
            if not mark.at(words, i):
                continue
            width = len(mark.words)
            # Distance from the number in words that carry meaning ("$50k for the audit").
            between = words[:i] if after else words[i + width:]
            distance = sum(1 for w in between if w not in _FILLER)
            weight = weight_base / (1 + distance) * (1 + 0.2 * width)
            if mark.weak:
                weight *= 0.4  # a generic word ("spend", "costs") yields to a topical one
            scores[mark.kind] = max(scores.get(mark.kind, 0.0), weight)
    return scores


_COUNT_INDEX, _MONEY_INDEX, _PCT_INDEX = _index(_COUNT_KINDS), _index(_MONEY_KINDS), _index(_PCT_KINDS)


def _classify(n: Num) -> str:
    weights = (3.0, 1.5)  # (after, before): a count's unit follows it
    if n.percent:
        table, weights = _PCT_INDEX, (3.0, 2.0)
    elif n.money:
        table, weights = _MONEY_INDEX, (2.0, 3.0)  # "fixed costs are $20k a month"
        if n.price_unit is not None:
            side = " ".join(n.after[:2] + n.before[-2:])
            if "input" in side or "prompt" in side:
                return "input_price"
            if "output" in side or "completion" in side:
                return "output_price"
            if "cached" in side:
                return "cached_price"
            return "token_price"
    elif n.multiplier:
        return "multiplier"
    else:
        table = _COUNT_INDEX
    scores = _score(n.after, table, after=True, weight_base=weights[0])
    for kind, weight in _score(n.before, table, after=False, weight_base=weights[1]).items():
        scores[kind] = scores.get(kind, 0.0) + weight
    if not scores and n.money and n.before[-1:] in (["is"], ["are"], ["was"], ["were"]):
        scores = _score(n.clause[:-1], table, after=False, weight_base=weights[1])  # the clause's subject names it
    if not scores:
        return "pct" if n.percent else "money" if n.money else "count"
    kind = max(scores, key=lambda k: scores[k])
    if kind == "price_per_user" and _costs_not_price(n):
        return "cost_per_user"  # "per user" is only a denominator: "API costs rose to $15 per user"
    if kind == "cost_per_user" and _per_query(n):
        return "cost_per_query"  # "each query costs us $0.01": the clause's unit is a query, not a user
    if kind == "cost_per_user" and _paid_in_total(n):
        return "bill"  # "we pay $40,000 a month for inference": no user in sight, a total
    if kind in ("cogs", "bill") and re.search(r"\bper (user|seat|customer|subscriber|member)\b", " ".join(n.after[:6])):
        return "cost_per_user"  # "$20 of model costs per seat"
    if kind == "tokens":
        near = set(n.after[:2] + n.before[-1:])
        if re.search(r"per second|per sec\b|a second|/s(?:ec(?:ond)?)?\b|\btps\b", " ".join(n.after[:4])):
            return "throughput"
        if near & {"input", "prompt", "in", "context"}:
            return "input_tokens"
        if near & {"output", "completion", "response", "out", "generated"}:
            return "output_tokens"
        if re.search(r"\b(a|per) (month|day|year)\b|monthly|daily", " ".join(n.after[:4])):
            return "token_volume"
    return kind


_COST_WORDS = ("cost", "api", "inferenc", "serv", "cogs", "token")
_PRICE_WORDS = ("charg", "price", "pric", "pay", "fee", "subscri", "plan", "sell", "revenue", "arpu", "bill",
                "tier")


def _own_clause(before: list[str], after: list[str]) -> list[str]:
    """The words around an amount up to the nearest clause boundary ("and", "while", ...) on each side."""
    cut = max((i for i, w in enumerate(before) if w in _BOUNDARY), default=-1)
    after = after[:next((i for i, w in enumerate(after) if w in _BOUNDARY), len(after))]
    return [*before[cut + 1:], *after]


_QUERY_UNIT = re.compile(r"^(quer|request|call|prompt|message|conversation|chat|question|completion|generation)")
_USER_UNIT = re.compile(r"^(user|seat|customer|subscri|member|account|licen|head)")


def _units(n: Num) -> list[str]:
    """The nouns counted in the amount's own clause ("each query", "per seat", "a user")."""
    clause = _own_clause(n.before[-5:], n.after[:4])
    return [b for a, b in pairwise(clause) if a in ("each", "per", "a", "every", "one", "single")]


def _per_query(n: Num) -> bool:
    """A cost whose own clause counts it per query ("each query", "a request") and never per user."""
    units = _units(n)
    return any(_QUERY_UNIT.match(w) for w in units) and not any(_USER_UNIT.match(w) for w in units)


def _paid_in_total(n: Num) -> bool:
    """An amount paid or spent ("we pay", "we spend") whose clause counts no user or query is a total."""
    verbs = _own_clause(n.before[-4:], [])
    return any(w.startswith(("pay", "paid", "spend", "spent")) for w in verbs) and not any(
        _USER_UNIT.match(w) or _QUERY_UNIT.match(w) for w in _units(n))


def _costs_not_price(n: Num) -> bool:
    """A per-user amount whose own clause speaks of costs and never of charging is a cost."""
    context = _own_clause(n.before[-4:], n.after[:4])
    return any(w.startswith(_COST_WORDS) for w in context) and not any(w.startswith(_PRICE_WORDS) for w in context)


def parse(text: str) -> Parsed:
    """Parse a question: mask model and GPU names, then classify every number."""
    worked = name_units_of_work(" ".join(as_sentences(text).split()))
    customers = customer_units(worked)
    raw = name_customer_units(worked, customers)
    models = [m for _, _, m in find_models(raw)]
    gpus = find_gpus(raw)
    masked = raw
    for start, end, _ in sorted(find_models(raw), reverse=True):
        masked = masked[:start] + MODEL_TOKEN + masked[end:]
    for g in sorted(find_gpus(masked), key=lambda g: -g.start):
        masked = masked[:g.start] + "gpu" + masked[g.end:]
    norm, nums = parse_quantities(masked)
    for n in nums:
        n.kind = _classify(n)
    words = set(re.findall(r"[a-z][a-z0-9'-]*", norm.lower()))
    return Parsed(text=text, norm=norm, nums=nums, models=models, gpus=gpus, words=words,
                  customers=frozenset(customers))
