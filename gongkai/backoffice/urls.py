"""The back office: where clerks work. Each domain adds its pages through its own URL
module included here, in the backoffice namespace."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.backoffice import account, organizations, views

app_name = "backoffice"
urlpatterns = [
    path("login/", account.LoginView.as_view(), name="login"),
    path("login/code/", account.two_factor_verify, name="two_factor_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", account.account, name="account"),
    path("account/password/", account.password_change, name="password_change"),
    path("account/two-factor/", account.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/off/", account.two_factor_off, name="two_factor_off"),
    path("password-reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="backoffice/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="backoffice/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("", views.home, name="home"),
    path("invitations/<str:token>/", organizations.invitation, name="invitation"),
    path("", include("gongkai.backoffice.reports.urls")),
    path("", include("gongkai.backoffice.requests.urls")),
    path("", include("gongkai.backoffice.disclosure.urls")),
    path("", include("gongkai.backoffice.participation.urls")),
    path("<slug:org>/", views.organization_home, name="organization"),
    path("<slug:org>/guide/", views.guide_edit, name="guide_edit"),
    path("<slug:org>/audit/", views.audit_log, name="audit_log"),
    path("<slug:org>/members/", organizations.members, name="members"),
    path("<slug:org>/members/<int:pk>/revoke/", organizations.member_revoke, name="member_revoke"),
    path(
        "<slug:org>/invitations/<int:pk>/approve/",
        organizations.invitation_approve_view,
        name="invitation_approve",
    ),
    path(
        "<slug:org>/invitations/<int:pk>/reject/",
        organizations.invitation_reject_view,
        name="invitation_reject",
    ),
    path("<slug:org>/settings/", organizations.organization_settings, name="organization_settings"),
    path("<slug:org>/units/new/", organizations.unit_new, name="unit_new"),
    path("<slug:org>/rules/", organizations.rules_documents, name="rules_documents"),
    path("<slug:org>/rules/<int:pk>/", organizations.rules_document_edit, name="rules_document_edit"),
]
