"""Projects, proposals, media accounts, surveys and emergencies: the rules each service keeps."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.accounts.roles import Role
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.testing import persona
from gongkai.participation.models import MediaStatus
from gongkai.participation.selectors import active_emergencies, media_registry, project_life, survey_results
from gongkai.participation.services import emergencies, media, projects, proposals, surveys
from gongkai.participation.tests.conftest import open_consultation

pytestmark = pytest.mark.django_db


def test_a_project_shows_every_stage_in_order(world, editor, head, time_machine):
    time_machine.to(dt.date(2025, 5, 1))
    project = projects.project_create(
        actor=editor, organization=world.department, values={"name": "学校", "investment": "12.50"}
    )
    assert str(project.investment) == "12.50"
    with pytest.raises(DomainError) as error:
        projects.project_create(
            actor=editor, organization=world.department, values={"name": "x", "investment": "-1"}
        )
    assert error.value.field == "investment"
    projects.stage_record_add(
        actor=editor,
        project=project,
        values={"stage": "bidding", "title": "中标", "happened_on": dt.date(2025, 4, 1)},
    )
    projects.stage_record_add(
        actor=editor,
        project=project,
        values={"stage": "approval", "title": "立项", "happened_on": dt.date(2025, 1, 1)},
    )
    life = project_life(project, public_only=True)
    assert [s.stage for s in life] == ["approval", "land", "bidding", "permits", "supervision", "completion"]
    assert all(not s.records for s in life)  # nothing public before the project is
    projects.project_publish(actor=head, project=project)
    life = project_life(project, public_only=True)
    assert [[r.title for r in s.records] for s in life] == [["立项"], [], ["中标"], [], [], []]


def test_a_reply_is_published_only_once_recorded(world, editor, head, time_machine):
    time_machine.to(dt.date(2025, 5, 1))
    values = {
        "kind": "deputy_suggestion",
        "year": 2025,
        "number": "第1号",
        "title": "建议",
        "handling_role": "lead",
        "received_on": dt.date(2025, 3, 1),
    }
    proposal = proposals.proposal_create(actor=editor, organization=world.department, values=values)
    with pytest.raises(DomainError) as error:
        proposals.proposal_create(actor=editor, organization=world.department, values=values)
    assert error.value.field == "number"
    with pytest.raises(DomainError, match="Record the reply"):
        proposals.proposal_publish(actor=head, proposal=proposal)
    with pytest.raises(DomainError) as error:
        proposals.proposal_reply(
            actor=editor, proposal=proposal, reply="答复", replied_on=dt.date(2025, 2, 1), result="solved"
        )
    assert error.value.field == "replied_on"
    proposals.proposal_reply(
        actor=editor, proposal=proposal, reply="答复全文", replied_on=dt.date(2025, 4, 1), result="solved"
    )
    published = proposals.proposal_publish(actor=head, proposal=proposal)
    assert published.published_at is not None
    assert [e.action for e in trail_for(published)][:2] == ["proposal.published", "proposal.replied"]


def test_media_accounts_are_flagged_closed_and_merged(world, editor, time_machine):
    time_machine.to(dt.date(2025, 5, 1))
    fresh = media.media_account_create(
        actor=editor, organization=world.department, values={"platform": "wechat", "name": "新"}
    )
    media.media_account_record_update(actor=editor, account=fresh, on=dt.date(2025, 4, 20))
    old = media.media_account_create(
        actor=editor, organization=world.department, values={"platform": "weibo", "name": "旧"}
    )
    media.media_account_record_update(actor=editor, account=old, on=dt.date(2025, 4, 1))
    media.media_account_create(
        actor=editor, organization=world.department, values={"platform": "douyin", "name": "无"}
    )
    flags = {
        v.account.name: (v.stale, v.days_since_update)
        for v in media_registry([world.department], dt.date(2025, 5, 1))
    }
    assert flags == {"新": (False, 11), "旧": (True, 30), "无": (True, None)}
    with pytest.raises(DomainError, match="later update"):
        media.media_account_record_update(actor=editor, account=old, on=dt.date(2025, 3, 1))
    outsider = media.media_account_create(
        actor=persona(Role.EDITOR, world.other_department),
        organization=world.other_department,
        values={"platform": "app", "name": "外"},
    )
    outsider.organization.path = "9999."  # as if it belonged to another government
    for target in (outsider, old):
        with pytest.raises(DomainError) as error:
            media.media_account_close(
                actor=editor, account=old, on=dt.date(2025, 4, 30), reason="整合", merged_into=target
            )
        assert error.value.field == "merged_into"
    merged = media.media_account_close(
        actor=editor, account=old, on=dt.date(2025, 4, 30), reason="整合", merged_into=fresh
    )
    assert merged.status == MediaStatus.MERGED and merged.merged_into == fresh
    with pytest.raises(DomainError, match="already closed"):
        media.media_account_close(actor=editor, account=merged, on=dt.date(2025, 4, 30), reason="再关")


def test_a_survey_takes_complete_answers_and_freezes_its_questions(world, editor, head, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    consultation = open_consultation(world, editor, head, year=2025, opens=dt.date(2025, 3, 3))
    survey = surveys.survey_create(actor=editor, consultation=consultation, title="问卷")
    with pytest.raises(DomainError) as error:
        surveys.question_add(actor=editor, survey=survey, text="问", kind="single", choices=["唯一"])
    assert error.value.field == "choices"
    one = surveys.question_add(
        actor=editor, survey=survey, text="赞成吗？", kind="single", choices=["是", "否"]
    )
    many = surveys.question_add(
        actor=editor, survey=survey, text="关心什么？", kind="multiple", choices=["甲", "乙", "丙"]
    )
    yes, no = one.choices.all()
    a, _b, c = many.choices.all()
    with pytest.raises(DomainError) as error:
        surveys.survey_respond(survey=survey, answers={one.pk: [yes.pk, no.pk], many.pk: [a.pk]})
    assert error.value.field == f"q{one.pk}"
    with pytest.raises(DomainError):
        surveys.survey_respond(survey=survey, answers={one.pk: [yes.pk]})
    with pytest.raises(DomainError):
        surveys.survey_respond(survey=survey, answers={one.pk: [a.pk], many.pk: [a.pk]})
    surveys.survey_respond(survey=survey, answers={one.pk: [yes.pk], many.pk: [a.pk, c.pk]})
    surveys.survey_respond(survey=survey, answers={one.pk: [no.pk], many.pk: [a.pk]})
    respondents, results = survey_results(survey)
    assert respondents == 2
    assert [[(ch.text, n) for ch, n in r.choices] for r in results] == [
        [("是", 1), ("否", 1)],
        [("甲", 2), ("乙", 0), ("丙", 1)],
    ]
    with pytest.raises(DomainError, match="answers already"):
        surveys.question_add(actor=editor, survey=survey, text="再问", kind="single", choices=["是", "否"])


def test_the_emergency_fast_path(world, time_machine):
    time_machine.to(dt.date(2025, 7, 28))
    editor = persona(Role.EDITOR, world.government)
    event = emergencies.event_create(
        actor=editor,
        organization=world.government,
        values={
            "title": "台风",
            "kind": "natural_disaster",
            "banner": "台风来了",
            "started_on": dt.date(2025, 7, 28),
        },
    )
    notice = emergencies.notice_draft(
        actor=editor, event=event, values={"kind": "warning", "title": "预警", "body": "请联系13912345678"}
    )
    assert active_emergencies(world.department) == []  # nothing released yet
    government_head = persona(Role.OFFICE_ADMIN, world.government)
    government_editor_who_releases = persona(Role.EDITOR, world.government)
    with pytest.raises(PermissionDenied):
        emergencies.notice_release(actor=government_editor_who_releases, notice=notice)
    with pytest.raises(DomainError) as error:  # the scan still runs on the fast path
        emergencies.notice_release(actor=government_head, notice=notice)
    assert error.value.field == "body"
    writer = persona(Role.OFFICE_ADMIN, world.government)
    own = emergencies.notice_draft(
        actor=writer, event=event, values={"kind": "warning", "title": "预警", "body": "大风"}
    )
    with pytest.raises(DomainError, match="other than its writer"):
        emergencies.notice_release(actor=writer, notice=own)
    released = emergencies.notice_release(actor=government_head, notice=own, note="已核")
    assert released.released_at is not None
    entry = trail_for(released).first()
    assert entry.after["fast_path"] is True and entry.before["released_at"] is None
    # The government's emergency shows on its units' column pages too.
    assert active_emergencies(world.department) == [event]
    assert active_emergencies(world.other_department) == [event]
    emergencies.event_end(actor=government_head, event=event)
    assert active_emergencies(world.department) == []
