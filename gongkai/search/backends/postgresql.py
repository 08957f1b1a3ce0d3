"""PostgreSQL: a tsvector of the same pre-split tokens, in its own narrow table with a GIN
index, keyed by the document key.

``to_tsvector('simple', …)`` would keep a run of Chinese characters as one token, so the
text is pre-split in Python (``search.text``) and the tokens go in through the 'simple'
configuration, which only lower-cases and splits on spaces. Filters are tags in the same
vector. A phrase is ``a <-> b``; a one-character word is the prefix ``疫:*`` (GIN supports
prefix matching). Relevance: ``ts_rank`` over the newest ``CANDIDATES`` matches (all of
them when there are fewer): ``ts_rank`` reads the vector of every row it ranks, so ranking
every match of a common word would read most of the table — docs/search.md has the figures.
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
)
from gongkai.search.text import QueryWord, tokens

TABLE = "search_vector"
# Weights: A title, B numbers, C body, D attachments and tags; ts_rank's weight array is
# {D, C, B, A}. Tags only ever appear in filters, which every candidate satisfies.
RANK_WEIGHTS = "'{0.05, 0.1, 0.5, 1.0}'"


def _lexeme(token: str) -> str:
    return "'" + token.replace("'", "''") + "'"


def _word_query(word: QueryWord) -> str:
    parts = [_lexeme(token) for token in word.tokens]
    if word.prefix:
        parts[-1] += ":*"
    joined = " <-> ".join(parts)
    return f"({joined})" if len(parts) > 1 else joined


def tsquery_text(words: list[QueryWord], filters: Filters | None = None) -> str:
    parts = [_word_query(word) for word in words]
    for group in filter_tag_groups(filters or Filters()):
        parts.append("(" + " | ".join(_lexeme(value) for value in group) + ")")
    return " & ".join(parts)


def _vector_sql() -> str:
    return (
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
        "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D') || "
        "setweight(to_tsvector('simple', %s), 'D')"
    )


# Ends every field, so that a phrase never runs from one field into the next (``||``
# continues the positions). Query tokens are at most two characters: it never matches.
FIELD_END = " fieldend"


def _row(document: IndexedDocument) -> tuple[Any, ...]:
    return (
        document.key,
        tokens(document.title) + FIELD_END,
        tokens(document.numbers) + FIELD_END,
        tokens(document.body) + FIELD_END,
        tokens(document.attachments) + FIELD_END,
        document_tags(document),
    )


class PostgreSQLBackend:
    vendor = "postgresql"

    def create_index(self, cursor: Any) -> None:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key bigint PRIMARY KEY, tsv tsvector NOT NULL)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_tsv ON {TABLE} USING gin (tsv)")

    def drop_index(self, cursor: Any) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")

    def bulk_start(self, cursor: Any) -> None:
        """Before loading many documents: a GIN index is far faster to build than to fill."""
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_tsv")

    def bulk_finish(self, cursor: Any) -> None:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_tsv ON {TABLE} USING gin (tsv)")
        cursor.execute(f"ANALYZE {TABLE}")

    def add(self, cursor: Any, documents: Sequence[IndexedDocument]) -> None:
        self.add_rows(cursor, [_row(document) for document in documents])

    def add_rows(self, cursor: Any, rows: Sequence[tuple[Any, ...]]) -> None:
        cursor.executemany(f"INSERT INTO {TABLE} (key, tsv) VALUES (%s, {_vector_sql()})", rows)

    def remove(self, cursor: Any, documents: Sequence[IndexedDocument]) -> None:
        cursor.execute(f"DELETE FROM {TABLE} WHERE key = ANY(%s)", [[document.key for document in documents]])

    def rank(
        self, cursor: Any, words: list[QueryWord], filters: Filters, order: Order, offset: int, limit: int
    ) -> Ranked:
        query = tsquery_text(words, filters)
        if order == "relevance":
            # ts_rank over the newest candidates only: it reads each one's vector, so ranking
            # every match of a common word would read most of the table. The subquery's LIMIT
            # keeps PostgreSQL from ranking before it has cut the candidates, and one scan
            # both finds and ranks them (no second lookup by key).
            cursor.execute(
                f"SELECT key, ts_rank({RANK_WEIGHTS}, tsv, q) FROM ("
                f"SELECT key, tsv FROM {TABLE} WHERE tsv @@ to_tsquery('simple', %s) "
                "ORDER BY key DESC LIMIT %s) AS candidates, to_tsquery('simple', %s) AS q",
                # Ranked on the words alone: a filter's tags would add to every score.
                [query, CANDIDATES + 1, tsquery_text(words)],
            )
            scored = [(row[0], float(row[1])) for row in cursor.fetchall()]
            more = len(scored) > CANDIDATES
            scored.sort(key=lambda item: -item[0])
            del scored[CANDIDATES:]
            return Ranked(
                keys=ordered_page(scored, offset, limit),
                total=len(scored),
                total_is_lower_bound=more,
                ranked_among_newest=more,
            )
        direction = "DESC" if order == "newest" else "ASC"
        window = max(CANDIDATES, offset + limit)
        cursor.execute(
            f"SELECT key FROM {TABLE} WHERE tsv @@ to_tsquery('simple', %s) ORDER BY key {direction} LIMIT %s",
            [query, window + 1],
        )
        keys = [row[0] for row in cursor.fetchall()]
        more = len(keys) > window
        return Ranked(
            keys=keys[offset : offset + limit], total=min(len(keys), window), total_is_lower_bound=more
        )

    def bare_query(self, cursor: Any, words: list[QueryWord], limit: int) -> list[int]:
        """PostgreSQL's own ranked first page for the same words (the benchmark's yardstick)."""
        cursor.execute(
            f"SELECT key FROM {TABLE}, to_tsquery('simple', %s) AS q WHERE tsv @@ q "
            f"ORDER BY ts_rank({RANK_WEIGHTS}, tsv, q) DESC LIMIT %s",
            [tsquery_text(words), limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def index_size(self, cursor: Any) -> int:
        cursor.execute("SELECT pg_total_relation_size(%s)", [TABLE])
        return int(cursor.fetchone()[0])
