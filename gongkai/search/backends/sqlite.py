"""SQLite: a contentless FTS5 table over pre-split text (bigrams, see ``search.text``).

* ``prefix='1'`` keeps a one-character prefix index, so a one-character query is a single
  index lookup rather than a merge of every bigram that starts with it.
* Contentless (``content=''``): the original text lives in ``search_searchdocument``; a
  document is removed by re-tokenising its stored text (FTS5's 'delete' command).
* The rowid is the document's key, so ``ORDER BY rowid DESC`` is newest first for free.
* Relevance: bm25 with weights title 10, numbers 5, body 1, attachments 0.5 when a query
  matches at most ``EXACT_LIMIT`` documents; otherwise the newest ``CANDIDATES`` matches
  ranked by ``rank_by_occurrences`` (docs/search.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gongkai.search.backends.base import (
    CANDIDATES,
    Filters,
    IndexedDocument,
    Order,
    Ranked,
    document_tags,
    filter_tag_groups,
    ordered_page,
    rank_by_occurrences,
)
from gongkai.search.text import QueryWord, tokens

TABLE = "search_fts"
CONTENT_COLUMNS = "{title numbers body attachments}"
WEIGHTS = "10.0, 5.0, 1.0, 0.5, 0.0"
# Up to this many matches, bm25 ranks every one of them; beyond, the newest CANDIDATES are
# ranked by their occurrences (docs/search.md has the measurements).
EXACT_LIMIT = 10_000


def _phrase(word: QueryWord) -> str:
    quoted = '"' + " ".join(word.tokens) + '"'
    return quoted + ("*" if word.prefix else "")


def match_expression(words: list[QueryWord], filters: Filters | None = None) -> str:
    parts = [f"{CONTENT_COLUMNS} : {_phrase(word)}" for word in words]
    for group in filter_tag_groups(filters or Filters()):
        parts.append("(" + " OR ".join(f'tags : "{value}"' for value in group) + ")")
    return " AND ".join(parts)


def _row(document: IndexedDocument) -> tuple[Any, ...]:
    return (
        document.key,
        tokens(document.title),
        tokens(document.numbers),
        tokens(document.body),
        tokens(document.attachments),
        document_tags(document),
    )


class SQLiteBackend:
    vendor = "sqlite"

    def create_index(self, cursor: Any) -> None:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
            "title, numbers, body, attachments, tags, content='', tokenize='ascii', prefix='1')"
        )

    def drop_index(self, cursor: Any) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")

    def bulk_start(self, cursor: Any) -> None:
        """Before loading many documents at once."""

    def bulk_finish(self, cursor: Any) -> None:
        """After a bulk load: merge the index segments into one b-tree (faster queries)."""
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")

    def add(self, cursor: Any, documents: Sequence[IndexedDocument]) -> None:
        self.add_rows(cursor, [_row(document) for document in documents])

    def add_rows(self, cursor: Any, rows: Sequence[tuple[Any, ...]]) -> None:
        cursor.executemany(
            f"INSERT INTO {TABLE}(rowid, title, numbers, body, attachments, tags) VALUES (%s, %s, %s, %s, %s, %s)",
            rows,
        )

    def remove(self, cursor: Any, documents: Sequence[IndexedDocument]) -> None:
        cursor.executemany(
            f"INSERT INTO {TABLE}({TABLE}, rowid, title, numbers, body, attachments, tags) "
            "VALUES ('delete', %s, %s, %s, %s, %s, %s)",
            [_row(document) for document in documents],
        )

    def rank(
        self, cursor: Any, words: list[QueryWord], filters: Filters, order: Order, offset: int, limit: int
    ) -> Ranked:
        expression = match_expression(words, filters)
        if order == "relevance":
            # Counting in the index's own order, inside SQLite, is the cheapest way to learn
            # whether bm25 may rank every match.
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT %s)",
                [expression, EXACT_LIMIT + 1],
            )
            matches = int(cursor.fetchone()[0])
            if matches > EXACT_LIMIT:
                cursor.execute(
                    f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s",
                    [expression, CANDIDATES],
                )
                scored = rank_by_occurrences(cursor, [row[0] for row in cursor.fetchall()], words)
                return Ranked(
                    keys=ordered_page(scored, offset, limit), total=EXACT_LIMIT, total_is_lower_bound=True
                )
            # Few enough to rank them all with bm25 (lower is better; ties newest first): bm25
            # costs about a microsecond or two per match, counting occurrences about ten per
            # candidate. SQLite sorts and returns only the page.
            cursor.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s "
                f"ORDER BY bm25({TABLE}, {WEIGHTS}), rowid DESC LIMIT %s OFFSET %s",
                [expression, limit, offset],
            )
            return Ranked(keys=[row[0] for row in cursor.fetchall()], total=matches)
        direction = "DESC" if order == "newest" else "ASC"
        window = max(CANDIDATES, offset + limit)
        cursor.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rowid {direction} LIMIT %s",
            [expression, window + 1],
        )
        keys = [row[0] for row in cursor.fetchall()]
        more = len(keys) > window
        return Ranked(
            keys=keys[offset : offset + limit], total=min(len(keys), window), total_is_lower_bound=more
        )

    def bare_query(self, cursor: Any, words: list[QueryWord], limit: int) -> list[int]:
        """FTS5's own ranked first page for the same words (the benchmark's yardstick)."""
        cursor.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY bm25({TABLE}, {WEIGHTS}) LIMIT %s",
            [match_expression(words), limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def index_size(self, cursor: Any) -> int:
        cursor.execute(
            "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE %s",
            [TABLE + "%"],
        )
        return int(cursor.fetchone()[0])
