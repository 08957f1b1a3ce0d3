"""From lines of cells (any source) to the report model: one function composing the small
readers, each of which does one thing.

1. ``reflow.split_headings`` cuts headings out of text that ran into them;
2. ``metadata`` reads a crawler's header block, the title (body and year), the signature;
3. ``sections.find_sections`` finds the six numbered sections;
4. ``reflow.split_table_runs`` cuts a table flattened into one run into its rows;
5. ``table2``, ``table3``, ``table4`` find each table's rows and ``place`` puts the numbers
   in their columns (by position, or by the identities where the source lost positions);
6. ``narrative`` keeps the sections 一, 五 and 六 as paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.annualreport import labels
from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.formats import FMT_2021, NARRATIVE_SECTIONS, FormatCode, format_for_year
from gongkai.annualreport.model import AnnualReport, Finding
from gongkai.annualreport.readers.document import Document, Line
from gongkai.annualreport.readers.metadata import (
    read_crawler_header,
    read_info_date,
    read_signature,
    read_title,
)
from gongkai.annualreport.readers.narrative import assemble_paragraphs, text_margin
from gongkai.annualreport.readers.notes import note
from gongkai.annualreport.readers.place import TableResult
from gongkai.annualreport.readers.reflow import is_generic_header, split_headings, split_table_runs
from gongkai.annualreport.readers.sections import SECTION_NAMES_ZH, Sections, find_sections
from gongkai.annualreport.readers.table2 import parse_t2
from gongkai.annualreport.readers.table3 import parse_t3
from gongkai.annualreport.readers.table4 import parse_t4

_TABLES = ("T2", "T3", "T4")


def _unplaceable(table: TableResult, *, whole_table_rows: tuple[str | None, ...] = (None,)) -> bool:
    """The table was found, but an R2 error says its numbers cannot be placed at all (a
    row-level R2 in a table with few rows is no such proof: the rest may be cut off)."""
    return any(
        note.rule == "R2" and note.severity == "error" and note.row in whole_table_rows
        for note in table.notes
    )


def _content_lines(document: Document) -> list[Line]:
    lines = [
        line
        for line in document.lines
        if not (len(line.cells) == 1 and labels.is_page_footer(line.cells[0].text))
        and not is_generic_header(line)
    ]
    return split_headings(lines)


def _not_a_report(document: Document, lines: Sequence[Line]) -> ReportReadError:
    preview = "".join(line.compact for line in lines[:3])[:40]
    return ReportReadError(
        "不是政府信息公开工作年度报告：未找到表二、表三、表四 (not an annual report: none of "
        "tables 2, 3 and 4 was found)",
        source=document.source,
        found=[f"开头为“{preview}”" if preview else "空文件 (empty input)"],
        missing=[SECTION_NAMES_ZH[name] for name in _TABLES],
    )


def _read_tables(
    sections: Sections, lines: Sequence[Line], default: FormatCode
) -> dict[str, TableResult | None]:
    def region(name: str) -> list[Line]:
        return split_table_runs(sections.region(name, lines), name)

    return {
        "T2": parse_t2(region("T2"), default) if "T2" in sections.starts else None,
        "T3": parse_t3(region("T3"), default) if "T3" in sections.starts else None,
        "T4": parse_t4(region("T4")) if "T4" in sections.starts else None,
    }


def _why_missing(name: str, table: TableResult | None) -> str | None:
    """Why a table cannot be read, or None when it was read (a table found whose numbers
    cannot be placed, R2, is read blank: the R2 error says why)."""
    title = SECTION_NAMES_ZH[name]
    if table is None:
        return f"{title}：未找到 (not found)"
    if name == "T2" and table.rows_found == 0:
        return f"{title}：找到标题，但未读到任何一行 (heading found, no row read)"
    if name == "T3" and table.rows_found < 10 and not _unplaceable(table):
        return (
            f"{title}：找到标题，但只读到 {table.rows_found} 行，至少应有 10 行 "
            f"(heading found, only {table.rows_found} rows read)"
        )
    if (
        name == "T4"
        and table.rows_found == 0
        and not _unplaceable(table, whole_table_rows=(None, "RV/LD/LR"))
    ):
        return f"{title}：找到标题，但未读到数字行 (heading found, no row of figures read)"
    return None


def _report_format(t2: TableResult, t3: TableResult, year: int | None) -> FormatCode:
    if t2.layout == t3.layout:
        return t2.layout
    return format_for_year(year) if year is not None else t2.layout


def _section_notes(sections: Sections) -> list[Finding]:
    found: list[Finding] = []
    for name, printed in sections.loose.items():
        found.append(
            note(
                "N2",
                "warning",
                f"“{printed}”按内容读作“{SECTION_NAMES_ZH[name]}”部分（标题与法定标题不完全一致）",
                f"'{printed}' was read as section '{SECTION_NAMES_ZH[name]}' (the heading "
                "differs from the statutory title)",
                expected=SECTION_NAMES_ZH[name],
                found=printed,
            )
        )
    for name in NARRATIVE_SECTIONS:
        if name not in sections.starts:
            found.append(
                note(
                    "N1",
                    "warning",
                    f"未找到“{SECTION_NAMES_ZH[name]}”部分",
                    f"Section '{SECTION_NAMES_ZH[name]}' was not found",
                )
            )
    return found


def interpret(document: Document) -> AnnualReport:
    lines = _content_lines(document)
    header = read_crawler_header(lines)
    lines = lines[header.end :]
    for meaning, value in document.metadata.items():
        header.fields.setdefault(meaning, value)
    sections = find_sections(lines)
    if not any(name in sections.starts for name in _TABLES):
        raise _not_a_report(document, lines)
    first = max(min(sections.starts.values()), 0)
    organization, year = read_title(lines, first, header.fields.get("title"))
    organization = organization or read_signature(lines)
    tables = _read_tables(sections, lines, format_for_year(year) if year is not None else FMT_2021)
    missing = {name: why for name in _TABLES if (why := _why_missing(name, tables[name])) is not None}
    if missing:
        # Found and read: never a section that is also named as missing.
        read = [SECTION_NAMES_ZH[name] for name in sections.order if name not in missing]
        raise ReportReadError(
            "年度报告不完整或被截断 (the report is incomplete or cut short)",
            source=document.source,
            found=read or ["无可读章节 (no section read)"],
            missing=list(missing.values()),
        )
    t2, t3, t4 = (tables[name] for name in _TABLES)
    assert t2 is not None and t3 is not None and t4 is not None
    report_format = _report_format(t2, t3, year)
    margin = text_margin(lines) if document.kind == "pdf" else None
    report = AnnualReport(
        format=report_format,
        layouts={"T2": t2.layout, "T3": t3.layout, "T4": report_format},
        organization=organization,
        year=year,
        tables={"T2": t2.values, "T3": t3.values, "T4": t4.values},
        sections={
            name: assemble_paragraphs(sections.region(name, lines), document.kind, margin)
            for name in NARRATIVE_SECTIONS
        },
        notes=[*t2.notes, *t3.notes, *t4.notes, *_section_notes(sections)],
        published_on=header.published_on or read_info_date(lines, first),
        source_url=header.fields.get("url"),
    )
    return report
