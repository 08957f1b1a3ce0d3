"""sitemap.xml: every published publication (with its date) and every column's
法定主动公开内容 page."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from gongkai.accounts.models import Organization
from gongkai.disclosure.models import Publication, PublicationStatus


class PublicationSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self) -> QuerySet[Publication]:
        return (
            Publication.objects.filter(status=PublicationStatus.PUBLISHED)
            .select_related("organization")
            .order_by("-published_on", "-id")
        )

    def location(self, item: Publication) -> str:
        return reverse("portal:publication", args=[item.organization.slug, item.pk])

    def lastmod(self, item: Publication) -> dt.datetime:
        return item.updated_at


class StatutorySitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> QuerySet[Organization]:
        return Organization.objects.filter(is_active=True).order_by("path")

    def location(self, item: Organization) -> str:
        return reverse("portal:statutory", args=[item.slug])


SITEMAPS = {"publications": PublicationSitemap, "statutory": StatutorySitemap}
