"""Plain-text forms of a report, as published reports reach evaluators, for reader tests.

Each function prints the same report the way one kind of copy or extraction does: cell per
line (web copy), tab-separated rows, space-aligned columns (``pdftotext -layout``), and
rows whose cell boundaries were lost (numbers run together).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from gongkai.annualreport.formats import SECTION_TITLES, T3_HEADER_NOTE, get_format
from gongkai.annualreport.model import AnnualReport, format_number

RowPrinter = Callable[[str, list[str]], str]


def _title(report: AnnualReport) -> list[str]:
    return [report.organization or "", f"{report.year or ''}年政府信息公开工作年度报告", ""]


def _narrative(report: AnnualReport, name: str) -> list[str]:
    return [*report.sections.get(name, "").split("\n"), ""]


def _t2_rows(report: AnnualReport) -> list[tuple[str, list[str]] | str]:
    lines: list[tuple[str, list[str]] | str] = []
    fmt = get_format(report.layouts["T2"])
    for block in fmt.t2_blocks:
        lines.append(block.heading)
        lines.append(("信息内容", [c.label for c in block.columns]))
        for row in block.rows:
            cells = report.tables["T2"][row.code]
            lines.append((row.label, [format_number(cells[c.code]) for c in block.columns]))
    return lines


def _t3_rows(report: AnnualReport) -> list[tuple[str, list[str]]]:
    fmt = get_format(report.layouts["T3"])
    return [
        (row.enumerator + row.label, [format_number(v) for v in report.tables["T3"][row.code].values()])
        for row in fmt.t3_rows
    ]


def _t4_values(report: AnnualReport) -> list[str]:
    return [format_number(v) for group in report.tables["T4"].values() for v in group.values()]


def render_text(
    report: AnnualReport, print_row: RowPrinter, t3_header: list[str], t4_header: str = "行政复议 行政诉讼"
) -> str:
    out = _title(report)
    out += [SECTION_TITLES["overview"], *_narrative(report, "overview")]
    out.append(SECTION_TITLES["T2"])
    for item in _t2_rows(report):
        out.append(item if isinstance(item, str) else print_row(item[0], item[1]))
    out.append(SECTION_TITLES["T3"])
    out += t3_header
    out += [print_row(label, values) for label, values in _t3_rows(report)]
    out.append(SECTION_TITLES["T4"])
    out.append(t4_header)
    out.append(print_row("", _t4_values(report)))
    out += [SECTION_TITLES["problems"], *_narrative(report, "problems")]
    out += [SECTION_TITLES["other_matters"], *_narrative(report, "other_matters")]
    return "\n".join(out) + "\n"


def as_tab_separated(report: AnnualReport) -> str:
    return render_text(
        report,
        lambda label, values: "\t".join([label, *values]),
        [T3_HEADER_NOTE + "\t申请人情况", "\t自然人\t法人或其他组织\t\t\t\t\t总计"],
    )


def as_cell_per_line(report: AnnualReport) -> str:
    def row(label: str, values: list[str]) -> str:
        return "\n".join(f"\t{cell}" for cell in [label, *values]) + "\n"

    return render_text(report, row, [f"\t{T3_HEADER_NOTE}\n\t申请人情况\n"])


COLUMN_WIDTH = 10
LABEL_WIDTH = 40


def as_layout(report: AnnualReport) -> str:
    """Space-aligned columns; a blank cell prints nothing (as pdftotext -layout does)."""

    def row(label: str, values: list[str]) -> str:
        text = label.ljust(LABEL_WIDTH) if label else ""
        for value in values:
            text += value.rjust(COLUMN_WIDTH // 2 + len(value) // 2).ljust(COLUMN_WIDTH)
        return text.rstrip()

    header = " " * LABEL_WIDTH + "".join(
        word.rjust(COLUMN_WIDTH // 2 + len(word) // 2).ljust(COLUMN_WIDTH)
        for word in ("自然人", "商业企业", "科研机构", "社会公益", "法律服务", "其他", "总计")
    )
    t4_header = "".join(
        word.rjust(COLUMN_WIDTH // 2 + len(word) // 2).ljust(COLUMN_WIDTH)
        for word in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 3
    )
    return render_text(report, row, [T3_HEADER_NOTE, header.rstrip()], t4_header.rstrip())


def as_run_together(report: AnnualReport, seed: int) -> str:
    """Rows whose cells lost their boundaries: the label runs into the digits, and spaces
    fall at random between some of the numbers."""
    rng = random.Random(seed)

    def row(label: str, values: list[str]) -> str:
        text = label
        for value in values:
            if value and rng.random() < 0.3 and not text.endswith(" "):
                text += " "
            text += value
        return text

    return render_text(report, row, [T3_HEADER_NOTE, "申请人情况 自然人 法人或其他组织 总计"])
