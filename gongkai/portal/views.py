"""The public 政府信息公开 column of every organization."""

from __future__ import annotations

from csp.decorators import csp_update
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.accounts.access import get_public_organization
from gongkai.accounts.models import Organization
from gongkai.annualreport.writers import render as render_report
from gongkai.annualreport.writers.html import report_body_html
from gongkai.column.models import RulesDocument
from gongkai.column.selectors import guide_for, rules_documents_for
from gongkai.portal.charts import history_chart_svg
from gongkai.reports.selectors import history, published_report, published_reports


def home(request: HttpRequest) -> HttpResponse:
    governments = Organization.objects.filter(parent__isnull=True, is_active=True).prefetch_related(
        "children"
    )
    return render(request, "portal/home.html", {"governments": governments})


def column(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    units = organization.children.filter(is_active=True).order_by("kind", "position", "name")
    return render(
        request,
        "portal/column.html",
        {
            "organization": organization,
            "units": units,
            "guide": guide_for(organization),
            "latest_report": published_reports(organization).first(),
        },
    )


def guide(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    return render(
        request, "portal/guide.html", {"organization": organization, "guide": guide_for(organization)}
    )


def rules(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    return render(
        request,
        "portal/rules.html",
        {"organization": organization, "documents": rules_documents_for(organization)},
    )


def rules_document(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = get_public_organization(org)
    document = get_object_or_404(RulesDocument, organization=organization, pk=pk)
    return render(request, "portal/rules_document.html", {"organization": organization, "document": document})


def annual_reports(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    figures = history(organization)
    return render(
        request,
        "portal/annual_reports.html",
        {
            "organization": organization,
            "records": published_reports(organization),
            "chart": history_chart_svg(figures) if len(figures) > 1 else "",
            "figures": figures,
            "today": timezone.localdate(),
        },
    )


def annual_report(request: HttpRequest, org: str, year: int) -> HttpResponse:
    from gongkai.reports.selectors import report_of

    organization = get_public_organization(org)
    record = published_report(organization, year)
    if record is None:
        raise Http404("No published report for this year")
    return render(
        request,
        "portal/annual_report.html",
        {
            "organization": organization,
            "record": record,
            "body": report_body_html(report_of(record), style_attributes=False),
        },
    )


DOWNLOAD_FORMATS = {"docx", "pdf", "json", "html"}


# The HTML of a report is a self-contained document with its own <style> (the same file
# evaluators download and open offline); the site's policy allows that inline style here only.
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
def annual_report_download(request: HttpRequest, org: str, year: int, fmt: str) -> HttpResponse:
    from gongkai.reports.selectors import report_of

    organization = get_public_organization(org)
    record = published_report(organization, year)
    if record is None or fmt not in DOWNLOAD_FORMATS:
        raise Http404("No such download")
    _, content_type, content = render_report(report_of(record), fmt)
    response = HttpResponse(content, content_type=content_type)
    filename = f"{organization.slug}-{year}.{fmt}"
    disposition = "inline" if fmt in ("html", "json") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
