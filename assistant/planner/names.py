"""Model and GPU names written loosely in a question ("gpt4o mini", "Llama 3 70B", "8x H100")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from tools.catalog import default_catalog
from tools.errors import InputError

if TYPE_CHECKING:
    from assistant.planner.reading import Reading

__all__ = ["GpuMention", "api_beside_gpus", "distinct_models", "find_gpus", "find_models", "open_weight"]

_FAMILY = (r"chat\s?gpt|gpt|claude|llama|gemini|mistral|mixtral|deepseek|qwen|grok|command|phi|"
           r"gemma|sonnet|opus|haiku|davinci|o[134](?=[\s-]|$)")
_WORD = (r"mini|nano|turbo|pro|flash|lite|sonnet|opus|haiku|large|medium|small|instruct|chat|"
         r"r1|v3|v3\.\d|reasoner|coder|vision|latest|preview|\d{4}|\d{1,3}b")
# "claude sonnet 4" ends in its version; "on claude haiku 3 times a day" ends before a count
_COUNTED = (r"\s*(?:[,.]\d|%|x\b|k\b|m\b|times|quer|req|call|user|seat|tok|message|million|thousand|hundred|"
            r"per\b|a\s+day|of\b|or\b|and\s+\d)")
_SIZED = r"\s*(?:%|x\b|k\b|m\b|times|quer|req|call|user|seat|tok|message|million|thousand|hundred|per\b)"  # "4.5"
# after a family is its version ("claude haiku 4.5 and 40% on ..."), unless a unit follows it ("claude 4.5k tokens")
_MODEL_RE = re.compile(
    rf"\b(?:{_FAMILY})(?:[\s-]?\d{{1,2}}(?:\.\d{{1,2}})?[a-z]?\b(?!\s*/\s*\d|\s*%)|-[a-z0-9.]+)?"
    rf"(?:(?:[\s-](?:{_WORD})\b)|(?:[\s-]\d\.\d\b(?!{_SIZED}))|(?:[\s-]\d\b(?!{_COUNTED})))*(?:-[a-z0-9.]+)*"
    r"|\b4o(?:[\s-]mini)?\b|\b(?:4\.1|3\.5)[\s-](?:mini|nano|turbo)\b",  # OpenAI's shorthand: "4o-mini", "4.1 nano"
    re.I,
)
_GPU_RE = re.compile(
    r"(?:\b(?P<n>\d{1,4})\s*(?:x|\*|×)?\s*)?\b(?:nvidia\s+)?(?P<gpu>[hb]200|h100|a100|a10g?|l40s|l4|t4)"
    r"(?:\s*(?P<mem>\d{2,3})\s*gb)?s?\b(?:\s*(?:x|\*|×)\s*(?P<after>\d{1,4})(?![\d%]|[.,]\d|\s*%|[a-z]))?",
    re.I,
)  # "8x A100 80GB", "L40S x 4": a count before or after the name
# Words that look like a family but mean something else here.
_NOT_MODELS = {"command", "phi"}


@dataclass
class GpuMention:
    """A GPU named in the question, with the count written before it."""

    name: str
    count: int | None
    start: int
    end: int


def find_models(text: str) -> list[tuple[int, int, str]]:
    """Spans and text of model names, in order of appearance."""
    found = []
    for m in _MODEL_RE.finditer(text):
        raw = m.group(0).strip(" -").rstrip(".")  # "on deepseek-chat. Monthly cost?"
        if raw.lower() in _NOT_MODELS:
            continue
        found.append((m.start(), m.start() + len(raw), raw))
    return found


def find_gpus(text: str) -> list[GpuMention]:
    """GPU names ("H100", "8x A100 80GB") with their counts."""
    out = []
    for m in _GPU_RE.finditer(text):
        name = m.group("gpu").upper() + (f" {m.group('mem')}GB" if m.group("mem") else "")
        count = int(m.group("n") or m.group("after")) if m.group("n") or m.group("after") else None
        out.append(GpuMention(name=name, count=count, start=m.start(), end=m.end()))
    return out


def as_named_before(names: list[str]) -> list[str]:
    """A bare family name beside a versioned model of that family is that model (the one named first).

    "claude-haiku-4-5 ... blend Haiku 75/25"; "keep 30% on Sonnet" after claude-sonnet-4-5; "Sonnet bill check:
    ... claude-sonnet-4-5" before it.
    """
    out: list[str] = []
    for name in names:
        bare = not re.search(r"\d", name)
        versioned = next((m for m in names if bare and re.search(r"\d", m) and m.lower() != name.lower()
                          and re.search(rf"\b{re.escape(name.lower())}\b", m.lower().replace("-", " "))), None)
        out.append(versioned or name)
    return out


def distinct_models(names: list[str]) -> list[str]:
    """Each model once, in order of mention: "gpt-4o" and "4o" are one model when the catalog resolves both to it."""
    seen: set[str] = set()
    out: list[str] = []
    for name in as_named_before(names):
        key = _catalog_name(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


@lru_cache(maxsize=4096)
def _catalog_name(name: str) -> str:
    """The catalog's name for a model as written, else the name itself (an unknown name is looked up once)."""
    try:
        return default_catalog().model(name).model
    except InputError:
        return name.lower()


@lru_cache(maxsize=4096)
def open_weight(name: str) -> bool:
    """Whether no maker sells the model through its own API (Llama): a model one hosts, priced at a host."""
    try:
        notes = default_catalog().model(name).notes
    except InputError:
        return False
    return any(n.startswith("Hosted copy: no maker sells") for n in notes)


def api_beside_gpus(reading: Reading) -> str | None:
    """Beside GPUs or a throughput, the one model an API sells (the others, if any, are open-weight models one hosts).

    "4x L40S ... our fine-tuned model ... compared with staying on gpt-4o": gpt-4o is the API weighed against.
    """
    if reading.gpu is None and not reading.has("tokens_per_second", "tokens_per_second_per_gpu", "gpu_hourly"):
        return None
    apis = [m for m in reading.models if not open_weight(m)]
    return apis[0] if len(apis) == 1 else None
