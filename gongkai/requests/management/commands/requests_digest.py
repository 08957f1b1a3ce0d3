"""``manage.py requests_digest [--date YYYY-MM-DD]``: the daily e-mail to office heads
with overdue, due-soon and unconfirmed applications. Run it daily (cron, systemd timer);
running it twice on a day sends nothing the second time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from gongkai.requests.selectors import load_calendar
from gongkai.requests.services import digest_send


class Command(BaseCommand):
    help = "Send the daily digest of applications due to the heads of disclosure offices (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day of the digest (default: today, Asia/Shanghai)")
        parser.add_argument(
            "--even-on-days-off", action="store_true", help="send on weekends and holidays too"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        if not options["even_on_days_off"] and not load_calendar().is_workday(day):
            self.stdout.write(f"{day}: not a working day, no digest")
            return
        with translation.override(settings.LANGUAGE_CODE):
            sent = digest_send(on=day)
        self.stdout.write(f"{day}: {sent} digest(s) sent")
