"""Shared fixtures: every test gets its own data dir, and nothing reads the developer's .env."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path / "marginal-data"
    monkeypatch.setenv("MARGINAL_DATA_DIR", str(data_dir))
    for var in ("MARGINAL_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "MARGINAL_CHROMA_URL",
                "MARGINAL_EMBEDDINGS", "MARGINAL_PRICES_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the checkout
    return data_dir
