"""System checks for the project-wide settings.

Ids: core.E001 (SECRET_KEY missing), core.E002 (SESSION_COOKIE_SAMESITE),
core.E003 (SameSite=None without Secure cookies), core.W001 (no CORS origin).
"""

from django.conf import settings
from django.core.checks import Error, Warning, register
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
    insecure = not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE)
    if settings.SESSION_COOKIE_SAMESITE == "None" and insecure:
        errors.append(
            Error(
                "SESSION_COOKIE_SAMESITE=None needs Secure cookies.",
                hint="Browsers drop SameSite=None cookies that are not Secure: set "
                "SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE to true (and use https).",
                id="core.E003",
            )
        )
    if not settings.CORS_ALLOWED_ORIGINS:
        errors.append(
            Warning(
                "CORS_ALLOWED_ORIGINS is empty, so no store page may call the "
                "middle tier from the browser.",
                hint="Set it to the store front end's origin, e.g. "
                "https://store.example.com.",
                id="core.W001",
            )
        )
    return errors
