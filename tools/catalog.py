"""The price catalog: genai-prices' bundled snapshot, our dated overlay, and the user's own file.

Lookups are loose ("gpt4o mini", "claude sonnet", "llama 3 70b") but never silent: an unknown
name raises `UnknownModelError` with the closest names, and a price older than 180 days carries
a staleness note. Precedence: the user's file, then our overlay, then genai-prices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from tools import fmt
from tools.errors import ConfigError, UnknownModelError
from tools.result import Source

__all__ = ["STALE_AFTER_DAYS", "Catalog", "GpuPrice", "ModelPrice", "default_catalog", "parse_overrides"]

STALE_AFTER_DAYS = 180
OVERLAY_FILE = Path(__file__).parent / "data" / "prices.yaml"
GENAI_PRICES_ORIGIN = "genai-prices {version} bundled snapshot (Pydantic's maintained price catalog)"

# Where a model is priced by several providers, the maker's own price wins, then hosts.
_PROVIDER_RANK = [
    "openai", "anthropic", "google", "deepseek", "mistral", "x-ai", "cohere", "meta",
    "moonshotai", "zai", "minimax", "together", "groq", "fireworks", "cerebras", "novita",
]
_MIN_SCORE = 85.0


def _compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _words(name: str) -> str:
    name = name.lower().split("/")[-1]
    name = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z]{2})", " ", name)  # gpt4o -> gpt 4o
    return " ".join(re.split(r"[^a-z0-9.]+|(?<=\d)\.(?=\D)", name)).strip()


def _coverage(query: str, candidate: str, **_: Any) -> float:
    """How well every word of the query is found in the candidate (0-100).

    Unlike token_set_ratio, extra words in the query count against the match, so
    "gpt4o mni zzz" does not silently match "gpt-4o".
    """
    cand = candidate.split()
    if not cand:
        return 0.0
    scores = [max(fuzz.ratio(word, c) for c in cand) for word in query.split()]
    return sum(scores) / len(scores) if scores else 0.0


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", name)[:3] if len(n) < 5)


def _stale_note(as_of: date, today: date) -> str | None:
    age = (today - as_of).days
    if age <= STALE_AFTER_DAYS:
        return None
    return (f"This price is dated {as_of.isoformat()}, {age:,} days ago (older than "
            f"{STALE_AFTER_DAYS} days): check the provider's current price.")


class ModelPrice(BaseModel):
    """A model's token prices in USD per 1M tokens, with provenance."""

    model: str
    provider: str
    input_per_1m: float = Field(ge=0)
    output_per_1m: float = Field(ge=0)
    cached_input_per_1m: float | None = Field(default=None, ge=0)
    as_of: date
    origin: str

    def source(self, today: date | None = None) -> Source:
        """The audit record for this price."""
        price = f"{fmt.money(self.input_per_1m)} input / {fmt.money(self.output_per_1m)} output per 1M tokens"
        if self.cached_input_per_1m is not None:
            price += f" ({fmt.money(self.cached_input_per_1m)} cached input)"
        return Source(provider=self.provider, model=self.model, price=price, as_of=self.as_of,
                      origin=self.origin, stale_note=_stale_note(self.as_of, today or date.today()))


class GpuPrice(BaseModel):
    """A GPU's rental price per hour, with provenance."""

    gpu: str
    usd_per_hour: float = Field(gt=0)
    as_of: date
    origin: str

    def source(self, today: date | None = None) -> Source:
        """The audit record for this price."""
        return Source(provider="GPU rental", model=self.gpu, price=f"{fmt.money(self.usd_per_hour)} per GPU-hour",
                      as_of=self.as_of, origin=self.origin,
                      stale_note=_stale_note(self.as_of, today or date.today()))


@dataclass(frozen=True)
class _Entry:
    name: str
    rank: int
    load: Any  # () -> ModelPrice | GpuPrice, so genai-prices entries convert only when used
    words: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", _words(self.name))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read prices file {path}: {exc}.",
                          hint="Fix the YAML or unset MARGINAL_PRICES_FILE.") from None
    if not isinstance(data, dict):
        raise ConfigError(f"prices file {path} must hold a mapping with 'models' and/or 'gpus'.")
    return data


def _genai_price(provider: Any, model: Any, version: str, checked: date) -> ModelPrice | None:
    prices = model.prices if not isinstance(model.prices, list) else model.prices[-1].prices

    def num(key: str) -> float | None:
        value = getattr(prices, key, None)
        value = getattr(value, "base", value)  # tiered prices: the base tier
        return float(value) if isinstance(value, Decimal | int | float) else None

    inp, out = num("input_mtok"), num("output_mtok")
    if inp is None or out is None or (inp == 0 and out == 0):
        return None  # not a token-priced text model, or a free promo: never a silent $0
    return ModelPrice(model=model.id, provider=provider.id, input_per_1m=inp, output_per_1m=out,
                      cached_input_per_1m=num("cache_read_mtok"), as_of=checked,
                      origin=GENAI_PRICES_ORIGIN.format(version=version))


class Catalog:
    """Model and GPU prices with loose name matching."""

    def __init__(self, user_file: Path | str | None = None, *, today: date | None = None,
                 include_genai_prices: bool = True, user_prices: dict[str, Any] | None = None) -> None:
        self.today = today or date.today()
        self._user_file = Path(user_file) if user_file else None
        self._user_prices = user_prices
        self._include_genai = include_genai_prices
        self._memo: dict[str, ModelPrice] = {}

    # -- loading ---------------------------------------------------------------------------
    @cached_property
    def _overlay(self) -> dict[str, Any]:
        return _read_yaml(OVERLAY_FILE)

    @cached_property
    def _user(self) -> dict[str, Any]:
        if self._user_prices is not None:  # overrides given in memory (the app's settings panel)
            return self._user_prices
        if self._user_file is None:
            return {}
        if not self._user_file.exists():
            raise ConfigError(f"prices file {self._user_file} does not exist.",
                              hint="Create it or unset MARGINAL_PRICES_FILE.")
        return _read_yaml(self._user_file)

    def _yaml_entries(self, key: str, cls: type[BaseModel], name_key: str) -> list[_Entry]:
        entries = []
        for rank, data in ((-2, self._user), (-1, self._overlay)):
            for item in data.get(key) or []:
                record = dict(item)
                aliases = record.pop("aliases", []) or []
                try:
                    price = cls.model_validate(record)
                except Exception as exc:
                    raise ConfigError(f"invalid {key} entry {item!r}: {exc}",
                                      hint="Each entry needs the fields shown in tools/data/prices.yaml.") from None
                for name in [getattr(price, name_key), *aliases]:
                    entries.append(_Entry(name=name, rank=rank, load=lambda p=price: p))
        return entries

    @cached_property
    def _models(self) -> list[_Entry]:
        entries = self._yaml_entries("models", ModelPrice, "model")
        if self._include_genai:
            import genai_prices
            from genai_prices.data import providers

            checked = self._overlay.get("genai_prices_checked") or self.today
            for provider in providers:
                rank = (_PROVIDER_RANK.index(provider.id) if provider.id in _PROVIDER_RANK
                        else len(_PROVIDER_RANK))
                for model in provider.models:
                    def load(p: Any = provider, m: Any = model) -> ModelPrice | None:
                        return _genai_price(p, m, genai_prices.__version__, checked)
                    entries.append(_Entry(name=model.id, rank=rank, load=load))
                    if model.name and model.name != model.id:
                        entries.append(_Entry(name=model.name, rank=rank, load=load))
        return entries

    @cached_property
    def _gpus(self) -> list[_Entry]:
        return self._yaml_entries("gpus", GpuPrice, "gpu")

    # -- lookup ----------------------------------------------------------------------------
    def _find(self, name: str, entries: list[_Entry], kind: str) -> Any:
        query = name.strip()
        if not query:
            raise UnknownModelError(name, [], kind=kind)
        key = _compact(query)
        exact = sorted((e for e in entries if _compact(e.name) == key), key=lambda e: e.rank)
        for entry in exact:
            if (found := entry.load()) is not None:
                return self._user_override(found)
        hits = process.extract(_words(query), [e.words for e in entries], scorer=_coverage,
                               limit=60, score_cutoff=_MIN_SCORE)
        ranked = sorted(hits, key=lambda h: (-h[1], entries[h[2]].rank,
                                             tuple(-v for v in _version(entries[h[2]].name)),
                                             -fuzz.ratio(_words(query), h[0])))
        for _, _, index in ranked:
            if (found := entries[index].load()) is not None:
                return self._user_override(found)
        raise UnknownModelError(name, self.suggest(name, entries), kind=kind)

    def _user_override(self, found: ModelPrice | GpuPrice) -> ModelPrice | GpuPrice:
        """A user's entry with the same canonical name wins even when matched through an alias."""
        section, key = ("models", "model") if isinstance(found, ModelPrice) else ("gpus", "gpu")
        name = _compact(getattr(found, key))
        for item in self._user.get(section) or []:
            if _compact(str(item.get(key, ""))) == name:
                return type(found).model_validate({k: v for k, v in item.items() if k != "aliases"})
        return found

    def suggest(self, name: str, entries: list[_Entry] | None = None, limit: int = 3) -> list[str]:
        """The closest known names, for error messages."""
        entries = self._models if entries is None else entries
        names = sorted({_compact(e.name): e.name for e in entries}.values())
        hits = process.extract(_words(name), [_words(n) for n in names], scorer=fuzz.ratio, limit=limit)
        return [names[i] for _, _, i in hits]

    def model(self, name: str) -> ModelPrice:
        """Price of a model by loose name; raises `UnknownModelError` with suggestions."""
        key = _compact(name)
        if key not in self._memo:
            self._memo[key] = self._find(name, self._models, "model")
        return self._memo[key]

    def gpu(self, name: str) -> GpuPrice:
        """Rental price of a GPU by loose name ("h100", "A100 80GB")."""
        return self._find(name, self._gpus, "GPU")

    def gpu_names(self) -> list[str]:
        """The canonical GPU names in the overlay and the user's file."""
        return sorted({e.load().gpu for e in self._gpus})

    def model_names(self) -> list[str]:
        """Every model name and alias the catalog can match."""
        return sorted({e.name for e in self._models})

    def seed_models(self) -> list[ModelPrice]:
        """The dated historical prices of our own overlay (the seed article's figures)."""
        return [ModelPrice.model_validate({k: v for k, v in m.items() if k != "aliases"})
                for m in self._overlay.get("models") or []]


@cache
def default_catalog(user_file: str | None = None) -> Catalog:
    """A shared catalog (cached per user file)."""
    return Catalog(user_file)


_OVERRIDE_EXAMPLE = "Example:\nmodels:\n  - model: gpt-4o-mini\n    input_per_1m: 0.15\n    output_per_1m: 0.60"


def parse_overrides(text: str, today: date | None = None) -> dict[str, Any] | None:
    """Price overrides typed as YAML (the prices-file shape); `as_of` and `origin` may be left out.

    Returns None for empty text; raises `ConfigError` saying what is wrong and how to fix it.
    """
    if not text.strip():
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"the price overrides are not valid YAML ({str(exc).splitlines()[0]}).",
                          hint=_OVERRIDE_EXAMPLE) from None
    if not isinstance(data, dict) or not set(data) & {"models", "gpus"}:
        raise ConfigError("the price overrides must be a mapping with a 'models' and/or 'gpus' list.",
                          hint=_OVERRIDE_EXAMPLE)
    filled: dict[str, Any] = {}
    for section, cls in (("models", ModelPrice), ("gpus", GpuPrice)):
        items = data.get(section) or []
        if not isinstance(items, list):
            raise ConfigError(f"'{section}' in the price overrides must be a list.", hint=_OVERRIDE_EXAMPLE)
        filled[section] = []
        for item in items:
            record = {"as_of": today or date.today(), "origin": "your price override", "provider": "override",
                      **(item if isinstance(item, dict) else {})}
            try:
                cls.model_validate({k: v for k, v in record.items() if k != "aliases"})
            except Exception as exc:
                first = str(exc).splitlines()[1:3]
                raise ConfigError(f"invalid {section} override {item!r}: {' '.join(first)}.",
                                  hint=_OVERRIDE_EXAMPLE) from None
            filled[section].append(record)
    return filled
