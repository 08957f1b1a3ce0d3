"""Demo records of public participation for the demo government: the 2025 catalog of major
decisions with two consultations, their opinions, a survey and the published feedback;
projects with their stages; replies to suggestions and proposals; the new-media registry;
messages from the public answered on time and late; an emergency — and work in progress
today (an open consultation, messages due, an active emergency with its banner).

Everything goes through the services. Past records are replayed at their own dates: the
services stamp what they record with ``timezone.now()``, so the loader moves that clock
to each day of 2025 in turn (``_on``), as if the clerks had worked through the year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.accounts.models import Organization, User
from gongkai.participation.models import Adoption, Consultation, MajorDecision, Moderation, QuestionKind
from gongkai.participation.services import (
    decisions,
    emergencies,
    media,
    messages,
    projects,
    proposals,
    surveys,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAST_YEAR = 2025

# The demo's citizens. Their names, telephones and e-mail addresses must appear on no
# public page (tested by scanning the demo site).
SUBMITTERS = [
    ("陈晓梅", "13957500101", "chenxm@example.cn"),
    ("周建国", "13957500102", "zhoujg@example.cn"),
    ("沈丽华", "13957500103", "shenlh@example.cn"),
    ("钱伟民", "13957500104", "qianwm@example.cn"),
    ("孙海燕", "13957500105", "sunhy@example.cn"),
    ("李志强", "13957500106", "lizq@example.cn"),
    ("吴佳怡", "13957500107", "wujy@example.cn"),
    ("郑国平", "13957500108", "zhenggp@example.cn"),
]


@contextmanager
def _on(day: dt.date, hour: int = 10) -> Iterator[None]:
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def _d(month: int, day: int) -> dt.date:
    return dt.date(PAST_YEAR, month, day)


def load_participation(*, editor: User, admin: User, handler: User, government: Organization) -> None:
    """Load once (the caller checks that the past year's report does not exist yet)."""
    _decisions(editor, admin, government)
    _projects(editor, admin, government)
    _proposals(editor, admin, government)
    _media(editor, government)
    _messages(handler, admin, government)
    _emergencies(editor, admin, government)


def _consult(
    editor: User,
    admin: User,
    government: Organization,
    year: int,
    title: str,
    opens: dt.date,
    values: dict[str, Any],
) -> tuple[MajorDecision, Consultation]:
    decision = decisions.decision_create(actor=editor, organization=government, year=year, values=values)
    consultation = decisions.consultation_create(
        actor=editor,
        decision=decision,
        values={
            "title": f"关于公开征求《{title}（征求意见稿）》意见的公告",
            "draft": f"为广泛听取社会各界意见，现将《{title}（征求意见稿）》及起草说明全文公布，公开征求意见。\n"
            "一、起草背景和依据。\n二、主要内容。\n三、征求意见的方式：可通过本页面在线提交意见建议。",
            "opens_on": opens,
            "closes_on": opens + dt.timedelta(days=29),
        },
    )
    return decision, consultation


def _decisions(editor: User, admin: User, government: Organization) -> None:
    with _on(_d(2, 20)):
        school, school_consultation = _consult(
            editor,
            admin,
            government,
            PAST_YEAR,
            "柯桥区城区义务教育学校学区划分调整方案",
            _d(3, 3),
            {
                "title": "柯桥区城区义务教育学校学区划分调整方案",
                "summary": "根据城区人口分布和学校布局变化，调整城区义务教育阶段公办学校学区范围。",
                "undertaking_unit": "柯桥区教育体育局",
                "legal_basis": "《中华人民共和国义务教育法》第十二条",
                "planned_time": "2025年第二季度",
            },
        )
        _waste, waste_consultation = _consult(
            editor,
            admin,
            government,
            PAST_YEAR,
            "柯桥区生活垃圾分类管理办法",
            _d(6, 2),
            {
                "title": "柯桥区生活垃圾分类管理办法",
                "summary": "明确生活垃圾分类投放、收集、运输和处理各环节的责任，推进垃圾分类全覆盖。",
                "undertaking_unit": "柯桥区综合行政执法局",
                "planned_time": "2025年第三季度",
            },
        )
        decisions.decision_create(
            actor=editor,
            organization=government,
            year=PAST_YEAR,
            values={
                "title": "柯桥区2026年民生实事项目",
                "summary": "确定2026年度区级民生实事项目。",
                "undertaking_unit": "柯桥区发展和改革局",
                "planned_time": "2025年第四季度",
                "hearing_planned": False,
            },
        )
        decisions.catalog_publish(actor=admin, catalog=school.catalog, note="经区委同意，现予公布。")
        decisions.consultation_publish(actor=admin, consultation=school_consultation)
        decisions.consultation_publish(actor=admin, consultation=waste_consultation)
        survey = surveys.survey_create(
            actor=editor,
            consultation=school_consultation,
            title="学区划分调整意见问卷",
            introduction="本问卷匿名填写，约需1分钟。",
        )
        support = surveys.question_add(
            actor=editor,
            survey=survey,
            text="您是否赞成本次学区划分调整方案？",
            kind=QuestionKind.SINGLE,
            choices=["赞成", "基本赞成", "不赞成", "说不清"],
        )
        concerns = surveys.question_add(
            actor=editor,
            survey=survey,
            text="您最关心的是哪些方面？",
            kind=QuestionKind.MULTIPLE,
            choices=["上学距离", "学校教学质量", "校车和交通安全", "过渡期安排"],
        )
    s = {c.text: c.pk for c in support.choices.all()}
    c = {ch.text: ch.pk for ch in concerns.choices.all()}
    answers = (
        [("赞成", ["上学距离"])] * 14
        + [("基本赞成", ["上学距离", "校车和交通安全"])] * 9
        + [("不赞成", ["过渡期安排"])] * 5
        + [("说不清", ["学校教学质量"])] * 3
    )
    for i, (answer, worries) in enumerate(answers):
        with _on(_d(3, 3) + dt.timedelta(days=i % 25)):
            surveys.survey_respond(
                survey=survey, answers={support.pk: [s[answer]], concerns.pk: [c[w] for w in worries]}
            )
    school_opinions = [
        "建议在学区调整时设置过渡期，已在原学区就读学生的弟妹可继续在原学校就读。",
        "新划入的小区距离学校较远，建议增加校车线路或延长公交线路。",
        "希望公布各学校的招生计划和学位数，便于家长了解。",
        "建议取消学区划分，全部实行摇号入学。",
        "学校周边早晚高峰交通拥堵，建议同步设置护学岗。",
    ]
    made = []
    for i, text in enumerate(school_opinions):
        name, phone, email = SUBMITTERS[i]
        with _on(_d(3, 5 + i * 4)):
            made.append(
                decisions.opinion_submit(
                    consultation=school_consultation, body=text, name=name, phone=phone, email=email
                )
            )
    with _on(_d(3, 20)):
        spam = decisions.opinion_submit(consultation=school_consultation, body="代办各类证件，联系微信。")
    with _on(_d(4, 3)):
        for opinion in made:
            decisions.opinion_moderate(actor=editor, opinion=opinion, moderation=Moderation.ACCEPTED)
        decisions.opinion_moderate(
            actor=editor, opinion=spam, moderation=Moderation.REJECTED, reason="广告信息，与本次征求意见无关"
        )
        for group, summary, adoption, reason in (
            (
                [made[0]],
                "设置过渡期，保障已在读学生弟妹就近入学",
                Adoption.ADOPTED,
                "已在方案中增加三年过渡期安排。",
            ),
            (
                [made[1], made[4]],
                "增加校车线路，改善学校周边交通",
                Adoption.PARTLY_ADOPTED,
                "新增两条校车线路；护学岗由公安交警部门统筹设置，不在本方案中规定。",
            ),
            ([made[2]], "公布各校招生计划和学位数", Adoption.ADOPTED, "招生计划将在每年招生公告中公布。"),
            (
                [made[3]],
                "取消学区划分，实行摇号入学",
                Adoption.NOT_ADOPTED,
                "《中华人民共和国义务教育法》第十二条规定适龄儿童、少年免试就近入学，学区划分是落实就近入学的方式，故未采纳。",
            ),
        ):
            decisions.feedback_item_save(
                actor=editor,
                consultation=school_consultation,
                values={"summary": summary, "adoption": adoption, "reason": reason},
                opinions=group,
            )
    with _on(_d(4, 10)):
        decisions.feedback_publish(
            actor=admin,
            consultation=school_consultation,
            summary="征求意见期间共收到有效意见建议5条，经认真研究，采纳2条，部分采纳2条，未采纳1条。",
        )
    waste_opinions = [
        "建议在小区增设分类指导员，特别是在推行初期。",
        "对不按规定分类投放的，处罚标准应当明确。",
    ]
    waste_made = []
    for i, text in enumerate(waste_opinions):
        name, phone, email = SUBMITTERS[5 + i]
        with _on(_d(6, 10 + i * 5)):
            waste_made.append(
                decisions.opinion_submit(
                    consultation=waste_consultation, body=text, name=name, phone=phone, email=email
                )
            )
    with _on(_d(7, 3)):
        for opinion in waste_made:
            decisions.opinion_moderate(actor=editor, opinion=opinion, moderation=Moderation.ACCEPTED)
        decisions.feedback_item_save(
            actor=editor,
            consultation=waste_consultation,
            values={"summary": "推行初期在小区设置分类指导员", "adoption": Adoption.ADOPTED, "reason": ""},
            opinions=[waste_made[0]],
        )
        decisions.feedback_item_save(
            actor=editor,
            consultation=waste_consultation,
            values={
                "summary": "明确不按规定分类投放的处罚标准",
                "adoption": Adoption.PARTLY_ADOPTED,
                "reason": "处罚标准由《浙江省生活垃圾管理条例》规定，办法中增加了引用条款。",
            },
            opinions=[waste_made[1]],
        )
        decisions.feedback_publish(actor=admin, consultation=waste_consultation)
    with _on(_d(5, 20)):
        decisions.decision_record_outcome(actor=admin, decision=school, decided_on=_d(5, 16))
    # This year: a draft open for opinions now.
    today = timezone.localdate()
    current, consultation = _consult(
        editor,
        admin,
        government,
        today.year,
        "柯桥区老旧小区改造三年行动计划",
        today - dt.timedelta(days=5),
        {
            "title": "柯桥区老旧小区改造三年行动计划",
            "summary": "对2000年底前建成的老旧小区实施综合改造。",
            "undertaking_unit": "柯桥区住房和城乡建设局",
            "planned_time": f"{today.year}年第四季度",
        },
    )
    decisions.catalog_publish(actor=admin, catalog=current.catalog)
    decisions.consultation_publish(actor=admin, consultation=consultation)
    name, phone, email = SUBMITTERS[7]
    decisions.opinion_submit(
        consultation=consultation, body="建议优先改造无电梯的多层住宅。", name=name, phone=phone, email=email
    )


def _projects(editor: User, admin: User, government: Organization) -> None:
    with _on(_d(1, 15)):
        school = projects.project_create(
            actor=editor,
            organization=government,
            values={
                "name": "柯桥区城东学校新建工程",
                "code": "2501-330603-04-01-100001",
                "owner": "柯桥区教育体育局",
                "location": "柯桥街道城东片区",
                "investment": "32000.00",
                "summary": "新建36班九年一贯制学校，总建筑面积约5.2万平方米。",
            },
        )
        projects.stage_record_add(
            actor=editor,
            project=school,
            values={
                "stage": "approval",
                "title": "项目建议书批复",
                "happened_on": _d(1, 10),
                "summary": "柯发改投〔2025〕3号",
            },
        )
        projects.project_publish(actor=admin, project=school)
    for day, stage, title in (
        (_d(3, 18), "land", "建设用地规划许可"),
        (_d(5, 8), "bidding", "施工总承包中标候选人公示"),
        (_d(6, 20), "permits", "建筑工程施工许可证核发"),
        (_d(9, 12), "supervision", "质量安全监督检查情况"),
    ):
        with _on(day):
            projects.stage_record_add(
                actor=editor, project=school, values={"stage": stage, "title": title, "happened_on": day}
            )
    with _on(_d(8, 1)):
        road = projects.project_create(
            actor=editor,
            organization=government,
            values={"name": "鉴湖路快速路改造工程", "owner": "柯桥区交通运输局", "investment": "185000.00"},
        )
        projects.stage_record_add(
            actor=editor,
            project=road,
            values={"stage": "approval", "title": "工程可行性研究报告批复", "happened_on": _d(7, 28)},
        )
        projects.project_publish(actor=admin, project=road)


def _proposals(editor: User, admin: User, government: Organization) -> None:
    rows = [
        ("deputy_suggestion", "第12号", "关于加快城区停车设施建设的建议", "王建华等5位代表", "solved"),
        ("deputy_suggestion", "第37号", "关于完善农村生活污水治理设施运维的建议", "张美玲代表", "planned"),
        ("member_proposal", "第58号", "关于推进政务公开标准化规范化的提案", "刘文斌委员", "solved"),
    ]
    for kind, number, title, proposers, result in rows:
        with _on(_d(3, 10)):
            proposal = proposals.proposal_create(
                actor=editor,
                organization=government,
                values={
                    "kind": kind,
                    "year": PAST_YEAR,
                    "session": "区第十八届人民代表大会第五次会议"
                    if kind == "deputy_suggestion"
                    else "区政协第十届委员会第五次会议",
                    "number": number,
                    "title": title,
                    "proposers": proposers,
                    "handling_role": "lead",
                    "received_on": _d(3, 5),
                },
            )
        with _on(_d(6, 5)):
            proposals.proposal_reply(
                actor=editor,
                proposal=proposal,
                reply=f"您提出的《{title}》收悉。经研究，现答复如下：\n一、基本情况。\n二、下一步工作打算。\n感谢您对我区工作的关心和支持。",
                replied_on=_d(6, 3),
                result=result,
            )
            proposals.proposal_publish(actor=admin, proposal=proposal)


def _media(editor: User, government: Organization) -> None:
    today = timezone.localdate()
    kept = media.media_account_create(
        actor=editor,
        organization=government,
        values={
            "platform": "wechat",
            "name": "柯桥发布",
            "account_id": "keqiaofabu",
            "opened_on": dt.date(2015, 6, 1),
        },
    )
    media.media_account_record_update(actor=editor, account=kept, on=today - dt.timedelta(days=1))
    weibo = media.media_account_create(
        actor=editor,
        organization=government,
        values={"platform": "weibo", "name": "柯桥区政府", "opened_on": dt.date(2012, 3, 1)},
    )
    media.media_account_record_update(actor=editor, account=weibo, on=today - dt.timedelta(days=40))
    closed = media.media_account_create(
        actor=editor,
        organization=government,
        values={"platform": "douyin", "name": "柯桥政务服务", "opened_on": dt.date(2020, 4, 1)},
    )
    merged = media.media_account_create(
        actor=editor,
        organization=government,
        values={"platform": "toutiao", "name": "柯桥政务头条", "opened_on": dt.date(2018, 9, 1)},
    )
    media.media_account_close(actor=editor, account=closed, on=_d(5, 31), reason="长期无专人维护，予以关停")
    media.media_account_close(
        actor=editor, account=merged, on=_d(8, 31), reason="功能重复，整合至“柯桥发布”", merged_into=kept
    )


PAST_MESSAGES = [
    # (received, answered, subject, body, kind, may publish, publish)
    (
        _d(2, 10),
        _d(2, 13),
        "新生入学报名时间",
        "请问2025年小学新生入学网上报名什么时候开始？",
        "question",
        True,
        True,
    ),
    (
        _d(4, 7),
        _d(4, 11),
        "公交站台增设遮雨棚",
        "建议在鉴湖路沿线公交站台增设遮雨棚。",
        "suggestion",
        True,
        True,
    ),
    (
        _d(6, 16),
        _d(6, 27),
        "小区路灯损坏",
        "我家小区门口的路灯坏了很久，请尽快维修。",
        "question",
        False,
        False,
    ),
    (_d(9, 1), _d(9, 4), "垃圾分类投放时间", "请问垃圾分类定时定点投放的具体时间？", "question", True, False),
]


def _messages(handler: User, admin: User, government: Organization) -> None:
    for i, (received, answered, subject, body, kind, may_publish, publish) in enumerate(PAST_MESSAGES):
        name, phone, email = SUBMITTERS[i]
        with _on(received, hour=9):
            message = messages.message_submit(
                organization=government,
                kind=kind,
                subject=subject,
                body=body,
                name=name,
                email=email,
                phone=phone,
                may_publish=may_publish,
            )
        with _on(answered, hour=15):
            answered_message = messages.message_answer(
                actor=handler,
                message=message,
                answer=f"您好！关于“{subject}”，经了解，答复如下：已转相关科室办理，具体安排以正式公告为准。感谢您的关注。",
            )
            if publish:
                messages.message_publish(
                    actor=admin,
                    message=answered_message,
                    public_question=body,
                    public_answer=answered_message.answer,
                )
    today = timezone.localdate()
    for subject, body, days_ago in (
        ("老旧小区加装电梯补助", "请问老旧小区加装电梯有没有补助？怎么申请？", 9),
        ("夜间施工噪音", "建议加强对夜间施工噪音的管理。", 4),
        ("社保卡办理地点", "请问社保卡在哪里办理？", 0),
    ):
        name, phone, email = SUBMITTERS[4 + (days_ago % 4)]
        with _on(today - dt.timedelta(days=days_ago), hour=11):
            messages.message_submit(
                organization=government,
                kind="question" if "？" in body else "suggestion",
                subject=subject,
                body=body,
                name=name,
                email=email,
                phone=phone,
                may_publish=True,
            )


def _emergencies(editor: User, admin: User, government: Organization) -> None:
    with _on(_d(7, 28), hour=8):
        typhoon = emergencies.event_create(
            actor=editor,
            organization=government,
            values={
                "title": "2025年第8号台风防御",
                "kind": "natural_disaster",
                "banner": "台风防御Ⅲ级应急响应已启动，请减少外出。",
                "started_on": _d(7, 28),
            },
        )
        notice = emergencies.notice_draft(
            actor=editor,
            event=typhoon,
            values={
                "kind": "warning",
                "title": "关于启动台风防御Ⅲ级应急响应的通知",
                "body": "受台风影响，预计7月29日至31日我区有暴雨到大暴雨。经研究，决定启动台风防御Ⅲ级应急响应。",
            },
        )
        emergencies.notice_release(actor=admin, notice=notice)
    with _on(_d(7, 30), hour=18):
        notice = emergencies.notice_draft(
            actor=editor,
            event=typhoon,
            values={
                "kind": "response",
                "title": "台风防御工作情况通报",
                "body": "全区累计转移危险区域人员1260人，未发生人员伤亡。",
            },
        )
        emergencies.notice_release(actor=admin, notice=notice)
    with _on(_d(8, 1), hour=9):
        emergencies.event_end(actor=admin, event=typhoon)
    today = timezone.localdate()
    cold = emergencies.event_create(
        actor=editor,
        organization=government,
        values={
            "title": "寒潮天气防范",
            "kind": "natural_disaster",
            "banner": "寒潮蓝色预警：未来三天气温明显下降，请注意防寒保暖。",
            "started_on": today,
        },
    )
    notice = emergencies.notice_draft(
        actor=editor,
        event=cold,
        values={
            "kind": "warning",
            "title": "寒潮蓝色预警",
            "body": "受强冷空气影响，未来三天我区气温将下降8至10℃，请做好防寒保暖和设施防冻工作。",
        },
    )
    emergencies.notice_release(actor=admin, notice=notice)
