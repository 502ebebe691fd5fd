"""`marginal prices update` and the saved genai-prices data the catalog then uses.

The offline path is real (this machine has no internet). The online path is a real HTTP fetch from
a loopback server serving a small genai-prices data file written here.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from servers import free_port, serve

from assistant.price_update import update
from tools import price_data
from tools.catalog import Catalog
from tools.errors import UnknownModelError
from tools.snapshot import bundled

ACME = [{
    "id": "acme", "name": "Acme AI", "api_pattern": r"https://api\.acme\.test",
    "pricing_urls": ["https://acme.test/pricing"], "model_match": {"starts_with": "acme-"},
    "models": [{"id": "acme-chat-2", "name": "Acme Chat 2", "match": {"equals": "acme-chat-2"},
                "prices": [{"constraint": {"start_date": "2026-01-01"},
                            "prices": {"input_mtok": 1, "output_mtok": 4, "cache_read_mtok": 0.1}},
                           {"constraint": {"start_date": "2026-06-01"},
                            "prices": {"input_mtok": 0.5, "output_mtok": 2}}]}],
}]


def _save_acme(data_dir: Path, fetched: date = date(2026, 12, 1)) -> Path:
    path, _ = price_data.save(data_dir, json.dumps(ACME).encode(), fetched, "https://example.test/data.json")
    return path


def test_the_catalog_prices_from_a_saved_file_dated_as_fetched(tmp_path: Path) -> None:
    _save_acme(tmp_path)
    catalog = Catalog(data_dir=tmp_path, today=date(2026, 12, 2))
    price = catalog.model("acme chat 2")
    assert (price.input_per_1m, price.output_per_1m, price.as_of) == (0.5, 2.0, date(2026, 6, 1))
    assert price.checked == date(2026, 12, 1)
    assert "fetched 2026-12-01" in price.origin
    assert catalog.model("acme-chat-2", on=date(2026, 3, 1)).cached_input_per_1m == 0.1
    with pytest.raises(UnknownModelError):  # the saved data replaces the bundled snapshot whole
        catalog.model("gpt-4o-mini")


def test_without_a_saved_file_the_bundled_snapshot_is_used(tmp_path: Path) -> None:
    catalog = Catalog(data_dir=tmp_path)
    assert catalog.snapshot is bundled()
    assert catalog.model("gpt-4o-mini").checked == Catalog().checked


def test_a_damaged_saved_file_falls_back_to_the_bundled_snapshot_and_says_so(tmp_path: Path) -> None:
    data_file = _save_acme(tmp_path)
    data_file.write_text("[{\"id\": 1}]", encoding="utf-8")
    catalog = Catalog(data_dir=tmp_path)
    assert catalog.model("gpt-4o-mini").provider == "openai"
    assert "could not be used" in catalog.snapshot.label and "marginal prices update" in catalog.snapshot.label


def test_save_refuses_data_that_is_not_genai_prices_and_keeps_the_old_file(tmp_path: Path) -> None:
    _save_acme(tmp_path)
    outcome = price_data.load_saved(tmp_path)
    assert outcome is not None and outcome.fetched == date(2026, 12, 1)
    with pytest.raises(Exception, match="not valid"):
        price_data.save(tmp_path, b"<html>rate limited</html>", date(2026, 12, 5), "u")
    kept = price_data.load_saved(tmp_path)
    assert kept is not None and kept.fetched == date(2026, 12, 1)


def test_update_offline_says_which_data_stays_in_use(tmp_path: Path) -> None:
    outcome = update(tmp_path, timeout_s=5)  # no internet here: DNS fails fast
    assert not outcome.updated
    assert "cannot fetch genai-prices data from raw.githubusercontent.com" in outcome.message
    assert "bundled snapshot (checked" in outcome.message and "stays in use" in outcome.message
    assert not price_data.saved_paths(tmp_path)[0].exists()
    _save_acme(tmp_path)
    assert "saved genai-prices data fetched 2026-12-01 stays in use" in update(tmp_path, timeout_s=5).message


def test_update_saves_what_the_url_serves(tmp_path: Path) -> None:
    served = tmp_path / "www"
    served.mkdir()
    (served / "data.json").write_text(json.dumps(ACME), encoding="utf-8")
    port = free_port()
    cmd = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(served)]
    with serve(cmd, f"http://127.0.0.1:{port}/data.json", tmp_path / "http.log"):
        outcome = update(tmp_path / "data", url=f"http://127.0.0.1:{port}/data.json", today=date(2026, 12, 3))
        missing = update(tmp_path / "data", url=f"http://127.0.0.1:{port}/nope.json")
    assert outcome.updated and "1 providers, 1 models" in outcome.message
    assert Catalog(data_dir=tmp_path / "data").model("acme-chat-2").checked == date(2026, 12, 3)
    assert not missing.updated and "404" in missing.message and "fetched 2026-12-03 stays in use" in missing.message
