"""Parts of one cost said one after another: added, not dropped, never taken for alternatives.

"API invoices $512k and hosting another $177k", "inference (API) 540k, GPU hosting 126k", "Model API $6.50 per
seat and hosting $1.25 per seat", and rows of a pasted list ("| OpenAI API spend | $512,000 |").
"""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed
from assistant.planner.quantities import Num
from assistant.planner.reading import Given, own_phrase

__all__ = ["COST_PARTS", "another_cost_line", "names_a_cost_line", "next_line", "second_part"]

_LINE = re.compile(r"(?:^|[.:;]\s)[A-Za-z][\w &/()+-]{0,40} is $")  # a pasted "label: $N" row, read as a sentence


def next_line(norm: str, last: int, at: int) -> bool:
    """Two amounts on consecutive rows of a pasted list ("| OpenAI API spend | $512,000 |", "| GPU hosting | ...")."""
    between = norm[last:at]
    return len(re.findall(r"[.;?!]\s", between)) == 1 and _LINE.search(norm[:at]) is not None \
        and _LINE.search(norm[:last]) is not None


COST_PARTS = ("monthly_cost", "yearly_cost", "fixed_costs", "cost_per_user", "cost_per_query")
_ALTERNATIVES = re.compile(r"\b(?:or|vs\.?|versus|instead|compared|than|either|from|to|was|were|used to|now|"
                           r"before|after)\b|[.;?!]\s")


_COST_LINES = ("hosting", "infra", "infrastructure", "inference", "api", "gpu", "gpus", "compute", "cloud", "storage",
               "support", "vector", "embedding", "embeddings", "database", "db", "serving", "monitoring", "openai",
               "anthropic", "google", "aws", "azure", "gcp", "vendor", "provider", "tts", "asr", "voice", "model")


def names_a_cost_line(n: Num) -> bool:
    """'vector DB: $40k', 'GPU hosting 126k', 'spent $150k on hosting': the amount's words name a bill's line."""
    spent_on = n.after[1:3] if n.after[:1] in (["on"], ["for"]) else []
    return any(w in _COST_LINES for w in [*own_phrase(n)[0], *spent_on])


def another_cost_line(norm: str, last_start: int, n: Num) -> bool:
    """'inference (API) 540k, GPU hosting 126k': a second bill named by its own cost line, in the same list."""
    between = norm[last_start:n.start]
    return not re.search(r"[.;?!]\s", between) and not _ALTERNATIVES.search(between) \
        and re.search(r",|\band\b|\+|\bplus\b", between) is not None \
        and names_a_cost_line(n)


def second_part(n: Num, p: Parsed, last: Given | None, g: Given) -> Given:
    """'Model API $6.50 per seat and hosting $1.25 per seat': a second part of the same unit cost, to be added.

    Two costs of one unit joined by 'and' (or '+', 'plus') in one sentence are parts of it; alternatives ('or',
    'vs', 'from ... to', a named model between) are options or a change, which other readers handle.
    """
    if g.var not in ("cost_per_user", "cost_per_query") or last is None or last.var != g.var \
            or last.period != g.period:
        return g
    between = p.norm[last.start:n.start]
    joined = re.search(r"\band\b|\+|\bplus\b", between) is not None
    if not joined or _ALTERNATIVES.search(between) or any(m.lower() in between.lower() for m in p.models):
        return g
    return Given("cost_part", n.value, n.text, target=g.var)
