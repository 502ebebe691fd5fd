"""Conventions a question restates ("treat a month as 30 days", "750 words per 1,000 tokens"): not inputs.

A number is a convention when it relates two units of one dimension (days to a month, hours to a day,
words to tokens) at the ratio the calculators already use (DESIGN.md: a month is 30 days, a year 12 months,
1,000 tokens about 750 words). It then needs no role: the answer's assumptions state the same convention.
A ratio that differs from ours ("22 days a month", "365 days a year") is left to the roles, which read it
as an input the calculators take (active days) or list it as not understood.
"""

from __future__ import annotations

import re

from assistant.planner.quantities import Num
from tools.token_cost import DEFAULT_INPUT_SHARE

__all__ = ["convention"]

_UNIT = {"day": "day", "days": "day", "hour": "hour", "hours": "hour", "hrs": "hour", "hr": "hour", "h": "hour",
         "week": "week", "weeks": "week", "month": "month", "months": "month"}
_PER = {"day", "week", "month", "year"}
# The calculators' calendar (tools/units.py): 30-day months of 720 hours, 7-day weeks, 12-month years.
_CALENDAR = {("day", "month"): 30, ("day", "week"): 7, ("hour", "day"): 24, ("hour", "month"): 720,
             ("hour", "week"): 168, ("month", "year"): 12, ("day", "year"): 360}
_WORDS_PER_TOKEN = 0.75

_AFTER_UNIT = re.compile(r"\s*-?\s*(days?|hours?|hrs?|h|weeks?|months?)\b")
_PER_AFTER = re.compile(r"\s*(?:a|an|per|each|every|in a|in an|in each|in one|to a|to an|/|of a|of an)\s+"
                        r"(?:calendar\s+|billing\s+|typical\s+)?(day|week|month|year)\b")
_PER_NOUN_AFTER = re.compile(r"\s+(day|week|month|year)s?\b")  # "a 30-day month", "(30-day months)"
_PER_BEFORE = re.compile(r"\b(?:a|an|the|one|each|every|per|our|your)\s+(?:calendar\s+|billing\s+|typical\s+)?"
                         r"(day|week|month|year)\s+(?:as|is|=|has|have|of|equals?|means|being|to be|at|with)\s*"
                         r"(?:~|about|roughly|exactly|approximately)?\s*$"
                         r"|\b(day|week|month|year)\s*\(\s*$")  # "for the whole month (720 h)"
_AMOUNT = r"\d[\d,]*(?:\.\d+)?k?|a thousand|one thousand|one|a"
_WORDS_AND_TOKENS = re.compile(  # "750 words per 1,000 tokens", "1K tokens = 750 words", "a token is about 0.75 words"
    rf"(?P<a>{_AMOUNT})\s+(?P<ua>words?|tokens?)\s+(?:per|for|=|~|≈|to|in|every|each|a|is|are|makes?|equals?|"
    rf"means|as)\s+(?:about\s+|roughly\s+|approximately\s+|~\s*)?(?P<b>{_AMOUNT})\s+(?P<ub>words?|tokens?)\b")


def convention(norm: str, n: Num) -> str | None:
    """The convention the number `n` of `norm` restates, as a sentence; None when it is a quantity."""
    if n.percent and (mix := _blend(norm.lower(), n)) is not None:
        return mix
    if n.money or n.percent or n.multiplier:
        return None
    low = norm.lower()
    return _calendar(low, n) or _words(low, n)


def _calendar(low: str, n: Num) -> str | None:
    unit = _AFTER_UNIT.match(low, n.end)
    if unit is None:
        return None
    per = _PER_AFTER.match(low, unit.end()) or (_PER_NOUN_AFTER.match(low, unit.end())
                                                if low[n.end:unit.start(1)].strip() == "-" else None)
    per_word = per.group(1) if per else None
    if per_word is None and (before := _PER_BEFORE.search(low, 0, n.start)) is not None:
        per_word = before.group(1) or before.group(2)
    key = (_UNIT[unit.group(1)], per_word or "")
    if per_word not in _PER or _CALENDAR.get(key) != n.value:
        return None
    return f"As the question says, a {key[1]} is {n.value:g} {key[0]}s (the calculators' calendar)."


_MIX = re.compile(r"(\d+(?:\.\d+)?)%\s*/\s*(\d+(?:\.\d+)?)%\s+(?:input\s*/\s*output|in\s*/\s*out|"
                  r"prompt\s*/\s*completion)\s+(?:mix|split|ratio|blend)\b")


def _blend(low: str, n: Num) -> str | None:
    """'assume a 75/25 input/output mix': the calculators' own blend of a token price, restated."""
    for m in _MIX.finditer(low):
        if m.start() <= n.end - 1 < m.end() and (float(m.group(1)), float(m.group(2))) == (
                DEFAULT_INPUT_SHARE * 100, 100 - DEFAULT_INPUT_SHARE * 100):
            return (f"As the question says, a price per 1M tokens blends {m.group(1)}% input and {m.group(2)}% "
                    "output tokens (the calculators' blend).")
    return None


def _words(low: str, n: Num) -> str | None:
    for m in _WORDS_AND_TOKENS.finditer(low):
        if not any(n.start <= m.start(g) < n.end for g in ("a", "b")):
            continue
        amounts = {m.group("ua")[0]: _amount(m.group("a")), m.group("ub")[0]: _amount(m.group("b"))}
        if set(amounts) == {"w", "t"} and abs(amounts["w"] / amounts["t"] - _WORDS_PER_TOKEN) < 1e-9:
            return "As the question says, 1,000 tokens are about 750 words (the calculators' conversion)."
    return None


def _amount(text: str) -> float:
    """'1,000', '1k', 'a thousand', 'one', '0.75' as a number."""
    words = {"a thousand": 1000.0, "one thousand": 1000.0, "one": 1.0, "a": 1.0}
    if text in words:
        return words[text]
    thousands = text.endswith("k")
    return float(text.rstrip("k").replace(",", "")) * (1000.0 if thousands else 1.0)
