"""How a written model name is read: words, versions, families and a named host.

Pure text rules, no catalog: `tools.catalog` uses them to rank what it finds. A name is
"unversioned" when it holds no version number ("claude sonnet", "gemini pro", "mistral-large",
"llama 70b": a size such as 70b is not a version); such a name stands for a family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

__all__ = ["FILLER", "NON_TEXT", "PREVIEW", "Reading", "compact", "coverage", "is_family",
           "read", "split_host", "version_key", "words"]

# Words that do not change which model a name means.
FILLER = frozenset({"instruct", "chat", "turbo", "hf", "versatile", "it", "meta", "latest", "models"})
# Words that mark a model not yet (or no longer) generally available.
PREVIEW = frozenset({"preview", "exp", "experimental", "beta", "alpha", "base", "free"})
# Words of models that are not text chat models (priced per token, but not what "gpt mini" means).
NON_TEXT = frozenset({"audio", "tts", "transcribe", "realtime", "image", "embed", "embedding", "search",
                      "live", "vision", "moderation", "whisper", "ocr", "voice", "robotics", "translate",
                      "customtools", "guard", "rerank", "computer", "research", "codex", "cyber", "ft"})

_SIZE = re.compile(r"^(\d+x)?\d+(\.\d+)?[bmke]$|^a\d+b$|^\d+k$")  # 70b, 8x7b, 128e, 32k, a4b
_DATE = re.compile(r"^(\d{4,8}|0\d)$")  # 2411, 20250514, 2024, "05" of 05-13
_HOST = re.compile(r"^(?P<name>.*\S)\s+(?:on|via|through)\s+(?P<host>[a-z][\w .-]*)$", re.IGNORECASE)


def compact(name: str) -> str:
    """Lower case letters and digits only: the key of an exact match."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@cache
def words(name: str) -> str:
    """Space-separated words of a name: 'meta-llama/Llama-3.3-70B' -> 'llama 3 3 70b'."""
    name = name.lower().split("/")[-1]
    name = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z]{2})", " ", name)  # gpt4o -> gpt 4o, 3sonnet -> 3 sonnet
    name = re.sub(r"(?<=\d)[.](?=\d)", " ", name)  # 3.5 and 3-5 read alike
    return " ".join(t for t in re.split(r"[^a-z0-9]+", name) if t)


def coverage(query: str, candidate: str, **_: object) -> float:
    """How well every word of the query is found in the candidate (0-100).

    Unlike token_set_ratio, extra words in the query count against the match, so
    "gpt4o mni zzz" does not silently match "gpt-4o".
    """
    cand = candidate.split()
    if not cand:
        return 0.0
    scores = [max(fuzz.ratio(word, c) for c in cand) for word in query.split()]
    return sum(scores) / len(scores) if scores else 0.0


def _is_version(token: str) -> bool:
    return bool(re.fullmatch(r"v?\d+[a-z]?", token)) and not _SIZE.match(token)


@cache
def version_key(name: str) -> tuple[tuple[int, ...], int]:
    """(version numbers, date code) of a name, for 'newest': 'Mistral Large 3 2512' -> ((3,), 2512)."""
    numbers: list[int] = []
    for token in words(name).split():
        if _DATE.match(token):
            return tuple(numbers), int(token)
        if _is_version(token):
            numbers.append(int(re.sub(r"\D", "", token)))
    return tuple(numbers), 0


def is_family(query: str) -> bool:
    """Whether a written name holds no version number ('claude sonnet', 'llama 70b')."""
    tokens = words(query).split()
    return bool(tokens) and not any(_is_version(t) or _DATE.match(t) for t in tokens)


@dataclass(frozen=True)
class Reading:
    """What a candidate name says: its family words, whether it is a preview, whether it is text chat."""

    family: tuple[str, ...]
    preview: bool
    text: bool


@cache
def read(name: str) -> Reading:
    """The family words of a name (versions and filler dropped) and its GA / text markers."""
    tokens = words(name).split()
    kept = tuple(t for t in tokens if not (_is_version(t) or _DATE.match(t)) and t not in FILLER | PREVIEW)
    return Reading(family=kept, preview=any(t in PREVIEW for t in tokens),
                   text=not any(t in NON_TEXT for t in tokens))


def split_host(name: str) -> tuple[str, str | None]:
    """'llama 3 70b on groq' -> ('llama 3 70b', 'groq'); a name without ' on <host>' is returned whole."""
    found = _HOST.match(name.strip())
    if not found:
        return name, None
    return found["name"], found["host"].strip()
