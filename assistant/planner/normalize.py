"""Text normalization: one spelling of every number before quantities are read.

Number words become digits ("twenty thousand" -> 20000), magnitudes are expanded ("1.2M", "1e6", "10^6"),
cents and shares of a cent become amounts, "half of" becomes 50%, and "/h" becomes "per hour". Magnitudes
are bounded before any arithmetic: an absurd one reads as `TOO_LARGE`, never as a smaller number.
"""

from __future__ import annotations

import contextlib
import re

from text_to_num import alpha2digit

from assistant.planner.lexicon import noun_class

__all__ = ["LARGEST", "NUM", "TOO_LARGE", "normalize", "to_float", "with_apostrophes"]

_MAGNITUDE = {
    "k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mil": 1e6, "mln": 1e6, "mio": 1e6,
    "million": 1e6, "millions": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12,
    "trillion": 1e12, "hundred": 1e2,
}
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_MAG_RE = re.compile(
    rf"(?<![\w.])({NUM})\s*(k|thousand|grand|mm|mn|mln|mio|mil|million|millions|bn|billion|trillion|hundred|m|b)\b",
    re.I,
)
_MORE_WORDS = (r"\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
               r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b")
# "one thousand five hundred" is one number, read whole by alpha2digit ("a thousand two hundred": "one thousand ...")
_WORD_MAG_RE = re.compile(rf"\b(?:a|one)\s+(hundred|thousand|million|billion|trillion)\b(?!{_MORE_WORDS})", re.I)
_A_MAG_MORE = re.compile(rf"\ba\s+(?=(?:hundred|thousand|million|billion|trillion){_MORE_WORDS})", re.I)
_UNITS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
          "nine": "9", "ten": "10"}
_AND_A_HALF_RE = re.compile(rf"\b(\d+|{'|'.join(_UNITS)})\s+and\s+a\s+half\s+(million|billion|thousand)\b", re.I)
_HALF_RE = re.compile(r"\bhalf\s+(?:a\s+)?(million|billion|thousand)\b", re.I)
_SHARE_WORDS = {"half": "50%", "a third": "33.33%", "one third": "33.33%", "a quarter": "25%",
                "one quarter": "25%", "three quarters": "75%", "two thirds": "66.67%"}
_SHARE_RE = re.compile(rf"\b({'|'.join(_SHARE_WORDS)})\s+(?=of\b|our\b|the\b|all\b|[a-z]+s\b)", re.I)
_UNIT_WORDS = {"h": "hour", "hr": "hour", "hour": "hour", "d": "day", "day": "day", "wk": "week",
               "week": "week", "mo": "month", "mth": "month", "month": "month", "yr": "year", "year": "year",
               "user": "user", "seat": "seat", "query": "query", "request": "request", "gpu": "gpu"}
_UNIT_SLASH_RE = re.compile(rf"\s*/\s*({'|'.join(_UNIT_WORDS)})\b", re.I)  # "$0.70/h" -> "$0.70 per hour"
_COST_PAIR = re.compile(r"\b((?:on-?call|ops|mlops|devops|infra|support|hosting|tooling|tools|monitoring|salar\w*|"
                        r"payroll|rent|maintenance))/((?:on-?call|ops|mlops|devops|infra|support|hosting|tooling|tools|"
                        r"monitoring|salar\w*|payroll|rent|maintenance))\b", re.I)
_SCI_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)e([+-]?\d+)\b", re.I)
_POW_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:x|\*|×)?\s*10\s*(?:\^|\*\*)\s*([+-]?\d+)\b"
                     r"|(?<![\w.])10\s*(?:\^|\*\*)\s*([+-]?\d+)\b")
LARGEST = 1e15
"""The largest magnitude any economic figure here can take; a larger one is refused, never rewritten."""
TOO_LARGE = "toolarge"
"""What an absurd magnitude ("1e308 users", "10^40") reads as once normalized: a word, not digits."""


# A share written as a fraction of a whole: "0.35 of revenue", "0.7 of the traffic"
_FRACTION_OF = re.compile(r"(?<![\d.$,])(0?\.\d+)\s+of\s+(?=(?:the |our |all |its |their |total |monthly )?"
                          r"(?:traffic|revenue|requests|queries|calls|volume|users|customers|bill|spend|sales|input|"
                          r"output|tokens|cost|costs)\b)", re.I)
# A level written as a fraction after its name: "expected utilization 0.6", "hit rate of .3", "margin: 0.8"
_FRACTION_LEVEL = re.compile(r"\b((?:utili[sz]ation|hit[- ]rate|margin|adoption|churn)\s*(?:of|is|=|:|at|around|about|"
                             r"~|of about|of around)?\s*)(0?\.\d+)"
                             r"(?![\d%]|\.\d|\s*(?:x|times|\$|usd|dollars?|cents?)\b)", re.I)


def _pct(fraction: str) -> str:
    """'0.35' as '35%' (a share written as a fraction of one)."""
    return f"{float(fraction) * 100:.10g}%"


# Chat shorthand without its apostrophe: "whats", "hows", "thats", "whats the bill"
_NO_APOSTROPHE = re.compile(r"\b(what|how|that|where|who|there)(s)\b(?=\s+(?:the|our|my|one|a|an|it|that|this|each|"
                            r"every|\$|\d))", re.I)


_ONCE = re.compile(r"\b(once|twice)\s+((?:a|per|each|every)\s+(?:day|week|month|night|workday))\b", re.I)
_IN_A_NAMED_MONTH = re.compile(r"(\d[\d,.]*\s*(?:k|m)?(?:\s+[a-z-]+)?)\s+(?:in|during)\s+"
                               r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|"
                               r"Oct|Nov|Dec)\b(?!\s+\d)")


def with_apostrophes(text: str) -> str:
    """Chat shorthand with its apostrophe back: "whats one request cost us" reads "what's one request cost us"."""
    return _NO_APOSTROPHE.sub(lambda m: f"{m.group(1)}'{m.group(2)}", text)


def normalize(text: str) -> str:
    """Unify spelling so the grammar sees one form: number words to digits, magnitudes expanded."""
    text = text.replace("\u2013", "-").replace("\u2014", " - ").replace("\u00d7", "x")
    text = re.sub(r"\+\s*/?\s*-\s*(?=[\d.])|\u00b1\s*|\bplus or minus\b", " plus-minus ", text, flags=re.I)  # a swing
    text = re.sub(r"\s*@\s*(?=[$~\d]|usd\b)", " at ", text, flags=re.I)  # "8k users @ $15/mo": at a price
    text = _FRACTION_OF.sub(lambda m: f"{_pct(m.group(1))} of ", text)  # "0.35 of revenue": a share, 35%
    text = _FRACTION_LEVEL.sub(lambda m: f"{m.group(1)}{_pct(m.group(2))}", text)  # "utilization 0.6": 60%
    text = re.sub(r"\bper\s+(extra|additional|further|more)\s+(1,?000|1k|thousand)\b", r"per \2 \1", text,
                  flags=re.I)  # "$5 per extra 1,000 queries": per 1,000 extra queries
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u2248", "= ~")  # "≈ 60%"
    text = with_apostrophes(text)  # "whats one request cost us"
    text = _ONCE.sub(lambda m: f"{'1' if m.group(1).lower() == 'once' else '2'} times {m.group(2)}", text)  # "once a
    # week": a usage of one a week
    text = _IN_A_NAMED_MONTH.sub(r"\1 last month", text)  # "our largest firm did 9,500 in May": a month's count
    text = re.sub(r"(?<![\w$.])(\d[\d,]*(?:\.\d+)?\s*(?:k|m|bn)?)\s?\$(?![\w\d])", r"$\1", text,
                  flags=re.I)  # "0.90$ per million tokens": the dollar sign after the amount
    # "input_tokens_share_of_bill: 60%": a key written as an identifier is read as its words
    text = re.sub(r"((?:^|[.;!?]\s+|\n)\s*(?:[-*\u2022]\s*)?)([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)(?=\s*[:=])",
                  lambda m: m.group(1) + _key_words(m.group(2)), text)  # on any line, or after a sentence
    text = re.sub(r"(?<=[A-Za-z%)])\s*(?<![<>!=])=(?!=)\s*(?=[$\d~])", " is ", text)  # "seat = $24/mo": terse notes
    # "360 000 USD", "1 200 000 users": thousands grouped by spaces (thin or plain), read as one number
    text = re.sub(r"(?<![\d.,])(\d{1,3})((?:[ \u202f\u2009]\d{3})+)(?![\d.,])(?=\s*[A-Za-z$\u20ac\u00a3])",
                  lambda m: m.group(1) + re.sub(r"[ \u202f\u2009]", "", m.group(2)), text)
    text = re.sub(r"(?<![\w$.,])(\d[\d,]*(?:\.\d+)?)\s*(?:usd|us dollars)\b", r"$\1", text, flags=re.I)  # "1,800 USD"
    text = _COUNT_KEY.sub(_count_first, text)  # "users: -2,000; queries/day: 10": the count before its unit
    # "Fixed costs: $120k/month. AI cost per user: $4/month": a label and its figure, as a sentence
    text = re.sub(r"(^|[.;!?]\s+|\n\s*)([A-Za-z][A-Za-z /&+'-]{2,60}?(?:,\s*[A-Za-z][A-Za-z /&+'-]{1,30}?){0,3}"
                  r"(?:\s*\([^()\n]{1,60}\)(?:\s+[A-Za-z][A-Za-z /&-]{0,30})?)?):\s*"  # "Inference (API) spend: $420k"
                  r"(?=(?:(?:about|around|roughly|approx\.?|approximately|nearly|almost|up to)\s+)?"
                  r"(?:[$~]|\d[\d,.]*\s*(?:k|m|bn)?\b(?!\s*:)))", r"\1\2 is ", text)  # "COGS (API + GPU): $540k",
    # "Prompt: about 1,200 tokens"
    text = re.sub(r"(?<=\d)\s*(?:/\s*|per\s+)(?:1\s*)?m(?:illion)?\s*tok(?:en)?s?\b", " per 1M tokens", text,
                  flags=re.I)
    # "$0.60 per million one": number-word parsing would read "million one" as 1,000,001
    text = re.sub(r"\bper\s+million\b(?!\s+(?:tok|request|quer|call|message|user|word))", "per 1M", text, flags=re.I)
    text = re.sub(r"\s*\((?=[^()\d]*[\"\u201c\u201d]|\s*(?:e\.g\.|eg\b|like\b|such as\b))[^()\d]*\)", " ", text,
                  flags=re.I)  # '35% of questions ("best time to visit Lisbon" etc) could ...': an example aside
    text = re.sub(r"\b(incl|excl|approx|est|ca)\.(?=\s)", lambda m: {"incl": "including", "excl": "excluding",
                  "approx": "approximately", "est": "estimated", "ca": "about"}[m.group(1).lower()], text,
                  flags=re.I)  # "$20/mo incl. 1,000 queries": no sentence ends at an abbreviation
    text = re.sub(r"\b(per|each|a) sub\b", r"\1 subscriber", text, flags=re.I)  # "AI cost per sub": a subscriber
    text = re.sub(r"\bsub\b(?=\s+(?:is|was|at|price|costs?|fee)\b)", "subscription", text, flags=re.I)  # "sub is $5"
    text = re.sub(r"\s*(?:->|=>|\u2192)\s*", " to ", text)  # "60% -> gpt-4.1-nano": a share going to a route
    text = re.sub(r"\b(?:more like|closer to|more or less)\s+(?=[~$\d])", "about ", text, flags=re.I)  # a hedge
    text = _COST_PAIR.sub(r"\1 and \2", text)  # "$15k/mo oncall/mlops": two fixed costs, not one per the other
    # "0.0005 dollar for 1K token": a price per 1K tokens
    text = re.sub(r"(\d\s*(?:dollars?|usd|bucks|cents?)?)\s+for\s+(?:each\s+|every\s+|a\s+|one\s+)?"
                  r"(1k|1m|1,000|1,000,000|thousand|million)\s+(tok(?:en)?s?)\b", r"\1 per \2 \3", text, flags=re.I)
    text = re.sub(r"\bper\s+thousand\b(?!\s+(?:tok|request|quer|call|message|user|word))", "per 1K", text, flags=re.I)
    # "per second" is a rate; number-word parsing would read "second" as the ordinal 2nd
    text = re.sub(r"\b(per|a|each|every)\s+second\b|/\s*second\b",
                  lambda m: f"{m.group(1)} sec" if m.group(1) else "/sec", text, flags=re.I)
    text = re.sub(r"\b(in|within|during)\s+(?:one|1|a single)\s+(?=(?:day|week|month|quarter|year)\b)", r"\1 a ", text,
                  flags=re.I)  # "1 million requests in one month": a period, not a count of months
    # "make it 50/50", "go 60/40", "a 40/40/20 split": two or three shares of a whole
    text = _SHARES_OF_WHOLE.sub(_as_shares, text)
    text = re.sub(r"\b(\d{1,3})\s*/\s*(\d{1,3})(?=\s+(?:split|mix|division|routing)\b)", r"\1% / \2%",
                  text)  # "a 70/30 split": two traffic shares
    # "a 75/25 input/output mix": the calculators' own blend of a token, no token counts
    text = _TOKEN_MIX.sub(lambda m: f"{m.group(1)}% / {m.group(2)}% {m.group(3)}"
                          if int(m.group(1)) + int(m.group(2)) == 100 else m.group(0), text)
    text = _MIX_OF.sub(lambda m: f"{m.group(1)}{m.group(2)}% / {m.group(3)}%"
                       if int(m.group(2)) + int(m.group(3)) == 100 else m.group(0), text)  # "a split of 80/20"
    text = _CENT_SHARES.sub(lambda m: f"{_CENT_PARTS[m.group(1).lower()]} cents", text)
    text = re.sub(r"(?<!per )(?<!each )(?<!every )\b(?:a|one|1) (?:penny|cent)\b", "1 cent", text, flags=re.I)
    text = _SHARE_RE.sub(lambda m: _SHARE_WORDS[m.group(1).lower()] + " ", text)
    text = _CENTS_OF_DOLLAR.sub(r"\1% of every dollar", text)  # "35 cents of every dollar" is 35% of revenue
    text = _AND_A_HALF_RE.sub(lambda m: f"{_UNITS.get(m.group(1).lower(), m.group(1))}.5 {m.group(2)}",
                              text)  # "two and a half million"
    text = _HALF_RE.sub(lambda m: str(int(_MAGNITUDE[m.group(1).lower()] / 2)), text)
    text = _A_MAG_MORE.sub("one ", text)
    text = _WORD_MAG_RE.sub(lambda m: str(int(_MAGNITUDE[m.group(1).lower()])), text)
    text = _SCI_RE.sub(lambda m: _power(m.group(1), m.group(2)), text)
    text = _POW_RE.sub(lambda m: _power(m.group(1) or "1", m.group(2) or m.group(3)), text)
    text = _UNIT_SLASH_RE.sub(lambda m: f" per {_UNIT_WORDS[m.group(1).lower()]}", text)
    text = re.sub(r"(\$\s*\d[\d,.]*\s*(?:k|m)?)\s*/\s*([a-z]{3,})\b", r"\1 per \2", text, flags=re.I)  # "$3.40/seller"
    text = _MAG_RE.sub(lambda m: _plain(to_float(m.group(1)) * _MAGNITUDE[m.group(2).lower()]), text)
    text = re.sub(r"\bone[\s-](time|off|shot)\b", r"one-\1", text, flags=re.I)  # "a one time fee": no count of 1
    text = _words_to_digits(text)
    text = re.sub(r"(?<!every )(?<!each )(?<!per )\b(?:a|one) dollar\b(?=\s+(?:and\s+)?\d)", "1 dollar", text,
                  flags=re.I)  # "a dollar fifty" is $1.50
    # "2 dollars 80 per user" (from "two dollars eighty") is $2.80
    text = _DOLLARS_CENTS.sub(lambda m: f"${m.group(1)}.{int(m.group(2)):02d}", text)
    # "5 times cheaper" (or "five times") is the same multiplier as "5x cheaper"
    text = _TIMES_RE.sub("x ", text)
    # "2.5 1000000" (what alpha2digit leaves of "two point five million") -> 2500000
    return re.sub(r"(?<![\w.,])(\d+(?:\.\d+)?)\s+(1000|1000000|1000000000)\b",
                  lambda m: _plain(float(m.group(1)) * float(m.group(2))), text)


# "each one sends 8 requests", "which one is cheaper", "a $2/M one", "quick one - 12k users": a pronoun, not the
# number 1 (after a determiner or adjective, or an adjective before punctuation)
_PRONOUN_ONE = re.compile(r"(\b(?:each|every|which|no|this|that|the|any|another|other|same|cheaper|pricier|bigger|"
                          r"smaller|larger|new|old|newer|older|[mk]|tokens?|\d[\d.,]*%?)\s+one(?:s)?\b"
                          r"(?!\s*(?:-|hundred|thousand|million|billion|trillion|point|and\b|\d))"
                          r"|\b(?:[\w-]*percentile|median|heaviest|lightest|typical|average)\s+one\b"  # "median one"
                          r"|\b(?!(?:per|than|of|at|for|to|by|and|or|with|in|on|is|are|was|just|only|about)\b)[a-z]+\s+one"
                          r"(?=\s*[-\u2013\u2014:;,.?!)](?:\s|$))"
                          r"|\b(?:the|a|an|this|that|our|their)\s+[a-z]+(?:-[a-z]+)?\s+ones?\b(?!\s*(?:hundred|thousand|"
                          r"million|billion|point|\d))"
                          r"|\b(?:to|on|for|with|and|or)\s+one(?=\s+(?:at|with|that|which|priced|costing|charging)\b)"
                          r"|\bones\b)",  # "keep the 20% complex ones on gpt-4o": a plural is never the number
                          re.I)  # "the other 20% to one at $2.50/M": the model, not a count


_ONE_EACH = re.compile(r"\bone(\s+(?:[a-z]+\s+)?([a-z]+)\s+(?:costs?|is|runs?)\b)", re.I)  # "one AI chat costs"


# a pasted "key: value" whose key is a counted unit, with what it is per: "tokens/query: 1,000", "MAU: 40k"
_COUNT_KEY = re.compile(r"(^|[.;:,!?]\s+|\n\s*|\s[-\u2013\u2014]\s+)"
                        r"((?:(?:input|output|prompt|completion|cached|free|paying|paid|active|daily|monthly|avg|average|"
                        r"mean|typical)\.?\s+)?"
                        r"[A-Za-z]+(?:\s*/\s*[A-Za-z]+|\s+per\s+[A-Za-z]+){0,2}(?:\s*\([^()\d]{1,20}\))?)"  # "(in+out)"
                        r":\s*((?:~\s*|(?:about|around|roughly|approx\.?)\s+)?-?\d[\d,.]*\s*(?:k|m|bn)?)"
                        r"(?=\s*(?:[;\n(]|[,.](?:\s|$)|$|at\b)|\s+(?:total|in total|all[- ]in|combined|overall)\b)",
                        re.I)  # "tokens per question: 1,200 total"


_KEY_ADJECTIVES = ("input", "output", "prompt", "completion", "cached", "free", "paying", "paid", "active", "daily",
                   "monthly", "avg", "avg.", "average", "mean", "typical")


def _key_words(key: str) -> str:
    """'requests_per_user_month' -> 'requests per user per month': an identifier key read as its words."""
    return re.sub(r"\bper (\w+) (month|day|week|year|workday)\b", r"per \1 per \2", key.replace("_", " "))


def _count_first(m: re.Match[str]) -> str:
    """'queries/day: 10' -> '10 queries/day' when the key counts something; any other key stays as it is."""
    lead, key, value = m.groups()
    key = re.sub(r"^(avg)\.", r"\1", key, flags=re.I)  # "avg. calls per user": no sentence ends there
    words = key.replace("/", " ").split()
    noun = words[1] if words[0].lower() in _KEY_ADJECTIVES and len(words) > 1 else words[0]
    if noun_class(noun) not in ("users", "queries", "tokens", "words", "gpus"):
        return m.group(0)
    return f"{lead}{value.strip()} {key}{value[len(value.rstrip()):]}"


_TOKEN_MIX = re.compile(r"\b(\d{1,3})\s*/\s*(\d{1,3})\s+((?:input\s*/\s*output|in\s*/\s*out|prompt\s*/\s*completion)\b"
                        r"(?:\s+(?:mix|split|ratio|blend)\b)?)", re.I)
_MIX_OF = re.compile(r"((?:input\s*/\s*output|in\s*/\s*out|prompt\s*/\s*completion)\s+(?:mix|split|ratio|blend)"
                     r"\s*(?:of|:|=|is)?\s*)(\d{1,3})\s*/\s*(\d{1,3})\b", re.I)
_SHARES_OF_WHOLE = re.compile(r"(?<![\d.,$/])\b\d{1,2}(?:\s*/\s*\d{1,2}){1,2}\b"
                              r"(?![\d,%/]|[.]\d|\s*(?:in|out|input|output|prompt|tokens?)\b)", re.I)


def _as_shares(m: re.Match[str]) -> str:
    """'60/40' -> '60% / 40%' when the parts add up to 100; any other pair of numbers stays as it is."""
    parts = re.split(r"\s*/\s*", m.group(0))
    return " / ".join(f"{x}%" for x in parts) if sum(map(int, parts)) == 100 else m.group(0)


def _one_as_article(m: re.Match[str]) -> str:
    return "a" + m.group(1) if noun_class(m.group(2)) in ("queries", "users") else m.group(0)


def _words_to_digits(text: str) -> str:
    """Number words to digits, except the pronoun 'one' (best effort; digits still parse without it)."""
    text = _ONE_EACH.sub(_one_as_article, text)  # "one query costs us $0.003" is what each query costs
    parts = _PRONOUN_ONE.split(text)
    with contextlib.suppress(Exception):
        parts = [part if i % 2 else alpha2digit(part, "en", threshold=1) for i, part in enumerate(parts)]
    return "".join(parts)


_CENTS_OF_DOLLAR = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:cents?|¢)\s+(?:of|out of|from)\s+(?:every|each|a|our)\s+"
                              r"(?:[a-z]+\s+)?dollar\b", re.I)  # "40 cents of every revenue dollar"
_CENT_PARTS = {"half": "0.5", "a tenth": "0.1", "one tenth": "0.1", "a quarter": "0.25", "a fifth": "0.2"}
_CENT_SHARES = re.compile(r"\b(half|a tenth|one tenth|a quarter|a fifth)\s+(?:of\s+)?a\s+(?:cent|penny)\b", re.I)
_DOLLARS_CENTS = re.compile(r"\b(\d+)\s+dollars?\s+(?:and\s+)?(\d{1,2})(?:\s+cents?)?"
                            r"(?=\s+(?:per|a|an|each|every|for|/)\b|\s*[.,;?!]|\s*$)", re.I)
_TIMES_RE = re.compile(r"(?<=\d)\s+times\s+(?=cheaper|less|more|as|fewer|bigger|smaller|faster|slower|"
                       r"higher|lower|the)", re.I)


def _power(mantissa: str, exponent: str) -> str:
    """'1.2e6' -> '1200000' without building huge integers; beyond `LARGEST` the figure reads as too large."""
    digits = exponent.lstrip("+-")
    if len(digits) > 3 or int(digits) > 15:  # bound the work before any arithmetic ("1e100000000")
        return TOO_LARGE if not exponent.startswith("-") else "0"
    return _plain(float(mantissa) * 10.0 ** int(exponent))


def _plain(value: float) -> str:
    """A value as plain digits; past `LARGEST` the word `TOO_LARGE`, never a float repr to be read again."""
    if abs(value) > LARGEST:
        return TOO_LARGE
    return str(int(value)) if value == int(value) else repr(value)


def to_float(text: str) -> float:
    """A written number ('1,200.5') as a float."""
    return float(text.replace(",", ""))
