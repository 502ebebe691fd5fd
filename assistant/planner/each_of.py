"""Counts said of each of another count: "800k sessions a week, each session ~40 lines".

The second count is the work done in each of the first, which is then the unit usage is counted per, and the
first count's period is the usage's.
"""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import LEXICON, noun_class, plural, singular
from assistant.planner.quantities import Num
from assistant.planner.reading import PERIOD_WORDS, noun_of, per_of, split_words
from assistant.planner.token_sides import SIDE_WORDS

__all__ = ["a_container", "calls_per_task", "calls_said_per", "counted_per", "each_of", "work_count"]

_CALL_NOUNS = tuple(LEXICON["call_nouns"])
# "every task = 5 LLM calls", "each task in our agent = 6 LLM calls"
_CALL_SUBJECT = re.compile(r"\b(?:every|each|a|an|one|1|per|the average|the typical|one average)\s+(?:[a-z-]+\s+)?"
                           r"([a-z-]+)\s+(?:(?:in|of|for|on)\s+(?:our|the|an?|its|their)\s+[a-z-]+\s+)?"
                           r"(?:" + "|".join(re.escape(v) for v in LEXICON["call_verbs"]) +
                           r")(?:\s+(?:about|around|roughly|approx\w*|some|up to))?\s*~?\s*$")
_LOOP = re.compile(r"\b(?:loop|chain|pipeline|agent|workflow)(?:\s+(?:run|runs|pass|loop))?\s+"
                   r"(?:of|with|runs?|takes|grows to|goes to)"  # "an agent run of 4 model calls"
                   r"(?:\s+(?:about|around|roughly))?\s*~?\s*$")

_HOLDS = r"(?:has|had|with|having|containing|averages|averaging|runs|is|gets|of|triggers|makes|needs|generates|" \
         r"involves|requires|takes|spawns|means)"
_EACH_OF = re.compile(rf"\beach(?:\s+(?!{_HOLDS}\b)([a-z]+))?(?:\s+{_HOLDS})?"
                      r"(?:\s+(?:about|around|roughly|approximately|approx|some))?\s*~?\s*$")


def each_of(p: Parsed, whole: Num, n: Num) -> bool:
    """Whether `n` is said of each of the things `whole` counts ("800k sessions a week, each session ~40 lines")."""
    gap = p.norm[whole.end:n.start].lower()
    if whole.money or whole.percent or re.search(r"[.?!]\s", gap) or (m := _EACH_OF.search(gap)) is None:
        return False
    if m.group(1) in (None, "one", "of"):  # "800k sessions, each with 40 lines", "each one triggers ~8": each of them
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


def _calls(n: Num) -> bool:
    """A count of model calls ("5 LLM calls", "6 steps", "4 model calls")."""
    said = " ".join(split_words(n.after)[:3])
    return any(re.match(rf"(?:[a-z-]+ )?{re.escape(c)}s?\b", said) for c in _CALL_NOUNS)


def calls_per_task(p: Parsed, nums: list[Num], i: int, usage_given: bool) -> bool:
    """Whether the count is the model calls each task makes, the tokens given being per call.

    "every task = 5 LLM calls", "4 calls per ticket", "an agent loop of 6 steps", or (after a user's tasks) "each
    task has about 5 calls".
    """
    n = nums[i]
    if not _calls(n):  # "3,200 work orders a week and each one triggers ~8 questions": the questions are the calls
        return usage_given and i > 0 and noun_of(split_words(n.after))[0] == "queries" and each_of(p, nums[i - 1], n)
    words = split_words(n.after)
    per = per_of(words[len(noun_of(words)[1]) + 1:])
    if "queries" in per and not any(x in PERIOD_WORDS.values() for x in per):
        return True  # "5 LLM calls per task"
    before = p.norm[max(0, n.start - 80):n.start].lower()
    before = re.split(r"[.;?!:\n]\s", before)[-1]
    if _LOOP.search(before):
        return True  # "an agent loop of 6 steps"
    subject = _CALL_SUBJECT.search(before)
    counted = next((w for w in split_words(n.after)[:2] if _calls_word(w)), "")
    if subject is not None and (noun_class(subject.group(1)) == "queries" or _counted_per_period(subject.group(1),
                                                                                             p.norm)) and (
            not _calls_word(subject.group(1)) or singular(subject.group(1)) != singular(counted)):
        return True  # "every task = 5 LLM calls", "each ticket goes through 4 LLM calls", "each phone call is 6 turns"
    return usage_given and i > 0 and each_of(p, nums[i - 1], n)  # "8 tasks a day each, each with 5 calls"


def calls_said_per(noun: str, norm: str) -> bool:
    """'One tender = about 12 model calls': model calls are counted per one of these, so they are the work."""
    one = re.escape(singular(noun))
    return re.search(rf"\b(?:each|every|one|1|per|a)\s+{one}\s+(?:=|is|takes|needs|makes|runs|triggers|goes through)\s+"
                     r"(?:about\s+|around\s+|roughly\s+|~)?\d[\d,.]*\s+(?:[a-z-]+\s+)?(?:calls?|requests?|steps?|"
                     r"turns?)\b", norm, re.I) is not None


def _counted_per_period(noun: str, norm: str) -> bool:
    """'One tender = about 12 model calls ... We answer ~30 tenders a month': a unit of work counted per period."""
    return re.search(rf"\b\d[\d,.]*\s*k?\s+{re.escape(plural(singular(noun)))}\s+(?:a|per|each|every)\s+"
                     r"(?:day|week|month|year)\b", norm, re.I) is not None


def _calls_word(word: str) -> bool:
    return any(word.startswith(c) for c in _CALL_NOUNS if " " not in c)
