"""The Store REST API v0.11 (WSO2 API-M 2.1, API Cloud), operation by operation.

Also carries v0.12's `POST /applications/regenerate-consumersecret`, the one
operation v0.12 added, which API Cloud served beside v0.11.
"""

from proxy.routes import Operation, RouteTable

SUBSCRIBE = "apim:subscribe"
PAGE = ("limit", "offset")

ROUTES = RouteTable(
    [
        # Browsing: anonymous visitors may call these.
        Operation("GET", "/apis", query=(*PAGE, "query")),
        Operation("GET", "/apis/{apiId}"),
        Operation("GET", "/apis/{apiId}/swagger"),
        Operation("GET", "/apis/{apiId}/documents", query=PAGE),
        Operation("GET", "/apis/{apiId}/documents/{documentId}"),
        Operation("GET", "/apis/{apiId}/documents/{documentId}/content"),
        Operation("GET", "/apis/{apiId}/thumbnail"),
        Operation("GET", "/tiers/{tierLevel}", query=PAGE),
        Operation("GET", "/tiers/{tierLevel}/{tierName}"),
        Operation("GET", "/tags", query=PAGE),
        # SDKs.
        Operation(
            "POST", "/apis/generate-sdk/", SUBSCRIBE, query=("apiId", "language")
        ),
        # Applications and their keys.
        Operation("GET", "/applications", SUBSCRIBE, query=("groupId", "query", *PAGE)),
        Operation("POST", "/applications", SUBSCRIBE, body="object"),
        Operation("GET", "/applications/{applicationId}", SUBSCRIBE),
        Operation("PUT", "/applications/{applicationId}", SUBSCRIBE, body="object"),
        Operation("DELETE", "/applications/{applicationId}", SUBSCRIBE),
        Operation(
            "POST",
            "/applications/generate-keys",
            SUBSCRIBE,
            query=("applicationId",),
            body="object",
        ),
        Operation(
            "POST", "/applications/regenerate-consumersecret", SUBSCRIBE, body="object"
        ),
        Operation(
            "GET",
            "/applications/{applicationId}/keys/{keyType}",
            SUBSCRIBE,
            query=("groupId",),
        ),
        Operation(
            "PUT",
            "/applications/{applicationId}/keys/{keyType}",
            SUBSCRIBE,
            body="object",
        ),
        Operation(
            "GET",
            "/applications/scopes/{applicationId}",
            SUBSCRIBE,
            query=("filterByUserRoles",),
        ),
        # Subscriptions.
        Operation(
            "GET",
            "/subscriptions",
            SUBSCRIBE,
            query=("apiId", "applicationId", "groupId", *PAGE),
        ),
        Operation("POST", "/subscriptions", SUBSCRIBE, body="object"),
        Operation("POST", "/subscriptions/multiple", SUBSCRIBE, body="array"),
        Operation("GET", "/subscriptions/{subscriptionId}", SUBSCRIBE),
        Operation("DELETE", "/subscriptions/{subscriptionId}", SUBSCRIBE),
    ]
)
