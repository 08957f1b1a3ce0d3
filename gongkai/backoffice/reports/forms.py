"""Forms of the annual-report pages. The figures form is built from the format
definitions, one field per cell, so it always matches the report's layout."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.annualreport.formats import NARRATIVE_SECTIONS, SECTION_TITLES, get_format
from gongkai.annualreport.model import AnnualReport


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Published report (text, HTML, DOCX, PDF or JSON)"))
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2008,
        max_value=2100,
        required=False,
        help_text=_("Leave empty to take the year from the report."),
    )


class NewReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2008, max_value=2100)


class RollupForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2008, max_value=2100)


class TransitionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("submit", _("Submit")), ("publish", _("Publish")), ("reopen", _("Reopen"))]
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


def cell_field_name(table: str, row: str, column: str) -> str:
    return f"{table}__{row}__{column}"


SECTION_LABELS = {
    "overview": SECTION_TITLES["overview"],
    "problems": SECTION_TITLES["problems"],
    "other_matters": SECTION_TITLES["other_matters"],
}


class FiguresForm(forms.Form):
    """Every cell of the three tables, and the three narrative sections."""

    def __init__(self, *args: Any, report: AnnualReport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        for table, rows in report.tables.items():
            layout = report.layouts[table]
            for row, cells in rows.items():
                for column, value in cells.items():
                    kind = get_format(layout).t2_column(row, column).kind if table == "T2" else "count"
                    name = cell_field_name(table, row, column)
                    if kind == "amount":
                        field: forms.Field = forms.DecimalField(
                            required=False, max_digits=20, decimal_places=6
                        )
                    else:
                        # Negative counts are accepted so that a report can be entered as
                        # printed; the identities (I5) flag them.
                        field = forms.IntegerField(required=False)
                    field.label = f"{table} {row} {column}"
                    field.widget.attrs.update(
                        {"class": "cell", "inputmode": "decimal" if kind == "amount" else "numeric"}
                    )
                    self.fields[name] = field
                    self.initial[name] = value
        for name in NARRATIVE_SECTIONS:
            self.fields[f"section__{name}"] = forms.CharField(
                label=SECTION_LABELS[name], required=False, widget=forms.Textarea(attrs={"rows": 6})
            )
            self.initial[f"section__{name}"] = report.sections.get(name, "")

    def updated_report(self) -> AnnualReport:
        data = self.cleaned_data
        report = AnnualReport(
            format=self.report.format,
            layouts=dict(self.report.layouts),
            organization=self.report.organization,
            year=self.report.year,
            tables={t: {r: dict(c) for r, c in rows.items()} for t, rows in self.report.tables.items()},
            sections=dict(self.report.sections),
            notes=list(self.report.notes),
        )
        for table, rows in report.tables.items():
            for row, cells in rows.items():
                for column in cells:
                    value = data.get(cell_field_name(table, row, column))
                    if (
                        isinstance(value, Decimal)
                        and value == value.to_integral_value()
                        and "."
                        not in str(self.data.get(self.add_prefix(cell_field_name(table, row, column)), ""))
                    ):
                        value = int(value)
                    cells[column] = value
        for name in NARRATIVE_SECTIONS:
            report.sections[name] = data.get(f"section__{name}", "").replace("\r\n", "\n").strip()
        return report
