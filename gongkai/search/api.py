"""The one interface to Chinese full-text search.

Sources (publications today) hand ``IndexedDocument``s to ``index_documents`` and call
``remove_documents`` when an object leaves the public site; ``search`` answers a query
with a page of hits, highlighted from the original text. The database-specific work is in
``backends``; both backends find the same documents for the same query.

A source registers ``register_source(name, documents)`` (a callable yielding every
document it wants indexed) so that ``rebuild`` can repopulate the index from scratch. A
source other than publications also takes a key slot (``slot=``, 1–9, fixed in its code)
so that its ids never collide with another source's, and a ``label`` (what a page calls its
documents); the interface serving its pages registers ``register_link(name, link)``, the
public URL of a hit. A results page over every source asks ``link_for(hit)`` and
``source_label(name)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection, transaction

from gongkai.search.backends.base import (
    CANDIDATES,
    ORDERS,
    Backend,
    Filters,
    IndexedDocument,
    Order,
    document_key,
    register_key_slot,
)
from gongkai.search.models import SearchDocument
from gongkai.search.text import QueryWord, highlight, parse_query, snippet

__all__ = [
    "CANDIDATES",
    "ORDERS",
    "Filters",
    "Hit",
    "IndexedDocument",
    "SearchResults",
    "backend",
    "index_documents",
    "link_for",
    "rebuild",
    "register_link",
    "register_source",
    "remove_documents",
    "search",
    "source_label",
]

MAX_PAGE_SIZE = 100


def backend() -> Backend:
    if connection.vendor == "postgresql":
        from gongkai.search.backends.postgresql import PostgreSQLBackend

        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        from gongkai.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    raise NotImplementedError(f"no search backend for {connection.vendor}")


# --- Writing -------------------------------------------------------------------------------------


def _document_of(row: SearchDocument) -> IndexedDocument:
    return IndexedDocument(
        source=row.source,
        object_id=row.object_id,
        organization_id=row.organization_id,
        published_on=row.published_on,
        title=row.title,
        numbers=row.numbers,
        body=row.body,
        attachments=row.attachments,
        category=row.category,
        kind=row.kind,
        validity=row.validity,
    )


def _fields(document: IndexedDocument) -> dict[str, object]:
    return {
        "key": document.key,
        "organization_id": document.organization_id,
        "published_on": document.published_on,
        "category": document.category,
        "kind": document.kind,
        "validity": document.validity,
        "title": document.title,
        "numbers": document.numbers,
        "body": document.body,
        "attachments": document.attachments,
    }


@transaction.atomic
def index_documents(documents: Iterable[IndexedDocument]) -> int:
    """Add or replace documents in the index, in the caller's transaction."""
    engine = backend()
    count = 0
    with connection.cursor() as cursor:
        for document in documents:
            old = SearchDocument.objects.filter(source=document.source, object_id=document.object_id).first()
            if old is not None:
                engine.remove(cursor, [_document_of(old)])
                for name, value in _fields(document).items():
                    setattr(old, name, value)
                old.save()
            else:
                SearchDocument.objects.create(
                    source=document.source, object_id=document.object_id, **_fields(document)
                )
            engine.add(cursor, [document])
            count += 1
    return count


@transaction.atomic
def remove_documents(*, source: str, object_ids: Iterable[int]) -> int:
    engine = backend()
    rows = list(SearchDocument.objects.filter(source=source, object_id__in=list(object_ids)))
    if rows:
        with connection.cursor() as cursor:
            engine.remove(cursor, [_document_of(row) for row in rows])
        SearchDocument.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


_SOURCES: dict[str, Callable[[], Iterable[IndexedDocument]]] = {}
# How to reach a hit of each source on the public site, and what a page calls its documents.
_LINKS: dict[str, Callable[[Hit], str | None]] = {}
_LABELS: dict[str, Callable[[], str]] = {}


def register_source(
    name: str,
    documents: Callable[[], Iterable[IndexedDocument]],
    *,
    slot: int | None = None,
    label: Callable[[], str] | None = None,
) -> None:
    if slot is not None:
        register_key_slot(name, slot)
    _SOURCES[name] = documents
    if label is not None:
        _LABELS[name] = label


def register_link(name: str, link: Callable[[Hit], str | None]) -> None:
    """How a results page links a hit of source ``name`` (registered by the interface
    that serves the source's public pages)."""
    _LINKS[name] = link


def link_for(hit: Hit) -> str | None:
    """The public URL of a hit, if its source registered how to build one."""
    link = _LINKS.get(hit.source)
    return link(hit) if link else None


def source_label(name: str) -> str:
    label = _LABELS.get(name)
    return label() if label else ""


def _batches(items: Iterable[IndexedDocument], size: int) -> Iterator[list[IndexedDocument]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def rebuild(*, progress: Callable[[int], None] | None = None, batch_size: int = 500) -> int:
    """Drop and refill the index from every registered source, in one transaction."""
    engine = backend()
    total = 0
    with transaction.atomic(), connection.cursor() as cursor:
        engine.drop_index(cursor)
        engine.create_index(cursor)
        engine.bulk_start(cursor)
        SearchDocument.objects.all().delete()
        for source in sorted(_SOURCES):
            for batch in _batches(_SOURCES[source](), batch_size):
                SearchDocument.objects.bulk_create(
                    [SearchDocument(source=d.source, object_id=d.object_id, **_fields(d)) for d in batch]
                )
                engine.add(cursor, batch)
                total += len(batch)
                if progress:
                    progress(len(batch))
        engine.bulk_finish(cursor)
    return total


# --- Reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    source: str
    object_id: int
    organization_id: int
    published_on: dt.date
    category: str
    kind: str
    validity: str
    title: str
    title_html: str
    snippet_html: str
    numbers: str


@dataclass
class SearchResults:
    query: str
    words: list[QueryWord]
    order: Order
    page: int
    page_size: int
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_is_lower_bound: bool = False
    ranked_among_newest: bool = False  # relevance: only the newest CANDIDATES matches were ranked

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


_DOCUMENT_COLUMNS = "key, source, object_id, organization_id, published_on, category, kind, validity, title, numbers, body, attachments"


def search(
    *,
    query: str,
    filters: Filters | None = None,
    order: Order = "relevance",
    page: int = 1,
    page_size: int = 20,
) -> SearchResults:
    """One page of documents matching every word of ``query``.

    ``relevance`` ranks the newest ``CANDIDATES`` matches (all of them when there are fewer);
    ``newest`` and ``oldest`` order by publication date. ``total`` counts matches up to the
    candidate window and says when there are more."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}")
    page = max(1, page)
    page_size = min(max(1, page_size), MAX_PAGE_SIZE)
    words = parse_query(query)
    results = SearchResults(query=query, words=words, order=order, page=page, page_size=page_size)
    if not words:
        return results
    engine = backend()
    with connection.cursor() as cursor:
        ranked = engine.rank(cursor, words, filters or Filters(), order, (page - 1) * page_size, page_size)
        results.total, results.total_is_lower_bound = ranked.total, ranked.total_is_lower_bound
        results.ranked_among_newest = ranked.ranked_among_newest
        if not ranked.keys:
            return results
        placeholders = ", ".join(["%s"] * len(ranked.keys))
        cursor.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM search_searchdocument WHERE key IN ({placeholders})",
            ranked.keys,
        )
        rows = {row[0]: row for row in cursor.fetchall()}
    for key in ranked.keys:
        row = rows.get(key)
        if row is None:
            continue
        (
            _key,
            source,
            object_id,
            organization_id,
            published_on,
            category,
            kind,
            validity,
            title,
            numbers,
            body,
            files,
        ) = row
        if isinstance(published_on, str):
            published_on = dt.date.fromisoformat(published_on)
        text = body if _mentions(body, words) or not _mentions(files, words) else files
        results.hits.append(
            Hit(
                source=source,
                object_id=object_id,
                organization_id=organization_id,
                published_on=published_on,
                category=category,
                kind=kind,
                validity=validity,
                title=title,
                title_html=highlight(title, words),
                snippet_html=snippet(text or numbers, words),
                numbers=numbers,
            )
        )
    return results


def _mentions(text: str, words: list[QueryWord]) -> bool:
    return any(word.text in text for word in words) or any(word.text in text.lower() for word in words)


def key_of(published_on: dt.date, object_id: int) -> int:
    return document_key(published_on, object_id)
