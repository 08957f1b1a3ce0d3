"""Public pages of participation in an organization's column: the hub, major decisions with
their consultations and feedback, the opinion form, surveys and their results, projects,
replies to suggestions and proposals, the new-media registry, the mailbox with its
published questions and answers, emergency timelines, and a search over all of these.

No page here reads a writer's name, telephone or e-mail address."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.access import get_public_organization
from gongkai.column.selectors import guide_for
from gongkai.core.errors import DomainError
from gongkai.participation import access, selectors
from gongkai.participation.models import MessageKind, ProposalKind
from gongkai.participation.search import LABELS, SOURCES
from gongkai.participation.services import decisions as decision_services
from gongkai.participation.services import messages as message_services
from gongkai.participation.services import surveys as survey_services
from gongkai.participation.throttle import TooManySubmissions, record_attempt
from gongkai.portal.participation.charts import bar_chart_svg
from gongkai.portal.participation.forms import MessageForm, OpinionForm, SurveyForm
from gongkai.search.api import Filters, link_for, search

PAGE_SIZE = 20


# --- Parameters: a bad value is the visitor's mistake (400), never a server error -------------


def _int_param(request: HttpRequest, name: str, minimum: int, maximum: int) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise BadRequest(f"Query parameter {name!r} must be a whole number from {minimum} to {maximum}")
    return int(raw)


def _year(request: HttpRequest) -> int | None:
    return _int_param(request, "year", 2000, 2100)


def _page(request: HttpRequest) -> int:
    return _int_param(request, "page", 1, 100_000) or 1


def _client(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _private(response: HttpResponse) -> HttpResponse:
    """Form pages hold what the visitor typed: never cached."""
    response["Cache-Control"] = "no-store"
    return response


def _form_error(form: Any, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --- Hub -----------------------------------------------------------------------------------------


def hub(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    today = timezone.localdate()
    return render(
        request,
        "portal/participation/hub.html",
        {
            "organization": organization,
            "open_consultations": selectors.open_consultations(organization, today),
            "catalogs": selectors.public_catalogs(organization)[:3],
            "projects": selectors.public_projects(organization)[:5],
            "proposals": selectors.public_proposals(organization)[:5],
            "answers": selectors.public_messages(organization)[:5],
            "events": selectors.public_events(organization)[:5],
        },
    )


# --- Decisions -----------------------------------------------------------------------------------


def decisions(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    catalogs = list(selectors.public_catalogs(organization))
    year = _year(request)
    catalog = (
        next((c for c in catalogs if c.year == year), None) if year else (catalogs[0] if catalogs else None)
    )
    today = timezone.localdate()
    rows = []
    if catalog is not None:
        for decision in selectors.decisions_of(organization, catalog.year).prefetch_related("consultations"):
            states = [
                selectors.consultation_state(c, today)
                for c in decision.consultations.all()
                if c.published_at is not None
            ]
            rows.append({"decision": decision, "states": states})
    return render(
        request,
        "portal/participation/decisions.html",
        {"organization": organization, "catalogs": catalogs, "catalog": catalog, "rows": rows, "year": year},
    )


def decision(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    item = access.get_public_decision(org, pk)
    today = timezone.localdate()
    consultations = []
    for consultation in selectors.public_consultations(item).prefetch_related("surveys"):
        state = selectors.consultation_state(consultation, today)
        consultations.append(
            {
                "consultation": consultation,
                "state": state,
                "days": (consultation.closes_on - consultation.opens_on).days + 1,
                "counts": selectors.feedback_counts(consultation) if state == "answered" else None,
                "feedback": selectors.public_feedback(consultation),
                "surveys": list(consultation.surveys.all()),
            }
        )
    document = (
        item.decision_publication
        if item.decision_publication and item.decision_publication.is_public
        else None
    )
    return render(
        request,
        "portal/participation/decision.html",
        {
            "organization": item.organization,
            "decision": item,
            "consultations": consultations,
            "document": document,
        },
    )


def opinion(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    consultation = access.get_public_consultation(org, pk)
    organization = consultation.organization
    is_open = decision_services.is_open(consultation, timezone.localdate())
    form = OpinionForm(request.POST or None)
    status = 200
    if request.method == "POST" and is_open:
        try:
            record_attempt(form="opinion", address=_client(request))
        except TooManySubmissions as error:
            form.add_error(None, error.message)
            status = 429
        else:
            if form.is_valid():
                try:
                    decision_services.opinion_submit(
                        consultation=consultation,
                        body=form.cleaned_data["body"],
                        name=form.cleaned_data["name"],
                        phone=form.cleaned_data["phone"],
                        email=form.cleaned_data["email"],
                    )
                except DomainError as error:
                    _form_error(form, error)
                else:
                    flash.success(
                        request,
                        _(
                            "Thank you. Your opinion was received; the feedback on all opinions will be published on the decision's page after the consultation closes."
                        ),
                    )
                    return redirect(
                        "portal:participation_decision", org=organization.slug, pk=consultation.decision_id
                    )
    return _private(
        render(
            request,
            "portal/participation/opinion.html",
            {
                "organization": organization,
                "consultation": consultation,
                "decision": consultation.decision,
                "is_open": is_open,
                "form": form,
                "guide": guide_for(organization),
            },
            status=status,
        )
    )


def survey(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    item = access.get_public_survey(org, pk)
    consultation = item.consultation
    organization = consultation.organization
    today = timezone.localdate()
    is_open = decision_services.is_open(consultation, today)
    context: dict[str, Any] = {
        "organization": organization,
        "survey": item,
        "consultation": consultation,
        "decision": consultation.decision,
        "is_open": is_open,
    }
    status = 200
    if is_open:
        form = SurveyForm(request.POST or None, survey=item)
        if request.method == "POST":
            try:
                record_attempt(form="survey", address=_client(request))
            except TooManySubmissions as error:
                form.add_error(None, error.message)
                status = 429
            else:
                if form.is_valid():
                    try:
                        survey_services.survey_respond(survey=item, answers=form.answers())
                    except DomainError as error:
                        _form_error(form, error)
                    else:
                        flash.success(
                            request,
                            _("Thank you for answering. The results are published when the survey closes."),
                        )
                        return redirect(
                            "portal:participation_decision",
                            org=organization.slug,
                            pk=consultation.decision_id,
                        )
        context["form"] = form
    if selectors.survey_results_public(item, today):
        respondents, results = selectors.survey_results(item)
        context["respondents"] = respondents
        context["results"] = [
            {"result": result, "chart": bar_chart_svg(result, f"chart-q{result.question.pk}")}
            for result in results
        ]
    return _private(render(request, "portal/participation/survey.html", context, status=status))


# --- Projects ------------------------------------------------------------------------------------


def projects(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    page = Paginator(selectors.public_projects(organization), PAGE_SIZE).get_page(_page(request))
    return render(request, "portal/participation/projects.html", {"organization": organization, "page": page})


def project(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    item = access.get_public_project(org, pk)
    return render(
        request,
        "portal/participation/project.html",
        {
            "organization": item.organization,
            "project": item,
            "life": selectors.project_life(item, public_only=True),
        },
    )


# --- Suggestions and proposals -------------------------------------------------------------------


def proposals(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    year = _year(request)
    kind = request.GET.get("kind", "")
    if kind and kind not in ProposalKind.values:
        raise BadRequest("Unknown kind")
    items = selectors.public_proposals(organization, year)
    if kind:
        items = items.filter(kind=kind)
    page = Paginator(items, PAGE_SIZE).get_page(_page(request))
    years = sorted(set(selectors.public_proposals(organization).values_list("year", flat=True)), reverse=True)
    return render(
        request,
        "portal/participation/proposals.html",
        {
            "organization": organization,
            "page": page,
            "year": year,
            "years": years,
            "kind": kind,
            "kinds": ProposalKind.choices,
        },
    )


def proposal(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    item = access.get_public_proposal(org, pk)
    return render(
        request, "portal/participation/proposal.html", {"organization": item.organization, "proposal": item}
    )


# --- New media -----------------------------------------------------------------------------------


def media(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    units = [organization, *organization.children.filter(is_active=True)]
    registry = selectors.media_registry(units, timezone.localdate())
    return render(
        request,
        "portal/participation/media.html",
        {
            "organization": organization,
            "operating": [v for v in registry if v.account.status == "active"],
            "closed": [v for v in registry if v.account.status != "active"],
        },
    )


# --- Messages ------------------------------------------------------------------------------------


def answers(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    page = Paginator(selectors.public_messages(organization), PAGE_SIZE).get_page(_page(request))
    return render(
        request,
        "portal/participation/answers.html",
        {
            "organization": organization,
            "page": page,
            "reply_workdays": selectors.reply_workdays_for(organization),
        },
    )


def answer(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    item = access.get_public_message(org, pk)
    clock = selectors.message_clock(item, selectors.load_calendar(), timezone.localdate())
    return render(
        request,
        "portal/participation/answer.html",
        {"organization": item.organization, "message": item, "clock": clock},
    )


def write(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            record_attempt(form="message", address=_client(request))
        except TooManySubmissions as error:
            form.add_error(None, error.message)
            status = 429
        else:
            if form.is_valid():
                data = form.cleaned_data
                try:
                    message = message_services.message_submit(
                        organization=organization,
                        kind=data["kind"],
                        subject=data["subject"],
                        body=data["body"],
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                        may_publish=data["may_publish"],
                    )
                except DomainError as error:
                    _form_error(form, error)
                else:
                    clock = selectors.message_clock(message, selectors.load_calendar(), message.received_on)
                    flash.success(
                        request,
                        _(
                            "Your message was received under the reference %(reference)s. %(organization)s will answer by e-mail by %(date)s."
                        )
                        % {
                            "reference": message.reference,
                            "organization": organization.name,
                            "date": clock.due_on.strftime("%Y-%m-%d"),
                        },
                    )
                    return redirect("portal:participation_answers", org=organization.slug)
    return _private(
        render(
            request,
            "portal/participation/write.html",
            {
                "organization": organization,
                "form": form,
                "kinds": MessageKind.choices,
                "reply_workdays": selectors.reply_workdays_for(organization),
                "guide": guide_for(organization),
            },
            status=status,
        )
    )


# --- Emergencies ---------------------------------------------------------------------------------


def emergencies(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    return render(
        request,
        "portal/participation/emergencies.html",
        {"organization": organization, "events": selectors.public_events(organization)},
    )


def emergency(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    event = access.get_public_event(org, pk)
    return render(
        request,
        "portal/participation/emergency.html",
        {"organization": event.organization, "event": event, "notices": selectors.event_timeline(event)},
    )


# --- Search --------------------------------------------------------------------------------------


def search_page(request: HttpRequest, org: str) -> HttpResponse:
    """The participation pages of one body through the site's one search interface."""
    organization = get_public_organization(org)
    query = request.GET.get("q", "").strip()[:200]
    source = request.GET.get("kind", "")
    if source and source not in SOURCES:
        raise BadRequest("Unknown kind")
    page = _page(request)
    hits = []
    results = None
    if query:
        if source:
            result = search(
                query=query,
                filters=Filters(organization_ids=(organization.pk,), source=source),
                order="newest",
                page=page,
                page_size=PAGE_SIZE,
            )
            shown, total, has_next = result.hits, result.total, result.has_next
        else:
            # Filters take one source: one query per kind, merged newest first. A body's
            # participation pages are few, so the first 100 of each kind are all of them.
            found = []
            total = 0
            for name in SOURCES:
                result = search(
                    query=query,
                    filters=Filters(organization_ids=(organization.pk,), source=name),
                    order="newest",
                    page=1,
                    page_size=100,
                )
                total += result.total
                found.extend(result.hits)
            found.sort(key=lambda hit: (hit.published_on, hit.object_id), reverse=True)
            start = (page - 1) * PAGE_SIZE
            shown, has_next = found[start : start + PAGE_SIZE], start + PAGE_SIZE < len(found)
        hits = [{"hit": hit, "url": link_for(hit), "label": LABELS[hit.source]()} for hit in shown]
        results = {"total": total, "has_next": has_next}
    kinds = [(name, LABELS[name]()) for name in SOURCES]
    return render(
        request,
        "portal/participation/search.html",
        {
            "organization": organization,
            "query": query,
            "kind": source,
            "kinds": kinds,
            "results": results,
            "hits": hits,
            "page": page,
        },
    )


# --- Links from the site's one search --------------------------------------------------------------


def register_links() -> None:
    """How a search hit of each participation source reaches its public page."""
    from gongkai.accounts.models import Organization
    from gongkai.search.api import register_link

    names = {
        "decision": "portal:participation_decision",
        "project": "portal:participation_project",
        "proposal": "portal:participation_proposal",
        "message": "portal:participation_answer",
        "emergency": "portal:participation_emergency",
    }

    def link(name: str) -> Any:
        def build(hit: Any) -> str | None:
            slug = Organization.objects.filter(pk=hit.organization_id).values_list("slug", flat=True).first()
            return reverse(name, kwargs={"org": slug, "pk": hit.object_id}) if slug else None

        return build

    for source, url_name in names.items():
        register_link(source, link(url_name))
