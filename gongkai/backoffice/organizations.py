"""Back-office pages that manage an organization itself: its people and roles, its units
(site operators), its settings, and its disclosure rules documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from gongkai.accounts.access import get_organization_for_user, user_can
from gongkai.accounts.models import Invitation, InvitationStatus, Membership, Organization, OrganizationKind
from gongkai.accounts.roles import ROLES_GRANTED_BY_OFFICE, Role
from gongkai.accounts.services import (
    invitation_accept,
    invitation_accept_with_new_account,
    invitation_approve,
    invitation_by_token,
    invitation_create,
    invitation_reject,
    membership_revoke,
    organization_create,
    organization_update,
)
from gongkai.column.models import RulesDocument
from gongkai.column.services import rules_document_create, rules_document_update
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError


def _grantable_roles(user: object, organization: Organization) -> list[tuple[str, str]]:
    if user_can(user, "platform.manage", organization):
        return [(role.value, str(role.label)) for role in Role]
    return [(role.value, str(role.label)) for role in ROLES_GRANTED_BY_OFFICE]


class InviteForm(forms.Form):
    """A role is offered to an e-mail address, never attached to an account by username
    (issue 11, failure 2): the person accepts it from the e-mail."""

    email = forms.EmailField(label=gettext_lazy("E-mail"))
    display_name = forms.CharField(label=gettext_lazy("Full name"), max_length=100, required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"))

    def __init__(self, *args: object, roles: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = roles  # type: ignore[attr-defined]


def _form_error(form: forms.BaseForm, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _accept_url(request: HttpRequest) -> Callable[[str], str]:
    return lambda token: request.build_absolute_uri(reverse("backoffice:invitation", args=[token]))


@login_required
def members(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "members.manage")
    roles = _grantable_roles(request.user, organization)
    form = InviteForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = invitation_create(
                actor=request.user,
                organization=organization,
                email=data["email"],
                role=data["role"],
                display_name=data["display_name"],
                accept_url=_accept_url(request),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            # The same words whether or not the address belongs to an account.
            if invitation.status == InvitationStatus.SENT:
                messages.success(request, _("The invitation was sent by e-mail."))
            else:
                messages.success(
                    request,
                    _(
                        "The invitation was recorded. A second administrator of this body or the "
                        "site operator must approve it before it is sent."
                    ),
                )
            return redirect("backoffice:members", org=organization.slug)
    memberships = (
        Membership.objects.filter(organization=organization).select_related("user").order_by("user__username")
    )
    invitations = Invitation.objects.filter(
        organization=organization,
        status__in=[InvitationStatus.AWAITING_APPROVAL, InvitationStatus.SENT],
    ).select_related("invited_by", "approved_by")
    return render(
        request,
        "backoffice/members.html",
        {
            "organization": organization,
            "memberships": memberships,
            "invitations": invitations,
            "form": form,
            "grantable": {r for r, _ in roles},
        },
    )


def _invitation_of(request: HttpRequest, org: str, pk: int) -> tuple[Organization, Invitation]:
    organization = get_organization_for_user(request.user, org, "members.manage")
    invitation = Invitation.objects.filter(organization=organization, pk=pk).first()
    if invitation is None or invitation.role not in {
        r for r, _ in _grantable_roles(request.user, organization)
    }:
        raise Http404("No such invitation")
    return organization, invitation


@login_required
@require_POST
def invitation_approve_view(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization, invitation = _invitation_of(request, org, pk)
    try:
        invitation_approve(actor=request.user, invitation=invitation, accept_url=_accept_url(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation was approved and sent by e-mail."))
    return redirect("backoffice:members", org=organization.slug)


@login_required
@require_POST
def invitation_reject_view(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization, invitation = _invitation_of(request, org, pk)
    try:
        invitation_reject(actor=request.user, invitation=invitation)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation was withdrawn."))
    return redirect("backoffice:members", org=organization.slug)


class AccountForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    display_name = forms.CharField(label=gettext_lazy("Full name"), max_length=100)
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)
    password_again = forms.CharField(label=gettext_lazy("Password again"), widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


@sensitive_post_parameters("password", "password_again")
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page the invitation e-mail links to: accept with the account one is signed in
    with, or create an account."""
    found = invitation_by_token(token)
    if found is None:
        return render(request, "backoffice/invitation.html", {"invitation": None}, status=404)
    form = AccountForm(request.POST or None) if not request.user.is_authenticated else None
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                invitation_accept(user=request.user, token=token)  # type: ignore[arg-type]
            elif form is not None and form.is_valid():
                data = form.cleaned_data
                invitation_accept_with_new_account(
                    token=token,
                    username=data["username"],
                    display_name=data["display_name"],
                    password=data["password"],
                )
            else:
                raise DomainError(_("Correct the form."), code="form")
        except DomainError as error:
            if form is not None and error.code != "form":
                _form_error(form, error)
            elif error.code != "form":
                messages.error(request, error.message)
        else:
            messages.success(request, _("The role is yours. Sign in to begin."))
            if request.user.is_authenticated:
                return redirect("backoffice:organization", org=found.organization.slug)
            return redirect("backoffice:login")
    return render(request, "backoffice/invitation.html", {"invitation": found, "form": form, "token": token})


@login_required
@require_POST
def member_revoke(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "members.manage")
    membership = Membership.objects.filter(organization=organization, pk=pk).first()
    if membership is None or membership.role not in {
        r for r, _ in _grantable_roles(request.user, organization)
    }:
        raise Http404("No such membership")
    try:
        membership_revoke(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
    else:
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
