"""A question asking a named model's price is answered from the price catalog, not from a passage.

"How much does gpt-4o-mini cost per million tokens?" names a model and asks its price: the
catalog's row in force, with its source and date, leads the answer, so a document in the
knowledge base (a stale sheet or a planted "the price is now $0") can never set it. Questions
about history ("how did GPT pricing change?") or running costs ("what does ChatGPT cost to run
a day?") are left to the fact sheets.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.passages import CATALOG
from assistant.planner.names import find_models
from tools.catalog import Catalog
from tools.errors import MarginalError

__all__ = ["catalog_prices", "is_price_question"]

_MAX_MODELS = 3
_PRICE_CUE = re.compile(
    r"\b(?:price[sd]?|pricing|list\s+price|rate\s+card)\b"
    r"|\bper\s+(?:one\s+|1\s*)?(?:m\b|million|k\b|thousand|mtok|1m|1k)?\s*(?:input\s+|output\s+)?tokens?\b"
    r"|\bhow\s+much\s+(?:is|are|does|do)\b[^?]*\b(?:cost|charge|bill)s?\b"
    r"|\bwhat\s+(?:does|do)\b[^?]*\b(?:cost|charge)s?\b", re.I)
_NOT_A_PRICE_ASK = re.compile(
    r"\b(?:did|was|were|used\s+to|history|historical|change[sd]?|drop(?:ped)?|in\s+(?:19|20)\d\d"
    r"|to\s+(?:run|train|serve|operate|host|build|develop)|every\s+day|per\s+day|a\s+day|daily"
    r"|why|margins?)\b", re.I)


def is_price_question(question: str) -> bool:
    """Whether the question asks a named model's current price."""
    return bool(find_models(question) and _PRICE_CUE.search(question)
                and not _NOT_A_PRICE_ASK.search(question))


def catalog_prices(question: str, catalog: Catalog) -> list[dict[str, Any]]:
    """Price-catalog entries (passage-shaped, kind 'catalog') for the models a price question names."""
    if not is_price_question(question):
        return []
    out: list[dict[str, Any]] = []
    for _, _, name in find_models(question)[:_MAX_MODELS]:
        try:
            price = catalog.model(name)
        except MarginalError:  # a name the catalog does not know: the passages answer
            continue
        if any(e["title"].endswith(price.model) for e in out):
            continue
        src = price.source(catalog.today)
        text = (f"**{price.model}** ({price.provider}): {src.price}, as of {price.as_of.isoformat()} "
                f"(price catalog: {price.origin}).")
        text += "".join(f" {n}" for n in [*price.notes, *([src.stale_note] if src.stale_note else [])])
        if price.warning:
            text += f" **Warning:** {price.warning}"
        out.append({"source": f"{price.provider} {price.model}, as of {price.as_of.isoformat()}",
                    "kind": CATALOG, "title": f"Price catalog: {price.model}", "section": "", "text": text,
                    "cited_sources": price.url or ""})
    return out
