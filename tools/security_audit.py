"""The dependency audit and the security lint of bin/test (docs/security.md).

* ``bandit`` over our code (tests and migrations aside), with the checks listed in
  pyproject.toml's [tool.bandit] skipped for the reasons given in docs/security.md: any
  other finding fails.
* ``pip-audit`` over the installed packages: a known vulnerability fails. When no package
  could be audited at all (the vulnerability service is unreachable, as on a machine that
  reaches only a package mirror), it says so loudly and fails only with
  ``GONGKAI_REQUIRE_AUDIT=1`` (set it in CI where the service is reachable).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def run_bandit() -> int:
    result = subprocess.run(
        [
            str(BIN / "bandit"),
            "-q",
            "-c",
            "pyproject.toml",
            "-x",
            "*/tests/*,*/migrations/*",
            "-r",
            "gongkai",
            "config",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(result.stdout, result.stderr, sep="\n")
        print("bandit: findings above (justify in docs/security.md and pyproject.toml, or fix)")
        return 1
    print("bandit: no findings")
    return 0


def run_pip_audit() -> int:
    result = subprocess.run(
        [str(BIN / "pip-audit"), "--local", "--format", "json", "--progress-spinner", "off"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout[-2000:], result.stderr[-2000:], sep="\n")
        return 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = [d for d in dependencies if "skip_reason" not in d]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            print(
                f"pip-audit: {dependency['name']} {dependency['version']}: {vuln['id']} (fix: {vuln.get('fix_versions')})"
            )
    if vulnerable:
        return 1
    if not audited:
        print(
            f"pip-audit: WARNING — none of {len(dependencies)} packages could be audited "
            "(no vulnerability service reachable); nothing was checked"
        )
        return 1 if os.environ.get("GONGKAI_REQUIRE_AUDIT") == "1" else 0
    print(f"pip-audit: {len(audited)} packages audited, no known vulnerability")
    return 0


if __name__ == "__main__":
    sys.exit(run_bandit() | run_pip_audit())
