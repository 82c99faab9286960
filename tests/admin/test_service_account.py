"""The service account: logged in once, refreshed once, logged in again when needed."""

import json
import logging
import threading
import time

import pytest
import responses
from django.db import connection
from django.test import override_settings

from adminapi.service_account import ServiceAccount
from tests.conftest import ADMIN_URL, TOKEN_URL
from tokens.models import StoredToken

from .conftest import (
    ADMIN_SCOPE,
    admin_login,
    admin_refresh,
    form,
    service_grants,
    service_reply,
    store_service_token,
)

POLICIES = f"{ADMIN_URL}/throttling/policies/application"
INVALID_GRANT = {"status": 400, "json": {"error": "invalid_grant"}}


def service_row():
    return StoredToken.objects.get(kind=StoredToken.Kind.SERVICE)


def bearer_tokens(wso2):
    return [
        call.request.headers["Authorization"]
        for call in wso2.calls
        if call.request.url.startswith(ADMIN_URL)
    ]


def in_threads(count, work):
    """Run `work` in `count` threads started together; return their results."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # noqa: BLE001  (reported by the assert below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def slowly(reply):
    """Answer a token request with `reply` after a pause, so requests overlap."""

    def callback(request):
        time.sleep(0.3)
        return 200, {"Content-Type": "application/json"}, json.dumps(reply)

    return callback


def test_the_service_account_logs_in_once_and_reuses_its_token(staff, wso2):
    admin_login(wso2)
    wso2.add(responses.GET, POLICIES, json={"count": 0, "list": []})

    first = staff.get("/adminapi/throttling/policies/application")
    second = staff.get("/adminapi/throttling/policies/application")

    assert first.status_code == second.status_code == 200
    logins = service_grants(wso2)
    assert len(logins) == 1
    assert logins[0]["grant_type"] == "password"
    assert logins[0]["scope"] == ADMIN_SCOPE
    assert bearer_tokens(wso2) == ["Bearer admin-access-1"] * 2


def test_the_service_account_token_is_stored_encrypted_without_the_password(
    staff, wso2
):
    admin_login(wso2)
    wso2.add(responses.GET, POLICIES, json={"count": 0, "list": []})

    staff.get("/adminapi/throttling/policies/application")

    row = service_row()
    assert (row.user, row.session) == (None, None)
    assert row.access_token == "admin-access-1"
    stored = " ".join(
        str(value) for value in StoredToken.objects.values_list().get(pk=row.pk)
    )
    for secret in ("admin-access-1", "admin-refresh-1", "admin-password"):
        assert secret not in stored


def test_an_expired_token_is_refreshed_with_the_refresh_grant(staff, wso2):
    store_service_token(expires_in=-10)
    admin_refresh(wso2)
    wso2.add(responses.GET, POLICIES, json={"count": 0, "list": []})

    response = staff.get("/adminapi/throttling/policies/application")

    assert response.status_code == 200
    assert service_grants(wso2) == [
        {"grant_type": "refresh_token", "refresh_token": "admin-refresh-1"}
    ]
    assert bearer_tokens(wso2) == ["Bearer admin-access-2"]
    assert service_row().refresh_token == "admin-refresh-2"


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_refresh_an_expired_token_with_one_grant(wso2):
    store_service_token(expires_in=-10)
    wso2.add_callback(
        responses.POST,
        TOKEN_URL,
        callback=slowly(service_reply("admin-access-2", "admin-refresh-2")),
        match=[form(grant_type="refresh_token", refresh_token="admin-refresh-1")],
    )

    tokens = in_threads(6, lambda: ServiceAccount.current().access_token())

    assert tokens == ["admin-access-2"] * 6
    assert len(service_grants(wso2)) == 1
    assert service_row().refresh_token == "admin-refresh-2"


@pytest.mark.django_db(transaction=True)
def test_the_first_login_is_a_single_grant_under_concurrency_too(wso2):
    wso2.add_callback(
        responses.POST,
        TOKEN_URL,
        callback=slowly(service_reply("admin-access-1", "admin-refresh-1")),
        match=[form(grant_type="password", username="admin")],
    )

    tokens = in_threads(6, lambda: ServiceAccount.current().access_token())

    assert tokens == ["admin-access-1"] * 6
    assert len(service_grants(wso2)) == 1
    assert StoredToken.objects.filter(kind=StoredToken.Kind.SERVICE).count() == 1


def test_it_logs_in_again_when_wso2_rejects_the_refresh_token(staff, wso2):
    store_service_token(expires_in=-10)
    admin_refresh(wso2, **INVALID_GRANT)
    admin_login(wso2, json=service_reply("admin-access-3", "admin-refresh-3"))
    wso2.add(responses.GET, POLICIES, json={"count": 0, "list": []})

    response = staff.get("/adminapi/throttling/policies/application")

    assert response.status_code == 200
    assert [grant["grant_type"] for grant in service_grants(wso2)] == [
        "refresh_token",
        "password",
    ]
    assert bearer_tokens(wso2) == ["Bearer admin-access-3"]
    assert service_row().refresh_token == "admin-refresh-3"


def test_it_answers_503_when_wso2_refuses_the_password_too(staff, wso2, caplog):
    store_service_token(expires_in=-10)
    admin_refresh(wso2, **INVALID_GRANT)
    admin_login(wso2, **INVALID_GRANT)

    with caplog.at_level(logging.INFO):
        response = staff.get("/adminapi/throttling/policies/application")

    assert response.status_code == 503
    assert response.json() == {
        "error": "service_account_unavailable",
        "message": "The middle tier's WSO2 service account is unavailable: "
        "WSO2 refused its username or password.",
    }
    assert [grant["grant_type"] for grant in service_grants(wso2)] == [
        "refresh_token",
        "password",
    ]
    assert bearer_tokens(wso2) == []
    errors = [
        record
        for record in caplog.records
        if record.levelno == logging.ERROR and record.name.startswith("adminapi")
    ]
    assert [record.getMessage() for record in errors] == [
        "The WSO2 service account is unavailable: WSO2 refused its username or password"
    ]
    assert "admin-password" not in caplog.text


def test_it_names_a_client_refused_by_wso2_as_the_reason(staff, wso2, caplog):
    admin_login(wso2, status=401, json={"error": "invalid_client"})

    response = staff.get("/adminapi/throttling/policies/application")

    assert response.status_code == 503
    assert "(invalid_client)" in response.json()["message"]
    assert "admin-password" not in caplog.text


@override_settings(WSO2_ADMIN_PASSWORD="")
def test_it_answers_503_without_asking_wso2_when_no_password_is_set(staff, wso2):
    response = staff.get("/adminapi/throttling/policies/application")

    assert response.status_code == 503
    assert response.json()["error"] == "service_account_unavailable"
    assert "WSO2_ADMIN_PASSWORD" in response.json()["message"]
    assert service_grants(wso2) == []


def test_a_wso2_outage_during_a_refresh_keeps_the_service_token(staff, wso2):
    store_service_token(expires_in=-10)
    admin_refresh(wso2, status=503, body="down")

    response = staff.get("/adminapi/throttling/policies/application")

    assert response.status_code == 502
    assert response.json()["error"] == "upstream_error"
    assert service_row().refresh_token == "admin-refresh-1"
