"""Administrative reviews and lawsuits about disclosure decisions."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.requests.codes import (
    CaseKind,
    CaseResult,
)
from gongkai.requests.models import (
    Case,
    CaseDocument,
)
from gongkai.requests.services._common import CASE_EDIT, _require

# --- reviews and lawsuits ------------------------------------------------------------------------

CASE_FIELDS = (
    "kind",
    "after_review",
    "case_number",
    "deciding_body",
    "filed_on",
    "decided_on",
    "result",
    "review_body_co_defendant",
)


def _case_summary(case: Case) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(case, name) for name in CASE_FIELDS}
    values["info_request"] = case.info_request.reference if case.info_request else None
    return values


def _validate_case(case: Case) -> None:
    if case.kind not in CaseKind.values:
        raise DomainError(_("Choose review or lawsuit."), field="kind")
    if case.kind == CaseKind.ADMINISTRATIVE_REVIEW and (
        case.after_review or case.review_id or case.review_body_co_defendant
    ):
        raise DomainError(_("Only a lawsuit can follow a review."), field="after_review")
    if case.review is not None:
        if (
            case.review.kind != CaseKind.ADMINISTRATIVE_REVIEW
            or case.review.organization_id != case.organization_id
        ):
            raise DomainError(
                _("The earlier case must be an administrative review of the same body."), field="review"
            )
        case.after_review = True
    if case.info_request is not None and case.info_request.organization_id != case.organization_id:
        # 国办公开办函〔2016〕201号: counted once, for the original body.
        raise DomainError(
            _("Record the case for the body that handled the application (the original body)."),
            field="info_request",
        )
    if not case.deciding_body.strip():
        raise DomainError(_("Name the review body or the court."), field="deciding_body")
    if case.filed_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="filed_on")
    if case.result == CaseResult.PENDING:
        case.decided_on = None
    elif case.decided_on is None:
        raise DomainError(_("Give the date of the decision."), field="decided_on")
    elif case.decided_on < case.filed_on:
        raise DomainError(_("A case cannot be decided before it is filed."), field="decided_on")
    elif case.decided_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="decided_on")
    if case.case_number:
        clash = Case.objects.filter(kind=case.kind, case_number=case.case_number).exclude(pk=case.pk).first()
        if clash is not None:
            raise DomainError(
                _("Case %(number)s is recorded already; a case is counted once, for the original body.")
                % {"number": case.case_number},
                field="case_number",
            )


@transaction.atomic
def case_create(*, actor: Any, organization: Organization, values: dict[str, Any]) -> Case:
    _require(actor, CASE_EDIT, organization)
    case = Case(organization=organization, **values)
    _validate_case(case)
    case.save()
    log_action(
        actor=actor, action="case.created", target=case, organization=organization, after=_case_summary(case)
    )
    return case


@transaction.atomic
def case_update(*, actor: Any, case: Case, values: dict[str, Any]) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require(actor, CASE_EDIT, case.organization)
    before = _case_summary(case)
    for name, value in values.items():
        setattr(case, name, value)
    _validate_case(case)
    case.save()
    log_action(
        actor=actor,
        action="case.updated",
        target=case,
        organization=case.organization,
        before=before,
        after=_case_summary(case),
    )
    return case


@transaction.atomic
def case_document_add(*, actor: Any, case: Case, title: str, upload: Any) -> CaseDocument:
    _require(actor, CASE_EDIT, case.organization)
    if not title.strip():
        raise DomainError(_("Give the document a title."), field="title")
    document = CaseDocument(
        case=case,
        title=title.strip(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    log_action(
        actor=actor,
        action="case.document_added",
        target=case,
        organization=case.organization,
        after={"document": document.title},
    )
    return document
