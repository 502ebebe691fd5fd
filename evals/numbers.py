"""Reading figures out of answer text, on its own terms (not the assistant's parser, which is under test).

Handles what answers write: `$1,234.56`, `-$5`, `1.2M`, `15k`, `$2.5bn`, `1.93 million`, `45%`,
`16.7×` / `16.7x`, and ignores digits glued to letters (`gpt-4o`, `H100`, `P95`) and citation marks (`[1]`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["claimed_figures", "figures", "figures_in_results"]

_FIGURE = re.compile(
    r"(?:(?<![\w.])(?P<sign>[-−]))?(?<![\w./])(?<![A-Za-z]-)\$?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:\s?(?P<word>thousand|million|billion|trillion)\b|(?P<suffix>[kKmMbB]|bn|tn)(?![\w])"
    r"|(?P<tail>%|×|x(?![\w])))?(?![\w])"
)
_CITATION = re.compile(r"\[\d{1,2}\]")
_QUOTED_EXAMPLE = re.compile(r"(?<![\w])'[^']{1,160}'(?![\w])")  # e.g. 'What do 100k users ... cost?'
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9,
          "tn": 1e12, "trillion": 1e12}


def figures(text: str) -> list[float]:
    """Every figure written in `text`, scaled by its suffix (`%` and `×` keep the written value)."""
    out = []
    for m in _FIGURE.finditer(_CITATION.sub(" ", text)):
        value = float(m["int"].replace(",", "") + (m["dec"] or ""))
        scale = (m["word"] or m["suffix"] or "").lower()
        value *= _SCALE.get(scale, 1.0)
        out.append(-value if m["sign"] else value)
    return out


def claimed_figures(text: str) -> list[float]:
    """Figures the answer states as facts: quoted examples of how to ask ('100k users') are left out."""
    return figures(_QUOTED_EXAMPLE.sub(" ", text))


def figures_in_results(results: Iterable[Any]) -> list[float]:
    """Every number inside tool results: numeric fields, and figures written in their strings."""
    out: list[float] = []
    stack = list(results)
    while stack:
        item = stack.pop()
        if isinstance(item, bool) or item is None:
            continue
        if isinstance(item, int | float):
            if math.isfinite(item):
                out.append(float(item))
        elif isinstance(item, str):
            out += figures(item)
        elif isinstance(item, dict):
            stack += item.values()
        elif isinstance(item, list | tuple):
            stack += item
    return out
