"""The API's documentation as an ordinary page of the site, written from the same OpenAPI
schema that /api/schema/ serves: every address, its parameters and the fields of what it
returns. (Swagger UI's generated page fails basic accessibility checks; this one is plain
GOV.UK markup.)"""

from dataclasses import dataclass, field
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator


@dataclass
class Field:
    name: str
    type: str
    description: str = ""
    required: bool = False


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    parameters: list[Field] = field(default_factory=list)
    returns: str = ""
    returns_shape: str = ""  # the described shape it returns, to link to
    anchor: str = ""


@dataclass
class Shape:
    name: str
    description: str
    fields: list[Field]


def type_of(schema: dict) -> str:
    """A property's type in words: "string (date)", "list of Action", "Action"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema or "oneOf" in schema:
        parts = schema.get("allOf") or schema.get("oneOf")
        return " or ".join(type_of(part) for part in parts)
    if schema.get("type") == "array":
        return f"list of {type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"] if v not in ("", None))
    kind = schema.get("type", "object")
    if schema.get("format"):
        kind += f" ({schema['format']})"
    return kind + (", or null" if schema.get("nullable") else "")


def returned(operation: dict) -> str:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    return type_of(schema) if schema else ""


@cache
def reference() -> tuple[dict, list[Operation], list[Shape]]:
    """Read once a process: the schema only changes with the code."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("description") or operation.get("summary", ""),
                    parameters=[
                        Field(
                            name=f"{p['name']} ({p['in']})",
                            type=type_of(p.get("schema", {})),
                            description=p.get("description", ""),
                            required=p.get("required", False),
                        )
                        for p in operation.get("parameters", [])
                    ],
                    returns=returned(operation),
                    anchor=operation.get("operationId", path),
                )
            )
    shapes = [
        Shape(
            name=name,
            description=component.get("description", ""),
            fields=[
                Field(
                    name=prop,
                    type=type_of(detail),
                    description=detail.get("description", ""),
                    required=prop in component.get("required", []),
                )
                for prop, detail in component.get("properties", {}).items()
            ],
        )
        for name, component in schema["components"]["schemas"].items()
        if component.get("properties")
    ]
    described = {shape.name for shape in shapes}
    for operation in operations:
        named = operation.returns.removeprefix("list of ")
        operation.returns_shape = named if named in described else ""
    return schema["info"], operations, shapes


def api_docs(request: HttpRequest) -> HttpResponse:
    info, operations, shapes = reference()
    context = {"info": info, "operations": operations, "shapes": shapes}
    return render(request, "api/docs.html", context)
