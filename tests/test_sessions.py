"""Bounded sessions: one checkpoint per conversation, a window of turns, follow-ups and the meter intact."""

import sqlite3
from pathlib import Path

from langchain_core.messages import AIMessage, HumanMessage
from scripted_model import ScriptedChatModel

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.sessions import split_turns

PASSAGE = {"source": "knowledge/docs/open-vs-closed-models.md", "title": "Open vs closed models",
           "section": "Utilization", "text": "Small teams rarely keep rented GPUs busy."}
KNOWLEDGE = ("Explain in a few sentences why self-hosting an open model such as Llama can end up costing "
             "a small team more than paying for an API")


def fake_search(query: str, k: int) -> list[dict]:
    return [PASSAGE][:k]


def _rows(data_dir: Path, thread: str) -> tuple[int, int, int]:
    """Checkpoints and writes stored for a conversation, and the size of its checkpoint blobs."""
    with sqlite3.connect(data_dir / "sessions.sqlite") as db:
        checkpoints, size = db.execute("SELECT COUNT(*), SUM(LENGTH(checkpoint)) FROM checkpoints WHERE thread_id = ?",
                                       (thread,)).fetchone()
        writes = db.execute("SELECT COUNT(*) FROM writes WHERE thread_id = ?", (thread,)).fetchone()[0]
    return checkpoints, writes, size


def _turn(i: int) -> str:
    return [f"What do {1_000 + i:,} users at 20 queries a day cost on gpt-4o-mini?",
            "and with 30,000 users?", "double the queries"][i % 3]


def test_a_long_session_keeps_one_checkpoint_and_a_bounded_window(_isolated_env: Path) -> None:
    assistant = Assistant(Settings(MARGINAL_SESSION_TURNS=3), search=fake_search)
    sizes = {}
    for i in range(24):
        assistant.ask(_turn(i), session_id="long")
        sizes[i + 1] = _rows(_isolated_env, "long")
    checkpoints, writes, size = sizes[24]
    assert (checkpoints, writes) == (1, 0), "older checkpoints and their writes are deleted"
    assert size <= 1.2 * sizes[9][2], f"the checkpoint stops growing with the conversation: {sizes}"
    turns = split_turns(assistant._history("long"))
    assert len(turns) <= 3 + 2, "the window, plus at most the last two calculator turns"
    assert assistant.ask("and with 45,000 users?", session_id="long").tool_calls[0].args["queries_per_user"] == 40
    assert _rows(_isolated_env, "other") == (0, 0, None), "other conversations are untouched"


def test_a_follow_up_reaches_a_scenario_older_than_the_window(_isolated_env: Path) -> None:
    assistant = Assistant(Settings(MARGINAL_SESSION_TURNS=2), search=fake_search)
    assistant.ask("What do 100k users at 20 queries a day cost on gpt-4o-mini?", session_id="s")
    assistant.ask("What does 2,000 users at 5 queries a day cost on gpt-4o?", session_id="s")
    for _ in range(4):
        assert assistant.ask(KNOWLEDGE, session_id="s").citations
    follow = assistant.ask("and with 30,000 users?", session_id="s").tool_calls[0]
    assert follow.name == "token_cost" and follow.args["users"] == 30_000 and follow.args["model"] == "gpt-4o"
    questions = [m.text for m in assistant._history("s") if isinstance(m, HumanMessage)]
    assert questions[:2] == ["What do 100k users at 20 queries a day cost on gpt-4o-mini?",
                             "What does 2,000 users at 5 queries a day cost on gpt-4o?"]
    assert questions[2:] == [KNOWLEDGE, "and with 30,000 users?"], "older knowledge turns left the window"


def test_the_meter_counts_turns_that_left_the_window(_isolated_env: Path) -> None:
    model = ScriptedChatModel(script=[AIMessage(content=f"Answer {i}.") for i in range(5)], seen=[])
    assistant = Assistant(Settings(MARGINAL_SESSION_TURNS=2), chat_model=model, search=fake_search)
    for i in range(5):
        assistant.ask(f"Tell me about pricing, part {i}.", session_id="m")
    usage = assistant.session_usage("m")
    assert usage.llm_calls == 5 and usage.input_tokens == 5_000 and usage.output_tokens == 2_500
    assert [m.text for m in model.seen[-1] if isinstance(m, HumanMessage)] == [
        "Tell me about pricing, part 3.", "Tell me about pricing, part 4."], "the LLM is sent the window"


def test_each_answer_carries_the_meter_the_store_holds_after_it(_isolated_env: Path) -> None:
    model = ScriptedChatModel(script=[AIMessage(content=f"Answer {i}.") for i in range(5)], seen=[])
    assistant = Assistant(Settings(MARGINAL_SESSION_TURNS=2), chat_model=model, search=fake_search)
    for i in range(5):  # from the third turn on, the oldest turns leave the window with their usage
        answer = assistant.ask(f"Tell me about pricing, part {i}.", session_id="c")
        carried = answer.session_usage
        assert carried == assistant.session_usage("c") and carried is not None and carried.llm_calls == i + 1
    assert "session_usage" not in answer.model_dump_json(), "the API's answer is as it was"
