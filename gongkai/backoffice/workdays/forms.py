from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.workdays.models import DayKind


class ImportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year + 1
    )
    title = forms.CharField(
        label=_("Notice"),
        max_length=200,
        required=False,
        help_text=_("For example 国务院办公厅关于2027年部分节假日安排的通知."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the notice was published (web address, document number)."),
    )
    published_on = forms.DateField(
        label=_("Issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Days"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_(
            "One date or range per line: 2027-01-01 holiday 元旦 · 2027-02-06..2027-02-12 休 春节 · 2027-02-14 班 (make-up workday)."
        ),
    )
    file = forms.FileField(label=_("Or a CSV or text file"), required=False)

    def days_text(self) -> str:
        upload = self.cleaned_data.get("file")
        if upload:
            raw = upload.read()
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    return raw.decode(encoding)
                except UnicodeDecodeError:
                    continue
            raise forms.ValidationError(_("The file is neither UTF-8 nor GB18030 text."))
        return self.cleaned_data.get("text") or ""


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Notice"), max_length=200)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    published_on = forms.DateField(
        label=_("Issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class DayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=DayKind.choices)
    name = forms.CharField(
        label=_("Name"), max_length=50, required=False, help_text=_("The holiday, for example 春节.")
    )
    reason = forms.CharField(label=_("Reason for the change"), max_length=300, required=False)


class DayRemoveForm(forms.Form):
    date = forms.DateField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
