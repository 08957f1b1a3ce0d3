"""Reviews and lawsuits: linked to an application or standalone, counted once for the
original body (国办公开办函〔2016〕201号), in the year filed with the result at year end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.core.testing import persona
from gongkai.requests import services
from gongkai.requests.codes import CaseKind, CaseResult
from gongkai.requests.models import AdministrativeReview, Case, Lawsuit
from gongkai.requests.statistics import t4_table
from gongkai.requests.tests.factories import register

pytestmark = pytest.mark.django_db
D = dt.date


def values(**overrides):
    base = {
        "kind": CaseKind.ADMINISTRATIVE_REVIEW,
        "deciding_body": "测试区人民政府",
        "filed_on": D(2025, 2, 3),
    }
    base.update(overrides)
    return base


def test_review_then_lawsuit_after_review(world, handler, time_machine):
    time_machine.to(D(2025, 12, 1))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 1, 6))
    review = services.case_create(
        actor=handler,
        organization=world.department,
        values=values(info_request=info_request, case_number="测政复〔2025〕1号"),
    )
    services.case_update(
        actor=handler, case=review, values={"result": CaseResult.UPHELD, "decided_on": D(2025, 4, 1)}
    )
    lawsuit = services.case_create(
        actor=handler,
        organization=world.department,
        values=values(
            kind=CaseKind.LAWSUIT,
            review=review,
            deciding_body="测试区人民法院",
            filed_on=D(2025, 4, 20),
            case_number="（2025）测0101行初7号",
            review_body_co_defendant=True,
        ),
    )
    assert lawsuit.after_review and lawsuit.t4_group == "LR"
    assert list(AdministrativeReview.objects.all()) == [review] and list(Lawsuit.objects.all()) == [lawsuit]
    table = t4_table([world.department], 2025, "FMT_2021")
    assert table["RV"] == {"MAINTAIN": 1, "CORRECT": 0, "OTHER": 0, "PENDING": 0, "TOTAL": 1}
    assert table["LR"]["PENDING"] == 1 and table["LR"]["TOTAL"] == 1
    # The review body (the government) is co-defendant, but the case is the department's only.
    assert t4_table([world.government], 2025, "FMT_2021")["LR"]["TOTAL"] == 0
    rolled = t4_table([world.government, world.department], 2025, "FMT_2021")
    assert rolled["LR"]["TOTAL"] == 1 and rolled["RV"]["TOTAL"] == 1
    assert AuditEntry.objects.filter(action="case.updated").exists()


def test_counted_once_for_the_original_body(world, handler, time_machine):
    time_machine.to(D(2025, 12, 1))
    info_request = register(organization=world.department, actor=handler, received_on=D(2025, 1, 6))
    government_handler = persona("handler", world.government)
    with pytest.raises(DomainError, match="original body"):
        services.case_create(
            actor=government_handler, organization=world.government, values=values(info_request=info_request)
        )
    services.case_create(
        actor=handler,
        organization=world.department,
        values=values(kind=CaseKind.LAWSUIT, case_number="（2025）测0101行初8号"),
    )
    with pytest.raises(DomainError, match="recorded already"):
        services.case_create(
            actor=government_handler,
            organization=world.government,
            values=values(kind=CaseKind.LAWSUIT, case_number="（2025）测0101行初8号"),
        )


def test_case_rules(world, handler, time_machine):
    time_machine.to(D(2025, 12, 1))
    with pytest.raises(DomainError, match="decision"):
        services.case_create(
            actor=handler, organization=world.department, values=values(result=CaseResult.CORRECTED)
        )
    with pytest.raises(DomainError, match="before it is filed"):
        services.case_create(
            actor=handler,
            organization=world.department,
            values=values(result=CaseResult.CORRECTED, decided_on=D(2025, 1, 1)),
        )
    with pytest.raises(DomainError, match="Only a lawsuit"):
        services.case_create(actor=handler, organization=world.department, values=values(after_review=True))
    with pytest.raises(DomainError, match="future"):
        services.case_create(
            actor=handler, organization=world.department, values=values(filed_on=D(2026, 1, 5))
        )
    case = services.case_create(actor=handler, organization=world.department, values=values())
    services.case_update(
        actor=handler, case=case, values={"result": CaseResult.PENDING, "decided_on": D(2025, 3, 1)}
    )
    assert Case.objects.get().decided_on is None  # a pending case has no decision date


def test_year_end_result_decides_the_column(world, handler, time_machine):
    time_machine.to(D(2026, 3, 1))
    services.case_create(
        actor=handler,
        organization=world.department,
        values=values(filed_on=D(2025, 12, 1), result=CaseResult.CORRECTED, decided_on=D(2026, 1, 20)),
    )
    assert t4_table([world.department], 2025, "FMT_2021")["RV"]["PENDING"] == 1
    assert (
        t4_table([world.department], 2026, "FMT_2021")["RV"]["TOTAL"] == 0
    )  # counted once, in the year filed


def test_documents_and_pages(client, world, handler, time_machine):
    time_machine.to(D(2025, 12, 1))
    case = services.case_create(actor=handler, organization=world.department, values=values())
    services.case_document_add(
        actor=handler,
        case=case,
        title="行政复议决定书",
        upload=SimpleUploadedFile("decision.pdf", b"%PDF-1.4 test"),
    )
    client.force_login(handler)
    slug = world.department.slug
    assert "行政复议决定书" in client.get(f"/backoffice/{slug}/cases/{case.pk}/").content.decode()
    document = case.documents.get()
    assert (
        client.get(f"/backoffice/{slug}/cases/{case.pk}/documents/{document.pk}/").content == b"%PDF-1.4 test"
    )
    response = client.post(
        f"/backoffice/{slug}/cases/new/",
        {
            "kind": "lawsuit",
            "deciding_body": "测试区人民法院",
            "filed_on": "2025-06-01",
            "result": "pending",
            "case_number": "（2025）测0101行初9号",
        },
    )
    assert response.status_code == 302
    assert Lawsuit.objects.filter(case_number="（2025）测0101行初9号").exists()
    response = client.post(
        f"/backoffice/{slug}/cases/new/",
        {
            "kind": "lawsuit",
            "deciding_body": "法院",
            "filed_on": "2025-06-01",
            "result": "pending",
            "info_request_reference": "2025-9999",
        },
    )
    assert response.status_code == 200 and "2025-9999" in response.content.decode()
