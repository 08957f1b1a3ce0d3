"""Surveys (问卷调查) attached to a consultation: built by staff before anyone answers,
answered anonymously while the consultation is open (《重大行政决策程序暂行条例》 Art. 14
names 问卷调查 among the ways of hearing the public)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gongkai.accounts.roles import PARTICIPATION_EDIT
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.participation.models import Choice, Consultation, Question, QuestionKind, Survey, SurveyResponse
from gongkai.participation.services._common import PUBLIC_ACTOR, require, required_text, today
from gongkai.participation.services.decisions import is_open

MAX_CHOICES = 12


def _editable(survey: Survey) -> None:
    if survey.responses.exists():
        raise DomainError(_("The survey has answers already; its questions can no longer change."))


@transaction.atomic
def survey_create(*, actor: Any, consultation: Consultation, title: str, introduction: str = "") -> Survey:
    require(actor, PARTICIPATION_EDIT, consultation.organization)
    title = required_text(title, field="title", message=_("Give the survey a title."))
    survey = Survey.objects.create(consultation=consultation, title=title, introduction=introduction.strip())
    log_action(
        actor=actor,
        action="survey.created",
        target=survey,
        organization=consultation.organization,
        after={"title": title, "consultation": consultation.pk},
    )
    return survey


@transaction.atomic
def question_add(*, actor: Any, survey: Survey, text: str, kind: str, choices: Sequence[str]) -> Question:
    organization = survey.consultation.organization
    require(actor, PARTICIPATION_EDIT, organization)
    _editable(survey)
    text = required_text(text, field="text", message=_("Write the question."))
    if kind not in QuestionKind.values:
        raise DomainError(_("Say whether one or several answers may be chosen."), field="kind")
    options = [c.strip() for c in choices if c.strip()]
    if len(options) < 2:
        raise DomainError(_("Give at least two answers, one per line."), field="choices")
    if len(options) > MAX_CHOICES:
        raise DomainError(_("Give at most %(count)s answers.") % {"count": MAX_CHOICES}, field="choices")
    if len(set(options)) != len(options):
        raise DomainError(_("Two answers are the same."), field="choices")
    last = survey.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question.objects.create(survey=survey, position=last + 1, text=text, kind=kind)
    Choice.objects.bulk_create(
        [Choice(question=question, position=i, text=option) for i, option in enumerate(options, 1)]
    )
    log_action(
        actor=actor,
        action="survey.question_added",
        target=survey,
        organization=organization,
        after={"question": text, "kind": kind, "choices": options},
    )
    return question


@transaction.atomic
def question_remove(*, actor: Any, question: Question) -> None:
    survey = question.survey
    organization = survey.consultation.organization
    require(actor, PARTICIPATION_EDIT, organization)
    _editable(survey)
    log_action(
        actor=actor,
        action="survey.question_removed",
        target=survey,
        organization=organization,
        before={"question": question.text, "choices": [c.text for c in question.choices.all()]},
    )
    question.delete()


@transaction.atomic
def survey_respond(*, survey: Survey, answers: Mapping[int, Sequence[int]]) -> SurveyResponse:
    """One anonymous response: ``answers`` maps each question's id to the chosen choices'
    ids. Every question must be answered; a one-answer question takes exactly one."""
    consultation = Consultation.objects.get(pk=survey.consultation_id)
    if not is_open(consultation, today()):
        raise DomainError(_("This survey is not open."))
    questions = list(survey.questions.prefetch_related("choices"))
    if not questions:
        raise DomainError(_("This survey has no questions."))
    chosen: list[Choice] = []
    for question in questions:
        picked = set(answers.get(question.pk, ()))
        valid = {c.pk: c for c in question.choices.all()}
        if not picked:
            raise DomainError(_("Answer every question."), field=f"q{question.pk}")
        if picked - valid.keys():
            raise DomainError(_("An answer does not belong to its question."), field=f"q{question.pk}")
        if question.kind == QuestionKind.SINGLE and len(picked) != 1:
            raise DomainError(_("Choose one answer."), field=f"q{question.pk}")
        chosen.extend(valid[pk] for pk in sorted(picked))
    response = SurveyResponse.objects.create(survey=survey)
    response.choices.set(chosen)
    log_action(
        actor=PUBLIC_ACTOR,
        action="survey.answered",
        target=response,
        organization=consultation.organization,
        after={"survey": survey.pk, "choices": [c.pk for c in chosen]},
    )
    return response
