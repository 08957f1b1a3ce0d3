"""Where computed tables come from.

Domain apps register a provider for the tables they count (disclosure: 表二 from
publications and yearly counts; requests: 表三 and 表四 from applications and cases) in
their AppConfig.ready(). ``reports`` then computes a report without importing them, which
keeps the domain apps independent of each other.

A provider is ``provider(organizations, year, layout) -> Table`` where ``organizations``
is the list of bodies whose records are counted (one body, or a government with its
units for a rolled-up report) and ``layout`` the format of the table.

Narrative providers do the same for the text sections: ``provider(organizations, year)``
returns sentences computed from records (participation: decisions consulted on, opinions
adopted, projects disclosed …) that a computed report's section starts with and that the
correction page offers to the clerk, who keeps or edits them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gongkai.accounts.models import Organization
from gongkai.annualreport.formats import FormatCode
from gongkai.annualreport.model import Table

TableProvider = Callable[[Sequence[Organization], int, FormatCode], Table]

_PROVIDERS: dict[str, TableProvider] = {}


def register_table_provider(table: str, provider: TableProvider) -> None:
    if table not in ("T2", "T3", "T4"):
        raise ValueError(f"unknown table {table!r}")
    _PROVIDERS[table] = provider


def table_provider(table: str) -> TableProvider | None:
    return _PROVIDERS.get(table)


NarrativeProvider = Callable[[Sequence[Organization], int], list[str]]

_NARRATIVE: dict[str, dict[str, NarrativeProvider]] = {}


def register_narrative_provider(section: str, name: str, provider: NarrativeProvider) -> None:
    if section not in ("overview", "problems", "other_matters"):
        raise ValueError(f"unknown section {section!r}")
    _NARRATIVE.setdefault(section, {})[name] = provider


def narrative_sentences(section: str, organizations: Sequence[Organization], year: int) -> list[str]:
    """The sentences every registered provider computes for ``section``, in the order of
    the providers' names (so the text is the same on every run)."""
    providers = _NARRATIVE.get(section, {})
    return [sentence for name in sorted(providers) for sentence in providers[name](organizations, year)]
