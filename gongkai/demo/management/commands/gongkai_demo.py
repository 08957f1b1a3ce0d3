"""`gongkai demo`: migrate the demo's SQLite database, load the demo government, print
the staff accounts, and serve on 127.0.0.1."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from gongkai.demo.data import load_demo


class Command(BaseCommand):
    help = "Set up and serve the demo government."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", dest="serve", action="store_false")

    def handle(self, *args: Any, port: int = 8000, serve: bool = True, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        result = load_demo()
        database = settings.DATABASES["default"]["NAME"]
        self.stdout.write(f"Demo database: {database}")
        self.stdout.write(f"Demo government: {result.government.name}")
        self.stdout.write("Staff accounts (username / password / role / organization):")
        for username, password, role, slug in result.accounts:
            self.stdout.write(f"  {username:12} {password:28} {role} · {slug}")
        url = f"http://127.0.0.1:{port}/"
        self.stdout.write(f"Public site: {url}    Back office: {url}backoffice/")
        if serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)
