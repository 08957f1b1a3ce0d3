"""Back-office pages shared by every domain: dashboard, an organization's overview, its
guide, its audit trail. Views parse, call services and selectors, and render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.access import get_organization_for_user, organizations_for_user, user_can
from gongkai.accounts.roles import VIEW
from gongkai.column.models import Guide
from gongkai.column.selectors import guide_for
from gongkai.column.services import guide_update
from gongkai.core.models import AuditEntry
from gongkai.core.params import page_param


@login_required
def home(request: HttpRequest) -> HttpResponse:
    organizations = organizations_for_user(request.user, VIEW)
    return render(request, "backoffice/home.html", {"organizations": organizations})


@login_required
def organization_home(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, VIEW)
    return render(
        request,
        "backoffice/organization.html",
        {
            "organization": organization,
            "can_edit_column": user_can(request.user, "org.edit_column", organization),
            "can_view_audit": user_can(request.user, "audit.view", organization),
            "can_manage_members": user_can(request.user, "members.manage", organization),
            "can_manage_platform": user_can(request.user, "platform.manage", organization),
        },
    )


class GuideForm(forms.ModelForm):
    website = forms.URLField(label=gettext_lazy("Internet contact"), required=False, assume_scheme="https")

    class Meta:
        model = Guide
        fields = [
            "office_name",
            "office_address",
            "postal_code",
            "office_hours",
            "phone",
            "fax",
            "email",
            "website",
            "classification",
            "arrangement",
            "access_methods",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("classification", "arrangement", "access_methods")
        }


@login_required
def guide_edit(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "org.edit_column")
    guide = guide_for(organization) or Guide(organization=organization)
    form = GuideForm(request.POST or None, instance=guide)
    if request.method == "POST" and form.is_valid():
        guide_update(actor=request.user, organization=organization, values=form.cleaned_data)
        messages.success(request, _("The guide was saved."))
        return redirect("backoffice:guide_edit", org=organization.slug)
    return render(
        request, "backoffice/guide_edit.html", {"organization": organization, "form": form, "guide": guide}
    )


@login_required
def audit_log(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, org, "audit.view")
    entries = AuditEntry.objects.filter(organization=organization).select_related("actor")
    page = Paginator(entries, 50).get_page(page_param(request))
    return render(request, "backoffice/audit_log.html", {"organization": organization, "page": page})
