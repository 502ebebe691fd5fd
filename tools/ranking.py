"""Which catalog candidate a written name means, before any price is looked at.

A candidate is one name of a YAML entry or of a genai-prices listing. Candidates are ranked whole,
then cut: the maker before any host, the stated version before others, generally available text
models before previews and audio/image models, then the closest spelling or the newest version.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from tools import snapshot
from tools.matching import coverage, read, version_key, words
from tools.prices import ModelPrice

__all__ = ["HOST_RANK", "OPEN_WEIGHT_HOST", "Candidate", "family", "fuzzy", "is_preview", "newest", "rank_of"]

OPEN_WEIGHT_HOST = "together"
# Hosts in the order a hosted copy is preferred when its maker sells none; aggregators come last.
HOST_RANK = [OPEN_WEIGHT_HOST, "groq", "fireworks", "aws", "azure", "google", "cerebras", "novita", "baseten"]
_AGGREGATOR_PENALTY = 5
_MIN_SCORE = 85.0


@dataclass(frozen=True, eq=False)
class Candidate:
    """One name a lookup can land on: a YAML entry (user -2, overlay -1) or a snapshot listing."""

    name: str
    rank: int  # -2 user, -1 overlay, 0 the maker, 1 the open-weight host, 2+ other hosts
    provider: str
    price: ModelPrice | None = None
    listing: snapshot.Listing | None = None

    @cached_property
    def words(self) -> str:
        """The name's words, for fuzzy scoring."""
        return words(self.name)

    @property
    def names(self) -> list[str]:
        """Every name of the model behind this candidate."""
        return self.listing.names if self.listing else [self.name]


def rank_of(listing: snapshot.Listing) -> int:
    """0 for the maker's own listing, then hosts in `HOST_RANK` order, aggregators last."""
    if listing.first_party:
        return 0
    pid = listing.provider.id
    if pid in HOST_RANK:
        return 1 + HOST_RANK.index(pid)
    aggregator = pid == "openrouter" or pid.startswith("huggingface")
    return 1 + len(HOST_RANK) + (_AGGREGATOR_PENALTY if aggregator else 0)


def is_preview(c: Candidate) -> bool:
    """Preview, experimental, base or free: not generally available."""
    return any(read(n).preview for n in c.names)


def newest(c: Candidate) -> tuple[tuple[int, ...], int]:
    """Version key from the display name when it has one ('Mistral Large 3 2512'), else the id."""
    keys = [version_key(n) for n in reversed(c.names)]
    return next((k for k in keys if k[0]), keys[0])


def family(query: str, cands: list[Candidate]) -> list[Candidate]:
    """The listings of the family `query` names, one candidate per model.

    Members have the query's family words exactly (versions and filler words aside): "gemini flash"
    takes Gemini 3.8 Flash, not Gemini Omni Flash or Gemini 2.5 Flash Lite.
    """
    want = read(query).family
    members = {id(c.listing): c for c in cands if c.listing is not None and read(c.name).family == want}
    return list(members.values())


def fuzzy(query: str, cands: list[Candidate]) -> list[Candidate]:
    """Every candidate close to `query`, ranked before any is cut."""
    q = words(query)
    hits = process.extract(q, [c.words for c in cands], scorer=coverage, limit=None, score_cutoff=_MIN_SCORE)
    if not hits:
        return []
    best, wanted = max(h[1] for h in hits), version_key(query)[0]

    def primary(hit: tuple[str, float, int]) -> tuple[bool, int, bool, bool, bool, float]:
        c = cands[hit[2]]
        wrong_version = bool(wanted) and version_key(c.name)[0] != wanted
        return (hit[1] < best - 5, c.rank, wrong_version, is_preview(c), not read(c.name).text, -hit[1])

    # Stable sorts, last key first: a stated version wants the closest spelling, a family the newest.
    hits.sort(key=lambda h: newest(cands[h[2]]), reverse=True)
    if wanted:
        hits.sort(key=lambda h: fuzz.ratio(q, h[0]), reverse=True)
    hits.sort(key=primary)
    return [cands[i] for _, _, i in hits]
