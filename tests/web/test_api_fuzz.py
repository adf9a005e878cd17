"""Every operation of the API's OpenAPI schema, fuzzed with schemathesis through the WSGI app (no
server): as the planning office and as a department's clerk, with the generated path parameters
and again with those of a real plan, round and value, so the bodies and queries reach the
services. No answer may be a 5xx, and every answer must be what the schema says.

Kept under a minute: few examples per operation, derandomised so every run tries the same cases.
Raise ``EXAMPLES`` (and drop ``derandomize``) for a deeper hunt: 150 random examples an operation
on SQLite and 100 on PostgreSQL found no 5xx; they found undocumented answers, since put in the
schema (400 of the value list's filters, 409 of the review steps) or answered as documented (the
JSON 404 of a path that names no route, :func:`planeval.web.core.failures.not_found`).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from planeval.web.core import values
from planeval.web.wsgi import application

PERSONAS = ("planner", "clerk_a")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 12
PASSWORD = "fuzz-password"


def basic(username: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()}


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """Keep the test's database connection (and its transaction) across the WSGI calls, as
    Django's test client does: the handler would close a connection outside autocommit."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def real(world: Any, personas: Any, connection_kept: None) -> dict[str, str]:
    """The path parameters of the world's plan, open round and a draft value of department A;
    the personas get a password to log in with through Basic authentication."""
    for persona in PERSONAS:
        account = get_user_model().objects.get(username=persona)
        account.set_password(PASSWORD)
        account.save(update_fields=["password"])
    value = values.save(get_user_model().objects.get(username="clerk_a"), world.indicator_a, world.round, "43")
    return {"slug": world.plan.slug, "period": world.round.period, "pk": str(value.pk)}


def _openapi() -> dict[str, Any]:
    """The schema ``/api/schema/`` serves, made without a request (so without a database)."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


schema = schemathesis.openapi.from_dict(_openapi())
schema.app = application  # called in-process through WSGI, inside the test's transaction


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
          suppress_health_check=list(HealthCheck))  # fmt: skip
def test_it_answers_every_operation_without_a_server_error(case: Any, real: dict[str, str]) -> None:
    generated = dict(case.path_parameters or {})
    for persona in PERSONAS:
        for parameters in (generated, {name: real.get(name, given) for name, given in generated.items()}):
            case.path_parameters = parameters
            case.call_and_validate(headers=basic(persona), checks=CHECKS)
