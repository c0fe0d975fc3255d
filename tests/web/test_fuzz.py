"""API fuzzing: schemathesis generates requests from the app's own OpenAPI schema.

No operation may answer 5xx, and every response must conform to the schema (status code
documented, body valid, content type as declared). Runs in-process through ASGI, with a rate
limit high enough never to interfere and a bounded number of examples per operation.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance

from application.limits import Budgets
from suunta.settings import Settings
from suunta.wiring import Components
from web.app import create_app

EXAMPLES = 20


class _NotStarted:
    """Enough of the services to build the app without a lifespan (nothing runs)."""

    version = "0.0.0"

    def limits(self) -> Budgets:
        return Budgets.from_url(None)


def _labels() -> list[str]:
    # Building the app runs nothing (no lifespan): enough to list its operations.
    app = create_app(Settings(_env_file=None), _NotStarted())  # type: ignore[call-arg, arg-type]
    operations = schemathesis.openapi.from_dict(app.openapi()).get_all_operations()
    return [r.ok().label for r in operations]  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def api_schema(web_settings: Settings, web_components: Components) -> Iterator[object]:
    """The app's schema, bound to the running app (lifespan entered)."""
    app: FastAPI = create_app(
        web_settings.model_copy(update={"rate_limit_per_minute": 1_000_000}), web_components
    )
    with TestClient(app):
        schema = schemathesis.openapi.from_dict(app.openapi())
        schema.app = app
        yield schema


@pytest.mark.parametrize("label", _labels())
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_server_errors_and_schema_conformance(
    api_schema: schemathesis.schemas.BaseSchema, label: str, data: st.DataObject
) -> None:
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None
    case = data.draw(operation.as_strategy())
    # Rules that span fields (a period's start before its end, "at least one answer") cannot be
    # written in OpenAPI, so a schema-valid request may rightly get 422: that check is left out.
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    assert response.status_code < 500
