"""Admin API v0.11 policies and the v0.12 application owner operations."""

from __future__ import annotations

import pytest

from sandbox.wso2 import Settings, User
from tests.sandbox.wso2_testkit import Wso2Client

REQUEST_LIMIT = {
    "type": "RequestCountLimit",
    "timeUnit": "min",
    "unitTime": 1,
    "requestCount": 300,
}
NEW_POLICIES = {
    "/throttling/policies/application": {
        "policyName": "300PerMin",
        "description": "300 a minute",
        "defaultLimit": REQUEST_LIMIT,
    },
    "/throttling/policies/subscription": {
        "policyName": "Platinum",
        "description": "For partners",
        "defaultLimit": REQUEST_LIMIT,
        "billingPlan": "COMMERCIAL",
        "stopOnQuotaReach": False,
        "customAttributes": [{"name": "sla", "value": "99.9"}],
    },
    "/throttling/policies/advanced": {
        "policyName": "HeaderBased",
        "defaultLimit": {
            "type": "BandwidthLimit",
            "timeUnit": "min",
            "unitTime": 1,
            "dataAmount": 10,
            "dataUnit": "MB",
        },
        "conditionalGroups": [
            {
                "conditions": [
                    {
                        "type": "HeaderCondition",
                        "headerName": "X-Tier",
                        "headerValue": "free",
                    }
                ],
                "limit": REQUEST_LIMIT,
            }
        ],
    },
    "/throttling/policies/custom": {
        "policyName": "PerIP",
        "siddhiQuery": "FROM RequestStream SELECT * INSERT INTO Out;",
        "keyTemplate": "$clientIp",
    },
    "/policies/mediation": {
        "name": "add_header",
        "type": "in",
        "config": "<sequence name='add_header'/>",
    },
}
ID_FIELDS = {"/policies/mediation": "id"}


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == status
    assert "message" in body
    return body


@pytest.mark.parametrize("path", list(NEW_POLICIES))
def test_policy_lifecycle(wso2: Wso2Client, path: str) -> None:
    token = wso2.admin_token()
    seeded = wso2.admin("GET", path, token).json()
    assert seeded["count"] == len(seeded["list"]) > 0

    body = NEW_POLICIES[path]
    created = wso2.admin("POST", path, token, json=body)
    expected_status = 200 if path == "/policies/mediation" else 201
    assert created.status_code == expected_status, created.text
    stored = created.json()
    item_id = stored[ID_FIELDS.get(path, "policyId")]
    assert (
        created.headers["Location"] == f"{wso2.url}/api/am/admin/v0.11{path}/{item_id}"
    )
    assert {k: stored[k] for k in body} == body

    assert wso2.admin("GET", f"{path}/{item_id}", token).json() == stored
    listing = wso2.admin("GET", path, token).json()
    assert listing["count"] == seeded["count"] + 1
    assert_error(wso2.admin("POST", path, token, json=body), 409)

    changed = (
        {**body, "description": "changed"}
        if "policyName" in body
        else {
            **body,
            "config": "<sequence name='add_header'><log/></sequence>",
        }
    )
    updated = wso2.admin("PUT", f"{path}/{item_id}", token, json=changed)
    assert updated.status_code == 200
    assert {k: updated.json()[k] for k in changed} == changed

    assert wso2.admin("DELETE", f"{path}/{item_id}", token).status_code == 200
    assert_error(wso2.admin("GET", f"{path}/{item_id}", token), 404)
    assert_error(wso2.admin("DELETE", f"{path}/{item_id}", token), 404)


def test_advanced_listing_leaves_out_conditional_groups(wso2: Wso2Client) -> None:
    token = wso2.admin_token()
    listing = wso2.admin("GET", "/throttling/policies/advanced", token).json()
    assert all("conditionalGroups" not in item for item in listing["list"])
    grouped = next(
        item for item in listing["list"] if item["policyName"] == "10KPerMin"
    )
    full = wso2.admin(
        "GET", f"/throttling/policies/advanced/{grouped['policyId']}", token
    ).json()
    assert full["conditionalGroups"][0]["conditions"][0]["type"] == "IPCondition"


def test_policies_are_store_tiers(wso2: Wso2Client) -> None:
    token = wso2.admin_token()
    created = wso2.admin(
        "POST",
        "/throttling/policies/subscription",
        token,
        json=NEW_POLICIES["/throttling/policies/subscription"],
    ).json()
    tier = wso2.store("GET", "/tiers/api/Platinum").json()
    assert tier == {
        "name": "Platinum",
        "description": "For partners",
        "tierLevel": "api",
        "attributes": {"sla": "99.9"},
        "requestCount": 300,
        "unitTime": 60000,
        "tierPlan": "COMMERCIAL",
        "stopOnQuotaReach": False,
    }
    wso2.admin(
        "DELETE", f"/throttling/policies/subscription/{created['policyId']}", token
    )
    assert wso2.store("GET", "/tiers/api/Platinum").status_code == 404


def test_blacklist_conditions(wso2: Wso2Client) -> None:
    token = wso2.admin_token()
    created = wso2.admin(
        "POST",
        "/throttling/blacklist",
        token,
        json={"conditionType": "USER", "conditionValue": "mallory"},
    )
    assert created.status_code == 201
    condition = created.json()
    path = f"/throttling/blacklist/{condition['conditionId']}"
    assert wso2.admin("GET", path, token).json() == condition
    assert wso2.admin("PUT", path, token, json=condition).status_code == 405
    bad_type = wso2.admin(
        "POST",
        "/throttling/blacklist",
        token,
        json={"conditionType": "PLANET", "conditionValue": "mars"},
    )
    assert_error(bad_type, 400)
    assert wso2.admin("DELETE", path, token).status_code == 200


def test_mediation_list_is_paged(wso2: Wso2Client) -> None:
    token = wso2.admin_token()
    page = wso2.admin("GET", "/policies/mediation", token, params={"limit": 2}).json()
    assert page["count"] == 2
    assert page["next"] == "/policies/mediation?limit=2&offset=2&query="
    assert set(page["list"][0]) == {"name", "id", "type"}


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"policyName": "X"}, "defaultLimit"),
        ({"policyName": "X", "defaultLimit": {"type": "Infinite"}}, "Infinite"),
        ({**NEW_POLICIES["/throttling/policies/application"], "tier": "x"}, "'tier'"),
        (
            {
                "policyName": "X",
                "defaultLimit": {
                    "type": "RequestCountLimit",
                    "timeUnit": "min",
                    "unitTime": 1,
                },
            },
            "requestCount",
        ),
    ],
)
def test_policy_validation(wso2: Wso2Client, body: dict, fragment: str) -> None:
    response = wso2.admin(
        "POST", "/throttling/policies/application", wso2.admin_token(), json=body
    )
    error = assert_error(response, 400)
    assert fragment in error["description"] + str(error["error"])


def test_policy_names_cannot_change(wso2: Wso2Client) -> None:
    token = wso2.admin_token()
    policy = wso2.admin("GET", "/throttling/policies/application", token).json()[
        "list"
    ][0]
    renamed = {k: v for k, v in policy.items() if k != "policyId"}
    renamed["policyName"] = "Renamed"
    response = wso2.admin(
        "PUT",
        f"/throttling/policies/application/{policy['policyId']}",
        token,
        json=renamed,
    )
    assert_error(response, 400)


def test_each_operation_needs_its_own_scope(wso2: Wso2Client) -> None:
    viewer = wso2.login("admin", "apim:tier_view")
    assert (
        wso2.admin("GET", "/throttling/policies/application", viewer).status_code == 200
    )
    write = wso2.admin(
        "POST",
        "/throttling/policies/application",
        viewer,
        json=NEW_POLICIES["/throttling/policies/application"],
    )
    assert_error(write, 403)
    assert_error(wso2.admin("GET", "/throttling/blacklist", viewer), 403)
    assert_error(wso2.admin("GET", "/policies/mediation", viewer), 403)


def test_custom_rules_are_for_the_super_tenant_only(make_standin, client_for) -> None:
    tenant_admin = User("admin@acme.com", "acme-pass", ("admin",), "acme.com")
    server = make_standin(users=(*Settings().users, tenant_admin))
    wso2 = client_for(server)
    response = wso2.token("admin@acme.com", "acme-pass", scope="apim:tier_view")
    token = response.json()["access_token"]
    assert_error(wso2.admin("GET", "/throttling/policies/custom", token), 403)
    own = wso2.admin("GET", "/throttling/policies/application", token).json()
    assert own["count"] == 4  # every tenant starts with the default policies


# ----------------------------------------------------------------- v0.12 only


def test_v012_lists_applications_and_changes_owner(wso2: Wso2Client) -> None:
    subscriber = wso2.login()
    app_id = wso2.new_application(subscriber, "Handover")["applicationId"]
    admin = wso2.login("admin", "apim:app_owner_change apim:subscribe")

    listing = wso2.admin("GET", "/applications", admin, version="v0.12").json()
    owners = {(app["name"], app["owner"]) for app in listing["list"]}
    assert ("Handover", "subscriber") in owners
    mine = wso2.admin(
        "GET", "/applications", admin, version="v0.12", params={"user": "subscriber"}
    ).json()
    assert {app["owner"] for app in mine["list"]} == {"subscriber"}

    moved = wso2.admin(
        "POST",
        f"/applications/{app_id}/change-owner",
        admin,
        version="v0.12",
        params={"owner": "admin"},
    )
    assert (moved.status_code, moved.content) == (200, b"")
    assert wso2.store("GET", f"/applications/{app_id}", subscriber).status_code == 403
    assert (
        wso2.store("GET", f"/applications/{app_id}", admin).json()["subscriber"]
        == "admin"
    )


def test_v012_change_owner_errors(wso2: Wso2Client) -> None:
    app_id = wso2.new_application(wso2.login(), "Stays")["applicationId"]
    admin = wso2.login("admin", "apim:app_owner_change")
    path = f"/applications/{app_id}/change-owner"
    assert_error(wso2.admin("POST", path, admin, version="v0.12"), 400)
    unknown = wso2.admin(
        "POST", path, admin, version="v0.12", params={"owner": "alice@acme.com"}
    )
    assert_error(unknown, 400)
    missing = wso2.admin(
        "POST",
        "/applications/nope/change-owner",
        admin,
        version="v0.12",
        params={"owner": "admin"},
    )
    assert_error(missing, 404)
    without_scope = wso2.login("admin", "apim:tier_view")
    assert_error(
        wso2.admin("GET", "/applications", without_scope, version="v0.12"), 403
    )


def test_v012_serves_v011_resources_but_v011_lacks_applications(
    wso2: Wso2Client,
) -> None:
    token = wso2.admin_token()
    v011 = wso2.admin("GET", "/throttling/policies/application", token).json()
    v012 = wso2.admin(
        "GET", "/throttling/policies/application", token, version="v0.12"
    ).json()
    assert v011 == v012
    assert wso2.admin("GET", "/applications", token).status_code == 404
