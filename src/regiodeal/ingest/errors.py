"""The errors an import can raise: each carries a Dutch message for the person importing."""

from regiodeal.core.errors import DomainError


class IngestError(DomainError):
    """A file could not be read or turned into decisions; nothing was stored."""


class UnsupportedFormatError(IngestError):
    """The file is not one of the supported formats, or its content does not match its name."""


class FileTooLargeError(IngestError):
    """The file is larger than the configured import limit."""


class UnreadableFileError(IngestError):
    """The file is damaged, encrypted, a zip bomb, or has no text to read."""


class EmptyDocumentError(IngestError):
    """The file was read but holds no text."""
