"""SQLite runs in WAL with a busy timeout and IMMEDIATE transactions (issue 11, failure 5).

The settings are checked on a real database file opened exactly as the site opens its
own, and their effect is shown: a writer that finds the database locked by another waits
for it instead of failing with "database is locked"."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite settings apply only to SQLite"
)


@pytest.fixture(autouse=True)
def _probe_databases(django_db_blocker):
    # These tests open their own database files, not the test database.
    with django_db_blocker.unblock():
        yield


def _open(path: Path) -> DatabaseWrapper:
    settings_dict = {**connection.settings_dict, "NAME": str(path)}
    settings_dict["OPTIONS"] = dict(settings_dict["OPTIONS"])
    return DatabaseWrapper(settings_dict, alias=f"probe-{path.name}")


def test_the_site_opens_sqlite_in_wal_with_a_busy_timeout_and_immediate_transactions(tmp_path):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    wrapper = _open(tmp_path / "site.sqlite3")
    wrapper.ensure_connection()
    try:
        with wrapper.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
            assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()


def test_a_second_writer_waits_for_the_lock_instead_of_failing(tmp_path):
    path = tmp_path / "locks.sqlite3"
    first, second = _open(path), _open(path)
    first.inc_thread_sharing()
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE item (n integer)")
    holding = threading.Event()
    errors: list[BaseException] = []

    def hold_the_lock() -> None:
        try:
            with first.cursor() as cursor:
                cursor.execute("BEGIN IMMEDIATE")
                cursor.execute("INSERT INTO item VALUES (1)")
                holding.set()
                time.sleep(1.0)
                cursor.execute("COMMIT")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
            holding.set()

    thread = threading.Thread(target=hold_the_lock)
    thread.start()
    holding.wait(5)
    started = time.monotonic()
    # A read-then-write transaction, the shape of every service, begun as Django begins
    # one (``BEGIN <transaction_mode>``). DEFERRED would read a snapshot, then fail to
    # write with "database is locked" once the first writer commits.
    with second.cursor() as cursor:
        cursor.execute(f"BEGIN {second.transaction_mode or 'DEFERRED'}")
        count = cursor.execute("SELECT count(*) FROM item").fetchone()[0]
        time.sleep(0.1)
        cursor.execute("INSERT INTO item VALUES (%s)", [count + 2])
        cursor.execute("COMMIT")
    waited = time.monotonic() - started
    thread.join()
    first.dec_thread_sharing()
    first.close()
    second.close()
    assert errors == []
    assert waited >= 0.5  # it waited for the first writer's commit
    check = _open(path)
    with check.cursor() as cursor:
        assert cursor.execute("SELECT n FROM item ORDER BY n").fetchall() == [(1,), (3,)]
    check.close()
