"""The public application form (Art. 29: who applies, identity, contact, what is asked,
in which form and how it should be delivered)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.requests.codes import ApplicantType, DeliveryWanted, FormWanted, IdType


class ApplicationForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    applicant_type = forms.ChoiceField(
        label=_("Who is applying"),
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        initial=ApplicantType.NATURAL_PERSON,
    )
    name = forms.CharField(label=_("Name (of the person or organization)"), max_length=100)
    id_type = forms.ChoiceField(label=_("Identity document"), choices=IdType.choices)
    id_number = forms.CharField(label=_("Number of the identity document"), max_length=40)
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=100,
        required=False,
        help_text=_("Required for an organization."),
    )
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Postal address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    description = forms.CharField(
        label=_("Information requested"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "The name, document number or another description that helps the office find the information."
        ),
    )
    form_wanted = forms.ChoiceField(
        label=_("Form wanted"), choices=FormWanted.choices, widget=forms.RadioSelect
    )
    delivery_wanted = forms.ChoiceField(
        label=_("Delivery wanted"), choices=DeliveryWanted.choices, widget=forms.RadioSelect
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm this application. The office will confirm its receipt with me; that day counts as the day it is received."
        ),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not (data.get("phone") or data.get("email") or data.get("address")):
            self.add_error("phone", _("Give at least one way to reach you."))
        if data.get("applicant_type") not in (None, ApplicantType.NATURAL_PERSON) and not data.get(
            "contact_person"
        ):
            self.add_error("contact_person", _("Give the organization's contact person."))
        return data

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


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=30)


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("Corrected description"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, withdraw my application."))
