"""GET /readyz: ready when the database answers and the service account has a token."""

import requests
from django.db import OperationalError, connection
from django.test import override_settings

from tokens.models import StoredToken

from .conftest import admin_login, admin_refresh, service_grants, store_service_token

READY = {"status": "ready", "checks": {"database": "ok", "service_account": "ok"}}


def test_it_is_ready_with_a_valid_token_without_asking_wso2(
    browser, wso2, service_token
):
    response = browser.get("/readyz")

    assert response.status_code == 200
    assert response.json() == READY
    assert len(wso2.calls) == 0


def test_it_logs_the_service_account_in_when_it_has_no_token(browser, wso2):
    admin_login(wso2)

    response = browser.get("/readyz")

    assert response.status_code == 200
    assert response.json() == READY
    assert len(service_grants(wso2)) == 1
    assert StoredToken.objects.get(kind=StoredToken.Kind.SERVICE).access_token == (
        "admin-access-1"
    )


def test_it_refreshes_an_expired_token(browser, wso2):
    store_service_token(expires_in=-10)
    admin_refresh(wso2)

    response = browser.get("/readyz")

    assert response.status_code == 200
    assert [grant["grant_type"] for grant in service_grants(wso2)] == ["refresh_token"]


def test_it_is_not_ready_when_wso2_refuses_the_service_account(browser, wso2):
    admin_login(wso2, status=400, json={"error": "invalid_grant"})

    response = browser.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "error": "not_ready",
        "message": "Not ready: service_account.",
        "not_ready": {
            "service_account": "The middle tier's WSO2 service account is "
            "unavailable: WSO2 refused its username or password."
        },
    }


def test_it_is_not_ready_when_wso2_cannot_be_reached(browser, wso2):
    admin_login(wso2, body=requests.ConnectionError("connection refused"))

    response = browser.get("/readyz")

    assert response.status_code == 503
    assert response.json()["not_ready"] == {
        "service_account": "WSO2 could not be reached for POST https://wso2.test/token."
    }


def test_it_is_not_ready_when_the_token_endpoint_fails(browser, wso2):
    admin_login(wso2, status=500, body="internal error")

    response = browser.get("/readyz")

    assert response.status_code == 503
    assert response.json()["not_ready"] == {
        "service_account": "The WSO2 token endpoint answered 500."
    }


@override_settings(WSO2_ADMIN_USERNAME="", WSO2_ADMIN_PASSWORD="")
def test_it_is_not_ready_without_service_account_credentials(browser, wso2):
    response = browser.get("/readyz")

    assert response.status_code == 503
    assert "WSO2_ADMIN_USERNAME" in response.json()["not_ready"]["service_account"]
    assert len(wso2.calls) == 0


def test_it_is_not_ready_when_the_database_does_not_answer(
    browser, wso2, service_token, monkeypatch
):
    def refuse():
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", refuse)
        response = browser.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "error": "not_ready",
        "message": "Not ready: database.",
        "not_ready": {"database": "The database does not answer."},
    }
    assert "could not connect" not in response.content.decode()


def test_it_answers_get_only(browser, service_token):
    response = browser.send("POST", "/readyz")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
