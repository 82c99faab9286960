"""Throttling, blacklist and mediation policies, per tenant.

The Admin API manages these; the Store API reads the application and
subscription policies as its ``/tiers``. Keeping one book for both means a
policy added through the Admin API shows up as a Store tier, as it does in
API Manager. Entries are stored as the Admin API's DTOs.
"""

from __future__ import annotations

import copy
import uuid

from .seed import demo_policies

KINDS = ("application", "subscription", "advanced", "custom", "blacklist", "mediation")
_ID_FIELD = {"blacklist": "conditionId", "mediation": "id"}
_NAME_FIELD = {"blacklist": "conditionValue", "mediation": "name"}
_UNIT_MILLIS = {
    "sec": 1000,
    "min": 60_000,
    "hour": 3_600_000,
    "day": 86_400_000,
    "month": 2_592_000_000,
    "year": 31_536_000_000,
}


def id_field(kind: str) -> str:
    return _ID_FIELD.get(kind, "policyId")


def name_field(kind: str) -> str:
    return _NAME_FIELD.get(kind, "policyName")


class PolicyBook:
    """Policies of every tenant; callers hold the stand-in's state lock."""

    def __init__(self, tenants: tuple[str, ...]) -> None:
        self._book: dict[str, dict[str, dict[str, dict]]] = {}
        for tenant in tenants:
            seeded = demo_policies(tenant)
            self._book[tenant] = {
                kind: {item[id_field(kind)]: item for item in seeded[kind]}
                for kind in KINDS
            }

    def list(self, tenant: str, kind: str) -> list[dict]:
        return [copy.deepcopy(item) for item in self._book[tenant][kind].values()]

    def get(self, tenant: str, kind: str, item_id: str) -> dict | None:
        item = self._book[tenant][kind].get(item_id)
        return copy.deepcopy(item) if item is not None else None

    def named(self, tenant: str, kind: str, name: str) -> dict | None:
        field = name_field(kind)
        return next(
            (
                copy.deepcopy(item)
                for item in self._book[tenant][kind].values()
                if item.get(field) == name
            ),
            None,
        )

    def add(self, tenant: str, kind: str, item: dict) -> dict:
        stored = {**copy.deepcopy(item), id_field(kind): str(uuid.uuid4())}
        if kind not in ("blacklist", "mediation"):
            stored.setdefault("displayName", stored["policyName"])
            stored["isDeployed"] = True
        self._book[tenant][kind][stored[id_field(kind)]] = stored
        return copy.deepcopy(stored)

    def replace(self, tenant: str, kind: str, item_id: str, item: dict) -> dict:
        current = self._book[tenant][kind][item_id]
        stored = {**copy.deepcopy(item), id_field(kind): item_id}
        if kind not in ("blacklist", "mediation"):
            stored.setdefault("displayName", current["displayName"])
            stored["isDeployed"] = True
        self._book[tenant][kind][item_id] = stored
        return copy.deepcopy(stored)

    def delete(self, tenant: str, kind: str, item_id: str) -> bool:
        return self._book[tenant][kind].pop(item_id, None) is not None

    def tiers(self, tenant: str, level: str) -> list[dict[str, object]]:
        """Store ``Tier`` DTOs: api level = subscription policies."""
        kind = "subscription" if level == "api" else "application"
        return [tier_dto(policy, level) for policy in self._book[tenant][kind].values()]

    def tier_names(self, tenant: str, level: str) -> set[str]:
        kind = "subscription" if level == "api" else "application"
        return {p["policyName"] for p in self._book[tenant][kind].values()}


def tier_dto(policy: dict, level: str) -> dict[str, object]:
    """Map a throttling policy to the Store's view of it, as WSO2 does."""
    limit = policy["defaultLimit"]
    count = limit.get("requestCount", limit.get("dataAmount", 0))
    unit_time = limit["unitTime"] * _UNIT_MILLIS.get(limit["timeUnit"], 60_000)
    attributes = {
        item["name"]: item["value"] for item in policy.get("customAttributes", [])
    }
    return {
        "name": policy["policyName"],
        "description": policy.get("description", ""),
        "tierLevel": level,
        "attributes": attributes,
        "requestCount": count,
        "unitTime": unit_time,
        "tierPlan": policy.get("billingPlan", "FREE"),
        "stopOnQuotaReach": policy.get("stopOnQuotaReach", True),
    }
