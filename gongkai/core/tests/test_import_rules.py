"""The dependency direction of docs/architecture.md, read from the imports themselves."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
KERNEL = {"core", "accounts"}
DOMAIN = {"workdays", "column", "reports", "requests", "disclosure", "search", "participation"}
INTERFACE = {"portal", "backoffice", "api", "demo"}
# Which Gongkai apps each layer may import (besides itself and annualreport).
ALLOWED = {
    "core": {"core", "accounts"},  # the audit log refers to organizations and users
    "accounts": {"core", "accounts"},
    **{app: KERNEL | {"workdays", app} for app in DOMAIN},
    **{app: KERNEL | DOMAIN | INTERFACE for app in INTERFACE},
}
# reports computes tables through providers that requests and disclosure register with
# it (reports.providers), so they may import reports and reports never imports them.
# disclosure feeds the search index behind search's interface.
ALLOWED["requests"] = ALLOWED["requests"] | {"reports"}
ALLOWED["disclosure"] = ALLOWED["disclosure"] | {"reports", "search"}
# participation registers its figures with reports (section 一's sentences), feeds search,
# and links publications (decision documents, project stages) and reuses disclosure's
# personal-data scan; disclosure never imports participation.
ALLOWED["participation"] = ALLOWED["participation"] | {"reports", "search", "disclosure"}


def gongkai_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "gongkai" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_apps_import_only_what_their_layer_allows():
    offences = []
    for app, allowed in ALLOWED.items():
        for path in (PACKAGE / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            bad = gongkai_imports(path) - allowed - {"annualreport"}
            if bad:
                offences.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert offences == []
