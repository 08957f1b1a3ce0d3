"""Demo records of the demo government: publications, yearly counts, applications and
cases — a year past (2025), from which the 2025 annual report is computed and published,
and work in progress now, so that the workbench shows applications due soon and overdue.

Everything goes through the services, as a clerk's work would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongkai.accounts.models import Organization, User
from gongkai.demo import participation
from gongkai.disclosure import services as disclosure
from gongkai.disclosure.models import Publication
from gongkai.reports.models import AnnualReportRecord
from gongkai.reports.selectors import report_of
from gongkai.reports.services import report_compute, report_publish, report_submit, report_update
from gongkai.requests import services as requests
from gongkai.requests.codes import (
    ApplicantType,
    CaseKind,
    CaseResult,
    Channel,
    ConsultationKind,
    DeliveryWanted,
    Disposition,
    FormWanted,
    IdType,
)
from gongkai.requests.models import InfoRequest
from gongkai.workdays.calendar import WorkdayCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAST_YEAR = 2025


@dataclass
class People:
    editor: User
    reviewer: User
    admin: User
    handler: User


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def _publish(people: People, organization: Organization, published: dt.date, **values: object) -> Publication:
    values.setdefault("written_on", values["formed_on"])
    publication = disclosure.publication_create(actor=people.editor, organization=organization, values=values)
    disclosure.publication_submit(actor=people.editor, publication=publication)
    disclosure.publication_pass_review(actor=people.reviewer, publication=publication)
    disclosure.publication_approve(actor=people.admin, publication=publication)
    return disclosure.publication_publish(actor=people.admin, publication=publication, now=_at(published))


def load_publications(people: People, government: Organization) -> None:
    policy = _publish(
        people,
        government,
        dt.date(PAST_YEAR, 3, 12),
        title="柯桥区关于进一步优化营商环境的若干措施",
        body="<p>为进一步优化营商环境，激发市场主体活力，结合本区实际，制定如下措施。</p>"
        "<p>一、压缩企业开办时间，全面推行企业开办“一件事”集成服务。</p>"
        "<p>二、推进政务服务“一网通办”，提升政府信息公开质量。</p>",
        document_number="柯政发〔2025〕5号",
        publisher="绍兴市柯桥区人民政府",
        formed_on=dt.date(PAST_YEAR, 3, 5),
        statutory_category="A20_01",
        kind="normative_document",
        validity="valid",
        effective_on=dt.date(PAST_YEAR, 4, 1),
        keywords="营商环境 政务公开",
        summary="压缩企业开办时间，推进一网通办。",
    )
    _publish(
        people,
        government,
        dt.date(PAST_YEAR, 3, 14),
        title="《柯桥区关于进一步优化营商环境的若干措施》政策解读",
        body="<p>一、出台背景：落实国务院关于优化营商环境的部署。</p><p>二、主要内容：企业开办、一网通办等十项措施。</p>",
        publisher="绍兴市柯桥区人民政府办公室",
        formed_on=dt.date(PAST_YEAR, 3, 13),
        statutory_category="A20_01",
        kind="interpretation",
        interprets=policy,
    )
    _publish(
        people,
        government,
        dt.date(PAST_YEAR, 6, 3),
        title="柯桥区政府信息公开工作规程（试行）",
        body="<p>第一条　为规范本区政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本规程。</p>",
        document_number="柯政办发〔2025〕21号",
        publisher="绍兴市柯桥区人民政府办公室",
        formed_on=dt.date(PAST_YEAR, 5, 28),
        statutory_category="A20_01",
        kind="normative_document",
        validity="valid",
        effective_on=dt.date(PAST_YEAR, 6, 3),
    )
    _publish(
        people,
        government,
        dt.date(PAST_YEAR, 9, 16),
        title="柯桥区2025年秋季学期义务教育阶段学校招生工作通知",
        body="<p>各镇街、各学校：现将2025年秋季学期义务教育阶段学校招生工作有关事项通知如下。</p>",
        publisher="柯桥区教育体育局",
        formed_on=dt.date(PAST_YEAR, 9, 10),
        statutory_category="A20_11",
        kind="other_document",
    )
    today = timezone.localdate()
    _publish(
        people,
        government,
        today,
        title="柯桥区2026年冬季疫情防控工作提示",
        body="<p>近期气温下降，呼吸道疾病进入高发期，请广大市民做好个人防护。</p>",
        publisher="柯桥区卫生健康局",
        formed_on=today - dt.timedelta(days=3),
        statutory_category="A20_12",
        kind="other_document",
        keywords="疫情 防控",
    )
    counts = {"LICENSE": 1812, "PENALTY": 2034, "COERCION": 71}
    for item, decisions in counts.items():
        disclosure.statistic_set(
            actor=people.admin,
            organization=government,
            year=PAST_YEAR,
            item=item,
            values={"decisions": decisions},
        )
    disclosure.statistic_set(
        actor=people.admin,
        organization=government,
        year=PAST_YEAR,
        item="FEES",
        values={"amount": "1285600.00"},
    )


def _applicant(number: int, applicant_type: str = ApplicantType.NATURAL_PERSON) -> dict[str, str]:
    person = applicant_type == ApplicantType.NATURAL_PERSON
    return {
        "name": f"演示申请人{number}" if person else f"演示企业{number}有限公司",
        "id_type": IdType.ID_CARD if person else IdType.CREDIT_CODE,
        "id_number": f"33062119800101{number:04d}" if person else f"91330621MA2D{number:05d}X",
        "contact_person": "" if person else f"联系人{number}",
        "phone": f"1390575{number:04d}",
        "email": f"applicant{number}@example.cn",
        "address": f"绍兴市柯桥区演示路{number}号",
        "postal_code": "312030",
    }


_number = iter(range(1, 10_000))


def _register(
    people: People,
    organization: Organization,
    received: dt.date,
    description: str,
    applicant_type: str = ApplicantType.NATURAL_PERSON,
) -> InfoRequest:
    number = next(_number)
    return requests.request_register(
        actor=people.handler,
        organization=organization,
        channel=Channel.IN_PERSON,
        applicant_type=applicant_type,
        applicant=_applicant(number, applicant_type),
        description=description,
        form_wanted=FormWanted.ELECTRONIC,
        delivery_wanted=DeliveryWanted.EMAIL,
        submitted_on=received,
        received_on=received,
    )


# The past year: (month, day received, applicant type, what was asked, how it ended).
PAST_APPLICATIONS = [
    (1, 8, ApplicantType.NATURAL_PERSON, "2024年柯桥街道旧城改造项目征收补偿方案", Disposition.DISCLOSED),
    (2, 17, ApplicantType.NATURAL_PERSON, "某小区加装电梯审批文件", Disposition.DISCLOSED),
    (3, 3, ApplicantType.BUSINESS, "2025年区级政府采购意向公开目录", Disposition.ALREADY_PUBLIC),
    (3, 24, ApplicantType.NATURAL_PERSON, "本人户籍所在村土地征收批复", Disposition.PARTLY_DISCLOSED),
    (4, 14, ApplicantType.NATURAL_PERSON, "区政府常务会议讨论记录", Disposition.WITHHELD_PROCESS),
    (5, 6, ApplicantType.LEGAL_SERVICES, "某企业行政处罚决定书", Disposition.WITHHELD_THIRD_PARTY),
    (5, 26, ApplicantType.NATURAL_PERSON, "2010年某道路拓宽工程立项文件", Disposition.NOT_HELD),
    (6, 16, ApplicantType.NATURAL_PERSON, "对区内违法建设的投诉", Disposition.PETITION),
    (7, 7, ApplicantType.NATURAL_PERSON, "区内各学校近五年招生人数统计分析", Disposition.NEEDS_CREATION),
    (8, 11, ApplicantType.BUSINESS, "企业不动产登记资料", Disposition.WITHHELD_INQUIRY),
    (9, 1, ApplicantType.NATURAL_PERSON, "2025年区级财政预算执行情况", Disposition.DISCLOSED),
    (10, 13, ApplicantType.NATURAL_PERSON, "某小区加装电梯审批文件（重复）", Disposition.REPEAT),
    (11, 3, ApplicantType.RESEARCH, "全区政务公开工作考核结果", Disposition.DISCLOSED),
]
# Received late in the past year and answered in the new year: carried forward.
CARRIED_FORWARD = [
    (12, 22, ApplicantType.NATURAL_PERSON, "2025年区级民生实事项目完成情况", Disposition.DISCLOSED),
    (12, 29, ApplicantType.BUSINESS, "2026年区级重点建设项目计划", Disposition.DISCLOSED),
]


def load_applications(people: People, government: Organization, calendar: WorkdayCalendar) -> None:
    for month, day, applicant_type, description, disposition in PAST_APPLICATIONS:
        received = dt.date(PAST_YEAR, month, day)
        info_request = _register(people, government, received, description, applicant_type)
        requests.reply_issue(
            actor=people.handler,
            info_request=info_request,
            disposition=disposition,
            replied_on=calendar.add_workdays(received, 12),
            grounds=["third_party"] if disposition == Disposition.PARTLY_DISCLOSED else (),
        )
    for month, day, applicant_type, description, disposition in CARRIED_FORWARD:
        received = dt.date(PAST_YEAR, month, day)
        info_request = _register(people, government, received, description, applicant_type)
        requests.reply_issue(
            actor=people.handler,
            info_request=info_request,
            disposition=disposition,
            replied_on=calendar.add_workdays(received, 15),
        )
    reviewed = InfoRequest.objects.filter(
        organization=government, description__startswith="区政府常务会议"
    ).first()
    requests.case_create(
        actor=people.admin,
        organization=government,
        values={
            "kind": CaseKind.ADMINISTRATIVE_REVIEW,
            "info_request": reviewed,
            "case_number": "绍政复〔2025〕18号",
            "deciding_body": "绍兴市人民政府",
            "filed_on": dt.date(PAST_YEAR, 6, 2),
            "result": CaseResult.UPHELD,
            "decided_on": dt.date(PAST_YEAR, 8, 1),
        },
    )
    requests.case_create(
        actor=people.admin,
        organization=government,
        values={
            "kind": CaseKind.LAWSUIT,
            "case_number": "（2025）浙0603行初45号",
            "deciding_body": "绍兴市柯桥区人民法院",
            "filed_on": dt.date(PAST_YEAR, 9, 15),
            "result": CaseResult.PENDING,
        },
    )
    load_current_work(people, government, calendar)


def _workdays_before(calendar: WorkdayCalendar, day: dt.date, count: int) -> dt.date:
    while count > 0:
        day -= dt.timedelta(days=1)
        if calendar.is_workday(day):
            count -= 1
    return day


def load_current_work(people: People, government: Organization, calendar: WorkdayCalendar) -> None:
    """Applications in progress today: new, due soon, overdue, in correction, waiting for a
    third party's opinion, extended; and one answered on the spot."""
    today = timezone.localdate()

    def received(workdays_ago: int) -> dt.date:
        return _workdays_before(calendar, today, workdays_ago)

    _register(people, government, received(2), "柯桥区2026年老旧小区改造计划")
    _register(people, government, received(18), "区内农贸市场食品安全抽检结果", ApplicantType.NONPROFIT)
    overdue = _register(people, government, received(23), "2026年区级部门预算调整情况")
    requests.request_assign(actor=people.admin, info_request=overdue, assignee=people.handler)
    unclear = _register(people, government, received(4), "关于那个项目的所有文件")
    requests.correction_request(
        actor=people.handler,
        info_request=unclear,
        on=received(3),
        due_on=today + dt.timedelta(days=10),
        items="请写明所申请信息的名称、文号或者便于查询的其他特征性描述。",
    )
    consulted = _register(people, government, received(9), "某企业环境影响评价报告", ApplicantType.BUSINESS)
    requests.consultation_start(
        actor=people.handler,
        info_request=consulted,
        kind=ConsultationKind.THIRD_PARTY,
        party="演示化工有限公司",
        on=received(6),
        counterpart_received_on=received(5),
    )
    extended = _register(people, government, received(16), "全区历年行政许可办理数据汇总")
    requests.extension_approve(
        actor=people.admin, info_request=extended, days=10, reason="申请内容涉及多个部门，需汇总核实"
    )
    spot = _register(people, government, today, "政府信息公开指南")
    requests.reply_issue(
        actor=people.handler,
        info_request=spot,
        disposition=Disposition.ALREADY_PUBLIC,
        replied_on=today,
        on_the_spot=True,
    )


NARRATIVE = {
    "overview": "2025年，柯桥区政府认真贯彻落实《中华人民共和国政府信息公开条例》，依托政府信息公开平台，"
    "做好主动公开、依申请公开和政府信息管理工作。本报告的表格数据由平台根据全年业务记录自动生成。",
    "problems": "政策解读形式仍较单一，部分单位主动公开信息更新不够及时。下一步，将加强解读回应，"
    "落实主动公开20个工作日时限，并做好依申请公开答复规范化工作。",
    "other_matters": "本年度未收取信息处理费。",
}


def load_past_report(people: People, government: Organization) -> AnnualReportRecord:
    """The past year's report, computed from the records above, then published."""
    record = report_compute(actor=people.admin, organization=government, year=PAST_YEAR)
    report = report_of(record)
    # Section 一 keeps the sentences computed from the participation records after the text.
    report.sections = {**NARRATIVE, "overview": NARRATIVE["overview"] + report.sections.get("overview", "")}
    record = report_update(actor=people.admin, record=record, report=report)
    record = report_submit(actor=people.admin, record=record)
    return report_publish(actor=people.admin, record=record)


def load_records(people: People, government: Organization) -> None:
    if AnnualReportRecord.objects.filter(organization=government, year=PAST_YEAR).exists():
        return
    calendar = WorkdayCalendar.load()
    load_publications(people, government)
    load_applications(people, government, calendar)
    participation.load_participation(
        editor=people.editor, admin=people.admin, handler=people.handler, government=government
    )
    load_past_report(people, government)
