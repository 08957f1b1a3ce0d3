"""Reads of public participation: what is public, the derived states (a consultation open
or closed, a message due or overdue, an account stale), the feedback counts and the survey
results."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.participation.conf import rules
from gongkai.participation.models import (
    Adoption,
    Choice,
    Consultation,
    DecisionCatalog,
    DeputyProposal,
    EmergencyEvent,
    EmergencyNotice,
    FeedbackItem,
    MajorDecision,
    MajorProject,
    MediaAccount,
    MediaStatus,
    Message,
    Moderation,
    Opinion,
    ParticipationSettings,
    ProjectStage,
    Question,
    StageRecord,
    Survey,
)
from gongkai.workdays.calendar import WorkdayCalendar

# --- Settings ------------------------------------------------------------------------------------


def settings_of(organization: Organization) -> ParticipationSettings:
    """The body's settings, or an unsaved row holding the platform defaults."""
    found = ParticipationSettings.objects.filter(organization=organization).first()
    if found is not None:
        return found
    defaults = rules()
    return ParticipationSettings(
        organization=organization,
        message_reply_workdays=defaults.message_reply_workdays,
        media_stale_days=defaults.media_stale_days,
    )


def reply_workdays_for(organization: Organization) -> int:
    return settings_of(organization).message_reply_workdays


def load_calendar() -> WorkdayCalendar:
    """The workday calendar; a year without a holiday notice is counted provisionally
    (Monday to Friday) and marked so, rather than stopping the page."""
    return WorkdayCalendar.load(provisional=True)


# --- Decisions and consultations ------------------------------------------------------------------


def public_catalogs(organization: Organization) -> QuerySet[DecisionCatalog]:
    return DecisionCatalog.objects.filter(organization=organization, published_at__isnull=False).order_by(
        "-year"
    )


def public_decisions(organization: Organization, year: int | None = None) -> QuerySet[MajorDecision]:
    decisions = MajorDecision.objects.filter(organization=organization, catalog__published_at__isnull=False)
    if year is not None:
        decisions = decisions.filter(catalog__year=year)
    return decisions.select_related("catalog").order_by("-catalog__year", "position", "pk")


def catalog_of(organization: Organization, year: int) -> DecisionCatalog | None:
    return DecisionCatalog.objects.filter(organization=organization, year=year).first()


def catalog_years(organization: Organization) -> list[int]:
    return list(
        DecisionCatalog.objects.filter(organization=organization)
        .order_by("-year")
        .values_list("year", flat=True)
    )


def pending_opinions(organization: Organization) -> QuerySet[Opinion]:
    return Opinion.objects.filter(consultation__organization=organization, moderation=Moderation.PENDING)


def decisions_of(organization: Organization, year: int) -> QuerySet[MajorDecision]:
    return MajorDecision.objects.filter(organization=organization, catalog__year=year).order_by(
        "position", "pk"
    )


def consultation_state(consultation: Consultation, on: dt.date) -> str:
    """``draft`` (not published), ``upcoming``, ``open``, ``closed`` (feedback pending) or
    ``answered`` (feedback published)."""
    if consultation.published_at is None:
        return "draft"
    if consultation.feedback_published_at is not None:
        return "answered"
    if on < consultation.opens_on:
        return "upcoming"
    if on <= consultation.closes_on:
        return "open"
    return "closed"


def public_consultations(decision: MajorDecision) -> QuerySet[Consultation]:
    return decision.consultations.filter(published_at__isnull=False).order_by("opens_on", "pk")


def open_consultations(organization: Organization, on: dt.date) -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        organization=organization,
        published_at__isnull=False,
        opens_on__lte=on,
        closes_on__gte=on,
        decision__catalog__published_at__isnull=False,
    ).select_related("decision")


@dataclass(frozen=True)
class FeedbackCounts:
    received: int
    adopted: int
    partly_adopted: int
    not_adopted: int
    set_aside: int


def feedback_counts(consultation: Consultation) -> FeedbackCounts:
    """Opinions counted one by one: an answer to a group counts for each of its opinions."""
    opinions = consultation.opinions.all()
    by_adoption = Counter(
        opinions.filter(moderation=Moderation.ACCEPTED, feedback__isnull=False).values_list(
            "feedback__adoption", flat=True
        )
    )
    return FeedbackCounts(
        received=opinions.filter(moderation=Moderation.ACCEPTED).count(),
        adopted=by_adoption[Adoption.ADOPTED],
        partly_adopted=by_adoption[Adoption.PARTLY_ADOPTED],
        not_adopted=by_adoption[Adoption.NOT_ADOPTED],
        set_aside=opinions.filter(moderation=Moderation.REJECTED).count(),
    )


def public_feedback(consultation: Consultation) -> list[tuple[FeedbackItem, int]]:
    """(feedback item, number of opinions it answers), once the feedback is published."""
    if consultation.feedback_published_at is None:
        return []
    items = consultation.feedback_items.annotate(
        answered=Count("opinions", filter=Q(opinions__moderation=Moderation.ACCEPTED))
    )
    return [(item, item.answered) for item in items]


# --- Surveys -------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: Question
    total: int
    choices: list[tuple[Choice, int]] = field(default_factory=list)


def survey_results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """How many responded, and per question how often each answer was chosen."""
    respondents = survey.responses.count()
    counts = Counter(
        Choice.objects.filter(question__survey=survey, responses__isnull=False).values_list("pk", flat=True)
    )
    results = []
    for question in survey.questions.prefetch_related("choices"):
        choices = [(choice, counts[choice.pk]) for choice in question.choices.all()]
        results.append(QuestionResult(question=question, total=respondents, choices=choices))
    return respondents, results


def survey_results_public(survey: Survey, on: dt.date) -> bool:
    """Results are shown once answering is over, so that they do not steer the answers."""
    state = consultation_state(survey.consultation, on)
    return state in ("closed", "answered")


# --- Projects ------------------------------------------------------------------------------------


def public_projects(organization: Organization) -> QuerySet[MajorProject]:
    return MajorProject.objects.filter(organization=organization, published_at__isnull=False).order_by(
        "-published_at", "-pk"
    )


@dataclass
class StageView:
    stage: str
    label: str
    records: list[StageRecord]


def project_life(project: MajorProject, *, public_only: bool) -> list[StageView]:
    """Every stage in lifecycle order with its records, so the page shows the whole life."""
    records = project.records.select_related("publication").order_by("happened_on", "pk")
    if public_only:
        records = records.filter(published_at__isnull=False)
    by_stage: dict[str, list[StageRecord]] = {}
    for record in records:
        by_stage.setdefault(record.stage, []).append(record)
    return [StageView(stage, str(label), by_stage.get(stage, [])) for stage, label in ProjectStage.choices]


# --- Proposals -----------------------------------------------------------------------------------


def public_proposals(organization: Organization, year: int | None = None) -> QuerySet[DeputyProposal]:
    proposals = DeputyProposal.objects.filter(organization=organization, published_at__isnull=False)
    if year is not None:
        proposals = proposals.filter(year=year)
    return proposals.order_by("-year", "kind", "number")


# --- Media accounts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountView:
    account: MediaAccount
    stale: bool
    days_since_update: int | None


def media_registry(organizations: list[Organization], on: dt.date) -> list[AccountView]:
    """Every account of the bodies, the operating ones flagged when their last update is
    older than their body's limit (or unknown)."""
    limits = {o.pk: settings_of(o).media_stale_days for o in organizations}
    views = []
    for account in MediaAccount.objects.filter(organization__in=organizations).select_related(
        "organization", "merged_into"
    ):
        days = (on - account.last_updated_on).days if account.last_updated_on else None
        stale = account.status == MediaStatus.ACTIVE and (
            days is None or days > limits[account.organization_id]
        )
        views.append(AccountView(account=account, stale=stale, days_since_update=days))
    return views


# --- Messages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageClock:
    received_on: dt.date
    due_on: dt.date
    # "answered" (on time), "answered_late", "open", "due_soon", "overdue"
    state: str
    provisional: bool

    @property
    def is_late(self) -> bool:
        return self.state in ("answered_late", "overdue")


def message_clock(message: Message, calendar: WorkdayCalendar, on: dt.date) -> MessageClock:
    due = calendar.add_workdays(message.received_on, message.reply_workdays)
    # A year counted Monday to Friday for want of its holiday notice makes the date provisional.
    provisional = any(
        year in calendar.assumed_years for year in range(message.received_on.year, due.year + 1)
    )
    if message.answered_at is not None:
        answered_on = timezone.localtime(message.answered_at).date()
        state = "answered" if answered_on <= due else "answered_late"
    elif on > due:
        state = "overdue"
    else:
        soon = calendar.add_workdays(on, rules().message_due_soon_workdays)
        state = "due_soon" if due <= soon else "open"
    return MessageClock(received_on=message.received_on, due_on=due, state=state, provisional=provisional)


def messages_of(organization: Organization) -> QuerySet[Message]:
    return Message.objects.filter(organization=organization).select_related("organization")


def open_messages_by_urgency(*, on: dt.date) -> dict[Organization, tuple[list[Message], list[Message]]]:
    """Unanswered messages of every body, as (overdue, due soon) per body."""
    calendar = load_calendar()
    result: dict[Organization, tuple[list[Message], list[Message]]] = {}
    for message in Message.objects.filter(answered_at__isnull=True).select_related("organization"):
        clock = message_clock(message, calendar, on)
        overdue, due_soon = result.setdefault(message.organization, ([], []))
        if clock.state == "overdue":
            overdue.append(message)
        elif clock.state == "due_soon":
            due_soon.append(message)
    return result


def public_messages(organization: Organization) -> QuerySet[Message]:
    return Message.objects.filter(organization=organization, published_at__isnull=False).order_by(
        "-published_at", "-pk"
    )


# --- Emergencies ---------------------------------------------------------------------------------


def public_events(organization: Organization) -> QuerySet[EmergencyEvent]:
    return EmergencyEvent.objects.filter(
        organization=organization, notices__released_at__isnull=False
    ).distinct()


def active_emergencies(organization: Organization) -> list[EmergencyEvent]:
    """Events with a released notice and no end, of the body and of the bodies above it:
    a district's emergency concerns every department's visitors too."""
    chain = [*organization.ancestors(), organization]
    return list(
        EmergencyEvent.objects.filter(
            organization__in=chain, ended_at__isnull=True, notices__released_at__isnull=False
        )
        .select_related("organization")
        .distinct()
        .order_by("-started_on", "-pk")
    )


def event_timeline(event: EmergencyEvent) -> QuerySet[EmergencyNotice]:
    return event.notices.filter(released_at__isnull=False).order_by("released_at", "pk")
