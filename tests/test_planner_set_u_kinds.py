"""Planner v2, the kinds set_u found at first sight. Each kind is checked in several wordings (synonyms, clause
order, number formats), never in the set's own sentences.
"""

from __future__ import annotations

import pytest

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("sizes", ["prompts are ~3,000 tokens and answers ~600 tokens",
                                   "answers run 600 tokens, prompts run 3,000 tokens",
                                   "the prompt is about 3k tokens and the response about 600 tokens",
                                   "inputs are 3,000 tokens, outputs 600 tokens",
                                   "questions average 3,000 tokens and replies 600 tokens"])
def test_prompt_and_answer_sizes_are_the_input_and_output_split(sizes: str) -> None:
    [step] = make_plan(f"A knowledge tool for 900 staff, 20 queries a week each; {sizes}. On deepseek-chat, what is "
                       "the monthly bill?").steps
    assert step.args["input_tokens_per_query"] == 3000 and step.args["output_tokens_per_query"] == 600
    assert step.args["model"] == "deepseek-chat" and "tokens_per_query" not in step.args


def test_a_count_after_the_token_noun_is_not_said_of_an_earlier_side() -> None:
    [step] = make_plan("300 users, 5 queries a day, input of 2,000 tokens and 400 tokens per query in total on "
                       "gpt-4o-mini. Monthly cost?").steps
    assert step.args.get("output_tokens_per_query") != 400


@pytest.mark.parametrize("days", ["(20 day in month)", "(20 days in the month)", "(20 days a month)",
                                  "- 20 days per month"])
def test_active_days_in_an_aside_are_the_days_usage_happens(days: str) -> None:
    [step] = make_plan(f"4,000 pupils ask 8 questions per day, only on school days {days}. Each question and answer "
                       "is about 450 words at 3 dollars per million tokens. What do we pay per month?").steps
    assert step.args["active_days_per_month"] == 20 and step.args["users"] == 4000


@pytest.mark.parametrize("model", ["on deepseek-chat. Monthly cost?", "on deepseek-chat.", "with deepseek-chat!"])
def test_a_model_name_ends_before_the_sentence_stop(model: str) -> None:
    [step] = make_plan(f"500 users, 10 queries a day, 1,000 tokens each, {model}").steps
    assert step.args["model"] == "deepseek-chat"
