"""`gongkai report …`: check, convert and batch-read annual reports. No Django here.

Exit codes of ``check``: 0 when no report has an error finding, 1 when one has, 2 when a
file cannot be read as a report (its reason on stderr).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from gongkai.annualreport.checks import check_report, errors, warnings
from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.model import AnnualReport, Finding, format_number
from gongkai.annualreport.readers import read_report, sniff
from gongkai.annualreport.spreadsheet import safe_cell
from gongkai.annualreport.writers import WRITERS, render
from gongkai.annualreport.writers.jsonfile import dumps, report_to_dict

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def add_report_parser(subparsers: Any) -> None:
    report = subparsers.add_parser("report", help="check, convert and batch-read annual reports")
    commands = report.add_subparsers(dest="report_command", required=True)

    check = commands.add_parser("check", help="read reports and print their findings")
    check.add_argument("files", nargs="+", type=Path)
    check.add_argument("--json", action="store_true", help="print the JSON contract")
    check.add_argument("--previous", type=Path, help="last year's report, for I6–I8")
    check.add_argument("--lang", choices=("zh", "en"), default="zh")
    check.set_defaults(handler=command_check)

    convert = commands.add_parser("convert", help="write a report in another format")
    convert.add_argument("file", type=Path)
    convert.add_argument("--to", required=True, choices=sorted(WRITERS))
    convert.add_argument("-o", "--output", required=True, type=Path)
    convert.set_defaults(handler=command_convert)

    batch = commands.add_parser("batch", help="read every report under directories into a CSV")
    batch.add_argument("directories", nargs="+", type=Path)
    batch.add_argument("--csv", required=True, type=Path, dest="csv_path")
    batch.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    batch.add_argument("--no-progress", action="store_true")
    batch.set_defaults(handler=command_batch)


def _print_findings(
    path: Path, report: AnnualReport, findings: list[Finding], lang: str, out: TextIO
) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False, soft_wrap=False, width=160)
    title = " ".join(
        str(part) for part in (report.organization or "?", report.year or "?", report.format) if part
    )
    layouts = ", ".join(f"{t}={report.layouts[t]}" for t in ("T2", "T3", "T4"))
    console.print(f"[bold]{path}[/bold]  {title}  ({layouts})")
    if not findings:
        console.print("  无问题 (no findings)" if lang == "zh" else "  no findings")
        return
    headers = (
        ("规则", "级别", "位置", "应为", "实为", "说明")
        if lang == "zh"
        else ("rule", "severity", "where", "expected", "found", "message")
    )
    table = Table(show_lines=False)
    for header in headers[:-1]:
        table.add_column(header, overflow="fold", max_width=28)
    table.add_column(headers[-1], overflow="fold")
    for finding in findings:
        table.add_row(
            finding.rule,
            ("错误" if finding.severity == "error" else "警告") if lang == "zh" else finding.severity,
            finding.location(),
            _show(finding.expected),
            _show(finding.found),
            finding.text(lang),
        )
    console.print(table)
    console.print(
        f"  {len(errors(findings))} 个错误，{len(warnings(findings))} 个警告"
        if lang == "zh"
        else f"  {len(errors(findings))} errors, {len(warnings(findings))} warnings"
    )


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (int,)) or hasattr(value, "as_tuple"):
        return format_number(value)
    return str(value)


def command_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    previous = None
    if args.previous is not None:
        try:
            previous = read_report(args.previous)
        except ReportReadError as error:
            print(f"--previous: {error}", file=err)
            return EXIT_UNREADABLE
    exit_code = EXIT_OK
    results = []
    for path in args.files:
        try:
            report = read_report(path)
        except ReportReadError as error:
            print(str(error), file=err)
            exit_code = EXIT_UNREADABLE
            if args.json:
                results.append(unreadable_to_dict(path, error))
            continue
        findings = check_report(report, previous)
        if errors(findings) and exit_code == EXIT_OK:
            exit_code = EXIT_FINDINGS
        if args.json:
            results.append(report_to_dict(report, findings, lang=args.lang))
        else:
            _print_findings(path, report, findings, args.lang, out)
    if args.json:
        payload: Any = results[0] if len(args.files) == 1 and results else results
        out.write(dumps(payload) + "\n")
    return exit_code


def unreadable_to_dict(path: Path, error: ReportReadError) -> dict[str, Any]:
    """What ``check --json`` prints for a file that is not a readable report."""
    return {
        "file": str(path),
        "status": "unreadable",
        "form": _form_of(path),
        "reason": error.message,
        "found": error.found,
        "missing": error.missing,
        "message": error.describe(),
    }


def _form_of(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        return ""
    # A ZIP needs its directory to tell DOCX apart; the head decides every other form.
    if head.lstrip().startswith(b"PK"):
        try:
            return sniff(path.read_bytes())
        except OSError:
            return ""
    return sniff(head, path.name)


def command_convert(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        report = read_report(args.file)
    except ReportReadError as error:
        print(str(error), file=err)
        return EXIT_UNREADABLE
    _, _, content = render(report, args.to)
    args.output.write_bytes(content)
    print(f"{args.output} ({len(content)} bytes)", file=out)
    return EXIT_OK


BATCH_COLUMNS = (
    "file",
    "form",
    "status",
    "organization",
    "year",
    "format",
    "layout_T2",
    "layout_T3",
    "layout_T4",
    "T3_R1_TOTAL",
    "T3_R2_TOTAL",
    "T3_R3_7_TOTAL",
    "T3_R4_TOTAL",
    "T4_RV_TOTAL",
    "T4_LD_TOTAL",
    "T4_LR_TOTAL",
    "errors",
    "warnings",
    "first_error",
)


def batch_row(path: Path) -> dict[str, str]:
    """One CSV row for one file. Never raises: a bad file is a row saying why."""
    row = {column: "" for column in BATCH_COLUMNS}
    row["file"] = str(path)
    row["form"] = _form_of(path)
    try:
        report = read_report(path)
    except ReportReadError as error:
        row.update(status="unreadable", first_error=error.describe())
        return row
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch; the row says so
        row.update(status="crashed", first_error=f"{type(error).__name__}: {error}")
        return row
    findings = check_report(report)
    found_errors = errors(findings)
    t3, t4 = report.tables["T3"], report.tables["T4"]
    row.update(
        status="ok",
        organization=report.organization or "",
        year=str(report.year or ""),
        format=report.format,
        layout_T2=report.layouts["T2"],
        layout_T3=report.layouts["T3"],
        layout_T4=report.layouts["T4"],
        T3_R1_TOTAL=format_number(t3["R1"]["TOTAL"]),
        T3_R2_TOTAL=format_number(t3["R2"]["TOTAL"]),
        T3_R3_7_TOTAL=format_number(t3["R3_7"]["TOTAL"]),
        T3_R4_TOTAL=format_number(t3["R4"]["TOTAL"]),
        T4_RV_TOTAL=format_number(t4["RV"]["TOTAL"]),
        T4_LD_TOTAL=format_number(t4["LD"]["TOTAL"]),
        T4_LR_TOTAL=format_number(t4["LR"]["TOTAL"]),
        errors=str(len(found_errors)),
        warnings=str(len(warnings(findings))),
        first_error=f"{found_errors[0].rule} {found_errors[0].location()} {found_errors[0].message}"
        if found_errors
        else "",
    )
    return row


def collect_files(directories: Sequence[Path]) -> list[Path]:
    """Every file under the directories, whatever its name: ``check`` reads a file by its
    content, so ``batch`` gives every file a row (those that are not reports say why).
    Hidden files (``.DS_Store``, editors' swap files) are left out."""
    files: list[Path] = []
    for directory in directories:
        if directory.is_file():
            files.append(directory)
            continue
        files.extend(
            path
            for path in sorted(directory.rglob("*"))
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(directory).parts)
        )
    return files


def command_batch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from rich.progress import Progress

    missing = [d for d in args.directories if not d.exists()]
    if missing:
        print(f"no such directory: {', '.join(map(str, missing))}", file=err)
        return EXIT_UNREADABLE
    files = collect_files(args.directories)
    rows: list[dict[str, str]] = []
    with Progress(disable=args.no_progress, transient=True) as progress:
        task = progress.add_task("reading", total=len(files))
        if args.jobs > 1 and len(files) > 1:
            with ProcessPoolExecutor(max_workers=args.jobs) as pool:
                for row in pool.map(batch_row, files, chunksize=4):
                    rows.append(row)
                    progress.advance(task)
        else:
            for path in files:
                rows.append(batch_row(path))
                progress.advance(task)
    with args.csv_path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=BATCH_COLUMNS)
        writer.writeheader()
        writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
    bad = sum(1 for row in rows if row["status"] != "ok")
    with_errors = sum(1 for row in rows if row["errors"] not in ("", "0"))
    print(
        f"{len(rows)} files: {len(rows) - bad} read, {bad} unreadable, {with_errors} with errors -> {args.csv_path}",
        file=out,
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gongkai")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_report_parser(subparsers)
    args = parser.parse_args(argv)
    return int(args.handler(args, sys.stdout, sys.stderr))


if __name__ == "__main__":
    raise SystemExit(main())
