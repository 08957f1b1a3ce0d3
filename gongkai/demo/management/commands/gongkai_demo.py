"""`gongkai demo`: migrate the demo's SQLite database, load the demo government, print
the staff accounts, and serve on 127.0.0.1 with a background worker beside the site, so
that the demo really sends what it queues (e-mail goes to files, docs/operations.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from gongkai.demo.data import load_demo


def start_worker() -> subprocess.Popen[bytes]:
    """`gongkai manage qcluster` in a child process with this process's environment (the
    demo's data folder and mode)."""
    return subprocess.Popen(
        [sys.executable, "-m", "gongkai.cli", "manage", "qcluster"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        },
    )


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


class Command(BaseCommand):
    help = "Set up and serve the demo government, with a background worker."

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
        if not serve:
            return
        worker = start_worker()
        self.stdout.write(f"Background worker (qcluster) started, process {worker.pid}.")
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)
        finally:
            stop_worker(worker)
