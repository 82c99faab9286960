"""A token WSO2 rejects is refreshed once and the call retried; a second rejection
ends the session (NOTES §9: the REST error model and the gateway fault)."""

import json

import pytest
import responses
from responses import matchers

from tests.conftest import REST_401, STORE_URL, TOKEN_URL
from tokens.models import StoredToken

from .conftest import assert_still_logged_in, refresh_grants, store_requests

APPLICATIONS = f"{STORE_URL}/applications"
# The gateway's codes for a token that is invalid, missing, expired, inactive
# or of the wrong type.
TOKEN_FAULTS = (900901, 900902, 900903, 900904, 900905)
LISTING = {"count": 0, "list": []}


def gateway_fault(code, message="Invalid Credentials"):
    return {"fault": {"code": code, "message": message, "description": message}}


def xml_fault(code):
    return (
        '<ams:fault xmlns:ams="http://wso2.org/apimanager/security">'
        f"<ams:code>{code}</ams:code><ams:message>Access Token Expired</ams:message>"
        "<ams:description>Access Token Expired</ams:description></ams:fault>"
    )


def bearer(token):
    return [matchers.header_matcher({"Authorization": f"Bearer {token}"})]


def bearers_sent(wso2):
    return [request.headers["Authorization"] for request in store_requests(wso2)]


TOKEN_REJECTIONS = {
    "rest-model": {"json": REST_401},
    **{f"fault-{code}": {"json": gateway_fault(code)} for code in TOKEN_FAULTS},
    "xml-fault-900903": {"body": xml_fault(900903), "content_type": "application/xml"},
    "empty-body": {"body": b""},
}


@pytest.mark.parametrize("rejection", TOKEN_REJECTIONS.values(), ids=TOKEN_REJECTIONS)
def test_a_rejected_token_is_refreshed_once_and_the_call_retried(
    subscriber, wso2, refreshed, rejection
):
    wso2.add(
        responses.GET, APPLICATIONS, status=401, match=bearer("access-1"), **rejection
    )
    wso2.add(responses.GET, APPLICATIONS, json=LISTING, match=bearer("access-2"))

    response = subscriber.get("/store/applications?limit=3")

    assert response.status_code == 200
    assert response.json() == LISTING
    assert bearers_sent(wso2) == ["Bearer access-1", "Bearer access-2"]
    assert [request.url for request in store_requests(wso2)] == [
        f"{APPLICATIONS}?limit=3"
    ] * 2
    assert refresh_grants(wso2) == 1
    assert_still_logged_in(subscriber, access="access-2")


def test_a_retried_call_sends_its_body_again(subscriber, wso2, refreshed):
    application = {"name": "Weather app", "throttlingTier": "Unlimited"}
    wso2.add(
        responses.POST,
        APPLICATIONS,
        status=401,
        json=REST_401,
        match=bearer("access-1"),
    )
    wso2.add(
        responses.POST,
        APPLICATIONS,
        status=201,
        json=application,
        match=bearer("access-2"),
    )

    response = subscriber.send_json("POST", "/store/applications", application)

    assert response.status_code == 201
    assert [json.loads(r.body) for r in store_requests(wso2)] == [application] * 2


def test_the_refreshed_token_serves_the_next_calls_without_another_refresh(
    subscriber, wso2, refreshed
):
    wso2.add(
        responses.GET, APPLICATIONS, status=401, json=REST_401, match=bearer("access-1")
    )
    wso2.add(responses.GET, APPLICATIONS, json=LISTING, match=bearer("access-2"))

    subscriber.get("/store/applications")
    subscriber.get("/store/applications")

    assert bearers_sent(wso2)[-1] == "Bearer access-2"
    assert refresh_grants(wso2) == 1


@pytest.mark.parametrize(
    "fault",
    [
        gateway_fault(900907, "API blocked"),
        gateway_fault(900909, "Subscription inactive"),
    ],
)
def test_a_401_for_another_reason_is_passed_on_without_a_refresh(
    subscriber, wso2, fault
):
    wso2.add(responses.GET, APPLICATIONS, status=401, json=fault)

    response = subscriber.get("/store/applications")

    assert response.status_code == 401
    assert response.json() == fault
    assert refresh_grants(wso2) == 0
    assert_still_logged_in(subscriber)


def test_a_second_rejection_ends_the_session(subscriber, wso2, refreshed):
    wso2.add(responses.GET, APPLICATIONS, status=401, json=REST_401)

    response = subscriber.get("/store/applications")

    assert response.status_code == 401
    assert response.json() == {
        "error": "session_expired",
        "message": "Your session has expired; please log in again.",
    }
    assert bearers_sent(wso2) == ["Bearer access-1", "Bearer access-2"]
    assert not StoredToken.objects.exists()
    assert subscriber.get("/auth/session").status_code == 401


def test_a_refused_refresh_ends_the_session_without_a_retry(subscriber, wso2):
    wso2.add(responses.GET, APPLICATIONS, status=401, json=gateway_fault(900903))
    wso2.add(responses.POST, TOKEN_URL, status=400, json={"error": "invalid_grant"})

    response = subscriber.get("/store/applications")

    assert response.status_code == 401
    assert response.json()["error"] == "session_expired"
    assert bearers_sent(wso2) == ["Bearer access-1"]
    assert not StoredToken.objects.exists()


def test_a_visitors_401_is_passed_on_as_wso2_sent_it(browser, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/apis", status=401, json=REST_401)

    response = browser.get("/store/apis")

    assert response.status_code == 401
    assert response.json() == REST_401
    assert not any(call.request.url == TOKEN_URL for call in wso2.calls)
