"""Staff accounts: logging in (with the second factor when set up), one's own account page,
changing and resetting the password by e-mail, setting up the authenticator app."""

from __future__ import annotations

from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.services import (
    password_changed,
    two_factor_confirm,
    two_factor_device,
    two_factor_remove,
)
from gongkai.core.context_processors import site
from gongkai.core.errors import DomainError


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Django's LoginView sets site_name to the host name (RequestSite); the page is titled
        # with the platform's name instead.
        context = super().get_context_data(**kwargs)
        context.update(site(self.request))
        return context


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Six-digit code from the authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code of the authenticator app. django-otp throttles wrong
    codes (each failure doubles the wait)."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or user.is_verified():  # type: ignore[union-attr,attr-defined]
        return redirect(_safe_next(request, str(reverse_lazy("backoffice:home"))))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", _("Too many wrong codes. Wait a minute, then try again."))
        elif device.verify_token(form.cleaned_data["token"].strip().replace(" ", "")):
            otp_login(request, device)
            return redirect(_safe_next(request, str(reverse_lazy("backoffice:home"))))
        else:
            form.add_error("token", _("The code is not right. Check the time on your phone and try again."))
    return render(
        request, "backoffice/two_factor_verify.html", {"form": form, "next": _safe_next(request, "")}
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "backoffice/account.html",
        {"two_factor": user_has_device(request.user, confirmed=True)},
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the key) into an authenticator app, then give its code."""
    user: Any = request.user
    if user_has_device(user, confirmed=True):
        return redirect("backoffice:account")
    device = two_factor_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = two_factor_confirm(user=user, token=form.cleaned_data["token"])
        except DomainError as error:
            form.add_error("token", error.message)
        else:
            otp_login(request, confirmed)
            messages.success(request, _("The second factor is on: each login now asks for a code."))
            return redirect("backoffice:account")
    key = _base32(device)
    return render(
        request,
        "backoffice/two_factor_setup.html",
        {
            "form": form,
            "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        },
    )


@login_required
def two_factor_off(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor_remove(user=request.user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        except DomainError as error:
            form.add_error("token", error.message)
        else:
            messages.success(request, _("The second factor is off."))
            return redirect("backoffice:account")
    return render(request, "backoffice/two_factor_off.html", {"form": form})


def _base32(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "backoffice/password_change.html"
    success_url = reverse_lazy("backoffice:account")

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        password_changed(actor=self.request.user, user=form.user, how="changed")
        messages.success(self.request, _("Your password was changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer whether or not the address belongs to an account."""

    template_name = "backoffice/password_reset_form.html"
    email_template_name = "backoffice/password_reset_email.txt"
    subject_template_name = "backoffice/password_reset_subject.txt"
    success_url = reverse_lazy("backoffice:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "backoffice/password_reset_confirm.html"
    success_url = reverse_lazy("backoffice:password_reset_complete")

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        password_changed(actor=form.user, user=form.user, how="reset")
        return response


password_change = sensitive_post_parameters()(login_required(PasswordChangeView.as_view()))
