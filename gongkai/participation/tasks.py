"""Background tasks of participation (run by the worker, ``gongkai.core.tasks``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import log_action
from gongkai.participation import notify
from gongkai.participation.models import Message


def mail_message_answer(message_id: int) -> None:
    """E-mail a message's answer to its writer and record when it went. Runs at least once
    (the queue retries a failure): an answer already mailed is not mailed again."""
    message = Message.objects.select_related("organization").get(pk=message_id)
    if message.answer_mailed_at is not None or message.answered_at is None:
        return
    notify.send_message_answer(message)
    with transaction.atomic():
        sent = timezone.now()
        updated = Message.objects.filter(pk=message.pk, answer_mailed_at__isnull=True).update(
            answer_mailed_at=sent
        )
        if updated:
            log_action(
                actor="system",
                action="message.answer_mailed",
                target=message,
                before={"answer_mailed_at": None},
                after={"answer_mailed_at": sent.isoformat()},
            )
