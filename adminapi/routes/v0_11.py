"""The Admin REST API v0.11 (WSO2 API-M 2.1, API Cloud), operation by operation.

Throttling policies, blacklist conditions and global mediation policies; every
operation needs an admin scope, so none is open to anonymous callers.
"""

from proxy.routes import Operation, RouteTable

TIER_VIEW = "apim:tier_view"
TIER_MANAGE = "apim:tier_manage"
BL_VIEW = "apim:bl_view"
BL_MANAGE = "apim:bl_manage"
MEDIATION_VIEW = "apim:mediation_policy_view"
MEDIATION_CREATE = "apim:mediation_policy_create"

POLICY_LEVELS = ("application", "subscription", "advanced")


def _managed(collection, item, view, manage, query=()):
    """Return the list, create, read, update and delete operations of a resource."""
    return [
        Operation("GET", collection, view, query=query),
        Operation("POST", collection, manage, body="object"),
        Operation("GET", item, view),
        Operation("PUT", item, manage, body="object"),
        Operation("DELETE", item, manage),
    ]


def _throttling_policies():
    operations = []
    for level in POLICY_LEVELS:
        collection = f"/throttling/policies/{level}"
        operations += _managed(
            collection, f"{collection}/{{policyId}}", TIER_VIEW, TIER_MANAGE
        )
    return operations


ROUTES = RouteTable(
    [
        *_throttling_policies(),
        *_managed(
            "/throttling/policies/custom",
            "/throttling/policies/custom/{ruleId}",
            TIER_VIEW,
            TIER_MANAGE,
        ),
        # Blacklist conditions cannot be changed, only added and removed.
        Operation("GET", "/throttling/blacklist", BL_VIEW),
        Operation("POST", "/throttling/blacklist", BL_MANAGE, body="object"),
        Operation("GET", "/throttling/blacklist/{conditionId}", BL_VIEW),
        Operation("DELETE", "/throttling/blacklist/{conditionId}", BL_MANAGE),
        *_managed(
            "/policies/mediation",
            "/policies/mediation/{mediationPolicyId}",
            MEDIATION_VIEW,
            MEDIATION_CREATE,
            query=("limit", "offset", "query"),
        ),
    ]
)
