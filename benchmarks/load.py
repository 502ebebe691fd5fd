"""Load: concurrent simulated users, each a 3-turn conversation, over one or more app processes on loopback.

`python -m benchmarks.load [--users 50 100] [--processes 2] [--url URL ...] [--gradio-client] [--json PATH]`
starts `--processes` offline `python app.py` (each with its own data dir; with two or more, they share
a temporary PostgreSQL server through MARGINAL_DATABASE_URL) unless URLs are given. Half the users
chat like the page (`/chat`, the conversation id in the browser session, so each stays on one
process); the other half use the `ask` API with a session id and move to the next process at every
turn, as behind a load balancer that does not pin clients. Each user asks about their own
scenario, then follows up twice; an answer showing another user's scenario is a leak, one that lacks
the user's own figures is wrong (the first problems are listed in the report).
The client is `benchmarks/chat_client.py` (one event loop); `--gradio-client` uses `gradio_client`
threads instead, as the figures before 2026-12 did.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import httpx

from benchmarks.chat_client import ChatUser, Endpoint, chat_text
from benchmarks.servers import cpu_seconds, postgres, served_apps

TIME_LIMIT_S = 600.0


def _turns(i: int) -> list[tuple[str, str]]:
    """User i's three questions, each with the text its answer must hold (their own figures)."""
    users, queries, later = 1_000 + 7 * i, 2 + i % 9, 5_000 + 11 * i
    return [(f"What does {users:,} users at {queries} queries a day cost on gpt-4o-mini?",
             f"{users:,} users at {queries} queries per day"),
            (f"and with {later:,} users?", f"{later:,} users at {queries} queries per day"),
            ("what if usage doubles?", f"{later:,} users at {2 * queries} queries per day")]


class _ApiUser:
    """A client of the `ask` API: the conversation is its session id, so any process can take any turn."""

    def __init__(self, http: httpx.AsyncClient, endpoints: Sequence[Endpoint], i: int) -> None:
        self.users = [ChatUser(http, e) for e in endpoints]
        self.session, self.turn, self.i = f"load-{i}", 0, i

    async def ask(self, question: str) -> str:
        user = self.users[(self.i + self.turn) % len(self.users)]
        self.turn += 1
        result = await user.send(question, self.session)
        return str(json.loads(result[0])["answer"])


_USERS = re.compile(r"([\d,]+) users at \d+ queries per day")


def _outcome(i: int, expected: str, text: str) -> str:
    """ok; leak (the answer shows another user's scenario); wrong (it lacks this user's own figures).

    Every user's user counts are their own (1,000 + 7i at first, then 5,000 + 11i), so a scenario with
    a count that is not one of this user's came from another conversation.
    """
    own = {e.split(" users")[0] for _, e in _turns(i)}
    if any(found not in own for found in _USERS.findall(text)):
        return "leak"
    return "ok" if expected in text else "wrong"


class _Tally:
    """One user's latencies, errors, leaks and wrong answers, with the first problems kept to read."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.counts = {"errors": 0, "leaks": 0, "wrong": 0}
        self.problems: list[str] = []

    def problem(self, kind: str, detail: str) -> None:
        self.counts[kind] += 1
        self.problems.append(f"{kind}: {' '.join(detail.split())[:300]}")

    def report(self) -> dict[str, Any]:
        return {"latencies": self.latencies, **self.counts, "problems": self.problems[:3]}


async def _conversation(i: int, ask: Callable[[str], Awaitable[str]], deadline: float) -> dict[str, Any]:
    tally = _Tally()
    for question, expected in _turns(i):
        if time.monotonic() > deadline:
            tally.problem("errors", "time limit")
            continue
        started = time.perf_counter()
        try:
            text = await ask(question)
        except Exception as exc:  # a failed request is counted, not raised: the report says how many
            tally.problem("errors", f"{type(exc).__name__}: {exc}")
            continue
        tally.latencies.append((time.perf_counter() - started) * 1000)
        if (outcome := _outcome(i, expected, text)) != "ok":
            tally.problem("leaks" if outcome == "leak" else "wrong", f"user {i}, {question!r}: {text}")
    return tally.report()


async def _user(http: httpx.AsyncClient, chat: Sequence[Endpoint], api: Sequence[Endpoint], i: int,
                deadline: float) -> dict[str, Any]:
    if i % 2 == 0:  # like the page: one browser session on one process
        page = ChatUser(http, chat[(i // 2) % len(chat)])

        async def ask(question: str) -> str:
            return chat_text(await page.ask(question))

        return await _conversation(i, ask, deadline)
    return await _conversation(i, _ApiUser(http, api, i).ask, deadline)


async def _run_users(urls: Sequence[str], users: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + TIME_LIMIT_S
    # Idle connections are dropped before uvicorn's 5 s keep-alive ends, so none is reused as it closes.
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=4 * users, keepalive_expiry=2.0)
    async with httpx.AsyncClient(timeout=httpx.Timeout(TIME_LIMIT_S, connect=30), limits=limits) as http:
        chat = [await Endpoint.find(http, url, "chat") for url in urls]
        api = [await Endpoint.find(http, url, "ask") for url in urls]
        return list(await asyncio.gather(*[_user(http, chat, api, i, deadline) for i in range(users)]))


def _gradio_client_user(url: str, i: int, deadline: float) -> dict[str, Any]:
    """One user through `gradio_client` threads on `/chat` (how this benchmark measured before)."""
    from gradio_client import Client

    client = Client(url, verbose=False)

    async def ask(question: str) -> str:
        return chat_text(client.predict(question, api_name="/chat"))

    return asyncio.run(_conversation(i, ask, deadline))


def run_load(urls: Sequence[str] | str, users: int = 50, *, pids: Sequence[int] = (),
             gradio_client: bool = False) -> dict[str, Any]:
    """Run `users` concurrent conversations spread over `urls`; answers per second, latency, errors, leaks.

    With `pids` (the app processes), also the servers' CPU milliseconds per answer; always the client's
    (this process) and the machine's load average before and after.
    """
    urls = [urls] if isinstance(urls, str) else list(urls)
    cpu_before = sum(cpu_seconds(p) for p in pids)
    client_before, load_before = _own_cpu_seconds(), os.getloadavg()[0]
    started = time.perf_counter()
    if gradio_client:
        deadline = time.monotonic() + TIME_LIMIT_S
        with ThreadPoolExecutor(max_workers=users) as pool:
            results = list(pool.map(lambda i: _gradio_client_user(urls[i % len(urls)], i, deadline), range(users)))
    else:
        results = asyncio.run(_run_users(urls, users))
    elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r["latencies"])
    report = {"users": users, "processes": len(urls), "turns_per_user": 3,
              "client": "gradio_client" if gradio_client else "http", "answers": len(latencies),
              "answers_per_s": round(len(latencies) / elapsed, 2), "wall_s": round(elapsed, 2),
              "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
              "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
              "errors": sum(r["errors"] for r in results), "session_leaks": sum(r["leaks"] for r in results),
              "wrong_answers": sum(r["wrong"] for r in results),
              "problems": [p for r in results for p in r["problems"]][:5],
              "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]}
    if latencies:  # the client shares the machine with the servers: what it took is reported beside theirs
        report["client_cpu_ms_per_answer"] = round((_own_cpu_seconds() - client_before) / len(latencies) * 1000, 1)
    if pids and latencies:
        report["server_cpu_ms_per_answer"] = round((sum(cpu_seconds(p) for p in pids) - cpu_before)
                                                   / len(latencies) * 1000, 1)
    return report


def _own_cpu_seconds() -> float:
    """User + system CPU seconds of this process (the client), its app processes not included."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _warm(urls: Sequence[str]) -> None:
    """One conversation per process first, so imports and caches are not counted."""
    asyncio.run(_run_users(urls, 2 * len(urls)))


def load_report(users: Sequence[int], processes: int = 1, *, gradio_client: bool = False,
                log_dir: Path | None = None) -> list[dict[str, Any]]:
    """Start `processes` apps (sharing a temporary PostgreSQL when more than one) and load them at each size."""
    with postgres() if processes > 1 else nullcontext() as pg:
        extra = {"MARGINAL_DATABASE_URL": pg.new_database()} if pg is not None else {}
        with served_apps(processes, extra, log_dir=log_dir) as (apps, _):
            urls, pids = [a.url for a in apps], [a.pid for a in apps]
            _warm(urls)
            return [run_load(urls, n, pids=pids, gradio_client=gradio_client) for n in users]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--url", action="append", help="an app already running (repeat for several processes)")
    parser.add_argument("--users", type=int, nargs="+", default=[50], help="concurrent users, one run each")
    parser.add_argument("--processes", type=int, default=1, help="app processes to start (default 1)")
    parser.add_argument("--gradio-client", action="store_true", help="use gradio_client threads as the client")
    parser.add_argument("--logs", type=Path, help="keep the app processes' output in this folder")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.url:
        reports = [run_load(args.url, n, gradio_client=args.gradio_client) for n in args.users]
    else:
        reports = load_report(args.users, args.processes, gradio_client=args.gradio_client, log_dir=args.logs)
    print(json.dumps(reports, indent=1))
    if args.json:
        args.json.write_text(json.dumps(reports, indent=1) + "\n")
    return 0 if all(r["errors"] == r["session_leaks"] == r["wrong_answers"] == 0 for r in reports) else 1


if __name__ == "__main__":
    raise SystemExit(main())
