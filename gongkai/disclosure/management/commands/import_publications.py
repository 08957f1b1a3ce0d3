"""Import publications from a CSV, XLSX or JSON file: every row is checked first, an error
report names the row and field, and nothing is written unless every row is right."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import Progress

from gongkai.accounts.access import get_public_organization
from gongkai.core.errors import DomainError
from gongkai.disclosure.importer import ImportFailed, publications_import, read_rows


class Command(BaseCommand):
    help = "Import publications (all or nothing) from a .csv, .xlsx or .json file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", help="the organization's URL name (slug)")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--published", action="store_true", help="the items were already published (发布日期 required)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organization = get_public_organization(options["organization"])
        except Exception as error:
            raise CommandError(f"no organization {options['organization']!r}") from error
        path: Path = options["file"]
        try:
            rows = read_rows(path.read_bytes(), path.name)
        except DomainError as problem:
            raise CommandError(problem.message) from problem
        with Progress(transient=True) as progress:
            task = progress.add_task(f"{path.name}", total=len(rows))
            try:
                created = publications_import(
                    actor="import",
                    organization=organization,
                    rows=rows,
                    published=options["published"],
                    progress=lambda n: progress.advance(task, n),
                )
            except ImportFailed as failure:
                progress.stop()
                for row_error in failure.errors:
                    self.stderr.write(f"row {row_error.row}, {row_error.field}: {row_error.message}")
                raise CommandError(failure.message) from failure
        self.stdout.write(f"{len(created)} publications imported")
