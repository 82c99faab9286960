"""Only what WSO2 needs goes out; only what a front end can use comes back."""

import responses

from tests.conftest import STORE_URL

from .conftest import (
    BROWSER_ONLY_HEADERS,
    assert_no_browser_headers,
    sent_to_wso2,
    store_requests,
)

APPLICATIONS = f"{STORE_URL}/applications"
EMPTY_LIST = {"count": 0, "list": []}


def test_wso2_sees_none_of_the_browsers_own_headers(subscriber, wso2):
    wso2.add(responses.GET, APPLICATIONS, json=EMPTY_LIST)

    response = subscriber.get(
        "/store/applications", HTTP_HOST="localhost", **BROWSER_ONLY_HEADERS
    )

    assert response.status_code == 200
    sent = sent_to_wso2(wso2)
    assert sent.headers["Authorization"] == "Bearer access-1"
    assert "X-WSO2-Tenant" not in sent.headers
    assert_no_browser_headers(sent)


def test_the_browsers_request_id_reaches_wso2_and_comes_back(subscriber, wso2):
    wso2.add(responses.GET, APPLICATIONS, json=EMPTY_LIST)

    response = subscriber.get("/store/applications", HTTP_X_REQUEST_ID="page-load-42")

    assert response["X-Request-ID"] == "page-load-42"
    assert sent_to_wso2(wso2).headers["X-Request-ID"] == "page-load-42"


def test_an_unacceptable_request_id_is_replaced_before_wso2_sees_it(subscriber, wso2):
    wso2.add(responses.GET, APPLICATIONS, json=EMPTY_LIST)

    response = subscriber.get("/store/applications", HTTP_X_REQUEST_ID="a b\tforged")

    sent_id = sent_to_wso2(wso2).headers["X-Request-ID"]
    assert sent_id != "a b\tforged"
    assert sent_id == response["X-Request-ID"]


def test_only_the_headers_a_front_end_uses_come_back(browser, wso2):
    wso2.add(
        responses.GET,
        f"{STORE_URL}/apis/api-1",
        json={"id": "api-1"},
        headers={
            "ETag": '"v1"',
            "Last-Modified": "Tue, 01 May 2018 10:00:00 GMT",
            "Retry-After": "30",
            "Set-Cookie": "JSESSIONID=wso2-session; Path=/",
            "Server": "WSO2 Carbon Server",
            "X-Internal-Host": "apim-node-3",
        },
    )

    response = browser.get("/store/apis/api-1")

    assert response["ETag"] == '"v1"'
    assert response["Last-Modified"] == "Tue, 01 May 2018 10:00:00 GMT"
    assert response["Retry-After"] == "30"
    assert "JSESSIONID" not in response.cookies
    assert "Server" not in response
    assert "X-Internal-Host" not in response


def test_a_subscribers_answers_are_private_to_their_session(subscriber, wso2):
    wso2.add(responses.GET, APPLICATIONS, json=EMPTY_LIST)

    response = subscriber.get("/store/applications")

    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_a_cookie_wso2_set_for_one_caller_is_never_sent_for_the_next(browser, wso2):
    wso2.add(
        responses.GET,
        f"{STORE_URL}/tags",
        json=EMPTY_LIST,
        headers={"Set-Cookie": "JSESSIONID=first-callers; Path=/"},
    )

    browser.get("/store/tags")
    browser.get("/store/tags")

    assert [r.headers.get("Cookie") for r in store_requests(wso2)] == [None, None]
