"""Domain errors raised by services; views turn them into form errors or messages."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain forbids this change. ``field`` names the input at fault."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class PermissionDenied(DomainError):
    """The actor may not make this change (views turn it into 403/404)."""
