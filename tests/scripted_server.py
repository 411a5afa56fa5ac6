"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1.

It serves reference answers written to the prompt's contract (ArticleSummary records
as JSON), one per request in order, repeating the last, over real HTTP, shaped for
the mode the request asks in: a tool call when the request offers tools, JSON
content for response_format requests, JSON in a Markdown fence otherwise. It records
every request body, so tests can see what the client sent.

It also injects the faults real providers have: HTTP errors with or without
Retry-After, slow answers, connections dropped mid-body, bodies that are not JSON,
tool arguments that are not JSON, refusals and answers with no choices. A storm
answers one request in every `storm_every` (the first, then every other one by
default) with the `storm` answer, e.g. a 429, whatever the script says; the script
goes on over the other requests.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "scripted-model"


@dataclass
class Answer:
    """One scripted reply: records to return, or a fault."""

    records: dict[str, Any] | None = None
    truncate: bool = False  # stop mid-JSON with finish_reason "length"
    status: int = 200
    error: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # e.g. Retry-After
    delay: float = 0.0  # seconds before answering
    drop: bool = False  # close the connection halfway through the body
    raw_body: bytes | None = None  # sent as it is, with status 200
    raw_arguments: str | None = None  # tool-call arguments as they are
    refusal: str | None = None
    no_choices: bool = False

    def __post_init__(self) -> None:
        self.records_json = json.dumps(self.records)  # once, not per request


@dataclass
class ScriptedServer:
    answers: list[Answer]
    requests: list[dict[str, Any]] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)  # time.monotonic() of each request
    storm: Answer | None = None  # given: the answer to requests 1, 1 + every, 1 + 2 * every...
    storm_every: int = 2
    stormed: int = 0  # requests answered with `storm`
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    def __enter__(self) -> ScriptedServer:
        server = _Server(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._server = server
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reply(self, body: dict[str, Any], key: str, size: int) -> tuple[Answer, bytes]:
        with self._lock:  # requests come in on many threads at once
            self.arrivals.append(time.monotonic())
            self.requests.append(body)
            if self.storm is not None and (len(self.requests) - 1) % self.storm_every == 0:
                self.stormed += 1
                answer = self.storm
            else:
                scripted = len(self.requests) - self.stormed
                answer = self.answers[min(scripted, len(self.answers)) - 1]
        if answer.raw_body is not None:
            return answer, answer.raw_body
        if answer.status != 200:
            # Like some real providers, echo the key back: the client must not repeat it.
            message = f"{answer.error} (request made with key {key})"
            payload = {"error": {"message": message, "type": "scripted"}}
        else:
            payload = completion(body, answer, size)
        return answer, json.dumps(payload).encode()


def completion(request: dict[str, Any], answer: Answer, size: int = 0) -> dict[str, Any]:
    """A chat.completion response carrying the answer in the request's mode; `size` is
    the request's length in bytes, for a token count of about four bytes a token."""
    text = answer.raw_arguments or answer.records_json
    if answer.truncate:
        text = text[: len(text) // 2]
    message: dict[str, Any] = {"role": "assistant", "content": None}
    finish = "length" if answer.truncate else "stop"
    if request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        message["tool_calls"] = [
            {"id": "call_0", "type": "function", "function": {"name": name, "arguments": text}}
        ]
        finish = "length" if answer.truncate else "tool_calls"
    elif request.get("response_format"):
        message["content"] = text
    else:
        message["content"] = f"```json\n{text}\n```"
    if answer.refusal is not None:
        message = {"role": "assistant", "content": None, "refusal": answer.refusal}
        finish = "stop"
    prompt_tokens = size // 4
    completion_tokens = len(text) // 4
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", MODEL),
        "choices": []
        if answer.no_choices
        else [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections from a client with many in flight,
    # which then waits a second to try again: a delay that is the server's, not theirs.
    request_queue_size = 256


def _handler(script: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep connections open, as real providers do

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in separate writes; without this, Nagle's algorithm
            # and the client's delayed ACK add tens of milliseconds to every answer.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            key = self.headers.get("authorization", "").removeprefix("Bearer ")
            answer, data = script.reply(body, key, length)
            if answer.delay:
                time.sleep(answer.delay)
            self.send_response(answer.status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if answer.drop:
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)  # the client may have given up waiting

        def log_message(self, *args: object) -> None:
            pass  # keep test output clean

    return Handler
