"""A scripted OpenAI Batch API on 127.0.0.1: files uploaded as multipart, batches
created, retrieved and cancelled, and file contents, over real HTTP.

A batch moves a status a retrieval (validating, in_progress, finalizing, completed),
as a real one moves over hours. Its output file holds a chat completion a request,
shaped for the request's mode by the chat server's own `completion`, with the lines
shuffled as the real API may; requests named in `failed` go to the error file; with
`expire`, the batch expires with half of its requests answered, as an expired one
keeps its partial output. A re-ask (a request that carries the model's earlier
answer) gets `reanswer`, when given."""

from __future__ import annotations

import email.policy
import json
import random
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.scripted_server import Answer, completion

_STEPS = ("validating", "in_progress", "finalizing", "completed")
ENDED = ("completed", "expired", "cancelled", "failed")


@dataclass
class BatchServer:
    answer: Answer
    reanswer: Answer | None = None
    failed: set[str] = field(default_factory=set)  # custom ids answered with an error
    expire: bool = False
    files: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)  # "POST /v1/files", ...
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> BatchServer:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def upload(self, content: bytes, filename: str, purpose: str) -> dict[str, Any]:
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = content
        return {"id": file_id, "object": "file", "bytes": len(content), "created_at": 0,
                "filename": filename, "purpose": purpose, "status": "processed"}  # fmt: skip

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        batch_id = f"batch-{len(self.batches) + 1}"
        lines = self.files[body["input_file_id"]].decode().splitlines()
        self.batches[batch_id] = {
            "id": batch_id, "object": "batch", "endpoint": body["endpoint"],
            "input_file_id": body["input_file_id"], "completion_window": body["completion_window"],
            "status": "validating", "created_at": 0, "metadata": body.get("metadata"),
            "output_file_id": None, "error_file_id": None,
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
        }  # fmt: skip
        return self.batches[batch_id]

    def retrieve(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        status = batch["status"]
        if status == "cancelling":
            self._finish(batch, "cancelled", half=True)
        elif status not in ENDED:
            step = _STEPS[_STEPS.index(status) + 1]
            if step == "completed" or (self.expire and step == "finalizing"):
                self._finish(batch, "expired" if self.expire else "completed", self.expire)
            else:
                batch["status"] = step
        return batch

    def cancel(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        if batch["status"] not in ENDED:
            batch["status"] = "cancelling"
        return batch

    def _finish(self, batch: dict[str, Any], status: str, half: bool = False) -> None:
        requests = [
            json.loads(x) for x in self.files[batch["input_file_id"]].decode().split("\n") if x
        ]
        if half:
            requests = requests[: len(requests) // 2]
        answered, errors = [], []
        for n, request in enumerate(requests):
            line = {"id": f"batch_req_{n}", "custom_id": request["custom_id"]}
            if request["custom_id"] in self.failed:
                error = {"code": "server_error", "message": "the model is overloaded"}
                errors.append({**line, "response": None, "error": error})
            else:
                asked = request["body"]
                answer = self.reanswer if self.reanswer and _is_reask(asked) else self.answer
                body = completion(asked, answer, len(json.dumps(asked)))
                response = {"status_code": 200, "request_id": f"req_{n}", "body": body}
                answered.append({**line, "response": response, "error": None})
        random.Random(7).shuffle(answered)  # the API gives no order
        for name, lines in (("output_file_id", answered), ("error_file_id", errors)):
            if lines:
                data = "".join(json.dumps(x) + "\n" for x in lines).encode()
                batch[name] = self.upload(data, f"{batch['id']}_{name}.jsonl", "batch_output")["id"]
        batch["status"] = status
        batch["request_counts"] = {"total": batch["request_counts"]["total"],
                                   "completed": len(answered), "failed": len(errors)}  # fmt: skip


def _is_reask(body: dict[str, Any]) -> bool:
    return any(m.get("role") == "assistant" for m in body["messages"])


def _handler(script: BatchServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, data: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("content-type", kind)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _json(self, value: dict[str, Any]) -> None:
            self._send(200, json.dumps(value).encode())

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length)
            with script._lock:
                script.calls.append(f"POST {self.path}")
                if self.path == "/v1/files":
                    self._json(_multipart_upload(script, self.headers["content-type"], raw))
                elif self.path == "/v1/batches":
                    self._json(script.create(json.loads(raw)))
                elif self.path.endswith("/cancel"):
                    self._json(script.cancel(self.path.split("/")[3]))
                else:
                    self._send(404, b'{"error": {"message": "no such route"}}')

        def do_GET(self) -> None:
            with script._lock:
                script.calls.append(f"GET {self.path}")
                parts = self.path.split("/")
                if self.path.startswith("/v1/batches/"):
                    self._json(script.retrieve(parts[3]))
                elif self.path.endswith("/content"):
                    self._send(200, script.files[parts[3]], "application/octet-stream")
                else:
                    self._send(404, b'{"error": {"message": "no such route"}}')

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def _multipart_upload(script: BatchServer, content_type: str, raw: bytes) -> dict[str, Any]:
    head = f"content-type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
    assert isinstance(message, EmailMessage)
    fields = {part.get_param("name", header="content-disposition"): part
              for part in message.iter_parts()}  # fmt: skip
    file = fields["file"]
    content = file.get_payload(decode=True)
    purpose = fields["purpose"].get_payload(decode=True).decode()
    return script.upload(content, file.get_filename() or "upload.jsonl", purpose)
