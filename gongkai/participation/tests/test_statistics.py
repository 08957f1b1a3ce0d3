"""The year's participation figures, counted from records in a scenario whose answer is
worked out by hand, and section 一 of the computed annual report quoting them."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.participation.models import Adoption, Moderation, QuestionKind
from gongkai.participation.services import (
    decisions,
    emergencies,
    media,
    messages,
    projects,
    proposals,
    surveys,
)
from gongkai.participation.statistics import ParticipationFigures, participation_figures, sentences
from gongkai.participation.tests.conftest import open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(world, editor, head, handler, time_machine):
    org = world.department
    # 2024: a consultation with one opinion, a project, a message — none counted in 2025.
    time_machine.to(dt.date(2024, 11, 4))
    old = open_consultation(world, editor, head, year=2024, opens=dt.date(2024, 11, 4), title="旧")
    old_opinion = decisions.opinion_submit(consultation=old, body="旧意见")
    decisions.opinion_moderate(actor=editor, opinion=old_opinion, moderation=Moderation.ACCEPTED)
    decisions.opinion_submit(consultation=old, body="待审核的意见不计入")
    old_project = projects.project_create(actor=editor, organization=org, values={"name": "滨江大道工程"})
    projects.stage_record_add(
        actor=editor,
        project=old_project,
        values={"stage": "approval", "title": "立项批复", "happened_on": dt.date(2024, 10, 8)},
    )
    projects.project_publish(actor=head, project=old_project)
    messages.message_submit(
        organization=org, kind="question", subject="旧", body="b", name="甲", email="a@example.cn"
    )

    # 2025: three decisions in the published catalog, two consulted on.
    time_machine.to(dt.date(2025, 3, 3))
    first = open_consultation(world, editor, head, year=2025, opens=dt.date(2025, 3, 3), title="学区")
    second = open_consultation(world, editor, head, year=2025, opens=dt.date(2025, 3, 3), title="停车")
    decisions.decision_create(actor=editor, organization=org, year=2025, values={"title": "第三项决策"})
    survey = surveys.survey_create(actor=editor, consultation=first, title="问卷")
    question = surveys.question_add(
        actor=editor, survey=survey, text="是否赞成？", kind=QuestionKind.SINGLE, choices=["赞成", "反对"]
    )
    yes, no = question.choices.all()
    for choice in (yes, yes, yes, no):
        surveys.survey_respond(survey=survey, answers={question.pk: [choice.pk]})
    a, b, c, spam = (
        decisions.opinion_submit(consultation=first, body=text) for text in ("甲", "乙", "丙", "广告")
    )
    d, e = (decisions.opinion_submit(consultation=second, body=text) for text in ("丁", "戊"))
    for opinion in (a, b, c, d, e):
        decisions.opinion_moderate(actor=editor, opinion=opinion, moderation=Moderation.ACCEPTED)
    decisions.opinion_moderate(actor=editor, opinion=spam, moderation=Moderation.REJECTED, reason="广告")
    for consultation, groups in (
        (first, [([a, b], Adoption.PARTLY_ADOPTED, "部分采纳"), ([c], Adoption.NOT_ADOPTED, "于法无据")]),
        (second, [([d, e], Adoption.ADOPTED, "")]),
    ):
        for opinions_, adoption, reason in groups:
            decisions.feedback_item_save(
                actor=editor,
                consultation=consultation,
                values={"summary": "意见摘要", "adoption": adoption, "reason": reason},
                opinions=opinions_,
            )

    # Projects: one new with three records; the 2024 one gets a 2025 record; one unpublished.
    new_project = projects.project_create(actor=editor, organization=org, values={"name": "城东学校新建工程"})
    for stage, day in (("approval", 10), ("land", 20), ("bidding", 28)):
        projects.stage_record_add(
            actor=editor,
            project=new_project,
            values={"stage": stage, "title": stage, "happened_on": dt.date(2025, 3, day)},
        )
    projects.project_publish(actor=head, project=new_project)
    projects.stage_record_add(
        actor=editor,
        project=old_project,
        values={"stage": "permits", "title": "施工许可", "happened_on": dt.date(2025, 3, 1)},
    )
    projects.project_create(actor=editor, organization=org, values={"name": "未公开项目"})

    # Proposals: two suggestions and one proposal; two replied, one reply published.
    made = []
    for kind, number in (
        ("deputy_suggestion", "第1号"),
        ("deputy_suggestion", "第2号"),
        ("member_proposal", "第7号"),
    ):
        made.append(
            proposals.proposal_create(
                actor=editor,
                organization=org,
                values={
                    "kind": kind,
                    "year": 2025,
                    "number": number,
                    "title": f"关于{number}",
                    "handling_role": "lead",
                    "received_on": dt.date(2025, 2, 20),
                },
            )
        )
    for proposal in made[:2]:
        proposals.proposal_reply(
            actor=editor, proposal=proposal, reply="答复全文", replied_on=dt.date(2025, 3, 3), result="solved"
        )
    proposals.proposal_publish(actor=head, proposal=made[0])

    # Messages: four in 2025 — on time, late, unanswered, on time and published.
    written = [
        messages.message_submit(
            organization=org,
            kind="question",
            subject=f"留言{i}",
            body="内容",
            name="乙",
            email="b@example.cn",
            may_publish=True,
        )
        for i in range(4)
    ]  # received Monday 3 March, due Monday 10 March
    time_machine.to(dt.date(2025, 3, 7))
    messages.message_answer(actor=handler, message=written[0], answer="答")
    messages.message_answer(actor=handler, message=written[3], answer="答")
    messages.message_publish(actor=head, message=written[3], public_question="问", public_answer="答")
    time_machine.to(dt.date(2025, 3, 12))
    messages.message_answer(actor=handler, message=written[1], answer="迟答")

    # Emergencies: one event, two notices released by someone other than the writer.
    event = emergencies.event_create(
        actor=editor,
        organization=org,
        values={
            "title": "台风“竹节草”",
            "kind": "natural_disaster",
            "banner": "防台风",
            "started_on": dt.date(2025, 3, 12),
        },
    )
    for title in ("台风预警", "转移安置情况"):
        notice = emergencies.notice_draft(
            actor=editor, event=event, values={"kind": "warning", "title": title, "body": "内容"}
        )
        emergencies.notice_release(actor=head, notice=notice)

    # The feedback is published after both periods closed (1 April).
    time_machine.to(dt.date(2025, 4, 2))
    decisions.feedback_publish(actor=head, consultation=first)
    decisions.feedback_publish(actor=head, consultation=second)

    # Media accounts, looked at in January 2026.
    time_machine.to(dt.date(2026, 1, 10))
    kept = media.media_account_create(
        actor=editor,
        organization=org,
        values={"platform": "wechat", "name": "区教育", "opened_on": dt.date(2020, 5, 1)},
    )
    closed = media.media_account_create(
        actor=editor,
        organization=org,
        values={"platform": "weibo", "name": "教育微博", "opened_on": dt.date(2019, 1, 1)},
    )
    merged = media.media_account_create(
        actor=editor,
        organization=org,
        values={"platform": "douyin", "name": "教育抖音", "opened_on": dt.date(2021, 1, 1)},
    )
    media.media_account_create(
        actor=editor,
        organization=org,
        values={"platform": "toutiao", "name": "新号", "opened_on": dt.date(2026, 1, 5)},
    )
    media.media_account_close(actor=editor, account=closed, on=dt.date(2025, 6, 1), reason="长期未更新")
    media.media_account_close(
        actor=editor, account=merged, on=dt.date(2025, 9, 1), reason="整合", merged_into=kept
    )
    return world


EXPECTED_2025 = ParticipationFigures(
    year=2025,
    catalog_decisions=3,
    consulted_decisions=2,
    consultations=2,
    opinions_received=5,
    opinions_adopted=2,
    opinions_partly_adopted=2,
    opinions_not_adopted=1,
    survey_responses=4,
    projects_disclosed=2,
    stage_records=4,
    suggestions_received=2,
    proposals_received=1,
    proposals_replied=2,
    proposals_published=1,
    media_active=1,
    media_closed=1,
    media_merged=1,
    messages_received=4,
    messages_answered=3,
    messages_on_time=2,
    messages_published=1,
    emergency_notices=2,
    emergency_events=1,
)


def test_the_years_figures_match_the_scenario(scenario):
    assert participation_figures([scenario.department], 2025) == EXPECTED_2025
    figures_2024 = participation_figures([scenario.department], 2024)
    assert (
        figures_2024.catalog_decisions,
        figures_2024.opinions_received,
        figures_2024.projects_disclosed,
    ) == (1, 1, 1)
    assert figures_2024.messages_received == 1 and figures_2024.media_active == 3  # all three operated then
    # Another body counts nothing of the department's.
    assert participation_figures([scenario.other_department], 2025) == ParticipationFigures(year=2025)
    # A government's report with its units counts them.
    assert participation_figures(list(scenario.government.subtree()), 2025) == EXPECTED_2025


SECTION_ONE = [
    "公布2025年度重大行政决策事项目录，列入决策事项3项。就2项重大行政决策草案向社会公开征求意见，收到意见建议5条。"
    "已公开反馈其中5条的采纳情况：采纳2条，部分采纳2条，未采纳1条，部分采纳和未采纳的均说明了理由。"
    "围绕决策草案开展问卷调查，收回问卷4份。",
    "公开2个重大建设项目的信息，发布项目批准和实施信息4条。",
    "办理人大代表建议2件、政协委员提案1件，答复2件，公开答复全文1件。",
    "年末运营政务新媒体账号1个。全年关停1个、整合1个。",
    "收到网民留言4条，答复3条，其中在规定时限内答复2条；公开选登留言问答1条。",
    "发布突发公共事件相关信息2条，涉及1起事件。",
]


def test_the_sentences_quote_the_figures_in_chinese(scenario):
    assert sentences(EXPECTED_2025) == SECTION_ONE
    assert sentences(ParticipationFigures(year=2025)) == []


def test_section_one_of_the_computed_report_quotes_them(scenario, head):
    from gongkai.reports.selectors import report_of
    from gongkai.reports.services import report_compute

    record = report_compute(actor=head, organization=scenario.department, year=2025)
    overview = report_of(record).sections["overview"]
    assert overview == "".join(SECTION_ONE)
    # The clerk's own text is kept when the figures are computed again.
    from gongkai.reports.services import report_update

    report = report_of(record)
    report.sections["overview"] = "本机关自行撰写的总体情况。" + overview
    report_update(actor=head, record=record, report=report)
    again = report_compute(actor=head, organization=scenario.department, year=2025)
    assert report_of(again).sections["overview"].startswith("本机关自行撰写的总体情况。")
