"""The accuracy harness: every real report in ``../shared/data/reports`` read and compared,
figure by figure, with the figures read by hand (``EXPECTED.json``), beside the peer
parser ``govnianbao`` where it is installed and can read the file.

Run from the repository root::

    .venv/bin/python bench/accuracy.py [--data ../shared/data/reports]

Per file it prints the figures read right out of the figures expected (the 总计 column of
table 三, the 总计 cells of table 四, and table 四's printed parts where they were read by
hand), and the identity verdicts: whether the report's own errors (and only those) were
found. It exits 1 on any wrong figure or verdict, so that CI fails on it
(``tests/test_accuracy.py``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.model import AnnualReport
from gongkai.annualreport.readers import read_report

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "reports"
PEER = "govnianbao"

# The hand-read field names of EXPECTED.json -> row codes of table 三.
_FIELDS = {
    "new_received": "R1",
    "carried_over": "R2",
    "granted": "R3_1",
    "partial_grant": "R3_2",
    "total_processed": "R3_7",
    "carried_forward": "R4",
}
_GROUPS = {
    "denied": (
        "R3_3",
        (
            "state_secret",
            "law_forbidden",
            "three_safety_stability",
            "third_party_rights",
            "internal_affairs",
            "process_info",
            "enforcement_case",
            "admin_query",
        ),
    ),
    "unable_to_provide": ("R3_4", ("no_info", "need_creation", "unclear_after_correction")),
    "not_processed": (
        "R3_5",
        ("complaint_petition", "repeat", "publication", "massive_repeat", "confirm_or_reissue"),
    ),
}
_OTHER = {"overdue_correction": "R3_6_1", "overdue_fee": "R3_6_2", "other": "R3_6_3"}
_T4 = {"review_total": "RV", "litigation_direct_total": "LD", "litigation_after_review_total": "LR"}
_T4_PRINTED = {"review": "RV", "direct": "LD", "after_review": "LR"}
_T4_COLUMNS = ("MAINTAIN", "CORRECT", "OTHER", "PENDING", "TOTAL")
# "review: components 10+1+0+0=11 but 总计=0" names the group whose total is wrong.
_ERROR_GROUPS = (("litigation after review", "LR"), ("litigation direct", "LD"), ("review", "RV"))

Figures = dict[str, Any]  # "T3.R1.TOTAL" -> value


def expected_figures(entry: dict[str, Any]) -> Figures:
    """The figures of one EXPECTED.json entry, by cell address."""
    totals = entry["totals_column"]
    figures: Figures = {f"T3.{code}.TOTAL": totals[name] for name, code in _FIELDS.items()}
    for group, (prefix, names) in _GROUPS.items():
        for index, name in enumerate(names, 1):
            figures[f"T3.{prefix}_{index}.TOTAL"] = totals[group][name]
    other = totals["other_processing"]
    if isinstance(other, dict):
        figures.update({f"T3.{code}.TOTAL": other[name] for name, code in _OTHER.items()})
    else:
        figures["T3.R3_6.TOTAL"] = other
    figures.update({f"T4.{group}.TOTAL": entry["review_litigation"][name] for name, group in _T4.items()})
    for name, group in _T4_PRINTED.items():
        printed = entry.get("review_components_as_printed", {}).get(name)
        if printed:
            figures.update(
                {f"T4.{group}.{column}": value for column, value in zip(_T4_COLUMNS, printed, strict=True)}
            )
    return figures


def expected_errors(entry: dict[str, Any]) -> set[str]:
    """The cells the report's own arithmetic errors are about ("T4.LR.TOTAL")."""
    found = set()
    for text in entry.get("errors", []):
        for words, group in _ERROR_GROUPS:
            if text.startswith(words):
                found.add(f"T4.{group}.TOTAL")
                break
    return found


def our_figures(report: AnnualReport, wanted: Sequence[str]) -> Figures:
    figures: Figures = {}
    for address in wanted:
        table, row, column = address.split(".")
        figures[address] = report.tables.get(table, {}).get(row, {}).get(column, "—")
    return figures


@dataclass
class Result:
    file: str
    expected: Figures
    read: Figures | None = None  # None: the file could not be read
    reason: str = ""
    errors_expected: set[str] = field(default_factory=set)
    errors_found: set[str] = field(default_factory=set)
    peer_right: int | None = None  # figures the peer parser read right, when it read the file
    peer_note: str = ""  # why the peer parser has no score for this file

    @property
    def right(self) -> int:
        if self.read is None:
            return 0
        return sum(1 for key, value in self.expected.items() if self.read.get(key) == value)

    @property
    def wrong(self) -> list[str]:
        if self.read is None:
            return [self.reason]
        return [
            f"{key}: {self.read.get(key)!r} ≠ {value!r}"
            for key, value in self.expected.items()
            if self.read.get(key) != value
        ]

    @property
    def verdict_right(self) -> bool:
        return self.read is not None and self.errors_found == self.errors_expected


def cases(data: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every file of the data folder with its hand-read figures: each text file of
    EXPECTED.json, and each PDF once (the PDF beside a text file is the same report)."""
    entries = json.loads((data / "EXPECTED.json").read_text(encoding="utf-8"))["reports"]
    pdfs: set[str] = set()
    for entry in entries:
        yield entry["file"], entry
        pdf = entry["file"].split(".", 1)[0] + ".pdf"
        if pdf not in pdfs and (data / pdf).exists():
            pdfs.add(pdf)
            yield pdf, entry


# --- the peer parser ------------------------------------------------------------------------


def peer_reader() -> tuple[Callable[[Path], Figures] | None, str]:
    """The peer parser, if installed, as a function from a file to figures; else why not.

    ``govnianbao`` was looked for on PyPI (``pip download govnianbao``): no distribution of
    that name exists there, so it cannot be installed from the registries this project uses.
    """
    try:
        module = importlib.import_module(PEER)
    except ImportError:
        return None, f"{PEER} 未安装：PyPI 上没有该名称的发行包 (not installed: no distribution on PyPI)"
    parse = getattr(module, "parse_file", None) or getattr(module, "parse", None)
    if parse is None:
        return None, f"{PEER} 已安装，但没有 parse_file/parse 入口 (installed, no parse entry point)"

    def read(path: Path) -> Figures:
        result = parse(str(path))
        return dict(result) if isinstance(result, dict) else {}

    return read, ""


# --- the run ----------------------------------------------------------------------------------


def evaluate(data: Path) -> list[Result]:
    peer, peer_reason = peer_reader()
    results = []
    for name, entry in cases(data):
        expected = expected_figures(entry)
        result = Result(file=name, expected=expected, errors_expected=expected_errors(entry))
        try:
            report = read_report(data / name)
        except ReportReadError as error:
            result.reason = error.describe()
        else:
            result.read = our_figures(report, list(expected))
            result.errors_found = {f.location() for f in errors(check_report(report))}
        if peer is None:
            result.peer_note = peer_reason
        else:
            try:
                figures = peer(data / name)
            except Exception as error:  # noqa: BLE001 - a peer's failure is a row of the table
                result.peer_note = f"{PEER} 无法读取 {name} (cannot read it): {type(error).__name__}"
            else:
                result.peer_right = sum(1 for key, value in expected.items() if figures.get(key) == value)
        results.append(result)
    return results


def print_table(results: Sequence[Result], out: TextIO) -> None:
    width = max(len(result.file) for result in results)
    out.write(f"{'file':<{width}}  {'ours':>7}  {'errors expected / found':<42}  {PEER}\n")
    for result in results:
        score = f"{result.right}/{len(result.expected)}"
        verdict = (
            f"{', '.join(sorted(result.errors_expected)) or 'none'} / "
            f"{', '.join(sorted(result.errors_found)) or 'none'}"
            f"{'' if result.verdict_right else '  WRONG'}"
        )
        peer = "—" if result.peer_right is None else f"{result.peer_right}/{len(result.expected)}"
        out.write(f"{result.file:<{width}}  {score:>7}  {verdict:<42}  {peer}\n")
        for problem in result.wrong:
            out.write(f"    wrong: {problem}\n")
    total = sum(len(result.expected) for result in results)
    right = sum(result.right for result in results)
    verdicts = sum(1 for result in results if result.verdict_right)
    out.write(f"\nfigures right: {right}/{total}; error verdicts right: {verdicts}/{len(results)} files\n")
    for reason in sorted({result.peer_note for result in results if result.peer_note}):
        out.write(f"{PEER}: {reason}\n")


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with EXPECTED.json")
    args = parser.parse_args(argv)
    if not (args.data / "EXPECTED.json").exists():
        out.write(f"no EXPECTED.json in {args.data}\n")
        return 2
    results = evaluate(args.data)
    print_table(results, out)
    perfect = all(not result.wrong and result.verdict_right for result in results)
    return 0 if perfect else 1
