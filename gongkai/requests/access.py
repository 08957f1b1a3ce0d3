"""Access helpers: the only way a view fetches an application, a letter, a case or a
template. An object of a body in which the user lacks the permission is a 404, never a
403, so that another body's clerk cannot even learn that it exists."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from gongkai.accounts.access import get_public_organization, organizations_for_user, user_can
from gongkai.accounts.roles import VIEW_PERSONAL_DATA
from gongkai.requests.models import Case, CaseDocument, InfoRequest, Letter, LetterTemplate


def get_request_for_user(user: Any, org: str, pk: int, permission: str = "request.view") -> InfoRequest:
    """An application of the body ``org`` in which the user holds ``permission``."""
    info_request = (
        InfoRequest.objects.filter(
            pk=pk, organization__slug=org, organization__in=organizations_for_user(user, permission)
        )
        .select_related("organization", "applicant", "assignee")
        .first()
    )
    if info_request is None:
        raise Http404("No such application")
    return info_request


def get_letter_for_user(user: Any, org: str, request_pk: int, pk: int) -> Letter:
    """A letter carries the applicant's name and address: only the handling body's
    request handlers (``request.view_personal_data``) may open it."""
    info_request = get_request_for_user(user, org, request_pk, VIEW_PERSONAL_DATA)
    letter = (
        Letter.objects.filter(pk=pk, request=info_request).select_related("request__organization").first()
    )
    if letter is None:
        raise Http404("No such letter")
    return letter


def get_case_for_user(user: Any, org: str, pk: int, permission: str = "request.view") -> Case:
    case = (
        Case.objects.filter(
            pk=pk, organization__slug=org, organization__in=organizations_for_user(user, permission)
        )
        .select_related("organization", "info_request", "review")
        .first()
    )
    if case is None:
        raise Http404("No such case")
    return case


def get_case_document_for_user(user: Any, org: str, case_pk: int, pk: int) -> CaseDocument:
    case = get_case_for_user(user, org, case_pk, "case.edit")
    document = CaseDocument.objects.filter(pk=pk, case=case).first()
    if document is None:
        raise Http404("No such document")
    return document


def get_letter_template_for_user(user: Any, org: str, pk: int) -> LetterTemplate:
    template = (
        LetterTemplate.objects.filter(pk=pk, organization__slug=org).select_related("organization").first()
    )
    if template is None or not user_can(user, "request.assign", template.organization):
        raise Http404("No such template")
    return template


def get_request_by_tracking_code(org: str, code: str) -> InfoRequest:
    """The public side: the application whose tracking code the visitor holds."""
    from gongkai.requests.services import normalize_tracking_code

    organization = get_public_organization(org)
    info_request = (
        InfoRequest.objects.filter(organization=organization, tracking_code=normalize_tracking_code(code))
        .select_related("organization")
        .first()
    )
    if info_request is None:
        raise Http404("No such application")
    return info_request
