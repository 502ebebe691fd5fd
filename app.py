"""Gradio front end: a thin chat over `assistant.Assistant` (the full app arrives with its issue)."""

from __future__ import annotations

import os
import uuid
from typing import Any

import gradio as gr

from assistant import Assistant

EXAMPLES = [
    "What does 100k users at 20 queries a day cost on gpt-4o-mini?",
    "We pay 40% of revenue to OpenAI. What is our gross margin?",
    "Why can self-hosting Llama cost more than an API?",
]


def build(assistant: Assistant | None = None) -> gr.Blocks:
    """The chat UI; each browser session gets its own conversation."""
    assistant = assistant or Assistant()

    def respond(message: str, history: list[Any], session: str) -> str:
        return assistant.ask(message, session_id=session).answer

    with gr.Blocks(title="Marginal") as demo:
        gr.Markdown("# Marginal\nExact, auditable economics of AI products.")
        session = gr.State(lambda: f"web-{uuid.uuid4().hex}")
        gr.ChatInterface(respond, additional_inputs=[session], examples=[[e] for e in EXAMPLES],
                         api_name="ask")
    return demo


if __name__ == "__main__":
    build().launch(server_name=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                   server_port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
