"""Answer latency: warm offline answers, a cold one-shot CLI, and `python app.py` to a served page."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import Any

CALCULATOR_QUESTIONS = [
    "What does 100k users at 20 queries a day cost per month at $0.002 per 1K tokens with 1,000 tokens per query?",
    "We pay 40% of revenue to OpenAI. What is our gross margin?",
    "A $500k fine-tune saves $50,000 a month: when does it pay back?",
    "8 H100s at $2.50 per hour doing 1,500 tokens per second at 60% utilization: cost per 1M tokens?",
    "What do 50k seats at 300 prompts a month cost on gpt-4o-mini?",
]
KNOWLEDGE_QUESTIONS = [
    "Why can self-hosting Llama cost more than an API?",
    "What did the compliance-heavy startup spend?",
    "How much does ChatGPT cost to run per day?",
]


def percentiles(samples: list[float]) -> dict[str, float]:
    """Median and 95th percentile of millisecond samples."""
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2), "runs": len(ordered)}


def warm(questions: list[str], rounds: int) -> dict[str, float]:
    """Answer each question `rounds` times with one warm Assistant."""
    from assistant import Assistant
    from assistant.planner.plan import clear_plan_cache

    assistant = Assistant()
    for q in questions:  # warm up: imports, catalog, store
        assistant.ask(q)
    samples = []
    for _ in range(rounds):
        for q in questions:
            clear_plan_cache()  # each answer plans from scratch, as a new question would
            started = time.perf_counter()
            assistant.ask(q)
            samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def cold_cli(runs: int) -> dict[str, float]:
    """Wall time of a one-shot `python -m assistant ask` in a new process (store already built)."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant", "ask", CALCULATOR_QUESTIONS[0], "--json"],
                       check=True, capture_output=True)
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def app_start(runs: int, data_dir: str) -> dict[str, Any]:
    """Seconds from `python app.py` to its first served page (knowledge store already built)."""
    from benchmarks.servers import served_apps

    samples = []
    for _ in range(runs):
        with served_apps(1, {"MARGINAL_DATA_DIR": data_dir}) as (_, seconds):
            samples.append(seconds * 1000)
    return percentiles(samples)
