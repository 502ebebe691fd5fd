"""A real PostgreSQL server on loopback for the session tests: initdb + pg_ctl in a temp dir.

Debian's `postgresql` package puts `initdb` and `pg_ctl` in /usr/lib/postgresql/<version>/bin; they
refuse to run as root, so as root they run as the `postgres` user in a folder it owns. Tests that
need the server skip, saying why, only when those programs are not installed (CI installs them).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from servers import free_port

MISSING = ("PostgreSQL server programs (initdb, pg_ctl) are not installed: "
           "apt-get install postgresql (CI does, in .ci/run)")


def _bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin with initdb, else the folder of an initdb on PATH."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3])
                   if p.parts[-3].isdigit() else 0)
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


@dataclass
class PostgresServer:
    """A running server: `url(db)` connects to one of its databases as its superuser."""

    host: str
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _runner() -> tuple[dict[str, object], str]:
    """How to run the server programs (as `postgres` when we are root) and the superuser's name."""
    if os.geteuid() != 0:
        return {}, pwd.getpwuid(os.geteuid()).pw_name
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no `postgres` user to run the PostgreSQL server as")
    return {"user": account.pw_uid, "group": account.pw_gid}, "postgres"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """Start one PostgreSQL server for the test session (trust auth, loopback only); stop it after."""
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        pytest.skip(MISSING)
    as_user, superuser = _runner()
    root = Path(tempfile.mkdtemp(prefix="marginal-pg-"))
    data = root / "data"
    if as_user:
        os.chown(root, int(as_user["user"]), int(as_user["group"]))  # type: ignore[call-overload]
    port = free_port()
    env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}

    def run(*cmd: str) -> None:
        subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=root, **as_user)  # type: ignore[call-overload]

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", superuser, "-E", "UTF8", "--no-sync")
        options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c max_connections=200 -c shared_buffers=64MB")
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w",
            "start")
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}") from exc
    try:
        yield PostgresServer("127.0.0.1", port, superuser)
    finally:
        subprocess.run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, env=env, cwd=root, **as_user)  # type: ignore[call-overload]
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def database_url(postgres: PostgresServer) -> str:
    """A fresh database on the session's server, for one test."""
    return postgres.new_database()
