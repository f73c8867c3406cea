"""Human-readable documentation of the API, rendered on the server from the OpenAPI document
(no Swagger or Redoc: their scripts would load from the internet)."""

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

from .errors import API_VERSION

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    location: str
    required: bool
    type: str
    description: str
    values: list[str] = field(default_factory=list)


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    secured: bool
    parameters: list[Parameter]
    responses: list[tuple[str, str]]


def _type_of(schema: dict, components: dict) -> tuple[str, list[str]]:
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema.get("type", "string"), [str(value) for value in schema.get("enum", [])]


def operations(schema: dict) -> list[Operation]:
    """The operations of an OpenAPI document, in the order of its paths."""
    components = schema.get("components", {}).get("schemas", {})
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            parameters = []
            for parameter in operation.get("parameters", []):
                kind, values = _type_of(parameter.get("schema", {}), components)
                parameters.append(
                    Parameter(
                        name=parameter["name"],
                        location=parameter["in"],
                        required=parameter.get("required", False),
                        type=kind,
                        description=parameter.get("description", ""),
                        values=values,
                    )
                )
            responses = [
                (code, response.get("description", ""))
                for code, response in sorted(operation.get("responses", {}).items())
            ]
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("description", "") or operation.get("summary", ""),
                    # Reading is open to all; every write needs an office token.
                    secured=method != "get",
                    parameters=parameters,
                    responses=responses,
                )
            )
    return found


def docs(request: HttpRequest) -> HttpResponse:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    response = render(
        request,
        "api/docs.html",
        {"info": schema.get("info", {}), "operations": operations(schema)},
    )
    response["API-Version"] = API_VERSION
    return response
