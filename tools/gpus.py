"""GPU rental prices and exact chip matching.

A GPU name matches only its own chip: "gb200", "h20", "l40" are different chips from B200,
H200 and L40S, so an unlisted chip raises `UnknownModelError` (an `InputError`) listing the
close names, never a neighbour's price. Case, spaces, dashes, "NVIDIA" and "GPU" do not matter.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from tools import fmt
from tools.errors import UnknownModelError
from tools.result import Source, stale_note

__all__ = ["GpuPrice", "find_gpu", "gpu_key"]


def gpu_key(name: str) -> str:
    """The exact-match key of a GPU name: 'NVIDIA H100-SXM 80 GB' -> 'h100sxm80gb'."""
    name = re.sub(r"\b(nvidia|gpus?)\b", "", name.lower())
    name = re.sub(r"(?<=\d)g\b", "gb", name)  # "80g" -> "80gb"
    return re.sub(r"[^a-z0-9]", "", name)


class GpuPrice(BaseModel):
    """A GPU's rental price per hour, with provenance."""

    gpu: str
    usd_per_hour: float = Field(gt=0)
    as_of: date
    origin: str
    provider: str = Field(default="GPU rental", description="Who rents the GPU at this price.")
    url: str | None = None
    notes: list[str] = Field(default_factory=list)

    def source(self, today: date | None = None) -> Source:
        """The audit record for this price."""
        return Source(provider=self.provider, model=self.gpu, price=f"{fmt.money(self.usd_per_hour)} per GPU-hour",
                      as_of=self.as_of, origin=self.origin, url=self.url, notes=self.notes,
                      stale_note=stale_note(self.as_of, today or date.today()))


def find_gpu(name: str, prices: list[tuple[list[str], GpuPrice]]) -> GpuPrice:
    """The GPU whose name or alias is exactly `name` (after `gpu_key`); else `UnknownModelError`.

    Args:
        name: the GPU as written ("h100", "H100 PCIe", "A100 80GB").
        prices: (names, price) pairs, first wins (the user's file before our overlay).
    """
    key = gpu_key(name)
    for names, price in prices:
        if key and key in {gpu_key(n) for n in names}:
            return price
    raise UnknownModelError(name, _close(name, prices), kind="GPU")


def _close(name: str, prices: list[tuple[list[str], GpuPrice]], limit: int = 3) -> list[str]:
    """Listed names close to `name`: aliases as written, so each one matches when given back."""
    options = sorted({n for names, _ in prices for n in names}, key=len)
    hits = process.extract(gpu_key(name), [gpu_key(o) for o in options], scorer=fuzz.ratio,
                           limit=limit * 4, score_cutoff=40)
    seen: dict[str, str] = {}
    for _, _, index in hits:
        canonical = next(p.gpu for names, p in prices if options[index] in names)
        seen.setdefault(canonical, options[index])
    return list(seen.values())[:limit]
