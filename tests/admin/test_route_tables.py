"""The Admin API route tables against WSO2's published definitions.

The definitions are read from shared/wso2/ beside the repository (see
`tests.spec`); without them these tests skip and say where they looked.
"""

import pytest

from adminapi.routes import TABLES
from tests.spec import mismatches, shared_spec, spec_operations, table_operations

FIELDS = ("scope", "query", "body")
V0_12_ADDITIONS = {
    ("GET", "/applications"),
    ("POST", "/applications/{applicationId}/change-owner"),
}


@pytest.fixture
def v0_11():
    return spec_operations(shared_spec("admin-api-v0.11.yaml"))


@pytest.fixture
def v0_12():
    return spec_operations(shared_spec("admin-api-v0.12.yaml"))


def test_the_0_11_table_lists_every_operation_of_the_0_11_definition(v0_11):
    assert set(table_operations(TABLES["0.11"])) == set(v0_11)


@pytest.mark.parametrize("field", FIELDS)
def test_the_0_11_table_agrees_with_the_definition_on_each_operation(v0_11, field):
    assert mismatches(table_operations(TABLES["0.11"]), v0_11, field) == {}


def test_the_0_12_table_adds_only_the_application_ownership_operations(v0_12):
    ours = set(table_operations(TABLES["0.12"]))

    assert ours - set(table_operations(TABLES["0.11"])) == V0_12_ADDITIONS
    assert ours <= set(v0_12)


@pytest.mark.parametrize("field", FIELDS)
def test_the_0_12_table_agrees_with_the_definition_on_each_operation(v0_12, field):
    assert mismatches(table_operations(TABLES["0.12"]), v0_12, field) == {}


def test_no_table_lists_an_operation_twice():
    for version, table in TABLES.items():
        keys = [(operation.method, operation.path) for operation in table]
        assert len(keys) == len(set(keys)), version
