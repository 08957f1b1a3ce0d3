"""Reading the JSON contract back into the model, with errors that name the field."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from gongkai.annualreport.checks import RULES
from gongkai.annualreport.errors import ReportReadError
from gongkai.annualreport.formats import FORMAT_CODES, NARRATIVE_SECTIONS, TABLE_CODES, FormatCode
from gongkai.annualreport.model import AnnualReport, Cell, Finding, Table, empty_table


def _fail(source: str, path: str, problem: str) -> ReportReadError:
    return ReportReadError(f"JSON 字段 {path}：{problem} (JSON field {path}: {problem})", source=source)


def _format_code(value: Any, source: str, path: str) -> FormatCode:
    if value not in FORMAT_CODES:
        raise _fail(source, path, f"expected one of {list(FORMAT_CODES)}, found {value!r}")
    return value  # type: ignore[no-any-return]


def _cell(value: Any, source: str, path: str) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise _fail(source, path, f"expected a number or null, found {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise _fail(source, path, f"expected a finite number, found {value!r}")
    return value


def report_from_dict(data: Any, source: str = "<json>") -> AnnualReport:
    if not isinstance(data, dict):
        raise _fail(source, "$", "expected an object")
    for key in ("format", "layouts", "tables"):
        if key not in data:
            raise _fail(source, key, "missing")
    report_format = _format_code(data["format"], source, "format")
    layouts_data = data["layouts"]
    if not isinstance(layouts_data, dict):
        raise _fail(source, "layouts", "expected an object")
    layouts: dict[str, FormatCode] = {
        table: _format_code(layouts_data.get(table, report_format), source, f"layouts.{table}")
        for table in TABLE_CODES
    }
    organization = data.get("organization")
    if organization is not None and not isinstance(organization, str):
        raise _fail(source, "organization", "expected a string or null")
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise _fail(source, "year", "expected an integer or null")
    copy_facts = {}
    for key in ("published_on", "source_url"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise _fail(source, key, "expected a string or null")
        copy_facts[key] = value
    tables_data = data["tables"]
    if not isinstance(tables_data, dict):
        raise _fail(source, "tables", "expected an object")
    tables: dict[str, Table] = {}
    for table in TABLE_CODES:
        template = empty_table(table, layouts[table])
        given = tables_data.get(table)
        if not isinstance(given, dict):
            raise _fail(source, f"tables.{table}", "expected an object")
        extra = set(given) - set(template)
        if extra:
            raise _fail(source, f"tables.{table}", f"rows {sorted(extra)} are not in {layouts[table]}")
        for row, columns in template.items():
            row_data = given.get(row, {})
            if not isinstance(row_data, dict):
                raise _fail(source, f"tables.{table}.{row}", "expected an object")
            unknown = set(row_data) - set(columns)
            if unknown:
                raise _fail(source, f"tables.{table}.{row}", f"columns {sorted(unknown)} are not in this row")
            for column in columns:
                columns[column] = _cell(row_data.get(column), source, f"tables.{table}.{row}.{column}")
        tables[table] = template
    sections_data = data.get("sections") or {}
    if not isinstance(sections_data, dict):
        raise _fail(source, "sections", "expected an object")
    sections = {}
    for name in NARRATIVE_SECTIONS:
        text = sections_data.get(name, "")
        if not isinstance(text, str):
            raise _fail(source, f"sections.{name}", "expected a string")
        sections[name] = text
    notes = []
    for index, item in enumerate(data.get("findings") or []):
        # Reader notes (odd labels, recovered cells) cannot be recomputed from the figures,
        # so they are kept; the checks' own findings are recomputed on demand.
        if isinstance(item, dict) and item.get("rule") not in RULES and isinstance(item.get("rule"), str):
            severity = item.get("severity")
            if severity not in ("error", "warning"):
                raise _fail(source, f"findings[{index}].severity", "expected error or warning")
            notes.append(
                Finding(
                    rule=item["rule"],
                    severity=severity,
                    message=str(item.get("message", "")),
                    table=item.get("table"),
                    row=item.get("row"),
                    column=item.get("column"),
                    expected=item.get("expected"),
                    found=item.get("found"),
                )
            )
    return AnnualReport(
        format=report_format,
        layouts=layouts,
        organization=organization,
        year=year,
        tables=tables,
        sections=sections,
        notes=notes,
        published_on=copy_facts["published_on"],
        source_url=copy_facts["source_url"],
    )


def report_from_json_bytes(data: bytes, source: str = "<json>") -> AnnualReport:
    try:
        text = data.decode("utf-8-sig")
        parsed = json.loads(text, parse_float=Decimal)
    except (UnicodeDecodeError, ValueError) as error:
        line = getattr(error, "lineno", None)
        raise ReportReadError(f"不是有效的 JSON (invalid JSON): {error}", source=source, line=line) from error
    return report_from_dict(parsed, source)
