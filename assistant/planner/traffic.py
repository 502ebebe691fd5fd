"""Usage that is the whole traffic, not one user's: one stream (users = 1).

"20 requests per second, 24/7", "our desk answers 40,000 emails a month", "300,000 product records a month",
"1.2 million SKUs ... the whole run", "classify 2 million old tickets once": a rate or a volume that no one person
sends is costed as one stream, and the answer says so.
"""

from __future__ import annotations

import re

from assistant.planner.builder import Planner
from assistant.planner.lexicon import LEXICON, listed_class, noun_class
from assistant.planner.reading import PERIOD_WORDS, Reading
from tools import fmt

__all__ = ["total_traffic", "whole_stream"]


_PER_USER = re.compile(r"\b(?:per|each|every|a)\s+(?:user|seat|customer|member|subscriber|employee|agent|analyst|rep|"
                       r"student|client|account)s?\b|"
                       r"\b(?:a|per|an|every)\s+(?:day|week|month|hour|workday)\s+(?:each|apiece|per head)\b",
                       re.I)  # "reps send ~30 AI emails a day each": each of them, however many
_NOT_PER = re.compile(r"\bnot\s+(?:per|each|every|a)\s+[a-z]+", re.I)  # "(whole team, not per agent)": said to deny it
_OURS = re.compile(r"\b(?:we|our|us|my|i|app|product|service|platform|pipeline|bot|assistant|desk|team|department|"
                   r"office|shop|agency)\b[^.?!]{0,40}\b"
                   r"(?:answers?|handles?|process(?:es)?|serves?|receives?|gets?|fields?|runs?|generates?|sends?|"
                   r"drafts?|takes?|makes?|fires?|issues?|push(?:es|ing)?|pumps?|pumping|sending|handling|"
                   r"processing|serving|firing)\b|\b(?:volume|traffic|load)\b(?: is| of|:| at| runs)",
                   re.I)  # "my app sends 3 million calls a month", "Volume is 200,000 requests per month"


_GROUP = re.compile(r"\b(?:team|desk|department|dept|office|squad)\b", re.I)  # one sender of many


def _work_items(reading: Reading) -> bool:
    """Whether the usage counts work a pipeline goes through ("300,000 product records a month").

    Questions or requests are what a person sends, so their count needs to know how many people send them.
    """
    given = reading.get("queries_per_user")
    if given is None or given.start < 0:
        return False
    words = re.findall(r"[a-z][a-z'-]*", reading.norm[given.start:given.start + 60].lower())[:4]
    at = next((i for i, w in enumerate(words) if noun_class(w) == "queries"), None)
    if at is None:
        return False
    if at and words[at].startswith("request") and noun_class(words[at - 1]) in (None, "options", "parts"):
        return True  # "300 incident requests a day": an unlisted unit of work (work_nouns.py), not a person's ask
    return not any(words[at].startswith(s) for s in LEXICON["interactions"])


# More requests than one person sends in the period: unless said per user, such a rate is the whole traffic.
_ONE_PERSON_AT_MOST = {"day": 1_000, "week": 7_000, "month": 30_000, "quarter": 90_000, "year": 365_000}


# "a processor does about 30 intakes a day": the usage of one person named by the subject, so not the whole traffic
_HEDGED_END = r"\b(?:\s+(?:about|around|roughly|maybe|some|like|up to))?\s*~?$"  # "does about", "runs ~"
_ONE_OF_THEM = re.compile(r"^(?:so |and |but )?(?:a|an|each|every|one|the (?:average|typical|median|usual))\s+"
                          rf"(?:[a-z-]+\s+)?([a-z-]+)\s+[a-z]+s{_HEDGED_END}", re.I)


# "15 tickets per tech per day": a count of work per one unit, per period
_PER_ONE = re.compile(r"[~\d][\d,.]*\s*[km]?\s+(?:[a-z-]+\s+){0,2}?(?:per|each|/)\s*([a-z-]+)\s*(?:per|a|each|/)\s*"
                      r"(?:day|week|month|hour|workday|working day)\b", re.I)
_PEOPLE_DO = re.compile(r"^(?:so |and |but )?(?:our |the |most |typical |average )?(?:people|users|folks|everyone|"
                        r"everybody|staff|employees|members|customers|clients|agents|reps|they)\s+(?:[a-z]+\s+)?"
                        rf"[a-z]+{_HEDGED_END}", re.I)


def _said_of_one(reading: Reading) -> bool:
    """Whether the usage is said of one person the subject names ("a processor does about 30 intakes a day")."""
    given = reading.get("queries_per_user")
    if given is None or given.start < 0:
        return False
    sentence = re.split(r"[.;?!](?:\s|$)", reading.norm[:given.start])[-1]
    clause = re.split(r"[,;:]\s*|\s(?:and|but|while|whereas)\s", sentence)[-1].strip()
    if _PEOPLE_DO.match(clause):
        return True  # "people run about 3 meetings a day through it": what each person does, however many
    rest = reading.norm[given.start:]
    per = _PER_ONE.match(reading.norm, given.start + len(rest) - len(rest.lstrip()))
    if per is not None and _a_person(per.group(1)):
        return True  # "15 tickets per tech per day": each tech's usage
    said = _ONE_OF_THEM.match(clause)
    return said is not None and _a_person(said.group(1))


def _a_person(noun: str) -> bool:
    """A singular noun that may name who sends the usage: no unit of work or size, no period ("per day", "shift")."""
    return listed_class(noun + "s") not in ("queries", "tokens", "words", "gpus") \
        and noun.lower() not in PERIOD_WORDS and noun.lower() != "shift"


def whole_stream(reading: Reading, period: str | None) -> bool:
    """A usage its own sentence says as what we (or a job) do in all, more than one person does, never per user.

    "We open around 6,500 trouble tickets per day", "nightly job does ~400k docs a month": the headcount said beside
    it ("a 12-person shop", "3 shifts with 40 engineers") is context, not who sends each of them.
    """
    given = reading.get("queries_per_user")
    if given is None or given.start < 0 or not _beyond_one_person(reading, period) \
            or _PER_USER.search(_NOT_PER.sub(" ", reading.norm)) \
            or _said_of_one(reading):
        return False
    sentence = re.split(r"[.;?!](?:\s|$)", reading.norm[:given.start])[-1]
    sentence = re.sub(r"\s*\([^()]*\)", "", sentence)  # "Phishing-report desk (6 analysts, Tier 1) gets about"
    return _WE_DO.search(sentence) is not None or _IN_TOTAL.search(reading.norm[given.start:given.start + 80]) \
        is not None


_WE_DO = re.compile(r"\b(?:we|our\s+[a-z-]+|(?:the\s+|a\s+)?(?:nightly\s+|batch\s+|daily\s+)?(?:job|pipeline|desk|"
                    r"service|system|bot|assistant|platform))\s+(?:[a-z]+\s+){0,2}?(?:open|opens|handle|handles|"
                    r"process|processes|do|does|run|runs|push|pushes|get|gets|receive|receives|send|sends|serve|"
                    r"serves|answer|answers|generate|generates|write|writes|summari[sz]e|summari[sz]es|classify|"
                    r"classifies|field|fields|take|takes)\b[^.;?!]*$", re.I)


def _beyond_one_person(reading: Reading, period: str | None) -> bool:
    """'Support bot: 3,000 calls a day', 'a planning agent ... 5,000 requests/day': no one person sends that many.

    A rate said per user ("3,000 queries a month per analyst") is kept per user by the caller.
    """
    given = reading.get("queries_per_user")
    return given is not None and period in _ONE_PERSON_AT_MOST and given.value >= _ONE_PERSON_AT_MOST[period]


_ONE_RUN = re.compile(r"\b(?:whole|entire|full|single) (?:run|job|batch|backfill|migration|catalog|corpus|archive|"
                      r"pass)\b|\bone[- ](?:off|time)\b|\b(?:backfill|the run)\b|\bonce\b(?! (?:a|an|per|every|each|"
                      r"we|i|you|they|it|that|this|our|the|in|more|again|daily|weekly|monthly)\b)", re.I)  # "... once"
_IN_TOTAL = re.compile(r"\b(?:in total|in all|altogether|overall|all together|total (?:queries|requests|calls)|"
                       r"(?:the\s+)?(?:whole|entire)\s+(?:team|company|org|desk|department|floor)|team-wide|"
                       r"across (?:the|all) (?:team|agents|desk))\b", re.I)  # "(whole team, not per agent)"


def total_traffic(planner: Planner, wanted: list[str]) -> None:
    """'20 requests per second, 24/7', 'our desk answers 40,000 emails a month': the whole traffic, one stream."""
    period = planner.meta.get("query_period")
    norm = planner.r.norm
    senders = [w for w in planner.r.words if listed_class(w) == "users" or (noun_class(w) == "users" and re.search(
        rf"\d[\d,.]*\s*[km]?\s+(?:[a-z-]+\s+)?{re.escape(w)}\b", norm, re.I))]  # "a legal-tech customer" sends as
    # one; a word the embeddings place near users counts only as a counted noun ("publishes" is a verb)
    said_per = [w for w in senders if re.search(rf"\b(?:each|every|per) {re.escape(w)}\b", norm, re.I)]
    nobody = not any(w.endswith("s") for w in senders) and not said_per \
        and (_work_items(planner.r) or (not senders and _GROUP.search(norm) is not None))
    # "... 400 contracts a day": the customer's whole traffic; "Legal team ... around 40 requests a day": the team's
    total = period in ("second", "minute", "hour") or (
        period is not None and (_OURS.search(norm) is not None or nobody or _beyond_one_person(planner.r, period))
        and _PER_USER.search(norm) is None and not _said_of_one(planner.r))
    if "queries_per_user" in wanted and "users" not in planner.vals and {"budget", "monthly_cost"} & set(planner.vals) \
            and (_IN_TOTAL.search(norm) or not said_per) and not planner.r.has("paying_users", "free_users") \
            and (not senders or not any(w.endswith("s") for w in senders)):  # "Revenue manager here": no users
        planner.vals["users"] = 1  # "how many queries a day can we afford in total?", "$694,444 a day at $0.36 per
        # conversation: how many conversations a day is that?": one stream's queries
        planner.out.notes.append("The queries are a total, not per user: they are worked out as one stream "
                                 "(users = 1).")
        return
    if "queries_per_user" in planner.vals and "users" not in planner.vals and period is None and nobody \
            and _ONE_RUN.search(norm) and {"monthly_cost", "cost"} & set(wanted):
        planner.vals["users"], planner.meta["query_period"] = 1, "month"  # "1.2 million SKUs ... the whole run"
        planner.out.notes.append(f"The {fmt.number(planner.vals['queries_per_user'])} items are one run: it is costed "
                                 "once, as one month's volume, so the monthly cost is the cost of the run.")
        return
    if "queries_per_user" in planner.vals and isinstance(planner.vals.get("users"), float) \
            and whole_stream(planner.r, period):
        users = planner.vals["users"]  # "We open around 6,500 trouble tickets per day ... (40 engineers)"
        planner.vals["users"] = 1
        planner.out.notes.append(f"The {fmt.number(planner.vals['queries_per_user'])} queries per {period} are the "
                                 f"whole traffic, not each user's: it is worked out as one stream (users = 1), so the "
                                 f"{fmt.number(users)} people named are not multiplied in.")
        return
    if "queries_per_user" in planner.vals and "users" not in planner.vals and total and (any(
            w in wanted for w in ("monthly_cost", "yearly_cost", "quarterly_cost", "weekly_cost", "daily_cost",
                                  "cost_per_query")) or ("budget" in planner.vals and any(
                w in wanted for w in ("token_price", "tokens_per_query")))):  # "~1.5M requests/month ... under $8k"
        planner.vals["users"] = 1
        planner.out.notes.append(f"The traffic is a total rate, not per user: it is worked out as one stream "
                                 f"(users = 1) at {fmt.number(planner.vals['queries_per_user'])} queries per {period}.")
