"""docs/personal-data.md lists exactly the personal-data fields the services declare
in code (``PERSONAL_DATA_FIELDS`` of each service's ``personal_data.py``)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from actors import personal_data as actors
from gateway import personal_data as gateway
from initiatives import personal_data as initiatives
from notifications import personal_data as notifications
from reporting import personal_data as reporting

pytestmark = pytest.mark.unit

DOC = Path(__file__).resolve().parents[2] / "docs" / "personal-data.md"
HOLDERS = {module.SERVICE: module for module in (actors, initiatives, notifications, reporting, gateway)}
HEADER = ["service", "collection", "field"]
CODE = re.compile(r"`([^`]+)`")
PATH = re.compile(r"^(\*\*\.)?[A-Za-z_][A-Za-z0-9_]*(\[\])?((\.<id>|\.[A-Za-z_][A-Za-z0-9_]*)(\[\])?)*$")


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def documented(text: str) -> set[tuple[str, str, str]]:
    """(service, collection, field) of every row of the inventory tables: the collection
    is the first `code` of its cell, the fields every `code` of theirs."""
    rows: set[tuple[str, str, str]] = set()
    in_table = False
    for line in text.splitlines():
        if not line.startswith("|"):
            in_table = False
            continue
        row = cells(line)
        if row[:3] == HEADER:
            in_table = True
            continue
        if not in_table or set(line) <= set("|- "):
            continue
        service, collection_cell, field_cell = row[:3]
        collection = CODE.findall(collection_cell)
        fields = CODE.findall(field_cell)
        assert collection and fields, f"row without a `collection` or a `field`: {line}"
        rows |= {(service, collection[0], field) for field in fields}
    return rows


def declared() -> set[tuple[str, str, str]]:
    return {(service, collection, field) for service, module in HOLDERS.items()
            for collection, field in module.PERSONAL_DATA_FIELDS}


def test_the_document_lists_exactly_the_declared_fields():
    in_doc, in_code = documented(DOC.read_text(encoding="utf-8")), declared()
    assert sorted(in_code - in_doc) == [], "declared in code, missing from docs/personal-data.md"
    assert sorted(in_doc - in_code) == [], "in docs/personal-data.md, not declared in code"


def test_every_service_holding_data_about_actors_declares_it():
    assert set(HOLDERS) == {"actors", "initiatives", "notifications", "reporting", "gateway"}
    for service, module in HOLDERS.items():
        assert module.PERSONAL_DATA_FIELDS, service
        pairs = list(module.PERSONAL_DATA_FIELDS)
        assert len(pairs) == len(set(pairs)), f"{service} declares a field twice"


@pytest.mark.parametrize("service", sorted(HOLDERS))
def test_declared_fields_are_well_formed_paths(service):
    for collection, field in HOLDERS[service].PERSONAL_DATA_FIELDS:
        assert re.fullmatch(r"[a-z_]+", collection), (service, collection)
        assert PATH.match(field), (service, field)


def test_the_parser_reads_rows_and_refuses_a_row_without_fields():
    table = ("| service | collection | field | purpose |\n| --- | --- | --- | --- |\n"
             "| actors | `actors` (claims) | `a.b`, `c[]` (note) | why |\n\nprose `x`\n")
    assert documented(table) == {("actors", "actors", "a.b"), ("actors", "actors", "c[]")}
    with pytest.raises(AssertionError):
        documented(table.replace("`a.b`, `c[]`", "none"))
