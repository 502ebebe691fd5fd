"""The price catalog: genai-prices' bundled snapshot, our dated overlay, and the user's own file.

Lookups are loose ("gpt4o mini", "claude sonnet", "llama 3 70b") but never silent: an unknown
name raises `UnknownModelError` with the closest priceable names, and a price older than 180 days
carries a staleness note. Precedence: the user's file, then our overlay, then genai-prices.

A name resolves maker first: the maker's own price (by genai-prices' provider and model rules),
a hosted copy only when the user names the host ("claude 3.5 haiku on bedrock"). An unversioned
name ("gemini pro") is a family and resolves to its newest generally available model; the entry
says which one it picked. Open-weight models no maker sells (Llama) are priced at one host,
`OPEN_WEIGHT_HOST`, every time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import genai_prices
from pydantic import BaseModel
from rapidfuzz import fuzz, process

from tools import snapshot
from tools.errors import InputError, UnknownModelError
from tools.gpus import GpuPrice, find_gpu, gpu_key
from tools.matching import compact, coverage, is_family, read, split_host, version_key, words
from tools.overlay import Entry, entries, parse_overrides, read_yaml
from tools.prices import ModelPrice
from tools.result import STALE_AFTER_DAYS

__all__ = ["STALE_AFTER_DAYS", "Catalog", "GpuPrice", "ModelPrice", "default_catalog", "parse_overrides"]

OVERLAY_FILE = Path(__file__).parent / "data" / "prices.yaml"
GENAI_PRICES_ORIGIN = "genai-prices {version} bundled snapshot (Pydantic's maintained price catalog)"
OPEN_WEIGHT_HOST = "together"
# Hosts in the order a hosted copy is preferred when the maker sells none; aggregators come last.
_HOST_RANK = ["together", "groq", "fireworks", "aws", "azure", "google", "cerebras", "novita", "baseten"]
_MIN_SCORE = 85.0
_HOSTED = "Hosted copy: "  # starts the note on a price that is not the maker's own


@dataclass(frozen=True, eq=False)
class _Candidate:
    """One name a lookup can land on: a YAML entry (user -2, overlay -1) or a snapshot listing."""

    name: str
    rank: int  # -2 user, -1 overlay, 0 the maker, 1 the open-weight host, 2+ other hosts
    provider: str
    price: ModelPrice | None = None
    listing: snapshot.Listing | None = None

    @cached_property
    def words(self) -> str:
        return words(self.name)


def _rank(listing: snapshot.Listing) -> int:
    if listing.first_party:
        return 0
    pid = listing.provider.id
    if pid in _HOST_RANK:
        return 1 + _HOST_RANK.index(pid)
    return 1 + len(_HOST_RANK) + (5 if pid == "openrouter" or pid.startswith("huggingface") else 0)


def _preview(c: _Candidate) -> bool:
    return any(read(n).preview for n in (c.listing.names if c.listing else [c.name]))


def _newest(c: _Candidate) -> tuple[tuple[int, ...], int]:
    names = c.listing.names if c.listing else [c.name]
    keys = [version_key(n) for n in reversed(names)]  # the display name first: 'Mistral Large 3 2512'
    return next((k for k in keys if k[0]), keys[0])


class Catalog:
    """Model and GPU prices with loose, maker-first name matching."""

    def __init__(self, user_file: Path | str | None = None, *, today: date | None = None,
                 include_genai_prices: bool = True, user_prices: dict[str, Any] | None = None) -> None:
        self.today = today or date.today()
        self._user_file = Path(user_file) if user_file else None
        self._user_prices = user_prices
        self._include_genai = include_genai_prices
        self._memo: dict[tuple[str, str, date], ModelPrice] = {}

    # -- loading ---------------------------------------------------------------------------
    @cached_property
    def _overlay(self) -> dict[str, Any]:
        return read_yaml(OVERLAY_FILE)

    @cached_property
    def _user(self) -> dict[str, Any]:
        if self._user_prices is not None:  # overrides given in memory (the app's settings panel)
            return self._user_prices
        if self._user_file is None:
            return {}
        return read_yaml(self._user_file, must_exist=True)

    def _entries(self, key: str, cls: type[BaseModel]) -> list[tuple[int, Entry]]:
        """(rank, entry) of the YAML entries: the user's (-2) first, then ours (-1)."""
        return [(rank, e) for rank, data in ((-2, self._user), (-1, self._overlay)) for e in entries(data, key, cls)]

    @cached_property
    def _checked(self) -> date:
        return self._overlay.get("genai_prices_checked") or self.today

    @cached_property
    def _replaced(self) -> dict[str, ModelPrice]:
        """Overlay corrections by the 'provider/model' of the snapshot rows they replace."""
        return {ref: price for rank, (_, price, item) in self._entries("models", ModelPrice) if rank == -1
                for ref in item.get("replaces") or []}

    @cached_property
    def _yaml_models(self) -> list[_Candidate]:
        return [_Candidate(n, rank, price.provider, price=price)
                for rank, (names, price, _) in self._entries("models", ModelPrice) for n in names]

    @cached_property
    def _listings(self) -> list[_Candidate]:
        if not self._include_genai:
            return []
        return [_Candidate(n, _rank(listing), listing.provider.id, listing=listing)
                for listing in snapshot.listings() for n in listing.names]

    @cached_property
    def _gpus(self) -> list[tuple[list[str], GpuPrice]]:
        """(names, price): the user's first; a user's "H100 80GB" also takes our aliases of that chip."""
        ours = [(names, p) for rank, (names, p, _) in self._entries("gpus", GpuPrice) if rank == -1]
        theirs = []
        for rank, (names, price, _) in self._entries("gpus", GpuPrice):
            if rank == -2:
                keys = {gpu_key(n) for n in names}
                same = [n for o, _ in ours if keys & {gpu_key(x) for x in o} for n in o]
                theirs.append(([*names, *same], price))
        return theirs + ours

    # -- model lookup ----------------------------------------------------------------------
    def model(self, name: str, provider: str | None = None, *, on: date | None = None) -> ModelPrice:
        """Price of a model by loose name; raises `UnknownModelError` with suggestions.

        Args:
            name: the model as written ("gpt4o mini", "claude sonnet", "llama 3 70b on groq").
            provider: the host to price it at ("bedrock", "groq"); also read from " on <host>".
            on: the date whose price to use (default: the catalog's today), e.g. a stated future date.
        """
        query, named_host = split_host(name)
        host = provider or named_host
        key = (compact(query), (host or "").lower(), on or self.today)
        if key not in self._memo:
            found = self._on_host(query, host, key[2]) if host else self._resolve(query, key[2])
            self._memo[key] = self._user_override(found)
        return self._memo[key]

    def _resolve(self, query: str, day: date) -> ModelPrice:
        if not query.strip():
            raise UnknownModelError(query, [], kind="model")
        cands = [*self._yaml_models, *self._listings]
        steps: list[Callable[[], ModelPrice | None]] = [
            lambda: self._exact(query, self._yaml_models, day),
            lambda: self._family(query, self._listings, day) if is_family(query) else None,
            lambda: self._by_rules(query, None, day),
            lambda: self._exact(query, [c for c in self._listings if c.rank <= 1], day),
            lambda: self._fuzzy(query, cands, day),
        ]
        for step in steps:
            if (found := step()) is not None:
                return found
        raise UnknownModelError(query, self.suggest(query, cands), kind="model")

    def _on_host(self, query: str, host: str, day: date) -> ModelPrice:
        provider = snapshot.find_host(host)
        if provider is None:
            known = ", ".join(sorted({c.provider for c in self._listings if c.rank <= len(_HOST_RANK)}))
            raise InputError(f"unknown host '{host}'.", field="provider", value=host,
                             hint=f"Name a provider the catalog prices, e.g. one of: {known}.")
        cands = [c for c in [*self._yaml_models, *self._listings] if c.provider == provider.id]
        for step in (lambda: self._exact(query, cands, day), lambda: self._by_rules(query, provider, day),
                     lambda: self._family(query, cands, day) if is_family(query) else None,
                     lambda: self._fuzzy(query, cands, day)):
            if (found := step()) is not None:
                note = (f"Priced at {provider.name} because you named the host; without a host the "
                        f"maker's own price is used.")
                kept = [n for n in found.notes if not n.startswith(_HOSTED)]
                return found.model_copy(update={"notes": [note, *kept]})
        raise UnknownModelError(f"{query} on {provider.name}", self.suggest(query, cands), kind="model")

    def _exact(self, query: str, cands: list[_Candidate], day: date) -> ModelPrice | None:
        key = compact(query)
        return self._first(sorted((c for c in cands if compact(c.name) == key), key=lambda c: c.rank), day)

    def _by_rules(self, query: str, provider: Any, day: date) -> ModelPrice | None:
        for ref in dict.fromkeys([query.strip().lower(), "-".join(query.lower().split())]):
            listing = snapshot.find_by_rules(ref, provider)
            if listing is not None and (found := self._price(listing, day)) is not None:
                return found
        return None

    def _family(self, query: str, cands: list[_Candidate], day: date) -> ModelPrice | None:
        """The newest generally available member of an unversioned family ('claude sonnet')."""
        want = read(query).family
        members = {id(c.listing): c for c in cands if c.listing and read(c.name).family == want}
        priced = [(c, p) for c in members.values() if (p := self._price(c.listing, day)) is not None]  # type: ignore[arg-type]
        if not priced:
            return None
        tier = min(c.rank for c, _ in priced)
        priced = [(c, p) for c, p in priced if c.rank == tier]
        ga = [(c, p) for c, p in priced if not _preview(c) and p.warning is None]
        pool = sorted(ga or priced, key=lambda cp: (_newest(cp[0]), -len(cp[0].name)), reverse=True)
        best, price = pool[0]
        note = (f"'{query}' names a family: priced as {price.model}, its newest generally available model "
                f"at {price.provider}." if ga else f"'{query}' names a family with no generally available "
                f"model: priced as {price.model}, its newest preview.")
        if len(pool) > 1:
            note += f" Name a version to price another, e.g. '{pool[1][1].model}'."
        in_pool = {id(c) for c, _ in ga}
        newer = [p.model for c, p in sorted(priced, key=lambda cp: _newest(cp[0]), reverse=True)
                 if id(c) not in in_pool and _newest(c) > _newest(best)]
        if newer:
            note += f" A newer preview or deprecated model, {newer[0]}, is priced only when named."
        return price.model_copy(update={"notes": [note, *price.notes]})

    def _fuzzy(self, query: str, cands: list[_Candidate], day: date) -> ModelPrice | None:
        """Every close name ranked (maker first, then the right version, GA, newest) before any is cut."""
        q = words(query)
        hits = process.extract(q, [c.words for c in cands], scorer=coverage, limit=None, score_cutoff=_MIN_SCORE)
        if not hits:
            return None
        best, wanted = max(h[1] for h in hits), version_key(query)[0]

        def primary(hit: tuple[str, float, int]) -> tuple[bool, int, bool, bool, bool, float]:
            c = cands[hit[2]]
            wrong_version = bool(wanted) and version_key(c.name)[0] != wanted
            return (hit[1] < best - 5, c.rank, wrong_version, _preview(c), not read(c.name).text, -hit[1])

        # A stated version wants the closest spelling; a family wants the newest member.
        hits.sort(key=lambda h: _newest(cands[h[2]]), reverse=True)
        if wanted:
            hits.sort(key=lambda h: fuzz.ratio(q, h[0]), reverse=True)
        hits.sort(key=primary)
        return self._first([cands[i] for _, _, i in hits], day)

    def _first(self, ordered: list[_Candidate], day: date) -> ModelPrice | None:
        for c in ordered:
            found = c.price if c.price is not None else self._price(c.listing, day)  # type: ignore[arg-type]
            if found is not None:
                return found
        return None

    def _price(self, listing: snapshot.Listing, day: date) -> ModelPrice | None:
        """The snapshot row in force on `day` (or our correction of it), as a catalog entry."""
        if (fixed := self._replaced.get(f"{listing.provider.id}/{listing.info.id}")) is not None:
            return fixed
        row = listing.row(day)
        if row is None:
            return None
        since = f"in force since {row.start}" if row.start else "undated in the snapshot"
        notes = list(row.notes)
        if not listing.first_party:
            notes.insert(0, self._host_note(listing))
        return ModelPrice(
            model=listing.info.id, provider=listing.provider.id, input_per_1m=row.input, output_per_1m=row.output,
            cached_input_per_1m=row.cached, as_of=row.start or self._checked, checked=self._checked,
            origin=f"{GENAI_PRICES_ORIGIN.format(version=genai_prices.__version__)}: the price row for "
                   f"{day.isoformat()}, {since}; snapshot checked {self._checked.isoformat()}",
            url=next(iter(listing.provider.pricing_urls or []), None), notes=notes, warning=listing.warning())

    @staticmethod
    def _host_note(listing: snapshot.Listing) -> str:
        host = listing.provider.name
        if listing.maker is None:
            usual = ("the one host Marginal uses for open-weight models" if listing.provider.id == OPEN_WEIGHT_HOST
                     else f"as {OPEN_WEIGHT_HOST}, the host Marginal uses for open-weight models, does not list it")
            return (f"{_HOSTED}no maker sells {listing.info.id} through its own API, so it is priced at "
                    f"{host}, {usual}. Name another host for its price there, e.g. '... on groq'.")
        return f"{_HOSTED}priced at {host}; the maker's own price for this model is not in the catalog."

    def _user_override(self, found: ModelPrice) -> ModelPrice:
        """A user's entry with the same canonical name wins even when matched through an alias."""
        name = compact(found.model)
        for rank, (names, price, _) in self._entries("models", ModelPrice):
            if rank == -2 and compact(names[0]) == name:
                return price  # type: ignore[no-any-return]
        return found

    def suggest(self, name: str, cands: list[_Candidate] | None = None, limit: int = 3) -> list[str]:
        """The closest names that have a price, for error messages."""
        cands = [*self._yaml_models, *self._listings] if cands is None else cands
        unique = list({compact(c.name): c for c in sorted(cands, key=lambda c: -c.rank)}.values())
        hits = process.extract(words(name), [c.words for c in unique], scorer=fuzz.ratio, limit=limit * 10)
        out: list[str] = []
        for _, _, i in hits:
            if len(out) < limit and self._first([unique[i]], self.today) is not None:
                out.append(unique[i].name)
        return out

    # -- GPUs and listings -----------------------------------------------------------------
    def gpu(self, name: str) -> GpuPrice:
        """Rental price of a GPU by exact name or alias ("h100", "H100 PCIe", "A100 80GB")."""
        return find_gpu(name, self._gpus)

    def gpu_names(self) -> list[str]:
        """The canonical GPU names in the overlay and the user's file."""
        return sorted({p.gpu for _, p in self._gpus})

    def model_names(self) -> list[str]:
        """Every model name and alias the catalog can match."""
        return sorted({c.name for c in [*self._yaml_models, *self._listings]})

    def seed_models(self) -> list[ModelPrice]:
        """The dated historical prices of our own overlay (the seed article's figures)."""
        return [p for rank, (_, p, item) in self._entries("models", ModelPrice) if rank == -1
                and not item.get("replaces")]

    def corrections(self) -> dict[str, ModelPrice]:
        """Our overlay's corrections of genai-prices rows, by the 'provider/model' they replace."""
        return dict(self._replaced)


@cache
def default_catalog(user_file: str | None = None) -> Catalog:
    """A shared catalog (cached per user file)."""
    return Catalog(user_file)
