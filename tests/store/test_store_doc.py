"""docs/store-api.md documents exactly the operations of the route table."""

import re

from django.conf import settings

from storeapi.doc import render
from storeapi.routes.v0_11 import ROUTES

DOC = settings.BASE_DIR / "docs" / "store-api.md"
ROW = re.compile(r"^\| (\w+) \| `/store(\S*)` \|", re.MULTILINE)


def test_the_document_is_the_one_generated_from_the_table():
    assert DOC.read_text() == render(), "python -m storeapi.doc > docs/store-api.md"


def test_the_document_has_one_row_per_operation_of_the_table():
    rows = ROW.findall(DOC.read_text())

    assert sorted(rows) == sorted((op.method, op.path) for op in ROUTES)
