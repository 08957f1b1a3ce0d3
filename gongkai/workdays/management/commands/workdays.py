"""``manage.py workdays add DATE N | count A B`` — the same as ``gongkai workdays``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Working-day arithmetic on the statutory calendar: add DATE N | count A B."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", nargs="*")

    def handle(self, *args: str, **options: Any) -> None:
        from gongkai.workdays.cli import main

        status = main(list(args))
        if status:
            raise SystemExit(status)
