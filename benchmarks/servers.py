"""Real servers on loopback for the benchmarks and tests: PostgreSQL (initdb + pg_ctl) and `python app.py`.

Debian's `postgresql` package puts `initdb` and `pg_ctl` in /usr/lib/postgresql/<version>/bin. They
refuse to run as root, so as root they run as the `postgres` user in a folder it owns.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MISSING = ("PostgreSQL server programs (initdb, pg_ctl) are not installed: "
           "apt-get install postgresql (CI does, in .ci/run)")


class PostgresMissing(RuntimeError):
    """initdb/pg_ctl are not installed, or there is no account to run them as."""


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin with initdb, else the folder of an initdb on PATH."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _account() -> tuple[dict[str, Any], str]:
    """How to run the server programs (as `postgres` when we are root), and the superuser's name."""
    if os.geteuid() != 0:
        return {}, pwd.getpwuid(os.geteuid()).pw_name
    try:
        account = pwd.getpwnam("postgres")
    except KeyError as exc:
        raise PostgresMissing("running as root and there is no `postgres` user to run PostgreSQL as") from exc
    return {"user": account.pw_uid, "group": account.pw_gid}, "postgres"


@dataclass
class Postgres:
    """A running server: `url(db)` connects to one of its databases as its superuser; `stop`/`start` it."""

    port: int
    user: str
    control: Callable[[str], None]  # runs pg_ctl with "start" or "stop"
    host: str = "127.0.0.1"

    def stop(self) -> None:
        self.control("stop")

    def start(self) -> None:
        self.control("start")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        name = f"m_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextmanager
def postgres() -> Iterator[Postgres]:
    """A PostgreSQL server in a temp dir, trust auth, listening on loopback only; stopped and deleted after."""
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        raise PostgresMissing(MISSING)
    as_user, superuser = _account()
    root = Path(tempfile.mkdtemp(prefix="marginal-pg-"))
    if as_user:
        os.chown(root, as_user["user"], as_user["group"])
    data, port = root / "data", free_port()
    env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}

    def run(*cmd: str, check: bool = True) -> None:
        subprocess.run(cmd, check=check, capture_output=True, env=env, cwd=root, **as_user)

    options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c max_connections=200 -c shared_buffers=64MB")

    def control(action: str) -> None:
        more = ["-o", options, "-l", str(root / "server.log")] if action == "start" else ["-m", "immediate"]
        run(str(bin_dir / "pg_ctl"), "-D", str(data), *more, "-w", action)

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", superuser, "-E", "UTF8", "--no-sync")
        control("start")
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}") from exc
    try:
        yield Postgres(port, superuser, control)
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class App:
    """A running `python app.py`: its URL and process id."""

    url: str
    pid: int


def app_env(data_dir: str, port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of an offline app process: no keys, nothing of the caller's Marginal settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MARGINAL_", "GRADIO_"))}
    return env | {"GRADIO_SERVER_PORT": str(port), "GRADIO_SERVER_NAME": "127.0.0.1",
                  "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "MARGINAL_DATA_DIR": data_dir,
                  **(extra or {})}


@contextmanager
def served_apps(count: int = 1, extra_env: dict[str, str] | None = None, timeout_s: float = 180,
                log_dir: Path | None = None) -> Iterator[tuple[list[App], float]]:
    """`count` app processes on free loopback ports (own data dirs, `extra_env` shared).

    Yields them and the seconds until the last one served its page. Their output goes to
    `log_dir/app-N.log` if given (kept), else to their temporary folders.
    """
    import httpx

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        started = time.perf_counter()
        apps = []
        for i in range(count):
            port, work = free_port(), Path(tmp) / f"app-{i}"
            work.mkdir()
            env = app_env(str(work / "data"), port, extra_env)
            log_path = (log_dir / f"app-{i}.log") if log_dir else work / "app.log"
            log = stack.enter_context(log_path.open("w"))
            proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, cwd=work, stdout=log,
                                    stderr=subprocess.STDOUT)
            stack.callback(_stop, proc)
            apps.append((App(f"http://127.0.0.1:{port}/", proc.pid), proc, log_path))
        deadline = time.monotonic() + timeout_s
        for app, proc, log_path in apps:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"app.py exited before serving a page: {log_path.read_text()[-2000:]}")
                try:
                    if httpx.get(app.url, timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"app.py did not serve a page in {timeout_s:.0f} s")
                time.sleep(0.05)  # polling interval, not a wait for a fixed time
        yield [a for a, _, _ in apps], time.perf_counter() - started


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
