"""Roles settled once every number has one, from the rest of the question.

The token side a size smaller than the side said must be, regions named in a list, our own figures said after
another company's, a figure the question is asked again with, and a plan's quota beside one heavy user's usage.
"""

from __future__ import annotations

import re

from assistant.planner.reading import Given, Reading
from tools.units import WORDS_PER_1K_TOKENS

__all__ = ["included_beside_heavy", "named_regions", "other_side", "ours_over_theirs", "same_again"]

_PER_WORD = 1000 / WORDS_PER_1K_TOKENS  # tokens a word counts for


def other_side(r: Reading) -> None:
    """'one outfit note a day, ~450 words. Prompt is ~900 tokens': a size smaller than the one side said is the other.

    A whole call cannot be smaller than its input (or its output), so the size said without a side is the side not
    said (words count 1,000 tokens per 750).
    """
    wholes = r.all("tokens_per_query") + r.all("words_per_query")
    if len(wholes) != 1:
        return
    whole = wholes[0]
    if whole.start < 0 or re.search(r"\b(?:total|in all|all[- ]in|combined|overall|altogether)\b",
                                    r.norm[max(0, whole.start - 20):whole.start + 40], re.I):
        return  # "400 tokens per query in total": a whole said as a whole, however it compares
    size = whole.value * (_PER_WORD if whole.var == "words_per_query" else 1)
    for said, other in (("input", "output"), ("output", "input")):
        sides = [g.value * (_PER_WORD if g.var.endswith("words") else 1)
                 for g in r.givens if g.var in (f"{said}_tokens", f"{said}_words")]
        if len(sides) == 1 and size <= sides[0] and not r.has(f"{other}_tokens", f"{other}_words", "cached_tokens"):
            whole.var = f"{other}_{whole.var.split('_')[0]}"
            return


_NAME = r"[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+)?"
_NAMED_LIST = re.compile(rf"(?<![\w.])({_NAME}(?:\s*,\s*{_NAME})*\s*,?\s*(?:and|&|\+)\s+{_NAME})(?![\w-])")
_EXTRA_REGION = re.compile(r"\b(?:extra|additional|new|more|each|per|other|further)\s+(?:regions?|countr\w+|markets?|"
                           r"jurisdictions?|territor\w+)\b", re.I)
_ADDED = re.compile(r"\b(?:want|add|adding|launch|launching|expand|expanding|enter|entering|roll\w*|separate|also|plus|"
                    r"versions?|next)\b", re.I)


def named_regions(r: Reading) -> None:
    """'We also want UK and Switzerland as separate model versions, each extra region ~25% more': two regions.

    Beside compliance figures and extra regions said in words, the places named in a list are counted.
    """
    if r.has("extra_regions") or not r.has("development_cost", "technology_cost") or not _EXTRA_REGION.search(r.norm):
        return
    for sentence in re.split(r"(?<=[.?!;])\s+", r.norm):
        named = _NAMED_LIST.search(sentence)
        if named is not None and named.start() > 0 and _ADDED.search(sentence):
            places = re.split(r"\s*(?:,|\band\b|&|\+)\s*", named.group(1))
            r.givens.append(Given("extra_regions", float(len([x for x in places if x])), named.group(1)))
            return


_OURS = re.compile(r"\b(?:ours|our own|in our case|for us|our numbers|our figures)\b", re.I)


def ours_over_theirs(r: Reading) -> None:
    """'PerceptIn spent $344k on compliance vs $150k of R&D. Ours: $95k compliance, $210k development': ours count.

    When the same figures are said twice and the later ones are introduced as ours, the earlier ones (another
    company's, the seed's) are context, not inputs.
    """
    cue = _OURS.search(r.norm)
    if cue is None:
        return
    ours = {g.var for g in r.givens if g.start >= cue.start()}
    theirs = [g for g in r.givens if 0 <= g.start < cue.start() and g.var in ours]
    if theirs and len(theirs) >= len({g.var for g in theirs}):
        r.givens = [g for g in r.givens if g not in theirs]


_SAME_AGAIN = re.compile(r"\b(?:(?:the )?same (?:thing|again|question|calc\w*|numbers?|math)|redo (?:it|that)|"
                         r"again)\s*(?:,\s*)?(?:but\s+)?(?:at|with|for|if)\s*~?\s*$", re.I)


def same_again(r: Reading) -> None:
    """'... the saving at 25%? and same thing at 45%': the figure the question is asked again with is an alternative.

    The unplaced number takes the role of the last figure of its kind (a percentage, an amount), and the two are
    weighed as alternatives.
    """
    for n in list(r.unplaced):
        if not _SAME_AGAIN.search(r.norm[max(0, n.start - 40):n.start]):
            continue
        like = [g for g in r.givens if 0 <= g.start < n.start and g.text.endswith("%") == n.percent
                and g.text.startswith("$") == n.money]
        if not like or like[-1].var in r.series:
            continue
        first = like[-1]
        r.place(n, Given(first.var, n.value, n.text, period=first.period, unit=first.unit, start=n.start))
        r.series[first.var] = [first.value, n.value]


def included_beside_heavy(r: Reading) -> None:
    """'$10/month includes 300 plans, then $8 per 1,000 over. One big agency does 5,000': the plan's quota.

    Beside one heavy user's usage and an overage price, what the plan includes is its quota, not the usage.
    """
    if not (r.has("queries_p95") and r.has("overage_price")) or r.has("included_queries"):
        return
    for g in r.all("queries_per_user"):
        if g.start > 0 and re.search(r"\bincl(?:ud\w*|\.)?\s*$", r.norm[max(0, g.start - 12):g.start], re.I):
            g.var = "included_queries"
