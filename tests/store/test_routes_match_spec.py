"""The Store route table says what the published Store API v0.11 says."""

import pytest

from storeapi.routes.v0_11 import ROUTES
from tests.spec import (
    Described,
    mismatches,
    shared_spec,
    spec_operations,
    table_operations,
)

# The one v0.12 operation the v0.11 table carries, checked against v0.12.
FROM_V0_12 = ("POST", "/applications/regenerate-consumersecret")


@pytest.fixture(scope="module")
def spec():
    return spec_operations(shared_spec("store-api-v0.11.yaml"))


@pytest.fixture(scope="module")
def table():
    return table_operations(ROUTES)


def test_the_table_has_every_operation_of_the_spec(spec, table):
    assert sorted(spec.keys() - table.keys()) == []


def test_the_table_has_no_operation_beyond_the_spec_but_the_v0_12_one(spec, table):
    assert sorted(table.keys() - spec.keys()) == [FROM_V0_12]


@pytest.mark.parametrize("field", ["scope", "query", "body"])
def test_each_operation_agrees_with_the_spec_on(spec, table, field):
    assert mismatches(table, spec, field) == {}


def test_the_v0_12_operation_agrees_with_the_v0_12_spec(table):
    later = spec_operations(shared_spec("store-api-v0.12.yaml"))

    assert table[FROM_V0_12] == later[FROM_V0_12]


def test_the_spec_reader_sees_scopes_references_and_body_shapes(tmp_path):
    definition = tmp_path / "api.yaml"
    definition.write_text(
        """
swagger: '2.0'
parameters:
  limit: {name: limit, in: query, type: integer}
definitions:
  Thing: {properties: {name: {type: string}}}
paths:
  /things/{thingId}:
    parameters:
      - {name: thingId, in: path, type: string}
      - {name: expand, in: query, type: boolean}
    get:
      parameters:
        - $ref: '#/parameters/limit'
        - {name: If-None-Match, in: header, type: string}
    put:
      x-scope: things:write
      parameters:
        - {name: body, in: body, schema: {$ref: '#/definitions/Thing'}}
  /things/batch:
    post:
      x-scope: things:write
      parameters:
        - name: body
          in: body
          schema: {type: array, items: {$ref: '#/definitions/Thing'}}
  /things/import:
    post:
      consumes: [multipart/form-data]
      parameters:
        - {name: file, in: formData, type: file}
"""
    )

    assert spec_operations(definition) == {
        ("GET", "/things/{thingId}"): Described(None, {"limit", "expand"}, None),
        ("PUT", "/things/{thingId}"): Described("things:write", {"expand"}, "object"),
        ("POST", "/things/batch"): Described("things:write", frozenset(), "array"),
        ("POST", "/things/import"): Described(None, frozenset(), "form"),
    }
