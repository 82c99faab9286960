"""Compare the authenticated proxy path with a bare Django forwarding view.

    .venv/bin/python bench/proxy_throughput.py [--seconds 10]

Both paths run in this process, through Django's full middleware stack, against
the same local upstream server; the bare view forwards with `requests` and does
nothing else. The script prints requests per second for each and their ratio.
It measures the middle tier's own overhead (session, token store, route table,
header policy); a multi-process run under gunicorn is a separate exercise.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 5
BODY = json.dumps({"count": 1, "list": [{"name": "app", "throttlingTier": "Gold"}]})
TOKEN = json.dumps(
    {
        "access_token": "a",
        "refresh_token": "r",
        "scope": "apim:subscribe",
        "token_type": "Bearer",
        "expires_in": 3600,
    }
)


class Upstream(BaseHTTPRequestHandler):
    """Answers every GET with a small JSON list and /token with a grant."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this, delayed ACKs
    # would dominate every figure.
    disable_nagle_algorithm = True

    def do_GET(self):
        self._reply(BODY)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._reply(TOKEN)

    def _reply(self, text):
        body = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def configure(upstream, database):
    from cryptography.fernet import Fernet

    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="bench-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{database}",
        TOKEN_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        WSO2_TOKEN_URL=f"{upstream}/token",
        WSO2_REVOKE_URL=f"{upstream}/revoke",
        WSO2_CLIENT_ID="bench",
        WSO2_CLIENT_SECRET="bench",
        WSO2_STORE_API_URL=f"{upstream}/store",
        WSO2_ADMIN_API_URL=f"{upstream}/admin",
        ALLOWED_HOSTS="testserver",
        SESSION_COOKIE_SECURE="false",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ROOT_URLCONF = "bench.urls"
    call_command("migrate", verbosity=0)


def measure(client, path, seconds):
    """Return requests per second for GET `path` over `seconds`."""
    for _ in range(50):
        client.get(path)
    count, deadline = 0, time.perf_counter() + seconds
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        response = client.get(path)
        assert response.status_code == 200, response.content
        count += 1
    return count / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=10.0, help="Time spent on each path."
    )
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    upstream = f"http://127.0.0.1:{server.server_address[1]}"

    with tempfile.TemporaryDirectory() as folder:
        configure(upstream, Path(folder) / "bench.sqlite3")
        from django.test import Client

        client = Client()
        csrf = client.get("/auth/csrf").json()["csrfToken"]
        login = client.post(
            "/auth/login",
            json.dumps({"username": "bench", "password": "bench"}),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=csrf,
        )
        assert login.status_code == 200, login.content

        # Alternating short rounds, so that a busy moment of the machine
        # weighs on both paths alike; the median round is reported.
        rounds = {"bare": [], "proxied": []}
        for _ in range(ROUNDS):
            for name, path in (
                ("bare", "/bare/applications"),
                ("proxied", "/store/applications"),
            ):
                rounds[name].append(measure(client, path, args.seconds / ROUNDS))
        bare, proxied = (statistics.median(rounds[name]) for name in rounds)

    print(f"bare Django view:     {bare:8.0f} requests/s")
    print(f"authenticated proxy:  {proxied:8.0f} requests/s")
    print(f"ratio:                {proxied / bare:8.0%}")


if __name__ == "__main__":
    main()
