"""Reading an uploaded file in a background worker, with a time limit.

Parsing a document (text of a PDF attachment, an annual report in DOCX or PDF) can take
long and much memory on a hostile or merely huge file. The caps of
``gongkai.annualreport.limits`` refuse bombs before anything is inflated; what passes them
is read here, in a worker of the task queue (``gongkai.core.tasks``), never in the web
process: the page stores the upload in a private folder of the media storage, queues
``read_stored`` and waits for its result at most ``UPLOAD_READ_SECONDS``. The worker is
stopped at that limit too (the task's own timeout), so a slow file costs a worker for a
bounded time and the web process none of its memory. In the test settings tasks run at once
in the calling process, through the same code path.

Call ``read_in_worker`` outside any database transaction: on SQLite a transaction holds the
write lock, which the worker needs to record its result.
"""

from __future__ import annotations

import importlib
import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.core.tasks import submit

logger = logging.getLogger(__name__)
FOLDER = "uploads-in-reading"


def read_seconds() -> int:
    return int(getattr(settings, "GONGKAI", {}).get("UPLOAD_READ_SECONDS", 60))


def read_stored(function: str, stored_name: str, *args: Any) -> dict[str, Any]:
    """The task: ``function(data, *args)`` on the stored upload. A reader's own refusal comes
    back as {"error": message} — it is an answer, not a failure to retry."""
    module_name, _dot, attribute = function.rpartition(".")
    reader = getattr(importlib.import_module(module_name), attribute)
    try:
        with default_storage.open(stored_name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return {"error": "gone"}  # the page gave up waiting and removed it
    try:
        return {"result": reader(data, *args)}
    except DomainError as error:
        return {"error": error.message, "field": error.field}
    except Exception as error:  # noqa: BLE001 - every reader error is the file's, reported to the page
        return {"error": str(error)}


def read_in_worker(function: str, data: bytes, *args: Any, field: str = "file") -> Any:
    """``function(data, *args)`` run by a task worker, within the time limit; its result, or a
    DomainError naming ``field`` with the reader's message or the time limit."""
    from django_q.tasks import fetch

    limit = read_seconds()
    stored_name = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}", ContentFile(data))
    try:
        task_id = submit("gongkai.core.uploads.read_stored", function, stored_name, *args, timeout=limit)
        task = fetch(task_id, wait=limit * 1000 + 2000)
    finally:
        default_storage.delete(stored_name)
    if task is None:
        raise DomainError(
            _("The file could not be read within %(seconds)s seconds; it is not stored.")
            % {"seconds": limit},
            field=field,
            code="too_slow",
        )
    if not task.success or not isinstance(task.result, dict):
        logger.error("reading an upload failed in the worker: %s", task.result)
        raise DomainError(_("The file could not be read."), field=field)
    if "error" in task.result:
        raise DomainError(str(task.result["error"]), field=task.result.get("field") or field)
    return task.result["result"]
