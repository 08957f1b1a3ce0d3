"""Back-office pages of proactive disclosure, in the backoffice namespace."""

from __future__ import annotations

from django.urls import path

from gongkai.backoffice.disclosure import views

urlpatterns = [
    path("<slug:org>/publications/", views.publication_list, name="publications"),
    path("<slug:org>/publications/new/", views.publication_new, name="publication_new"),
    path("<slug:org>/publications/import/", views.publication_import, name="publication_import"),
    path("<slug:org>/publications/deadlines/", views.deadlines, name="publication_deadlines"),
    path("<slug:org>/publications/settings/", views.publication_settings, name="publication_settings"),
    path("<slug:org>/publications/<int:pk>/", views.publication_detail, name="publication"),
    path("<slug:org>/publications/<int:pk>/edit/", views.publication_edit, name="publication_edit"),
    path("<slug:org>/publications/<int:pk>/submit/", views.publication_submit, name="publication_submit"),
    path(
        "<slug:org>/publications/<int:pk>/pass-review/",
        views.publication_pass_review,
        name="publication_pass_review",
    ),
    path("<slug:org>/publications/<int:pk>/return/", views.publication_return, name="publication_return"),
    path("<slug:org>/publications/<int:pk>/approve/", views.publication_approve, name="publication_approve"),
    path("<slug:org>/publications/<int:pk>/publish/", views.publication_publish, name="publication_publish"),
    path(
        "<slug:org>/publications/<int:pk>/withdraw/", views.publication_withdraw, name="publication_withdraw"
    ),
    path(
        "<slug:org>/publications/<int:pk>/validity/", views.publication_validity, name="publication_validity"
    ),
    path("<slug:org>/publications/<int:pk>/scan/", views.publication_scan, name="publication_scan"),
    path("<slug:org>/publications/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "<slug:org>/publications/<int:pk>/attachments/<int:attachment>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<slug:org>/publications/<int:pk>/attachments/<int:attachment>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "<slug:org>/publications/<int:pk>/findings/<int:finding>/confirm/",
        views.finding_confirm,
        name="finding_confirm",
    ),
    path(
        "<slug:org>/publications/<int:pk>/findings/<int:finding>/redact/",
        views.finding_redact,
        name="finding_redact",
    ),
    path("<slug:org>/catalog/", views.catalog, name="catalog"),
    path("<slug:org>/catalog/new/", views.catalog_entry_edit, name="catalog_entry_new"),
    path("<slug:org>/catalog/<int:pk>/", views.catalog_entry_edit, name="catalog_entry"),
    path("<slug:org>/statistics/", views.statistics, name="statistics"),
]
