"""Personal data: revealing an applicant, opening a letter."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.requests.models import (
    InfoRequest,
    Letter,
)

# --- personal data -------------------------------------------------------------------------------


@transaction.atomic
def applicant_reveal(*, actor: Any, info_request: InfoRequest) -> Any:
    """The applicant's full record, for the handling body's request handlers only; every
    opening is logged."""
    from gongkai.requests.privacy import may_view_personal_data, unmasked

    if not may_view_personal_data(actor, info_request):
        raise PermissionDenied(
            _("Only the handlers of the body that handles the application may see the applicant's data.")
        )
    log_action(
        actor=actor,
        action="request.personal_data_viewed",
        target=info_request,
        organization=info_request.organization,
    )
    return unmasked(info_request.applicant)


@transaction.atomic
def letter_open(*, actor: Any, letter: Letter, fmt: str) -> tuple[str, str, bytes]:
    """A letter's stored file (it carries personal data): logged like any full view."""
    from gongkai.requests.privacy import may_view_personal_data

    if not may_view_personal_data(actor, letter.request):
        raise PermissionDenied(
            _("Only the handlers of the body that handles the application may open its letters.")
        )
    field = {"docx": letter.docx, "pdf": letter.pdf}.get(fmt)
    if field is None:
        raise DomainError(_("Unknown format."))
    with field.open("rb") as handle:
        data = handle.read()
    expected = letter.docx_sha256 if fmt == "docx" else letter.pdf_sha256
    if hashlib.sha256(data).hexdigest() != expected:
        raise DomainError(
            _("The stored file of this letter does not match its fingerprint; it may have been altered.")
        )
    log_action(
        actor=actor,
        action="letter.opened",
        target=letter.request,
        organization=letter.request.organization,
        data={"letter": letter.number, "format": fmt},
    )
    name = (field.name or "").rsplit("/", 1)[-1]
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return name, content_type, data
