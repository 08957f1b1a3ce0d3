"""Major decisions: the catalog, consultations on drafts, opinions, and the feedback with
reasons for not adopting — prepared first, published in one step after the period."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.models import AuditEntry
from gongkai.participation.models import Adoption, Moderation
from gongkai.participation.selectors import consultation_state, feedback_counts, public_feedback
from gongkai.participation.services import decisions
from gongkai.participation.tests.conftest import open_consultation, published_publication

pytestmark = pytest.mark.django_db


def test_a_consultation_shorter_than_30_days_must_say_why(world, editor, head, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    decision = decisions.decision_create(
        actor=editor, organization=world.department, year=2025, values={"title": "学区调整方案"}
    )
    values = {
        "title": "征求意见",
        "draft": "草案",
        "opens_on": dt.date(2025, 3, 3),
        "closes_on": dt.date(2025, 3, 31),
    }
    with pytest.raises(DomainError) as error:
        decisions.consultation_create(actor=editor, decision=decision, values=values)
    assert error.value.field == "short_period_reason"
    assert "29 days" in error.value.message
    consultation = decisions.consultation_create(
        actor=editor, decision=decision, values={**values, "closes_on": dt.date(2025, 4, 1)}
    )
    assert (consultation.closes_on - consultation.opens_on).days + 1 == 30
    short = decisions.consultation_create(
        actor=editor, decision=decision, values={**values, "short_period_reason": "汛期临近，情况紧急"}
    )
    assert short.short_period_reason


def test_a_consultation_is_published_only_from_a_published_catalog(world, editor, head, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    decision = decisions.decision_create(
        actor=editor, organization=world.department, year=2025, values={"title": "学区调整方案"}
    )
    consultation = decisions.consultation_create(
        actor=editor,
        decision=decision,
        values={
            "title": "征求意见",
            "draft": "草案",
            "opens_on": dt.date(2025, 3, 3),
            "closes_on": dt.date(2025, 4, 1),
        },
    )
    with pytest.raises(PermissionDenied):
        decisions.consultation_publish(actor=editor, consultation=consultation)
    with pytest.raises(DomainError, match="catalog"):
        decisions.consultation_publish(actor=head, consultation=consultation)
    decisions.catalog_publish(actor=head, catalog=decision.catalog)
    published = decisions.consultation_publish(actor=head, consultation=consultation)
    assert consultation_state(published, dt.date(2025, 3, 3)) == "open"
    assert consultation_state(published, dt.date(2025, 4, 2)) == "closed"


def test_opinions_only_while_open(world, editor, head, time_machine):
    time_machine.to(dt.date(2025, 3, 1))
    consultation = open_consultation(world, editor, head, year=2025, opens=dt.date(2025, 3, 3))
    with pytest.raises(DomainError, match="not open"):
        decisions.opinion_submit(consultation=consultation, body="早了")
    time_machine.to(dt.date(2025, 3, 3))
    opinion = decisions.opinion_submit(
        consultation=consultation, body="建议保留原学区。", name="王五", phone="13912345678"
    )
    assert opinion.moderation == Moderation.PENDING
    time_machine.to(dt.date(2025, 4, 2))
    with pytest.raises(DomainError, match="not open"):
        decisions.opinion_submit(consultation=consultation, body="晚了")


def test_the_submitters_data_never_enters_the_audit_trail(world, editor, head, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    consultation = open_consultation(world, editor, head, year=2025, opens=dt.date(2025, 3, 3))
    decisions.opinion_submit(
        consultation=consultation, body="建议。", name="王小五", phone="13912345678", email="wang@example.cn"
    )
    text = " ".join(str([e.before, e.after, e.data, e.object_repr]) for e in AuditEntry.objects.all())
    for secret in ("王小五", "13912345678", "wang@example.cn"):
        assert secret not in text


def _feedback_world(world, editor, head, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    consultation = open_consultation(world, editor, head, year=2025, opens=dt.date(2025, 3, 3))
    a = decisions.opinion_submit(
        consultation=consultation, body="建议增加校车线路。", name="李雷", phone="13900001111"
    )
    b = decisions.opinion_submit(
        consultation=consultation, body="校车线路太少。", name="韩梅梅", email="han@example.cn"
    )
    c = decisions.opinion_submit(consultation=consultation, body="取消学区划分。", name="张三")
    spam = decisions.opinion_submit(consultation=consultation, body="广告：代办证件")
    return consultation, a, b, c, spam


def test_feedback_is_prepared_then_published_after_the_period(world, editor, head, time_machine):
    consultation, a, b, c, spam = _feedback_world(world, editor, head, time_machine)
    for opinion in (a, b, c):
        decisions.opinion_moderate(actor=editor, opinion=opinion, moderation=Moderation.ACCEPTED)
    with pytest.raises(DomainError) as error:
        decisions.opinion_moderate(actor=editor, opinion=spam, moderation=Moderation.REJECTED)
    assert error.value.field == "reason"
    decisions.opinion_moderate(actor=editor, opinion=spam, moderation=Moderation.REJECTED, reason="广告")

    with pytest.raises(DomainError) as error:
        decisions.feedback_item_save(
            actor=editor,
            consultation=consultation,
            values={"summary": "取消学区划分", "adoption": Adoption.NOT_ADOPTED, "reason": ""},
            opinions=[c],
        )
    assert error.value.field == "reason"
    group = decisions.feedback_item_save(
        actor=editor,
        consultation=consultation,
        values={
            "summary": "增加校车线路",
            "adoption": Adoption.PARTLY_ADOPTED,
            "reason": "新增两条线路，其余视需求再定。",
        },
        opinions=[a, b],
    )
    decisions.feedback_item_save(
        actor=editor,
        consultation=consultation,
        values={
            "summary": "取消学区划分",
            "adoption": Adoption.NOT_ADOPTED,
            "reason": "义务教育法规定就近入学。",
        },
        opinions=[c],
    )
    assert public_feedback(consultation) == []  # prepared, not published
    with pytest.raises(DomainError, match="after"):
        decisions.feedback_publish(actor=head, consultation=consultation)

    time_machine.to(dt.date(2025, 4, 2))
    with pytest.raises(PermissionDenied):
        decisions.feedback_publish(actor=editor, consultation=consultation)
    published = decisions.feedback_publish(actor=head, consultation=consultation, summary="共收到意见3条。")
    assert consultation_state(published, dt.date(2025, 4, 2)) == "answered"
    items = public_feedback(published)
    assert [(item.summary, count) for item, count in items] == [("增加校车线路", 2), ("取消学区划分", 1)]
    counts = feedback_counts(published)
    assert (counts.received, counts.adopted, counts.partly_adopted, counts.not_adopted, counts.set_aside) == (
        3,
        0,
        2,
        1,
        1,
    )
    entry = trail_for(published).first()
    assert entry.action == "feedback.published"
    assert entry.before["feedback_published_at"] is None and entry.after["items"] == 2
    with pytest.raises(DomainError, match="withdraw"):
        decisions.feedback_item_save(
            actor=editor,
            consultation=consultation,
            values={"summary": "x", "adoption": "adopted"},
            opinions=[a],
            item=group,
        )


def test_every_accepted_opinion_is_answered_before_publication(world, editor, head, time_machine):
    consultation, a, b, c, spam = _feedback_world(world, editor, head, time_machine)
    time_machine.to(dt.date(2025, 4, 2))
    with pytest.raises(DomainError, match="moderation"):
        decisions.feedback_publish(actor=head, consultation=consultation)
    for opinion in (a, b, c, spam):
        decisions.opinion_moderate(actor=editor, opinion=opinion, moderation=Moderation.ACCEPTED)
    decisions.feedback_item_save(
        actor=editor,
        consultation=consultation,
        values={"summary": "校车", "adoption": Adoption.ADOPTED},
        opinions=[a, b],
    )
    with pytest.raises(DomainError, match="2 accepted opinions have no answer"):
        decisions.feedback_publish(actor=head, consultation=consultation)


def test_feedback_that_quotes_a_submitter_is_refused(world, editor, head, time_machine):
    consultation, a, _b, _c, _spam = _feedback_world(world, editor, head, time_machine)
    decisions.opinion_moderate(actor=editor, opinion=a, moderation=Moderation.ACCEPTED)
    for summary in ("李雷建议增加校车线路", "请回电13900001111", "来信 li@example.cn"):
        with pytest.raises(DomainError) as error:
            decisions.feedback_item_save(
                actor=editor,
                consultation=consultation,
                values={"summary": summary, "adoption": Adoption.ADOPTED},
                opinions=[a],
            )
        assert error.value.field == "summary"
        assert "personal data" in error.value.message
        assert "13900001111" not in error.value.message  # masked in the message too


def test_the_outcome_links_a_published_decision_document(world, editor, head, time_machine):
    from gongkai.disclosure import services as disclosure

    time_machine.to(dt.date(2025, 6, 3))
    decision = decisions.decision_create(
        actor=editor, organization=world.department, year=2025, values={"title": "学区调整方案"}
    )
    draft = disclosure.publication_create(
        actor=editor,
        organization=world.department,
        values={"title": "学区调整方案", "formed_on": dt.date(2025, 6, 1), "statutory_category": "A20_01"},
    )
    with pytest.raises(DomainError) as error:
        decisions.decision_record_outcome(
            actor=head, decision=decision, decided_on=dt.date(2025, 6, 2), publication=draft
        )
    assert error.value.field == "publication"
    published = published_publication(
        world.department, editor, head, title="学区调整方案", formed_on=dt.date(2025, 6, 1)
    )
    decided = decisions.decision_record_outcome(
        actor=head, decision=decision, decided_on=dt.date(2025, 6, 2), publication=published
    )
    assert decided.decision_publication == published
    assert trail_for(decided).first().after == {
        "decided_on": "2025-06-02",
        "decision_publication": published.pk,
    }
