"""Adds the problem+json answers every operation can give to the OpenAPI document."""

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An error (RFC 9457).",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["type", "title", "status", "detail", "instance"],
}
API_VERSION_HEADER = {
    "API-Version": {
        "description": "The version of the API that answered.",
        "schema": {"type": "string", "example": "1.0.0"},
    }
}
READ_ERRORS = {"400": "Invalid parameters.", "404": "Not found.", "406": "Not acceptable."}
WRITE_ERRORS = {
    **READ_ERRORS,
    "401": "No or an invalid token.",
    "403": "The token's account may not do this.",
    "415": "Unsupported media type.",
}


def add_problem_responses(result: dict, generator, request, public) -> dict:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            errors = READ_ERRORS if method == "get" else WRITE_ERRORS
            responses = operation.setdefault("responses", {})
            for code, description in errors.items():
                responses.setdefault(code, {"description": description, "content": problem})
            for response in responses.values():
                response.setdefault("headers", {}).update(API_VERSION_HEADER)
    return result
