"""Messages from the public (网民留言): written on the site to a body, routed to the body
that handles them (transferable, the clock kept), answered within the body's time limit on
the workday calendar, the answer e-mailed to the writer, and selected questions and answers
published without the writer's data ("限时办理、及时回复").

The clock: the day a message is submitted (Asia/Shanghai) is its receipt day; the answer is
due on the ``reply_workdays``-th working day after it (the receipt day itself not counted,
as for applications, 民法典 Art. 201 by analogy). Both are fixed at receipt: a transfer to
another body does not give it a new period, and a later change of the body's limit does not
move the due dates of messages already received.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.accounts.roles import MESSAGE_HANDLE, PARTICIPATION_PUBLISH
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.core.tasks import enqueue
from gongkai.participation.models import AlertRun, Message, MessageKind, MessageSequence, MessageTransfer
from gongkai.participation.privacy import Contact, check_public_text
from gongkai.participation.selectors import reply_workdays_for
from gongkai.participation.services._common import PUBLIC_ACTOR, now, require, required_text, state

ANSWER_FIELDS = ["answer", "answered_at", "answered_by"]
PUBLIC_FIELDS = ["public_question", "public_answer", "published_at"]


def _reindex(message: Message) -> None:
    from gongkai.participation.search import reindex_message

    reindex_message(message)


def _reference(year: int) -> str:
    sequence, _created = MessageSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"LY{year}-{sequence.last:05d}"


@transaction.atomic
def message_submit(
    *,
    organization: Organization,
    kind: str,
    subject: str,
    body: str,
    name: str,
    email: str,
    phone: str = "",
    may_publish: bool = False,
    at: dt.datetime | None = None,
) -> Message:
    if kind not in MessageKind.values:
        raise DomainError(_("Choose whether you ask a question or make a suggestion."), field="kind")
    subject = required_text(subject, field="subject", message=_("Give your message a subject."))
    body = required_text(body, field="body", message=_("Write your message."))
    name = required_text(name, field="name", message=_("Give your name."))
    email = required_text(
        email, field="email", message=_("Give your e-mail address: the answer is sent there.")
    )
    at = at or now()
    received_on = timezone.localtime(at).date()
    message = Message.objects.create(
        reference=_reference(received_on.year),
        organization=organization,
        addressed_to=organization,
        kind=kind,
        subject=subject,
        body=body,
        name=name,
        phone=phone.strip(),
        email=email,
        may_publish=may_publish,
        submitted_at=at,
        received_on=received_on,
        reply_workdays=reply_workdays_for(organization),
    )
    log_action(
        actor=PUBLIC_ACTOR,
        action="message.received",
        target=message,
        after={
            "reference": message.reference,
            "kind": kind,
            "received_on": received_on.isoformat(),
            "reply_workdays": message.reply_workdays,
            "may_publish": may_publish,
        },
    )
    return message


@transaction.atomic
def message_transfer(*, actor: Any, message: Message, to: Organization, reason: str) -> Message:
    """Hand the message to the body responsible for it. The writer's clock runs on."""
    require(actor, MESSAGE_HANDLE, message.organization)
    message = Message.objects.select_for_update().select_related("organization").get(pk=message.pk)
    if message.answered_at is not None:
        raise DomainError(_("An answered message cannot be transferred."))
    reason = required_text(reason, field="reason", message=_("Say why the message is transferred."))
    if to.pk == message.organization_id or not to.is_active:
        raise DomainError(_("Choose another body that is active."), field="to")
    if to.path.split(".")[0] != message.organization.path.split(".")[0]:
        raise DomainError(_("Choose a body of the same government."), field="to")
    origin = message.organization
    before = {"organization": origin.pk}
    MessageTransfer.objects.create(
        message=message,
        from_organization=message.organization,
        to_organization=to,
        reason=reason,
        transferred_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    message.organization = to
    message.save(update_fields=["organization"])
    log_action(
        actor=actor,
        action="message.transferred",
        target=message,
        organization=origin,
        before=before,
        after={"organization": to.pk},
        data={"reason": reason, "to": to.name},
    )
    return message


def _mail_answer(message_pk: int) -> None:
    """Queue the e-mail of the answer for when the transaction commits; the worker sends it
    and retries a failure (``tasks.mail_message_answer``). The back office shows an answer
    not yet mailed and can queue it again."""
    enqueue(
        "gongkai.participation.tasks.mail_message_answer", message_pk, name=f"message-answer-{message_pk}"
    )


@transaction.atomic
def message_answer(*, actor: Any, message: Message, answer: str) -> Message:
    require(actor, MESSAGE_HANDLE, message.organization)
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.answered_at is not None:
        raise DomainError(_("The message is already answered."))
    answer = required_text(answer, field="answer", message=_("Write the answer."))
    before = state(message, ANSWER_FIELDS)
    message.answer = answer
    message.answered_at = now()
    message.answered_by = actor if getattr(actor, "is_authenticated", False) else None
    message.save(update_fields=ANSWER_FIELDS)
    log_action(
        actor=actor,
        action="message.answered",
        target=message,
        before=before,
        after={**state(message, ANSWER_FIELDS), "characters": len(answer)},
    )
    _mail_answer(message.pk)
    return message


@transaction.atomic
def message_resend_answer(*, actor: Any, message: Message) -> None:
    require(actor, MESSAGE_HANDLE, message.organization)
    message = Message.objects.get(pk=message.pk)
    if message.answered_at is None:
        raise DomainError(_("The message is not answered yet."))
    log_action(actor=actor, action="message.answer_resend_requested", target=message)
    _mail_answer(message.pk)


@transaction.atomic
def message_publish(*, actor: Any, message: Message, public_question: str, public_answer: str) -> Message:
    """Publish the question and answer, as edited by staff, without the writer's data."""
    require(actor, PARTICIPATION_PUBLISH, message.organization)
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.answered_at is None:
        raise DomainError(_("Answer the message before publishing it."))
    if not message.may_publish:
        raise DomainError(_("The writer did not agree to publication."))
    if message.published_at is not None:
        raise DomainError(_("The message is already published."))
    contacts = [Contact(name=message.name, phone=message.phone, email=message.email)]
    public_question = required_text(
        public_question, field="public_question", message=_("Give the question as it is to be published.")
    )
    public_answer = required_text(
        public_answer, field="public_answer", message=_("Give the answer as it is to be published.")
    )
    check_public_text(public_question, field="public_question", contacts=contacts)
    check_public_text(public_answer, field="public_answer", contacts=contacts)
    before = state(message, PUBLIC_FIELDS)
    message.public_question = public_question
    message.public_answer = public_answer
    message.published_at = now()
    message.save(update_fields=PUBLIC_FIELDS)
    log_action(
        actor=actor,
        action="message.published",
        target=message,
        before=before,
        after=state(message, PUBLIC_FIELDS),
    )
    _reindex(message)
    return message


@transaction.atomic
def message_unpublish(*, actor: Any, message: Message, reason: str) -> Message:
    require(actor, PARTICIPATION_PUBLISH, message.organization)
    reason = required_text(reason, field="reason", message=_("Give the reason for withdrawing it."))
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.published_at is None:
        raise DomainError(_("The message is not published."))
    before = state(message, ["published_at"])
    message.published_at = None
    message.save(update_fields=["published_at"])
    log_action(
        actor=actor,
        action="message.unpublished",
        target=message,
        before=before,
        after={"published_at": None},
        data={"reason": reason},
    )
    _reindex(message)
    return message


# --- Overdue alerts ------------------------------------------------------------------------------


def _handlers(organizations: Iterable[Organization]) -> list[tuple[Organization, Any]]:
    from gongkai.accounts.models import Membership
    from gongkai.accounts.roles import permissions_of

    ids = [o.pk for o in organizations]
    return [
        (m.organization, m.user)
        for m in Membership.objects.filter(
            organization_id__in=ids, organization__is_active=True, user__is_active=True
        ).select_related("user", "organization")
        if MESSAGE_HANDLE in permissions_of(m.role)
    ]


def alerts_send(*, on: dt.date) -> int:
    """E-mail each message handler of each body with unanswered messages overdue or due
    soon on ``on`` (references, subjects and due dates; no writer's data). Idempotent: a
    person alerted for the day is not alerted again."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from gongkai.participation.selectors import open_messages_by_urgency

    sent = 0
    urgency = open_messages_by_urgency(on=on)
    organizations = [org for org, (overdue, due_soon) in urgency.items() if overdue or due_soon]
    for organization, user in _handlers(organizations):
        overdue, due_soon = urgency[organization]
        with transaction.atomic():
            run, _created = AlertRun.objects.select_for_update().get_or_create(
                organization=organization, recipient=user, on=on
            )
            if run.sent_at is not None:
                continue
            if user.email:
                context = {"organization": organization, "on": on, "overdue": overdue, "due_soon": due_soon}
                subject = _("Messages to answer: %(organization)s, %(date)s") % {
                    "organization": organization.name,
                    "date": on.isoformat(),
                }
                send_mail(
                    subject, render_to_string("participation/email/alerts.txt", context), None, [user.email]
                )
                sent += 1
            run.items = len(overdue) + len(due_soon)
            run.sent_at = timezone.now()
            run.save(update_fields=["items", "sent_at"])
    return sent
