from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from gongkai.disclosure.importer import ImportFailed, publications_import, read_rows, statistics_import
from gongkai.disclosure.models import Publication, PublicationStatus, YearlyStatistic
from gongkai.search.api import search

pytestmark = pytest.mark.django_db

HEADER = "标题,形成日期,法定主动公开内容,种类,文号,有效性,失效或废止日期,发布日期,索引号\n"
GOOD = (
    "关于印发某某办法的通知,2023-01-05,1,行政规范性文件,测教发〔2023〕1号,有效,,2023-01-10,\n"
    "2023年部门预算,2023/02/01,A20_07,其他文件,,,,2023-02-03,CUSTOM/2023-0001\n"
)


def test_csv_rows_are_read_by_chinese_labels():
    rows = read_rows((HEADER + GOOD).encode("utf-8-sig"), "x.csv")
    assert rows[0]["标题"] == "关于印发某某办法的通知" and rows[1]["索引号"] == "CUSTOM/2023-0001"


def test_gb18030_csv_is_read():
    rows = read_rows((HEADER + GOOD).encode("gb18030"), "x.csv")
    assert rows[1]["标题"] == "2023年部门预算"


def test_import_of_published_items_keeps_or_gives_index_numbers_and_indexes_them(world):
    rows = read_rows((HEADER + GOOD).encode(), "x.csv")
    created = publications_import(actor=None, organization=world.department, rows=rows, published=True)
    assert [p.status for p in created] == [PublicationStatus.PUBLISHED] * 2
    assert created[0].index_number == f"{world.department.credit_code}/2023-00001"
    assert created[1].index_number == "CUSTOM/2023-0001"
    assert created[0].kind == "normative_document" and created[0].statutory_category == "A20_01"
    assert search(query="预算").total == 1


def test_errors_name_row_and_field_and_nothing_is_written(world):
    bad = (
        HEADER
        + GOOD
        + ",2023-01-05,1,其他文件,,,,2023-01-10,\n"  # row 3: no title
        + "标题四,2023-13-05,99,奇怪,,有效,,2023-01-10,\n"  # row 4: date, category, kind
        + "标题五,2023-01-05,1,规章,,废止,,2023-01-10,CUSTOM/2023-0001\n"  # row 5: repealed without date, duplicate number
        + "标题六,2023-01-05,1,其他文件,,,,2023-01-10,\n"
    )
    bad = bad.replace("标题六", "名单：张某11010519491231002X")
    with pytest.raises(ImportFailed) as failure:
        publications_import(
            actor=None, organization=world.department, rows=read_rows(bad.encode(), "x.csv"), published=True
        )
    errors = {(e.row, e.field) for e in failure.value.errors}
    assert errors == {
        (3, "title"),
        (4, "formed_on"),
        (4, "statutory_category"),
        (4, "kind"),
        (5, "validity_changed_on"),
        (5, "index_number"),
        (6, "title"),
    }
    assert not Publication.objects.exists()


def test_xlsx_and_json_imports_as_drafts(world):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["title", "formed_on", "statutory_category", "body"])
    sheet.append(["表格导入", "2024-05-06", "A20_11", "<p>正文</p>"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    created = publications_import(
        actor=None, organization=world.department, rows=read_rows(buffer.getvalue(), "a.xlsx")
    )
    data = json.dumps([{"title": "JSON导入", "formed_on": "2024-05-07", "statutory_category": 3}]).encode()
    created += publications_import(actor=None, organization=world.department, rows=read_rows(data, "a.json"))
    assert [(p.title, p.status, p.index_number) for p in created] == [
        ("表格导入", "draft", ""),
        ("JSON导入", "draft", ""),
    ]


def test_the_command_reports_errors_and_imports_all_or_nothing(world, tmp_path, capsys):
    path = tmp_path / "items.csv"
    path.write_text(HEADER + GOOD + ",,,,,,,,\n标题,,1,其他文件,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_publications", world.department.slug, str(path), "--published")
    assert "row 3, formed_on" in capsys.readouterr().err
    assert not Publication.objects.exists()
    path.write_text(HEADER + GOOD, encoding="utf-8")
    call_command("import_publications", world.department.slug, str(path), "--published")
    assert Publication.objects.count() == 2


def test_statistics_import_with_history(world):
    rows = read_rows(
        '年度,事项,项目数量,处理决定数量,金额（元）\n2024,行政许可,43,1234,\n2024,FEES,,,"1,000.50"\n'.encode(),
        "s.csv",
    )
    assert statistics_import(actor=None, organization=world.department, rows=rows) == 2
    fees = YearlyStatistic.objects.get(item="FEES")
    assert str(fees.amount) == "1000.50"
    assert fees.revisions.get().source == "import"
    bad = read_rows(
        "年度,事项,处理决定数量\n1999,行政许可,1\n2024,其他,x\n2024,行政许可,-1\n".encode(), "s.csv"
    )
    with pytest.raises(ImportFailed) as failure:
        statistics_import(actor=None, organization=world.department, rows=bad)
    assert {(e.row, e.field) for e in failure.value.errors} == {
        (1, "year"),
        (2, "item"),
        (2, "decisions"),
        (3, "decisions"),
    }
    assert YearlyStatistic.objects.get(item="LICENSE").decisions == 1234
