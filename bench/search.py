"""How fast Chinese full-text search is over a million publications.

Run from the repository root::

    .venv/bin/python bench/search.py --db sqlite                  # 1,000,000 documents
    .venv/bin/python bench/search.py --db postgresql --docs 200000
    .venv/bin/python bench/search.py --db sqlite --reuse          # skip the load if the index exists

The corpus is synthetic but shaped like government text: words drawn from a Zipf law over
a vocabulary of real administrative words and many rarer ones, so a few words are in most
documents and most words in few; titles such as "关于…的通知", 文号 on a third of them.
Documents are generated deterministically (``--seed``) in two processes.

For each query the benchmark times, over ``--repeat`` runs after a warm-up:

* ``search``: ``gongkai.search.api.search`` — the first page (20) ranked by relevance, with
  the documents' metadata and highlighted snippets cut from the original text: what the
  search page runs;
* ``bare``: the database's own ranked full-text query for the same words (FTS5 ``MATCH``
  ``ORDER BY bm25`` / ``@@`` ``ORDER BY ts_rank``, first 20 keys, nothing else);
* ``like``: a ``LIKE '%…%'`` scan over the stored text that finds the same documents and
  ranks them by occurrences (title weighted), first 20 (fewer repeats: it is slow).

It reports median and p95 of each and the ratios, plus index build time and size. The
database is a separate one (``var/bench/``, or the ``gongkai_bench`` PostgreSQL database).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import multiprocessing
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# --- The corpus ----------------------------------------------------------------------------------

COMMON_WORDS = [
    "关于",
    "工作",
    "政府",
    "管理",
    "建设",
    "发展",
    "服务",
    "社会",
    "进一步",
    "加强",
    "推进",
    "实施",
    "有关",
    "单位",
    "部门",
    "规定",
    "要求",
    "按照",
    "落实",
    "通知",
    "开展",
    "组织",
    "全面",
    "相关",
    "情况",
    "重点",
    "提高",
    "完善",
    "机制",
    "制度",
    "各级",
    "人民",
    "经济",
    "项目",
    "责任",
    "保障",
    "安全",
    "公开",
    "信息",
    "统一",
    "办法",
    "方案",
    "意见",
    "依法",
    "坚持",
    "推动",
    "促进",
    "健全",
    "深化",
    "改革",
    "创新",
    "监督",
    "检查",
    "考核",
    "规范",
    "标准",
    "政策",
    "措施",
    "资金",
    "企业",
    "群众",
    "基层",
    "农村",
    "城市",
    "地区",
    "区域",
    "体系",
    "能力",
    "水平",
    "质量",
    "效率",
    "任务",
    "目标",
    "年度",
]
DOMAIN_WORDS = [
    "疫情",
    "防控",
    "教育",
    "医疗",
    "卫生",
    "健康",
    "社会保障",
    "就业",
    "住房",
    "环境保护",
    "生态",
    "安全生产",
    "食品药品",
    "产品质量",
    "扶贫",
    "乡村振兴",
    "养老",
    "救助",
    "残疾人",
    "退役军人",
    "交通运输",
    "水利",
    "农业",
    "林业",
    "自然资源",
    "规划",
    "土地",
    "征收",
    "拆迁",
    "补偿",
    "财政",
    "预算",
    "决算",
    "收费",
    "采购",
    "招标",
    "投标",
    "合同",
    "审计",
    "统计",
    "税收",
    "市场监管",
    "行政许可",
    "行政处罚",
    "行政强制",
    "复议",
    "诉讼",
    "信访",
    "应急",
    "预案",
    "预警",
    "防汛",
    "抗旱",
    "消防",
    "地震",
    "气象",
    "文化",
    "旅游",
    "体育",
    "科技",
    "人才",
    "招聘",
    "公务员",
    "录用",
    "考试",
    "培训",
    "学校",
    "幼儿园",
    "医院",
    "药品",
    "医保",
    "社保",
    "公积金",
    "低保",
    "特困",
    "优抚",
    "殡葬",
    "婚姻",
    "户籍",
    "身份证",
    "居住证",
    "营商环境",
    "放管服",
    "政务服务",
    "一网通办",
    "数字政府",
    "大数据",
    "信用",
    "知识产权",
    "专利",
    "商标",
    "价格",
    "物价",
    "粮食",
    "能源",
    "电力",
    "燃气",
    "供水",
    "排水",
    "污水",
    "垃圾",
    "分类",
    "绿化",
    "道路",
    "桥梁",
    "公交",
    "地铁",
    "停车",
    "物业",
    "社区",
    "街道",
    "村委会",
    "居委会",
    "网格",
    "志愿者",
    "慈善",
    "红十字",
    "疾控",
    "核酸",
    "疫苗",
    "接种",
]
TITLE_ENDS = (
    "的通知",
    "的公告",
    "的实施意见",
    "的批复",
    "工作方案",
    "的决定",
    "的公示",
    "实施细则",
    "的报告",
)
CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
    "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向"
    "道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件"
    "长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给"
    "色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白"
    "教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石"
    "记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般"
)


def vocabulary(seed: int) -> tuple[list[str], list[float]]:
    """Words ranked by frequency, and cumulative Zipf weights (s = 1.05)."""
    rng = random.Random(seed)
    synthetic: set[str] = set()
    known = set(COMMON_WORDS) | set(DOMAIN_WORDS)
    while len(synthetic) < 80_000:
        length = rng.choice((2, 2, 2, 3, 4))
        word = "".join(rng.choice(CHARS) for _ in range(length))
        if word not in known:
            synthetic.add(word)
    rest = sorted(synthetic)
    rng.shuffle(rest)
    ranked = list(COMMON_WORDS)
    # Domain words spread over ranks 80…3000: from "in a quarter of documents" to rare.
    positions = sorted(rng.sample(range(80, 3000), len(DOMAIN_WORDS)))
    domain = list(DOMAIN_WORDS)
    rng.shuffle(domain)
    slots: dict[int, str] = dict(zip(positions, domain, strict=True))
    rank = len(ranked)
    for word in rest:
        while rank in slots:
            ranked.append(slots.pop(rank))
            rank += 1
        ranked.append(word)
        rank += 1
    ranked.extend(slots.values())
    weights = [1.0 / (r + 1) ** 1.05 for r in range(len(ranked))]
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return ranked, cumulative


_VOCAB: tuple[list[str], list[float]] | None = None


def _words(rng: random.Random, count: int) -> list[str]:
    assert _VOCAB is not None
    ranked, cumulative = _VOCAB
    return rng.choices(ranked, cum_weights=cumulative, k=count)


ORGANIZATIONS = 40
START = dt.date(2015, 1, 1)
CATEGORIES = [f"A20_{n:02d}" for n in range(1, 16)]


def document(number: int, seed: int) -> tuple[Any, ...]:
    """One synthetic publication: (object_id, organization index, published_on, category,
    kind, validity, title, numbers, body)."""
    rng = random.Random(seed * 1_000_003 + number)
    title = "关于" + "".join(_words(rng, rng.randint(2, 5))) + rng.choice(TITLE_ENDS)
    length = int(min(3000, max(120, rng.lognormvariate(6.0, 0.6))))  # median ~400 characters
    sentences: list[str] = []
    size = 0
    while size < length:
        sentence = "".join(_words(rng, rng.randint(4, 12)))
        clause = rng.randint(2, 6)
        words = list(sentence)
        sentence = "".join(words[: clause * 2]) + "，" + "".join(words[clause * 2 :]) + "。"
        sentences.append(sentence)
        size += len(sentence)
    body = "".join(sentences)
    organization = rng.randrange(ORGANIZATIONS)
    published = START + dt.timedelta(days=(number * 4018) // 1_000_000 + rng.randint(0, 3))
    numbers = ""
    if rng.random() < 0.33:
        numbers = f"测{organization}发〔{published.year}〕{rng.randint(1, 300)}号"
    kind = rng.choice(("other", "other", "other", "normative_document", "rule", "interpretation"))
    validity = (
        rng.choice(("valid", "valid", "expired", "repealed"))
        if kind in ("rule", "normative_document")
        else ""
    )
    return (number, organization, published, rng.choice(CATEGORIES), kind, validity, title, numbers, body)


def _init_worker(seed: int) -> None:
    global _VOCAB
    _VOCAB = vocabulary(seed)


def _generate(args: tuple[int, int, int]) -> list[tuple[Any, ...]]:
    start, stop, seed = args
    return [document(n, seed) for n in range(start, stop)]


def _tokenize(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    from gongkai.search.backends.base import IndexedDocument, document_tags
    from gongkai.search.text import tokens

    out = []
    for (
        key,
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
    ) in rows:
        document = IndexedDocument(
            source=source,
            object_id=object_id,
            organization_id=organization_id,
            published_on=published_on,
            title=title,
            numbers=numbers,
            body=body,
            attachments=files,
            category=category,
            kind=kind,
            validity=validity,
        )
        out.append(
            (key, tokens(title), tokens(numbers), tokens(body), tokens(files), document_tags(document))
        )
    return out


# --- Set-up --------------------------------------------------------------------------------------


def configure(db: str, docs: int) -> str:
    if db == "sqlite":
        folder = ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{folder / f'search-{docs}.sqlite3'}"
    else:
        url = f"postgres://postgres@127.0.0.1:5432/gongkai_bench_{docs}"
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [f"gongkai_bench_{docs}"]
            ).fetchone()
            if not exists:
                conn.execute(f"CREATE DATABASE gongkai_bench_{docs}")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["GONGKAI_MODE"] = "development"
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    if db == "sqlite":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def organizations() -> list[int]:
    from gongkai.accounts.credit_code import make_credit_code
    from gongkai.accounts.models import Organization

    existing = list(
        Organization.objects.filter(slug__startswith="bench-").order_by("slug").values_list("pk", flat=True)
    )
    if len(existing) >= ORGANIZATIONS:
        return existing[:ORGANIZATIONS]
    government = Organization.objects.create(
        name="基准测试区人民政府",
        kind="government",
        slug="bench-00",
        path="9000.",
        credit_code=make_credit_code("11990000000000000"),
    )
    created = [government]
    for n in range(1, ORGANIZATIONS):
        created.append(
            Organization.objects.create(
                name=f"基准测试区第{n}局",
                kind="department",
                parent=government,
                slug=f"bench-{n:02d}",
                path=f"9000.{n:04d}.",
                credit_code=make_credit_code(f"1199{n:04d}000000000"),
            )
        )
    return [o.pk for o in created]


def loaded_count() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_searchdocument")
        return int(cursor.fetchone()[0])


def load(docs: int, seed: int, workers: int, say: Callable[[str], None]) -> dict[str, float]:
    """Store the documents' text, then build the index from it as ``rebuild`` does."""
    from django.db import connection, transaction

    from gongkai.search.api import backend
    from gongkai.search.backends.base import document_key

    orgs = organizations()
    chunk = 5000
    tasks = [(start + 1, min(start + chunk, docs) + 1, seed) for start in range(0, docs, chunk)]
    engine = backend()
    started = time.perf_counter()
    with connection.cursor() as cursor, transaction.atomic():
        cursor.execute("DELETE FROM search_searchdocument")
        engine.drop_index(cursor)
        engine.create_index(cursor)
    window = workers * 4
    with multiprocessing.Pool(workers, initializer=_init_worker, initargs=(seed,)) as pool:
        done = 0
        for first in range(0, len(tasks), window):
            for rows in pool.map(_generate, tasks[first : first + window]):
                records = [
                    (
                        document_key(r[2], r[0]),
                        "publication",
                        r[0],
                        orgs[r[1]],
                        r[2],
                        r[3],
                        r[4],
                        r[5],
                        r[6],
                        r[7],
                        r[8],
                        "",
                    )
                    for r in rows
                ]
                with connection.cursor() as cursor, transaction.atomic():
                    cursor.executemany(
                        "INSERT INTO search_searchdocument (key, source, object_id, organization_id, published_on,"
                        " category, kind, validity, title, numbers, body, attachments)"
                        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                        records,
                    )
                done += len(rows)
                if done % 100_000 == 0:
                    say(f"  stored {done:,} documents ({time.perf_counter() - started:.0f} s)")
    stored = time.perf_counter() - started
    return {"stored_s": stored, **build_index(workers, say)}


def build_index(workers: int, say: Callable[[str], None]) -> dict[str, float]:
    """The index build: read the stored text back, split it (in worker processes), insert."""
    from django.db import connection, transaction

    from gongkai.search.api import backend

    engine = backend()
    window = workers * 4
    started = time.perf_counter()
    with connection.cursor() as cursor, transaction.atomic():
        engine.drop_index(cursor)
        engine.create_index(cursor)
    with connection.cursor() as cursor:
        engine.bulk_start(cursor)
    with multiprocessing.Pool(workers) as pool:
        done = 0
        last = -1
        while True:
            batches = []
            for _ in range(window):
                batch = _stored_batch(last, 5000)
                if not batch:
                    break
                last = batch[-1][0]
                batches.append(batch)
            if not batches:
                break
            for rows in pool.map(_tokenize, batches):
                with connection.cursor() as cursor, transaction.atomic():
                    engine.add_rows(cursor, rows)  # type: ignore[attr-defined]
                done += len(rows)
                if done % 100_000 == 0:
                    say(f"  indexed {done:,} documents ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor, transaction.atomic():
        engine.bulk_finish(cursor)
    return {"build_s": time.perf_counter() - started}


def _stored_batch(last: int, size: int) -> list[tuple[Any, ...]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key, source, object_id, organization_id, published_on, category, kind, validity, title, numbers,"
            " body, attachments FROM search_searchdocument WHERE key > %s ORDER BY key LIMIT %s",
            [last, size],
        )
        rows = cursor.fetchall()
    return [
        (*r[:4], r[4] if isinstance(r[4], dt.date) else dt.date.fromisoformat(r[4]), *r[5:]) for r in rows
    ]


# --- Queries -------------------------------------------------------------------------------------


def document_frequency(word: str) -> int:
    from django.db import connection

    from gongkai.search.api import backend
    from gongkai.search.text import parse_query

    words = parse_query(word)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            from gongkai.search.backends.sqlite import match_expression

            cursor.execute(
                "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s", [match_expression(words)]
            )
        else:
            from gongkai.search.backends.postgresql import tsquery_text

            cursor.execute(
                "SELECT COUNT(*) FROM search_vector WHERE tsv @@ to_tsquery('simple', %s)",
                [tsquery_text(words)],
            )
        del backend
        return int(cursor.fetchone()[0])


def choose_queries(total: int, seed: int) -> list[tuple[str, str, str, int]]:
    """(class, breadth, query, matching documents): for 1, 2 and 4 characters and several
    words, a broad query (in most documents) and a narrow one (in about 0.1–1 %)."""
    rng = random.Random(seed)
    ranked, _ = vocabulary(seed)
    chosen: list[tuple[str, str, str, int]] = []

    def first(candidates: list[str], low: float, high: float) -> tuple[str, int] | None:
        for text in candidates:
            df = document_frequency(text)
            if low * total <= df <= high * total:
                return text, df
        return None

    singles = list(dict.fromkeys(c for w in ranked[:60] for c in w))
    rare_singles = list(dict.fromkeys(c for w in ranked[2000:6000] for c in w))
    rng.shuffle(rare_singles)
    twos = [w for w in ranked[:200] if len(w) == 2]
    rare_twos = [w for w in ranked[300:3000] if len(w) == 2]
    rng.shuffle(rare_twos)
    fours = [a + b for a, b in itertools.pairwise(ranked) if len(a + b) == 4]
    rare_fours = [w for w in ranked[100:20000] if len(w) == 4]
    rng.shuffle(rare_fours)
    plan = [
        ("1 character", "broad", singles, 0.5, 1.0),
        ("1 character", "narrow", rare_singles, 0.001, 0.01),
        ("2 characters", "broad", twos, 0.5, 1.0),
        ("2 characters", "narrow", rare_twos, 0.001, 0.01),
        ("2 characters", "rare", [w for w in ranked[3000:60000] if len(w) == 2], 0.00002, 0.0001),
        ("4 characters", "broad", fours + [w for w in ranked[:300] if len(w) == 4], 0.2, 1.0),
        ("4 characters", "narrow", rare_fours, 0.0005, 0.01),
    ]
    for label, breadth, candidates, low, high in plan:
        found = first(candidates, low, high)
        if found:
            chosen.append((label, breadth, found[0], found[1]))
    broad_words = [w for w in ranked[:30] if len(w) == 2][:3]
    multi_broad = " ".join(broad_words)
    chosen.append(("several words", "broad", multi_broad, document_frequency(multi_broad)))
    for _attempt in range(40):
        words = [rng.choice(ranked[100:600]), rng.choice(ranked[600:3000])]
        text = " ".join(words)
        df = document_frequency(text)
        if 0.0002 * total <= df <= 0.01 * total:
            chosen.append(("several words", "narrow", text, df))
            break
    # A common word with a rare one ("关于 疫情防控"): few matches, but a ranking that weighs
    # every word by its frequency in the whole index must count the common one everywhere.
    rare_two = next(
        (q for label, breadth, q, _ in chosen if (label, breadth) == ("2 characters", "narrow")), None
    )
    if rare_two:
        mixed = f"{broad_words[0]} {rare_two}"
        chosen.append(("several words", "mixed", mixed, document_frequency(mixed)))
    return chosen


def like_query(words: list[str], limit: int = 20) -> list[int]:
    """A LIKE scan that finds the same documents and ranks them by occurrences."""
    from django.db import connection

    text = "(title || ' ' || numbers || ' ' || body || ' ' || attachments)"
    conditions = " AND ".join([f"{text} LIKE %s"] * len(words))
    score = " + ".join(
        [
            f"10 * (LENGTH(title) - LENGTH(REPLACE(title, %s, ''))) + (LENGTH({text}) - LENGTH(REPLACE({text}, %s, '')))"
        ]
        * len(words)
    )
    params: list[Any] = []
    for word in words:
        params += [word, word]
    params += [f"%{word}%" for word in words]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT key, {score} AS score FROM search_searchdocument WHERE {conditions} "
            "ORDER BY score DESC, key DESC LIMIT %s",
            [*params, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def timed(
    fn: Callable[[], Any], repeat: int, warm: bool = True, slow_ms: float = 2000, slow_repeat: int = 5
) -> list[float]:
    """Times of ``repeat`` runs after a warm-up; a query slower than ``slow_ms`` is run
    only ``slow_repeat`` times (its p95 is then its maximum)."""
    if warm:
        started = time.perf_counter()
        fn()
        if (time.perf_counter() - started) * 1000 > slow_ms:
            repeat = min(repeat, slow_repeat)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--like-repeat", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="keep an existing loaded database")
    parser.add_argument("--reindex", action="store_true", help="keep the stored text, rebuild the index")
    parser.add_argument("--out", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    configure(args.db, args.docs)
    from django.db import connection

    from gongkai.search.api import backend, search
    from gongkai.search.text import parse_query

    build: dict[str, float] = {}
    if args.reuse and loaded_count() == args.docs:
        say(f"reusing {args.docs:,} documents")
    elif args.reindex and loaded_count() == args.docs:
        say(f"rebuilding the index of {args.docs:,} documents")
        build = build_index(args.workers, say)
    else:
        say(f"loading {args.docs:,} documents into {connection.vendor}")
        build = load(args.docs, args.seed, args.workers, say)
    with connection.cursor() as cursor:
        index_bytes = backend().index_size(cursor)
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = 'search_searchdocument'")
        else:
            cursor.execute("SELECT pg_total_relation_size('search_searchdocument')")
        text_bytes = int(cursor.fetchone()[0])

    say("choosing queries")
    queries = choose_queries(args.docs, args.seed)
    engine = backend()
    lines: list[str] = []
    out = lines.append
    out(f"### {connection.vendor} · {args.docs:,} documents")
    out("")
    out(
        f"- Date: {dt.date.today()}; machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs;"
        f" Python {platform.python_version()}"
    )
    if connection.vendor == "sqlite":
        import sqlite3

        out(f"- SQLite {sqlite3.sqlite_version}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            out(f"- PostgreSQL {cursor.fetchone()[0]}")
    if build:
        stored = f"storing the text: {build['stored_s']:.0f} s; " if "stored_s" in build else ""
        out(f"- {stored}**index build: {build['build_s']:.0f} s** ({args.workers} processes splitting text)")
    out(
        f"- **Index size: {index_bytes / 2**20:,.0f} MiB**; stored original text: {text_bytes / 2**20:,.0f} MiB"
    )
    out(f"- {args.repeat} timed runs per query after a warm-up ({args.like_repeat} for LIKE); times in ms")
    out("")
    out(
        "| query | class | matches | search median | search p95 | bare median | bare p95 | LIKE median "
        "| p95 ÷ bare p95 | LIKE ÷ search (median) | same first page as bare |"
    )
    out("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    summary: dict[tuple[str, str], float] = {}
    for label, breadth, text, df in queries:
        words = parse_query(text)
        say(f"timing {text!r} ({df:,} matches)")
        full = timed(lambda text=text: search(query=text, page_size=20), args.repeat)

        def bare(words: list[Any] = words) -> list[int]:
            with connection.cursor() as cursor:
                return engine.bare_query(cursor, words, 20)

        plain = timed(bare, args.repeat)
        scan = timed(lambda text=text: like_query(text.split()), args.like_repeat, warm=False)
        hits = search(query=text, page_size=20).hits
        from gongkai.search.backends.base import document_key

        ours = {document_key(h.published_on, h.object_id) for h in hits}
        same = len(ours & set(bare())) / max(1, len(ours))
        summary[(label, breadth)] = p95(full)
        out(
            f"| {text} | {label}, {breadth} | {df:,} | {statistics.median(full):.1f} | {p95(full):.1f} "
            f"| {statistics.median(plain):.1f} | {p95(plain):.1f} | {statistics.median(scan):,.0f} "
            f"| {p95(full) / p95(plain):.2f} | {statistics.median(scan) / statistics.median(full):,.0f} | {same:.0%} |"
        )
    out("")
    out("Broad ÷ narrow (search p95):")
    out("")
    for label in ("1 character", "2 characters", "4 characters", "several words"):
        if (label, "broad") in summary and (label, "narrow") in summary:
            out(f"- {label}: {summary[(label, 'broad')] / summary[(label, 'narrow')]:.2f}")
    # Other orders and a filter, for the record.
    extra = [q for q in queries if q[1] == "broad"][:1]
    if extra:
        text = extra[0][2]
        newest = timed(lambda: search(query=text, order="newest"), args.repeat)
        from gongkai.search.api import CANDIDATES, Filters

        with connection.cursor() as cursor:
            cursor.execute("SELECT organization_id FROM search_searchdocument LIMIT 1")
            org = cursor.fetchone()[0]
        filtered = timed(
            lambda: search(query=text, filters=Filters(organization_ids=(org,), year=2020)), args.repeat
        )
        found = search(query=text, filters=Filters(organization_ids=(org,), year=2020))
        out("")
        out(
            f"Broad query {text!r}: newest first p95 {p95(newest):.1f} ms; relevance within one organization "
            f"and one year ({found.total:,}{'+' if found.total_is_lower_bound else ''} matches"
            f"{f', the newest {CANDIDATES:,} ranked' if found.ranked_among_newest else ''}) p95 {p95(filtered):.1f} ms."
        )
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
