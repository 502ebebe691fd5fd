"""Which of the question's user counts are the users: the one said with the usage, or none beside our own total.

"120 enterprise customers ... 6,000 users, 8 summaries a day each": the count said with the usage is the users;
"we get twelve hundred tickets a day ... team is 14 agents": our traffic is a total, and the agents are context.
Counts left out are reported unused.
"""

from __future__ import annotations

import re

from assistant.planner.lexicon import noun_class
from assistant.planner.reading import Given, Reading

__all__ = ["traffic_of_ours", "users_of_the_usage"]


def users_of_the_usage(r: Reading) -> None:
    """'120 enterprise customers. ... 6,000 users, 8 summaries a day each': the count said with the usage is the users.

    Only when exactly one user count shares its sentence with the usage; the others are context, reported unused.
    """
    users = [g for g in r.givens if g.var == "users" and g.start >= 0]
    usage = [g for g in r.givens if g.var == "queries_per_user" and g.start >= 0]
    if len(users) < 2 or len(usage) > 1:
        return
    if not usage:  # no usage to say them with: only a count qualified as using the product decides
        active = [g for g in users if _active(r, g)]
        if len(active) == 1:
            for g in users:
                if g is not active[0]:
                    r.givens.remove(g)
                    r.unused.append(g.text)
        return
    def same_sentence(a: Given, b: Given) -> bool:
        lo, hi = sorted((a.start, b.start))
        return re.search(r"[.;?!]\s|\n", r.norm[lo:hi]) is None
    with_usage = [g for g in users if same_sentence(g, usage[0])]
    if len(with_usage) != 1:  # "2.1M households passed, 640k active subscribers with the app": those who use it
        with_usage = [g for g in users if _active(r, g)] or with_usage
    if not with_usage:  # "(31 schools) ... for 18,000 students. Each student uses it 3 times a day": by the noun
        sentence = re.split(r"[.;?!]\s|\n", r.norm[:usage[0].start])[-1].lower()
        each = re.search(r"\b(?:each|every|per)\s+([a-z]+?)s?\b", sentence)
        with_usage = [g for g in users if each is not None
                      and re.match(rf"\s*(?:[\w-]+\s+)?{each.group(1)}", r.norm[g.start + len(g.text):], re.I)]
    if len(with_usage) != 1:
        return
    for g in users:
        if g is not with_usage[0]:
            r.givens.remove(g)
            r.unused.append(g.text)


# a count of users said as those who use the product: "640k active subscribers", "90k lines using the app"
_ACTIVE = re.compile(r"\s*(?:[a-z-]+\s+)?(?:active|enabled|engaged|adopting)\b|\s*(?:[a-z-]+\s+){1,2}"
                     r"(?:with|using|on|who use|that use)\s+(?:the|our|it|this)\b(?!\s+(?:plan|tier|contract))", re.I)
def _active(r: Reading, g: Given) -> bool:
    """Whether the users count is said as those who use the product."""
    at = r.norm.find(g.text, g.start)
    return at >= 0 and _ACTIVE.match(r.norm, at + len(g.text)) is not None


_OURS = re.compile(r"\b(?:we|our|us)\b[^.;?!\n]{0,30}\b(?:get|gets|receive|receives|handle|handles|process|processes|"
                   r"field|fields|see|sees|answer|answers|take|takes)\b[^.;?!\n]*$", re.I)
_EACH = re.compile(r"\b(?:each|every|per)\b(?:\s+([a-z-]+))?", re.I)


def _per_sender(sentence: str) -> bool:
    """'20 a day each', 'per agent', 'each of them': the sentence says the rate per sender."""
    return any(m.group(1) is None or m.group(1).lower() in ("one", "of") or noun_class(m.group(1)) == "users"
               for m in _EACH.finditer(sentence))


def traffic_of_ours(r: Reading) -> None:
    """'we get ~1,200 tickets a day ... team is 14 agents': our traffic is the total.

    A headcount said apart from it is context, not the senders of that traffic ("every reply" names no sender).
    """
    usage = [g for g in r.givens if g.var == "queries_per_user" and g.start >= 0]
    users = [g for g in r.givens if g.var == "users" and g.start >= 0]
    if len(usage) != 1 or len(users) != 1:
        return
    start = max(r.norm.rfind(c, 0, usage[0].start) for c in ".;?!\n") + 1
    ends = [i for c in ".;?!\n" if (i := r.norm.find(c, usage[0].start)) >= 0]
    end = min(ends) if ends else len(r.norm)
    if not _OURS.search(r.norm[start:usage[0].start]) or _per_sender(r.norm[start:end]) \
            or start <= users[0].start < end:
        return
    r.givens.remove(users[0])
    r.unused.append(users[0].text)
