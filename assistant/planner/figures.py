"""Passes over several numbers at once: ranges and lists, "from X to Y", scale words, impossible values.

Numbers that are no quantity at all ("24/7", "in 2023", "GPT-4 8K") are told apart in `non_quantities.py`;
how a follow-up's figures fit the session's scenario is `scenario_fit.py`.
"""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed
from assistant.planner.quantities import Num
from assistant.planner.reading import Given, Reading, change_target, noun_of, split_words
from tools import fmt

__all__ = ["check", "context_tier", "from_to", "price_pair", "scale_words"]

_SCALE_WORDS = {"double": 2.0, "doubles": 2.0, "doubled": 2.0, "doubling": 2.0, "twice": 2.0, "triple": 3.0,
                "triples": 3.0, "tripled": 3.0, "tripling": 3.0, "quadruple": 4.0, "quadruples": 4.0,
                "quadrupled": 4.0, "halve": 0.5, "halves": 0.5, "halved": 0.5, "halving": 0.5}


_FROM_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|approx(?:imately|\.)?\s+|~\s*)?(\$?[\d.,]+)"
                      r"[^.?;]{0,25}?\bto\s+(?:about\s+|around\s+|roughly\s+|approx(?:imately|\.)?\s+|~\s*|just\s+|only\s+)?"
                      r"(\$?[\d.,]+)", re.I)  # "take our API bill from $62,000 to about $19,000 a month"
# "Current API opex is $95k/month. After migrating ... we'd expect $58k/month", "Today's API bill is $32k/month,
# self-hosting would run $20k/month": today's amount and the one after
_NOW_THEN = re.compile(r"\b(?:current(?:ly)?|today(?:'s)?|now|at present)\b[^.?;$]{0,40}(\$[\d.,]+)\s*"
                       r"(?:a |per |/)month[^?$]{0,80}?\b(?:after|once|afterwards|then|would|will)\b[^.?;$]{0,60}"
                       r"(\$[\d.,]+)\s*"
                       r"(?:a |per |/)month",
                       re.I)
# "Our API bill is $95k/month today and would drop to about $50k/month after the fine-tune": a bill, then what it
# falls (or rises) to
_DROPS_TO = re.compile(r"(\$[\d.,]+)\s*(?:a |per |/)\s*(?:month|mo)\b[^.?;$]{0,40}?\b(?:drops?|dropping|falls?|falling|"
                       r"goes down|go down|comes? down|shrinks?|decreases?|rises?|grows?|goes up|go up)\s+to\s+"
                       r"(?:about\s+|around\s+|roughly\s+|~\s*|just\s+|only\s+)?(\$[\d.,]+)", re.I)


def from_to(p: Parsed, r: Reading, of: dict[int, Given | None]) -> set[int]:
    """An amount going "from $95k to $50k a month", or today's and the one after: before and after a change."""
    taken: set[int] = set()
    for m in [*_FROM_TO.finditer(p.norm), *_NOW_THEN.finditer(p.norm), *_DROPS_TO.finditer(p.norm)]:
        a = next((i for i, n in enumerate(p.nums) if n.start <= m.start(1) < n.end), None)
        b = next((i for i, n in enumerate(p.nums) if n.start <= m.start(2) < n.end), None)
        if a is None or b is None or a in taken or b in taken \
                or not ((p.nums[a].money and p.nums[b].money) or _bare_money(p, m.start(), a, b)):
            continue
        first = of.get(a)
        if first is not None and first.var in ("token_price", "input_price", "output_price"):
            continue  # "the token price from $0.25/M up to $2/M": a range of prices, not a bill that changed
        if _SWEPT.search(p.norm, 0, m.start()):
            continue  # "sweep the add-on fee from $2 to $20": the ends of a range to tabulate, not a change
        kind = first.var if first is not None and first.var in ("cost_per_user", "price_per_user") else "monthly_cost"
        for i, side in ((a, "before"), (b, "after")):
            n = p.nums[i]
            if (g := of.get(i)) is not None:
                r.drop(g)
                of[i] = None
            elif n.text in r.unused:
                r.unused.remove(n.text)
                r.unplaced = [u for u in r.unplaced if u is not n]
            r.givens.append(Given(f"{kind}_{side}", n.value, n.text))
            taken.add(i)
    return taken


_SWEPT = re.compile(r"\b(?:sweep|swept|vary|varying|tabulate|table of)\b[^.?;]{0,40}$", re.I)
_MONEY_SUBJECT = re.compile(r"\b(?:bill|invoice|spend|spending|costs?|burn|expenses?)\b[^.?;]{0,30}$", re.I)


def _bare_money(p: Parsed, at: int, a: int, b: int) -> bool:
    """'the bill dropped from 80k to 55k': bare amounts of a money subject, with no unit of their own."""
    bare = all(not p.nums[i].percent and noun_of(split_words(p.nums[i].after))[0] is None for i in (a, b))
    return bare and _MONEY_SUBJECT.search(p.norm, 0, at) is not None


def price_pair(p: Parsed, r: Reading) -> None:
    """'1,000 input + 250 output tokens at $0.40 / $1.60 per 1M': the input and the output price, in that order.

    Two token prices split by '/' beside an input and an output token count, with no model or traffic share named.
    """
    prices = r.all("token_price")
    if len(prices) != 2 or r.models or not (r.has("input_tokens") and r.has("output_tokens")) \
            or r.has("input_price", "output_price", "traffic_share"):
        return
    first, second = sorted(prices, key=lambda g: g.start)
    if first.start < 0 or not re.fullmatch(r"\s*/\s*", _between(p, first, second)):
        return
    first.var, second.var = "input_price", "output_price"


def _between(p: Parsed, a: Given, b: Given) -> str:
    """The text between two figures of the question."""
    ends = {n.start: n.end for n in p.nums}
    end = ends.get(a.start, a.start)
    return p.norm[end:b.start] if end <= b.start else ""


_PAST = {"past", "above", "over", "beyond", "exceeding", "after"}


def context_tier(p: Parsed, r: Reading) -> None:
    """'past 200k input tokens the whole request bills at $2.50/M input': a long-context tier the question prices.

    The input-token count after 'past' (or 'above', 'over', ...) is the tier's threshold ("up to 200k" before it
    restates it), and the token prices after it in its sentence are the tier's prices.
    """
    counts = [g for g in r.givens if g.var in ("input_tokens", "tokens_per_query")]
    nums = {n.start: n for n in p.nums}
    edge = next((g for g in counts if (n := nums.get(g.start)) is not None and (
        (n.before[-1:] and n.before[-1] in _PAST) or n.before[-2:] == ["more", "than"])), None)
    if edge is None:
        return
    end = min((i for i in (p.norm.find(c, edge.start) for c in (". ", "? ", "; ")) if i > 0), default=len(p.norm))
    tier = {"input_price": "long_context_input_price", "output_price": "long_context_output_price",
            "token_price": "long_context_input_price"}
    priced = [g for g in r.givens if g.var in tier and edge.start < g.start < end]
    if not priced:
        return
    edge.var = "long_context_threshold"
    for g in priced:
        g.var = tier[g.var]
    for g in [g for g in counts if g is not edge and g.value == edge.value and (n := nums.get(g.start)) is not None
              and n.before[-2:] == ["up", "to"]]:
        r.givens.remove(g)  # "... up to 200k input tokens; past 200k ...": the same threshold said twice


_BACK_REFERENCE = ("that", "the", "this", "our", "those", "same")  # "same doubled traffic": the change made before


def scale_words(p: Parsed, r: Reading) -> None:
    """'usage doubles', 'triple the users': a factor on the variable the words name."""
    words = p.norm.lower().split()
    for i, w in enumerate(words):
        factor = _SCALE_WORDS.get(w.strip("?.,!;:"))
        if factor is None or (w.endswith("ed") and i and words[i - 1] in _BACK_REFERENCE):
            continue  # "with that doubled usage" refers back to a change already made
        if words[i + 1:i + 2] == ["to"] and re.match(r"[$~]?\d", words[i + 2] if i + 2 < len(words) else ""):
            continue  # "usage doubles to 40 queries a day": the figure after 'to' is the new value, already read
        _add_factor(r, words, i, factor, w)
    for i, w in enumerate(words[:-1]):  # "the cost per request drops by half", "cut in half"
        if w in ("by", "in") and words[i + 1].strip("?.,!;:") == "half":
            _add_factor(r, words, i, 0.5, f"{w} half")
    for n in list(r.unplaced):  # "each call costs us half (50%) as much": a factor, not a share
        if n.percent and n.after[:2] == ["as", "much"] and n.value > 0:
            before = p.norm[:n.start].lower().split()
            _add_factor(r, [*before, "#"], len(before), n.value / 100, n.text)
            r.unplaced.remove(n)
            r.unused.remove(n.text)


_CLAUSE_END = ("?", ".", ",", "!", ";", ":")


def _add_factor(r: Reading, words: list[str], i: int, factor: float, text: str) -> None:
    """A scale factor at word `i`, on the variable the words around it name."""
    after: list[str] = []  # the words after it up to the clause's end: "doubles: how many users ..." names no users
    for x in words[i + 1:i + 6] if not words[i].endswith(_CLAUSE_END) else []:
        after.append(x.strip("?.,!;:"))
        if x.endswith(_CLAUSE_END):
            break
    fake = Num(value=factor, text=text, start=0, end=0, clause=words[max(0, i - 4):i], after=after)
    r.givens.append(Given("factor", factor, text, target=change_target(fake)))


_NON_NEGATIVE = {"users", "queries_per_user", "tokens_per_query", "input_tokens", "output_tokens", "gpus",
                 "input_words", "output_words",
                 "token_price", "input_price", "output_price", "cost_per_query", "cost_per_user",
                 "price_per_user", "monthly_cost", "revenue", "fixed_costs", "budget", "investment",
                 "tokens_per_second", "gpu_hourly", "free_users", "paying_users", "words_per_query"}
_PERCENTS_BELOW_100 = {"margin", "utilization", "hit_rate", "provider_share", "cached_share", "input_share",
                       "prompt_reduction", "adoption", "traffic_share"}


def check(r: Reading) -> None:
    """Record values no economics allows ("-500 users", "a 120% margin") in `r.bad`, with the fix."""
    for g in r.givens:
        name = g.var.replace("_", " ")
        if g.var in _NON_NEGATIVE and g.value < 0:
            r.bad.append(f"{name} must be positive (got {g.text}). Give a positive figure, e.g. "
                         f"'{fmt.number(abs(g.value))}'.")
        elif g.var in _PERCENTS_BELOW_100 and g.value > 100:
            r.bad.append(f"a {name} of {g.text} is impossible: {_WHOLE.get(g.var, 'a share cannot exceed the whole')}. "
                         f"Give a share such as '{_EXAMPLE.get(g.var, '50%')}'.")
        elif g.var == "margin" and g.value == 100:
            r.bad.append("a 100% margin would need a cost of zero. Give a margin such as '80%'.")
    for n in r.unplaced:  # "-2,000 applicants": whatever it counts, a count is never below zero
        if n.value < 0 and not (n.money or n.percent or n.multiplier):
            noun = " ".join(n.after[:1])
            r.bad.append(f"a count must be positive (got {n.text}{' ' + noun if noun else ''}). Give a positive "
                         f"figure, e.g. '{fmt.number(abs(n.value))}{' ' + noun if noun else ''}'.")


_WHOLE = {"margin": "the margin is the share of the price left after costs, so it stays below the whole price",
          "utilization": "hardware cannot be busier than all of the time",
          "hit_rate": "the cache cannot answer more queries than there are"}
_EXAMPLE = {"margin": "80%", "utilization": "60%", "hit_rate": "30%"}
