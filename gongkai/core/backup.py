"""``gongkai backup`` and ``gongkai restore``: the database (with the search index, which
lives in it), the audit log and every uploaded file, in one archive.

The archive is a tar file::

    manifest.json        what is inside: engine, time, each table's row count, each file's sha256
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API, while
                         the site keeps running (readers and writers are not stopped)
    database.dump        PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot)
    media/…              the files of GONGKAI_MEDIA_DIR (attachments, letters, case documents)

``restore`` puts all of it back: SQLite through the same backup API into the live database,
PostgreSQL with ``pg_restore --clean``; the media folder is emptied and refilled, and every
file is checked against its sha256 in the manifest. It refuses an archive of the other
engine. Stop the site (and the task workers) while restoring.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

FORMAT = 1


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, str]:
    """Every file below ``root`` (relative POSIX name → sha256)."""
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): _sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = int(cursor.fetchone()[0])
    return counts


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump/pg_restore from the settings."""
    config = connection.settings_dict
    args = ["--dbname", str(config["NAME"])]
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    env = {**os.environ}
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def backup(destination: Path) -> dict[str, Any]:
    """Write the archive to ``destination``; returns its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="gongkai-backup-") as work:
        folder = Path(work)
        if connection.vendor == "sqlite":
            database = folder / "database.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(database)
            try:
                connection.connection.backup(target)  # the online backup API
            finally:
                target.close()
        elif connection.vendor == "postgresql":
            database = folder / "database.dump"
            args, env = _pg_environment()
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(database), *args], env)
        else:
            raise BackupError(f"no backup for the {connection.vendor} engine")
        files = media_files(media_root)
        manifest = {
            "format": FORMAT,
            "engine": connection.vendor,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "tables": table_counts(),
            "media": files,
        }
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            payload = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
            archive.add(database, arcname=database.name)
            for name in files:
                archive.add(media_root / name, arcname=f"media/{name}")
        partial.replace(destination)  # never a half-written archive under the final name
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        parts = Path(member.name).parts
        if member.name.startswith("/") or ".." in parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"unsafe entry in the archive: {member.name}")
        members.append(member)
    return members


def restore(source: Path) -> dict[str, Any]:
    """Put the archive's database and media back; returns its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(source, "r") as archive, tempfile.TemporaryDirectory(prefix="gongkai-restore-") as work:
        folder = Path(work)
        archive.extractall(folder, members=_safe_members(archive), filter="data")
        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown archive format {manifest.get('format')!r}")
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"the archive holds a {manifest['engine']} database; this site runs on {connection.vendor}"
            )
        for name, digest in manifest["media"].items():
            if _sha256(folder / "media" / name) != digest:
                raise BackupError(f"media file {name} does not match its checksum")
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            backup_db = sqlite3.connect(folder / "database.sqlite3")
            try:
                backup_db.backup(connection.connection)
            finally:
                backup_db.close()
        else:
            connection.close()
            args, env = _pg_environment()
            _run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args,
                 str(folder / "database.dump")],
                env,
            )  # fmt: skip
        if media_root.exists():
            for child in media_root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        media_root.mkdir(parents=True, exist_ok=True)
        extracted = folder / "media"
        if extracted.exists():
            for child in extracted.iterdir():
                shutil.move(str(child), media_root / child.name)
    return manifest
