"""Seed-article figures that need more than one calculator field, reproduced through the tools."""

import pytest

from tools.solve import solve
from tools.token_cost import token_cost


def test_chatgpt_daily_cost_implies_about_1_93m_conversations() -> None:
    # SemiAnalysis: $694,444 a day at $0.36 a conversation -> 694,444 / 0.36 = 1,929,011 a day.
    # As a monthly_cost relation: one conversation of 1,000 tokens a day priced $0.36 per 1K.
    r = solve({"relation": "monthly_cost", "unknown": "users",
               "knowns": {"monthly_cost": 694_444 * 30, "queries_per_user_per_day": 1,
                          "tokens_per_query": 1_000, "price_per_1k": 0.36}})
    assert r.value == pytest.approx(1_929_011.1, rel=1e-6)
    back = token_cost({"users": r.value, "queries_per_user": 1, "tokens_per_query": 1_000,
                       "price": 0.36, "price_unit": "per_1k"})
    assert back.cost_per_day_usd == pytest.approx(694_444)


def test_gpt35_at_0_002_per_1k_is_about_750_words_per_1k_tokens() -> None:
    r = token_cost({"users": 1, "queries_per_user": 1, "words_per_query": 750, "price": 0.002,
                    "price_unit": "per_1k"})
    assert r.cost_per_query_usd == pytest.approx(0.002)
