"""Replies: every result maps to exactly one row of table 三; the rules of Arts. 30, 35–39;
letters from per-organization templates citing the legal basis, as DOCX (East Asian fonts)
and PDF (Chinese text extractable), immutable once issued; delivery recorded."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pdfplumber
import pytest

from gongkai.annualreport.formats import FMT_2019, FMT_2021, get_format
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.requests import services
from gongkai.requests.codes import DISPOSITIONS, REPLY_DISPOSITIONS, Disposition, Ground, LetterKind, Outcome
from gongkai.requests.letters.defaults import DECISIONS
from gongkai.requests.models import Letter
from gongkai.requests.tests.factories import register

pytestmark = pytest.mark.django_db
D = dt.date


def test_each_result_has_exactly_one_row_and_every_row_a_result():
    for layout in (FMT_2019, FMT_2021):
        rows = set(get_format(layout).t3_outcome_row_codes)
        mapped = {rule.row_for(layout) for rule in DISPOSITIONS.values()}
        assert mapped == rows, layout
    assert {rule.outcome for rule in DISPOSITIONS.values()} == set(Outcome.values)
    # Every reply result has a decision paragraph citing the 条例 (or the handler explains).
    for code in REPLY_DISPOSITIONS:
        assert code in DECISIONS
        if DISPOSITIONS[code].article and code != Disposition.CONFIRMATION:
            assert DISPOSITIONS[code].article.split("、")[0] in DECISIONS[code]


@pytest.fixture
def received(world, handler, time_machine):
    time_machine.to(D(2025, 3, 20))
    return register(organization=world.department, actor=handler, received_on=D(2025, 3, 3))


def reply(handler, info_request, disposition, **kwargs):
    kwargs.setdefault("replied_on", D(2025, 3, 20))
    kwargs.setdefault("issue_letter", False)
    return services.reply_issue(actor=handler, info_request=info_request, disposition=disposition, **kwargs)


def test_withheld_results_rest_on_their_ground(handler, received):
    answer = reply(handler, received, Disposition.WITHHELD_PROCESS, grounds=[Ground.SECRET])
    assert answer.grounds == [Ground.PROCESS_INFORMATION, Ground.SECRET]


def test_partial_disclosure_needs_grounds(handler, received):
    with pytest.raises(DomainError, match=r"Art\. 37"):
        reply(handler, received, Disposition.PARTLY_DISCLOSED)
    answer = reply(
        handler,
        received,
        Disposition.PARTLY_DISCLOSED,
        grounds=[Ground.THIRD_PARTY, Ground.NOT_GOVERNMENT_INFORMATION],
    )
    assert answer.grounds == [Ground.THIRD_PARTY, Ground.NOT_GOVERNMENT_INFORMATION]


def test_other_rules(handler, received, world):
    with pytest.raises(DomainError, match="responsible body"):
        reply(handler, received, Disposition.NOT_OURS)
    with pytest.raises(DomainError, match="corrected application first"):
        reply(handler, received, Disposition.STILL_UNCLEAR)
    with pytest.raises(DomainError, match="Explain"):
        reply(handler, received, Disposition.OTHER)
    with pytest.raises(DomainError, match="result"):
        reply(handler, received, Disposition.WITHDRAWN)
    with pytest.raises(DomainError, match="future"):
        reply(handler, received, Disposition.DISCLOSED, replied_on=D(2025, 3, 21))
    services.consultation_start(
        actor=handler,
        info_request=received,
        kind="third_party",
        party="甲",
        on=D(2025, 3, 5),
        issue_letter=False,
    )
    with pytest.raises(DomainError, match="End the consultation"):
        reply(handler, received, Disposition.DISCLOSED)


def test_a_closed_application_takes_no_more_facts(handler, received):
    reply(handler, received, Disposition.NOT_HELD)
    with pytest.raises(DomainError, match="closed"):
        reply(handler, received, Disposition.DISCLOSED)
    with pytest.raises(DomainError, match="closed"):
        services.request_withdraw(actor=handler, info_request=received, on=D(2025, 3, 20))


def docx_text_and_fonts(data: bytes) -> tuple[str, str]:
    from docx import Document

    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return text, xml


def test_reply_letter_docx_and_pdf_cite_the_legal_basis(handler, received):
    answer = reply(
        handler,
        received,
        Disposition.WITHHELD_THIRD_PARTY,
        issue_letter=True,
        explanation="该信息涉及第三方商业秘密。",
    )
    letter = Letter.objects.get(reply=answer)
    assert letter.kind == LetterKind.REPLY and letter.title == "政府信息公开申请答复告知书"
    assert letter.addressee == received.applicant.name
    text, xml = docx_text_and_fonts(letter.docx.read())
    assert (
        "第十五条、第三十六条第（三）项" in text and "该信息涉及第三方商业秘密" in text and "行政复议" in text
    )
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="宋体"' in xml
    with pdfplumber.open(io.BytesIO(letter.pdf.read())) as pdf:
        pdf_text = "".join(page.extract_text() or "" for page in pdf.pages)
    compact = pdf_text.replace("\n", "")
    assert (
        "政府信息公开申请答复告知书" in compact
        and "第十五条" in compact
        and received.applicant.name in compact
    )


def test_letters_are_immutable_a_correction_is_a_new_letter(handler, received):
    answer = reply(handler, received, Disposition.DISCLOSED, issue_letter=True)
    first = Letter.objects.get(reply=answer)
    fingerprint = (first.body, first.pdf_sha256, first.docx_sha256, first.number)
    corrected = services.letter_correct(
        actor=handler, letter=first, body=first.body + "\n附件：预算表一份。", reason="漏写附件"
    )
    first.refresh_from_db()
    assert (first.body, first.pdf_sha256, first.docx_sha256, first.number) == fingerprint
    assert corrected.supersedes == first and corrected.number != first.number and "附件" in corrected.body
    with pytest.raises(DomainError, match="newest"):
        services.letter_correct(actor=handler, letter=first, body="x", reason="再改")
    with pytest.raises(DomainError, match="reason"):
        services.letter_correct(actor=handler, letter=corrected, body="x", reason=" ")
    assert AuditEntry.objects.filter(action="letter.corrected").count() == 1


def test_a_tampered_file_is_refused(handler, received):
    answer = reply(handler, received, Disposition.DISCLOSED, issue_letter=True)
    letter = Letter.objects.get(reply=answer)
    with open(letter.pdf.path, "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(DomainError, match="fingerprint"):
        services.letter_open(actor=handler, letter=letter, fmt="pdf")


def test_organization_templates_override_the_built_in_wording(world, handler, head, received):
    with pytest.raises(DomainError, match="Unknown placeholders"):
        services.letter_template_save(
            actor=head,
            organization=world.department,
            kind=LetterKind.REPLY,
            disposition="",
            title="答复",
            body="{{nonsense}}",
        )
    with pytest.raises(DomainError):
        services.letter_template_save(
            actor=handler,
            organization=world.department,
            kind=LetterKind.REPLY,
            disposition="",
            title="答复",
            body="x",
        )
    services.letter_template_save(
        actor=head,
        organization=world.department,
        kind=LetterKind.REPLY,
        disposition=Disposition.NOT_HELD,
        title="政府信息公开申请答复书",
        body="{{applicant}}同志：经检索，本局未制作该信息。{{decision}}\n咨询电话：0571-88888888",
    )
    answer = reply(handler, received, Disposition.NOT_HELD, issue_letter=True)
    letter = Letter.objects.get(reply=answer)
    assert letter.title == "政府信息公开申请答复书"
    assert "咨询电话" in letter.body and "第三十六条第（四）项" in letter.body
    assert letter.template_source.startswith("template:")


def test_letters_with_unfilled_placeholders_are_refused(handler, received):
    with pytest.raises(DomainError, match="placeholders"):
        reply(
            handler,
            received,
            Disposition.DISCLOSED,
            issue_letter=True,
            letter_body="{{applicant}}：请于{{fee_due}}前",
        )


def test_delivery_is_recorded(handler, received):
    answer = reply(handler, received, Disposition.DISCLOSED, issue_letter=True)
    letter = Letter.objects.get(reply=answer)
    with pytest.raises(DomainError, match="before"):
        services.letter_record_delivery(
            actor=handler, letter=letter, method="post", delivered_on=D(2025, 3, 19)
        )
    delivery = services.letter_record_delivery(
        actor=handler, letter=letter, method="post", delivered_on=D(2025, 3, 20), reference="EMS1234567890"
    )
    assert delivery.reference == "EMS1234567890"
    assert AuditEntry.objects.filter(action="letter.delivered").exists()


def test_clock_letters_are_issued_with_their_events(world, handler, head, received):
    services.consultation_start(
        actor=handler, info_request=received, kind="other_agency", party="测试区财政局", on=D(2025, 3, 10)
    )
    services.extension_approve(
        actor=head, info_request=received, days=15, reason="需要会商", on=D(2025, 3, 20)
    )
    kinds = list(received.letters.values_list("kind", "addressee"))
    assert (LetterKind.CONSULTATION, "测试区财政局") in kinds
    extension = received.letters.get(kind=LetterKind.EXTENSION)
    assert "15个工作日" in extension.body and "第三十三条第二款" in extension.body
    consultation = received.letters.get(kind=LetterKind.CONSULTATION)
    assert received.applicant.name not in consultation.body  # the third party never learns who asked
