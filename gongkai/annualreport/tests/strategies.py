"""Hypothesis strategies for random annual reports, valid and invalid, for round trips of
writers and readers and for fuzzing the checks.

A printed report carries less than the model can hold, so the reports drawn here are
those a printed page can express exactly:

* ``format`` is what a reader infers from the printed tables: the tables' layout when 表二
  and 表三 agree, else the format of the year, else 表二's layout; 表四 is the same in
  both formats, so its recorded layout is that format;
* a narrative section is its paragraphs joined by newlines, each paragraph without
  surrounding spaces and not itself a section heading, table label or page number;
* the body's name is a Chinese name ending as bodies' names do (人民政府, 局, 办公室…),
  without digits or brackets, which a title line would not keep apart from the year.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from gongkai.annualreport import labels
from gongkai.annualreport.formats import (
    FORMAT_CODES,
    NARRATIVE_SECTIONS,
    T3_PART_COLUMNS,
    T4_PART_COLUMNS,
    FormatCode,
    format_for_year,
    get_format,
)
from gongkai.annualreport.model import AnnualReport, Cell, empty_t2, empty_t3, empty_t4
from gongkai.annualreport.readers.document import Cell as TextCell
from gongkai.annualreport.readers.document import Line
from gongkai.annualreport.readers.sections import find_sections

# Characters of real report prose, without those that would start a section heading.
PROSE = (
    "我市区县局坚持以人民为中心深化政务公开推进法治政府建设认真贯彻落实条例规定"
    "全面加强主动公开依申请办理平台监督保障培训考核评议责任追究网站新媒体发布解读回应"
    "关切疫情防控营商环境优化服务群众企业规范标准目录审查保密答复期限办理结果统计数据"
    "年月日件条次个万元季度工作要点改革创新持续不断提升质量效率水平能力意识"
)
PUNCTUATION = "，。、；：“”《》！？"
OTHER = "0123456789ABC%/.&<>'\""
PLACES = "东西南北中安平和宁兴华新江河山湖海城阳春泉清林松桂明德"
BODY_SUFFIXES = (
    "人民政府",
    "人民政府办公室",
    "人民政府办公厅",
    "生态环境局",
    "财政局",
    "交通运输局",
    "街道办事处",
    "发展和改革委员会",
)
NAMED_BODIES = ("某某市某某区人民政府", "某某省人民政府办公厅", "某某县某某镇人民政府", "国家某某局")


def _place(suffix: str) -> st.SearchStrategy[str]:
    return st.text(PLACES, min_size=2, max_size=4).map(lambda name: name + suffix)


@st.composite
def organizations(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(NAMED_BODIES))
    parts = draw(st.lists(st.sampled_from(("省", "市", "区", "县")), min_size=1, max_size=2, unique=True))
    prefix = "".join(draw(_place(part)) for part in parts)
    return prefix + draw(st.sampled_from(BODY_SUFFIXES))


def is_plain_paragraph(text: str) -> bool:
    """Text that a reader can only take for a paragraph: not blank, not a page number,
    not a heading, not a table's first label."""
    if not text.strip() or text != text.strip() or labels.is_page_footer(text):
        return False
    return not find_sections([Line(cells=(TextCell(text),))]).starts


paragraph_texts = st.text(
    st.sampled_from(PROSE + PROSE + PUNCTUATION + OTHER), min_size=1, max_size=160
).filter(is_plain_paragraph)

section_texts = st.lists(paragraph_texts, max_size=4).map("\n".join)


def counts(magnitude: int) -> st.SearchStrategy[Cell]:
    return st.one_of(
        st.none(),
        st.just(0),
        st.integers(1, 999),
        st.integers(1000, max(1000, magnitude)),
    )


def invalid_numbers(magnitude: int) -> st.SearchStrategy[Cell]:
    """What a wrong report prints: negative counts, fractions where counts belong."""
    return st.one_of(
        st.integers(-magnitude, -1),
        st.decimals(min_value=0, max_value=999, places=1, allow_nan=False, allow_infinity=False),
    )


def amounts(magnitude: int) -> st.SearchStrategy[Cell]:
    return st.one_of(
        st.none(),
        st.just(0),
        st.integers(0, magnitude),
        st.decimals(min_value=0, max_value=magnitude, places=2, allow_nan=False, allow_infinity=False),
        st.decimals(min_value=0, max_value=999, places=4, allow_nan=False, allow_infinity=False),
        st.just(Decimal("132767.89")),
    )


def signed(magnitude: int) -> st.SearchStrategy[Cell]:
    return st.one_of(counts(magnitude), st.integers(-magnitude, -1))


def any_value(kind: str, magnitude: int) -> st.SearchStrategy[Cell]:
    if kind == "amount":
        return st.one_of(amounts(magnitude), invalid_numbers(magnitude))
    if kind == "signed":
        return st.one_of(signed(magnitude), invalid_numbers(magnitude))
    return st.one_of(counts(magnitude), counts(magnitude), invalid_numbers(magnitude))


def printed_format(t2: FormatCode, t3: FormatCode, year: int | None) -> FormatCode:
    """The format a reader infers from the printed tables (see the module docstring)."""
    if t2 == t3:
        return t2
    if year is not None:
        return format_for_year(year)
    return t2


@st.composite
def _frame(draw: st.DrawFn, mixed: bool | None) -> AnnualReport:
    year = draw(st.one_of(st.none(), st.integers(2019, 2035)))
    if mixed is None:
        t2 = draw(st.sampled_from(FORMAT_CODES))
        t3 = draw(st.sampled_from(FORMAT_CODES))
    else:
        t2 = draw(st.sampled_from(FORMAT_CODES))
        t3 = t2 if not mixed else next(code for code in FORMAT_CODES if code != t2)
    report_format = printed_format(t2, t3, year)
    report = AnnualReport.empty(
        report_format,
        layouts={"T2": t2, "T3": t3, "T4": report_format},
        organization=draw(st.one_of(st.none(), organizations())),
        year=year,
    )
    report.sections = {name: draw(section_texts) for name in NARRATIVE_SECTIONS}
    return report


@st.composite
def random_reports(
    draw: st.DrawFn, *, magnitude: int = 10**12, t4_magnitude: int | None = None, mixed: bool | None = None
) -> AnnualReport:
    """Any figures in any cell: mostly reports whose identities do not hold."""
    report = draw(_frame(mixed))
    layouts = report.layouts
    t2 = empty_t2(layouts["T2"])
    for block in get_format(layouts["T2"]).t2_blocks:
        for row in block.rows:
            for column in block.columns:
                t2[row.code][column.code] = draw(any_value(column.kind, magnitude))
    t3 = empty_t3(layouts["T3"])
    for cells in t3.values():
        for column in cells:
            cells[column] = draw(any_value("count", magnitude))
    t4 = empty_t4()
    for cells in t4.values():
        for column in cells:
            cells[column] = draw(any_value("count", t4_magnitude or magnitude))
    report.tables = {"T2": t2, "T3": t3, "T4": t4}
    return report


def _blank_or(value: int, draw: st.DrawFn) -> Cell:
    # A zero may be printed as 0 or left blank; both read as nothing to count.
    return None if value == 0 and draw(st.booleans()) else value


@st.composite
def valid_reports(
    draw: st.DrawFn, *, magnitude: int = 10**6, t4_magnitude: int | None = None, mixed: bool | None = None
) -> AnnualReport:
    """Reports whose identities (I1–I5) hold: totals are the sums of their parts."""
    report = draw(_frame(mixed))
    layouts = report.layouts
    fmt3 = get_format(layouts["T3"])
    t2 = empty_t2(layouts["T2"])
    for block in get_format(layouts["T2"]).t2_blocks:
        for row in block.rows:
            for column in block.columns:
                strategy = {"amount": amounts, "signed": signed}.get(column.kind, counts)
                t2[row.code][column.code] = draw(strategy(magnitude))
    t3 = empty_t3(layouts["T3"])
    small = st.integers(0, max(1, magnitude // 1000))
    for column in T3_PART_COLUMNS:
        outcomes = {code: draw(small) for code in fmt3.t3_outcome_row_codes}
        processed = sum(outcomes.values())
        carried_forward = draw(small)
        carried_over = draw(st.integers(0, processed + carried_forward))
        figures = {
            **outcomes,
            "R3_7": processed,
            "R4": carried_forward,
            "R2": carried_over,
            "R1": processed + carried_forward - carried_over,
        }
        for code, value in figures.items():
            t3[code][column] = value
    for cells in t3.values():
        total = sum(cells[column] or 0 for column in T3_PART_COLUMNS)
        for column in T3_PART_COLUMNS:
            cells[column] = _blank_or(cells[column] or 0, draw)
        cells["TOTAL"] = _blank_or(total, draw)
    t4 = empty_t4()
    for cells in t4.values():
        parts = {
            column: draw(st.integers(0, t4_magnitude or magnitude // 1000 or 1)) for column in T4_PART_COLUMNS
        }
        for column, value in parts.items():
            cells[column] = _blank_or(value, draw)
        cells["TOTAL"] = sum(parts.values())
    report.tables = {"T2": t2, "T3": t3, "T4": t4}
    return report


def annual_reports(
    *, magnitude: int = 10**12, t4_magnitude: int | None = None, mixed: bool | None = None
) -> st.SearchStrategy[AnnualReport]:
    """Valid and invalid reports, both formats and mixed layouts."""
    return st.one_of(
        valid_reports(magnitude=min(magnitude, 10**6), t4_magnitude=t4_magnitude, mixed=mixed),
        random_reports(magnitude=magnitude, t4_magnitude=t4_magnitude, mixed=mixed),
    )
