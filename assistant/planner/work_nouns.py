"""Unlisted nouns a question uses as its unit of work, read as requests.

"included rewrites: 300/month; overage $8 per 1,000 rewrites; cost per rewrite: $0.004": 'rewrite' is in no
noun list and no prototype is near enough, yet the question prices it, meters it per month and counts it per
1,000, so it is what users send. Such a noun is written with 'request' after it ("rewrite requests"), which the
roles then read as queries, as they read "agent tasks".
"""

from __future__ import annotations

import re

from assistant.planner.lexicon import LEXICON, listed_class, noun_class

__all__ = ["name_units_of_work"]

_WORD = r"([a-z]{4,})"
_USES = (rf"\b(?:cost|price|fee|spend)s? (?:per|of an?|for each|for every) {_WORD}\b",  # "cost per rewrite"
         rf"\bper (?:1,?000|1k|thousand|one thousand|100|hundred) (?:extra |additional |more )?{_WORD}\b",
         rf"\b\d[\d,.]*\s*(?:k|m)?\s+{_WORD}\s*(?:/|per|a|each|every)\s*(?:day|week|month|year|mo)\b",
         rf"\b(?:included|includes|include|free) {_WORD}\b",  # "included rewrites: 300"
         rf"\beach {_WORD} (?:costs?|is|runs)\b",
         rf"\btokens? (?:per|an?|each|every|for each) {_WORD}\b",  # "600 tokens per incident"
         rf"\b(?:what|how much)\b[^.?!]{{0,40}}?\bper {_WORD}\b")  # "what's that per incident?"
_NOT_WORK = {"extra", "additional", "more", "free", "tokens", "words", "users", "seats", "months", "days", "weeks",
             "years", "hours", "dollars", "cents", "credits", "month", "year", "week", "hour", "minute", "minutes",
             "thousand", "million", "billion", "hundred", "unit", "second"}


def _singular(word: str) -> str:
    return word[:-2] if word.endswith(("ches", "shes", "sses", "xes")) else word[:-1] if word.endswith("s") else word


def name_units_of_work(text: str) -> str:
    """The text with each unlisted noun it prices or meters twice followed by 'request(s)'."""
    low = text.lower()
    uses: dict[str, int] = {}
    for pattern in _USES:
        for m in re.finditer(pattern, low):
            word = m.group(1)
            if word in _NOT_WORK or word in LEXICON["modifiers"] or listed_class(word) is not None \
                    or noun_class(word) is not None or noun_class(_singular(word) + "s") is not None:
                continue
            uses[_singular(word)] = uses.get(_singular(word), 0) + 1
    for stem in (s for s, count in uses.items() if count >= 2):
        plural = stem + ("es" if stem.endswith(("ch", "sh", "ss", "x")) else "s")
        text = re.sub(rf"\b{re.escape(plural)}\b(?! requests?\b)", f"{stem} requests", text, flags=re.I)
        text = re.sub(rf"\b({re.escape(stem)})\b(?! requests?\b)", r"\1 request", text, flags=re.I)
    return text
