"""Start real server processes on loopback for tests, and wait for them to answer (never a fixed sleep)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(cmd: Sequence[str], ready_url: str, log_path: Path, env: dict[str, str] | None = None,
          timeout_s: float = 90, cwd: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """Run `cmd` until `ready_url` answers 200, yield the process, and stop it afterwards."""
    with log_path.open("w") as log:
        server = subprocess.Popen(list(cmd), stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        deadline = time.monotonic() + timeout_s
        try:
            while True:
                assert server.poll() is None, log_path.read_text()
                try:
                    if httpx.get(ready_url, timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, f"{cmd[0]} did not answer in {timeout_s} s: {log_path.read_text()}"
                time.sleep(0.05)  # polling interval, not a wait for a fixed time
            yield server
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextmanager
def chroma_server(folder: Path) -> Iterator[str]:
    """Start `chroma run` on a free loopback port with its data in `folder`, wait for its heartbeat, stop it after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [str(CHROMA), "run", "--path", str(folder / "server-data"), "--host", "127.0.0.1", "--port", str(port)]
    with serve(cmd, f"{url}/api/v2/heartbeat", folder / "chroma.log"):
        yield url
