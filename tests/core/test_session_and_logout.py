"""GET /auth/session and POST /auth/logout."""

import logging

import pytest
import requests
import responses
from django.conf import settings
from django.contrib.sessions.models import Session

from tests.conftest import REVOKE_URL, STORE_URL, TOKEN_URL, BrowserClient, token_reply
from tests.core.conftest import (
    APPLICATIONS,
    CLIENT_AUTHORIZATION,
    form_of,
    session_key,
    stored_token,
)
from tokens.models import StoredToken


def test_a_logged_in_subscriber_sees_their_session(subscriber):
    response = subscriber.get("/auth/session")

    assert response.status_code == 200
    assert response.json() == {"username": "subscriber", "scopes": ["apim:subscribe"]}


def test_a_visitor_has_no_session(browser):
    response = browser.get("/auth/session")

    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"


def test_a_session_whose_tokens_were_deleted_is_not_logged_in(subscriber):
    StoredToken.objects.all().delete()

    assert subscriber.get("/auth/session").status_code == 401
    assert subscriber.get(APPLICATIONS).status_code == 401


def test_logging_out_revokes_both_tokens_and_ends_the_session(subscriber, wso2):
    wso2.add(responses.POST, REVOKE_URL)
    old_session = session_key(subscriber)

    response = subscriber.logout()

    assert response.status_code == 204
    assert response.content == b""
    revocations = [call for call in wso2.calls if call.request.url == REVOKE_URL]
    assert sorted(form_of(call)["token"] for call in revocations) == [
        "access-1",
        "refresh-1",
    ]
    assert all(
        call.request.headers["Authorization"] == CLIENT_AUTHORIZATION
        for call in revocations
    )
    assert StoredToken.objects.count() == 0
    assert not Session.objects.filter(session_key=old_session).exists()
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""
    assert subscriber.get("/auth/session").status_code == 401


def test_the_old_session_cookie_is_worthless_after_logout(subscriber, wso2):
    wso2.add(responses.POST, REVOKE_URL)
    old_session = session_key(subscriber)
    subscriber.logout()

    replay = BrowserClient()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_session

    assert replay.get("/auth/session").status_code == 401
    assert replay.get(APPLICATIONS).status_code == 401


@pytest.mark.parametrize(
    "reply",
    [
        {"status": 500},
        {"status": 400, "json": {"error": "invalid_request"}},
        {"body": requests.ConnectionError("down")},
        {"body": requests.ReadTimeout("slow")},
    ],
)
def test_a_failed_revocation_still_logs_out_and_is_logged(
    subscriber, wso2, caplog, reply
):
    fingerprint = stored_token(subscriber).fingerprint
    wso2.add(responses.POST, REVOKE_URL, **reply)

    with caplog.at_level(logging.WARNING, logger="tokens.revocation"):
        response = subscriber.logout()

    assert response.status_code == 204
    assert StoredToken.objects.count() == 0
    assert subscriber.get("/auth/session").status_code == 401
    assert f"Could not revoke the access token of {fingerprint}" in caplog.text


def test_the_refresh_token_is_revoked_even_when_the_access_token_fails(
    subscriber, wso2
):
    wso2.add(responses.POST, REVOKE_URL, status=500)
    wso2.add(responses.POST, REVOKE_URL)

    assert subscriber.logout().status_code == 204

    revoked = [form_of(call)["token"] for call in wso2.calls[-2:]]
    assert revoked == ["access-1", "refresh-1"]


def test_logging_out_twice_is_harmless(subscriber, wso2):
    wso2.add(responses.POST, REVOKE_URL)
    subscriber.logout()
    revocations = len(wso2.calls)

    response = subscriber.logout()

    assert response.status_code == 204
    assert len(wso2.calls) == revocations


def test_a_visitor_may_log_out(browser, wso2):
    response = browser.logout()

    assert response.status_code == 204
    assert len(wso2.calls) == 0


def test_logging_out_needs_the_csrf_token(subscriber, wso2):
    response = subscriber.post("/auth/logout")

    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"
    assert len(wso2.calls) == 1  # the login only
    assert subscriber.get("/auth/session").status_code == 200


def test_logging_out_of_one_session_leaves_the_others(subscriber, wso2):
    other = BrowserClient()
    wso2.add(responses.POST, TOKEN_URL, json=token_reply("access-2", "refresh-2"))
    wso2.add(responses.POST, REVOKE_URL)
    wso2.add(responses.GET, f"{STORE_URL}/applications", json={"count": 0, "list": []})
    other.login()

    subscriber.logout()

    assert other.get("/auth/session").status_code == 200
    assert other.get(APPLICATIONS).status_code == 200
    assert wso2.calls[-1].request.headers["Authorization"] == "Bearer access-2"


def test_logout_answers_other_methods_with_405(subscriber):
    response = subscriber.get("/auth/logout")

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert subscriber.get("/auth/session").status_code == 200
