"""Every failure is a JSON answer with the right status; /healthz; request ids."""

import io
import json
import re

import pytest
import responses

from tests.conftest import STORE_URL, TOKEN_URL, token_reply
from tests.core.conftest import APPLICATIONS, post_body

ERROR_KEYS = {"error", "message"}


def assert_json_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == ERROR_KEYS
    assert response.json()["error"] == code


@pytest.mark.parametrize("path", ["/nothing-here", "/auth/", "/auth/nope", "/healthz/"])
def test_an_unknown_path_gets_a_json_404(browser, path):
    assert_json_error(browser.get(path), 404, "not_found")


def test_a_body_declared_larger_than_the_limit_gets_413_unread(browser, wso2, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    body = json.dumps({"username": "alice", "password": "p" * 200})

    response = post_body(browser, "/auth/login", body)

    assert_json_error(response, 413, "payload_too_large")
    assert "100 bytes" in response.json()["message"]
    assert len(wso2.calls) == 0


def test_a_body_at_the_limit_is_accepted(browser, wso2, settings):
    body = json.dumps({"username": "alice", "password": "secret"})
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(body)
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())

    response = post_body(browser, "/auth/login", body)

    assert response.status_code == 200


def test_an_oversized_proxied_body_gets_413_before_wso2_hears_of_it(
    subscriber, wso2, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    calls = len(wso2.calls)

    response = subscriber.send_json(
        "POST", APPLICATIONS, {"name": "x" * 2000, "throttlingTier": "Unlimited"}
    )

    assert_json_error(response, 413, "payload_too_large")
    assert len(wso2.calls) == calls


def test_a_chunked_body_without_a_length_is_refused_unread(browser, wso2):
    body = io.BytesIO(json.dumps({"username": "alice", "password": "x"}).encode())

    response = browser.generic(
        "POST",
        "/auth/login",
        HTTP_X_CSRFTOKEN=browser.csrf_token(),
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_TYPE="application/json",
        **{"wsgi.input": body},
    )

    assert_json_error(response, 411, "length_required")
    assert body.tell() == 0
    assert len(wso2.calls) == 0


@pytest.mark.parametrize("host", ["evil.example", "evil.example:443", "bad host"])
def test_a_hostile_host_header_gets_a_json_400(browser, host):
    response = browser.get("/auth/session", HTTP_HOST=host)

    assert_json_error(response, 400, "bad_request")


def test_an_unexpected_failure_is_a_json_500_without_details(subscriber, monkeypatch):
    def broken(request):
        raise RuntimeError("internal detail that must not leak")

    monkeypatch.setattr("tokens.handles.SubscriberTokens.for_request", broken)
    subscriber.raise_request_exception = False

    response = subscriber.get("/auth/session")

    assert_json_error(response, 500, "internal_error")
    assert "internal detail" not in response.content.decode()
    assert "X-Request-ID" in response.json()["message"]
    assert response["X-Request-ID"]


def test_a_good_request_id_is_echoed_and_passed_to_wso2(subscriber, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/applications", json={"count": 0, "list": []})

    response = subscriber.get(APPLICATIONS, HTTP_X_REQUEST_ID="trace-0123456789")

    assert response["X-Request-ID"] == "trace-0123456789"
    assert wso2.calls[-1].request.headers["X-Request-ID"] == "trace-0123456789"


@pytest.mark.parametrize(
    "hostile",
    [
        "short",
        "x" * 65,
        "id with spaces 123",
        "id\r\nSet-Cookie: a=b",
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "ünïcødé-request-id",
    ],
)
def test_a_hostile_request_id_is_replaced(subscriber, wso2, hostile):
    wso2.add(responses.GET, f"{STORE_URL}/applications", json={"count": 0, "list": []})

    response = subscriber.get(APPLICATIONS, HTTP_X_REQUEST_ID=hostile)

    replaced = response["X-Request-ID"]
    assert replaced != hostile
    assert re.fullmatch(r"[0-9a-f]{32}", replaced)
    assert wso2.calls[-1].request.headers["X-Request-ID"] == replaced


def test_each_request_without_an_id_gets_its_own(browser):
    first = browser.get("/healthz")["X-Request-ID"]
    second = browser.get("/healthz")["X-Request-ID"]

    assert first != second


def test_healthz_answers_without_asking_wso2_or_the_database(
    browser, wso2, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = browser.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(wso2.calls) == 0


def test_healthz_answers_other_methods_with_a_json_405(browser):
    response = browser.post("/healthz", HTTP_X_CSRFTOKEN=browser.csrf_token())

    assert_json_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"
