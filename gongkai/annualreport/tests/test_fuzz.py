"""Fuzzing the readers: random and mutated input either reads as a report or raises the
documented ReportReadError — nothing else, ever."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annualreport.checks import check_report
from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.formats import FORMATS, SECTION_TITLES
from gongkai.annualreport.readers import read_report_bytes

from .conftest import DATA, FOUNDING

SOURCES = {
    "founding.txt": FOUNDING.read_bytes(),
    "layout.txt": (DATA / "huaian-city-2024.layout.txt").read_bytes(),
    "raw.txt": (DATA / "hongze-district-2023.raw.txt").read_bytes(),
}
NAMES = ["x.txt", "x.html", "x.json", "x.docx", "x.pdf", "x"]

VOCABULARY = sorted(
    {row.enumerator + row.label for fmt in FORMATS.values() for row in fmt.t3_rows}
    | {row.label for fmt in FORMATS.values() for row in fmt.t2_rows}
    | {block.heading for fmt in FORMATS.values() for block in fmt.t2_blocks}
    | set(SECTION_TITLES.values())
    | {"行政复议", "行政诉讼", "结果维持", "总计", "自然人", "申请人情况", "-3-", "\t", "  ", "\n", "\n\n"}
)


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        report = read_report_bytes(data, name)
    except ReportReadError as error:
        assert str(error)
        return
    check_report(report)  # a report that reads must also check without crashing


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from(NAMES))
def test_random_bytes(data, name):
    read_or_refuse(data, name)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(VOCABULARY), st.integers(-5, 10**7).map(str), st.text(max_size=8)),
        max_size=400,
    )
)
def test_random_report_vocabulary(tokens):
    read_or_refuse("\n".join(tokens).encode("utf-8"), "x.txt")


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    name = draw(st.sampled_from(sorted(SOURCES)))
    lines = SOURCES[name].decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(i, min(len(lines), i + 40)))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "digits"]))
        if action == "delete":
            del lines[i:j]
        elif action == "duplicate":
            lines[i:i] = lines[i:j]
        elif action == "swap" and j < len(lines):
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "insert":
            lines.insert(i, draw(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=30))))
        elif action == "truncate":
            lines = lines[:i]
        elif action == "digits":
            lines[i] = draw(st.from_regex(r"[0-9 ]{0,30}", fullmatch=True))
    return "\n".join(lines).encode("utf-8"), name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_reports(case):
    data, name = case
    read_or_refuse(data, name)


def test_a_report_cut_short_says_what_is_missing():
    text = FOUNDING.read_text(encoding="utf-8")
    cut = text[: text.index("四、政府信息公开行政复议")]
    try:
        read_report_bytes(cut.encode("utf-8"), "cut.txt")
    except ReportReadError as error:
        assert "四、政府信息公开行政复议、行政诉讼情况" in " ".join(error.missing)
        assert any("三、收到和处理" in part for part in error.found)
    else:
        raise AssertionError("a report without table 四 must not read")


def test_a_text_that_is_not_a_report():
    try:
        read_report_bytes("关于召开2024年春节团拜会的通知\n各单位：……".encode(), "notice.txt")
    except ReportReadError as error:
        assert "not an annual report" in str(error)
        assert "关于召开2024年春节团拜会的通知" in str(error)
    else:
        raise AssertionError("a notice is not an annual report")


def test_a_label_with_a_long_run_of_digits_that_does_not_end_the_line_reads_promptly():
    # The round-trip test once drew narrative text like this; the pattern that splits
    # "label + numbers" then backtracked exponentially (2^n in the digits) and never
    # returned. The match runs in a child process (a regular expression holds the GIL), so
    # that a regression fails instead of hanging.
    import subprocess
    import sys

    program = (
        "from gongkai.annualreport.readers.document import Cell, split_trailing_numbers\n"
        "line = '本年新收申请数量' + '1' * 60 + '件'\n"
        "assert split_trailing_numbers(Cell(line)) == [Cell(line)]\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr
