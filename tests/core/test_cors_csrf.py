"""CORS for the store's origin only, CSRF on every change, and safe cookies."""

import importlib.util

import environ
import pytest
import requests
import responses
from django.conf import settings as django_settings

from config import settings as project_settings
from tests.conftest import STORE_ORIGIN, TOKEN_URL, BrowserClient, token_reply
from tests.core.conftest import post_body

OTHER_ORIGIN = "https://evil.example"


def assert_cors_for_the_store(response):
    assert response["Access-Control-Allow-Origin"] == STORE_ORIGIN
    assert response["Access-Control-Allow-Credentials"] == "true"


def preflight(client, origin, headers="content-type,x-csrftoken"):
    return client.options(
        "/auth/login",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


def test_the_store_origin_may_read_answers_with_credentials(browser):
    response = browser.get("/auth/csrf")

    assert_cors_for_the_store(response)
    exposed = response["Access-Control-Expose-Headers"].lower().split(", ")
    assert {"retry-after", "x-request-id"} <= set(exposed)


def test_a_preflight_from_the_store_allows_the_csrf_and_content_type_headers(browser):
    response = preflight(browser, STORE_ORIGIN)

    assert response.status_code == 200
    assert_cors_for_the_store(response)
    allowed = response["Access-Control-Allow-Headers"].lower().split(", ")
    assert {"x-csrftoken", "content-type"} <= set(allowed)
    assert "POST" in response["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("origin", [OTHER_ORIGIN, "http://store.example", "null"])
def test_another_origin_gets_no_cors_headers(browser, origin):
    answer = browser.get("/auth/csrf", HTTP_ORIGIN=origin)
    asked = preflight(browser, origin)

    assert "Access-Control-Allow-Origin" not in answer
    assert "Access-Control-Allow-Origin" not in asked
    assert "Access-Control-Allow-Credentials" not in answer


def test_error_answers_carry_the_cors_headers(browser, wso2, settings):
    not_logged_in = browser.get("/auth/session")
    no_csrf_token = browser.post("/auth/login", "{}", content_type="application/json")
    not_found = browser.get("/no/such/page")
    wso2.add(responses.POST, TOKEN_URL, body=requests.ConnectionError("down"))
    wso2_down = browser.login()
    wso2.replace(responses.POST, TOKEN_URL, status=400, json={"error": "invalid_grant"})
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked_out = browser.login("alice", "wrong")
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
    too_large = post_body(browser, "/auth/login", '{"username": "bob"}')

    answers = [
        not_logged_in,
        no_csrf_token,
        not_found,
        wso2_down,
        locked_out,
        too_large,
    ]
    assert [answer.status_code for answer in answers] == [401, 403, 404, 502, 429, 413]
    for answer in answers:
        assert_cors_for_the_store(answer)


def test_a_change_from_another_origin_is_refused_even_with_the_token(browser, wso2):
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())

    response = browser.login(HTTP_ORIGIN=OTHER_ORIGIN)

    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"
    assert len(wso2.calls) == 0


def test_a_token_from_another_browser_is_refused(browser, wso2):
    browser.get("/auth/csrf")
    stolen = BrowserClient().csrf_token()

    response = browser.post(
        "/auth/login",
        '{"username": "alice", "password": "secret"}',
        content_type="application/json",
        HTTP_X_CSRFTOKEN=stolen,
    )

    assert response.status_code == 403
    assert len(wso2.calls) == 0


def test_the_session_cookie_is_http_only(subscriber):
    cookie = subscriber.cookies[django_settings.SESSION_COOKIE_NAME]

    assert cookie["httponly"] is True


def test_cookies_follow_the_secure_and_samesite_settings(browser, wso2, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_SAMESITE = settings.CSRF_COOKIE_SAMESITE = "None"
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())

    browser.login()

    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
        assert browser.cookies[name]["secure"] is True
        assert browser.cookies[name]["samesite"] == "None"


def load_project_settings(monkeypatch, **environment):
    """Run config/settings.py afresh with only `environment` set; return it.

    A developer's .env is not read, so that only the defaults decide.
    """
    for name in (
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_SAMESITE",
        "CORS_ALLOWED_ORIGINS",
        "CSRF_TRUSTED_ORIGINS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(environ.Env, "read_env", staticmethod(lambda *args: None))
    spec = importlib.util.spec_from_file_location(
        "fresh_settings", project_settings.__file__
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cookies_are_secure_by_default(monkeypatch):
    loaded = load_project_settings(monkeypatch)

    assert loaded.SESSION_COOKIE_SECURE is True
    assert loaded.CSRF_COOKIE_SECURE is True
    assert loaded.SESSION_COOKIE_HTTPONLY is True
    assert loaded.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_cookies_are_not_secure_by_default_under_debug(monkeypatch):
    loaded = load_project_settings(monkeypatch, DEBUG="true")

    assert loaded.SESSION_COOKIE_SECURE is False
    assert loaded.CSRF_COOKIE_SECURE is False


def test_samesite_is_configurable_for_both_cookies(monkeypatch):
    default = load_project_settings(monkeypatch)
    configured = load_project_settings(monkeypatch, SESSION_COOKIE_SAMESITE="None")

    assert default.SESSION_COOKIE_SAMESITE == "Lax"
    assert default.CSRF_COOKIE_SAMESITE == "Lax"
    assert configured.SESSION_COOKIE_SAMESITE == "None"
    assert configured.CSRF_COOKIE_SAMESITE == "None"


def test_csrf_trusts_the_cors_origins_unless_told_otherwise(monkeypatch):
    default = load_project_settings(monkeypatch, CORS_ALLOWED_ORIGINS=STORE_ORIGIN)
    told = load_project_settings(
        monkeypatch,
        CORS_ALLOWED_ORIGINS=STORE_ORIGIN,
        CSRF_TRUSTED_ORIGINS="https://other.example",
    )

    assert default.CORS_ALLOWED_ORIGINS == [STORE_ORIGIN]
    assert default.CSRF_TRUSTED_ORIGINS == [STORE_ORIGIN]
    assert told.CSRF_TRUSTED_ORIGINS == ["https://other.example"]
