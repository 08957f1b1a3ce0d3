"""Bulk import of publications and of yearly counts from CSV, XLSX or JSON.

Every row is validated first; any error (named by row and field) means nothing is written.
Then every row is written in one transaction: all or nothing. Columns may be named by
their code (``title``) or by their Chinese label (``标题``).

Publications are imported as drafts, or with ``published=True`` as publications already
published elsewhere (their 发布日期 is required; their 索引号 is kept or given). Either way
each row goes through the personal-data scan: a row with a hit is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.annualreport import limits
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.disclosure import scan
from gongkai.disclosure.categories import STATUTORY_CATEGORIES
from gongkai.disclosure.models import (
    KINDS_WITH_VALIDITY,
    Publication,
    PublicationKind,
    PublicationStatus,
    StatisticItem,
    StatisticSource,
    Validity,
)
from gongkai.disclosure.services import (
    _assign_index_number,
    _state,
    publication_create,
    statistic_set,
)
from gongkai.search.text import plain_text_from_html


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based data row (the header is row 0)
    field: str
    message: str


class ImportFailed(DomainError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            _("%(count)s error(s); nothing was imported.") % {"count": len(errors)}, code="import_failed"
        )
        self.errors = errors


PUBLICATION_COLUMNS = {
    "title": "标题",
    "body": "正文",
    "summary": "内容概述",
    "keywords": "关键词",
    "document_number": "文号",
    "publisher": "发布机构",
    "written_on": "成文日期",
    "formed_on": "形成日期",
    "published_on": "发布日期",
    "index_number": "索引号",
    "statutory_category": "法定主动公开内容",
    "subject_category": "主题分类",
    "kind": "种类",
    "validity": "有效性",
    "effective_on": "施行日期",
    "validity_changed_on": "失效或废止日期",
}
STATISTIC_COLUMNS = {
    "year": "年度",
    "item": "事项",
    "items": "项目数量",
    "decisions": "处理决定数量",
    "amount": "金额（元）",
    "projects": "采购项目数量",
}
KIND_LABELS = {
    "规章": PublicationKind.RULE,
    "行政规范性文件": PublicationKind.NORMATIVE_DOCUMENT,
    "规范性文件": PublicationKind.NORMATIVE_DOCUMENT,
    "其他文件": PublicationKind.OTHER_DOCUMENT,
    "政策解读": PublicationKind.INTERPRETATION,
    "规划计划": PublicationKind.PLAN,
    "统计信息": PublicationKind.STATISTICS,
    "工作动态": PublicationKind.NEWS,
    "其他": PublicationKind.OTHER,
}
VALIDITY_LABELS = {"有效": Validity.VALID, "失效": Validity.EXPIRED, "废止": Validity.REPEALED}


def read_rows(data: bytes, filename: str) -> list[dict[str, str]]:
    """The data rows of a CSV, XLSX or JSON file as dictionaries of text."""
    name = filename.lower()
    if name.endswith(".json"):
        try:
            loaded = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise DomainError(
                _("The file is not valid JSON: %(error)s") % {"error": error}, field="file"
            ) from error
        if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
            raise DomainError(_("The JSON file must hold a list of objects."), field="file")
        return [{str(k): "" if v is None else str(v) for k, v in item.items()} for item in loaded]
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            limits.check_zip(data, filename)  # a spreadsheet is a ZIP package: cap it first
        except limits.UploadLimitError as error:
            raise DomainError(
                _("The file is refused: %(reason)s.") % {"reason": error.message}, field="file"
            ) from error
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:
            raise DomainError(_("The spreadsheet cannot be read."), field="file") from error
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    elif name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DomainError(_("The CSV file is neither UTF-8 nor GB18030."), field="file")
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise DomainError(_("Import a .csv, .xlsx or .json file."), field="file")
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return []
    header = [cell.strip() for cell in rows[0]]
    return [dict(zip(header, row + [""] * (len(header) - len(row)), strict=False)) for row in rows[1:]]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _by_code(row: dict[str, str], columns: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    labels = {label: code for code, label in columns.items()}
    out: dict[str, str] = {}
    unknown = []
    for key, value in row.items():
        key = (key or "").strip()
        code = key if key in columns else labels.get(key)
        if code is None:
            if key:
                unknown.append(key)
            continue
        out[code] = (value or "").strip()
    return out, unknown


def _date(value: str) -> dt.date:
    text = value.strip().replace("/", "-").replace(".", "-")
    for suffix in ("日",):
        text = text.removesuffix(suffix)
    text = text.replace("年", "-").replace("月", "-")
    parts = text.split("-")
    if len(parts) != 3:
        raise ValueError(value)
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2][:2]))


def _category(value: str) -> str:
    value = value.strip()
    codes = dict(STATUTORY_CATEGORIES)
    if value in codes:
        return value
    if value.isdigit() and 1 <= int(value) <= 15:
        return f"A20_{int(value):02d}"
    for code, label in STATUTORY_CATEGORIES:
        if value == label or (value and label.endswith(value)):
            return code
    raise ValueError(value)


def validate_publication_row(
    row: dict[str, str], *, published: bool
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The values of one row, and its errors as (field, message)."""
    values: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    fields, unknown = _by_code(row, PUBLICATION_COLUMNS)
    for name in unknown:
        errors.append((name, _("Unknown column.")))
    for name in (
        "title",
        "body",
        "summary",
        "keywords",
        "document_number",
        "publisher",
        "subject_category",
        "index_number",
    ):
        if fields.get(name):
            values[name] = fields[name]
    if not values.get("title"):
        errors.append(("title", _("A title is required.")))
    elif len(values["title"]) > 300:
        errors.append(("title", _("At most 300 characters.")))
    for name in ("written_on", "formed_on", "published_on", "effective_on", "validity_changed_on"):
        if fields.get(name):
            try:
                values[name] = _date(fields[name])
            except ValueError:
                errors.append((name, _("Not a date (write YYYY-MM-DD).")))
    if "formed_on" not in values and not any(field == "formed_on" for field, _m in errors):
        if "written_on" in values:
            values["formed_on"] = values["written_on"]
        else:
            errors.append(("formed_on", _("The date the information was formed is required.")))
    if published and "published_on" not in values:
        errors.append(("published_on", _("The publication date is required for published items.")))
    try:
        values["statutory_category"] = _category(fields.get("statutory_category", ""))
    except ValueError:
        errors.append(("statutory_category", _("Give the Art. 20 category (1–15, A20_01… or its label).")))
    kind = fields.get("kind", "") or PublicationKind.OTHER_DOCUMENT
    kind = KIND_LABELS.get(kind, kind)
    if kind not in PublicationKind.values:
        errors.append(("kind", _("Unknown kind.")))
    elif kind == PublicationKind.INTERPRETATION:
        errors.append(("kind", _("Interpretations are linked to their policy by hand, not imported.")))
    else:
        values["kind"] = kind
    validity = fields.get("validity", "")
    validity = VALIDITY_LABELS.get(validity, validity)
    if validity:
        if validity not in Validity.values:
            errors.append(("validity", _("Unknown validity.")))
        elif kind not in KINDS_WITH_VALIDITY:
            if kind in PublicationKind.values:
                errors.append(("validity", _("Only rules and normative documents have a validity.")))
        else:
            values["validity"] = validity
            if validity != Validity.VALID and "validity_changed_on" not in values:
                errors.append(
                    ("validity_changed_on", _("Give the date the document expired or was repealed."))
                )
    if published and values.get("published_on") and values["published_on"] > timezone.localdate():
        errors.append(("published_on", _("A published item cannot be published in the future.")))
    for name in ("title", "summary", "body", "document_number"):
        text = plain_text_from_html(values.get(name, "")) if name == "body" else values.get(name, "")
        hits = scan.scan_text(text)
        if hits:
            kinds = ", ".join(sorted({hit.kind for hit in hits}))
            errors.append((name, _("Personal data found (%(kinds)s): redact it first.") % {"kinds": kinds}))
    return values, errors


def publications_import(
    *,
    actor: Any,
    organization: Organization,
    rows: list[dict[str, str]],
    published: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[Publication]:
    """Validate every row, then create every publication in one transaction."""
    validated: list[dict[str, Any]] = []
    errors: list[RowError] = []
    index_numbers: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        values, row_errors = validate_publication_row(row, published=published)
        index_number = values.get("index_number")
        if index_number:
            if not published:
                row_errors.append(
                    ("index_number", _("Drafts get their index number when they are published."))
                )
            elif index_number in index_numbers:
                row_errors.append(
                    (
                        "index_number",
                        _("Same index number as row %(row)s.") % {"row": index_numbers[index_number]},
                    )
                )
            elif Publication.objects.filter(index_number=index_number).exists():
                row_errors.append(("index_number", _("This index number is already taken.")))
            index_numbers.setdefault(index_number, number)
        errors.extend(RowError(number, field, message) for field, message in row_errors)
        validated.append(values)
    if errors:
        raise ImportFailed(errors)
    created: list[Publication] = []
    with transaction.atomic():
        for number, values in enumerate(validated, start=1):
            try:
                publication = publication_create(actor=actor, organization=organization, values=values)
                if published:
                    _mark_published(actor, publication, values)
            except DomainError as error:
                raise ImportFailed([RowError(number, error.field or "", error.message)]) from error
            created.append(publication)
            if progress:
                progress(1)
        log_action(
            actor=actor,
            action="publication.bulk_imported",
            target=None,
            organization=organization,
            data={"count": len(created), "published": published},
        )
    return created


def _mark_published(actor: Any, publication: Publication, values: dict[str, Any]) -> None:
    before = _state(publication)
    day: dt.date = values["published_on"]
    publication.index_number = values.get("index_number") or _assign_index_number(publication, day)
    publication.published_on = day
    publication.published_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    publication.status = PublicationStatus.PUBLISHED
    publication.save()
    log_action(
        actor=actor,
        action="publication.imported_as_published",
        target=publication,
        before=before,
        after=_state(publication),
    )


ITEM_LABELS = {label: code for code, label in StatisticItem.choices}


def statistics_import(
    *, actor: Any, organization: Organization, rows: list[dict[str, str]], note: str = ""
) -> int:
    """Import yearly counts (one row per year and item); all or nothing."""
    errors: list[RowError] = []
    validated: list[tuple[int, str, dict[str, Any]]] = []
    seen: dict[tuple[int, str], int] = {}
    this_year = timezone.localdate().year
    for number, row in enumerate(rows, start=1):
        fields, unknown = _by_code(row, STATISTIC_COLUMNS)
        errors.extend(RowError(number, name, _("Unknown column.")) for name in unknown)
        try:
            year = int(fields.get("year", ""))
            if not 2000 <= year <= this_year:
                raise ValueError
        except ValueError:
            errors.append(RowError(number, "year", _("Give a year between 2000 and this year.")))
            year = 0
        item = fields.get("item", "")
        item = ITEM_LABELS.get(item, item)
        if item not in StatisticItem.values:
            errors.append(RowError(number, "item", _("Unknown item.")))
        values: dict[str, Any] = {}
        for name in ("items", "decisions", "projects"):
            if fields.get(name):
                try:
                    values[name] = int(fields[name].replace(",", ""))
                    if values[name] < 0:
                        raise ValueError
                except ValueError:
                    errors.append(RowError(number, name, _("Not a whole number of at least 0.")))
        if fields.get("amount"):
            try:
                values["amount"] = Decimal(fields["amount"].replace(",", ""))
                if values["amount"] < 0:
                    raise InvalidOperation
            except InvalidOperation:
                errors.append(RowError(number, "amount", _("Not an amount of at least 0.")))
        if (year, item) in seen:
            errors.append(
                RowError(
                    number, "item", _("Same year and item as row %(row)s.") % {"row": seen[(year, item)]}
                )
            )
        seen.setdefault((year, item), number)
        validated.append((year, item, values))
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        for year, item, values in validated:
            statistic_set(
                actor=actor,
                organization=organization,
                year=year,
                item=item,
                values=values,
                source=StatisticSource.IMPORT,
                note=note,
            )
    return len(validated)
