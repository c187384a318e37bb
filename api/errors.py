"""API errors are JSON in the request's language: DRF's own (translated by the active
language), and the services' ValidationErrors as 400 with their messages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler


def json_errors(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # "Not found." in the request's language, nothing more
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    return exception_handler(exc, context)
