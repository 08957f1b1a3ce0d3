"""Settings of public participation, from ``settings.GONGKAI["PARTICIPATION"]`` (a dict),
each with a default. A body may set its own message time limit and media limit in the
back office (``ParticipationSettings``); these are the defaults for bodies that have not.

``MESSAGE_REPLY_WORKDAYS`` (5)
    Working days to answer a message from the public. No national rule fixes the number;
    provincial rules on government websites commonly say 5 working days.
``MESSAGE_DUE_SOON_WORKDAYS`` (1)
    How many working days before its due date a message is marked "due soon".
``MEDIA_STALE_DAYS`` (14)
    A new-media account not updated for this many days is flagged (the national checks of
    government websites and new media treat two weeks without an update as a failure).
``MIN_CONSULTATION_DAYS`` (30)
    《重大行政决策程序暂行条例》 Art. 15: a public consultation lasts in general at least
    30 days; a shorter period must state its reason.
``SUBMISSIONS_PER_HOUR`` (10)
    Posts of the public forms (opinions, messages, surveys) one client address may make in
    an hour, counted together.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ParticipationRules:
    message_reply_workdays: int = 5
    message_due_soon_workdays: int = 1
    media_stale_days: int = 14
    min_consultation_days: int = 30
    submissions_per_hour: int = 10


def rules() -> ParticipationRules:
    values = dict(getattr(settings, "GONGKAI", {}).get("PARTICIPATION", {}))
    defaults = ParticipationRules()
    return ParticipationRules(
        message_reply_workdays=int(values.get("MESSAGE_REPLY_WORKDAYS", defaults.message_reply_workdays)),
        message_due_soon_workdays=int(
            values.get("MESSAGE_DUE_SOON_WORKDAYS", defaults.message_due_soon_workdays)
        ),
        media_stale_days=int(values.get("MEDIA_STALE_DAYS", defaults.media_stale_days)),
        min_consultation_days=int(values.get("MIN_CONSULTATION_DAYS", defaults.min_consultation_days)),
        submissions_per_hour=int(values.get("SUBMISSIONS_PER_HOUR", defaults.submissions_per_hour)),
    )
