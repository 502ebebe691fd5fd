"""Token roles said across numbers: a token mix, input in parts, the cached part, one call per work item.

"An 80/20 in/out split", "claude-haiku-4-5 (75/25)": the input share a calculator blends prices with; "an 8k system
prompt + ~500 tok user msg": input parts the calculator adds; "of which 5,000 are cached", "the 8k system prompt is a
cache read": the cached part of the input; "1.2 million SKUs, one call per SKU": no count.
"""

from __future__ import annotations

import itertools
import re

from assistant.planner.grammar import MODEL_TOKEN, Parsed
from assistant.planner.lexicon import singular_class
from assistant.planner.quantities import Num
from assistant.planner.reading import PERIOD_WORDS, Given, Reading, noun_of, split_words

__all__ = ["cached_by_name", "cached_once", "cached_part", "input_parts", "one_call_each", "reasoning_multiple",
           "token_mix"]

_SIDES = r"(?:input|in|prompt)\s*[/:-]\s*(?:output|out|completion)\b"
_MIX_AFTER = re.compile(rf"\s*(?:{_SIDES}|(?:token\s+)?blend\b)", re.I)
_MIX_BEFORE = re.compile(rf"{_SIDES}\s*(?:split|mix|ratio|blend)?\s*(?:of|:|=|is)?\s*$", re.I)


def token_mix(p: Parsed, nums: list[Num], i: int) -> Given | None:
    """'an 80/20 in/out split', 'input/output mix of 70/30', 'claude-haiku-4-5 (75/25)': the input share of tokens.

    A pair of shares adding up to 100 is a token mix when in/out words stand by it or it follows a model name in
    brackets; otherwise ("a 70/30 split between mini and 4o") it stays a traffic split.
    """
    if i + 1 >= len(nums):
        return None
    n, m = nums[i], nums[i + 1]
    if not (n.percent and m.percent and n.value + m.value == 100 and p.norm[n.end:m.start].strip() == "/"):
        return None
    before = p.norm[:n.start].rstrip()
    bracketed = before.endswith(f"{MODEL_TOKEN} (") and p.norm[m.end:].lstrip().startswith(")")
    usual = re.search(r"\b(?:default|usual|standard|typical|normal)$", before, re.I) is not None  # "(default 75/25)"
    if bracketed or usual or _MIX_AFTER.match(p.norm, m.end) or _MIX_BEFORE.search(p.norm, 0, n.start):
        return Given("api_input_share", n.value, f"{n.text}/{m.text}", start=n.start)
    return None


def _counted(word: str) -> bool:
    """A word for what users are or send ('seat', 'truck' by its plural, 'call')."""
    return word.isalpha() and singular_class(word) in ("queries", "users")


def one_call_each(n: Num) -> bool:
    """'1.2 million SKUs, one call per SKU', 'one seat per truck': a ratio of one to one, not a count.

    "One plan per user per week" is a rate, which the count roles read.
    """
    words = split_words(n.after)
    return n.value == 1 and not n.money and not n.percent and len(words) >= 3 and words[1] in ("per", "for", "each") \
        and _counted(words[0]) \
        and words[2] not in PERIOD_WORDS and not set(words[3:6]) & set(PERIOD_WORDS) \
        and (noun_of(words[2:5])[0] in ("queries", "users") or _counted(words[2]))


_ASIDES = re.compile(r"\([^()]*\)")  # "(cache reads; ignore the writes)": an aside, not the end of a sentence
_PLUS = re.compile(r"[^.;?!\n]*?(?:\+|\bplus\b)[^.;?!\n]*")
_LISTED = re.compile(r"\s*[\d,.~]+\s*(?:k\s*)?(?:input\s+|prompt\s+)?tok(?:en)?s?\s*,\s*(?:the\s+|a\s+|our\s+)?"
                     r"[a-z'-]+(?:\s+[a-z'-]+)?"
                     r"\s*(?:is|are|of|:|=)?\s*(?:about|around|roughly|approx\.?|~)?\s*", re.I)


# "system prompt: 2,200 tokens" then "retrieved chunks: 3,000 tokens" (key lines or a table's rows): one part a line
_NEXT_LINE = re.compile(r"\s*[\d,.~]+\s*(?:k\s*)?(?:input\s+)?tokens?\.\s+[\w ()/-]{1,40}?\s+is\s*"
                        r"(?:about|around|~)?\s*", re.I)


def input_parts(r: Reading) -> None:
    """'an 8k token system prompt + ~500 tok user msg': input tokens in parts, which the calculator adds up.

    A count of no side added to an input part is input too: "a 6,000-token rubric plus ~1,500 tokens of resume".
    """
    outputs = [g.value for g in r.all("output_tokens")]
    for g in r.all("tokens_per_query"):
        between = [(h, _ASIDES.sub("", r.norm[h.start:g.start])) for h in r.all("input_tokens")
                   if h.start >= 0 and h.start < g.start]
        if g.start >= 0 and any(_PLUS.fullmatch(said) or (
                outputs and g.value < h.value + outputs[0] and _LISTED.fullmatch(said)) for h, said in between):
            g.var = "input_tokens"  # "system prompt + docs 5,000 tokens, customer message ~300 tokens, answer ~250":
            # a count too small to be the whole call, listed after the input beside the output, is more input
    parts = sorted((g for g in r.givens if g.var == "input_tokens" and g.start >= 0), key=lambda g: g.start)
    for later in [g for i, g in enumerate(parts) if any(h.value == g.value for h in parts[:i])]:
        parts.remove(later)  # "... If caching serves the 6,000-token prefix": a part named again, not another
        r.givens.remove(later)
    if len(parts) < 2 or not all(_PLUS.fullmatch(_ASIDES.sub("", r.norm[a.start:b.start]))
                                 or _NEXT_LINE.fullmatch(r.norm[a.start:b.start])
                                 or _LISTED.fullmatch(_ASIDES.sub("", r.norm[a.start:b.start]))
                                 for a, b in itertools.pairwise(parts)):
        return
    for g in parts:
        g.var = "input_token_part"


def cached_once(r: Reading) -> None:
    """'7,500 input tokens (6,000 of them the system prompt) ... 80% billed as cache reads': the part, said once.

    The share says what is read from the cache; the part of the input it describes is context.
    """
    if r.has("cached_share"):
        for g in r.all("cached_tokens"):
            r.givens.remove(g)


def cached_part(n: Num, after: list[str], norm: str) -> bool:
    """'of which 2,000 are cached', '2,000 of them cached', '2,000 (cached)': a cached part of the input."""
    inside = norm.count("(", 0, n.start) > norm.count(")", 0, n.start)  # "(4,000 of them ..., served from the cache)"
    clause = re.split(r"[;!?)]|\.(?:\s|$)" if inside else r"[;,!?]|\.(?:\s|$)", norm[n.end:n.end + 90])[0].lower()
    if n.before[-1:] in (["those"], ["these"], ["the"]) and _CACHE_READ.search(clause):
        return True  # "those 5,000 tokens are read from the cache", "the 8k system prompt is a cache read"
    return re.search(r"(?:\b|-)cach", clause) is not None and (  # "8,000 of which are a prompt we can prompt-cache"
        n.before[-2:] == ["of", "which"]
        or after[:2] in (["of", "them"], ["of", "those"], ["of", "these"], ["of", "which"])
        or after[:1] in (["are"], ["cached"])
        or (after[:1] == ["of"] and bool({"tokens", "token"} & set(after[1:4]))))  # "27k of the input tokens ..."


_CACHE_READ = re.compile(r"\bcache[- ]?(?:read|hit)s?\b|\b(?:read|served|comes?|pulled)\s+(?:straight\s+)?from\s+"
                         r"(?:the\s+)?(?:prompt\s+)?cache\b|\b(?:is|are|gets?|get) cached\b|\bhits? the cache\b")


def reasoning_multiple(n: Num, norm: str) -> bool:
    """'reasoning tokens roughly 3x the visible output', 'thinking ~2x output': reasoning per visible output token."""
    return bool(n.multiplier) and re.search(r"\b(?:reasoning|thinking)\b[^.;?!]{0,40}$", norm[:n.start], re.I) \
        is not None and re.match(r"\s*(?:x\s*)?(?:the\s+)?(?:visible\s+|actual\s+|final\s+)?(?:output|completion|"
                                 r"answer)", norm[n.end:], re.I) is not None


_PREFIX_NAMES = (r"(?:[a-z]+\s+)?prompt(?![- ]?cach)|preamble|prefix|style guide|instructions|knowledge[- ]base"
                 r"(?: excerpt)?|tool defs?")
_CACHED_BY_NAME = re.compile(
    rf"\b({_PREFIX_NAMES})\b[^.;?!]{{0,60}}?\b(?:cache[- ]reads?|(?:served|read|pulled|comes?)\s+from\s+(?:the\s+)?"
    rf"(?:prompt\s+)?cache|hits?\s+(?:the\s+|our\s+|\w+'s\s+)?(?:prompt\s+)?cache|"
    rf"(?:is|are|gets?|being|fully|entirely|completely|always)\s+(?:prompt[- ])?cached)\b"
    rf"|\bcached\s+({_PREFIX_NAMES})\b"
    rf"|\bserves?\s+(?:the\s+|our\s+)?(?:(?P<tokens>[\d,.]+)[\s-]*tok(?:en)?s?[\s-]*)?({_PREFIX_NAMES})\s+from\s+(?:the\s+)?"
    rf"(?:prompt\s+)?cache\b", re.I)  # "if prompt caching serves the 6,000-token prefix from cache"


def cached_by_name(r: Reading) -> None:
    """'8,000-token system prompt + ~400-token message ... if the system prompt is served from the cache'.

    The input part the question names as read from the cache is the cached part.
    """
    if r.has("cached_tokens", "cached_share"):
        return
    if (said := _CACHED_BY_NAME.search(r.norm)) is None:
        _cached_by_own_name(r)
        return
    name = (said.group(1) or said.group(2) or said.group(4)).lower()
    if said["tokens"] and (part := next((g for g in r.givens if g.var == "input_token_part"
                                         and g.value == float(said["tokens"].replace(",", ""))), None)) is not None:
        r.givens.append(Given("cached_tokens", part.value, part.text, start=part.start))  # "serves the 6,000-token
        return  # prefix from cache": the part of that size
    for g in r.givens:
        after = r.norm[g.start + len(g.text):g.start + len(g.text) + 40].lower()
        if g.var in ("input_token_part", "input_tokens") and g.start >= 0 and re.match(
                rf"[\s-]*(?:k\b)?[\s-]*(?:tokens?|tok)?[\s-]*(?:of\s+)?(?:the\s+|our\s+|its\s+)?(?:[\w+-]+\s+){{0,2}}?"
                rf"{re.escape(name)}", after):
            if g.var == "input_tokens" and len(r.all("input_tokens")) == 1:
                return  # the whole input named as the prompt: no part of it
            r.givens.append(Given("cached_tokens", g.value, g.text, start=g.start))
            return


_PART_NAME = re.compile(r"[\s-]*(?:k\b)?[\s-]*(?:tokens?|tok)[\s-]+(?:of\s+)?(?:[a-z]+\s+)?([a-z]{4,})", re.I)


def _cached_by_own_name(r: Reading) -> None:
    """'a 6,000-token scoring rubric + ~1,500 tokens of resume ... with the rubric served from the prompt cache'.

    An input part is named by the noun its size describes; the part whose name is said to come from the cache is
    the cached part, whatever the noun.
    """
    for g in r.all("input_token_part"):
        at = r.norm.find(g.text, g.start) if g.start >= 0 else -1
        named = _PART_NAME.match(r.norm, at + len(g.text)) if at >= 0 else None
        if named is not None and re.search(rf"\b{re.escape(named.group(1))}\b[^.;?!]{{0,60}}?(?:{_CACHE_READ.pattern})",
                                           r.norm[named.end():], re.I):
            r.givens.append(Given("cached_tokens", g.value, g.text, start=g.start))
            return
