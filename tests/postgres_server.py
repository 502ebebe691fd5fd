"""A real PostgreSQL server on loopback for the session tests (`benchmarks/servers.py` starts it).

Tests that need it skip, saying why, only when the server programs are not installed (CI installs
Debian's `postgresql` in .ci/run, so they run there).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from benchmarks.servers import Postgres, PostgresMissing, postgres


def _started() -> Iterator[Postgres]:
    with ExitStack() as stack:
        try:
            server = stack.enter_context(postgres())
        except PostgresMissing as exc:
            pytest.skip(str(exc))
        yield server


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Postgres]:
    """One PostgreSQL server for the test session (trust auth, loopback only), stopped after."""
    yield from _started()


@pytest.fixture
def own_postgres() -> Iterator[Postgres]:
    """A PostgreSQL server for one test, which may stop and start it."""
    yield from _started()


@pytest.fixture
def database_url(postgres_server: Postgres) -> str:
    """A fresh database on the session's server, for one test."""
    return postgres_server.new_database()
