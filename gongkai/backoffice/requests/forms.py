"""Forms of the back-office application pages. They parse input only; the rules are in
``gongkai.requests.services``."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.requests.codes import (
    REPLY_DISPOSITIONS,
    ApplicantType,
    CaseKind,
    CaseResult,
    Channel,
    ConsultationKind,
    DeliveryMethod,
    DeliveryWanted,
    Disposition,
    FeeBasis,
    FormWanted,
    Ground,
    IdType,
    LetterKind,
    Status,
)
from gongkai.requests.models import Case


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(
    label: Any, *, required: bool = True, today: bool = True, help_text: Any = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        initial=(lambda: timezone.localdate()) if today else None,
        help_text=help_text,
    )


STAFF_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


class IntakeForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(label=_("Channel"), choices=STAFF_CHANNELS)
    submitted_on = date_field(_("Arrived on"))
    received_on = date_field(
        _("Received on (Art. 31)"),
        required=False,
        today=False,
        help_text=_(
            "In person: the day it was submitted. Registered post: the day the office signed for it. "
            "Ordinary letter, fax, e-mail: the day the receipt was confirmed with the applicant — leave empty until then."
        ),
    )
    applicant_type = forms.ChoiceField(label=_("Applicant type"), choices=ApplicantType.choices)
    name = forms.CharField(label=_("Name of the applicant"), max_length=100)
    id_type = forms.ChoiceField(label=_("Identity document"), choices=IdType.choices)
    id_number = forms.CharField(label=_("Number of the identity document"), max_length=40)
    contact_person = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Postal address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    description = forms.CharField(label=_("Information requested"), widget=forms.Textarea(attrs={"rows": 5}))
    form_wanted = forms.ChoiceField(label=_("Form wanted"), choices=FormWanted.choices)
    delivery_wanted = forms.ChoiceField(label=_("Delivery wanted"), choices=DeliveryWanted.choices)

    def applicant(self) -> dict[str, str]:
        fields = (
            "name",
            "id_type",
            "id_number",
            "contact_person",
            "phone",
            "email",
            "address",
            "postal_code",
        )
        return {name: self.cleaned_data.get(name) or "" for name in fields}


QUEUE_STATES = [
    ("open", _("Open")),
    ("overdue", _("Overdue")),
    ("due_soon", _("Due soon")),
    ("unconfirmed", _("Awaiting confirmation")),
    ("closed", _("Closed")),
    ("all", _("All")),
]


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Show"), choices=QUEUE_STATES, required=False)
    assignee = forms.ChoiceField(label=_("Handler"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("Any")), *Channel.choices], required=False
    )
    applicant_type = forms.ChoiceField(
        label=_("Applicant type"), choices=[("", _("Any")), *ApplicantType.choices], required=False
    )
    disposition = forms.ChoiceField(
        label=_("Result"), choices=[("", _("Any")), *Disposition.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2008, max_value=2100)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Reference, tracking code or words of the request."),
    )

    def __init__(self, *args: Any, handlers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["assignee"]).choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Unassigned")),
            *[(str(user.pk), user.get_full_name()) for user in handlers],
        ]


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Handler"), required=False)

    def __init__(self, *args: Any, handlers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["assignee"]).choices = [
            ("", _("Nobody")),
            *[(str(user.pk), user.get_full_name()) for user in handlers],
        ]


class ConfirmForm(forms.Form):
    received_on = date_field(_("Receipt confirmed with the applicant on"))


class CorrectionForm(forms.Form):
    on = date_field(_("Notice date"))
    due_on = forms.DateField(label=_("Applicant's deadline"), widget=DateInput())
    items = forms.CharField(label=_("What must be corrected"), widget=forms.Textarea(attrs={"rows": 3}))


class DateNoteForm(forms.Form):
    on = date_field(_("Date"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DateForm(forms.Form):
    on = date_field(_("Date"))


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Consulted party"), choices=ConsultationKind.choices)
    party = forms.CharField(label=_("Name of the party"), max_length=200)
    on = date_field(_("Letter sent on"))
    counterpart_received_on = forms.DateField(
        label=_("Received by the party on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if the same day."),
    )
    note = forms.CharField(
        label=_("Note for the letter"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsultationEndForm(forms.Form):
    consultation = forms.IntegerField(widget=forms.HiddenInput)
    on = date_field(_("Opinion received on"))
    note = forms.CharField(label=_("Opinion"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionProposeForm(forms.Form):
    days = forms.IntegerField(label=_("Working days"), min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionApproveForm(ExtensionProposeForm):
    on = date_field(_("Approved on"))


class ReasonsForm(forms.Form):
    on = date_field(_("Request date"))
    due_on = forms.DateField(label=_("Applicant's deadline"), widget=DateInput())
    note = forms.CharField(
        label=_("Note for the letter"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonsReceivedForm(forms.Form):
    on = date_field(_("Reasons received on"))
    accepted = forms.TypedChoiceField(
        label=_("Are the reasons reasonable?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DelayedReplyForm(forms.Form):
    on = date_field(_("Decided on"))
    due_on = forms.DateField(label=_("Reply by"), widget=DateInput())
    note = forms.CharField(
        label=_("Why the reply cannot be made in time"), widget=forms.Textarea(attrs={"rows": 2})
    )


class FeeForm(forms.Form):
    on = date_field(_("Notice date"))
    basis = forms.ChoiceField(label=_("Fee basis"), choices=FeeBasis.choices)
    quantity = forms.IntegerField(label=_("Pieces or pages"), min_value=1)
    amount = forms.DecimalField(
        label=_("Amount (yuan)"),
        required=False,
        min_value=0,
        decimal_places=2,
        help_text=_("Leave empty for the national tiers; a lower amount needs its reason below."),
    )
    counterpart_received_on = forms.DateField(
        label=_("Received by the applicant on"), required=False, widget=DateInput()
    )
    reason = forms.CharField(
        label=_("Why the applications exceed a reasonable range"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReplyForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("Result"), choices=[(code, Disposition(code).label) for code in REPLY_DISPOSITIONS]
    )
    grounds = forms.MultipleChoiceField(
        label=_("Grounds for what is withheld"),
        choices=Ground.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    replied_on = date_field(_("Reply date"))
    on_the_spot = forms.BooleanField(label=_("Replied on the spot (Art. 33)"), required=False)
    explanation = forms.CharField(
        label=_("Explanation for the letter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where to find the information, what is provided, why parts are withheld."),
    )
    other_agency = forms.CharField(
        label=_("Responsible body and contact (Art. 36 (5))"), required=False, max_length=300
    )
    letter_title = forms.CharField(label=_("Letter title"), required=False, max_length=100)
    letter_body = forms.CharField(
        label=_("Letter text"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    issue_letter = forms.BooleanField(label=_("Issue the reply letter"), required=False, initial=True)


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=DeliveryMethod.choices)
    delivered_on = date_field(_("Delivered on"))
    reference = forms.CharField(label=_("Tracking number or reference"), required=False, max_length=100)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class LetterCorrectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Letter"), choices=LetterKind.choices)
    disposition = forms.ChoiceField(
        label=_("Only for the result"),
        required=False,
        choices=[("", _("Every result")), *[(code, Disposition(code).label) for code in REPLY_DISPOSITIONS]],
    )
    title = forms.CharField(label=_("Title"), max_length=100)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))


class CaseForm(forms.ModelForm):
    info_request_reference = forms.CharField(
        label=_("Application (reference)"),
        required=False,
        max_length=20,
        help_text=_("Leave empty for a case not linked to an application."),
    )

    class Meta:
        model = Case
        fields = [
            "kind",
            "after_review",
            "review",
            "case_number",
            "deciding_body",
            "claimant",
            "subject",
            "filed_on",
            "result",
            "decided_on",
            "review_body_co_defendant",
            "note",
        ]
        widgets = {
            "filed_on": DateInput(),
            "decided_on": DateInput(),
            "subject": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["review"]).queryset = Case.objects.filter(
            organization=organization, kind=CaseKind.ADMINISTRATIVE_REVIEW
        )  # type: ignore[attr-defined]
        self.fields["kind"].choices = CaseKind.choices  # type: ignore[attr-defined]
        self.fields["result"].choices = CaseResult.choices  # type: ignore[attr-defined]
        if self.instance.pk and self.instance.info_request_id:
            self.fields["info_request_reference"].initial = self.instance.info_request.reference

    def _post_clean(self) -> None:
        # The rules are checked by the services, not by model validation here.
        pass


class CaseDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=2008, max_value=2100, initial=lambda: timezone.localdate().year
    )


def open_statuses() -> list[str]:
    return [s for s in Status.values if s != Status.CLOSED]


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
