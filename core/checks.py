"""System checks for the project-wide settings.

Ids: core.E001 (SECRET_KEY missing), core.E002 (SESSION_COOKIE_SAMESITE).
"""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

SAMESITE_VALUES = ("Lax", "Strict", "None")


@register()
def check_settings(app_configs=None, **kwargs):
    errors = []
    try:
        settings.SECRET_KEY
    except ImproperlyConfigured:
        errors.append(
            Error(
                "SECRET_KEY is not set.",
                hint="Set SECRET_KEY in the environment or .env, for example to "
                "the output of: python -c "
                '"import secrets; print(secrets.token_urlsafe(50))"',
                id="core.E001",
            )
        )
    if settings.SESSION_COOKIE_SAMESITE not in SAMESITE_VALUES:
        errors.append(
            Error(
                "SESSION_COOKIE_SAMESITE must be Lax, Strict or None.",
                hint="Use Lax when the store and the middle tier share a site, "
                "None (with Secure cookies) when they do not.",
                id="core.E002",
            )
        )
    return errors
