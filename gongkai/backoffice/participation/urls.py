"""Back-office pages of public participation, in the backoffice namespace."""

from __future__ import annotations

from django.urls import path

from gongkai.backoffice.participation import views

P = "<slug:org>/participation/"
urlpatterns = [
    path(P, views.hub, name="participation"),
    path(P + "settings/", views.settings_edit, name="participation_settings"),
    path(P + "decisions/", views.decisions, name="participation_decisions"),
    path(P + "decisions/new/", views.decision_new, name="participation_decision_new"),
    path(P + "catalogs/<int:pk>/publish/", views.catalog_publish, name="participation_catalog_publish"),
    path(P + "decisions/<int:pk>/", views.decision_detail, name="participation_decision"),
    path(P + "decisions/<int:pk>/outcome/", views.decision_outcome, name="participation_decision_outcome"),
    path(
        P + "decisions/<int:pk>/consultations/new/",
        views.consultation_new,
        name="participation_consultation_new",
    ),
    path(P + "consultations/<int:pk>/", views.consultation_detail, name="participation_consultation"),
    path(
        P + "consultations/<int:pk>/publish/",
        views.consultation_publish,
        name="participation_consultation_publish",
    ),
    path(P + "consultations/<int:pk>/feedback/", views.feedback_new, name="participation_feedback_new"),
    path(
        P + "consultations/<int:pk>/feedback/publish/",
        views.feedback_publish,
        name="participation_feedback_publish",
    ),
    path(
        P + "consultations/<int:pk>/feedback/withdraw/",
        views.feedback_withdraw,
        name="participation_feedback_withdraw",
    ),
    path(P + "consultations/<int:pk>/surveys/new/", views.survey_new, name="participation_survey_new"),
    path(P + "feedback/<int:pk>/", views.feedback_edit, name="participation_feedback"),
    path(P + "opinions/<int:pk>/moderate/", views.opinion_moderate, name="participation_opinion_moderate"),
    path(P + "surveys/<int:pk>/", views.survey_detail, name="participation_survey"),
    path(P + "questions/<int:pk>/remove/", views.question_remove, name="participation_question_remove"),
    path(P + "projects/", views.projects, name="participation_projects"),
    path(P + "projects/new/", views.project_new, name="participation_project_new"),
    path(P + "projects/<int:pk>/", views.project_detail, name="participation_project"),
    path(P + "projects/<int:pk>/publish/", views.project_publish, name="participation_project_publish"),
    path(
        P + "stage-records/<int:pk>/remove/",
        views.stage_record_remove,
        name="participation_stage_record_remove",
    ),
    path(P + "proposals/", views.proposals, name="participation_proposals"),
    path(P + "proposals/new/", views.proposal_new, name="participation_proposal_new"),
    path(P + "proposals/<int:pk>/", views.proposal_detail, name="participation_proposal"),
    path(P + "proposals/<int:pk>/publish/", views.proposal_publish, name="participation_proposal_publish"),
    path(P + "media/", views.media, name="participation_media"),
    path(P + "media/<int:pk>/", views.media_account, name="participation_media_account"),
    path(P + "messages/", views.message_queue, name="participation_messages"),
    path(P + "messages/<int:pk>/", views.message_detail, name="participation_message"),
    path(P + "emergencies/", views.emergencies, name="participation_emergencies"),
    path(P + "emergencies/<int:pk>/", views.emergency_detail, name="participation_emergency"),
    path(P + "emergencies/<int:pk>/end/", views.emergency_end, name="participation_emergency_end"),
    path(P + "notices/<int:pk>/release/", views.notice_release, name="participation_notice_release"),
]
