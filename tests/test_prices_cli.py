"""`marginal prices [SEARCH]`, `marginal prices MODEL` and `marginal prices update` through the real CLI."""

from __future__ import annotations

import json
import shlex
from datetime import date
from pathlib import Path

import pytest
from test_price_update import ACME

from assistant.cli import main
from tools import price_data


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["prices", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_search_lists_the_makers_row_first_with_its_prices(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "gpt-4o-mini", "--list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) > 3
    first = rows[0]
    assert (first["provider"], first["model"], first["ask_as"]) == ("openai", "gpt-4o-mini", "gpt-4o-mini")
    assert (first["input_per_1m"], first["output_per_1m"], first["cache_read_per_1m"]) == (0.15, 0.6, 0.075)
    assert "batch" in first["tiers"]
    assert all("4o" in r["model"].lower() and "mini" in r["model"].lower() for r in rows)
    hosted = [r for r in rows if r["provider"] != "openai"]
    assert hosted and all(r["ask_as"].endswith(f" on {r['provider']}") for r in hosted)


def test_the_table_is_readable_and_says_how_to_narrow(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "claude", "--limit", "3")
    assert code == 0
    assert "models match 'claude'" in out and "bundled snapshot, checked" in out
    assert "anthropic" in out and "more: narrow the search" in out


def test_stale_and_deprecated_rows_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "deepseek-chat", "--list", "--json")
    row = next(r for r in json.loads(out) if r["model"] == "deepseek-chat" and r["provider"] == "deepseek")
    assert row["stale"] and row["age_days"] > 180
    assert row["deprecated"] and "deprecation" in row["deprecated"]
    assert row["source"] == "Marginal overlay (corrects genai-prices)"


def test_one_model_shows_its_variants_and_how_to_pick_another(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "gpt-4o-mini", "--json")
    detail = json.loads(out)
    assert code == 0 and detail["price"]["model"] == "gpt-4o-mini" and detail["history"]
    batch = next(v for v in detail["variants"] if "batch" in v["when"])
    assert (batch["input_per_1m"], batch["output_per_1m"]) == (0.075, 0.3)
    code, out, _ = _run(capsys, "gpt-4o-mini")
    assert "Variants" in out and "processing=batch" in out and "To pick another" in out


def test_a_named_host_is_priced_there_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "llama 3 70b on groq")
    assert code == 0 and "at groq" in out and "because you named the host" in out


def test_history_comes_from_the_saved_data(capsys: pytest.CaptureFixture[str], _isolated_env: Path) -> None:
    price_data.save(_isolated_env, json.dumps(ACME).encode(), date(2026, 12, 1), "https://example.test/d.json")
    code, out, _ = _run(capsys, "acme-chat-2", "--json")
    detail = json.loads(out)
    assert code == 0 and detail["price"]["checked"] == "2026-12-01"
    assert [h["when"] for h in detail["history"]] == ["from 2026-01-01", "from 2026-06-01"]
    assert [h["input_per_1m"] for h in detail["history"]] == [1.0, 0.5]


def test_your_prices_file_is_listed_as_yours(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("models:\n  - model: house-llm\n    provider: us\n    input_per_1m: 0.2\n"
                    "    output_per_1m: 0.8\n    as_of: 2026-11-01\n    origin: our contract\n", encoding="utf-8")
    monkeypatch.setenv("MARGINAL_PRICES_FILE", str(mine))
    _, out, _ = _run(capsys, "house", "--json")
    assert [(r["model"], r["source"], r["output_per_1m"]) for r in json.loads(out)] == \
        [("house-llm", "your prices file", 0.8)]


def test_an_unknown_model_lists_close_names_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "gpt4o mnii zz")
    assert code == 2 and out == ""
    assert "unknown model 'gpt4o mnii zz'" in err and "Did you mean" in err and "gpt-4o-mini" in err
    assert "Traceback" not in err


def test_update_offline_keeps_the_bundled_snapshot_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "update", "--timeout", "5")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "cannot fetch genai-prices data" in err and "bundled snapshot (checked" in err and "stays in use" in err


def test_the_readme_prices_commands_run(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    commands = [shlex.split(line.split("#")[0])[1:] for line in readme.splitlines()
                if line.startswith(".venv/bin/marginal prices")]
    assert len(commands) == 4 and ["prices", "update"] in commands
    for argv in commands:
        code = main([*argv, "--timeout", "5"] if argv == ["prices", "update"] else argv)
        out, err = capsys.readouterr()
        assert code == (1 if argv == ["prices", "update"] else 0), (argv, err)
        assert "Traceback" not in out + err
