from datetime import date
from pathlib import Path

import pytest

from tools.catalog import Catalog
from tools.errors import ConfigError, InputError, UnknownModelError


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
    assert catalog.gpu("h100").gpu == "H100 SXM 80GB"
    assert catalog.gpu("A100 40GB").usd_per_hour == 1.48  # Lambda, 1x A100 40GB, May 2026
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


# -- the price row in force on a date, with its own date -------------------------------------
def test_a_price_that_starts_later_is_not_todays_price(catalog: Catalog) -> None:
    # genai-prices: Gemini 3.8 Flash at $0.75 / $3.75 (introductory), $1.50 / $7.50 from 2027-01-01.
    now = catalog.model("gemini-3.8-flash")
    assert (now.input_per_1m, now.output_per_1m) == (0.75, 3.75)
    assert any("From 2027-01-01" in note for note in now.notes)
    later = catalog.model("gemini-3.8-flash", on=date(2027, 1, 15))
    assert (later.input_per_1m, later.output_per_1m) == (1.5, 7.5)
    assert later.as_of == date(2027, 1, 1)


def test_as_of_is_the_rows_start_and_checked_is_the_snapshot_date(catalog: Catalog) -> None:
    opus = catalog.model("claude-opus-4-6")  # its row starts 2026-03-13: 256 days before today
    assert opus.as_of == date(2026, 3, 13) and opus.checked == date(2026, 11, 24)
    source = opus.source(catalog.today)
    assert source.checked == date(2026, 11, 24)
    assert source.stale_note is not None and "2026-03-13" in source.stale_note
    large = catalog.model("mistral-large-4")  # list rate since 2026-10-29: not stale
    assert large.as_of == date(2026, 10, 29) and large.source(catalog.today).stale_note is None
    mini = catalog.model("gpt-4o-mini")  # an undated row is dated by our check of the snapshot
    assert mini.as_of == mini.checked == date(2026, 11, 24) and "undated" in mini.origin


def test_time_of_day_prices_give_the_rate_of_most_of_the_day_and_name_the_peak(catalog: Catalog) -> None:
    # DeepSeek V4 Flash: $0.15 / $0.60 off-peak since 2026-09-10; $0.30 / $1.20 at 01-04 and 06-10 UTC.
    flash = catalog.model("deepseek-v4-flash")
    assert (flash.input_per_1m, flash.output_per_1m, flash.cached_input_per_1m) == (0.15, 0.6, 0.003)
    assert flash.as_of == date(2026, 9, 10)
    assert any("01:00-04:00" in n and "06:00-10:00" in n and "$1.20" in n for n in flash.notes)


# -- our overlay's corrections ---------------------------------------------------------------
CORRECTIONS = {
    "deepseek/deepseek-chat": ("deepseek-chat", date(2025, 9, 29)),
    "deepseek/deepseek-v3.2": ("deepseek-chat", date(2025, 9, 29)),
    "deepseek/deepseek-v3.2-exp": ("deepseek-chat", date(2025, 9, 29)),
    "deepseek/deepseek-reasoner": ("deepseek-reasoner", date(2025, 9, 29)),
}


def test_overlay_corrections_are_listed_with_provider_date_and_source(catalog: Catalog) -> None:
    corrections = catalog.corrections()
    assert {ref: (p.model, p.as_of) for ref, p in corrections.items()} == CORRECTIONS
    for ref, price in corrections.items():
        assert price.provider == ref.split("/")[0]
        assert price.url is not None and price.url.startswith("https://")
        assert price.as_of.isoformat() in price.origin and "announcement" in price.origin


@pytest.mark.parametrize("written", ["deepseek-chat", "deepseek reasoner", "deepseek r1", "deepseek-v3.2"])
def test_deepseek_is_priced_at_v3_2_since_its_2025_09_29_cut(catalog: Catalog, written: str) -> None:
    price = catalog.model(written)
    assert (price.input_per_1m, price.output_per_1m, price.cached_input_per_1m) == (0.28, 0.42, 0.028)
    assert price.provider == "deepseek" and price.as_of == date(2025, 9, 29)
    assert "180 days" in (price.source(catalog.today).stale_note or "")


# -- maker first; a hosted copy only when the host is named ----------------------------------
@pytest.mark.parametrize(
    ("written", "provider", "model"),
    [
        ("claude-3-5-haiku", "anthropic", "claude-3-5-haiku-latest"),
        ("claude 3.5 haiku", "anthropic", "claude-3-5-haiku-latest"),
        ("claude-sonnet-4-20250514", "anthropic", "claude-sonnet-4-0"),
        ("mistral-small", "mistral", "mistral-small-2603"),
        ("gemini 2.5 flash", "google", "gemini-2.5-flash"),
    ],
)
def test_the_maker_prices_its_own_model(catalog: Catalog, written: str, provider: str, model: str) -> None:
    price = catalog.model(written)
    assert (price.provider, price.model) == (provider, model)


@pytest.mark.parametrize("written", ["llama 3.1 405b", "llama 70b", "llama 3 70b", "llama 4 maverick"])
def test_llama_is_priced_at_one_host_and_says_so(catalog: Catalog, written: str) -> None:
    price = catalog.model(written)
    assert price.provider == "together"
    assert any("Together AI" in n and "open-weight" in n for n in price.notes)


def test_llama_picks_the_instruct_model_and_the_newest_70b(catalog: Catalog) -> None:
    assert "instruct" in catalog.model("llama 3.1 405b").model.lower()  # not the base model
    assert "3.3-70b" in catalog.model("llama 70b").model.lower()


def test_a_named_host_prices_the_hosted_copy(catalog: Catalog) -> None:
    bedrock = catalog.model("claude 3.5 haiku on bedrock")
    assert bedrock.provider == "aws" and "claude-3-5-haiku" in bedrock.model
    assert "AWS Bedrock because you named the host" in bedrock.notes[0]
    groq = catalog.model("llama 3 70b on groq")
    assert groq.provider == "groq" and "70b" in groq.model
    assert catalog.model("llama 3 70b", provider="groq") == groq
    with pytest.raises(InputError, match="unknown host 'acme cloud'"):
        catalog.model("gpt-4o on acme cloud")


# -- families: the newest generally available model, and the entry says so ------------------
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("gemini pro", "gemini-2.5-pro"),
        ("claude sonnet", "claude-sonnet-5-5"),
        ("gemini flash", "gemini-3.8-flash"),
        ("gpt mini", "gpt-5.4-mini"),
        ("mistral-large", "mistral-large-4"),
    ],
)
def test_a_family_name_picks_its_newest_ga_model(catalog: Catalog, written: str, expected: str) -> None:
    price = catalog.model(written)
    assert price.model == expected
    assert f"'{written}' names a family" in price.notes[0] and "Name a version" in price.notes[0]


def test_mistral_large_is_the_current_large_not_24_11(catalog: Catalog) -> None:
    large = catalog.model("mistral-large")
    assert (large.input_per_1m, large.output_per_1m) == (0.7, 2.1)


def test_a_newer_preview_is_named_but_not_picked(catalog: Catalog) -> None:
    assert "gemini-3.1-pro-preview" in catalog.model("gemini pro").notes[0]


# -- deprecated models and suggestions ------------------------------------------------------
def test_a_deprecated_model_carries_a_visible_warning(catalog: Catalog) -> None:
    flash = catalog.model("gemini-2.0-flash")
    assert flash.warning is not None and "shut down" in flash.warning
    assert flash.source(catalog.today).warning == flash.warning
    assert catalog.model("gpt-4o").warning is None


@pytest.mark.parametrize("written", ["mistral ocr zz", "tts 1 hd zz", "whisper zz"])
def test_suggestions_list_only_priceable_names(catalog: Catalog, written: str) -> None:
    with pytest.raises(UnknownModelError) as err:
        catalog.model(written)
    assert err.value.suggestions
    assert not {"Mistral OCR", "Mistral OCR 2", "tts-1", "tts-1-hd", "whisper-1"} & set(err.value.suggestions)
    for name in err.value.suggestions:
        assert catalog.model(name).input_per_1m >= 0


# -- GPUs: exact chips, SXM and PCIe apart, every price sourced -----------------------------
@pytest.mark.parametrize(("written", "close"), [("gb200", "b200"), ("h20", "h200"), ("l40", "l40s")])
def test_an_unlisted_gpu_is_an_error_naming_the_close_ones(catalog: Catalog, written: str, close: str) -> None:
    with pytest.raises(InputError) as err:
        catalog.gpu(written)
    assert close in [s.lower() for s in err.value.suggestions]  # type: ignore[attr-defined]


def test_a10_and_a10g_are_different_chips(catalog: Catalog) -> None:
    a10, a10g = catalog.gpu("a10"), catalog.gpu("A10G")
    assert (a10.gpu, a10.provider) == ("A10 24GB", "Lambda")
    assert (a10g.gpu, a10g.provider) == ("A10G 24GB", "AWS")


def test_h100_sxm_and_pcie_are_listed_apart_and_plain_h100_is_sxm(catalog: Catalog) -> None:
    sxm, pcie = catalog.gpu("H100 SXM"), catalog.gpu("nvidia h100-pcie")
    assert sxm.gpu == "H100 SXM 80GB" and pcie.gpu == "H100 PCIe 80GB" and sxm.usd_per_hour != pcie.usd_per_hour
    assert catalog.gpu("h100") == sxm == catalog.gpu("H100 80GB")
    assert any("Plain 'H100' means the H100 SXM" in n for n in sxm.source(catalog.today).notes)


@pytest.mark.parametrize(
    "written",
    ["H100 80GB", "H200 141GB", "B200 192GB", "A100 80GB", "A100 40GB", "L40S 48GB", "A10G 24GB", "L4 24GB",
     "T4 16GB", "h100", "h100 sxm", "h100 80g", "h200", "b200", "a100", "a100 80g", "a100 40g", "l40s", "a10g",
     "l4", "t4"],
)
def test_the_existing_gpu_names_still_work(catalog: Catalog, written: str) -> None:
    assert catalog.gpu(written).usd_per_hour > 0


def test_every_gpu_price_names_its_provider_date_and_source(catalog: Catalog) -> None:
    for name in catalog.gpu_names():
        price = catalog.gpu(name)
        assert price.provider in {"RunPod", "Lambda", "AWS"}
        assert price.url is not None and price.url.startswith("https://")
        assert "typical" not in price.origin and str(price.as_of.year) in price.origin
