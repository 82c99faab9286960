"""System checks for the WSO2 client settings.

Ids: wso2.E001 (token URL), wso2.E002 (revoke URL), wso2.E003 (client id and
secret), wso2.E004 (WSO2_TIMEOUT), wso2.E005 (WSO2_VERIFY_TLS bundle).
"""

import os

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .conf import conf, parse_timeout

_is_url = URLValidator(schemes=["http", "https"])


def is_url(value):
    try:
        _is_url(value)
    except ValidationError:
        return False
    return True


def url_error(name, value, error_id, example):
    """Return the check error for a missing or malformed URL setting, or None."""
    if is_url(value):
        return None
    return Error(
        f"{name} is {'not a valid URL' if value else 'not set'}.",
        hint=f"Set {name} to the full URL, for example {example}",
        id=error_id,
    )


@register()
def check_settings(app_configs=None, **kwargs):
    errors = [
        url_error(
            "WSO2_TOKEN_URL",
            conf.token_url,
            "wso2.E001",
            "https://gateway.api.cloud.wso2.com/token",
        ),
        url_error(
            "WSO2_REVOKE_URL",
            conf.revoke_url,
            "wso2.E002",
            "https://gateway.api.cloud.wso2.com/revoke",
        ),
    ]
    if not all(conf.client_credentials):
        errors.append(
            Error(
                "WSO2_CLIENT_ID and WSO2_CLIENT_SECRET must both be set.",
                hint="Register a client with `python manage.py register_client` "
                "and put the lines it prints into .env.",
                id="wso2.E003",
            )
        )
    errors.append(_timeout_error())
    errors.append(_verify_error())
    return [error for error in errors if error]


def _timeout_error():
    try:
        parse_timeout(settings.WSO2_TIMEOUT)
    except ValueError:
        return Error(
            "WSO2_TIMEOUT must be positive seconds.",
            hint='Use one number ("10") or connect and read seconds ("3.05,30").',
            id="wso2.E004",
        )
    return None


def _verify_error():
    verify = conf.verify
    if isinstance(verify, bool) or os.path.exists(verify):
        return None
    return Error(
        "WSO2_VERIFY_TLS names a CA bundle that does not exist.",
        hint="Use true, false, or the path of a PEM file with the CA certificates.",
        id="wso2.E005",
    )
