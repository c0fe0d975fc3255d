"""A tiny OpenAI-protocol chat server on 127.0.0.1 for tests: no network, no model.

It writes its reply from the passages in the request, so what it says depends on what the
assistant retrieved. The model name picks a behaviour:

- `cite`: two sentences per passage, each citing that passage's number;
- `cite-wrong`: the same, plus a sentence citing a passage that was not sent;
- `uncited`: a plausible reply that cites nothing;
- `slow`: `cite`, after sleeping `delay` seconds;
- `error`: HTTP 500 with an OpenAI error body.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PASSAGE_LINE = re.compile(r"^\[(\d+)\] (.+?) – ", re.MULTILINE)


def compose(model: str, messages: list[dict[str, Any]]) -> str:
    """The reply for a model name, written from the numbered passages in the user message."""
    user = next(m["content"] for m in reversed(messages) if m["role"] == "user")
    passages = PASSAGE_LINE.findall(user)
    if model == "uncited":
        return "That sounds like a good plan, and many adults do exactly that."
    sentences = [
        f"The article {title} explains this [{number}]. Read it before you decide [{number}]."
        for number, title in passages
    ]
    if model == "cite-wrong":
        sentences.append(f"It is also free of charge [{len(passages) + 1}].")
    return " ".join(sentences)


@dataclass
class FakeOpenAIServer:
    """The server's address and the requests it has received."""

    base_url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    delay: float = 2.0


def _handler(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            request = json.loads(self.rfile.read(length))
            server.requests.append(request)
            if self.path != "/v1/chat/completions":
                self._json(404, {"error": {"message": "not found", "type": "invalid_request"}})
                return
            model = request["model"]
            if model == "error":
                self._json(500, {"error": {"message": "model crashed", "type": "server_error"}})
                return
            if model == "slow":
                time.sleep(server.delay)
            text = compose(model, request["messages"])
            ident = f"chatcmpl-{uuid.uuid4().hex}"
            if not request.get("stream"):
                self._json(
                    200,
                    {
                        "id": ident,
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": text},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    },
                )
                return
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("connection", "close")
            self.end_headers()
            deltas = [{"role": "assistant", "content": ""}]
            deltas += [{"content": word} for word in re.findall(r"\S+\s*", text)]
            for delta in deltas:
                chunk = {
                    "id": ident,
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
            final = {
                "id": ident,
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
            }
            self.wfile.write(f"data: {json.dumps(final)}\n\ndata: [DONE]\n\n".encode())
            self.wfile.flush()
            self.close_connection = True

    return Handler


class QuietServer(ThreadingHTTPServer):
    """Clients that give up (timeouts) are expected; they are not errors worth printing."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@contextmanager
def openai_server() -> Iterator[FakeOpenAIServer]:
    """Serve the fake OpenAI protocol on a free port of 127.0.0.1 for the duration."""
    state = FakeOpenAIServer(base_url="")
    httpd = QuietServer(("127.0.0.1", 0), _handler(state))
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
