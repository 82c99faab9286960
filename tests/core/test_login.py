"""POST /auth/login and GET /auth/csrf: the front end's way in."""

import json

import pytest
import requests
import responses
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from tests.conftest import REVOKE_URL, TOKEN_URL, token_reply
from tests.core.conftest import (
    APPLICATIONS,
    CLIENT_AUTHORIZATION,
    form_of,
    post_body,
    session_key,
    stored_token,
)
from tokens.models import StoredToken

User = get_user_model()

ACCESS = "AT-4f1c9e0b-plain-access"
REFRESH = "RT-77d2a1c3-plain-refresh"


def refused(wso2):
    """Let WSO2 refuse the credentials, as it does: 400 invalid_grant."""
    wso2.add(
        responses.POST,
        TOKEN_URL,
        status=400,
        json={"error": "invalid_grant", "error_description": "Authentication failed"},
    )


def test_the_csrf_endpoint_hands_out_the_token_and_its_cookie(browser):
    response = browser.get("/auth/csrf")

    assert response.status_code == 200
    assert response.json()["csrfToken"]
    assert response.cookies[django_settings.CSRF_COOKIE_NAME].value


def test_a_subscriber_logs_in_with_the_password_grant(browser, wso2):
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())

    response = browser.login("alice", "alice-password")

    assert response.status_code == 200
    assert response.json() == {"username": "alice", "scopes": ["apim:subscribe"]}
    sent = wso2.calls[0].request
    assert form_of(wso2.calls[0]) == {
        "grant_type": "password",
        "username": "alice",
        "password": "alice-password",
        "scope": "apim:subscribe",
    }
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent.headers["Authorization"] == CLIENT_AUTHORIZATION
    assert browser.get("/auth/session").json()["username"] == "alice"


def test_logging_in_replaces_a_session_id_planted_before(browser, wso2):
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())
    planted = SessionStore()
    planted.create()
    browser.cookies[django_settings.SESSION_COOKIE_NAME] = planted.session_key

    response = browser.login()

    assert response.status_code == 200
    assert session_key(browser) not in (None, planted.session_key)
    assert not SessionStore().exists(planted.session_key)


def test_logging_in_again_gives_a_new_session_id(subscriber, wso2):
    first = session_key(subscriber)
    wso2.add(responses.POST, REVOKE_URL)

    response = subscriber.login()

    assert response.status_code == 200
    assert session_key(subscriber) != first
    assert StoredToken.objects.filter(session_id=first).count() == 0
    assert StoredToken.objects.count() == 1


def test_the_csrf_token_changes_at_login_so_the_page_fetches_it_again(browser, wso2):
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())
    wso2.add(responses.POST, REVOKE_URL)
    before = browser.csrf_token()
    browser.login()

    stale = browser.post("/auth/logout", HTTP_X_CSRFTOKEN=before)
    fresh = browser.post("/auth/logout", HTTP_X_CSRFTOKEN=browser.csrf_token())

    assert stale.status_code == 403
    assert fresh.status_code == 204


def test_no_plaintext_token_is_written_to_the_database(browser, wso2):
    wso2.add(responses.POST, TOKEN_URL, json=token_reply(ACCESS, REFRESH))

    browser.login()

    row = stored_token(browser)
    assert (row.access_token, row.refresh_token) == (ACCESS, REFRESH)
    tables = connection.introspection.table_names()
    assert StoredToken._meta.db_table in tables
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            stored = json.dumps(cursor.fetchall(), default=str)
            assert ACCESS not in stored, table
            assert REFRESH not in stored, table


def test_the_scopes_are_those_wso2_granted_not_those_asked_for(browser, wso2):
    wso2.add(responses.POST, TOKEN_URL, json=token_reply(scope="default"))

    response = browser.login()

    assert response.json()["scopes"] == ["default"]
    assert form_of(wso2.calls[0])["scope"] == "apim:subscribe"
    assert browser.get("/auth/session").json()["scopes"] == ["default"]
    # Calls that need the dropped scope are refused without asking WSO2.
    refused_call = browser.get(APPLICATIONS)
    assert refused_call.status_code == 403
    assert refused_call.json()["error"] == "insufficient_scope"
    assert len(wso2.calls) == 1


def test_it_asks_for_every_configured_scope(browser, wso2, settings):
    settings.WSO2_STORE_SCOPES = ["apim:subscribe", "apim:api_view"]
    wso2.add(responses.POST, TOKEN_URL, json=token_reply(scope="apim:subscribe"))

    response = browser.login()

    assert form_of(wso2.calls[0])["scope"] == "apim:subscribe apim:api_view"
    assert response.json()["scopes"] == ["apim:subscribe"]


@pytest.mark.parametrize(
    "typed, sent",
    [
        ("john@johns.org", "john@johns.org@johnsorg"),
        ("john@johns.org@johnsorg", "john@johns.org@johnsorg"),
    ],
)
def test_the_tenant_is_appended_to_a_username_without_it(
    browser, wso2, settings, typed, sent
):
    settings.WSO2_TENANT_DOMAIN = "johnsorg"
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())

    response = browser.login(typed)

    assert form_of(wso2.calls[0])["username"] == sent
    assert response.json()["username"] == sent


def test_wrong_credentials_get_401_invalid_credentials(browser, wso2):
    refused(wso2)

    response = browser.login("alice", "wrong")

    assert response.status_code == 401
    assert response.json() == {
        "error": "invalid_credentials",
        "message": "The username or password is not correct.",
    }
    assert StoredToken.objects.count() == 0
    assert browser.get("/auth/session").status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        '"alice"',
        json.dumps({"username": "alice"}),
        json.dumps({"password": "secret"}),
        json.dumps({"username": 7, "password": "secret"}),
        json.dumps({"username": "alice", "password": ["secret"]}),
        json.dumps({"username": "", "password": "secret"}),
        json.dumps({"username": "alice", "password": None}),
        json.dumps({"username": "a" * 151, "password": "secret"}),
        json.dumps({"username": "alice", "password": "p" * 257}),
        b"\xff\xfe",
    ],
)
def test_a_malformed_body_gets_400_without_asking_wso2(browser, wso2, body):
    response = post_body(browser, "/auth/login", body)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert response.json()["message"]
    assert len(wso2.calls) == 0


def test_the_longest_allowed_credentials_are_sent_on(browser, wso2):
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())

    response = browser.login("a" * 150, "p" * 256)

    assert response.status_code == 200
    assert response.json()["username"] == "a" * 150


def test_a_form_encoded_body_gets_415(browser, wso2):
    response = browser.post(
        "/auth/login",
        {"username": "alice", "password": "secret"},
        HTTP_X_CSRFTOKEN=browser.csrf_token(),
    )

    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"
    assert len(wso2.calls) == 0


def test_a_login_without_the_csrf_token_gets_403(browser, wso2):
    browser.get("/auth/csrf")

    response = browser.post(
        "/auth/login",
        {"username": "alice", "password": "secret"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"
    assert len(wso2.calls) == 0


@pytest.mark.parametrize(
    "reply, status, code",
    [
        ({"body": requests.ConnectionError("refused")}, 502, "upstream_unreachable"),
        ({"body": requests.ConnectTimeout("slow")}, 504, "upstream_timeout"),
        ({"body": requests.ReadTimeout("slow")}, 504, "upstream_timeout"),
        ({"status": 500, "body": "<html>oops</html>"}, 502, "upstream_error"),
        ({"status": 503, "body": "Service Unavailable"}, 502, "upstream_error"),
    ],
)
def test_a_wso2_outage_is_a_gateway_error_not_a_failed_login(
    browser, wso2, settings, reply, status, code
):
    wso2.add(responses.POST, TOKEN_URL, **reply)

    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = browser.login("alice", "secret")
        assert response.status_code == status
        assert response.json()["error"] == code
        assert "WSO2" in response.json()["message"]

    wso2.replace(responses.POST, TOKEN_URL, json=token_reply())
    assert browser.login("alice", "secret").status_code == 200


def test_a_client_misconfiguration_at_wso2_is_a_502(browser, wso2):
    wso2.add(
        responses.POST,
        TOKEN_URL,
        status=401,
        json={"error": "invalid_client", "error_description": "Client credentials"},
    )

    response = browser.login()

    assert response.status_code == 502
    assert response.json()["error"] == "token_endpoint_error"


def test_repeated_failures_for_one_username_lock_it_out(browser, wso2, settings):
    refused(wso2)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert browser.login("alice", "wrong").status_code == 401

    response = browser.login("alice", "wrong")

    assert response.status_code == 429
    assert response.json()["error"] == "too_many_attempts"
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()

    # Locked out: even the right password is not sent to WSO2.
    asked = len(wso2.calls)
    wso2.replace(responses.POST, TOKEN_URL, json=token_reply())
    assert browser.login("alice", "right").status_code == 429
    assert len(wso2.calls) == asked


def test_the_username_lockout_holds_from_another_address(browser, wso2, settings):
    refused(wso2)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        browser.login("alice", "wrong")

    response = browser.login("alice", "wrong", REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429


def test_repeated_failures_from_one_address_lock_it_out(browser, wso2, settings):
    refused(wso2)
    for number in range(settings.AXES_FAILURE_LIMIT - 1):
        assert browser.login(f"user{number}", "wrong").status_code == 401

    response = browser.login("someone-else", "wrong")

    assert response.status_code == 429
    assert "Retry-After" in response
    # Other addresses are not locked out.
    wso2.replace(responses.POST, TOKEN_URL, json=token_reply())
    assert browser.login("bob", "right", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_a_successful_login_clears_the_failures_of_its_username(
    browser, wso2, settings
):
    refused(wso2)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        browser.login("alice", "wrong", REMOTE_ADDR="198.51.100.1")
    wso2.replace(responses.POST, TOKEN_URL, json=token_reply())
    success = browser.login("alice", "right", REMOTE_ADDR="198.51.100.2")
    assert success.status_code == 200

    wso2.replace(responses.POST, TOKEN_URL, status=400, json={"error": "invalid_grant"})
    response = browser.login("alice", "wrong", REMOTE_ADDR="198.51.100.3")

    assert response.status_code == 401


def test_a_subscriber_becomes_a_user_without_a_usable_password(browser, wso2):
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())

    browser.login("alice", "alice-password")
    browser.login("alice", "alice-password")

    user = User.objects.get(username="alice")
    assert not user.has_usable_password()
    assert not user.is_staff
    assert User.objects.filter(username="alice").count() == 1
    assert stored_token(browser).user == user


def test_a_local_account_cannot_log_in_to_the_store(browser, wso2):
    User.objects.create_superuser("root", "root@example.com", "root-password")
    refused(wso2)

    response = browser.login("root", "root-password")

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_credentials"
    assert browser.get("/auth/session").status_code == 401
    assert browser.get("/admin/").status_code == 302
    assert len(wso2.calls) == 0


def test_a_wso2_login_never_becomes_a_local_account_of_the_same_name(browser, wso2):
    User.objects.create_superuser("admin", "admin@example.com", "local-password")
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())

    response = browser.login("admin", "wso2-password")

    assert response.status_code == 401
    assert browser.get("/admin/").status_code == 302
    assert StoredToken.objects.count() == 0
    assert len(wso2.calls) == 0


def test_an_account_an_admin_deactivated_cannot_log_in(browser, wso2):
    user = User.objects.create(username="alice", is_active=False)
    user.set_unusable_password()
    user.save()
    wso2.add(responses.POST, TOKEN_URL, json=token_reply())

    response = browser.login("alice", "alice-password")

    assert response.status_code == 401
    assert StoredToken.objects.count() == 0


def test_login_answers_other_methods_with_405(browser):
    response = browser.get("/auth/login")

    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"
    assert response["Allow"] == "POST"


def test_a_username_the_tenant_makes_too_long_is_refused_without_asking_wso2(
    browser, wso2, settings
):
    settings.WSO2_TENANT_DOMAIN = "acme.com"

    response = browser.login("a" * 145, "secret")

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_credentials"
    assert len(wso2.calls) == 0
