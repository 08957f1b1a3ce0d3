"""Back-office pages of public participation: decisions and consultations with moderation
and feedback, surveys, projects, proposals, media accounts, the mailbox with its clock,
emergencies on the fast path, settings and the year's figures. Views parse, call services
and selectors, and render; objects are fetched only through ``participation.access``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import get_organization_for_user, user_can
from gongkai.accounts.models import Organization
from gongkai.accounts.roles import (
    EMERGENCY_RELEASE,
    MESSAGE_HANDLE,
    PARTICIPATION_EDIT,
    PARTICIPATION_PUBLISH,
    VIEW,
)
from gongkai.backoffice.participation import forms as f
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError
from gongkai.disclosure.selectors import public_publications
from gongkai.participation import access, selectors
from gongkai.participation.models import (
    DeputyProposal,
    EmergencyEvent,
    MajorProject,
    MediaAccount,
    MediaStatus,
    Moderation,
)
from gongkai.participation.services import decisions as decision_services
from gongkai.participation.services import emergencies as emergency_services
from gongkai.participation.services import media as media_services
from gongkai.participation.services import messages as message_services
from gongkai.participation.services import projects as project_services
from gongkai.participation.services import proposals as proposal_services
from gongkai.participation.services import surveys as survey_services
from gongkai.participation.statistics import participation_figures, sentences

T = "backoffice/participation/"


def _year(request: HttpRequest, default: int) -> int:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise BadRequest("Query parameter 'year' must be a year from 2000 to 2100")
    return int(raw)


def _form_error(form: Any, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _save(form: Any, action: Callable[[], Any]) -> Any:
    """Run ``action`` for a valid form; a domain error goes back onto the form."""
    if not form.is_valid():
        return None
    try:
        return action()
    except DomainError as error:
        _form_error(form, error)
        return None


def _do(request: HttpRequest, action: Callable[[], Any], success: str) -> None:
    """A one-button action: run it, and say what happened."""
    try:
        action()
    except DomainError as error:
        flash.error(request, error.message)
    else:
        flash.success(request, success)


def _form_page(
    request: HttpRequest, organization: Organization, form: Any, title: str, back: str
) -> HttpResponse:
    return render(
        request, T + "form.html", {"organization": organization, "form": form, "title": title, "back": back}
    )


def _publications(organization: Organization) -> Any:
    return public_publications(organizations=[organization]).order_by("-published_on", "-pk")


# --- Hub -----------------------------------------------------------------------------------------


@login_required
def hub(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    today = timezone.localdate()
    year = _year(request, today.year - 1)
    figures = participation_figures([organization], year)
    urgency = selectors.open_messages_by_urgency(on=today).get(organization, ([], []))
    return render(
        request,
        T + "hub.html",
        {
            "organization": organization,
            "year": year,
            "figures": figures,
            "sentences": sentences(figures),
            "overdue": urgency[0],
            "due_soon": urgency[1],
            "pending_opinions": selectors.pending_opinions(organization).count(),
            "stale_accounts": sum(1 for v in selectors.media_registry([organization], today) if v.stale),
            "can_edit_settings": user_can(request.user, "org.edit_column", organization),
            "can_handle": user_can(request.user, MESSAGE_HANDLE, organization),
        },
    )


@login_required
def settings_edit(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "org.edit_column")
    current = selectors.settings_of(organization)
    form = f.SettingsForm(
        request.POST or None,
        initial={
            "message_reply_workdays": current.message_reply_workdays,
            "media_stale_days": current.media_stale_days,
        },
    )
    if request.method == "POST" and _save(
        form,
        lambda: media_services.settings_update(
            actor=request.user, organization=organization, **form.cleaned_data
        ),
    ):
        flash.success(request, _("The settings were saved."))
        return redirect("backoffice:participation", org=org)
    return _form_page(
        request, organization, form, _("Settings of public participation"), "backoffice:participation"
    )


# --- Decisions -----------------------------------------------------------------------------------


@login_required
def decisions(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    year = _year(request, timezone.localdate().year)
    catalog = selectors.catalog_of(organization, year)
    return render(
        request,
        T + "decisions.html",
        {
            "organization": organization,
            "year": year,
            "catalog": catalog,
            "decisions": selectors.decisions_of(organization, year).prefetch_related("consultations"),
            "years": selectors.catalog_years(organization),
            "can_edit": user_can(request.user, PARTICIPATION_EDIT, organization),
            "can_publish": user_can(request.user, PARTICIPATION_PUBLISH, organization),
            "publish_form": f.CatalogPublishForm(),
        },
    )


@login_required
@require_POST
def catalog_publish(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    catalog = access.get_catalog_for_user(request.user, org, pk, PARTICIPATION_PUBLISH)
    form = f.CatalogPublishForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    _do(
        request,
        lambda: decision_services.catalog_publish(actor=request.user, catalog=catalog, note=note),
        _("The catalog was published."),
    )
    return redirect(f"{_url('backoffice:participation_decisions', org)}?year={catalog.year}")


def _url(name: str, org: str, **kwargs: Any) -> str:
    from django.urls import reverse

    return reverse(name, kwargs={"org": org, **kwargs})


@login_required
def decision_new(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, PARTICIPATION_EDIT)
    year = _year(request, timezone.localdate().year)
    form = f.DecisionForm(request.POST or None)
    if request.method == "POST":
        decision = _save(
            form,
            lambda: decision_services.decision_create(
                actor=request.user, organization=organization, year=year, values=form.cleaned_data
            ),
        )
        if decision:
            flash.success(request, _("The decision was added to the catalog."))
            return redirect("backoffice:participation_decision", org=org, pk=decision.pk)
    return _form_page(
        request,
        organization,
        form,
        _("New major decision for %(year)s") % {"year": year},
        "backoffice:participation_decisions",
    )


@login_required
def decision_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    decision = access.get_decision_for_user(request.user, org, pk)
    organization = decision.organization
    can_edit = user_can(request.user, PARTICIPATION_EDIT, organization)
    form = f.DecisionForm(request.POST or None, instance=decision) if can_edit else None
    if (
        request.method == "POST"
        and form is not None
        and _save(
            form,
            lambda: decision_services.decision_update(
                actor=request.user, decision=decision, values=form.cleaned_data
            ),
        )
    ):
        flash.success(request, _("The decision was saved."))
        return redirect("backoffice:participation_decision", org=org, pk=pk)
    today = timezone.localdate()
    return render(
        request,
        T + "decision.html",
        {
            "organization": organization,
            "decision": decision,
            "form": form,
            "consultations": [
                (c, selectors.consultation_state(c, today)) for c in decision.consultations.all()
            ],
            "can_edit": can_edit,
            "can_publish": user_can(request.user, PARTICIPATION_PUBLISH, organization),
            "outcome_form": f.OutcomeForm(
                initial={"decided_on": decision.decided_on, "publication": decision.decision_publication},
                publications=_publications(organization),
            ),
            "trail": trail_for(decision)[:30],
        },
    )


@login_required
@require_POST
def decision_outcome(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    decision = access.get_decision_for_user(request.user, org, pk, PARTICIPATION_PUBLISH)
    form = f.OutcomeForm(request.POST, publications=_publications(decision.organization))
    if form.is_valid():
        _do(
            request,
            lambda: decision_services.decision_record_outcome(
                actor=request.user,
                decision=decision,
                decided_on=form.cleaned_data["decided_on"],
                publication=form.cleaned_data["publication"],
            ),
            _("The decision was recorded."),
        )
    else:
        flash.error(request, _("Give the date of the decision."))
    return redirect("backoffice:participation_decision", org=org, pk=pk)


# --- Consultations -------------------------------------------------------------------------------


@login_required
def consultation_new(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    decision = access.get_decision_for_user(request.user, org, pk, PARTICIPATION_EDIT)
    form = f.ConsultationForm(request.POST or None)
    if request.method == "POST":
        consultation = _save(
            form,
            lambda: decision_services.consultation_create(
                actor=request.user, decision=decision, values=form.cleaned_data
            ),
        )
        if consultation:
            flash.success(request, _("The consultation was saved. Publish it when it is ready."))
            return redirect("backoffice:participation_consultation", org=org, pk=consultation.pk)
    return render(
        request,
        T + "form.html",
        {
            "organization": decision.organization,
            "form": form,
            "title": _("New consultation on “%(title)s”") % {"title": decision.title},
            "back": "backoffice:participation_decisions",
        },
    )


@login_required
def consultation_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    consultation = access.get_consultation_for_user(request.user, org, pk)
    organization = consultation.organization
    can_edit = user_can(request.user, PARTICIPATION_EDIT, organization)
    edit_form = None
    if consultation.published_at is None and can_edit:
        edit_form = f.ConsultationForm(request.POST or None, instance=consultation)
        if request.method == "POST" and _save(
            edit_form,
            lambda: decision_services.consultation_update(
                actor=request.user, consultation=consultation, values=edit_form.cleaned_data
            ),
        ):
            flash.success(request, _("The consultation was saved."))
            return redirect("backoffice:participation_consultation", org=org, pk=pk)
    opinions = consultation.opinions.select_related("feedback")
    accepted = opinions.filter(moderation=Moderation.ACCEPTED)
    return render(
        request,
        T + "consultation.html",
        {
            "organization": organization,
            "consultation": consultation,
            "state": selectors.consultation_state(consultation, timezone.localdate()),
            "edit_form": edit_form,
            "opinions": opinions,
            # The public's contact data: only the body's own participation staff.
            "show_contact": can_edit,
            "feedback_items": consultation.feedback_items.prefetch_related("opinions"),
            "feedback_form": f.FeedbackForm(opinions=accepted.filter(feedback__isnull=True)),
            "counts": selectors.feedback_counts(consultation),
            "publish_form": f.FeedbackPublishForm(initial={"summary": consultation.feedback_summary}),
            "surveys": consultation.surveys.all(),
            "survey_form": f.SurveyCreateForm(),
            "can_edit": can_edit,
            "can_publish": user_can(request.user, PARTICIPATION_PUBLISH, organization),
            "trail": trail_for(consultation)[:30],
        },
    )


@login_required
@require_POST
def consultation_publish(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    consultation = access.get_consultation_for_user(request.user, org, pk, PARTICIPATION_PUBLISH)
    _do(
        request,
        lambda: decision_services.consultation_publish(actor=request.user, consultation=consultation),
        _("The consultation was published; opinions are taken from its first day."),
    )
    return redirect("backoffice:participation_consultation", org=org, pk=pk)


@login_required
@require_POST
def opinion_moderate(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    opinion = access.get_opinion_for_user(request.user, org, pk, PARTICIPATION_EDIT)
    form = f.ModerationForm(request.POST)
    if form.is_valid():
        _do(
            request,
            lambda: decision_services.opinion_moderate(
                actor=request.user,
                opinion=opinion,
                moderation=form.cleaned_data["moderation"],
                reason=form.cleaned_data["reason"],
            ),
            _("The opinion was moderated."),
        )
    return redirect("backoffice:participation_consultation", org=org, pk=opinion.consultation_id)


@login_required
@require_POST
def feedback_new(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    consultation = access.get_consultation_for_user(request.user, org, pk, PARTICIPATION_EDIT)
    accepted = consultation.opinions.filter(moderation=Moderation.ACCEPTED)
    form = f.FeedbackForm(request.POST, opinions=accepted)
    if _save(
        form,
        lambda: decision_services.feedback_item_save(
            actor=request.user,
            consultation=consultation,
            values={k: form.cleaned_data[k] for k in ("summary", "adoption", "reason")},
            opinions=list(form.cleaned_data["opinions"]),
        ),
    ):
        flash.success(request, _("The answer was saved. It is published with the rest of the feedback."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(error) for error in errors)
            flash.error(request, f"{label}：{text}" if label else text)
    return redirect("backoffice:participation_consultation", org=org, pk=pk)


@login_required
def feedback_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    item = access.get_feedback_item_for_user(request.user, org, pk, PARTICIPATION_EDIT)
    consultation = item.consultation
    accepted = consultation.opinions.filter(moderation=Moderation.ACCEPTED).filter(
        Q(feedback__isnull=True) | Q(feedback=item)
    )
    form = f.FeedbackForm(
        request.POST or None,
        opinions=accepted,
        initial={
            "summary": item.summary,
            "adoption": item.adoption,
            "reason": item.reason,
            "opinions": item.opinions.all(),
        },
    )
    if request.method == "POST":
        if "delete" in request.POST:
            _do(
                request,
                lambda: decision_services.feedback_item_delete(actor=request.user, item=item),
                _("The answer was deleted."),
            )
            return redirect("backoffice:participation_consultation", org=org, pk=consultation.pk)
        if _save(
            form,
            lambda: decision_services.feedback_item_save(
                actor=request.user,
                consultation=consultation,
                values={k: form.cleaned_data[k] for k in ("summary", "adoption", "reason")},
                opinions=list(form.cleaned_data["opinions"]),
                item=item,
            ),
        ):
            flash.success(request, _("The answer was saved."))
            return redirect("backoffice:participation_consultation", org=org, pk=consultation.pk)
    return render(
        request,
        T + "feedback_edit.html",
        {"organization": consultation.organization, "consultation": consultation, "item": item, "form": form},
    )


@login_required
@require_POST
def feedback_publish(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    consultation = access.get_consultation_for_user(request.user, org, pk, PARTICIPATION_PUBLISH)
    form = f.FeedbackPublishForm(request.POST)
    summary = form.cleaned_data["summary"] if form.is_valid() else ""
    _do(
        request,
        lambda: decision_services.feedback_publish(
            actor=request.user, consultation=consultation, summary=summary
        ),
        _("The feedback was published on the decision's page."),
    )
    return redirect("backoffice:participation_consultation", org=org, pk=pk)


@login_required
@require_POST
def feedback_withdraw(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    consultation = access.get_consultation_for_user(request.user, org, pk, PARTICIPATION_PUBLISH)
    form = f.ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _do(
        request,
        lambda: decision_services.feedback_withdraw(
            actor=request.user, consultation=consultation, reason=reason
        ),
        _("The feedback was withdrawn; correct it and publish it again."),
    )
    return redirect("backoffice:participation_consultation", org=org, pk=pk)


# --- Surveys -------------------------------------------------------------------------------------


@login_required
@require_POST
def survey_new(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    consultation = access.get_consultation_for_user(request.user, org, pk, PARTICIPATION_EDIT)
    form = f.SurveyCreateForm(request.POST)
    survey = _save(
        form,
        lambda: survey_services.survey_create(
            actor=request.user,
            consultation=consultation,
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
        ),
    )
    if survey:
        return redirect("backoffice:participation_survey", org=org, pk=survey.pk)
    flash.error(request, _("Give the survey a title."))
    return redirect("backoffice:participation_consultation", org=org, pk=pk)


@login_required
def survey_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    from gongkai.portal.participation.charts import bar_chart_svg

    survey = access.get_survey_for_user(request.user, org, pk)
    organization = survey.consultation.organization
    can_edit = user_can(request.user, PARTICIPATION_EDIT, organization)
    form = f.QuestionForm(request.POST or None) if can_edit else None
    if (
        request.method == "POST"
        and form is not None
        and _save(
            form,
            lambda: survey_services.question_add(
                actor=request.user,
                survey=survey,
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
                choices=form.choice_list(),
            ),
        )
    ):
        flash.success(request, _("The question was added."))
        return redirect("backoffice:participation_survey", org=org, pk=pk)
    respondents, results = selectors.survey_results(survey)
    return render(
        request,
        T + "survey.html",
        {
            "organization": organization,
            "survey": survey,
            "form": form,
            "respondents": respondents,
            "results": [(r, bar_chart_svg(r, f"chart-q{r.question.pk}")) for r in results],
            "can_edit": can_edit and respondents == 0,
        },
    )


@login_required
@require_POST
def question_remove(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    question = access.get_question_for_user(request.user, org, pk, PARTICIPATION_EDIT)
    survey_pk = question.survey_id
    _do(
        request,
        lambda: survey_services.question_remove(actor=request.user, question=question),
        _("The question was removed."),
    )
    return redirect("backoffice:participation_survey", org=org, pk=survey_pk)


# --- Projects ------------------------------------------------------------------------------------


@login_required
def projects(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    return render(
        request,
        T + "projects.html",
        {
            "organization": organization,
            "projects": MajorProject.objects.filter(organization=organization).order_by("-pk"),
            "can_edit": user_can(request.user, PARTICIPATION_EDIT, organization),
        },
    )


@login_required
def project_new(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, PARTICIPATION_EDIT)
    form = f.ProjectForm(request.POST or None)
    if request.method == "POST":
        project = _save(
            form,
            lambda: project_services.project_create(
                actor=request.user, organization=organization, values=form.cleaned_data
            ),
        )
        if project:
            return redirect("backoffice:participation_project", org=org, pk=project.pk)
    return _form_page(
        request, organization, form, _("New major construction project"), "backoffice:participation_projects"
    )


@login_required
def project_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    project = access.get_project_for_user(request.user, org, pk)
    organization = project.organization
    can_edit = user_can(request.user, PARTICIPATION_EDIT, organization)
    form = f.ProjectForm(request.POST or None, instance=project) if can_edit else None
    record_form = f.StageRecordForm(prefix="record", publications=_publications(organization))
    if request.method == "POST" and form is not None:
        if "record-stage" in request.POST:
            record_form = f.StageRecordForm(
                request.POST, prefix="record", publications=_publications(organization)
            )
            form = f.ProjectForm(instance=project)
            if _save(
                record_form,
                lambda: project_services.stage_record_add(
                    actor=request.user, project=project, values=record_form.cleaned_data
                ),
            ):
                flash.success(request, _("The stage record was added."))
                return redirect("backoffice:participation_project", org=org, pk=pk)
        elif _save(
            form,
            lambda: project_services.project_update(
                actor=request.user, project=project, values=form.cleaned_data
            ),
        ):
            flash.success(request, _("The project was saved."))
            return redirect("backoffice:participation_project", org=org, pk=pk)
    return render(
        request,
        T + "project.html",
        {
            "organization": organization,
            "project": project,
            "form": form,
            "record_form": record_form,
            "life": selectors.project_life(project, public_only=False),
            "can_edit": can_edit,
            "can_publish": user_can(request.user, PARTICIPATION_PUBLISH, organization),
            "trail": trail_for(project)[:30],
        },
    )


@login_required
@require_POST
def project_publish(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    project = access.get_project_for_user(request.user, org, pk, PARTICIPATION_PUBLISH)
    _do(
        request,
        lambda: project_services.project_publish(actor=request.user, project=project),
        _("The project was published."),
    )
    return redirect("backoffice:participation_project", org=org, pk=pk)


@login_required
@require_POST
def stage_record_remove(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    record = access.get_stage_record_for_user(request.user, org, pk, PARTICIPATION_EDIT)
    project_pk = record.project_id
    _do(
        request,
        lambda: project_services.stage_record_remove(actor=request.user, record=record),
        _("The record was removed."),
    )
    return redirect("backoffice:participation_project", org=org, pk=project_pk)


# --- Proposals -----------------------------------------------------------------------------------


@login_required
def proposals(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    return render(
        request,
        T + "proposals.html",
        {
            "organization": organization,
            "proposals": DeputyProposal.objects.filter(organization=organization),
            "can_edit": user_can(request.user, PARTICIPATION_EDIT, organization),
        },
    )


@login_required
def proposal_new(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, PARTICIPATION_EDIT)
    form = f.ProposalForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        proposal = _save(
            form,
            lambda: proposal_services.proposal_create(
                actor=request.user, organization=organization, values=form.cleaned_data
            ),
        )
        if proposal:
            return redirect("backoffice:participation_proposal", org=org, pk=proposal.pk)
    return _form_page(
        request, organization, form, _("New suggestion or proposal"), "backoffice:participation_proposals"
    )


@login_required
def proposal_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, org, pk)
    organization = proposal.organization
    can_edit = user_can(request.user, PARTICIPATION_EDIT, organization)
    form = f.ProposalForm(instance=proposal)
    reply_form = f.ProposalReplyForm(
        initial={
            "reply": proposal.reply,
            "replied_on": proposal.replied_on or timezone.localdate(),
            "result": proposal.result,
        }
    )
    if request.method == "POST" and can_edit:
        if "reply" in request.POST:
            reply_form = f.ProposalReplyForm(request.POST)
            if _save(
                reply_form,
                lambda: proposal_services.proposal_reply(
                    actor=request.user, proposal=proposal, **reply_form.cleaned_data
                ),
            ):
                flash.success(request, _("The reply was recorded."))
                return redirect("backoffice:participation_proposal", org=org, pk=pk)
        else:
            form = f.ProposalForm(request.POST, instance=proposal)
            if _save(
                form,
                lambda: proposal_services.proposal_update(
                    actor=request.user, proposal=proposal, values=form.cleaned_data
                ),
            ):
                flash.success(request, _("Saved."))
                return redirect("backoffice:participation_proposal", org=org, pk=pk)
    return render(
        request,
        T + "proposal.html",
        {
            "organization": organization,
            "proposal": proposal,
            "form": form,
            "reply_form": reply_form,
            "can_edit": can_edit,
            "can_publish": user_can(request.user, PARTICIPATION_PUBLISH, organization),
            "trail": trail_for(proposal)[:30],
        },
    )


@login_required
@require_POST
def proposal_publish(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    proposal = access.get_proposal_for_user(request.user, org, pk, PARTICIPATION_PUBLISH)
    if "reason" in request.POST:
        form = f.ReasonForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        _do(
            request,
            lambda: proposal_services.proposal_unpublish(
                actor=request.user, proposal=proposal, reason=reason
            ),
            _("The reply was withdrawn from the site."),
        )
    else:
        _do(
            request,
            lambda: proposal_services.proposal_publish(actor=request.user, proposal=proposal),
            _("The reply was published."),
        )
    return redirect("backoffice:participation_proposal", org=org, pk=pk)


# --- Media accounts ------------------------------------------------------------------------------


@login_required
def media(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    can_edit = user_can(request.user, PARTICIPATION_EDIT, organization)
    form = f.MediaAccountForm(request.POST or None) if can_edit else None
    if (
        request.method == "POST"
        and form is not None
        and _save(
            form,
            lambda: media_services.media_account_create(
                actor=request.user, organization=organization, values=form.cleaned_data
            ),
        )
    ):
        flash.success(request, _("The account was registered."))
        return redirect("backoffice:participation_media", org=org)
    return render(
        request,
        T + "media.html",
        {
            "organization": organization,
            "registry": selectors.media_registry([organization], timezone.localdate()),
            "stale_days": selectors.settings_of(organization).media_stale_days,
            "form": form,
            "can_edit": can_edit,
        },
    )


@login_required
def media_account(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    account = access.get_media_account_for_user(request.user, org, pk)
    organization = account.organization
    can_edit = user_can(request.user, PARTICIPATION_EDIT, organization)
    others = MediaAccount.objects.filter(
        organization__in=organization.subtree(), status=MediaStatus.ACTIVE
    ).exclude(pk=account.pk)
    update_form = f.DateForm(prefix="update", initial={"on": timezone.localdate()})
    close_form = f.CloseForm(prefix="close", accounts=others)
    if request.method == "POST" and can_edit:
        if "update-on" in request.POST:
            update_form = f.DateForm(request.POST, prefix="update")
            if _save(
                update_form,
                lambda: media_services.media_account_record_update(
                    actor=request.user, account=account, on=update_form.cleaned_data["on"]
                ),
            ):
                flash.success(request, _("The update was recorded."))
                return redirect("backoffice:participation_media", org=org)
        else:
            close_form = f.CloseForm(request.POST, prefix="close", accounts=others)
            if _save(
                close_form,
                lambda: media_services.media_account_close(
                    actor=request.user, account=account, **close_form.cleaned_data
                ),
            ):
                flash.success(request, _("The account was closed."))
                return redirect("backoffice:participation_media", org=org)
    return render(
        request,
        T + "media_account.html",
        {
            "organization": organization,
            "account": account,
            "update_form": update_form,
            "close_form": close_form,
            "can_edit": can_edit and account.status == MediaStatus.ACTIVE,
            "trail": trail_for(account)[:30],
        },
    )


# --- Messages ------------------------------------------------------------------------------------


@login_required
def message_queue(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    calendar = selectors.load_calendar()
    today = timezone.localdate()
    clocks = [
        (m, selectors.message_clock(m, calendar, today))
        for m in selectors.messages_of(organization).order_by("-received_on", "-pk")[:300]
    ]
    order = {"overdue": 0, "due_soon": 1, "open": 2, "answered_late": 3, "answered": 4}
    clocks.sort(key=lambda pair: (order[pair[1].state], pair[1].due_on))
    rows = [{"message": m, "clock": clock} for m, clock in clocks]
    return render(request, T + "messages.html", {"organization": organization, "rows": rows})


@login_required
def message_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    message = access.get_message_for_user(request.user, org, pk)
    organization = message.organization
    can_handle = user_can(request.user, MESSAGE_HANDLE, organization)
    can_publish = user_can(request.user, PARTICIPATION_PUBLISH, organization)
    answer_form = f.AnswerForm(prefix="answer")
    others = Organization.objects.filter(
        path__startswith=organization.path.split(".")[0] + ".", is_active=True
    ).exclude(pk=organization.pk)
    transfer_form = f.TransferForm(prefix="transfer", organizations=others)
    publish_form = f.PublishMessageForm(
        prefix="publish", initial={"public_question": message.body, "public_answer": message.answer}
    )
    if request.method == "POST":
        if "answer-answer" in request.POST and can_handle:
            answer_form = f.AnswerForm(request.POST, prefix="answer")
            if _save(
                answer_form,
                lambda: message_services.message_answer(
                    actor=request.user, message=message, answer=answer_form.cleaned_data["answer"]
                ),
            ):
                flash.success(request, _("The answer was recorded and is being e-mailed to the writer."))
                return redirect("backoffice:participation_message", org=org, pk=pk)
        elif "transfer-to" in request.POST and can_handle:
            transfer_form = f.TransferForm(request.POST, prefix="transfer", organizations=others)
            if _save(
                transfer_form,
                lambda: message_services.message_transfer(
                    actor=request.user, message=message, **transfer_form.cleaned_data
                ),
            ):
                flash.success(request, _("The message was transferred; its time limit runs on."))
                return redirect("backoffice:participation_messages", org=org)
        elif "publish-public_question" in request.POST and can_publish:
            publish_form = f.PublishMessageForm(request.POST, prefix="publish")
            if _save(
                publish_form,
                lambda: message_services.message_publish(
                    actor=request.user, message=message, **publish_form.cleaned_data
                ),
            ):
                flash.success(request, _("The question and answer were published."))
                return redirect("backoffice:participation_message", org=org, pk=pk)
        elif "resend" in request.POST and can_handle:
            _do(
                request,
                lambda: message_services.message_resend_answer(actor=request.user, message=message),
                _("The answer is being e-mailed again."),
            )
            return redirect("backoffice:participation_message", org=org, pk=pk)
        elif "unpublish" in request.POST and can_publish:
            form = f.ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            _do(
                request,
                lambda: message_services.message_unpublish(
                    actor=request.user, message=message, reason=reason
                ),
                _("The question and answer were taken off the site."),
            )
            return redirect("backoffice:participation_message", org=org, pk=pk)
    return render(
        request,
        T + "message.html",
        {
            "organization": organization,
            "message": message,
            "clock": selectors.message_clock(message, selectors.load_calendar(), timezone.localdate()),
            # The writer's contact data: only the handling body's message handlers.
            "show_contact": can_handle,
            "transfers": message.transfers.select_related("from_organization", "to_organization"),
            "answer_form": answer_form,
            "transfer_form": transfer_form,
            "publish_form": publish_form,
            "can_handle": can_handle,
            "can_publish": can_publish,
            "trail": trail_for(message)[:30],
        },
    )


# --- Emergencies ---------------------------------------------------------------------------------


@login_required
def emergencies(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    can_edit = user_can(request.user, PARTICIPATION_EDIT, organization)
    form = (
        f.EventForm(request.POST or None, initial={"started_on": timezone.localdate()}) if can_edit else None
    )
    if request.method == "POST" and form is not None:
        event = _save(
            form,
            lambda: emergency_services.event_create(
                actor=request.user, organization=organization, values=form.cleaned_data
            ),
        )
        if event:
            return redirect("backoffice:participation_emergency", org=org, pk=event.pk)
    return render(
        request,
        T + "emergencies.html",
        {
            "organization": organization,
            "events": EmergencyEvent.objects.filter(organization=organization),
            "form": form,
        },
    )


@login_required
def emergency_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, org, pk)
    organization = event.organization
    can_edit = user_can(request.user, PARTICIPATION_EDIT, organization)
    form = f.NoticeForm(request.POST or None) if can_edit else None
    if (
        request.method == "POST"
        and form is not None
        and _save(
            form,
            lambda: emergency_services.notice_draft(
                actor=request.user, event=event, values=form.cleaned_data
            ),
        )
    ):
        flash.success(request, _("The notice was written. Someone else checks and releases it."))
        return redirect("backoffice:participation_emergency", org=org, pk=pk)
    return render(
        request,
        T + "emergency.html",
        {
            "organization": organization,
            "event": event,
            "notices": event.notices.select_related("written_by", "released_by").order_by("-created_at"),
            "form": form,
            "release_form": f.ReleaseForm(),
            "can_release": user_can(request.user, EMERGENCY_RELEASE, organization),
            "can_end": user_can(request.user, PARTICIPATION_PUBLISH, organization) and event.ended_at is None,
            "trail": trail_for(event)[:30],
        },
    )


@login_required
@require_POST
def notice_release(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    notice = access.get_notice_for_user(request.user, org, pk, EMERGENCY_RELEASE)
    form = f.ReleaseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    _do(
        request,
        lambda: emergency_services.notice_release(actor=request.user, notice=notice, note=note),
        _("The notice was released; the banner shows on every column page."),
    )
    return redirect("backoffice:participation_emergency", org=org, pk=notice.event_id)


@login_required
@require_POST
def emergency_end(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, org, pk, PARTICIPATION_PUBLISH)
    _do(
        request,
        lambda: emergency_services.event_end(actor=request.user, event=event),
        _("The response was ended; the banner is gone."),
    )
    return redirect("backoffice:participation_emergency", org=org, pk=pk)
