"""Shared fixtures: a mocked WSO2, a browser-like client, a logged-in subscriber."""

import json

import pytest
import responses
from django.test import Client

TOKEN_URL = "https://wso2.test/token"
REVOKE_URL = "https://wso2.test/revoke"
STORE_URL = "https://wso2.test/api/am/store/v0.11"
ADMIN_URL = "https://wso2.test/api/am/admin/v0.11"
STORE_ORIGIN = "https://store.example"
# WSO2's answer to a missing or invalid token at a REST API (NOTES §9c).
REST_401 = {
    "code": 401,
    "message": "",
    "description": "Unauthenticated request",
    "moreInfo": "",
    "error": [],
}


def token_reply(
    access="access-1", refresh="refresh-1", scope="apim:subscribe", expires_in=3600
):
    return {
        "access_token": access,
        "refresh_token": refresh,
        "scope": scope,
        "token_type": "Bearer",
        "expires_in": expires_in,
    }


@pytest.fixture
def wso2():
    """A mocked WSO2: register replies with `wso2.add(...)`; unmatched calls fail."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


class BrowserClient(Client):
    """A test client that behaves like the store page: CSRF token and JSON."""

    def __init__(self):
        super().__init__(enforce_csrf_checks=True, HTTP_ORIGIN=STORE_ORIGIN)

    def csrf_token(self):
        return self.get("/auth/csrf").json()["csrfToken"]

    def send_json(self, method, path, body, **extra):
        return self.generic(
            method,
            path,
            json.dumps(body),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=self.csrf_token(),
            **extra,
        )

    def send(self, method, path, **extra):
        """Send a request without a body, with the CSRF token unsafe methods need."""
        return self.generic(method, path, HTTP_X_CSRFTOKEN=self.csrf_token(), **extra)

    def login(self, username="subscriber", password="secret", **extra):
        return self.send_json(
            "POST", "/auth/login", {"username": username, "password": password}, **extra
        )

    def logout(self):
        return self.post("/auth/logout", HTTP_X_CSRFTOKEN=self.csrf_token())


@pytest.fixture
def browser(db):
    return BrowserClient()


@pytest.fixture
def subscriber(browser, wso2):
    """A browser whose subscriber is logged in with tokens access-1/refresh-1."""
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())
    response = browser.login()
    assert response.status_code == 200, response.content
    return browser
