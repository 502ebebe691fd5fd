"""Price files in YAML: our dated overlay (`data/prices.yaml`), the user's file, typed overrides."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from tools.errors import ConfigError
from tools.gpus import GpuPrice
from tools.prices import ModelPrice

__all__ = ["Entry", "entries", "parse_overrides", "read_yaml"]

Entry = tuple[list[str], Any, dict[str, Any]]  # (names, price, the raw item)
_KEYS_NOT_PRICES = ("aliases", "replaces")


def read_yaml(path: Path, *, must_exist: bool = False) -> dict[str, Any]:
    """A prices file as a mapping; `ConfigError` saying how to fix it otherwise."""
    if must_exist and not path.exists():
        raise ConfigError(f"prices file {path} does not exist.", hint="Create it or unset MARGINAL_PRICES_FILE.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read prices file {path}: {exc}.",
                          hint="Fix the YAML or unset MARGINAL_PRICES_FILE.") from None
    if not isinstance(data, dict):
        raise ConfigError(f"prices file {path} must hold a mapping with 'models' and/or 'gpus'.")
    return data


def entries(data: dict[str, Any], key: str, cls: type[BaseModel]) -> list[Entry]:
    """Validated entries of one section ('models' or 'gpus'), each with all its names."""
    out: list[Entry] = []
    name_key = "model" if key == "models" else "gpu"
    for item in data.get(key) or []:
        record = {k: v for k, v in dict(item).items() if k not in _KEYS_NOT_PRICES}
        try:
            price = cls.model_validate(record)
        except Exception as exc:
            raise ConfigError(f"invalid {key} entry {item!r}: {exc}",
                              hint="Each entry needs the fields shown in tools/data/prices.yaml.") from None
        out.append(([getattr(price, name_key), *(item.get("aliases") or [])], price, dict(item)))
    return out


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
                cls.model_validate({k: v for k, v in record.items() if k not in _KEYS_NOT_PRICES})
            except Exception as exc:
                first = str(exc).splitlines()[1:3]
                raise ConfigError(f"invalid {section} override {item!r}: {' '.join(first)}.",
                                  hint=_OVERRIDE_EXAMPLE) from None
            filled[section].append(record)
    return filled
