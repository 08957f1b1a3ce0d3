"""From lines of cells (any source) to the report model.

The steps: find the six numbered sections; read the title for the body and the year; read
table 二 block by block, table 三 row by row (aligning the rows found with the rows of the
format by order and label), table 四; and keep the narrative sections as text. Where the
source lost cell positions, ``recover`` rebuilds them from the identities, and says so.
"""

from __future__ import annotations

from gongkai.annualreport import labels
from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.formats import (
    FMT_2021,
    FormatCode,
    format_for_year,
)
from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.readers.document import Document
from gongkai.annualreport.readers.metadata import read_title
from gongkai.annualreport.readers.narrative import assemble_paragraphs, text_margin
from gongkai.annualreport.readers.notes import (
    note,
)
from gongkai.annualreport.readers.place import (
    TableResult,
)
from gongkai.annualreport.readers.sections import SECTION_NAMES_ZH, find_sections
from gongkai.annualreport.readers.table2 import parse_t2
from gongkai.annualreport.readers.table3 import parse_t3
from gongkai.annualreport.readers.table4 import parse_t4

# --- the whole report ---------------------------------------------------------------------


def _unplaceable(table: TableResult, *, whole_table_rows: tuple[str | None, ...] = (None,)) -> bool:
    """The table was found, but an R2 error says its numbers cannot be placed at all (a
    row-level R2 in a table with few rows is no such proof: the rest may be cut off)."""
    return any(
        note.rule == "R2" and note.severity == "error" and note.row in whole_table_rows
        for note in table.notes
    )


def interpret(document: Document) -> AnnualReport:
    lines = [
        line
        for line in document.lines
        if not (len(line.cells) == 1 and labels.is_page_footer(line.cells[0].text))
    ]
    sections = find_sections(lines)
    found_names = [SECTION_NAMES_ZH[name] for name in sections.order]
    table_names = [name for name in ("T2", "T3", "T4") if name in sections.starts]
    if not table_names:
        preview = "".join(line.compact for line in lines[:3])[:40]
        raise ReportReadError(
            "不是政府信息公开工作年度报告：未找到表二、表三、表四 (not an annual report: none of "
            "tables 2, 3 and 4 was found)",
            source=document.source,
            found=[f"开头为“{preview}”" if preview else "空文件 (empty input)"],
            missing=[SECTION_NAMES_ZH[name] for name in ("T2", "T3", "T4")],
        )
    first = min(sections.starts.values())
    organization, year = read_title(lines, max(first, 0))
    default = format_for_year(year) if year is not None else FMT_2021

    t2 = parse_t2(sections.region("T2", lines), default) if "T2" in sections.starts else None
    t3 = parse_t3(sections.region("T3", lines), default) if "T3" in sections.starts else None
    t4 = parse_t4(sections.region("T4", lines)) if "T4" in sections.starts else None
    missing = []
    if t2 is None or t2.rows_found == 0:
        missing.append(SECTION_NAMES_ZH["T2"])
    # A table that was found but whose numbers cannot be placed (R2) is not missing: the
    # report is read with that table blank and the R2 error says why.
    if t3 is None or (t3.rows_found < 10 and not _unplaceable(t3)):
        missing.append(SECTION_NAMES_ZH["T3"])
    # Table 四 is read as one row of 15 cells: an R2 on it is about the whole table.
    if t4 is None or (t4.rows_found == 0 and not _unplaceable(t4, whole_table_rows=(None, "RV/LD/LR"))):
        missing.append(SECTION_NAMES_ZH["T4"])
    if missing:
        raise ReportReadError(
            "年度报告不完整或被截断 (the report is incomplete or cut short)",
            source=document.source,
            found=found_names or ["无章节标题 (no section headings)"],
            missing=missing,
        )
    assert t2 is not None and t3 is not None and t4 is not None

    layouts: dict[str, FormatCode] = {"T2": t2.layout, "T3": t3.layout}
    if t2.layout == t3.layout:
        report_format = t2.layout
    elif year is not None:
        report_format = format_for_year(year)
    else:
        report_format = t2.layout
    layouts["T4"] = report_format
    report = AnnualReport(
        format=report_format,
        layouts=layouts,
        organization=organization,
        year=year,
        tables={"T2": t2.values, "T3": t3.values, "T4": t4.values},
        sections={
            name: assemble_paragraphs(
                sections.region(name, lines),
                document.kind,
                text_margin(lines) if document.kind == "pdf" else None,
            )
            for name in ("overview", "problems", "other_matters")
        },
        notes=[*t2.notes, *t3.notes, *t4.notes],
    )
    for name in ("overview", "problems", "other_matters"):
        if name not in sections.starts:
            report.notes.append(
                note(
                    "N1",
                    "warning",
                    f"未找到“{SECTION_NAMES_ZH[name]}”部分",
                    f"Section '{SECTION_NAMES_ZH[name]}' was not found",
                )
            )
    return report
