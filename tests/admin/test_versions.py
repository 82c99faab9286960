"""The route table follows WSO2_ADMIN_API_VERSION: v0.12's operations only on 0.12."""

import pytest
import responses
from django.test import override_settings

from .conftest import ADMIN_SCOPE, store_service_token

ADMIN_URL_0_12 = "https://wso2.test/api/am/admin/v0.12"
OWNER_SCOPE = f"{ADMIN_SCOPE} apim:app_owner_change"

on_0_12 = override_settings(
    WSO2_ADMIN_API_VERSION="0.12", WSO2_ADMIN_API_URL=ADMIN_URL_0_12
)


@pytest.fixture
def owner_changer(db):
    """The service account, logged in with the v0.12 owner-change scope too."""
    return store_service_token(scope=OWNER_SCOPE)


def admin_api_requests(wso2):
    return [call.request for call in wso2.calls if "/api/am/admin/" in call.request.url]


def test_on_0_11_the_applications_listing_is_not_an_operation(
    staff, wso2, owner_changer
):
    response = staff.get("/adminapi/applications")

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert admin_api_requests(wso2) == []


def test_on_0_11_change_owner_is_not_an_operation(staff, wso2, owner_changer):
    response = staff.send("POST", "/adminapi/applications/app-1/change-owner?owner=x")

    assert response.status_code == 404
    assert admin_api_requests(wso2) == []


@on_0_12
def test_on_0_12_staff_list_every_application(staff, wso2, owner_changer):
    listing = {"count": 1, "list": [{"applicationId": "app-1", "owner": "bob"}]}
    wso2.add(responses.GET, f"{ADMIN_URL_0_12}/applications", json=listing)

    response = staff.get("/adminapi/applications?user=bob&limit=5&offset=0")

    assert response.status_code == 200
    assert response.json() == listing
    (sent,) = admin_api_requests(wso2)
    assert sent.url == f"{ADMIN_URL_0_12}/applications?user=bob&limit=5&offset=0"
    assert sent.headers["Authorization"] == "Bearer admin-access-1"


@on_0_12
def test_on_0_12_staff_hand_an_application_to_another_owner(staff, wso2, owner_changer):
    wso2.add(
        responses.POST, f"{ADMIN_URL_0_12}/applications/app-1/change-owner", status=200
    )

    response = staff.send(
        "POST", "/adminapi/applications/app-1/change-owner?owner=carol"
    )

    assert response.status_code == 200
    (sent,) = admin_api_requests(wso2)
    assert sent.method == "POST"
    assert sent.url == f"{ADMIN_URL_0_12}/applications/app-1/change-owner?owner=carol"
    assert sent.body is None
    assert sent.headers["Authorization"] == "Bearer admin-access-1"


@on_0_12
def test_on_0_12_the_v0_11_operations_remain(staff, wso2, owner_changer):
    wso2.add(responses.GET, f"{ADMIN_URL_0_12}/throttling/blacklist", json={"list": []})

    response = staff.get("/adminapi/throttling/blacklist")

    assert response.status_code == 200


@on_0_12
def test_on_0_12_without_the_owner_change_scope_the_listing_is_403(
    staff, wso2, service_token
):
    response = staff.get("/adminapi/applications")

    assert response.status_code == 403
    assert "apim:app_owner_change" in response.json()["message"]
    assert admin_api_requests(wso2) == []
