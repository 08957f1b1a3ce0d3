"""The body's name and the report year, from the title above the first section."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gongkai.annualreport.readers.document import Line

# --- title, year, narrative ---------------------------------------------------------------

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
_BODY_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|管理委员会|管委会|局|厅|部|署|委|办|院|中心|街道办事处|街道|镇|乡|所|站|队|会)$"
)


def _title_lines(lines: Sequence[Line], end: int) -> list[str]:
    title: list[str] = []
    for line in lines[:end]:
        text = line.compact
        if not text:
            continue
        if len(text) > 40 or text.startswith(("本报告", "本年度报告", "根据", "按照")):
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


def read_title(lines: Sequence[Line], first_heading: int) -> tuple[str | None, int | None]:
    """The body's name and the report year, from the title above the first section."""
    title_lines = _title_lines(lines, first_heading)
    title = "".join(title_lines)
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
