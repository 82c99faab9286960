"""A real, local WSO2 token endpoint and Store resource, for the concurrency tests.

`responses` cannot be shared with other processes, so the tests that race
threads or processes against each other talk to this small HTTP server
instead. It behaves as WSO2 does where the race matters: every refresh grant
rotates the refresh token, and the old one is then refused with
`invalid_grant`.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

STORE_PATH = "/api/am/store/v0.11"


class FakeWSO2:
    """Count the grants, rotate the tokens, check the bearer of Store calls."""

    def __init__(self, grant_seconds=0.0):
        self.grant_seconds = grant_seconds
        self.lock = threading.Lock()
        self.generation = 1
        self.password_grants = 0
        self.refresh_grants = 0
        self.bearers = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def token_url(self):
        return f"{self.url}/token"

    @property
    def store_url(self):
        return f"{self.url}{STORE_PATH}"

    def access_token(self):
        return f"access-{self.generation}"

    def refresh_token(self):
        return f"refresh-{self.generation}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def grant(self, form):
        """Return `(status, body)` for a token request with `form`."""
        grant_type = form.get("grant_type")
        with self.lock:
            if grant_type == "password":
                self.password_grants += 1
            elif grant_type == "refresh_token":
                self.refresh_grants += 1
                if form.get("refresh_token") != self.refresh_token():
                    return 400, {"error": "invalid_grant"}
                self.generation += 1
            else:
                return 400, {"error": "unsupported_grant_type"}
            reply = {
                "access_token": self.access_token(),
                "refresh_token": self.refresh_token(),
                "scope": "apim:subscribe",
                "token_type": "Bearer",
                "expires_in": 3600,
            }
        # Outside the lock, so that concurrent grants really overlap.
        time.sleep(self.grant_seconds)
        return 200, reply

    def store_call(self, authorization):
        """Return `(status, body)` for a Store call with that Authorization header."""
        bearer = authorization.removeprefix("Bearer ")
        with self.lock:
            self.bearers.append(bearer)
            current = self.access_token()
        if bearer != current:
            return 401, {
                "fault": {
                    "code": 900901,
                    "message": "Invalid Credentials",
                    "description": "Access token expired",
                }
            }
        return 200, {"count": 0, "list": []}


def _handler_for(fake):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = {
                name: values[0]
                for name, values in parse_qs(self.rfile.read(length).decode()).items()
            }
            if self.path != "/token":
                return self._answer(404, {"error": "not_found"})
            return self._answer(*fake.grant(form))

        def do_GET(self):
            if not self.path.startswith(STORE_PATH + "/"):
                return self._answer(404, {"error": "not_found"})
            return self._answer(*fake.store_call(self.headers.get("Authorization", "")))

        def _answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler
