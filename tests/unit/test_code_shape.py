"""The code's shape, held: who may import whom, and one definition of each vocabulary item.

- the gateway imports no service package (its image ships none);
- no runtime package imports the dev and test tooling (samskab_dev is never in an image);
- the infrastructure package imports nothing of the published language;
- a managed list of the vocabulary is assigned in samskab_contracts.vocabulary only.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from samskab_contracts import vocabulary

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("initiatives", "actors", "notifications", "reporting")
RUNTIME = {
    "gateway": ROOT / "gateway/gateway",
    "samskab_infra": ROOT / "lib/samskab_infra",
    "samskab_contracts": ROOT / "lib/samskab_contracts",
    "samskab_web": ROOT / "web/samskab_web",
    **{name: ROOT / f"services/{name}/{name}" for name in SERVICES},
}


def _modules(package_dir: Path):
    for path in sorted(package_dir.rglob("*.py")):
        yield path, ast.parse(path.read_text(), filename=str(path))


def _imported(tree: ast.AST) -> set[str]:
    """Top-level package names of every absolute import, wherever it sits in the module."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _offenders(package: str, forbidden: set[str]) -> list[str]:
    return [f"{path.relative_to(ROOT)} imports {sorted(_imported(tree) & forbidden)}"
            for path, tree in _modules(RUNTIME[package]) if _imported(tree) & forbidden]


def test_the_gateway_imports_no_service_package():
    assert _offenders("gateway", set(SERVICES)) == []


@pytest.mark.parametrize("package", sorted(RUNTIME))
def test_no_runtime_package_imports_the_dev_tooling(package):
    assert _offenders(package, {"samskab_dev", "pytest", "tests"}) == []


def test_the_infrastructure_knows_no_domain_and_no_service():
    assert _offenders("samskab_infra", {"samskab_contracts", *SERVICES, "gateway"}) == []


def test_the_contracts_import_no_service_and_no_gateway():
    assert _offenders("samskab_contracts", {*SERVICES, "gateway"}) == []


def test_the_pages_reach_the_services_only_through_the_gateways_api():
    """The web process imports no service and not the gateway: it calls the gateway over HTTP."""
    assert _offenders("samskab_web", {*SERVICES, "gateway"}) == []


def test_each_service_imports_no_other_service():
    for name in SERVICES:
        assert _offenders(name, set(SERVICES) - {name} | {"gateway"}) == [], name


MANAGED_LISTS = {name for name, value in vars(vocabulary).items()
                 if name.isupper() and isinstance(value, (tuple, dict, frozenset))}


def _literal_assignments(tree: ast.AST):
    """(name, line) of module-level names bound to a literal tuple, list, set or dict."""
    for node in tree.body:  # type: ignore[attr-defined]
        targets, value = [], None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        if isinstance(value, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            for target in targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.lineno


def test_every_managed_list_is_defined_once():
    assert {"PHASES", "THEMES", "GOAL_KINDS", "LANGUAGES", "ACTOR_KINDS"} <= MANAGED_LISTS
    again = []
    for directory in RUNTIME.values():
        for path, tree in _modules(directory):
            if path == ROOT / "lib/samskab_contracts/vocabulary.py":
                continue
            again += [f"{path.relative_to(ROOT)}:{line} {name}" for name, line in _literal_assignments(tree)
                      if name in MANAGED_LISTS]
    assert again == []
