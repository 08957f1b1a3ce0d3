"""Back-office pages of applications, reviews and lawsuits, and the working-day calendar,
in the backoffice namespace."""

from __future__ import annotations

from django.urls import include, path

from gongkai.backoffice.requests import views

urlpatterns = [
    # The statutory calendar is the platform's, not one body's (operators, calendar.manage).
    path("workdays/", include("gongkai.backoffice.workdays.urls")),
    path("<slug:org>/requests/", views.queue, name="requests"),
    path("<slug:org>/requests/new/", views.intake, name="request_new"),
    path("<slug:org>/requests/templates/", views.templates, name="request_templates"),
    path(
        "<slug:org>/requests/templates/<int:pk>/reset/", views.template_reset, name="request_template_reset"
    ),
    path("<slug:org>/requests/statistics/", views.statistics, name="request_statistics"),
    path("<slug:org>/requests/<int:pk>/", views.detail, name="request"),
    path("<slug:org>/requests/<int:pk>/applicant/", views.applicant, name="request_applicant"),
    path("<slug:org>/requests/<int:pk>/assign/", views.assign, name="request_assign"),
    path("<slug:org>/requests/<int:pk>/reply/", views.reply, name="request_reply"),
    path("<slug:org>/requests/<int:pk>/do/<slug:name>/", views.action, name="request_action"),
    path(
        "<slug:org>/requests/<int:pk>/letters/<int:letter>.<str:fmt>",
        views.letter_download,
        name="letter_download",
    ),
    path(
        "<slug:org>/requests/<int:pk>/letters/<int:letter>/delivery/",
        views.letter_delivery,
        name="letter_delivery",
    ),
    path(
        "<slug:org>/requests/<int:pk>/letters/<int:letter>/correct/",
        views.letter_correct,
        name="letter_correct",
    ),
    path("<slug:org>/cases/", views.cases, name="cases"),
    path("<slug:org>/cases/new/", views.case_new, name="case_new"),
    path("<slug:org>/cases/<int:pk>/", views.case_detail, name="case"),
    path("<slug:org>/cases/<int:pk>/documents/", views.case_document_add, name="case_document_add"),
    path("<slug:org>/cases/<int:pk>/documents/<int:document>/", views.case_document, name="case_document"),
]
