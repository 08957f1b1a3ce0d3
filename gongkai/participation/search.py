"""What participation puts in the site's one search (``gongkai.search``): public decisions
(with their drafts and published feedback), projects (with their stage records), published
replies to suggestions and proposals, published questions and answers, and emergency
events (with their released notices). Never an opinion's or a message's writer.

The services call ``reindex_*`` in the transaction of each change; ``register`` hands the
sources to ``search.api`` so that ``search_rebuild`` can refill the index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.participation.models import (
    DeputyProposal,
    EmergencyEvent,
    MajorDecision,
    MajorProject,
    Message,
)
from gongkai.participation.selectors import event_timeline, public_consultations, public_feedback
from gongkai.search.api import IndexedDocument, index_documents, register_source, remove_documents

DECISION, PROJECT, PROPOSAL, MESSAGE, EMERGENCY = "decision", "project", "proposal", "message", "emergency"
SOURCES = (DECISION, PROJECT, PROPOSAL, MESSAGE, EMERGENCY)


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def decision_document(decision: MajorDecision) -> IndexedDocument | None:
    catalog = decision.catalog
    if catalog.published_at is None:
        return None
    parts = [decision.summary, decision.undertaking_unit, decision.legal_basis]
    for consultation in public_consultations(decision):
        parts += [
            consultation.title,
            consultation.draft,
            consultation.feedback_summary if consultation.feedback_published_at else "",
        ]
        parts += [f"{item.summary} {item.reason}" for item, _count in public_feedback(consultation)]
    return IndexedDocument(
        source=DECISION,
        object_id=decision.pk,
        organization_id=decision.organization_id,
        published_on=_day(catalog.published_at),
        title=decision.title,
        body="\n".join(p for p in parts if p),
        kind=DECISION,
    )


def project_document(project: MajorProject) -> IndexedDocument | None:
    if project.published_at is None:
        return None
    records = project.records.filter(published_at__isnull=False)
    return IndexedDocument(
        source=PROJECT,
        object_id=project.pk,
        organization_id=project.organization_id,
        published_on=_day(project.published_at),
        title=project.name,
        numbers=project.code,
        body="\n".join(
            [project.summary, project.owner, project.location, *(f"{r.title} {r.summary}" for r in records)]
        ),
        kind=PROJECT,
    )


def proposal_document(proposal: DeputyProposal) -> IndexedDocument | None:
    if proposal.published_at is None:
        return None
    return IndexedDocument(
        source=PROPOSAL,
        object_id=proposal.pk,
        organization_id=proposal.organization_id,
        published_on=_day(proposal.published_at),
        title=proposal.title,
        numbers=proposal.number,
        body=proposal.reply,
        kind=proposal.kind,
    )


def message_document(message: Message) -> IndexedDocument | None:
    if message.published_at is None:
        return None
    return IndexedDocument(
        source=MESSAGE,
        object_id=message.pk,
        organization_id=message.organization_id,
        published_on=_day(message.published_at),
        title=message.subject,
        numbers=message.reference,
        body=f"{message.public_question}\n{message.public_answer}",
        kind=message.kind,
    )


def emergency_document(event: EmergencyEvent) -> IndexedDocument | None:
    notices = list(event_timeline(event))
    if not notices:
        return None
    assert notices[0].released_at is not None
    return IndexedDocument(
        source=EMERGENCY,
        object_id=event.pk,
        organization_id=event.organization_id,
        published_on=_day(notices[0].released_at),
        title=event.title,
        body="\n".join(f"{n.title}\n{n.body}" for n in notices),
        kind=event.kind,
    )


def _reindex(source: str, pk: int, document: IndexedDocument | None) -> None:
    if document is None:
        remove_documents(source=source, object_ids=[pk])
    else:
        index_documents([document])


# Each reindex reads the object again: the caller's copy (or the copies it refers to, such
# as a decision's catalog) may predate the change being indexed.


def reindex_decision(decision: MajorDecision) -> None:
    fresh = MajorDecision.objects.select_related("catalog").get(pk=decision.pk)
    _reindex(DECISION, fresh.pk, decision_document(fresh))


def reindex_project(project: MajorProject) -> None:
    fresh = MajorProject.objects.get(pk=project.pk)
    _reindex(PROJECT, fresh.pk, project_document(fresh))


def reindex_proposal(proposal: DeputyProposal) -> None:
    fresh = DeputyProposal.objects.get(pk=proposal.pk)
    _reindex(PROPOSAL, fresh.pk, proposal_document(fresh))


def reindex_message(message: Message) -> None:
    fresh = Message.objects.get(pk=message.pk)
    _reindex(MESSAGE, fresh.pk, message_document(fresh))


def reindex_emergency(event: EmergencyEvent) -> None:
    fresh = EmergencyEvent.objects.get(pk=event.pk)
    _reindex(EMERGENCY, fresh.pk, emergency_document(fresh))


def _all_decisions() -> Iterator[IndexedDocument]:
    for decision in MajorDecision.objects.filter(catalog__published_at__isnull=False).select_related(
        "catalog"
    ):
        if (document := decision_document(decision)) is not None:
            yield document


def _all_projects() -> Iterator[IndexedDocument]:
    for project in MajorProject.objects.filter(published_at__isnull=False):
        if (document := project_document(project)) is not None:
            yield document


def _all_proposals() -> Iterator[IndexedDocument]:
    for proposal in DeputyProposal.objects.filter(published_at__isnull=False):
        if (document := proposal_document(proposal)) is not None:
            yield document


def _all_messages() -> Iterator[IndexedDocument]:
    for message in Message.objects.filter(published_at__isnull=False):
        if (document := message_document(message)) is not None:
            yield document


def _all_emergencies() -> Iterator[IndexedDocument]:
    for event in EmergencyEvent.objects.filter(notices__released_at__isnull=False).distinct():
        if (document := emergency_document(event)) is not None:
            yield document


# Fixed key slots of the search index (search.backends.base.KEY_SLOT): never renumber.
SLOTS = {DECISION: 1, PROJECT: 2, PROPOSAL: 3, MESSAGE: 4, EMERGENCY: 5}
LABELS = {
    DECISION: lambda: str(_("Major decision")),
    PROJECT: lambda: str(_("Major construction project")),
    PROPOSAL: lambda: str(_("Reply to a suggestion or proposal")),
    MESSAGE: lambda: str(_("Question and answer")),
    EMERGENCY: lambda: str(_("Emergency")),
}


def register() -> None:
    for source, documents in (
        (DECISION, _all_decisions),
        (PROJECT, _all_projects),
        (PROPOSAL, _all_proposals),
        (MESSAGE, _all_messages),
        (EMERGENCY, _all_emergencies),
    ):
        register_source(source, documents, slot=SLOTS[source], label=LABELS[source])
