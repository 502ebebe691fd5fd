"""`python -m benchmarks.fuzz [--n 10000] [--seed 7]`: hostile questions through the whole ask path.

Counts exceptions out of `Assistant.ask` (the contract says none), answers slower than 5 s, and misread
magnitudes: for questions built from a template with a known user count written in one of many forms,
the calculator must get exactly that count, or the answer must refuse it (too large, negative). Half
the inputs are template questions, half are random pieces and characters.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from typing import Any

_FORMS = ("{v:,}", "{v}", "{e}", "10^{p}", "10**{p}", "{k}k", "{m}M", "{m} million")
_HOSTILE = ("1e309", "1e100000", "-500", "10^400", "9" * 60, "$", "%", "per 1M", "from 0 to 1,000", "120%",
            "EUR 30", "£12", "¥", "<img src=x onerror=alert(1)>", "'; DROP TABLE users;--", "\u202e", "\x00",
            "nan", "inf", "sweep users", "break-even", "what if it doubles", "0 users", "1e-400")


def _count_text(rng: random.Random) -> tuple[str, float]:
    power = rng.randint(0, 20)
    value = float(10 ** power) if rng.random() < 0.5 else float(rng.randint(1, 10 ** min(power + 1, 12)))
    form = rng.choice(_FORMS)
    text = form.format(v=int(value), e=f"{value:.0e}".replace("+", ""), p=power, k=int(value // 1000) or 1,
                       m=int(value // 1_000_000) or 1)
    if form in ("10^{p}", "10**{p}"):
        value = float(10 ** power)
    elif form == "{k}k":
        value = float((int(value // 1000) or 1) * 1000)
    elif form in ("{m}M", "{m} million"):
        value = float((int(value // 1_000_000) or 1) * 1_000_000)
    elif form == "{e}":
        value = float(text)
    return text, value


def _random_text(rng: random.Random) -> str:
    pieces = [rng.choice(_HOSTILE) for _ in range(rng.randint(1, 8))]
    pieces += ["".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(0, 30)))]
    rng.shuffle(pieces)
    return " ".join(pieces)


def run(n: int, seed: int) -> dict[str, Any]:
    """Ask `n` fuzzed questions; return the counts and the slowest answer."""
    from assistant import Assistant
    from assistant.planner.normalize import LARGEST

    rng = random.Random(seed)
    assistant = Assistant()
    exceptions, slow, misread, template, slowest = 0, 0, 0, 0, 0.0
    examples: list[str] = []
    for i in range(n):
        if i % 2 == 0:
            text, users = _count_text(rng)
            question = f"{text} users at 4 queries a day, 800 tokens each, $2 per 1M tokens. Monthly cost?"
            template += 1
        else:
            question, users = _random_text(rng), None
        started = time.perf_counter()
        try:
            answer = assistant.ask(question, session_id=f"fuzz-{i}")
        except Exception as exc:  # the contract: ask never raises; count it and keep going
            exceptions += 1
            examples.append(f"{type(exc).__name__}: {question[:80]!r}")
            continue
        took = time.perf_counter() - started
        slowest = max(slowest, took)
        slow += took > 5
        if users is not None:
            calls = [c for c in answer.tool_calls if c.name == "token_cost" and c.error is None]
            refused = not calls and (users > 1e10 or users > LARGEST)  # above the calculator's bound, or absurd
            if not refused and not (calls and calls[0].args.get("users") == users):
                misread += 1
                examples.append(f"misread {users:g}: {question[:80]!r}")
    return {"inputs": n, "template_questions": template, "exceptions": exceptions, "over_5_s": slow,
            "misread_magnitudes": misread, "slowest_s": round(slowest, 3), "examples": examples[:10]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    import os

    os.environ.setdefault("MARGINAL_DATA_DIR", tempfile.mkdtemp(prefix="marginal-fuzz-"))
    print(json.dumps(run(args.n, args.seed), indent=1))


if __name__ == "__main__":
    main()
