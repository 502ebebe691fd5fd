"""What a question's numbers are: the `Given` and `Reading` types and the word helpers every role uses.

A number's unit is the noun after it (lexicon, else WordLlama similarity), what it is per comes from
"per / a / each / every" or an adverb ("daily"), and its role from the cue words of its own phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.planner.lexicon import MODIFIERS, cue_distance, listed_class, noun_class
from assistant.planner.quantities import Num

__all__ = ["PERIOD_WORDS", "Given", "Reading", "change_target", "nearest_cue", "noun_of", "own_phrase", "per_of",
           "split_words", "stated_period"]

PERIOD_WORDS = {"second": "second", "sec": "second", "secs": "second", "s": "second", "minute": "minute",
                 "min": "minute", "hour": "hour", "hr": "hour", "h": "hour", "day": "day", "d": "day",
                 "workday": "day", "night": "day", "week": "week", "wk": "week", "month": "month", "mo": "month",
                 "mth": "month", "quarter": "quarter", "qtr": "quarter", "year": "year", "yr": "year",
                 "annum": "year",
                "gpu-hour": "hour", "gpu-hr": "hour", "gpu-h": "hour"}
_PERIOD_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "hourly": "hour",
                   "yearly": "year", "annually": "year", "annual": "year", "nightly": "day"}
_PER_WORDS = {"per", "a", "an", "each", "every", "/"}


@dataclass
class Given:
    """A value the question gives for one variable."""

    var: str
    value: float
    text: str
    period: str | None = None  # what a rate or an amount is per: second ... year
    unit: str | None = None  # a token price's unit: per_token, per_1k, per_1m
    target: str | None = None  # for changes: the variable changed ("usage doubles" -> queries_per_user)
    start: int = -1  # where its number stands in the normalized question (-1: made from several numbers)


@dataclass
class Reading:
    """Every number of a question with its role, plus the names and changes it mentions."""

    givens: list[Given] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    unplaced: list[Num] = field(default_factory=list)  # the numbers behind `unused`
    series: dict[str, list[float]] = field(default_factory=dict)  # a list or range of one variable, in order
    words: set[str] = field(default_factory=set)
    norm: str = ""
    ranged: dict[str, bool] = field(default_factory=dict)  # series that are ranges (two ends), not lists
    models: list[str] = field(default_factory=list)
    all_models: list[str] = field(default_factory=list)  # every mention, in order (a name may come back)
    gpu: str | None = None
    tier: str | None = None  # a service tier named ("via the batch API"); None is standard
    bad: list[str] = field(default_factory=list)  # values no economics allows ("-500 users", "120% margin")
    conventions: list[str] = field(default_factory=list)  # restated conventions ("a month as 30 days"), as notes
    customers: frozenset[str] = frozenset()  # unlisted nouns the question uses as its users ("140 locations x ...")

    def get(self, var: str) -> Given | None:
        """The first given of `var`."""
        return next((g for g in self.givens if g.var == var), None)

    def all(self, var: str) -> list[Given]:
        """Every given of `var`, in order."""
        return [g for g in self.givens if g.var == var]

    def givens_vars(self) -> set[str]:
        """The variables this question gives."""
        return {g.var for g in self.givens}

    def has(self, *names: str) -> bool:
        """Whether any of `names` is given."""
        return any(g.var in names for g in self.givens)

    def place(self, n: Num, g: Given) -> None:
        """Give a number left without a role the role `g` (a later pass that reads it from the others)."""
        self.givens.append(g)
        self.unplaced.remove(n)
        if n.text in self.unused:
            self.unused.remove(n.text)

    def drop(self, g: Given) -> None:
        """Take a given back, when a later pass gives its number another role ("cost at 10k, 50k and 1M users")."""
        if g in self.givens:
            self.givens.remove(g)


def split_words(words: list[str]) -> list[str]:
    """Words with '/' read as 'per' ("tokens/msg" -> "tokens per msg")."""
    out: list[str] = []
    for w in words:
        parts = w.split("/")
        for i, part in enumerate(parts):
            if i:
                out.append("per")
            if part:
                out.append(part)
    return out


_PREPOSITIONS = {"in", "at", "on", "from", "across", "of", "with", "into", "inside", "within", "by", "around"}


def noun_of(after: list[str], compound: bool = False) -> tuple[str | None, list[str]]:
    """The class of the noun a number counts, and the modifiers before it ("2,000 active paying users").

    With `compound`, for a subject's words ("every agent run costs"), a singular noun before another is its
    modifier; after a count it is not ("a 600-agent call center" counts agents).
    """
    mods: list[str] = []
    fallback = None  # a modifier that is also a noun heads the phrase when nothing follows it ("a customer costs")
    for i, w in enumerate(after[:5]):
        if w in _PER_WORDS and mods == [] and w != "a":
            return None, mods
        if w in _PREPOSITIONS or (w in ("last", "this", "next") and after[i + 1:i + 2] != []
                                  and after[i + 1] in PERIOD_WORDS):
            break  # "300 kiosks in airports", "2,300 rewrites last month": the noun phrase ends there
        if after[i + 1:i + 2] in (["request"], ["requests"]) and w.isalpha() and w not in _PER_WORDS and i <= 3:
            return "queries", [*mods, w]  # "300 AI trip plan requests": a unit of work named by the question
        if after[i + 1:i + 2] in (["day"], ["days"]) and w.isalpha() and w not in _PER_WORDS:
            return "days", [*mods, w]  # "21 business days", "20 school days"
        if "-" in w and not w.endswith("s") and i + 1 < len(after) and listed_class(after[i + 1]) in ("users",
                                                                                                   "queries"):
            mods.append(w)  # "2,000 call-center agents": a hyphened compound before the noun it describes
            continue
        cls = None if w in MODIFIERS else noun_class(w)  # "monthly active users": adjectives first
        if cls is not None and listed_class(w) is None and _listed_ahead(after[i + 1:i + 3]):
            mods.append(w)  # "12,000 personalised outreach emails": a listed noun after a guessed one heads it
            continue
        if cls is not None and i + 1 < len(after) and noun_class(after[i + 1]) in ("tokens", "words"):
            return noun_class(after[i + 1]), [*mods, w]  # "400 answer tokens": the last noun is the head
        if cls is not None:
            # ... but "user runs", "seat burns": a plural-looking word after a singular noun is its verb
            head = listed_class(after[i + 1]) if compound and i + 1 < len(after) and not w.endswith("s") \
                and not after[i + 1].endswith("s") else None
            if head in ("queries", "users") and head != cls and after[i + 1] not in MODIFIERS:
                return head, [*mods, w]  # "agent run", "user queries": a singular noun before a noun modifies it
            if not compound and cls not in ("queries", "tokens", "words", "days", "months") and not w.endswith("s") \
                    and i + 1 < len(after) \
                    and after[i + 1].endswith("s") and listed_class(after[i + 1]) == "queries":
                return "queries", [*mods, w]  # "400 agent tasks", "3 proposal drafts": the plural noun is the head
            return cls, mods
        if w in MODIFIERS and fallback is None:
            fallback = listed_class(w)
        if w in MODIFIERS or w.endswith("-based") or (len([m for m in mods if m not in MODIFIERS]) < 2
                                                      and w.replace("-", "").isalpha()
                                                      and w not in _PER_WORDS):  # "3 web-grounded searches"
            mods.append(w)
            continue
        break
    return fallback if fallback == "users" else None, mods


def _listed_ahead(words: list[str]) -> bool:
    """A listed noun follows within the same noun phrase (before 'per', a preposition or a period word)."""
    for w in words:
        if w in _PER_WORDS or w in _PREPOSITIONS or w in PERIOD_WORDS:
            return False
        if listed_class(w) is not None:
            return True
    return False


_CLAUSE_OPENERS = {"where", "which", "while", "whereas", "when", "but", "if", "whose"}


def per_of(after: list[str]) -> list[str]:
    """What a number is per: noun classes and periods ("per user per week" -> ["users", "week"])."""
    out: list[str] = []
    for i, w in enumerate(after):
        if w in _CLAUSE_OPENERS or (w == "cost" and after[i - 1:i] in (["have"], ["would"], ["will"], ["had"])):
            break  # "a $12 plan where each query costs $0.003": the next clause's "each" is not this number's;
            # "... x 600 tokens have cost a month": the month is the cost's
        if w in _PERIOD_ADVERBS:
            out.append(_PERIOD_ADVERBS[w])
        elif w == "in" and after[i + 1:i + 2] in (["a"], ["an"], ["each"], ["every"], ["the"]) and i + 2 < len(after) \
                and after[i + 2] in PERIOD_WORDS:
            out.append(PERIOD_WORDS[after[i + 2]])  # "1 million requests in a month", "20 days in the month"
        elif w == "in" and after[i + 1:i + 2] in (["month"], ["week"], ["year"]):
            out.append(PERIOD_WORDS[after[i + 1]])  # "20 day in month"
        elif w == "for" and not out and (
                (span := [x for x in after[i + 1:i + 4] if x not in ("the", "a", "whole", "entire", "full")])[:1] in (
                    ["year"], ["quarter"], ["month"], ["week"])):
            out.append(PERIOD_WORDS[span[0]])  # "$90k for the whole year", "budget for whole year"
        elif w in ("last", "this", "next") and after[i + 1:i + 2] in (["month"], ["week"], ["year"], ["day"]) \
                and not out:
            out.append(PERIOD_WORDS[after[i + 1]])  # "2,300 rewrites last month": that month's count
        elif w in _PER_WORDS and i + 1 < len(after):
            nxt = after[i + 1]
            if nxt in ("business", "working", "work", "school", "trading") and i + 2 < len(after):
                nxt = after[i + 2]
            if nxt in PERIOD_WORDS:
                out.append(PERIOD_WORDS[nxt])
            elif (cls := noun_class(nxt)) is not None:
                out.append(cls)
            elif w in ("per", "each", "every", "a") and i + 2 < len(after) and (cls := noun_class(after[i + 2])):
                out.append(cls)  # "per active user", "a single request"
            elif w == "per" and nxt.isalpha() and nxt not in MODIFIERS:
                out.append("users")  # "$250 per workspace": an unlisted billing unit is a customer unit
    return out


_LINKED_AT = {"running", "runs", "ran", "out", "in", "sits", "sitting", "sat", "lands", "landed", "stands", "stood",
              "is", "was", "are", "were", "currently", "now", "today", "averages", "averaging", "hovers", "hovering"}
_BOUNDARY = {"at", "and", "but", "while", "whereas", "vs", "versus", "plus", "with", "or", "so", "if"}


def own_phrase(n: Num) -> tuple[list[str], list[str]]:
    """The words of the number's own phrase: before it back to a boundary word, after it up to one."""
    before = split_words(n.clause[-10:])
    cut = max((i for i, w in enumerate(before) if w in _BOUNDARY and not (
        w == "at" and i == len(before) - 1 and before[i - 1:i] and before[i - 1] in _LINKED_AT)), default=0)
    # the boundary word itself stays; "cost per seat is running at $7.25": 'at' after a linking verb joins
    after = split_words(n.after)
    end = next((i for i, w in enumerate(after) if w in _BOUNDARY), len(after))
    return before[cut:], after[:end]


_STATED_PERIOD = re.compile(r"\b(?:period|time ?frame)\s*(?::|is|=)\s*(?:a |one |the |per )?(quarter|year|month)\b|"
                            r"\b(?:all (?:the )?)?(?:figures|numbers|amounts) (?:are |below are )?(?:for the )?"
                            r"(quarter|year|month|quarterly|annual|yearly|monthly)\b|"
                            r"\b(q[1-4]|fy|h[12])(?:[ '-]?\d{2,4})? "
                            r"(?:numbers|figures|results|financials|p&l|line items?)\b|"
                            r"^\s*(?:last|this|past|previous|for the|in the|over the) (quarter|year|month)\s*[:,-]|"
                            r"\ball (?:figures |numbers |amounts )?(?:are )?for the (quarter|year|month)\b|"
                            # "gross margin for the quarter", "In Q3 the product booked $412,000"
                            r"\b(?:margin|profit|p&l)\b[^.?!]{0,30}\bfor the (quarter|year|month)\b|"
                            r"(?:^|[.!?:]\s+)(?:in|during|for) (q[1-4])\b",
                            re.I)
_PERIOD_OF = {"quarterly": "quarter", "annual": "year", "yearly": "year", "monthly": "month", "q1": "quarter",
              "q2": "quarter", "q3": "quarter", "q4": "quarter", "fy": "year"}


def stated_period(norm: str) -> str | None:
    """The period the question says all its amounts cover ("period: quarter", "all figures are annual"), if any."""
    said = _STATED_PERIOD.search(norm)
    word = next((g for g in said.groups() if g), "").lower() if said else ""
    return _PERIOD_OF.get(word, word if word in ("quarter", "year", "month") else "") or None  # not half-years


def nearest_cue(n: Num, cues: dict[str, list[str]], order: list[str], before: list[str] | None = None) -> str | None:
    """The cue category nearest the number in its own phrase (ties go to the earlier in `order`)."""
    own_before, after = own_phrase(n)
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


_CHANGED = {"queries": "queries_per_user", "users": "users", "tokens": "tokens_per_query"}


_SIZE_WORDS = {"long", "longer", "length", "big", "bigger", "large", "larger", "size", "lengthier", "wordier",
               "verbose"}
_OUTPUT_NOUNS = ("answer", "response", "output", "completion", "repl", "generation")


def _sized(words: list[str]) -> str | None:
    """What a change in size applies to: a prompt's input tokens, an answer's output tokens, else a query's tokens."""
    for w in words:
        w = w.strip("?.,!;:")
        if w.startswith(("prompt", "context", "input", "system")):
            return "prompt"
        if w.startswith(_OUTPUT_NOUNS):
            return "output"
        if noun_class(w) in ("queries", "tokens"):
            return "tokens_per_query"
    return None


_PAID_PRICES = {"api", "model", "token", "provider", "inference", "llm", "openai", "anthropic", "gpu", "vendor",
                "compute"}


def change_target(n: Num) -> str | None:
    """The variable a change applies to: the noun after it ("twice as many questions"), else before it."""
    before = list(reversed(n.clause[-6:]))

    def after_per(i: int) -> bool:  # "per user", "per 1000 tokens", "per million tokens": the unit, not the subject
        return before[i + 1:i + 2] == ["per"] or (before[i + 2:i + 3] == ["per"] and (
            before[i + 1].replace(",", "").isdigit() or before[i + 1] in ("1k", "1m", "million", "thousand")))

    after = n.after[:5]
    cut = next((i for i, w in enumerate(after) if w in ("on", "across", "over")), len(after))
    words = [*after[:cut], *(w for i, w in enumerate(before) if not after_per(i))]  # "... on the remaining calls"
    if {w.strip("?.,!;:") for w in after[:3]} & _SIZE_WORDS:
        return _sized(words)  # "the prompts get twice as long": their size in tokens, not their count
    for i, w in enumerate(words):
        if w.startswith(("pric", "rate")):  # "the API price drops 40%": what we pay, not what users pay
            if any(x.startswith("token") for x in n.clause[-6:]):
                return "token_price"  # "the price per 1K tokens doubles"
            near = set(words[max(0, i - 1):i + 6])  # "OpenAI is raising its prices 35%": whose price it is
            return "cost" if near & _PAID_PRICES else "price"
        if w.startswith(("cost", "bill", "spend", "cogs", "expens")):
            return "cost"
        if w in ("prompt", "context", "input"):  # "halve the prompt": its size ("the prompts", plural, are a count)
            return "prompt"
        cls = "queries" if w.startswith("usage") else noun_class(w)
        if w.startswith(("traffic", "volume")):  # "query volume" is queries; "traffic" alone is users
            named = noun_class(words[i + 1]) if i + 1 < len(words) and i >= len(n.after[:5]) else None
            cls = named if named in _CHANGED else "users"
        if cls == "users":  # "the free user base doubles": the free users of a freemium plan
            said_first = i >= len(after[:cut])  # the words before the change are read backwards
            qualifier = words[i + 1] if said_first and i + 1 < len(words) else words[i - 1] if i else ""
            if qualifier in ("free", "paying", "paid"):
                return "free_users" if qualifier == "free" else "paying_users"
        if cls in _CHANGED:
            return _CHANGED[cls]
    joined = " ".join(words)
    return "price" if "fee" in joined or "charge" in joined else None
