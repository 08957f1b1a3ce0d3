from __future__ import annotations

from django.urls import path

from gongkai.backoffice.reports import views

urlpatterns = [
    path("<slug:org>/reports/", views.report_list, name="reports"),
    path("<slug:org>/reports/upload/", views.report_upload, name="report_upload"),
    path("<slug:org>/reports/new/", views.report_new, name="report_new"),
    path("<slug:org>/reports/rollup/", views.report_rollup_view, name="report_rollup"),
    path("<slug:org>/reports/<int:year>/", views.report_detail, name="report"),
    path("<slug:org>/reports/<int:year>/edit/", views.report_edit, name="report_edit"),
    path("<slug:org>/reports/<int:year>/transition/", views.report_transition, name="report_transition"),
]
