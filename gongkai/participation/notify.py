"""E-mail to the public, in Chinese. One small function per message, run by the background
task (``tasks.py``), so that at integration it can be pointed at the shared notification
module without touching the services that queue it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from gongkai.participation.models import Message


def send_message_answer(message: Message) -> None:
    """The answer to a message, to the writer's e-mail address, in Chinese."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Answer to your message %(reference)s") % {"reference": message.reference}
        body = render_to_string("participation/email/answer.txt", {"message": message})
    send_mail(subject, body, None, [message.email])
