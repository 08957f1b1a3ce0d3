"""The operator's pages of the statutory working-day calendar."""

from __future__ import annotations

from django.urls import path

from gongkai.backoffice.workdays import views

urlpatterns = [
    path("", views.calendar_years, name="calendar"),
    path("import/", views.calendar_import, name="calendar_import"),
    path("<int:year>/", views.calendar_year, name="calendar_year"),
    path("<int:year>/day/", views.calendar_day, name="calendar_day"),
    path("<int:year>/day/remove/", views.calendar_day_remove_view, name="calendar_day_remove"),
]
