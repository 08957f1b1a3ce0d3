"""Public pages of applications (依申请公开), in the portal namespace."""

from __future__ import annotations

from django.urls import path

from gongkai.portal.requests import views

urlpatterns = [
    path("<slug:org>/apply/", views.apply, name="apply"),
    path("<slug:org>/apply/track/", views.track_lookup, name="track_lookup"),
    path("<slug:org>/apply/track/<str:code>/", views.track, name="track"),
    path("<slug:org>/apply/track/<str:code>/correction/", views.track_correction, name="track_correction"),
    path("<slug:org>/apply/track/<str:code>/withdraw/", views.track_withdraw, name="track_withdraw"),
]
