"""The access helper for annual-report records: the only protected fetch path."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from gongkai.accounts.access import get_organization_for_user, user_can
from gongkai.accounts.roles import VIEW
from gongkai.reports.models import AnnualReportRecord


def get_report_for_user(user: Any, org: str, year: int, *, permission: str = VIEW) -> AnnualReportRecord:
    organization = get_organization_for_user(user, org, VIEW)
    record = (
        AnnualReportRecord.objects.filter(organization=organization, year=year)
        .select_related("organization")
        .first()
    )
    if record is None or not user_can(user, permission, organization):
        raise Http404("No such report")
    return record
