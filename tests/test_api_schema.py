"""Schemathesis against the API's own OpenAPI document, in-process (WSGI, no network).

Every GET operation, on the demo: no server error, and every answer (status, content type,
headers and body) is what the document says.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from regiodeal.decisions.models import Decision, DecisionList
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import Pillar, Programme
from regiodeal.projects.models import Project
from regiodeal.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 30


@contextmanager
def connection_kept_open():
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction; Django's test client disconnects the same signals."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def existing_keys() -> dict[str, list]:
    """Real keys for the detail operations: random ones almost never name a resource."""
    return {
        "/api/v1/programmas/{slug}": list(Programme.objects.values_list("slug", flat=True)),
        "/api/v1/pijlers/{id}": list(Pillar.objects.values_list("pk", flat=True)),
        "/api/v1/projecten/{slug}": list(Project.objects.public().values_list("slug", flat=True)),
        "/api/v1/besluiten/{id}": list(Decision.objects.published().values_list("pk", flat=True)),
        "/api/v1/besluitenlijsten/{slug}": list(
            DecisionList.objects.values_list("meeting__slug", flat=True)
        ),
        "/api/v1/organisaties/{slug}": list(Organisation.objects.values_list("slug", flat=True)),
        "/api/v1/gemeenten/{code}": list(Municipality.objects.values_list("code", flat=True)),
    }


def get_operations(schema):
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "GET":
            yield operation


@pytest.mark.schemathesis
def test_every_get_operation_keeps_to_the_openapi_document(full_demo):
    with connection_kept_open():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        operations = list(get_operations(schema))
        assert len(operations) == 14

        for operation in operations:

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy())
            def check(case):
                case.call_and_validate(checks=CHECKS)

            check()

        for path, keys in existing_keys().items():
            operation = schema[path]["GET"]
            name = path.split("{")[1].rstrip("}")
            for key in keys:
                operation.Case(path_parameters={name: key}).call_and_validate(checks=CHECKS)
