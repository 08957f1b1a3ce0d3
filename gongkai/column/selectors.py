from __future__ import annotations

from django.db.models import QuerySet

from gongkai.accounts.models import Organization
from gongkai.column.models import Guide, RulesDocument


def guide_for(organization: Organization) -> Guide | None:
    return Guide.objects.filter(organization=organization).first()


def rules_documents_for(organization: Organization) -> QuerySet[RulesDocument]:
    return RulesDocument.objects.filter(organization=organization)
