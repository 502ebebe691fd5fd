"""Percent roles: what a percentage in a question is (a margin, a cache hit rate, a share, a change, ...)."""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import LEXICON, cue_distance, noun_class, service_tier
from assistant.planner.money_words import one_hour
from assistant.planner.quantities import Num
from assistant.planner.reading import Given, change_target, nearest_cue, noun_of, own_phrase, split_words

__all__ = ["fully_busy", "percent"]

_OF_REVENUE = re.compile(r"\s*of\s+(?:our\s+|the\s+|all\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:revenue|sales|income)\b", re.I)
_TO_A_VENDOR = re.compile(r"\bto\s+(?:the\s+|our\s+)?(?:llm\s+|model\s+|ai\s+|api\s+)?"
                          r"(?:vendor|provider|openai|anthropic|google|model makers?|labs?)\b", re.I)
_PCT_ORDER = ["swing", "hit_cost", "reasoning", "input_share", "output_share", "margin", "other_cogs", "provider_share",
              "utilization", "reduction", "cache_write", "hit_rate", "adoption", "region", "traffic_share", "up",
              "down"]
_LEVEL_ORDER = [c for c in _PCT_ORDER if c not in ("up", "down")]  # what a share is, when no change is meant


_ROUTED = set(LEXICON["routed_words"])
_DETERMINERS = {"our", "the", "all", "its", "their", "your", "my", "today's", "incoming"}
# "a model that's 15x cheaper", "a 12x cheaper model": the model a share of traffic may move to
_CHEAPER_MODEL = re.compile(r"\b\d+(?:\.\d+)?\s*(?:x|times)\s+(?:cheaper|less expensive)\b", re.I)
# a share of the standard price beside a named service tier: the tier's price, as the question states it
_TIER_PRICE = re.compile(r"\b(?:standard|list|normal|regular|usual|synchronous|on-demand|sync|real-time|full)"
                         r" (?:price|prices|rate|rates|pricing|cost|costs)\b")
_COPULAS = set(LEXICON["share_verbs"])


def _predicate(n: Num, p: Parsed) -> list[str]:
    """'80% of input tokens are read from the cache': the words from the verb on, when the share is the subject."""
    after = split_words(n.after)
    if after[:1] != ["of"]:
        return []
    verb = next((i for i, w in enumerate(after[1:6], 1) if w in _COPULAS), None)
    if verb is None:
        return []
    right = re.split(r"[;,!?]|:\s|\.(?:\s|$)", p.norm[n.end:n.end + 120])[0]
    words = split_words(re.findall(r"[a-z][\w'-]*", right.lower()))
    start = next((i for i, w in enumerate(words) if w == after[verb]), None)
    return words[start:start + 8] if start is not None else []


_OF_THE = re.compile(r"\s*of(?:\s+(?:all\s+)?(?:of\s+)?(?:our|the|their|its|those|these))?\s*")


def _of_a_user_count(n: Num, p: Parsed) -> bool:
    """'10% of our 50,000 users', '15% of the 120k seats': a share whose whole is a count of users."""
    nxt = next((m for m in p.nums if m.start > n.end), None)
    return nxt is not None and not (nxt.money or nxt.percent) \
        and _OF_THE.fullmatch(p.norm[n.end:nxt.start]) is not None \
        and noun_class(split_words(nxt.after)[0] if nxt.after else "") == "users"


_BILL_WORDS = ("bill", "spend", "spent", "invoice", "pay", "paying")


def _bill_given(p: Parsed) -> bool:
    """An amount the question gives as a bill ('we spend $12k a month', 'the bot costs $18k a month').

    Without one, a hit rate beside tokens and prices is the cached share of each request's input; a bill that
    is only asked for ('monthly bill?') is not given.
    """
    def billed(m: Num) -> bool:
        before, after = own_phrase(m)
        monthly = re.match(r"\s*(?:a |per |/|each |every )?(?:month|year|quarter)", p.norm[m.end:]) is not None
        return any(w.startswith(_BILL_WORDS) or (monthly and w.startswith("cost")) for w in before[-4:]) \
            or (monthly and any(w.startswith(_BILL_WORDS) for w in after[:5])) \
            or re.match(r"\s*(?:a|per) month on\b", p.norm[m.end:]) is not None

    return any(billed(m) for m in p.nums if m.money and m.price_unit is None)


# "70% of citation checks to a model that's 12x cheaper", "60% of the easy disputes onto a smaller model"
_TO_A_MODEL = re.compile(r"\s*of\s+(?!(?:(?:our|its|the|their|every|each)\s+)?(?:[\w-]+\s+)?(?:revenue|sales|arr|"
                         r"income|turnover|dollar|bill|spend|budget)\b)(?:[\w-]+\s+){0,4}?(?:to|onto|through|via)\s+"
                         r"(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:model|llm)\b", re.I)
# "we'd run them at 70%", "keep the cards at 60%": the level GPUs are run at (a question that names a GPU)
_RUN_AT = re.compile(r"\b(?:run|running|keep|keeping|operate|operating|drive|driving|load|loading)\b"
                     r"(?: (?:them|it|each|those|the (?:gpus?|cards?|boxes|nodes|fleet)|"
                     r"(?:each|every) (?:one|gpu|card|box|node)))? at$")


_LEVELS = ("share", "rate", "ratio", "percentage", "portion", "utili", "margin")


def percent(n: Num, p: Parsed) -> Given | None:
    """The role of a percentage (a margin, a cache hit rate, a traffic share, a change, ...), or None."""
    cat = nearest_cue(n, LEXICON["percent_cues"], _PCT_ORDER)
    words = split_words(n.after)
    if (words[:1] == ["off"] and words[1:2] and words[1] in ("list", "the", "our", "their", "its", "modelname", "all"))\
            or words[:1] == ["discount"] or words[:2] in (["volume", "discount"], ["price", "cut"]):
        return Given("price_change", -n.value, n.text)  # "we negotiated 18% off list": every price 18% lower
    if words[:1] == ["of"] and len(words) > 2 and noun_class(words[1]) == "queries" and words[2] in _ROUTED \
            and not re.search(r"\b(?:hit|cache|cached|(?:answered|served) from)\b", " ".join(words[3:8])):
        # "35% of queries to hit it", "35% of questions to be answered from it" are hit rates
        return Given("traffic_share", n.value, n.text)  # "80% of tickets to a cheap model"
    if words[:1] == ["of"] and (rest := [w for w in words[1:4] if w not in _DETERMINERS]) \
            and noun_class(rest[0]) == "queries" and _CHEAPER_MODEL.search(p.norm):
        return Given("traffic_share", n.value, n.text)  # "80% of our queries are simple; if those go to a 15x cheaper
        # model": the share the cheaper model takes
    if _TO_A_MODEL.match(p.norm, n.end) and not p.has("cach", "hit"):
        return Given("traffic_share", n.value, n.text)  # "push 70% of citation checks to a model that's 12x cheaper"
    if p.gpus and (re.match(r"\s*of the time\b", p.norm[n.end:]) or _RUN_AT.search(" ".join(n.before[-5:]))) \
            and not p.has("cach", "hit"):
        return Given("utilization", n.value, n.text)  # "2 H100s ... we'd use them 40% of the time", "run them at 70%"
    if _OF_REVENUE.match(p.norm, n.end) and _TO_A_VENDOR.search(p.norm, n.end, n.end + 90):
        return Given("provider_share", n.value, n.text)  # "sending ~35% of our revenue straight to the LLM vendor"
    if _of_a_user_count(n, p):
        return Given("adoption", n.value, n.text)  # "10% of our 50,000 users pay $12": a part of the users
    said = n.after[3:] if n.after[:3] in (["of", "them", "are"], ["of", "which", "are"], ["of", "it", "is"]) else \
        n.after[2:] if n.after[:2] in (["of", "them"], ["of", "which"], ["of", "it"], ["of", "those"]) else n.after
    if n.value < 0 and said[:1] in (["input"], ["prompt"], ["prompts"]):
        return Given("prompt_reduction", -n.value, n.text)  # "trim sys prompt -> -30% input tokens": a cut, no share
    if n.before[-2:] in (["input", "tokens"], ["prompt", "tokens"], ["output", "tokens"]) \
            and re.match(r"\s*(?:of\s+)?(?:the\s+|our\s+)?(?:bill|spend|cost|costs|invoice)\b", " ".join(said[1:4])) \
            and said[:1] == ["of"]:  # "input tokens ~ 60% of the bill" (a key line): that side's share of the bill
        return Given("output_share" if n.before[-2] == "output" else "input_share", n.value, n.text)
    side = {"input": "input_share", "output": "output_share"}.get(said[0] if said else "")
    other = "out" if said[:1] == ["in"] else "in"
    if said and said[0] in ("in", "out") and re.search(rf"\b{other}\b", p.norm[max(0, n.start - 20):n.end + 25]):
        side = "input_share" if said[0] == "in" else "output_share"  # "(60% in, 40% out)": the two sides
    if side and re.match(r"[^.;?!]{0,60}\bcach", p.norm[n.end:], re.I) is None \
            and (len(said) == 1 or said[1] in ("and", "or", "vs", "/", "tokens")  # not "60% of those input tokens come
            # from the prompt cache"
                 or n.before[-1:] in (["input"], ["prompt"], ["output"], ["completion"])):  # "75% input / 25% output"
        return Given(side, n.value, n.text)  # "our tokens are 75% input (and 25% output)", "~75% of them input"
    if pred := _predicate(n, p):  # the share's own predicate says what it is a share of
        cues = LEXICON["percent_cues"]
        named = [(d, rank, c) for rank, c in enumerate(_PCT_ORDER)
                 if (d := cue_distance([], pred, cues[c])) is not None]
        cat = min(named)[2] if named else cat
    value = n.value
    if service_tier(p.norm) and _TIER_PRICE.search(" ".join(n.after[:6])):
        off = bool({"off", "discount", "less", "cheaper", "below"} & set(n.after[:3]))
        return Given("tier_share", 100 - value if off else value, n.text)  # "batch (half the standard price)"
    if (cat == "hit_rate" or re.match(r"[^.;?!]{0,60}\bcach", p.norm[n.end:], re.I)) \
            and (n.after[:2] == ["of", "which"] or n.before[-2:] == ["of", "which"]):  # "9,000 input tokens, of
        # which 80% is the same spec boilerplate read from the prompt cache"
        return Given("cached_share", value, n.text)  # "12,000 input tokens, 70% of which are served from the cache"
    if cat == "hit_rate" and not _bill_given(p) and (p.has("token") or any(m.price_unit for m in p.nums)):
        return Given("cached_share", value, n.text)  # "80% of input is served from the prompt cache"
    if cat is None and n.after[:1] == ["of"] and noun_of(split_words(n.after[1:]))[0] == "queries" \
            and re.match(r"[^.;?!]*\bcach", p.norm[n.end:], re.I):
        cat = "hit_rate"  # "35% of guest questions are the same FAQs ... we could answer from a response cache"
    if cat in ("up", None) and n.value > 0 and any(noun_class(w) == "regions" for w in n.before[-4:]) \
            and (p.has("compliance") or n.after[:1] == ["each"] or "each" in n.before[-4:]):
        cat = "region"  # "each extra region about 25% more compliance": what each region adds
    if cat == "up" and re.search(r"\b(?:end|ends|ended|ending|sign|signs|signed|show|shows|take|takes) up\b",
                                 " ".join(n.before[-3:] + n.after[:4])):
        cat = nearest_cue(n, LEXICON["percent_cues"], _LEVEL_ORDER)
    if cat in ("up", "down") and n.before[-1:] in (["to"], ["below"], ["under"], ["above"], ["beneath"]):
        # "utilization up to 75%", "the model share down to 25%": a share's new level; "token prices rise up to
        # 50%" stays a change
        level = nearest_cue(n, LEXICON["percent_cues"], _LEVEL_ORDER)
        if level is not None or any(w.startswith(_LEVELS) for w in n.before) or n.before[-1:] != ["to"] \
                or (cat == "down" and n.before[-2:-1] == ["down"]):
            cat = level  # "before we drop below 70%": a threshold, never a change of 70%; "got that down to 25%"
    role = {"margin": "margin", "provider_share": "provider_share", "hit_rate": "hit_rate",
            "hit_cost": "hit_cost_ratio", "utilization": "utilization", "reduction": "prompt_reduction",
            "input_share": "input_share", "output_share": "output_share", "traffic_share": "traffic_share",
            "adoption": "adoption", "region": "region_multiplier", "reasoning": "reasoning_share",
            "other_cogs": "other_cogs_share",
            "swing": "swing"}.get(cat or "")
    if role in ("margin", None) and "margin" in p.words \
            and {"saas", "benchmark", "typical", "industry", "peers"} & set(n.before[-4:] + n.after[:3]):
        return Given("benchmark_margin", value, n.text)  # "how does that compare with a typical 80% SaaS margin?"
    if cat == "cache_write":  # "10% of input is written to the cache", "a 1-hour cache"
        return Given("cache_write_1h_share" if one_hour(n, p.norm) else "cache_write_share", value, n.text)
    if cat == "down" and {"input", "prompt", "prompts"} & set(n.before[-4:]) and _bill_given(p) \
            and not {"price", "prices", "pricing", "rate", "rates"} & set(n.before[-4:]):
        return Given("prompt_reduction", value, n.text)  # "trim the prompt so input tokens drop 30%" on a bill
    if cat in ("up", "down"):
        target = change_target(n)
        return Given("percent_change", value if cat == "up" else -value, n.text, target=target)
    if role is None and _of_users_said_before(n, p):
        return Given("adoption", value, n.text)  # "4,000 employees and expect roughly 30% of them to use the bot"
    return Given(role, value, n.text) if role else None


def _of_users_said_before(n: Num, p: Parsed) -> bool:
    """'30% of them', 'a quarter of those': a share of the count of users said just before, in the same sentence."""
    if n.after[:2] not in (["of", "them"], ["of", "those"], ["of", "these"]):
        return False
    before = [m for m in p.nums if m.end <= n.start and not (m.money or m.percent)
              and not re.search(r"[.;?!]\s", p.norm[m.end:n.start])]
    return bool(before) and noun_class(split_words(before[-1].after)[0] if before[-1].after else "") == "users"


_FULLY_BUSY = re.compile(r"\b(?:fully (?:utili[sz]ed|busy|loaded)|flat out|at full utili[sz]ation|100% busy)\b", re.I)


def fully_busy(norm: str) -> bool:
    """'4 H100s fully loaded', 'flat out'; not a salary 'at $15k a month fully loaded' or 'fully loaded cost'."""
    return any(not (m.group().lower() == "fully loaded" and (
        re.search(r"\$\s*\d[^.;?!$]{0,20}$", norm[max(0, m.start() - 30):m.start()])
        or re.match(r"\s*(?:\$|cost|salar|comp|each|per\b|rate)", norm[m.end():], re.I)))
        for m in _FULLY_BUSY.finditer(norm))
