"""Files left in the storage by transactions that rolled back are found, and removed only
on request and only when older than the grace period; files that rows refer to stay."""

from __future__ import annotations

import datetime as dt
import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from gongkai.core.files import orphan_files
from gongkai.disclosure import services
from gongkai.disclosure.models import Attachment
from gongkai.disclosure.tests.helpers import draft

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 10


def _age(name: str, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(default_storage.path(name), (then, then))


def test_a_rolled_back_upload_leaves_an_orphan_that_is_found_and_removed(world, people):
    publication = draft(world.department, people.editor)
    kept = services.attachment_add(actor=people.editor, publication=publication, name="留存.png", data=PNG)
    folder = os.path.dirname(kept.file.name)
    before = set(default_storage.listdir(folder)[1])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.attachment_add(actor=people.editor, publication=publication, name="回滚.png", data=PNG)
        raise RuntimeError("the form failed after the file was written")
    assert Attachment.objects.filter(publication=publication).count() == 1
    (rolled_back,) = [f"{folder}/{name}" for name in set(default_storage.listdir(folder)[1]) - before]
    stray = default_storage.save("letters/stray.pdf", ContentFile(b"%PDF-1.7"))
    for name in (kept.file.name, rolled_back, stray):
        _age(name, 48)

    assert orphan_files(older_than=dt.timedelta(hours=72)) == []  # nothing is that old
    orphans = orphan_files(older_than=dt.timedelta(hours=24))
    assert {stray, rolled_back} <= set(orphans) and kept.file.name not in orphans

    out, err = io.StringIO(), io.StringIO()
    call_command("media_orphans", stdout=out, stderr=err)  # lists only
    assert stray in out.getvalue().split() and default_storage.exists(stray)
    call_command("media_orphans", "--delete", stdout=out, stderr=err)
    assert not default_storage.exists(stray) and not default_storage.exists(rolled_back)
    assert default_storage.exists(kept.file.name)
    assert "removed" in err.getvalue()
