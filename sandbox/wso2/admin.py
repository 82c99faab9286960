"""The Admin REST API v0.11, plus v0.12's application owner operations.

Throttling policies (application, subscription, advanced, custom rules),
blacklist conditions and global mediation policies are kept per tenant in the
shared ``PolicyBook``. Every operation needs the admin scope the published
definition names. Unlike the Store API (behind the gateway on API Cloud), a
bad or missing token here gets the REST webapp's own 401 ``Error`` body, so a
client meets both shapes.

All handlers run under the stand-in's state lock.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from functools import partial

from .oauth import OAuthServer, Principal
from .policies import PolicyBook, id_field, name_field
from .settings import SUPER_TENANT
from .store import Application, StoreApi
from .web import (
    Field,
    Handler,
    Request,
    Response,
    bad_request,
    check_body,
    conflict,
    forbidden,
    not_found,
)

logger = logging.getLogger(__name__)


def _required(spec: Field) -> Field:
    return dataclasses.replace(spec, required=True)


_TEXT = Field("string")
_LIMIT_BASE = {
    "type": _required(_TEXT),
    "timeUnit": _required(_TEXT),
    "unitTime": Field("integer", required=True),
}
_LIMIT = Field(
    "object",
    variants={
        "RequestCountLimit": {
            **_LIMIT_BASE,
            "requestCount": Field("integer", required=True),
        },
        "BandwidthLimit": {
            **_LIMIT_BASE,
            "dataAmount": Field("integer", required=True),
            "dataUnit": _required(_TEXT),
        },
    },
)
_CONDITION_BASE = {"type": _required(_TEXT), "invertCondition": Field("boolean")}
_CONDITION = Field(
    "object",
    variants={
        "HeaderCondition": {
            **_CONDITION_BASE,
            "headerName": _required(_TEXT),
            "headerValue": _required(_TEXT),
        },
        "IPCondition": {
            **_CONDITION_BASE,
            "ipConditionType": Field("string", enum=("IPRange", "IPSpecific")),
            "specificIP": _required(_TEXT),
            "startingIP": _TEXT,
            "endingIP": _TEXT,
        },
        "JWTClaimsCondition": {
            **_CONDITION_BASE,
            "claimUrl": _required(_TEXT),
            "attribute": _required(_TEXT),
        },
        "QueryParameterCondition": {
            **_CONDITION_BASE,
            "parameterName": _required(_TEXT),
            "parameterValue": _required(_TEXT),
        },
    },
)
_POLICY_BASE = {
    "policyId": _TEXT,
    "policyName": _required(_TEXT),
    "displayName": _TEXT,
    "description": _TEXT,
    "isDeployed": Field("boolean"),
}
_SHAPES = {
    "application": {**_POLICY_BASE, "defaultLimit": _required(_LIMIT)},
    "subscription": {
        **_POLICY_BASE,
        "defaultLimit": _required(_LIMIT),
        "rateLimitCount": Field("integer"),
        "rateLimitTimeUnit": _TEXT,
        "customAttributes": Field(
            "array",
            items=Field(
                "object", shape={"name": _required(_TEXT), "value": _required(_TEXT)}
            ),
        ),
        "stopOnQuotaReach": Field("boolean"),
        "billingPlan": Field("string", enum=("FREE", "COMMERCIAL")),
    },
    "advanced": {
        **_POLICY_BASE,
        "defaultLimit": _required(_LIMIT),
        "conditionalGroups": Field(
            "array",
            items=Field(
                "object",
                shape={
                    "description": _TEXT,
                    "conditions": Field("array", required=True, items=_CONDITION),
                    "limit": _required(_LIMIT),
                },
            ),
        ),
    },
    "custom": {
        **_POLICY_BASE,
        "siddhiQuery": _required(_TEXT),
        "keyTemplate": _required(_TEXT),
    },
    "blacklist": {
        "conditionId": _TEXT,
        "conditionType": Field(
            "string", required=True, enum=("API", "APPLICATION", "IP", "USER")
        ),
        "conditionValue": _required(_TEXT),
    },
    "mediation": {
        "id": _TEXT,
        "name": _required(_TEXT),
        "type": Field("string", required=True, enum=("in", "out", "fault")),
        "config": _required(_TEXT),
    },
}


@dataclass(frozen=True)
class _Kind:
    """How one policy collection is exposed over HTTP."""

    name: str
    path: str
    param: str
    label: str
    view_scope: str
    manage_scope: str
    created_status: int = 201
    updatable: bool = True


_KINDS = (
    _Kind(
        "application",
        "/throttling/policies/application",
        "policyId",
        "application policy",
        "apim:tier_view",
        "apim:tier_manage",
    ),
    _Kind(
        "subscription",
        "/throttling/policies/subscription",
        "policyId",
        "subscription policy",
        "apim:tier_view",
        "apim:tier_manage",
    ),
    _Kind(
        "advanced",
        "/throttling/policies/advanced",
        "policyId",
        "advanced policy",
        "apim:tier_view",
        "apim:tier_manage",
    ),
    _Kind(
        "custom",
        "/throttling/policies/custom",
        "ruleId",
        "custom rule",
        "apim:tier_view",
        "apim:tier_manage",
    ),
    _Kind(
        "blacklist",
        "/throttling/blacklist",
        "conditionId",
        "block condition",
        "apim:bl_view",
        "apim:bl_manage",
        updatable=False,
    ),
    _Kind(
        "mediation",
        "/policies/mediation",
        "mediationPolicyId",
        "mediation policy",
        "apim:mediation_policy_view",
        "apim:mediation_policy_create",
        created_status=200,
    ),
)


def _mediation_info(policy: dict) -> dict[str, str]:
    """A mediation policy as its list shows it: no configuration body."""
    return {"name": policy["name"], "id": policy["id"], "type": policy["type"]}


def _application_info(app: Application) -> dict[str, str]:
    """An application in v0.12's owner-change listing."""
    return {
        "applicationId": app.id,
        "name": app.name,
        "owner": app.owner,
        "status": app.status,
        "groupId": app.group_id,
    }


class AdminApi:
    """Handlers of the Admin API over the shared policy book."""

    def __init__(
        self, oauth: OAuthServer, policies: PolicyBook, store: StoreApi
    ) -> None:
        self._oauth = oauth
        self._policies = policies
        self._store = store

    def routes(self) -> list[tuple[str, str, Handler]]:
        """The v0.11 resources."""
        table: list[tuple[str, str, Handler]] = []
        for kind in _KINDS:
            item = f"{kind.path}/{{{kind.param}}}"
            table += [
                ("GET", kind.path, partial(self._list, kind)),
                ("POST", kind.path, partial(self._create, kind)),
                ("GET", item, partial(self._get, kind)),
                ("DELETE", item, partial(self._delete, kind)),
            ]
            if kind.updatable:
                table.append(("PUT", item, partial(self._update, kind)))
        return table

    def routes_v012(self) -> list[tuple[str, str, Handler]]:
        """v0.11's resources plus the application owner operations of v0.12."""
        return [
            *self.routes(),
            ("GET", "/applications", self.list_applications),
            (
                "POST",
                "/applications/{applicationId}/change-owner",
                self.change_owner,
            ),
        ]

    def _caller(self, request: Request, kind: _Kind, scope: str) -> Principal:
        principal = self._oauth.rest_principal(request, scope)
        if kind.name == "custom" and principal.tenant != SUPER_TENANT:
            raise forbidden(kind.label, request.path)
        return principal

    def _list(self, kind: _Kind, request: Request) -> Response:
        principal = self._caller(request, kind, kind.view_scope)
        items = self._policies.list(principal.tenant, kind.name)
        if kind.name == "advanced":
            for item in items:
                item.pop("conditionalGroups", None)
        if kind.name != "mediation":
            return Response.json(200, {"count": len(items), "list": items})
        listing = request.paging().listing(
            kind.path, items, _mediation_info, {"query": ""}
        )
        return Response.json(200, listing)

    def _find(self, kind: _Kind, tenant: str, request: Request) -> dict:
        item_id = request.params[kind.param]
        item = self._policies.get(tenant, kind.name, item_id)
        if item is None:
            raise not_found(kind.label, item_id)
        return item

    def _get(self, kind: _Kind, request: Request) -> Response:
        principal = self._caller(request, kind, kind.view_scope)
        return Response.json(200, self._find(kind, principal.tenant, request))

    def _create(self, kind: _Kind, request: Request) -> Response:
        principal = self._caller(request, kind, kind.manage_scope)
        body = check_body(request.json(), _SHAPES[kind.name])
        name = body[name_field(kind.name)]
        if self._policies.named(principal.tenant, kind.name, name) is not None:
            raise conflict(f"A {kind.label} named {name} already exists")
        stored = self._policies.add(principal.tenant, kind.name, body)
        location = request.url(f"{kind.path}/{stored[id_field(kind.name)]}")
        logger.debug("added %s %s", kind.label, name)
        return Response.json(kind.created_status, stored, [("Location", location)])

    def _update(self, kind: _Kind, request: Request) -> Response:
        principal = self._caller(request, kind, kind.manage_scope)
        body = check_body(request.json(), _SHAPES[kind.name])
        current = self._find(kind, principal.tenant, request)
        field = name_field(kind.name)
        if body[field] != current[field]:
            raise bad_request(f"The name of a {kind.label} cannot be changed")
        stored = self._policies.replace(
            principal.tenant, kind.name, current[id_field(kind.name)], body
        )
        logger.debug("updated %s %s", kind.label, stored[field])
        return Response.json(200, stored)

    def _delete(self, kind: _Kind, request: Request) -> Response:
        principal = self._caller(request, kind, kind.manage_scope)
        current = self._find(kind, principal.tenant, request)
        self._policies.delete(principal.tenant, kind.name, current[id_field(kind.name)])
        logger.debug("deleted %s %s", kind.label, current[name_field(kind.name)])
        return Response(200)

    # ----------------------------------------------------------- v0.12 only

    def list_applications(self, request: Request) -> Response:
        principal = self._oauth.rest_principal(request, "apim:app_owner_change")
        owner = request.query.get("user") or None
        apps = self._store.applications_of(principal.tenant, owner)
        listing = request.paging().listing(
            "/applications", apps, _application_info, {"user": owner or ""}
        )
        return Response.json(200, listing)

    def change_owner(self, request: Request) -> Response:
        principal = self._oauth.rest_principal(request, "apim:app_owner_change")
        owner = request.query.get("owner", "").strip()
        if not owner:
            raise bad_request("The owner query parameter is required")
        self._store.change_owner(
            principal.tenant, request.params["applicationId"], owner
        )
        return Response(200)
