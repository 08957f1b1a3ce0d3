"""Subcommands of `gongkai` that need the Django project: demo, serve, manage, workdays."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

USAGE = """usage: gongkai <command> [options]

commands:
  report check|convert|batch   read and check annual reports (no database needed)
  demo [--port PORT] [--data-dir DIR]
                               a demo government on an embedded SQLite database, served on localhost
  serve [--bind ADDR] [--workers N]
                               the site for production (gunicorn)
  manage COMMAND …             any Django management command (migrate, createsuperuser, …)
  backup FILE                  the database (with the search index) and uploaded files, in one archive
  restore FILE [--yes]         put a backup back (stop the site first)
  workdays add DATE N | count A B
                               working-day arithmetic on the statutory calendar
"""


def _django(mode: str | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if mode:
        os.environ["GONGKAI_MODE"] = mode
    import django

    django.setup()


def _demo(args: Sequence[str]) -> int:
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="gongkai demo")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--data-dir", type=Path, default=Path("gongkai-demo"))
    parser.add_argument("--no-serve", action="store_true", help="set up the demo and exit")
    options = parser.parse_args(args)
    data_dir = options.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)  # the demo always runs on its own SQLite file
    _django("demo")
    from django.core.management import call_command

    call_command("gongkai_demo", port=options.port, serve=not options.no_serve)
    return 0


def _serve(args: Sequence[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="gongkai serve")
    parser.add_argument("--bind", default=os.environ.get("GONGKAI_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS", "3")))
    options = parser.parse_args(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from gunicorn.app.wsgiapp import run

    sys.argv = [
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        options.bind,
        "--workers",
        str(options.workers),
    ]
    run()
    return 0


def _manage(args: Sequence[str]) -> int:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *args])
    return 0


def _backup(args: Sequence[str]) -> int:
    return _manage(["backup", *args])


def _restore(args: Sequence[str]) -> int:
    return _manage(["restore", *args])


def _workdays(args: Sequence[str]) -> int:
    _django()
    from gongkai.workdays.cli import main as workdays_main

    return workdays_main(list(args))


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "demo": _demo,
    "serve": _serve,
    "manage": _manage,
    "backup": _backup,
    "restore": _restore,
    "workdays": _workdays,
}


def main(args: Sequence[str]) -> int:
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    command = COMMANDS.get(args[0])
    if command is None:
        print(f"gongkai: unknown command {args[0]!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    return command(args[1:])
