"""The report core is plain Python: it imports nothing of Django, nor any Gongkai app."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_of_the_core_imports_django_or_the_platform():
    offenders = {}
    for path in CORE.rglob("*.py"):
        bad = {
            name
            for name in imported_modules(path)
            if name.split(".")[0] == "django"
            or (name.startswith("gongkai.") and not name.startswith("gongkai.annualreport"))
        }
        if bad:
            offenders[str(path.relative_to(CORE))] = sorted(bad)
    assert offenders == {}


def test_the_command_line_runs_without_django_loaded():
    code = (
        "import sys; from gongkai.annualreport.cli import main; "
        f"rc = main(['report', 'check', '--json', {str(CORE / 'tests/data/000_7c7920e851bb8139.txt')!r}]); "
        "assert 'django' not in sys.modules, 'django was imported'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
