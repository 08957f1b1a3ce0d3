"""Public pages of participation, under each organization's column, in the portal namespace."""

from __future__ import annotations

from django.urls import path

from gongkai.portal.participation import views

P = "<slug:org>/participation/"
urlpatterns = [
    path(P, views.hub, name="participation"),
    path(P + "decisions/", views.decisions, name="participation_decisions"),
    path(P + "decisions/<int:pk>/", views.decision, name="participation_decision"),
    path(P + "consultations/<int:pk>/opinion/", views.opinion, name="participation_opinion"),
    path(P + "surveys/<int:pk>/", views.survey, name="participation_survey"),
    path(P + "projects/", views.projects, name="participation_projects"),
    path(P + "projects/<int:pk>/", views.project, name="participation_project"),
    path(P + "proposals/", views.proposals, name="participation_proposals"),
    path(P + "proposals/<int:pk>/", views.proposal, name="participation_proposal"),
    path(P + "media/", views.media, name="participation_media"),
    path(P + "messages/", views.answers, name="participation_answers"),
    path(P + "messages/write/", views.write, name="participation_write"),
    path(P + "messages/<int:pk>/", views.answer, name="participation_answer"),
    path(P + "emergencies/", views.emergencies, name="participation_emergencies"),
    path(P + "emergencies/<int:pk>/", views.emergency, name="participation_emergency"),
    path(P + "search/", views.search_page, name="participation_search"),
]
