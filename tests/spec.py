"""Compare a route table with the published Swagger 2.0 definition of its API.

The definitions are reference data kept beside the repository, in
`<repo>/../shared/wso2/`, and never copied into it; a test that needs one
skips, saying where it looked, when it is absent.

    operations = spec_operations(shared_spec("admin-api-v0.11.yaml"))
    assert mismatches(table_operations(TABLES["0.11"]), operations, "scope") == {}
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

SHARED_SPECS = Path(__file__).resolve().parents[2] / "shared" / "wso2"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class Described:
    """What a table and a spec must agree on about one operation.

    `scope` is the operation's x-scope (None when anonymous callers may use
    it), `query` the names of its query parameters, `body` the JSON shape of
    its body ("object" or "array"), "form" for form fields, or None.
    """

    scope: str | None
    query: frozenset
    body: str | None


def shared_spec(name):
    """Return the path of the shared definition `name`, or skip the test."""
    path = SHARED_SPECS / name
    if not path.is_file():
        pytest.skip(
            f"{name} is not in {SHARED_SPECS}: put the shared WSO2 "
            "definitions beside the repository to compare the table with it."
        )
    return path


def spec_operations(path):
    """Return `{(METHOD, path template): Described}` for a Swagger 2.0 file."""
    spec = yaml.safe_load(Path(path).read_text())
    operations = {}
    for template, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            parameters = [
                _resolve(spec, parameter)
                for parameter in (*shared, *operation.get("parameters", []))
            ]
            operations[(method.upper(), template)] = Described(
                scope=operation.get("x-scope"),
                query=frozenset(p["name"] for p in parameters if p["in"] == "query"),
                body=_body_shape(spec, parameters),
            )
    return operations


def table_operations(table):
    """Return the same mapping for a `proxy.routes.RouteTable`."""
    return {
        (operation.method, operation.path): Described(
            operation.scope, frozenset(operation.query), operation.body
        )
        for operation in table
    }


def mismatches(table, spec, field):
    """Return `{operation: (table's value, spec's value)}` where `field` differs.

    Only operations that both list are compared; which ones are missing is
    a question of its own.
    """
    found = {}
    for key in table.keys() & spec.keys():
        ours, theirs = getattr(table[key], field), getattr(spec[key], field)
        if ours != theirs:
            found[key] = (ours, theirs)
    return found


def _resolve(spec, node):
    """Follow a local `$ref` ("#/parameters/limit") to what it names."""
    while "$ref" in node:
        target = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _body_shape(spec, parameters):
    if any(parameter["in"] == "formData" for parameter in parameters):
        return "form"
    for parameter in parameters:
        if parameter["in"] == "body":
            return _resolve(spec, parameter["schema"]).get("type", "object")
    return None
