"""Finding the six numbered sections of a report, and the tables printed without their heading."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.annualreport import labels
from gongkai.annualreport.formats import SECTION_TITLES
from gongkai.annualreport.readers.document import Line

# --- sections -----------------------------------------------------------------------------

# What each numbered heading says, as printed in real reports (the compact form, see
# labels.compact): the statutory title and the variants bodies use. A phrase ends where the
# heading does, so that text run into a heading can be cut from it (``reflow``).
HEADING_PHRASES: tuple[tuple[str, str], ...] = (
    ("overview", r"(?:总体情况|概述|基本情况|总体工作情况|工作概况|总体概况)"),
    ("T2", r"主动公开政府信息的?(?:情况|工作情况)"),
    ("T3", r"(?:收到和处理政府信息公开申请|依申请公开政府信息)的?情况"),
    ("T4", r"(?:因)?政府信息公开(?:申请)?(?:引起的)?行政复议[、，,和及与]?(?:提起)?行政诉讼的?情况"),
    (
        "problems",
        r"(?:政府信息公开工作)?存在的?(?:主要)?(?:问题|不足)(?:及|和|与|以及)?(?:其)?"
        r"(?:改进|整改)(?:情况|措施|方向|计划|举措)?",
    ),
    ("other_matters", r"其[他它]需要报告的事项"),
)
_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"^(?:{numeral}[、.]?)?{phrase}"))
    for numeral, (name, phrase) in zip("一二三四五六", HEADING_PHRASES, strict=True)
)
# A numbered line this close to a statutory title is that heading, printed loosely (OCR
# look-alikes, a word missing or added); the reader notes what was printed.
_LOOSE_HEADING = 0.75
SECTION_NAMES_ZH = {
    "overview": "一、总体情况",
    "T2": "二、主动公开政府信息情况（表二）",
    "T3": "三、收到和处理政府信息公开申请情况（表三）",
    "T4": "四、政府信息公开行政复议、行政诉讼情况（表四）",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}
_MAX_HEADING_LENGTH = 40
_SECTION_ORDER = tuple(name for name, _ in HEADING_PHRASES)

# Content markers, for reports that print a table without its numbered heading.
_T3_MARKERS = ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "申请人情况")
_T4_MARKERS = ("结果维持",)
_T2_MARKERS = ("第二十条第(一)项", "第二十条第(五)项")


def _heading_of(line: Line) -> tuple[str, bool] | None:
    """The section a line is the heading of, and whether it was matched loosely."""
    text = labels.compact(line.text).lstrip("#").replace("*", "")
    if not text or len(text) > _MAX_HEADING_LENGTH:
        return None
    numbered = re.match(r"^([一二三四五六])[、.]", text)
    for name, pattern in _HEADINGS:
        if pattern.match(text):
            # Without its enumerator a phrase is a heading only when it stands alone.
            if not numbered and len(text) > 20:
                continue
            return name, False
    if numbered:
        name = _SECTION_ORDER["一二三四五六".index(numbered.group(1))]
        printed = labels.normalize(text)
        official = labels.normalize(SECTION_TITLES[name])
        if len(printed) <= len(official) + 6 and labels.similarity(printed, official) >= _LOOSE_HEADING:
            return name, True
    return None


@dataclass
class Sections:
    starts: dict[str, int] = field(default_factory=dict)  # name -> index of heading line
    order: list[str] = field(default_factory=list)
    loose: dict[str, str] = field(default_factory=dict)  # name -> heading as printed, when loose

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
        heading = _heading_of(line)
        if heading is None or heading[0] in sections.starts:
            continue
        name, loose = heading
        rank = order.index(name)
        if rank < last_rank:
            continue  # a table row such as "四、结转下年度…" never matches; this guards the rest
        sections.starts[name] = index
        sections.order.append(name)
        if loose:
            sections.loose[name] = line.text.strip()
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
