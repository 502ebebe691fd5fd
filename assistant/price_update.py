"""`marginal prices update`: fetch genai-prices' newest data and keep it under the data dir.

genai-prices updates itself from `DEFAULT_UPDATE_URL` (its `UpdatePrices` background task, which
swaps the data of the whole process). A command line wants one fetch it can report on and a file
it keeps, so this does one GET of the same URL with genai-prices' HTTP client and a short timeout,
validates the payload with genai-prices' own parser, and saves it (`tools.price_data`). Offline is
the normal case on many machines: the outcome then says which data stays in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import httpx2
from genai_prices.update_prices import DEFAULT_UPDATE_URL

from tools import price_data
from tools.catalog import Catalog
from tools.errors import ConfigError

__all__ = ["DEFAULT_UPDATE_URL", "UpdateOutcome", "in_use", "update"]

TIMEOUT_S = 10.0


@dataclass(frozen=True)
class UpdateOutcome:
    """What `update` did, in one line for the user."""

    updated: bool
    message: str
    path: Path | None = None


def in_use(data_dir: Path | str) -> str:
    """The genai-prices data the catalog uses now, in words."""
    catalog = Catalog(data_dir=data_dir)
    if catalog.snapshot.fetched is not None:
        return f"the saved genai-prices data fetched {catalog.snapshot.fetched.isoformat()}"
    return f"the {catalog.snapshot.label} (checked {catalog.checked.isoformat()})"


def update(data_dir: Path | str, *, url: str = DEFAULT_UPDATE_URL, timeout_s: float = TIMEOUT_S,
           today: date | None = None) -> UpdateOutcome:
    """Fetch `url` once and save it under `data_dir`; never raises for a network or data problem."""
    host = urlsplit(url).netloc or url
    try:
        response = httpx2.get(url, timeout=httpx2.Timeout(timeout=timeout_s, connect=min(timeout_s, 5.0)),
                              follow_redirects=True)
        response.raise_for_status()
    except httpx2.HTTPError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return UpdateOutcome(False, f"cannot fetch genai-prices data from {host} ({reason}); "
                                    f"{in_use(data_dir)} stays in use.")
    day = today or date.today()
    try:
        path, providers = price_data.save(data_dir, response.content, day, url)
    except ConfigError as exc:
        return UpdateOutcome(False, f"{host} did not send genai-prices data: {exc.message} "
                                    f"{in_use(data_dir)} stays in use.")
    models = sum(len(p.models) for p in providers)
    return UpdateOutcome(True, f"saved genai-prices data fetched {day.isoformat()} ({len(providers)} providers, "
                               f"{models:,} models) to {path}; the catalog uses it from now on.", path)
