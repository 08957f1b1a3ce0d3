"""Back-office pages that manage an organization itself: its people and roles, its units
(site operators), its settings, and its disclosure rules documents."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import validate_password
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.access import get_organization_for_user, user_can
from gongkai.accounts.models import Membership, Organization, OrganizationKind, User
from gongkai.accounts.roles import ROLES_GRANTED_BY_OFFICE, Role
from gongkai.accounts.services import (
    membership_grant,
    membership_revoke,
    organization_create,
    organization_update,
    user_create,
)
from gongkai.column.models import RulesDocument
from gongkai.column.services import rules_document_create, rules_document_update
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError


def _grantable_roles(user: object, organization: Organization) -> list[tuple[str, str]]:
    if user_can(user, "platform.manage", organization):
        return [(role.value, str(role.label)) for role in Role]
    return [(role.value, str(role.label)) for role in ROLES_GRANTED_BY_OFFICE]


class GrantForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    display_name = forms.CharField(label=gettext_lazy("Display name"), max_length=100, required=False)
    password = forms.CharField(
        label=gettext_lazy("Initial password (for a new account)"), required=False, widget=forms.PasswordInput
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"))

    def __init__(self, *args: object, roles: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = roles  # type: ignore[attr-defined]


def _form_error(form: forms.BaseForm, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
def members(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "members.manage")
    roles = _grantable_roles(request.user, organization)
    form = GrantForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = User.objects.filter(username=data["username"]).first()
            if user is None:
                if not data["password"]:
                    raise DomainError(_("Give an initial password for the new account."), field="password")
                try:
                    validate_password(data["password"])
                except forms.ValidationError as error:
                    raise DomainError(" ".join(error.messages), field="password") from error
                user = user_create(
                    actor=request.user,
                    username=data["username"],
                    display_name=data["display_name"],
                    password=data["password"],
                )
            membership_grant(actor=request.user, user=user, organization=organization, role=data["role"])
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The role was granted."))
            return redirect("backoffice:members", org=organization.slug)
    memberships = (
        Membership.objects.filter(organization=organization).select_related("user").order_by("user__username")
    )
    return render(
        request,
        "backoffice/members.html",
        {
            "organization": organization,
            "memberships": memberships,
            "form": form,
            "grantable": {r for r, _ in roles},
        },
    )


@login_required
@require_POST
def member_revoke(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "members.manage")
    membership = Membership.objects.filter(organization=organization, pk=pk).first()
    if membership is None or membership.role not in {
        r for r, _ in _grantable_roles(request.user, organization)
    }:
        raise Http404("No such membership")
    membership_revoke(actor=request.user, membership=membership)
    messages.success(request, _("The role was revoked."))
    return redirect("backoffice:members", org=organization.slug)


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "credit_code",
            "position",
            "report_submit_by",
            "report_publish_by",
            "is_active",
        ]


class UnitForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "short_name", "kind", "slug", "credit_code", "position"]


@login_required
def organization_settings(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "platform.manage")
    form = OrganizationForm(request.POST or None, instance=Organization.objects.get(pk=organization.pk))
    if request.method == "POST" and form.is_valid():
        try:
            organization_update(actor=request.user, organization=organization, values=form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The organization was saved."))
            return redirect("backoffice:organization_settings", org=organization.slug)
    return render(
        request,
        "backoffice/organization_settings.html",
        {"organization": organization, "form": form, "trail": trail_for(organization)[:50]},
    )


@login_required
def unit_new(request: HttpRequest, org: str) -> HttpResponse:
    parent = get_organization_for_user(request.user, org, "platform.manage")
    form = UnitForm(request.POST or None, initial={"kind": OrganizationKind.DEPARTMENT})
    form.fields["kind"].choices = [c for c in OrganizationKind.choices if c[0] != OrganizationKind.GOVERNMENT]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = organization_create(
                actor=request.user,
                name=data["name"],
                short_name=data["short_name"],
                kind=data["kind"],
                slug=data["slug"],
                credit_code=data["credit_code"],
                position=data["position"] or 0,
                parent=parent,
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The unit was created."))
            return redirect("backoffice:organization", org=unit.slug)
    return render(request, "backoffice/unit_new.html", {"organization": parent, "form": form})


class RulesDocumentForm(forms.ModelForm):
    class Meta:
        model = RulesDocument
        fields = ["title", "document_number", "issued_on", "body"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }


@login_required
def rules_documents(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "org.edit_column")
    form = RulesDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rules_document_create(actor=request.user, organization=organization, **form.cleaned_data)
        messages.success(request, _("The rules document was published in the column."))
        return redirect("backoffice:rules_documents", org=organization.slug)
    documents = RulesDocument.objects.filter(organization=organization)
    return render(
        request,
        "backoffice/rules_documents.html",
        {"organization": organization, "documents": documents, "form": form},
    )


@login_required
def rules_document_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "org.edit_column")
    document = RulesDocument.objects.filter(organization=organization, pk=pk).first()
    if document is None:
        raise Http404("No such document")
    form = RulesDocumentForm(request.POST or None, instance=RulesDocument.objects.get(pk=document.pk))
    if request.method == "POST" and form.is_valid():
        rules_document_update(actor=request.user, document=document, values=form.cleaned_data)
        messages.success(request, _("The rules document was saved."))
        return redirect("backoffice:rules_documents", org=organization.slug)
    return render(
        request,
        "backoffice/rules_document_edit.html",
        {"organization": organization, "document": document, "form": form, "trail": trail_for(document)[:50]},
    )
