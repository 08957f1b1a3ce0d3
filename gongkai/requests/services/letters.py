"""Letters: numbering, issuing, correcting, delivery and the office's templates."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.requests.clock import ClockState
from gongkai.requests.codes import (
    REPLY_DISPOSITIONS,
    DeliveryMethod,
    LetterKind,
)
from gongkai.requests.letters.compose import addressee_for, compose
from gongkai.requests.letters.defaults import PLACEHOLDERS
from gongkai.requests.letters.render import LetterContent, paragraphs_of, placeholders_in, render_letter
from gongkai.requests.models import (
    InfoRequest,
    Letter,
    LetterDelivery,
    LetterSequence,
    LetterTemplate,
    Reply,
    RequestEvent,
)
from gongkai.requests.services._common import HANDLE, TEMPLATE_EDIT, _check_date, _require, _today

# --- letters ------------------------------------------------------------------------------------


def _next_letter_number(organization: Organization, year: int) -> str:
    sequence, _created = LetterSequence.objects.select_for_update().get_or_create(
        organization=organization, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    prefix = organization.short_name or organization.name
    return f"{prefix}依申请〔{year}〕{sequence.last}号"


def _issue(
    *,
    actor: Any,
    info_request: InfoRequest,
    kind: str,
    title: str,
    body: str,
    source: str,
    issued_on: dt.date,
    reply: Reply | None = None,
    event: RequestEvent | None = None,
    supersedes: Letter | None = None,
    reason: str = "",
) -> Letter:
    paragraphs = paragraphs_of(body)
    if not title.strip() or not paragraphs:
        raise DomainError(_("A letter needs a title and a text."), field="body")
    leftover = placeholders_in(body)
    if leftover:
        raise DomainError(
            _("Fill in the placeholders before issuing: %(names)s.") % {"names": ", ".join(sorted(leftover))},
            field="body",
        )
    organization = info_request.organization
    content = LetterContent(
        title=title.strip(),
        number=_next_letter_number(organization, issued_on.year),
        addressee=addressee_for(info_request, kind, event),
        paragraphs=paragraphs,
        signatory=organization.name,
        issued_on=issued_on,
    )
    docx_name, _ct, docx_bytes = render_letter(content, "docx")
    pdf_name, _ct, pdf_bytes = render_letter(content, "pdf")
    letter = Letter(
        request=info_request,
        kind=kind,
        reply=reply,
        event=event,
        number=content.number,
        title=content.title,
        body="\n".join(paragraphs),
        addressee=content.addressee,
        signatory=content.signatory,
        issued_on=issued_on,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        template_source=source,
        docx_sha256=hashlib.sha256(docx_bytes).hexdigest(),
        pdf_sha256=hashlib.sha256(pdf_bytes).hexdigest(),
        supersedes=supersedes,
        correction_reason=reason,
    )
    letter.docx.save(docx_name, ContentFile(docx_bytes), save=False)
    letter.pdf.save(pdf_name, ContentFile(pdf_bytes), save=False)
    letter.save()
    log_action(
        actor=actor,
        action="letter.corrected" if supersedes else "letter.issued",
        target=info_request,
        organization=organization,
        after={"letter": letter.number, "kind": kind, "pdf_sha256": letter.pdf_sha256},
        data={"reason": reason, "supersedes": supersedes.number} if supersedes else None,
    )
    return letter


def _issue_for_event(
    *,
    actor: Any,
    info_request: InfoRequest,
    kind: str,
    event: RequestEvent,
    state: ClockState,
    body: str | None,
) -> Letter:
    draft = compose(info_request=info_request, kind=kind, state=state, issued_on=event.on, event=event)
    return _issue(
        actor=actor,
        info_request=info_request,
        kind=kind,
        title=draft.title,
        body=body if body is not None else draft.body,
        source=draft.source,
        issued_on=event.on,
        event=event,
    )


@transaction.atomic
def letter_correct(*, actor: Any, letter: Letter, body: str, reason: str, title: str = "") -> Letter:
    """Issued letters never change: a correction is a new letter that supersedes the old."""
    letter = (
        Letter.objects.select_for_update()
        .select_related("request__organization", "request__applicant")
        .get(pk=letter.pk)
    )
    _require(actor, HANDLE, letter.request.organization)
    if Letter.objects.filter(supersedes=letter).exists():
        raise DomainError(_("This letter has been corrected already; correct the newest letter."))
    if not reason.strip():
        raise DomainError(_("Give the reason for the correction."), field="reason")
    return _issue(
        actor=actor,
        info_request=letter.request,
        kind=letter.kind,
        title=title or letter.title,
        body=body,
        source=letter.template_source,
        issued_on=_today(),
        reply=letter.reply,
        event=letter.event,
        supersedes=letter,
        reason=reason.strip(),
    )


@transaction.atomic
def letter_record_delivery(
    *, actor: Any, letter: Letter, method: str, delivered_on: dt.date, reference: str = "", note: str = ""
) -> LetterDelivery:
    _require(actor, HANDLE, letter.request.organization)
    if method not in DeliveryMethod.values:
        raise DomainError(_("Choose how the letter was delivered."), field="method")
    _check_date(delivered_on, not_before=letter.issued_on, field="delivered_on")
    delivery = LetterDelivery.objects.create(
        letter=letter,
        method=method,
        delivered_on=delivered_on,
        reference=reference.strip(),
        note=note.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor=actor,
        action="letter.delivered",
        target=letter.request,
        organization=letter.request.organization,
        after={"letter": letter.number, "method": method, "delivered_on": delivered_on},
    )
    return delivery


@transaction.atomic
def letter_template_save(
    *, actor: Any, organization: Organization, kind: str, disposition: str, title: str, body: str
) -> LetterTemplate:
    _require(actor, TEMPLATE_EDIT, organization)
    if kind not in LetterKind.values:
        raise DomainError(_("Unknown letter."), field="kind")
    if disposition and (kind != LetterKind.REPLY or disposition not in REPLY_DISPOSITIONS):
        raise DomainError(_("Only a reply letter can be specific to a result."), field="disposition")
    unknown = placeholders_in(body) - set(PLACEHOLDERS)
    if unknown:
        raise DomainError(
            _("Unknown placeholders: %(names)s.") % {"names": ", ".join(sorted(unknown))}, field="body"
        )
    if not title.strip() or not body.strip():
        raise DomainError(_("A template needs a title and a text."), field="body")
    template = LetterTemplate.objects.filter(
        organization=organization, kind=kind, disposition=disposition
    ).first()
    before = {"title": template.title, "body": template.body} if template else None
    if template is None:
        template = LetterTemplate(organization=organization, kind=kind, disposition=disposition)
    template.title, template.body = title.strip(), body.strip()
    template.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    template.save()
    log_action(
        actor=actor,
        action="letter_template.saved",
        target=template,
        organization=organization,
        before=before,
        after={"title": template.title, "body": template.body},
    )
    return template


@transaction.atomic
def letter_template_reset(*, actor: Any, template: LetterTemplate) -> None:
    _require(actor, TEMPLATE_EDIT, template.organization)
    log_action(
        actor=actor,
        action="letter_template.reset",
        target=template,
        organization=template.organization,
        before={"title": template.title, "body": template.body},
    )
    template.delete()
