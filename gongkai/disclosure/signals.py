"""Keeping the search index current: the only work done in signals (STYLE.md rule 2).

A published publication is (re)indexed whenever it is saved; any other status takes it
out of the index. This runs in the transaction of the change, so the index never shows a
withdrawal that was rolled back.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.disclosure.models import Publication, PublicationStatus
from gongkai.disclosure.selectors import indexed_document
from gongkai.search.api import index_documents, remove_documents


@receiver(post_save, sender=Publication, dispatch_uid="disclosure_reindex_publication")
def reindex_publication(
    sender: type[Publication], instance: Publication, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    if instance.status == PublicationStatus.PUBLISHED:
        index_documents([indexed_document(instance)])
    else:
        remove_documents(source="publication", object_ids=[instance.pk])
