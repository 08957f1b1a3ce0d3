"""The daily digest of due and overdue requests."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.requests.codes import (
    Status,
)
from gongkai.requests.models import (
    DigestRun,
    InfoRequest,
)
from gongkai.requests.services._common import ASSIGN

# --- the daily digest ----------------------------------------------------------------------------


def digest_send(*, on: dt.date) -> int:
    """Send each office head (``request.assign``) of each body one e-mail for ``on``
    listing overdue and due-soon applications (references and dates only, no personal
    data). Idempotent: a digest already recorded for the day is not sent again."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from gongkai.accounts.models import Membership
    from gongkai.accounts.roles import permissions_of
    from gongkai.requests.selectors import due_soon_until

    soon_until = due_soon_until(on)
    sent = 0
    heads = [
        m
        for m in Membership.objects.filter(organization__is_active=True, user__is_active=True).select_related(
            "user", "organization"
        )
        if ASSIGN in permissions_of(m.role)
    ]
    for membership in heads:
        user, organization = membership.user, membership.organization
        with transaction.atomic():
            run, _created = DigestRun.objects.select_for_update().get_or_create(
                organization=organization, recipient=user, on=on
            )
            if run.sent_at is not None:
                continue
            open_requests = InfoRequest.objects.filter(organization=organization).exclude(
                status=Status.CLOSED
            )
            overdue = list(open_requests.filter(next_due_on__lt=on).order_by("next_due_on"))
            due_soon = list(
                open_requests.filter(next_due_on__gte=on, next_due_on__lte=soon_until).order_by("next_due_on")
            )
            unconfirmed = list(
                open_requests.filter(status=Status.AWAITING_CONFIRMATION).order_by("submitted_at")
            )
            items = len(overdue) + len(due_soon) + len(unconfirmed)
            if items and user.email:
                context = {
                    "organization": organization,
                    "on": on,
                    "overdue": overdue,
                    "due_soon": due_soon,
                    "unconfirmed": unconfirmed,
                    "user": user,
                }
                subject = _("Applications due: %(organization)s, %(date)s") % {
                    "organization": organization.name,
                    "date": on.isoformat(),
                }
                send_mail(subject, render_to_string("requests/digest.txt", context), None, [user.email])
                sent += 1
            run.items = items
            run.sent_at = timezone.now()
            run.save(update_fields=["items", "sent_at"])
    return sent
