"""Participation in the site's one search: what is public is found, what is not is not, the
keys of different sources never collide, and every hit links to its public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from gongkai.participation.services import decisions, messages, projects
from gongkai.participation.tests.conftest import open_consultation, published_publication
from gongkai.search.api import Filters, IndexedDocument, index_documents, link_for, search, source_label
from gongkai.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def titles(query: str, source: str = "") -> list[str]:
    return [hit.title for hit in search(query=query, filters=Filters(source=source)).hits]


def test_public_participation_is_found_and_linked(world, editor, head, handler, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    published_publication(world.department, editor, head, title="停车收费标准", formed_on=dt.date(2025, 3, 1))
    consultation = open_consultation(
        world, editor, head, year=2025, opens=dt.date(2025, 3, 3), title="停车收费"
    )
    assert sorted(titles("停车")) == ["停车收费事项", "停车收费标准"]
    hit = search(query="停车", filters=Filters(source="decision")).hits[0]
    with translation.override("zh-hans"):  # links are in the visitor's language
        assert (
            link_for(hit) == f"/{world.department.slug}/participation/decisions/{consultation.decision.pk}/"
        )
    assert source_label("decision") == "Major decision"
    # The draft's text is searchable too.
    assert titles("草案全文", "decision") == ["停车收费事项"]


def test_nothing_unpublished_and_no_writer_is_indexed(world, editor, head, handler, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    decisions.decision_create(
        actor=editor, organization=world.department, year=2025, values={"title": "未公布的决策"}
    )
    projects.project_create(actor=editor, organization=world.department, values={"name": "未公开的项目"})
    message = messages.message_submit(
        organization=world.department,
        kind="question",
        subject="公交线路咨询",
        body="请问公交线路？",
        name="钱多多",
        email="qian@example.cn",
        may_publish=True,
    )
    assert titles("未公布") == [] and titles("未公开") == []
    messages.message_answer(actor=handler, message=message, answer="已开通。")
    assert titles("公交线路") == []
    messages.message_publish(
        actor=head, message=message, public_question="请问公交线路？", public_answer="已开通。"
    )
    assert titles("公交线路") == ["公交线路咨询"]
    assert titles("钱多多") == [] and titles("qian") == []
    messages.message_unpublish(actor=head, message=message, reason="留言人要求撤下")
    assert titles("公交线路") == []


def test_a_decision_is_indexed_even_when_the_caller_holds_an_old_copy(world, editor, head, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    decision = decisions.decision_create(
        actor=editor, organization=world.department, year=2025, values={"title": "学区调整"}
    )
    decisions.catalog_publish(
        actor=head, catalog=decision.catalog
    )  # ``decision.catalog`` stays unpublished in memory
    decisions.decision_record_outcome(actor=head, decision=decision, decided_on=dt.date(2025, 3, 3))
    assert titles("学区") == ["学区调整"]


def test_sources_never_share_a_key(world):
    """A publication, a decision and a project with the same id, published on the same day."""
    day = dt.date(2025, 3, 3)
    index_documents(
        [
            IndexedDocument("publication", 7, world.department.pk, day, "停车收费标准"),
            IndexedDocument("decision", 7, world.department.pk, day, "停车收费方案"),
            IndexedDocument("project", 7, world.department.pk, day, "停车场建设工程"),
        ]
    )
    assert sorted(titles("停车")) == ["停车场建设工程", "停车收费方案", "停车收费标准"]
    keys = {d.source: d.key for d in SearchDocument.objects.all()}
    assert keys["publication"] == day.toordinal() * 10**9 + 7  # publications keep their keys
    assert len(set(keys.values())) == 3
