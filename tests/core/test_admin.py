"""The Django admin of the token store: who holds what, never a token value."""

import logging

import pytest
import requests
import responses
from django.contrib.auth import get_user_model
from django.test import Client

from tests.conftest import REVOKE_URL
from tests.core.conftest import form_of, make_token
from tokens.models import StoredToken

CHANGELIST = "/admin/tokens/storedtoken/"


@pytest.fixture
def staff(db, wso2):
    """A browser with a local superuser logged into the Django admin."""
    get_user_model().objects.create_superuser("root", "root@example.com", "root-pw")
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "root", "password": "root-pw"}
    )
    assert response.status_code == 302, response.content
    return client


@pytest.fixture
def alice():
    return make_token("alice", "AT-alice-plaintext", "RT-alice-plaintext")


@pytest.fixture
def bob():
    return make_token("bob", "AT-bob-plaintext", "RT-bob-plaintext", refresh_seconds=-1)


def secrets_of(*rows):
    return [
        value
        for row in rows
        for value in (
            row.access_token,
            row.refresh_token,
            row.access_token_ciphertext,
            row.refresh_token_ciphertext,
        )
    ]


def test_a_local_superuser_logs_into_the_admin_without_asking_wso2(staff, wso2):
    response = staff.get("/admin/")

    assert response.status_code == 200
    assert len(wso2.calls) == 0


def test_the_changelist_shows_owner_scopes_expiry_state_and_fingerprint(
    staff, alice, bob
):
    response = staff.get(CHANGELIST)

    page = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "alice",
        "bob",
        "apim:subscribe",
        "active",
        "dead",
        alice.fingerprint,
        bob.fingerprint,
        "Expires at",
    ):
        assert shown in page
    for secret in secrets_of(alice, bob):
        assert secret not in page


def test_the_change_page_shows_the_row_without_any_token(staff, alice):
    response = staff.get(f"{CHANGELIST}{alice.pk}/change/")

    page = response.content.decode()
    assert response.status_code == 200
    for shown in ("alice", "apim:subscribe", "active", alice.fingerprint):
        assert shown in page
    for secret in secrets_of(alice):
        assert secret not in page
    assert 'name="_save"' not in page


def test_the_service_account_row_is_named_for_its_kind(staff):
    make_token(kind=StoredToken.Kind.SERVICE, session_seconds=None)

    page = staff.get(CHANGELIST).content.decode()

    assert "service account" in page


def test_search_finds_a_row_by_username_and_by_fingerprint(staff, alice, bob):
    by_name = staff.get(CHANGELIST, {"q": "alice"}).content.decode()
    by_fingerprint = staff.get(CHANGELIST, {"q": bob.fingerprint}).content.decode()

    assert alice.fingerprint in by_name and bob.fingerprint not in by_name
    assert bob.fingerprint in by_fingerprint and alice.fingerprint not in by_fingerprint


@pytest.mark.parametrize(
    "state, listed",
    [("active", {"alice"}), ("refresh due", {"carol"}), ("dead", {"bob"})],
)
def test_the_state_filter_lists_only_rows_in_that_state(
    staff, alice, bob, state, listed
):
    carol = make_token("carol", "AT-carol", expires_in=-60)

    page = staff.get(CHANGELIST, {"state": state}).content.decode()

    rows = (alice, bob, carol)
    assert {row.user.username for row in rows if row.fingerprint in page} == listed


def test_the_kind_filter_lists_only_that_kind(staff, alice):
    service = make_token(
        access="AT-service", kind=StoredToken.Kind.SERVICE, session_seconds=None
    )

    page = staff.get(CHANGELIST, {"kind__exact": "service"}).content.decode()

    assert service.fingerprint in page
    assert alice.fingerprint not in page


def test_the_admin_cannot_add_or_edit_tokens(staff):
    assert staff.get(f"{CHANGELIST}add/").status_code == 403


def test_the_admin_offers_no_delete_that_would_skip_revocation(staff, alice):
    changelist = staff.get(CHANGELIST).content.decode()

    assert staff.get(f"{CHANGELIST}{alice.pk}/delete/").status_code == 403
    assert 'value="delete_selected"' not in changelist
    assert 'value="revoke_selected"' in changelist


def test_the_revoke_action_revokes_at_wso2_and_deletes_the_rows(
    staff, wso2, alice, bob
):
    carol = make_token("carol", "AT-carol", "RT-carol")
    wso2.add(responses.POST, REVOKE_URL)

    response = staff.post(
        CHANGELIST,
        {"action": "revoke_selected", "_selected_action": [alice.pk, bob.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Revoked and deleted 2 token(s)." in response.content.decode()
    revoked = sorted(form_of(call)["token"] for call in wso2.calls)
    assert revoked == sorted(
        [
            "AT-alice-plaintext",
            "RT-alice-plaintext",
            "AT-bob-plaintext",
            "RT-bob-plaintext",
        ]
    )
    assert list(StoredToken.objects.all()) == [carol]


def test_the_revoke_action_deletes_the_rows_even_when_wso2_is_down(
    staff, wso2, alice, caplog
):
    wso2.add(responses.POST, REVOKE_URL, body=requests.ConnectionError("down"))

    with caplog.at_level(logging.WARNING, logger="tokens.revocation"):
        staff.post(
            CHANGELIST, {"action": "revoke_selected", "_selected_action": [alice.pk]}
        )

    assert StoredToken.objects.count() == 0
    assert f"Could not revoke the access token of {alice.fingerprint}" in caplog.text
