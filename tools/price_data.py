"""genai-prices data saved under the data dir by `marginal prices update`, with the day it was fetched.

Layout: `<data dir>/genai-prices/data.json` (genai-prices' own provider list, as its update URL
serves it) and `meta.json` (`{"fetched": "YYYY-MM-DD", "url": ...}`). A file is validated before
it is written, and written whole (a temporary file renamed), so a half-written update never
replaces a good one. The catalog uses the saved data when it exists, else the bundled snapshot.
"""

from __future__ import annotations

import json
import os
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from genai_prices import data_snapshot
from genai_prices.types import _providers_from_raw

from tools.errors import ConfigError
from tools.snapshot import Snapshot, bundled

__all__ = ["SUBDIR", "load_saved", "parse", "save", "saved_paths"]

SUBDIR = "genai-prices"


def saved_paths(data_dir: Path | str) -> tuple[Path, Path]:
    """(data file, meta file) under a data dir."""
    folder = Path(data_dir) / SUBDIR
    return folder / "data.json", folder / "meta.json"


def parse(raw: bytes) -> list[Any]:
    """genai-prices providers from its JSON; `ConfigError` when the payload is not its data."""
    try:
        payload = json.loads(raw)
        if not isinstance(payload, list):
            raise ValueError("expected a list of providers")
        return _providers_from_raw(payload)
    except Exception as exc:  # json, pydantic or shape errors: all mean "not genai-prices data"
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"the genai-prices data is not valid ({first}).",
                          hint="Run `marginal prices update` again, or delete the saved file.") from None


def save(data_dir: Path | str, raw: bytes, fetched: date, url: str) -> tuple[Path, list[Any]]:
    """Validate and keep fetched genai-prices data; returns the data file's path and its providers."""
    providers = parse(raw)
    data_file, meta_file = saved_paths(data_dir)
    data_file.parent.mkdir(parents=True, exist_ok=True)
    for path, content in ((data_file, raw), (meta_file, json.dumps({"fetched": fetched.isoformat(),
                                                                   "url": url}).encode())):
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(content)
        os.replace(tmp, path)
    return data_file, providers


def load_saved(data_dir: Path | str) -> Snapshot | None:
    """The saved data as a `Snapshot`, None when nothing is saved.

    A saved file that cannot be read gives the bundled snapshot, labelled with what went wrong and
    how to fix it (so `marginal prices` shows it), rather than stopping every answer.
    """
    data_file, meta_file = saved_paths(data_dir)
    if not data_file.exists():
        return None
    try:
        stat = data_file.stat()
        return _load(str(data_file), str(meta_file), stat.st_mtime_ns)
    except (ConfigError, OSError, ValueError) as exc:
        fallback = bundled()
        reason = exc.message if isinstance(exc, ConfigError) else str(exc)
        return Snapshot(fallback.data, label=f"{fallback.label} (the saved file {data_file} could not be used: "
                                             f"{reason} Run `marginal prices update` again or delete it)")


@lru_cache(maxsize=4)  # keyed by the file's mtime: parsing the full data takes about a second
def _load(data_file: str, meta_file: str, _mtime_ns: int) -> Snapshot:
    providers = parse(Path(data_file).read_bytes())
    meta = json.loads(Path(meta_file).read_text(encoding="utf-8")) if Path(meta_file).exists() else {}
    fetched = date.fromisoformat(meta["fetched"]) if meta.get("fetched") else \
        date.fromtimestamp(Path(data_file).stat().st_mtime)
    return Snapshot(data_snapshot.DataSnapshot(providers, from_auto_update=True), fetched=fetched,
                    label=f"genai-prices data fetched {fetched.isoformat()} (saved in {data_file})")
