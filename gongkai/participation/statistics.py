"""The year's participation figures, counted from the records, and the sentences that
section 一 (总体情况) of the annual report quotes.

``reports`` asks for the sentences through its narrative registry (``apps.py``): a
computed report starts its overview with them, and the correction page offers them again
for the clerk to keep or edit. Years are counted in Asia/Shanghai. What each figure counts:

* decisions: those of the year's catalog, when the catalog is published;
* consulted decisions / consultations: published consultations that opened in the year;
* opinions: accepted opinions received in the year; adopted, partly adopted and not adopted
  among them, once their consultation's feedback is published;
* projects disclosed: projects published in the year or with a stage record published in it;
* suggestions and proposals: received in the year; replied and replies published in the year;
* media accounts: operating on 31 December (opened by then, not closed by then); closed and
  merged in the year;
* messages: received in the year (by the body that handles them); answered, answered on
  time (by the due date on the workday calendar) and published, among those;
* emergencies: notices released in the year, and the events they belong to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.participation.models import (
    Adoption,
    Consultation,
    DeputyProposal,
    EmergencyNotice,
    MajorDecision,
    MajorProject,
    MediaAccount,
    MediaStatus,
    Message,
    Moderation,
    Opinion,
    ProposalKind,
    StageRecord,
    SurveyResponse,
)
from gongkai.participation.selectors import load_calendar, message_clock


@dataclass(frozen=True)
class ParticipationFigures:
    year: int
    catalog_decisions: int = 0
    consulted_decisions: int = 0
    consultations: int = 0
    opinions_received: int = 0
    opinions_adopted: int = 0
    opinions_partly_adopted: int = 0
    opinions_not_adopted: int = 0
    survey_responses: int = 0
    projects_disclosed: int = 0
    stage_records: int = 0
    suggestions_received: int = 0
    proposals_received: int = 0
    proposals_replied: int = 0
    proposals_published: int = 0
    media_active: int = 0
    media_closed: int = 0
    media_merged: int = 0
    messages_received: int = 0
    messages_answered: int = 0
    messages_on_time: int = 0
    messages_published: int = 0
    emergency_notices: int = 0
    emergency_events: int = 0


def participation_figures(organizations: Sequence[Organization], year: int) -> ParticipationFigures:
    orgs = list(organizations)
    decisions = MajorDecision.objects.filter(
        organization__in=orgs, catalog__year=year, catalog__published_at__isnull=False
    )
    consultations = Consultation.objects.filter(
        organization__in=orgs, published_at__isnull=False, opens_on__year=year
    )
    opinions = Opinion.objects.filter(
        consultation__organization__in=orgs,
        consultation__published_at__isnull=False,
        moderation=Moderation.ACCEPTED,
        submitted_at__year=year,
    )
    answered = opinions.filter(consultation__feedback_published_at__isnull=False, feedback__isnull=False)
    projects = MajorProject.objects.filter(organization__in=orgs, published_at__isnull=False)
    records = StageRecord.objects.filter(project__in=projects, published_at__year=year)
    disclosed = projects.filter(Q(published_at__year=year) | Q(records__published_at__year=year)).distinct()
    proposals = DeputyProposal.objects.filter(organization__in=orgs)
    year_end = dt.date(year, 12, 31)
    accounts = MediaAccount.objects.filter(organization__in=orgs)
    active = accounts.filter(Q(opened_on__isnull=True) | Q(opened_on__lte=year_end)).filter(
        Q(status=MediaStatus.ACTIVE) | Q(closed_on__gt=year_end)
    )
    messages = list(Message.objects.filter(organization__in=orgs, received_on__year=year))
    calendar = load_calendar()
    today = timezone.localdate()
    on_time = sum(
        1
        for m in messages
        if m.answered_at is not None and message_clock(m, calendar, today).state == "answered"
    )
    notices = EmergencyNotice.objects.filter(event__organization__in=orgs, released_at__year=year)
    return ParticipationFigures(
        year=year,
        catalog_decisions=decisions.count(),
        consulted_decisions=consultations.values("decision").distinct().count(),
        consultations=consultations.count(),
        opinions_received=opinions.count(),
        opinions_adopted=answered.filter(feedback__adoption=Adoption.ADOPTED).count(),
        opinions_partly_adopted=answered.filter(feedback__adoption=Adoption.PARTLY_ADOPTED).count(),
        opinions_not_adopted=answered.filter(feedback__adoption=Adoption.NOT_ADOPTED).count(),
        survey_responses=SurveyResponse.objects.filter(
            survey__consultation__organization__in=orgs, submitted_at__year=year
        ).count(),
        projects_disclosed=disclosed.count(),
        stage_records=records.count(),
        suggestions_received=proposals.filter(kind=ProposalKind.DEPUTY_SUGGESTION, year=year).count(),
        proposals_received=proposals.filter(kind=ProposalKind.MEMBER_PROPOSAL, year=year).count(),
        proposals_replied=proposals.filter(replied_on__year=year).count(),
        proposals_published=proposals.filter(published_at__year=year).count(),
        media_active=active.count(),
        media_closed=accounts.filter(status=MediaStatus.CLOSED, closed_on__year=year).count(),
        media_merged=accounts.filter(status=MediaStatus.MERGED, closed_on__year=year).count(),
        messages_received=len(messages),
        messages_answered=sum(1 for m in messages if m.answered_at is not None),
        messages_on_time=on_time,
        messages_published=sum(1 for m in messages if m.published_at is not None),
        emergency_notices=notices.count(),
        emergency_events=notices.values("event").distinct().count(),
    )


def sentences(figures: ParticipationFigures) -> list[str]:
    """The figures as sentences in the report's language (Chinese), one per area that has
    records; an area without any says nothing rather than claiming there was nothing."""
    f = figures
    out: list[str] = []
    with translation.override(settings.LANGUAGE_CODE):
        if f.catalog_decisions or f.consultations:
            text = ""
            if f.catalog_decisions:
                text += _(
                    "The catalog of major administrative decisions for %(year)s was published, listing %(count)s decisions."
                ) % {
                    "year": f.year,
                    "count": f.catalog_decisions,
                }
            if f.consultations:
                text += _(
                    "The drafts of %(decisions)s major decisions were put to public consultation, which received %(opinions)s opinions and suggestions."
                ) % {"decisions": f.consulted_decisions, "opinions": f.opinions_received}
            answered = f.opinions_adopted + f.opinions_partly_adopted + f.opinions_not_adopted
            if answered:
                text += _(
                    "Feedback on %(answered)s of them was published: %(adopted)s adopted, %(partly)s partly adopted and %(not)s not adopted, each with its reason."
                ) % {
                    "answered": answered,
                    "adopted": f.opinions_adopted,
                    "partly": f.opinions_partly_adopted,
                    "not": f.opinions_not_adopted,
                }
            if f.survey_responses:
                text += _("Surveys on the drafts received %(count)s responses.") % {
                    "count": f.survey_responses
                }
            out.append(text)
        if f.projects_disclosed:
            out.append(
                _(
                    "Information on %(projects)s major construction projects was disclosed, with %(records)s items on their approval and implementation."
                )
                % {"projects": f.projects_disclosed, "records": f.stage_records}
            )
        if f.suggestions_received or f.proposals_received or f.proposals_replied:
            out.append(
                _(
                    "%(suggestions)s suggestions of people's congress deputies and %(proposals)s proposals of CPPCC members were handled; %(replied)s replies were given and %(published)s published."
                )
                % {
                    "suggestions": f.suggestions_received,
                    "proposals": f.proposals_received,
                    "replied": f.proposals_replied,
                    "published": f.proposals_published,
                }
            )
        if f.media_active or f.media_closed or f.media_merged:
            text = _("At the end of the year %(active)s government new-media accounts were operating.") % {
                "active": f.media_active
            }
            if f.media_closed or f.media_merged:
                text += _("During the year %(closed)s accounts were closed and %(merged)s merged.") % {
                    "closed": f.media_closed,
                    "merged": f.media_merged,
                }
            out.append(text)
        if f.messages_received:
            out.append(
                _(
                    "%(received)s messages from the public were received and %(answered)s answered, %(on_time)s of them within the time limit; %(published)s questions and answers were published."
                )
                % {
                    "received": f.messages_received,
                    "answered": f.messages_answered,
                    "on_time": f.messages_on_time,
                    "published": f.messages_published,
                }
            )
        if f.emergency_notices:
            out.append(
                _("%(notices)s notices on %(events)s public emergencies were released.")
                % {"notices": f.emergency_notices, "events": f.emergency_events}
            )
    return out


def overview_sentences(organizations: Sequence[Organization], year: int) -> list[str]:
    """The narrative provider registered with ``reports``."""
    return sentences(participation_figures(organizations, year))
