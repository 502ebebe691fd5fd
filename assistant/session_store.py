"""Where conversations are kept: `sessions.sqlite` in the data dir, or PostgreSQL shared by processes.

`open_session_store(settings)` gives a LangGraph checkpointer: a `SqliteSaver` on
`MARGINAL_DATA_DIR/sessions.sqlite` by default, a `PostgresSaver` (the maintained
`langgraph-checkpoint-postgres`) on a small connection pool when `MARGINAL_DATABASE_URL` is set, so
several app processes serve the same conversations. `prune` keeps one checkpoint per conversation
in either (`assistant/sessions.py` keeps its messages bounded). Database failures become a
`SessionStoreError` naming the server (never its password) and what to check.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.postgres import PostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from assistant.config import Settings
from tools.errors import SessionStoreError

__all__ = ["describe", "open_session_store", "prune", "store_errors"]

_log = logging.getLogger(__name__)
_CONNECT_TIMEOUT_S = 5
_POOL_MAX = 4  # PostgresSaver serialises its own calls (one lock per saver): a few connections suffice
_SETUP_LOCK = 0x6D617267  # advisory lock key: two processes starting at once migrate one at a time
_SETUP_WAIT_S = 60.0
_HINT = ("Check that PostgreSQL is running and MARGINAL_DATABASE_URL names it "
         "(postgresql://user:password@host:5432/database), or unset it to keep sessions in SQLite.")


def describe(url: str) -> str:
    """`host:port/database` of a PostgreSQL URL: enough to find the server, never the password."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "an unreadable MARGINAL_DATABASE_URL"
    return f"{info.get('host') or 'localhost'}:{info.get('port') or 5432}/{info.get('dbname') or ''}"


def open_session_store(settings: Settings) -> BaseCheckpointSaver[str]:
    """The checkpointer for `settings`: PostgreSQL if MARGINAL_DATABASE_URL is set, else SQLite."""
    if settings.database_url is not None:
        return _open_postgres(settings.database_url.get_secret_value())
    return _open_sqlite(Path(settings.data_dir))


def _open_sqlite(data_dir: Path) -> SqliteSaver:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(data_dir / "sessions.sqlite", check_same_thread=False)
        # WAL with normal sync: a commit per turn without an fsync each (still crash-safe).
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    except (OSError, sqlite3.Error) as exc:
        raise SessionStoreError(f"cannot open the session store {data_dir / 'sessions.sqlite'}: {exc}",
                                hint="Check that MARGINAL_DATA_DIR is a writable folder.") from exc
    return SqliteSaver(conn)


def _open_postgres(url: str) -> PostgresSaver:
    """A PostgresSaver on a checked connection pool, its tables created or migrated once."""
    where = describe(url)
    kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row,
              "connect_timeout": _CONNECT_TIMEOUT_S}
    with store_errors(where):
        with psycopg.connect(url, **kwargs) as conn:  # type: ignore[arg-type]
            _migrate(conn, where)
        # Connections are checked when taken (a restarted server costs no failed answer), and a dead
        # server is reported after _CONNECT_TIMEOUT_S rather than the pool's default 30 s. The pool's own
        # reconnection gives up after as long, so a server that comes back is tried at the next request
        # at once, not after a back-off grown while it was down (1, 2, 4, 8 s ...).
        pool: ConnectionPool = ConnectionPool(url, min_size=1, max_size=_POOL_MAX, kwargs=kwargs,
                                              timeout=_CONNECT_TIMEOUT_S, check=ConnectionPool.check_connection,
                                              reconnect_timeout=_CONNECT_TIMEOUT_S, name="marginal-sessions",
                                              open=False)
        pool.open(wait=True, timeout=_CONNECT_TIMEOUT_S)
    return PostgresSaver(pool)  # type: ignore[arg-type]


def _migrate(conn: psycopg.Connection[Any], where: str) -> None:
    """Create or migrate the tables, one process at a time.

    The lock is polled, not awaited: a session blocked in `pg_advisory_lock` holds a snapshot,
    and the migrations' CREATE INDEX CONCURRENTLY waits for every such snapshot (a deadlock).
    """
    deadline = time.monotonic() + _SETUP_WAIT_S
    while not _one(conn, "SELECT pg_try_advisory_lock(%s)", _SETUP_LOCK):
        if time.monotonic() > deadline:
            raise SessionStoreError(f"the session database at {where} is being set up by another process "
                                    f"for over {_SETUP_WAIT_S:.0f} s.", hint=_HINT)
        time.sleep(0.05)  # polling interval
    try:
        PostgresSaver(conn).setup()  # type: ignore[arg-type]
    finally:
        _one(conn, "SELECT pg_advisory_unlock(%s)", _SETUP_LOCK)


def _one(conn: psycopg.Connection[Any], sql: str, *params: object) -> Any:
    row = conn.execute(sql, params).fetchone()  # type: ignore[arg-type]
    return next(iter(row.values())) if isinstance(row, dict) else row[0] if row else None


@contextlib.contextmanager
def store_errors(where: str) -> Iterator[None]:
    """Turn a failure of the session database (down, unknown database, no rights) into a SessionStoreError."""
    try:
        yield
    except (psycopg.Error, PoolTimeout) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise SessionStoreError(f"the session database at {where} cannot be used: {reason}", hint=_HINT) from exc


def prune(saver: BaseCheckpointSaver[str], thread_id: str) -> None:
    """Delete a conversation's checkpoints (and their writes and unused blobs) but the latest.

    Safe for Marginal's graphs: their message channel is a plain reducer, so the latest
    checkpoint holds the whole state (no delta chain through its ancestors), and they have no
    subgraphs (one checkpoint namespace).
    """
    if isinstance(saver, PostgresSaver) and isinstance(saver.conn, ConnectionPool):
        try:
            with saver.conn.connection() as conn:
                conn.execute(_PRUNE_POSTGRES, {"thread": thread_id})
        except psycopg.errors.DeadlockDetected:  # another prune of the same conversation: either one suffices
            _log.debug("prune of a session skipped: another prune of it ran at the same time")
    elif isinstance(saver, SqliteSaver):
        _prune_sqlite(saver, thread_id)


# PostgresSaver.prune(strategy="keep_latest") does the same in 10-15 statements (it also handles
# subgraphs, delta channels and pre-v4 checkpoints, which Marginal's graphs never have): 11 ms a
# turn on the 2-core machine, a third of an answer. One statement, so one snapshot: a checkpoint
# another process saves meanwhile is not seen, and a blob goes only if a deleted checkpoint used it
# and the kept one does not (a blob saved just before its checkpoint is never taken).
_PRUNE_POSTGRES = """
WITH heads AS (
    SELECT DISTINCT ON (checkpoint_ns) checkpoint_ns, checkpoint_id, checkpoint -> 'channel_versions' AS versions
    FROM checkpoints WHERE thread_id = %(thread)s
    ORDER BY checkpoint_ns, checkpoint_id DESC
), gone AS (
    DELETE FROM checkpoints c
    WHERE c.thread_id = %(thread)s AND NOT EXISTS (
        SELECT 1 FROM heads h WHERE h.checkpoint_ns = c.checkpoint_ns AND h.checkpoint_id = c.checkpoint_id)
    RETURNING c.checkpoint_ns, c.checkpoint_id, c.checkpoint -> 'channel_versions' AS versions
), gone_writes AS (
    DELETE FROM checkpoint_writes w USING gone g
    WHERE w.thread_id = %(thread)s AND w.checkpoint_ns = g.checkpoint_ns AND w.checkpoint_id = g.checkpoint_id
), freed AS (
    SELECT g.checkpoint_ns, v.key AS channel, v.value AS version FROM gone g, jsonb_each_text(g.versions) v
    EXCEPT
    SELECT h.checkpoint_ns, v.key, v.value FROM heads h, jsonb_each_text(h.versions) v
)
DELETE FROM checkpoint_blobs b USING freed f
WHERE b.thread_id = %(thread)s AND b.checkpoint_ns = f.checkpoint_ns AND b.channel = f.channel
    AND b.version = f.version
"""


def _prune_sqlite(saver: SqliteSaver, thread_id: str) -> None:
    with saver.cursor() as cur:
        latest = dict(cur.execute(
            "SELECT checkpoint_ns, MAX(checkpoint_id) FROM checkpoints WHERE thread_id = ? "
            "GROUP BY checkpoint_ns", (thread_id,)).fetchall())
        for ns, keep in latest.items():
            cur.execute("DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id <> ?",
                        (thread_id, ns, keep))
            cur.execute("DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id <> ?",
                        (thread_id, ns, keep))
