"""A stand-in for the OpenTelemetry Collector in deploy/compose.offline.yaml (its image comes
from Docker Hub): accepts OTLP over HTTP on :4318, answers 200 with an empty (valid) protobuf
reply, and logs the requests and bytes each path received every 30 s. GET / is the health check."""

import http.server
import signal
import sys
import threading
import time
from collections import Counter

counts: Counter[str] = Counter()
sizes: Counter[str] = Counter()
lock = threading.Lock()


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with lock:
            counts[self.path] += 1
            sizes[self.path] += len(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def report() -> None:
    while True:
        time.sleep(30)
        with lock:
            print("otlp received:", {p: (counts[p], sizes[p]) for p in sorted(counts)}, flush=True)


# As PID 1 the process ignores SIGTERM unless it handles it: without this `docker stop` waits
# its 10 s and kills it.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
threading.Thread(target=report, daemon=True).start()
http.server.ThreadingHTTPServer(("0.0.0.0", 4318), Sink).serve_forever()
