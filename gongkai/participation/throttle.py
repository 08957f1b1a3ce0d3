"""Flood protection of the public forms without any outside service: each post is recorded
under a keyed hash of the client address, and a client that has posted
``SUBMISSIONS_PER_HOUR`` times in the last hour is refused until the hour has passed. The
count lives in the database, so it holds across server processes and restarts (a cache
would need memcached or Redis to do the same); the captcha on every form stops scripts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.participation.conf import rules
from gongkai.participation.models import SubmissionAttempt

WINDOW = dt.timedelta(hours=1)


class TooManySubmissions(DomainError):
    def __init__(self) -> None:
        super().__init__(
            _("Too many submissions from your connection in the last hour. Please try again later."),
            code="rate_limited",
        )


def client_key(address: str) -> str:
    """A keyed hash of the client address: enough to count posts, useless to find a person."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def record_attempt(*, form: str, address: str) -> None:
    """Count one post of ``form``; raise ``TooManySubmissions`` when the client is over the
    limit (the refused post is counted too, so hammering does not reset the window)."""
    key = client_key(address)
    since = timezone.now() - WINDOW
    recent = SubmissionAttempt.objects.filter(client=key, at__gte=since).count()
    SubmissionAttempt.objects.create(form=form, client=key)
    if recent >= rules().submissions_per_hour:
        raise TooManySubmissions()


def forget_attempts(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    deleted, _rows = SubmissionAttempt.objects.filter(at__lt=timezone.now() - older_than).delete()
    return deleted
