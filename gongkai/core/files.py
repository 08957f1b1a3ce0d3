"""Files in the media storage that no database row refers to.

Uploaded and generated files (attachments, letters, case documents) are written to the
storage before the transaction that records them commits. When it rolls back — a form or
an import that fails after the file was written — the file stays behind, referred to by
nothing and never served. ``orphan_files`` finds such files; ``manage.py media_orphans
--delete`` removes them. Only files older than a grace period count: a younger one may
belong to a transaction that is still running.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.db import models
from django.utils import timezone


def referenced_names() -> set[str]:
    """The name of every file that a FileField of any model refers to."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                manager = model._default_manager
                names.update(
                    name for name in manager.values_list(field.attname, flat=True).iterator() if name
                )
    return names


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file below ``folder`` of ``storage``, as storage names."""
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


def orphan_files(*, older_than: dt.timedelta, storage: Storage | None = None) -> list[str]:
    """Stored files that no row refers to and that are older than ``older_than``."""
    storage = storage or default_storage
    referenced = referenced_names()
    cutoff = timezone.now() - older_than
    return sorted(
        name
        for name in stored_names(storage)
        if name not in referenced and storage.get_modified_time(name) <= cutoff
    )
