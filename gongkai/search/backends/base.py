"""What every search backend provides, and the types that cross the interface."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from gongkai.search.text import QueryWord

Order = Literal["relevance", "newest", "oldest"]
ORDERS: tuple[Order, ...] = ("relevance", "newest", "oldest")
# Relevance ranks at most this many of the newest matching documents (docs/search.md): a
# word found in most documents then costs no more than a rare one.
CANDIDATES = 2000
KEY_DAY = 1_000_000_000
# Sources share each day's keys: every source but publications has its own slot of
# KEY_SLOT ids (``register_key_slot``), so that a decision and a publication with the same
# id published on the same day never get the same key. Publications (and any source
# without a slot) use slot 0, so their keys are what they always were.
KEY_SLOT = 100_000_000
SOURCE_SLOTS: dict[str, int] = {}


def register_key_slot(source: str, slot: int) -> None:
    """Give ``source`` its own slot (1–9) of each day's keys; a slot belongs to one source."""
    if not 0 < slot < KEY_DAY // KEY_SLOT:
        raise ValueError(f"slot {slot} out of range")
    holder = next((name for name, taken in SOURCE_SLOTS.items() if taken == slot), source)
    if holder != source:
        raise ValueError(f"slot {slot} already belongs to {holder!r}")
    SOURCE_SLOTS[source] = slot


@dataclass(frozen=True)
class IndexedDocument:
    """What a source hands to the index for one of its objects."""

    source: str
    object_id: int
    organization_id: int
    published_on: dt.date
    title: str
    numbers: str = ""
    body: str = ""
    attachments: str = ""
    category: str = ""
    kind: str = ""
    validity: str = ""

    @property
    def key(self) -> int:
        return document_key(self.published_on, self.object_id, SOURCE_SLOTS.get(self.source, 0))


def document_key(published_on: dt.date, object_id: int, slot: int = 0) -> int:
    """Newest first by descending key: the day, then the source's slot and the object's id."""
    if not 0 < object_id < (KEY_DAY if slot == 0 else KEY_SLOT):
        raise ValueError("object id out of range for a search key")
    return published_on.toordinal() * KEY_DAY + slot * KEY_SLOT + object_id


@dataclass(frozen=True)
class Filters:
    organization_ids: tuple[int, ...] = ()
    category: str = ""
    year: int | None = None
    validity: str = ""
    kind: str = ""
    source: str = ""


_TAG_CHARS = re.compile(r"[^0-9a-z]")


def tag(prefix: str, value: object) -> str:
    return prefix + _TAG_CHARS.sub("", str(value).lower())


def document_tags(document: IndexedDocument) -> str:
    """Filter values as tokens: they are looked up in the same index as the words. Every
    tag is at least three characters long and query tokens are at most two, so a query
    never matches a tag."""
    parts = [
        tag("sr", document.source),
        tag("og", document.organization_id),
        tag("yr", document.published_on.year),
    ]
    for prefix, value in (("ct", document.category), ("kd", document.kind), ("vd", document.validity)):
        if value:
            parts.append(tag(prefix, value))
    return " ".join(parts)


def filter_tag_groups(filters: Filters) -> list[list[str]]:
    """The filters as groups of tags: a document must carry one tag of every group."""
    groups: list[list[str]] = []
    if filters.organization_ids:
        groups.append([tag("og", pk) for pk in filters.organization_ids])
    if filters.source:
        groups.append([tag("sr", filters.source)])
    if filters.year:
        groups.append([tag("yr", filters.year)])
    for prefix, value in (("ct", filters.category), ("kd", filters.kind), ("vd", filters.validity)):
        if value:
            groups.append([tag(prefix, value)])
    return groups


# Relevance of a broad query: field weights and BM25F constants for ``rank_by_occurrences``.
FIELD_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("title", 10.0),
    ("numbers", 5.0),
    ("body", 1.0),
    ("attachments", 0.5),
)
K1 = 1.2
B = 0.75


# Occurrences are counted in at most this many characters of each field.
COUNTED_CHARS = 50_000


def rank_by_occurrences(cursor: Any, keys: Sequence[int], words: list[QueryWord]) -> list[tuple[int, float]]:
    """BM25F scores of candidate documents from the occurrences of the words in their
    stored text. SQLite uses it when a query matches more documents than the candidate
    window: FTS5's bm25 counts the documents of each phrase over the whole index before it
    scores a row, so it cannot be bounded. Every candidate contains every word, so all
    words weigh the same (no IDF)."""
    if not keys:
        return []
    columns = ", ".join(f"SUBSTR({name}, 1, {COUNTED_CHARS})" for name, _weight in FIELD_WEIGHTS)
    placeholders = ", ".join(["%s"] * len(keys))
    cursor.execute(
        f"SELECT key, {columns} FROM search_searchdocument WHERE key IN ({placeholders})", list(keys)
    )
    rows = cursor.fetchall()
    fields = len(FIELD_WEIGHTS)
    texts = [[text or "" for text in row[1:]] for row in rows]
    if any(char.isascii() and char.isalpha() for word in words for char in word.text):
        texts = [[text.lower() for text in row] for row in texts]  # query words are lower case
    averages = [max(1.0, sum(len(row[i]) for row in texts) / len(texts)) for i in range(fields)]
    weights = [weight for _name, weight in FIELD_WEIGHTS]
    scored = []
    for row, fields_text in zip(rows, texts, strict=True):
        norms = [1 - B + B * len(fields_text[i]) / averages[i] for i in range(fields)]
        score = 0.0
        for word in words:
            needle = word.text
            frequency = sum(
                weights[i] * fields_text[i].count(needle) / norms[i] for i in range(fields) if fields_text[i]
            )
            score += frequency / (frequency + K1)
        scored.append((int(row[0]), score))
    return scored


def ordered_page(
    scored: list[tuple[int, float]], offset: int, limit: int, higher_first: bool = True
) -> list[int]:
    sign = -1 if higher_first else 1
    scored.sort(key=lambda item: (sign * item[1], -item[0]))
    return [key for key, _score in scored[offset : offset + limit]]


@dataclass
class Ranked:
    """What a backend's query returns: the keys of one page, in order, and how many matched
    (exactly, or at least ``total`` when ``total_is_lower_bound``)."""

    keys: list[int]
    total: int
    total_is_lower_bound: bool = False
    # Relevance ranked only the newest CANDIDATES matches, not all of them.
    ranked_among_newest: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class Backend(Protocol):
    vendor: str

    def create_index(self, cursor: Any) -> None: ...

    def drop_index(self, cursor: Any) -> None: ...

    def bulk_start(self, cursor: Any) -> None: ...

    def bulk_finish(self, cursor: Any) -> None: ...

    def add(self, cursor: Any, documents: Sequence[IndexedDocument]) -> None: ...

    def remove(self, cursor: Any, documents: Sequence[IndexedDocument]) -> None: ...

    def rank(
        self, cursor: Any, words: list[QueryWord], filters: Filters, order: Order, offset: int, limit: int
    ) -> Ranked: ...

    def bare_query(self, cursor: Any, words: list[QueryWord], limit: int) -> list[int]: ...

    def index_size(self, cursor: Any) -> int: ...
