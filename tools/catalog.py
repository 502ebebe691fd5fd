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
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from tools import price_data, ranking
from tools.errors import InputError, UnknownModelError
from tools.gpus import GpuPrice, find_gpu, gpu_key
from tools.matching import compact, is_family, split_host, words
from tools.overlay import Entry, entries, parse_overrides, read_yaml
from tools.prices import ModelPrice
from tools.ranking import OPEN_WEIGHT_HOST, Candidate, is_preview, newest
from tools.result import STALE_AFTER_DAYS
from tools.snapshot import Listing, Snapshot, bundled

__all__ = ["STALE_AFTER_DAYS", "Catalog", "GpuPrice", "ModelPrice", "Priced", "default_catalog", "parse_overrides"]

OVERLAY_FILE = Path(__file__).parent / "data" / "prices.yaml"
_HOSTED = "Hosted copy: "  # starts the note on a price that is not the maker's own
Step = Callable[[], ModelPrice | None]


class Priced(NamedTuple):
    """One priced model: rank (-2 your file, -1 our overlay, 0 the maker, 1+ hosts), price, snapshot listing."""

    rank: int
    price: ModelPrice
    listing: Listing | None


class Catalog:
    """Model and GPU prices with loose, maker-first name matching."""

    def __init__(self, user_file: Path | str | None = None, *, today: date | None = None,
                 include_genai_prices: bool = True, user_prices: dict[str, Any] | None = None,
                 data_dir: Path | str | None = None) -> None:
        self.today = today or date.today()
        self._data_dir = data_dir  # where `marginal prices update` keeps newer genai-prices data
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

    @cached_property
    def _model_entries(self) -> list[tuple[int, Entry]]:
        """(rank, entry): the user's models (-2) first, then ours (-1)."""
        return [(rank, e) for rank, data in ((-2, self._user), (-1, self._overlay))
                for e in entries(data, "models", ModelPrice)]

    @cached_property
    def snapshot(self) -> Snapshot:
        """The genai-prices data in use: the one saved in the data dir, else the bundled snapshot."""
        saved = price_data.load_saved(self._data_dir) if self._data_dir else None
        return saved or bundled()

    @property
    def checked(self) -> date:
        """When the genai-prices data in use was last checked: the day it was fetched, or verified by us."""
        return self._checked

    @cached_property
    def _checked(self) -> date:
        return self.snapshot.fetched or self._overlay.get("genai_prices_checked") or self.today

    @cached_property
    def _replaced(self) -> dict[str, ModelPrice]:
        """Overlay corrections by the 'provider/model' of the snapshot rows they replace."""
        return {ref: price for rank, (_, price, item) in self._model_entries if rank == -1
                for ref in item.get("replaces") or []}

    @cached_property
    def _yaml_models(self) -> list[Candidate]:
        return [Candidate(n, rank, price.provider, price=price) for rank, (names, price, _) in self._model_entries
                for n in names]

    @cached_property
    def _listings(self) -> list[Candidate]:
        if not self._include_genai:
            return []
        return [Candidate(n, ranking.rank_of(listing), listing.provider.id, listing=listing)
                for listing in self.snapshot.listings for n in listing.names]

    @cached_property
    def _gpus(self) -> list[tuple[list[str], GpuPrice]]:
        """(names, price): the user's first; a user's "H100 80GB" also takes our aliases of that chip."""
        ours = [(names, p) for names, p, _ in entries(self._overlay, "gpus", GpuPrice)]
        theirs = []
        for names, price, _ in entries(self._user, "gpus", GpuPrice):
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
        steps: list[Step] = [
            lambda: self._first([c for c in self._yaml_models if compact(c.name) == compact(query)], day),
            lambda: self._family(query, self._listings, day) if is_family(query) else None,
            lambda: self._by_rules(query, None, day),
            lambda: self._exact(query, [c for c in self._listings if c.rank <= 1], day),
            lambda: self._first(ranking.fuzzy(query, cands), day),
        ]
        return self._run(steps) or self._unknown(query, query, cands)

    def _on_host(self, query: str, host: str, day: date) -> ModelPrice:
        provider = self.snapshot.find_host(host)
        if provider is None:
            known = ", ".join(sorted({c.provider for c in self._listings if 0 < c.rank <= len(ranking.HOST_RANK)}))
            raise InputError(f"unknown host '{host}'.", field="provider", value=host,
                             hint=f"Name a provider the catalog prices, e.g. one of: {known}.")
        cands = [c for c in [*self._yaml_models, *self._listings] if c.provider == provider.id]
        found = self._run([lambda: self._exact(query, cands, day), lambda: self._by_rules(query, provider, day),
                           lambda: self._family(query, cands, day) if is_family(query) else None,
                           lambda: self._first(ranking.fuzzy(query, cands), day)])
        if found is None:
            return self._unknown(f"{query} on {provider.name}", query, cands)
        note = f"Priced at {provider.name} because you named the host; without a host the maker's own price is used."
        return found.model_copy(update={"notes": [note, *(n for n in found.notes if not n.startswith(_HOSTED))]})

    @staticmethod
    def _run(steps: list[Step]) -> ModelPrice | None:
        for step in steps:
            if (found := step()) is not None:
                return found
        return None

    def _unknown(self, name: str, query: str, cands: list[Candidate]) -> ModelPrice:
        raise UnknownModelError(name, self.suggest(query, cands), kind="model")

    def _exact(self, query: str, cands: list[Candidate], day: date) -> ModelPrice | None:
        key = compact(query)
        return self._first(sorted((c for c in cands if compact(c.name) == key), key=lambda c: c.rank), day)

    def _by_rules(self, query: str, provider: Any, day: date) -> ModelPrice | None:
        for ref in dict.fromkeys([query.strip().lower(), "-".join(query.lower().split())]):
            listing = self.snapshot.find_by_rules(ref, provider)
            if listing is not None and (found := self._price(listing, day)) is not None:
                return found
        return None

    def _family(self, query: str, cands: list[Candidate], day: date) -> ModelPrice | None:
        """The newest generally available member of an unversioned family ('claude sonnet')."""
        priced = [(c, p) for c in ranking.family(query, cands) if (p := self._first([c], day)) is not None]
        if not priced:
            return None
        tier = min(c.rank for c, _ in priced)
        priced = sorted(((c, p) for c, p in priced if c.rank == tier),
                        key=lambda cp: (newest(cp[0]), -len(cp[0].name)), reverse=True)
        ga = [(c, p) for c, p in priced if not is_preview(c) and p.warning is None]
        (best, price), *others = ga or priced
        note = (f"'{query}' names a family: priced as {price.model}, its newest generally available model at "
                f"{price.provider}." if ga else
                f"'{query}' names a family with no generally available model: priced as {price.model}, "
                f"its newest preview.")
        if others:
            note += f" Name a version to price another, e.g. '{others[0][1].model}'."
        if newer := [p.model for c, p in priced if (c, p) not in ga and newest(c) > newest(best)]:
            note += f" A newer preview or deprecated model, {newer[0]}, is priced only when named."
        return price.model_copy(update={"notes": [note, *price.notes]})

    def _first(self, ordered: list[Candidate], day: date) -> ModelPrice | None:
        for c in ordered:
            found = c.price if c.listing is None else self._price(c.listing, day)
            if found is not None:
                return found
        return None

    def _price(self, listing: Listing, day: date) -> ModelPrice | None:
        """The snapshot row in force on `day` (or our correction of it), as a catalog entry."""
        if (fixed := self._replaced.get(f"{listing.provider.id}/{listing.info.id}")) is not None:
            return fixed
        row = listing.row(day)
        if row is None:
            return None
        since = f"in force since {row.start}" if row.start else "undated in the snapshot"
        notes = list(row.notes) if listing.first_party else [_host_note(listing), *row.notes]
        return ModelPrice(
            **row.rates.model_dump(), service_tiers=row.variants,
            model=listing.info.id, provider=listing.provider.id, as_of=row.start or self._checked,
            checked=self._checked,
            origin=f"{self.snapshot.label} (Pydantic's maintained price catalog): the price row for "
                   f"{day.isoformat()}, {since}; snapshot checked {self._checked.isoformat()}",
            url=next(iter(listing.provider.pricing_urls or []), None), notes=notes, warning=listing.warning())

    def _user_override(self, found: ModelPrice) -> ModelPrice:
        """A user's entry with the same canonical name wins even when matched through an alias."""
        name = compact(found.model)
        for rank, (names, price, _) in self._model_entries:
            if rank == -2 and compact(names[0]) == name:
                return price  # type: ignore[no-any-return]
        return found

    def suggest(self, name: str, cands: list[Candidate] | None = None, limit: int = 3) -> list[str]:
        """The closest names that have a price, for error messages."""
        cands = [*self._yaml_models, *self._listings] if cands is None else cands
        unique = list({compact(c.name): c for c in sorted(cands, key=lambda c: -c.rank)}.values())
        hits = process.extract(words(name), [c.words for c in unique], scorer=fuzz.ratio, limit=limit * 10)
        priceable = [unique[i].name for _, _, i in hits if self._first([unique[i]], self.today) is not None]
        return priceable[:limit]

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

    def priced(self, on: date | None = None) -> list[Priced]:
        """Every model the catalog can price on a day: your file, our overlay, then each snapshot listing."""
        day = on or self.today
        out = [Priced(rank, price, None) for rank, (_, price, item) in self._model_entries if not item.get("replaces")]
        for listing in self.snapshot.listings:
            if (price := self._price(listing, day)) is not None:
                out.append(Priced(ranking.rank_of(listing), price, listing))
        return out

    def seed_models(self) -> list[ModelPrice]:
        """The dated historical prices of our own overlay (the seed article's figures)."""
        return [p for rank, (_, p, item) in self._model_entries if rank == -1 and not item.get("replaces")]

    def corrections(self) -> dict[str, ModelPrice]:
        """Our overlay's corrections of genai-prices rows, by the 'provider/model' they replace."""
        return dict(self._replaced)


def _host_note(listing: Listing) -> str:
    host = listing.provider.name
    if listing.maker is not None:
        return f"{_HOSTED}priced at {host}; the maker's own price for this model is not in the catalog."
    usual = ("the one host Marginal uses for open-weight models" if listing.provider.id == OPEN_WEIGHT_HOST
             else f"as {OPEN_WEIGHT_HOST}, the host Marginal uses for open-weight models, does not list it")
    return (f"{_HOSTED}no maker sells {listing.info.id} through its own API, so it is priced at {host}, "
            f"{usual}. Name another host for its price there, e.g. '... on groq'.")


@cache
def default_catalog(user_file: str | None = None) -> Catalog:
    """A shared catalog (cached per user file)."""
    return Catalog(user_file)
