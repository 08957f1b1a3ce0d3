"""Access helpers: the only way a view fetches a publication, an attachment, a finding or
a catalog entry. Another body's object is a 404, never a 403."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from gongkai.accounts.access import get_public_organization, organizations_for_user, user_can
from gongkai.accounts.roles import VIEW
from gongkai.disclosure.models import (
    Attachment,
    CatalogEntry,
    PersonalDataFinding,
    Publication,
    PublicationStatus,
)


def get_publication_for_user(user: Any, pk: int, permission: str = VIEW) -> Publication:
    """A publication of a body in which the user holds ``permission``."""
    publication = (
        Publication.objects.filter(pk=pk, organization__in=organizations_for_user(user, permission))
        .select_related("organization", "interprets", "catalog_entry")
        .first()
    )
    if publication is None:
        raise Http404("No such publication")
    return publication


def get_attachment_for_user(user: Any, pk: int, permission: str = VIEW) -> Attachment:
    attachment = Attachment.objects.filter(pk=pk).select_related("publication__organization").first()
    if attachment is None or not user_can(user, permission, attachment.publication.organization):
        raise Http404("No such attachment")
    return attachment


def get_finding_for_user(user: Any, pk: int, permission: str = "publication.review") -> PersonalDataFinding:
    finding = PersonalDataFinding.objects.filter(pk=pk).select_related("publication__organization").first()
    if finding is None or not user_can(user, permission, finding.publication.organization):
        raise Http404("No such finding")
    return finding


def get_catalog_entry_for_user(user: Any, pk: int, permission: str = "catalog.edit") -> CatalogEntry:
    """An entry of the user's organization's catalog, or of the standard catalog for the
    site operator (``platform.manage``)."""
    entry = CatalogEntry.objects.filter(pk=pk).select_related("catalog__organization", "pilot_area").first()
    if entry is None:
        raise Http404("No such catalog entry")
    organization = entry.catalog.organization
    if organization is None:
        from gongkai.accounts.access import user_can_anywhere

        if not user_can_anywhere(user, "platform.manage"):
            raise Http404("No such catalog entry")
    elif not user_can(user, permission, organization):
        raise Http404("No such catalog entry")
    return entry


def get_public_publication(org_slug: str, pk: int) -> Publication:
    """A published publication of the organization, for the public site."""
    organization = get_public_organization(org_slug)
    publication = (
        Publication.objects.filter(pk=pk, organization=organization, status=PublicationStatus.PUBLISHED)
        .select_related("organization", "interprets__organization", "catalog_entry")
        .first()
    )
    if publication is None:
        raise Http404("No such publication")
    return publication


def get_public_attachment(org_slug: str, publication_pk: int, pk: int) -> Attachment:
    publication = get_public_publication(org_slug, publication_pk)
    attachment = publication.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404("No such attachment")
    return attachment
