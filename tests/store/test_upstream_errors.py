"""WSO2's refusals come back as WSO2 sent them; its failures become clear 502s and
504s; none of them costs the subscriber their tokens."""

import io

import pytest
import requests
import responses

from tests.conftest import REST_401, STORE_URL, TOKEN_URL

from .conftest import SlowBody, assert_still_logged_in, refresh_grants

APPLICATION = f"{STORE_URL}/applications/app-9"
THROTTLED = {"fault": {"code": 900800, "message": "Message throttled out"}}


def stalling_json():
    """A JSON body of which WSO2 sends the start, then nothing more."""
    return io.BufferedReader(SlowBody(b'{"name": "Weather', stall_after=9))


@pytest.mark.parametrize(
    "status, body, headers",
    [
        (403, {"code": 900910, "message": "The access token does not allow you"}, {}),
        (404, {"code": 404, "message": "Not Found", "description": "No app-9"}, {}),
        (409, {"code": 409, "message": "Conflict", "description": "Name taken"}, {}),
        (412, {"code": 412, "message": "Precondition Failed"}, {"ETag": '"v5"'}),
        (429, THROTTLED, {}),
    ],
)
def test_a_wso2_refusal_comes_back_with_wso2s_own_body(
    subscriber, wso2, status, body, headers
):
    wso2.add(responses.GET, APPLICATION, status=status, json=body, headers=headers)

    response = subscriber.get("/store/applications/app-9")

    assert response.status_code == status
    assert response.json() == body
    assert response["Content-Type"] == "application/json"
    for name, value in headers.items():
        assert response[name] == value
    assert_still_logged_in(subscriber)


def test_a_throttled_call_comes_back_with_wso2s_retry_after(subscriber, wso2):
    wso2.add(
        responses.POST,
        f"{STORE_URL}/subscriptions",
        status=429,
        json=THROTTLED,
        headers={"Retry-After": "60"},
    )

    response = subscriber.send_json("POST", "/store/subscriptions", {})

    assert response.status_code == 429
    assert response.json() == THROTTLED
    assert response["Retry-After"] == "60"
    assert_still_logged_in(subscriber)


def test_a_throttled_read_comes_back_with_wso2s_retry_after(subscriber, wso2):
    wso2.add(
        responses.GET,
        APPLICATION,
        status=429,
        json=THROTTLED,
        headers={"Retry-After": "60"},
    )

    response = subscriber.get("/store/applications/app-9")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_wso2_failure_is_a_502_that_names_it(subscriber, wso2, status):
    wso2.add(
        responses.GET,
        APPLICATION,
        status=status,
        json={"code": 500, "message": "Internal server error"},
    )

    response = subscriber.get("/store/applications/app-9")

    assert response.status_code == 502
    assert response.json() == {
        "error": "upstream_error",
        "message": f"WSO2 failed with status {status} on "
        "GET /applications/{applicationId}.",
    }
    assert_still_logged_in(subscriber)


@pytest.mark.parametrize(
    "failure",
    [requests.ReadTimeout(), requests.ConnectTimeout()],
    ids=["read", "connect"],
)
def test_a_wso2_that_does_not_answer_in_time_is_a_504(subscriber, wso2, failure):
    wso2.add(responses.GET, APPLICATION, body=failure)

    response = subscriber.get("/store/applications/app-9")

    assert response.status_code == 504
    assert response.json()["error"] == "upstream_timeout"
    assert "did not answer GET" in response.json()["message"]
    assert_still_logged_in(subscriber)


def test_a_wso2_that_refuses_the_connection_is_a_502(subscriber, wso2):
    wso2.add(
        responses.GET,
        APPLICATION,
        body=requests.ConnectionError("[Errno 111] Connection refused"),
    )

    response = subscriber.get("/store/applications/app-9")

    assert response.status_code == 502
    assert response.json()["error"] == "upstream_unreachable"
    assert_still_logged_in(subscriber)


def test_an_answer_that_stalls_halfway_is_a_504(subscriber, wso2):
    wso2.add(
        responses.GET,
        APPLICATION,
        body=stalling_json(),
        content_type="application/json",
    )

    response = subscriber.get("/store/applications/app-9")

    assert response.status_code == 504
    assert response.json() == {
        "error": "upstream_timeout",
        "message": "WSO2 stopped sending its answer to GET "
        "/api/am/store/v0.11/applications/app-9.",
    }
    assert_still_logged_in(subscriber)


def test_a_rejection_that_stalls_halfway_is_a_504_and_keeps_the_tokens(
    subscriber, wso2
):
    wso2.add(
        responses.GET,
        APPLICATION,
        status=401,
        body=stalling_json(),
        content_type="application/json",
    )

    response = subscriber.get("/store/applications/app-9")

    assert response.status_code == 504
    assert refresh_grants(wso2) == 0
    assert_still_logged_in(subscriber)


@pytest.mark.parametrize(
    "token_endpoint, status, error",
    [
        ({"status": 503, "body": b"down"}, 502, "upstream_error"),
        ({"body": requests.ConnectTimeout()}, 504, "upstream_timeout"),
    ],
    ids=["failing", "silent"],
)
def test_a_token_endpoint_outage_during_the_refresh_keeps_the_tokens(
    subscriber, wso2, token_endpoint, status, error
):
    wso2.add(responses.GET, APPLICATION, status=401, json=REST_401)
    wso2.add(responses.POST, TOKEN_URL, **token_endpoint)

    response = subscriber.get("/store/applications/app-9")

    assert response.status_code == status
    assert response.json()["error"] == error
    assert_still_logged_in(subscriber)
