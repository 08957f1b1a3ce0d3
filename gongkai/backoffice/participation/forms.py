"""Forms of the participation back office. They parse input only; the services check it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Organization
from gongkai.disclosure.models import Publication
from gongkai.participation.models import (
    Adoption,
    Consultation,
    DeputyProposal,
    EmergencyEvent,
    EmergencyNotice,
    MajorDecision,
    MajorProject,
    MediaAccount,
    Moderation,
    Opinion,
    ProposalResult,
    QuestionKind,
    StageRecord,
)

# A date field's value in the ISO form that ``<input type=date>`` reads, whatever the language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = MajorDecision
        fields = ["title", "summary", "undertaking_unit", "legal_basis", "planned_time", "hearing_planned"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
        }


class CatalogPublishForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OutcomeForm(forms.Form):
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    publication: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Decision document"), queryset=Publication.objects.none(), required=False
    )

    def __init__(self, *args: Any, publications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = publications  # type: ignore[attr-defined]


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["title", "draft", "opens_on", "closes_on", "short_period_reason"]
        widgets = {
            "draft": forms.Textarea(attrs={"rows": 10}),
            "opens_on": DATE,
            "closes_on": DATE,
            "short_period_reason": forms.Textarea(attrs={"rows": 2}),
        }


class ModerationForm(forms.Form):
    moderation = forms.ChoiceField(
        choices=[(Moderation.ACCEPTED, _("Accept")), (Moderation.REJECTED, _("Set aside"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class FeedbackForm(forms.Form):
    opinions: forms.ModelMultipleChoiceField[Opinion] = forms.ModelMultipleChoiceField(
        label=_("Opinions answered"), queryset=Opinion.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label=_("Opinions in brief (published)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Write what the opinions proposed, without names or contact data."),
    )
    adoption = forms.ChoiceField(label=_("Adoption"), choices=Adoption.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reply and reason (published)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the opinions are not or only partly adopted."),
    )

    def __init__(self, *args: Any, opinions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["opinions"]
        field.queryset = opinions  # type: ignore[attr-defined]
        field.label_from_instance = lambda o: f"#{o.pk} {o.body[:60]}"  # type: ignore[attr-defined]


class FeedbackPublishForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the feedback (published, optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class SurveyCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Answers"), choices=QuestionKind.choices, widget=forms.RadioSelect, initial="single"
    )
    choices = forms.CharField(
        label=_("Possible answers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One answer per line."),
    )

    def choice_list(self) -> list[str]:
        return self.cleaned_data["choices"].splitlines()


class ProjectForm(forms.ModelForm):
    class Meta:
        model = MajorProject
        fields = ["name", "code", "owner", "location", "investment", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class StageRecordForm(forms.ModelForm):
    class Meta:
        model = StageRecord
        fields = ["stage", "title", "happened_on", "summary", "publication"]
        widgets = {"happened_on": DATE, "summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, publications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = publications  # type: ignore[attr-defined]


class ProposalForm(forms.ModelForm):
    class Meta:
        model = DeputyProposal
        fields = ["kind", "year", "session", "number", "title", "proposers", "handling_role", "received_on"]
        widgets = {"received_on": DATE}


class ProposalReplyForm(forms.Form):
    reply = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 8}))
    replied_on = forms.DateField(label=_("Replied on"), widget=DATE)
    result = forms.ChoiceField(label=_("Result"), choices=ProposalResult.choices)


class MediaAccountForm(forms.ModelForm):
    class Meta:
        model = MediaAccount
        fields = ["platform", "name", "account_id", "opened_on"]
        widgets = {"opened_on": DATE}


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date of the last update"), widget=DATE)


class CloseForm(forms.Form):
    on = forms.DateField(label=_("Closed or merged on"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=200)
    merged_into: forms.ModelChoiceField[MediaAccount] = forms.ModelChoiceField(
        label=_("Merged into (leave empty when closed)"), queryset=MediaAccount.objects.none(), required=False
    )

    def __init__(self, *args: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = accounts  # type: ignore[attr-defined]


class SettingsForm(forms.Form):
    message_reply_workdays = forms.IntegerField(
        label=_("Working days to answer a message"), min_value=1, max_value=60
    )
    media_stale_days = forms.IntegerField(
        label=_("Flag a new-media account not updated for (days)"), min_value=1, max_value=366
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 8}))


class TransferForm(forms.Form):
    to: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Transfer to"), queryset=Organization.objects.none()
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = organizations  # type: ignore[attr-defined]


class PublishMessageForm(forms.Form):
    public_question = forms.CharField(
        label=_("Question as published"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Remove names, telephone numbers, addresses and anything else that identifies the writer."
        ),
    )
    public_answer = forms.CharField(label=_("Answer as published"), widget=forms.Textarea(attrs={"rows": 5}))


class EventForm(forms.ModelForm):
    class Meta:
        model = EmergencyEvent
        fields = ["title", "kind", "banner", "started_on"]
        widgets = {"started_on": DATE}


class NoticeForm(forms.ModelForm):
    class Meta:
        model = EmergencyNotice
        fields = ["kind", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class ReleaseForm(forms.Form):
    note = forms.CharField(label=_("Review note (optional)"), max_length=200, required=False)
