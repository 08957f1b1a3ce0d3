"""Reads of proactive disclosure: lists, the Art. 26 deadlines, the catalog and its history."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.disclosure.categories import STATUTORY_CATEGORIES
from gongkai.disclosure.models import (
    Catalog,
    CatalogEntry,
    CatalogEntryVersion,
    ChangeKind,
    Publication,
    PublicationSettings,
    PublicationStatus,
    YearlyStatistic,
)
from gongkai.search.api import IndexedDocument
from gongkai.search.text import plain_text_from_html
from gongkai.workdays.calendar import CalendarMissing, WorkdayCalendar

ART26_WORKDAYS = 20


# --- Public lists --------------------------------------------------------------------------------


def public_publications(
    *,
    organizations: Sequence[Organization],
    category: str = "",
    year: int | None = None,
    kind: str = "",
    validity: str = "",
) -> QuerySet[Publication]:
    queryset = Publication.objects.filter(organization__in=organizations, status=PublicationStatus.PUBLISHED)
    if category:
        queryset = queryset.filter(statutory_category=category)
    if year:
        queryset = queryset.filter(published_on__year=year)
    if kind:
        queryset = queryset.filter(kind=kind)
    if validity:
        queryset = queryset.filter(validity=validity)
    return queryset.select_related("organization").order_by("-published_on", "-id")


@dataclass
class CategorySummary:
    code: str
    label: str
    count: int
    latest: list[Publication]


def statutory_overview(*, organization: Organization, latest: int = 5) -> list[CategorySummary]:
    """Every Art. 20 category with its number of publications and the newest few."""
    published = Publication.objects.filter(organization=organization, status=PublicationStatus.PUBLISHED)
    counts = dict(
        published.values_list("statutory_category")
        .annotate(n=Count("id"))
        .values_list("statutory_category", "n")
    )
    summaries = []
    for code, label in STATUTORY_CATEGORIES:
        newest = (
            list(published.filter(statutory_category=code).order_by("-published_on", "-id")[:latest])
            if counts.get(code)
            else []
        )
        summaries.append(CategorySummary(code=code, label=label, count=counts.get(code, 0), latest=newest))
    return summaries


def publication_years(*, organization: Organization) -> list[int]:
    dates = Publication.objects.filter(organization=organization, status=PublicationStatus.PUBLISHED).dates(
        "published_on", "year", order="DESC"
    )
    return [d.year for d in dates]


def interpretations_of(publication: Publication) -> QuerySet[Publication]:
    return publication.interpretations.filter(status=PublicationStatus.PUBLISHED).select_related(
        "organization"
    )


# --- Back-office lists ---------------------------------------------------------------------------


def publications_of(*, organization: Organization, status: str = "") -> QuerySet[Publication]:
    queryset = Publication.objects.filter(organization=organization)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.annotate(open_findings=Count("findings", filter=Q(findings__status="open"))).order_by(
        "-updated_at", "-id"
    )


# --- Art. 26: 20 working days after formation ------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    publication: Publication
    due_on: dt.date | None
    # "overdue", "due", "on_time", "late", "calendar_missing"
    state: str
    missing_year: int | None = None

    @property
    def days_late(self) -> int | None:
        if self.due_on is None:
            return None
        end = self.publication.published_on or timezone.localdate()
        return (end - self.due_on).days


def publication_deadline(
    publication: Publication, calendar: WorkdayCalendar, today: dt.date | None = None
) -> Deadline:
    """When the publication is due under Art. 26, and whether it is (or was) on time. A year
    without a calendar is reported as such, never guessed."""
    today = today or timezone.localdate()
    period = publication.deadline_workdays or ART26_WORKDAYS
    try:
        due = calendar.add_workdays(publication.formed_on, period)
    except CalendarMissing as missing:
        return Deadline(publication, None, "calendar_missing", missing.year)
    if publication.published_on is not None:
        return Deadline(publication, due, "on_time" if publication.published_on <= due else "late")
    return Deadline(publication, due, "overdue" if today > due else "due")


@dataclass
class DeadlineDashboard:
    unpublished: list[Deadline]
    late_this_year: list[Deadline]
    missing_years: list[int]

    @property
    def overdue(self) -> list[Deadline]:
        return [d for d in self.unpublished if d.state == "overdue"]


def deadline_dashboard(*, organization: Organization, today: dt.date | None = None) -> DeadlineDashboard:
    """Unpublished publications by due date (overdue first), and this year's late ones."""
    today = today or timezone.localdate()
    calendar = WorkdayCalendar.load()
    pending = Publication.objects.filter(organization=organization).exclude(
        status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN]
    )
    unpublished = [publication_deadline(p, calendar, today) for p in pending]
    unpublished.sort(key=lambda d: (d.due_on is not None, d.due_on or dt.date.max))
    published = Publication.objects.filter(
        organization=organization, status=PublicationStatus.PUBLISHED, published_on__year=today.year
    )
    late = [
        d
        for d in (publication_deadline(p, calendar, today) for p in published)
        if d.state in ("late", "calendar_missing")
    ]
    missing = sorted({d.missing_year for d in [*unpublished, *late] if d.missing_year is not None})
    return DeadlineDashboard(unpublished=unpublished, late_this_year=late, missing_years=missing)


# --- The catalog ---------------------------------------------------------------------------------


def catalog_entries(*, catalog: Catalog, include_deleted: bool = False) -> list[CatalogEntry]:
    """The entries in tree order: each item followed by the items under it."""
    queryset = CatalogEntry.objects.filter(catalog=catalog).select_related("pilot_area")
    if not include_deleted:
        queryset = queryset.filter(is_deleted=False)
    entries = list(queryset.order_by("pilot_area__number", "position", "pk"))
    children: dict[int | None, list[CatalogEntry]] = {}
    for entry in entries:
        children.setdefault(entry.parent_id, []).append(entry)
    ids = {entry.pk for entry in entries}
    ordered: list[CatalogEntry] = []

    def walk(parent: int | None) -> None:
        for entry in children.get(parent, []):
            ordered.append(entry)
            walk(entry.pk)

    for entry in entries:
        if (entry.parent_id is None or entry.parent_id not in ids) and entry not in ordered:
            ordered.append(entry)
            walk(entry.pk)
    return ordered


@dataclass(frozen=True)
class EntryActivity:
    entry: CatalogEntry
    last_published: dt.date | None
    publications: int
    stale: bool


def catalog_activity(*, catalog: Catalog, today: dt.date | None = None) -> list[EntryActivity]:
    """Each live entry with its newest publication; an entry of proactive disclosure with no
    publication within the organization's threshold is ``stale`` (flagged)."""
    today = today or timezone.localdate()
    threshold = 365
    if catalog.organization_id is not None:
        own = PublicationSettings.objects.filter(organization_id=catalog.organization_id).first()
        threshold = own.stale_after_days if own else threshold
    stats = {
        row["catalog_entry"]: row
        for row in Publication.objects.filter(
            catalog_entry__catalog=catalog, status=PublicationStatus.PUBLISHED
        )
        .values("catalog_entry")
        .annotate(last=Max("published_on"), n=Count("id"))
    }
    result = []
    entries = catalog_entries(catalog=catalog)
    parents = {entry.parent_id for entry in entries}
    for entry in entries:
        row = stats.get(entry.pk)
        last = row["last"] if row else None
        leaf = entry.pk not in parents
        stale = (
            catalog.organization_id is not None
            and entry.mode == "proactive"
            and leaf
            and (last is None or (today - last).days > threshold)
        )
        result.append(
            EntryActivity(entry=entry, last_published=last, publications=row["n"] if row else 0, stale=stale)
        )
    return result


def catalog_change_counts(*, catalog: Catalog, year: int) -> dict[str, int]:
    """How many entries were added, adjusted and deleted in a year, from the history. An
    entry adjusted several times in the year counts once; one added and deleted in the
    same year counts in both."""
    versions = CatalogEntryVersion.objects.filter(catalog=catalog, changed_at__year=year)
    counts: Counter[str] = Counter()
    for change, entries in (
        versions.values_list("change").annotate(n=Count("entry", distinct=True)).values_list("change", "n")
    ):
        counts[change] = entries
    return {kind: counts.get(kind, 0) for kind in ChangeKind.values}


def catalog_history(*, catalog: Catalog) -> QuerySet[CatalogEntryVersion]:
    return CatalogEntryVersion.objects.filter(catalog=catalog).select_related("entry", "changed_by")


def catalog_entry_choices(*, organization: Organization) -> QuerySet[CatalogEntry]:
    return CatalogEntry.objects.filter(catalog__organization=organization, is_deleted=False).select_related(
        "pilot_area"
    )


# --- Yearly counts -------------------------------------------------------------------------------


def statistics_of(*, organization: Organization) -> QuerySet[YearlyStatistic]:
    return YearlyStatistic.objects.filter(organization=organization).prefetch_related("revisions")


# --- Search source -------------------------------------------------------------------------------


def indexed_document(publication: Publication) -> IndexedDocument:
    numbers = " ".join(
        part for part in (publication.index_number, publication.document_number, publication.keywords) if part
    )
    body = "\n".join(part for part in (publication.summary, plain_text_from_html(publication.body)) if part)
    attachments = "\n".join(f"{a.name}\n{a.text}" for a in publication.attachments.all())
    assert publication.published_on is not None
    return IndexedDocument(
        source="publication",
        object_id=publication.pk,
        organization_id=publication.organization_id,
        published_on=publication.published_on,
        title=publication.title,
        numbers=numbers,
        body=body,
        attachments=attachments,
        category=publication.statutory_category,
        kind=publication.kind,
        validity=publication.validity,
    )


def published_documents() -> Iterator[IndexedDocument]:
    queryset = Publication.objects.filter(status=PublicationStatus.PUBLISHED).prefetch_related(
        Prefetch("attachments")
    )
    for publication in queryset.iterator(chunk_size=500):
        yield indexed_document(publication)
