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


# --- forms as crawlers and converters produce them -------------------------------------------

CRAWLER_HEADER = (
    "标题: {title}\n发布时间: 2024-03-08 15:34\n文号: \n发布机构: {organization}办公室\n栏目: 政府信息公开年报\n"
    "原文链接: https://www.example.gov.cn/zfxxgk/nb/t20240308_1.htm\n本地目录: zfxxgk/nb/1\n"
    "页面链接与图片详见 links.tsv(同目录)\n==================== 正文 ====================\n"
)


def _cells_run_together(label: str, values: list[str]) -> str:
    # A crawler keeps each cell's text and nothing between cells; a blank cell prints nothing.
    return label + "".join(values)


def as_crawled_page(report: AnnualReport) -> str:
    """A crawler's page text: its header block, then the whole body on one line, headings
    run into the text before them and every table cell run into the next."""
    body = render_text(
        report,
        _cells_run_together,
        [T3_HEADER_NOTE + "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"],
        "行政复议行政诉讼"
        + "结果维持结果纠正其他结果尚未审结总计"
        + "未经复议直接起诉复议后起诉"
        + "结果维持结果纠正其他结果尚未审结总计" * 2,
    )
    title = f"{report.organization or ''}{report.year or ''}年度政府信息公开工作年度报告"
    lines = [line for line in body.split("\n") if line.strip()]
    # The title is in the header; the body starts with the text.
    one_line = "".join(lines[2:]) if lines[:1] == [report.organization or ""] else "".join(lines)
    return CRAWLER_HEADER.format(title=title, organization=report.organization or "") + one_line + "\n"


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _pipe_rule(width: int) -> str:
    return "|" + "---|" * width


def _md_table(header: list[str], rows: list[list[str]], numbered: bool = False) -> list[str]:
    numbers = [_pipe(["", *(str(i) for i in range(1, len(header)))])] if numbered else []
    return [_pipe(header), _pipe_rule(len(header)), *numbers, *(_pipe(row) for row in rows), ""]


T3_MD_HEADER = [
    "申请人情况",
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
]
T4_MD_HEADER = ["", *(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)]


def _generic(width: int) -> list[str]:
    """The header a converter writes when it cannot read the real one: 项目 | 数据1 | …"""
    return ["项目", *(f"数据{i}" for i in range(1, width))]


def as_markdown(
    report: AnnualReport,
    *,
    split: bool = False,
    generic_header: bool = False,
    labels_apart: bool = False,
    numbered_columns: bool = False,
) -> str:
    """Markdown made from a PDF: ``#`` headings, bold labels, GitHub pipe tables.

    ``split``: table 三 as one small table per row group, each repeating its header row;
    ``generic_header``: header rows of generic labels (数据1 … 数据7) instead of the real ones;
    ``labels_apart``: a group's label in a row of its own, and each row's label in one row
    with its numbers in the next;
    ``numbered_columns``: a spurious row under each header that numbers the columns 1 … n.
    """
    out = [f"# {report.organization or ''}{report.year or ''}年政府信息公开工作年度报告", ""]

    def heading(name: str) -> None:
        out.extend([f"## {SECTION_TITLES[name]}", ""])

    def narrative(name: str) -> None:
        heading(name)
        out.extend([*report.sections.get(name, "").split("\n"), ""])

    def row_lines(label: str, values: list[str]) -> list[list[str]]:
        if labels_apart:
            return [[label, *[""] * len(values)], ["", *values]]
        return [[f"**{label}**" if label.endswith("数量") else label, *values]]

    narrative("overview")
    heading("T2")
    fmt2 = get_format(report.layouts["T2"])
    for block in fmt2.t2_blocks:
        header = ["信息内容", *(c.label for c in block.columns)]
        out.extend([f"**{block.heading}**", ""])
        rows = [
            [row.label, *(format_number(report.tables["T2"][row.code][c.code]) for c in block.columns)]
            for row in block.rows
        ]
        out.extend(_md_table(_generic(len(header)) if generic_header else header, rows))
    heading("T3")
    out.extend([T3_HEADER_NOTE, ""])
    fmt3 = get_format(report.layouts["T3"])
    header = _generic(8) if generic_header else T3_MD_HEADER
    groups: list[list[list[str]]] = [[]]
    last_group = None
    for row in fmt3.t3_rows:
        values = [format_number(v) for v in report.tables["T3"][row.code].values()]
        group = row.group if row.group not in ("", "三、本年度办理结果") else row.code[:2]
        if split and group != last_group and groups[-1]:
            groups.append([])
        if labels_apart and row.group not in ("", "三、本年度办理结果") and group != last_group:
            groups[-1].append([row.group, *[""] * 7])
        last_group = group
        groups[-1].extend(row_lines(row.enumerator + row.label, values))
    for rows in groups:
        out.extend(_md_table(header, rows, numbered_columns))
    heading("T4")
    values = _t4_values(report)
    t4_rows = row_lines("", values) if not labels_apart else [["", *values]]
    out.extend(_md_table(_generic(16) if generic_header else T4_MD_HEADER, t4_rows, numbered_columns))
    narrative("problems")
    narrative("other_matters")
    return "\n".join(out) + "\n"


# Characters OCR reads for others that look alike (real confusions of Chinese OCR).
OCR_LOOKALIKES = {
    "请": "清",
    "处": "外",
    "息": "自",
    "申": "中",
    "量": "最",
    "府": "俯",
    "予": "子",
    "理": "埋",
    "总": "怠",
    "计": "汁",
    "掌": "拿",
    "握": "捏",
    "密": "蜜",
    "第": "笫",
    "制": "刺",
    "执": "热",
    "复": "夏",
    "诉": "拆",
    "讼": "松",
    "维": "准",
    "纠": "纟",
    "审": "宙",
    "结": "给",
    "转": "传",
    "查": "杳",
    "询": "洵",
    "卷": "券",
    "类": "粪",
}


def with_ocr_noise(text: str, seed: int, rate: float = 0.15) -> str:
    """Text as OCR misreads it: look-alike characters in place of some of the characters
    that have one. Digits are left alone (the figures are what is being read)."""
    rng = random.Random(seed)
    return "".join(
        OCR_LOOKALIKES[char] if char in OCR_LOOKALIKES and rng.random() < rate else char for char in text
    )


def as_web_page(report: AnnualReport, *, meta: bool = True) -> str:
    """The report as a government site publishes it: the site's header, menu, breadcrumb,
    a side bar linking other years' reports, the article's title and information line, the
    report, share and previous/next links, the footer; ``meta``: the <meta> tags such sites
    carry (ArticleTitle, PubDate, ContentSource) and a canonical link."""
    from gongkai.annualreport.writers.html import report_body_html

    name = report.organization or ""
    title = f"{name}{report.year or ''}年政府信息公开工作年度报告"
    head = (
        f'<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="2024-01-20 09:30">'
        f'<meta name="ContentSource" content="{name}办公室">'
        '<link rel="canonical" href="https://www.example.gov.cn/zfxxgk/nb/t20240120_1.html">'
        if meta
        else ""
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_政府信息公开年报</title>{head}</head>
<body><div class="header"><div class="logo">{name}门户网站</div><div class="topbar">无障碍 | 长者模式 | 登录</div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="left"><h3>政府信息公开年报</h3><ul><li><a href="/nb/2019.html">{name}2019年政府信息公开工作年度报告</a></li></ul></div>
<div class="article"><h1>{title}</h1>
<div class="info">发布时间：2024-01-20　来源：{name}办公室　浏览次数：1234　字体：[大 中 小]</div>
<div class="content">{report_body_html(report)}</div>
<div class="share">分享到：微信 微博</div>
<div class="prevnext">上一篇：<a href="/a.html">关于某某的通知</a> 下一篇：<a href="/b.html">某某公告</a></div>
<div>【打印本页】【关闭窗口】</div></div>
<div class="footer">主办：{name}办公室 地址：某某路1号 电话：0000-1234567 ICP备12345678号</div>
</body></html>"""
