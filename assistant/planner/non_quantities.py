"""Numbers that are no quantity of the economics: '24/7', 'in 2023', 'the 95th percentile', 'GPT-4 8K'.

Also `heavy_usage`: a figure that is the usage of a heavy user ("the 95th-percentile user sends 40").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.planner.grammar import MODEL_TOKEN
from assistant.planner.lexicon import cue, noun_class
from assistant.planner.quantities import Num

__all__ = [
    "around_the_clock",
    "aside_arithmetic",
    "asked_per_one",
    "back_reference",
    "calendar_year",
    "describes_a_team",
    "factor_of_a_product",
    "form_name",
    "heavy_usage",
    "idiom_one",
    "message_parts",
    "model_variant",
    "one_heavy_user",
    "ordinal",
    "per_unit_symbol",
    "percentile_group",
    "priced_one",
    "range_ends",
    "reference_number",
    "restated",
    "size_adjective",
    "standard_name",
    "version",
]


_DID = (r"(?:did|does|made|makes|ran|runs|sent|sends|used|uses|pushed|pushes|racked up|burned through|went through|"
        r"clocked)"
        r"\s*(?:about|around|roughly|~|over|nearly)?")
_DOES = (r"(?:big|large|huge|heavy|top|power|major|biggest|largest)\s+(?:[a-z]+\s+)?(?:does|makes|runs|sends|uses|"
         r"racks up|burns through|goes through)\s*(?:about|around|roughly|~|over|nearly)?")  # "one big agency does"
_ONE_DID = re.compile(rf"(?:^|\s)(?<!each\s)(?<!every\s)(?:(?:one|a single|1|our busiest|our biggest|our heaviest|"
                      rf"our largest|the busiest|the biggest|the heaviest)\s+"
                      rf"(?:(?:[a-z]+\s+){{0,3}}?{_DID}|{_DOES})|an?\s+{_DOES})\s*$", re.I)  # "One kid did " 2,000
_ONE_THEN = re.compile(rf"\s*(?:[a-z]+\s+){{0,2}}?{_DID}\s*~?\d", re.I)  # "One" kid did 2,000


def heavy_usage(norm: str, n: Num) -> bool:
    """The usage of a heavy user: '95th-percentile user sends 40', 'P95 users make 100', 'power users'."""
    left = re.sub(r"\s*\([^()]*\)", "", norm[max(0, n.start - 70):n.start])  # "one tenant (a big utility) pushed"
    left = re.split(r"\b(?:but|while|and|whereas)\b|[;,.]", left[-45:])[-1]
    if _ONE_DID.search(left):
        return True  # "One kid did 2,000 sessions last month", "one big merchant did 6,000 chats"
    heavy = re.search(r"\b(?:95th|p95|heav\w*|top 5|heaviest|whales?)\b|\b(?:top|power)\s+([a-z]+)\b", left, re.I)
    if heavy is not None and heavy.group(1) and noun_class(heavy.group(1).lower()) != "users":
        heavy = None  # "power sellers", "top customers" are heavy users; "top tier" is not
    return heavy is not None and not re.search(r"\b(?:avg|average|mean|typical|median)\b", left[heavy.end():], re.I)


def percentile_group(n: Num) -> bool:
    """'the top 5% send 450 or more', 'the heaviest 10%': a percentage naming a group of users, not a share of cost."""
    return n.percent and n.before[-1:] in (["top"], ["bottom"], ["heaviest"], ["lightest"], ["busiest"])


def ordinal(norm: str, n: Num) -> bool:
    """'95th', '1st': digits glued to an ordinal suffix."""
    return bool(re.match(r"\s*\d+(?:th|st|nd|rd)\b", norm[n.start:n.end + 3], re.I))


def calendar_year(n: Num) -> bool:
    """'In 2023 terms', 'by 2027': a calendar year, not a quantity ('8k in / 2k out' is a token count)."""
    return (not n.money and not n.percent and n.value == int(n.value) and 1990 <= n.value <= 2100
            and "," not in n.text and n.after[:1] not in (["in"], ["out"], ["input"], ["output"], ["tokens"])
            and (n.before[-1:] in (["in"], ["by"], ["since"], ["until"], ["of"], ["from"], ["before"], ["after"],
                                   ["during"], ["fy"], ["mid"])
                 or not n.after or n.after[0] in _DATED))


# Words after a year that date something ("at 2023 launch prices", "2024 list rates"): not what a number counts
_DATED = {"launch", "prices", "price", "pricing", "rates", "rate", "levels", "list", "terms", "dollars", "budget",
          "roadmap", "plan", "numbers", "figures", "estimate", "estimates", "contract", "q1", "q2", "q3", "q4"}


def model_variant(norm: str, n: Num, models: list[str]) -> bool:
    """'GPT-4 8K', 'gpt-4-32k': a context-window variant written after a model's name, part of the name."""
    if re.search(r"\s[-\u2013\u2014]\s*$", norm[:n.start]):
        return False  # "on gpt-4.1-mini - 18,000 users": a dash between words, no name's suffix
    left = norm[:n.start].rstrip(" -").lower()  # a named model stands as "modelname" in the normalized text
    counted = n.period is not None or n.after[:1] in (["times"], ["x"], ["calls"], ["requests"], ["queries"]) \
        or n.after[:2] in (["input", "tokens"], ["output", "tokens"], ["tokens", "in"], ["tokens", "out"], ["in"],
                           ["out"])  # "sends claude-sonnet-4-5 34,000 input tokens per call": a count it is sent
    return not n.money and not n.percent and not counted and n.value % 1000 == 0 and 1000 <= n.value <= 2_000_000 \
        and any(left.endswith(m) for m in (MODEL_TOKEN, *(m.lower() for m in models)))  # not "o4-mini 20,000 times"


def around_the_clock(norm: str, n: Num) -> bool:
    """The digits of "24/7" or "24x7" say the traffic runs around the clock; they are not quantities."""
    return bool(re.match(r"\s*24\s*[/x]\s*7\b", norm[n.start:n.end + 4])
                or re.search(r"24\s*[/x]\s*7\s*$", norm[max(0, n.start - 5):n.end]))


def form_name(norm: str, n: Num) -> bool:
    """A number that names something: 'a full 10-K', 'the 8-K filings', 'the 311 assistant', 'our 911 line'.

    Digits and a capital letter name a kind of document; a number before a service's noun is its name.
    """
    return not n.money and not n.percent and (
        re.match(r"-[A-Z]\b(?!-)", norm[n.end:n.end + 4]) is not None
        or (n.before[-1:] in (["the"], ["our"], ["their"], ["a"], ["on"], ["for"]) and n.after[:1] in _SERVICES
            and "," not in n.text and n.value == int(n.value)))


_SERVICES = (["assistant"], ["bot"], ["chatbot"], ["line"], ["hotline"], ["service"], ["portal"], ["app"], ["desk"],
             ["program"], ["programme"], ["center"], ["centre"])  # not "system": "the 8k system prompt" is a size


def version(norm: str, n: Num) -> bool:
    """'we just shipped v3.2', 'version 2 of the app': a release number."""
    return not n.money and not n.percent and (
        re.search(r"\bv\d*\.?$|\bversion\s*$|\brelease\s*$", norm[max(0, n.start - 12):n.start].rstrip(), re.I)
        is not None or re.match(r"\s*v\d", norm[n.start:n.end + 2], re.I) is not None)


_TEAM = re.compile(r"-(?:person|people|employee|engineer|member|staff)s?\s+(?:startup|company|team|firm|shop|agency|"
                   r"org|organi[sz]ation|business|studio|outfit|group|department)\b", re.I)


# "We're 14 people", "we are a team of 14": who we are, said of ourselves
_WE_ARE = re.compile(r"\b(?:we(?:'re| are)|we're just|we are just|there are|team of|a team of)\s*"
                     r"(?:only |just |about |a )?$", re.I)


# a parenthesis right after an amount ("$38k/month (3 engineers + infra)") and the people it pays for
_AFTER_AN_AMOUNT = re.compile(r"(?:\$\s*|\b(?:fixed|burn|costs?|overhead|opex)\b[^.;()]{0,20}?)\d[\d,.]*\s*"
                              r"(?:k|m|bn)?\s*(?:(?:/|a|per)\s*[a-z]+\s*)?\(\s*"
                              r"(?:~|about|around|roughly)?\s*$", re.I)
_PEOPLE = re.compile(r"\s*(?:(?:full|part)[- ]time\s+|senior\s+|junior\s+|in-house\s+)?(?:engineers?|devs?|developers?|"
                     r"people|staff|employees?|ftes?|hires?|contractors?|salaries|heads?)\b", re.I)


def describes_a_team(norm: str, n: Num, user_counts: int) -> bool:
    """A headcount describing the company: "we're 14 people" always, "a 45-person startup" beside another user count.

    "A 45-person startup ... 18,000 active users", "We're 14 people ... 1,500 new paying users".
    """
    ours = _WE_ARE.search(norm[max(0, n.start - 30):n.start]) is not None \
        and re.match(r"\s*(?:people|persons|staff|employees|engineers|folks|of us)\b", norm[n.end:], re.I) is not None
    if ours and (n.value < 100 or user_counts > 1):
        return True  # "we're 4 people": who we are; but "there are 1,200 employees" may be whom an internal tool serves
    if _AFTER_AN_AMOUNT.search(norm[max(0, n.start - 40):n.start]) and _PEOPLE.match(norm[n.end:]):
        return True  # "fixed burn is $38k/month (3 engineers + infra)": what a cost is made of
    return user_counts > 1 and _TEAM.match(norm[n.end:]) is not None


def asked_per_one(norm: str, n: Num) -> bool:
    """'How much for one user?', 'what is it for a single seat?': the unit a figure is asked per, not a count.

    So is the million tokens a price is asked for: "what is the blended price for one million token?".
    """
    asked = re.search(r"\b(?:how much|what(?:'s| is| does| would))\b[^.?!]*$", norm[:n.start], re.I) is not None
    if not n.money and not n.percent and n.value in (1e3, 1e6) and asked and n.before[-2:] in (
            ["price", "for"], ["price", "of"], ["cost", "for"], ["rate", "for"], ["price", "per"]) \
            and re.match(r"\s*\S+\s+tok(?:en)?s?\b", norm[n.start:], re.I) is not None:
        return True
    return n.value == 1 and not n.money and not n.percent and n.before[-1:] == ["for"] and asked \
        and re.match(r"\s*\S+\s+(?:user|seat|customer|subscriber|member|account)\b", norm[n.start:], re.I) is not None


def aside_arithmetic(norm: str, nums: list[Num], i: int) -> bool:
    """'1,200 trial agents (3 pilots x 400)': figures in an aside that multiply or add up to the figure before it.

    They show how that figure was reached; the figure before the aside is the input.
    """
    n = nums[i]
    opened = norm.rfind("(", 0, n.start)
    if opened < 0 or norm.rfind(")", 0, n.start) > opened or (closed := norm.find(")", n.end)) < 0:
        return False
    inside = [m for m in nums if opened < m.start and m.end <= closed]
    before = [m for m in nums if m.end <= opened]
    aside = norm[opened:closed]
    if len(inside) < 2 or not before or len(norm[before[-1].end:opened].split()) > 3 \
            or not re.search(r"\d\s*[a-z]*\s*(?:[x\u00d7*+]|times|plus)\s*~?\d", aside, re.I) \
            or re.search(r"\b(?:in|out|input|output|prompt|completion|cached|tokens?)\b", aside, re.I):
        return False  # "1,000 tokens (700 input and 300 output)" is a split, read as the two sides
    whole, product, total = before[-1].value, 1.0, 0.0
    for m in inside:
        product, total = product * m.value, total + m.value
    return whole > 0 and (abs(product - whole) <= 0.005 * whole or abs(total - whole) <= 0.005 * whole)


def restated(norm: str, n: Num) -> bool:
    """'$15k/month (so $180k a year per head)', '$2M ARR (i.e. ~$167k/mo)': an amount said again in another unit.

    'what if we charge $6 instead of $8?': the amount it replaces, said after the new one, is no input either.
    """
    if n.money and n.before[-2:] in (["instead", "of"], ["rather", "than"]) \
            and re.search(r"\$\s*\d[^.;?!]*$", norm[max(0, n.start - 60):n.start]) is not None:
        return True
    return n.money and cue("restated").search(norm[max(0, n.start - 30):n.start]) is not None \
        and re.search(r"\$\s*\d[^()]*\(?[^()]*$", norm[max(0, n.start - 60):n.start]) is not None


def per_unit_symbol(norm: str, n: Num) -> bool:
    """'$/1M?', 'cost/1K': the unit a price is asked or said per, written after a slash; no quantity."""
    return not n.money and n.value in (1e3, 1e6) and re.search(r"(?:\$|\b(?:cost|price|usd|dollars?))/$",
                                                                norm[:n.start], re.I) is not None


def priced_one(norm: str, n: Num) -> bool:
    """'One lesson-plan generation costs us 0.9 cents': the one unit a cost is said of, not a count of queries."""
    return n.value == 1 and not n.money and not n.percent and re.match(
        r"\s*(?:[\w-]+\s+){1,3}?(?:costs?|runs?|sets?|is|comes? (?:to|in at))\s+(?:us\s+)?"
        r"(?:about\s+|around\s+|roughly\s+|~\s*)?(?:\$|\d)", norm[n.end:], re.I) is not None


def idiom_one(norm: str, n: Num) -> bool:
    """A 'one' of speech, no count.

    "Quick one for the analyst tool budget", "just one question", "a random one from the ops director", "we spend
    $42k a month on one model".
    """
    return n.value == 1 and not n.money and not n.percent and (
        n.before[-1:] in (["quick"], ["another"], ["small"], ["simple"], ["easy"], ["random"])
        or re.match(r"\s+(?:more\s+)?(?:quick\s+)?(?:question|thing|q)", norm[n.end:], re.I) is not None
        or (n.before[-1:] in (["on"], ["to"], ["through"])
            and bool({"model", "llm", "provider", "vendor"} & set(n.after[:2]))))  # "on one (frontier) model"


def one_heavy_user(norm: str, n: Num) -> bool:
    """'One power seller did 2,300 rewrites', 'One kid did 2,000 sessions': the one user whose usage follows."""
    said = re.match(r"\s*(?:of (?:our|the|my|your|their) )?(?:power|heavy|heavier|top|biggest|busiest|heaviest)"
                    r"\s+([a-z]+)", norm[n.end:], re.I)  # "One power seller", "One of our power users"
    named = said is not None and noun_class(said.group(1).lower()) == "users"
    return n.value == 1 and not n.money and not n.percent and (named or _ONE_THEN.match(norm, n.end) is not None)


def back_reference(n: Num, earlier: Iterable[float]) -> bool:
    """'2,200 tokens/s across the four', 'all four, and ...': a count said before, named again with no noun."""
    return not n.money and not n.percent and n.before[-1:] in (["the"], ["all"]) \
        and (not n.after or n.after[0] in ("and", "or", "but", "of", "so")) and n.value in earlier


_TIMES = r"\s*(?:x|×|\*|times)\s*"
_EQUALS = r"\s*(?:[a-z-]+\s+){0,2}(?:=|is|are|makes?|gives?)\s*~?\s*\d"


def factor_of_a_product(norm: str, n: Num) -> bool:
    """'12 production lines x 3 shifts = 36 summaries a day': the factors of a count the question multiplies out."""
    if n.money or n.percent:
        return False
    after, before = norm[n.end:n.end + 60], norm[max(0, n.start - 40):n.start]
    first = re.match(rf"\s*(?:[a-z-]+\s+){{0,2}}{_TIMES}~?\d[\d,.]*\s*(?:[a-z-]+\s+){{0,2}}(?:=|is|are)\s*~?\s*\d",
                     after, re.I)
    second = re.search(rf"\d[\d,.]*\s*(?:[a-z-]+\s+){{0,2}}{_TIMES}$", before, re.I) and re.match(_EQUALS, after, re.I)
    return bool(first or second)


def reference_number(n: Num) -> bool:
    """'RFP section 4.2', 'clause 7', 'appendix 3': the number of a part of a document, no quantity."""
    return not n.money and not n.percent and n.before[-1:] in (["section"], ["clause"], ["appendix"], ["annex"],
                                                                ["chapter"], ["article"], ["exhibit"], ["schedule"])


def standard_name(norm: str, n: Num) -> bool:
    """'SOC 2 audits', 'ISO 27001', 'Tier 1 support': the number of a standard or a level, no quantity."""
    return not n.money and not n.percent and cue("standard_name").search(norm[:n.start]) is not None


def range_ends(norm: str, n: Num) -> bool:
    """'the margins at the two ends', 'both ends of the range': the ends of a range, not a count."""
    return n.value == 2 and not n.money and not n.percent and re.match(r"\s*ends\b", norm[n.end:]) is not None


def size_adjective(norm: str, n: Num) -> bool:
    """'a 60-page contract', 'a 45-minute call', '5-star reviews': a size or grade of one thing, not a count."""
    return not n.money and not n.percent and re.match(
        r"-(?:page|slide|minute|min|hour|line|paragraph|chapter|second|star)\s+[a-z]", norm[n.end:], re.I) is not None


def message_parts(norm: str, n: Num) -> bool:
    """'Three questions for our seed deck:', 'two quick things:': how many asks the message holds, not a count."""
    if n.money or n.percent or n.value > 10 or (said := _MESSAGE_PARTS.match(norm, n.end)) is None:
        return False
    return said.group(1) != "." or not norm[:n.start].strip()  # a colon read as a stop: only opening the message


_MESSAGE_PARTS = re.compile(r"\s*(?:(?:quick|short|simple|related|follow[- ]up|more)\s+)?"
                            r"(?:questions?|things|asks|parts|items|points)\s*(:|\.|for\b|about\b|on\b|here\b|re\b|-)",
                            re.I)

