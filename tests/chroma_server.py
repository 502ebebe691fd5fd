"""A real `chroma run` server on loopback (MARGINAL_CHROMA_URL), for the server-mode tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import chroma_server


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    """A Chroma server for one test."""
    with chroma_server(tmp_path) as url:
        yield url
