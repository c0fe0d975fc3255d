"""Makes the OpenAPI schema tell the truth about errors that do not come from route code.

- A 4xx body is always `{"detail": ...}`: a list of validation errors from FastAPI, or one
  sentence from a route (e.g. "the period starts after it ends"). The generated schema only
  allows the list, so the sentence form is added.
- The body-size and rate-limit middleware answer 413 and 429 before any route runs; those are
  documented on the operations they guard.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from web.security import RATE_LIMITED_PATHS

TOO_LARGE = {
    "description": "The request body is larger than the limit",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DetailMessage"}}},
}
TOO_MANY = {
    "description": "Too many requests from this client; retry after `Retry-After` seconds",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DetailMessage"}}},
}
ERROR_DETAIL = {
    "title": "DetailMessage",
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {"type": "string", "description": "What was wrong, in one line."}},
}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Adds the sentence form of `detail`, and 413/429 where the middleware can give them."""
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas["DetailMessage"] = ERROR_DETAIL
    validation = schemas.get("HTTPValidationError")
    if validation is not None:
        detail = validation["properties"]["detail"]
        validation["properties"]["detail"] = {
            "anyOf": [
                {k: v for k, v in detail.items() if k != "title"},
                {"type": "string"},
            ],
            "title": "Detail",
        }
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if "requestBody" in operation:
                responses.setdefault("413", TOO_LARGE)
            if path in RATE_LIMITED_PATHS and method == "post":
                responses.setdefault("429", TOO_MANY)
    return schema


def install(app: FastAPI) -> None:
    """Makes `app.openapi()` return the documented schema (built once, then cached)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_errors(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
