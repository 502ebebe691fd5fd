"""The words around a count and what they say, for `count_roles`.

The subject a change applies to ("seats go to 7,500"), a throughput's scope ("per GPU"), an unlisted unit of work
("1,500 words per piece"), a period that opens the clause ("every night we ...").
"""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import LEXICON, listed_class, noun_class, singular
from assistant.planner.quantities import Num
from assistant.planner.reading import PERIOD_WORDS, noun_of, own_phrase, split_words

__all__ = [
    "BEFORE_LIVE",
    "DAYS_BEFORE",
    "GROUPS",
    "IN_A_MONTH",
    "IN_A_PERIOD",
    "LEAD_ADVERBS",
    "LEAD_PERIOD",
    "MONTHS_TO_MAKE",
    "PAID_BY_FIXED",
    "STATUS",
    "TO_VERBS",
    "WORKDAYS",
    "clause_before",
    "each_sends",
    "free_line",
    "sentence_before",
    "subject_noun",
    "throughput_var",
    "unit_of_work",
]

GROUPS = ("paying", "paid", "free")  # a user group named by its adjective alone ("paying: 4,000", "3,200 paying")

TO_VERBS = set(LEXICON["to_verbs"])


def subject_noun(before: list[str]) -> tuple[str | None, str | None]:
    """The class of the subject of 'seats go to', 'users grow to', 'usage is': a user or query noun before the verb.

    With the period it is said per ("req/day doubles to 12": queries a day).
    """
    words = [w for w in before if w not in ("to", "at", "up", "down", "about", "around", "roughly", "count", "number",
                                            "base")]
    if len(words) < 2 or words[-1] not in TO_VERBS:
        return None, None
    if words[-2] in GROUPS and "base" in before:  # "if the free base doubles to 400k": free users
        return "users", None
    period = None
    if len(words) >= 4 and words[-3] in ("per", "a", "each", "every") and words[-2] in PERIOD_WORDS:  # "req/day to"
        period, words = PERIOD_WORDS[words[-2]], words[:-2]
    cls = noun_class(words[-2])
    return (cls, period if cls == "queries" else None) if cls in ("users", "queries") else (None, None)


def throughput_var(n: Num, p: Parsed) -> str:
    """'1,500 tokens/s each' or 'per GPU' beside several GPUs is one GPU's throughput; otherwise the deployment's."""
    before, after = own_phrase(n)
    own = " ".join([*before[-3:], "#", *after[:6]])  # "each doing 2,000 tokens/s", "2,000 tokens/s per GPU"
    several = any((g.count or 0) > 1 for g in p.gpus) or any(
        (noun_of(split_words(m.after))[0] == "gpus" and m.value > 1) for m in p.nums)
    one_gpu = re.search(r"\b(?:each|apiece|per (?:gpu|card|node|instance|h100|h200|a100|b200|l4|l40s))\b", own)
    whole = re.search(r"\b(?:combined|total|together|aggregate|overall|in all|all told)\b", own)  # "2,000 combined"
    return "tokens_per_second_per_gpu" if several and one_gpu and not whole else "tokens_per_second"


_PERIOD = r"(?:day|night|shift|workday|week|month|hour|year|season)"


def _forms(noun: str) -> str:
    """A plural noun and its singular, as a regex alternation ("branches|branch", "analyses|analysis")."""
    return "|".join(re.escape(f) for f in (singular(noun), noun, *([noun[:-2] + "is"] if noun.endswith("ses") else [])))


def unit_of_work(noun: str, norm: str) -> bool:
    """An unlisted plural noun that tokens, words or a price are counted per elsewhere ("1,500 words per piece")."""
    if len(noun) < 4 or not noun.endswith("s") or not noun.isalpha():
        return False
    each = rf"\b(?:per|each|every|a|an|one)\s+(?:{_forms(noun)})\b"  # "analyses ... every analysis"
    measure = r"(?:\btokens?\b|\bwords?\b|\$\s*[\d.,]+|\bcents?\b)"
    low = norm.lower()  # "1,500 words per piece", "each piece is ~2,000 tokens"
    gap = rf"(?:(?!\b(?:per|a|an|each|every) {_PERIOD}\b|,\s)[^.;?!]){{0,30}}?"  # not past a rate: "per unit per day,
    # each ~8,000 tokens" sizes the chats
    return re.search(rf"{measure}{gap}{each}|{each}{gap}{measure}", low) is not None


def each_sends(following: list[Num]) -> bool:
    """The next number counts queries that 'each' of the things before it sends ("each making 20 requests")."""
    return bool(following) and noun_of(split_words(following[0].after))[0] == "queries" and (
        "each" in following[0].before[-4:] or "each" in split_words(following[0].after)[:6])  # "each one gets
    # roughly 40 RFIs a week"


# A period that opens the clause before a count of queries: "every night we ...", "each week, our desk ..."
LEAD_PERIOD = re.compile(r"^(?:and |so |then )?(?:(?:every|each|per|a|one) |"
                         r"(?:in|during) (?:an?|one|any) (?:[a-z-]+ ){0,2}?)?"  # "in a bad storm month each one ..."
                         r"(night|day|workday|week|month|hour|year|quarter|nightly|daily|weekly|monthly|quarterly|"
                         r"hourly)\b(?! of)")


def sentence_before(norm: str, n: Num) -> str:
    """The words of the number's sentence before it, lower-cased."""
    return re.split(r"[.;?!](?:\s|$)", norm[:n.start])[-1].strip().lower()


def clause_before(norm: str, n: Num) -> str:
    """The words of the clause before the number ("... clients and every quarter we summarize": "every quarter ...")."""
    return re.split(r"[,;:]\s*|\s(?:and|but|while|whereas)\s", sentence_before(norm, n))[-1].strip()


LEAD_ADVERBS = {"night": "day", "nightly": "day", "daily": "day", "weekly": "week", "monthly": "month",
                "quarterly": "quarter", "hourly": "hour"}


_FREE_LINE = re.compile(r"free (?:tier|plan|version|users?|for [a-z]+)\b(?: is)?", re.I)  # a line of the free tier
_PAID_WORD = re.compile(r"\b(?:paying|paid|premium|pro|plus|pass|subscri\w*)\b", re.I)


def free_line(norm: str, at: int) -> bool:
    """The number is said on the free tier's own line ("free for cardholders: 25 questions/month, 90,000 ...").

    Not once a paid group is named in it ("Free users get 30 a month, paying users average 200").
    """
    line = re.split(r"[.;?!](?:\s|$)", norm[:at])[-1].strip().lower()
    said = _FREE_LINE.match(line)
    return said is not None and _PAID_WORD.search(line, said.end()) is None


# "40k customer conversations in a normal month": a count said of a usual span of time
IN_A_PERIOD = re.compile(r"[^.;?!\d]{0,40}?\b(?:in|during|over) an? (?:[a-z-]+\s+){1,2}?(day|week|month|year)\b", re.I)
# ("3 conversations per customer in a storm month"); a bare "in a month" may be a deadline, so a word qualifies it


# Working days and build months said around a count: "on business days (call it 22 a month)", "3 months of work
# before it's live", "22 workdays"
DAYS_BEFORE = re.compile(r"\b(?:work(?:ing)?[- ]?days|business days|school days|weekdays)(?:\s+only)?"
                          r"(?:\s+(?:per|a|each)\s+month)?(?:\s+(?:is|are|=))?\s*[(,:-]?\s*"  # "workdays_per_month: 22"
                          r"(?:call it|say|about|around|roughly|so|i\.e\.|ie|~)?\s*~?$", re.I)
BEFORE_LIVE = re.compile(r"\s*months?\s+(?:of\s+(?:work|development|engineering|implementation)\s+)?"
                          r"(?:before|until|till)\s+(?:it(?:'s| is| goes)?|we(?:'re| are| go)?|they(?:'re| are)?)?\s*"
                          r"(?:live|launch|ships?|in production)", re.I)  # "three months of work before it's live"
WORKDAYS = re.compile(r"(?:work(?:ing)?[- ]?days?|business days?|school days?|weekdays?|shifts?)\b"
                       r"(?! (?:of|per|a|each) (?:week|year))")


# Verbs of work a model does on each item: "every night we generate 30k training plans", "bills explained per day"
_WORK_VERBS = ("generat", "creat", "produc", "writ", "wrote", "draft", "summar", "classif", "process", "explain",
               "translat", "review", "answer", "handl", "scor", "tag", "transcrib", "analy", "screen", "extract",
               "pars", "triag", "publish", "render", "rewrit", "caption", "grad", "moderat", "enrich", "categori")
_DOERS = ("we", "i", "they", "it", "bot", "service", "team", "app", "model", "pipeline", "system", "assistant", "tool")


def worked_items(n: Num, key_line: list[str]) -> bool:
    """Whether the count is of items a model works on, named by a noun no list holds.

    "every night we generate 30k personalised training plans" (a doer and a work verb before the count), "bills
    explained per day: 85,000", "chats closed by the bot: ~38k/day" (a key line whose noun is followed by the work
    done on it).
    """
    if n.money or n.percent:
        return False
    verb, doer = n.before[-1:], n.before[-2:-1]
    if verb and verb[0].startswith(_WORK_VERBS) and doer and doer[0] in _DOERS:
        return True
    line = key_line[:-1] if key_line[-1:] == ["is"] else []
    return len(line) >= 2 and line[1].endswith(("ed", "en")) and line[0].endswith("s") \
        and (listed_class(line[0]) == "queries" or (listed_class(line[0]) is None and line[1].startswith(_WORK_VERBS)))
    # "chats closed by the bot: ~38k/day": a listed unit of work done, whatever the verb


# a status after a customers' key: "practices subscribed: 1,150", "paying users today: 1,800"
STATUS = {"subscribed", "live", "active", "onboarded", "enrolled", "signed", "today", "now", "using"}
PAID_BY_FIXED = re.compile(r"\b(?:fixed(?: costs?)?|burn|overhead|opex|payroll|salaries|team costs?)\s*"
                            r"(?:(?:is|:)\s*)?(?:~?\$[\d.,]+\s*(?:k|m)?\s*(?:(?:/|per|a)\s*(?:mo|month|year|yr)\b)?\s*)?\(\s*"
                            r"(?:~|about |around |roughly )?$", re.I)  # a count said in a fixed cost's brackets, before
# or after its amount: "fixed burn (2 eng + infra): ~$38k/mo", "fixed: $42k/mo (5 ppl + infra)"
# "two months to fine-tune our own model": the months a build takes
MONTHS_TO_MAKE = re.compile(r"\s*months?\s+(?:of\s+[a-z]+\s+)?to\s+(?:fine-?tune|train|build|develop|ship|implement|"
                             r"integrate|deploy|migrate)\b", re.I)
IN_A_MONTH = re.compile(r"\s*(?:days?\s+)?(?:in|per|a|an|each|every)\s+(?:a\s+|the\s+|one\s+)?(?:month|mo)\b", re.I)
