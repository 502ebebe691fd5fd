"""The planner's lexicon (lexicon.yaml) and the class of a noun: listed, or by WordLlama similarity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["LEXICON", "MODIFIERS", "NOT_CUES", "ask_patterns", "count_per_unit", "cue", "cue_distance", "listed_class",
           "noun_class", "per_unit_period", "plural", "service_tier", "singular", "singular_class", "tiers_named"]

LEXICON: dict[str, Any] = yaml.safe_load((Path(__file__).with_name("lexicon.yaml")).read_text())
_NOUNS: dict[str, list[str]] = LEXICON["nouns"]
NOT_CUES = frozenset(LEXICON["not_cues"])  # words a cue stem begins that are other words ("plan" ~ "plant")
_PRODUCT_HEADS = [[w] for w in LEXICON["product_heads"]]
MODIFIERS: frozenset[str] = frozenset(LEXICON["modifiers"])


_MEN = re.compile(r"(?:fore|chair|sales|trades|crafts|work|line|repair|service|fire|police|fisher|business|delivery|"
                  r"camera|crew|fresh|sports|spokes)men$")  # "foremen": a person's trade, not "specimen"


def singular(word: str) -> str:
    """A plural noun's singular ("itineraries" -> "itinerary", "batches" -> "batch", "seats" -> "seat")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if (word.endswith("people") and len(word) > 6) or _MEN.search(word):  # "salespeople", "foremen"
        return word[:-6] + "person" if word.endswith("people") else word[:-3] + "man"
    return word[:-2] if word.endswith(("ches", "shes", "sses", "xes")) else word[:-1] if word.endswith("s") else word


def plural(stem: str) -> str:
    """A singular noun's plural ("itinerary" -> "itineraries", "batch" -> "batches", "seat" -> "seats")."""
    if stem.endswith("y") and stem[-2:-1] not in ("a", "e", "o", "u"):
        return stem[:-1] + "ies"
    if (stem.endswith("person") and len(stem) > 6) or _MEN.search(stem[:-3] + "men"):  # "foreman" -> "foremen"
        return stem[:-6] + "people" if stem.endswith("person") else stem[:-3] + "men"
    return stem + ("es" if stem.endswith(("ch", "sh", "ss", "x")) else "s")


def singular_class(word: str) -> str | None:
    """A noun's class; an unlisted singular noun takes its plural's ("per store", "one seat per truck")."""
    cls = noun_class(word)
    if cls is None and word.isalpha() and not word.endswith("s"):
        cls = noun_class(plural(word))
    return cls


_AGENT = ("r", "rs", "er", "ers", "or", "ors")  # endings that turn a unit of work into the person who does it


@lru_cache(maxsize=8192)
def listed_class(word: str) -> str | None:
    """The class the lexicon lists a noun under (no embedding guess), else None (remembered: the lexicon is fixed)."""
    participle = len(word) >= 6 and word.endswith(("ed", "ly"))  # "personalised" is no "person", "userly" no user
    singular = word[:-1] if word.endswith("s") else word
    for cls, stems in _NOUNS.items():  # the head of a closed compound is its end: "cardholders" hold library cards
        if "-" not in word and any(len(stem) >= 6 and singular.endswith(stem) and singular != stem
                                   and listed_class(singular[:-len(stem)]) not in (None, cls) for stem in stems
                                   if " " not in stem):
            return cls
    for cls, stems in _NOUNS.items():
        if any(_stem_matches(word, stem) and not (participle and word != stem) for stem in stems if " " not in stem):
            agent = cls == "queries" and any(word[len(stem):] in _AGENT and word.startswith(stem) for stem in stems
                                             if " " not in stem)
            return "users" if agent else cls  # "filers", "callers": the people who do the work are users
    for cls, stems in _NOUNS.items():  # a compound ending in a listed noun: "copywriters", "co-founders", "subtasks"
        if "-" not in word and any(len(stem) >= 5 and singular.endswith(stem) for stem in stems if " " not in stem):
            return cls
    return None


def _stem_matches(word: str, stem: str) -> bool:
    """A stem begins the word; a short stem ("mo", "doc", "run") must be the word or its plural."""
    if len(stem) <= 3:
        return word in (stem, stem + "s", stem + "es")
    return word.startswith(stem)


@cache
def noun_class(word: str) -> str | None:
    """users, queries, tokens, words, gpus, months or regions for a noun; None if it is none of them.

    A noun the lexicon lists is classed by its list; another plural noun by its nearest prototype
    ("analysts" ~ users, "summaries" ~ queries) when the WordLlama embedding is close enough.
    """
    word = re.sub(r"['\u2019]s$", "s", word.lower().strip(".,;:!?()'\""))  # "q's" are qs
    if not word or not word[0].isalpha():
        return None
    if (cls := listed_class(word)) is not None:
        return cls
    if len(word) < 4 or not word.endswith("s") or word in MODIFIERS:
        return None  # only a plural noun may name what a number counts
    return _nearest(word)


def _nearest(word: str) -> str | None:
    try:
        vectors = _prototypes()
        embedded = _unit(_embedder().embed([word]))[0]
    except Exception:  # the embedding is a generalisation aid, never a requirement
        return None
    scores = sorted(((float((vec @ embedded).max()), cls) for cls, vec in vectors.items()), reverse=True)
    (best, cls), runner_up = scores[0], scores[1][0] if len(scores) > 1 else -1.0
    if best >= LEXICON["min_similarity"] and best - runner_up >= LEXICON["min_gap"]:
        return cls
    return None


def _unit(vectors: Any) -> Any:
    import numpy as np

    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


@cache
def _embedder() -> Any:
    from knowledge.embeddings import WordLlamaEmbedding

    return WordLlamaEmbedding()


@cache
def _prototypes() -> dict[str, Any]:
    return {cls: _unit(_embedder().embed(list(words))) for cls, words in LEXICON["prototypes"].items()}


def _per_user(pair: list[str]) -> bool:
    """'per dev', 'per seller': a customer unit after 'per', which names what an amount is per, not what it is.

    'on the same revenue': what stays the same is held beside the amount, not named by it.
    """
    return len(pair) >= 2 and (pair[0] == "same" or (pair[0] == "per" and (
        noun_class(pair[1]) == "users" or pair[2:3] in (["customer"], ["customers"]))))  # "per investigator customer"


def _is_cue(word: str, one: _SingleWords) -> bool:
    """A short cue is the word itself; a longer one begins it, unless the word is another word ("plan" ~ "plant").

    A hyphened compound whose last part is a unit of work or a user names that ("the review-reply bill"), no cue.
    """
    if "-" in word and word not in one.exact and listed_class(word.rsplit("-", 1)[1]) in ("queries", "users"):
        return False
    if word not in one.exact and word.endswith(("er", "ers", "or", "ors")) and listed_class(word) == "users":
        return False  # "the submittal reviewer costs us $12k": a person or product, no verification cost
    return word in one.exact or (word.startswith(one.prefixes) and word not in NOT_CUES)


def cue_distance(before: list[str], after: list[str], cues: list[str]) -> int | None:
    """How many words from the number the nearest cue stands, looking both ways in its clause.

    `before` and `after` are the clause's words in reading order; a cue word matches a word it
    begins ("subscri" ~ "subscribers"); a cue of several words matches them in order.
    """
    one = _single_words(cues)
    best: int | None = None
    for d, w in enumerate(reversed(before)):
        at = len(before) - d  # the word's end: the word and the one before it
        if _is_cue(w, one) and not _per_user(before[max(0, at - 2):at + 1]):
            best = d  # a customer unit after 'per' is no cue ("the model cost per dev")
            break
    for i, w in enumerate(after):
        if best is not None and i >= best:
            break
        if _is_cue(w, one) and not _per_user(after[max(0, i - 1):i + 2]) \
                and after[i + 1:i + 2] not in _PRODUCT_HEADS:  # "for the maintenance copilot": a product's name
            best = i
            break
    for cue in one.others:
        adjacent = cue.endswith("#")  # "have#": only right before the amount ("we have $5k", not "have cost $5k")
        parts = cue.rstrip("#").split()
        k = len(parts)
        for i in range(len(before) - k + 1):
            if adjacent and i + k != len(before):
                continue
            if _match(before[i:i + k], parts):
                d = len(before) - (i + k)
                best = d if best is None else min(best, d)
        for i in range(0 if adjacent else len(after) - k + 1):
            if _match(after[i:i + k], parts):
                best = i if best is None else min(best, i)
                break
    return best


@dataclass(frozen=True)
class _SingleWords:
    """A cue list's one-word cues (short ones whole words, longer ones word prefixes) and the rest."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    others: tuple[str, ...]


_SPLIT: dict[int, tuple[list[str], _SingleWords]] = {}


def _single_words(cues: list[str]) -> _SingleWords:
    """`cues` split once (the lexicon's lists are read many times a question)."""
    if (hit := _SPLIT.get(id(cues))) is not None and hit[0] is cues:
        return hit[1]
    single = [c for c in cues if " " not in c and not c.endswith("#")]
    split = _SingleWords(frozenset(c for c in single if len(c) <= 2), tuple(c for c in single if len(c) > 2),
                         tuple(c for c in cues if c not in single))
    if len(_SPLIT) < 1024:  # the lexicon's lists; a caller's temporary list is split afresh each time
        _SPLIT[id(cues)] = (cues, split)
    return split


def _match(words: list[str], parts: list[str]) -> bool:
    return all(w.startswith(p) if len(p) > 2 else w == p for w, p in zip(words, parts, strict=True))


def _stem_pattern(stem: str) -> str:
    """A noun stem as a pattern: a short stem ("q", "pr", "doc") is the word or its plural, as `_stem_matches` reads."""
    return re.escape(stem) + (r"(?:s|es)?\b" if len(stem) <= 3 else r"\w*")


def _expand(pattern: str) -> re.Pattern[str]:
    """A lexicon pattern compiled, with {q} and {u} expanded to the query and user noun lists."""
    q = "(?:" + "|".join(_stem_pattern(s) for s in _NOUNS["queries"]) + ")"
    u = "(?:" + "|".join(_stem_pattern(s) for s in _NOUNS["users"]) + ")"
    return re.compile(pattern.replace("{q}", q).replace("{u}", u))


@cache
def ask_patterns() -> dict[str, list[re.Pattern[str]]]:
    """The compiled ask patterns of the lexicon, with {q} and {u} expanded to the noun lists."""
    return {var: [_expand(p) for p in pats] for var, pats in LEXICON["asks"].items()}


@cache
def per_unit_period() -> re.Pattern[str]:
    """'per seat per month', 'the monthly cost per user': a period that qualifies a per-unit ask, not a total."""
    return _expand("|".join(f"(?:{p})" for p in LEXICON["per_unit_period"]))


@cache
@cache
def cue(name: str) -> re.Pattern[str]:
    """A phrase cue of the lexicon's `cues` section, compiled case-insensitive (its alternatives or-ed)."""
    return re.compile("|".join(f"(?:{p})" for p in LEXICON["cues"][name]), re.I)


@cache
def count_per_unit() -> re.Pattern[str]:
    """'double the messages per user': the unit a count is per, which asks nothing (unlike 'cost per user?')."""
    return _expand(r"\b({q})\s+per\s+({u})\b")


@cache
def _tier_patterns() -> dict[str, list[re.Pattern[str]]]:
    return {tier: [re.compile(p) for p in pats] for tier, pats in LEXICON["service_tiers"].items()}


def tiers_named(text: str) -> list[str]:
    """Every service tier the text names ("at batch prices, and at standard (non-batch) prices?": both)."""
    low = text.lower()
    plain = re.sub(r"\bnon[- ]?(?:batch|flex|priority)\b", "standard", low)  # "non-batch" names no batch tier
    return [tier for tier, pats in _tier_patterns().items()
            if any(p.search(low if tier == "standard" else plain) for p in pats)]


def service_tier(text: str) -> str | None:
    """The service tier a question names ("through the batch API" -> batch), else None (standard)."""
    return next(iter(tiers_named(text)), None)
