from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.disclosure import services
from gongkai.disclosure.models import FindingStatus, IndexSequence, Publication, PublicationStatus
from gongkai.disclosure.tests.helpers import draft, publish, published
from gongkai.search.api import search
from gongkai.search.models import SearchDocument

pytestmark = pytest.mark.django_db
VALID_ID = "11010519491231002X"


def actions(publication):
    return list(
        AuditEntry.objects.filter(object_id=str(publication.pk), action__startswith="publication.")
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


def test_draft_to_published_through_review_and_approval(world, people):
    publication = draft(world.department, people.editor)
    assert publication.status == PublicationStatus.DRAFT and publication.index_number == ""
    publication = publish(publication, people, now=timezone.make_aware(dt.datetime(2024, 3, 8, 10, 0)))
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    assert publication.published_on == dt.date(2024, 3, 8)
    assert publication.index_number == f"{world.department.credit_code}/2024-00001"
    assert actions(publication) == [
        "publication.created",
        "publication.submitted",
        "publication.scanned",
        "publication.scanned",
        "publication.review_passed",
        "publication.approved",
        "publication.scanned",
        "publication.published",
    ]
    assert SearchDocument.objects.filter(source="publication", object_id=publication.pk).exists()


def test_index_numbers_follow_the_pattern_and_are_never_reused(world, people):
    services.publication_settings_update(
        actor=people.admin,
        organization=world.department,
        index_pattern="JY-{yyyy}{mm}-{category}-{seq:04d}",
        stale_after_days=30,
    )
    moment = timezone.make_aware(dt.datetime(2025, 2, 3, 9, 0))
    first = published(world.department, people, now=moment)
    second = published(world.department, people, now=moment, statutory_category="A20_01")
    assert first.index_number == "JY-202502-12-0001"
    assert second.index_number == "JY-202502-01-0002"
    assert IndexSequence.objects.get(organization=world.department, year=2025).last == 2


def test_bad_index_patterns_are_refused(world, people):
    for pattern in ("{credit_code}/{yyyy}", "{nope}-{seq}", "{seq:zz}"):
        with pytest.raises(DomainError) as error:
            services.publication_settings_update(
                actor=people.admin, organization=world.department, index_pattern=pattern, stale_after_days=30
            )
        assert error.value.field == "index_pattern"


def test_a_published_publication_cannot_be_edited_and_its_index_number_stays(world, people):
    publication = published(world.department, people)
    number = publication.index_number
    with pytest.raises(DomainError):
        services.publication_update(actor=people.editor, publication=publication, values={"title": "新标题"})
    publication.refresh_from_db()
    assert publication.index_number == number and publication.title != "新标题"


def test_every_change_of_a_draft_is_kept_as_a_revision(world, people):
    publication = draft(world.department, people.editor)
    services.publication_update(actor=people.editor, publication=publication, values={"title": "第二稿"})
    services.publication_update(
        actor=people.editor, publication=publication, values={"title": "第二稿"}
    )  # no change
    services.publication_update(
        actor=people.editor, publication=publication, values={"body": "<p>第三稿</p>"}
    )
    publication.refresh_from_db()
    assert publication.revision == 3
    assert [r.title for r in publication.revisions.order_by("number")] == [
        "关于做好疫情防控工作的通知",
        "第二稿",
        "第二稿",
    ]
    assert publication.revisions.get(number=3).body == "<p>第三稿</p>"


def test_bodies_are_sanitised(world, people):
    publication = draft(
        world.department,
        people.editor,
        body='<p onclick="x()">正文<script>alert(1)</script><a href="javascript:x">链接</a></p>',
    )
    assert (
        "script" not in publication.body
        and "onclick" not in publication.body
        and "javascript" not in publication.body
    )
    assert "正文" in publication.body


def test_a_valid_id_number_blocks_publication_until_reviewed(world, people):
    publication = draft(world.department, people.editor, body=f"<p>当事人张某，身份证号{VALID_ID}。</p>")
    services.publication_submit(actor=people.editor, publication=publication)
    [finding] = publication.findings.all()
    assert (
        finding.kind == "id_card" and finding.status == FindingStatus.OPEN and VALID_ID not in finding.context
    )
    with pytest.raises(DomainError) as error:
        services.publication_pass_review(actor=people.reviewer, publication=publication)
    assert error.value.code == "personal_data"
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.IN_REVIEW
    services.finding_redact(actor=people.reviewer, finding=finding)
    publication.refresh_from_db()
    assert VALID_ID not in publication.body and "110105********002X" in publication.body
    finding.refresh_from_db()
    assert finding.status == FindingStatus.REDACTED
    services.publication_pass_review(actor=people.reviewer, publication=publication)
    assert "publication.personal_data_redacted" in actions(publication)


def test_a_wrong_check_character_is_flagged_as_a_warning(world, people):
    """Issue 11, failure 3: a mistyped ID number (wrong check digit) was not flagged."""
    wrong = VALID_ID[:17] + "1"
    publication = draft(world.department, people.editor, body=f"<p>编号{wrong}。</p>")
    services.publication_submit(actor=people.editor, publication=publication)
    [finding] = publication.findings.all()
    assert finding.kind == "id_card_suspect" and finding.masked == "110105********0021"
    assert "校验位" in str(finding.get_kind_display()) or "check digit" in str(finding.get_kind_display())
    # The reviewer confirms it is no ID number (a case number, say), then the review passes.
    services.finding_confirm(actor=people.reviewer, finding=finding, reason="案件编号，非身份证号")
    services.publication_pass_review(actor=people.reviewer, publication=publication)


def _history_texts(publication) -> str:
    from gongkai.core.audit import trail_for
    from gongkai.disclosure.models import PublicationRevision

    parts = [str([e.before, e.after, e.data, e.object_repr]) for e in trail_for(publication)]
    parts += [
        f"{r.title}{r.body}{r.metadata}" for r in PublicationRevision.objects.filter(publication=publication)
    ]
    return "".join(parts)


def test_full_width_and_zero_width_numbers_are_found_and_redaction_purges_the_history(world, people):
    """Issue 11, failure 3: full-width digits and a zero-width space hid an ID number and a
    mobile number from the scan; a redacted number stayed in a revision and the trail."""
    full_width = VALID_ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    split_mobile = "138\u200b1234\u200b5678"
    publication = draft(
        world.department,
        people.editor,
        body=f"<p>当事人张某，身份证号{full_width}，电话{split_mobile}。</p>",
        summary=f"涉及{VALID_ID}",
    )
    services.publication_update(
        actor=people.editor, publication=publication, values={"title": "关于张某的处理决定"}
    )
    services.publication_submit(actor=people.editor, publication=publication)
    findings = {(f.location, f.kind): f for f in publication.findings.all()}
    assert set(findings) == {("body", "id_card"), ("body", "mobile"), ("summary", "id_card")}
    assert findings["body", "id_card"].masked == "110105********002X"
    assert findings["body", "mobile"].masked == "138****5678"
    before = _history_texts(publication)
    assert full_width in before and VALID_ID in before  # the revisions and trail held them
    for finding in findings.values():
        services.finding_redact(actor=people.reviewer, finding=finding)
    publication.refresh_from_db()
    history = _history_texts(publication)
    for secret in (full_width, VALID_ID, split_mobile, "13812345678", "1234\u200b5678"):
        assert secret not in publication.body + publication.summary
        assert secret not in history, secret
    redactions = AuditEntry.objects.filter(
        action="publication.personal_data_redacted", object_id=str(publication.pk)
    )
    assert redactions.count() == 3
    assert all(entry.before is None and entry.data["value"].count("*") >= 4 for entry in redactions)
    assert max(entry.data["purged"]["audit_entries"] for entry in redactions) >= 3
    services.publication_pass_review(actor=people.reviewer, publication=publication)


def test_a_confirmed_finding_is_logged_and_lets_publication_go_on(world, people):
    publication = draft(world.department, people.editor, body="<p>咨询电话：13812345678（办公室热线）</p>")
    services.publication_submit(actor=people.editor, publication=publication)
    [finding] = publication.findings.all()
    with pytest.raises(DomainError):
        services.finding_confirm(actor=people.reviewer, finding=finding, reason=" ")
    services.finding_confirm(actor=people.reviewer, finding=finding, reason="办公室公开热线")
    services.publication_pass_review(actor=people.reviewer, publication=publication)
    services.publication_approve(actor=people.admin, publication=publication)
    services.publication_publish(actor=people.admin, publication=publication)
    entry = AuditEntry.objects.get(action="publication.personal_data_confirmed")
    assert entry.data["value"] == "138****5678" and entry.data["reason"] == "办公室公开热线"
    assert entry.actor == people.reviewer


def test_personal_data_in_an_attachment_blocks_until_the_attachment_goes(world, people):
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "身份证号"])
    workbook.active.append(["张某", VALID_ID])
    buffer = io.BytesIO()
    workbook.save(buffer)
    publication = draft(world.department, people.editor)
    attachment = services.attachment_add(
        actor=people.editor, publication=publication, name="名单.xlsx", data=buffer.getvalue()
    )
    services.publication_submit(actor=people.editor, publication=publication)
    [finding] = publication.findings.all()
    assert finding.location == f"attachment:{attachment.pk}"
    with pytest.raises(DomainError):
        services.finding_redact(actor=people.reviewer, finding=finding)
    services.publication_return(actor=people.reviewer, publication=publication, reason="附件含身份证号")
    services.attachment_remove(actor=people.editor, attachment=attachment)
    services.publication_submit(actor=people.editor, publication=publication)
    services.publication_pass_review(actor=people.reviewer, publication=publication)


def test_personal_data_added_after_review_is_caught_at_publication(world, people):
    publication = draft(world.department, people.editor)
    services.publication_submit(actor=people.editor, publication=publication)
    services.publication_pass_review(actor=people.reviewer, publication=publication)
    services.publication_approve(actor=people.admin, publication=publication)
    Publication.objects.filter(pk=publication.pk).update(
        body=f"<p>{VALID_ID}</p>"
    )  # changed behind the workflow
    with pytest.raises(DomainError):
        services.publication_publish(actor=people.admin, publication=publication)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.APPROVED


def test_withdrawal_needs_a_reason_keeps_the_record_and_leaves_the_index(world, people):
    publication = published(world.department, people)
    assert search(query="疫情").total == 1
    with pytest.raises(DomainError):
        services.publication_withdraw(actor=people.admin, publication=publication, reason="")
    services.publication_withdraw(actor=people.admin, publication=publication, reason="内容有误")
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.WITHDRAWN and publication.withdrawal_reason == "内容有误"
    assert Publication.objects.filter(pk=publication.pk).exists()
    assert search(query="疫情").total == 0


def test_scheduled_publication_is_idempotent(world, people):
    publication = draft(world.department, people.editor)
    services.publication_submit(actor=people.editor, publication=publication)
    services.publication_pass_review(actor=people.reviewer, publication=publication)
    at = timezone.now() + dt.timedelta(hours=1)
    services.publication_approve(actor=people.admin, publication=publication, publish_at=at)
    published_now, refused = services.publish_due(now=timezone.now())
    assert published_now == [] and refused == []
    published_later, _ = services.publish_due(now=at + dt.timedelta(minutes=1))
    assert [p.pk for p in published_later] == [publication.pk]
    again, _ = services.publish_due(now=at + dt.timedelta(minutes=2))
    assert again == []
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED and publication.publish_at is None
    call_command("publish_scheduled")  # the periodic command runs with nothing to do
    assert (
        AuditEntry.objects.filter(action="publication.published", object_id=str(publication.pk)).count() == 1
    )


def test_interpretations_link_to_their_policy(world, people):
    policy = published(world.department, people, kind="normative_document", title="某某管理办法")
    with pytest.raises(DomainError) as error:
        draft(world.department, people.editor, kind="interpretation", title="解读")
    assert error.value.field == "interprets"
    interpretation = published(
        world.department, people, kind="interpretation", title="《某某管理办法》政策解读", interprets=policy
    )
    assert list(policy.interpretations.all()) == [interpretation]
    with pytest.raises(DomainError):
        services.publication_withdraw(actor=people.admin, publication=policy, reason="废止")


def test_validity_belongs_to_rules_and_needs_its_date(world, people):
    other = draft(world.department, people.editor, kind="other_document", validity="valid")
    assert other.validity == ""
    rule = published(world.department, people, kind="rule")
    assert rule.validity == "valid"
    with pytest.raises(DomainError):
        services.publication_set_validity(actor=people.admin, publication=rule, validity="repealed")
    services.publication_set_validity(
        actor=people.admin, publication=rule, validity="repealed", changed_on=dt.date(2024, 12, 1)
    )
    rule.refresh_from_db()
    assert (rule.validity, rule.validity_changed_on) == ("repealed", dt.date(2024, 12, 1))


def test_returned_publications_go_back_to_draft_with_the_reason(world, people):
    publication = draft(world.department, people.editor)
    services.publication_submit(actor=people.editor, publication=publication)
    with pytest.raises(DomainError):
        services.publication_return(actor=people.reviewer, publication=publication, reason="")
    services.publication_return(actor=people.reviewer, publication=publication, reason="涉密表述")
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.DRAFT
    entry = AuditEntry.objects.get(action="publication.returned")
    assert entry.data == {"reason": "涉密表述"}


def test_index_numbers_look_like_the_default_pattern(world, people):
    publication = published(world.township, staff_for(world.township))
    assert re.fullmatch(r"[0-9A-Z]{18}/\d{4}-\d{5}", publication.index_number)


def staff_for(organization):
    from gongkai.disclosure.tests.helpers import staff

    return staff(organization)


def test_an_author_may_not_review_approve_or_publish_their_own_item(world, people):
    """Issue 11, failure 2: an office admin who also held the reviewer role wrote, passed
    the confidentiality review on, approved and published their own item."""
    from gongkai.accounts.roles import Role
    from gongkai.accounts.services import membership_grant

    admin = people.admin
    membership_grant(actor=None, user=admin, organization=world.department, role=Role.REVIEWER)
    publication = draft(world.department, admin, body=f"<p>当事人身份证号{VALID_ID}。</p>")
    services.publication_submit(actor=admin, publication=publication)
    [finding] = publication.findings.all()
    for step in (
        lambda: services.publication_pass_review(actor=admin, publication=publication),
        lambda: services.finding_confirm(actor=admin, finding=finding, reason="自己确认"),
    ):
        with pytest.raises(DomainError) as error:
            step()
        assert error.value.code == "own_item"
    # Another reviewer redacts and passes it; the author still may not approve or publish.
    services.finding_redact(actor=people.reviewer, finding=finding)
    services.publication_pass_review(actor=people.reviewer, publication=publication)
    with pytest.raises(DomainError) as error:
        services.publication_approve(actor=admin, publication=publication)
    assert error.value.code == "own_item"
    second_admin = persona_of(world.department)
    services.publication_approve(actor=second_admin, publication=publication)
    with pytest.raises(DomainError):
        services.publication_publish(actor=admin, publication=publication)
    services.publication_publish(actor=second_admin, publication=publication)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED


def test_an_editor_who_only_changed_the_draft_is_an_author_too(world, people):
    publication = draft(world.department, people.editor)
    services.publication_update(
        actor=people.reviewer, publication=publication, values={"title": "改过的标题"}
    )
    services.publication_submit(actor=people.editor, publication=publication)
    with pytest.raises(DomainError):
        services.publication_pass_review(actor=people.reviewer, publication=publication)
    assert services.publication_author_ids(publication) == {people.editor.pk, people.reviewer.pk}


def persona_of(organization):
    from gongkai.accounts.roles import Role
    from gongkai.core.testing import persona

    return persona(Role.OFFICE_ADMIN, organization)
