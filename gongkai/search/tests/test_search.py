"""Search finds exactly the documents that contain every word (the LIKE semantics), on
whichever database runs the tests."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core.testing import make_organization
from gongkai.search.api import (
    Filters,
    IndexedDocument,
    index_documents,
    rebuild,
    register_source,
    remove_documents,
    search,
)
from gongkai.search.models import SearchDocument
from gongkai.search.text import normalize, tokens

pytestmark = pytest.mark.django_db

WORDS = [
    "疫情",
    "防控",
    "公开",
    "信息",
    "政府",
    "预算",
    "教育",
    "通知",
    "关于",
    "工作",
    "规划",
    "安全",
    "住房",
    "保障",
]


def corpus(organizations, count=120, seed=7):
    rng = random.Random(seed)
    documents = []
    for n in range(1, count + 1):
        body = (
            "，".join("".join(rng.choices(WORDS, k=rng.randint(1, 4))) for _ in range(rng.randint(1, 6)))
            + "。"
        )
        documents.append(
            IndexedDocument(
                source="test",
                object_id=n,
                organization_id=organizations[n % len(organizations)].pk,
                published_on=dt.date(2020, 1, 1) + dt.timedelta(days=n * 9),
                title="关于" + "".join(rng.choices(WORDS, k=2)) + "的通知",
                numbers=f"测发〔{2020 + n % 5}〕{n}号",
                body=body,
                category=f"A20_{n % 15 + 1:02d}",
                kind=rng.choice(["rule", "other_document"]),
                validity=rng.choice(["valid", "repealed"]),
            )
        )
    index_documents(documents)
    return documents


def oracle(documents, query, filters=None):
    filters = filters or Filters()
    words = [normalize(w) for w in query.split()]
    found = []
    for d in documents:
        text = normalize(" ".join((d.title, d.numbers, d.body, d.attachments)))
        if not all(w in text for w in words):
            continue
        if filters.organization_ids and d.organization_id not in filters.organization_ids:
            continue
        if filters.year and d.published_on.year != filters.year:
            continue
        if filters.category and d.category != filters.category:
            continue
        if filters.validity and d.validity != filters.validity:
            continue
        found.append(d.object_id)
    return sorted(found)


def all_ids(query, filters=None, order="newest"):
    filters = filters or Filters()
    ids, page = [], 1
    while True:
        results = search(query=query, filters=filters, order=order, page=page, page_size=100)
        ids += [hit.object_id for hit in results.hits]
        if not results.has_next:
            return ids
        page += 1


@pytest.fixture
def orgs(db):
    government = make_organization(kind="government")
    return [government, make_organization(parent=government)]


@pytest.mark.parametrize(
    "query",
    [
        "疫",
        "疫情",
        "情防",
        "公开",
        "疫情防控",
        "关于 预算",
        "公开 信息 政府",
        "2021",
        "〔2022〕",
        "5号",
        "教育局",
    ],
)
def test_finds_exactly_what_a_substring_scan_finds(orgs, query):
    documents = corpus(orgs)
    expected = oracle(documents, query)
    assert sorted(all_ids(query)) == expected
    results = search(query=query)
    assert results.total == len(expected)
    assert sorted(all_ids(query, order="relevance")) == expected


def test_one_character_queries_find_it_anywhere_in_a_run(orgs):
    index_documents(
        [
            IndexedDocument("test", 1, orgs[0].pk, dt.date(2024, 1, 1), "做好防控", body="其他"),  # run end
            IndexedDocument("test", 2, orgs[0].pk, dt.date(2024, 1, 2), "控制", body="其他"),  # run start
            IndexedDocument("test", 3, orgs[0].pk, dt.date(2024, 1, 3), "失控了", body="其他"),  # middle
            IndexedDocument("test", 4, orgs[0].pk, dt.date(2024, 1, 4), "控", body="其他"),  # alone
            IndexedDocument("test", 5, orgs[0].pk, dt.date(2024, 1, 5), "没有", body="其他"),
        ]
    )
    assert sorted(all_ids("控")) == [1, 2, 3, 4]
    assert sorted(all_ids("防控")) == [1]


def test_filters(orgs):
    documents = corpus(orgs)
    for filters in (
        Filters(organization_ids=(orgs[1].pk,)),
        Filters(year=2021),
        Filters(category="A20_03"),
        Filters(validity="repealed", organization_ids=(orgs[0].pk, orgs[1].pk)),
    ):
        assert sorted(all_ids("通知", filters)) == oracle(documents, "通知", filters), filters


def test_date_orders(orgs):
    corpus(orgs)
    newest = [h.published_on for h in search(query="通知", order="newest", page_size=50).hits]
    oldest = [h.published_on for h in search(query="通知", order="oldest", page_size=50).hits]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    assert newest[0] > oldest[0]


def test_relevance_pages_through_every_match_once(orgs):
    corpus(orgs)
    first = search(query="通知", page_size=100)
    assert (first.total, first.total_is_lower_bound) == (120, False)
    in_big_pages = [
        h.object_id for page in (1, 2) for h in search(query="通知", page=page, page_size=100).hits
    ]
    in_small_pages = [
        h.object_id for page in range(1, 19) for h in search(query="通知", page=page, page_size=7).hits
    ]
    assert in_small_pages == in_big_pages and sorted(in_big_pages) == list(range(1, 121))


def test_a_filtered_query_keeps_the_unfiltered_relevance_order(orgs):
    corpus(orgs)
    everything = search(query="疫情", page_size=100).hits
    filters = Filters(organization_ids=(orgs[1].pk,))
    filtered = search(query="疫情", filters=filters, page_size=100)
    expected = [hit.object_id for hit in everything if hit.organization_id == orgs[1].pk]
    assert [hit.object_id for hit in filtered.hits] == expected
    assert filtered.total == len(expected) and not filtered.ranked_among_newest


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5's bm25")
def test_bm25_never_counts_a_broad_word_or_a_filter_tag(orgs, monkeypatch):
    # bm25 counts the documents of every phrase of its query over the whole index before
    # it scores one row: with a word (or a filter's tag) in most documents that is most of
    # the index, however few documents match the whole query.
    from gongkai.search.backends import sqlite

    monkeypatch.setattr(sqlite, "EXACT_LIMIT", 30)
    documents = corpus(orgs)
    broad, narrow = "通知", "疫情防控"  # in every title; in a few documents
    assert len(oracle(documents, broad)) > 30 and 0 < len(oracle(documents, f"{broad} {narrow}")) <= 30

    def ranking_sql(query, filters=None):
        with CaptureQueriesContext(connection) as captured:
            results = search(query=query, filters=filters or Filters())
        return results, [q["sql"] for q in captured.captured_queries if "bm25" in q["sql"]]

    def phrases(sql):
        return set(re.findall(r'"([^"]+)"', sql))

    broad_phrase = " ".join(tokens(broad))  # as it stands in a MATCH expression
    results, bm25_queries = ranking_sql(narrow)
    assert bm25_queries and not results.ranked_among_newest
    # The broad word still has to match, but only the narrow one is weighed.
    results, bm25_queries = ranking_sql(f"{broad} {narrow}")
    assert bm25_queries and all(broad_phrase not in phrases(sql) for sql in bm25_queries)
    expected = oracle(documents, f"{broad} {narrow}")
    assert results.total == len(expected) and sorted(h.object_id for h in results.hits) == expected
    _results, bm25_queries = ranking_sql(narrow, Filters(year=2021))
    assert bm25_queries and all("tags" not in sql for sql in bm25_queries)
    # Every word common, the two together rare: no bm25 at all, every match ranked by its
    # occurrences.
    common = [word for word in WORDS if len(oracle(documents, word)) > 30]
    pair = next(f"{a} {b}" for a in common for b in common if 0 < len(oracle(documents, f"{a} {b}")) <= 30)
    results, bm25_queries = ranking_sql(pair)
    expected = oracle(documents, pair)
    assert not bm25_queries and (results.total, results.ranked_among_newest) == (len(expected), False)
    assert sorted(all_ids(pair, order="relevance")) == expected


def test_relevance_puts_title_matches_and_frequent_words_first(orgs):
    documents = [
        IndexedDocument(
            "test",
            1,
            orgs[0].pk,
            dt.date(2024, 1, 1),
            "会议纪要",
            body="本次会议提到疫情一次。" + "其他内容。" * 30,
        ),
        IndexedDocument(
            "test", 2, orgs[0].pk, dt.date(2023, 1, 1), "疫情防控通知", body="疫情防控，疫情监测。"
        ),
        IndexedDocument("test", 3, orgs[0].pk, dt.date(2025, 1, 1), "无关", body="没有这个词。"),
    ]
    index_documents(documents)
    results = search(query="疫情")
    assert [h.object_id for h in results.hits] == [2, 1]
    assert results.hits[0].title_html == "<mark>疫情</mark>防控通知"
    assert "<mark>疫情</mark>" in results.hits[1].snippet_html


def test_reindexing_replaces_and_removal_removes(orgs):
    document = IndexedDocument("test", 1, orgs[0].pk, dt.date(2024, 1, 1), "旧标题", body="旧正文")
    index_documents([document])
    assert search(query="旧标题").total == 1
    index_documents([IndexedDocument("test", 1, orgs[0].pk, dt.date(2024, 2, 1), "新标题", body="新正文")])
    assert search(query="旧标题").total == 0 and search(query="旧").total == 0
    assert [h.published_on for h in search(query="新标题").hits] == [dt.date(2024, 2, 1)]
    assert remove_documents(source="test", object_ids=[1]) == 1
    assert search(query="新标题").total == 0 and not SearchDocument.objects.exists()


def test_attachment_text_is_searched_and_snipped(orgs):
    index_documents(
        [
            IndexedDocument(
                "test", 1, orgs[0].pk, dt.date(2024, 1, 1), "附件", attachments="附表：保障性住房名单"
            )
        ]
    )
    [hit] = search(query="住房").hits
    assert "<mark>住房</mark>" in hit.snippet_html


def test_rebuild_from_registered_sources(orgs):
    documents = [
        IndexedDocument("rebuilt", n, orgs[0].pk, dt.date(2024, 1, n), f"重建文档{n}") for n in range(1, 4)
    ]
    register_source("rebuilt", lambda: iter(documents))
    try:
        index_documents([IndexedDocument("test", 9, orgs[0].pk, dt.date(2024, 1, 1), "重建文档旧")])
        assert rebuild() >= 3
        assert sorted(all_ids("重建文档")) == [1, 2, 3]
        call_command("search_rebuild")
        assert search(query="重建").total == 3
    finally:
        from gongkai.search import api

        api._SOURCES.pop("rebuilt", None)


def test_empty_and_punctuation_queries_find_nothing(orgs):
    corpus(orgs, count=5)
    assert search(query="").hits == [] and search(query="，。").total == 0


def test_queries_match_neither_filter_tags_nor_across_fields(orgs):
    index_documents(
        [IndexedDocument("test", 1, orgs[0].pk, dt.date(2024, 1, 1), "甲乙", numbers="丙丁", body="戊己")]
    )
    assert search(query="乙丙").total == 0 and search(query="丁戊").total == 0
    assert search(query="甲乙").total == 1 and search(query="丙丁").total == 1
    for tag_text in (f"og{orgs[0].pk}", "yr2024", "srtest"):
        assert search(query=tag_text).total == 0, tag_text


def test_a_broad_query_ranks_the_newest_candidates_by_occurrences(orgs, monkeypatch):
    from gongkai.search.backends import postgresql, sqlite

    monkeypatch.setattr(sqlite, "CANDIDATES", 5)
    monkeypatch.setattr(sqlite, "EXACT_LIMIT", 5)
    monkeypatch.setattr(postgresql, "CANDIDATES", 5)
    documents = [
        IndexedDocument(
            "test", n, orgs[0].pk, dt.date(2024, 1, n), f"通知{n}", body="疫情" + "其他内容。" * 10
        )
        for n in range(1, 11)
    ]
    documents[7] = IndexedDocument(
        "test", 8, orgs[0].pk, dt.date(2024, 1, 8), "疫情防控通知", body="疫情疫情疫情"
    )
    documents[0] = IndexedDocument(
        "test", 1, orgs[0].pk, dt.date(2024, 1, 1), "疫情疫情", body="疫情疫情疫情"
    )
    index_documents(documents)
    results = search(query="疫情")
    assert results.total == 5 and results.total_is_lower_bound
    ids = [hit.object_id for hit in results.hits]
    assert ids[0] == 8  # title and body matches, among the newest five
    assert sorted(ids) == [6, 7, 8, 9, 10]  # the oldest, best-matching document is outside the window
    assert all_ids("疫情", order="newest") == list(range(10, 0, -1))  # date order pages through everything
