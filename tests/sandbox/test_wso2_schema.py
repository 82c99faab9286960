"""The stand-in's answers, validated against WSO2's published definitions.

The definitions in ``../shared/wso2`` are Swagger 2.0. They are read, not
copied: each file is first checked with openapi-spec-validator, then a
scripted session drives every operation of the Store and Admin v0.11
definitions (and the v0.12 additions the stand-in serves) through success and
declared error paths. Each JSON body is validated with openapi-schema-
validator's ``OAS30Validator`` against the operation's declared response
schema, ``#/definitions/...`` references being resolved through a
``referencing`` registry holding the whole definition.

Two readings are checked:

* as published, with Swagger 2.0's rule that ``$ref`` siblings are ignored;
* strict: ``allOf`` merged, Swagger discriminators turned into ``oneOf`` of
  the subtypes, and ``additionalProperties: false`` on every object, so the
  stand-in may not send fields that WSO2's generated DTOs would not have.

Every answered status must be one the operation declares. Where WSO2's
implementation contradicts its own definition, the contradiction is listed
in ``KNOWN_DEFECTS`` and asserted to still be present in the file.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from openapi_spec_validator import OpenAPIV2SpecValidator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from sandbox.wso2 import Settings, StandIn
from tests.sandbox.wso2_testkit import SPEC_DIR, SPEC_MISSING, Wso2Client

pytestmark = pytest.mark.skipif(SPEC_DIR is None, reason=SPEC_MISSING)

STORE = "store-api-v0.11.yaml"
ADMIN = "admin-api-v0.11.yaml"
STORE_V012 = "store-api-v0.12.yaml"
ADMIN_V012 = "admin-api-v0.12.yaml"
BASES = {
    STORE: "/api/am/store/v0.11",
    ADMIN: "/api/am/admin/v0.11",
    STORE_V012: "/api/am/store/v0.12",
    ADMIN_V012: "/api/am/admin/v0.12",
}
# Only these v0.12 operations are served beyond v0.11's.
V012_EXTRAS = {
    STORE_V012: {("post", "/applications/regenerate-consumersecret")},
    ADMIN_V012: {
        ("get", "/applications"),
        ("post", "/applications/{applicationId}/change-owner"),
    },
}
# (file, method, path, status): how WSO2's real answer differs from the file.
KNOWN_DEFECTS = {
    (STORE, "get", "/tiers/{tierLevel}", "200"): "items",
    (STORE, "post", "/subscriptions/multiple", "200"): "array",
}
METHODS = ("get", "put", "post", "delete", "patch")


@functools.cache
def load(name: str) -> dict[str, Any]:
    """A definition as JSON data (YAML's integer status keys become strings).

    Cached and shared, so callers must not modify the result.
    """
    assert SPEC_DIR is not None
    text = (SPEC_DIR / name).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return json.loads(json.dumps(yaml.load(text, Loader=loader)))


def pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def operations(name: str) -> list[tuple[str, str]]:
    if SPEC_DIR is None:
        return []
    paths = load(name)["paths"]
    found = [(m, p) for p, item in paths.items() for m in METHODS if m in item]
    if name in V012_EXTRAS:
        found = [op for op in found if op in V012_EXTRAS[name]]
    return found


# --------------------------------------------------------- schema readings


def ignore_ref_siblings(node: Any) -> Any:
    """Swagger 2.0 / JSON Reference: an object with ``$ref`` is only the ref."""
    if isinstance(node, dict):
        if "$ref" in node:
            return {"$ref": node["$ref"]}
        return {key: ignore_ref_siblings(value) for key, value in node.items()}
    if isinstance(node, list):
        return [ignore_ref_siblings(value) for value in node]
    return node


def _flatten(schema: dict, definitions: dict) -> dict:
    """Merge ``allOf`` members (and their bases) into one object schema."""
    merged = {
        key: copy.deepcopy(value)
        for key, value in schema.items()
        if key not in ("allOf", "discriminator", "x-wso2-subtypes")
    }
    if "allOf" not in schema:
        return merged
    properties: dict[str, Any] = {}
    required = list(schema.get("required", []))
    for part in schema["allOf"]:
        if "$ref" in part:
            part = definitions[part["$ref"].rsplit("/", 1)[1]]
        part = _flatten(part, definitions)
        properties.update(part.get("properties", {}))
        required += part.get("required", [])
    merged["properties"] = {**properties, **merged.get("properties", {})}
    merged["required"] = sorted(set(required))
    return merged


def _close(node: Any) -> Any:
    """Forbid undeclared properties on every object schema, recursively."""
    if isinstance(node, list):
        return [_close(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = dict(node)
    if "properties" in result:
        result["properties"] = {k: _close(v) for k, v in result["properties"].items()}
        result.setdefault("additionalProperties", False)
    for key in ("items", "oneOf", "anyOf", "allOf"):
        if key in result:
            result[key] = _close(result[key])
    if isinstance(result.get("additionalProperties"), dict):
        result["additionalProperties"] = _close(result["additionalProperties"])
    return result


def strict(spec: dict) -> dict:
    definitions = spec["definitions"]
    flat = {name: _flatten(schema, definitions) for name, schema in definitions.items()}
    for base, schema in definitions.items():
        if "discriminator" not in schema:
            continue
        field = schema["discriminator"]
        subtypes = [
            name
            for name, candidate in definitions.items()
            if {"$ref": f"#/definitions/{base}"} in candidate.get("allOf", [])
        ]
        flat[base] = {"oneOf": [{"$ref": f"#/definitions/{s}"} for s in subtypes]}
        for name in subtypes:
            flat[name]["properties"][field] = {"type": "string", "enum": [name]}
    result = copy.deepcopy(spec)
    result["definitions"] = {name: _close(schema) for name, schema in flat.items()}
    for item in result["paths"].values():
        for method in METHODS:
            for response in item.get(method, {}).get("responses", {}).values():
                if "schema" in response:
                    response["schema"] = _close(response["schema"])
    return result


@dataclass
class Exchange:
    spec: str
    method: str
    path: str
    response: requests.Response


class Checker:
    """Validates recorded answers against one published definition."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.spec = load(name)
        published = ignore_ref_siblings(self.spec)
        self.uris = {
            "published": f"urn:wso2:{name}",
            "strict": f"urn:wso2:{name}:strict",
        }
        self.registry = Registry().with_resources(
            [
                (self.uris["published"], DRAFT4.create_resource(published)),
                (self.uris["strict"], DRAFT4.create_resource(strict(published))),
            ]
        )

    def validator(self, reading: str, schema_pointer: str, shape: str | None):
        ref = {"$ref": f"{self.uris[reading]}#/{schema_pointer}"}
        schema = {"type": "array", "items": ref} if shape == "array" else ref
        return OAS30Validator(
            schema, registry=self.registry, format_checker=oas30_format_checker
        )

    def problems(self, exchange: Exchange) -> list[str]:
        status = str(exchange.response.status_code)
        responses = self.spec["paths"][exchange.path][exchange.method]["responses"]
        if status not in responses:
            return [f"status {status} is not declared"]
        if status == "304":
            return [] if exchange.response.content == b"" else ["304 with a body"]
        if "schema" not in responses[status]:
            return []
        try:
            body = exchange.response.json()
        except ValueError:
            return [f"status {status} should carry JSON"]
        parts = ["paths", exchange.path, exchange.method, "responses", status, "schema"]
        shape = KNOWN_DEFECTS.get((self.name, exchange.method, exchange.path, status))
        if shape == "items":
            parts.append("items")
        found = []
        for reading in ("published", "strict"):
            validator = self.validator(reading, pointer(*parts), shape)
            found += [
                f"{reading}: {error.message} at {list(error.absolute_path)}"
                for error in validator.iter_errors(body)
            ]
        return found


# ----------------------------------------------------------- the session


class Recorder:
    """Calls the stand-in by spec path template and keeps every answer."""

    def __init__(self, client: Wso2Client) -> None:
        self.client = client
        self.exchanges: list[Exchange] = []

    def __call__(
        self,
        spec: str,
        method: str,
        template: str,
        token: str | None = None,
        path: dict[str, str] | None = None,
        query: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        url = BASES[spec] + template.format(**(path or {}))
        response = self.client.call(method, url, token, params=query, **kwargs)
        self.exchanges.append(Exchange(spec, method.lower(), template, response))
        return response


def drive_catalogue(call: Recorder, token: str) -> str:
    """Browse APIs, documents, thumbnails and the SDK; returns an API id."""
    s = STORE
    listing = call(s, "GET", "/apis").json()
    call(s, "GET", "/apis", query={"query": "tag:pizza", "limit": "1"})
    api_id = next(a["id"] for a in listing["list"] if a["name"] == "PizzaShackAPI")
    api, missing = {"apiId": api_id}, {"apiId": "no-such-api"}
    for template in (
        "/apis/{apiId}",
        "/apis/{apiId}/swagger",
        "/apis/{apiId}/thumbnail",
    ):
        tag = call(s, "GET", template, path=api).headers["ETag"]
        call(s, "GET", template, path=api, headers={"If-None-Match": tag})
        call(s, "GET", template, path=missing)
    for query in (
        {"apiId": api_id, "language": "android"},
        {"apiId": api_id, "language": "cobol"},
        {"apiId": "no-such-api", "language": "java"},
    ):
        call(s, "POST", "/apis/generate-sdk/", token, query=query)

    documents = call(s, "GET", "/apis/{apiId}/documents", path=api).json()["list"]
    call(s, "GET", "/apis/{apiId}/documents", path=missing)
    metadata = "/apis/{apiId}/documents/{documentId}"
    content = metadata + "/content"
    for document in documents:
        doc = {**api, "documentId": document["documentId"]}
        tag = call(s, "GET", metadata, path=doc).headers["ETag"]
        call(s, "GET", metadata, path=doc, headers={"If-None-Match": tag})
        body = call(s, "GET", content, path=doc, allow_redirects=False)
        if body.status_code == 200:
            tag = body.headers["ETag"]
            call(s, "GET", content, path=doc, headers={"If-None-Match": tag})
    gone = {**api, "documentId": "no-such-document"}
    call(s, "GET", metadata, path=gone)
    call(s, "GET", content, path=gone)

    for level in ("api", "application"):
        tiers = call(s, "GET", "/tiers/{tierLevel}", path={"tierLevel": level})
        name = tiers.json()["list"][0]["name"]
        call(
            s,
            "GET",
            "/tiers/{tierLevel}/{tierName}",
            path={"tierLevel": level, "tierName": name},
        )
    call(
        s,
        "GET",
        "/tiers/{tierLevel}/{tierName}",
        path={"tierLevel": "api", "tierName": "Platinum"},
    )
    call(s, "GET", "/tags")
    return api_id


def drive_applications(call: Recorder, client: Wso2Client, token: str) -> dict:
    """Application CRUD and keys; returns the application's path parameters."""
    s = STORE
    apps = "/applications"
    good = {"name": "Schema", "throttlingTier": "Unlimited", "callbackUrl": "https://x"}
    app = call(s, "POST", apps, token, json=good).json()
    call(s, "POST", apps, token, json=good)
    call(s, "POST", apps, token, json={"name": "NoTier"})
    call(s, "POST", apps, token, data={"name": "form"})
    call(s, "GET", apps, token)
    call(s, "GET", apps, token, query={"limit": "lots"})

    one = {"applicationId": app["applicationId"]}
    nobody = {"applicationId": "no-such-application"}
    item = "/applications/{applicationId}"
    tag = call(s, "GET", item, token, path=one).headers["ETag"]
    call(s, "GET", item, token, path=one, headers={"If-None-Match": tag})
    call(s, "GET", item, token, path=nobody)
    update = {"name": "Schema", "throttlingTier": "10PerMin", "description": "new"}
    call(s, "PUT", item, token, path=one, json=update, headers={"If-Match": '"old"'})
    call(s, "PUT", item, token, path=nobody, json=update)
    call(s, "PUT", item, token, path=one, json={"name": "Schema", "extra": 1})
    call(s, "PUT", item, token, path=one, json=update, headers={"If-Match": tag})

    generate = "/applications/generate-keys"
    keys = {"keyType": "PRODUCTION", "validityTime": "3600", "accessAllowDomains": []}
    call(s, "POST", generate, token, query=one, json=keys)
    call(s, "POST", generate, token, query=one, json={"keyType": "SANDBOX"})
    call(s, "POST", generate, token, query=nobody, json=keys)
    key_path = "/applications/{applicationId}/keys/{keyType}"
    production = {**one, "keyType": "PRODUCTION"}
    key = call(s, "GET", key_path, token, path=production).json()
    call(s, "GET", key_path, token, path={**one, "keyType": "SANDBOX"})
    call(s, "PUT", key_path, token, path=production, json={"callbackUrl": "https://y"})
    call(s, "PUT", key_path, token, path=production, json={"keyType": "TEST"})
    call(s, "PUT", key_path, token, path={**nobody, "keyType": "SANDBOX"}, json={})

    regenerate = "/applications/regenerate-consumersecret"
    call(
        STORE_V012, "POST", regenerate, token, json={"consumerKey": key["consumerKey"]}
    )
    call(STORE_V012, "POST", regenerate, token, json={"consumerKey": "unknown"})
    call(STORE_V012, "POST", regenerate, token, json={})
    return one


def drive_subscriptions(call: Recorder, token: str, app: dict, api_id: str) -> None:
    s = STORE
    body = {**app, "apiIdentifier": api_id, "tier": "Gold"}
    created = call(s, "POST", "/subscriptions", token, json=body).json()
    call(s, "POST", "/subscriptions", token, json={**body, "tier": "Iron"})
    more = [
        {**body, "apiIdentifier": "admin-CalculatorAPI-1.0.0", "tier": "Bronze"},
        {**body, "apiIdentifier": "admin-PhoneVerification-2.0.0"},
    ]
    call(s, "POST", "/subscriptions/multiple", token, json=more)
    call(s, "POST", "/subscriptions/multiple", token, json=[{"tier": "Gold"}])
    call(s, "GET", "/subscriptions", token, query=app)
    call(s, "GET", "/subscriptions", token, query={"apiId": api_id, "limit": "1"})
    scopes = "/applications/scopes/{applicationId}"
    call(s, "GET", scopes, token, path=app)
    call(s, "GET", scopes, token, path={"applicationId": "no-such-application"})

    sub = {"subscriptionId": created["subscriptionId"]}
    nothing = {"subscriptionId": "no-such-subscription"}
    item = "/subscriptions/{subscriptionId}"
    tag = call(s, "GET", item, token, path=sub).headers["ETag"]
    call(s, "GET", item, token, path=sub, headers={"If-None-Match": tag})
    call(s, "GET", item, token, path=nothing)
    call(s, "DELETE", item, token, path=sub, headers={"If-Match": '"old"'})
    call(s, "DELETE", item, token, path=sub, headers={"If-Match": tag})
    call(s, "DELETE", item, token, path=nothing)

    application = "/applications/{applicationId}"
    tag = call(s, "GET", application, token, path=app).headers["ETag"]
    call(s, "DELETE", application, token, path=app, headers={"If-Match": '"old"'})
    call(s, "DELETE", application, token, path=app, headers={"If-Match": tag})
    call(s, "DELETE", application, token, path=app)


ADMIN_BODIES = {
    "/throttling/policies/application": {
        "policyName": "SchemaApp",
        "defaultLimit": {
            "type": "BandwidthLimit",
            "timeUnit": "min",
            "unitTime": 1,
            "dataAmount": 5,
            "dataUnit": "MB",
        },
    },
    "/throttling/policies/subscription": {
        "policyName": "SchemaSub",
        "defaultLimit": {
            "type": "RequestCountLimit",
            "timeUnit": "min",
            "unitTime": 1,
            "requestCount": 5,
        },
        "customAttributes": [{"name": "a", "value": "b"}],
        "billingPlan": "FREE",
    },
    "/throttling/policies/advanced": {
        "policyName": "SchemaAdv",
        "defaultLimit": {
            "type": "RequestCountLimit",
            "timeUnit": "min",
            "unitTime": 1,
            "requestCount": 5,
        },
        "conditionalGroups": [
            {
                "conditions": [
                    {
                        "type": "QueryParameterCondition",
                        "parameterName": "q",
                        "parameterValue": "1",
                    },
                    {
                        "type": "JWTClaimsCondition",
                        "claimUrl": "http://wso2.org/claims/role",
                        "attribute": "gold",
                        "invertCondition": True,
                    },
                ],
                "limit": {
                    "type": "RequestCountLimit",
                    "timeUnit": "hour",
                    "unitTime": 1,
                    "requestCount": 1,
                },
            }
        ],
    },
    "/throttling/policies/custom": {
        "policyName": "SchemaRule",
        "siddhiQuery": "FROM S SELECT * INSERT INTO T;",
        "keyTemplate": "$userId",
    },
    "/throttling/blacklist": {"conditionType": "API", "conditionValue": "/pizza/1.0.0"},
    "/policies/mediation": {"name": "schema_seq", "type": "out", "config": "<s/>"},
}


def drive_admin(call: Recorder, client: Wso2Client) -> None:
    token = client.admin_token()
    paths = load(ADMIN)["paths"]
    for collection, body in ADMIN_BODIES.items():
        item = next(p for p in paths if p.startswith(collection + "/{"))
        param = item.rsplit("{", 1)[1].rstrip("}")
        call(ADMIN, "GET", collection, token)
        created = call(ADMIN, "POST", collection, token, json=body).json()
        call(ADMIN, "POST", collection, token, json={"unexpected": True})
        stored_id = next(
            v for k, v in created.items() if k in ("policyId", "id", "conditionId")
        )
        ids, missing = {param: stored_id}, {param: "no-such-item"}
        call(ADMIN, "GET", item, token, path=ids)
        call(ADMIN, "GET", item, token, path=missing)
        if "put" in paths[item]:
            call(ADMIN, "PUT", item, token, path=ids, json=body)
            call(ADMIN, "PUT", item, token, path=missing, json=body)
            call(ADMIN, "PUT", item, token, path=ids, json={"unexpected": True})
        call(ADMIN, "DELETE", item, token, path=ids)
        call(ADMIN, "DELETE", item, token, path=missing)

    owner = client.login("admin", "apim:app_owner_change")
    app_id = client.new_application(client.login(), "Moving")["applicationId"]
    call(ADMIN_V012, "GET", "/applications", owner, query={"limit": "1"})
    change = "/applications/{applicationId}/change-owner"
    moving = {"applicationId": app_id}
    call(ADMIN_V012, "POST", change, owner, path=moving, query={"owner": "admin"})
    call(ADMIN_V012, "POST", change, owner, path=moving)
    nowhere = {"applicationId": "no-such-application"}
    call(ADMIN_V012, "POST", change, owner, path=nowhere, query={"owner": "admin"})


@pytest.fixture(scope="module")
def session() -> Iterator[list[Exchange]]:
    """One scripted session over every operation; its answers are checked below."""
    with StandIn(Settings(port=0)) as server:
        client = Wso2Client(server.url)
        call = Recorder(client)
        token = client.login()
        api_id = drive_catalogue(call, token)
        app = drive_applications(call, client, token)
        drive_subscriptions(call, token, app, api_id)
        drive_admin(call, client)
        yield call.exchanges


@pytest.fixture(scope="module")
def checkers() -> dict[str, Checker]:
    return {name: Checker(name) for name in BASES}


# ------------------------------------------------------------------- tests


@pytest.mark.parametrize("name", [STORE, ADMIN, STORE_V012])
def test_published_definition_is_valid_swagger_2(name: str) -> None:
    errors = [
        error.message for error in OpenAPIV2SpecValidator(load(name)).iter_errors()
    ]
    assert errors == []


def test_known_defects_are_still_in_the_definitions() -> None:
    tiers = load(STORE)["paths"]["/tiers/{tierLevel}"]["get"]["responses"]["200"]
    assert tiers["schema"] == {
        "type": "array",
        "items": {"$ref": "#/definitions/TierList"},
    }
    multiple = load(STORE)["paths"]["/subscriptions/multiple"]["post"]["responses"]
    assert multiple["200"]["schema"]["$ref"] == "#/definitions/Subscription"


CASES = [
    pytest.param(
        name,
        method,
        path,
        id=f"{name.split('-api')[0]}-{name[-9:-5]} {method.upper()} {path}",
    )
    for name in BASES
    for method, path in operations(name)
]


@pytest.mark.parametrize(("name", "method", "path"), CASES)
def test_operation_answers_match_the_definition(
    session: list[Exchange],
    checkers: dict[str, Checker],
    name: str,
    method: str,
    path: str,
) -> None:
    exchanges = [
        e for e in session if (e.spec, e.method, e.path) == (name, method, path)
    ]
    assert any(e.response.ok for e in exchanges), "operation never succeeded"
    problems = {
        f"{e.response.status_code} {e.response.url}": checkers[name].problems(e)
        for e in exchanges
    }
    assert {key: found for key, found in problems.items() if found} == {}


def test_the_session_only_uses_spec_operations(session: list[Exchange]) -> None:
    known = {
        (name, method, path) for name in BASES for method, path in operations(name)
    }
    assert {(e.spec, e.method, e.path) for e in session} <= known


def test_the_session_reaches_every_kind_of_answer(session: list[Exchange]) -> None:
    statuses = {e.response.status_code for e in session}
    assert {200, 201, 303, 304, 400, 404, 409, 412, 415} <= statuses


@pytest.mark.parametrize(
    ("name", "method", "path", "status", "body"),
    [
        (STORE, "get", "/apis/{apiId}", "200", {"name": "no context"}),
        (
            STORE,
            "get",
            "/applications/{applicationId}",
            "200",
            {"name": "A", "throttlingTier": "Unlimited", "owner": "undeclared"},
        ),
        (STORE, "get", "/tiers/{tierLevel}", "200", {"count": "three"}),
        (STORE, "post", "/subscriptions/multiple", "200", [{"tier": "Gold"}]),
        (
            ADMIN,
            "get",
            "/throttling/policies/application/{policyId}",
            "200",
            {
                "policyName": "P",
                "defaultLimit": {
                    "type": "RequestCountLimit",
                    "timeUnit": "min",
                    "unitTime": 1,
                },
            },
        ),
        (
            ADMIN,
            "get",
            "/throttling/policies/application/{policyId}",
            "200",
            {
                "policyName": "P",
                "defaultLimit": {
                    "type": "RequestCountLimit",
                    "timeUnit": "min",
                    "unitTime": 1,
                    "requestCount": 1,
                    "dataUnit": "KB",
                },
            },
        ),
        (STORE, "get", "/apis/{apiId}", "404", {"code": "404", "message": "x"}),
    ],
)
def test_the_checker_rejects_wrong_bodies(
    checkers: dict[str, Checker],
    name: str,
    method: str,
    path: str,
    status: str,
    body: Any,
) -> None:
    """The validation above can fail: deliberately wrong bodies are caught."""
    response = requests.Response()
    response.status_code = int(status)
    response._content = json.dumps(body).encode()
    assert checkers[name].problems(Exchange(name, method, path, response))


def test_undeclared_statuses_are_reported(checkers: dict[str, Checker]) -> None:
    response = requests.Response()
    response.status_code = 204
    response._content = b""
    exchange = Exchange(STORE, "get", "/apis/{apiId}/thumbnail", response)
    assert checkers[STORE].problems(exchange) == ["status 204 is not declared"]
