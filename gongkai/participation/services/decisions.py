"""Major decisions (重大行政决策): the yearly catalog, consultations on drafts, the public's
opinions, and the feedback on them.

《重大行政决策程序暂行条例》 (国务院令第713号): Art. 6 — the catalog of decisions is made
public; Art. 14 — the public is heard; Art. 15 — a public consultation states how and until
when opinions may be given and lasts in general at least 30 days, a shorter period saying
why. The feedback (which opinions were adopted, and why the others were not) is prepared
while the consultation runs or after it, and published in one step once it has closed,
like Decidim's answers, which are recorded before their state is published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.accounts.roles import PARTICIPATION_EDIT, PARTICIPATION_PUBLISH
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.participation.conf import rules
from gongkai.participation.models import (
    Adoption,
    Consultation,
    DecisionCatalog,
    FeedbackItem,
    MajorDecision,
    Moderation,
    Opinion,
)
from gongkai.participation.privacy import Contact, check_public_text
from gongkai.participation.services._common import (
    PUBLIC_ACTOR,
    apply_values,
    now,
    public_publication,
    require,
    required_text,
    state,
    today,
)

DECISION_FIELDS = ["title", "summary", "undertaking_unit", "legal_basis", "planned_time", "hearing_planned"]
CONSULTATION_FIELDS = ["title", "draft", "opens_on", "closes_on", "short_period_reason"]


def _reindex(decision: MajorDecision) -> None:
    from gongkai.participation.search import reindex_decision

    reindex_decision(decision)


# --- The catalog ---------------------------------------------------------------------------------


@transaction.atomic
def catalog_get_or_create(*, actor: Any, organization: Organization, year: int) -> DecisionCatalog:
    require(actor, PARTICIPATION_EDIT, organization)
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    catalog, created = DecisionCatalog.objects.get_or_create(organization=organization, year=year)
    if created:
        log_action(actor=actor, action="decision_catalog.created", target=catalog, after={"year": year})
    return catalog


@transaction.atomic
def catalog_publish(*, actor: Any, catalog: DecisionCatalog, note: str = "") -> DecisionCatalog:
    require(actor, PARTICIPATION_PUBLISH, catalog.organization)
    catalog = DecisionCatalog.objects.select_for_update().get(pk=catalog.pk)
    if catalog.published_at is not None:
        raise DomainError(_("The catalog is already published."))
    if not catalog.decisions.exists():
        raise DomainError(_("The catalog has no decisions yet."))
    before = state(catalog, ["published_at", "note"])
    catalog.published_at = now()
    catalog.note = note.strip() or catalog.note
    catalog.save(update_fields=["published_at", "note"])
    log_action(
        actor=actor,
        action="decision_catalog.published",
        target=catalog,
        before=before,
        after=state(catalog, ["published_at", "note"]),
    )
    for decision in catalog.decisions.all():
        _reindex(decision)
    return catalog


# --- Decisions -----------------------------------------------------------------------------------


def _check_decision(values: dict[str, Any]) -> None:
    required_text(values.get("title", ""), field="title", message=_("Give the decision a title."))


@transaction.atomic
def decision_create(
    *, actor: Any, organization: Organization, year: int, values: dict[str, Any]
) -> MajorDecision:
    catalog = catalog_get_or_create(actor=actor, organization=organization, year=year)
    _check_decision(values)
    last = catalog.decisions.aggregate(last=Max("position"))["last"] or 0
    decision = MajorDecision(catalog=catalog, organization=organization, position=last + 1)
    apply_values(decision, values, DECISION_FIELDS)
    decision.save()
    log_action(
        actor=actor,
        action="decision.created",
        target=decision,
        after={**state(decision, DECISION_FIELDS), "year": year, "catalog_published": catalog.is_public},
    )
    _reindex(decision)
    return decision


@transaction.atomic
def decision_update(*, actor: Any, decision: MajorDecision, values: dict[str, Any]) -> MajorDecision:
    require(actor, PARTICIPATION_EDIT, decision.organization)
    _check_decision({**state(decision, DECISION_FIELDS), **values})
    before = state(decision, DECISION_FIELDS)
    apply_values(decision, values, DECISION_FIELDS)
    decision.save()
    log_action(
        actor=actor,
        action="decision.updated",
        target=decision,
        before=before,
        after=state(decision, DECISION_FIELDS),
    )
    _reindex(decision)
    return decision


@transaction.atomic
def decision_record_outcome(
    *, actor: Any, decision: MajorDecision, decided_on: dt.date, publication: Any = None
) -> MajorDecision:
    """The decision was taken on ``decided_on``; ``publication`` is the published decision
    document, linked from the decision's page."""
    require(actor, PARTICIPATION_PUBLISH, decision.organization)
    public_publication(publication, decision.organization, field="publication")
    if decided_on > today():
        raise DomainError(_("The decision date lies in the future."), field="decided_on")
    before = state(decision, ["decided_on", "decision_publication"])
    decision.decided_on = decided_on
    decision.decision_publication = publication
    decision.save(update_fields=["decided_on", "decision_publication"])
    log_action(
        actor=actor,
        action="decision.decided",
        target=decision,
        before=before,
        after=state(decision, ["decided_on", "decision_publication"]),
    )
    _reindex(decision)
    return decision


# --- Consultations -------------------------------------------------------------------------------


def _check_consultation(values: dict[str, Any]) -> None:
    required_text(values.get("title", ""), field="title", message=_("Give the consultation a title."))
    required_text(values.get("draft", ""), field="draft", message=_("Give the draft and its explanation."))
    opens, closes = values.get("opens_on"), values.get("closes_on")
    if opens is None or closes is None:
        raise DomainError(_("Give the first and the last day for opinions."), field="opens_on")
    if closes < opens:
        raise DomainError(_("The last day for opinions comes before the first."), field="closes_on")
    days = (closes - opens).days + 1
    minimum = rules().min_consultation_days
    if days < minimum and not (values.get("short_period_reason") or "").strip():
        raise DomainError(
            _(
                "The period is %(days)s days; a public consultation lasts at least %(minimum)s days unless "
                "you say why it is shorter (Art. 15 of the Interim Regulations on Major Administrative "
                "Decision Procedures)."
            )
            % {"days": days, "minimum": minimum},
            field="short_period_reason",
        )


@transaction.atomic
def consultation_create(*, actor: Any, decision: MajorDecision, values: dict[str, Any]) -> Consultation:
    require(actor, PARTICIPATION_EDIT, decision.organization)
    _check_consultation(values)
    consultation = Consultation(decision=decision, organization=decision.organization)
    apply_values(consultation, values, CONSULTATION_FIELDS)
    consultation.save()
    log_action(
        actor=actor,
        action="consultation.created",
        target=consultation,
        after=state(consultation, CONSULTATION_FIELDS),
    )
    return consultation


@transaction.atomic
def consultation_update(*, actor: Any, consultation: Consultation, values: dict[str, Any]) -> Consultation:
    require(actor, PARTICIPATION_EDIT, consultation.organization)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.published_at is not None:
        raise DomainError(_("A published consultation cannot be changed."))
    merged = {**state(consultation, CONSULTATION_FIELDS), **values}
    merged["opens_on"] = values.get("opens_on", consultation.opens_on)
    merged["closes_on"] = values.get("closes_on", consultation.closes_on)
    _check_consultation(merged)
    before = state(consultation, CONSULTATION_FIELDS)
    apply_values(consultation, values, CONSULTATION_FIELDS)
    consultation.save()
    log_action(
        actor=actor,
        action="consultation.updated",
        target=consultation,
        before=before,
        after=state(consultation, CONSULTATION_FIELDS),
    )
    return consultation


@transaction.atomic
def consultation_publish(*, actor: Any, consultation: Consultation) -> Consultation:
    require(actor, PARTICIPATION_PUBLISH, consultation.organization)
    consultation = (
        Consultation.objects.select_for_update().select_related("decision__catalog").get(pk=consultation.pk)
    )
    if consultation.published_at is not None:
        raise DomainError(_("The consultation is already published."))
    if not consultation.decision.catalog.is_public:
        raise DomainError(_("Publish the year's catalog of major decisions first."))
    if consultation.closes_on < today():
        raise DomainError(_("The period for opinions is already over; change its dates first."))
    consultation.published_at = now()
    consultation.save(update_fields=["published_at"])
    log_action(
        actor=actor,
        action="consultation.published",
        target=consultation,
        before={"published_at": None},
        after=state(consultation, ["published_at", "opens_on", "closes_on"]),
    )
    _reindex(consultation.decision)
    return consultation


def is_open(consultation: Consultation, on: dt.date) -> bool:
    return consultation.published_at is not None and consultation.opens_on <= on <= consultation.closes_on


# --- Opinions ------------------------------------------------------------------------------------


@transaction.atomic
def opinion_submit(
    *, consultation: Consultation, body: str, name: str = "", phone: str = "", email: str = ""
) -> Opinion:
    """An opinion from the public. Its writer's contact data is stored apart and never
    enters the audit trail."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not is_open(consultation, today()):
        raise DomainError(_("This consultation is not open for opinions."))
    body = required_text(body, field="body", message=_("Write your opinion."))
    opinion = Opinion.objects.create(
        consultation=consultation, body=body, name=name.strip(), phone=phone.strip(), email=email.strip()
    )
    log_action(
        actor=PUBLIC_ACTOR,
        action="opinion.submitted",
        target=opinion,
        organization=consultation.organization,
        after={
            "consultation": consultation.pk,
            "characters": len(body),
            "contact_given": bool(phone or email),
        },
    )
    return opinion


@transaction.atomic
def opinion_moderate(*, actor: Any, opinion: Opinion, moderation: str, reason: str = "") -> Opinion:
    """Accept an opinion, or set it aside (abuse, advertising, off the subject) with a reason.
    Only accepted opinions are counted and answered."""
    organization = opinion.consultation.organization
    require(actor, PARTICIPATION_EDIT, organization)
    opinion = Opinion.objects.select_for_update().select_related("consultation").get(pk=opinion.pk)
    if moderation not in (Moderation.ACCEPTED, Moderation.REJECTED):
        raise DomainError(_("Unknown moderation."), field="moderation")
    if opinion.consultation.feedback_published_at is not None:
        raise DomainError(_("The feedback is published; withdraw it before changing the opinions."))
    if moderation == Moderation.REJECTED:
        reason = required_text(reason, field="reason", message=_("Say why the opinion is set aside."))
    before = state(opinion, ["moderation", "moderation_reason", "feedback"])
    opinion.moderation = moderation
    opinion.moderation_reason = reason.strip() if moderation == Moderation.REJECTED else ""
    if moderation == Moderation.REJECTED:
        opinion.feedback = None
    opinion.save(update_fields=["moderation", "moderation_reason", "feedback"])
    log_action(
        actor=actor,
        action="opinion.moderated",
        target=opinion,
        organization=organization,
        before=before,
        after=state(opinion, ["moderation", "moderation_reason", "feedback"]),
    )
    return opinion


# --- Feedback ------------------------------------------------------------------------------------

FEEDBACK_FIELDS = ["summary", "adoption", "reason", "position"]


def _contacts(opinions: Sequence[Opinion]) -> list[Contact]:
    return [Contact(name=o.name, phone=o.phone, email=o.email) for o in opinions]


def _check_feedback(consultation: Consultation, values: dict[str, Any], opinions: Sequence[Opinion]) -> None:
    if consultation.feedback_published_at is not None:
        raise DomainError(_("The feedback is published; withdraw it before changing it."))
    summary = required_text(
        values.get("summary", ""), field="summary", message=_("Say in brief what the opinions proposed.")
    )
    adoption = values.get("adoption")
    if adoption not in Adoption.values:
        raise DomainError(_("Say whether the opinions were adopted."), field="adoption")
    if adoption != Adoption.ADOPTED and not (values.get("reason") or "").strip():
        raise DomainError(
            _("Give the reason why the opinions were not or only partly adopted."), field="reason"
        )
    if not opinions:
        raise DomainError(_("Choose the opinions this answers."), field="opinions")
    for opinion in opinions:
        if opinion.consultation_id != consultation.pk or opinion.moderation != Moderation.ACCEPTED:
            raise DomainError(
                _("Only accepted opinions of this consultation can be answered."), field="opinions"
            )
    contacts = _contacts(opinions)
    check_public_text(summary, field="summary", contacts=contacts)
    check_public_text(values.get("reason") or "", field="reason", contacts=contacts)


@transaction.atomic
def feedback_item_save(
    *,
    actor: Any,
    consultation: Consultation,
    values: dict[str, Any],
    opinions: Sequence[Opinion],
    item: FeedbackItem | None = None,
) -> FeedbackItem:
    """Create (``item`` None) or change the answer to a group of opinions. Not public until
    ``feedback_publish``."""
    require(actor, PARTICIPATION_EDIT, consultation.organization)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    opinions = list(Opinion.objects.filter(pk__in=[o.pk for o in opinions]).order_by("pk"))
    _check_feedback(consultation, values, opinions)
    before = None
    if item is None:
        last = consultation.feedback_items.aggregate(last=Max("position"))["last"] or 0
        item = FeedbackItem(consultation=consultation, position=last + 1)
    else:
        if item.consultation_id != consultation.pk:
            raise DomainError(_("This answer belongs to another consultation."))
        before = {
            **state(item, FEEDBACK_FIELDS),
            "opinions": sorted(item.opinions.values_list("pk", flat=True)),
        }
    apply_values(
        item, {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}, FEEDBACK_FIELDS
    )
    item.save()
    Opinion.objects.filter(feedback=item).exclude(pk__in=[o.pk for o in opinions]).update(feedback=None)
    Opinion.objects.filter(pk__in=[o.pk for o in opinions]).update(feedback=item)
    log_action(
        actor=actor,
        action="feedback.saved" if before else "feedback.created",
        target=item,
        organization=consultation.organization,
        before=before,
        after={**state(item, FEEDBACK_FIELDS), "opinions": sorted(o.pk for o in opinions)},
    )
    return item


@transaction.atomic
def feedback_item_delete(*, actor: Any, item: FeedbackItem) -> None:
    require(actor, PARTICIPATION_EDIT, item.consultation.organization)
    consultation = Consultation.objects.select_for_update().get(pk=item.consultation_id)
    if consultation.feedback_published_at is not None:
        raise DomainError(_("The feedback is published; withdraw it before changing it."))
    before = {**state(item, FEEDBACK_FIELDS), "opinions": sorted(item.opinions.values_list("pk", flat=True))}
    log_action(
        actor=actor,
        action="feedback.deleted",
        target=item,
        organization=consultation.organization,
        before=before,
    )
    item.opinions.update(feedback=None)
    item.delete()


@transaction.atomic
def feedback_publish(*, actor: Any, consultation: Consultation, summary: str = "") -> Consultation:
    """Publish the answers to every accepted opinion at once, after the period has closed."""
    require(actor, PARTICIPATION_PUBLISH, consultation.organization)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.published_at is None:
        raise DomainError(_("The consultation was never published."))
    if consultation.feedback_published_at is not None:
        raise DomainError(_("The feedback is already published."))
    if today() <= consultation.closes_on:
        raise DomainError(
            _("Opinions may be given until %(date)s; publish the feedback after that.")
            % {"date": consultation.closes_on.isoformat()}
        )
    opinions = consultation.opinions.all()
    if opinions.filter(moderation=Moderation.PENDING).exists():
        raise DomainError(_("Some opinions still await moderation."))
    unanswered = opinions.filter(moderation=Moderation.ACCEPTED, feedback__isnull=True).count()
    if unanswered:
        raise DomainError(_("%(count)s accepted opinions have no answer yet.") % {"count": unanswered})
    summary = summary.strip()
    check_public_text(summary, field="summary", contacts=_contacts(list(opinions)))
    for item in consultation.feedback_items.prefetch_related("opinions"):
        contacts = _contacts(list(item.opinions.all()))
        check_public_text(item.summary, field="summary", contacts=contacts)
        check_public_text(item.reason, field="reason", contacts=contacts)
    before = state(consultation, ["feedback_published_at", "feedback_summary"])
    consultation.feedback_summary = summary
    consultation.feedback_published_at = now()
    consultation.save(update_fields=["feedback_summary", "feedback_published_at"])
    log_action(
        actor=actor,
        action="feedback.published",
        target=consultation,
        before=before,
        after={
            **state(consultation, ["feedback_published_at", "feedback_summary"]),
            "items": consultation.feedback_items.count(),
        },
    )
    _reindex(consultation.decision)
    return consultation


@transaction.atomic
def feedback_withdraw(*, actor: Any, consultation: Consultation, reason: str) -> Consultation:
    """Take the published feedback back to correct it, with the reason on record."""
    require(actor, PARTICIPATION_PUBLISH, consultation.organization)
    reason = required_text(reason, field="reason", message=_("Give the reason for withdrawing the feedback."))
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.feedback_published_at is None:
        raise DomainError(_("The feedback is not published."))
    before = state(consultation, ["feedback_published_at"])
    consultation.feedback_published_at = None
    consultation.save(update_fields=["feedback_published_at"])
    log_action(
        actor=actor,
        action="feedback.withdrawn",
        target=consultation,
        before=before,
        after={"feedback_published_at": None},
        data={"reason": reason},
    )
    _reindex(consultation.decision)
    return consultation
