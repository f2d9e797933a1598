"""The JSON Schema for editors: draft-07, up to date, and in agreement with the tool.

The schema is checked with a real draft-07 validator (jsonschema, a test dependency)
on worksheets read the way the YAML language server reads them (YAML 1.2: dates are
text), and every mutation it refuses is refused by `measurekit validate` too.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from measurekit.cli import app
from measurekit.core.schema import DRAFT_07, NOT_IN_DRAFT_07, schema_text, worksheet_schema
from measurekit.core.store import HEADER, SCHEMA_FILENAME

from .conftest import EXAMPLE, STARTER, WORKSHEETS

SHIPPED = WORKSHEETS / SCHEMA_FILENAME


class _YamlAsEditorsReadIt(yaml.SafeLoader):
    """YAML 1.2 as the language server reads it: `2027-06-30` is text, not a date."""


_YamlAsEditorsReadIt.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_as_editor(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlAsEditorsReadIt)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = worksheet_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    return jsonschema.Draft7Validator(schema, format_checker=checker)


def _walk(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_schema_is_draft_07_for_the_yaml_language_server():
    schema = worksheet_schema()
    assert schema["$schema"] == DRAFT_07
    text = json.dumps(schema)
    for keyword in NOT_IN_DRAFT_07:
        assert f'"{keyword}"' not in text
    refs = [n["$ref"] for n in _walk(schema) if "$ref" in n]
    assert refs and all(r.startswith("#/definitions/") for r in refs)
    assert {r.removeprefix("#/definitions/") for r in refs} <= set(schema["definitions"])
    # draft-07 ignores keywords beside $ref, so nothing may stand there.
    assert all(len(n) == 1 for n in _walk(schema) if "$ref" in n)
    objects = [schema, *schema["definitions"].values()]
    assert all(o["additionalProperties"] is False for o in objects)


def test_schema_helps_an_editor_complete_and_explain_fields():
    schema = worksheet_schema()
    defs = schema["definitions"]
    assert schema["required"] == ["schema_version", "title", "result"]
    assert defs["Partner"]["properties"]["kind"]["enum"] == ["internal", "external"]
    assert defs["Measure"]["properties"]["type"]["enum"] == ["how_much", "how_well", "better_off"]
    assert defs["NextStep"]["properties"]["by_when"]["format"] == "date"
    assert defs["Partner"]["properties"]["id"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    for obj in [schema, *defs.values()]:
        for name, prop in obj["properties"].items():
            assert prop.get("description"), f"{name} has no description for hover help"
            assert "title" not in prop and prop.get("default", "unset") is not None


def test_shipped_schema_file_is_up_to_date():
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(), (
        "worksheets/measurekit.schema.json is stale: run "
        "`measurekit schema --output worksheets/measurekit.schema.json`"
    )


def test_saved_worksheets_point_at_the_schema_beside_them():
    for path in (EXAMPLE, STARTER):
        assert path.read_text(encoding="utf-8").startswith(HEADER)
    assert HEADER == f"# yaml-language-server: $schema={SCHEMA_FILENAME}\n"
    assert (EXAMPLE.parent / SCHEMA_FILENAME).exists()


def test_schema_command_prints_and_writes_it(tmp_path: Path):
    runner = CliRunner()
    printed = runner.invoke(app, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == worksheet_schema()
    target = tmp_path / SCHEMA_FILENAME
    written = runner.invoke(app, ["schema", "--output", str(target)])
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", [EXAMPLE, STARTER], ids=lambda p: p.name)
def test_schema_accepts_the_example_worksheets(validator, path: Path):
    errors = [e.message for e in validator.iter_errors(read_as_editor(path))]
    assert errors == []


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is _DELETE:
        del node[last]
    else:
        node[int(last) if last.isdigit() else last] = value


_DELETE = object()

# Each mutation of the example is an error for the tool, and the schema must flag it too.
MUTATIONS = {
    "unknown top-level key": ("titel", "Typo"),
    "unknown key in a measure": ("partners.0.measures.0.tpye", "how_much"),
    "bad kind": ("partners.0.kind", "partner"),
    "bad status": ("partners.0.status", "maybe"),
    "bad measure type": ("partners.0.measures.0.type", "how_good"),
    "bad step": ("next_steps.0.step", 4),
    "bad id": ("partners.0.id", "Juvenile Probation"),
    "bad date": ("next_steps.0.by_when", "30/06/2027"),
    "not a real date": ("partners.0.measures.0.target_date", "2027-02-30"),
    "missing title": ("title", _DELETE),
    "missing schema_version": ("schema_version", _DELETE),
    "missing partner kind": ("partners.0.kind", _DELETE),
    "empty name": ("partners.0.name", ""),
    "newer format": ("schema_version", 4),
    "done is not a boolean": ("work_plan.0.done", "soon"),
    "shared measure with no partner": ("shared_measures.0.partners", []),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS), ids=list(MUTATIONS))
def test_schema_and_tool_both_refuse(validator, tmp_path: Path, mutation: str):
    data = read_as_editor(EXAMPLE)
    broken = copy.deepcopy(data)
    _set(broken, *MUTATIONS[mutation])
    assert list(validator.iter_errors(broken)), f"the schema accepts: {mutation}"

    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(broken, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, f"the tool accepts: {mutation}"
