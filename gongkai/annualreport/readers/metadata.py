"""Metadata: the body's name and the report year (from the title above the first section, the
body, or the signature), and a crawler's header block (标题, 发布时间, 发布机构, 原文链接, 栏目),
which is never taken for the title itself."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.annualreport import labels
from gongkai.annualreport.readers.document import Line

# --- title, year, narrative ---------------------------------------------------------------

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
_BODY_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|管理委员会|管委会|局|厅|部|署|委|办|院|中心|街道办事处|街道|镇|乡|所|站|队|会)$"
)


_LEAD_INS = ("本报告", "本年度报告", "根据", "按照")


def _title_lines(lines: Sequence[Line], end: int) -> list[str]:
    """The title above the first section: the first short line that names the document
    and its year (…2024年政府信息公开工作年度报告), with the line above it when that line names the body alone
    (a title printed on two lines). Site furniture above it on a web page (the site's
    name, a toolbar) is not part of it."""
    texts = [line.compact for line in lines[:end] if line.compact]
    for index, text in enumerate(texts):
        if len(text) > 40 or text.startswith(_LEAD_INS) or not _REPORT_NAME.search(text):
            continue
        if not _TITLE_YEAR.search(text) and not _TITLE_YEAR.search(texts[index - 1] if index else ""):
            continue  # a column's name ("政府信息公开年报"), not this report's title
        above = texts[index - 1] if index else ""
        if _organization_in_title(text) is None and above and len(above) <= 30 and _BODY_SUFFIX.search(above):
            return [above, text]
        return [text]
    title: list[str] = []
    for text in texts:
        if len(text) > 40 or text.startswith(_LEAD_INS):
            break
        title.append(text)
        if "报告" in text or "年报" in text:
            break
    return title


# The name of the document, which follows the body's name in a title:
# "政府信息公开工作年度报告", "政务公开年度报告", "信息公开年报" …
_REPORT_NAME = re.compile(r"(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)")
_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?度?")


def _organization_in_title(title: str) -> str | None:
    """The body's name in a title: what precedes the year, or else what precedes the
    document's name ("2020柯桥区政府信息公开年度报告" -> "柯桥区")."""
    title = re.sub(r"^关于", "", title)
    year = _TITLE_YEAR.search(title)
    parts = [title[: year.start()], title[year.end() :]] if year else [title]
    for part in parts:
        name = _REPORT_NAME.split(part)[0]
        name = re.sub(r"(?:关于|的)$", "", name).strip(" ：:，,、（）()")
        if name:
            return name
    return None


def read_title(
    lines: Sequence[Line], first_heading: int, title: str | None = None
) -> tuple[str | None, int | None]:
    """The body's name and the report year, from the title above the first section (or the
    title a crawler's header gives)."""
    title = labels.compact(title) if title is not None else "".join(_title_lines(lines, first_heading))
    year: int | None = None
    match = _YEAR.search(title)
    if match:
        year = int(match.group(1))
    intro = "".join(line.compact for line in lines[:first_heading])
    if year is None:
        period = re.search(r"统计期限.{0,6}?((?:19|20)\d{2})年", intro) or re.search(
            r"((?:19|20)\d{2})年度?政府信息公开", intro
        )
        if period:
            year = int(period.group(1))
    organization = _organization_in_title(title)
    if organization and not _BODY_SUFFIX.search(organization):
        # "2020柯桥区政府信息公开年度报告": the title names a place; the body's full name
        # (绍兴市柯桥区人民政府) is in the introduction.
        fuller = re.search(
            r"([\u4e00-\u9fff]{0,12}" + re.escape(organization) + r"[\u4e00-\u9fff]{0,12}?人民政府)",
            intro,
        )
        if fuller:
            organization = fuller.group(1)
            # The match may start inside the sentence before the name ("…办公室本年度
            # 报告结合某某市某某区人民政府…"): keep what follows the last lead-in word.
            for lead_in in ("结合", "根据", "报告由"):
                if lead_in in organization:
                    organization = organization[organization.rindex(lead_in) + len(lead_in) :]
            for prefix in ("结合", "根据", "由", "是"):
                if organization.startswith(prefix):
                    organization = organization[len(prefix) :]
    return organization, year


# --- a crawler's header block -------------------------------------------------------------

# The fields crawlers and archiving tools write above a page's text ("标题: …", "发布时间: …"),
# by what they mean.
_HEADER_FIELDS = {
    "标题": "title",
    "题目": "title",
    "文章标题": "title",
    "发布时间": "published",
    "发布日期": "published",
    "成文日期": "written",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "信息来源": "publisher",
    "来源": "publisher",
    "原文链接": "url",
    "原文地址": "url",
    "链接": "url",
    "网址": "url",
    "url": "url",
    "栏目": "column",
    "文号": "number",
    "发文字号": "number",
    "索引号": "index",
    "本地目录": "local",
    "主题分类": "topic",
}
_HEADER_LINE = re.compile(r"^\s*(?P<key>[\u4e00-\u9fffA-Za-z]{2,6})\s*[:：]\s*(?P<value>.*?)\s*$")
_SEPARATOR = re.compile(r"^\s*[=＝\-—_*#~]{3,}")
_HEADER_WINDOW = 25
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass
class CrawlerHeader:
    """A crawler's metadata lines above the text: what they say, and where the text begins."""

    fields: dict[str, str] = field(default_factory=dict)  # meaning ("title", "url", …) -> value
    end: int = 0  # index of the first line of the text itself

    @property
    def published_on(self) -> str | None:
        match = _DATE.search(self.fields.get("published", ""))
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"


def read_crawler_header(lines: Sequence[Line]) -> CrawlerHeader:
    """The header block at the top of a crawled page: at least two known fields among its
    first lines, up to the last field or the separator line that ends the block."""
    header = CrawlerHeader()
    last = -1
    for index, line in enumerate(lines[:_HEADER_WINDOW]):
        text = line.text
        match = _HEADER_LINE.match(text)
        meaning = _HEADER_FIELDS.get(match.group("key").lower()) if match else None
        if match and meaning:
            if match.group("value"):
                header.fields.setdefault(meaning, match.group("value"))
            last = index
        elif _SEPARATOR.match(text) and last >= 0:
            last = index
        elif last >= 0 and index - last > 2:
            break
    if len(header.fields) < 2 or last < 0:
        return CrawlerHeader()
    header.end = last + 1
    return header


_INFO_DATE = re.compile(
    r"(?:发布|发文|公开|成文)(?:时间|日期)[:：]\s*(?P<date>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
)


def read_info_date(lines: Sequence[Line], end: int) -> str | None:
    """The publication date a web page prints above the report ("发布时间：2024-01-20
    来源：… 浏览次数：…"), as YYYY-MM-DD."""
    for line in lines[:end]:
        match = _INFO_DATE.search(line.text)
        if match:
            return CrawlerHeader(fields={"published": match.group("date")}).published_on
    return None


_SIGNATURE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|管理委员会|管委会|委员会|局|厅))"
    r"\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$"
)


def read_signature(lines: Sequence[Line]) -> str | None:
    """The body that signs the report: the name above (or run into) the date at its end."""
    tail = [line.compact for line in lines[-4:] if not line.is_blank]
    text = "".join(tail)[-60:]
    match = _SIGNATURE.search(text)
    if not match:
        return None
    name = match.group("name")
    # Text run into the signature ("…情况。某某局"): keep what follows the last stop.
    return re.split(r"[。；！？]", name)[-1] or None
