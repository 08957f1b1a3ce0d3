"""Pieces of the login policy that settings name: the client address for the lockout, and
the password rule on kinds of characters."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def client_ip(request: HttpRequest) -> str | None:
    """The address a login comes from (django-axes locks username and address together).
    Behind our reverse proxy (BEHIND_PROXY) that is the last X-Forwarded-For entry, the one
    the proxy appended; entries before it are whatever the client claimed."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if entries:
            return entries[-1]
    return request.META.get("REMOTE_ADDR")


class CharacterKindsValidator:
    """At least ``kinds`` of: letters, digits, other signs (Chinese characters count as
    letters). A long passphrase of words joined by hyphens passes; "abcdefghijk" does not."""

    def __init__(self, kinds: int = 2) -> None:
        self.kinds = kinds

    @staticmethod
    def kinds_in(password: str) -> int:
        letters = any(char.isalpha() for char in password)
        digits = any(char.isdigit() for char in password)
        others = any(not char.isalnum() for char in password)
        return letters + digits + others

    def validate(self, password: str, user: Any = None) -> None:
        if self.kinds_in(password) < self.kinds:
            raise ValidationError(
                ngettext(
                    "Use at least %(kinds)d kind of characters: letters, digits, other signs.",
                    "Use at least %(kinds)d kinds of characters: letters, digits, other signs.",
                    self.kinds,
                )
                % {"kinds": self.kinds},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("Your password must mix at least two kinds of characters: letters, digits, other signs.")
