"""The demo government: 绍兴市柯桥区人民政府 (the founding report's district), its
departments, townships and development zone, staff accounts with one role each, and the
founding report as its published 2020 annual report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from gongkai.accounts.credit_code import make_credit_code
from gongkai.accounts.models import Organization, OrganizationKind, User
from gongkai.accounts.roles import Role
from gongkai.accounts.services import membership_grant, organization_create
from gongkai.column.selectors import guide_for
from gongkai.column.services import guide_update, rules_document_create
from gongkai.demo import records
from gongkai.reports.models import AnnualReportRecord
from gongkai.reports.services import report_import, report_publish, report_submit

FOUNDING_REPORT = Path(__file__).with_name("founding-report-2020.txt")
ACTOR = "demo"

GOVERNMENT = ("绍兴市柯桥区人民政府", "keqiao", "11330621002590001")
UNITS = [
    ("柯桥区发展和改革局", "keqiao-fgj", OrganizationKind.DEPARTMENT),
    ("柯桥区教育体育局", "keqiao-jyj", OrganizationKind.DEPARTMENT),
    ("绍兴市公安局柯桥区分局", "keqiao-gaj", OrganizationKind.DEPARTMENT),
    ("柯桥区民政局", "keqiao-mzj", OrganizationKind.DEPARTMENT),
    ("柯桥区财政局", "keqiao-czj", OrganizationKind.DEPARTMENT),
    ("柯桥区卫生健康局", "keqiao-wjj", OrganizationKind.DEPARTMENT),
    ("柯桥区市场监督管理局", "keqiao-scjgj", OrganizationKind.DEPARTMENT),
    ("柯桥街道办事处", "keqiao-kqjd", OrganizationKind.TOWNSHIP),
    ("华舍街道办事处", "keqiao-hsjd", OrganizationKind.TOWNSHIP),
    ("齐贤街道办事处", "keqiao-qxjd", OrganizationKind.TOWNSHIP),
    ("平水镇人民政府", "keqiao-psz", OrganizationKind.TOWNSHIP),
    ("稽东镇人民政府", "keqiao-jdz", OrganizationKind.TOWNSHIP),
    ("柯桥经济技术开发区管理委员会", "keqiao-kfq", OrganizationKind.ZONE),
]
# (username, role, organization slug, display name). Passwords are printed by the command.
STAFF = [
    ("admin", Role.OFFICE_ADMIN, "keqiao", "区府办 政务公开科"),
    ("editor", Role.EDITOR, "keqiao", "区府办 编辑"),
    ("reviewer", Role.REVIEWER, "keqiao", "区府办 保密审查员"),
    ("handler", Role.HANDLER, "keqiao", "区府办 依申请公开经办人"),
    ("supervisor", Role.SUPERVISOR, "keqiao", "区政务公开办 督查"),
    ("operator", Role.OPERATOR, "keqiao", "平台运维"),
    ("edu-admin", Role.OFFICE_ADMIN, "keqiao-jyj", "区教育体育局 办公室"),
    ("edu-handler", Role.HANDLER, "keqiao-jyj", "区教育体育局 经办人"),
]
DEMO_PASSWORD_SUFFIX = "-gongkai-demo"


@dataclass
class DemoResult:
    government: Organization
    accounts: list[tuple[str, str, str, str]] = field(default_factory=list)  # username, password, role, org


def _unit_code(index: int) -> str:
    return make_credit_code(f"1133062100259{index + 2:04d}")


@transaction.atomic
def load_demo() -> DemoResult:
    """Create the demo data once; running it again changes nothing."""
    government = Organization.objects.filter(slug=GOVERNMENT[1]).first()
    if government is None:
        government = organization_create(
            actor=ACTOR,
            name=GOVERNMENT[0],
            kind=OrganizationKind.GOVERNMENT,
            slug=GOVERNMENT[1],
            credit_code=make_credit_code(GOVERNMENT[2]),
            short_name="柯桥区政府",
        )
        for index, (name, slug, kind) in enumerate(UNITS):
            organization_create(
                actor=ACTOR,
                name=name,
                kind=kind,
                slug=slug,
                credit_code=_unit_code(index),
                parent=government,
                position=index,
            )
    if guide_for(government) is None:
        guide_update(
            actor=ACTOR,
            organization=government,
            values={
                "office_name": "绍兴市柯桥区人民政府办公室（政务公开科）",
                "office_address": "绍兴市柯桥区群贤路1661号",
                "postal_code": "312030",
                "office_hours": "工作日 上午8:30—12:00，下午14:00—17:30",
                "phone": "0575-81162662",
                "classification": "本机关主动公开的政府信息按《中华人民共和国政府信息公开条例》第二十条分为十五类，并按主题分类。",
                "arrangement": "政府信息按类别和发布日期编排，每条信息配有索引号、文号、发布机构、成文日期、发布日期等要素。",
                "access_methods": "主动公开的政府信息可通过本平台检索、查阅、下载；也可到区档案馆、区图书馆、区行政服务中心查阅。"
                "依申请公开的政府信息，可通过本平台在线申请，或以信函、传真、当面提交等书面形式提出。",
                "website": "http://www.kq.gov.cn/",
            },
        )
        rules_document_create(
            actor=ACTOR,
            organization=government,
            title="柯桥区政府信息公开保密审查制度",
            body="一、拟公开的政府信息，应当依照《中华人民共和国保守国家秘密法》及其他法律、法规和国家有关规定进行审查。\n"
            "二、未经保密审查的政府信息不得公开。",
        )
        rules_document_create(
            actor=ACTOR,
            organization=government,
            title="柯桥区依申请公开政府信息工作规程",
            body="一、申请登记：收到申请之日按《条例》第三十一条确定。\n二、审核办理：在法定期限内答复。\n三、答复归档。",
        )
    result = DemoResult(government=government)
    for username, role, slug, display in STAFF:
        password = f"{username}{DEMO_PASSWORD_SUFFIX}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=password, display_name=display)
            if role == Role.OPERATOR:
                user.is_staff = user.is_superuser = True  # operators also use the Django admin
                user.save(update_fields=["is_staff", "is_superuser"])
        membership_grant(actor=ACTOR, user=user, organization=Organization.objects.get(slug=slug), role=role)
        result.accounts.append((username, password, str(Role(role).label), slug))
    if not AnnualReportRecord.objects.filter(organization=government, year=2020).exists():
        record = report_import(
            actor=ACTOR,
            organization=government,
            data=FOUNDING_REPORT.read_bytes(),
            filename=FOUNDING_REPORT.name,
        )
        record = report_submit(actor=ACTOR, record=record)
        report_publish(actor=ACTOR, record=record)
    records.load_records(
        records.People(
            editor=User.objects.get(username="editor"),
            reviewer=User.objects.get(username="reviewer"),
            admin=User.objects.get(username="admin"),
            handler=User.objects.get(username="handler"),
        ),
        government,
    )
    return result
