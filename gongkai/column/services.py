"""Writes to an organization's column: its guide and its rules documents, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai.accounts.models import Organization
from gongkai.column.models import Guide, RulesDocument
from gongkai.core.audit import log_action, snapshot

GUIDE_FIELDS = [
    "classification",
    "arrangement",
    "access_methods",
    "office_name",
    "office_address",
    "postal_code",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
]


@transaction.atomic
def guide_update(*, actor: Any, organization: Organization, values: dict[str, Any]) -> Guide:
    guide, created = Guide.objects.select_for_update().get_or_create(organization=organization)
    before = None if created else snapshot(guide, GUIDE_FIELDS)
    for name in GUIDE_FIELDS:
        if name in values:
            setattr(guide, name, values[name] or "")
    guide.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    guide.full_clean()
    guide.save()
    log_action(
        actor=actor,
        action="guide.updated",
        target=guide,
        organization=organization,
        before=before,
        after=snapshot(guide, GUIDE_FIELDS),
    )
    return guide


@transaction.atomic
def rules_document_create(
    *,
    actor: Any,
    organization: Organization,
    title: str,
    body: str = "",
    document_number: str = "",
    issued_on: Any = None,
) -> RulesDocument:
    document = RulesDocument.objects.create(
        organization=organization,
        title=title,
        body=body,
        document_number=document_number,
        issued_on=issued_on,
    )
    log_action(
        actor=actor,
        action="rules_document.created",
        target=document,
        organization=organization,
        after=snapshot(document, ["title", "document_number", "issued_on", "body"]),
    )
    return document


RULES_DOCUMENT_FIELDS = ["title", "document_number", "issued_on", "body"]


@transaction.atomic
def rules_document_update(*, actor: Any, document: RulesDocument, values: dict[str, Any]) -> RulesDocument:
    document = RulesDocument.objects.select_for_update().get(pk=document.pk)
    before = snapshot(document, RULES_DOCUMENT_FIELDS)
    for name in RULES_DOCUMENT_FIELDS:
        if name in values:
            setattr(document, name, values[name])
    document.save()
    log_action(
        actor=actor,
        action="rules_document.updated",
        target=document,
        organization=document.organization,
        before=before,
        after=snapshot(document, RULES_DOCUMENT_FIELDS),
    )
    return document
