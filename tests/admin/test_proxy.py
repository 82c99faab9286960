"""Admin operations through /adminapi/: what WSO2 receives and what staff get back."""

import json

import requests
import responses

from tests.conftest import ADMIN_URL
from tokens.models import StoredToken

from .conftest import admin_login, admin_refresh, service_grants, store_service_token

SERVICE_BEARER = "Bearer admin-access-1"


def sent_to_admin_api(wso2):
    """Return the one request the Admin API received."""
    calls = [call for call in wso2.calls if call.request.url.startswith(ADMIN_URL)]
    assert len(calls) == 1, [call.request.url for call in calls]
    return calls[0].request


def test_a_list_passes_on_its_query_and_the_service_token(staff, wso2, service_token):
    listing = {"count": 1, "list": [{"name": "json_to_xml"}]}
    wso2.add(responses.GET, f"{ADMIN_URL}/policies/mediation", json=listing)

    response = staff.get("/adminapi/policies/mediation?limit=5&offset=10&query=x&y=1")

    assert response.status_code == 200
    assert response.json() == listing
    sent = sent_to_admin_api(wso2)
    assert sent.url == f"{ADMIN_URL}/policies/mediation?limit=5&offset=10&query=x"
    assert sent.headers["Authorization"] == SERVICE_BEARER
    assert "Cookie" not in sent.headers


def test_a_read_passes_on_validators_and_relays_the_etag(staff, wso2, service_token):
    policy = {"policyId": "p1", "policyName": "Gold"}
    wso2.add(
        responses.GET,
        f"{ADMIN_URL}/throttling/policies/subscription/p1",
        json=policy,
        headers={"ETag": '"v7"'},
    )

    response = staff.get(
        "/adminapi/throttling/policies/subscription/p1", HTTP_IF_NONE_MATCH='"v6"'
    )

    assert response.status_code == 200
    assert response.json() == policy
    assert response["ETag"] == '"v7"'
    sent = sent_to_admin_api(wso2)
    assert sent.headers["If-None-Match"] == '"v6"'
    assert sent.headers["Authorization"] == SERVICE_BEARER


def test_a_create_sends_the_body_and_points_location_here(staff, wso2, service_token):
    policy = {"policyName": "Burst", "defaultLimit": {"type": "RequestCountLimit"}}
    wso2.add(
        responses.POST,
        f"{ADMIN_URL}/throttling/policies/advanced",
        status=201,
        json={"policyId": "p9", **policy},
        headers={"Location": f"{ADMIN_URL}/throttling/policies/advanced/p9"},
    )

    response = staff.send_json("POST", "/adminapi/throttling/policies/advanced", policy)

    assert response.status_code == 201
    assert response.json()["policyId"] == "p9"
    assert response["Location"] == (
        "http://testserver/adminapi/throttling/policies/advanced/p9"
    )
    sent = sent_to_admin_api(wso2)
    assert json.loads(sent.body) == policy
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Authorization"] == SERVICE_BEARER


def test_an_update_passes_on_if_match(staff, wso2, service_token):
    mediation = {"name": "log_in", "config": "<sequence/>"}
    wso2.add(responses.PUT, f"{ADMIN_URL}/policies/mediation/m1", json=mediation)

    response = staff.send_json(
        "PUT", "/adminapi/policies/mediation/m1", mediation, HTTP_IF_MATCH='"v3"'
    )

    assert response.status_code == 200
    assert response.json() == mediation
    sent = sent_to_admin_api(wso2)
    assert sent.method == "PUT"
    assert sent.headers["If-Match"] == '"v3"'
    assert json.loads(sent.body) == mediation
    assert sent.headers["Authorization"] == SERVICE_BEARER


def test_a_stale_if_match_gets_wso2s_412(staff, wso2, service_token):
    error = {"code": 412, "message": "Precondition Failed"}
    wso2.add(
        responses.PUT,
        f"{ADMIN_URL}/throttling/policies/custom/r1",
        status=412,
        json=error,
    )

    response = staff.send_json(
        "PUT", "/adminapi/throttling/policies/custom/r1", {}, HTTP_IF_MATCH='"old"'
    )

    assert response.status_code == 412
    assert response.json() == error


def test_a_delete_passes_on_if_match(staff, wso2, service_token):
    wso2.add(responses.DELETE, f"{ADMIN_URL}/throttling/blacklist/c1", status=200)

    response = staff.send(
        "DELETE", "/adminapi/throttling/blacklist/c1", HTTP_IF_MATCH='"v1"'
    )

    assert response.status_code == 200
    sent = sent_to_admin_api(wso2)
    assert sent.method == "DELETE"
    assert sent.headers["If-Match"] == '"v1"'
    assert sent.headers["Authorization"] == SERVICE_BEARER
    assert sent.body is None


def test_a_body_that_is_not_json_is_refused_before_wso2(staff, wso2, service_token):
    response = staff.generic(
        "POST",
        "/adminapi/throttling/blacklist",
        "conditionType=IP",
        content_type="application/x-www-form-urlencoded",
        HTTP_X_CSRFTOKEN=staff.csrf_token(),
    )

    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"
    assert not [call for call in wso2.calls if call.request.url.startswith(ADMIN_URL)]


def test_a_wso2_failure_is_a_502(staff, wso2, service_token):
    wso2.add(responses.GET, f"{ADMIN_URL}/throttling/blacklist", status=500, body="x")

    response = staff.get("/adminapi/throttling/blacklist")

    assert response.status_code == 502
    assert response.json()["error"] == "upstream_error"


def test_an_unreachable_wso2_is_a_502(staff, wso2, service_token):
    wso2.add(
        responses.GET,
        f"{ADMIN_URL}/throttling/blacklist",
        body=requests.ConnectionError("connection refused"),
    )

    response = staff.get("/adminapi/throttling/blacklist")

    assert response.status_code == 502
    assert response.json()["error"] == "upstream_unreachable"


def test_a_token_wso2_rejects_is_refreshed_and_the_call_retried(
    staff, wso2, service_token
):
    url = f"{ADMIN_URL}/throttling/blacklist"
    wso2.add(responses.GET, url, status=401, json={"code": 401, "message": ""})
    wso2.add(responses.GET, url, json={"count": 0, "list": []})
    admin_refresh(wso2)

    response = staff.get("/adminapi/throttling/blacklist")

    assert response.status_code == 200
    bearers = [
        call.request.headers["Authorization"]
        for call in wso2.calls
        if call.request.url == url
    ]
    assert bearers == [SERVICE_BEARER, "Bearer admin-access-2"]


def test_a_token_rejected_even_when_fresh_is_dropped_and_the_call_is_503(
    staff, wso2, service_token
):
    url = f"{ADMIN_URL}/throttling/blacklist"
    wso2.add(responses.GET, url, status=401, json={"code": 401, "message": ""})
    admin_refresh(wso2)

    response = staff.get("/adminapi/throttling/blacklist")

    assert response.status_code == 503
    assert response.json()["error"] == "service_account_unavailable"
    assert not StoredToken.objects.filter(kind=StoredToken.Kind.SERVICE).exists()


def test_after_a_dropped_token_the_next_call_logs_in_again(staff, wso2):
    store_service_token(access="admin-access-0", refresh="admin-refresh-0")
    StoredToken.objects.filter(kind=StoredToken.Kind.SERVICE).delete()
    admin_login(wso2)
    wso2.add(responses.GET, f"{ADMIN_URL}/throttling/blacklist", json={"list": []})

    response = staff.get("/adminapi/throttling/blacklist")

    assert response.status_code == 200
    assert [grant["grant_type"] for grant in service_grants(wso2)] == ["password"]


def test_an_operation_outside_the_service_accounts_scopes_is_403(staff, wso2):
    store_service_token(scope="apim:tier_view")

    response = staff.get("/adminapi/throttling/blacklist")

    assert response.status_code == 403
    assert response.json()["error"] == "insufficient_scope"
    assert "apim:bl_view" in response.json()["message"]
    assert "WSO2_ADMIN_SCOPES" in response.json()["message"]
    assert not [call for call in wso2.calls if call.request.url.startswith(ADMIN_URL)]
