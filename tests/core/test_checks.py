"""A bad or missing setting is reported by a system check with a stable id."""

import pytest
from cryptography.fernet import Fernet
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

OUR_APPS = ("core", "wso2", "tokens", "storeapi")
GOOD_KEY = Fernet.generate_key().decode()


def our_errors():
    return [error for error in run_checks() if error.id.split(".")[0] in OUR_APPS]


def our_ids():
    return [error.id for error in our_errors()]


def test_the_test_settings_pass_every_check():
    assert our_ids() == []
    call_command("check")


@pytest.mark.parametrize(
    "overrides, ids",
    [
        ({"SECRET_KEY": ""}, ["core.E001"]),
        ({"SESSION_COOKIE_SAMESITE": "Sometimes"}, ["core.E002"]),
        ({"SESSION_COOKIE_SAMESITE": "lax"}, ["core.E002"]),
        ({"SESSION_COOKIE_SAMESITE": "None"}, ["core.E003"]),
        ({"CORS_ALLOWED_ORIGINS": []}, ["core.W001"]),
        ({"WSO2_TOKEN_URL": ""}, ["wso2.E001"]),
        ({"WSO2_TOKEN_URL": "gateway.example/token"}, ["wso2.E001"]),
        ({"WSO2_REVOKE_URL": ""}, ["wso2.E002"]),
        ({"WSO2_REVOKE_URL": "ftp://gateway.example/revoke"}, ["wso2.E002"]),
        ({"WSO2_CLIENT_ID": ""}, ["wso2.E003"]),
        ({"WSO2_CLIENT_SECRET": ""}, ["wso2.E003"]),
        ({"WSO2_TIMEOUT": "0"}, ["wso2.E004"]),
        ({"WSO2_TIMEOUT": "-1,30"}, ["wso2.E004"]),
        ({"WSO2_TIMEOUT": "soon"}, ["wso2.E004"]),
        ({"WSO2_TIMEOUT": "1,2,3"}, ["wso2.E004"]),
        ({"WSO2_VERIFY_TLS": "/no/such/ca-bundle.pem"}, ["wso2.E005"]),
        ({"TOKEN_ENCRYPTION_KEYS": []}, ["tokens.E001"]),
        ({"TOKEN_ENCRYPTION_KEYS": ["not-a-key"]}, ["tokens.E002"]),
        (
            {"TOKEN_ENCRYPTION_KEYS": [GOOD_KEY, "x", "y"]},
            ["tokens.E002", "tokens.E002"],
        ),
        ({"WSO2_STORE_API_URL": ""}, ["storeapi.E001"]),
        ({"WSO2_STORE_API_URL": "store"}, ["storeapi.E001"]),
        ({"WSO2_STORE_API_VERSION": "9.9"}, ["storeapi.E002"]),
        (
            {
                "SECRET_KEY": "",
                "WSO2_TOKEN_URL": "",
                "WSO2_REVOKE_URL": "",
                "WSO2_CLIENT_ID": "",
                "WSO2_TIMEOUT": "0",
                "WSO2_VERIFY_TLS": "/no/such/ca-bundle.pem",
                "TOKEN_ENCRYPTION_KEYS": [],
                "WSO2_STORE_API_URL": "",
            },
            [
                "core.E001",
                "wso2.E001",
                "wso2.E002",
                "wso2.E003",
                "wso2.E004",
                "wso2.E005",
                "tokens.E001",
                "storeapi.E001",
            ],
        ),
    ],
)
def test_a_bad_setting_is_reported_with_its_id(overrides, ids):
    with override_settings(**overrides):
        assert sorted(our_ids()) == sorted(ids)


@pytest.mark.parametrize(
    "overrides",
    [
        {"WSO2_TIMEOUT": "10"},
        {"WSO2_TIMEOUT": "3.05,30"},
        {"WSO2_VERIFY_TLS": "false"},
        {"WSO2_VERIFY_TLS": "True"},
        {
            "SESSION_COOKIE_SAMESITE": "None",
            "SESSION_COOKIE_SECURE": True,
            "CSRF_COOKIE_SECURE": True,
        },
        {"SESSION_COOKIE_SAMESITE": "Strict"},
        {"TOKEN_ENCRYPTION_KEYS": [GOOD_KEY, Fernet.generate_key().decode()]},
        {"WSO2_TOKEN_URL": "http://localhost:8280/token"},
    ],
)
def test_a_good_setting_passes(overrides):
    with override_settings(**overrides):
        assert our_ids() == []


def test_a_ca_bundle_that_exists_passes(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")

    with override_settings(WSO2_VERIFY_TLS=str(bundle)):
        assert our_ids() == []


@pytest.mark.parametrize(
    "overrides, hint",
    [
        ({"SECRET_KEY": ""}, "secrets.token_urlsafe"),
        ({"TOKEN_ENCRYPTION_KEYS": []}, "Fernet.generate_key()"),
        ({"TOKEN_ENCRYPTION_KEYS": ["x"]}, "Fernet.generate_key()"),
        ({"WSO2_TOKEN_URL": ""}, "https://"),
        ({"WSO2_TIMEOUT": "0"}, "3.05,30"),
    ],
)
def test_the_hint_says_how_to_fix_it(overrides, hint):
    with override_settings(**overrides):
        (error,) = our_errors()

    assert hint in error.hint


def test_the_message_names_the_bad_key_by_its_position():
    with override_settings(TOKEN_ENCRYPTION_KEYS=[GOOD_KEY, "x"]):
        (error,) = our_errors()

    assert error.msg == "Key 2 of TOKEN_ENCRYPTION_KEYS is not a Fernet key."


def test_no_message_or_hint_repeats_a_secret_value():
    bad_key = "secret-but-not-a-fernet-key"
    with override_settings(TOKEN_ENCRYPTION_KEYS=[bad_key], WSO2_CLIENT_ID=""):
        errors = our_errors()

    assert errors
    for error in errors:
        for secret in (bad_key, "test-client-secret"):
            assert secret not in error.msg and secret not in (error.hint or "")


def test_the_check_command_refuses_bad_settings():
    with (
        override_settings(TOKEN_ENCRYPTION_KEYS=[]),
        pytest.raises(SystemCheckError, match="tokens.E001"),
    ):
        call_command("check")
