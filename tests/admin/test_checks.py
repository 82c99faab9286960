"""System checks of the Admin API settings."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from adminapi.checks import check_settings

ALL_SCOPES = [
    "apim:tier_view",
    "apim:tier_manage",
    "apim:bl_view",
    "apim:bl_manage",
    "apim:mediation_policy_view",
    "apim:mediation_policy_create",
]


def ids():
    return [message.id for message in check_settings()]


def test_the_test_settings_pass():
    assert ids() == []


@override_settings(WSO2_ADMIN_API_URL="")
def test_a_missing_admin_api_url_is_e001():
    assert ids() == ["adminapi.E001"]


@override_settings(WSO2_ADMIN_API_URL="wso2.test/api/am/admin")
def test_an_admin_api_url_without_a_scheme_is_e001():
    assert ids() == ["adminapi.E001"]


@override_settings(WSO2_ADMIN_API_VERSION="0.9")
def test_an_unknown_version_is_e002():
    (message,) = check_settings()
    assert message.id == "adminapi.E002"
    assert "0.11, 0.12" in message.msg


@override_settings(WSO2_ADMIN_PASSWORD="")
def test_a_missing_password_is_w001():
    (message,) = check_settings()
    assert message.id == "adminapi.W001"
    assert "/readyz" in message.msg
    assert message.hint


@override_settings(WSO2_ADMIN_USERNAME="")
def test_a_missing_username_is_w001():
    assert ids() == ["adminapi.W001"]


@override_settings(WSO2_ADMIN_API_VERSION="0.12")
def test_0_12_without_the_owner_change_scope_is_w002():
    (message,) = check_settings()
    assert message.id == "adminapi.W002"
    assert "apim:app_owner_change" in message.msg


@override_settings(
    WSO2_ADMIN_API_VERSION="0.12",
    WSO2_ADMIN_SCOPES=[*ALL_SCOPES, "apim:app_owner_change"],
)
def test_0_12_with_every_scope_it_needs_passes():
    assert ids() == []


@override_settings(WSO2_ADMIN_API_URL="")
def test_the_checks_are_registered():
    with pytest.raises(SystemCheckError, match="adminapi.E001"):
        call_command("check")
