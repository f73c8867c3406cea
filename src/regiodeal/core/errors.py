"""Domain errors carry a Dutch message that can be shown to the user as it is."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A business rule refused the change; nothing was saved."""


class ImmutableRecordError(DomainError):
    """The record is published or otherwise final and may not change."""
