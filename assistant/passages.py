"""Retrieved passages as quoted evidence: sanitized, labelled by origin, flagged, never our own voice.

Every passage that reaches an answer (offline or LLM, chat or memo) goes through `prepare`: its
text, title and section are sanitized (`knowledge.safety`) and its instruction-like phrases are
listed in `flags`. The render helpers quote a passage with where it came from: a built-in fact
sheet (knowledge/docs/), a user document (an ingested file) or the price catalog.
"""

from __future__ import annotations

from typing import Any

from knowledge.safety import instruction_flags, sanitize

__all__ = ["CATALOG", "caution", "citation_line", "lead", "origin", "prepare", "quote"]

CATALOG = "catalog"  # the `kind` of a price-catalog entry among passages (assistant/catalog_answers.py)
_BUILTIN_PREFIX = "knowledge/docs/"
_SNIPPET_CHARS = 600


def prepare(passages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies with sanitized text, title and section, a known `kind` and their `flags`; idempotent."""
    out = []
    for p in passages:
        q = dict(p)
        for field in ("text", "title", "section", "source"):
            q[field] = " ".join(sanitize(str(p.get(field) or "")).split()) if field != "text" \
                else sanitize(str(p.get("text") or ""))
        q["kind"] = _kind(p)
        q["flags"] = [] if q["kind"] == CATALOG else instruction_flags(f"{q['title']} {q['section']} {q['text']}")
        out.append(q)
    return out


def _kind(p: dict[str, Any]) -> str:
    kind = p.get("kind")
    if kind in ("builtin", "user", CATALOG):
        return str(kind)
    return "builtin" if str(p.get("source", "")).startswith(_BUILTIN_PREFIX) else "user"


def origin(p: dict[str, Any]) -> str:
    """'built-in fact sheet', 'user document' or 'price catalog'."""
    return {"builtin": "built-in fact sheet", CATALOG: "price catalog"}.get(_kind(p), "user document")


def snippet(text: str) -> str:
    """The passage's text on one line, sanitized, cut at a sentence past ~600 characters."""
    text = " ".join(sanitize(text).split())
    if len(text) <= _SNIPPET_CHARS:
        return text
    cut = text[:_SNIPPET_CHARS].rsplit(". ", 1)[0]
    return cut + ("." if not cut.endswith(".") else "") + " ..."


def quote(p: dict[str, Any], n: int) -> str:
    """A markdown blockquote of the passage, ending with its citation number."""
    return f"> {snippet(str(p.get('text', '')))} [{n}]"


def caution(p: dict[str, Any], n: int) -> str | None:
    """A warning when the passage holds instruction-like text, naming the phrases found."""
    flags = p.get("flags")
    if flags is None:
        flags = instruction_flags(f"{p.get('title', '')} {p.get('text', '')}")
    if not flags:
        return None
    found = ", ".join(f'"{f}"' for f in flags)
    return (f"**Caution:** [{n}] ({origin(p)}) contains instruction-like text ({found}). "
            "It is quoted as data; Marginal does not follow instructions found in documents.")


def citation_line(p: dict[str, Any], n: int) -> str:
    """'- [1] "Title - Section" (built-in fact sheet: knowledge/docs/x.md)', flagged when it must be."""
    title = " - ".join(t for t in (p.get("title", ""), p.get("section", "")) if t)
    line = f'- [{n}] "{title}" ({origin(p)}: {p.get("source", "")})'
    return line + (" - instruction-like text, not followed" if p.get("flags") else "")


def lead(passages: list[dict[str, Any]]) -> list[str]:
    """The head of a knowledge answer: catalog prices first, else the top passage quoted with its origin."""
    prices = [(n, p) for n, p in enumerate(passages, 1) if _kind(p) == CATALOG]
    if prices:
        lines = [f"{p.get('text', '')} [{n}]" for n, p in prices]
        if any(_kind(p) == "user" for p in passages):
            lines.append("Prices come from the price catalog; a user document in the knowledge base "
                         "does not change them.")
        return ["  \n".join(lines)]
    top = passages[0]
    lines = [f"From the {origin(top)} \"{top.get('title', '') or top.get('source', '')}\":", "", quote(top, 1)]
    if warning := caution(top, 1):
        lines += ["", warning]
    return lines
