"""Forms of the back office's proactive-disclosure pages: they only parse input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Organization
from gongkai.disclosure.models import (
    Audience,
    CatalogEntry,
    Channel,
    DisclosureMode,
    PilotArea,
    Publication,
    PublicationKind,
    PublicationStatus,
    StatisticItem,
    Tier,
    Validity,
)


class ChoosingForm(forms.ModelForm):
    def _choice(self, name: str) -> forms.ModelChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PublicationForm(ChoosingForm):
    class Meta:
        model = Publication
        fields = [
            "title",
            "statutory_category",
            "kind",
            "interprets",
            "document_number",
            "publisher",
            "written_on",
            "formed_on",
            "deadline_workdays",
            "subject_category",
            "keywords",
            "summary",
            "body",
            "validity",
            "effective_on",
            "validity_changed_on",
            "catalog_entry",
        ]
        widgets = {
            "written_on": DATE,
            "formed_on": DATE,
            "effective_on": DATE,
            "validity_changed_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16, "class": "rich-text"}),
        }
        help_texts = {
            "body": _("Paragraphs, lists, tables and links are kept; anything else is removed."),
            "formed_on": _("Art. 26: publish within 20 working days of this date."),
            "deadline_workdays": _("Only when another law sets a different period."),
        }

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("interprets").queryset = (
            Publication.objects.filter(organization=organization)
            .exclude(kind=PublicationKind.INTERPRETATION)
            .exclude(status=PublicationStatus.WITHDRAWN)
            .order_by("-id")
        )
        self.fields["interprets"].required = False
        self._choice("catalog_entry").queryset = CatalogEntry.objects.filter(
            catalog__organization=organization, is_deleted=False
        ).select_related("pilot_area")
        self.fields["catalog_entry"].required = False
        self.fields["validity"].required = False
        self.fields["publisher"].required = False

    def _post_clean(self) -> None:
        """The services validate the publication as a whole and say which field is wrong."""


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at (leave empty to publish by hand)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("Validity"), choices=Validity.choices)
    changed_on = forms.DateField(label=_("Expired or repealed on"), required=False, widget=DATE)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.csv, .xlsx or .json)"))
    published = forms.BooleanField(
        label=_("These items were already published (发布日期 required)"), required=False
    )


class SettingsForm(forms.Form):
    index_pattern = forms.CharField(
        label=_("Pattern of index numbers"),
        required=False,
        help_text=_(
            "Placeholders {credit_code}, {yyyy}, {mm}, {category}, {seq:05d}. Empty: {credit_code}/{yyyy}-{seq:05d}."
        ),
    )
    stale_after_days = forms.IntegerField(
        label=_("Flag catalog entries without a publication after (days)"), min_value=1
    )


class CatalogEntryForm(ChoosingForm):
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = CatalogEntry
        fields = [
            "pilot_area",
            "parent",
            "name",
            "content",
            "basis",
            "time_limit",
            "responsible_body",
            "channels",
            "audience",
            "mode",
            "tier",
            "position",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("content", "basis")}

    def __init__(self, *args: Any, catalog_entries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("parent").queryset = catalog_entries.filter(level__lt=3)
        self.fields["parent"].required = False
        self._choice("pilot_area").queryset = PilotArea.objects.all()
        self.fields["pilot_area"].required = False
        for name, choices in (
            ("audience", Audience.choices),
            ("mode", DisclosureMode.choices),
            ("tier", Tier.choices),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def _post_clean(self) -> None:
        """The services validate the entry."""


class DeriveForm(forms.Form):
    pilot_areas = forms.ModelMultipleChoiceField(
        label=_("Pilot areas"), queryset=PilotArea.objects.all(), widget=forms.CheckboxSelectMultiple
    )


class StatisticForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000)
    item = forms.ChoiceField(label=_("Item"), choices=StatisticItem.choices)
    items = forms.IntegerField(label=_("Number of items at the end of the year"), min_value=0, required=False)
    decisions = forms.IntegerField(label=_("Decisions"), min_value=0, required=False)
    amount = forms.DecimalField(label=_("Amount (yuan)"), min_value=0, decimal_places=2, required=False)
    projects = forms.IntegerField(label=_("Projects"), min_value=0, required=False)


class StatisticImportForm(forms.Form):
    file = forms.FileField(label=_("File (.csv or .xlsx)"))
