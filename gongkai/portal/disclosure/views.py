"""Public pages of proactive disclosure: 法定主动公开内容 by Art. 20 category, lists,
publication pages with their metadata panel, search, feeds, the yearly archive."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.accounts.access import get_public_organization
from gongkai.accounts.models import Organization
from gongkai.core.params import choice_param, page_param, year_param
from gongkai.disclosure import selectors
from gongkai.disclosure.access import get_public_attachment, get_public_publication
from gongkai.disclosure.archive import archive_year
from gongkai.disclosure.categories import STATUTORY_CATEGORIES, STATUTORY_CATEGORY_LABELS
from gongkai.disclosure.models import Publication, PublicationKind, Validity
from gongkai.search.api import ORDERS, Filters, search
from gongkai.search.backends.base import Order

PAGE_SIZE = 20


def statutory(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_public_organization(org)
    return render(
        request,
        "portal/disclosure/statutory.html",
        {
            "organization": organization,
            "summaries": selectors.statutory_overview(organization=organization),
            "years": selectors.publication_years(organization=organization),
        },
    )


def publication_list(request: HttpRequest, org: str, category: str = "") -> HttpResponse:
    organization = get_public_organization(org)
    if category and category not in STATUTORY_CATEGORY_LABELS:
        raise Http404("No such category")
    year = year_param(request)
    kind = choice_param(request, "kind", PublicationKind.values)
    validity = choice_param(request, "validity", Validity.values)
    publications = selectors.public_publications(
        organizations=[organization], category=category, year=year, kind=kind, validity=validity
    )
    page = Paginator(publications, PAGE_SIZE).get_page(page_param(request))
    return render(
        request,
        "portal/disclosure/publication_list.html",
        {
            "organization": organization,
            "category": category,
            "category_label": STATUTORY_CATEGORY_LABELS.get(category, ""),
            "page": page,
            "year": year,
            "kind": kind,
            "validity": validity,
            "years": selectors.publication_years(organization=organization),
            "kinds": PublicationKind.choices,
            "validities": Validity.choices,
        },
    )


def publication_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    publication = get_public_publication(org, pk)
    policy = publication.interprets if publication.interprets and publication.interprets.is_public else None
    return render(
        request,
        "portal/disclosure/publication.html",
        {
            "organization": publication.organization,
            "publication": publication,
            "attachments": publication.attachments.all(),
            "interpretations": selectors.interpretations_of(publication),
            "policy": policy,
        },
    )


def attachment_download(request: HttpRequest, org: str, pk: int, attachment: int) -> FileResponse:
    item = get_public_attachment(org, pk, attachment)
    inline = item.file_type in ("pdf", "png", "jpeg", "gif")
    return FileResponse(item.file.open("rb"), as_attachment=not inline, filename=item.name)


def search_page(request: HttpRequest, org: str | None = None) -> HttpResponse:
    organization = get_public_organization(org) if org else None
    query = request.GET.get("q", "").strip()[:200]
    order = cast(Order, choice_param(request, "order", ORDERS, default="relevance"))
    category = choice_param(request, "category", STATUTORY_CATEGORY_LABELS)
    validity = choice_param(request, "validity", Validity.values)
    year = year_param(request)
    include_units = request.GET.get("units") == "1"
    organization_ids: tuple[int, ...] = ()
    if organization is not None:
        scope = organization.subtree().filter(is_active=True) if include_units else [organization]
        organization_ids = tuple(o.pk for o in scope)
    filters = Filters(
        organization_ids=organization_ids,
        category=category,
        year=year,
        validity=validity,
        source="publication",
    )
    page = page_param(request)
    results = (
        search(query=query, filters=filters, order=order, page=page, page_size=PAGE_SIZE) if query else None
    )
    hits: list[dict[str, Any]] = []
    if results is not None:
        orgs = {
            o.pk: o for o in Organization.objects.filter(pk__in={h.organization_id for h in results.hits})
        }
        for hit in results.hits:
            owner = orgs.get(hit.organization_id)
            if owner is None:
                continue
            hits.append(
                {
                    "hit": hit,
                    "organization": owner,
                    "url": reverse("portal:publication", args=[owner.slug, hit.object_id]),
                    "category": STATUTORY_CATEGORY_LABELS.get(hit.category, ""),
                }
            )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/disclosure/search.html",
        {
            "organization": organization,
            "query": query,
            "results": results,
            "hits": hits,
            "order": order,
            "category": category,
            "validity": validity,
            "year": year,
            "include_units": include_units,
            "categories": STATUTORY_CATEGORIES,
            "validities": Validity.choices,
            "querystring": params.urlencode(),
        },
    )


def archive(request: HttpRequest, org: str, year: int) -> HttpResponse:
    organization = get_public_organization(org)
    if year not in selectors.publication_years(organization=organization):
        raise Http404("No publications that year")
    name, content = archive_year(organization=organization, year=year)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class PublicationsFeed(Feed):
    """The newest publications of an organization (RSS 2.0)."""

    def get_object(self, request: HttpRequest, org: str) -> Organization:  # type: ignore[override]
        return get_public_organization(org)

    def title(self, obj: Organization) -> str:
        return _("%(name)s: proactive disclosure") % {"name": obj.name}

    def link(self, obj: Organization) -> str:
        return reverse("portal:statutory", args=[obj.slug])

    def description(self, obj: Organization) -> str:
        return _("The newest information published by %(name)s.") % {"name": obj.name}

    def items(self, obj: Organization) -> list[Publication]:
        return list(selectors.public_publications(organizations=[obj])[:50])

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.summary or STATUTORY_CATEGORY_LABELS.get(item.statutory_category, "")

    def item_link(self, item: Publication) -> str:
        return reverse("portal:publication", args=[item.organization.slug, item.pk])

    def item_pubdate(self, item: Publication) -> Any:
        return item.published_at

    def item_guid(self, item: Publication) -> str:
        return item.index_number

    item_guid_is_permalink = False


class PublicationsAtomFeed(PublicationsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Organization) -> str:
        return self.description(obj)
