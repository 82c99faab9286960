"""The stand-in is an independent peer of the product, in both directions."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from tests.sandbox.wso2_testkit import REPO_ROOT

STAND_IN = [
    REPO_ROOT / "sandbox" / "__init__.py",
    *(REPO_ROOT / "sandbox" / "wso2").glob("*.py"),
]
# Where product code lives; the stand-in's own tests and tooling may use it.
NOT_PRODUCT = {".venv", "sandbox", "tests", "bench", ".git"}


def imported_roots(path: Path) -> set[str]:
    """Top-level names of the absolute imports in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_stand_in_imports_only_the_standard_library() -> None:
    assert len(STAND_IN) > 5
    outside = {
        path.name: sorted(roots - set(sys.stdlib_module_names))
        for path in STAND_IN
        if (roots := imported_roots(path)) - set(sys.stdlib_module_names)
    }
    assert outside == {}


def test_product_code_does_not_import_the_stand_in() -> None:
    product = [
        path
        for path in REPO_ROOT.rglob("*.py")
        if path.relative_to(REPO_ROOT).parts[0] not in NOT_PRODUCT
    ]
    assert [str(p) for p in product if "sandbox" in imported_roots(p)] == []
