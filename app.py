"""Marginal in the browser: `python app.py` serves the chat (and its MCP server) on 127.0.0.1:7860.

Thin by design: components and callbacks. The logic lives in `assistant/` (web.py streams answers,
charts.py draws them, mcp_tools.py exposes the calculators, workbench_tab.py is the Scenario tab) and
`knowledge/` (uploads).
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant import Assistant, Settings
from assistant.gradio_tuning import calm_queue, lazy_session_configs, memoize_signatures, set_gradio_defaults
from assistant.mcp_tools import ask_function, mcp_functions
from assistant.prices_tab import DATATYPES, HEADERS, picked_name, price_table
from assistant.web import AssistantPool, WebSettings, save_uploads, stream_turn
from assistant.workbench_tab import workbench_tab
from tools.errors import MarginalError

EXAMPLES = [
    "What does 100k users at 20 queries a day cost on gpt-4o-mini?",
    "Compare gpt-4o and gpt-4o-mini for 20,000 users at 10 queries a day",
    "Self-hosting Llama 3 70B on H100s vs gpt-4o-mini at 2 billion tokens a month",
    "Route 80% of traffic to gpt-4o-mini and 20% to gpt-4o",
    "Draft a pricing memo for a $10/month AI add-on with 100 free queries",
    "We pay 40% of revenue to OpenAI. What is our gross margin?",
    "How many queries can a $10 plan include at $0.002 per query and an 80% margin?",
    "Why can self-hosting Llama cost more than an API?",
]
EXAMPLE_LABELS = ["Engineer: cost at 100k users", "Engineer: compare two models", "Engineer: API vs self-host",
                  "Engineer: routing", "PM: pricing memo", "PM: gross margin", "PM: free quota",
                  "Why self-hosting can cost more"]
UPLOAD_TYPES = [".md", ".txt", ".pdf", ".html", ".htm"]
CONCURRENCY = 8  # answers computed at once; 50 chatting users queue briefly, never error


def build(assistant: Assistant | None = None) -> gr.Blocks:
    """The app: chat with stepped, charted answers; settings; session meter; uploads; MCP tools."""
    pool = AssistantPool(assistant)

    def respond(message: str, history: list[Any], session: str | None, web: WebSettings | None
                ) -> Iterator[tuple[list[gr.ChatMessage], Any, str | None]]:
        session = session or f"web-{uuid.uuid4().hex}"  # the conversation of this browser (or client) session
        try:
            chosen = pool.get(web)
        except MarginalError as exc:
            yield [gr.ChatMessage(role="assistant", content=f"Settings problem: {exc}")], "", session
            return
        for messages, meter in stream_turn(chosen, str(message or ""), session):
            yield messages, gr.skip() if meter is None else meter, session

    def apply(kind: str, key: str, base_url: str, name: str, overrides: str) -> tuple[WebSettings | None, str]:
        web = WebSettings(model_kind=kind, api_key=key.strip() or None, base_url=base_url, model_name=name,  # type: ignore[arg-type]
                          price_overrides=overrides)
        try:
            pool.get(web)
        except MarginalError as exc:
            return None, f"⚠️ Not applied: {exc}"
        return web, "✅ " + web.status()

    def upload(files: list[str] | None, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
        if not files:
            return "Choose one or more .md, .txt, .pdf or .html files first."
        progress(0.1, desc="Reading and indexing")
        report = save_uploads(files, pool.default)
        progress(1.0, desc="Done")
        return "```\n" + report.summary() + "\n```\nAsk about them in the chat."

    def search_prices(text: str) -> tuple[list[list[Any]], str]:
        return price_table(pool.default.catalog, text or "")

    def use_price(evt: gr.SelectData) -> tuple[Any, Any]:
        name = picked_name(evt.row_value)
        return (gr.skip(), gr.skip()) if name is None else (name, gr.Tabs(selected="chat"))

    with gr.Blocks(title="Marginal") as demo:
        gr.Markdown("# Marginal\nThe cost, margin and break-even of AI products, with every number traced "
                    "to a calculator.")
        session = gr.State(None)  # set by the first answer: a callable default would add a public load event
        web = gr.State(None)
        meter = gr.Markdown("**This conversation:** no LLM calls yet.", elem_id="meter")
        with gr.Sidebar(open=False, label="Settings"):
            gr.Markdown("### Model")
            kind = gr.Radio(["offline", "openai", "hybrid"], value="offline", label="Model",
                            elem_id="model-kind")
            key = gr.Textbox(label="API key (kept in this browser session only)", type="password",
                             elem_id="api-key")
            base_url = gr.Textbox(label="Base URL (OpenAI-compatible, optional)", elem_id="base-url")
            name = gr.Textbox(value="gpt-4o-mini", label="Model name", elem_id="model-name")
            overrides = gr.Code(label="Price overrides (YAML: models: [{model, input_per_1m, output_per_1m}])",
                                language="yaml", elem_id="overrides")
            status = gr.Markdown(WebSettings().status(), elem_id="settings-status")
            gr.Button("Apply", elem_id="apply").click(apply, [kind, key, base_url, name, overrides],
                                                      [web, status], api_visibility="private")
            gr.Markdown("### Your documents")
            files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, type="filepath", elem_id="upload")
            ingest_status = gr.Markdown(elem_id="ingest-status")
            files.upload(upload, files, ingest_status, api_visibility="private")
        question = gr.Textbox(placeholder="Ask about the cost, margin or break-even of an AI product",
                              elem_id="question", show_label=False, submit_btn=True, render=False)
        with gr.Tabs(selected="chat") as tabs:
            with gr.Tab("Chat", id="chat", elem_id="chat-tab"):
                # The chat's stream is for the page (and gradio_client as /chat); API and MCP clients use `ask`.
                gr.ChatInterface(respond, additional_inputs=[session, web], additional_outputs=[meter, session],
                                 examples=[[e, None, None] for e in EXAMPLES], example_labels=EXAMPLE_LABELS,
                                 api_name="chat", api_visibility="undocumented",
                                 chatbot=gr.Chatbot(height=620, elem_id="chat", label="Marginal"),
                                 textbox=question, concurrency_limit=CONCURRENCY)
            with gr.Tab("Scenario", id="scenario", elem_id="scenario-tab") as scenario_tab:
                workbench_tab(pool, session, web, scenario_tab)  # fields, metrics, chart, baseline, downloads
            with gr.Tab("Prices", id="prices", elem_id="prices-tab"):
                rows, count = price_table(pool.default.catalog)
                search = gr.Textbox(label="Search models (provider or name, e.g. gpt-4o-mini, claude sonnet, groq)",
                                    elem_id="price-search")
                found = gr.Markdown(count, elem_id="price-count")
                table = gr.Dataframe(rows, headers=HEADERS, datatype=DATATYPES, interactive=False,
                                     max_height=560, wrap=True, elem_id="price-table", label="Model prices")
                search.change(search_prices, search, [table, found], api_visibility="private")
                table.select(use_price, None, [question, tabs], api_visibility="private")
        # Not queued: an API call is one request (`POST /gradio_api/run/ask`) that any process can serve, and
        # MCP calls them directly instead of through Gradio's HTTP loopback client (160 -> 50 ms a calculator call).
        for fn in [ask_function(pool.default), *mcp_functions(pool.default.catalog)]:
            gr.api(fn, api_name=fn.__name__, queue=False)
    return demo


def main() -> None:
    """Serve on GRADIO_SERVER_NAME:GRADIO_SERVER_PORT (default 127.0.0.1:7860), MCP at /gradio_api/mcp/."""
    try:
        assistant = Assistant()
        assistant.sessions  # noqa: B018  (open the conversation store now: a bad MARGINAL_DATABASE_URL stops here)
    except MarginalError as exc:
        print(f"marginal app: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    demo = build(assistant)
    set_gradio_defaults()
    memoize_signatures(demo)
    lazy_session_configs()
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=256)
    calm_queue(demo)
    data_dir = Settings().data_dir  # memos and uploads live here; the chat links to them
    demo.launch(server_name=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                server_port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")), mcp_server=True,
                allowed_paths=[str(Path(data_dir).resolve())])


if __name__ == "__main__":
    main()
