"""The public site: every organization's 政府信息公开 column (国办公开办函〔2019〕61号).

Chinese at the root, English under /en/. Each domain adds its pages through its own
URL module included here (disclosure: 法定主动公开内容, search, feeds; requests: 依申请公开).
"""

from __future__ import annotations

from django.urls import include, path

from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("", include("gongkai.portal.disclosure.urls")),
    path("", include("gongkai.portal.requests.urls")),
    path("", include("gongkai.portal.participation.urls")),
    path("<slug:org>/", views.column, name="column"),
    path("<slug:org>/guide/", views.guide, name="guide"),
    path("<slug:org>/rules/", views.rules, name="rules"),
    path("<slug:org>/rules/<int:pk>/", views.rules_document, name="rules_document"),
    path("<slug:org>/annual-reports/", views.annual_reports, name="annual_reports"),
    path("<slug:org>/annual-reports/<int:year>/", views.annual_report, name="annual_report"),
    path(
        "<slug:org>/annual-reports/<int:year>.<str:fmt>",
        views.annual_report_download,
        name="annual_report_download",
    ),
]
