"""Public pages of proactive disclosure (法定主动公开内容), in the portal namespace.

``search/`` is matched before organization slugs (an organization cannot be called
"search")."""

from __future__ import annotations

from django.urls import path

from gongkai.portal.disclosure import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("<slug:org>/statutory/", views.statutory, name="statutory"),
    path("<slug:org>/statutory/<str:category>/", views.publication_list, name="statutory_category"),
    path("<slug:org>/publications/", views.publication_list, name="publications"),
    path("<slug:org>/publications/<int:pk>/", views.publication_detail, name="publication"),
    path(
        "<slug:org>/publications/<int:pk>/attachments/<int:attachment>/",
        views.attachment_download,
        name="publication_attachment",
    ),
    path("<slug:org>/search/", views.search_page, name="organization_search"),
    path("<slug:org>/archive/<int:year>.zip", views.archive, name="publication_archive"),
    path("<slug:org>/feed/rss/", views.PublicationsFeed(), name="publication_feed"),
    path("<slug:org>/feed/atom/", views.PublicationsAtomFeed(), name="publication_atom"),
]
