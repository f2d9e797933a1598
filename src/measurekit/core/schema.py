"""The JSON Schema of the worksheet format, for editors (`measurekit schema`).

pydantic writes JSON Schema 2020-12 with `$defs`; the YAML language server that
VS Code uses reads draft-07. This module turns the one into the other, and tidies
what an editor shows: descriptions as hover help, enums as completions, no
generated titles or `null` defaults to insert.
"""

from __future__ import annotations

import json
from typing import Any

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# Keywords of 2020-12 that draft-07 does not know; the generator must never leave one.
NOT_IN_DRAFT_07 = (
    "$defs", "prefixItems", "unevaluatedProperties", "dependentRequired", "$dynamicRef"
)


def worksheet_schema() -> dict[str, Any]:
    """The schema of a worksheet file as a draft-07 JSON Schema document."""
    from .model import SCHEMA_VERSION, Worksheet

    generated = Worksheet.model_json_schema(mode="validation", ref_template="#/definitions/{model}")
    definitions = generated.pop("$defs", {})
    root = _tidy(generated)
    # schema_version has a default in the model, but a file must say it (the store checks).
    root["required"] = ["schema_version", *root.get("required", [])]
    return {
        "$schema": DRAFT_07,
        "title": f"measurekit worksheet (format version {SCHEMA_VERSION})",
        **{k: v for k, v in root.items() if k != "title"},
        "definitions": {name: _tidy(d) for name, d in sorted(definitions.items())},
    }


def schema_text() -> str:
    """The schema as the file `measurekit schema` writes: stable, readable, UTF-8."""
    return json.dumps(worksheet_schema(), indent=2, ensure_ascii=False) + "\n"


def _tidy(schema: dict[str, Any]) -> dict[str, Any]:
    """One object schema made draft-07 friendly; properties tidied one by one."""
    out = dict(schema)
    if "properties" in out:
        out["properties"] = {name: _tidy_value(s) for name, s in out["properties"].items()}
    return out


def _tidy_value(schema: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in schema.items() if k != "title"}
    if out.get("default", ...) is None:
        del out["default"]  # an editor would insert `null`, which means "left out" anyway
    if "items" in out:
        out["items"] = _tidy_value(out["items"])
    if "anyOf" in out:
        options = [_tidy_value(o) for o in out.pop("anyOf")]
        if all(set(o) == {"type"} for o in options):
            # anyOf plain types -> a list of types, which editors complete better.
            types = [o["type"] for o in options]
            if "number" in types and "integer" in types:
                types.remove("integer")  # draft-07: every integer is a number
            out["type"] = types
        else:
            out["anyOf"] = options
    if "$ref" in out and len(out) > 1:
        # draft-07 ignores every keyword beside $ref: keep the description with allOf.
        out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return out
