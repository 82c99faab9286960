"""The Admin REST API v0.12 (WSO2 API-M 2.2): v0.11 plus application ownership.

Of what v0.12 added, only the operations a store's operators need pass:
listing every application and handing one to another subscriber. Export,
import and gateway labels are left out.
"""

from proxy.routes import Operation, RouteTable

from . import v0_11

APP_OWNER_CHANGE = "apim:app_owner_change"

ROUTES = RouteTable(
    [
        *v0_11.ROUTES,
        Operation(
            "GET", "/applications", APP_OWNER_CHANGE, query=("user", "limit", "offset")
        ),
        Operation(
            "POST",
            "/applications/{applicationId}/change-owner",
            APP_OWNER_CHANGE,
            query=("owner",),
        ),
    ]
)
