"""Protected operations need a session whose tokens carry the operation's scope."""

import pytest
import responses

from storeapi.routes.v0_11 import ROUTES
from tests.conftest import REVOKE_URL, STORE_URL

from .conftest import call_operation, path_of, sample_path, sent_to_wso2, store_requests

PROTECTED = [operation for operation in ROUTES if not operation.anonymous]
IDS = [f"{operation.method} {operation.path}" for operation in PROTECTED]


@pytest.mark.parametrize("operation", PROTECTED, ids=IDS)
def test_a_visitor_gets_401_for_every_protected_operation_without_a_call(
    browser, wso2, operation
):
    response = call_operation(browser, operation)

    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    assert store_requests(wso2) == []


@pytest.mark.parametrize("operation", PROTECTED, ids=IDS)
def test_a_subscriber_reaches_wso2_for_every_protected_operation(
    subscriber, wso2, operation
):
    upstream_path = sample_path(operation).removeprefix("/store")
    wso2.add(operation.method, f"{STORE_URL}{upstream_path}", json={"done": True})

    response = call_operation(subscriber, operation)

    assert response.status_code == 200
    assert response.json() == {"done": True}
    sent = sent_to_wso2(wso2)
    assert (sent.method, path_of(sent)) == (operation.method, upstream_path)
    assert sent.headers["Authorization"] == "Bearer access-1"


def test_a_login_without_the_subscribe_scope_gets_403_without_a_call(
    unsubscribed, wso2
):
    response = unsubscribed.get("/store/applications")

    assert response.status_code == 403
    assert response.json() == {
        "error": "insufficient_scope",
        "message": "This needs the apim:subscribe scope, which your login lacks.",
    }
    assert store_requests(wso2) == []


def test_a_login_without_the_subscribe_scope_can_still_browse(unsubscribed, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/apis", json={"count": 0, "list": []})

    response = unsubscribed.get("/store/apis")

    assert response.status_code == 200
    assert sent_to_wso2(wso2).headers["Authorization"] == "Bearer access-1"


def test_after_logout_a_protected_operation_is_401_again(subscriber, wso2):
    wso2.add(responses.POST, REVOKE_URL)
    subscriber.logout()

    response = subscriber.get("/store/applications")

    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    assert store_requests(wso2) == []
