"""Who may use /adminapi/: staff only, and nobody else reaches WSO2."""

import pytest
import responses
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import ADMIN_URL, REVOKE_URL

POLICIES = f"{ADMIN_URL}/throttling/policies/application"


def admin_api_calls(wso2):
    return [call for call in wso2.calls if call.request.url.startswith(ADMIN_URL)]


def test_a_staff_member_may_call_the_admin_api(staff, wso2, service_token):
    wso2.add(responses.GET, POLICIES, json={"count": 0, "list": []})

    response = staff.get("/adminapi/throttling/policies/application")

    assert response.status_code == 200
    assert response.json() == {"count": 0, "list": []}


def test_a_visitor_who_is_not_logged_in_gets_401(browser, wso2, service_token):
    response = browser.get("/adminapi/throttling/policies/application")

    assert response.status_code == 401
    assert response.json() == {
        "error": "not_authenticated",
        "message": "Log in to use the Admin API.",
    }
    assert list(wso2.calls) == []


def test_a_subscriber_who_is_not_staff_gets_403(member, wso2, service_token):
    calls_after_login = len(wso2.calls)

    response = member.send_json("POST", "/adminapi/throttling/blacklist", {})

    assert response.status_code == 403
    assert response.json() == {
        "error": "staff_only",
        "message": "Only staff may use the Admin API.",
    }
    assert len(wso2.calls) == calls_after_login


def test_an_unknown_admin_operation_is_refused_without_a_call(
    staff, wso2, service_token
):
    response = staff.get("/adminapi/export/applications")

    assert response.status_code == 404
    assert admin_api_calls(wso2) == []


def test_a_staff_member_whose_account_was_deactivated_gets_401(
    staff, wso2, service_token
):
    get_user_model().objects.filter(username="operator").update(is_active=False)

    response = staff.get("/adminapi/throttling/policies/application")

    assert response.status_code == 401
    assert admin_api_calls(wso2) == []


@pytest.mark.django_db
def test_a_local_staff_account_of_the_django_admin_gets_401(wso2, service_token):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get("/adminapi/throttling/policies/application")

    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    assert admin_api_calls(wso2) == []


def test_a_staff_member_who_logged_out_gets_401(staff, wso2, service_token):
    wso2.add(responses.POST, REVOKE_URL)
    staff.logout()

    response = staff.get("/adminapi/throttling/policies/application")

    assert response.status_code == 401
    assert admin_api_calls(wso2) == []


def test_a_write_without_the_csrf_token_is_refused_before_wso2(
    staff, wso2, service_token
):
    response = staff.post(
        "/adminapi/throttling/blacklist", "{}", content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"
    assert admin_api_calls(wso2) == []
