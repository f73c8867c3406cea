"""Errors as ``application/problem+json`` (RFC 9457), as the API Design Rules ask."""

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

PROBLEM_JSON = "application/problem+json"
API_VERSION = "1.0.0"


def problem(
    status: int, detail: str, instance: str, invalid_params: list[dict] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        # about:blank: the status code says it all; the title is its standard phrase.
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if invalid_params:
        data["invalidParams"] = invalid_params
    return data


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error detail as a flat list of ``{"name", "reason"}``."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            name = key if not prefix else f"{prefix}.{key}"
            found += _flatten(value, "" if key == "non_field_errors" and not prefix else name)
        return found
    if isinstance(detail, list):
        return [item for value in detail for item in _flatten(value, prefix)]
    return [{"name": prefix, "reason": str(detail)}]


def problem_exception_handler(exc: Exception, context: dict) -> Response | None:
    request = context["request"]
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        )
    if not isinstance(exc, exceptions.APIException):
        return None

    invalid_params = None
    if isinstance(exc, exceptions.ValidationError):
        invalid_params = _flatten(exc.detail)
        detail = _("The request has invalid parameters; see invalidParams.")
    else:
        detail = str(exc.detail)
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(exc.wait)
    set_rollback()
    return Response(
        problem(exc.status_code, detail, request.get_full_path(), invalid_params),
        status=exc.status_code,
        headers=headers,
        content_type=PROBLEM_JSON,
    )


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any address under the API that names no resource."""
    response = JsonResponse(
        problem(404, _("There is no resource at this address."), request.get_full_path()),
        status=404,
        content_type=PROBLEM_JSON,
    )
    response["API-Version"] = API_VERSION
    return response
