"""Pasted layout as sentences: markdown tables and bullet lists, read before line breaks are dropped.

"| seats | 5,000 |" becomes "5,000 seats." and "- cost per query: $0.005" or a bare "revenue: $1.8M" line becomes
"cost per query: $0.005.", each its own sentence, so a figure takes the label of its own row or line and not the
next one's. A table of three or more columns says every value with its column's name, one sentence a row; a table
or bullets of segments (each row counting its own users) is read apart by `table_segments`.
"""

from __future__ import annotations

import re

from assistant.planner.lexicon import noun_class

__all__ = ["as_sentences", "table_segments"]

_TABLE_ROW = re.compile(r"^[ \t]*\|([^|\n]+)\|([^|\n]+)\|[ \t]*$", re.M)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t:|-]*-{3,}[ \t:|-]*\|?[ \t]*$\n?", re.M)
# a header row, its rule and exactly one row under it, then no further row
_WIDE_TABLE = re.compile(r"^[ \t]*(\|(?:[^|\n]*\|){3,})[ \t]*\n[ \t]*\|?[ \t:|-]*-{3,}[ \t:|-]*\|?[ \t]*\n"
                         r"[ \t]*(\|(?:[^|\n]*\|){3,})[ \t]*$(?!\n[ \t]*\|)", re.M)
# a header row of three or more columns, its rule (if any) and two or more rows under it
_ROW = r"[ \t]*\|?[^|\n]+(?:\|[^|\n]+){2,}\|?[ \t]*"  # three or more cells, the outer pipes optional
_RULE = r"[ \t]*\|?[ \t:|-]*-{3,}[ \t:|-]*\|?[ \t]*\n"
_ROWS_TABLE = re.compile(rf"^({_ROW})\n(?:{_RULE})?((?:{_ROW}(?:\n|$)){{2,}})", re.M)
_PAIR = r"[ \t]*\|[^|\n]+\|[^|\n]+\|[ \t]*"  # two cells
_PAIR_TABLE = re.compile(rf"^({_PAIR})\n{_RULE}((?:{_PAIR}(?:\n|$)){{2,}})", re.M)
_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022]|\d+[.)]|\(?[a-z]\))[ \t]+(.+?)[ \t]*$", re.M)  # "- ", "2) ", "(b) "
_KEY_VALUE = re.compile(r"^[ \t]*([A-Za-z][^:=\n]{0,60}(?::|(?<=\s)=(?!=))[ \t]*\S[^\n]*?)[ \t]*$(?=\n(.*))",
                        re.M)  # "revenue: $1.8M", "monthly_bill = $20,000"
# a long line whose sentence goes on below ("... and each\npaying user costs us ~$6.50"): prose that wraps
_WRAPPED = re.compile(r"[^\n]{70,}[\w,$%)]$")
_NEXT_KEY = re.compile(r"^[ \t]*(?:[A-Za-z][^:=\n.?!]{0,60}(?::|\s=)|[-*\u2022|]|\d+[.)]|$)")  # no key past a stop
_BEFORE_KEY = re.compile(r"([\w%)$])[ \t]*\n(?=[ \t]*[A-Za-z][^:=\n]{0,40}:[ \t]*[$~\d]|"
                         r"[ \t]*[A-Za-z][\w /-]{0,20}:[ \t]*[A-Za-z][\w.-]*[ \t]*$)", re.M)  # a line above a key
# ("... response ~600\nmodel: gpt-4.1-mini")
_BEFORE_BULLET = re.compile(r"([\w%)$])[ \t]*\n(?=[ \t]*(?:[-*\u2022]|\d+[.)])[ \t]+\S)")  # a line above a list
_BEFORE_TABLE = re.compile(r"([\w%)$])[ \t]*\n(?=(?:[ \t]*\n)*[ \t]*\|[^\n]*\|)")  # a line above a table
_HEADING = re.compile(r":[ \t]*$(?=\n\s*\S)", re.M)
_COUNT = re.compile(r"(~?\d[\d,.]*\s*(?:k|m|bn|million|thousand)?)\b(.*)$", re.I)


_QUOTED = re.compile(r"^[ \t]*>+[ \t]?", re.M)


def as_sentences(text: str) -> str:
    """Table rows and bullet lines of `text` as sentences; other text unchanged."""
    text = _QUOTED.sub("", text)  # "> price: $29/seat/mo": a line quoted from a thread or an email reads as itself
    text = _BEFORE_TABLE.sub(r"\1.\n", text)  # "freemium math check pls" above a table: its own sentence
    text = _WIDE_TABLE.sub(_one_row_table, text)
    text = _ROWS_TABLE.sub(_rows_table, text)
    text = _PAIR_TABLE.sub(_pair_table, text)
    text = _TABLE_RULE.sub("", text)
    text = _TABLE_ROW.sub(_table_row, text)
    text = _INLINE_ROW.sub(_inline_row, text)
    text = _COST_HEADING.sub(_summed_costs, text)
    text = _BEFORE_BULLET.sub(r"\1.\n", text)  # "... the LLM bill ($15k/mo today)\n1. trim ...": two sentences
    text = _BULLET.sub(lambda m: m.group(1).rstrip(" .;,") + ".", text)
    text = _BEFORE_KEY.sub(r"\1.\n", text)  # "... a 30-query monthly quota\ncost per query: $0.005": two lines
    text = _KEY_VALUE.sub(_key_value, text)
    return _HEADING.sub(".", text)  # "Q3 numbers for the AI product line:" above its lines ends a sentence


# "fixed costs per month:" above bullets of flat amounts ("- two engineers: $28k total", "- infra: $4k")
_COST_HEADING = re.compile(r"^[ \t]*([^\n:|]{0,50}\b(?:(?:fixed|running|operating|overhead) (?:costs?|expenses?)|"
                           r"overheads?|opex|burn)\b[^\n:|]{0,30}):[ \t]*\n"
                           r"((?:[ \t]*[-*\u2022][ \t]+[^\n]+(?:\n|$)){2,})", re.I | re.M)
_AMOUNT = re.compile(r"[~]?\$\s?\d[\d,.]*\s*(?:k|m|bn|million|thousand)?(?:\s*(?:/|per|a|an|each)\s*(?:mo|month)\b)?",
                     re.I)
_PER_UNIT = re.compile(r"(?:/|\bper\b|\beach\b|\ba\b)\s*(?!mo(?:nth)?\b)[a-z1]", re.I)


def _summed_costs(m: re.Match[str]) -> str:
    r"""A cost heading over bullets of one flat amount each: the parts of that cost, said as one sum.

    "fixed costs per month:\n- two engineers: $28k total\n- infra: $4k" reads "fixed costs per month: $28k (two
    engineers total) + $4k (infra)." A bullet without exactly one amount, or with a per-unit one ("$5 per user"),
    leaves the list as it is.
    """
    parts = []
    for line in m.group(2).splitlines():
        item = _BULLET.match(line)
        amounts = _AMOUNT.findall(item.group(1)) if item else []
        if item is None or len(amounts) != 1 or _PER_UNIT.search(item.group(1).split(amounts[0], 1)[1][:12]):
            return m.group(0)
        label = " ".join(item.group(1).replace(amounts[0], " ").replace(":", " ").split())
        parts.append(f"{amounts[0].strip()} ({label})" if label else amounts[0].strip())
    return f"{m.group(1).strip()}: {' + '.join(parts)}.\n"


def _key_value(m: re.Match[str]) -> str:
    """A 'key: value' line as a sentence, unless it is a long line of prose whose sentence wraps onto the next."""
    line = m.group(1)
    if _WRAPPED.search(line) and not _NEXT_KEY.match(m.group(2)) and not re.match(r"[ \t]*[A-Z][a-z]", m.group(2)):
        return line  # a capitalised word below opens a new sentence ("... on AWS $40k\nGross margin ...?")
    return _HEDGE.sub(r"\1 ", line.rstrip(" .;,")) + "."


# "utilization: maybe 60%": a hedge right after the key says nothing of the value
# and so does a framing of who says it: "utilization: we plan for 70%", "seats: we expect ~2,000"
_HEDGE = re.compile(r"([:=])\s*(?:maybe|probably|perhaps|likely|prob\.?|guess|est\.?|"
                    r"(?:(?:we|i)(?:'d| would| will)? |(?:we're|we are|i'm|i am) )?"
                    r"(?:plan(?:ning)?|expect(?:ing)?|target(?:ing)?|aim(?:ing)?|assum(?:e|ing)|estimat(?:e|ing)|"
                    r"reckon(?:ing)?|guess(?:ing)?)(?: for| on| at| with| about| around)?)\s+(?=[~$\d])", re.I)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _one_row_table(m: re.Match[str]) -> str:
    """A table of three or more columns with one row under its header: each value with its column's name.

    "| users | queries/user/day | input tokens |" over "| 15,000 | 12 | 1,000 |" reads "15,000 users, 12
    queries/user/day, 1,000 input tokens." A table of several rows is `_rows_table`'s.
    """
    head, row = _cells(m.group(1)), _cells(m.group(2))
    if len(head) != len(row) or len(head) < 3:
        return m.group(0)
    parts = [f"{v} {h}" if _COUNT.fullmatch(v) else f"{h}: {v}" for h, v in zip(head, row, strict=True)]
    return ", ".join(parts) + "."


def _rows_table(m: re.Match[str]) -> str:
    """Each row of a table with a header as its own sentence, every value with its column's name.

    "| tier | share | price |" over "| small | 60% | $0.20 / 1M |" reads "small tier, 60% share, $0.20 / 1M price."
    """
    head = _cells(m.group(1))
    rows = [_cells(line) for line in m.group(2).splitlines() if line.strip()]
    if any(len(r) != len(head) for r in rows):
        return m.group(0)
    said = [_TRAFFIC if h.lower() in _SHARE_HEADS else h for h in head]  # "| share |": a share of the traffic
    return "\n".join(", ".join(_with_head(h, v) for h, v in zip(said, row, strict=True)) + "." for row in rows) + "\n"


def _pair_table(m: re.Match[str]) -> str:
    """A two-column table whose header names the values' unit, each row as its label's size.

    "| part | tokens |" over "| system prompt | 2,200 |" reads "system prompt: 2,200 tokens."; under another header
    ("| item | cost |") the rows are `_table_row`'s.
    """
    head = _cells(m.group(1))
    unit = head[1].lower()
    if noun_class(unit.split()[-1] if unit.split() else "") not in ("tokens", "words", "queries", "users"):
        return m.group(0)
    rows = [_cells(line) for line in m.group(2).splitlines() if line.strip()]
    return "\n".join(f"{label}: {value} {unit}." if _COUNT.fullmatch(value) else f"{label}: {value}."
                     for label, value in rows) + "\n"


def _with_head(head: str, value: str) -> str:
    """A cell said with its column's name; under '$/1M tokens' a bare 0.20 is '$0.20/1M tokens'."""
    if head.startswith("$") and re.fullmatch(r"\d[\d,.]*", value):
        return f"${value}{head[1:]}"
    return f"{value} {head}"


_SHARE_HEADS = {"share", "traffic", "traffic share", "% of traffic", "mix", "split", "% traffic", "routing share"}
_TRAFFIC = "of traffic"


_INLINE_ROW = re.compile(rf"^({_ROW})$", re.M)  # "users 10k | queries/day 10 | $3/M blended": one line of cells
_LABEL_COUNT = re.compile(r"^([A-Za-z][A-Za-z /_-]*?)\s*[:=]?\s+(~?\d[\d,.]*\s*(?:k|m|bn|million|thousand)?\b.*)$",
                          re.I)


def _inline_row(m: re.Match[str]) -> str:
    """A line of 'label value' cells as one sentence, each count before its label ("10k users, 10 queries/day")."""
    cells = _cells(m.group(1))
    if not all(re.search(r"\d", c) for c in cells):
        return m.group(1)  # a table's header or prose with pipes
    said = []
    for cell in cells:
        labelled = _LABEL_COUNT.match(cell)
        said.append(_table_row_text(labelled.group(1), labelled.group(2)) if labelled else cell)
    return ", ".join(c.rstrip(".") for c in said) + "."


def _table_row_text(label: str, value: str) -> str:
    count = _COUNT.match(value)
    return f"{count.group(1)} {label}{count.group(2)}" if count else f"{label}: {value}"


def _table_row(m: re.Match[str]) -> str:
    """A count before its label ("5,000 seats", "250 queries per seat / month"), any other value after it."""
    return _table_row_text(m.group(1).strip(), m.group(2).strip()) + "."


def table_segments(text: str) -> tuple[list[tuple[str, str]], str] | None:
    """The rows of a table of segments ("| segment | users | queries/day |") and the text around the table.

    Each row is (its label, the rest of it as a sentence); None when the text holds no table whose rows each name a
    count of users.
    """
    m = _ROWS_TABLE.search(text)
    if m is None:
        return _bullet_segments(text)
    head = _cells(m.group(1))
    rows = [_cells(line) for line in m.group(2).splitlines() if line.strip()]
    users = [i for i, h in enumerate(head) if h.split() and noun_class(h.split()[-1].lower()) == "users"]
    if not users or any(len(r) != len(head) or _COUNT.fullmatch(r[0]) for r in rows):
        return None  # a segment's row starts with its name and counts its users
    parts = [(row[0], ", ".join(f"{v} {h}" for h, v in zip(head[1:], row[1:], strict=True)) + ".") for row in rows]
    return parts, text[:m.start()] + text[m.end():]


_SEGMENT_LINE = re.compile(r"^[ \t]*(?:[-*\u2022]|\d+[.)])[ \t]+([A-Za-z][\w .&+/-]{0,30}?)\s*[:=\u2013\u2014-]\s+"
                           r"(.+?)[ \t]*$", re.M)
_USER_COUNT = re.compile(r"~?\d[\d,.]*\s*(?:k|m)?\s+([a-z]+)", re.I)


def _bullet_segments(text: str) -> tuple[list[tuple[str, str]], str] | None:
    """'- free: 200k users, 2 queries/day' and '- pro: 15k users, 30 queries/day': segments in bullets.

    Two or more labelled bullets that each count their own users.
    """
    lines = [m for m in _SEGMENT_LINE.finditer(text)
             if any(noun_class(c.group(1).lower()) == "users" for c in _USER_COUNT.finditer(m.group(2)))]
    if len(lines) < 2:
        return None
    rest = text
    for m in reversed(lines):
        rest = rest[:m.start()] + rest[m.end():]
    return [(m.group(1).strip(), m.group(2).rstrip(" .;,") + ".") for m in lines], rest
