"""Access helpers: the only way a view fetches a participation object. Public helpers give
only what is public; staff helpers give an object of a body in which the user holds the
permission, and a 404 — never a 403 — for anything else, so another body's clerk cannot
even learn that it exists."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404

from gongkai.accounts.access import get_public_organization, organizations_for_user
from gongkai.accounts.roles import VIEW
from gongkai.participation.models import (
    Consultation,
    DecisionCatalog,
    DeputyProposal,
    EmergencyEvent,
    EmergencyNotice,
    FeedbackItem,
    MajorDecision,
    MajorProject,
    MediaAccount,
    Message,
    Opinion,
    Question,
    StageRecord,
    Survey,
)


def _one(queryset: QuerySet[Any], what: str) -> Any:
    found = queryset.first()
    if found is None:
        raise Http404(f"No such {what}")
    return found


# --- Public --------------------------------------------------------------------------------------


def get_public_decision(org: str, pk: int) -> MajorDecision:
    organization = get_public_organization(org)
    return _one(
        MajorDecision.objects.filter(
            pk=pk, organization=organization, catalog__published_at__isnull=False
        ).select_related("catalog", "organization", "decision_publication"),
        "decision",
    )


def get_public_consultation(org: str, pk: int) -> Consultation:
    organization = get_public_organization(org)
    return _one(
        Consultation.objects.filter(
            pk=pk,
            organization=organization,
            published_at__isnull=False,
            decision__catalog__published_at__isnull=False,
        ).select_related("decision", "organization"),
        "consultation",
    )


def get_public_survey(org: str, pk: int) -> Survey:
    organization = get_public_organization(org)
    return _one(
        Survey.objects.filter(
            pk=pk,
            consultation__organization=organization,
            consultation__published_at__isnull=False,
            consultation__decision__catalog__published_at__isnull=False,
        ).select_related("consultation__decision", "consultation__organization"),
        "survey",
    )


def get_public_project(org: str, pk: int) -> MajorProject:
    organization = get_public_organization(org)
    return _one(
        MajorProject.objects.filter(
            pk=pk, organization=organization, published_at__isnull=False
        ).select_related("organization"),
        "project",
    )


def get_public_proposal(org: str, pk: int) -> DeputyProposal:
    organization = get_public_organization(org)
    return _one(
        DeputyProposal.objects.filter(
            pk=pk, organization=organization, published_at__isnull=False
        ).select_related("organization"),
        "proposal",
    )


def get_public_message(org: str, pk: int) -> Message:
    organization = get_public_organization(org)
    return _one(
        Message.objects.filter(pk=pk, organization=organization, published_at__isnull=False).select_related(
            "organization"
        ),
        "message",
    )


def get_public_event(org: str, pk: int) -> EmergencyEvent:
    organization = get_public_organization(org)
    return _one(
        EmergencyEvent.objects.filter(pk=pk, organization=organization, notices__released_at__isnull=False)
        .select_related("organization")
        .distinct(),
        "event",
    )


# --- Staff ---------------------------------------------------------------------------------------


def _for_user(model: type[Model], user: Any, org: str, pk: int, permission: str, path: str) -> Any:
    """An object of ``model`` whose body (reached by ``path``) is ``org`` and one in which
    the user holds ``permission``."""
    organizations = organizations_for_user(user, permission).filter(slug=org)
    return _one(model._default_manager.filter(pk=pk, **{f"{path}__in": organizations}), model.__name__)


def get_catalog_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> DecisionCatalog:
    return _for_user(DecisionCatalog, user, org, pk, permission, "organization")


def get_decision_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> MajorDecision:
    return _for_user(MajorDecision, user, org, pk, permission, "organization")


def get_consultation_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> Consultation:
    return _for_user(Consultation, user, org, pk, permission, "organization")


def get_opinion_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> Opinion:
    return _for_user(Opinion, user, org, pk, permission, "consultation__organization")


def get_feedback_item_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> FeedbackItem:
    return _for_user(FeedbackItem, user, org, pk, permission, "consultation__organization")


def get_survey_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> Survey:
    return _for_user(Survey, user, org, pk, permission, "consultation__organization")


def get_question_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> Question:
    return _for_user(Question, user, org, pk, permission, "survey__consultation__organization")


def get_project_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> MajorProject:
    return _for_user(MajorProject, user, org, pk, permission, "organization")


def get_stage_record_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> StageRecord:
    return _for_user(StageRecord, user, org, pk, permission, "project__organization")


def get_proposal_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> DeputyProposal:
    return _for_user(DeputyProposal, user, org, pk, permission, "organization")


def get_media_account_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> MediaAccount:
    return _for_user(MediaAccount, user, org, pk, permission, "organization")


def get_message_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> Message:
    """A message of the body that handles it now (after a transfer, no longer the first)."""
    return _for_user(Message, user, org, pk, permission, "organization")


def get_event_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> EmergencyEvent:
    return _for_user(EmergencyEvent, user, org, pk, permission, "organization")


def get_notice_for_user(user: Any, org: str, pk: int, permission: str = VIEW) -> EmergencyNotice:
    return _for_user(EmergencyNotice, user, org, pk, permission, "event__organization")
