"""Reference serving throughput by GPU and model size (`data/throughput.yaml`), dated and sourced.

A row is a published benchmark: the output tokens per second a group of GPUs served at a stated
load and request shape. `reference` picks the rows for a GPU and the nearest published model size
(within a factor of 2), and gives input + output tokens per second per GPU for a chat-shaped
request (1,000 in / 1,000 out) with the range every published shape spans.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from statistics import median

from tools import fmt
from tools.errors import InputError
from tools.gpus import gpu_key
from tools.overlay import read_yaml
from tools.result import Source, stale_note

__all__ = ["THROUGHPUT_FILE", "Benchmark", "Reference", "benchmarks", "reference"]

THROUGHPUT_FILE = Path(__file__).parent / "data" / "throughput.yaml"
CHAT_SHAPE = (1000, 1000)
MAX_SIZE_RATIO = 2.0


@dataclass(frozen=True)
class Benchmark:
    """One published throughput measurement."""

    gpu: str
    model: str
    params_b: float
    gpus: int
    isl: int
    osl: int
    output_tokens_per_s: float
    load: str
    engine: str
    as_of: date
    source: str
    url: str | None = None

    @property
    def tokens_per_s_per_gpu(self) -> float:
        """Input + output tokens per second per GPU: output tokens/s x (ISL + OSL) / OSL / GPUs."""
        return self.output_tokens_per_s * (self.isl + self.osl) / self.osl / self.gpus

    def describe(self) -> str:
        """The row in one line, with its arithmetic."""
        return (f"{self.model} on {self.gpus} x {self.gpu}, {self.isl:,} in / {self.osl:,} out tokens per request: "
                f"{fmt.number(self.output_tokens_per_s)} output tokens/s x ({self.isl:,} + {self.osl:,}) / "
                f"{self.osl:,} / {self.gpus} = {fmt.number(round(self.tokens_per_s_per_gpu))} tokens/s per GPU")


@cache
def benchmarks() -> tuple[Benchmark, ...]:
    """Every row of the reference table."""
    return tuple(Benchmark(**{k: v for k, v in row.items() if k in Benchmark.__dataclass_fields__})
                 for row in read_yaml(THROUGHPUT_FILE)["rows"])


@dataclass(frozen=True)
class Reference:
    """The reference throughput for a GPU and model size, its range and where it comes from."""

    tokens_per_s_per_gpu: float
    low: float
    high: float
    chosen: Benchmark
    rows: tuple[Benchmark, ...]

    def sentence(self) -> str:
        """What the figure is, that it is not a measurement, and the range it spans."""
        b = self.chosen
        return (f"Throughput is a published reference figure, not a measurement of your workload: "
                f"{fmt.number(round(self.tokens_per_s_per_gpu))} tokens/s per GPU ({b.model} on {b.gpus} x {b.gpu}, "
                f"{b.isl:,} in / {b.osl:,} out tokens per request, at maximum load; {b.engine}, {b.as_of}). The "
                f"published request shapes for this GPU and size span {fmt.number(round(self.low))} to "
                f"{fmt.number(round(self.high))} tokens/s per GPU, and a service held to a latency target serves "
                f"less: measure yours and give tokens_per_second.")

    def source(self, today: date) -> Source:
        """The audit record of the chosen row."""
        b = self.chosen
        return Source(provider=b.engine, model=f"{b.model} on {b.gpu}",
                      price=f"{fmt.number(round(self.tokens_per_s_per_gpu))} tokens/s per GPU (reference throughput)",
                      as_of=b.as_of, origin=b.source, url=b.url, stale_note=stale_note(b.as_of, today),
                      notes=[b.describe(), f"Load: {b.load}."])


def reference(gpu: str, params_b: float) -> Reference:
    """The reference throughput of `gpu` (a catalog GPU name) serving a model of `params_b` billion parameters."""
    mine = [b for b in benchmarks() if gpu_key(b.gpu) == gpu_key(gpu)]
    if not mine:
        listed = sorted({b.gpu for b in benchmarks()})
        raise InputError(f"no published serving throughput for {gpu} in the reference table.", field="gpu", value=gpu,
                         hint=f"Give tokens_per_second (your measurement), or a GPU with reference figures: "
                              f"{', '.join(listed)}.")
    size = min({b.params_b for b in mine}, key=lambda s: abs(math.log(s / params_b)))
    if max(size, params_b) / min(size, params_b) > MAX_SIZE_RATIO:
        sizes = ", ".join(f"{fmt.number(s)}B" for s in sorted({b.params_b for b in mine}))
        raise InputError(f"no published throughput for a {fmt.number(params_b)}B model on {gpu} (sizes with "
                         f"figures: {sizes}).", field="model_params_b", value=params_b,
                         hint="Give tokens_per_second (your measurement) or one of those sizes.")
    rows = tuple(b for b in mine if b.params_b == size)
    chat = [b for b in rows if (b.isl, b.osl) == CHAT_SHAPE]
    per_gpu = [b.tokens_per_s_per_gpu for b in rows]
    chosen = chat[0] if chat else min(rows, key=lambda b: abs(b.tokens_per_s_per_gpu - median(per_gpu)))
    return Reference(chosen.tokens_per_s_per_gpu, min(per_gpu), max(per_gpu), chosen, rows)
