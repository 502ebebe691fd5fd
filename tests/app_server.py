"""A real `python app.py` on a free loopback port, shared by the API, MCP and browser tests."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import free_port, serve

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def app_work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app server's working folder; its data dir (MARGINAL_DATA_DIR) is `data/` inside."""
    return tmp_path_factory.mktemp("app")


@pytest.fixture(scope="session")
def app_url(app_work: Path) -> Iterator[str]:
    """The app's URL; the server runs offline with its own data dir and no API key."""
    work = app_work
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MARGINAL_", "GRADIO_"))}
    env |= {"MARGINAL_DATA_DIR": str(work / "data"), "GRADIO_SERVER_PORT": str(port),
            "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}
    url = f"http://127.0.0.1:{port}/"
    with serve([sys.executable, str(ROOT / "app.py")], url, work / "app.log", env=env, cwd=work):
        yield url
