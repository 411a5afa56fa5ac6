"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1.

It serves reference answers written to the prompt's contract (ArticleSummary records
as JSON), one per request in order, repeating the last, over real HTTP, shaped for
the mode the request asks in: a tool call when the request offers tools, JSON
content for response_format requests, JSON in a Markdown fence otherwise. It records
every request body, so tests can see what the client sent.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "scripted-model"


@dataclass
class Answer:
    """One scripted reply: records to return, or an HTTP error."""

    records: dict[str, Any] | None = None
    truncate: bool = False  # stop mid-JSON with finish_reason "length"
    status: int = 200
    error: str = ""


@dataclass
class ScriptedServer:
    answers: list[Answer]
    requests: list[dict[str, Any]] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    def __enter__(self) -> ScriptedServer:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._server = server
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reply(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.requests.append(body)
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if answer.status != 200:
            return answer.status, {"error": {"message": answer.error, "type": "scripted"}}
        return 200, completion(body, answer)


def completion(request: dict[str, Any], answer: Answer) -> dict[str, Any]:
    """A chat.completion response carrying the answer in the request's mode."""
    text = json.dumps(answer.records)
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
    prompt_tokens = len(json.dumps(request.get("messages", []))) // 4
    completion_tokens = len(text) // 4
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", MODEL),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def _handler(script: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            status, payload = script.reply(body)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass  # keep test output clean

    return Handler
