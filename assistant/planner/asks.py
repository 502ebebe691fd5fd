"""Asks: the variables a question wants, from its asking clauses (a question may ask several things)."""

from __future__ import annotations

import re
from collections.abc import Collection

from assistant.planner.lexicon import (
    ask_patterns,
    count_per_unit,
    cue,
    listed_class,
    noun_class,
    per_unit_period,
    plural,
)
from assistant.planner.normalize import with_apostrophes
from assistant.planner.work_nouns import name_units_of_work

__all__ = ["DECISION", "asked", "asked_price_unit", "asking_text"]

# "Should we self-host?": both monthly bills, the self-hosted price per 1M and the gap between them
DECISION = ("self_host_per_1m", "self_host_monthly", "api_monthly", "self_host_saving")

_ASK_START = re.compile(r"^\s*(?:and\s+|so\s+|also\s+|then\s+|ok,?\s+|now\s+|please,?\s+|kindly\s+)?"
                        r"(?:what|how|which|when|where|is|are|can|could|should|would|will|do|does|did|"
                        r"calculate|compute|estimate|work out|figure out|tell me|"
                        r"give me|find|show|tabulate|table(?=\s+(?:the|our|monthly|cost|costs|margin|it)\b)|run|"
                        r"model(?=\s+(?:the|our|a|an|what|how|it|this)\b)|project|"
                        r"forecast|check|list|compare|break down|quick one|help|send me|provide|share|simulate|"
                        r"let me know|i'd like to know|need|want|gimme)\b", re.I)
# The generic ask "cost" yields to any specific one; a period ask keeps the cost it qualifies.
_SPECIFIC_COST = ("cost_per_query", "cost_per_user", "yearly_cost", "daily_cost", "weekly_cost", "quarterly_cost")


# "For the board pack I need model COGS for the quarter": a request that asks without a question mark
_REQUEST = re.compile(r"(?:\b(?:i|we) |(?:^|[,;]\s*))(?:need|want|'d like|would like):? (?:to know |to see |a |an "
                      r"|the |our )?(?:model |ai |llm |api |inference |total |monthly |quarterly |yearly |annual "
                      r"|combined )*"
                      r"(?:cogs|cost|costs|bill|spend|margin|price|number|figure|estimate|saving|savings|payback)\b|"
                      r"\b(?:tell|show|give) (?:me|us) (?:which|what|how|the|our)\b|"  # "... and tell me which"
                      r"[,;]\s*(?:so\s+|and\s+)?(?:also|plus)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}"
                      r"(?:bill|cost|costs|spend|margin|price|total)\b|"  # ", so also the daily and monthly spend pls"
                      r"^\s*(?:required|needed|deliverables?|requested|please provide|output)\s*:|"  # an RFP's line
                      r"\b(?:figure out|work out|find out|wondering|curious|not sure|no idea|to know|asked|asks|"
                      r"asking|wants to know) (?:us |me )?"
                      r"(?:how|what|whether|which|when)\b", re.I)  # "Trying to figure out how many seats ..."


# "Also the new monthly bill.": a verbless request for one more figure
_ALSO = re.compile(r"^\s*(?:(?:and\s+)?(?:also|plus)\s*,?\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}"
                   r"(?:bill|cost|costs|spend|margin|price|saving|savings|total|payback|break-even)|"
                   r"(?:and|also|plus)\s+(?:the\s+|in\s+)?(?:per\s+[a-z]+(?:\s+per\s+[a-z]+)?|total|yearly|annual(?:ly)?))"
                   r"\s*[.!]?\s*$", re.I)  # a last fragment after a question: "... monthly bill? and per user"


_HARD_WRAP = re.compile(r"(?m)^(?![^\n:]{0,30}:)([^\n]{60,}[\w,$%)])[ \t]*\n[ \t]*"
                        r"(?=[a-z($~]|\d(?![\d,.]*[.)]\s))")  # no "key:" line, no numbered item after it


# A sentence ends at '?', '!', ';', a line break, or a full stop that closes no abbreviation ("incl. free tier?")
_SENTENCE_END = re.compile(r"(?<=[?!])\s+|(?<=\.)(?<!\bincl\.)(?<!\bexcl\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)"
                           r"(?<!\bapprox\.)(?<!\bavg\.)\s+(?=[A-Za-z($~])|;\s*|\n+")


def asking_text(text: str) -> str:
    """The clauses that ask: sentences with '?' or starting with an ask word; else the last sentence."""
    text = with_apostrophes(_HARD_WRAP.sub(r"\1 ", text))  # an email wrapped at a line's width: one sentence
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    asking = [s for s in sentences if "?" in s or _ASK_START.match(s) or _REQUEST.search(s) or _ALSO.match(s)]
    items = _LIST_LINE.findall(text)  # "Three things for the board deck: 1) monthly cost for ... 2) gross margin ..."
    announced = bool(asking) and asking[-1].rstrip().endswith(":") and not any("?" in a for a in asking)
    if len(items) >= 2 and (not asking or announced):
        asking = [*asking, *items]  # "Please provide the following: (a) the monthly cost ... (b) ...": each item
    if asking and sentences[-1] not in asking and "?" not in text and not re.search(r"\d", sentences[-1]) \
            and not announced:  # "quick one, ... moving to gpt-4o-mini. ... monthly bill pls": a closing request
        asking.append(sentences[-1])
    if not asking and sentences:
        lead = sentences[0].partition(":")[0] if ":" in sentences[0] and len(sentences) > 1 else ""
        named = bool(_COST_WORD.search(lead) or _RESULT_WORD.search(lead))  # "For our annual review:" asks nothing
        asking = [lead, *sentences[-1:]] if named and _found(_FIGURE.sub("# ", lead.lower())) else sentences[-1:]
        # "weekly cost per option pls: 620 stores, ... deepseek-chat vs gpt-4o-mini": the heading asks
    return " ".join(asking).lower()


_LIST_LINE = re.compile(r"^[ \t]*(?:[-*\u2022]|\d+[.)]|\(?[a-z]\))[ \t]+(.+?)[ \t]*$", re.M)


_CLAUSES = re.compile(r"\?|;|,\s*(?:and|but|also)\b|\band (?=what|how|which|when)")
_SENTENCES = re.compile(r"[.:!]\s|" + _CLAUSES.pattern)  # the clauses, and the sentences they stand in
# "per month, per account per month", "per unit per month and total per month"
_LIST_ITEMS = re.compile(r"\?|;|,|\band (?=what|how|which|when|per\b|(?:the |in )?total\b)")


# "$130k of fixed costs a month": words right after a figure's 'of' or 'in' name that figure; they ask nothing
_NAMED_BY_FIGURE = re.compile(r"#\s+(?:of|in)\s+(?:[\w-]+\s+){0,2}$")


def _first_ask(pattern: re.Pattern[str], ask: str) -> int | None:
    """Where `pattern` first matches as an ask, past matches that only name a figure."""
    m = pattern.search(ask)
    while m is not None and _NAMED_BY_FIGURE.search(ask, 0, m.start()):
        m = pattern.search(ask, m.start() + 1)
    return None if m is None else m.start()


def _found(ask: str) -> list[str]:
    """The variables whose patterns match, in the order the question asks them."""
    hits = []
    for var, patterns in ask_patterns().items():
        at = min((start for p in patterns if (start := _first_ask(p, ask)) is not None), default=None)
        if at is not None:
            hits.append((at, var))
    return [var for _, var in sorted(hits)]


_FIGURE = re.compile(r"(?<!per )(?<!per-)(?<![A-Za-z0-9])[$€£]?\d[\d,.]*\s*(?:k|m|bn|b|%|percent)?\b", re.I)


# "monthly and yearly cost": two period adjectives sharing one noun ask two things
_SHARED_NOUN = re.compile(r"\b(daily|weekly|monthly|quarterly|yearly|annual)\s*(?:,|and|&|\+|/|or)\s*(?:the\s+)?"
                          r"(daily|weekly|monthly|quarterly|yearly|annual)\s+"
                          r"(cost|bill|spend|total|run[- ]rate|burn|budget|savings?)", re.I)


_SAME = re.compile(r"\b(?:(?:with|at|keeping|keep) )?(?:the )?same (?:\w+ ){0,2}?(?:margin|price|target|usage|volume|"
                   r"split|mix|share|tokens?|assumptions?)(?: target)?\b")


# an ask after a lead-in ("at 800M tokens a month what's the bill ...")
_ASK_WORD = re.compile(r"\b(?:what(?:'s| is| would)|how much)\b")
_RESULT_WORD = re.compile(r"\b(?:margin|savings?|payback|break[- ]?even|profit)\b", re.I)
_COST_WORD = re.compile(r"\b(?:cost|bill|spend|pay|price|charge|run us|expense)", re.I)


_QUANTITY_PERIOD = re.compile(r"(#\s*(?:[a-z]*|per [a-z]+))\s+(?:per|a|an|each) (?:day|week|month|year)(\s*\?)")

# a year said of a given amount or a budget asks nothing: "on a $50k annual budget", "$120k a year for LLM spend",
# "a yearly budget of $50k", "gives us $90k for the whole year"
_GIVEN_YEAR = re.compile(r"(?<=#)\s*(?:(?:a|an|per|each)\s+year|annual(?:ly)?|yearly|(?:for|over)\s+(?:the|a)\s+"
                         r"(?:whole|full|entire)\s+year)\b(?!\s*\?)|\b(?:annual|yearly)\s+"
                         r"(?=(?:ai\s+|llm\s+|model\s+|api\s+)?(?:budget|cap|ceiling|allowance|envelope)\b)", re.I)


_HOW_MANY = re.compile(r"\b(how many\s+(?:[a-z-]+\s+){0,2}?)([a-z][a-z-]+[a-z])\b", re.I)


def _counted_by_class(text: str) -> str:
    """A count asked of a noun no list holds, asked of its class (queries or users) by the noun's similarity.

    "how many explanations can we include", "how many advisers can we roll it out to".
    """
    def named(m: re.Match[str]) -> str:
        word = m.group(2)
        cls = noun_class(word) if listed_class(word) is None and word.lower().endswith("s") else None
        return f"{m.group(1)}{cls}" if cls in ("queries", "users") else m.group(0)
    return _HOW_MANY.sub(named, text)


def asked(text: str, user_nouns: Collection[str] = ()) -> list[str]:
    """The variables asked, in a stable order of importance (generic cost only when nothing finer).

    Figures are masked first: "costs at $20 per user" gives a cost, it does not ask for one. Nouns the reading
    found to be users (`work_nouns.customer_units`, singular) are asked about as users ("and per location?").
    """
    text = _counted_by_class(name_units_of_work(text))  # "cost per dispute" beside "9,500 disputes a week": a cost
    # per query; "how many explanations can we include": how many queries
    for noun in user_nouns:
        text = re.sub(rf"\b{re.escape(plural(noun))}\b", "users", text, flags=re.I)
        text = re.sub(rf"\b{re.escape(noun)}\b", "user", text, flags=re.I)
    ask = _SHARED_NOUN.sub(r"\1 \3 and \2 \3", _FIGURE.sub("# ", asking_text(text)))
    ask = _SAME.sub(" ", ask)  # "same margin target?" keeps a figure; it asks nothing
    said = ask
    ask = _QUANTITY_PERIOD.sub(r"\1\2", ask)  # "cut the free quota to 10 queries a month?": the quota's period
    ask = _GIVEN_YEAR.sub(" ", ask)
    ask = count_per_unit().sub(r"\1 a \2", ask)  # "double the messages per user": a count's unit, no cost ask
    found = _found(ask)
    if "cost" in found and len(found) > 1:  # "what does it cost us, and what must we charge?": per clause
        clauses = [c for c in _CLAUSES.split(ask) if c.strip()]
        if any([f for f in _found(c) if f != "compare"] == ["cost"] and (_ASK_START.match(c) or _ASK_WORD.search(c))
               for c in clauses) \
                and "monthly_cost" not in found:  # "what's the bill vs sending everything to X?": a monthly bill
            found[found.index("cost")] = "monthly_cost"
    if "monthly_cost" in found and "cost_per_user" in found and per_unit_period().search(ask) and not any(
            "monthly_cost" in c and "cost_per_user" not in c for c in (_found(c) for c in _LIST_ITEMS.split(ask))):
        found.remove("monthly_cost")  # "the monthly cost per seat", "spend per seat per month": one ask
    found += [a for a in _elliptical(said, found) if a not in found]  # "And for 1M requests per month?"
    found += [a for a in _per_units(said, found) if a not in found]  # "cost per week, and per ticket?"
    if {"price_per_user", "monthly_cost"} <= set(found) and cue("monthly_price").search(ask):
        found.remove("monthly_cost")  # "what should we charge per month?": the price is monthly, no bill is asked
    if {"profit", "monthly_cost"} <= set(found) and not _COST_WORD.search(ask):
        found.remove("monthly_cost")  # "where does that leave us each month?": the profit is monthly, no bill asked
    if "monthly_revenue" in found and "overage_revenue" in found:
        found.remove("monthly_revenue")  # "expected overage revenue a month": the overage's, not the plan's
    if "monthly_revenue" in found and "break_even_users" in found:
        # "how many users to break even, and what monthly revenue is that?": the revenue at that point
        found[found.index("monthly_revenue")] = "break_even_revenue"
        found = list(dict.fromkeys(found))
    if "cost" in found and len(found) > 1:  # a bare "cost"/"bill"/"how much" only when nothing finer is asked
        found.remove("cost")
    if "saving" in found and "yearly_cost" in found and (not _COST_WORD.search(ask) or any(
            _found(c) == ["yearly_cost"] and not _COST_WORD.search(c) for c in _SENTENCES.split(ask))):
        found[found.index("yearly_cost")] = "yearly_saving"  # "monthly saving? and per year?": the same saving
        found = list(dict.fromkeys(found))
    if "self_host_vs_api" in found and "break_even_tokens" in found:
        found.remove("self_host_vs_api")  # "above what volume does self-hosting beat the API?": the volume only
    if "self_host_vs_api" in found:  # a decision: both monthly bills, and the self-hosted price per 1M
        found.remove("self_host_vs_api")
        found += [v for v in DECISION if v not in found]
    asked_in: list[list[str]] | None = None  # each clause's asks, found when first needed
    for specific, generic in _SUPERSEDES:
        if specific not in found or generic not in found:
            continue
        # a finer ask replaces the coarse one in its own clause; a clause that asks only the coarse one keeps it
        # ("the monthly cost, and how much do we save monthly?" asks both)
        asked_in = asked_in if asked_in is not None else [_found(c) for c in _CLAUSES.split(ask) if c.strip()]
        if not any(generic in c and specific not in c for c in asked_in):
            found.remove(generic)
    return found


_ELLIPSIS = re.compile(r"^\s*(?:and|also|plus)?\s*(?:what about|how about|for|at|with)\b[^?]*#", re.I)
_PERIOD_COST = {"day": "daily_cost", "week": "weekly_cost", "month": "monthly_cost", "quarter": "quarterly_cost",
                "year": "yearly_cost"}
_CLAUSE_PERIOD = re.compile(r"\b(?:a|an|per|one|each|every|the)\s+(day|week|month|quarter|year)\b", re.I)


def _elliptical(ask: str, found: list[str]) -> list[str]:
    """'How much does one request cost? And for 1 million of them in a month?': the cost again, for that period.

    A clause with a figure and no ask word of its own repeats the earlier cost ask; its period names which.
    """
    if not any(a == "cost" or a.endswith("_cost") or a == "cost_per_query" for a in found):
        return []
    out = []
    for clause in re.split(r"\?", ask)[1:]:
        if _ELLIPSIS.match(clause) and not _found(clause) and (period := _CLAUSE_PERIOD.search(clause)) is not None:
            out.append(_PERIOD_COST[period.group(1).lower()])
    return out


_AND_PER = re.compile(r"(?:,\s*|\band\s+|\bor\s+|/\s*)(?:also\s+)?per\s+([a-z]+)\b(?=\s*(?:\?|$|,|\band\b))", re.I)


def _per_units(ask: str, found: list[str]) -> list[str]:
    """'What does it cost per week, and per ticket?': the cost again, per each unit listed after the first."""
    if not any(a == "cost" or a.endswith("_cost") for a in found):
        return []
    out = []
    for m in _AND_PER.finditer(ask):
        unit = m.group(1).lower()
        cls = noun_class(unit)
        out += [_PERIOD_COST[unit]] if unit in _PERIOD_COST else ["cost_per_query"] if cls == "queries" else \
            ["cost_per_user"] if cls == "users" else []
    return out


# A finer ask replaces the coarse one its words also match ("the new monthly bill" is not the bill).
_SUPERSEDES = (("new_monthly_cost", "monthly_cost"), ("yearly_saving", "yearly_cost"), ("saving", "monthly_cost"),
               ("free_tier_cost", "monthly_cost"), ("max_queries", "queries_per_user"),
               ("break_even_queries", "queries_per_user"), ("gross_profit", "yearly_cost"),
               ("max_queries", "monthly_cost"), ("break_even_queries", "monthly_cost"),
               ("break_even_queries", "break_even_users"), ("gross_profit", "cost_per_user"),
               ("self_host_monthly", "monthly_cost"), ("gpu_rent", "monthly_cost"), ("break_even_users", "users"),
               ("break_even_tokens", "break_even_users"), ("gross_profit", "monthly_cost"),
               ("tokens_per_second", "tokens_per_query"), ("investment", "payback_months"),
               ("break_even_tokens", "tokens_per_query"),  # "how many tokens a month before it's cheaper than X?"
               ("max_queries", "price_per_user"),  # "how many queries fit in our plan at 75% margin": not a price
               ("token_price", "price_per_user"),  # "what price per 1M tokens do we have to negotiate": not a fee
               ("overage_revenue", "monthly_cost"),  # "expected overage revenue a month?": not the bill
               ("compliance_ratio", "monthly_cost"), ("compliance_ratio", "compare"),  # "what % of the total spend"
               # "what throughput would we need to beat the API", "break-even throughput": a GPU's tokens/s
               ("break_even_throughput", "tokens_per_second"), ("break_even_throughput", "break_even_users"),
               ("profit", "gross_profit"),  # "the monthly profit after fixed costs": not the gross profit
               ("max_queries", "margin"),  # "the most queries we can include and keep an 80% margin": the cap
               # "the highest blended price per 1M tokens we can accept": the most we may pay, not a blend or a GPU's
               ("token_price", "blended_price"), ("token_price", "self_host_per_1m"),
               ("price_per_user", "cost_per_user"))  # "what should we charge per seat?": the price, no cost


def asked_price_unit(text: str) -> str | None:
    """The unit an asked token price should come in ("what per-1K-token price ...")."""
    ask = asking_text(text)
    if re.search(r"\bper[- ](?:1k|1,000|thousand)\b", ask):
        return "per_1k"
    if re.search(r"\bper[- ](?:1m|1,000,000|million)\b", ask):
        return "per_1m"
    return "per_token" if re.search(r"\bper[- ]token\b", ask) else None
