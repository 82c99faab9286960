"""Store API v0.11 behaviour as a store front end's middle tier sees it."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib

import pytest

from tests.sandbox.wso2_testkit import Wso2Client

PUBLISHED = {
    ("PizzaShackAPI", "1.0.0"),
    ("PhoneVerification", "2.0.0"),
    ("CalculatorAPI", "1.0.0"),
    ("CalculatorAPI", "2.0.0"),
}


def names(listing: dict) -> set[tuple[str, str]]:
    return {(api["name"], api["version"]) for api in listing["list"]}


def assert_error(response, status: int, description: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == status
    assert {"code", "message", "description", "moreInfo", "error"} == set(body)
    if description is not None:
        assert description in body["description"]
    return body


# -------------------------------------------------------------- browsing APIs


def test_anonymous_listing_shows_published_public_apis(wso2: Wso2Client) -> None:
    response = wso2.store("GET", "/apis")
    assert response.status_code == 200
    body = response.json()
    assert names(body) == PUBLISHED
    assert body["count"] == len(body["list"]) == 4
    assert body["pagination"] == {"offset": 0, "limit": 25, "total": 4}
    assert (body["next"], body["previous"]) == ("", "")


def test_listing_pages_with_limit_and_offset(wso2: Wso2Client) -> None:
    first = wso2.store("GET", "/apis", params={"limit": 3}).json()
    assert first["count"] == 3
    assert first["next"] == "/apis?limit=3&offset=3&query="
    assert first["previous"] == ""
    second = wso2.store("GET", "/apis", params={"limit": 3, "offset": 3}).json()
    assert second["count"] == 1
    assert (second["next"], second["previous"]) == ("", "/apis?limit=3&offset=0&query=")
    assert names(first) | names(second) == PUBLISHED
    assert_error(wso2.store("GET", "/apis", params={"limit": "many"}), 400)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("calc", {("CalculatorAPI", "1.0.0"), ("CalculatorAPI", "2.0.0")}),
        ("PIZZA", {("PizzaShackAPI", "1.0.0")}),
        ("tag:telecom", {("PhoneVerification", "2.0.0")}),
        ("version:2.0.0", {("PhoneVerification", "2.0.0"), ("CalculatorAPI", "2.0.0")}),
        (
            "context:/calculator*",
            {("CalculatorAPI", "1.0.0"), ("CalculatorAPI", "2.0.0")},
        ),
        ("provider:adm*", PUBLISHED),
        ("status:PROTOTYPED", {("WeatherForecast", "1.0.0")}),
        ("nothing-like-this", set()),
    ],
)
def test_search_queries(wso2: Wso2Client, query: str, expected: set) -> None:
    body = wso2.store("GET", "/apis", params={"query": query}).json()
    assert names(body) == expected


def test_a_malformed_query_is_rejected(wso2: Wso2Client) -> None:
    response = wso2.store("GET", "/apis", params={"query": "tag:a:b"})
    assert_error(response, 400, "tag:a:b")


def test_restricted_api_needs_a_token_with_the_role(wso2: Wso2Client) -> None:
    admin = wso2.login("admin")
    assert ("PartnerBilling", "1.0.0") in names(
        wso2.store("GET", "/apis", admin).json()
    )
    subscriber = wso2.store("GET", "/apis", wso2.login()).json()
    assert ("PartnerBilling", "1.0.0") not in names(subscriber)
    billing = wso2.api_id("PartnerBilling", token=admin)
    assert wso2.store("GET", f"/apis/{billing}", admin).status_code == 200
    assert_error(wso2.store("GET", f"/apis/{billing}"), 404)


def test_tenant_header_selects_another_tenants_apis(wso2: Wso2Client) -> None:
    acme = {"X-WSO2-Tenant": "acme.com"}
    listing = wso2.store("GET", "/apis", headers=acme).json()
    assert names(listing) == {("AcmeInventory", "1.0.0")}
    assert listing["list"][0]["context"].startswith("/t/acme.com/")
    super_tenant = {"X-WSO2-Tenant": "carbon.super"}
    assert names(wso2.store("GET", "/apis", headers=super_tenant).json()) == PUBLISHED
    tags = wso2.store("GET", "/tags", headers=acme).json()
    assert {tag["name"] for tag in tags["list"]} == {"inventory", "acme"}


def test_unknown_tenant_is_a_bad_request(wso2: Wso2Client) -> None:
    response = wso2.store("GET", "/apis", headers={"X-WSO2-Tenant": "nowhere.org"})
    assert_error(response, 400, "Provided tenant domain 'nowhere.org' is invalid")


def test_the_tokens_tenant_wins_over_the_header(wso2: Wso2Client) -> None:
    alice = wso2.login("alice@acme.com")
    listing = wso2.store(
        "GET", "/apis", alice, headers={"X-WSO2-Tenant": "carbon.super"}
    )
    assert names(listing.json()) == {("AcmeInventory", "1.0.0")}
    subscriber = wso2.login()
    listing = wso2.store(
        "GET", "/apis", subscriber, headers={"X-WSO2-Tenant": "acme.com"}
    )
    assert names(listing.json()) == PUBLISHED


def test_api_details_with_etag_and_last_modified(wso2: Wso2Client) -> None:
    api_id = wso2.api_id("PizzaShackAPI")
    response = wso2.store("GET", f"/apis/{api_id}")
    assert response.status_code == 200
    api = response.json()
    assert api["id"] == api_id
    assert api["businessInformation"]["businessOwner"]
    assert set(api["tiers"]) == {"Unlimited", "Gold", "Silver", "Bronze"}
    assert json.loads(api["apiDefinition"])["info"]["title"] == "PizzaShackAPI"
    assert response.headers["Last-Modified"].endswith("GMT")
    tag = response.headers["ETag"]
    cached = wso2.store("GET", f"/apis/{api_id}", headers={"If-None-Match": tag})
    assert cached.status_code == 304
    assert cached.content == b""
    changed = wso2.store("GET", f"/apis/{api_id}", headers={"If-None-Match": '"old"'})
    assert changed.status_code == 200


def test_api_by_provider_name_version(wso2: Wso2Client) -> None:
    response = wso2.store("GET", "/apis/admin-PizzaShackAPI-1.0.0")
    assert response.json()["id"] == wso2.api_id("PizzaShackAPI")
    assert_error(wso2.store("GET", "/apis/admin-Nope-1.0.0"), 404)


def test_swagger_definition(wso2: Wso2Client) -> None:
    api_id = wso2.api_id("CalculatorAPI")
    response = wso2.store("GET", f"/apis/{api_id}/swagger")
    assert response.status_code == 200
    swagger = response.json()
    assert swagger["swagger"] == "2.0"
    assert set(swagger["paths"]) == {"/add", "/subtract"}
    assert "ETag" in response.headers


def test_every_api_has_three_kinds_of_document(wso2: Wso2Client) -> None:
    api_id = wso2.api_id("PhoneVerification", "2.0.0")
    listing = wso2.store("GET", f"/apis/{api_id}/documents").json()
    kinds = {doc["sourceType"]: doc for doc in listing["list"]}
    assert set(kinds) == {"INLINE", "FILE", "URL"}

    inline = kinds["INLINE"]["documentId"]
    content = wso2.store("GET", f"/apis/{api_id}/documents/{inline}/content")
    assert content.status_code == 200
    assert content.headers["Content-Type"].startswith("text/plain")
    assert content.text.startswith("# Getting started with PhoneVerification")

    file_doc = kinds["FILE"]["documentId"]
    download = wso2.store("GET", f"/apis/{api_id}/documents/{file_doc}/content")
    assert download.status_code == 200
    disposition = download.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="phoneverification-reference.txt"'
    assert b"reference card" in download.content

    url_doc = kinds["URL"]["documentId"]
    redirect = wso2.store(
        "GET", f"/apis/{api_id}/documents/{url_doc}/content", allow_redirects=False
    )
    assert redirect.status_code == 303
    assert redirect.headers["Location"] == kinds["URL"]["sourceUrl"]


def test_document_metadata_supports_etags(wso2: Wso2Client) -> None:
    api_id = wso2.api_id("PizzaShackAPI")
    doc = wso2.store("GET", f"/apis/{api_id}/documents").json()["list"][0]
    path = f"/apis/{api_id}/documents/{doc['documentId']}"
    response = wso2.store("GET", path)
    assert response.json() == doc
    tag = response.headers["ETag"]
    assert wso2.store("GET", path, headers={"If-None-Match": tag}).status_code == 304
    assert_error(wso2.store("GET", f"/apis/{api_id}/documents/nope"), 404)


def test_document_list_pages(wso2: Wso2Client) -> None:
    api_id = wso2.api_id("CalculatorAPI", "2.0.0")
    page = wso2.store("GET", f"/apis/{api_id}/documents", params={"limit": 2}).json()
    assert page["count"] == 2
    assert page["next"] == f"/apis/{api_id}/documents?limit=2&offset=2"


def test_thumbnail_is_a_real_png(wso2: Wso2Client) -> None:
    api_id = wso2.api_id("PizzaShackAPI")
    response = wso2.store("GET", f"/apis/{api_id}/thumbnail")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    data = response.content
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (width, height, depth, colour) == (48, 48, 8, 2)
    assert struct.unpack(">I", data[16 + length : 20 + length])[0] == zlib.crc32(
        data[12 : 16 + length]
    )
    idat = data.index(b"IDAT")
    (size,) = struct.unpack(">I", data[idat - 4 : idat])
    pixels = zlib.decompress(data[idat + 4 : idat + 4 + size])
    assert len(pixels) == height * (1 + width * 3)
    tag = response.headers["ETag"]
    cached = wso2.store(
        "GET", f"/apis/{api_id}/thumbnail", headers={"If-None-Match": tag}
    )
    assert cached.status_code == 304


def test_api_without_thumbnail_answers_no_content(wso2: Wso2Client) -> None:
    api_id = wso2.api_id("CalculatorAPI", "2.0.0")
    response = wso2.store("GET", f"/apis/{api_id}/thumbnail")
    assert response.status_code == 204
    assert response.content == b""


def test_tiers_at_both_levels(wso2: Wso2Client) -> None:
    api_tiers = wso2.store("GET", "/tiers/api").json()
    assert {t["name"] for t in api_tiers["list"]} == {
        "Unlimited",
        "Gold",
        "Silver",
        "Bronze",
    }
    app_tiers = wso2.store("GET", "/tiers/application").json()
    assert {"Unlimited", "50PerMin", "20PerMin", "10PerMin"} == {
        t["name"] for t in app_tiers["list"]
    }
    gold = wso2.store("GET", "/tiers/api/Gold").json()
    assert (gold["requestCount"], gold["unitTime"], gold["tierPlan"]) == (
        5000,
        60000,
        "COMMERCIAL",
    )
    assert_error(wso2.store("GET", "/tiers/api/Platinum"), 404)
    assert_error(wso2.store("GET", "/tiers/everything"), 400)


def test_tags_are_weighted_by_api_count(wso2: Wso2Client) -> None:
    tags = {t["name"]: t["weight"] for t in wso2.store("GET", "/tags").json()["list"]}
    assert tags["calculator"] == 2
    assert tags["pizza"] == 1
    assert "weather" not in tags  # only on a prototyped API


def test_unversioned_and_v012_bases_serve_the_same_store(wso2: Wso2Client) -> None:
    expected = wso2.store("GET", "/apis").json()
    for base in ("/api/am/store", "/api/am/store/v0.12"):
        assert wso2.call("GET", base + "/apis").json() == expected


def test_unknown_paths_and_methods(wso2: Wso2Client) -> None:
    assert_error(wso2.store("GET", "/nothing-here"), 404)
    response = wso2.store("DELETE", "/apis")
    assert_error(response, 405)
    assert response.headers["Allow"] == "GET"


# --------------------------------------------------------------- applications


def test_first_call_creates_the_default_application(wso2: Wso2Client) -> None:
    listing = wso2.store("GET", "/applications", wso2.login()).json()
    assert [app["name"] for app in listing["list"]] == ["DefaultApplication"]
    assert listing["list"][0]["subscriber"] == "subscriber"


def test_application_lifecycle_with_etags(wso2: Wso2Client) -> None:
    token = wso2.login()
    created = wso2.store(
        "POST",
        "/applications",
        token,
        json={"name": "Mobile", "throttlingTier": "50PerMin", "description": "iOS"},
    )
    assert created.status_code == 201
    app = created.json()
    app_id = app["applicationId"]
    assert created.headers["Location"] == (
        f"{wso2.url}/api/am/store/v0.11/applications/{app_id}"
    )
    assert (app["name"], app["throttlingTier"], app["subscriber"]) == (
        "Mobile",
        "50PerMin",
        "subscriber",
    )
    assert app["status"] == "APPROVED"
    assert app["keys"] == []

    duplicate = wso2.store(
        "POST",
        "/applications",
        token,
        json={"name": "mobile", "throttlingTier": "Unlimited"},
    )
    assert_error(duplicate, 409, "mobile")

    fetched = wso2.store("GET", f"/applications/{app_id}", token)
    assert fetched.json() == app
    tag = fetched.headers["ETag"]
    cached = wso2.store(
        "GET", f"/applications/{app_id}", token, headers={"If-None-Match": tag}
    )
    assert (cached.status_code, cached.content) == (304, b"")

    update = {"name": "Mobile", "throttlingTier": "10PerMin", "description": "Android"}
    stale = wso2.store(
        "PUT",
        f"/applications/{app_id}",
        token,
        json=update,
        headers={"If-Match": '"x"'},
    )
    assert_error(stale, 412)
    updated = wso2.store(
        "PUT", f"/applications/{app_id}", token, json=update, headers={"If-Match": tag}
    )
    assert updated.status_code == 200
    assert updated.json()["throttlingTier"] == "10PerMin"
    new_tag = updated.headers["ETag"]
    assert new_tag != tag

    refused = wso2.store(
        "DELETE", f"/applications/{app_id}", token, headers={"If-Match": tag}
    )
    assert_error(refused, 412)
    deleted = wso2.store(
        "DELETE", f"/applications/{app_id}", token, headers={"If-Match": new_tag}
    )
    assert (deleted.status_code, deleted.content) == (200, b"")
    assert_error(wso2.store("GET", f"/applications/{app_id}", token), 404)


def test_application_search_and_paging(wso2: Wso2Client) -> None:
    token = wso2.login()
    for name in ("One", "Two", "Three"):
        wso2.new_application(token, name)
    found = wso2.store("GET", "/applications", token, params={"query": "Two"}).json()
    assert [app["name"] for app in found["list"]] == ["Two"]
    page = wso2.store("GET", "/applications", token, params={"limit": 2}).json()
    assert page["count"] == 2
    assert page["next"] == "/applications?limit=2&offset=2&groupId="


@pytest.mark.parametrize(
    ("body", "description"),
    [
        ("{broken", "Malformed request body."),
        (
            '{"name": "A", "throttlingTier": "Unlimited", "colour": "red"}',
            "Unrecognized property 'colour'",
        ),
        ('{"name": "A", "throttlingTier": ["Unlimited"]}', "Malformed request body."),
        ('{"name": "A", "throttlingTier": "Diamond"}', "Diamond"),
        ('{"name": "  ", "throttlingTier": "Unlimited"}', "empty"),
    ],
)
def test_invalid_application_bodies(
    wso2: Wso2Client, body: str, description: str
) -> None:
    response = wso2.store(
        "POST",
        "/applications",
        wso2.login(),
        data=body,
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 400, description)


def test_missing_required_fields_are_listed(wso2: Wso2Client) -> None:
    response = wso2.store("POST", "/applications", wso2.login(), json={"name": "A"})
    body = assert_error(response, 400)
    assert body["error"] == [
        {"code": "400_throttlingTier", "message": "throttlingTier: may not be null"}
    ]


def test_non_json_body_is_unsupported_media_type(wso2: Wso2Client) -> None:
    response = wso2.store(
        "POST", "/applications", wso2.login(), data={"name": "A", "throttlingTier": "x"}
    )
    assert_error(response, 415)


def test_other_users_application_is_forbidden(wso2: Wso2Client) -> None:
    app_id = wso2.new_application(wso2.login(), "Private")["applicationId"]
    admin = wso2.login("admin")
    assert_error(wso2.store("GET", f"/applications/{app_id}", admin), 403)
    alice = wso2.login("alice@acme.com")
    assert_error(wso2.store("GET", f"/applications/{app_id}", alice), 404)


# ------------------------------------------------------------------------ keys


def test_key_generation_and_use(wso2: Wso2Client) -> None:
    token = wso2.login()
    app_id = wso2.new_application(token, "Keys")["applicationId"]
    request = {
        "keyType": "PRODUCTION",
        "validityTime": "1800",
        "accessAllowDomains": ["ALL"],
        "supportedGrantTypes": ["client_credentials", "password"],
        "callbackUrl": "https://app.example/cb",
    }
    response = wso2.store(
        "POST",
        "/applications/generate-keys",
        token,
        params={"applicationId": app_id},
        json=request,
    )
    assert response.status_code == 200
    key = response.json()
    assert key["keyType"] == "PRODUCTION"
    assert key["supportedGrantTypes"] == ["client_credentials", "password"]
    assert key["token"]["validityTime"] == 1800
    assert key["token"]["tokenScopes"] == ["am_application_scope", "default"]

    fetched = wso2.store("GET", f"/applications/{app_id}/keys/PRODUCTION", token)
    assert fetched.json()["consumerSecret"] == key["consumerSecret"]
    assert_error(wso2.store("GET", f"/applications/{app_id}/keys/SANDBOX", token), 404)
    assert wso2.store("GET", f"/applications/{app_id}", token).json()["keys"] == [
        fetched.json()
    ]

    again = wso2.store(
        "POST",
        "/applications/generate-keys",
        token,
        params={"applicationId": app_id},
        json=request,
    )
    assert_error(again, 409)

    consumer = (key["consumerKey"], key["consumerSecret"])
    granted = wso2.post_form("/token", {"grant_type": "client_credentials"}, consumer)
    assert granted.status_code == 200
    assert granted.json()["access_token"] == key["token"]["accessToken"]
    refused = wso2.post_form(
        "/token",
        {"grant_type": "refresh_token", "refresh_token": "x"},
        consumer,
    )
    assert refused.json()["error"] == "unauthorized_client"


def test_updating_and_regenerating_keys(wso2: Wso2Client) -> None:
    token = wso2.login()
    app_id = wso2.new_application(token, "Rotating")["applicationId"]
    key = wso2.store(
        "POST",
        "/applications/generate-keys",
        token,
        params={"applicationId": app_id},
        json={"keyType": "SANDBOX", "validityTime": "3600", "accessAllowDomains": []},
    ).json()

    updated = wso2.store(
        "PUT",
        f"/applications/{app_id}/keys/SANDBOX",
        token,
        json={"supportedGrantTypes": ["password"], "callbackUrl": "https://cb.example"},
    )
    assert updated.status_code == 200
    assert updated.json()["supportedGrantTypes"] == ["password"]
    assert updated.json()["callbackUrl"] == "https://cb.example"
    assert_error(
        wso2.store("PUT", f"/applications/{app_id}/keys/PRODUCTION", token, json={}),
        404,
    )

    regenerated = wso2.store(
        "POST",
        "/applications/regenerate-consumersecret",
        token,
        json={"consumerKey": key["consumerKey"]},
    )
    assert regenerated.status_code == 200
    new_secret = regenerated.json()["consumerSecret"]
    assert regenerated.json()["consumerKey"] == key["consumerKey"]
    assert new_secret != key["consumerSecret"]
    form = {
        "grant_type": "password",
        "username": "subscriber",
        "password": "subscriber-pass",
    }
    old_client = (key["consumerKey"], key["consumerSecret"])
    assert wso2.post_form("/token", form, old_client).status_code == 401
    assert wso2.post_form("/token", form, (key["consumerKey"], new_secret)).ok
    unknown = wso2.store(
        "POST",
        "/applications/regenerate-consumersecret",
        token,
        json={"consumerKey": "x"},
    )
    assert_error(unknown, 404)


def test_deleting_an_application_retires_its_keys(wso2: Wso2Client) -> None:
    token = wso2.login()
    app_id = wso2.new_application(token, "Doomed")["applicationId"]
    key = wso2.store(
        "POST",
        "/applications/generate-keys",
        token,
        params={"applicationId": app_id},
        json={
            "keyType": "PRODUCTION",
            "validityTime": "3600",
            "accessAllowDomains": [],
        },
    ).json()
    assert wso2.store("DELETE", f"/applications/{app_id}", token).status_code == 200
    consumer = (key["consumerKey"], key["consumerSecret"])
    response = wso2.post_form("/token", {"grant_type": "client_credentials"}, consumer)
    assert response.status_code == 401


# --------------------------------------------------------------- subscriptions


def test_subscribe_list_and_unsubscribe(wso2: Wso2Client) -> None:
    token = wso2.login()
    app_id = wso2.new_application(token, "Subscriber app")["applicationId"]
    pizza = wso2.api_id("PizzaShackAPI")
    created = wso2.store(
        "POST",
        "/subscriptions",
        token,
        json={"applicationId": app_id, "apiIdentifier": pizza, "tier": "Gold"},
    )
    assert created.status_code == 201
    sub = created.json()
    assert sub["status"] == "UNBLOCKED"
    assert sub["apiIdentifier"] == "admin-PizzaShackAPI-1.0.0"
    assert created.headers["Location"].endswith(
        f"/subscriptions/{sub['subscriptionId']}"
    )

    by_app = wso2.store(
        "GET", "/subscriptions", token, params={"applicationId": app_id}
    )
    assert by_app.json()["list"] == [sub]
    for api_ref in (pizza, "admin-PizzaShackAPI-1.0.0"):
        by_api = wso2.store("GET", "/subscriptions", token, params={"apiId": api_ref})
        assert [s["subscriptionId"] for s in by_api.json()["list"]] == [
            sub["subscriptionId"]
        ]
    assert_error(wso2.store("GET", "/subscriptions", token), 400)

    again = wso2.store(
        "POST",
        "/subscriptions",
        token,
        json={"applicationId": app_id, "apiIdentifier": pizza, "tier": "Bronze"},
    )
    assert_error(again, 409)

    path = f"/subscriptions/{sub['subscriptionId']}"
    fetched = wso2.store("GET", path, token)
    assert fetched.json() == sub
    tag = fetched.headers["ETag"]
    assert (
        wso2.store("GET", path, token, headers={"If-None-Match": tag}).status_code
        == 304
    )
    assert_error(wso2.store("DELETE", path, token, headers={"If-Match": '"no"'}), 412)
    assert (
        wso2.store("DELETE", path, token, headers={"If-Match": tag}).status_code == 200
    )
    assert (
        wso2.store(
            "GET", "/subscriptions", token, params={"applicationId": app_id}
        ).json()["count"]
        == 0
    )


def test_subscription_rules(wso2: Wso2Client) -> None:
    token = wso2.login()
    app_id = wso2.new_application(token, "Rules")["applicationId"]
    phone = wso2.api_id("PhoneVerification", "2.0.0")
    not_offered = wso2.store(
        "POST",
        "/subscriptions",
        token,
        json={"applicationId": app_id, "apiIdentifier": phone, "tier": "Unlimited"},
    )
    assert_error(not_offered, 400, "Unlimited")
    unknown_api = wso2.store(
        "POST",
        "/subscriptions",
        token,
        json={"applicationId": app_id, "apiIdentifier": "nope", "tier": "Gold"},
    )
    assert_error(unknown_api, 404)
    missing = wso2.store(
        "POST", "/subscriptions", token, json={"applicationId": app_id}
    )
    assert len(assert_error(missing, 400)["error"]) == 2


def test_multiple_subscriptions_are_all_or_nothing(wso2: Wso2Client) -> None:
    token = wso2.login()
    app_id = wso2.new_application(token, "Bulk")["applicationId"]
    pizza = wso2.api_id("PizzaShackAPI")
    calc = wso2.api_id("CalculatorAPI")
    good = [
        {"applicationId": app_id, "apiIdentifier": pizza, "tier": "Gold"},
        {"applicationId": app_id, "apiIdentifier": calc, "tier": "Bronze"},
    ]
    bad = wso2.store(
        "POST",
        "/subscriptions/multiple",
        token,
        json=[
            *good,
            {"applicationId": app_id, "apiIdentifier": "nope", "tier": "Gold"},
        ],
    )
    assert_error(bad, 404)
    listing = wso2.store(
        "GET", "/subscriptions", token, params={"applicationId": app_id}
    )
    assert listing.json()["count"] == 0
    created = wso2.store("POST", "/subscriptions/multiple", token, json=good)
    assert created.status_code == 200
    assert [s["tier"] for s in created.json()] == ["Gold", "Bronze"]


def test_application_scopes_come_from_subscribed_apis(wso2: Wso2Client) -> None:
    token = wso2.login()
    app_id = wso2.new_application(token, "Scoped")["applicationId"]
    path = f"/applications/scopes/{app_id}"
    assert wso2.store("GET", path, token).json() == {"list": []}
    wso2.store(
        "POST",
        "/subscriptions",
        token,
        json={
            "applicationId": app_id,
            "apiIdentifier": wso2.api_id("PizzaShackAPI"),
            "tier": "Gold",
        },
    )
    keys = {s["key"] for s in wso2.store("GET", path, token).json()["list"]}
    assert keys == {"pizza:order", "pizza:kitchen"}
    mine = wso2.store("GET", path, token, params={"filterByUserRoles": "true"}).json()
    assert [s["key"] for s in mine["list"]] == ["pizza:order"]


# ------------------------------------------------------------------------- SDK


def test_sdk_is_a_valid_zip(wso2: Wso2Client) -> None:
    token = wso2.login()
    api_id = wso2.api_id("PizzaShackAPI")
    response = wso2.store(
        "POST",
        "/apis/generate-sdk/",
        token,
        params={"apiId": api_id, "language": "java"},
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="PizzaShackAPI_1.0.0_java.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.testzip() is None
        files = archive.namelist()
        swagger_name = next(name for name in files if name.endswith("swagger.json"))
        swagger = json.loads(archive.read(swagger_name))
    assert swagger["info"]["title"] == "PizzaShackAPI"
    assert any(name.endswith("PizzaShackAPIApi.java") for name in files)


def test_sdk_errors(wso2: Wso2Client) -> None:
    token = wso2.login()
    api_id = wso2.api_id("PizzaShackAPI")
    cobol = wso2.store(
        "POST",
        "/apis/generate-sdk",
        token,
        params={"apiId": api_id, "language": "cobol"},
    )
    assert_error(cobol, 400, "cobol")
    missing = wso2.store("POST", "/apis/generate-sdk", token, params={"apiId": api_id})
    assert_error(missing, 400)
    unknown = wso2.store(
        "POST",
        "/apis/generate-sdk",
        token,
        params={"apiId": "nope", "language": "java"},
    )
    assert_error(unknown, 404)
    anonymous = wso2.store(
        "POST", "/apis/generate-sdk", params={"apiId": api_id, "language": "java"}
    )
    assert anonymous.status_code == 401
