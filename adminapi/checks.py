"""System checks for the Admin API surface.

Ids: adminapi.E001 (WSO2_ADMIN_API_URL), adminapi.E002 (WSO2_ADMIN_API_VERSION),
adminapi.W001 (service account credentials), adminapi.W002 (scopes the
route table needs but the service account does not ask for).
"""

from django.conf import settings
from django.core.checks import Error, Warning, register

from wso2.checks import url_error

from .routes import TABLES


@register()
def check_settings(app_configs=None, **kwargs):
    errors = [
        url_error(
            "WSO2_ADMIN_API_URL",
            settings.WSO2_ADMIN_API_URL,
            "adminapi.E001",
            "https://gateway.api.cloud.wso2.com/api/am/admin",
        )
    ]
    table = TABLES.get(settings.WSO2_ADMIN_API_VERSION)
    if table is None:
        errors.append(
            Error(
                f"WSO2_ADMIN_API_VERSION must be one of {', '.join(TABLES)}.",
                hint="Set it to the Admin REST API version of your WSO2.",
                id="adminapi.E002",
            )
        )
    if not (settings.WSO2_ADMIN_USERNAME and settings.WSO2_ADMIN_PASSWORD):
        errors.append(
            Warning(
                "WSO2_ADMIN_USERNAME and WSO2_ADMIN_PASSWORD are not both set: "
                "/adminapi/ and /readyz cannot work.",
                hint="Set them to a WSO2 user with the admin role (on API Cloud: "
                "email@organizationKey).",
                id="adminapi.W001",
            )
        )
    if table is not None:
        errors.append(_scopes_warning(table))
    return [error for error in errors if error]


def _scopes_warning(table):
    missing = {operation.scope for operation in table} - set(settings.WSO2_ADMIN_SCOPES)
    if not missing:
        return None
    return Warning(
        f"WSO2_ADMIN_SCOPES lacks {', '.join(sorted(missing))}, which operations of "
        f"Admin API {settings.WSO2_ADMIN_API_VERSION} need.",
        hint="Add the scopes to WSO2_ADMIN_SCOPES, or those operations answer 403.",
        id="adminapi.W002",
    )
