"""The JSON contract (docs/reports.md): the model, plus the findings of the checks."""

from __future__ import annotations

import json
import re
import secrets
from decimal import Decimal
from typing import Any

from gongkai.annualreport.checks import check_report
from gongkai.annualreport.model import AnnualReport, Finding


def finding_to_dict(finding: Finding, lang: str = "zh") -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "table": finding.table,
        "row": finding.row,
        "column": finding.column,
        "expected": finding.expected,
        "found": finding.found,
        "message": finding.text(lang),
    }


def report_to_dict(
    report: AnnualReport, findings: list[Finding] | None = None, *, lang: str = "zh"
) -> dict[str, Any]:
    if findings is None:
        findings = check_report(report)
    return {
        "format": report.format,
        "layouts": {table: report.layouts[table] for table in ("T2", "T3", "T4")},
        "organization": report.organization,
        "year": report.year,
        "published_on": report.published_on,
        "source_url": report.source_url,
        "tables": report.tables,
        "sections": {
            name: report.sections.get(name, "") for name in ("overview", "problems", "other_matters")
        },
        "findings": [finding_to_dict(f, lang) for f in findings],
    }


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """JSON text in which Decimals are written as the exact number they hold."""
    nonce = secrets.token_hex(6)
    marker = re.compile(rf'"__dec{nonce}__([-0-9.]+)__"')

    def encode(value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"__dec{nonce}__{format(value, 'f')}__"
        if isinstance(value, dict):
            return {key: encode(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [encode(item) for item in value]
        return value

    text = json.dumps(encode(data), ensure_ascii=False, indent=indent)
    return marker.sub(lambda match: match.group(1), text)


def render_json(report: AnnualReport) -> tuple[str, str, bytes]:
    body = dumps(report_to_dict(report)) + "\n"
    return (f"{_stem(report)}.json", "application/json", body.encode("utf-8"))


def _stem(report: AnnualReport) -> str:
    parts = [report.organization or "report", str(report.year) if report.year else ""]
    return "-".join(part for part in parts if part)
