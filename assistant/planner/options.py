"""Side-by-side scenarios (planner v2): "(a) 20k users x 5 queries ... or (b) 8k users x 20 queries ...".

Each labelled part of the question is read on its own, planned as a token_cost scenario, and the
parts go to `compare` together, which names the cheaper one and the difference.
"""

from __future__ import annotations

import re

from assistant.planner.builder import Ask, Chain
from assistant.planner.chain import chain
from assistant.planner.grammar import parse
from assistant.planner.roles import read

__all__ = ["labelled_parts", "options_chain"]

_MARK = re.compile(r"\(\s*(?:[a-d]|[1-4])\s*\)|\b(?:option|scenario|setup|plan|design)\s+"
                   r"(?:[a-d]|[1-4]|one|two|three)\b\s*[:,)]?", re.I)


def labelled_parts(question: str) -> list[tuple[str, str]]:
    """(label, text) for each labelled part; fewer than two means the question has none."""
    marks = list(_MARK.finditer(question))
    parts = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(question)
        label = re.sub(r"[\s:,()]+", " ", m.group(0)).strip()
        parts.append((label, question[m.end():end]))
    return parts if len(parts) >= 2 else []


def options_chain(parts: list[tuple[str, str]]) -> Chain:
    """One compare step over the parts' token_cost scenarios, or what is missing."""
    out = Chain()
    scenarios = []
    for label, text in parts:
        part = chain(read(parse(text)), ["monthly_cost"], {}, [])
        steps = [args for tool, args in part.steps if tool == "token_cost"]
        if len(part.steps) != 1 or not steps:
            out.missing.append(f"the users, usage and price of {label}")
            continue
        scenarios.append({"label": label, **steps[0]})
        out.notes += part.notes
    if out.missing:
        return out
    out.steps.append(("compare", {"scenarios": scenarios}))
    out.asks = [Ask("compare_table", "compare", "rows"), Ask("difference", "compare", "difference_usd")]
    return out
