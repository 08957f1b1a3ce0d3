"""``gongkai backup`` and ``gongkai restore`` round trip (issue 11, failure 13): every table
and every media file comes back exactly, on the database the suite runs on (SQLite and
PostgreSQL, as bin/test runs both)."""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from gongkai.core.backup import BackupError, media_files, restore
from gongkai.core.models import AuditEntry
from gongkai.demo.data import load_demo
from gongkai.disclosure import services
from gongkai.disclosure.models import Publication
from gongkai.search.api import search

pytestmark = pytest.mark.django_db(transaction=True)


def every_table() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order (the comparison of the round trip)."""
    tables: dict[str, list[tuple]] = {}
    with connection.cursor() as cursor:
        for name in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(name)}")
            tables[name] = sorted(tuple(map(repr, row)) for row in cursor.fetchall())
    return tables


def every_file() -> dict[str, str]:
    return media_files(Path(settings.MEDIA_ROOT))


def test_backup_and_restore_bring_back_every_table_and_file(tmp_path):
    load_demo()
    publication = Publication.objects.filter(status="published").first()
    assert publication is not None
    draft = Publication.objects.exclude(status="published").first() or publication
    Publication.objects.filter(pk=draft.pk).update(status="draft")
    services.attachment_add(
        actor=None, publication=Publication.objects.get(pk=draft.pk), name="附件.png",
        data=b"\x89PNG\r\n\x1a\n" + b"backup" * 100,
    )  # fmt: skip
    tables, files = every_table(), every_file()
    assert files and sum(len(rows) for rows in tables.values()) > 500
    hits_before = search(query="公开", page_size=5).total

    archive = tmp_path / "gongkai.tar"
    call_command("backup", str(archive))
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "manifest.json" in names and any(name.startswith("database.") for name in names)
    assert all(f"media/{name}" in names for name in files)

    # Damage everything: rows changed and deleted, an audit entry gone, a file gone, a file added.
    Publication.objects.filter(pk=publication.pk).update(title="被篡改的标题")
    AuditEntry.objects.filter(pk__in=list(AuditEntry.objects.values_list("pk", flat=True)[:10])).delete()
    media = Path(settings.MEDIA_ROOT)
    first = media / next(iter(files))
    first.unlink()
    (media / "stray.txt").write_text("not in the backup")
    assert every_table() != tables and every_file() != files

    call_command("restore", str(archive), "--yes")
    connection.close()
    assert every_table() == tables
    assert every_file() == files
    assert search(query="公开", page_size=5).total == hits_before  # the search index came back too


def test_restore_refuses_a_damaged_or_unsafe_archive(tmp_path):
    load_demo()
    archive = tmp_path / "gongkai.tar"
    call_command("backup", str(archive))
    # An archive whose media file does not match the manifest is refused before anything changes.
    bad = tmp_path / "bad.tar"
    with tarfile.open(archive) as source, tarfile.open(bad, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            target.addfile(member, data)
        evil = tarfile.TarInfo("../../evil.txt")
        payload = b"x"
        evil.size = len(payload)
        import io

        target.addfile(evil, io.BytesIO(payload))
    before = hashlib.sha256(repr(every_table()).encode()).hexdigest()
    with pytest.raises(BackupError, match="unsafe"):
        restore(bad)
    assert hashlib.sha256(repr(every_table()).encode()).hexdigest() == before
