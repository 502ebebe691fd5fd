"""Sessions in PostgreSQL (MARGINAL_DATABASE_URL): a real server on loopback, bounded like SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from servers import free_port

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.session_store import open_session_store
from assistant.sessions import split_turns
from assistant.web import AssistantPool
from assistant.workbench import FIELDS
from assistant.workbench_actions import WorkbenchActions
from benchmarks.servers import Postgres
from tools.errors import ConfigError

pytestmark = pytest.mark.server
pytest_plugins = ["postgres_server"]
ROOT = Path(__file__).resolve().parents[1]
QUESTION = "What does 100k users at 20 queries a day cost on gpt-4o-mini?"


def fake_search(query: str, k: int) -> list[dict]:
    return []


def _rows(url: str, thread: str) -> tuple[int, int, int]:
    """Checkpoints, writes and blobs stored for a conversation."""
    with psycopg.connect(url) as db:
        return tuple(db.execute(f"SELECT COUNT(*) FROM {table} WHERE thread_id = %s", (thread,)).fetchone()[0]
                     for table in ("checkpoints", "checkpoint_writes", "checkpoint_blobs"))  # type: ignore[return-value]


def _turn(i: int) -> str:
    return [f"What do {1_000 + i:,} users at 20 queries a day cost on gpt-4o-mini?",
            "and with 30,000 users?", "double the queries"][i % 3]


def test_sessions_live_in_postgres_bounded_like_sqlite(database_url: str, _isolated_env: Path) -> None:
    assistant = Assistant(Settings(MARGINAL_DATABASE_URL=database_url, MARGINAL_SESSION_TURNS=3), search=fake_search)
    rows = {}
    for i in range(24):
        assistant.ask(_turn(i), session_id="long")
        rows[i + 1] = _rows(database_url, "long")
    assert rows[24][:2] == (1, 0), f"one checkpoint and no writes are kept per conversation: {rows}"
    assert rows[24][2] <= rows[6][2], f"the checkpoint's blobs stop growing: {rows}"
    assistant.sessions.prune(["long"], strategy="keep_latest")  # the maintained prune finds nothing left to do
    assert _rows(database_url, "long") == rows[24]
    assert len(split_turns(assistant._history("long"))) <= 3 + 2
    follow = assistant.ask("and with 45,000 users?", session_id="long").tool_calls[0]
    assert follow.args["users"] == 45_000 and follow.args["queries_per_user"] == 40
    assert not (_isolated_env / "sessions.sqlite").exists(), "nothing is written to SQLite"


def test_a_conversation_continues_in_another_assistant_on_the_same_database(database_url: str) -> None:
    first, second = (Assistant(Settings(MARGINAL_DATABASE_URL=database_url), search=fake_search) for _ in range(2))
    first.ask("What does 100k users at 20 queries a day cost on gpt-4o-mini?", session_id="q3")
    first.ask("What does 2,000 users at 5 queries a day cost on gpt-4o?", session_id="other")
    answer = second.ask("what if usage doubled?", session_id="q3")
    call = answer.tool_calls[-1]
    assert (call.args["users"], call.args["queries_per_user"], call.args["model"]) == (100_000, 40, "gpt-4o-mini")
    assert "$31,500" in answer.answer
    other = second.ask("and with 30,000 users?", session_id="other").tool_calls[-1]
    assert (other.args["users"], other.args["queries_per_user"], other.args["model"]) == (30_000, 5, "gpt-4o")


def test_processes_starting_at_once_create_the_tables_once(database_url: str) -> None:
    settings = Settings(MARGINAL_DATABASE_URL=database_url)
    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: open_session_store(settings), range(4)))
    assert len(stores) == 4
    with psycopg.connect(database_url) as db:
        versions = [v for (v,) in db.execute("SELECT v FROM checkpoint_migrations ORDER BY v")]
    assert versions == list(range(len(versions))) and versions, "each migration ran exactly once"


def test_an_unreachable_database_is_a_readable_answer_without_the_password(_isolated_env: Path) -> None:
    url = f"postgresql://marginal:s3cret-pw@127.0.0.1:{free_port()}/marginal"
    answer = Assistant(Settings(MARGINAL_DATABASE_URL=url), search=fake_search).ask(
        "What does 100k users at 20 queries a day cost on gpt-4o-mini?", session_id="x")
    assert answer.error and "session database at 127.0.0.1" in answer.answer
    assert "MARGINAL_DATABASE_URL" in answer.answer, "the message says what to check"
    assert "s3cret-pw" not in answer.answer and "Traceback" not in answer.answer


def test_a_url_that_is_not_postgresql_is_refused_with_an_example() -> None:
    with pytest.raises(ConfigError, match="postgresql://") as caught:
        Settings(MARGINAL_DATABASE_URL="mysql://root:hunter2@db/marginal")
    assert "hunter2" not in str(caught.value)


def test_the_app_will_not_start_on_an_unreachable_database_and_says_why(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MARGINAL_", "GRADIO_"))}
    env |= {"MARGINAL_DATA_DIR": str(tmp_path / "data"), "GRADIO_SERVER_PORT": str(free_port()),
            "MARGINAL_DATABASE_URL": f"postgresql://marginal:s3cret-pw@127.0.0.1:{free_port()}/marginal"}
    done = subprocess.run([sys.executable, str(ROOT / "app.py")], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "session database at 127.0.0.1" in done.stderr and "MARGINAL_DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr and "s3cret-pw" not in done.stderr


def test_a_database_that_goes_away_is_a_readable_answer_and_its_return_is_picked_up(own_postgres: Postgres) -> None:
    assistant = Assistant(Settings(MARGINAL_DATABASE_URL=own_postgres.new_database()), search=fake_search)
    assert "$15,750" in assistant.ask(QUESTION, session_id="q").answer
    own_postgres.stop()
    down = assistant.ask("and with 30,000 users?", session_id="q")
    assert down.error and "session database at 127.0.0.1" in down.answer and "Traceback" not in down.answer
    own_postgres.start()
    back = assistant.ask("and with 30,000 users?", session_id="q")
    assert not back.error and "$4,725" in back.answer, "the conversation is still there"


def test_a_database_that_does_not_exist_is_named_in_the_answer(postgres_server: Postgres) -> None:
    url = postgres_server.url("no_such_database")
    answer = Assistant(Settings(MARGINAL_DATABASE_URL=url), search=fake_search).ask(QUESTION, session_id="x")
    assert answer.error and "session database at 127.0.0.1" in answer.answer and "no_such_database" in answer.answer


def test_a_scenario_set_in_the_scenario_tab_is_the_next_process_s_too(database_url: str) -> None:
    settings = Settings(MARGINAL_DATABASE_URL=database_url)
    actions = WorkbenchActions(AssistantPool(Assistant(settings, search=fake_search)))
    first = actions.refresh(None, None, None)
    values, shown = list(first[:len(FIELDS)]), first[len(FIELDS)]
    values[[f.key for f in FIELDS].index("usage.users")] = 30_000
    session = actions.edit(*values, shown, None, None, None)[-1]
    other = Assistant(settings, search=fake_search)  # another process: only the database is shared
    held = other.session_scenario(session)
    assert held is not None and held.scenario.usage.users == 30_000
    assert "$9,450" in other.ask("what if usage doubled?", session_id=session).answer  # 30,000 x 40 x 30 x $0.0002625
