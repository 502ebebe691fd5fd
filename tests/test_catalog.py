from datetime import date
from pathlib import Path

import pytest

from tools.catalog import Catalog
from tools.errors import ConfigError, UnknownModelError


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(today=date(2026, 11, 24))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("gpt-4o-mini", "gpt-4o-mini"),
        ("gpt4o mini", "gpt-4o-mini"),
        ("GPT 4o Mini", "gpt-4o-mini"),
        ("gpt4o mni", "gpt-4o-mini"),
        ("gpt-4o", "gpt-4o"),
        ("gpt 3.5 turbo 2023", "gpt-3.5-turbo-2023"),
    ],
)
def test_loose_names_match(catalog: Catalog, written: str, expected: str) -> None:
    assert catalog.model(written).model == expected


def test_family_names_resolve_to_a_real_model(catalog: Catalog) -> None:
    sonnet = catalog.model("claude sonnet")
    assert sonnet.provider == "anthropic" and "sonnet" in sonnet.model
    llama = catalog.model("llama 3 70b")
    assert "llama" in llama.model.lower() and "70b" in llama.model.lower()


def test_gpt4o_mini_price_from_genai_prices(catalog: Catalog) -> None:
    price = catalog.model("gpt-4o-mini")
    assert (price.input_per_1m, price.output_per_1m) == (0.15, 0.6)
    assert "genai-prices" in price.origin
    assert price.source(catalog.today).stale_note is None


def test_seed_overlay_prices_are_dated_and_flagged_stale(catalog: Catalog) -> None:
    gpt35 = catalog.model("gpt-3.5-turbo-2023")
    assert gpt35.input_per_1m == 2.0  # $0.002 per 1K tokens
    assert catalog.model("gpt-4-2023").output_per_1m == 60.0
    assert catalog.model("deepseek-r1-article").output_per_1m == 7.0
    assert catalog.model("gpt-3-davinci-2022").input_per_1m / gpt35.input_per_1m == 10
    note = gpt35.source(catalog.today).stale_note
    assert note is not None and "2023-03-01" in note and "180 days" in note


def test_unknown_model_lists_close_names(catalog: Catalog) -> None:
    with pytest.raises(UnknownModelError) as err:
        catalog.model("gpt4o mni zzz qq")
    assert "gpt-4o-mini" in str(err.value).lower().replace(" ", "-") or "4o" in str(err.value)
    assert "Did you mean" in str(err.value)
    with pytest.raises(UnknownModelError):
        catalog.model("   ")


def test_gpu_prices(catalog: Catalog) -> None:
    assert catalog.gpu("h100").gpu == "H100 80GB"
    assert catalog.gpu("A100 40GB").usd_per_hour == 1.19
    assert "L4 24GB" in catalog.gpu_names()
    with pytest.raises(UnknownModelError, match="GPU"):
        catalog.gpu("voodoo 5")


def test_user_prices_file_wins(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(
        "models:\n  - model: gpt-4o-mini\n    provider: my-deal\n    input_per_1m: 0.1\n"
        "    output_per_1m: 0.4\n    as_of: 2026-11-01\n    origin: our negotiated contract\n"
        "gpus:\n  - gpu: H100 80GB\n    usd_per_hour: 1.5\n    as_of: 2026-11-01\n    origin: reserved\n"
    )
    catalog = Catalog(path, today=date(2026, 11, 24))
    assert catalog.model("gpt4o-mini").provider == "my-deal"
    assert catalog.gpu("h100").usd_per_hour == 1.5


def test_broken_prices_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text("models: [ {model: x, input_per_1m: -1} ]")
    with pytest.raises(ConfigError, match="invalid models entry"):
        Catalog(path).model("x")
    with pytest.raises(ConfigError, match="does not exist"):
        Catalog(tmp_path / "missing.yaml").model("gpt-4o")
