"""Messages from the public: receipt, the clock on the workday calendar (kept across a
transfer), the answer e-mailed to the writer, publication without the writer's data, and
the daily alerts of overdue messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from gongkai.accounts.roles import Role
from gongkai.core.audit import trail_for
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.models import AuditEntry
from gongkai.core.testing import persona
from gongkai.participation.models import Message, ParticipationSettings
from gongkai.participation.selectors import load_calendar, message_clock
from gongkai.participation.services import messages

pytestmark = pytest.mark.django_db


def _write(world, **values):
    return messages.message_submit(
        organization=world.department,
        kind=values.pop("kind", "question"),
        subject=values.pop("subject", "学区划分咨询"),
        body=values.pop("body", "请问2025年秋季学期的学区如何划分？"),
        name=values.pop("name", "赵六"),
        email=values.pop("email", "zhaoliu@example.cn"),
        phone=values.pop("phone", "13812345678"),
        may_publish=values.pop("may_publish", True),
    )


def test_the_answer_is_due_on_the_fifth_working_day_across_the_national_day(world, time_machine):
    # Received on Tuesday 30 September 2025. 1–8 October are holidays and Saturday 11
    # October is a make-up workday (国办发明电〔2024〕12号): 9, 10, 11, 13, 14 October.
    time_machine.to(dt.date(2025, 9, 30), hour=16)
    message = _write(world)
    assert message.reference == "LY2025-00001"
    assert message.received_on == dt.date(2025, 9, 30)
    calendar = load_calendar()
    clock = message_clock(message, calendar, dt.date(2025, 10, 9))
    assert clock.due_on == dt.date(2025, 10, 14)
    assert clock.state == "open" and not clock.provisional
    assert message_clock(message, calendar, dt.date(2025, 10, 13)).state == "due_soon"
    assert message_clock(message, calendar, dt.date(2025, 10, 15)).state == "overdue"


def test_a_changed_limit_or_a_transfer_does_not_move_the_due_date(world, handler, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    message = _write(world)
    ParticipationSettings.objects.create(organization=world.department, message_reply_workdays=10)
    other_handler = persona(Role.HANDLER, world.other_department)
    with pytest.raises(PermissionDenied):
        messages.message_transfer(actor=other_handler, message=message, to=world.other_department, reason="x")
    with pytest.raises(DomainError) as error:
        messages.message_transfer(actor=handler, message=message, to=world.other_department, reason=" ")
    assert error.value.field == "reason"
    moved = messages.message_transfer(
        actor=handler, message=message, to=world.other_department, reason="属于卫生健康局职责"
    )
    assert moved.organization == world.other_department and moved.addressed_to == world.department
    assert moved.reply_workdays == 5
    assert message_clock(moved, load_calendar(), dt.date(2025, 3, 3)).due_on == dt.date(2025, 3, 10)
    with pytest.raises(PermissionDenied):  # the first body's handler no longer handles it
        messages.message_answer(actor=handler, message=moved, answer="答复")
    entry = trail_for(moved).first()
    assert entry.action == "message.transferred"
    assert entry.before == {"organization": world.department.pk}
    assert entry.after == {"organization": world.other_department.pk}
    # The new body's own limit applies to what it receives next, not to this message.
    new = messages.message_submit(
        organization=world.department,
        kind="suggestion",
        subject="s",
        body="b",
        name="n",
        email="n@example.cn",
    )
    assert new.reply_workdays == 10


def test_the_answer_is_recorded_and_e_mailed_to_the_writer(
    world, handler, time_machine, django_capture_on_commit_callbacks
):
    time_machine.to(dt.date(2025, 3, 3))
    message = _write(world)
    time_machine.to(dt.date(2025, 3, 6))
    with django_capture_on_commit_callbacks(execute=True):
        answered = messages.message_answer(actor=handler, message=message, answer="学区划分方案将于4月公布。")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["zhaoliu@example.cn"]
    assert "LY2025-00001" in sent.subject
    assert "学区划分方案将于4月公布。" in sent.body and "赵六" in sent.body
    answered.refresh_from_db()
    assert answered.answer_mailed_at is not None
    assert message_clock(answered, load_calendar(), dt.date(2025, 3, 20)).state == "answered"
    actions = [e.action for e in trail_for(answered)]
    assert actions[:2] == ["message.answer_mailed", "message.answered"]
    with pytest.raises(DomainError, match="already answered"):
        messages.message_answer(actor=handler, message=answered, answer="again")


def test_a_failed_e_mail_leaves_the_answer_and_can_be_sent_again(
    world, handler, time_machine, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "gongkai.participation.tests.test_messages.FailingBackend"
    time_machine.to(dt.date(2025, 3, 3))
    message = _write(world)
    # Tests run tasks at once and let their errors through; the worker would retry it.
    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        messages.message_answer(actor=handler, message=message, answer="答复")
    message.refresh_from_db()
    assert message.answered_at is not None and message.answer_mailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        messages.message_resend_answer(actor=handler, message=message)
    message.refresh_from_db()
    assert message.answer_mailed_at is not None and len(mail.outbox) == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


def test_publication_needs_consent_and_no_personal_data(world, handler, head, time_machine):
    time_machine.to(dt.date(2025, 3, 3))
    private = _write(world, may_publish=False)
    public = _write(world, body="我是赵六，电话13812345678，请问学区如何划分？")
    for message in (private, public):
        messages.message_answer(actor=handler, message=message, answer="将于4月公布。")
    with pytest.raises(DomainError, match="did not agree"):
        messages.message_publish(actor=head, message=private, public_question="q", public_answer="a")
    with pytest.raises(PermissionDenied):
        messages.message_publish(actor=handler, message=public, public_question="q", public_answer="a")
    with pytest.raises(DomainError) as error:
        messages.message_publish(
            actor=head, message=public, public_question=public.body, public_answer="将于4月公布。"
        )
    assert error.value.field == "public_question"
    published = messages.message_publish(
        actor=head, message=public, public_question="请问学区如何划分？", public_answer="将于4月公布。"
    )
    assert published.published_at is not None
    text = " ".join(str([e.before, e.after, e.data]) for e in AuditEntry.objects.all())
    assert "赵六" not in text and "13812345678" not in text and "zhaoliu@example.cn" not in text


def test_alerts_go_once_a_day_to_the_handlers_without_personal_data(world, handler, head, time_machine):
    handler.email = "handler@example.gov.cn"
    handler.save()
    time_machine.to(dt.date(2025, 3, 3))
    overdue = _write(world, subject="逾期的留言")
    time_machine.to(dt.date(2025, 3, 7))
    _write(world, subject="刚收到的留言")
    answered = _write(world, subject="已答复的留言")
    messages.message_answer(actor=handler, message=answered, answer="好")
    assert messages.alerts_send(on=dt.date(2025, 3, 11)) == 1
    assert messages.alerts_send(on=dt.date(2025, 3, 11)) == 0  # idempotent
    body = mail.outbox[-1].body
    assert overdue.reference in body and "逾期的留言" in body
    assert "刚收到的留言" not in body and "已答复的留言" not in body
    assert "赵六" not in body and "13812345678" not in body
    assert mail.outbox[-1].to == ["handler@example.gov.cn"]
    assert Message.objects.count() == 3


def test_the_mail_task_sends_once(world, handler, time_machine, django_capture_on_commit_callbacks):
    from gongkai.participation.tasks import mail_message_answer

    time_machine.to(dt.date(2025, 3, 3))
    message = _write(world)
    with django_capture_on_commit_callbacks(execute=True):
        messages.message_answer(actor=handler, message=message, answer="答复")
    mail_message_answer(message.pk)  # delivered a second time by the queue
    assert len(mail.outbox) == 1


def test_the_alerts_command_runs_on_working_days_only(world, handler, time_machine):
    from io import StringIO

    from django.core.management import call_command

    handler.email = "handler@example.gov.cn"
    handler.save()
    time_machine.to(dt.date(2025, 3, 3))
    _write(world)
    out = StringIO()
    call_command("participation_alerts", "--date", "2025-03-15", stdout=out)  # a Saturday
    assert "not a working day" in out.getvalue() and not mail.outbox
    call_command("participation_alerts", "--date", "2025-03-17", stdout=out)
    call_command("participation_alerts", "--date", "2025-03-17", stdout=out)
    assert len(mail.outbox) == 1
