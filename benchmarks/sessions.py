"""Sessions: the size of `sessions.sqlite` and the latency of each turn over one long conversation.

`python -m benchmarks.sessions [--turns 1000] [--json PATH]` asks one offline assistant a
1,000-turn conversation (a new scenario, a follow-up on users, "double the queries", repeated) in
a temporary data dir, and reports the database size (with its WAL) and the per-turn latency at
checkpoints along the way. Before sessions were bounded, 400 turns took 2.5 GB and 200 ms a turn.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import print_report

MARKS = (10, 100, 250, 500, 1000)
_BLOCK = 50  # turns per latency figure


def _turn(i: int) -> str:
    return [f"What do {1_000 + 7 * i:,} users at 20 queries a day cost on gpt-4o-mini?",
            f"and with {30_000 + i:,} users?", "double the queries"][i % 3]


def _size_mb(data_dir: Path) -> float:
    files = [data_dir / "sessions.sqlite", data_dir / "sessions.sqlite-wal"]
    return round(sum(f.stat().st_size for f in files if f.exists()) / 1e6, 2)


def _rows(data_dir: Path) -> dict[str, int]:
    with sqlite3.connect(data_dir / "sessions.sqlite") as db:
        return {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("checkpoints", "writes")}


def long_session(turns: int = 1000) -> dict[str, Any]:
    """One conversation of `turns` turns: DB size and latency (p50 of the 50 turns before each mark)."""
    from assistant import Assistant, Settings

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        assistant = Assistant(Settings(data_dir=data_dir))
        assistant.ask(_turn(0), session_id="warm-up")  # imports and catalog, outside the figures
        samples: list[float] = []
        marks: dict[str, dict[str, float]] = {}
        for i in range(turns):
            started = time.perf_counter()
            assistant.ask(_turn(i), session_id="long")
            samples.append((time.perf_counter() - started) * 1000)
            if i + 1 in MARKS or i + 1 == turns:
                recent = samples[-_BLOCK:]
                marks[str(i + 1)] = {"db_mb": _size_mb(data_dir),
                                     "p50_ms": round(statistics.median(recent), 2),
                                     "p95_ms": round(sorted(recent)[int(0.95 * (len(recent) - 1))], 2)}
        window = assistant.settings.session_turns
        return {"turns": turns, "session_turns": window, "at_turn": marks, "rows": _rows(data_dir),
                "p50_ms": round(statistics.median(samples), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sessions")
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    return print_report(long_session(args.turns), args.json)


if __name__ == "__main__":
    raise SystemExit(main())
