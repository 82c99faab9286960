"""The Store REST API v0.11 (plus v0.12's consumer-secret regeneration).

Every operation of the published v0.11 definition is served with in-memory,
per-user state. Authentication follows API Cloud, where the gateway sits in
front of ``/api/am/store``: a bad bearer token gets the gateway's ``fault``
body, while a missing one on a protected resource gets the REST webapp's 401.
Behaviour a middle tier can trip over is kept: ``DefaultApplication`` appears
on a user's first authenticated call, ETags and ``If-Match`` work as WSO2's
ETag interceptor applies them, ``Location`` headers are absolute, list links
are relative, and another user's application is 403 rather than 404.

All handlers run under the stand-in's state lock.
"""

from __future__ import annotations

import io
import json
import logging
import time
import uuid
import zipfile
from dataclasses import dataclass, field

from .catalog import ApiEntry, Catalog, DocEntry
from .oauth import SUBSCRIBE_SCOPE, OAuthServer, Principal
from .policies import PolicyBook
from .settings import ALL_GRANT_TYPES, SUPER_TENANT
from .web import (
    Field,
    Handler,
    Request,
    Response,
    bad_request,
    check_body,
    conflict,
    etag,
    forbidden,
    http_date,
    not_found,
    not_modified,
    require_match,
)

logger = logging.getLogger(__name__)

KEY_TYPES = ("PRODUCTION", "SANDBOX")
SDK_LANGUAGES = ("java", "android")
DEFAULT_GRANT_TYPES = ["client_credentials", "password", "refresh_token"]

_STRINGS = Field("array", items=Field("string"))
_TOKEN = Field(
    "object",
    shape={
        "accessToken": Field("string"),
        "tokenScopes": _STRINGS,
        "validityTime": Field("integer"),
    },
)
_KEY_SHAPE = {
    "consumerKey": Field("string"),
    "consumerSecret": Field("string"),
    "supportedGrantTypes": _STRINGS,
    "callbackUrl": Field("string"),
    "keyState": Field("string"),
    "keyType": Field("string", enum=KEY_TYPES),
    "groupId": Field("string"),
    "token": _TOKEN,
}
_APPLICATION_SHAPE = {
    "applicationId": Field("string"),
    "name": Field("string", required=True),
    "subscriber": Field("string"),
    "throttlingTier": Field("string", required=True),
    "callbackUrl": Field("string"),
    "description": Field("string"),
    "status": Field("string"),
    "groupId": Field("string"),
    "keys": Field("array", items=Field("object", shape=_KEY_SHAPE)),
}
_GENERATE_SHAPE = {
    "keyType": Field("string", required=True, enum=KEY_TYPES),
    "validityTime": Field("string", required=True),
    "supportedGrantTypes": _STRINGS,
    "callbackUrl": Field("string"),
    "accessAllowDomains": Field("array", required=True, items=Field("string")),
    "scopes": _STRINGS,
    "clientId": Field("string"),
    "clientSecret": Field("string"),
}
_REGENERATE_SHAPE = {"consumerKey": Field("string", required=True)}
_SUBSCRIPTION_SHAPE = {
    "subscriptionId": Field("string"),
    "applicationId": Field("string", required=True),
    "apiIdentifier": Field("string", required=True),
    "tier": Field("string", required=True),
    "status": Field(
        "string",
        enum=("BLOCKED", "PROD_ONLY_BLOCKED", "UNBLOCKED", "ON_HOLD", "REJECTED"),
    ),
}


@dataclass
class AppKey:
    key_type: str
    client_id: str
    access_token: str
    state: str = "COMPLETED"


@dataclass
class Application:
    id: str
    name: str
    owner: str
    tenant: str
    tier: str
    description: str = ""
    callback_url: str = ""
    group_id: str = ""
    status: str = "APPROVED"
    keys: dict[str, AppKey] = field(default_factory=dict)
    revision: int = 0
    updated: float = field(default_factory=time.time)

    @property
    def tag(self) -> str:
        return etag(self.id, self.revision)

    def touch(self) -> None:
        self.revision += 1
        self.updated = time.time()


@dataclass
class Subscription:
    id: str
    app_id: str
    api: ApiEntry
    tier: str
    status: str = "UNBLOCKED"
    updated: float = field(default_factory=time.time)

    @property
    def tag(self) -> str:
        return etag(self.id, self.updated)


def _cache_headers(tag: str, updated: float) -> list[tuple[str, str]]:
    return [("ETag", tag), ("Last-Modified", http_date(updated))]


def _cached_json(
    request: Request, tag: str, updated: float, payload: object
) -> Response:
    """``payload`` with its validators, or 304 when the client's copy is current."""
    cached = not_modified(request, tag)
    if cached is not None:
        return cached
    return Response.json(200, payload, _cache_headers(tag, updated))


class StoreApi:
    """Handlers and state of the Store API."""

    def __init__(
        self,
        oauth: OAuthServer,
        catalog: Catalog,
        policies: PolicyBook,
        tenants: tuple[str, ...],
    ) -> None:
        self._oauth = oauth
        self._catalog = catalog
        self._policies = policies
        self._tenants = tenants
        self._apps: dict[str, Application] = {}
        self._subscriptions: dict[str, Subscription] = {}
        self._subscribers: set[tuple[str, str]] = set()

    def routes(self) -> list[tuple[str, str, Handler]]:
        return [
            ("GET", "/apis", self.list_apis),
            ("GET", "/apis/{apiId}", self.get_api),
            ("GET", "/apis/{apiId}/swagger", self.get_swagger),
            ("POST", "/apis/generate-sdk", self.generate_sdk),
            ("GET", "/apis/{apiId}/documents", self.list_documents),
            ("GET", "/apis/{apiId}/documents/{documentId}", self.get_document),
            (
                "GET",
                "/apis/{apiId}/documents/{documentId}/content",
                self.get_document_content,
            ),
            ("GET", "/apis/{apiId}/thumbnail", self.get_thumbnail),
            ("GET", "/applications", self.list_applications),
            ("POST", "/applications", self.create_application),
            ("GET", "/applications/{applicationId}", self.get_application),
            ("PUT", "/applications/{applicationId}", self.update_application),
            ("DELETE", "/applications/{applicationId}", self.delete_application),
            ("POST", "/applications/generate-keys", self.generate_keys),
            (
                "POST",
                "/applications/regenerate-consumersecret",
                self.regenerate_secret,
            ),
            ("GET", "/applications/{applicationId}/keys/{keyType}", self.get_keys),
            ("PUT", "/applications/{applicationId}/keys/{keyType}", self.update_keys),
            ("GET", "/applications/scopes/{applicationId}", self.application_scopes),
            ("GET", "/subscriptions", self.list_subscriptions),
            ("POST", "/subscriptions", self.create_subscription),
            ("POST", "/subscriptions/multiple", self.create_subscriptions),
            ("GET", "/subscriptions/{subscriptionId}", self.get_subscription),
            ("DELETE", "/subscriptions/{subscriptionId}", self.delete_subscription),
            ("GET", "/tiers/{tierLevel}", self.list_tiers),
            ("GET", "/tiers/{tierLevel}/{tierName}", self.get_tier),
            ("GET", "/tags", self.list_tags),
        ]

    # ------------------------------------------------------------ callers

    def _viewer(self, request: Request) -> tuple[Principal | None, str]:
        """Anonymous-capable calls: the token's tenant wins over the header."""
        principal = self._oauth.gateway_viewer(request)
        if principal is not None:
            return principal, principal.tenant
        header = request.header("X-WSO2-Tenant")
        tenant = header or SUPER_TENANT
        if tenant not in self._tenants:
            raise bad_request(f"Provided tenant domain '{header}' is invalid")
        return None, tenant

    def _subscriber(self, request: Request) -> Principal:
        """Protected calls; the first one of a user creates DefaultApplication."""
        principal = self._oauth.gateway_principal(request, SUBSCRIBE_SCOPE)
        key = (principal.tenant, principal.username)
        if key not in self._subscribers:
            self._subscribers.add(key)
            app = Application(
                str(uuid.uuid4()),
                "DefaultApplication",
                principal.username,
                principal.tenant,
                "Unlimited",
                description="This is the default application",
            )
            self._apps[app.id] = app
            logger.debug("created DefaultApplication for a new subscriber")
        return principal

    # --------------------------------------------------------------- APIs

    def _api(self, request: Request) -> tuple[ApiEntry, Principal | None]:
        principal, tenant = self._viewer(request)
        api_id = request.params["apiId"]
        api = self._catalog.find(tenant, api_id, principal)
        if api is None:
            raise not_found("API", api_id)
        return api, principal

    def list_apis(self, request: Request) -> Response:
        principal, tenant = self._viewer(request)
        paging = request.paging()
        query = request.query.get("query", "")
        apis = self._catalog.search(tenant, principal, query)
        listing = paging.listing("/apis", apis, _api_info, {"query": query})
        listing["pagination"] = {
            "offset": paging.offset,
            "limit": paging.limit,
            "total": len(apis),
        }
        return Response.json(200, listing)

    def get_api(self, request: Request) -> Response:
        api, _ = self._api(request)
        tag = etag(api.id, api.updated)
        return _cached_json(request, tag, api.updated, _api_dto(api))

    def get_swagger(self, request: Request) -> Response:
        api, _ = self._api(request)
        tag = etag(api.id, api.updated, "swagger")
        return _cached_json(request, tag, api.updated, api.swagger)

    def get_thumbnail(self, request: Request) -> Response:
        api, _ = self._api(request)
        if api.thumbnail is None:
            return Response(204)
        tag = etag(api.id, api.updated, "thumbnail")
        cached = not_modified(request, tag)
        if cached is not None:
            return cached
        headers = [("Content-Type", "image/png"), *_cache_headers(tag, api.updated)]
        return Response(200, api.thumbnail, headers)

    def generate_sdk(self, request: Request) -> Response:
        principal = self._subscriber(request)
        api_id = request.query.get("apiId", "")
        language = request.query.get("language", "")
        if not api_id.strip() or not language.strip():
            raise bad_request("API ID or SDK language should not be empty or null.")
        api = self._catalog.find(principal.tenant, api_id, principal)
        if api is None:
            raise not_found("API", api_id)
        if language not in SDK_LANGUAGES:
            raise bad_request(
                f"SDK generation is not supported for language : {language}"
            )
        name = f"{api.name}_{api.version}_{language}.zip"
        headers = [
            ("Content-Type", "application/zip"),
            ("Content-Disposition", f'attachment; filename="{name}"'),
        ]
        return Response(200, _sdk_archive(api, language), headers)

    # ---------------------------------------------------------- documents

    def _document(self, request: Request) -> DocEntry:
        api, _ = self._api(request)
        document = api.document(request.params["documentId"])
        if document is None:
            raise not_found("document", request.params["documentId"])
        return document

    def list_documents(self, request: Request) -> Response:
        api, _ = self._api(request)
        listing = request.paging().listing(
            f"/apis/{api.id}/documents", api.documents, DocEntry.dto
        )
        return Response.json(200, listing)

    def get_document(self, request: Request) -> Response:
        document = self._document(request)
        tag = etag(document.id, document.updated)
        return _cached_json(request, tag, document.updated, document.dto())

    def get_document_content(self, request: Request) -> Response:
        """Inline text, a file download, or 303 to the document's URL."""
        document = self._document(request)
        if document.source_type == "URL":
            return Response(303, headers=[("Location", document.source_url)])
        tag = etag(document.id, document.updated, "content")
        cached = not_modified(request, tag)
        if cached is not None:
            return cached
        headers = _cache_headers(tag, document.updated)
        if document.source_type == "FILE":
            headers += [
                ("Content-Type", document.file_type),
                (
                    "Content-Disposition",
                    f'attachment; filename="{document.file_name}"',
                ),
            ]
            return Response(200, document.file_data, headers)
        headers.append(("Content-Type", "text/plain"))
        return Response(200, document.inline.encode("utf-8"), headers)

    # ------------------------------------------------------- applications

    def _application(self, principal: Principal, app_id: str) -> Application:
        app = self._apps.get(app_id)
        if app is None or app.tenant != principal.tenant:
            raise not_found("application", app_id)
        if app.owner != principal.username:
            raise forbidden("application", app_id)
        return app

    def _check_tier(self, tenant: str, tier: str) -> None:
        if tier not in self._policies.tier_names(tenant, "application"):
            raise bad_request(f"Specified tier {tier} is invalid")

    def _check_unique(self, principal: Principal, name: str, app_id: str) -> None:
        for app in self._apps.values():
            if (
                app.id != app_id
                and app.tenant == principal.tenant
                and app.owner == principal.username
                and app.name.lower() == name.lower()
            ):
                raise conflict(
                    f"A duplicate application already exists by the name - {name}"
                )

    def _application_dto(self, app: Application) -> dict[str, object]:
        payload = _application_info(app)
        if app.callback_url:
            payload["callbackUrl"] = app.callback_url
        payload["keys"] = [self._key_dto(app, key) for key in app.keys.values()]
        return payload

    def list_applications(self, request: Request) -> Response:
        principal = self._subscriber(request)
        paging = request.paging()
        name = request.query.get("query", "")
        apps = [
            app
            for app in self._apps.values()
            if app.tenant == principal.tenant
            and app.owner == principal.username
            and (not name or app.name == name)
        ]
        extra = {"groupId": request.query.get("groupId", "")}
        if name:
            extra["query"] = name
        listing = paging.listing("/applications", apps, _application_info, extra)
        return Response.json(200, listing)

    def create_application(self, request: Request) -> Response:
        principal = self._subscriber(request)
        body = check_body(request.json(), _APPLICATION_SHAPE)
        name = body["name"].strip()
        if not name:
            raise bad_request("Application name cannot be empty")
        self._check_tier(principal.tenant, body["throttlingTier"])
        self._check_unique(principal, name, "")
        app = Application(
            str(uuid.uuid4()),
            name,
            principal.username,
            principal.tenant,
            body["throttlingTier"],
            description=body.get("description", ""),
            callback_url=body.get("callbackUrl", ""),
            group_id=body.get("groupId", ""),
        )
        self._apps[app.id] = app
        logger.debug("created application %s", app.id)
        headers = [
            ("Location", request.url(f"/applications/{app.id}")),
            ("ETag", app.tag),
        ]
        return Response.json(201, self._application_dto(app), headers)

    def get_application(self, request: Request) -> Response:
        principal = self._subscriber(request)
        app = self._application(principal, request.params["applicationId"])
        return _cached_json(request, app.tag, app.updated, self._application_dto(app))

    def update_application(self, request: Request) -> Response:
        principal = self._subscriber(request)
        body = check_body(request.json(), _APPLICATION_SHAPE)
        app = self._application(principal, request.params["applicationId"])
        require_match(request, app.tag)
        name = body["name"].strip()
        if not name:
            raise bad_request("Application name cannot be empty")
        self._check_tier(principal.tenant, body["throttlingTier"])
        self._check_unique(principal, name, app.id)
        app.name = name
        app.tier = body["throttlingTier"]
        app.description = body.get("description", "")
        app.callback_url = body.get("callbackUrl", "")
        app.group_id = body.get("groupId", "")
        app.touch()
        headers = _cache_headers(app.tag, app.updated)
        return Response.json(200, self._application_dto(app), headers)

    def delete_application(self, request: Request) -> Response:
        principal = self._subscriber(request)
        app = self._application(principal, request.params["applicationId"])
        require_match(request, app.tag)
        self._remove_application(app.id)
        logger.debug("deleted application %s", app.id)
        return Response(200)

    def _remove_application(self, app_id: str) -> None:
        """Drop an application with its subscriptions, keys and their tokens."""
        app = self._apps.pop(app_id)
        for key in app.keys.values():
            self._oauth.remove_client(key.client_id)
        for sub_id in [
            s.id for s in self._subscriptions.values() if s.app_id == app_id
        ]:
            del self._subscriptions[sub_id]

    # --------------------------------------------------------------- keys

    def _key_dto(self, app: Application, key: AppKey) -> dict[str, object]:
        client = self._oauth.client(key.client_id)
        payload: dict[str, object] = {
            "consumerKey": client.client_id,
            "consumerSecret": client.client_secret,
            "supportedGrantTypes": sorted(client.grant_types),
            "callbackUrl": client.callback_url,
            "keyState": key.state,
            "keyType": key.key_type,
            "groupId": app.group_id,
        }
        grant = self._oauth.live_grant(key.access_token)
        if grant is not None:
            payload["token"] = {
                "accessToken": grant.access_token,
                "tokenScopes": list(grant.scopes),
                "validityTime": grant.remaining(time.time()),
            }
        return payload

    def _key_type(self, request: Request) -> str:
        key_type = request.params["keyType"]
        if key_type not in KEY_TYPES:
            raise bad_request(f"Invalid key type '{key_type}'")
        return key_type

    def generate_keys(self, request: Request) -> Response:
        principal = self._subscriber(request)
        body = check_body(request.json(), _GENERATE_SHAPE)
        app_id = request.query.get("applicationId", "")
        if not app_id:
            raise bad_request("Application Id should not be empty or null.")
        app = self._application(principal, app_id)
        key_type = body["keyType"]
        if key_type in app.keys:
            raise conflict(
                f"Keys already generated for the application {app.name} for {key_type}"
            )
        try:
            validity = int(body["validityTime"])
        except ValueError:
            raise bad_request("Invalid validity time") from None
        grants = body.get("supportedGrantTypes") or DEFAULT_GRANT_TYPES
        unknown = set(grants) - ALL_GRANT_TYPES
        if unknown:
            raise bad_request(f"Unsupported grant types: {', '.join(sorted(unknown))}")
        client = self._oauth.create_client(
            app.owner, grants, body.get("callbackUrl", "")
        )
        token = self._oauth.application_token(
            client.client_id, body.get("scopes", []), validity if validity > 0 else None
        )
        key = AppKey(key_type, client.client_id, token.access_token)
        app.keys[key_type] = key
        app.touch()
        logger.debug("generated %s keys for application %s", key_type, app.id)
        return Response.json(200, self._key_dto(app, key))

    def get_keys(self, request: Request) -> Response:
        principal = self._subscriber(request)
        key_type = self._key_type(request)
        app = self._application(principal, request.params["applicationId"])
        if key_type not in app.keys:
            raise not_found("application key", key_type)
        return Response.json(200, self._key_dto(app, app.keys[key_type]))

    def update_keys(self, request: Request) -> Response:
        principal = self._subscriber(request)
        key_type = self._key_type(request)
        body = check_body(request.json(), _KEY_SHAPE)
        app = self._application(principal, request.params["applicationId"])
        if key_type not in app.keys:
            raise not_found("application key", key_type)
        grants = body.get("supportedGrantTypes")
        if grants is not None and set(grants) - ALL_GRANT_TYPES:
            raise bad_request("Unsupported grant types")
        key = app.keys[key_type]
        self._oauth.update_client(key.client_id, grants, body.get("callbackUrl"))
        app.touch()
        return Response.json(200, self._key_dto(app, key))

    def regenerate_secret(self, request: Request) -> Response:
        principal = self._subscriber(request)
        body = check_body(request.json(), _REGENERATE_SHAPE)
        for app in self._apps.values():
            if app.owner != principal.username or app.tenant != principal.tenant:
                continue
            for key in app.keys.values():
                if key.client_id == body["consumerKey"]:
                    client = self._oauth.regenerate_secret(key.client_id)
                    app.touch()
                    return Response.json(
                        200,
                        {
                            "consumerKey": client.client_id,
                            "consumerSecret": client.client_secret,
                        },
                    )
        raise not_found("consumer key", body["consumerKey"])

    def application_scopes(self, request: Request) -> Response:
        """Scopes of the APIs an application subscribes to."""
        principal = self._subscriber(request)
        app = self._application(principal, request.params["applicationId"])
        only_mine = request.query.get("filterByUserRoles", "").lower() == "true"
        scopes: dict[str, dict[str, str]] = {}
        for sub in self._subscriptions.values():
            if sub.app_id != app.id:
                continue
            for scope in sub.api.scopes:
                roles = {role.strip() for role in scope.get("roles", "").split(",")}
                if only_mine and not roles & principal.roles:
                    continue
                scopes.setdefault(scope["key"], dict(scope))
        return Response.json(200, {"list": list(scopes.values())})

    # ------------------------------------------------------ subscriptions

    def _subscription(self, principal: Principal, sub_id: str) -> Subscription:
        sub = self._subscriptions.get(sub_id)
        if sub is None or self._apps[sub.app_id].tenant != principal.tenant:
            raise not_found("subscription", sub_id)
        if self._apps[sub.app_id].owner != principal.username:
            raise forbidden("subscription", sub_id)
        return sub

    def _new_subscription(
        self, principal: Principal, body: dict, pending: list[Subscription]
    ) -> Subscription:
        app = self._application(principal, body["applicationId"])
        api = self._catalog.find(principal.tenant, body["apiIdentifier"], principal)
        if api is None:
            raise not_found("API", body["apiIdentifier"])
        tier = body["tier"]
        if tier not in api.tiers or tier not in self._policies.tier_names(
            principal.tenant, "api"
        ):
            raise bad_request(f"Tier {tier} is not allowed for API {api.identifier}")
        for sub in [*self._subscriptions.values(), *pending]:
            if sub.app_id == app.id and sub.api.id == api.id:
                raise conflict(
                    f"Specified subscription already exists for API "
                    f"{api.identifier}, for application {app.name}"
                )
        return Subscription(str(uuid.uuid4()), app.id, api, tier)

    def _store_subscription(self, sub: Subscription) -> None:
        self._subscriptions[sub.id] = sub
        self._apps[sub.app_id].touch()
        logger.debug("subscribed application %s to %s", sub.app_id, sub.api.identifier)

    def list_subscriptions(self, request: Request) -> Response:
        principal = self._subscriber(request)
        api_id = request.query.get("apiId", "")
        app_id = request.query.get("applicationId", "")
        if not api_id and not app_id:
            raise bad_request("Either applicationId or apiId should be available")
        subs = [
            sub
            for sub in self._subscriptions.values()
            if self._apps[sub.app_id].tenant == principal.tenant
            and self._apps[sub.app_id].owner == principal.username
        ]
        extra = {}
        if app_id:
            self._application(principal, app_id)
            subs = [sub for sub in subs if sub.app_id == app_id]
            extra["applicationId"] = app_id
        if api_id:
            api = self._catalog.find(principal.tenant, api_id, principal)
            if api is None:
                raise not_found("API", api_id)
            subs = [sub for sub in subs if sub.api.id == api.id]
            extra["apiId"] = api_id
        extra["groupId"] = request.query.get("groupId", "")
        listing = request.paging().listing(
            "/subscriptions", subs, _subscription_dto, extra
        )
        return Response.json(200, listing)

    def create_subscription(self, request: Request) -> Response:
        principal = self._subscriber(request)
        body = check_body(request.json(), _SUBSCRIPTION_SHAPE)
        sub = self._new_subscription(principal, body, [])
        self._store_subscription(sub)
        headers = [
            ("Location", request.url(f"/subscriptions/{sub.id}")),
            ("ETag", sub.tag),
        ]
        return Response.json(201, _subscription_dto(sub), headers)

    def create_subscriptions(self, request: Request) -> Response:
        """All or nothing: every item is checked before any is stored."""
        principal = self._subscriber(request)
        items = request.json()
        if not isinstance(items, list):
            raise bad_request("Malformed request body.")
        pending: list[Subscription] = []
        for item in items:
            body = check_body(item, _SUBSCRIPTION_SHAPE)
            pending.append(self._new_subscription(principal, body, pending))
        for sub in pending:
            self._store_subscription(sub)
        return Response.json(200, [_subscription_dto(sub) for sub in pending])

    def get_subscription(self, request: Request) -> Response:
        principal = self._subscriber(request)
        sub = self._subscription(principal, request.params["subscriptionId"])
        return _cached_json(request, sub.tag, sub.updated, _subscription_dto(sub))

    def delete_subscription(self, request: Request) -> Response:
        principal = self._subscriber(request)
        sub = self._subscription(principal, request.params["subscriptionId"])
        require_match(request, sub.tag)
        del self._subscriptions[sub.id]
        self._apps[sub.app_id].touch()
        logger.debug("removed subscription %s", sub.id)
        return Response(200)

    # ------------------------------------------------------ tiers and tags

    def _tier_level(self, request: Request) -> str:
        level = request.params["tierLevel"]
        if level not in ("api", "application"):
            raise bad_request(
                f"tierLevel should be one of api, application but was '{level}'"
            )
        return level

    def list_tiers(self, request: Request) -> Response:
        _, tenant = self._viewer(request)
        level = self._tier_level(request)
        tiers = self._policies.tiers(tenant, level)
        return Response.json(200, request.paging().listing(f"/tiers/{level}", tiers))

    def get_tier(self, request: Request) -> Response:
        _, tenant = self._viewer(request)
        level = self._tier_level(request)
        name = request.params["tierName"]
        tier = next(
            (t for t in self._policies.tiers(tenant, level) if t["name"] == name),
            None,
        )
        if tier is None:
            raise not_found("tier", name)
        return Response.json(200, tier)

    def list_tags(self, request: Request) -> Response:
        principal, tenant = self._viewer(request)
        tags = self._catalog.tags(tenant, principal)
        listing = request.paging().listing("/tags", tags, _tag_info)
        return Response.json(200, listing)

    # ------------------------------------- for the Admin API and reporting

    def snapshot(self) -> dict[str, int]:
        return {
            "applications": len(self._apps),
            "subscriptions": len(self._subscriptions),
        }

    def applications_of(self, tenant: str, owner: str | None) -> list[Application]:
        return [
            app
            for app in self._apps.values()
            if app.tenant == tenant and (owner is None or app.owner == owner)
        ]

    def change_owner(self, tenant: str, app_id: str, owner: str) -> None:
        app = self._apps.get(app_id)
        if app is None or app.tenant != tenant:
            raise not_found("application", app_id)
        user = self._oauth.users.get(owner)
        if user is None or user.tenant != tenant:
            raise bad_request(f"User {owner} does not exist in tenant {tenant}")
        taken = any(
            other.owner == owner and other.name.lower() == app.name.lower()
            for other in self._apps.values()
            if other.id != app.id
        )
        if taken:
            raise conflict(f"{owner} already has an application named {app.name}")
        app.owner = owner
        for key in app.keys.values():
            self._oauth.client(key.client_id).owner = owner
        app.touch()
        logger.debug("moved application %s to a new owner", app.id)


def _api_info(api: ApiEntry) -> dict[str, object]:
    payload: dict[str, object] = {
        "id": api.id,
        "name": api.name,
        "description": api.description,
        "context": api.context,
        "version": api.version,
        "provider": api.provider,
        "status": api.status,
    }
    if api.thumbnail is not None:
        payload["thumbnailUri"] = f"/apis/{api.id}/thumbnail"
    return payload


def _api_dto(api: ApiEntry) -> dict[str, object]:
    payload: dict[str, object] = {
        "id": api.id,
        "name": api.name,
        "description": api.description,
        "context": api.context,
        "version": api.version,
        "provider": api.provider,
        "apiDefinition": json.dumps(api.swagger),
        "status": api.status,
        "isDefaultVersion": api.is_default_version,
        "transport": ["http", "https"],
        "tags": list(api.tags),
        "tiers": list(api.tiers),
        "endpointURLs": [
            {
                "environmentName": "Production and Sandbox",
                "environmentType": "hybrid",
                "environmentURLs": dict(api.gateway_urls),
            }
        ],
        "businessInformation": dict(api.business),
        "environmentList": ["PRODUCTION", "SANDBOX"],
    }
    if api.thumbnail is not None:
        payload["thumbnailUrl"] = f"/apis/{api.id}/thumbnail"
    return payload


def _application_info(app: Application) -> dict[str, object]:
    payload: dict[str, object] = {
        "applicationId": app.id,
        "name": app.name,
        "subscriber": app.owner,
        "throttlingTier": app.tier,
        "status": app.status,
        "groupId": app.group_id,
    }
    if app.description:
        payload["description"] = app.description
    return payload


def _tag_info(tag: tuple[str, int]) -> dict[str, object]:
    name, weight = tag
    return {"name": name, "weight": weight}


def _subscription_dto(sub: Subscription) -> dict[str, object]:
    return {
        "subscriptionId": sub.id,
        "applicationId": sub.app_id,
        "apiIdentifier": sub.api.identifier,
        "tier": sub.tier,
        "status": sub.status,
    }


def _sdk_archive(api: ApiEntry, language: str) -> bytes:
    """A small but real client SDK: README, the Swagger file and a stub class."""
    root = f"{api.name}_{api.version}_{language}"
    package = "org.wso2.client.api" if language == "java" else "org.wso2.android.api"
    source = (
        f"package {package};\n\n"
        f"/** Client for {api.name} {api.version} at {api.context}. */\n"
        f"public class {api.name}Api {{\n"
        f'    public static final String CONTEXT = "{api.context}";\n'
        "}\n"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            f"{root}/README.md",
            f"# {api.name} {api.version} ({language})\n\n{api.description}\n",
        )
        archive.writestr(f"{root}/swagger.json", json.dumps(api.swagger, indent=2))
        archive.writestr(
            f"{root}/src/main/java/{package.replace('.', '/')}/{api.name}Api.java",
            source,
        )
    return buffer.getvalue()
