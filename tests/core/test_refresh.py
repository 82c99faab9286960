"""Staying logged in across token expiry: refresh before expiry and after a 401."""

import threading
from datetime import timedelta

import pytest
import requests
import responses
from django.contrib.sessions.models import Session
from django.db import connections
from django.utils import timezone

from tests.conftest import (
    REST_401,
    STORE_URL,
    TOKEN_URL,
    BrowserClient,
    token_reply,
)
from tests.core.conftest import (
    APPLICATIONS,
    form_of,
    make_due,
    session_key,
    stored_token,
)
from tokens.models import StoredToken

APPLICATIONS_URL = f"{STORE_URL}/applications"
LISTING = {"count": 0, "list": []}
# The gateway's way of saying "this token is no good" (NOTES §9b).
GATEWAY_401 = {
    "fault": {
        "code": 900901,
        "message": "Invalid Credentials",
        "description": "Invalid Credentials. Make sure you have given the correct "
        "access token",
    }
}


def bearers(wso2):
    """Return the bearer tokens WSO2's Store API received, in order."""
    return [
        call.request.headers["Authorization"].removeprefix("Bearer ")
        for call in wso2.calls
        if call.request.url.startswith(STORE_URL)
    ]


def grants(wso2):
    return [form_of(call) for call in wso2.calls if call.request.url == TOKEN_URL]


def test_a_token_about_to_expire_is_refreshed_before_the_call(
    subscriber, wso2, settings
):
    make_due(subscriber, seconds_left=settings.TOKEN_REFRESH_MARGIN - 5)
    wso2.add(responses.POST, TOKEN_URL, json=token_reply("access-2", "refresh-2"))
    wso2.add(responses.GET, APPLICATIONS_URL, json=LISTING)

    response = subscriber.get(APPLICATIONS)

    assert response.status_code == 200
    assert grants(wso2)[-1] == {
        "grant_type": "refresh_token",
        "refresh_token": "refresh-1",
    }
    assert bearers(wso2) == ["access-2"]
    row = stored_token(subscriber)
    assert (row.access_token, row.refresh_token) == ("access-2", "refresh-2")
    assert row.refreshed_at is not None
    assert row.expires_at > timezone.now() + timedelta(seconds=3500)


def test_the_rotated_refresh_token_is_used_the_next_time(subscriber, wso2):
    wso2.add(responses.GET, APPLICATIONS_URL, json=LISTING)
    wso2.add(responses.POST, TOKEN_URL, json=token_reply("access-2", "refresh-2"))
    make_due(subscriber)
    subscriber.get(APPLICATIONS)
    wso2.replace(responses.POST, TOKEN_URL, json=token_reply("access-3", "refresh-3"))
    make_due(subscriber)

    response = subscriber.get(APPLICATIONS)

    assert response.status_code == 200
    assert grants(wso2)[-1]["refresh_token"] == "refresh-2"
    assert bearers(wso2) == ["access-2", "access-3"]


def test_a_token_outside_the_margin_is_not_refreshed(subscriber, wso2, settings):
    make_due(subscriber, seconds_left=settings.TOKEN_REFRESH_MARGIN + 30)
    wso2.add(responses.GET, APPLICATIONS_URL, json=LISTING)

    subscriber.get(APPLICATIONS)

    assert len(grants(wso2)) == 1  # the login's
    assert bearers(wso2) == ["access-1"]


def test_the_margin_is_configurable(subscriber, wso2, settings):
    settings.TOKEN_REFRESH_MARGIN = 600
    make_due(subscriber, seconds_left=300)
    wso2.add(responses.POST, TOKEN_URL, json=token_reply("access-2", "refresh-2"))
    wso2.add(responses.GET, APPLICATIONS_URL, json=LISTING)

    subscriber.get(APPLICATIONS)

    assert bearers(wso2) == ["access-2"]


@pytest.mark.parametrize("rejection", [REST_401, GATEWAY_401], ids=["rest", "gateway"])
def test_a_rejected_token_is_refreshed_once_and_the_call_retried(
    subscriber, wso2, rejection
):
    wso2.add(responses.GET, APPLICATIONS_URL, status=401, json=rejection)
    wso2.add(responses.GET, APPLICATIONS_URL, json=LISTING)
    wso2.add(responses.POST, TOKEN_URL, json=token_reply("access-2", "refresh-2"))

    response = subscriber.get(APPLICATIONS)

    assert response.status_code == 200
    assert response.json() == LISTING
    assert bearers(wso2) == ["access-1", "access-2"]
    assert len(grants(wso2)) == 2  # the login's and one refresh
    assert stored_token(subscriber).access_token == "access-2"


@pytest.mark.parametrize("rejection", [REST_401, GATEWAY_401], ids=["rest", "gateway"])
def test_a_second_rejection_ends_the_session(subscriber, wso2, rejection):
    old_session = session_key(subscriber)
    wso2.add(responses.GET, APPLICATIONS_URL, status=401, json=rejection)
    wso2.add(responses.POST, TOKEN_URL, json=token_reply("access-2", "refresh-2"))

    response = subscriber.get(APPLICATIONS)

    assert response.status_code == 401
    assert response.json()["error"] == "session_expired"
    assert bearers(wso2) == ["access-1", "access-2"]
    assert StoredToken.objects.count() == 0
    assert not Session.objects.filter(session_key=old_session).exists()
    assert subscriber.get("/auth/session").status_code == 401


def test_a_401_that_is_not_about_the_token_is_passed_on(subscriber, wso2):
    blocked = {"fault": {"code": 900907, "message": "API blocked", "description": ""}}
    wso2.add(responses.GET, APPLICATIONS_URL, status=401, json=blocked)

    response = subscriber.get(APPLICATIONS)

    assert response.status_code == 401
    assert response.json() == blocked
    assert len(grants(wso2)) == 1
    assert stored_token(subscriber).access_token == "access-1"


def test_a_refused_refresh_token_ends_the_session(subscriber, wso2, settings):
    row = make_due(subscriber)
    old_session = session_key(subscriber)
    wso2.add(
        responses.POST,
        TOKEN_URL,
        status=400,
        json={
            "error": "invalid_grant",
            "error_description": "Persisted access token data not found",
        },
    )

    response = subscriber.get(APPLICATIONS)

    assert response.status_code == 401
    assert response.json()["error"] == "session_expired"
    assert not StoredToken.objects.filter(pk=row.pk).exists()
    assert not Session.objects.filter(session_key=old_session).exists()
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""
    assert subscriber.get("/auth/session").status_code == 401
    assert bearers(wso2) == []


@pytest.mark.parametrize(
    "reply, status",
    [
        ({"body": requests.ConnectionError("down")}, 502),
        ({"body": requests.ReadTimeout("slow")}, 504),
        ({"status": 500}, 502),
        ({"status": 503, "body": "Service Unavailable"}, 502),
        ({"status": 401, "json": {"error": "invalid_client"}}, 502),
        ({"json": {"unexpected": "reply"}}, 502),
    ],
)
def test_a_wso2_failure_during_refresh_keeps_the_tokens(
    subscriber, wso2, reply, status
):
    make_due(subscriber)
    wso2.add(responses.POST, TOKEN_URL, **reply)

    response = subscriber.get(APPLICATIONS)

    assert response.status_code == status
    assert response.json()["error"].startswith(("upstream", "token_endpoint"))
    row = stored_token(subscriber)
    assert (row.access_token, row.refresh_token) == ("access-1", "refresh-1")
    assert row.version == 0

    # When WSO2 is back, the next call refreshes with the same refresh token.
    wso2.replace(responses.POST, TOKEN_URL, json=token_reply("access-2", "refresh-2"))
    wso2.add(responses.GET, APPLICATIONS_URL, json=LISTING)
    assert subscriber.get(APPLICATIONS).status_code == 200
    assert grants(wso2)[-1]["refresh_token"] == "refresh-1"
    assert bearers(wso2) == ["access-2"]


def test_a_refresh_reply_without_scope_or_refresh_token_keeps_them(subscriber, wso2):
    make_due(subscriber)
    wso2.add(
        responses.POST,
        TOKEN_URL,
        json={"access_token": "access-2", "token_type": "Bearer", "expires_in": 3600},
    )
    wso2.add(responses.GET, APPLICATIONS_URL, json=LISTING)

    response = subscriber.get(APPLICATIONS)

    assert response.status_code == 200
    row = stored_token(subscriber)
    assert (row.access_token, row.refresh_token) == ("access-2", "refresh-1")
    assert subscriber.get("/auth/session").json()["scopes"] == ["apim:subscribe"]


def test_a_claim_left_by_a_crashed_worker_does_not_block_refresh(subscriber, wso2):
    row = make_due(subscriber)
    StoredToken.objects.filter(pk=row.pk).update(
        refreshing_until=timezone.now() - timedelta(seconds=1)
    )
    wso2.add(responses.POST, TOKEN_URL, json=token_reply("access-2", "refresh-2"))
    wso2.add(responses.GET, APPLICATIONS_URL, json=LISTING)

    response = subscriber.get(APPLICATIONS)

    assert response.status_code == 200
    assert bearers(wso2) == ["access-2"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_of_one_user_cause_exactly_one_refresh(fake_wso2, settings):
    settings.WSO2_TOKEN_URL = fake_wso2.token_url
    settings.WSO2_STORE_API_URL = fake_wso2.store_url
    browser = BrowserClient()
    assert browser.login().status_code == 200
    make_due(browser)
    start = threading.Barrier(8)
    answers = []

    def one_request():
        client = BrowserClient()
        client.cookies = browser.cookies
        try:
            start.wait()
            answers.append(client.get(APPLICATIONS))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_request) for _ in range(start.parties)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [answer.status_code for answer in answers] == [200] * start.parties
    assert fake_wso2.refresh_grants == 1
    assert set(fake_wso2.bearers) == {"access-2"}
    row = stored_token(browser)
    assert (row.access_token, row.refresh_token) == ("access-2", "refresh-2")
    assert row.version == 1


def test_a_short_lived_token_is_not_refreshed_on_every_call(browser, wso2, settings):
    # A token that lives no longer than the margin is refreshed halfway
    # through its life, not as soon as it is issued.
    settings.TOKEN_REFRESH_MARGIN = 60
    wso2.add(responses.POST, TOKEN_URL, json=token_reply(expires_in=60))
    wso2.add(responses.GET, APPLICATIONS_URL, json=LISTING)
    assert browser.login().status_code == 200

    for _ in range(3):
        assert browser.get(APPLICATIONS).status_code == 200

    assert [grant["grant_type"] for grant in grants(wso2)] == ["password"]
