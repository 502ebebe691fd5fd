"""`python -m benchmarks [--json PATH]`: measure Marginal's answer latency and print a table."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

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


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
            "runs": len(ordered)}


def warm_latency(questions: list[str], rounds: int) -> dict[str, float]:
    """Answer each question `rounds` times with one warm Assistant; milliseconds per answer."""
    from assistant import Assistant

    assistant = Assistant()
    for q in questions:  # warm up: imports, catalog, store
        assistant.ask(q)
    samples = []
    for _ in range(rounds):
        for q in questions:
            started = time.perf_counter()
            assistant.ask(q)
            samples.append((time.perf_counter() - started) * 1000)
    return _percentiles(samples)


def cold_cli(runs: int) -> dict[str, float]:
    """Wall time of a one-shot `python -m assistant ask` in a new process."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant", "ask", CALCULATOR_QUESTIONS[0], "--json"],
                       check=True, capture_output=True)
        samples.append((time.perf_counter() - started) * 1000)
    return _percentiles(samples)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["MARGINAL_DATA_DIR"] = data_dir
        report = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "warm_offline_calculator": warm_latency(CALCULATOR_QUESTIONS, args.rounds),
            "warm_offline_knowledge": warm_latency(KNOWLEDGE_QUESTIONS, args.rounds),
            "cold_cli_ask": cold_cli(3),
        }
    for name, figures in report.items():
        print(f"{name:26} {figures}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
