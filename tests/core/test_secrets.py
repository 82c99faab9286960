"""No token, password, client secret or key leaks into answers, logs or errors."""

import base64
import logging

import pytest
import requests
import responses

from tests.conftest import (
    REST_401,
    REVOKE_URL,
    STORE_URL,
    TOKEN_URL,
    BrowserClient,
    token_reply,
)
from tests.core.conftest import APPLICATIONS, make_due, make_token
from wso2 import oauth
from wso2.errors import UpstreamError

PASSWORD = "pw-Secret-of-alice-0c7e"
TOKENS = {
    "login": ("AT-login-5a1b", "RT-login-5a1b"),
    "refresh": ("AT-refreshed-77c2", "RT-refreshed-77c2"),
    "retry": ("AT-retried-91d0", "RT-retried-91d0"),
    "other": ("AT-other-e4f8", "RT-other-e4f8"),
}
LISTING = {"count": 0, "list": []}


@pytest.fixture
def secrets(settings):
    client_credentials = f"{settings.WSO2_CLIENT_ID}:{settings.WSO2_CLIENT_SECRET}"
    return [
        PASSWORD,
        settings.WSO2_CLIENT_SECRET,
        base64.b64encode(client_credentials.encode()).decode(),
        settings.SECRET_KEY,
        *settings.TOKEN_ENCRYPTION_KEYS,
        *(token for pair in TOKENS.values() for token in pair),
    ]


def seen_by_the_browser(response):
    return response.serialize().decode(errors="replace") + response.cookies.output()


def everything_logged(caplog):
    records = "\n".join(
        f"{record.getMessage()} {record.args!r} {record.__dict__!r}"
        for record in caplog.records
    )
    return caplog.text + records


def test_a_whole_session_leaks_no_secret(wso2, caplog, secrets, db):
    caplog.set_level(logging.DEBUG)
    for name in ("axes", "django", "tokens", "wso2", "proxy", "core"):
        caplog.set_level(logging.DEBUG, logger=name)
    browser, other = BrowserClient(), BrowserClient()
    answers = []
    store = f"{STORE_URL}/applications"

    # A wrong password, then a login.
    wso2.add(responses.POST, TOKEN_URL, status=400, json={"error": "invalid_grant"})
    answers.append(browser.login("alice", PASSWORD))
    wso2.replace(responses.POST, TOKEN_URL, json=token_reply(*TOKENS["login"]))
    answers.append(browser.login("alice", PASSWORD))
    answers.append(browser.get("/auth/session"))

    # A proxied call, a refresh before expiry, and a refresh after a 401.
    wso2.add(responses.GET, store, json=LISTING)
    answers.append(browser.get(APPLICATIONS))
    make_due(browser)
    wso2.replace(responses.POST, TOKEN_URL, json=token_reply(*TOKENS["refresh"]))
    answers.append(browser.get(APPLICATIONS))
    wso2.replace(responses.GET, store, status=401, json=REST_401)
    wso2.add(responses.GET, store, json=LISTING)
    wso2.replace(responses.POST, TOKEN_URL, json=token_reply(*TOKENS["retry"]))
    answers.append(browser.get(APPLICATIONS))

    # Refreshes that fail: WSO2 down, then a refused refresh token elsewhere.
    make_due(browser)
    wso2.replace(responses.POST, TOKEN_URL, body=requests.ConnectionError("down"))
    answers.append(browser.get(APPLICATIONS))
    wso2.replace(responses.POST, TOKEN_URL, status=500, body="Internal error")
    answers.append(browser.get(APPLICATIONS))
    wso2.replace(responses.POST, TOKEN_URL, json=token_reply(*TOKENS["other"]))
    answers.append(other.login("bob", PASSWORD))
    make_due(other)
    wso2.replace(responses.POST, TOKEN_URL, status=400, json={"error": "invalid_grant"})
    answers.append(other.get(APPLICATIONS))

    # A logout whose revocation fails.
    wso2.add(responses.POST, REVOKE_URL, status=503)
    answers.append(browser.logout())

    statuses = [answer.status_code for answer in answers]
    assert statuses == [401, 200, 200, 200, 200, 200, 502, 502, 200, 401, 204]
    browser_saw = "\n".join(seen_by_the_browser(answer) for answer in answers)
    logged = everything_logged(caplog)
    assert "Could not revoke the access token" in logged  # the logs were captured
    for secret in secrets:
        assert secret not in browser_saw
        assert secret not in logged


def test_a_grant_never_shows_its_tokens():
    grant = oauth.Grant("AT-in-grant", "RT-in-grant", ("apim:subscribe",), 3600)

    for shown in (repr(grant), str(grant), f"{grant}"):
        assert "AT-in-grant" not in shown
        assert "RT-in-grant" not in shown
        assert "apim:subscribe" in shown


def test_a_stored_token_never_shows_its_tokens(db):
    row = make_token("alice", "AT-in-row", "RT-in-row")

    for shown in (repr(row), str(row)):
        assert "AT-in-row" not in shown
        assert "RT-in-row" not in shown
        assert row.access_token_ciphertext not in shown


@pytest.mark.parametrize(
    "reply",
    [
        {"status": 400, "json": {"error": "invalid_grant"}},
        {"status": 401, "json": {"error": "invalid_client"}},
        {"status": 500, "body": "oops"},
        {"status": 200, "json": {"scope": "apim:subscribe"}},
        {"body": requests.ConnectionError("down")},
        {"body": requests.ReadTimeout("slow")},
    ],
)
def test_errors_of_the_token_endpoint_name_no_secret(wso2, settings, reply):
    wso2.add(responses.POST, TOKEN_URL, **reply)

    with pytest.raises((oauth.InvalidGrant, UpstreamError)) as raised:
        oauth.password_grant("alice", PASSWORD, ["apim:subscribe"])

    for error in (raised.value, raised.value.__cause__):
        for shown in (str(error), repr(error)):
            assert PASSWORD not in shown
            assert settings.WSO2_CLIENT_SECRET not in shown
