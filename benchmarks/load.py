"""Load: concurrent simulated users, each a 3-turn conversation through `gradio_client`, on loopback.

`python -m benchmarks.load [--url URL] [--users 50] [--json PATH]` starts `python app.py` (offline
model, temporary data dir) unless a URL is given. Each user asks about their own scenario, then
follows up twice; an answer that shows another user's numbers counts as a leak.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TIME_LIMIT_S = 300.0


def _turns(i: int) -> list[tuple[str, str]]:
    """User i's three questions, each with the text its answer must hold (their own figures)."""
    users, queries, later = 1_000 + 7 * i, 2 + i % 9, 5_000 + 11 * i
    return [(f"What does {users:,} users at {queries} queries a day cost on gpt-4o-mini?",
             f"{users:,} users at {queries} queries per day"),
            (f"and with {later:,} users?", f"{later:,} users at {queries} queries per day"),
            ("double the queries", f"{later:,} users at {2 * queries} queries per day")]


def _text(result: Any) -> str:
    messages = result[0] if isinstance(result, tuple | list) else result
    return "\n".join(str(m.get("content", "")) for m in messages if isinstance(m, dict))


def _user(url: str, i: int, deadline: float) -> dict[str, Any]:
    from gradio_client import Client

    client = Client(url, verbose=False)
    latencies, errors, leaks = [], 0, 0
    for question, expected in _turns(i):
        if time.monotonic() > deadline:
            errors += 1
            continue
        started = time.perf_counter()
        try:
            text = _text(client.predict(question, api_name="/chat"))
        except Exception:  # a failed request is counted, not raised: the report says how many
            errors += 1
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        leaks += expected not in text
    return {"latencies": latencies, "errors": errors, "leaks": leaks}


def run_load(url: str, users: int = 50) -> dict[str, Any]:
    """Run `users` concurrent conversations against `url`; answers per second, latency, errors, leaks."""
    deadline = time.monotonic() + TIME_LIMIT_S
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        results = list(pool.map(lambda i: _user(url, i, deadline), range(users)))
    elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r["latencies"])
    return {"users": users, "turns_per_user": 3, "answers": len(latencies),
            "answers_per_s": round(len(latencies) / elapsed, 2), "wall_s": round(elapsed, 2),
            "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
            "errors": sum(r["errors"] for r in results), "session_leaks": sum(r["leaks"] for r in results)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served_app(data_dir: str | None = None) -> Iterator[tuple[str, float]]:
    """`python app.py` on a free loopback port; yields its URL and the seconds until it served a page."""
    import httpx

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MARGINAL_MODEL"))}
    with tempfile.TemporaryDirectory() as tmp:
        env |= {"GRADIO_SERVER_PORT": str(port), "GRADIO_SERVER_NAME": "127.0.0.1",
                "GRADIO_ANALYTICS_ENABLED": "False", "MARGINAL_DATA_DIR": data_dir or tmp}
        url = f"http://127.0.0.1:{port}/"
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, cwd=tmp,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                if server.poll() is not None:
                    raise RuntimeError("app.py exited before serving a page")
                try:
                    if httpx.get(url, timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.02)
            yield url, time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--url", help="an app already running (default: start python app.py)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.url:
        report = run_load(args.url, args.users)
    else:
        with served_app() as (url, _):
            report = run_load(url, args.users)
    print(json.dumps(report, indent=1))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    return 0 if report["errors"] == 0 and report["session_leaks"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
