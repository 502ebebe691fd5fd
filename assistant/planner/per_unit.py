"""What an amount or a count is per, from the words around it.

The noun its clause counts, '$3 each', the noun a pronoun stands for ('2,500 of them', 'each one'), and a sentence
that opens with its unit ('Per query, we pay ...').
"""

from __future__ import annotations

import itertools
import re

from assistant.planner.lexicon import noun_class
from assistant.planner.quantities import Num
from assistant.planner.reading import PERIOD_WORDS, noun_of, split_words

__all__ = ["antecedent", "clause_counts", "each_one", "each_unit", "leading_unit", "sentence_start"]


def clause_counts(n: Num) -> str | None:
    """What the clause before an amount counts ("queries at $0.006 each" -> queries)."""
    for w in reversed(n.clause[-6:]):
        if (cls := noun_class(w)) in ("users", "queries"):
            return cls
    return None


def each_unit(n: Num, norm: str, per: list[str], period: str | None) -> str | None:
    """'$3 each' is per the unit its clause counts; 'who cost $5 a month each', past the period, per a customer."""
    if per == [] and "each" in n.after[:1]:
        return clause_counts(n) or antecedent(norm, n)
    trailing = [w for w in n.after[:4] if w not in ("a", "an", "per", "/") and w not in PERIOD_WORDS]
    if period in ("month", "day", "week", "year") and trailing[:1] == ["each"] and clause_counts(n) is None \
            and antecedent(norm, n) == "users":
        return "users"
    return None


def each_one(words: list[str]) -> bool:
    """'each one', 'every one', 'each of them', or 'each' alone before a verb ("and each costs us $13.50")."""
    return any(words[i:i + 2] in (["each", "one"], ["every", "one"], ["each", "of"]) for i in range(len(words))) \
        or any(w == "each" and nxt.startswith(("cost", "run", "pay", "bring", "generat", "need", "use"))
               for w, nxt in itertools.pairwise(words))


def antecedent(norm: str, n: Num, sentence_only: bool = True) -> str | None:
    """The users or queries a pronoun ('each one', 'of them') stands for: the nearest such noun before it.

    Within its sentence unless `sentence_only` is False ("Exchanges run 600 words. We handle 2,500 of them a day.").
    """
    left = norm[:n.start]
    if sentence_only:
        left = _sentence_left(norm, n, ". ", "? ", "! ")
    for w in reversed(re.findall(r"[a-z][a-z-]*", left.lower())):
        if w not in ("one", "each", "every") and (cls := noun_class(w)) in ("users", "queries"):
            return cls
    return None


def leading_unit(norm: str, n: Num) -> str | None:
    """'Per query, we pay $0.004', 'For each seat we spend $3': a sentence that opens with the unit it is per."""
    opening = _sentence_left(norm, n)
    if not re.match(r"\s*(?:per|for each|for every)\s+[a-z]", opening, re.I):
        return None  # the words themselves must open the sentence, not follow an amount ("$15 per user ...")
    words = sentence_start(norm, n)  # "Each seat does 30 queries" is a subject, which its clause's reading handles
    words = words[1:] if words[:1] == ["for"] else words
    if len(words) < 3:
        return None
    unit = noun_of(words[1:2])[0]
    return unit if unit in ("users", "queries") else None


_AMOUNT = re.compile(r"\$\s?\d[\d,.]*")


def sentence_start(norm: str, n: Num, item: bool = False, own: bool = False) -> list[str]:
    """The words of the number's sentence before it, without parentheses ("Dev spend (GPUs, data) came to").

    With `item`, only those of its own item in a list ("revenue $1.8M, inference bill $540k": "inference bill"); with
    `own`, only those after the amount before it ("revenue came in at $1.8M and our bill was").
    """
    left = re.sub(r"\([^)]*\)", " ", _sentence_left(norm, n))
    parts = _AMOUNT.split(left) if own else [left]  # "revenue came in at $1.8M and our bill was": the bill's words
    left = parts[-1][parts[-1].rfind(", ") + 1:] if item else parts[-1]
    words = [w.lower().strip(".,;:!?()'\"") for w in re.findall(r"[A-Za-z&][\w&'/-]*", left)]
    return split_words(words[:5 if len(parts) > 1 else 8])  # the subject: its first words


def _sentence_left(norm: str, n: Num, *ends: str) -> str:
    """The text of the number's sentence before it; a sentence ends at '. ', '? ', '! ', ': ' or '; ' by default."""
    left = norm[:n.start]
    return left[max(left.rfind(end) for end in ends or (". ", "? ", "! ", ": ", "; ")) + 1:]
