"""System checks for the Store API. Ids: storeapi.E001, storeapi.E002."""

from django.conf import settings
from django.core.checks import Error, register

from wso2.checks import url_error

from .routes import TABLES


@register()
def check_settings(app_configs=None, **kwargs):
    errors = [
        url_error(
            "WSO2_STORE_API_URL",
            settings.WSO2_STORE_API_URL,
            "storeapi.E001",
            "https://gateway.api.cloud.wso2.com/api/am/store",
        )
    ]
    if settings.WSO2_STORE_API_VERSION not in TABLES:
        errors.append(
            Error(
                f"WSO2_STORE_API_VERSION must be one of {', '.join(TABLES)}.",
                hint="Set it to the Store REST API version of your WSO2.",
                id="storeapi.E002",
            )
        )
    return [error for error in errors if error]
