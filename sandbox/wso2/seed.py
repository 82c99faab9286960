"""Demo content: APIs, documents, thumbnails and throttling policies.

The data is deterministic (UUIDv5 ids, fixed timestamps) so that ids and
ETags are the same on every start: a developer can bookmark an API id and a
test can rely on it. Every API carries the three document kinds (inline
markdown, a downloadable file and an external URL) so that a Store front end
can exercise each rendering path, and the set is chosen to make searches
interesting: two versions of one API, a prototyped API that only a
``status:`` query finds, a role-restricted API, one API without a thumbnail,
and an extra tenant with its own API.
"""

from __future__ import annotations

import struct
import uuid
import zlib

from .catalog import ApiEntry, DocEntry
from .settings import SUPER_TENANT

_NAMESPACE = uuid.UUID("5d3c1e40-7a4e-4c1b-9a55-2f3b0c0d9a11")
_BASE_TIME = 1530612000.0  # 2018-07-03 10:00 UTC, the v0.11 spec's date.


def stable_id(*parts: str) -> str:
    """A UUID that is the same on every run for the same ``parts``."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid truecolour PNG: a diagonal split of ``rgb`` and white."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter type "None" for every scanline
        for x in range(width):
            row.extend(rgb if x >= y else (255, 255, 255))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def _swagger(
    title: str,
    version: str,
    description: str,
    paths: dict[str, tuple[str, ...]],
    scopes: tuple[tuple[str, str, str], ...] = (),
) -> dict[str, object]:
    """A small Swagger 2.0 definition in the shape API Manager stores."""
    operations: dict[str, object] = {}
    for path, methods in paths.items():
        operations[path] = {
            method: {
                "x-auth-type": "Application & Application User",
                "x-throttling-tier": "Unlimited",
                "responses": {"200": {"description": "OK"}},
                **({"x-scope": scopes[0][0]} if scopes and method != "get" else {}),
            }
            for method in methods
        }
    return {
        "swagger": "2.0",
        "info": {"title": title, "version": version, "description": description},
        "paths": operations,
        "x-wso2-security": {
            "apim": {
                "x-wso2-scopes": [
                    {"key": key, "name": name, "roles": roles, "description": name}
                    for key, name, roles in scopes
                ]
            }
        },
    }


def _documents(tenant: str, name: str, updated: float) -> tuple[DocEntry, ...]:
    """The three document kinds every demo API has."""
    slug = name.lower()
    return (
        DocEntry(
            id=stable_id(tenant, name, "doc", "getting-started"),
            name=f"{name} - Getting started",
            type="HOWTO",
            summary=f"How to subscribe to and call {name}",
            source_type="INLINE",
            updated=updated,
            inline=(
                f"# Getting started with {name}\n\n"
                "1. Create an application in the store.\n"
                "2. Subscribe it to this API.\n"
                "3. Generate keys and call the API with the access token.\n"
            ),
        ),
        DocEntry(
            id=stable_id(tenant, name, "doc", "reference"),
            name=f"{name} - Reference card",
            type="SAMPLES",
            summary=f"Request samples for {name}",
            source_type="FILE",
            updated=updated + 60,
            file_name=f"{slug}-reference.txt",
            file_type="text/plain",
            file_data=(
                f"{name} reference card\n"
                "GET  /resource    read the resource\n"
                "POST /resource    create a resource\n"
            ).encode(),
        ),
        DocEntry(
            id=stable_id(tenant, name, "doc", "forum"),
            name=f"{name} - Community forum",
            type="PUBLIC_FORUM",
            summary="Questions and answers",
            source_type="URL",
            updated=updated + 120,
            source_url=f"https://forum.example.com/{slug}",
        ),
    )


def _api(
    index: int,
    tenant: str,
    name: str,
    version: str,
    context: str,
    description: str,
    tags: tuple[str, ...],
    tiers: tuple[str, ...],
    colour: tuple[int, int, int] | None,
    **options: object,
) -> ApiEntry:
    updated = _BASE_TIME + index * 3600
    provider = "admin" if tenant == SUPER_TENANT else f"admin@{tenant}"
    paths = options.pop("paths", {"/*": ("get", "post")})
    scopes = options.pop("scopes", ())
    extra_docs = options.pop("extra_docs", ())
    return ApiEntry(
        id=stable_id(tenant, name, version),
        tenant=tenant,
        name=name,
        version=version,
        context=context,
        provider=provider,
        description=description,
        status=str(options.pop("status", "PUBLISHED")),
        tags=tags,
        tiers=tiers,
        swagger=_swagger(name, version, description, paths, scopes),
        business={
            "businessOwner": "Jane Roe",
            "businessOwnerEmail": "marketing@example.com",
            "technicalOwner": "John Doe",
            "technicalOwnerEmail": "architecture@example.com",
        },
        updated=updated,
        documents=_documents(tenant, name, updated) + tuple(extra_docs),
        thumbnail=png(48, 48, colour) if colour else None,
        gateway_urls={
            "http": f"http://localhost:8280{context}",
            "https": f"https://localhost:8243{context}",
        },
        **options,
    )


def demo_apis() -> list[ApiEntry]:
    """The APIs of the super tenant and of ``acme.com``."""
    calculator_notes = DocEntry(
        id=stable_id(SUPER_TENANT, "CalculatorAPI-2", "doc", "notes"),
        name="CalculatorAPI - Release notes",
        type="OTHER",
        summary="What changed in 2.0.0",
        source_type="INLINE",
        updated=_BASE_TIME,
        inline="## 2.0.0\n\n* Adds `/divide`.\n* `/add` accepts decimals.\n",
        other_type_name="Release notes",
    )
    return [
        _api(
            1,
            SUPER_TENANT,
            "PizzaShackAPI",
            "1.0.0",
            "/pizzashack/1.0.0",
            "Order pizza online from the Pizza Shack delivery store.",
            ("pizza", "food"),
            ("Unlimited", "Gold", "Silver", "Bronze"),
            (200, 60, 40),
            paths={"/menu": ("get",), "/order": ("post",), "/order/{id}": ("get",)},
            scopes=(
                ("pizza:order", "Place pizza orders", "subscriber"),
                ("pizza:kitchen", "Manage the kitchen", "admin"),
            ),
        ),
        _api(
            2,
            SUPER_TENANT,
            "PhoneVerification",
            "2.0.0",
            "/phoneverify/2.0.0",
            "Verify that a phone number exists and can receive calls.",
            ("phone", "verification", "telecom"),
            ("Gold", "Silver", "Bronze"),
            (40, 120, 200),
        ),
        _api(
            3,
            SUPER_TENANT,
            "CalculatorAPI",
            "1.0.0",
            "/calculator/1.0.0",
            "Basic arithmetic over HTTP.",
            ("math", "calculator"),
            ("Unlimited", "Bronze"),
            (60, 160, 80),
            paths={"/add": ("get",), "/subtract": ("get",)},
        ),
        _api(
            4,
            SUPER_TENANT,
            "CalculatorAPI",
            "2.0.0",
            "/calculator/2.0.0",
            "Arithmetic over HTTP, now with division.",
            ("math", "calculator"),
            ("Unlimited", "Bronze"),
            None,
            paths={"/add": ("get",), "/subtract": ("get",), "/divide": ("get",)},
            is_default_version=True,
            extra_docs=(calculator_notes,),
        ),
        _api(
            5,
            SUPER_TENANT,
            "WeatherForecast",
            "1.0.0",
            "/weather/1.0.0",
            "Seven-day forecasts; still a prototype.",
            ("weather",),
            ("Unlimited",),
            (90, 90, 200),
            status="PROTOTYPED",
        ),
        _api(
            6,
            SUPER_TENANT,
            "PartnerBilling",
            "1.0.0",
            "/billing/1.0.0",
            "Partner invoices; visible to administrators only.",
            ("billing", "internal"),
            ("Gold",),
            (120, 120, 120),
            visible_roles=("admin",),
        ),
        _api(
            7,
            "acme.com",
            "AcmeInventory",
            "1.0.0",
            "/t/acme.com/inventory/1.0.0",
            "Stock levels of the ACME warehouses.",
            ("inventory", "acme"),
            ("Unlimited", "Gold"),
            (230, 180, 30),
        ),
    ]


def _limit(count: int, unit: str = "min") -> dict[str, object]:
    return {
        "type": "RequestCountLimit",
        "timeUnit": unit,
        "unitTime": 1,
        "requestCount": count,
    }


_UNLIMITED = 2147483647


def demo_policies(tenant: str) -> dict[str, list[dict[str, object]]]:
    """API Manager 2.x's default throttling and mediation policies."""

    def policy(kind: str, name: str, description: str, **body: object) -> dict:
        return {
            "policyId": stable_id(tenant, kind, name),
            "policyName": name,
            "displayName": name,
            "description": description,
            "isDeployed": True,
            **body,
        }

    application = [
        policy(
            "application",
            "Unlimited",
            "Allows unlimited requests",
            defaultLimit=_limit(_UNLIMITED),
        ),
        policy(
            "application",
            "50PerMin",
            "Allows 50 requests per minute",
            defaultLimit=_limit(50),
        ),
        policy(
            "application",
            "20PerMin",
            "Allows 20 requests per minute",
            defaultLimit=_limit(20),
        ),
        policy(
            "application",
            "10PerMin",
            "Allows 10 requests per minute",
            defaultLimit=_limit(10),
        ),
    ]

    def tier(name: str, count: int, description: str, plan: str = "FREE") -> dict:
        return policy(
            "subscription",
            name,
            description,
            defaultLimit=_limit(count),
            rateLimitCount=0,
            rateLimitTimeUnit="NA",
            customAttributes=[],
            stopOnQuotaReach=True,
            billingPlan=plan,
        )

    subscription = [
        tier("Unlimited", _UNLIMITED, "Allows unlimited requests"),
        tier("Gold", 5000, "Allows 5000 requests per minute", "COMMERCIAL"),
        tier("Silver", 2000, "Allows 2000 requests per minute"),
        tier("Bronze", 1000, "Allows 1000 requests per minute"),
    ]
    advanced = [
        policy(
            "advanced",
            "50KPerMin",
            "Allows 50000 requests per minute",
            defaultLimit=_limit(50000),
            conditionalGroups=[],
        ),
        policy(
            "advanced",
            "10KPerMin",
            "10000 per minute; 100 for the test network",
            defaultLimit=_limit(10000),
            conditionalGroups=[
                {
                    "description": "Test network",
                    "conditions": [
                        {
                            "type": "IPCondition",
                            "invertCondition": False,
                            "ipConditionType": "IPSpecific",
                            "specificIP": "10.0.0.1",
                        }
                    ],
                    "limit": _limit(100),
                }
            ],
        ),
    ]
    custom = (
        [
            policy(
                "custom",
                "UserBurstLimit",
                "At most 20 requests a minute per user",
                siddhiQuery=(
                    "FROM RequestStream SELECT userId, ( userId == 'bob' ) AS "
                    "isEligible , str:concat('bob','') as throttleKey "
                    "INSERT INTO EligibilityStream;"
                ),
                keyTemplate="$userId",
            )
        ]
        if tenant == SUPER_TENANT
        else []
    )
    blacklist = [
        {
            "conditionId": stable_id(tenant, "blacklist", "ip"),
            "conditionType": "IP",
            "conditionValue": "198.51.100.7",
        }
    ]
    mediation = [
        {
            "id": stable_id(tenant, "mediation", name),
            "name": name,
            "type": kind,
            "config": (
                f'<sequence xmlns="http://ws.apache.org/ns/synapse" name="{name}">'
                f"{body}</sequence>"
            ),
        }
        for name, kind, body in (
            (
                "json_to_xml_in_message",
                "in",
                '<property name="messageType" value="application/xml" scope="axis2"/>',
            ),
            (
                "xml_to_json_out_message",
                "out",
                '<property name="messageType" value="application/json" scope="axis2"/>',
            ),
            ("json_fault", "fault", '<log level="full"/>'),
        )
    ]
    return {
        "application": application,
        "subscription": subscription,
        "advanced": advanced,
        "custom": custom,
        "blacklist": blacklist,
        "mediation": mediation,
    }
