"""A light chat client for the load benchmark: Gradio's queue protocol, as the page speaks it, on one event loop.

What a browser does per message, minus rendering: one POST (`/gradio_api/queue/join`) queues the
question under the user's session hash (so `gr.State`, the conversation id, persists between
turns), one GET (`/gradio_api/queue/data`) streams the answer as server-sent events until
`process_completed`. An endpoint that is not queued (the `ask` API) is one POST to
`/gradio_api/run/<name>`. `gradio_client` speaks the same protocol with a thread per request and
1-50 ms polling loops; on the 2-core machine its clients took the CPU the server needed and added
about 150 ms to every answer even when the server was idle.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["ChatError", "ChatUser", "Endpoint", "chat_text"]


class ChatError(RuntimeError):
    """The server reported an error for the question, or closed the stream without an answer."""


@dataclass(frozen=True)
class Endpoint:
    """An endpoint of the app: its name, fn_index, whether it is queued and which inputs are session state."""

    url: str
    api_name: str
    fn_index: int
    queued: bool
    state_inputs: tuple[bool, ...]

    @classmethod
    async def find(cls, http: httpx.AsyncClient, url: str, api_name: str = "chat") -> Endpoint:
        """Read the app's config for the endpoint called `api_name`."""
        config = (await http.get(url.rstrip("/") + "/config")).raise_for_status().json()
        kinds = {c["id"]: c.get("type") for c in config["components"]}
        for index, dep in enumerate(config["dependencies"]):
            if dep.get("api_name") == api_name:
                return cls(url.rstrip("/"), api_name, dep.get("id", index), dep.get("queue") is not False,
                           tuple(kinds[i] == "state" for i in dep["inputs"]))
        raise ChatError(f"the app at {url} has no endpoint named {api_name!r}")


class ChatUser:
    """One browser session: `await user.ask(question)` -> the final outputs of the answer."""

    def __init__(self, http: httpx.AsyncClient, endpoint: Endpoint) -> None:
        self.http = http
        self.endpoint = endpoint
        self.session_hash = uuid.uuid4().hex[:11]

    async def ask(self, question: str) -> list[Any]:
        """Send one chat message and wait for its completed output."""
        return await self.send(question)

    async def send(self, *values: Any) -> list[Any]:
        """Call the endpoint with `values` for its inputs (session state is the server's) and wait for its output."""
        given = iter(values)
        data = [None if state else next(given, None) for state in self.endpoint.state_inputs]
        if not self.endpoint.queued:  # one request, one answer (the `ask` API)
            url = f"{self.endpoint.url}/gradio_api/run/{self.endpoint.api_name}"
            posted = (await self.http.post(url, json={"data": data, "session_hash": self.session_hash}))
            return list(posted.raise_for_status().json()["data"])
        base = self.endpoint.url + "/gradio_api/queue"
        body = {"data": data, "fn_index": self.endpoint.fn_index, "session_hash": self.session_hash,
                "event_data": None, "trigger_id": None}
        joined = (await self.http.post(base + "/join", json=body)).raise_for_status()
        event_id = joined.json()["event_id"]
        async with self.http.stream("GET", base + "/data", params={"session_hash": self.session_hash}) as stream:
            stream.raise_for_status()
            async for line in stream.aiter_lines():
                if not line.startswith("data:"):
                    continue
                msg = json.loads(line[5:])
                if msg.get("event_id") != event_id or msg.get("msg") != "process_completed":
                    continue
                if not msg.get("success", False):
                    raise ChatError(str(msg.get("output"))[:200])
                return list(msg["output"]["data"])
        raise ChatError("the stream closed before the answer was complete")


def chat_text(result: Any) -> str:
    """The text of a chat result's messages (its first output), for checking what an answer shows."""
    messages = result[0] if isinstance(result, list | tuple) and result and isinstance(result[0], list) else result
    return "\n".join(str(m.get("content", "")) for m in messages if isinstance(m, dict))
