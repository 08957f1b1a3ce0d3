"""The operator's pages of the statutory calendar (permission ``calendar.manage``): the
years entered, a new year's notice (typed or imported from text/CSV, previewed before it
is saved), and changes to single days after publication. Every change recomputes the due
dates of open applications (the services do it, audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.access import user_can_anywhere
from gongkai.backoffice.workdays.forms import DayForm, DayRemoveForm, ImportForm, NoticeForm
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError
from gongkai.workdays.importer import parse_days
from gongkai.workdays.selectors import calendar_years as years_of_calendar
from gongkai.workdays.selectors import days_of, missing_years, notice_for_year
from gongkai.workdays.services import calendar_day_remove, calendar_day_set, notice_import, notice_update

PERMISSION = "calendar.manage"


def _require(request: HttpRequest) -> None:
    if not user_can_anywhere(request.user, PERMISSION):
        raise Http404("No such page")


@login_required
def calendar_years(request: HttpRequest) -> HttpResponse:
    _require(request)
    return render(
        request,
        "backoffice/workdays/years.html",
        {"years": years_of_calendar(), "missing": missing_years(timezone.localdate()), "form": ImportForm()},
    )


@login_required
def calendar_import(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            text = form.days_text()
            if "save" in request.POST:
                notice_import(
                    actor=request.user,
                    year=year,
                    text=text,
                    title=form.cleaned_data["title"],
                    source=form.cleaned_data["source"],
                    published_on=form.cleaned_data["published_on"],
                )
                messages.success(
                    request,
                    _("The calendar for %(year)s was saved; due dates of open applications were recomputed.")
                    % {"year": year},
                )
                return redirect("backoffice:calendar_year", year=year)
            preview = parse_days(text, year=year)
            form = ImportForm(initial={**form.cleaned_data, "text": text})
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        except Exception as error:  # noqa: BLE001 — a bad upload is reported, never a 500
            form.add_error("file", str(error))
    return render(
        request,
        "backoffice/workdays/import.html",
        {
            "form": form,
            "preview": preview,
            "replacing": preview is not None and notice_for_year(form.initial.get("year") or 0) is not None,
        },
    )


@login_required
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    _require(request)
    notice = notice_for_year(year)
    if notice is None:
        raise Http404("No calendar for this year")
    form = NoticeForm(
        request.POST or None,
        initial={"title": notice.title, "source": notice.source, "published_on": notice.published_on},
    )
    if request.method == "POST" and form.is_valid():
        notice_update(actor=request.user, notice=notice, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("backoffice:calendar_year", year=year)
    return render(
        request,
        "backoffice/workdays/year.html",
        {
            "notice": notice,
            "days": days_of(notice),
            "form": form,
            "day_form": DayForm(),
            "trail": trail_for(notice)[:50],
        },
    )


@login_required
@require_POST
def calendar_day(request: HttpRequest, year: int) -> HttpResponse:
    _require(request)
    form = DayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if data["date"].year != year:
            messages.error(
                request, _("%(date)s is not in %(year)s.") % {"date": data["date"].isoformat(), "year": year}
            )
        else:
            try:
                calendar_day_set(
                    actor=request.user,
                    date=data["date"],
                    kind=data["kind"],
                    name=data["name"],
                    reason=data["reason"],
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Day saved; due dates of open applications were recomputed."))
    else:
        messages.error(request, _("Give a date and its kind."))
    return redirect("backoffice:calendar_year", year=year)


@login_required
@require_POST
def calendar_day_remove_view(request: HttpRequest, year: int) -> HttpResponse:
    _require(request)
    form = DayRemoveForm(request.POST)
    if form.is_valid():
        try:
            calendar_day_remove(
                actor=request.user, date=form.cleaned_data["date"], reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The day follows the Monday–Friday rule again; due dates were recomputed.")
            )
    return redirect("backoffice:calendar_year", year=year)
