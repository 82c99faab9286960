"""Operators' commands: cleartokens, rotate_token_keys, and Django's clearsessions."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import override_settings

from tests.core.conftest import make_token
from tokens.crypto import UnreadableToken
from tokens.models import StoredToken
from wso2.oauth import Grant

SERVICE = StoredToken.Kind.SERVICE


def run(*arguments, **options):
    out = StringIO()
    call_command(*arguments, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def live_rows(db):
    return {
        make_token("alice", "AT-alice"),
        make_token(access="AT-service", kind=SERVICE, session_seconds=None),
    }


@pytest.fixture
def dead_rows(db):
    return {
        make_token("bob", "AT-bob", refresh_seconds=-1),
        make_token("carol", "AT-carol", session_seconds=-1),
        make_token("dave", "AT-dave", session_seconds=None),
    }


def remaining():
    return set(StoredToken.objects.all())


def test_cleartokens_deletes_dead_and_orphaned_tokens(live_rows, dead_rows):
    output = run("cleartokens")

    assert remaining() == live_rows
    assert output.splitlines()[-1] == "Deleted 3 token(s)."


def test_cleartokens_keeps_a_subscriber_whose_access_token_expired(db):
    due = make_token("alice", expires_in=-3600)

    run("cleartokens")

    assert remaining() == {due}


def test_cleartokens_deletes_a_dead_service_account_token(live_rows):
    StoredToken.objects.filter(kind=SERVICE).delete()
    dead_service = make_token(kind=SERVICE, session_seconds=None, refresh_seconds=-1)

    run("cleartokens")

    assert dead_service not in remaining()
    assert len(remaining()) == 1


def test_a_dry_run_deletes_nothing_and_says_how_many_would_go(live_rows, dead_rows):
    output = run("cleartokens", "--dry-run")

    assert output.strip() == "Would delete 3 token(s)."
    assert remaining() == live_rows | dead_rows


def test_cleartokens_works_in_batches_and_shows_progress(live_rows, dead_rows):
    output = run("cleartokens", "--batch-size", "2")

    assert output.splitlines() == [
        "Deleted 2 token(s) so far",
        "Deleted 3 token(s) so far",
        "Deleted 3 token(s).",
    ]
    assert remaining() == live_rows


def test_running_cleartokens_twice_is_harmless(live_rows, dead_rows):
    run("cleartokens")

    output = run("cleartokens")

    assert output.strip() == "Deleted 0 token(s)."
    assert remaining() == live_rows


def test_clearsessions_takes_an_expired_sessions_tokens_with_it(live_rows):
    expired = make_token("erin", "AT-erin", session_seconds=-1)

    call_command("clearsessions")

    assert expired not in remaining()
    assert remaining() == live_rows


def rows_as_plaintext():
    return {(row.access_token, row.refresh_token) for row in StoredToken.objects.all()}


def rows_as_plaintext_except(lost):
    return {
        (row.access_token, row.refresh_token)
        for row in StoredToken.objects.exclude(pk=lost.pk)
    }


def test_rotate_token_keys_lets_the_old_key_be_removed(live_rows, dead_rows, settings):
    old_key = settings.TOKEN_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    before = rows_as_plaintext()

    with override_settings(TOKEN_ENCRYPTION_KEYS=[new_key, old_key]):
        output = run("rotate_token_keys")

    with override_settings(TOKEN_ENCRYPTION_KEYS=[new_key]):
        assert rows_as_plaintext() == before
    assert output.splitlines() == [
        "Re-encrypted 5 of 5 token(s)",
        "Re-encrypted 5 token(s) with the newest key.",
    ]


def test_without_rotation_the_old_key_cannot_be_removed(live_rows, settings):
    with (
        override_settings(TOKEN_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]),
        pytest.raises(UnreadableToken),
    ):
        rows_as_plaintext()


def test_rotate_token_keys_shows_progress_per_batch(live_rows, dead_rows):
    output = run("rotate_token_keys", "--batch-size", "2")

    assert output.splitlines()[:3] == [
        "Re-encrypted 2 of 5 token(s)",
        "Re-encrypted 4 of 5 token(s)",
        "Re-encrypted 5 of 5 token(s)",
    ]


def test_rotate_token_keys_can_run_again(live_rows, settings):
    old_key = settings.TOKEN_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    before = rows_as_plaintext()

    with override_settings(TOKEN_ENCRYPTION_KEYS=[new_key, old_key]):
        run("rotate_token_keys", "--batch-size", "1")
        run("rotate_token_keys")
    with override_settings(TOKEN_ENCRYPTION_KEYS=[new_key]):
        run("rotate_token_keys")
        assert rows_as_plaintext() == before


def test_rotate_token_keys_reports_a_row_no_key_opens_and_goes_on(live_rows, settings):
    lost = make_token("frank", "AT-frank", "RT-frank")
    lost_key = Fernet.generate_key().decode()
    with override_settings(TOKEN_ENCRYPTION_KEYS=[lost_key]):
        lost.take(Grant("AT-frank", "RT-frank", (), 3600))
        lost.save()
    new_key = Fernet.generate_key().decode()
    before = rows_as_plaintext_except(lost)
    errors = StringIO()

    keys = [new_key, *settings.TOKEN_ENCRYPTION_KEYS]
    with override_settings(TOKEN_ENCRYPTION_KEYS=keys):
        output = run("rotate_token_keys", "--batch-size", "1", stderr=errors)

    assert errors.getvalue().strip() == (
        f"Token {lost.fingerprint} cannot be decrypted with any of the keys; "
        "it was left as it is."
    )
    assert output.splitlines()[-1] == (
        "Re-encrypted 2 token(s) with the newest key; 1 could not be decrypted."
    )
    with override_settings(TOKEN_ENCRYPTION_KEYS=[new_key]):
        assert rows_as_plaintext_except(lost) == before
