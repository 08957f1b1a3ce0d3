"""Finding the six numbered sections of a report, and the tables printed without their heading."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.annualreport.readers.document import Line

# --- sections -----------------------------------------------------------------------------

_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("overview", re.compile(r"^(?:一[、.]?)?(?:总体情况|概述|基本情况|总体工作情况)")),
    ("T2", re.compile(r"^(?:二[、.]?)?主动公开政府信息的?情况")),
    ("T3", re.compile(r"^(?:三[、.]?)?收到和处理政府信息公开申请的?情况")),
    ("T4", re.compile(r"^(?:四[、.]?)?政府信息公开行政复议[、和及与]?行政诉讼的?情况")),
    (
        "problems",
        re.compile(r"^(?:五[、.]?)?(?:政府信息公开工作)?存在的?主要问题(?:及|和)(?:其)?改进"),
    ),
    ("other_matters", re.compile(r"^(?:六[、.]?)?其[他它]需要报告的事项")),
)
SECTION_NAMES_ZH = {
    "overview": "一、总体情况",
    "T2": "二、主动公开政府信息情况（表二）",
    "T3": "三、收到和处理政府信息公开申请情况（表三）",
    "T4": "四、政府信息公开行政复议、行政诉讼情况（表四）",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}
_MAX_HEADING_LENGTH = 40

# Content markers, for reports that print a table without its numbered heading.
_T3_MARKERS = ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "申请人情况")
_T4_MARKERS = ("结果维持",)
_T2_MARKERS = ("第二十条第(一)项", "第二十条第(五)项")


def _heading_of(line: Line) -> str | None:
    text = line.compact
    if not text or len(text) > _MAX_HEADING_LENGTH:
        return None
    for name, pattern in _HEADINGS:
        if pattern.match(text):
            # Without its enumerator a phrase is a heading only when it stands alone.
            if not re.match(r"^[一二三四五六][、.]", text) and len(text) > 20:
                continue
            return name
    return None


@dataclass
class Sections:
    starts: dict[str, int] = field(default_factory=dict)  # name -> index of heading line
    order: list[str] = field(default_factory=list)

    def region(self, name: str, lines: Sequence[Line]) -> list[Line]:
        if name not in self.starts:
            return []
        start = self.starts[name]
        later = [i for i in self.starts.values() if i > start]
        end = min(later) if later else len(lines)
        return list(lines[start + 1 : end])


def find_sections(lines: Sequence[Line]) -> Sections:
    sections = Sections()
    order = [name for name, _ in _HEADINGS]
    last_rank = -1
    for index, line in enumerate(lines):
        name = _heading_of(line)
        if name is None or name in sections.starts:
            continue
        rank = order.index(name)
        if rank < last_rank:
            continue  # a table row such as "四、结转下年度…" never matches; this guards the rest
        sections.starts[name] = index
        sections.order.append(name)
        last_rank = rank
    _add_marker_starts(sections, lines)
    return sections


def _first_line_with(lines: Sequence[Line], markers: Sequence[str], start: int = 0) -> int | None:
    for index in range(start, len(lines)):
        text = lines[index].compact
        if any(marker in text for marker in markers):
            return index
    return None


def _add_marker_starts(sections: Sections, lines: Sequence[Line]) -> None:
    """Tables printed without their numbered heading still begin where their content does."""
    if "T2" not in sections.starts:
        found = _first_line_with(lines, _T2_MARKERS)
        if found is not None:
            sections.starts["T2"] = found - 1
    if "T3" not in sections.starts:
        found = _first_line_with(lines, _T3_MARKERS, sections.starts.get("T2", -1) + 1)
        if found is not None:
            sections.starts["T3"] = found - 1
    if "T4" not in sections.starts:
        found = _first_line_with(lines, _T4_MARKERS, sections.starts.get("T3", -1) + 1)
        if found is not None:
            # The heading is the line that names 行政复议 just above the first 结果维持.
            start = found - 1
            while start > sections.starts.get("T3", -1) + 1 and "行政复议" not in lines[start].compact:
                start -= 1
            sections.starts["T4"] = start - 1 if "行政复议" in lines[start].compact else found - 1
    sections.order = sorted(sections.starts, key=sections.starts.__getitem__)
