"""Answer verification: every number in an answer must trace to a tool, a passage or the question."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from typing import Any

from assistant.planner.normalize import normalize

__all__ = ["numbers_in", "trace_numbers", "unverified"]

_NUMBER = re.compile(r"(?<![\w.])-?\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?[ \t]*(%|[kKmMbB]\b|million|billion|thousand)?")
_CITATION = re.compile(r"\[\d{1,2}\]")
_EXAMPLE = re.compile(r"(?<![\w])'[^']{1,120}'(?![\w])")  # quoted examples of how to ask
_LIST_MARK = re.compile(r"^\s*\d{1,2}[.)]\s", re.M)
_MAGNITUDE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9}
_SCALES = (1.0, 100.0, 0.01, 1e3, 1e-3, 1e6, 1e-6, 12.0, 1 / 12, 30.0, 1 / 30)


def numbers_in(text: str) -> list[tuple[str, float, int]]:
    """(as written, value, decimals shown) for each number in `text`."""
    text = _LIST_MARK.sub(" ", _CITATION.sub(" ", _EXAMPLE.sub(" ", text)))
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group(0).strip()
        value = float((m.group(1) + (m.group(2) or "")).replace(",", ""))
        if raw.startswith("-"):
            value = -value
        suffix = (m.group(3) or "").lower()
        if suffix in _MAGNITUDE:
            value *= _MAGNITUDE[suffix]
        decimals = len(m.group(2) or "") - 1 if m.group(2) else 0
        out.append((raw, value, decimals))
    return out


def _walk(value: Any) -> Iterable[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        if math.isfinite(value):
            yield float(value)
    elif isinstance(value, str):
        for _, v, _ in numbers_in(value):
            yield v
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _walk(v)


# The stated conventions (30-day month, 12-month year, 750 words per 1K tokens, 180-day staleness).
CONVENTIONS = (30.0, 12.0, 750.0, 1_000.0, 1_000_000.0, 180.0, 100.0)


def trace_numbers(*sources: Any, question: str = "") -> list[float]:
    """Every number an answer may use: tool args and results, passages, the question."""
    known = [*CONVENTIONS, *_walk(list(sources))]
    if question:
        known += [v for _, v, _ in numbers_in(question)]
        known += [v for _, v, _ in numbers_in(normalize(question))]
    return known


def _matches(value: float, decimals: int, targets: list[float]) -> bool:
    """Whether a known figure (sorted absolute values) explains `value` within rounding or 0.5%."""
    tolerance = 0.5 * 10 ** -decimals if decimals else 0.5
    v = abs(value)
    lo, hi = min(v * (1 - 5e-3), v - tolerance), max(v * (1 + 5e-3), v + tolerance)
    for target in targets[bisect.bisect_left(targets, lo):bisect.bisect_right(targets, hi)]:
        if math.isclose(v, target, rel_tol=5e-3) or (abs(v - target) <= tolerance and target >= tolerance):
            return True
    return False


def unverified(answer: str, known: list[float]) -> list[str]:
    """The numbers of `answer` that no known figure explains (rounding and unit scaling allowed)."""
    bad = []
    targets = sorted(abs(k * scale) for k in known for scale in _SCALES)
    for raw, value, decimals in numbers_in(answer):
        if value in (0.0, 1.0) or _matches(value, decimals, targets):
            continue
        bad.append(raw)
    return list(dict.fromkeys(bad))
