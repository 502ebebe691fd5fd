"""A scripted OpenAI-compatible chat-completions server on loopback, for tests over real HTTP.

The real `openai` client and `langchain-openai` talk to it unchanged (`base_url=stub.base_url`).
Each POST /v1/chat/completions takes the next scripted reply from a queue:

    stub.script("Hello",                                      # plain text (a str is text())
                tool_call("token_cost", {"users": 1000}),     # one tool call, JSON args
                fault("429"), fault("500"), fault("timeout"), # transport faults
                fault("malformed_tool_args"), fault("loop"), fault("invent_number"))

Every request body is recorded (`stub.requests`, `stub.headers`, `stub.calls`) so a test can
assert what the client sent. `stream=true` gets SSE chunks (tool calls as deltas, usage in a
final chunk when `stream_options.include_usage` is set). An exhausted script answers HTTP 400
(not retried by the client) unless `stub.default` is set.

Fixtures: `openai_stub` (a started stub, stopped after the test). PYTEST_DONT_REWRITE: this
module is imported by tests before pytest could register it as a plugin.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

__all__ = [
    "FAULTS",
    "OpenAIStub",
    "Reply",
    "error",
    "fault",
    "openai_stub",
    "text",
    "tool_call",
    "tool_calls",
]

FAULTS = ("timeout", "429", "500", "malformed_tool_args", "loop", "invent_number")
INVENTED_NUMBER_TEXT = "Your monthly bill will be $48,213.57, which is 37.2% of revenue."
# Unquoted string: invalid even for LangChain's lenient partial-JSON parser, which silently
# completes truncated arguments such as '{"users": 10' when it merges streamed chunks.
MALFORMED_ARGUMENTS = '{"model": gpt-4o-mini, "users": 1000}'

HANG_S = 30.0  # longer than any client timeout in tests; stop() cuts it short


@dataclass(frozen=True)
class Reply:
    """One scripted answer to one chat-completions request."""

    text: str | None = None
    tool_calls: tuple[tuple[str, str], ...] = ()  # (name, raw arguments string)
    status: int = 200
    error_message: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    hang_s: float = 0.0  # wait this long (or until stop) then close without answering
    loop: bool = False  # once reached, every later request gets this reply again
    prompt_tokens: int | None = None  # None: about 1 token per 4 characters of the request
    completion_tokens: int | None = None
    model: str | None = None  # response "model"; None echoes the request's model
    finish_reason: str | None = None  # None: "tool_calls" or "stop"; e.g. "length"


def _args(arguments: dict[str, Any] | str | None) -> str:
    return arguments if isinstance(arguments, str) else json.dumps(arguments or {})


def text(content: str, **usage: Any) -> Reply:
    """An assistant text answer (usage: prompt_tokens, completion_tokens, model, finish_reason)."""
    return Reply(text=content, **usage)


def tool_calls(*calls: tuple[str, dict[str, Any] | str], **usage: Any) -> Reply:
    """Assistant tool calls, each (name, args); a str args is sent as the raw JSON string."""
    return Reply(tool_calls=tuple((name, _args(args)) for name, args in calls), **usage)


def tool_call(name: str, args: dict[str, Any] | str | None = None, **usage: Any) -> Reply:
    """One assistant tool call."""
    return tool_calls((name, args or {}), **usage)


def error(status: int, message: str = "", *, retry_after_ms: int | None = None) -> Reply:
    """An HTTP error answer; retry_after_ms sends retry-after-ms (honoured by the openai client)."""
    headers = [("retry-after", "0")]
    if retry_after_ms is not None:
        headers.append(("retry-after-ms", str(retry_after_ms)))
    return Reply(status=status, error_message=message or f"openai_stub: scripted HTTP {status}",
                 headers=tuple(headers))


def fault(kind: str, *, name: str | None = None, args: dict[str, Any] | str | None = None,
          hang_s: float = HANG_S, retry_after_ms: int = 1, content: str = INVENTED_NUMBER_TEXT,
          ) -> Reply:
    """A scripted fault.

    Args:
        kind: timeout (hang longer than the client timeout), 429 or 500 (retry-after 0 plus
            retry-after-ms so retries are fast), malformed_tool_args (a tool call whose
            arguments are not valid JSON), loop (calls a tool on every later request),
            invent_number (text with a number no tool produced).
        name: tool name for malformed_tool_args / loop (default: the request's first tool).
        args: tool arguments for loop; raw arguments string for malformed_tool_args.
        hang_s: how long `timeout` hangs before closing the connection unanswered.
        retry_after_ms: server-directed retry delay for 429 / 500.
        content: the text of invent_number.
    """
    if kind == "timeout":
        return Reply(hang_s=hang_s)
    if kind in {"429", "500"}:
        return error(int(kind), f"openai_stub: scripted {kind}", retry_after_ms=retry_after_ms)
    if kind == "malformed_tool_args":
        raw = args if isinstance(args, str) else MALFORMED_ARGUMENTS
        return Reply(tool_calls=((name or "", raw),))
    if kind == "loop":
        return Reply(tool_calls=((name or "", _args(args)),), loop=True)
    if kind == "invent_number":
        return text(content)
    raise ValueError(f"unknown fault {kind!r}; use one of {', '.join(FAULTS)}")


@dataclass
class _State:
    queue: deque[Reply] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    looping: Reply | None = None
    model_list_calls: int = 0


class OpenAIStub:
    """The server: `with OpenAIStub() as stub:` or `stub.start()` / `stub.stop()`."""

    def __init__(self, *, models: tuple[str, ...] = ("gpt-4o-mini",), api_key: str | None = None,
                 default: Reply | str | None = None) -> None:
        self.models = models
        self.api_key = api_key  # None accepts any key; else a wrong key gets HTTP 401
        self.default = text(default) if isinstance(default, str) else default
        self._state = _State()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, ready_timeout_s: float = 5.0) -> OpenAIStub:
        """Serve on 127.0.0.1 on a free port; returns once GET /health answers."""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._server.serve_forever, name="openai-stub",
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + ready_timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=0.5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"openai_stub did not become ready at {self.url}") from None
            time.sleep(0.01)  # poll interval, not a wait for a fixed time

    def stop(self) -> None:
        """Stop serving and release any hanging request."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> OpenAIStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting and records -------------------------------------------------------------
    @property
    def port(self) -> int:
        """The port the stub listens on (after start)."""
        assert self._server is not None, "start() the stub first"
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The OpenAI base URL to give clients (ends in /v1)."""
        return f"{self.url}/v1"

    def script(self, *replies: Reply | str) -> OpenAIStub:
        """Queue replies, in order; a str is a text reply."""
        with self._lock:
            self._state.queue.extend(text(r) if isinstance(r, str) else r for r in replies)
        return self

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every chat-completions request body received, in order (parsed JSON)."""
        with self._lock:
            return list(self._state.requests)

    @property
    def headers(self) -> list[dict[str, str]]:
        """The headers of each request in `requests` (names lower-cased)."""
        with self._lock:
            return list(self._state.headers)

    @property
    def calls(self) -> int:
        """How many chat-completions requests arrived (including failed and retried ones)."""
        with self._lock:
            return len(self._state.requests)

    @property
    def model_list_calls(self) -> int:
        """How many GET /v1/models requests arrived."""
        with self._lock:
            return self._state.model_list_calls

    @property
    def pending(self) -> int:
        """Scripted replies not yet used."""
        with self._lock:
            return len(self._state.queue)

    def _record(self, body: Any, headers: dict[str, str]) -> int:
        with self._lock:
            self._state.requests.append(body)
            self._state.headers.append(headers)
            return len(self._state.requests)

    def _next(self) -> Reply | None:
        with self._lock:
            if self._state.looping is not None:
                return self._state.looping
            reply = self._state.queue.popleft() if self._state.queue else self.default
            if reply is not None and reply.loop:
                self._state.looping = reply
            return reply

    def _count_model_list(self) -> None:
        with self._lock:
            self._state.model_list_calls += 1


# -- HTTP ------------------------------------------------------------------------------------
def _estimate_tokens(payload: object) -> int:
    return max(1, len(json.dumps(payload)) // 4)


def _fill_tool_names(reply: Reply, body: dict[str, Any]) -> Reply:
    """Tool calls scripted without a name use the request's first tool."""
    if not any(name == "" for name, _ in reply.tool_calls):
        return reply
    tools = body.get("tools") or [{"function": {"name": "calculator"}}]
    first = tools[0].get("function", {}).get("name", "calculator")
    return replace(reply, tool_calls=tuple((n or first, a) for n, a in reply.tool_calls))


def _completion_parts(reply: Reply, body: dict[str, Any], call_no: int) -> dict[str, Any]:
    calls = [{"id": f"call_stub_{call_no}_{i}", "type": "function",
              "function": {"name": name, "arguments": arguments}}
             for i, (name, arguments) in enumerate(reply.tool_calls)]
    prompt = reply.prompt_tokens
    if prompt is None:
        prompt = _estimate_tokens([body.get("messages"), body.get("tools")])
    completion = reply.completion_tokens
    if completion is None:
        completion = _estimate_tokens([reply.text, reply.tool_calls])
    return {
        "id": f"chatcmpl-stub-{call_no}", "created": int(time.time()),
        "model": reply.model or body.get("model", "stub"), "system_fingerprint": "fp_stub",
        "content": reply.text, "tool_calls": calls,
        "finish_reason": reply.finish_reason or ("tool_calls" if calls else "stop"),
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                  "total_tokens": prompt + completion},
    }


def _completion(parts: dict[str, Any]) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": parts["content"], "refusal": None}
    if parts["tool_calls"]:
        message["tool_calls"] = parts["tool_calls"]
    return {
        "id": parts["id"], "object": "chat.completion", "created": parts["created"],
        "model": parts["model"], "system_fingerprint": parts["system_fingerprint"],
        "choices": [{"index": 0, "message": message, "logprobs": None,
                     "finish_reason": parts["finish_reason"]}],
        "usage": parts["usage"],
    }


def _halves(value: str) -> list[str]:
    cut = len(value) // 2
    return [piece for piece in (value[:cut], value[cut:]) if piece]


def _chunks(parts: dict[str, Any], include_usage: bool) -> Iterator[dict[str, Any]]:
    def chunk(delta: dict[str, Any] | None, finish: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": parts["id"], "object": "chat.completion.chunk", "created": parts["created"],
            "model": parts["model"], "system_fingerprint": parts["system_fingerprint"],
            "choices": [] if delta is None else [{"index": 0, "delta": delta, "logprobs": None,
                                                  "finish_reason": finish}],
        }
        if include_usage:
            out["usage"] = parts["usage"] if delta is None else None
        return out

    yield chunk({"role": "assistant", "content": "" if parts["content"] is not None else None})
    for piece in _halves(parts["content"] or ""):
        yield chunk({"content": piece})
    for index, call in enumerate(parts["tool_calls"]):
        head = {"index": index, "id": call["id"], "type": "function",
                "function": {"name": call["function"]["name"], "arguments": ""}}
        yield chunk({"tool_calls": [head]})
        for piece in _halves(call["function"]["arguments"]):
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    yield chunk({}, parts["finish_reason"])
    if include_usage:
        yield chunk(None)


def _make_handler(stub: OpenAIStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10  # a stuck client never pins a handler thread for long

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

        def _send(self, status: int, payload: dict[str, Any],
                  headers: tuple[tuple[str, str], ...] = ()) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.close_connection = True

        def _error(self, status: int, message: str,
                   headers: tuple[tuple[str, str], ...] = ()) -> None:
            kind = {401: "invalid_request_error", 429: "rate_limit_exceeded"}.get(
                status, "server_error")
            self._send(status, {"error": {"message": message, "type": kind, "param": None,
                                          "code": kind}}, headers)

        def do_GET(self) -> None:
            if self.path == "/health":
                self._send(200, {"status": "ok"})
            elif self.path.rstrip("/") == "/v1/models":
                stub._count_model_list()
                self._send(200, {"object": "list", "data": [
                    {"id": m, "object": "model", "created": 0, "owned_by": "openai-stub"}
                    for m in stub.models]})
            else:
                self._error(404, f"openai_stub: no route GET {self.path}")

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._error(404, f"openai_stub: no route POST {self.path}")
                return
            try:
                body = json.loads(raw)
            except ValueError:
                self._error(400, "openai_stub: request body is not JSON")
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            call_no = stub._record(body, headers)
            expected = f"Bearer {stub.api_key}"
            if stub.api_key is not None and headers.get("authorization") != expected:
                self._error(401, "openai_stub: incorrect API key provided")
                return
            if not isinstance(body, dict) or not body.get("messages"):
                self._error(400, "openai_stub: 'messages' is required")
                return
            reply = stub._next()
            if reply is None:
                self._error(400, f"openai_stub: script exhausted after {call_no} calls; "
                                 "script more replies or set stub.default")
            elif reply.hang_s:
                stub._stopping.wait(reply.hang_s)
                self.close_connection = True  # the client gave up long ago
            elif reply.status != 200:
                self._error(reply.status, reply.error_message, reply.headers)
            else:
                self._answer(_fill_tool_names(reply, body), body, call_no)

        def _answer(self, reply: Reply, body: dict[str, Any], call_no: int) -> None:
            parts = _completion_parts(reply, body, call_no)
            if not body.get("stream"):
                self._send(200, _completion(parts))
                return
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            for event in _chunks(parts, include_usage):
                self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

    return Handler


@pytest.fixture
def openai_stub() -> Iterator[OpenAIStub]:
    """A started OpenAIStub on loopback; script it with `openai_stub.script(...)`."""
    with OpenAIStub() as stub:
        yield stub
