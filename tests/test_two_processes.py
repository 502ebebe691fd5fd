"""Two real app processes sharing one PostgreSQL (sessions) and one `chroma run` server (knowledge).

A conversation moves from process A to process B between turns, as behind a load balancer that
does not pin clients, and continues; two conversations interleaved over both never see each
other's figures; a document ingested once is found by both.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import pytest
from gradio_client import Client
from servers import chroma_server, free_port, serve

if TYPE_CHECKING:
    from benchmarks.servers import Postgres

pytestmark = pytest.mark.server
pytest_plugins = ["postgres_server", "chroma_server"]
ROOT = Path(__file__).resolve().parents[1]
DOC = ("# Acme support bot\n\n## Contract\n\nThe Acme support bot contract renews every March at a flat fee "
       "agreed with the vendor, Zentrix Labs.\n")


@pytest.fixture(scope="module")
def shared_env(postgres_server: Postgres, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment of every process here: one database and one Chroma server, nothing else of ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MARGINAL_", "GRADIO_"))}
    with chroma_server(tmp_path_factory.mktemp("chroma")) as chroma_url:
        yield env | {"MARGINAL_DATABASE_URL": postgres_server.new_database(), "MARGINAL_CHROMA_URL": chroma_url,
                     "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}


@pytest.fixture(scope="module")
def two_apps(shared_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Processes A and B, each with its own (unused) data dir: all they share is the two servers."""
    tmp_path = tmp_path_factory.mktemp("apps")
    with ExitStack() as stack:
        urls = []
        for name in "ab":
            port = free_port()
            work = tmp_path / f"app-{name}"
            work.mkdir()
            env = shared_env | {"MARGINAL_DATA_DIR": str(work / "data"), "GRADIO_SERVER_PORT": str(port),
                                "GRADIO_SERVER_NAME": "127.0.0.1"}
            url = f"http://127.0.0.1:{port}/"
            stack.enter_context(serve([sys.executable, str(ROOT / "app.py")], url, work / "app.log", env=env,
                                      cwd=work))
            urls.append(url)
        yield urls[0], urls[1]


def _ask(url: str, question: str, session: str) -> dict[str, Any]:
    """One `ask` over the HTTP API (gradio_client), in a new client: nothing carried but the session id."""
    return json.loads(Client(url, verbose=False).predict(question=question, session_id=session, api_name="/ask"))


async def _mcp_ask(url: str, question: str, session: str) -> dict[str, Any]:
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async with streamable_http_client(url + "gradio_api/mcp/") as (read, write, _), ClientSession(read, write) as s:
        await s.initialize()
        result = await s.call_tool("ask", {"question": question, "session_id": session})
    assert not result.isError
    return json.loads(result.content[0].text)  # type: ignore[union-attr]


def _scenario(answer: dict[str, Any]) -> tuple[Any, ...]:
    args = answer["tool_calls"][-1]["args"]
    return args["users"], args["queries_per_user"], args["model"]


def test_a_conversation_moves_between_processes_and_sessions_stay_apart(two_apps: tuple[str, str]) -> None:
    a, b = two_apps
    first = _ask(a, "What does 100k users at 20 queries a day cost on gpt-4o-mini?", "alpha")
    other = _ask(b, "What does 2,000 users at 5 queries a day cost on gpt-4o?", "beta")
    assert "$15,750" in first["answer"] and _scenario(other) == (2_000, 5, "gpt-4o")

    doubled = _ask(b, "what if usage doubled?", "alpha")  # A's scenario, continued on B
    assert _scenario(doubled) == (100_000, 40, "gpt-4o-mini") and "$31,500" in doubled["answer"]
    beta = asyncio.run(_mcp_ask(a, "and with 30,000 users?", "beta"))  # B's scenario, continued on A over MCP
    assert _scenario(beta) == (30_000, 5, "gpt-4o")
    alpha = asyncio.run(_mcp_ask(a, "and with 30,000 users?", "alpha"))
    assert _scenario(alpha) == (30_000, 40, "gpt-4o-mini") and "$9,450" in alpha["answer"]
    assert "gpt-4o-mini" not in json.dumps(beta) and "15,750" not in json.dumps(beta), "beta never sees alpha"
    fresh = _ask(b, "and with 30,000 users?", "gamma")
    assert not fresh["tool_calls"] and "how many queries" in fresh["answer"], "a new session starts from nothing"


def test_a_document_ingested_once_is_found_by_both_processes(two_apps: tuple[str, str], shared_env: dict[str, str],
                                                             tmp_path: Path) -> None:
    a, b = two_apps
    question = "Who is the vendor of the Acme support bot contract?"
    assert "Zentrix" not in _ask(a, question, "k1")["answer"]  # A has opened the store before the ingest
    doc = tmp_path / "acme.md"
    doc.write_text(DOC)
    done = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(doc)], env=shared_env | {
        "MARGINAL_DATA_DIR": str(tmp_path / "cli-data")}, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    for url in (a, b):
        answer = _ask(url, question, "k2")
        assert "Zentrix Labs" in answer["answer"] and answer["citations"][0]["source"] == str(doc)
    assert not (tmp_path / "cli-data" / "chroma").exists(), "the server holds the knowledge, not a local store"


def _readme_nginx_site() -> str:
    text = (ROOT / "README.md").read_text()
    return text.split("```nginx\n", 1)[1].split("```", 1)[0]


@pytest.fixture(scope="module")
def proxy(two_apps: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """nginx with the README's site in front of A and B; yields its URL and its log of upstreams."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed: apt-get install nginx (CI does, in .ci/run)")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (a_port, b_port) = (urlsplit(u).port for u in two_apps)
    site = (_readme_nginx_site().replace("127.0.0.1:7861", f"127.0.0.1:{a_port}")
            .replace("127.0.0.1:7862", f"127.0.0.1:{b_port}").replace("listen 80;", f"listen 127.0.0.1:{port};"))
    temp = " ".join(f"{kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "") + f"daemon off; pid {work / 'nginx.pid'}; "
        f"error_log {work / 'error.log'};\nevents {{}}\nhttp {{\n{temp}\n"
        f"log_format upstreams '$request_uri $upstream_addr';\naccess_log {work / 'access.log'} upstreams;\n"
        f"{site}\n}}\n")
    url = f"http://127.0.0.1:{port}/"
    with serve([nginx, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")], url,
               work / "nginx.out"):
        yield url, work / "access.log"


def _upstreams(log: Path, path: str) -> set[str]:
    return {line.split()[-1] for line in log.read_text().splitlines() if line.startswith(path)}


def test_behind_the_readmes_nginx_mcp_calls_spread_and_the_page_stays_put(proxy: tuple[str, Path]) -> None:
    url, log = proxy
    questions = ["What does 100k users at 20 queries a day cost on gpt-4o-mini?", "what if usage doubled?",
                 "and with 30,000 users?", "and for 60k users?"]
    answers = [asyncio.run(_mcp_ask(url, q, "via-proxy")) for q in questions]
    assert [_scenario(a) for a in answers] == [(100_000, 20, "gpt-4o-mini"), (100_000, 40, "gpt-4o-mini"),
                                               (30_000, 40, "gpt-4o-mini"), (60_000, 40, "gpt-4o-mini")]
    assert len(_upstreams(log, "/gradio_api/mcp/")) == 2, "round-robin: the conversation went through both"

    asks = [httpx.post(url + "gradio_api/run/ask", json={"data": [q, "plain-http"]}, timeout=120) for q in questions]
    assert [_scenario(json.loads(a.json()["data"][0])) for a in asks] == [_scenario(a) for a in answers]
    assert len(_upstreams(log, "/gradio_api/run/ask")) == 2, "one-request asks go round-robin too"

    page = Client(url, verbose=False)
    page.predict("What does 100k users at 20 queries a day cost on gpt-4o-mini?", api_name="/chat")
    follow = page.predict("and with 30,000 users?", api_name="/chat")
    assert "$4,725" in json.dumps(follow), "the page's session follows up through the proxy"
    assert len(_upstreams(log, "/gradio_api/queue/")) == 1, "the page's requests stay on one process"
