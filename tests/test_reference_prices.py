"""A dated reference check: the catalog's prices of mainstream models against an independent list."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.catalog import Catalog

REFERENCE = yaml.safe_load((Path(__file__).parent / "data" / "reference_prices.yaml").read_text())
CATALOG = Catalog(today=REFERENCE["read_on"])


def _agrees(ours: float, theirs: float) -> bool:
    return abs(ours - theirs) <= 0.01 * theirs


def test_the_reference_is_dated_sourced_and_mainstream() -> None:
    assert isinstance(REFERENCE["read_on"], date) and "LiteLLM 1.110.2" in REFERENCE["source"]
    providers = {r["provider"] for r in REFERENCE["models"]}
    assert {"openai", "anthropic", "google", "mistral", "deepseek", "together"} <= providers
    assert len(REFERENCE["models"]) >= 30 and all(r["key"] for r in REFERENCE["models"])
    assert all(len(reason) > 40 for reason in REFERENCE["exceptions"].values())


@pytest.mark.parametrize("ref", REFERENCE["models"], ids=lambda r: r["name"])
def test_each_name_resolves_at_the_expected_provider(ref: dict[str, Any]) -> None:
    assert CATALOG.model(ref["name"]).provider == ref["provider"]


def test_every_price_agrees_within_1_percent_or_is_an_explained_exception() -> None:
    disagree = {}
    for ref in REFERENCE["models"]:
        price = CATALOG.model(ref["name"])
        if not (_agrees(price.input_per_1m, ref["input_per_1m"]) and _agrees(price.output_per_1m, ref["output_per_1m"])):
            disagree[ref["name"]] = (price.input_per_1m, price.output_per_1m, ref["input_per_1m"], ref["output_per_1m"])
    assert set(disagree) == set(REFERENCE["exceptions"]), disagree
