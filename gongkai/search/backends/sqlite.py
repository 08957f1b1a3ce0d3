"""SQLite: a contentless FTS5 table over pre-split text (bigrams, see ``search.text``).

* ``prefix='1'`` keeps a one-character prefix index, so a one-character query is a single
  index lookup rather than a merge of every bigram that starts with it.
* Contentless (``content=''``): the original text lives in ``search_searchdocument``; a
  document is removed by re-tokenising its stored text (FTS5's 'delete' command).
* The rowid is the document's key, so ``ORDER BY rowid DESC`` is newest first for free.
* Relevance: when a query matches at most ``EXACT_LIMIT`` documents, bm25 with weights
  title 10, numbers 5, body 1, attachments 0.5 on its words that are in at most
  ``EXACT_LIMIT`` documents; otherwise the newest ``CANDIDATES`` matches ranked by
  ``rank_by_occurrences`` (docs/search.md).
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
# Up to this many matches, bm25 ranks every one of them, on the query's words that are in at
# most this many documents; beyond, the newest CANDIDATES matches are ranked by their
# occurrences (docs/search.md has the measurements).
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
        if order == "relevance":
            return self._rank_by_relevance(cursor, words, filters, offset, limit)
        expression = match_expression(words, filters)
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

    def _count(self, cursor: Any, expression: str) -> int:
        """Matches of ``expression``, counted up to ``EXACT_LIMIT`` + 1 in the index's own
        order, inside SQLite: cheap for any word."""
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT %s)",
            [expression, EXACT_LIMIT + 1],
        )
        return int(cursor.fetchone()[0])

    def _rank_by_relevance(
        self, cursor: Any, words: list[QueryWord], filters: Filters, offset: int, limit: int
    ) -> Ranked:
        """bm25 over every match when that is cheap, else the newest CANDIDATES matches by
        their occurrences. bm25's cost is not only the matches' but the phrases': before it
        scores a row it counts the documents of every phrase of its query over the whole
        index ("关于 济布" matches few documents, but bm25 would count every 关于 first). So
        bm25 never sees a filter tag (a year's tag is in a seventh of the index) nor a word
        in more than EXACT_LIMIT documents; when the matches are few but every word is
        common, they are ranked by their occurrences."""
        expression = match_expression(words, filters)
        # The matches up to EXACT_LIMIT + 1, in the index's own (cheapest) order: their
        # number, and all of them when there are at most CANDIDATES.
        cursor.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT %s", [expression, EXACT_LIMIT + 1]
        )
        found = [row[0] for row in cursor.fetchall()]
        matches = len(found)
        if matches == 0:
            return Ranked(keys=[], total=0)
        filtered = bool(filter_tag_groups(filters))
        if matches <= EXACT_LIMIT:
            # The words bm25 may weigh: those in at most EXACT_LIMIT documents (a single
            # word without filters is, since it matches at most that many).
            narrow = (
                words
                if len(words) == 1 and not filtered
                else [word for word in words if self._count(cursor, match_expression([word])) <= EXACT_LIMIT]
            )
            if narrow == words and not filtered:
                # Lower is better; ties newest first. SQLite sorts and returns only the page.
                cursor.execute(
                    f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s "
                    f"ORDER BY bm25({TABLE}, {WEIGHTS}), rowid DESC LIMIT %s OFFSET %s",
                    [match_expression(words), limit, offset],
                )
                return Ranked(keys=[row[0] for row in cursor.fetchall()], total=matches)
            if narrow:
                # Every match (all of them are in ``found``) scored by bm25 on its narrow
                # words: a word in many documents would weigh little in bm25 anyway, and
                # filter tags weigh nothing.
                passing = set(found)
                cursor.execute(
                    f"SELECT rowid, bm25({TABLE}, {WEIGHTS}) FROM {TABLE} WHERE {TABLE} MATCH %s",
                    [match_expression(narrow)],
                )
                scored = [(key, score) for key, score in cursor.fetchall() if key in passing]
                return Ranked(keys=ordered_page(scored, offset, limit, higher_first=False), total=matches)
        if matches <= CANDIDATES:
            candidates = found
        else:
            cursor.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s",
                [expression, CANDIDATES],
            )
            candidates = [row[0] for row in cursor.fetchall()]
        scored = rank_by_occurrences(cursor, candidates, words)
        more = matches > EXACT_LIMIT
        return Ranked(
            keys=ordered_page(scored, offset, limit),
            total=min(matches, EXACT_LIMIT),
            total_is_lower_bound=more,
            ranked_among_newest=matches > CANDIDATES,
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
