"""Counts said of each of another count: "800k sessions a week, each session ~40 lines".

The second count is the work done in each of the first, which is then the unit usage is counted per, and the
first count's period is the usage's.
"""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed
from assistant.planner.quantities import Num
from assistant.planner.reading import PERIOD_WORDS, noun_of, per_of, split_words
from assistant.planner.token_sides import SIDE_WORDS

__all__ = ["a_container", "counted_per", "each_of", "work_count"]

_HOLDS = r"(?:has|had|with|having|containing|averages|averaging|runs|is|gets|of)"
_EACH_OF = re.compile(rf"\beach(?:\s+(?!{_HOLDS}\b)([a-z]+))?(?:\s+{_HOLDS})?"
                      r"(?:\s+(?:about|around|roughly|approximately|approx|some))?\s*~?\s*$")


def each_of(p: Parsed, whole: Num, n: Num) -> bool:
    """Whether `n` is said of each of the things `whole` counts ("800k sessions a week, each session ~40 lines")."""
    gap = p.norm[whole.end:n.start].lower()
    if whole.money or whole.percent or re.search(r"[.?!]\s", gap) or (m := _EACH_OF.search(gap)) is None:
        return False
    if m.group(1) is None:  # "800k sessions, each with 40 lines": each of them, in the same clause
        return ";" not in gap
    return any(w[:4] == m.group(1)[:4] for w in split_words(whole.after)[:3])  # "; each session has about 40"


def counted_per(p: Parsed, nums: list[Num], i: int) -> str | None:
    """The period of the count this many queries is said of each of, in the same sentence.

    "1.2 million player sessions a week, each session ~25 NPC lines": 25 lines in each of a week's sessions.
    """
    if not i or not each_of(p, nums[i - 1], nums[i]):
        return None
    words = split_words(nums[i - 1].after)
    return next((x for x in per_of(words[len(noun_of(words)[1]) + 1:]) if x in PERIOD_WORDS.values()), None)


def a_container(p: Parsed, nums: list[Num], i: int) -> bool:
    """Whether these queries each hold work of another noun, so usage is counted per each of them.

    "800k sessions, each with 40 lines": 800k sessions of 40 lines each.
    """
    if i + 1 >= len(nums) or not each_of(p, nums[i], nums[i + 1]):
        return False
    return work_count(nums[i + 1])


def work_count(n: Num) -> bool:
    """A count of queries, or of an unknown noun that is no token side ("40 lines", not "1,200 input")."""
    words = split_words(n.after)
    cls, mods = noun_of(words)
    return cls == "queries" or (cls is None and bool(mods) and not set(words[:4]) & {*SIDE_WORDS, "tokens", "tok"})
