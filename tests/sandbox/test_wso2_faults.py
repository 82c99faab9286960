"""Injected faults and the control endpoints under ``/_sandbox/``."""

from __future__ import annotations

import json
import time

import pytest
import requests

from tests.sandbox.wso2_testkit import Wso2Client


def add_fault(wso2: Wso2Client, **fault) -> requests.Response:
    return wso2.call("POST", "/_sandbox/faults", json=fault)


def timed(call) -> tuple[requests.Response, float]:
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def test_health(wso2: Wso2Client) -> None:
    response = wso2.call("GET", "/_sandbox/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_latency_on_matching_paths_only(wso2: Wso2Client) -> None:
    response = add_fault(wso2, latency=0.4, paths="/api/am/store", count=1)
    assert response.status_code == 201
    assert response.json()["fault"]["count"] == 1

    _, token_time = timed(lambda: wso2.token())
    assert token_time < 0.3
    slow, slow_time = timed(lambda: wso2.store("GET", "/apis"))
    assert slow.status_code == 200
    assert slow_time >= 0.4
    _, fast_time = timed(lambda: wso2.store("GET", "/apis"))
    assert fast_time < 0.3


def test_error_status_for_a_number_of_requests(wso2: Wso2Client) -> None:
    add_fault(wso2, status=503, count=2)
    for _ in range(2):
        response = wso2.store("GET", "/apis")
        assert response.status_code == 503
        body = response.json()
        assert (body["code"], body["message"]) == (503, "Service Unavailable")
    assert wso2.store("GET", "/apis").status_code == 200
    assert wso2.state()["faults"] == {"active": [], "applied": 2}


def test_refused_connection(wso2: Wso2Client) -> None:
    add_fault(wso2, refuse=True, paths=["/token"], count=1)
    with pytest.raises(requests.ConnectionError):
        requests.post(
            wso2.url + "/token",
            data={"grant_type": "client_credentials"},
            auth=("sandbox-client", "sandbox-secret"),
            timeout=5,
        )
    assert wso2.token().status_code == 200


def test_faults_last_until_cleared(wso2: Wso2Client) -> None:
    add_fault(wso2, status=500)
    add_fault(wso2, status=502, paths="/api/am/admin")
    for _ in range(3):
        assert wso2.store("GET", "/apis").status_code == 500
    listed = wso2.call("GET", "/_sandbox/faults").json()["faults"]
    assert [(f["status"], f["count"]) for f in listed] == [(500, None), (502, None)]
    assert wso2.call("GET", "/_sandbox/health").status_code == 200
    cleared = wso2.call("DELETE", "/_sandbox/faults")
    assert cleared.json() == {"cleared": 2}
    assert wso2.store("GET", "/apis").status_code == 200


@pytest.mark.parametrize(
    "fault",
    [
        {},
        {"status": 200},
        {"latency": -1},
        {"latency": "slow"},
        {"status": 503, "count": 0},
        {"status": 503, "paths": "api"},
        {"status": 503, "when": "always"},
    ],
)
def test_invalid_faults_are_rejected(wso2: Wso2Client, fault: dict) -> None:
    response = add_fault(wso2, **fault)
    assert response.status_code == 400
    assert response.json()["code"] == 400
    assert wso2.call("GET", "/_sandbox/faults").json() == {"faults": []}


def test_startup_faults_from_settings(make_standin, client_for) -> None:
    wso2 = client_for(make_standin(fail_status=503, latency=0.2))
    response, elapsed = timed(lambda: wso2.store("GET", "/apis"))
    assert response.status_code == 503
    assert elapsed >= 0.2
    assert wso2.call("GET", "/_sandbox/health").status_code == 200


def test_the_newest_matching_fault_applies(make_standin, client_for) -> None:
    wso2 = client_for(make_standin(latency=0.05))
    add_fault(wso2, status=502, paths="/api/am/store", count=1)
    assert wso2.store("GET", "/apis").status_code == 502
    assert wso2.token().status_code == 200
    assert wso2.store("GET", "/apis").status_code == 200


def test_head_is_answered_like_get_without_a_body(wso2: Wso2Client) -> None:
    response = wso2.store("HEAD", "/apis")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["Content-Length"]) > 0
    assert response.headers["Server"] == "WSO2-Carbon-Server"


def test_state_counts_without_revealing_tokens(wso2: Wso2Client) -> None:
    pair = wso2.token().json()
    wso2.post_form(
        "/token",
        {"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]},
    )
    wso2.post_form("/token", {"grant_type": "client_credentials"})
    wso2.token(password="wrong")
    wso2.store("GET", "/apis")
    raw = wso2.call("GET", "/_sandbox/state").text
    state = json.loads(raw)
    assert state["grants"] == {
        "password": 1,
        "refresh_token": 1,
        "client_credentials": 1,
    }
    assert state["grantErrors"] == {"invalid_grant": 1}
    assert state["liveAccessTokens"] == 2
    assert state["liveRefreshTokens"] == 1
    assert state["requests"]["token"] == 4
    assert state["requests"]["store"] == 1
    assert state["requests"]["total"] == 5
    assert pair["access_token"] not in raw
    assert pair["refresh_token"] not in raw
    assert "secret" not in raw


def test_reset_returns_to_the_seed(wso2: Wso2Client) -> None:
    token = wso2.login()
    wso2.new_application(token, "Temporary")
    add_fault(wso2, latency=0.01)
    assert wso2.state()["applications"] == 2
    assert wso2.call("POST", "/_sandbox/reset").status_code == 200
    state = wso2.state()
    assert (state["applications"], state["liveAccessTokens"]) == (0, 0)
    assert state["faults"]["active"] == []
    assert wso2.store("GET", "/applications", token).json()["fault"]["code"] == 900901
