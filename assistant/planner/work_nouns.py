"""Unlisted nouns a question uses as its unit of work or as its customers, read as requests or customers.

"included rewrites: 300/month; overage $8 per 1,000 rewrites; cost per rewrite: $0.004": 'rewrite' is in no
noun list and no prototype is near enough, yet the question prices it, meters it per month and counts it per
1,000, so it is what users send. Such a noun is written with 'request' after it ("rewrite requests"), which the
roles then read as queries, as they read "agent tasks". Likewise "2,000 hotels, ~40 summaries per hotel per day":
what the work is done per, and counted, is a customer ("hotel customers").
"""

from __future__ import annotations

import re

from assistant.planner.lexicon import LEXICON, listed_class, noun_class, plural, singular

__all__ = ["customer_units", "name_customer_units", "name_units_of_work"]

_WORD = r"([a-z][a-z-]{2,}[a-z])"  # "re-plans" too
_PER_PERIOD = rf"\b\d[\d,.]*\s*(?:k|m)?\s+{_WORD}\s*(?:/|per|a|each|every)\s*(?:day|week|month|year|mo)\b"
_USES = (rf"\b(?:cost|price|fee|spend)s? (?:per|of an?|for each|for every) {_WORD}\b",  # "cost per rewrite"
         rf"\bper (?:1,?000|1k|thousand|one thousand|100|hundred) (?:extra |additional |more )?{_WORD}\b",
         _PER_PERIOD,
         rf"\b(?:included|includes|include|free) {_WORD}\b",  # "included rewrites: 300"
         rf"\b(?:includes?|included|covers?|covering)\s+\d[\d,.]*\s*(?:k\s+)?{_WORD}\b",  # "includes 2,000 recs"
         rf"(?:\bcents?|\u00a2)\s*(?:per|a|each|/)\s*{_WORD}\b",  # "~3 cents per reconciliation"
         rf"\b(?:each|one) {_WORD} (?:costs?|is|runs|=)",  # "one itinerary = 6,000 tokens in"
         rf"\btokens? (?:per|an?|each|every|for each) {_WORD}\b",  # "600 tokens per incident"
         rf"\b(?:what|how much)\b[^.?!]{{0,40}}?\bper {_WORD}\b",  # "what's that per incident?"
         rf"\bhow many {_WORD} (?:[\w-]+ ){{0,5}}?(?:include|bundle|allow|offer|fit|give)\b")  # "how many explanations
# can we include per month": what a plan includes is its work
_NOT_A_ROLE = {None, "options", "parts"}  # classes that give a counted noun no role of its own
_NOT_WORK = {"extra", "additional", "more", "free", "tokens", "words", "users", "seats", "months", "days", "weeks",
             "years", "hours", "dollars", "cents", "credits", "month", "year", "week", "hour", "minute", "minutes",
             "thousand", "million", "billion", "hundred", "unit", "second"}


def name_units_of_work(text: str) -> str:
    """The text with each unlisted noun it prices or meters twice followed by 'request(s)'.

    A noun listed as one of several options ("candidates", "items") counts too when it is also counted per period:
    "25,000 candidates a month ... cost per candidate" is work, "the free tier ... the free tier's cost" is not.
    """
    low = text.lower()
    uses: dict[str, int] = {}
    metered: set[str] = set()
    for k, pattern in enumerate(_USES):
        for m in re.finditer(pattern, low):
            word = m.group(1)
            classes = {listed_class(word), noun_class(word), noun_class(plural(singular(word)))}
            if word in _NOT_WORK or word in LEXICON["modifiers"] or not classes <= _NOT_A_ROLE:
                continue
            uses[singular(word)] = uses.get(singular(word), 0) + 1
            if classes == {None} or _USES[k] == _PER_PERIOD:
                metered.add(singular(word))
    priced = {singular(m.group(1)) for m in re.finditer(_PRICED_MONTHLY, low)}  # billed monthly: a customer
    work = {s for s, count in uses.items() if count >= 2 and s in metered and s not in priced} or _lone_count(low)
    for stem in work:
        many = plural(stem)
        text = re.sub(rf"\b{re.escape(many)}\b(?! requests?\b)", f"{stem} requests", text, flags=re.I)
        text = re.sub(rf"\b({re.escape(stem)})\b(?! requests?\b)", r"\1 request", text, flags=re.I)
    return text


_COUNTED = (r"\b(?:\d[\d,.]*\s*(?:k|m)?|one|two|three|four|five)\s+(?:(?!(?:per|a|an|each|every|for)\b)[a-z]+\s+)?"
            rf"{_WORD}\s*(?:/|per|a|an|each|every)\s*(?:day|night|week|month|year|mo|hour|workday)\b")
_SIZED = re.compile(r"\b\d[\d,.]*\s*(?:k|m)?\s+(?:input |output |prompt |visible )?(?:tokens?|tok|words)\b")


def _lone_count(low: str) -> set[str]:
    """The one noun counted per period, when the question sizes calls in tokens and counts no listed requests.

    'we rewrite 200k product titles every night ... ~300 tokens in, 60 out each': the titles are the unit of work.
    """
    counted = {singular(m.group(1)) for m in re.finditer(_COUNTED, low)
               if m.group(1) not in _NOT_WORK and m.group(1) not in LEXICON["modifiers"]
               and singular(m.group(1)) not in _PERIODS and not m.group(1).endswith(("day", "days", "times"))
               and {listed_class(m.group(1)), noun_class(m.group(1))} <= _NOT_A_ROLE}
    nouns = (next((w for w in m.groups() if w and w not in LEXICON["modifiers"] and noun_class(w)), None)
             for m in re.finditer(r"\d[\d,.]*\s*(?:k|m)?\s+([a-z]+)(?:\s+([a-z]+))?", low))
    requests = any(noun_class(w) == "queries" for w in nouns if w)
    return counted if len(counted) == 1 and not requests and _SIZED.search(low) else set()


_PERIODS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "second",
            "night", "workday", "quarter", "mo", "yr"}
_PER = r"(?:\s*/\s*|\s+(?:per|each|every|a)\s+)"
# work done per a unit: "40 summaries per hotel", "~40 calls/truck/day", "summaries: 3 per warehouse"; "each hotel asks"
_PER_CUSTOMER = (rf"\b\d[\d,.]*\s*(?:k|m)?\s+(?:[a-z]+\s+)?(?P<work>[a-z]+){_PER}{_WORD}\b",
                 rf"\b(?P<work>[a-z]+)\s*:\s*~?\d[\d,.]*\s*(?:k|m)?{_PER}{_WORD}\b",
                 rf"\beach {_WORD} (?:asks|makes|sends|generates|runs|does|gets|uses|needs|has)\b",
                 # "questions per attendee: ~6/day", "badge scans scored per exhibitor per day: 40", "how many
                 # questions per attendee per day fits": the work counted per a unit, as a key or per a period
                 rf"\b(?P<item>[a-z]+)(?:\s+[a-z]+)?\s+per\s+{_WORD}(?:\s+per\s+(?:day|week|month|workday))?\s*[:=]\s*"
                 rf"~?\d",
                 rf"\b(?P<item>[a-z]+)\s+per\s+{_WORD}\s+per\s+(?:day|week|month|workday)\b",
                 rf"\b(?:the\s+)?(?:median|average|avg|typical|p\d\d|heaviest)\s+{_WORD}\s+"
                 rf"(?:does|makes|asks|sends|runs)?\s*~?\d")


# priced per a unit and per month: "AI cost per hotel is $9.60/month", "charge per clinic per month", "$35 per hotel
# per month": what is billed monthly is a customer, counted or not
_PRICED_MONTHLY = (r"(?:\$\s*\d[\d,.]*|\b\d[\d,.]*\s*(?:usd|dollars?)|\b(?:cost|price|charge|fee|bill|pay|spend)\w*)\s*"
                   r"(?:/|per|a|each)\s*([a-z][a-z-]{2,}[a-z])\b(?:\s*:?\s+(?:(?:is|are|of|at|runs?)\s+)?(?:about\s+|around\s+|"
                   r"~)?\$?\s*\d[\d,.]*(?:\s*(?:usd|dollars?))?)?\s*(?:/|per|a|each)\s*(?:month|mo)\b")
# the month said first or as an adverb: "$149/month for each rooftop", "$41 per rooftop monthly"
_MONTHLY_PER = (r"\$\s*\d[\d,.]*\s*(?:k\s*)?(?:/|per|a)\s*(?:month|mo)\s+(?:for|per)\s+"
                r"(?:each\s+|every\s+|a\s+|one\s+)?([a-z][a-z-]{2,}[a-z])\b",
                r"\$\s*\d[\d,.]*\s*(?:k\s*)?(?:/|per|each)\s*([a-z][a-z-]{2,}[a-z])\s+(?:monthly|a month|per month)\b")


_RATE_WORDS = r"(?:day|night|shift|workday|week|month|hour|year|season)s?"
_RATE = rf"(?:/\s*|\b(?:per|a|an|each|every)\s+){_RATE_WORDS}\b"
_COUNT = r"\b\d[\d,.]*\s*(?:k|m)?\s+"
# a count joined to the usage each of its members makes: "140 locations x 25 replies/day", "3.2k farmers, they ask
# like 12 q's/day each", "900 depots, each sending 40 requests a day"
_JOINED = re.compile(rf"{_COUNT}{_WORD}\s*(?:[x\u00d7*]|,?\s*(?:and\s+)?(?:they|each|who|each of them|all of them)\b"
                     rf"[^.;?!\d$]{{0,30}}?)\s*~?\d[\d,.]*\s*(?:k|m)?(?:\s*[a-z\'\u2019]+){{0,2}}\s*(?:{_RATE}|times\b)")


_MODIFIED = "(?:(?:" + "|".join(re.escape(m) for m in LEXICON["modifiers"]) + r")\s+){0,2}"  # "40,000 daily active"


_IN_A_PERIOD = re.compile(r"\b(?:in|during)\s+(?:an?|one|any)\s+(?:[a-z-]+\s+){0,2}(?:day|week|month|year)\s+$")


def _used_per(word: str, low: str) -> bool:
    """A counted noun whose members each make the usage: "per unit per day", "every location receives 25 a day".

    "6 times a week per unit", "the median farmer asks 10 a day"; not a unit tokens, words or a price are per.
    """
    forms = f"{re.escape(word)}|{re.escape(plural(word))}"
    if re.search(rf"(?:\btokens?|\bwords?|\$\s*[\d.,]+|\bcents?)\s+(?:per|each|every|an?)\s+(?:{forms})\b", low) \
            or not re.search(rf"{_COUNT}{_MODIFIED}(?:[a-z-]+\s+)?{re.escape(plural(word))}\b", low):
        return False
    for said in re.finditer(rf"\b(?:per|each|every|the (?:median|average|avg|typical|heaviest))\s+(?:{forms})\b"
                            rf"(?!\s+{_RATE_WORDS}\b)", low):  # not "per school day"
        before = re.split(r"[.;?!,](?:\s|$)", low[max(0, said.start() - 30):said.start()])[-1]
        after = re.split(r"[.;?!,](?:\s|$)|\s(?:and|or)\s", low[said.end():said.end() + 50])[0]  # not "per
        # dispute and per year", two asks
        if re.search(_RATE, before) or re.search(_RATE, after) or _IN_A_PERIOD.search(before):
            return True  # "during a busy month every home logs 2 reports"
    return False


_SOLD_TO = {"options", "parts"}  # listed nouns that may also be who a monthly price is charged to ("per supplier")


def customer_units(text: str) -> set[str]:
    """The unlisted nouns (singular) a question's work is done per and that it counts: its customers or users.

    "2,000 hotels, ~40 summaries per hotel per day", "140 locations x 25 replies/day", "a $35 fee per clinic per
    month". A noun a guess puts among the queries yields to how the question uses it; a listed noun never does.
    """
    low = text.lower()
    said = (m for pattern in _PER_CUSTOMER for m in re.finditer(pattern, low))
    per = {m.group(m.lastindex or 1) for m in said
           if ("work" not in m.groupdict() or noun_class(m["work"]) == "queries")
           and ("item" not in m.groupdict() or (m["item"] not in _NOT_WORK
                                                and noun_class(m["item"]) not in ("tokens", "words", "users")))}
    priced = {m.group(1) for pattern in (_PRICED_MONTHLY, *_MONTHLY_PER) for m in re.finditer(pattern, low)}
    found = set()
    for word in per | priced:  # "~6,000 tokens per video" names a unit of work, not a customer
        many = plural(word)
        listed = {listed_class(word), listed_class(many)} - {None}
        guessed = bool(listed) or noun_class(many) is not None or noun_class(word) is not None
        if word in _PERIODS or word in _NOT_WORK or word in LEXICON["modifiers"] \
                or (listed and (word not in priced or not listed <= _SOLD_TO)) \
                or (guessed and word not in priced) \
                or (word not in priced
                    and not re.search(rf"\b(?:\d[\d,.]*\s*(?:k|m)?|thousand|million|hundred)\s+{many}\b|"
                                      rf"\b{many}\s*:\s*~?\d", low)):
            continue
        found.add(word)
    counted = {singular(m.group(1)) for extra in ("", r"[a-z-]+\s+")  # "1,100 crew schedulers"
               for m in re.finditer(rf"{_COUNT}{_MODIFIED}{extra}{_WORD}\b", low)}
    joined = {singular(m.group(1)) for m in _JOINED.finditer(low)}
    for word in counted - found:
        if word in _PERIODS or word in LEXICON["modifiers"] or listed_class(plural(word)) is not None \
                or listed_class(word) is not None or not plural(word).isalpha():
            continue
        if word in joined or _used_per(word, low):
            found.add(word)
    return found


def name_customer_units(text: str, units: set[str]) -> str:
    """The text with each of `units` (`customer_units`) followed by 'customer(s)'.

    A noun something is priced per, per month, is a customer even when it is not counted.
    """
    for word in units:
        many = plural(word)
        text = re.sub(rf"\b{many}\b(?! customers?\b)", f"{word} customers", text, flags=re.I)
        text = re.sub(rf"(\b(?:per|each|every|a|the median|the average|the typical) |/)({word})\b(?! customers?\b)",
                      r"\1\2 customer", text, flags=re.I)
    return text
