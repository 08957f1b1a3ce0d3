"""``manage.py participation_alerts [--date YYYY-MM-DD]``: the daily e-mail to each body's
message handlers listing messages from the public that are overdue or due soon, and the
removal of flood-protection records older than a day. Run it daily (cron, systemd timer);
running it twice on a day sends nothing the second time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from gongkai.participation.selectors import load_calendar
from gongkai.participation.services.messages import alerts_send
from gongkai.participation.throttle import forget_attempts


class Command(BaseCommand):
    help = "Alert message handlers to overdue and due-soon messages from the public (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day of the alert (default: today, Asia/Shanghai)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        forgotten = forget_attempts()
        if not load_calendar().is_workday(day):
            self.stdout.write(f"{day}: not a working day, no alerts ({forgotten} old form posts forgotten)")
            return
        with translation.override(settings.LANGUAGE_CODE):
            sent = alerts_send(on=day)
        self.stdout.write(f"{day}: {sent} alert(s) sent ({forgotten} old form posts forgotten)")
