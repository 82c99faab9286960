import responses

from tests.conftest import STORE_URL


def test_a_subscriber_lists_applications_through_the_store(subscriber, wso2):
    wso2.add(responses.GET, f"{STORE_URL}/applications", json={"count": 0, "list": []})

    response = subscriber.get("/store/applications?limit=5&secret=x")

    assert response.status_code == 200
    assert response.json() == {"count": 0, "list": []}
    sent = wso2.calls[-1].request
    assert sent.headers["Authorization"] == "Bearer access-1"
    assert sent.url.endswith("/applications?limit=5")
    assert "Cookie" not in sent.headers
