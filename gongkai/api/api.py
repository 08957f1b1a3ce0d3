"""The public, read-only JSON API (django-ninja, OpenAPI at /api/docs). It never carries
applicants' personal data."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema

from gongkai.accounts.access import get_public_organization
from gongkai.accounts.models import Organization
from gongkai.reports.selectors import published_report, published_reports

api = NinjaAPI(title="Gongkai", version="1", urls_namespace="api")


class OrganizationOut(Schema):
    slug: str
    name: str
    kind: str
    credit_code: str
    parent: str | None


@api.get("/organizations", response=list[OrganizationOut])
def organizations(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "slug": o.slug,
            "name": o.name,
            "kind": o.kind,
            "credit_code": o.credit_code,
            "parent": o.parent.slug if o.parent else None,
        }
        for o in Organization.objects.filter(is_active=True).select_related("parent")
    ]


@api.get("/organizations/{slug}/annual-reports", response=list[int])
def annual_report_years(request: HttpRequest, slug: str) -> list[int]:
    return [record.year for record in published_reports(get_public_organization(slug))]


@api.get("/organizations/{slug}/annual-reports/{year}")
def annual_report(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The published report in the JSON contract of docs/reports.md, with its findings."""
    from gongkai.annualreport.writers.jsonfile import dumps, report_to_dict
    from gongkai.reports.selectors import findings_of, report_of

    record = published_report(get_public_organization(slug), year)
    if record is None:
        raise Http404("No published report")
    body = dumps(report_to_dict(report_of(record), findings_of(record)))
    return HttpResponse(body, content_type="application/json")
