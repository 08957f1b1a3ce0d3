"""The public forms of participation: an opinion on a draft, a message to a body, a
survey. Each carries the offline captcha; contact data is asked only where it is needed
(the answer to a message goes by e-mail) and said to stay private."""

from __future__ import annotations

from typing import Any

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.participation.models import MessageKind, QuestionKind, Survey


class Captcha(CaptchaTextInput):
    template_name = "portal/captcha_widget.html"


def captcha_field() -> CaptchaField:
    return CaptchaField(
        label=_("Check code"),
        help_text=_("Type the result of the calculation in the picture."),
        widget=Captcha(),
        error_messages={"invalid": _("The result is not right or the picture expired; try the new picture.")},
    )


class OpinionForm(forms.Form):
    body = forms.CharField(
        label=_("Your opinion or suggestion"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )
    name = forms.CharField(label=_("Name (optional)"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telephone (optional)"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    captcha = captcha_field()


class MessageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=MessageKind.choices, widget=forms.RadioSelect, initial="question"
    )
    subject = forms.CharField(label=_("Subject"), max_length=100)
    body = forms.CharField(label=_("Message text"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The answer is sent to this address."))
    phone = forms.CharField(label=_("Telephone (optional)"), max_length=40, required=False)
    may_publish = forms.BooleanField(
        label=_(
            "The body may publish my question and its answer on this site, without my name and contact data."
        ),
        required=False,
    )
    captcha = captcha_field()


class SurveyForm(forms.Form):
    """One field per question: radio buttons for one answer, checkboxes for several."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        for question in survey.questions.prefetch_related("choices"):
            choices = [(str(c.pk), c.text) for c in question.choices.all()]
            if question.kind == QuestionKind.SINGLE:
                field: forms.Field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
            else:
                field = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple)
            field.label = question.text
            field.error_messages["required"] = _("Answer this question.")
            self.fields[f"q{question.pk}"] = field
        self.fields["captcha"] = captcha_field()

    def answers(self) -> dict[int, list[int]]:
        result = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("q"):
                values = value if isinstance(value, list) else [value]
                result[int(name[1:])] = [int(v) for v in values]
        return result
