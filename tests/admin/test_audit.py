"""The audit trail: one row per admin call, shown read-only in the Django admin."""

import pytest
import requests
import responses
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.test import Client

from adminapi.models import AdminCall
from tests.conftest import ADMIN_URL

BLACKLIST = f"{ADMIN_URL}/throttling/blacklist"


def only_call():
    (call,) = AdminCall.objects.all()
    return call


def test_a_successful_call_is_recorded_with_who_what_and_the_request_id(
    staff, wso2, service_token
):
    wso2.add(responses.GET, f"{ADMIN_URL}/policies/mediation", json={"list": []})

    response = staff.get(
        "/adminapi/policies/mediation?limit=5", HTTP_X_REQUEST_ID="audit-request-0001"
    )

    assert response.status_code == 200
    call = only_call()
    assert call.user.username == call.username == "operator"
    assert (call.method, call.path, call.operation, call.status) == (
        "GET",
        "/adminapi/policies/mediation?limit=5",
        "/policies/mediation",
        200,
    )
    assert call.request_id == response["X-Request-ID"] == "audit-request-0001"


def test_a_write_is_recorded_without_its_body(staff, wso2, service_token):
    wso2.add(responses.POST, BLACKLIST, status=201, json={"conditionId": "c1"})

    staff.send_json(
        "POST",
        "/adminapi/throttling/blacklist",
        {"conditionType": "IP", "conditionValue": "192.0.2.7"},
    )

    call = only_call()
    assert (call.method, call.status) == ("POST", 201)
    recorded = " ".join(str(value) for value in AdminCall.objects.values_list().get())
    assert "192.0.2.7" not in recorded


def test_a_wso2_failure_is_recorded_with_its_status(staff, wso2, service_token):
    wso2.add(responses.GET, BLACKLIST, status=503, body="down")

    response = staff.get("/adminapi/throttling/blacklist")

    assert response.status_code == 502
    assert only_call().status == 503


def test_a_call_wso2_never_answered_is_recorded_without_a_status(
    staff, wso2, service_token
):
    wso2.add(responses.GET, BLACKLIST, body=requests.ConnectionError("refused"))

    response = staff.get("/adminapi/throttling/blacklist")

    assert response.status_code == 502
    call = only_call()
    assert call.status is None
    assert call.path == "/adminapi/throttling/blacklist"


def test_when_the_audit_row_cannot_be_written_the_log_keeps_it(
    staff, wso2, service_token, monkeypatch, caplog
):
    def fail(**fields):
        raise OperationalError("database is locked")

    monkeypatch.setattr(AdminCall.objects, "create", fail)
    wso2.add(responses.DELETE, f"{BLACKLIST}/c1", status=200)

    response = staff.send("DELETE", "/adminapi/throttling/blacklist/c1")

    assert response.status_code == 200
    (record,) = [r for r in caplog.records if r.name == "adminapi.views"]
    assert record.levelname == "ERROR"
    assert record.getMessage() == (
        "Could not record the Admin API call: "
        "operator DELETE /adminapi/throttling/blacklist/c1: 200"
    )


def test_a_refused_caller_leaves_no_audit_row(member, wso2, service_token):
    member.get("/adminapi/throttling/blacklist")

    assert not AdminCall.objects.exists()


def test_the_row_outlives_the_user_who_made_the_call(staff, wso2, service_token):
    wso2.add(responses.GET, BLACKLIST, json={"list": []})
    staff.get("/adminapi/throttling/blacklist")

    get_user_model().objects.filter(username="operator").delete()

    call = only_call()
    assert call.user is None
    assert call.username == "operator"


@pytest.fixture
def superuser_client(db):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def recorded_calls(db):
    return [
        AdminCall.objects.create(
            username="operator",
            method="GET",
            path="/adminapi/throttling/blacklist",
            operation="/throttling/blacklist",
            status=200,
            request_id="req-ok-0001",
        ),
        AdminCall.objects.create(
            username="night-shift",
            method="DELETE",
            path="/adminapi/policies/mediation/m1",
            operation="/policies/mediation/{mediationPolicyId}",
            status=500,
            request_id="req-failed-0002",
        ),
    ]


CHANGELIST = "/admin/adminapi/admincall/"


def test_the_django_admin_lists_the_calls(superuser_client, recorded_calls):
    response = superuser_client.get(CHANGELIST)

    assert response.status_code == 200
    assert b"req-ok-0001" in response.content
    assert b"req-failed-0002" in response.content


def test_the_django_admin_filters_calls_by_wso2s_answer(
    superuser_client, recorded_calls
):
    response = superuser_client.get(CHANGELIST, {"answer": "failed"})

    assert b"req-failed-0002" in response.content
    assert b"req-ok-0001" not in response.content


def test_the_django_admin_searches_calls_by_username(superuser_client, recorded_calls):
    response = superuser_client.get(CHANGELIST, {"q": "night-shift"})

    assert b"req-failed-0002" in response.content
    assert b"req-ok-0001" not in response.content


def test_the_django_admin_shows_a_call_without_a_way_to_change_it(
    superuser_client, recorded_calls
):
    url = f"{CHANGELIST}{recorded_calls[0].pk}/change/"

    shown = superuser_client.get(url)
    posted = superuser_client.post(url, {"status": "204", "username": "someone"})

    assert shown.status_code == 200
    assert b"req-ok-0001" in shown.content
    assert b'name="_save"' not in shown.content
    assert posted.status_code == 403
    assert AdminCall.objects.get(pk=recorded_calls[0].pk).username == "operator"


def test_the_django_admin_neither_adds_nor_deletes_calls(
    superuser_client, recorded_calls
):
    pk = recorded_calls[0].pk

    assert superuser_client.get(f"{CHANGELIST}add/").status_code == 403
    assert (
        superuser_client.post(f"{CHANGELIST}{pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    bulk = superuser_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [pk]}
    )
    assert bulk.status_code in (200, 302)
    assert AdminCall.objects.count() == 2
