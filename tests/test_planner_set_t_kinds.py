"""Planner v2, the kinds set_t found at first sight: a total volume said by who sends it ("my app sends 3 million
calls a month", "Volume is 200,000 requests per month", "we handle 2,500 of them a day") is one stream, not usage per
user; 'them' counts the noun it stands for; 'daily actives' are users. Each kind is checked in several wordings.
"""

from __future__ import annotations

import pytest
from planner_reading import follow_up

from assistant.planner.plan import make_plan


@pytest.mark.parametrize("volume", ["my app sends 3 million calls a month to gpt-4o-mini",
                                    "Volume is 3,000,000 requests per month on gpt-4o-mini",
                                    "our bot makes 3M calls a month to gpt-4o-mini",
                                    "I fire about 3 million requests a month at gpt-4o-mini"])
def test_a_volume_said_by_who_sends_it_is_the_whole_traffic(volume: str) -> None:
    plan = make_plan(f"{volume}, each ~1,800 input tokens and 350 output tokens. What's the monthly bill?")
    [step] = plan.steps
    assert step.tool == "token_cost" and step.args["users"] == 1 and step.args["queries_per_user"] == 3e6
    assert step.args["query_period"] == "month" and any("total rate" in n for n in plan.notes)


def test_usage_with_no_one_who_sends_it_still_asks_for_users() -> None:
    assert make_plan("What's the bill at 8 queries a day of 900 tokens on gpt-4o-mini?").kind == "clarify"


@pytest.mark.parametrize("them", ["We handle roughly 2,500 of them a day", "About 2,500 of them come in daily",
                                  "We get 2,500 of them per day"])
def test_them_counts_the_noun_it_stands_for(them: str) -> None:
    [step] = make_plan(f"Our support bot's exchanges run about 600 words each. {them}, billed at 0.2 cents per 1K "
                       "tokens. Monthly cost?").steps
    assert step.args["queries_per_user"] == 2500 and step.args["words_per_query"] == 600


@pytest.mark.parametrize("actives", ["15,000 daily actives", "15,000 DAU", "15k daily active users"])
def test_daily_actives_are_users(actives: str) -> None:
    [step] = make_plan(f"Each generation costs us 0.6¢. With {actives} making 8 generations a day, what's our "
                       "monthly inference bill?").steps
    assert step.args["users"] == 15_000 and step.args["queries_per_user"] == 8


@pytest.mark.parametrize("context", ["We're a 45-person startup founded in 2019 and just shipped v3.2.",
                                     "Our 45-employee company (NPS 62, version 3) runs an assistant.",
                                     "A 45-person team here; release 2.1 is out."])
def test_a_headcount_describing_the_company_and_a_version_are_no_inputs(context: str) -> None:
    [step] = make_plan(f"{context} It has 18,000 active users, each averaging 6 chats a day, with 2,000 input and 400 "
                       "output tokens per chat on gpt-4o-mini. Monthly model cost?").steps
    assert step.args["users"] == 18_000 and step.args["queries_per_user"] == 6


def test_a_team_that_is_the_only_user_count_is_the_users() -> None:
    [step] = make_plan("Our 45-person team uses it 20 times a day each at 1,000 tokens on gpt-4o-mini. Monthly "
                       "cost?").steps
    assert step.args["users"] == 45


@pytest.mark.parametrize("ask", ["What's the payback period of our $250k fine-tuning project?",
                                 "How long until a $250,000 migration pays for itself?",
                                 "We're spending $250k on a fine-tune. Payback?"])
def test_a_payback_with_only_the_investment_asks_for_the_saving(ask: str) -> None:
    plan = make_plan(ask)
    assert plan.kind == "clarify" and not plan.steps and "saving" in (plan.text or "")


@pytest.mark.parametrize("ask", ["what's the largest average query size that keeps us under $18,000 a month?",
                                 "how long can the prompts be, on average, to stay under $18k a month?",
                                 "what's the maximum prompt length that fits within $18,000/month?"])
def test_the_largest_query_within_a_budget_is_a_goal_seek(ask: str) -> None:
    [step] = make_plan(f"With 40,000 users at 10 queries a day and $1.20 per million tokens, {ask}").steps
    assert step.tool == "solve" and step.args["unknown"] == "tokens_per_query"
    assert step.args["knowns"]["monthly_cost"] == 18_000


@pytest.mark.parametrize("split", ["~75% of them input", "75% of which are input tokens", "75% input"])
def test_an_input_share_of_the_volume_is_not_a_route(split: str) -> None:
    [step] = make_plan(f"We send 70% of traffic to gpt-4o-mini and 30% to gpt-4o; about 2 billion tokens a month, "
                       f"{split}. Blended price per 1M?").steps
    assert step.tool == "routing" and len(step.args["routes"]) == 2 and step.args["input_share"] == "75%"


@pytest.mark.parametrize("moved", ["80% of queries could go to a model that's 12x cheaper",
                                   "we could route 80% of requests to a 12x cheaper model"])
def test_a_cheaper_share_beside_todays_bill_gives_the_new_bill_and_follows_up(moved: str) -> None:
    first = make_plan(f"Model spend is $180k/month. {moved}. What does the bill become?").steps
    assert first[-1].tool == "routing" and first[-1].args["monthly_bill_usd"] == 180_000
    assert first[-1].args["cheap_share"] == "80%" and first[-1].args["cheap_price_ratio"] == 12
    [step] = make_plan("what if only 60% could be routed?", first).steps
    assert step.args["cheap_share"] == "60%" and step.args["monthly_bill_usd"] == 180_000


@pytest.mark.parametrize("bills", [
    "Current API opex is $95k/month. After migrating to an in-house model we'd expect $58k/month.",
    "Today we pay $95,000 a month for the API; after the switch it would be $58,000 a month.",
    "Our bill is currently $95k per month, and once the distilled model is live it drops to $58k per month.",
])
def test_todays_bill_and_the_bill_after_a_change_give_the_saving(bills: str) -> None:
    change, payback = make_plan(f"{bills} One-off migration capex is $296k. Payback period?").steps
    assert change.tool == "change" and change.args["value"] == 95_000 and change.args["minus"] == 58_000
    assert payback.args["upfront_investment_usd"] == 296_000
    assert payback.args["monthly_saving_usd"] == {"$from": ["change", "value"]}


@pytest.mark.parametrize("follow", ["same again but on claude haiku 4.5?", "what about claude-haiku-4-5?",
                                    "and claude haiku 4.5?", "try it on claude haiku 4.5 too"])
def test_a_comparison_followup_naming_one_model_adds_it_to_the_comparison(follow: str) -> None:
    [step] = follow_up("For next year's budget: 50,000 users, 10 queries per user per day, 1,200 input + 300 output "
                       "tokens per query. Compare gpt-4o against gpt-4o-mini on monthly cost.", follow)
    models = [o["model"].lower().replace("-", " ").replace("4 5", "4.5") for o in step.args["options"]]
    assert step.tool == "compare" and models == ["gpt 4o", "gpt 4o mini", "claude haiku 4.5"]
    assert step.args["users"] == 50_000 and step.args["input_tokens_per_query"] == 1200


@pytest.mark.parametrize("letters", ["T_in = 1200, T_out = 400 tokens", "T_in=1200 and T_out=400",
                                     "tokens_in: 1200, tokens_out: 400", "T_out = 400, T_in = 1200 tokens"])
def test_formula_letters_for_token_counts_are_the_split(letters: str) -> None:
    plan = make_plan(f"N = 6k users, q = 4 req/user/day, {letters}, p_in = $2/1M, p_out = $8/1M. cost per month = ? "
                     "(30-day months)")
    [step] = plan.steps
    assert (step.args["input_tokens_per_query"], step.args["output_tokens_per_query"]) == (1200, 400)
    assert (step.args["users"], step.args["queries_per_user"]) == (6000, 4) and plan.understood


@pytest.mark.parametrize("bullet", ["-", "*", "\u2022", "1."])
def test_bullet_lines_are_sentences_with_their_own_labels(bullet: str) -> None:
    lines = ["paid plan: $15/user/month, 8,000 paying users", "paying users average 300 queries/month",
             "cost per query: $0.004", "free tier: 40,000 users, 25 free queries/month each"]
    plan = make_plan("Plan check:\n" + "\n".join(f"{bullet} {line}" for line in lines)
                     + "\nBlended monthly gross margin with the free tier, and the free tier's cost?")
    [step] = plan.steps
    assert step.tool == "pricing_plan" and step.args["cost_per_query_usd"] == 0.004
    assert (step.args["paying_users"], step.args["free_users"], step.args["free_quota_queries"]) == (8000, 40_000, 25)


@pytest.mark.parametrize("header", ["| item | value |\n|---|---|\n", "| metric | figure |\n| :--- | ---: |\n", ""])
def test_a_pasted_two_column_table_reads_each_row_as_its_label_and_figure(header: str) -> None:
    rows = [("seats", "4,000"), ("price", "$20/seat/month"), ("queries per seat", "300 / month"),
            ("input tokens/query", "2,000"), ("output tokens/query", "500"), ("model", "claude haiku 4.5")]
    table = header + "\n".join(f"| {k} | {v} |" for k, v in rows)
    steps = make_plan(f"{table}\n\nwhat's our gross margin on this?").steps
    cost, margin = steps
    assert (cost.args["users"], cost.args["queries_per_user"], cost.args["query_period"]) == (4000, 300, "month")
    assert (cost.args["input_tokens_per_query"], cost.args["output_tokens_per_query"]) == (2000, 500)
    assert margin.tool == "margin" and margin.args["price_per_user_usd"] == 20


def test_free_queries_for_users_are_a_quota_for_all_of_them_not_free_users() -> None:
    plan = make_plan("What margin does a $12/month add-on with 50 free queries for 30,000 users make at $0.002 a "
                     "query and 200 queries a month?")
    assert not any("free_users" in s.args for s in plan.steps)
