"""How fast the annual-report readers are, and what the checks cost.

Run from the repository root::

    .venv/bin/python bench/reading.py            # prints the tables, writes docs/bench-reading.md
    .venv/bin/python bench/reading.py --repeat 3 --no-write

Absolute times on a shared machine are noise, so every time is reported as a ratio to a
baseline measured in the same run on the same files: pdfplumber's bare ``extract_text()``
of every page of the report's PDF (what any PDF tool pays before reading a single table).
Each figure is the median of ``--repeat`` runs after one warm-up run, with the garbage
collector paused while a run is timed; each read is paired with a baseline run just before
it, and its ratio is the median of the pairs' ratios.

The inputs are the published reports in ``gongkai/annualreport/tests/data``: each one as
its PDF, as ``pdftotext -layout`` text and as plain ``pdftotext`` text. HTML is the
project's own HTML writer's rendering of the same report, read back by the HTML reader,
when both exist.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project is not installed into the virtualenv; run against the working tree.
sys.path.insert(0, str(ROOT))

import pdfminer  # noqa: E402
import pdfplumber  # noqa: E402

from gongkai.annualreport import labels  # noqa: E402
from gongkai.annualreport.checks import check_report  # noqa: E402
from gongkai.annualreport.model import AnnualReport  # noqa: E402
from gongkai.annualreport.readers import read_report_bytes  # noqa: E402

DATA = ROOT / "gongkai" / "annualreport" / "tests" / "data"
REPORTS = ("hongze-district-2023", "huaian-city-2024")
TEXT_FORMS = ("layout.txt", "raw.txt")
# The checks take a fraction of a millisecond: time them in batches so that the clock's
# resolution and the loop overhead do not dominate.
CHECK_BATCH = 200


@dataclass
class Case:
    report: str
    form: str
    data: bytes
    name: str


@dataclass
class Result:
    report: str
    form: str
    median: float  # seconds
    ratio: float  # to the baseline of the same report


def timed(
    function: Callable[[], object], repeat: int, batch: int = 1, before: Callable[[], None] | None = None
) -> float:
    """Median seconds per call over ``repeat`` runs, after one warm-up run; ``before`` runs
    untimed before each run."""
    function()
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for _ in range(batch):
                function()
            samples.append((time.perf_counter() - start) / batch)
        finally:
            gc.enable()
    return statistics.median(samples)


def paired(
    function: Callable[[], object], base: Callable[[], object], repeat: int, before: Callable[[], None]
) -> tuple[float, float, list[float]]:
    """Median seconds of ``function``, the median of its ratios to ``base`` timed right
    before it in each run (so that a load that changes during the run hits both sides of
    each ratio alike), and the baseline's samples."""
    function()
    base()
    times, ratios, base_times = [], [], []
    for _ in range(repeat):
        base_seconds = timed(base, 1)
        before()
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            function()
            seconds = time.perf_counter() - start
        finally:
            gc.enable()
        times.append(seconds)
        base_times.append(base_seconds)
        ratios.append(seconds / base_seconds)
    return statistics.median(times), statistics.median(ratios), base_times


def bare_extract_text(data: bytes) -> None:
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def html_cases(reports: dict[str, AnnualReport]) -> tuple[list[Case], str]:
    """HTML renderings of the reports, or why there are none."""
    try:
        import gongkai.annualreport.readers.html  # noqa: F401
        from gongkai.annualreport.writers import render
    except ImportError as error:
        return [], f"HTML skipped: no HTML reader or writer yet ({error})."
    cases = []
    for stem, report in reports.items():
        try:
            name, _, data = render(report, "html")
        except Exception as error:  # noqa: BLE001 - a missing writer is a note, not a crash
            return [], f"HTML skipped: the HTML writer failed ({type(error).__name__}: {error})."
        cases.append(Case(stem, "html", data, name))
    return cases, "HTML is the project's HTML writer's rendering of each report, read back."


def cold_labels() -> None:
    """Empty the label caches, so that each timed read starts as the first read of a batch
    does: reading the same file again must not be timed on what the last read cached."""
    labels.normalize.cache_clear()
    labels.similarity.cache_clear()


def read_all(case: Case) -> AnnualReport:
    return read_report_bytes(case.data, case.name)


def run(repeat: int) -> tuple[list[Result], list[Result], list[Result], list[str]]:
    notes: list[str] = []
    pdfs = {stem: (DATA / f"{stem}.pdf").read_bytes() for stem in REPORTS}
    cases = [Case(stem, "pdf", pdfs[stem], f"{stem}.pdf") for stem in REPORTS]
    for stem in REPORTS:
        for form in TEXT_FORMS:
            path = DATA / f"{stem}.{form}"
            cases.append(Case(stem, form, path.read_bytes(), path.name))
    # Every form must read to the same tables, or the timings compare different work.
    reports = {stem: read_all(cases[i]) for i, stem in enumerate(REPORTS)}
    extra, note = html_cases(reports)
    cases.extend(extra)
    notes.append(note)
    for case in cases:
        if read_all(case).tables != reports[case.report].tables:
            raise SystemExit(
                f"{case.name} reads to other tables than {case.report}.pdf: fix the reader first"
            )

    base_samples: dict[str, list[float]] = {stem: [] for stem in REPORTS}
    readings: list[Result] = []
    checks: list[Result] = []
    for case in cases:
        seconds, ratio, samples = paired(
            lambda case=case: read_all(case),
            lambda data=pdfs[case.report]: bare_extract_text(data),
            repeat,
            cold_labels,
        )
        base_samples[case.report].extend(samples)
        readings.append(Result(case.report, case.form, seconds, ratio))
        report = read_all(case)
        check_seconds = timed(lambda report=report: check_report(report), repeat, CHECK_BATCH)
        checks.append(Result(case.report, case.form, check_seconds, check_seconds / seconds))
    base = [
        Result(stem, "pdf extract_text()", statistics.median(samples), 1.0)
        for stem, samples in base_samples.items()
    ]
    forms = forms_in_order(readings)
    order = {form: i for i, form in enumerate(forms)}

    def by_form(result: Result) -> tuple[int, str]:
        return order[result.form], result.report

    return base, sorted(readings, key=by_form), sorted(checks, key=by_form), notes


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def forms_in_order(results: list[Result]) -> list[str]:
    return list(dict.fromkeys(result.form for result in results))


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return [
        ("Date", date.today().isoformat()),
        ("Machine", f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("pdfplumber", pdfplumber.__version__),
        ("pdfminer.six", pdfminer.__version__),
        ("Commit", f"{commit} (plus uncommitted changes, if any)"),
    ]


def tables(
    repeat: int, base: list[Result], readings: list[Result], checks: list[Result], notes: list[str]
) -> str:
    """The results as Markdown, which also reads well on a terminal."""
    out = ["# Reading benchmark", ""]
    out += [f"- {key}: {value}" for key, value in machine()]
    out += [f"- Runs: median of {repeat} after one warm-up; checks timed in batches of {CHECK_BATCH}", ""]
    out += [
        "## Reading",
        "",
        "Ratio = time to read the report into the model ÷ time of pdfplumber's bare "
        "`extract_text()` on every page of the same report's PDF, both measured in this run: "
        "each read is timed right after a baseline run, and the ratio is the median of those "
        "pairs' ratios (a load that changes during the run hits both sides of a pair alike).",
        "",
        "| report | form | median ms | ratio to extract_text() |",
        "|---|---|---:|---:|",
    ]
    for result in [*base, *readings]:
        out.append(f"| {result.report} | {result.form} | {result.median * 1000:.1f} | {result.ratio:.2f} |")
    out += ["", "Per form, geometric mean of the ratios over the reports:", ""]
    out += ["| form | ratio to extract_text() |", "|---|---:|"]
    for form in forms_in_order(readings):
        ratios = [r.ratio for r in readings if r.form == form]
        out.append(f"| {form} | {geometric_mean(ratios):.2f} |")
    out += [
        "",
        "## Checks",
        "",
        "Ratio = time of `checks.check_report` on the report ÷ time to read that report in that form.",
        "",
        "| report | form | checks median ms | ratio to reading |",
        "|---|---|---:|---:|",
    ]
    for result in checks:
        out.append(f"| {result.report} | {result.form} | {result.median * 1000:.3f} | {result.ratio:.4f} |")
    out += ["", "Per form, geometric mean of the ratios over the reports:", ""]
    out += ["| form | checks ÷ reading |", "|---|---:|"]
    for form in forms_in_order(checks):
        ratios = [r.ratio for r in checks if r.form == form]
        out.append(f"| {form} | {geometric_mean(ratios):.4f} |")
    out += ["", "## Notes", ""]
    out += [f"- {note}" for note in notes]
    out += [
        "- Absolute milliseconds depend on the machine and its load; compare the ratios.",
        "- The PDF reader pays for pdfplumber's character parsing (the baseline) plus table "
        "finding and interpretation; plain text skips the PDF parsing entirely.",
        "- Every timed read starts with empty label caches (`labels.normalize`, `labels.similarity`), "
        "as the first read of a batch does.",
        f"- Load average when the run ended: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
        "(other work shares the machine; each ratio pairs a read with the baseline run just before it).",
        "",
    ]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per figure (median)")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "bench-reading.md")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    base, readings, checks, notes = run(args.repeat)
    text = tables(args.repeat, base, readings, checks, notes)
    print(text)
    if not args.no_write:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(
            f"written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
        )


if __name__ == "__main__":
    main()
