"""The authenticated proxy path stays cheap: one query, no per-call set-up."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import responses

from tests.conftest import STORE_URL


def test_an_authenticated_call_reads_session_and_token_in_one_query(
    subscriber, wso2, django_assert_num_queries
):
    wso2.add(responses.GET, f"{STORE_URL}/applications", json={"count": 0, "list": []})

    with django_assert_num_queries(1):
        response = subscriber.get("/store/applications")

    assert response.status_code == 200


class _Tags(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"count": 0, "list": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_wso2():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Tags)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_calls_ignore_proxy_settings_in_the_environment(
    browser, local_wso2, monkeypatch, settings
):
    # A proxy that does not exist: a client reading the environment would fail.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    settings.WSO2_STORE_API_URL = local_wso2

    response = browser.get("/store/tags")

    assert response.status_code == 200
    assert response.json() == {"count": 0, "list": []}
